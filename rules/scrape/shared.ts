/**
 * Helpers shared by the `scrape/` rules (not a rule itself): the date and time
 * grammar used by comment headers and leaked metadata, line-range sets
 * through which block rules tell line rules which lines they already cover,
 * per-document facts several rules read (the lines with a digit, the text's
 * code units), the line-marker matcher, and `nativeRegExp` for the large
 * patterns.
 *
 * All patterns are built once per process from bounded pieces (no nested
 * unbounded quantifiers), so they stay linear on long lines.
 */
import type {Doc} from '../../src/document.js'
import type {LineMarker, LineMatcher} from '../../src/line-matcher.js'
import {escapeRegExp, keyUnit, lowerUnit} from '../../src/text.js'

/** A month name or abbreviation. */
export const MONTH =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?'
const WEEKDAY = '(?:Mon(?:day)?|Tue(?:s(?:day)?)?|Wed(?:nesday)?|Thu(?:r(?:s(?:day)?)?)?|Fri(?:day)?|Sat(?:urday)?|Sun(?:day)?)\\.?'
const ORD = '(?:st|nd|rd|th)?'

/** A calendar date: `April 13 2021`, `13 April, 2021`, `2021-12-07`, `07.12.2021`, `12/7/21`. */
export const DATE =
  `(?:${MONTH}\\s+\\d{1,2}${ORD},?\\s+\\d{4}|\\d{1,2}${ORD}\\s+(?:of\\s+)?${MONTH},?\\s+\\d{4}|\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4})`

/** A time zone abbreviation after a time. */
const ZONE = '(?:ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|MT|GMT|UTC|BST|CET|CEST|EET|MSK|IST|JST|KST|AEST|AEDT|HKT|SGT)'

/** A clock time: `22:22`, `22: 22`, `4:15 pm`, `10.15 GMT`, `10:15:00`. */
export const TIME = `(?:\\d{1,2}\\s?[:.]\\s?\\d{2}(?::\\d{2})?(?:\\s?[AaPp]\\.?\\s?[Mm]\\.?)?(?:\\s${ZONE})?)`

/** A date with an optional weekday before it. */
export const DAY = `(?:${WEEKDAY},?\\s+)?${DATE}`

/** An ISO timestamp (`2021-03-03T10:15:00Z`), a date followed by a time (`April 13 2021 22: 22`, `March 3, 2021 at 4:15 pm`) or a time followed by a date. */
export const DATE_TIME =
  `(?:\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,6})?)?(?:Z|[+-]\\d{2}:?\\d{2})?|${DAY}(?:,?\\s*(?:at|@|-|–|\\|)?\\s*${TIME})|${TIME},?\\s*(?:on\\s+)?${DAY})`

/** A relative time: `3 hours ago`, `a day ago`. */
export const AGO = '(?:(?:\\d{1,3}|an?|one)\\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\\s+ago)'

/** One word of a user or author name: letters, digits, `_`, `.`, `'`, `-`, `@`. */
export const NAME_WORD = "[\\p{L}\\p{N}_@][\\p{L}\\p{N}_.'’@-]{0,30}"

/** A name of one to five words. */
export const NAME = `${NAME_WORD}(?:\\s+${NAME_WORD}){0,4}`

/** A subject long enough for V8 to compile a regular expression straight to machine code (see `nativeRegExp`). */
const LONG_SUBJECT = '\u0000'.repeat(1000)

/**
 * `new RegExp(source, flags)`, compiled to machine code at once. V8 first compiles a regular expression to
 * bytecode and interprets it, and compiles machine code only when it runs again ("tier-up"); for the large
 * patterns of these rules (the date grammar, the marker and phrase alternations) the bytecode and the
 * interpreted first runs cost more than the machine code (~12 of ~17 ms for the date grammar), once per process.
 * A first run on a subject of at least 1,000 characters skips the bytecode (V8's kTierUpForSubjectLengthValue),
 * so the pattern is run once on a run of U+0000 (which no pattern here is meant to match, and where every one
 * fails in bounded time) when it is made. lastIndex is 0 after, as for a new expression. For the patterns run on
 * lines and fields; one whose first run is on a whole document gets machine code at once anyway.
 */
export function nativeRegExp(source: string, flags: string): RegExp {
  const re = new RegExp(source, flags)
  re.test(LONG_SUBJECT)
  re.lastIndex = 0
  return re
}

/** Inclusive ranges of line indexes (into `doc.lines`). */
export type LineRange = [first: number, last: number]

/** Is line index `i` inside one of `ranges`? */
export function inRanges(ranges: readonly LineRange[], i: number): boolean {
  for (const [a, b] of ranges) if (i >= a && i <= b) return true
  return false
}

/** Per-document lazily computed value, cached in `doc.shared` under `key`. */
export function cached<T>(doc: Doc, key: string, compute: () => T): T {
  if (doc.shared.has(key)) return doc.shared.get(key) as T
  const value = compute()
  doc.shared.set(key, value)
  return value
}

const DIGIT_SCAN = /\d/g

/**
 * Which lines (indexes into doc.lines) have a digit, for the rules whose fields all have one: one scan of the
 * document text that skips to the next line at each digit, shared through doc.shared.
 */
export function lineDigits(doc: Doc): Uint8Array {
  let digits = doc.shared.get('scrape/line-digits') as Uint8Array | undefined
  if (!digits) {
    const lines = doc.lines
    digits = new Uint8Array(lines.length)
    let line = 0
    DIGIT_SCAN.lastIndex = 0
    // (`test` finds the digit without making a match array: it is at lastIndex - 1.)
    while (DIGIT_SCAN.test(doc.text)) {
      const at = DIGIT_SCAN.lastIndex - 1
      while (line + 1 < lines.length && lines[line + 1].start <= at) line++
      digits[line] = 1
      if (line + 1 >= lines.length) break
      DIGIT_SCAN.lastIndex = lines[line + 1].start
    }
    doc.shared.set('scrape/line-digits', digits)
  }
  return digits
}

let unitsBytes = Buffer.alloc(2 * 4096)
let units = new Uint16Array(unitsBytes.buffer, unitsBytes.byteOffset, 4096)

/**
 * The UTF-16 code units of `text` (`units[i] === text.charCodeAt(i)` for i < text.length; the array can be
 * longer): a typed array reads faster than `charCodeAt`, whose string representation is checked on every call.
 * One scratch array, filled anew at each call: use it before the next.
 */
export function codeUnits(text: string): Uint16Array {
  if (units.length < text.length) {
    unitsBytes = Buffer.alloc(2 * text.length)
    units = new Uint16Array(unitsBytes.buffer, unitsBytes.byteOffset, text.length)
  }
  unitsBytes.write(text, 0, 'utf16le')
  return units
}

/** Offsets of a line's text without its leading and trailing white space. */
export function trimmedSpan(doc: Doc, index: number): [number, number] {
  const line = doc.lines[index]
  const lead = line.text.length - line.text.trimStart().length
  return [line.start + lead, line.start + line.text.trimEnd().length]
}

/** Is `offset` inside a URL, an e-mail address, a handle or a path (the white-space delimited token holding it)? */
export function tokenAt(text: string, offset: number): string {
  let a = offset
  while (a > 0 && !/\s/.test(text[a - 1])) a--
  let b = offset
  while (b < text.length && !/\s/.test(text[b])) b++
  return text.slice(a, b)
}

const LINKISH = /:\/\/|www\.|@|\/|\\|_|=|#|\.(?:com|org|net|gov|edu|int|mil|io|co|uk|us|ru|de|fr|info|biz|tv|me|ly|html?|php|aspx?|jsp|pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|svg|mp[34]|txt|csv|json|xml|zip|js|ts|py)(?![\p{L}])/iu

/** A token that is a URL, e-mail address, handle, hashtag, path or file name. */
export function isLinkish(token: string): boolean {
  return LINKISH.test(token)
}

/** Is `value` its own `value.replace(/\s+/g, ' ').trim()`: no white space but single spaces between other characters? */
function isFlat(value: string): boolean {
  const n = value.length
  for (let i = 0; i < n; i++) {
    const c = value.charCodeAt(i)
    if (isSpaceCode(c) && (c !== 32 || i === 0 || i === n - 1 || value.charCodeAt(i + 1) === 32)) return false
  }
  return true
}

/** Shorten a text for a message at a word boundary: at most `max` characters, then `…`. */
export function clipWords(value: string, max = 40): string {
  const flat = isFlat(value) ? value : value.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return (space > max / 2 ? cut.slice(0, space) : cut).trimEnd() + '…'
}

/** Lines longer than this are prose, never a marker (as in src/line-matcher.ts). */
const MAX_MARKER_LINE = 240

/**
 * A faster equivalent of `compileLineMarkers` (src/line-matcher.ts) for the
 * scrape rules, which test every line of every document: the whole-line key
 * is only computed for lines short enough to equal a phrase and whose key
 * would begin and end as a phrase's does (`keyEnds`), the prefixes are only
 * tried on a line that begins as one of them can (`asciiStarts`), all anchored
 * regular expressions of one case mode are tested as one alternation (one exec
 * per line instead of one per marker), and an expression that scans the line
 * (`^.{0,60}\ball rights reserved`) is only run when a literal it requires
 * is in the line (`scanGuard`). Same data format, same result: a whole-line
 * phrase first, then the longest prefix, then the first regular expression
 * in data order.
 */
export function compileMarkers(markers: LineMarker[]): LineMatcher {
  const whole = new Map<string, LineMarker>()
  const wholeEnds = new Set<number>()
  let longestPhrase = 0
  const prefixes: LineMarker[] = []
  const singles: Array<[RegExp, LineMarker, number]> = []
  const guarded: Array<[RegExp, RegExp, number]> = []
  const groups: Record<'i' | 's', Array<[string, number]>> = {i: [], s: []}
  markers.forEach((marker, index) => {
    if (marker.kind === 'line' && marker.phrase) {
      whole.set(looseKey(marker.phrase), marker)
      wholeEnds.add(keyEnds(marker.phrase))
      longestPhrase = Math.max(longestPhrase, marker.phrase.length)
    } else if (marker.kind === 'prefix' && marker.phrase) prefixes.push(marker)
    else if (marker.kind === 'regex' && marker.pattern) {
      const p = marker.pattern
      const flags = marker.caseSensitive ? 'u' : 'iu'
      const guard = p.startsWith('^') ? scanGuard(p.slice(1)) : undefined
      if (guard !== undefined) guarded.push([nativeRegExp(guard, flags), nativeRegExp(p, flags), index])
      else if (p.startsWith('^') && !/\\\d|\(\?<[^=!]/.test(p)) groups[marker.caseSensitive ? 's' : 'i'].push([p.slice(1), index])
      else singles.push([nativeRegExp(p, flags), marker, index])
    }
  })
  prefixes.sort((a, b) => (b.phrase ?? '').length - (a.phrase ?? '').length)
  const prefixRe = prefixes.length
    ? nativeRegExp(`^(?:${prefixes.map((p) => escapeRegExp(p.phrase ?? '')).join('|')})(?![\\p{L}\\p{N}])`, 'iu')
    : undefined
  const prefixStarts = asciiStarts(prefixes.map((p) => p.phrase ?? ''))
  const prefixByKey = new Map<string, LineMarker>()
  for (const p of prefixes) if (!prefixByKey.has((p.phrase ?? '').toLowerCase())) prefixByKey.set((p.phrase ?? '').toLowerCase(), p)
  const combined = (Object.keys(groups) as Array<'i' | 's'>)
    .filter((mode) => groups[mode].length)
    .map((mode) => ({
      re: nativeRegExp(`^(?:${groups[mode].map(([p, i]) => `(?<m${i}>${p})`).join('|')})`, mode === 'i' ? 'iu' : 'u'),
      names: groups[mode].map(([, i]) => `m${i}`),
      indexes: groups[mode].map(([, i]) => i)
    }))
  // Lines with this much more than the longest phrase cannot be one (a little for surrounding punctuation).
  const maxKeyed = longestPhrase + 16

  return {
    match(line) {
      if (line.length > MAX_MARKER_LINE) return undefined
      const trimmed = line.trim()
      if (!trimmed) return undefined
      if (trimmed.length <= maxKeyed) {
        const ends = keyEnds(trimmed)
        if (ends < 0 || wholeEnds.has(ends)) {
          const exact = whole.get(looseKey(trimmed))
          if (exact) return exact
        }
      }
      if (prefixRe && (prefixStarts === undefined || mayStart(prefixStarts, trimmed.charCodeAt(0)))) {
        const m = prefixRe.exec(trimmed)
        const marker = m ? prefixByKey.get(m[0].toLowerCase()) : undefined
        if (m && marker) {
          const rest = trimmed.slice(m[0].length)
          const colonOk = !marker.requireColon || /^\s*:/.test(rest)
          if (colonOk && !atLeastWords(trimmed, Math.floor(marker.maxWords ?? 12) + 1)) return marker
        }
      }
      let best = -1
      for (const {re, names, indexes} of combined) {
        const m = re.exec(trimmed)
        if (!m?.groups) continue
        for (let k = 0; k < names.length; k++) {
          if (m.groups[names[k]] !== undefined) {
            if (best < 0 || indexes[k] < best) best = indexes[k]
            break
          }
        }
      }
      for (const [guard, re, index] of guarded) {
        if ((best < 0 || index < best) && guard.test(trimmed) && re.test(trimmed)) best = index
      }
      for (const [re, , index] of singles) {
        if ((best < 0 || index < best) && re.test(trimmed)) best = index
      }
      return best >= 0 ? markers[best] : undefined
    }
  }
}

/**
 * The ASCII code units (lower case for letters) that the phrases begin with, when they all begin with one: a
 * line can match a phrase case-insensitively (`iu`) only if it begins with one of them or with a non-ASCII unit
 * (`ſ` and the Kelvin sign fold to `s` and `k`). Undefined when a phrase begins otherwise (no filter).
 */
function asciiStarts(phrases: string[]): Uint8Array | undefined {
  const starts = new Uint8Array(128)
  for (const phrase of phrases) {
    const c = phrase.charCodeAt(0)
    if (!(c < 128)) return undefined
    starts[asciiLower(c)] = 1
  }
  return starts
}

function asciiLower(c: number): number {
  return c >= 65 && c <= 90 ? c + 32 : c
}

/** Can a line beginning with code unit `c` match one of the phrases of `starts` (see asciiStarts)? */
function mayStart(starts: Uint8Array, c: number): boolean {
  return c >= 128 || starts[asciiLower(c)] === 1
}

/** One top-level piece of a regular expression source. */
interface Atom {
  start: number
  end: number
  /** Matches a fixed literal (a character, an escaped character, or a group of literal alternatives). */
  literal: boolean
  /** Shortest text it matches, when literal. */
  minLength: number
  /** Fewest and most repetitions (from its quantifier). */
  min: number
  max: number
  /** Zero-width (an assertion or a lookaround), or a top-level `|`. */
  kind: 'atom' | 'assertion' | 'or'
}

const SYNTAX = '^$\\.*+?()[]{}|/-'

/**
 * Split a pattern into top-level atoms (escapes, classes and groups kept whole); undefined when it is not
 * understood (or has a character outside the BMP, which a cut could split).
 */
function topAtoms(p: string): Atom[] | undefined {
  if (/[\ud800-\udfff]/.test(p)) return undefined
  const atoms: Atom[] = []
  let i = 0
  while (i < p.length) {
    const start = i
    const ch = p[i]
    let literal = false
    let minLength = 0
    let kind: Atom['kind'] = 'atom'
    if (ch === '|') {
      atoms.push({start, end: i + 1, literal: false, minLength: 0, min: 1, max: 1, kind: 'or'})
      i++
      continue
    } else if (ch === '^' || ch === '$') {
      kind = 'assertion'
      i++
    } else if (ch === '.') i++
    else if (ch === '\\') {
      const next = p[i + 1]
      if (next === undefined) return undefined
      if (SYNTAX.includes(next)) {
        literal = true
        minLength = 1
        i += 2
      } else {
        if (next === 'b' || next === 'B') kind = 'assertion'
        if ((next === 'p' || next === 'P' || next === 'u') && p[i + 2] === '{') {
          const close = p.indexOf('}', i)
          if (close < 0) return undefined
          i = close + 1
        } else if (next === 'u') i += 6
        else if (next === 'x') i += 4
        else if (next === 'c') i += 3
        else if (next === 'k') {
          const close = p.indexOf('>', i)
          if (close < 0) return undefined
          i = close + 1
        } else i += 2
      }
    } else if (ch === '[') {
      i++
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1
      if (i >= p.length) return undefined
      i++
    } else if (ch === '(') {
      const end = groupEnd(p, i)
      if (end < 0) return undefined
      const head = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)?|^\(/.exec(p.slice(i, i + 40))?.[0] ?? '('
      if (head === '(?=' || head === '(?!' || head === '(?<=' || head === '(?<!') kind = 'assertion'
      else {
        const alternatives = literalAlternatives(p.slice(i + head.length, end - 1))
        if (alternatives) {
          literal = true
          minLength = alternatives
        }
      }
      i = end
    } else if ('*+?{}])'.includes(ch)) return undefined
    else {
      literal = true
      minLength = 1
      i++
    }
    let min = 1
    let max = 1
    const q = /^(?:\*|\+|\?|\{(\d+)(,(\d*))?\})\??/.exec(p.slice(i, i + 24))
    if (q) {
      if (q[0][0] === '*') [min, max] = [0, Infinity]
      else if (q[0][0] === '+') [min, max] = [1, Infinity]
      else if (q[0][0] === '?') [min, max] = [0, 1]
      else {
        min = Number(q[1])
        max = q[2] === undefined ? min : q[3] ? Number(q[3]) : Infinity
      }
      i += q[0].length
    }
    atoms.push({start, end: i, literal, minLength, min, max, kind})
  }
  return atoms
}

/** Index after the group opening at `i` (a `(`), or -1. */
function groupEnd(p: string, i: number): number {
  let depth = 0
  while (i < p.length) {
    const ch = p[i]
    if (ch === '\\') i += 2
    else if (ch === '[') {
      i++
      while (i < p.length && p[i] !== ']') i += p[i] === '\\' ? 2 : 1
      i++
    } else {
      if (ch === '(') depth++
      else if (ch === ')' && --depth === 0) return i + 1
      i++
    }
  }
  return -1
}

/** The shortest alternative's length when every alternative of a group body is a non-empty literal, else 0. */
function literalAlternatives(body: string): number {
  let shortest = Infinity
  let length = 0
  for (let i = 0; i <= body.length; i++) {
    const ch = body[i]
    if (i === body.length || ch === '|') {
      if (length === 0) return 0
      shortest = Math.min(shortest, length)
      length = 0
    } else if (ch === '\\') {
      if (!SYNTAX.includes(body[i + 1] ?? '')) return 0
      i++
      length++
    } else if ('^$.*+?()[]{}'.includes(ch)) return 0
    else length++
  }
  return shortest === Infinity ? 0 : shortest
}

/**
 * For an anchored pattern (its `^` removed) that starts by scanning the line (`.{0,60}`, `\S.{4,200}`), the
 * source of the longest run of literals that every match must contain (`all rights reserved`,
 * `\[(?:VIDEO|PHOTOS)`): testing it first is a necessary condition, and much cheaper than the scan.
 */
function scanGuard(p: string): string | undefined {
  const atoms = topAtoms(p)
  if (!atoms || atoms.some((a) => a.kind === 'or')) return undefined
  // Does the pattern scan before its first required literal?
  let scans = false
  for (const a of atoms) {
    if (a.kind === 'assertion') continue
    if (a.literal && a.min >= 1) break
    if (a.max > 3) {
      scans = true
      break
    }
  }
  if (!scans) return undefined
  let best: [number, number, number] | undefined
  for (let k = 0; k < atoms.length; ) {
    if (!(atoms[k].literal && atoms[k].min === 1 && atoms[k].max === 1)) {
      k++
      continue
    }
    let length = 0
    let j = k
    while (j < atoms.length && atoms[j].literal && atoms[j].min === 1 && atoms[j].max === 1) length += atoms[j++].minLength
    if (!best || length > best[2]) best = [atoms[k].start, atoms[j - 1].end, length]
    k = j
  }
  return best && best[2] >= 1 ? p.slice(best[0], best[1]) : undefined
}

const EDGE = /[\s\p{P}\p{S}]/u

function isEdge(code: number, char: string): boolean {
  if (code < 128) return code <= 47 || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || code >= 123
  return EDGE.test(char)
}

/** White space as `\s` and `String.prototype.trim` see it. */
export function isSpaceCode(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x1680 ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff))
}

/**
 * The comparison key of a line, as `lineKey` (src/text.ts) computes it —
 * lower case, surrounding white space, punctuation and symbols removed, inner
 * white space runs as one space — without regular expressions over the whole
 * line (lines can be megabytes long).
 */
export function looseKey(value: string): string {
  let a = 0
  let b = value.length
  while (a < b && isEdge(value.charCodeAt(a), value[a])) a++
  while (b > a && isEdge(value.charCodeAt(b - 1), value[b - 1])) b--
  const inner = value.slice(a, b).toLowerCase()
  return /\s\s|[\t\r\n\v\f\u00a0\u2000-\u200b\u2028\u2029\u202f\u205f\u3000]/.test(inner) ? inner.replace(/\s+/g, ' ') : inner
}

/**
 * The first and last character of `looseKey(value)` (folded as in `coarseHash`), as one number, without making
 * the key: two values with the same loose key have the same ends. -1 when the key is empty or an end is a
 * surrogate (no filter then).
 */
export function keyEnds(value: string): number {
  let a = 0
  let b = value.length
  while (a < b && isEdge(value.charCodeAt(a), value[a])) a++
  while (b > a && isEdge(value.charCodeAt(b - 1), value[b - 1])) b--
  if (a === b) return -1
  const first = keyUnit(value.charCodeAt(a), false)
  const last = keyUnit(value.charCodeAt(b - 1), true)
  return first < 0 || last < 0 ? -1 : first * 65536 + last
}


/**
 * A hash of `looseKey(value)` computed without making the key: two values with the same loose key have the same
 * coarse hash (equal hashes still need the keys compared). Lower case is taken per code unit — the same as for
 * the whole string except for the final sigma, so all sigmas count as one letter, and `İ`, whose lower case is
 * `i` and U+0307, so U+0307 is left out — and surrogates are left out. Only the first `limit` units of the key
 * are hashed (long lines seldom share a beginning unless they repeat), so hashes compared with each other must
 * use the same limit. A small integer (a Set or Map key without allocation). With `from` and `to`, of
 * value[from, to) (a line of the flat document text reads faster than the line's own string).
 */
export function coarseHash(value: string, limit = 48, from = 0, to = value.length): number {
  let a = from
  let b = to
  while (a < b && isEdge(value.charCodeAt(a), value[a])) a++
  while (b > a && isEdge(value.charCodeAt(b - 1), value[b - 1])) b--
  let h = 0x811c9dc5 | 0
  let space = false
  // Units of the key hashed so far (a run of white space is one).
  let units = 0
  for (let i = a; i < b && units < limit; i++) {
    let c = value.charCodeAt(i)
    if (c < 128) {
      if (c === 32 || (c >= 9 && c <= 13)) {
        space = true
        continue
      }
      if (c >= 65 && c <= 90) c += 32
    } else {
      if (isSpaceCode(c)) {
        space = true
        continue
      }
      // Surrogates and U+0307 (the second unit of the lower case of `İ`) are left out.
      if ((c >= 0xd800 && c <= 0xdfff) || c === 0x307) continue
      if (c === 0x3a3 || c === 0x3c2) c = 0x3c3
      else if (c === 0x130) c = 0x69
      else c = lowerUnit(c)
    }
    if (space) {
      h = Math.imul(h ^ 32, 16777619)
      space = false
      units++
    }
    h = Math.imul(h ^ c, 16777619)
    units++
  }
  return h & 0x3fffffff
}

/**
 * `wordCount(value) >= n` (src/text.ts: runs of `\S`, white space as `\s` sees it) without making the words:
 * counts no further than n.
 */
export function atLeastWords(value: string, n: number): boolean {
  let count = 0
  let inWord = false
  for (let i = 0; i < value.length; i++) {
    if (isSpaceCode(value.charCodeAt(i))) inWord = false
    else if (!inWord) {
      inWord = true
      if (++count >= n) return true
    }
  }
  return count >= n
}

/** Does `value` (or value[from, to)) have at least `n` white-space separated words? Stops counting at `n`. */
export function hasWords(value: string, n: number, from = 0, to = value.length): boolean {
  let count = 0
  let inWord = false
  for (let i = from; i < to; i++) {
    const c = value.charCodeAt(i)
    const space = c === 32 || (c >= 9 && c <= 13) || c === 0xa0
    if (space) inWord = false
    else if (!inWord) {
      inWord = true
      if (++count >= n) return true
    }
  }
  return count >= n
}

const TIME_END = /(?:[ap]\.?\s?m\.?|ago|\b[A-Z]{2,4}|\dZ)$/i

/** Can `value` end in a date, a time or a relative time (a digit, `pm`, a zone, `ago`)? A cheap test before the date grammar. */
export function endsInTime(value: string): boolean {
  const n = value.length
  if (n === 0) return TIME_END.test(value)
  const last = value.charCodeAt(n - 1)
  if (last >= 48 && last <= 57) return true
  // TIME_END ends in an ASCII letter, or in `m.` (`4 p.m.`): anything else cannot match.
  if (last === 46) {
    if (n < 2 || (value.charCodeAt(n - 2) | 32) !== 109) return false
  } else if (!((last >= 65 && last <= 90) || (last >= 97 && last <= 122))) return false
  return TIME_END.test(value.slice(-8))
}

export type WhenKind = 'datetime' | 'day' | 'time' | 'ago'

let whenRe: RegExp | undefined
let nameRe: RegExp | undefined

/**
 * The date, time or relative time at the start of `value`, if any: its length and kind. The date grammar is
 * large, so it is compiled into this ONE regular expression per process and every rule goes through it
 * (embedding it in many patterns cost ~10 ms of compilation each).
 */
export function whenPrefix(value: string): {length: number; kind: WhenKind} | undefined {
  whenRe ??= nativeRegExp(`^(?:(${DATE_TIME})|(${DAY})|(${TIME})|(${AGO}))`, 'iu')
  const m = whenRe.exec(value)
  if (!m) return undefined
  return {length: m[0].length, kind: m[1] ? 'datetime' : m[2] ? 'day' : m[3] ? 'time' : 'ago'}
}

/** The kind of date or time `value` is in full, if it is one. */
export function whenKind(value: string): WhenKind | undefined {
  const m = whenPrefix(value)
  return m && m.length === value.length ? m.kind : undefined
}

/** Is `value` a name of one to five words (user names included)? */
export function isName(value: string): boolean {
  nameRe ??= nativeRegExp(`^${NAME}$`, 'u')
  return nameRe.test(value)
}
