import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import {isKnownWord, isProperNoun} from '../../src/dictionary.js'
import {bareWord} from '../../src/spelling.js'
import {
  LOWER_START,
  SHAPE_TITLE,
  TITLE_CASE,
  wordFacts,
  MOJIBAKE_NEAR,
  englishIn,
  foreignClassAt,
  foreignRunWords,
  headerLines,
  inShortParentheses,
  isMachineToken,
  isMidSentence,
  quoteAt,
  shared
} from './shared.js'

const ID = 'translation/untranslated-word'

interface Inflection {
  language: string
  means: string
  possessive?: boolean
}
interface InflectionData {
  suffixes: Array<Inflection & {suffix: string; after: 'vowel' | 'consonant' | 'any'}>
  alternations: Array<Inflection & {ending: string; base: string}>
  colonSuffixes: string[]
  forms: Array<Inflection & {form: string; base: string}>
  names: string[]
}

interface Compiled {
  suffixes: InflectionData['suffixes']
  alternations: InflectionData['alternations']
  colon: RegExp
  forms: Map<string, InflectionData['forms'][number]>
  names: Set<string>
}

let compiled: Compiled | undefined

function data(): Compiled {
  if (!compiled) {
    const raw = loadData<InflectionData>('translation-inflections.json')
    const colon = [...new Set(raw.colonSuffixes)].sort((a, b) => b.length - a.length).join('|')
    compiled = {
      // Longest ending first: `Putinissa` is Putin + issa, not Putinis + sa.
      suffixes: [...raw.suffixes].sort((a, b) => b.suffix.length - a.suffix.length),
      alternations: raw.alternations,
      colon: new RegExp(`^(\\p{L}[\\p{L}\\p{N}]{1,7})[:’'](${colon})$`, 'iu'),
      forms: new Map(raw.forms.map((f) => [f.form.toLowerCase(), f])),
      names: new Set(raw.names.map((n) => n.toLowerCase()))
    }
  }
  return compiled
}

const VOWEL = /[aeiouyäöå]$/i

/** Names the text uses bare and capitalised inside sentences (`Putin`, `Sipilä`). */
function namesInText(doc: Doc): Map<string, string> {
  return shared(doc, 'translation/names-in-text', () => {
    const names = new Map<string, string>()
    const facts = wordFacts(doc)
    for (let i = 0; i < doc.words.length; i++) {
      if (facts.shape[i] !== SHAPE_TITLE || facts.bare[i].length < 3) continue
      if (isMidSentence(doc, i)) names.set(facts.lower[i], facts.bare[i])
    }
    return names
  })
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

interface Finding {
  base: string
  inflection?: Inflection
}

/** Is `bare` a name with a foreign case ending: `Putinin`, `sipilän`, `Wirtasen`, `Helsingissä`? */
function inflectedName(doc: Doc, bare: string): Finding | undefined {
  const memo = shared(doc, 'translation/inflected-names', () => new Map<string, Finding | null>())
  let found = memo.get(bare)
  if (found === undefined) {
    found = findInflectedName(doc, bare) ?? null
    memo.set(bare, found)
  }
  return found ?? undefined
}

function findInflectedName(doc: Doc, bare: string): Finding | undefined {
  const {suffixes, alternations, forms} = data()
  const lower = bare.toLowerCase()
  const form = forms.get(lower)
  if (form) return {base: form.base, inflection: form}
  if (isKnownWord(bare) || isKnownWord(lower)) return undefined
  const names = namesInText(doc)
  const nameFor = (stem: string): string | undefined => {
    if (stem.length < 4) return undefined
    const known = names.get(stem)
    if (known) return known
    const capital = capitalise(stem)
    return isProperNoun(capital) ? capital : undefined
  }
  for (const entry of suffixes) {
    if (!lower.endsWith(entry.suffix)) continue
    const stem = lower.slice(0, -entry.suffix.length)
    const vowel = VOWEL.test(stem)
    if ((entry.after === 'vowel' && !vowel) || (entry.after === 'consonant' && vowel)) continue
    // English adjectives of place: Karelia → Karelian, Crimea → Crimean.
    if (entry.suffix === 'n' && /[ieu]a$/.test(stem)) continue
    const base = nameFor(stem)
    if (base) return {base, inflection: entry}
  }
  for (const entry of alternations) {
    if (!lower.endsWith(entry.ending)) continue
    const base = nameFor(lower.slice(0, -entry.ending.length) + entry.base)
    if (base) return {base, inflection: entry}
  }
  return undefined
}

/** Is `[start, end)` the last thing on its line, right after a colon (`Skype: jdoe`)? */
function isLabelValue(doc: Doc, start: number, end: number): boolean {
  const line = doc.lines[doc.lineIndexAt(start)]
  const text = doc.text
  let k = start - 1
  while (k >= line.start && (text[k] === ' ' || text[k] === '\t')) k--
  if (k < line.start || text[k] !== ':') return false
  let j = end
  while (j < line.end && /\s/.test(text[j])) j++
  return j >= line.end
}

export default defineRule({
  id: ID,
  summary: 'Single words left in the source language: foreign case endings on names (`Putinin`, `HSL:n`) and non-English words (`sanomille`)',
  docs: `Machine translation leaves words it does not know in the source language, often lower-cased, and glues the
source's case endings to names: Finnish \`Putinin\` (Putin's), \`Helsingissä\` (in Helsinki), \`HSL:n\`, \`sipilän\`,
\`Wirtasen\` (Wirtanen's). A human translator writes the English form. The rule reports:

- a name with a case ending from \`rules/data/translation-inflections.json\` whose bare form the text also uses
  (or the dictionary knows as a name), and the data list's inflected place names; \`expected\` is the bare name;
- an acronym with a colon and a case ending (\`HSL:n\`, \`UNHCR:aan\`);
- a lower-case word of four letters or more that is not English in any spelling the dictionary explains: not an
  American or British spelling, not an English stem with a suffix or prefix, not a compound of English words, not a
  one-letter typo of an English word.

Quiet on capitalised unknown words (names), URLs, handles and words with digits, mis-decoded text (left to the
scrape rules), words in short quotes (a quoted term), names listed in the data file (\`Helsingin Sanomat\`), and
words that are part of a longer foreign run (\`translation/untranslated-run\` reports the run), the value after a
label at the end of a line (\`Skype: jdoe\`), and a single unknown word that the text repeats with no other (a brand
or technical term it uses). Fix: translate the word, or write the name in its English form.`,
  severity: 'warn',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'The cybersecurity firm said its turbodiesel test cars were safe, agains all odds.\n'},
      {text: 'Ilkka Kanerva told Helsingin Sanomat that the labour organisations would meet.\n'},
      {text: 'The term "sisu" has no English equivalent, the author said.\n'},
      {text: 'Read more at example.com/uutiset or follow @hsuutiset for updates.\n'}
    ],
    invalid: [
      {
        text: 'Putin said on Monday that Putinin visit to Helsingissä was cancelled.\n',
        messages: [
          '1:27-1:34: Unexpected untranslated inflection `Putinin` (Finnish genitive of `Putin`), write `Putin`',
          '1:44-1:55: Unexpected untranslated inflection `Helsingissä` (Finnish inessive of `Helsinki`), write `Helsinki`'
        ]
      },
      {
        text: 'Passengers complained to hsl:n staff about the trains.\n',
        messages: ['1:26-1:31: Unexpected untranslated inflection `hsl:n` (Finnish case ending on `HSL`), write `HSL`']
      },
      {
        text: 'The boy told the Evening sanomille that he had been found near järvenpäässä.\n',
        messages: [
          '1:26-1:35: Unexpected non-English word `sanomille`, translate it (or capitalise it if it is a name)',
          '1:64-1:76: Unexpected non-English word `järvenpäässä`, translate it (or capitalise it if it is a name)'
        ]
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const facts = wordFacts(doc)
    const plain: Array<[number, number, string]> = []
    const inRuns = foreignRunWords(doc)
    const {colon, names} = data()
    const headers = headerLines(doc)
    let foreignName = -1 // last word of a foreign name or title in the source's sentence case (`Kuoleman matkatoimisto`)
    for (let i = 0; i < doc.words.length; i++) {
      const word = doc.words[i]
      // Fast exit: dictionary words need nothing more (unless `HSL:n`-like), nor words of a foreign run.
      if (englishIn(facts, i) && !word.text.includes(':')) continue
      if (inRuns.has(i)) continue
      const cls = foreignClassAt(doc, i)
      if (cls === 'english' && !word.text.includes(':')) continue
      const bare = facts.bare[i]
      if (cls === 'neutral' && /^\p{Lu}/u.test(bare)) foreignName = i
      if (bare.length < 4) continue
      if (headers.has(doc.lineIndexAt(word.start))) continue
      if (MOJIBAKE_NEAR.test(doc.text.charAt(word.start - 1)) || MOJIBAKE_NEAR.test(doc.text.charAt(word.end))) continue
      if (i > 0 && MOJIBAKE_NEAR.test(doc.text.slice(doc.words[i - 1].start, word.start))) continue
      if (isMachineToken(doc, word) && !colon.test(bare)) continue
      const quote = quoteAt(doc, word.start, word.end)
      if (quote && quote.words <= 3) continue
      const start = word.start + word.text.indexOf(bare)
      const end = start + bare.length
      const next = doc.words[i + 1]
      const pair = next ? `${bare} ${bareWord(next.text)}`.toLowerCase() : ''
      const prev = i > 0 ? `${bareWord(doc.words[i - 1].text)} ${bare}`.toLowerCase() : ''
      if (names.has(pair) || names.has(prev) || names.has(bare.toLowerCase())) continue

      const colonMatch = colon.exec(bare)
      if (colonMatch) {
        const base = colonMatch[1].toUpperCase()
        doc.report(file, ID, `Unexpected untranslated inflection \`${bare}\` (Finnish case ending on \`${base}\`), write \`${base}\``, start, end, {expected: [base]})
        continue
      }
      const inflected = cls === 'english' || !/^\p{L}+$/u.test(bare) ? undefined : inflectedName(doc, bare)
      if (inflected) {
        // A name that continues with a capitalised word is a foreign proper name (`Turun Sanomat`).
        if (next && next.sentence === word.sentence && TITLE_CASE.test(bareWord(next.text)) && !LOWER_START.test(bare)) continue
        const how = inflected.inflection ? `${inflected.inflection.language} ${inflected.inflection.means}` : 'inflection'
        doc.report(file, ID, `Unexpected untranslated inflection \`${bare}\` (${how} of \`${inflected.base}\`), write \`${inflected.base}\``, start, end, {expected: [inflected.base]})
        continue
      }
      if (cls === 'foreign' && !isProperNoun(bare)) {
        // A foreign name or title: `Kuoleman matkatoimisto (Travel Agency of Death)`, `the radio Russkaya sluzhba`.
        if (foreignName === i - 1 && /^\s+$/.test(doc.text.slice(doc.words[i - 1].end, word.start))) {
          foreignName = i
          continue
        }
        if (inShortParentheses(doc, start, end) || /^\s*\(/.test(doc.text.slice(end, end + 3))) continue
        // The value of a label at the end of a line (`Skype: jdoe`).
        if (isLabelValue(doc, start, end)) continue
        plain.push([start, end, bare])
      }
    }
    // One unknown word the text keeps repeating, and no other: a term it uses (a brand, a technical word).
    const distinct = new Set(plain.map(([, , w]) => w.toLowerCase()))
    if (distinct.size === 1 && plain.length >= 2) return
    for (const [start, end, bare] of plain) {
      doc.report(file, ID, `Unexpected non-English word \`${bare}\`, translate it (or capitalise it if it is a name)`, start, end)
    }
  }
})
