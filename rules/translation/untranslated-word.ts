import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import {isKnownWord, isProperNoun} from '../../src/dictionary.js'
import {bareWord} from '../../src/spelling.js'
import {
  CLASS_ENGLISH,
  CLASS_FOREIGN,
  CLASS_NEUTRAL,
  LOWER_START,
  SHAPE_CAPITAL,
  SHAPE_TITLE,
  TITLE_CASE,
  wordFacts,
  foreignRunWords,
  inShortParentheses,
  isHeaderLine,
  isMachineToken,
  isMidSentence,
  FLAG_COLON,
  classOf,
  englishOf,
  lexicon,
  quoteAtWord,
  shared
} from './shared.js'

const ID = 'translation/untranslated-word'

const WHITE_SPACE = /\s/
const SPACE_ONLY = /^\s+$/
const OPENS_PARENTHESIS = /^\s*\(/

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
  /** First and second words of the two-word names (a cheap test before a pair is built). */
  namesFirst: Set<string>
  namesSecond: Set<string>
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
      names: new Set(raw.names.map((n) => n.toLowerCase())),
      namesFirst: new Set(raw.names.map((n) => n.toLowerCase().split(' ')[0])),
      namesSecond: new Set(raw.names.map((n) => n.toLowerCase().split(' ')[1] ?? ''))
    }
  }
  return compiled
}

const VOWEL = /[aeiouyäöå]$/i

/**
 * The name the text uses bare and capitalised inside sentences (`Putin`, `Sipilä`) whose lower-case form is `stem`:
 * the last Title-Case word of three letters or more, inside a sentence, with that form. Each stem is looked for
 * on first need (a form no word of the lexicon has needs no look), and after `MAX_STEM_SCANS` stems all the
 * text's names are collected at once.
 */
function nameInText(doc: Doc, stem: string): string | undefined {
  const names = shared(doc, 'translation/names-in-text', newNamesInText)
  if (names.all) return names.all.get(stem)
  let name = names.found.get(stem)
  if (name === undefined) {
    if (names.found.size >= MAX_STEM_SCANS) {
      names.all = allNamesInText(doc)
      return names.all.get(stem)
    }
    name = lastNameInText(doc, stem)
    names.found.set(stem, name)
  }
  return name ?? undefined
}

const MAX_STEM_SCANS = 16

interface NamesInText {
  /** The stems looked for so far, and the name found for each (null: none). */
  found: Map<string, string | null>
  /** Every name of the text by its lower-case form, once collected. */
  all: Map<string, string> | undefined
}

function newNamesInText(): NamesInText {
  return {found: new Map(), all: undefined}
}

function lastNameInText(doc: Doc, stem: string): string | null {
  const L = lexicon
  const slot = L.slotOf(stem)
  if (slot < 0) return null
  const {ids, titleWords} = wordFacts(doc)
  for (let t = titleWords.length - 1; t >= 0; t--) {
    const i = titleWords[t]
    const id = ids[i]
    if (L.slot[id] === slot && L.bare[id].length >= 3 && isMidSentence(doc, i)) return L.bare[id]
  }
  return null
}

function allNamesInText(doc: Doc): Map<string, string> {
  const names = new Map<string, string>()
  const {ids, titleWords} = wordFacts(doc)
  const L = lexicon
  for (const i of titleWords) {
    const id = ids[i]
    if (L.bare[id].length >= 3 && isMidSentence(doc, i)) names.set(L.lower[id], L.bare[id])
  }
  return names
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

interface Finding {
  base: string
  inflection?: Inflection
}

/** A stem a case ending leaves (`Putin` of `Putinin`), tried in this order. */
interface StemCandidate {
  stem: string
  inflection: Inflection
  /** `isProperNoun` of the capitalised stem: the capitalised stem, null when not, undefined before it is asked. */
  proper: string | null | undefined
}

/** What `bare` alone decides about an inflected name; the names the text uses are checked per document. */
interface InflectionPlan {
  /** A listed inflected form: the finding whatever the document. */
  form?: Finding
  candidates: StemCandidate[]
}

const NO_PLAN: InflectionPlan = {candidates: []}

/** What this rule keeps per lexicon id. */
interface WordMemo {
  /** `colon` matched: the acronym in capitals (`HSL` of `hsl:n`), else null. */
  colonBase: string | null
  plan: InflectionPlan | undefined
  /** Can the word be reported at all: an acronym with a case ending, a foreign word, or a neutral word with an inflection plan? */
  reportable: boolean
}

function memoOf(id: number, bare: string): WordMemo {
  let memo = lexicon.untranslated[id] as WordMemo | undefined
  if (memo === undefined) {
    const match = data().colon.exec(bare)
    memo = {colonBase: match ? match[1].toUpperCase() : null, plan: undefined, reportable: false}
    memo.reportable = isReportable(id, memo, bare)
    lexicon.untranslated[id] = memo
  }
  return memo
}

/**
 * What the word's text alone allows the rule to report (a candidate word of four letters or more): the acronym of
 * `HSL:n`, an inflected name (when the word is not English and a listed form or a stem is there to check), or a
 * foreign word. Whatever the document, any other word is left alone: the per-word checks are skipped for it.
 */
function isReportable(id: number, memo: WordMemo, bare: string): boolean {
  if (memo.colonBase !== null) return true
  const cls = classOf(id)
  if (cls === CLASS_FOREIGN) return true
  if (cls === CLASS_ENGLISH) return false
  memo.plan ??= makePlan(bare)
  return memo.plan.form !== undefined || memo.plan.candidates.length > 0
}

function makePlan(bare: string): InflectionPlan {
  if (!/^\p{L}+$/u.test(bare)) return NO_PLAN
  const {suffixes, alternations, forms} = data()
  const lower = bare.toLowerCase()
  const form = forms.get(lower)
  if (form) return {form: {base: form.base, inflection: form}, candidates: []}
  if (isKnownWord(bare) || isKnownWord(lower)) return NO_PLAN
  const candidates: StemCandidate[] = []
  for (const entry of suffixes) {
    if (!lower.endsWith(entry.suffix)) continue
    const stem = lower.slice(0, -entry.suffix.length)
    const vowel = VOWEL.test(stem)
    if ((entry.after === 'vowel' && !vowel) || (entry.after === 'consonant' && vowel)) continue
    // English adjectives of place: Karelia → Karelian, Crimea → Crimean.
    if (entry.suffix === 'n' && /[ieu]a$/.test(stem)) continue
    if (stem.length >= 4) candidates.push({stem, inflection: entry, proper: undefined})
  }
  for (const entry of alternations) {
    if (!lower.endsWith(entry.ending)) continue
    const stem = lower.slice(0, -entry.ending.length) + entry.base
    if (stem.length >= 4) candidates.push({stem, inflection: entry, proper: undefined})
  }
  return candidates.length === 0 ? NO_PLAN : {candidates}
}

/** Is `bare` (letters only) a name with a foreign case ending: `Putinin`, `sipilän`, `Wirtasen`, `Helsingissä`? */
function inflectedName(doc: Doc, memo: WordMemo, bare: string): Finding | undefined {
  memo.plan ??= makePlan(bare)
  const plan = memo.plan
  if (plan.form) return plan.form
  if (plan.candidates.length === 0) return undefined
  for (const candidate of plan.candidates) {
    const known = nameInText(doc, candidate.stem)
    if (known) return {base: known, inflection: candidate.inflection}
    if (candidate.proper === undefined) {
      const capital = capitalise(candidate.stem)
      candidate.proper = isProperNoun(capital) ? capital : null
    }
    if (candidate.proper !== null) return {base: candidate.proper, inflection: candidate.inflection}
  }
  return undefined
}

/** The first word from `from` on that is not a dictionary word, or holds a colon (`HSL:n`): dictionary words need nothing more. */
function nextCandidate(ids: Int32Array, from: number): number {
  const L = lexicon
  const flags = L.flags
  const english = L.english
  let i = from
  for (; i < ids.length; i++) {
    const id = ids[i]
    if ((flags[id] & FLAG_COLON) !== 0) break
    const known = english[id]
    if (known === 2 || (known === 0 && !englishOf(id))) break
  }
  return i
}

/** Does `[from, to)` hold a character that betrays mis-decoded text (`MOJIBAKE_NEAR`)? */
function mojibakeNear(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k)
    if (c >= 0x80 && isMojibakeNear(c)) return true
  }
  return false
}

/** `MOJIBAKE_NEAR` for one UTF-16 code unit (all its characters are in the BMP). */
function isMojibakeNear(c: number): boolean {
  return (c >= 0x80 && c <= 0xa0) || c === 0xa4 || c === 0xa6 || c === 0xa8 || c === 0xad || c === 0xaf || c === 0xb4 || c === 0xb6 ||
    c === 0xb8 || c === 0xc3 || c === 0xc2 || c === 0x102 || c === 0xe2 || c === 0x20ac || c === 0x2122 || c === 0xfffd
}

/** Is `[start, end)` the last thing on its line, right after a colon (`Skype: jdoe`)? */
function isLabelValue(doc: Doc, start: number, end: number): boolean {
  const line = doc.lines[doc.lineIndexAt(start)]
  const text = doc.text
  let k = start - 1
  while (k >= line.start && (text[k] === ' ' || text[k] === '\t')) k--
  if (k < line.start || text[k] !== ':') return false
  let j = end
  while (j < line.end && WHITE_SPACE.test(text[j])) j++
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
    const ids = facts.ids
    const L = lexicon
    const words = doc.words
    const text = doc.text
    const plain: Array<[number, number, string]> = []
    const inRuns = foreignRunWords(doc)
    const {names, namesFirst, namesSecond} = data()
    let foreignName = -1 // last word of a foreign name or title in the source's sentence case (`Kuoleman matkatoimisto`)
    for (let i = nextCandidate(ids, 0); i < words.length; i = nextCandidate(ids, i + 1)) {
      const id = ids[i]
      const colonWord = (L.flags[id] & FLAG_COLON) !== 0
      if (inRuns.size > 0 && inRuns.has(i)) continue
      const cls = classOf(id)
      if (cls === CLASS_ENGLISH && !colonWord) continue
      const bare = L.bare[id]
      const lower = L.lower[id]
      if (cls === CLASS_NEUTRAL && (facts.shape[i] === SHAPE_TITLE || facts.shape[i] === SHAPE_CAPITAL)) foreignName = i
      if (bare.length < 4) continue
      const memo = memoOf(id, bare)
      if (!memo.reportable) continue
      const word = words[i]
      if (isHeaderLine(doc, facts.lines[i])) continue
      if (mojibakeNear(text, word.start - 1, word.start) || mojibakeNear(text, word.end, word.end + 1)) continue
      if (i > 0 && mojibakeNear(text, words[i - 1].start, word.start)) continue
      if (isMachineToken(doc, word) && memo.colonBase === null) continue
      const quote = quoteAtWord(doc, i)
      if (quote && quote.words <= 3) continue
      const start = word.start + word.text.indexOf(bare)
      const end = start + bare.length
      const next = words[i + 1]
      if (names.has(lower)) continue
      if (next && namesFirst.has(lower) && names.has(`${bare} ${bareWord(next.text)}`.toLowerCase())) continue
      if (i > 0 && namesSecond.has(lower) && names.has(`${bareWord(words[i - 1].text)} ${bare}`.toLowerCase())) continue

      if (memo.colonBase !== null) {
        const base = memo.colonBase
        doc.report(file, ID, `Unexpected untranslated inflection \`${bare}\` (Finnish case ending on \`${base}\`), write \`${base}\``, start, end, {expected: [base]})
        continue
      }
      const inflected = cls === CLASS_ENGLISH ? undefined : inflectedName(doc, memo, bare)
      if (inflected) {
        // A name that continues with a capitalised word is a foreign proper name (`Turun Sanomat`).
        if (next && next.sentence === word.sentence && TITLE_CASE.test(bareWord(next.text)) && !LOWER_START.test(bare)) continue
        const how = inflected.inflection ? `${inflected.inflection.language} ${inflected.inflection.means}` : 'inflection'
        doc.report(file, ID, `Unexpected untranslated inflection \`${bare}\` (${how} of \`${inflected.base}\`), write \`${inflected.base}\``, start, end, {expected: [inflected.base]})
        continue
      }
      if (cls === CLASS_FOREIGN && !isProperNoun(bare)) {
        // A foreign name or title: `Kuoleman matkatoimisto (Travel Agency of Death)`, `the radio Russkaya sluzhba`.
        if (foreignName === i - 1 && SPACE_ONLY.test(text.slice(words[i - 1].end, word.start))) {
          foreignName = i
          continue
        }
        if (inShortParentheses(doc, start, end) || OPENS_PARENTHESIS.test(text.slice(end, end + 3))) continue
        // The value of a label at the end of a line (`Skype: jdoe`).
        if (isLabelValue(doc, start, end)) continue
        plain.push([start, end, bare])
      }
    }
    // One unknown word the text keeps repeating, and no other: a term it uses (a brand, a technical word).
    if (plain.length >= 2 && new Set(plain.map(([, , w]) => w.toLowerCase())).size === 1) return
    for (const [start, end, bare] of plain) {
      doc.report(file, ID, `Unexpected non-English word \`${bare}\`, translate it (or capitalise it if it is a name)`, start, end)
    }
  }
})
