import {defineRule} from '../../src/rule.js'
import type {Word} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import {compilePhrases, type PhraseMatcher} from '../../src/phrase-matcher.js'
import {bareWord} from '../../src/spelling.js'
import {DAYS, MONTHS, SHAPE_LOWER, isMachineToken, isMidSentence, lexicon, wordFacts} from './shared.js'

const ID = 'translation/lowercase-proper'

interface NameEntry {
  name: string
  ambiguous?: boolean
}

interface Compiled {
  words: Map<string, string>
  names: PhraseMatcher<NameEntry>
}

let compiled: Compiled | undefined

function data(): Compiled {
  if (!compiled) {
    const raw = loadData<{words: string[]; names: NameEntry[]}>('translation-proper-names.json')
    const words = new Map<string, string>()
    for (const word of raw.words) words.set(word.toLowerCase(), word)
    for (const month of MONTHS) if (!AMBIGUOUS_MONTHS.has(month)) words.set(month, capitalise(month))
    for (const day of DAYS) words.set(day, capitalise(day))
    compiled = {words, names: compilePhrases(raw.names, (n) => n.name)}
  }
  return compiled
}

/** Months that are also English words: only with a date next to them. */
const AMBIGUOUS_MONTHS = new Set(['may', 'march', 'august'])

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

const DATE_NUMBER = /^(?:\d{1,2}(?:st|nd|rd|th)?|\d{4})$/

/** Is `neighbour` a day number or a year in the sentence of `word`? */
function dateNumberNear(neighbour: Word | undefined, word: Word): boolean {
  return neighbour !== undefined && neighbour.sentence === word.sentence && DATE_NUMBER.test(bareWord(neighbour.text))
}

/** Is `[start, end)` inside one of the spans? */
function isCovered(spans: Array<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of spans) if (s <= start && end <= e) return true
  return false
}

/** Index of the word starting at `offset` (binary search), or -1. */
function wordAt(words: ReadonlyArray<{start: number}>, offset: number): number {
  let lo = 0
  let hi = words.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (words[mid].start < offset) lo = mid + 1
    else if (words[mid].start > offset) hi = mid - 1
    else return mid
  }
  return -1
}

export default defineRule({
  id: ID,
  summary: 'Proper nouns and months in lower case (`in june`, `Great britain`, `russia`)',
  docs: `Machine translation from languages that write months, days and nationalities in lower case (Finnish,
Russian, Spanish, French) carries the lower case over: \`in june\`, \`on monday\`, \`russian troops\`, and a truecaser
may lower one word of a name: \`Great britain\`. The rule reports months and days, the single names of
\`rules/data/translation-proper-names.json\` (places and peoples that are never common words in lower case), and its
multi-word names when written with a lower-case word. \`may\`, \`march\` and \`august\` are English words too: they are
reported only next to a day number or a year (\`in may 2021\`, \`16 march\`). Names that are also ordinary phrases
(\`a white house\`, \`a cold war\`) are reported only when their first word is capitalised inside a sentence and
another is not (\`the White house\`). Quiet on URLs, e-mail addresses and handles. Fix (\`--fix\`): the capitalised
form.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'The summit takes place in June in Great Britain. Prices may rise in March.\n'},
      {text: 'Troops march on, and the may tree blooms in august company.\n'},
      {text: 'They built a white house on the hill during the cold war years.\n'},
      {text: 'Write to info@june.example or see example.com/russia for details.\n'}
    ],
    invalid: [
      {
        text: 'Takes place in june Great britain The G7 summit is taking place.\n',
        messages: [
          '1:16-1:20: Unexpected lower case in `june`, write `June`',
          '1:21-1:34: Unexpected lower case in `Great britain`, write `Great Britain`'
        ],
        fixed: 'Takes place in June Great Britain The G7 summit is taking place.\n'
      },
      {
        text: 'The vote was held on 16 march, and the result came in may 2021.\n',
        messages: [
          '1:25-1:30: Unexpected lower case in `march`, write `March`',
          '1:55-1:58: Unexpected lower case in `may`, write `May`'
        ],
        fixed: 'The vote was held on 16 March, and the result came in May 2021.\n'
      },
      {
        text: 'Officials at the White house said russian troops had left.\n',
        messages: [
          '1:18-1:29: Unexpected lower case in `White house`, write `White House`',
          '1:35-1:42: Unexpected lower case in `russian`, write `Russian`'
        ],
        fixed: 'Officials at the White House said Russian troops had left.\n'
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const {words, names} = data()
    const facts = wordFacts(doc)
    const covered: Array<[number, number]> = []
    for (const match of names.matchesAtIds(doc.text, facts.starts, facts.ids, lexicon)) {
      const canonical = match.entry.name
      if (match.text.replace(/\s+/g, ' ') === canonical || match.text === match.text.toUpperCase()) continue
      const parts = match.text.split(/\s+/)
      if (!parts.some((part, i) => /^\p{Ll}/u.test(part) && /^\p{Lu}/u.test(canonical.split(' ')[i] ?? ''))) continue
      if (match.entry.ambiguous) {
        const index = wordAt(doc.words, match.start)
        if (!/^\p{Lu}/u.test(parts[0]) || index < 0 || !isMidSentence(doc, index)) continue
      }
      covered.push([match.start, match.end])
      doc.report(file, ID, `Unexpected lower case in \`${match.text}\`, write \`${canonical}\``, match.start, match.end, {expected: [canonical]})
    }
    const ids = facts.ids
    const L = lexicon
    for (let i = 0; i < ids.length; i++) {
      if (facts.shape[i] !== SHAPE_LOWER) continue
      // Most words are neither a listed name nor an ambiguous month: decided once per word.
      const id = ids[i]
      if (L.proper[id] === 0) L.proper[id] = words.has(L.lower[id]) || AMBIGUOUS_MONTHS.has(L.lower[id]) ? 1 : 2
      if (L.proper[id] === 2) continue
      const word = doc.words[i]
      const bare = L.bare[id]
      const lower = bare
      let canonical = words.get(lower)
      if (!canonical && AMBIGUOUS_MONTHS.has(lower)) {
        if (dateNumberNear(doc.words[i - 1], word) || dateNumberNear(doc.words[i + 1], word)) canonical = capitalise(lower)
      }
      if (!canonical) continue
      const start = word.start + word.text.indexOf(bare)
      const end = start + bare.length
      if (isCovered(covered, start, end)) continue
      if (isMachineToken(doc, word)) continue
      doc.report(file, ID, `Unexpected lower case in \`${bare}\`, write \`${canonical}\``, start, end, {expected: [canonical]})
    }
  }
})
