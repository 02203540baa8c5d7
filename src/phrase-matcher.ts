/**
 * Compile a phrase list into ONE case-insensitive regular expression (built
 * once per process): phrases match on word boundaries, any run of white space
 * matches any other, and straight and curly apostrophes and dashes match each
 * other. Longer phrases win over their prefixes.
 *
 * `matchesAtIds` is the fast path for rules that have the document's words:
 * the expression is only tried (sticky) where a word starts a phrase.
 */
import {escapeRegExp} from './text.js'

export interface PhraseMatch<T> {
  start: number
  end: number
  text: string
  entry: T
}

/**
 * Process-wide word facts by word id, where each matcher keeps (by its bit) whether the word starts one of its
 * phrases: `lower[id]` is the word's lower-case form (without surrounding punctuation).
 */
export interface PhraseLexicon {
  lower: ArrayLike<string>
  /** Bits of the matchers that have asked, and of those whose phrases the word starts. */
  phraseKnown: Int32Array
  phraseFirst: Int32Array
}

export interface PhraseMatcher<T> {
  /** All non-overlapping matches in `text`, left to right. */
  matches: (text: string) => Array<PhraseMatch<T>>
  /**
   * The same, trying only at word starts: `starts[i]` is the offset of word i and `ids[i]` its id in
   * `lexicon` (no set look-up per word, once a word is known).
   */
  matchesAtIds: (text: string, starts: ArrayLike<number>, ids: ArrayLike<number>, lexicon: PhraseLexicon) => Array<PhraseMatch<T>>
}

/** Matchers get one bit each in `PhraseLexicon` (30 at most; later ones look words up in their set). */
let nextBit = 0
/** The first words of every matcher that has a bit, by bit. */
const registry: Array<{bit: number; firsts: Set<string>}> = []

interface PhraseStarts {
  /** How many matchers were registered when the list was made. */
  matchers: number
  /** Indexes of the words that start a phrase of some registered matcher. */
  words: Int32Array
}

/** Per document (by its word ids): the words that may start a phrase, one pass for all matchers. */
const startsCache = new WeakMap<object, PhraseStarts>()

function phraseStarts(ids: ArrayLike<number>, lexicon: PhraseLexicon): Int32Array {
  const cached = startsCache.get(ids as object)
  if (cached && cached.matchers === registry.length) return cached.words
  const {lower, phraseKnown, phraseFirst} = lexicon
  let all = 0
  for (const matcher of registry) all |= matcher.bit
  const words: number[] = []
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]
    if ((phraseKnown[id] & all) !== all) {
      for (const {bit, firsts} of registry) {
        if ((phraseKnown[id] & bit) !== 0) continue
        phraseKnown[id] |= bit
        if (firsts.has(lower[id])) phraseFirst[id] |= bit
      }
    }
    if ((phraseFirst[id] & all) !== 0) words.push(i)
  }
  const list = Int32Array.from(words)
  startsCache.set(ids as object, {matchers: registry.length, words: list})
  return list
}

/** The key a phrase and its matches share: lower case, one space, plain apostrophes and hyphens. */
export function phraseKey(value: string): string {
  return value.toLowerCase().replace(/[’‘`]/g, '\'').replace(/[‐‑‒–—]/g, '-').replace(/\s+/g, ' ').trim()
}

function pattern(phrase: string): string {
  return phraseKey(phrase)
    .split(' ')
    .map((word) => escapeRegExp(word).replace(/'/g, '[\'’‘`]').replace(/-/g, '[-‐‑‒–—]'))
    .join('\\s+')
}

/** The first word of a key, as a word index would hold it (letters and digits only at its ends). */
function firstWord(key: string): string {
  return key.split(' ')[0].replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/'s$/, '')
}

export function compilePhrases<T>(entries: readonly T[], phraseOf: (entry: T) => string): PhraseMatcher<T> {
  const byKey = new Map<string, T>()
  for (const entry of entries) byKey.set(phraseKey(phraseOf(entry)), entry)
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length)
  if (keys.length === 0) return {matches: () => [], matchesAtIds: () => []}
  const body = `(?:${keys.map(pattern).join('|')})(?![\\p{L}\\p{N}])`
  const global = new RegExp(`(?<![\\p{L}\\p{N}])${body}`, 'giu')
  const sticky = new RegExp(body, 'iuy')
  const firsts = new Set(keys.map(firstWord))
  const found = (match: RegExpExecArray, out: Array<PhraseMatch<T>>) => {
    const entry = byKey.get(phraseKey(match[0]))
    if (entry !== undefined) out.push({start: match.index, end: match.index + match[0].length, text: match[0], entry})
  }
  const bit = nextBit < 30 ? 1 << nextBit++ : 0
  if (bit !== 0) registry.push({bit, firsts})
  return {
    matches(text) {
      const out: Array<PhraseMatch<T>> = []
      global.lastIndex = 0
      let match: RegExpExecArray | null
      while ((match = global.exec(text))) found(match, out)
      return out
    },
    matchesAtIds(text, starts, ids, lexicon) {
      const out: Array<PhraseMatch<T>> = []
      let after = 0
      // A match at word `i` (a word start past the last match) is recorded; returns where the next may start.
      const tryWord = (i: number): number => {
        if (starts[i] < after) return after
        sticky.lastIndex = starts[i]
        const match = sticky.exec(text)
        if (!match) return after
        found(match, out)
        return match.index + match[0].length
      }
      if (bit === 0) {
        const {lower} = lexicon
        for (let i = 0; i < ids.length; i++) if (firsts.has(lower[ids[i]])) after = tryWord(i)
        return out
      }
      const candidates = phraseStarts(ids, lexicon)
      const {phraseFirst} = lexicon
      for (let c = 0; c < candidates.length; c++) {
        const i = candidates[c]
        if ((phraseFirst[ids[i]] & bit) !== 0) after = tryWord(i)
      }
      return out
    }
  }
}
