import {defineRule} from '../../src/rule.js'
import {clip} from '../../src/text.js'
import {RUN_DEFAULTS, foreignRuns, quoteAt} from './shared.js'

const ID = 'translation/untranslated-run'

interface Options extends Record<string, unknown> {
  minWords: number
  minLength: number
}

export default defineRule<Options>({
  id: ID,
  summary: 'Runs of words left in another language inside English text (a Spanish or Finnish clause the translation skipped)',
  docs: `Machine translation sometimes gives up on a clause and copies it through: a run of Finnish, Spanish or German
words in the middle of English text. The rule looks for runs of at least \`minWords\` lower-case words that are not
English by the dictionary (at most two other words between two of them, no more English words than foreign ones,
at least \`minLength\` characters), and confirms each candidate with franc-min (only candidates are passed to it): a
run franc calls English is left alone. The message names the language when franc-min is confident (it does not know
Finnish, which is then reported as "not English"). When runs hold half of the document's words or more, the document
is reported once, over the span of its runs. Quiet on names (capitalised words never start or extend a run on
their own) and on short quoted titles (a run inside quotes of at most eight words). Single foreign words are
\`translation/untranslated-word\`'s. Fix: translate the run.`,
  severity: 'warn',
  fixable: false,
  options: {
    minWords: {type: 'number', default: RUN_DEFAULTS.minWords, min: 2, max: 50, description: 'Fewest non-English words in a run'},
    minLength: {type: 'number', default: RUN_DEFAULTS.minLength, min: 5, max: 1000, description: 'Fewest characters in a run'}
  },
  examples: {
    valid: [
      {text: 'The mayor of Seinäjoki, Jyväskylä and Haapamäki met on Monday.\n'},
      {text: 'The band played “la vida es un carnaval” to a full house.\n'},
      {text: 'The fund, a joint venture of the state and pension insurers, will invest in start-ups.\n'}
    ],
    invalid: [
      {
        text: 'The minister said that la situación económica sigue siendo muy difícil para las familias, and left.\n',
        messages: ['1:27-1:89: Unexpected untranslated text `situación económica sigue siendo muy di…` (Spanish), translate it']
      },
      {
        text: 'Officials said der Vorschlag wurde gestern vom Parlament abgelehnt und bleibt umstritten in Berlin.\n',
        messages: ['1:16-1:89: Unexpected untranslated text `der Vorschlag wurde gestern vom Parlame…` (German), translate it']
      },
      {
        text: 'Notícias de hoje\n\nO governo anunciou ontem um novo pacote de medidas económicas para as famílias.\n\nA oposição criticou duramente a proposta durante o debate no parlamento.\n',
        messages: ['3:3-5:49: Unexpected untranslated text: most of the document is not English (Portuguese), translate it or drop the document']
      },
      {
        text: 'The council said that päätös tehdään vasta ensi viikolla kokouksessa after the vote.\n',
        messages: ['1:23-1:69: Unexpected untranslated text `päätös tehdään vasta ensi viikolla koko…` (not English), translate it']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const runs = foreignRuns(doc, {minWords: options.minWords, minLength: options.minLength})
    // Most of the document in another language: one finding for the document, not one per run.
    if (runs.length > 0 && runs[0].documentLevel) {
      const language = runs[0].language
      const start = runs[0].start
      const end = runs[runs.length - 1].end
      doc.report(file, ID, `Unexpected untranslated text: most of the document is not English${language ? ` (${language})` : ''}, translate it or drop the document`, start, end, {actual: clip(doc.text.slice(start, end))})
      return
    }
    for (const run of runs) {
      const quote = quoteAt(doc, run.start, run.end)
      if (quote && quote.words <= 8) continue
      const text = doc.text.slice(run.start, run.end)
      doc.report(file, ID, `Unexpected untranslated text \`${clip(text)}\` (${run.language ?? 'not English'}), translate it`, run.start, run.end)
    }
  }
})
