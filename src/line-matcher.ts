/**
 * The shape of a data list of line markers (whole-line phrases, line
 * prefixes, regular expressions), as in `rules/data/footer-phrases.json`.
 * `compileMarkers` in `rules/scrape/shared.ts` compiles a list into one
 * matcher, once per process.
 */

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
