/**
 * Helpers shared by the `scrape/` rules (not a rule itself): the date and time
 * grammar used by comment headers and leaked metadata, and line-range sets
 * through which block rules tell line rules which lines they already cover.
 *
 * All patterns are built once per process from bounded pieces (no nested
 * unbounded quantifiers), so they stay linear on long lines.
 */
import type {Doc} from '../../src/document.js'
import type {LineMarker, LineMatcher} from '../../src/line-matcher.js'
import {escapeRegExp, wordCount} from '../../src/text.js'

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

/** Shorten a text for a message at a word boundary: at most `max` characters, then `…`. */
export function clipWords(value: string, max = 40): string {
  const flat = value.replace(/\s+/g, ' ').trim()
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
 * is only computed for lines short enough to equal a phrase, and all anchored
 * regular expressions of one case mode are tested as one alternation (one
 * exec per line instead of one per marker). Same data format, same result:
 * a whole-line phrase first, then the longest prefix, then the first regular
 * expression in data order.
 */
export function compileMarkers(markers: LineMarker[]): LineMatcher {
  const whole = new Map<string, LineMarker>()
  let longestPhrase = 0
  const prefixes: LineMarker[] = []
  const singles: Array<[RegExp, LineMarker, number]> = []
  const groups: Record<'i' | 's', Array<[string, number]>> = {i: [], s: []}
  markers.forEach((marker, index) => {
    if (marker.kind === 'line' && marker.phrase) {
      whole.set(looseKey(marker.phrase), marker)
      longestPhrase = Math.max(longestPhrase, marker.phrase.length)
    } else if (marker.kind === 'prefix' && marker.phrase) prefixes.push(marker)
    else if (marker.kind === 'regex' && marker.pattern) {
      const p = marker.pattern
      if (p.startsWith('^') && !/\\\d|\(\?<[^=!]/.test(p)) groups[marker.caseSensitive ? 's' : 'i'].push([p.slice(1), index])
      else singles.push([new RegExp(p, marker.caseSensitive ? 'u' : 'iu'), marker, index])
    }
  })
  prefixes.sort((a, b) => (b.phrase ?? '').length - (a.phrase ?? '').length)
  const prefixRe = prefixes.length
    ? new RegExp(`^(?:${prefixes.map((p) => escapeRegExp(p.phrase ?? '')).join('|')})(?![\\p{L}\\p{N}])`, 'iu')
    : undefined
  const prefixByKey = new Map<string, LineMarker>()
  for (const p of prefixes) if (!prefixByKey.has((p.phrase ?? '').toLowerCase())) prefixByKey.set((p.phrase ?? '').toLowerCase(), p)
  const combined = (Object.keys(groups) as Array<'i' | 's'>)
    .filter((mode) => groups[mode].length)
    .map((mode) => ({
      re: new RegExp(`^(?:${groups[mode].map(([p, i]) => `(?<m${i}>${p})`).join('|')})`, mode === 'i' ? 'iu' : 'u'),
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
        const exact = whole.get(looseKey(trimmed))
        if (exact) return exact
      }
      if (prefixRe) {
        const m = prefixRe.exec(trimmed)
        const marker = m ? prefixByKey.get(m[0].toLowerCase()) : undefined
        if (m && marker) {
          const rest = trimmed.slice(m[0].length)
          const colonOk = !marker.requireColon || /^\s*:/.test(rest)
          if (colonOk && wordCount(trimmed) <= (marker.maxWords ?? 12)) return marker
        }
      }
      let best = -1
      for (const {re, indexes} of combined) {
        const m = re.exec(trimmed)
        if (!m?.groups) continue
        for (const index of indexes) {
          if (m.groups[`m${index}`] !== undefined) {
            if (best < 0 || index < best) best = index
            break
          }
        }
      }
      for (const [re, , index] of singles) {
        if ((best < 0 || index < best) && re.test(trimmed)) best = index
      }
      return best >= 0 ? markers[best] : undefined
    }
  }
}

const EDGE = /[\s\p{P}\p{S}]/u

function isEdge(code: number, char: string): boolean {
  if (code < 128) return code <= 47 || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || code >= 123
  return EDGE.test(char)
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

/** Does `value` have at least `n` white-space separated words? Stops counting at `n`. */
export function hasWords(value: string, n: number): boolean {
  let count = 0
  let inWord = false
  for (let i = 0; i < value.length; i++) {
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
  const last = value.charCodeAt(value.length - 1)
  return (last >= 48 && last <= 57) || TIME_END.test(value.slice(-8))
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
  whenRe ??= new RegExp(`^(?:(${DATE_TIME})|(${DAY})|(${TIME})|(${AGO}))`, 'iu')
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
  nameRe ??= new RegExp(`^${NAME}$`, 'u')
  return nameRe.test(value)
}
