import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {compilePhrases, type PhraseMatcher} from '../../src/phrase-matcher.js'
import {lexicon, wordFacts} from './shared.js'

const ID = 'translation/calque'

interface Calque {
  phrase: string
  replacement: string
  note: string
}

let matcher: PhraseMatcher<Calque> | undefined

function calques(): PhraseMatcher<Calque> {
  matcher ??= compilePhrases(loadData<{calques: Calque[]}>('translation-calques.json').calques, (c) => c.phrase)
  return matcher
}

export default defineRule({
  id: ID,
  summary: 'Known machine-translation calques of names and terms (`Russian Satellite Network` = Sputnik, `Pubai Meeting`, `Tombs conflict`)',
  docs: `Machine translation renders names word for word: Chinese 俄罗斯卫星网 becomes \`Russian Satellite Network\`
(the agency is Sputnik), 普拜会 becomes \`Pubai Meeting\` (the Putin–Biden meeting), Finnish perussuomalaiset becomes
\`the basic Finns\` (the Finns Party). No public list of such calques exists, so the rule reads a curated one:
\`rules/data/translation-calques.json\`, each entry with the phrase, what it means and a note on where it comes from.
Phrases match case-insensitively on word boundaries, all compiled into one regular expression once per process.
The message gives the meaning as \`expected\` and the entry's note as \`note\`; not fixable, because the right wording around it (an article, a
possessive) depends on the sentence. Add entries for the calques of your sources; \`allow\` in the config silences a
phrase that is right in your texts.`,
  severity: 'warn',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'According to Sputnik, the Putin–Biden meeting ended early.\n'},
      {text: 'The satellite network of the Russian space agency was upgraded.\n'}
    ],
    invalid: [
      {
        text: 'According to a report from the Russian Satellite Network, talks will go on.\n',
        messages: ['1:32-1:57: Unexpected calque `Russian Satellite Network`, write `Sputnik`']
      },
      {
        text: 'The results of the Pubai meeting were mixed.\n',
        messages: ['1:20-1:33: Unexpected calque `Pubai meeting`, write `Putin–Biden meeting`']
      },
      {
        text: 'They spoke in the first week in Biden’s parliament.\n',
        messages: ['1:25-1:51: Unexpected calque `week in Biden’s parliament`, write `week of Biden\'s presidency`']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const facts = wordFacts(doc)
    for (const match of calques().matchesAtIds(doc.text, facts.starts, facts.ids, lexicon)) {
      const {replacement, note} = match.entry
      doc.report(file, ID, `Unexpected calque \`${match.text}\`, write \`${replacement}\``, match.start, match.end, {expected: [replacement], note})
    }
  }
})
