import {defineRule} from '../../src/rule.js'
import {clip} from '../../src/text.js'
import {bareWord} from '../../src/spelling.js'
import {TITLE_CASE, lexicon, onTitleLine, quoteAtWord, wordFacts} from './shared.js'

const ID = 'translation/dropped-subject'

/** Finite auxiliaries that open a question, never a statement. */
const AUXILIARIES = new Set(['has', 'have', 'is', 'are', 'was', 'does', 'did', 'can', 'could', 'will', 'would', 'must', 'hasn\'t', 'isn\'t', 'aren\'t', 'wasn\'t', 'doesn\'t', 'didn\'t', 'can\'t', 'couldn\'t', 'won\'t', 'wouldn\'t'])

/** The key of a lower-case bare word in `AUXILIARIES` (a straight apostrophe). */
function auxiliaryKey(lower: string): string {
  return lower.includes('’') ? lower.replace('’', '\'') : lower
}

/** `Have a look`, `Have your say`: imperatives. */
const IMPERATIVE_NEXT = new Set(['a', 'an', 'the', 'your', 'some', 'fun', 'faith', 'patience', 'mercy', 'no', 'it', 'them', 'him', 'her'])

export default defineRule({
  id: ID,
  summary: 'Statements that open with an auxiliary verb (`Has even set up a resistance.`): a dropped subject or a question without `?`',
  docs: `Finnish, Spanish, Italian, Japanese and many other languages drop the subject pronoun or mark questions
without changing word order; machine translation then writes statements such as \`Has even set up a resistance.\`
or \`Are the organisations right no matter what you think.\` A sentence of English prose does not open with a finite
auxiliary (\`has\`, \`is\`, \`was\`, \`can\`, \`will\`…) and end with a full stop. The rule reports such sentences
(three words or more, ending in \`.\`, outside quotes: speech is spoken English). Quiet on questions (\`?\`), headlines, conditional inversion (\`Should\`,
\`Had\`, \`Were\` are not in the list), imperatives (\`Do\`, \`Have a look\`), and \`Will\` before a capitalised word (a
name). Weak signal: severity \`info\`. Fix: restore the subject, or make it a question.`,
  severity: 'info',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'Has the government done enough? Critics say no.\n'},
      {text: 'Have a look at the map. Do it now, the coach said.\n'},
      {text: 'Will Smith was not at the ceremony.\n'},
      {text: 'Should the talks fail, prices will rise. Had he known, he would have stayed.\n'}
    ],
    invalid: [
      {
        text: 'The union called a strike. Has even set up a resistance fund.\n',
        messages: ['1:28-1:62: Unexpected statement opening with `Has` (`Has even set up a resistance fund.`): restore the subject, or make it a question']
      },
      {
        text: 'Is not clear whether the plan will work.\n',
        messages: ['1:1-1:41: Unexpected statement opening with `Is` (`Is not clear whether the plan will work.`): restore the subject, or make it a question']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const ids = wordFacts(doc).ids
    for (const sentence of doc.sentences) {
      if (sentence.endWord - sentence.firstWord < 3) continue
      const lower = auxiliaryKey(lexicon.lower[ids[sentence.firstWord]])
      if (!AUXILIARIES.has(lower)) continue
      const first = doc.words[sentence.firstWord]
      const text = doc.text.slice(sentence.start, sentence.end).trimEnd()
      if (!/[^.]\.["”’)]?$/.test(text)) continue
      if (doc.text.slice(sentence.start, first.start).trim() !== '') continue
      const second = bareWord(doc.words[sentence.firstWord + 1].text)
      if (lower === 'will' && TITLE_CASE.test(second)) continue
      if (lower === 'have' && IMPERATIVE_NEXT.has(second.toLowerCase())) continue
      if (onTitleLine(doc, sentence.firstWord)) continue
      if (quoteAtWord(doc, sentence.firstWord)) continue // quoted speech is spoken English
      doc.report(file, ID, `Unexpected statement opening with \`${bareWord(first.text)}\` (\`${clip(text, 50)}\`): restore the subject, or make it a question`, sentence.start, sentence.start + text.length)
    }
  }
})
