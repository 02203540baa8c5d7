import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {codeUnits} from './shared.js'

/** The document-level signals of the C4, Gopher and FineWeb filters (datatrove), for one document. */
export interface QualitySignals {
  /** White-space separated words. */
  words: number
  /** Sentences of the parse. */
  sentences: number
  /** Non-blank lines. */
  lines: number
  /** Mean length of a word without surrounding punctuation (Gopher: 3–10). */
  meanWordLength: number
  /** Share of words with at least one letter (Gopher: ≥ 0.8). */
  alphaWordRatio: number
  /** Occurrences of the, be, to, of, and, that, have, with (Gopher: ≥ 2). */
  stopWords: number
  /** `#` and ellipses per word (Gopher: ≤ 0.1). */
  symbolRatio: number
  /** Share of lines starting with a bullet (Gopher: ≤ 0.9). */
  bulletLineRatio: number
  /** Share of lines ending in an ellipsis (Gopher: ≤ 0.3). */
  ellipsisLineRatio: number
  /** Share of lines that repeat an earlier line (Gopher: ≤ 0.3). */
  duplicateLineRatio: number
  /** Characters in repeated lines over all characters (Gopher: ≤ 0.2). */
  duplicateLineCharRatio: number
  /** Share of paragraphs (blank-line separated) that repeat an earlier one (Gopher: ≤ 0.3). */
  duplicateParagraphRatio: number
  /** Characters in repeated paragraphs over all characters (Gopher: ≤ 0.2). */
  duplicateParagraphCharRatio: number
  /** Characters covered by the most frequent 2-, 3- and 4-gram over all characters (Gopher: ≤ 0.20, 0.18, 0.16). */
  topNgramCharRatio: [number, number, number]
  /** Share of lines ending in terminal punctuation (FineWeb: ≥ 0.12). */
  terminalLineRatio: number
  /** Share of lines of at most 30 characters (FineWeb: ≤ 0.67). */
  shortLineRatio: number
  /** C4 drops a page containing "lorem ipsum" or a curly bracket. */
  loremIpsum: boolean
  curlyBracket: boolean
}

export interface QualityFilter {
  /** `gopher`, `c4` or `fineweb`, and what trips. */
  id: string
  /** Human text: `31 words (Gopher min 50)`. */
  text: string
  /** Per-signal score in [0, 1]: 1 passes comfortably, 0 at or beyond the published threshold. */
  score: number
  /** Beyond the published threshold. */
  trips: boolean
}

export interface QualityReport {
  signals: QualitySignals
  /** Product of the per-signal scores, in [0, 1]. */
  score: number
  /** Every signal below 1, weakest first. */
  weak: QualityFilter[]
  /** The published C4/Gopher/FineWeb filters this document fails. */
  tripped: QualityFilter[]
}

const STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with']
const LETTER = /\p{L}/u
const ALNUM = /[\p{L}\p{N}]/u

/** Linear ramp: 1 at `good`, 0 at `bad` (either direction). */
function ramp(value: number, good: number, bad: number): number {
  if (good === bad) return value === good ? 1 : 0
  const t = (value - bad) / (good - bad)
  return Math.max(0, Math.min(1, t))
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x85 || c === 0x1680 ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000))
}

/** White space as `String.prototype.trim` and `\s` see it. */
function isTrimSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
}

/** Punctuation blocks news text is full of (curly quotes, dashes, `…`, `«»`): never letters, no regex needed. */
function isCommonPunctuation(c: number): boolean {
  return (c >= 0x2000 && c <= 0x206f) || (c >= 0xa0 && c <= 0xbf && c !== 0xaa && c !== 0xb5 && c !== 0xba)
}

const CLASS_KNOWN = 1
const CLASS_LETTER = 2
const CLASS_ALNUM = 4
/** White space of the token split (`isSpace`). */
const CLASS_SPACE = 8
/**
 * Per code unit, computed on first use: white space (of the token split), a letter (`\p{L}`), and a word
 * character for the word edges (a letter, a digit or a surrogate).
 */
const unitClasses = new Uint8Array(65536)

function unitClass(c: number): number {
  let k = unitClasses[c]
  if (k === 0) {
    k = CLASS_KNOWN
    if (isSpace(c)) k |= CLASS_SPACE
    else if (c >= 0xd800 && c <= 0xdfff) k |= CLASS_ALNUM
    else if (!isCommonPunctuation(c)) {
      const ch = String.fromCharCode(c)
      if (LETTER.test(ch)) k |= CLASS_LETTER
      if (ALNUM.test(ch)) k |= CLASS_ALNUM
    }
    unitClasses[c] = k
  }
  return k
}

/** A bullet at the start of a line: `•`, `-`, `*`, `·`, `‣`, `▪`, `●`, `–`, `◦`. */
function isBullet(c: number): boolean {
  return c === 0x2022 || c === 45 || c === 42 || c === 0xb7 || c === 0x2023 || c === 0x25aa || c === 0x25cf || c === 0x2013 || c === 0x25e6
}

/** Terminal punctuation at the end of a line: `.`, `!`, `?`, `"`, `'`, `”`, `’`, `)`. */
function isTerminal(c: number): boolean {
  return c === 46 || c === 33 || c === 63 || c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41
}

/** FNV-1a over the lower-cased (ASCII) characters of text[a, b). */
function hashWord(text: string, a: number, b: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    h = Math.imul(h ^ c, 16777619)
  }
  return h
}

const STOP_HASHES = Int32Array.from(STOP_WORDS, (w) => hashWord(w, 0, w.length))
const STOP_LENGTHS = Int32Array.from(STOP_WORDS, (w) => w.length)

/**
 * The stop words in a table of 16 slots indexed by 4 bits of their hashes (the first bit position where the 8 are
 * apart), so the test of a word is one slot's hash and length compared, without a branch on the word's length (a
 * branch taken or not at random costs more than the compare). An empty slot has length -1: no word matches it.
 */
const STOP_SHIFT = stopShift()
const STOP_SLOT_HASH = new Int32Array(16)
const STOP_SLOT_LENGTH = new Int32Array(16).fill(-1)
for (let k = 0; k < STOP_HASHES.length; k++) {
  const slot = (STOP_HASHES[k] >>> STOP_SHIFT) & 15
  STOP_SLOT_HASH[slot] = STOP_HASHES[k]
  STOP_SLOT_LENGTH[slot] = STOP_LENGTHS[k]
}

function stopShift(): number {
  for (let shift = 0; shift <= 28; shift++) {
    const slots = new Set<number>()
    for (const h of STOP_HASHES) slots.add((h >>> shift) & 15)
    if (slots.size === STOP_HASHES.length) return shift
  }
  throw new Error('document-quality: no stop-word slot shift')
}

/** 1 if the word of `length` characters hashed to `h` is a stop word, else 0. */
function stopWord(h: number, length: number): number {
  const slot = (h >>> STOP_SHIFT) & 15
  return (STOP_SLOT_HASH[slot] === h ? 1 : 0) & (STOP_SLOT_LENGTH[slot] === length ? 1 : 0)
}

/*
 * Scratch tables reused from document to document (the signals are computed synchronously, one document at a
 * time): word hashes and lengths, n-gram keys and repeat levels, the candidate positions of one n, and an
 * open-addressing count table whose slots are live when their stamp is the current generation, so it is never
 * cleared.
 */
let wordHashes = new Int32Array(1024)
let wordLengths = new Int32Array(1024)
/** Per word position: the key of the n-gram starting there (2-grams for all, longer ones for candidates only). */
let gramKeys = new Int32Array(1024)
/**
 * Per word position: n when the n-gram starting there occurs more than once (the largest such n counted so far),
 * else less. An (n+1)-gram can only repeat where the n-grams at its first and second word both do.
 */
let repeatLevel = new Uint8Array(1024)
/** The positions (ascending) whose n-gram is counted, and the count-table slot of each. */
let candidates = new Int32Array(1024)
let candidateSlots = new Int32Array(1024)
/**
 * Per bucket of 2-gram keys (the top bits of a multiplicative hash, 8 buckets per key): 1 when one key fell in
 * it, 2 when more did. A key alone in its bucket occurs once, and a key that occurs once never becomes the most
 * frequent (a count must exceed 1), so only keys of shared buckets go into the count table — in their original
 * order, so the result (first occurrence, ties) is the same as counting all of them.
 */
let buckets = new Uint8Array(1024)
/** Slot i is slots[4i..4i+3]: stamp, key, count, index of the key's first occurrence (one cache line per probe). */
let slots = new Int32Array(4 * 1024)
let generation = 0

/** Make the count table at least `size` slots and start a new generation of it. */
function resetSlots(size: number): void {
  if (slots.length < 4 * size) {
    slots = new Int32Array(4 * size)
    generation = 0
  }
  if (++generation > 0x3fffffff) {
    slots.fill(0)
    generation = 1
  }
}

/** Bits of a count table for `count` keys (at least twice as many slots). */
function tableBits(count: number): number {
  let bits = 4
  while (1 << bits < count * 2) bits++
  return bits
}

/*
 * The most frequent n-gram so far (into topAt, topCount): the index of its first occurrence and its count. A
 * count must exceed 1: topAt stays -1 when no n-gram repeats.
 */
let topAt = -1
let topCount = 1

/** Mix a word hash into an n-gram key (the product's high bits are well mixed: they pick the bucket). */
function mix(h: number, word: number): number {
  return (Math.imul(h ^ word, 0x9e3779b1) + 0x7f4a7c15) | 0
}

/** One more key in bucket `b`: 0 becomes 1, 1 and 2 become 2 (without a branch, which would be taken at random). */
function fillBucket(bucket: Uint8Array, b: number): void {
  const v = bucket[b]
  bucket[b] = v + 1 - (v >> 1)
}

/**
 * Count one more occurrence, at word position `at`, of `key` in the count table of `bits` bits (the current
 * generation), updating topAt and topCount; returns the key's slot. The slot is taken from other bits of the key
 * than the 2-gram bucket (keys of one bucket share their high bits).
 */
function countKey(key: number, at: number, bits: number): number {
  const table = slots
  const stamp = generation
  const wrap = (((1 << bits) - 1) << 2) | 3
  let slot = (Math.imul(key, 0x85ebca6b) >>> (32 - bits)) << 2
  while (table[slot] === stamp && table[slot + 1] !== key) slot = (slot + 4) & wrap
  let c: number
  if (table[slot] !== stamp) {
    table[slot] = stamp
    table[slot + 1] = key
    table[slot + 2] = c = 1
    table[slot + 3] = at
  } else c = ++table[slot + 2]
  if (c > topCount) {
    topCount = c
    topAt = table[slot + 3]
  }
  return slot
}

/** Characters of the n-gram at `at` (its words and the n - 1 spaces between them). */
function gramLength(lengths: Int32Array, at: number, n: number): number {
  let length = n - 1
  for (let k = 0; k < n; k++) length += lengths[at + k]
  return length
}

/**
 * Most frequent n-gram's characters × count over `total` characters, for n = 2, 3, 4 (hashed words and n-grams).
 * The 2-grams are all keyed (filling their buckets) and those of shared buckets counted. An (n+1)-gram only
 * repeats where the n-grams at its first and second word repeat, so only those positions are keyed (extending
 * the n-gram's key with one more word) and counted: every occurrence of a repeated (n+1)-gram is among them, in
 * order, so the result (first occurrence, ties) is the same as counting all of them.
 */
function topNgrams(hashes: Int32Array, lengths: Int32Array, words: number, total: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0]
  if (gramKeys.length < words) {
    gramKeys = new Int32Array(words)
    repeatLevel = new Uint8Array(words)
    candidates = new Int32Array(words)
    candidateSlots = new Int32Array(words)
  }
  repeatLevel.fill(0, 0, words)
  let count = countBigrams(hashes, words)
  for (let n = 2; n <= 4; n++) {
    if (topAt >= 0 && total > 0) out[n - 2] = Math.min(1, (gramLength(lengths, topAt, n) * topCount) / total)
    if (n === 4) break
    count = countLongerGrams(hashes, words, markRepeats(count, n), n + 1)
  }
  return out
}

/**
 * Key all 2-grams (into gramKeys) and count those of shared buckets (their positions and slots into candidates
 * and candidateSlots); returns how many were counted, the most frequent in topAt and topCount.
 */
function countBigrams(hashes: Int32Array, words: number): number {
  const keys = gramKeys
  let bits = 6
  while (1 << bits < words * 8) bits++
  if (buckets.length < 1 << bits) buckets = new Uint8Array(1 << bits)
  const bucket = buckets
  bucket.fill(0, 0, 1 << bits)
  const shift = 32 - bits
  const grams = words - 1
  for (let i = 0; i < grams; i++) {
    const key = mix(mix(2, hashes[i]), hashes[i + 1])
    keys[i] = key
    fillBucket(bucket, key >>> shift)
  }
  // The positions of shared buckets first: the count table is sized for them (a small table stays in cache).
  let m = 0
  for (let i = 0; i < grams; i++) {
    if (bucket[keys[i] >>> shift] === 2) candidates[m++] = i
  }
  topAt = -1
  topCount = 1
  const tableSize = tableBits(m)
  resetSlots(1 << tableSize)
  for (let k = 0; k < m; k++) {
    const i = candidates[k]
    candidateSlots[k] = countKey(keys[i], i, tableSize)
  }
  return m
}

/**
 * Set the repeat level of the counted n-grams (the first `count` candidates) that occur more than once to n, and
 * keep only those as candidates (in order); returns how many there are.
 */
function markRepeats(count: number, n: number): number {
  const table = slots
  let kept = 0
  for (let k = 0; k < count; k++) {
    if (table[candidateSlots[k] + 2] > 1) {
      const i = candidates[k]
      repeatLevel[i] = n
      candidates[kept++] = i
    }
  }
  return kept
}

/**
 * Key and count the n-grams (n >= 3) that can repeat: at the positions of repeated (n-1)-grams (the first
 * `count` candidates) where the (n-1)-gram at the second word repeats too. Returns how many were counted (they
 * replace the candidates), the most frequent in topAt and topCount.
 */
function countLongerGrams(hashes: Int32Array, words: number, count: number, n: number): number {
  const keys = gramKeys
  const level = repeatLevel
  const last = words - n
  topAt = -1
  topCount = 1
  const bits = tableBits(count)
  resetSlots(1 << bits)
  let m = 0
  for (let k = 0; k < count; k++) {
    const i = candidates[k]
    if (i > last || level[i + 1] !== n - 1) continue
    const key = mix(keys[i], hashes[i + n - 1])
    keys[i] = key
    candidateSlots[m] = countKey(key, i, bits)
    candidates[m++] = i
  }
  return m
}

/*
 * Exact duplicate detection over ranges of one text without making substrings: an open-addressing set of
 * (start, end) keyed by a hash of the range, compared unit by unit (over the text's code units) on a hash hit.
 * Slot i is seenSlots[4i..4i+3]: stamp, hash, start, end (one cache line per probe); it is live when its stamp is
 * the current generation.
 */
const NO_UNITS = new Uint16Array(0)
let seenUnits: Uint16Array = NO_UNITS
let seenSlots = new Int32Array(4 * 256)
let seenGeneration = 0
let seenCount = 0

/** Start an empty set over ranges of the text of code units `units` (an empty array to let go of the last). */
function seenReset(units: Uint16Array): void {
  seenUnits = units
  seenCount = 0
  if (++seenGeneration > 0x3fffffff) {
    seenSlots.fill(0)
    seenGeneration = 1
  }
}

/** A hash of u[a, b): its length and first 32 units (a hit is compared in full anyway). */
function hashRange(u: Uint16Array, a: number, b: number): number {
  let h = Math.imul(0x811c9dc5 ^ (b - a), 16777619)
  const end = Math.min(b, a + 32)
  for (let i = a; i < end; i++) h = Math.imul(h ^ u[i], 16777619)
  return h
}

function sameRange(u: Uint16Array, a: number, b: number, c: number): boolean {
  for (let i = a; i < b; i++, c++) if (u[i] !== u[c]) return false
  return true
}

/** The first slot (an index into seenSlots) to probe for hash `h`. */
function firstSlot(h: number): number {
  return (Math.imul(h, 0x9e3779b1) & ((seenSlots.length >> 2) - 1)) << 2
}

function seenInsert(h: number, a: number, b: number): void {
  const table = seenSlots
  const wrap = table.length - 1
  let slot = firstSlot(h)
  while (table[slot] === seenGeneration) slot = (slot + 4) & wrap
  table[slot] = seenGeneration
  table[slot + 1] = h
  table[slot + 2] = a
  table[slot + 3] = b
}

function seenGrow(): void {
  const old = seenSlots
  const generation = seenGeneration
  seenSlots = new Int32Array(old.length * 2)
  seenGeneration = 1
  for (let slot = 0; slot < old.length; slot += 4) {
    if (old[slot] === generation) seenInsert(old[slot + 1], old[slot + 2], old[slot + 3])
  }
}

/** Has the range [a, b) of the text of the last seenReset been seen since? Records it if not. */
function seenBefore(a: number, b: number): boolean {
  const u = seenUnits
  const h = hashRange(u, a, b)
  const table = seenSlots
  const wrap = table.length - 1
  const length = b - a
  for (let slot = firstSlot(h); table[slot] === seenGeneration; slot = (slot + 4) & wrap) {
    if (table[slot + 1] === h && table[slot + 3] - table[slot + 2] === length && sameRange(u, a, b, table[slot + 2])) return true
  }
  if ((seenCount + 1) * 2 > table.length >> 2) seenGrow()
  seenInsert(h, a, b)
  seenCount++
  return false
}

/** Compute the C4/Gopher/FineWeb signals of a document (cached per document; the JSONL mode reuses it). */
export function qualitySignals(doc: Pick<Doc, 'text' | 'lines' | 'sentences'> & Partial<Pick<Doc, 'shared'>>): QualitySignals {
  if (!doc.shared) return computeSignals(doc)
  let signals = doc.shared.get('scrape/quality-signals') as QualitySignals | undefined
  if (signals === undefined) {
    signals = computeSignals(doc)
    doc.shared.set('scrape/quality-signals', signals)
  }
  return signals
}

/*
 * The signals are counted in three small passes (small functions are optimized sooner and faster than one large
 * one), each leaving its counts in these variables.
 */
let tokens = 0
let words = 0
let alpha = 0
let stop = 0
let symbols = 0
let letters = 0
let nonBlank = 0
let bullets = 0
let ellipsisLines = 0
let terminal = 0
let short = 0
let dupLines = 0
let dupLineChars = 0
let paragraphs = 0
let dupParagraphs = 0
let dupParagraphChars = 0
let lorem = false

/**
 * Is the space at `i` the middle of `lorem ipsum` (any case)? `/lorem ipsum/i` without the `u` flag matches ASCII
 * letters only, case-insensitively, and its ` ` is one space character: the test made while scanning the tokens.
 */
function loremAt(text: string, i: number): boolean {
  if (i < 5 || i + 5 >= text.length) return false
  return (text.charCodeAt(i - 5) | 32) === 108 && (text.charCodeAt(i - 4) | 32) === 111 && (text.charCodeAt(i - 3) | 32) === 114 &&
    (text.charCodeAt(i - 2) | 32) === 101 && (text.charCodeAt(i - 1) | 32) === 109 && (text.charCodeAt(i + 1) | 32) === 105 &&
    (text.charCodeAt(i + 2) | 32) === 112 && (text.charCodeAt(i + 3) | 32) === 115 && (text.charCodeAt(i + 4) | 32) === 117 &&
    (text.charCodeAt(i + 5) | 32) === 109
}

/**
 * White-space separated tokens; words are tokens without surrounding punctuation (hashes and lengths kept). Also
 * notes `lorem ipsum` (C4), which needs a look at the spaces only. The text is read as its code units `u`, each
 * classed by one look-up in unitClasses, and runs of ASCII letters in a tight loop. The counts
 * are kept in locals and stored once: module variables written per character cost a store each.
 */
function scanTokens(text: string, u: Uint16Array): void {
  const n = text.length
  const capacity = (n >> 1) + 1
  if (wordHashes.length < capacity) {
    wordHashes = new Int32Array(capacity)
    wordLengths = new Int32Array(capacity)
  }
  const hashes = wordHashes
  const lengths = wordLengths
  const classes = unitClasses
  let nTokens = 0
  let nWords = 0
  let nAlpha = 0
  let nStop = 0
  let nLetters = 0
  let hasLorem = false
  for (let i = 0; i < n; ) {
    let c = u[i]
    let k = classes[c] || unitClass(c)
    if (k & CLASS_SPACE) {
      // (`lorem` ends in `m`: other spaces are not looked at further.)
      if (c === 32 && !hasLorem && i >= 5 && (u[i - 1] | 32) === 109) hasLorem = loremAt(text, i)
      i++
      continue
    }
    nTokens++
    // Skip the characters before the first letter or digit (the token may have none).
    while ((k & (CLASS_ALNUM | CLASS_SPACE)) === 0 && ++i < n) {
      c = u[i]
      k = classes[c] || unitClass(c)
    }
    if ((k & CLASS_ALNUM) === 0 || i >= n) continue
    // The word runs from the first to the last letter or digit of the token; its hash (FNV-1a over the
    // lower-cased ASCII characters) runs from the first one and is taken after the last one.
    const a = i
    let h = 0x811c9dc5 | 0
    let wordHash = 0
    let b = a
    // The classes of the word's characters, or-ed (a letter makes the token alphabetic).
    let seen = 0
    for (;;) {
      // `c | 32` is a lower-case ASCII letter exactly when c is an ASCII letter.
      let lower = c | 32
      if (lower >= 97 && lower <= 122) {
        // A run of ASCII letters (most of a word) in a tight loop; the word's end is set once after it.
        seen |= CLASS_LETTER
        h = Math.imul(h ^ lower, 16777619)
        while (++i < n) {
          c = u[i]
          lower = c | 32
          if (lower < 97 || lower > 122) break
          h = Math.imul(h ^ lower, 16777619)
        }
        wordHash = h
        b = i
        if (i >= n) break
        k = classes[c] || unitClass(c)
        if (k & CLASS_SPACE) break
        continue
      }
      // (Not an ASCII letter: hashed as it is.)
      h = Math.imul(h ^ c, 16777619)
      seen |= k
      if (k & CLASS_ALNUM) {
        wordHash = h
        b = i + 1
      }
      if (++i >= n) break
      c = u[i]
      k = classes[c] || unitClass(c)
      if (k & CLASS_SPACE) break
    }
    nStop += stopWord(wordHash, b - a)
    hashes[nWords] = wordHash
    lengths[nWords] = b - a
    nWords++
    nLetters += b - a
    if (seen & CLASS_LETTER) nAlpha++
  }
  tokens = nTokens
  words = nWords
  alpha = nAlpha
  stop = nStop
  letters = nLetters
  lorem = hasLorem
  symbols = countSymbols(text)
}

/**
 * Tokens with a `#`, and tokens with an ellipsis (`...` or `…`), found by searching for them (a token with both
 * kinds of ellipsis counts once). Apart from scanTokens: its rarely taken paths would deoptimize that loop.
 */
function countSymbols(text: string): number {
  hashTokens.length = 0
  dotTokens.length = 0
  ellipsisTokens.length = 0
  tokensWith(text, '#', hashTokens)
  tokensWith(text, '...', dotTokens)
  tokensWith(text, '…', ellipsisTokens)
  let count = hashTokens.length + dotTokens.length + ellipsisTokens.length
  for (let i = 0, j = 0; i < dotTokens.length && j < ellipsisTokens.length; ) {
    if (dotTokens[i] === ellipsisTokens[j]) {
      count--
      i++
      j++
    } else if (dotTokens[i] < ellipsisTokens[j]) i++
    else j++
  }
  return count
}

const hashTokens: number[] = []
const dotTokens: number[] = []
const ellipsisTokens: number[] = []

/** The starts (ascending) of the white-space separated tokens that hold `needle`, into `starts`. */
function tokensWith(text: string, needle: string, starts: number[]): void {
  for (let at = text.indexOf(needle); at >= 0; ) {
    let a = at
    while (a > 0 && !isSpace(text.charCodeAt(a - 1))) a--
    let b = at + needle.length
    while (b < text.length && !isSpace(text.charCodeAt(b))) b++
    starts.push(a)
    at = text.indexOf(needle, b)
  }
}

/** Non-blank lines (trimmed), without making the trimmed strings. */
function scanLines(text: string, units: Uint16Array, lines: Doc['lines']): void {
  nonBlank = bullets = ellipsisLines = terminal = short = dupLines = dupLineChars = 0
  seenReset(units)
  // (Each line's text is text[start, end): the flat document text is read, not the line strings.)
  for (let k = 0; k < lines.length; k++) {
    let a = lines[k].start
    let b = lines[k].end
    while (a < b && isTrimSpace(text.charCodeAt(a))) a++
    while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--
    if (a === b) continue
    nonBlank++
    if (b - a >= 2 && isBullet(text.charCodeAt(a)) && isTrimSpace(text.charCodeAt(a + 1))) bullets++
    const last = text.charCodeAt(b - 1)
    if (last === 0x2026 || (b - a >= 3 && last === 46 && text.charCodeAt(b - 2) === 46 && text.charCodeAt(b - 3) === 46)) ellipsisLines++
    else if (isTerminal(last)) terminal++
    if (b - a <= 30) short++
    if (seenBefore(a, b)) {
      dupLines++
      dupLineChars += b - a
    }
  }
}

/** Paragraphs: the text split at `\n[ \t\r]*\n`, trimmed, blank ones dropped. */
function scanParagraphs(text: string, units: Uint16Array): void {
  const n = text.length
  paragraphs = dupParagraphs = dupParagraphChars = 0
  seenReset(units)
  for (let from = 0, search = 0; ; ) {
    let to = n
    let next = n + 1
    for (let nl = text.indexOf('\n', search); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
      // (Reads stay inside the text: a charCodeAt past the end deoptimizes the function every time.)
      let k = nl + 1
      while (k < n) {
        const c = text.charCodeAt(k)
        if (c !== 32 && c !== 9 && c !== 13) break
        k++
      }
      if (k < n && text.charCodeAt(k) === 10) {
        to = nl
        next = k + 1
        break
      }
    }
    let a = from
    let b = to
    while (a < b && isTrimSpace(text.charCodeAt(a))) a++
    while (b > a && isTrimSpace(text.charCodeAt(b - 1))) b--
    if (b > a) {
      paragraphs++
      if (seenBefore(a, b)) {
        dupParagraphs++
        dupParagraphChars += b - a
      }
    }
    if (next > n) break
    from = search = next
  }
}

function computeSignals(doc: Pick<Doc, 'text' | 'lines' | 'sentences'>): QualitySignals {
  const text = doc.text
  const n = text.length
  const units = codeUnits(text)
  scanTokens(text, units)
  scanLines(text, units, doc.lines)
  scanParagraphs(text, units)
  seenReset(NO_UNITS)
  const nt = Math.max(1, tokens)
  const nl = Math.max(1, nonBlank)
  const np = Math.max(1, paragraphs)
  const total = Math.max(1, n)
  return {
    words: tokens,
    sentences: doc.sentences.length,
    lines: nonBlank,
    meanWordLength: words ? letters / words : 0,
    alphaWordRatio: alpha / nt,
    stopWords: stop,
    symbolRatio: symbols / nt,
    bulletLineRatio: bullets / nl,
    ellipsisLineRatio: ellipsisLines / nl,
    duplicateLineRatio: dupLines / nl,
    duplicateLineCharRatio: dupLineChars / total,
    duplicateParagraphRatio: dupParagraphs / np,
    duplicateParagraphCharRatio: dupParagraphChars / total,
    topNgramCharRatio: words >= 4 ? topNgrams(wordHashes, wordLengths, words, total) : [0, 0, 0],
    terminalLineRatio: terminal / nl,
    shortLineRatio: short / nl,
    loremIpsum: lorem,
    curlyBracket: text.includes('{')
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`

type Ngrams = QualitySignals['topNgramCharRatio']

/** The filters in scoring order: id, human text, per-signal score in [0, 1], and whether it trips. */
const FILTERS: Array<{
  id: string
  text: (s: QualitySignals, t: Ngrams) => string
  score: (s: QualitySignals, t: Ngrams) => number
  trips: (s: QualitySignals, t: Ngrams) => boolean
}> = [
  {id: 'gopher-min-words', text: (s) => `${s.words} words (Gopher min 50)`, score: (s) => ramp(s.words, 50, 0), trips: (s) => s.words < 50},
  {id: 'gopher-mean-word-length', text: (s) => `mean word length ${s.meanWordLength.toFixed(1)} (Gopher 3–10)`,
    score: (s) => s.meanWordLength >= 3 && s.meanWordLength <= 10 ? 1 : 0, trips: (s) => s.meanWordLength < 3 || s.meanWordLength > 10},
  {id: 'gopher-alpha-words', text: (s) => `${pct(s.alphaWordRatio)} words with a letter (Gopher min 80%)`, score: (s) => ramp(s.alphaWordRatio, 0.9, 0.8), trips: (s) => s.alphaWordRatio < 0.8},
  {id: 'gopher-stop-words', text: (s) => `${s.stopWords} English stop words (Gopher min 2)`,
    score: (s) => s.stopWords >= 2 ? ramp(s.stopWords / Math.max(1, s.words), 0.06, 0) : 0, trips: (s) => s.stopWords < 2},
  {id: 'gopher-symbols', text: (s) => `${s.symbolRatio.toFixed(2)} hashes and ellipses per word (Gopher max 0.1)`, score: (s) => ramp(s.symbolRatio, 0.05, 0.1), trips: (s) => s.symbolRatio > 0.1},
  {id: 'gopher-bullet-lines', text: (s) => `${pct(s.bulletLineRatio)} bullet lines (Gopher max 90%)`, score: (s) => ramp(s.bulletLineRatio, 0.5, 0.9), trips: (s) => s.bulletLineRatio > 0.9},
  {id: 'gopher-ellipsis-lines', text: (s) => `${pct(s.ellipsisLineRatio)} lines ending in an ellipsis (Gopher max 30%)`, score: (s) => ramp(s.ellipsisLineRatio, 0.15, 0.3), trips: (s) => s.ellipsisLineRatio > 0.3},
  {id: 'gopher-duplicate-lines', text: (s) => `${pct(s.duplicateLineRatio)} repeated lines (Gopher max 30%)`, score: (s) => ramp(s.duplicateLineRatio, 0.1, 0.3), trips: (s) => s.duplicateLineRatio > 0.3},
  {id: 'gopher-duplicate-line-chars', text: (s) => `${pct(s.duplicateLineCharRatio)} of characters in repeated lines (Gopher max 20%)`,
    score: (s) => ramp(s.duplicateLineCharRatio, 0.05, 0.2), trips: (s) => s.duplicateLineCharRatio > 0.2},
  {id: 'gopher-duplicate-paragraphs', text: (s) => `${pct(s.duplicateParagraphRatio)} repeated paragraphs (Gopher max 30%)`,
    score: (s) => ramp(s.duplicateParagraphRatio, 0.1, 0.3), trips: (s) => s.duplicateParagraphRatio > 0.3},
  {id: 'gopher-duplicate-paragraph-chars', text: (s) => `${pct(s.duplicateParagraphCharRatio)} of characters in repeated paragraphs (Gopher max 20%)`,
    score: (s) => ramp(s.duplicateParagraphCharRatio, 0.05, 0.2), trips: (s) => s.duplicateParagraphCharRatio > 0.2},
  {id: 'gopher-top-2gram', text: (s, t) => `top 2-gram covers ${pct(t[0])} of characters (Gopher max 20%)`, score: (s, t) => ramp(t[0], 0.1, 0.2), trips: (s, t) => t[0] > 0.2},
  {id: 'gopher-top-3gram', text: (s, t) => `top 3-gram covers ${pct(t[1])} of characters (Gopher max 18%)`, score: (s, t) => ramp(t[1], 0.09, 0.18), trips: (s, t) => t[1] > 0.18},
  {id: 'gopher-top-4gram', text: (s, t) => `top 4-gram covers ${pct(t[2])} of characters (Gopher max 16%)`, score: (s, t) => ramp(t[2], 0.08, 0.16), trips: (s, t) => t[2] > 0.16},
  // C4 drops pages under 5 sentences; a news brief can be shorter, so this lowers the score but never trips.
  {id: 'c4-sentences', text: (s) => `${s.sentences} sentences (C4 min 5)`, score: (s) => ramp(s.sentences, 4, 1), trips: () => false},
  {id: 'c4-lorem-ipsum', text: () => '"lorem ipsum" (C4)', score: (s) => s.loremIpsum ? 0 : 1, trips: (s) => s.loremIpsum},
  {id: 'c4-curly-bracket', text: () => 'a curly bracket (C4)', score: (s) => s.curlyBracket ? 0.9 : 1, trips: () => false},
  {id: 'fineweb-terminal-lines', text: (s) => `${pct(s.terminalLineRatio)} lines end in terminal punctuation (FineWeb min 12%)`,
    score: (s) => ramp(s.terminalLineRatio, 0.4, 0.12), trips: (s) => s.terminalLineRatio < 0.12},
  {id: 'fineweb-short-lines', text: (s) => `${pct(s.shortLineRatio)} lines of at most 30 characters (FineWeb max 67%)`,
    score: (s) => ramp(s.shortLineRatio, 0.4, 0.67), trips: (s) => s.shortLineRatio > 0.67}
]

/** Score a document: per-signal scores (1 = comfortably within the published threshold, 0 = beyond it), their product, and the filters it fails. */
export function qualityScore(signals: QualitySignals): QualityReport {
  const s = signals
  const t = s.topNgramCharRatio
  const all: QualityFilter[] = FILTERS.map((f) => ({id: f.id, text: f.text(s, t), score: f.score(s, t), trips: f.trips(s, t)}))
  let score = 1
  for (const f of all) score *= f.score
  const weak = all.filter((f) => f.score < 1).sort((a, b) => a.score - b.score)
  // The C4 curly-bracket rule is too blunt for news text: it lowers the score but never trips.
  const tripped = weak.filter((f) => f.trips)
  return {signals, score: Math.max(0, Math.min(1, score)), weak, tripped}
}

/** Did the last `scoreOnly` find a weak filter that trips? */
let scoreTrips = false

/** `qualityScore(signals).score` (and whether `tripped` is non-empty, in scoreTrips) without the texts. */
function scoreOnly(signals: QualitySignals): number {
  const t = signals.topNgramCharRatio
  let score = 1
  scoreTrips = false
  for (const f of FILTERS) {
    const value = f.score(signals, t)
    score *= value
    if (value < 1 && f.trips(signals, t)) scoreTrips = true
  }
  return Math.max(0, Math.min(1, score))
}

interface Options extends Record<string, unknown> {
  threshold: number
  filters: boolean
  minWords: number
}

export default defineRule<Options>({
  id: 'scrape/document-quality',
  summary: 'One info message per low-quality document, from the C4, Gopher and FineWeb document signals, with a score in [0, 1]',
  docs: `Web-corpus pipelines keep or drop whole documents by a few signals (datatrove's C4, Gopher quality, Gopher
repetition and FineWeb filters): word count, mean word length, share of words with a letter, English stop words,
hashes and ellipses per word, bullet and ellipsis lines, repeated lines and paragraphs and the characters they
cover, the top 2/3/4-gram's share of the text, sentence count, "lorem ipsum", the share of lines that end in
terminal punctuation and the share of short lines. The rule scores each signal from 1 (comfortably within the
published threshold) down to 0 (beyond it), multiplies the scores into a document score in [0, 1], and reports ONE
info message on the document's first line when the score is below \`threshold\` or (with \`filters\`) when a
published filter trips. The message names the weakest signals. A clean article stays quiet: a message on every
document would be noise. Documents under \`minWords\` words (Gopher's minimum, 50) are too short for these
statistics and are not reported (their score, used by the JSONL mode, still counts their length); C4's
five-sentence minimum lowers the score but does not trip on its own, since news briefs can be that short.

The scoring is exported (\`qualitySignals(doc)\`, \`qualityScore(signals)\`) so other modes (JSONL) can keep or
drop records by it. Non-English text fails the stop-word signal by design: the filters are English ones.`,
  severity: 'info',
  fixable: false,
  options: {
    threshold: {type: 'number', default: 0.5, min: 0, max: 1, description: 'Report when the score is below this'},
    filters: {type: 'boolean', default: true, description: 'Also report when a published C4/Gopher/FineWeb filter trips'},
    minWords: {type: 'number', default: 50, min: 0, max: 100000, description: 'Documents with fewer words are too short to judge and never reported (the score still counts their length)'}
  },
  examples: {
    valid: [
      {text: 'The city council approved the new budget on Monday after a long debate.\n\nThe mayor said the plan would cut waiting times at clinics and fund two new schools. Critics said it relied on optimistic tax forecasts.\n\nThe opposition will challenge the vote in court, its leader told reporters. A ruling is expected before the end of the year, and the council has promised to publish its figures in full.\n'},
      {text: 'Short note.\n'},
      {text: 'Short note.\n', options: {minWords: 0, filters: false, threshold: 0}}
    ],
    invalid: [
      {
        text: 'Buy now\nBuy now\nBuy now\nBuy now\nBest price\n',
        options: {minWords: 0},
        messages: ['1:1-1:8: Low document quality (score 0.00): 0 English stop words (Gopher min 2), 60% repeated lines (Gopher max 30%)… — fails 9 filters; review it or drop it from the corpus']
      },
      {
        text: 'Subscribe to our newsletter for the latest deals on phones and laptops every week.\n\nSubscribe to our newsletter for the latest deals on phones and laptops every week.\n\nSubscribe to our newsletter for the latest deals on phones and laptops every week.\n\nThe new tablet costs less than the old model and ships with a faster chip, a brighter screen and a bigger battery.\n',
        messages: ['1:1-1:83: Low document quality (score 0.00): 50% repeated lines (Gopher max 30%), 45% of characters in repeated lines (Gopher max 20%)… — fails 5 filters; review it or drop it from the corpus']
      },
      {
        text: 'Eleições municipais\n\nOs eleitores vão às urnas no domingo para escolher prefeitos e vereadores em todo o país. A campanha foi marcada por debates sobre saúde, transporte e segurança pública nas grandes cidades. Os resultados devem sair na noite de domingo, segundo o tribunal eleitoral, que espera uma participação alta. Os candidatos encerraram as campanhas com comícios no sábado.\n',
        messages: ['1:1-1:20: Low document quality (score 0.00): 0 English stop words (Gopher min 2) — fails 1 filter; review it or drop it from the corpus']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const signals = qualitySignals(doc)
    if (signals.words < options.minWords) return
    // Most documents pass: score them without the texts first.
    if (scoreOnly(signals) >= options.threshold && !(options.filters && scoreTrips)) return
    const report = qualityScore(signals)
    const trips = options.filters ? report.tripped : []
    if (report.score >= options.threshold && trips.length === 0) return
    const first = doc.lines.find((l) => l.text.trim() !== '')
    if (!first) return
    const lead = first.text.length - first.text.trimStart().length
    const shown = (trips.length ? trips : report.weak).slice(0, 2).map((f) => f.text)
    const more = (trips.length ? trips.length : report.weak.length) > 2 ? '…' : ''
    const fails = trips.length ? ` — fails ${trips.length} filter${trips.length === 1 ? '' : 's'}` : ''
    doc.report(file, 'scrape/document-quality',
      `Low document quality (score ${report.score.toFixed(2)}): ${shown.join(', ')}${more}${fails}; review it or drop it from the corpus`,
      first.start + lead, first.start + first.text.trimEnd().length)
  }
})
