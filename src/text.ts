/** Small text helpers shared by rules. */

/** Lower-case a short line and strip surrounding punctuation and white space, for phrase look-ups. */
export function lineKey(line: string): string {
  return line
    .replace(/^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu, '')
    .replace(/\s+/g, ' ')
    .toLowerCase()
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
