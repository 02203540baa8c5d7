import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {compilePhrases, type PhraseMatcher} from '../../src/phrase-matcher.js'
import {lexicon, wordFacts} from './shared.js'

const ID = 'translation/translationese'

interface Phrase {
  phrase: string
  replacement: string
  note: string
}

let matcher: PhraseMatcher<Phrase> | undefined

function phrases(): PhraseMatcher<Phrase> {
  matcher ??= compilePhrases(loadData<{phrases: Phrase[]}>('translation-translationese.json').phrases, (p) => p.phrase)
  return matcher
}

export default defineRule({
  id: ID,
  summary: 'Grammatical but translated-sounding connectives (`among other things` for Finnish muun muassa, German unter anderem)',
  docs: `Some source-language connectives come through machine translation as correct but unidiomatic English: Finnish
muun muassa, Swedish bland annat and German unter anderem become \`among other things\` where an English writer says
\`including\`. Each phrase is a weak signal on its own (a native writer may use it), so the rule has severity \`info\`;
many of them in one text point to machine translation. The list is \`rules/data/translation-translationese.json\`
(phrase, usual English, source-language note), matched case-insensitively and compiled into one regular expression
once per process. Fix: rephrase, usually with the replacement given.`,
  severity: 'info',
  fixable: false,
  options: {},
  examples: {
    valid: [{text: 'The package includes, for example, tax cuts and new rail links.\n'}],
    invalid: [
      {
        text: 'The plan covers, among other things, tax cuts.\n',
        messages: ['1:18-1:36: Unexpected translationese `among other things`, consider `including`']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const facts = wordFacts(doc)
    for (const match of phrases().matchesAtIds(doc.text, facts.starts, facts.ids, lexicon)) {
      const {replacement, note} = match.entry
      doc.report(file, ID, `Unexpected translationese \`${match.text}\`, consider \`${replacement}\``, match.start, match.end, {note})
    }
  }
})
