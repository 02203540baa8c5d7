/**
 * Helpers the translation rules share: word shapes, "mid-sentence" positions,
 * headline lines, quoted spans, and the per-document foreign-word analysis
 * (built once per document in `doc.shared`, read by `untranslated-run` and
 * `untranslated-word`).
 *
 * Speed: every distinct word text gets an id in the process-wide `lexicon`, whose
 * columns (typed arrays by id) hold what the text alone decides, computed once per
 * process: shape, English or not, foreign class, and so on. Per-word passes read
 * those columns through `wordFacts(doc).ids` instead of looking strings up in sets
 * and maps word by word (the names/ rules use the same ids). `wordFacts` is the one
 * pass over the document's Word objects: the rules read its typed arrays (and its
 * lists of Title-Case and shape-0 words) rather than the objects. What is only asked
 * of some words (mid-sentence positions, quoted spans of a line, header lines) is
 * computed on first need and kept.
 */
import type {Doc, Line, Word} from '../../src/document.js'
import {francAll} from 'franc-min'
import {loadData} from '../../src/data.js'
import {bareWord, hasCapitalisedEntry, isEnglishLike as isEnglishLikeWord, isEnglishLower, isEnglishSpelling as isEnglishSpellingWord} from '../../src/spelling.js'
import {MEMO_LIMIT, isProperNoun} from '../../src/dictionary.js'

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
  /** Each word's id in the process-wide `lexicon` (what the word's text alone decides: `lexicon.bare[id]`, `lexicon.lower[id]`). */
  ids: Int32Array
  /** 1: ASCII lower-case word; 2: Title Case; 3: other capitalised (acronyms, CamelCase); 4: other lower-case start; 0: anything else. */
  shape: Uint8Array
  /** Start offsets of the words. */
  starts: Int32Array
  /** Index into `doc.lines` of each word's line (`doc.lineIndexAt(start)`, found in one pass). */
  lines: Int32Array
  /** Index into `doc.sentences` of each word's sentence. */
  sentences: Int32Array
  /** `isMidSentence` answers: 1 yes, 2 no, 0 not yet known. */
  mid: Int8Array
  /** By line index: 1 for a Title-Case line (see `titleLines`), 0 otherwise. */
  titleLines: Uint8Array
  /** Indexes of the Title-Case words (`SHAPE_TITLE`), in text order. */
  titleWords: number[]
  /** Indexes of the words of shape 0 (numbers, symbols: no letter first), in text order. */
  otherWords: number[]
}

export const SHAPE_LOWER = 1
export const SHAPE_TITLE = 2
export const SHAPE_CAPITAL = 3
export const SHAPE_OTHER_LOWER = 4

/** `Lexicon.flags` bits. */
export const FLAG_COLON = 1 // the text holds a colon (`HSL:n`)
export const FLAG_SMALL = 2 // `TITLE_SMALL` holds the lower-case form
export const FLAG_UPPER_START = 4 // the text starts with an upper-case letter (`Putin`, `TASS`; not `"Putin`)

const INITIAL_IDS = 1024
const INITIAL_TABLE = 4096

function grownInt32(array: Int32Array, size: number): Int32Array {
  const out = new Int32Array(size)
  out.set(array)
  return out
}

function grownInt8(array: Int8Array, size: number): Int8Array {
  const out = new Int8Array(size)
  out.set(array)
  return out
}

function grownUint8(array: Uint8Array, size: number): Uint8Array {
  const out = new Uint8Array(size)
  out.set(array)
  return out
}

/**
 * The distinct word texts seen in this process, each with an integer id and what its text alone decides:
 * the bare and lower-case forms, the shape, and (lazily, 0 = not yet known) the dictionary verdicts the
 * translation rules ask for, in columns indexed by id. Words are found by their characters in the
 * document's text (an open-addressing table over a pool of UTF-16 code units), so a look-up neither makes
 * nor hashes a string, and the columns stay compact: per-word passes read them, not scattered objects.
 */
export class Lexicon {
  /** Number of ids. */
  size = 0
  /** Open-addressing table of slots (id + 1, hash, pool start, length); id + 1 = 0 marks a free slot. */
  private table: Int32Array = new Int32Array(INITIAL_TABLE * 4)
  private hashes: Int32Array = new Int32Array(INITIAL_IDS)
  /** Per id: start and length of its text in `pool`. */
  private spans: Int32Array = new Int32Array(INITIAL_IDS * 2)
  private pool: Uint16Array = new Uint16Array(INITIAL_IDS * 8)
  private poolUsed = 0
  private capacity = INITIAL_IDS

  text: string[] = []
  bare: string[] = []
  lower: string[] = []
  shape: Uint8Array = new Uint8Array(INITIAL_IDS)
  flags: Uint8Array = new Uint8Array(INITIAL_IDS)
  /** English by the dictionary or the loanword list: 1 yes, 2 no. */
  english: Int8Array = new Int8Array(INITIAL_IDS)
  /** `foreignClassAt`: 1 foreign, 2 english, 3 neutral. */
  cls: Int8Array = new Int8Array(INITIAL_IDS)
  /** Foreign for runs (`strictForeign`): 1 yes, 2 no. */
  strict: Int8Array = new Int8Array(INITIAL_IDS)
  /** `isEnglishLower(lower)`: 1 yes, 2 no. */
  dict: Int8Array = new Int8Array(INITIAL_IDS)
  /** `isProperNoun(bare) || hasCapitalisedEntry(bare)`: 1 yes, 2 no. */
  nameish: Int8Array = new Int8Array(INITIAL_IDS)
  /** `translation/lowercase-proper`: a listed name or an ambiguous month in lower case: 1 yes, 2 no. */
  proper: Int8Array = new Int8Array(INITIAL_IDS)
  /** `translation/mid-sentence-capital`: what a capital on the word may be reported as (its `CapitalKind`; 0 = not yet known). */
  capitalKind: Int8Array = new Int8Array(INITIAL_IDS)
  /** Phrase matchers (by bit) that have asked whether the word starts one of their phrases, and those it does start. */
  phraseKnown: Int32Array = new Int32Array(INITIAL_IDS)
  phraseFirst: Int32Array = new Int32Array(INITIAL_IDS)
  /** The names/ rules' per-gazetteer facts of the word, and the gazetteer index they were made for. */
  names: unknown[] = []
  namesFor: unknown[] = []
  /** `translation/untranslated-word`'s facts of the word (made on first need). */
  untranslated: unknown[] = []

  /** Each id's lower-case form as a slot number: words that differ only in case share it. */
  slot: Int32Array = new Int32Array(INITIAL_IDS)
  private slotIds = new Map<string, number>()
  slotLower: string[] = []
  /** Per slot: generation of the count that last claimed it, and its index in that count (see `casingCounts`). */
  slotGen: Int32Array = new Int32Array(INITIAL_IDS)
  slotIndex: Int32Array = new Int32Array(INITIAL_IDS)

  /** The slot of a lower-case form (see `slot`), or -1 when no word seen has that form. */
  slotOf(lower: string): number {
    return this.slotIds.get(lower) ?? -1
  }

  /** The id of `text.slice(start, end)`, made on first sight. */
  idOf(text: string, start: number, end: number): number {
    let hash = 0x811c9dc5 | 0
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619)
    const length = end - start
    const table = this.table
    const mask = (table.length >> 2) - 1
    let at = hash & mask
    for (;;) {
      const slot = at << 2
      const entry = table[slot]
      if (entry === 0) break
      if (table[slot + 1] === hash && table[slot + 3] === length) {
        const pool = this.pool
        const from = table[slot + 2]
        let k = 0
        while (k < length && pool[from + k] === text.charCodeAt(start + k)) k++
        if (k === length) return entry - 1
      }
      at = (at + 1) & mask
    }
    return this.add(text, start, end, hash)
  }

  private add(text: string, start: number, end: number, hash: number): number {
    const id = this.size
    if (id === this.capacity) this.grow()
    if ((id + 1) * 2 > this.table.length >> 2) this.rehash()
    const length = end - start
    if (this.poolUsed + length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolUsed + length))
      pool.set(this.pool)
      this.pool = pool
    }
    for (let k = 0; k < length; k++) this.pool[this.poolUsed + k] = text.charCodeAt(start + k)
    this.hashes[id] = hash
    this.spans[id * 2] = this.poolUsed
    this.spans[id * 2 + 1] = length
    this.poolUsed += length
    this.place(this.table, id)
    this.size++
    this.describe(id, text.slice(start, end))
    return id
  }

  /** Put `id` in `table` (slots of id + 1, hash, pool start, length). */
  private place(table: Int32Array, id: number): void {
    const hash = this.hashes[id]
    const mask = (table.length >> 2) - 1
    let at = hash & mask
    while (table[at << 2] !== 0) at = (at + 1) & mask
    const slot = at << 2
    table[slot] = id + 1
    table[slot + 1] = hash
    table[slot + 2] = this.spans[id * 2]
    table[slot + 3] = this.spans[id * 2 + 1]
  }

  /** What the text alone decides: bare and lower-case forms, shape, flags, lower-case slot. */
  private describe(id: number, value: string): void {
    const key = value.length < 13 ? value : (' ' + value).slice(1) // not a slice that keeps the document alive
    let bare: string
    let lower: string
    let shape = 0
    if (isAsciiLower(key)) {
      bare = key
      lower = key
      shape = SHAPE_LOWER
    } else {
      bare = bareWord(key)
      lower = bare.toLowerCase()
      if (/^\p{Lu}/u.test(bare)) shape = TITLE_CASE.test(bare) ? SHAPE_TITLE : SHAPE_CAPITAL
      else if (/^\p{Ll}/u.test(bare)) shape = isAsciiLower(bare) ? SHAPE_LOWER : SHAPE_OTHER_LOWER
    }
    this.text.push(key)
    this.bare.push(bare)
    this.lower.push(lower)
    this.names.push(undefined)
    this.namesFor.push(undefined)
    this.untranslated.push(undefined)
    this.shape[id] = shape
    const first = key.charCodeAt(0)
    const upperStart = first < 128 ? first >= 65 && first <= 90 : /^\p{Lu}/u.test(key)
    this.flags[id] = (key.includes(':') ? FLAG_COLON : 0) | (TITLE_SMALL.has(lower) ? FLAG_SMALL : 0) | (upperStart ? FLAG_UPPER_START : 0)
    let slot = this.slotIds.get(lower)
    if (slot === undefined) {
      slot = this.slotLower.length
      this.slotIds.set(lower, slot)
      this.slotLower.push(lower)
      if (slot >= this.slotGen.length) {
        this.slotGen = grownInt32(this.slotGen, this.slotGen.length * 2)
        this.slotIndex = grownInt32(this.slotIndex, this.slotIndex.length * 2)
      }
    }
    this.slot[id] = slot
  }

  private grow(): void {
    const size = this.capacity * 2
    this.capacity = size
    this.hashes = grownInt32(this.hashes, size)
    this.spans = grownInt32(this.spans, size * 2)
    this.shape = grownUint8(this.shape, size)
    this.flags = grownUint8(this.flags, size)
    this.english = grownInt8(this.english, size)
    this.cls = grownInt8(this.cls, size)
    this.strict = grownInt8(this.strict, size)
    this.dict = grownInt8(this.dict, size)
    this.nameish = grownInt8(this.nameish, size)
    this.proper = grownInt8(this.proper, size)
    this.capitalKind = grownInt8(this.capitalKind, size)
    this.phraseKnown = grownInt32(this.phraseKnown, size)
    this.phraseFirst = grownInt32(this.phraseFirst, size)
    this.slot = grownInt32(this.slot, size)
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2)
    for (let id = 0; id < this.size; id++) this.place(table, id)
    this.table = table
  }
}

/** The process-wide lexicon (replaced, never cleared in place, when it grows too large). */
export let lexicon = new Lexicon()

/** One pass over the words for what every translation rule asks of them, built once per document. */
export function wordFacts(doc: Doc): WordFacts {
  // The document asked last, without a map look-up: helpers ask once per word.
  if (doc === lastDoc) return lastFacts!
  const facts = shared(doc, 'translation/word-facts', buildWordFacts)
  lastDoc = doc
  lastFacts = facts
  return facts
}

let lastDoc: Doc | undefined
let lastFacts: WordFacts | undefined

function buildWordFacts(doc: Doc): WordFacts {
  // Replaced only between documents: one document's ids all belong to one lexicon.
  if (lexicon.size >= MEMO_LIMIT) lexicon = new Lexicon()
  const L = lexicon
  const words = doc.words
  const text = doc.text
  const lineTable = doc.lines
  const n = words.length
  // One buffer for all the columns (allocating a typed array's memory costs more than filling it).
  const buffer = new ArrayBuffer(18 * n + lineTable.length)
  const ids = new Int32Array(buffer, 0, n)
  const starts = new Int32Array(buffer, 4 * n, n)
  const lines = new Int32Array(buffer, 8 * n, n)
  const sentences = new Int32Array(buffer, 12 * n, n)
  const shape = new Uint8Array(buffer, 16 * n, n)
  const mid = new Int8Array(buffer, 17 * n, n)
  const titleLines = new Uint8Array(buffer, 18 * n, lineTable.length)
  const titleWords: number[] = []
  const otherWords: number[] = []
  let line = 0
  // The current line's content words, and those capitalised (for `titleLines`).
  let content = 0
  let capital = 0
  for (let i = 0; i < n; i++) {
    const word = words[i]
    const start = word.start
    const id = L.idOf(text, start, word.end)
    const wordShape = L.shape[id] // (the columns are read after `idOf`, which may grow them)
    ids[i] = id
    shape[i] = wordShape
    starts[i] = start
    sentences[i] = word.sentence
    // Words come in text order: the line only moves forward.
    if (line + 1 < lineTable.length && lineTable[line + 1].start <= start) {
      if (isTitleLine(content, capital)) titleLines[line] = 1
      content = 0
      capital = 0
      while (line + 1 < lineTable.length && lineTable[line + 1].start <= start) line++
    }
    lines[i] = line
    if (wordShape === SHAPE_TITLE) titleWords.push(i)
    else if (wordShape === 0) otherWords.push(i)
    if (wordShape !== 0 && (L.flags[id] & FLAG_SMALL) === 0) {
      content++
      if (wordShape === SHAPE_TITLE || wordShape === SHAPE_CAPITAL) capital++
    }
  }
  if (isTitleLine(content, capital)) titleLines[line] = 1
  return {ids, shape, starts, lines, sentences, mid, titleLines, titleWords, otherWords}
}

/** A line with two content words or more, at least 70% of them capitalised. */
function isTitleLine(content: number, capital: number): boolean {
  return content >= 2 && capital / content >= 0.7
}

/** Is word `i` of the document of `facts` an English word (any casing, American or British spelling, or a listed loanword)? */
export function englishIn(facts: WordFacts, i: number): boolean {
  return englishOf(facts.ids[i])
}

/** Is the word of lexicon id `id` English? */
export function englishOf(id: number): boolean {
  const L = lexicon
  if (L.english[id] === 0) L.english[id] = isEnglishLower(L.lower[id]) || isLoanword(L.lower[id]) ? 1 : 2
  return L.english[id] === 1
}

/** `isEnglishLower` of the word's lower-case form (the dictionary alone, no loanwords). */
export function dictionaryOf(id: number): boolean {
  const L = lexicon
  if (L.dict[id] === 0) L.dict[id] = isEnglishLower(L.lower[id]) ? 1 : 2
  return L.dict[id] === 1
}

/** The dictionary lists the bare word as a name, or capitalised (`Mark`, `Lamb`). */
export function nameishOf(id: number): boolean {
  const L = lexicon
  if (L.nameish[id] === 0) L.nameish[id] = isProperNoun(L.bare[id]) || hasCapitalisedEntry(L.bare[id]) ? 1 : 2
  return L.nameish[id] === 1
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
  return gap.length > 0 && isOpeningQuote(gap.charCodeAt(gap.length - 1))
}

/** `“‘«„([{"'`: an opening quote or bracket. */
function isOpeningQuote(c: number): boolean {
  return c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e || c === 40 || c === 91 || c === 123 || c === 34 || c === 39
}

/** `.!?:;…|•·—–-/\]>}`: punctuation that ends a sentence or a clause, or separates items. */
function isSentenceBreak(c: number): boolean {
  return c < 128
    ? c === 46 || c === 33 || c === 63 || c === 58 || c === 59 || c === 124 || c === 45 || c === 47 || c === 92 || c === 93 || c === 62 || c === 125
    : c === 0x2026 || c === 0x2022 || c === 0xb7 || c === 0x2014 || c === 0x2013
}

/** `.!?:` */
function endsSentence(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 58
}

/**
 * Is word `i` inside a sentence, where a capital needs a reason: not the first
 * word of a sentence or line, and not right after sentence punctuation, a
 * colon, a dash, or an opening quote or bracket.
 */
export function isMidSentence(doc: Doc, i: number): boolean {
  const cache = wordFacts(doc).mid
  if (cache[i] === 0) cache[i] = computeMidSentence(doc, i) ? 1 : 2
  return cache[i] === 1
}

function computeMidSentence(doc: Doc, i: number): boolean {
  const word = doc.words[i]
  if (i === 0 || word.first || word.lineStart) return false
  const prev = doc.words[i - 1]
  if (prev.sentence !== word.sentence) return false
  // The gap between the two words, read in place (all the characters looked for are in the BMP).
  const text = doc.text
  for (let k = prev.end; k < word.start; k++) if (isSentenceBreak(text.charCodeAt(k))) return false
  if (word.start > prev.end && isOpeningQuote(text.charCodeAt(word.start - 1))) return false
  return !endsSentence(prev.text.charCodeAt(prev.text.length - 1))
}

/** A per-line cache of lazily computed yes/no answers. */
function lineFlags(doc: Doc): Int8Array {
  return new Int8Array(doc.lines.length)
}

/** Shared per-document cache (`build` is best a function of the document alone, not a closure made per call). */
export function shared<T>(doc: Doc, key: string, build: (doc: Doc) => T): T {
  let value = doc.shared.get(key) as T | undefined
  if (value === undefined) {
    value = build(doc)
    doc.shared.set(key, value)
  }
  return value
}

/**
 * Lines that read as headlines or names in Title Case: most of their content
 * words capitalised. Mid-sentence capitals mean nothing there. By line index: 1 a title line, 0 not.
 */
export function titleLines(doc: Doc): Uint8Array {
  return wordFacts(doc).titleLines
}

/** Is word `i` on a Title-Case line (`titleLines`)? */
export function onTitleLine(doc: Doc, i: number): boolean {
  const facts = wordFacts(doc)
  return facts.titleLines[facts.lines[i]] === 1
}

export interface QuoteSpan {
  start: number
  end: number
  /** Words inside. */
  words: number
}

/** A letter or digit (a whole code point) at `lastIndex`. */
const ALNUM_AT = /[\p{L}\p{N}]/uy

/** Pairs of “…”, "…", ‘…’, «…», „…“ (never across a line break). */
const QUOTED = /“[^“”\n]*”|"[^"\n]*"|«[^«»\n]*»|„[^„“”\n]*[“”]|(?<![\p{L}\p{N}])‘[^‘’\n]*’(?![\p{L}])/gu

const NO_SPANS: QuoteSpan[] = []

/** The quoted spans of line `line`, in document offsets (found on the line's first query). */
function quoteSpansOfLine(doc: Doc, line: number): QuoteSpan[] {
  const cache = shared(doc, 'translation/quote-spans', emptyLineSpans)
  let spans = cache[line]
  if (spans === undefined) {
    spans = findQuoteSpans(doc.lines[line])
    cache[line] = spans
  }
  return spans
}

function emptyLineSpans(doc: Doc): Array<QuoteSpan[] | undefined> {
  return new Array<QuoteSpan[] | undefined>(doc.lines.length)
}

/**
 * The matches of `QUOTED` in the line, with the words inside each. A match never holds a line break, and
 * what lies before and after the line (a line break or nothing) is neither a letter nor a digit: the matches
 * are those of the whole text in this line.
 */
function findQuoteSpans(line: Line): QuoteSpan[] {
  const text = line.text
  let spans = NO_SPANS
  QUOTED.lastIndex = 0
  let match: RegExpExecArray | null
  while ((match = QUOTED.exec(text))) {
    const end = match.index + match[0].length
    if (spans === NO_SPANS) spans = []
    spans.push({start: line.start + match.index, end: line.start + end, words: countAlnumRuns(text, match.index, end)})
  }
  return spans
}

/** How many runs of letters and digits (`/[\p{L}\p{N}]+/u` matches) `[start, end)` holds, counted in place. */
function countAlnumRuns(text: string, start: number, end: number): number {
  let runs = 0
  let inRun = false
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k)
    let alnum: boolean
    if (c < 128) {
      alnum = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)
    } else {
      ALNUM_AT.lastIndex = k
      alnum = ALNUM_AT.test(text)
      // A surrogate pair is one character: its second half is never looked at alone.
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < end) {
        const low = text.charCodeAt(k + 1)
        if (low >= 0xdc00 && low <= 0xdfff) k++
      }
    }
    if (alnum && !inRun) runs++
    inRun = alnum
  }
  return runs
}

/** The quoted span holding `[start, end)`, if any. */
export function quoteAt(doc: Doc, start: number, end: number): QuoteSpan | undefined {
  return quoteOnLine(doc, doc.lineIndexAt(start), start, end)
}

/** The quoted span holding word `i`, if any (`quoteAt` of the word, whose line is known). */
export function quoteAtWord(doc: Doc, i: number): QuoteSpan | undefined {
  const word = doc.words[i]
  return quoteOnLine(doc, wordFacts(doc).lines[i], word.start, word.end)
}

/** `quoteAt` where `line` holds `start`. */
function quoteOnLine(doc: Doc, line: number, start: number, end: number): QuoteSpan | undefined {
  const spans = quoteSpansOfLine(doc, line)
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

const URL_SCHEME = /^(?:https?|www|ftp|mailto)$/i
const MACHINE_BEFORE = /[@#/\\._=]/
const MACHINE_AFTER = /[@/\\_=]/
const MACHINE_INSIDE = /[._@\d]/
const FINAL_DOT = /\.$/

/** Is the word part of a URL, e-mail address, handle or hashtag? */
export function isMachineToken(doc: Doc, word: Word): boolean {
  const before = doc.text.charAt(word.start - 1)
  const after = doc.text.charAt(word.end)
  if (URL_SCHEME.test(word.text) || doc.text.startsWith('://', word.end)) return true
  return MACHINE_BEFORE.test(before) || MACHINE_AFTER.test(after) || MACHINE_INSIDE.test(word.text.replace(FINAL_DOT, ''))
}

export type ForeignClass = 'foreign' | 'english' | 'neutral'

/**
 * Word `i`'s class, computed on demand: `foreign` (a lower-case word that no English spelling, suffix,
 * compound or typo explains), `english`, or `neutral` (names, numbers,
 * symbols, mis-decoded text).
 */
export function foreignClassAt(doc: Doc, i: number): ForeignClass {
  return CLASS_CODES[classOf(wordFacts(doc).ids[i]) - 1]
}

/** `foreignClassAt` by the word's lexicon id: 1 foreign, 2 english, 3 neutral. */
export function classOf(id: number): number {
  const L = lexicon
  if (L.cls[id] === 0) L.cls[id] = CLASS_CODES.indexOf(classify(id)) + 1
  return L.cls[id]
}

const CLASS_CODES: ForeignClass[] = ['foreign', 'english', 'neutral']
export const CLASS_FOREIGN = 1
export const CLASS_ENGLISH = 2
export const CLASS_NEUTRAL = 3

function classify(id: number): ForeignClass {
  const L = lexicon
  const shape = L.shape[id]
  const lower = L.lower[id]
  if (shape === SHAPE_LOWER) {
    if (lower.length < 4) return englishOf(id) ? 'english' : 'neutral'
    return englishOf(id) || isEnglishLike(lower) ? 'english' : 'foreign'
  }
  if (shape === 0) return 'neutral'
  const bare = L.bare[id]
  if (!/^\p{L}[\p{L}'’-]*$/u.test(bare) || MOJIBAKE.test(bare)) return 'neutral'
  if (shape !== SHAPE_OTHER_LOWER) return englishOf(id) ? 'english' : 'neutral'
  const parts = bare.split('-').filter((p) => p.length > 0)
  if (parts.length > 1) {
    if (parts.some((p) => /^\p{Lu}/u.test(p)) || isEnglishLike(parts.join(''))) return 'english'
    return parts.every((p) => p.length < 3 || !isEnglishLike(p)) && parts.some((p) => p.length >= 4) ? 'foreign' : 'english'
  }
  if (bare.length < 4) return englishOf(id) ? 'english' : 'neutral'
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
  return shared(doc, 'translation/foreign-run-words', buildForeignRunWords)
}

function buildForeignRunWords(doc: Doc): Set<number> {
  const set = new Set<number>()
  for (const run of foreignRuns(doc)) for (let i = run.first; i <= run.last; i++) set.add(i)
  return set
}

/** Word classes for runs: dictionary words only (no typo or compound tolerance, which short foreign words pass). */
function strictForeignOf(id: number): boolean {
  const L = lexicon
  if (L.strict[id] === 0) L.strict[id] = computeStrictForeign(id) ? 1 : 2
  return L.strict[id] === 1
}

function computeStrictForeign(id: number): boolean {
  const L = lexicon
  const shape = L.shape[id]
  if (shape === SHAPE_LOWER) return !englishOf(id)
  if (shape !== SHAPE_OTHER_LOWER) return false
  const bare = L.bare[id]
  if (!/^\p{L}[\p{L}'’-]*$/u.test(bare) || MOJIBAKE.test(bare)) return false
  return !bare.split('-').some((part) => isEnglishSpelling(part))
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
  const facts = wordFacts(doc)
  const ids = facts.ids
  const starts = facts.starts
  const runs: ForeignRun[] = []
  const words = doc.words
  let i = nextStrictForeign(ids, 0)
  while (i < words.length) {
    const lineEnd = doc.lines[facts.lines[i]].end
    let last = i
    let count = 1
    let english = 0
    let j = i + 1
    let gap = 0
    let gapEnglish = 0
    while (j < words.length && gap <= 2 && starts[j] < lineEnd) {
      if (strictForeignOf(ids[j])) {
        last = j
        count++
        english += gapEnglish
        gap = 0
        gapEnglish = 0
      } else {
        gap++
        if (facts.shape[j] !== 0 && englishOf(ids[j])) gapEnglish++
      }
      j++
    }
    const start = words[i].start
    const end = words[last].end
    if (count >= options.minWords && english <= count && end - start >= options.minLength) {
      runs.push({first: i, last, start, end, foreign: count})
    }
    i = nextStrictForeign(ids, last + 1)
  }
  return runs
}

/** The first word from `from` on that is foreign for runs (`strictForeignOf`), read from the column when known. */
function nextStrictForeign(ids: Int32Array, from: number): number {
  const strict = lexicon.strict
  let i = from
  for (; i < ids.length; i++) {
    const known = strict[ids[i]]
    if (known === 1 || (known === 0 && strictForeignOf(ids[i]))) break
  }
  return i
}

const DATE_OR_TIME = /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b|\b\d{1,2}[.:] ?\d{2}\b|\b\d{4}-\d{2}-\d{2}\b/i

/**
 * Header-like lines: short, no sentence punctuation at the end, and holding a
 * date or time or a repeated word (comment headers such as `jdoe Offline jdoe`,
 * `Jane Roe (jroe) April 13 2021 22: 22`). Their lower-case names are user names.
 */
export function isHeaderLine(doc: Doc, line: number): boolean {
  const cache = shared(doc, 'translation/header-lines', lineFlags)
  if (cache[line] === 0) cache[line] = computeHeaderLine(doc.lines[line].text) ? 1 : 2
  return cache[line] === 1
}

function computeHeaderLine(line: string): boolean {
  const text = line.trim()
  if (text === '' || /[.!?"”]$/.test(text)) return false
  if (hasMoreTokensThan(text, 10)) return false // (most lines: decided without making the tokens)
  const tokens = text.match(/[\p{L}\p{N}_'’-]+/gu) ?? []
  if (tokens.length > 10) return false
  const lower = tokens.map((t) => t.toLowerCase())
  return DATE_OR_TIME.test(text) || new Set(lower).size < lower.length
}

/** Does `text` hold more than `limit` runs of `[\p{L}\p{N}_'’-]` (a header line's tokens)? Stops counting there. */
function hasMoreTokensThan(text: string, limit: number): boolean {
  let tokens = 0
  let inToken = false
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    let tokenChar: boolean
    if (c < 128) {
      tokenChar = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 39 || c === 45
    } else if (c === 0x2019) {
      tokenChar = true
    } else {
      ALNUM_AT.lastIndex = k
      tokenChar = ALNUM_AT.test(text)
      // A surrogate pair is one character: its second half is never looked at alone.
      if (c >= 0xd800 && c <= 0xdbff && k + 1 < text.length) {
        const low = text.charCodeAt(k + 1)
        if (low >= 0xdc00 && low <= 0xdfff) k++
      }
    }
    if (tokenChar && !inToken && ++tokens > limit) return true
    inToken = tokenChar
  }
  return false
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
  const words = countAlnumRuns(text, open + 1, close)
  return words <= maxWords
}
