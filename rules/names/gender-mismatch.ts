import {defineRule} from '../../src/rule.js'
import {
  answersFor, decideAnswer, isCapitalised, lowerWordIn, nameWordAt, namesIndex, phraseBefore, plain, roleTables, wordAnswers, wordSetBit,
  type Mention, type NamesIndex
} from './mentions.js'
import {wordFacts} from '../translation/shared.js'
import type {Doc} from '../../src/document.js'

interface Options extends Record<string, unknown> {
  titles: boolean
  pronouns: boolean
  maxGap: number
}

const SPEECH = new Set([
  'said', 'says', 'told', 'tells', 'added', 'adds', 'stated', 'states', 'announced', 'announces', 'noted', 'notes',
  'explained', 'explains', 'insisted', 'insists', 'stressed', 'stresses', 'warned', 'warns', 'claimed', 'claims',
  'confirmed', 'confirms', 'argued', 'argues', 'wrote', 'writes', 'tweeted', 'declared', 'declares', 'replied',
  'replies', 'acknowledged', 'admitted', 'admits', 'denied', 'denies', 'suggested', 'suggests', 'revealed',
  'reveals', 'promised', 'promises', 'emphasized', 'emphasised', 'reiterated', 'indicated', 'believes', 'thinks',
  'hopes', 'hoped', 'expects', 'expected', 'feels', 'felt', 'recalled', 'recalls', 'predicted', 'vowed', 'vows'
])
const SPEECH_VERB = wordSetBit(SPEECH)
/** Words that may sit between the verb and the pronoun (`said on Tuesday that he`, `told reporters that she`). */
const FILLER = /^(?:that|on|in|at|last|this|late|early|earlier|later|then|also|again|reporters|journalists|the|press|media|a|an|statement|interview|briefing|conference|news|today|yesterday|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|afternoon|evening|week|month|year|recently|previously|repeatedly|once|twice|however|meanwhile|\d+)$/i
const STOP = /^(?:i|we|you|they|it|his|her|him|them|their|its|our|who|which|and|but|or|if|when|while|because|although|as)$/i
/** A word that may sit between the verb and the pronoun: a filler and no stop word. Kept per word. */
const filler = wordAnswers((word) => !STOP.test(word.lower) && FILLER.test(word.lower))

export default defineRule<Options>({
  id: 'names/gender-mismatch',
  summary: 'A gendered title or pronoun bound to a known person against the gazetteer (`White House spokesman Jen Psaki said he …`)',
  docs: `Languages without gendered pronouns or titles (Chinese, Japanese, Finnish, Turkish) make machine translation
guess: \`spokesman Jen Psaki\`, \`Psaki said he would …\`. The rule reads a gendered title right before a person the
gazetteer knows (\`spokesman\`/\`spokeswoman\`, \`chairman\`, \`Mr\`/\`Mrs\`/\`Ms\`, \`king\`/\`queen\`, …, from
\`rules/data/names-roles.json\`) and the first subject pronoun after \`<Name> said\` (or another verb of speaking or
thinking: \`told reporters on Monday that she\`), and reports it when it is the other gender than the gazetteer's.
The pronoun is read only in that clause: at most \`maxGap\` filler words (\`that\`, \`on Tuesday\`, \`told
reporters\`) between the verb and the pronoun and nothing else: no other name (it may be the one meant), no other
pronoun, no quote mark, no clause break. Names the document does not tie to one person (a bare surname
shared by two people in the gazetteer) are skipped. The pronoun may be the right one for someone else the
translation dropped: check the sentence, then fix the pronoun or the name. The title message proposes the other
form, but the rule never fixes.`,
  severity: 'warn',
  fixable: false,
  options: {
    titles: {type: 'boolean', default: true, description: 'Check gendered titles before a name'},
    pronouns: {type: 'boolean', default: true, description: 'Check the first subject pronoun after `<Name> said`'},
    maxGap: {type: 'number', default: 4, min: 0, max: 10, description: 'Filler words allowed between the verb and the pronoun'}
  },
  examples: {
    valid: [
      {text: 'Kremlin spokesman Dmitry Peskov said he had nothing to add. Maria Zakharova said she would reply later.\n'},
      {text: 'Angela Merkel said on Monday that she would not stand again.\n'},
      {text: 'Jen Psaki said Biden hoped he could meet Putin.\n'},
      {text: 'Jen Psaki said: “He will travel on Friday.”\n'}
    ],
    invalid: [
      {
        text: 'White House spokesman Jen Psaki said he would not comment.\n',
        messages: [
          '1:13-1:22: Unexpected `spokesman` for Jen Psaki (female in the gazetteer), use `spokeswoman`',
          '1:38-1:40: Unexpected pronoun `he` after Jen Psaki (female in the gazetteer), check the pronoun or the name'
        ]
      },
      {
        text: 'Angela Merkel told reporters on Monday that he would stay.\n',
        messages: ['1:45-1:47: Unexpected pronoun `he` after Angela Merkel (female in the gazetteer), check the pronoun or the name']
      },
      {
        text: 'Mrs. Sergei Lavrov arrived on Monday.\n',
        messages: ['1:1-1:5: Unexpected `Mrs.` for Sergei Lavrov (male in the gazetteer), use `Mr.`']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const index = namesIndex(doc)
    const t = roleTables()
    for (const mention of index.mentions) {
      const person = mention.entity?.person
      if (!person) continue
      if (options.titles) {
        const bound = phraseBefore(doc, mention, t.gendered)
        if (bound && bound.entry.gender !== person.gender) {
          const word = doc.words[bound.first]
          const phraseStart = word.start
          const phraseEnd = bound.end
          const written = doc.text.slice(phraseStart, phraseEnd)
          const other = isCapitalised(written) ? bound.entry.other.charAt(0).toUpperCase() + bound.entry.other.slice(1) : bound.entry.other.toLowerCase()
          doc.report(file, 'names/gender-mismatch',
            `Unexpected \`${written}\` for ${person.name} (${person.gender} in the gazetteer), use \`${other}\``,
            phraseStart, phraseEnd, {expected: [other]})
        }
      }
      if (options.pronouns) {
        const pronoun = pronounAfter(doc, index, mention, options.maxGap)
        if (pronoun === undefined) continue
        const word = doc.words[pronoun]
        const gender = plain(word.text).toLowerCase() === 'he' ? 'male' : 'female'
        if (gender === person.gender) continue
        doc.report(file, 'names/gender-mismatch',
          `Unexpected pronoun \`${word.text}\` after ${person.name} (${person.gender} in the gazetteer), check the pronoun or the name`,
          word.start, word.end)
      }
    }
  }
})

/** `text.slice(from, to)` is one or more spaces, tabs or no-break spaces. */
function spacesOnly(text: string, from: number, to: number): boolean {
  if (to <= from) return false
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0xa0) return false
  }
  return true
}

/** Word index of `he`/`she` in `<Name> said [fillers] he`, or undefined. */
function pronounAfter(doc: Doc, index: NamesIndex, mention: Mention, maxGap: number): number | undefined {
  const words = doc.words
  const sentence = words[mention.first].sentence
  const verb = mention.last + 1
  if (verb >= words.length || words[verb].sentence !== sentence) return undefined
  if (!spacesOnly(doc.text, mention.end, words[verb].start)) return undefined
  // (The word is read with straight apostrophes, which no verb of the list holds.)
  if (!lowerWordIn(doc, index, verb, SPEECH_VERB)) return undefined
  const ids = wordFacts(doc).ids
  const fillers = answersFor(filler, doc, index, 0)
  for (let i = verb + 1, gap = 0; i < words.length && gap <= maxGap; i++, gap++) {
    const word = words[i]
    if (word.sentence !== sentence) return undefined
    const between = doc.text.slice(words[i - 1].end, word.start)
    if (/["“”«»:;()\[\]—–]/.test(between) || /\s-\s/.test(between)) return undefined
    const lower = nameWordAt(doc, index.gazetteer, i).lower // `plain(word.text).toLowerCase()`, kept with the word
    if (lower === 'he' || lower === 'she') return i
    const id = ids[i]
    if ((fillers[id] || decideAnswer(filler, index, id, 0)) !== 1) return undefined
  }
  return undefined
}
