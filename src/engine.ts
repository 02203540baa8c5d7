/**
 * The per-file work (decode, lint, fix) as a pure function of bytes and
 * config, so it can run in the main thread or in a worker pool with the same
 * result. Messages cross threads as plain objects and are rebuilt as vfile
 * messages in the same order, so the report is identical for any `--jobs`.
 */
import {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import type {Point, Position} from 'unist'
import {ConfigResolver, type Config, type RuleSetting, type ResolvedConfig} from './config.js'
import {decode, lintText, sortMessages} from './lint.js'
import {fixToFixedPoint} from './fix.js'
import {quietMessage, type Doc} from './document.js'
import {documentScore} from './score.js'

export type FixMode = 'none' | 'fix'

export interface PlainMessage {
  reason: string
  ruleId?: string
  source?: string
  fatal?: boolean | null
  place?: Point | Position
  actual?: string
  expected?: string[]
  note?: string
  url?: string
}

export interface LintOutcome {
  messages: PlainMessage[]
  /** With --fix: the fixed text when it differs from the input (BOM restored by the writer). */
  fixed?: string
  /** The input started with a UTF-8 BOM. */
  bom: boolean
  /** The input was skipped (binary). */
  skipped: boolean
  /** Decoded text, only when asked for (JSONL output of cleaned text, diffs). */
  text?: string
  /** Document quality score in [0, 1], only when asked for (JSONL mode). */
  score?: number
}

export function toPlain(message: VFileMessage): PlainMessage {
  const plain: PlainMessage = {reason: message.reason}
  if (message.ruleId !== undefined) plain.ruleId = message.ruleId
  if (message.source !== undefined) plain.source = message.source
  plain.fatal = message.fatal
  if (message.place) plain.place = message.place
  if (message.actual !== undefined) plain.actual = message.actual
  if (message.expected !== undefined) plain.expected = message.expected
  if (message.note !== undefined) plain.note = message.note
  if (message.url !== undefined) plain.url = message.url
  return plain
}

/** Rebuild a vfile for the reporters from plain messages. */
export function toVFile(path: string, cwd: string, messages: PlainMessage[]): VFile {
  const file = new VFile({path, cwd})
  for (const plain of messages) {
    const message = quietMessage(file, plain.reason, {place: plain.place, ruleId: plain.ruleId, source: plain.source})
    message.fatal = plain.fatal === null ? undefined : plain.fatal
    if (plain.actual !== undefined) message.actual = plain.actual
    if (plain.expected !== undefined) message.expected = plain.expected
    if (plain.note !== undefined) message.note = plain.note
    if (plain.url !== undefined) message.url = plain.url
  }
  return file
}

/** Lint (and with `fix`, fix) one document's bytes. */
export function processBytes(bytes: Uint8Array, config: ResolvedConfig, fix: FixMode, keepText = false, score = false): LintOutcome {
  const decoded = decode(bytes)
  const file = new VFile()
  if (decoded.nulAt >= 0) {
    const message = file.message(`Binary file (NUL byte at byte ${decoded.nulAt}), skipped; newslint reads UTF-8 text`, {
      ruleId: 'newslint/binary',
      source: 'newslint'
    })
    message.fatal = false
    return {messages: file.messages.map(toPlain), bom: false, skipped: true}
  }
  let text = decoded.text
  let doc: Doc | undefined
  const onDoc = score ? (d: Doc) => void (doc = d) : undefined
  lintText(text, file, config, onDoc)
  let current = file
  if (fix === 'fix' && decoded.invalidAt < 0) {
    // Never write back a file that did not decode cleanly: that would lose its bytes.
    ;({text, file: current} = fixToFixedPoint(text, file, config, () => new VFile(), onDoc))
  }
  if (decoded.invalidAt >= 0) {
    const before = decoded.text.slice(0, decoded.invalidAt).split('\n')
    const message = current.message(
      'Invalid UTF-8: undecodable bytes were read as U+FFFD replacement characters; re-encode the file as UTF-8',
      {
        place: {line: before.length, column: before[before.length - 1].length + 1, offset: decoded.invalidAt},
        ruleId: 'newslint/encoding',
        source: 'newslint'
      }
    )
    message.fatal = false
    sortMessages(current)
  }
  const outcome: LintOutcome = {messages: current.messages.map(toPlain), bom: decoded.bom, skipped: false}
  if (text !== decoded.text) outcome.fixed = text
  if (keepText) outcome.text = text
  if (score) outcome.score = doc ? documentScore(doc) : 0
  return outcome
}

/** What a worker needs to rebuild the resolver: the config and the --rule overrides. */
export interface WorkerSetup {
  config: Config
  overrides: Record<string, RuleSetting>
}

export interface WorkerTask {
  bytes: Uint8Array
  /** Absolute path for source resolution (undefined for stdin without a name). */
  abs?: string
  url?: string
  fix: FixMode
  keepText?: boolean
  score?: boolean
}

let workerResolver: ConfigResolver | undefined

/** Worker entry (also usable in-thread): lint one task with the worker's config. */
export function runTask(setup: WorkerSetup, task: WorkerTask): LintOutcome {
  workerResolver ??= new ConfigResolver(setup.config, setup.overrides)
  return processBytes(task.bytes, workerResolver.resolve(task.abs, task.url), task.fix, task.keepText, task.score)
}
