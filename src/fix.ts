/**
 * Safe fixes: apply the `expected` replacement of messages from fixable rules.
 * Edits never overlap (a later overlapping edit waits for the next pass), a
 * removal of whole lines takes their line breaks with it, and a removal inside
 * a line takes one neighbouring space so no double space is left.
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {rulesById, type ResolvedConfig} from './config.js'
import type {Doc} from './document.js'
import {lintText} from './lint.js'

export interface Edit {
  start: number
  end: number
  text: string
  ruleId: string
}

function placeOffsets(message: VFileMessage): [number, number] | undefined {
  const place = message.place
  if (!place || !('start' in place)) return undefined
  const start = place.start.offset
  const end = place.end.offset
  if (start === undefined || end === undefined || end < start) return undefined
  return [start, end]
}

/** Widen a removal to whole lines, or to one adjacent space inside a line. */
function widenRemoval(text: string, start: number, end: number): [number, number] {
  let lineStart = start
  while (lineStart > 0 && (text[lineStart - 1] === ' ' || text[lineStart - 1] === '\t')) lineStart--
  let lineEnd = end
  while (lineEnd < text.length && (text[lineEnd] === ' ' || text[lineEnd] === '\t' || text[lineEnd] === '\r')) lineEnd++
  const atLineStart = lineStart === 0 || text[lineStart - 1] === '\n'
  const atLineEnd = lineEnd === text.length || text[lineEnd] === '\n'
  if (atLineStart && atLineEnd) {
    let cut = lineEnd < text.length ? lineEnd + 1 : lineEnd
    // A paragraph of its own: take one of the blank lines around it too.
    const blankBefore = lineStart === 0 || /\n[ \t\r]*\n$/.test(text.slice(Math.max(0, lineStart - 8), lineStart))
    const blankAfter = /^[ \t\r]*\n/.exec(text.slice(cut, cut + 16))
    if (blankBefore && blankAfter) cut += blankAfter[0].length
    return [lineStart, cut]
  }
  if (text[end] === ' ' && (start === 0 || /\s/.test(text[start - 1]))) return [start, end + 1]
  if (text[start - 1] === ' ' && (end === text.length || /[\s.,;:!?)]/.test(text[end]))) return [start - 1, end]
  return [start, end]
}

/** The edits a file's messages propose, sorted, without overlaps. */
export function collectEdits(file: VFile, text: string, only?: (ruleId: string) => boolean): Edit[] {
  const edits: Edit[] = []
  for (const message of file.messages) {
    const ruleId = message.ruleId ?? ''
    const rule = rulesById.get(ruleId)
    if (!rule || !rule.fixable || (only && !only(ruleId))) continue
    if (!message.expected || message.expected.length !== 1) continue
    const offsets = placeOffsets(message)
    if (!offsets) continue
    let [start, end] = offsets
    if (message.actual !== undefined && text.slice(start, end) !== message.actual) continue
    const replacement = message.expected[0]
    if (replacement === text.slice(start, end)) continue
    if (replacement === '') [start, end] = widenRemoval(text, start, end)
    edits.push({start, end, text: replacement, ruleId})
  }
  edits.sort((a, b) => a.start - b.start || a.end - b.end)
  const kept: Edit[] = []
  let last = -1
  for (const edit of edits) {
    if (edit.start < last) continue
    // Two zero-width inserts at one point would also collide.
    if (edit.start === last && edit.start === edit.end) continue
    kept.push(edit)
    last = edit.end
  }
  return kept
}

export function applyEdits(text: string, edits: Edit[]): string {
  let out = ''
  let at = 0
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return out + text.slice(at)
}

export const MAX_FIX_PASSES = 10

/**
 * Apply safe fixes pass after pass until nothing changes (at most
 * `maxPasses`): edits that overlapped wait for the next pass, so a second
 * `--fix` changes nothing. `file` holds the first lint; the result's file the last.
 */
export function fixToFixedPoint(
  text: string,
  file: VFile,
  config: ResolvedConfig,
  makeFile: (text: string) => VFile,
  onDoc?: (doc: Doc) => void,
  maxPasses = MAX_FIX_PASSES
): {text: string; file: VFile} {
  let current = file
  for (let pass = 0; pass < maxPasses; pass++) {
    const edits = collectEdits(current, text)
    if (edits.length === 0) break
    text = applyEdits(text, edits)
    current = lintText(text, makeFile(text), config, onDoc)
  }
  return {text, file: current}
}
