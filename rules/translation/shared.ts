/**
 * Helpers the translation rules share: word shapes, "mid-sentence" positions,
 * headline lines, quoted spans, and the per-document foreign-word analysis
 * (built once per document in `doc.shared`, read by `untranslated-run` and
 * `untranslated-word`).
 */
import type {Doc, Word} from '../../src/document.js'
import {francAll} from 'franc-min'
import {loadData} from '../../src/data.js'
import {bareWord, isEnglishLike as isEnglishLikeWord, isEnglishLower, isEnglishSpelling as isEnglishSpellingWord} from '../../src/spelling.js'

let loanwords: Set<string> | undefined

/** English words the dictionary lacks (`rules/data/translation-loanwords.json`). */
function isLoanword(word: string): boolean {
  loanwords ??= new Set(loadData<{words: Array<{word: string}>}>('translation-loanwords.json').words.map((w) => w.word.toLowerCase()))
  return loanwords.has(word.toLowerCase())
}

function isEnglishSpelling(word: string): boolean {
  return isEnglishSpellingWord(word) || isLoanword(bareWord(word))
}

function isEnglishLike(word: string): boolean {
  return isEnglishLikeWord(word) || isLoanword(bareWord(word))
}

/** Is the string plain ASCII lower-case letters (the common case, checked without regular expressions)? */
export function isAsciiLower(word: string): boolean {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k)
    if (c < 97 || c > 122) return false
  }
  return word.length > 0
}

/** Does the word start with an ASCII lower-case letter? */
export function startsAsciiLower(word: string): boolean {
  const c = word.charCodeAt(0)
  return c >= 97 && c <= 122
}

export interface WordFacts {
  /** The word without surrounding punctuation and possessive `'s`. */
  bare: string[]
  lower: string[]
  /** 1: ASCII lower-case word; 2: Title Case; 3: other capitalised (acronyms, CamelCase); 4: other lower-case start; 0: anything else. */
  shape: Uint8Array
  /** English by the dictionary (with British spellings and loanwords): 0 not yet known, 1 yes, 2 no. */
  english: Int8Array
  /** Start offsets of the words. */
  starts: Int32Array
}

export const SHAPE_LOWER = 1
export const SHAPE_TITLE = 2
export const SHAPE_CAPITAL = 3
export const SHAPE_OTHER_LOWER = 4

/** One pass over the words for what every translation rule asks of them, built once per document. */
export function wordFacts(doc: Doc): WordFacts {
  return shared(doc, 'translation/word-facts', () => {
    const n = doc.words.length
    const bare: string[] = new Array(n)
    const lower: string[] = new Array(n)
    const shape = new Uint8Array(n)
    const starts = new Int32Array(n)
    for (let i = 0; i < n; i++) {
      const text = doc.words[i].text
      starts[i] = doc.words[i].start
      if (isAsciiLower(text)) {
        bare[i] = text
        lower[i] = text
        shape[i] = SHAPE_LOWER
        continue
      }
      const b = bareWord(text)
      bare[i] = b
      lower[i] = b.toLowerCase()
      if (/^\p{Lu}/u.test(b)) shape[i] = TITLE_CASE.test(b) ? SHAPE_TITLE : SHAPE_CAPITAL
      else if (/^\p{Ll}/u.test(b)) shape[i] = isAsciiLower(b) ? SHAPE_LOWER : SHAPE_OTHER_LOWER
    }
    return {bare, lower, shape, english: new Int8Array(n), starts}
  })
}

/** Is word `i` an English word (any casing, American or British spelling, or a listed loanword)? */
export function englishAt(doc: Doc, i: number): boolean {
  return englishIn(wordFacts(doc), i)
}

/** `englishAt` for callers that hold the document's facts already. */
export function englishIn(facts: WordFacts, i: number): boolean {
  if (facts.english[i] === 0) facts.english[i] = isEnglishLower(facts.lower[i]) || isLoanword(facts.lower[i]) ? 1 : 2
  return facts.english[i] === 1
}

export const TITLE_CASE = /^\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{Ll}'’-]*$/u
export const ALL_CAPS = /^\p{Lu}[\p{Lu}\p{N}&-]*\p{Lu}[\p{Lu}\p{N}]*$|^\p{Lu}\p{N}+$|^\p{N}+\p{Lu}+$/u
export const LOWER_START = /^\p{Ll}/u
/** Characters that only occur in mis-decoded text (mojibake): left to the scrape rules. */
export const MOJIBAKE = /[ÃÂĂâ€™\uFFFD]/u
/** Characters next to a word that betray mis-decoded text (`TĂ¤hdet`). */
export const MOJIBAKE_NEAR = /[\u0080-\u00A0\u00A4\u00A6\u00A8\u00AD\u00AF\u00B4\u00B6\u00B8ÃÂĂâ€™\uFFFD]/u

export const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
export const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
export const MONTHS_AND_DAYS = new Set([...MONTHS, ...DAYS])

/** Small words that may stay lower case inside a Title-Case name or headline. */
export const TITLE_SMALL = new Set(['a', 'an', 'the', 'of', 'in', 'on', 'at', 'to', 'for', 'and', 'or', 'by', 'with', 'from', 'de', 'del', 'der', 'la', 'le', 'du', 'des', 'van', 'von', 'vs', 'v', 'into', 'upon', 'as', 'nor', 'but', 'per', 'via'])

/** Text between word `i - 1` and word `i` (empty for the first word). */
export function gapBefore(doc: Doc, i: number): string {
  return i > 0 ? doc.text.slice(doc.words[i - 1].end, doc.words[i].start) : ''
}

/** Text between word `i` and word `i + 1`. */
export function gapAfter(doc: Doc, i: number): string {
  return i + 1 < doc.words.length ? doc.text.slice(doc.words[i].end, doc.words[i + 1].start) : ''
}

/** An opening quote or bracket right before the word (no space between). */
export function opensQuote(gap: string): boolean {
  return /[“‘«„(\[{"']$/u.test(gap)
}

/**
 * Is word `i` inside a sentence, where a capital needs a reason: not the first
 * word of a sentence or line, and not right after sentence punctuation, a
 * colon, a dash, or an opening quote or bracket.
 */
export function isMidSentence(doc: Doc, i: number): boolean {
  const cache = shared(doc, 'translation/mid-sentence', () => new Int8Array(doc.words.length))
  if (cache[i] === 0) cache[i] = computeMidSentence(doc, i) ? 1 : 2
  return cache[i] === 1
}

function computeMidSentence(doc: Doc, i: number): boolean {
  const word = doc.words[i]
  if (i === 0 || word.first || word.lineStart) return false
  const prev = doc.words[i - 1]
  if (prev.sentence !== word.sentence) return false
  const gap = gapBefore(doc, i)
  if (/[.!?:;…|•·—–\-/\\\]>}]/u.test(gap)) return false
  if (opensQuote(gap)) return false
  if (/[.!?:]$/.test(prev.text)) return false
  return true
}

/** Shared per-document cache. */
export function shared<T>(doc: Doc, key: string, build: () => T): T {
  let value = doc.shared.get(key) as T | undefined
  if (value === undefined) {
    value = build()
    doc.shared.set(key, value)
  }
  return value
}

/**
 * Lines that read as headlines or names in Title Case: most of their content
 * words capitalised. Mid-sentence capitals mean nothing there.
 */
export function titleLines(doc: Doc): Set<number> {
  return shared(doc, 'translation/title-lines', () => {
    const out = new Set<number>()
    const counts = new Map<number, [number, number]>()
    const facts = wordFacts(doc)
    let line = 0
    for (let i = 0; i < doc.words.length; i++) {
      const word = doc.words[i]
      while (line + 1 < doc.lines.length && doc.lines[line + 1].start <= word.start) line++
      const shape = facts.shape[i]
      if (shape === 0 || TITLE_SMALL.has(facts.lower[i])) continue
      const entry = counts.get(line) ?? [0, 0]
      entry[0]++
      if (shape === SHAPE_TITLE || shape === SHAPE_CAPITAL) entry[1]++
      counts.set(line, entry)
    }
    for (const [line, [content, capital]] of counts) {
      if (content >= 2 && capital / content >= 0.7) out.add(line)
    }
    return out
  })
}

export interface QuoteSpan {
  start: number
  end: number
  /** Words inside. */
  words: number
}

/** Quoted spans of each line (pairs of “…”, "…", ‘…’, «…»), in document offsets. */
export function quoteSpans(doc: Doc): QuoteSpan[] {
  return shared(doc, 'translation/quote-spans', () => {
    const spans: QuoteSpan[] = []
    const re = /“[^“”\n]*”|"[^"\n]*"|«[^«»\n]*»|„[^„“”\n]*[“”]|(?<![\p{L}\p{N}])‘[^‘’\n]*’(?![\p{L}])/gu
    let match: RegExpExecArray | null
    while ((match = re.exec(doc.text))) {
      const words = match[0].match(/[\p{L}\p{N}]+/gu)?.length ?? 0
      spans.push({start: match.index, end: match.index + match[0].length, words})
    }
    return spans
  })
}

/** The quoted span holding `[start, end)`, if any. */
export function quoteAt(doc: Doc, start: number, end: number): QuoteSpan | undefined {
  const spans = quoteSpans(doc)
  let lo = 0
  let hi = spans.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (spans[mid].end <= start) lo = mid + 1
    else if (spans[mid].start > start) hi = mid - 1
    else return spans[mid].start <= start && end <= spans[mid].end ? spans[mid] : undefined
  }
  return undefined
}

/** Is the word part of a URL, e-mail address, handle or hashtag? */
export function isMachineToken(doc: Doc, word: Word): boolean {
  const before = doc.text.charAt(word.start - 1)
  const after = doc.text.charAt(word.end)
  if (/^(?:https?|www|ftp|mailto)$/i.test(word.text) || doc.text.startsWith('://', word.end)) return true
  return /[@#/\\._=]/.test(before) || /[@/\\_=]/.test(after) || /[._@\d]/.test(word.text.replace(/\.$/, ''))
}

export type ForeignClass = 'foreign' | 'english' | 'neutral'

/**
 * Word `i`'s class, computed on demand: `foreign` (a lower-case word that no English spelling, suffix,
 * compound or typo explains), `english`, or `neutral` (names, numbers,
 * symbols, mis-decoded text).
 */
export function foreignClassAt(doc: Doc, i: number): ForeignClass {
  const cache = shared(doc, 'translation/foreign-classes', () => new Int8Array(doc.words.length))
  if (cache[i] === 0) cache[i] = CLASS_CODES.indexOf(classify(doc, i)) + 1
  return CLASS_CODES[cache[i] - 1]
}

const CLASS_CODES: ForeignClass[] = ['foreign', 'english', 'neutral']

function classify(doc: Doc, i: number): ForeignClass {
  const facts = wordFacts(doc)
  const shape = facts.shape[i]
  const lower = facts.lower[i]
  if (shape === SHAPE_LOWER) {
    if (lower.length < 4) return englishAt(doc, i) ? 'english' : 'neutral'
    return englishAt(doc, i) || isEnglishLike(lower) ? 'english' : 'foreign'
  }
  if (shape === 0) return 'neutral'
  const bare = facts.bare[i]
  if (!/^\p{L}[\p{L}'’-]*$/u.test(bare) || MOJIBAKE.test(bare)) return 'neutral'
  if (shape !== SHAPE_OTHER_LOWER) return englishAt(doc, i) ? 'english' : 'neutral'
  const parts = bare.split('-').filter((p) => p.length > 0)
  if (parts.length > 1) {
    if (parts.some((p) => /^\p{Lu}/u.test(p)) || isEnglishLike(parts.join(''))) return 'english'
    return parts.every((p) => p.length < 3 || !isEnglishLike(p)) && parts.some((p) => p.length >= 4) ? 'foreign' : 'english'
  }
  if (bare.length < 4) return englishAt(doc, i) ? 'english' : 'neutral'
  return isEnglishLike(bare) ? 'english' : 'foreign'
}

export interface ForeignRun {
  /** Index of the first and last word of the run in `doc.words`. */
  first: number
  last: number
  start: number
  end: number
  /** Foreign words in the run. */
  foreign: number
  /** The language's name, when franc-min is confident. */
  language?: string
  /** Most of the document is in runs: franc-min judged them together. */
  documentLevel?: boolean
}

export const RUN_DEFAULTS = {minWords: 4, minLength: 20}

/** Languages franc-min tells apart reliably enough to name in a message (it has no Finnish: Finnish comes out as anything). */
const NAMED_LANGUAGES: Record<string, string> = {
  spa: 'Spanish', fra: 'French', deu: 'German', ita: 'Italian', por: 'Portuguese', nld: 'Dutch', pol: 'Polish', rus: 'Russian',
  ukr: 'Ukrainian', tur: 'Turkish', ind: 'Indonesian', ron: 'Romanian', ces: 'Czech', hun: 'Hungarian'
}

/** Words inside foreign runs found with the default thresholds. */
export function foreignRunWords(doc: Doc): Set<number> {
  return shared(doc, 'translation/foreign-run-words', () => {
    const set = new Set<number>()
    for (const run of foreignRuns(doc)) for (let i = run.first; i <= run.last; i++) set.add(i)
    return set
  })
}

/** Word classes for runs: dictionary words only (no typo or compound tolerance, which short foreign words pass). */
function strictForeign(doc: Doc): boolean[] {
  return shared(doc, 'translation/strict-foreign', () => {
    const facts = wordFacts(doc)
    return doc.words.map((_word, i) => {
      const shape = facts.shape[i]
      if (shape === SHAPE_LOWER) return !englishIn(facts, i)
      if (shape !== SHAPE_OTHER_LOWER) return false
      const bare = facts.bare[i]
      if (!/^\p{L}[\p{L}'’-]*$/u.test(bare) || MOJIBAKE.test(bare)) return false
      return !bare.split('-').some((part) => isEnglishSpelling(part))
    })
  })
}

/**
 * Runs of words in another language inside a line: at least `minWords` lower-case
 * non-English words, at most two other words between two of them, no more English
 * words than foreign ones, `minLength` characters or more, and franc does not
 * call the run English (franc-min, run only on these candidates).
 */
export function foreignRuns(doc: Doc, options: {minWords: number; minLength: number} = RUN_DEFAULTS): ForeignRun[] {
  const key = `translation/foreign-runs:${options.minWords}:${options.minLength}`
  return shared(doc, key, () => {
    const candidates = candidateRuns(doc, options)
    // Most of the document foreign: one franc call on its longest runs decides for all of them.
    const covered = candidates.reduce((sum, run) => sum + run.last - run.first + 1, 0)
    if (candidates.length >= 2 && covered * 2 >= doc.words.length) {
      const longest = [...candidates].sort((a, b) => b.end - b.start - (a.end - a.start)).slice(0, 3)
      const verdict = guess(longest.map((run) => doc.text.slice(run.start, run.end)).join(' '))
      if (verdict.foreign) return candidates.map((run) => ({...run, language: verdict.language, documentLevel: true}))
    }
    const runs: ForeignRun[] = []
    for (const run of candidates) {
      const verdict = guess(doc.text.slice(run.start, run.end))
      if (verdict.foreign) runs.push({...run, language: verdict.language})
    }
    return runs
  })
}

/** franc-min's verdict on a text: not English (and, when it is confident, which language). */
function guess(text: string): {foreign: boolean; language?: string} {
  const guesses = francAll(text.length > 2000 ? text.slice(0, 2000) : text, {minLength: 10})
  const best = guesses[0]
  if (!best || best[0] === 'eng' || best[0] === 'und') return {foreign: false}
  const second = guesses[1]
  const named = NAMED_LANGUAGES[best[0]]
  // Longer texts separate close languages (Portuguese, Galician) by smaller margins.
  const margin = text.length >= 200 ? 0.02 : 0.1
  return {foreign: true, language: named && (!second || best[1] - second[1] >= margin) ? named : undefined}
}

/** Runs by dictionary coverage alone, before franc. */
function candidateRuns(doc: Doc, options: {minWords: number; minLength: number}): ForeignRun[] {
  const foreign = strictForeign(doc)
  const facts = wordFacts(doc)
  const runs: ForeignRun[] = []
  const words = doc.words
  let i = 0
  while (i < words.length) {
    if (!foreign[i]) {
      i++
      continue
    }
    const line = doc.lineIndexAt(words[i].start)
    const lineEnd = doc.lines[line].end
    let last = i
    let count = 1
    let english = 0
    let j = i + 1
    let gap = 0
    let gapEnglish = 0
    while (j < words.length && gap <= 2 && words[j].start < lineEnd) {
      if (foreign[j]) {
        last = j
        count++
        english += gapEnglish
        gap = 0
        gapEnglish = 0
      } else {
        gap++
        if (facts.shape[j] !== 0 && englishIn(facts, j)) gapEnglish++
      }
      j++
    }
    const start = words[i].start
    const end = words[last].end
    if (count >= options.minWords && english <= count && end - start >= options.minLength) {
      runs.push({first: i, last, start, end, foreign: count})
    }
    i = last + 1
  }
  return runs
}

const DATE_OR_TIME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|\b\d{1,2}[.:] ?\d{2}\b|\b\d{4}-\d{2}-\d{2}\b/i

/**
 * Header-like lines: short, no sentence punctuation at the end, and holding a
 * date or time or a repeated word (comment headers such as `jdoe Offline jdoe`,
 * `Jane Roe (jroe) April 13 2021 22: 22`). Their lower-case names are user names.
 */
export function headerLines(doc: Doc): Set<number> {
  return shared(doc, 'translation/header-lines', () => {
    const out = new Set<number>()
    for (let i = 0; i < doc.lines.length; i++) {
      const text = doc.lines[i].text.trim()
      if (text === '' || /[.!?"”]$/.test(text)) continue
      const tokens = text.match(/[\p{L}\p{N}_'’-]+/gu) ?? []
      if (tokens.length > 10) continue
      const lower = tokens.map((t) => t.toLowerCase())
      if (DATE_OR_TIME.test(text) || new Set(lower).size < lower.length) out.add(i)
    }
    return out
  })
}

/** Is `[start, end)` inside parentheses holding at most `maxWords` words? */
export function inShortParentheses(doc: Doc, start: number, end: number, maxWords = 8): boolean {
  // Short parentheses only: look at most this far either side (never a whole long line).
  const reach = 24 * (maxWords + 1)
  const text = doc.text
  let open = -1
  for (let k = start - 1; k >= 0 && k >= start - reach; k--) {
    const c = text.charCodeAt(k)
    if (c === 40) {
      open = k
      break
    }
    if (c === 41 || c === 10) return false
  }
  if (open < 0) return false
  let close = -1
  for (let k = end; k < text.length && k <= end + reach; k++) {
    const c = text.charCodeAt(k)
    if (c === 41) {
      close = k
      break
    }
    if (c === 40 || c === 10) return false
  }
  if (close < 0) return false
  const words = text.slice(open + 1, close).match(/[\p{L}\p{N}]+/gu)?.length ?? 0
  return words <= maxWords
}
