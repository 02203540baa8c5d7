import {defineRule} from '../../src/rule.js'
import {isProperNoun} from '../../src/dictionary.js'
import {bareWord, hasCapitalisedEntry, isEnglishSpelling} from '../../src/spelling.js'
import {quoteAt} from './shared.js'

const ID = 'translation/orphan-fragment'

/** One-word sentences a writer means: answers, interjections, sentence adverbs. */
const MEANT = new Set([
  'yes', 'no', 'okay', 'ok', 'thanks', 'sure', 'right', 'indeed', 'exactly', 'absolutely', 'true', 'false', 'correct', 'agreed', 'maybe',
  'perhaps', 'never', 'nothing', 'enough', 'period', 'fine', 'well', 'good', 'great', 'wow', 'oh', 'ah', 'alas', 'amen', 'please', 'sorry',
  'hello', 'goodbye', 'why', 'how', 'what', 'again', 'anyway', 'still', 'however', 'nonetheless', 'done', 'gone', 'over', 'silence',
  'nobody', 'none', 'everything', 'everyone', 'anything', 'always', 'often', 'rarely', 'sometimes', 'certainly', 'definitely', 'not',
  'hardly', 'almost', 'yet', 'so', 'then', 'now', 'later', 'soon', 'today', 'tomorrow', 'yesterday', 'here', 'there', 'cheers', 'welcome'
])

export default defineRule({
  id: ID,
  summary: 'Orphan fragments after a sentence (`Reuters said. I reported.`, `missile systems. Missiles.`)',
  docs: `A machine translation sometimes leaves a piece of the source sentence behind as a sentence of its own: a
repeated noun (\`…30 sets of "Javelin" missile systems. Missiles.\`) or a second attribution (\`…, Reuters said. I
reported.\`). The rule reports a one-word sentence that is a plain English noun or verb (not an answer, interjection
or adverb such as \`Yes.\`, \`Never.\`, \`Unfortunately.\`, not a name), and a two-word \`I\` + past-tense sentence,
when it follows another sentence on the same line and is not inside quotes or after a question or colon. Weak signal:
severity \`info\`. Fix: delete the fragment, or merge it into the sentence it came from.`,
  severity: 'info',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'Did the plan work? Partly. The rest failed.\n'},
      {text: 'The talks collapsed. Again. Nobody was surprised. Unfortunately.\n'},
      {text: 'Missiles.\nThe army bought new ones, Reuters said.\n'},
      {text: 'He said: "We lost. Badly." Then he left.\n'}
    ],
    invalid: [
      {
        text: 'The country also bought 30 sets of missile systems. Missiles.\n',
        messages: ['1:53-1:62: Unexpected fragment `Missiles.` after a sentence: delete it or merge it into the sentence']
      },
      {
        text: 'Leaders will discuss trade and security, Reuters said. I reported.\n',
        messages: ['1:56-1:67: Unexpected fragment `I reported.` after a sentence: delete it or merge it into the sentence']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    for (let s = 1; s < doc.sentences.length; s++) {
      const sentence = doc.sentences[s]
      const count = sentence.endWord - sentence.firstWord
      if (count < 1 || count > 2) continue
      const text = doc.text.slice(sentence.start, sentence.end).trim()
      if (!/^[\p{L}'’ ]+\.$/u.test(text)) continue
      const previous = doc.sentences[s - 1]
      // Same line, right after a sentence that ends with a full stop.
      const between = doc.text.slice(previous.start, sentence.start)
      if (between.includes('\n') || !/[.!]["”’)]?\s+$/.test(between)) continue
      const first = doc.words[sentence.firstWord]
      if (quoteAt(doc, first.start, first.end)) continue
      const bare = bareWord(first.text)
      if (count === 1) {
        const lower = bare.toLowerCase()
        if (MEANT.has(lower) || lower.endsWith('ly') || !isEnglishSpelling(lower)) continue
        if (isProperNoun(bare) || hasCapitalisedEntry(bare)) continue
      } else {
        const second = bareWord(doc.words[sentence.firstWord + 1].text)
        if (bare !== 'I' || !/^\p{Ll}+ed$/u.test(second)) continue
      }
      const start = doc.text.indexOf(text, sentence.start)
      doc.report(file, ID, `Unexpected fragment \`${text}\` after a sentence: delete it or merge it into the sentence`, start, start + text.length)
    }
  }
})
