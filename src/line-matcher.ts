/**
 * Compile a data list of line markers (whole-line phrases, line prefixes,
 * regular expressions) into one matcher, built once per process.
 */
import {escapeRegExp, lineKey, wordCount} from './text.js'

export interface LineMarker {
  kind: 'line' | 'prefix' | 'regex'
  phrase?: string
  pattern?: string
  category: string
  strong?: boolean
  maxWords?: number
  caseSensitive?: boolean
  requireColon?: boolean
  note?: string
  source?: string
}

export interface LineMatcher {
  /** The marker a line is, or undefined. */
  match: (line: string) => LineMarker | undefined
}

/** Lines longer than this are prose, never a marker. */
const MAX_MARKER_LINE = 240

export function compileLineMarkers(markers: LineMarker[]): LineMatcher {
  const whole = new Map<string, LineMarker>()
  const prefixes: LineMarker[] = []
  const regexes: Array<[RegExp, LineMarker]> = []
  for (const marker of markers) {
    if (marker.kind === 'line' && marker.phrase) whole.set(lineKey(marker.phrase), marker)
    else if (marker.kind === 'prefix' && marker.phrase) prefixes.push(marker)
    else if (marker.kind === 'regex' && marker.pattern) {
      regexes.push([new RegExp(marker.pattern, marker.caseSensitive ? 'u' : 'iu'), marker])
    }
  }
  // Longest prefix first, so "More stories from" wins over "More".
  prefixes.sort((a, b) => (b.phrase ?? '').length - (a.phrase ?? '').length)
  const prefixRe = prefixes.length
    ? new RegExp(`^(?:${prefixes.map((p) => escapeRegExp(p.phrase ?? '')).join('|')})(?![\\p{L}\\p{N}])`, 'iu')
    : undefined
  const prefixKeys = prefixes.map((p) => (p.phrase ?? '').toLowerCase())

  return {
    match(line) {
      if (line.length > MAX_MARKER_LINE) return undefined
      const trimmed = line.trim()
      if (!trimmed) return undefined
      const exact = whole.get(lineKey(trimmed))
      if (exact) return exact
      if (prefixRe) {
        const m = prefixRe.exec(trimmed)
        if (m) {
          const lower = m[0].toLowerCase()
          const index = prefixKeys.indexOf(lower)
          const marker = prefixes[index]
          if (marker) {
            const rest = trimmed.slice(m[0].length)
            const colonOk = !marker.requireColon || /^\s*:/.test(rest)
            if (colonOk && wordCount(trimmed) <= (marker.maxWords ?? 12)) return marker
          }
        }
      }
      for (const [re, marker] of regexes) {
        if (re.test(trimmed)) return marker
      }
      return undefined
    }
  }
}
