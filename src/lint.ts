/**
 * Lint one document: decode its bytes safely, parse it once, run the enabled
 * rules of its source over the shared indexes, and set severities.
 */
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {parseDocument, type Doc} from './document.js'
import type {ResolvedConfig} from './config.js'
import type {Severity} from './rule.js'

export interface Decoded {
  text: string
  /** The bytes started with a UTF-8 byte order mark (kept out of `text`, restored on write). */
  bom: boolean
  /** Offset (in `text`) of the first invalid UTF-8 sequence, or -1. */
  invalidAt: number
  /** Byte offset of the first NUL byte, or -1: the file is binary. */
  nulAt: number
}

const strict = new TextDecoder('utf-8', {fatal: true, ignoreBOM: true})
const lenient = new TextDecoder('utf-8', {fatal: false, ignoreBOM: true})

/** Decode bytes as UTF-8 without ever throwing. */
export function decode(bytes: Uint8Array): Decoded {
  const nulAt = bytes.indexOf(0)
  if (nulAt >= 0) return {text: '', bom: false, invalidAt: -1, nulAt}
  let text: string
  let invalidAt = -1
  try {
    text = strict.decode(bytes)
  } catch {
    text = lenient.decode(bytes)
    invalidAt = text.indexOf('\uFFFD')
  }
  const bom = text.charCodeAt(0) === 0xfeff
  if (bom) {
    text = text.slice(1)
    if (invalidAt > 0) invalidAt--
  }
  return {text, bom, invalidAt, nulAt}
}

export function fatalOf(severity: Exclude<Severity, 'off'>): boolean | undefined {
  return severity === 'error' ? true : severity === 'warn' ? false : undefined
}

/** Drop messages that fall inside an allowed phrase (case-insensitive). */
function applyAllow(file: VFile, text: string, allow: string[]): void {
  if (allow.length === 0 || file.messages.length === 0) return
  const lower = text.toLowerCase()
  const spans: Array<[number, number]> = []
  for (const phrase of allow) {
    const needle = phrase.toLowerCase()
    if (!needle) continue
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + 1)) {
      spans.push([at, at + needle.length])
    }
  }
  const allowed = new Set(allow.map((p) => p.toLowerCase()))
  file.messages = file.messages.filter((message) => {
    if (message.source !== 'newslint' || message.ruleId?.startsWith('newslint/')) return true
    if (message.actual && allowed.has(message.actual.toLowerCase())) return false
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined
    if (start === undefined || end === undefined) return true
    return !spans.some(([s, e]) => s <= start && end <= e)
  })
}

function offsetOf(message: VFileMessage): number {
  const place = message.place
  if (!place) return 0
  return ('start' in place ? place.start.offset : place.offset) ?? 0
}

/** Sort messages by position, then rule id, for stable output. */
export function sortMessages(file: VFile): void {
  file.messages.sort(
    (a, b) => offsetOf(a) - offsetOf(b) || String(a.ruleId).localeCompare(String(b.ruleId))
  )
}

/** `NEWSLINT_TIMING=1`: time spent per rule (and in parsing), printed to stderr at exit. */
const timing: Map<string, number> | undefined = process.env.NEWSLINT_TIMING ? new Map() : undefined
if (timing) {
  process.on('exit', () => {
    const rows = [...timing.entries()].sort((a, b) => b[1] - a[1])
    const total = rows.reduce((sum, [, ms]) => sum + ms, 0)
    process.stderr.write(`${'rule'.padEnd(34)} ${'ms'.padStart(9)}  share\n`)
    for (const [id, ms] of rows) {
      process.stderr.write(`${id.padEnd(34)} ${ms.toFixed(1).padStart(9)}  ${((ms / total) * 100).toFixed(1)}%\n`)
    }
  })
}

/** Lint decoded text into `file`. Returns the file for chaining. */
export function lintText(text: string, file: VFile, config: ResolvedConfig, onDoc?: (doc: Doc) => void): VFile {
  if (text.length === 0 || (config.rules.length === 0 && !onDoc)) return file
  const parseStarted = timing ? performance.now() : 0
  const {tree, doc} = parseDocument(text, config.rules.some((run) => run.rule.usesTree))
  if (timing) timing.set('(parse)', (timing.get('(parse)') ?? 0) + performance.now() - parseStarted)
  doc.context = {entities: config.entities, source: config.source}
  onDoc?.(doc)
  for (const run of config.rules) {
    const before = file.messages.length
    const started = timing ? performance.now() : 0
    try {
      run.rule.check(tree, file, run.options, doc)
    } catch (error) {
      const message = file.message(`Rule ${run.rule.id} failed on this file: ${(error as Error).message}`, {
        ruleId: 'newslint/rule-error',
        source: 'newslint'
      })
      message.fatal = true
    }
    if (timing) timing.set(run.rule.id, (timing.get(run.rule.id) ?? 0) + performance.now() - started)
    const fatal = fatalOf(run.severity)
    for (let i = before; i < file.messages.length; i++) {
      const message = file.messages[i]
      if (message.ruleId === run.rule.id) message.fatal = fatal
    }
  }
  applyAllow(file, text, config.allow)
  sortMessages(file)
  return file
}
