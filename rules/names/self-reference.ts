import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {isCapitalised, lowerWordIn, namesIndex, plain, roleTables, spaceOnly, wordSetBit, type Mention} from './mentions.js'

const VERBS = new Set([
  'told', 'tells', 'tell', 'reveals', 'revealed', 'reveal', 'met', 'meets', 'meet', 'meeting', 'spoke', 'speaks',
  'talked', 'talks', 'called', 'calls', 'phoned', 'phones', 'thanked', 'thanks', 'congratulated', 'congratulates',
  'warned', 'warns', 'urged', 'urges', 'assured', 'assures', 'informed', 'informs', 'invited', 'invites', 'hosted',
  'hosts', 'received', 'receives', 'welcomed', 'welcomes', 'asked', 'asks', 'wrote', 'writes', 'praised', 'praises',
  'criticised', 'criticized', 'criticises', 'criticizes', 'accused', 'accuses', 'challenged', 'challenges',
  'promised', 'promises', 'briefed', 'briefs', 'visited', 'visits', 'greeted', 'greets', 'replied', 'replies',
  'answered', 'answers', 'explained', 'explains', 'said', 'says', 'telephoned', 'proposed', 'proposes', 'offered',
  'offers', 'sent', 'sends', 'reminded', 'reminds', 'assured', 'told'
])
const ADVERBS = new Set(['also', 'then', 'later', 'reportedly', 'again', 'personally', 'once', 'recently', 'has', 'had', 'have', 'will', 'would'])
const LINKS = new Set(['to', 'with', 'by', 'for', 'the', 'his', 'her', 'their', 'its', 'a', 'counterpart'])

const ADVERB = wordSetBit(ADVERBS)
const VERB = wordSetBit(VERBS)
const LINK = wordSetBit(LINKS)
let titleWordSet: Set<string> | undefined
let titleBit = 0

/** The word-set bit of `titles()`. */
function titleWord(): number {
  titleBit ||= wordSetBit(titles())
  return titleBit
}

/** Words of role phrases, gendered titles and country words (`President`, `Russian`, `counterpart`). */
function titles(): Set<string> {
  if (titleWordSet) return titleWordSet
  const t = roleTables()
  titleWordSet = new Set<string>()
  for (const role of t.roles) for (const token of role.tokens) titleWordSet.add(token)
  for (const token of t.countries.keys()) for (const part of token.split(' ')) titleWordSet.add(part)
  for (const title of t.gendered) for (const token of title.tokens) titleWordSet.add(token)
  return titleWordSet
}

/** Word `k` is in the sentence, with only spaces between it and the word before. */
function spaced(doc: Doc, k: number, sentence: number): boolean {
  const words = doc.words
  return words[k].sentence === sentence && spaceOnly(doc.text, words[k - 1].end, words[k].start)
}

/** The written surname of a mention (its last word, without a possessive), in lower case. */
function surname(doc: Doc, m: Mention): string {
  return plain(doc.text.slice(doc.words[m.last].start, m.end)).toLowerCase()
}

export default defineRule({
  id: 'names/self-reference',
  summary: 'The same person on both sides of a verb of speaking or meeting (`Putin reveals to President Putin`)',
  docs: `When a translation loses who spoke to whom, one name often replaces the other: \`Putin reveals to President
Putin\`, \`Biden met with Biden\`. The rule reads a known person, a verb of speaking, meeting or addressing
(\`told\`, \`reveals to\`, \`met with\`, \`called\`, \`thanked\`, …, after at most one adverb or auxiliary such as
\`also\`, \`has\`), then at most a preposition, a determiner and a title (\`President\`, \`his Russian
counterpart\`), and the same person again: the same entity in the gazetteer, or the same written surname.
Reflexive sentences are written with \`himself\`/\`herself\` and never match. Fix: put back the person meant on one
side (the article's other participant).`,
  severity: 'warn',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'Vladimir Putin told President Joe Biden that the talks were useful.\n'},
      {text: 'Putin told himself the talks were useful.\n'},
      {text: 'Biden met Putin in Geneva, and Putin thanked Biden.\n'}
    ],
    invalid: [
      {
        text: 'In a phone call, Vladimir Putin told President Putin that the era was over.\n',
        messages: ['1:18-1:53: Unexpected self-reference `Vladimir Putin told President Putin`: Vladimir Putin on both sides, one of the names is probably wrong']
      },
      {
        text: 'Jen Psaki met with Psaki on Monday.\n',
        messages: ['1:1-1:25: Unexpected self-reference `Jen Psaki met with Psaki`: Jen Psaki on both sides, one of the names is probably wrong']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const index = namesIndex(doc)
    const words = doc.words
    const title = titleWord()
    for (let mi = 0; mi < index.mentions.length; mi++) {
      const a = index.mentions[mi]
      if (a.glued || a.forms[0].entity.kind !== 'person') continue
      if (a.end !== words[a.last].end) continue
      const sentence = words[a.first].sentence
      // (The words are read with straight apostrophes, which none of these words holds.)
      let i = a.last + 1
      if (i < words.length && spaced(doc, i, sentence) && lowerWordIn(doc, index, i, ADVERB)) i++
      if (i >= words.length || !spaced(doc, i, sentence) || !lowerWordIn(doc, index, i, VERB)) continue
      // Between the verb and the second name: links and title words only, no punctuation.
      let j = i + 1
      let steps = 0
      while (j < words.length && index.mentionAt[j] < 0 && steps < 5 && spaced(doc, j, sentence)) {
        if (!(lowerWordIn(doc, index, j, LINK) || lowerWordIn(doc, index, j, title))) break
        j++
        steps++
      }
      if (j >= words.length || index.mentionAt[j] < 0 || !spaced(doc, j, sentence)) continue
      const b = index.mentions[index.mentionAt[j]]
      if (b.first !== j || b.end !== words[b.last].end) continue
      // `Trump Tower`: the second name runs on into a longer capitalised name.
      const after = words[b.last + 1]
      if (after && after.sentence === sentence && isCapitalised(after.text) && spaceOnly(doc.text, b.end, after.start)) continue
      const same = (a.entity && b.entity && a.entity === b.entity) ||
        (!a.entity && !b.entity && surname(doc, a) === surname(doc, b) && a.forms.some((f) => b.forms.some((g) => g.entity === f.entity)))
      if (!same) continue
      const name = (a.entity ?? b.entity ?? a.forms[0].entity).name
      const span = doc.text.slice(a.start, b.end)
      doc.report(file, 'names/self-reference',
        `Unexpected self-reference \`${span}\`: ${name} on both sides, one of the names is probably wrong`, a.start, b.end)
    }
  }
})
