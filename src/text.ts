/** Small text helpers shared by rules. */

/** Lower-case a short line and strip surrounding punctuation and white space, for phrase look-ups. */
export function lineKey(line: string): string {
  return line
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
}

const EDGE_POINT = /^[\s\p{P}\p{S}]$/u

/** Is the code point at `i` (of `size` units) one that `lineKey` strips from the ends? */
function isKeyEdge(value: string, i: number, size: number): boolean {
  const c = value.charCodeAt(i)
  if (c < 128) return (c >= 9 && c <= 13) || (c >= 32 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)
  return EDGE_POINT.test(size === 1 ? value[i] : value.slice(i, i + 2))
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff
}

/** Lower case of BMP code units, computed on first use. */
const lowerUnits = new Uint16Array(65536)

/** The (first unit of the) lower case of a BMP code unit, cached. */
export function lowerUnit(c: number): number {
  let lower = lowerUnits[c]
  if (lower === 0) lowerUnits[c] = lower = String.fromCharCode(c).toLowerCase().charCodeAt(0)
  return lower
}

/** The first (or last) unit of a code unit's lower case; -1 for a surrogate; sigmas as one. */
export function keyUnit(c: number, last: boolean): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c
  if (c >= 0xd800 && c <= 0xdfff) return -1
  if (c === 0x3a3 || c === 0x3c2) return 0x3c3
  if (c === 0x130) return last ? 0x307 : 0x69
  return lowerUnit(c)
}

/**
 * The first and last character of `lineKey(line)` as one number, without making the key: lines with the same
 * key have the same ends (all sigmas count as one). -1 when the key is empty or an end is not one BMP character
 * (no filter then).
 */
export function lineKeyEnds(line: string): number {
  let a = 0
  let b = line.length
  while (a < b) {
    const size = isHigh(line.charCodeAt(a)) && a + 1 < b && isLow(line.charCodeAt(a + 1)) ? 2 : 1
    if (!isKeyEdge(line, a, size)) break
    a += size
  }
  while (b > a) {
    const size = isLow(line.charCodeAt(b - 1)) && b - 2 >= a && isHigh(line.charCodeAt(b - 2)) ? 2 : 1
    if (!isKeyEdge(line, b - size, size)) break
    b -= size
  }
  if (a === b) return -1
  const first = keyUnit(line.charCodeAt(a), false)
  const last = keyUnit(line.charCodeAt(b - 1), true)
  return first < 0 || last < 0 ? -1 : first * 65536 + last
}

/** Escape a literal for use inside a regular expression. */
export function escapeRegExp(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Count white-space separated words. */
export function wordCount(value: string): number {
  const m = value.match(/\S+/g)
  return m ? m.length : 0
}

/** Shorten a string for a message: first `max` characters, then `…`. */
export function clip(value: string, max = 40): string {
  const flat = value.replace(/\s+/g, ' ').trim()
  return flat.length > max ? flat.slice(0, max - 1).trimEnd() + '…' : flat
}
