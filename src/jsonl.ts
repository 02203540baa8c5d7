/**
 * JSONL corpus mode: read records (`{"id": …, "url": …, "text": …}` per line)
 * from a file or standard input, resolve each record's source from its URL's
 * domain, lint it, and write one JSON line per record, in input order, as
 * records finish. Output depends only on each record, so shards of a corpus
 * can be linted apart and their outputs concatenated (Spark `RDD.pipe`).
 */
import {createReadStream, createWriteStream, existsSync} from 'node:fs'
import {resolve} from 'node:path'
import {createInterface} from 'node:readline'
import type {Writable} from 'node:stream'
import type {ConfigResolver} from './config.js'
import {UsageError} from './discover.js'
import type {LintOutcome, PlainMessage} from './engine.js'
import {createRunner, orderedStream} from './pool.js'
import {countPlain, messageJson} from './report.js'

export interface JsonlOptions {
  /** A path, or '-' for standard input. */
  source: string
  cwd: string
  resolver: ConfigResolver
  jobs: number
  fix: boolean
  textField: string
  urlField: string
  idField: string
  /** Records scoring below this are marked `keep: false`. */
  threshold: number
  output?: string
  stdout: (text: string) => void
  stdinStream?: () => NodeJS.ReadableStream
}

/** One output record. */
export interface JsonlRecord {
  id: unknown
  url: string | null
  source: string | null
  score: number
  keep: boolean
  errors: number
  warnings: number
  messages: Array<Record<string, unknown>>
  text?: string
  error?: string
}

interface Line {
  number: number
  text: string
}

async function* lines(stream: NodeJS.ReadableStream): AsyncGenerator<Line> {
  const reader = createInterface({input: stream, crlfDelay: Infinity})
  let number = 0
  for await (const text of reader) {
    number++
    if (text.trim() !== '') yield {number, text}
  }
}

type Parsed = {record: Record<string, unknown>; error?: undefined} | {record?: undefined; error: string}

function parseRecord(line: string, textField: string): Parsed {
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return {error: `invalid JSON: ${(error as Error).message}`}
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {error: 'a record must be a JSON object'}
  const record = value as Record<string, unknown>
  if (typeof record[textField] !== 'string') return {error: `no string field "${textField}"`}
  return {record}
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolveDrain) => stream.once('drain', resolveDrain))
}

export async function runJsonl(options: JsonlOptions): Promise<number> {
  const {resolver, textField, urlField, idField} = options
  let input: NodeJS.ReadableStream
  const name = options.source === '-' ? 'stdin' : options.source
  if (options.source === '-') {
    input = options.stdinStream ? options.stdinStream() : process.stdin
  } else {
    const path = resolve(options.cwd, options.source)
    if (!existsSync(path)) throw new UsageError(`no such file: ${options.source}`)
    input = createReadStream(path)
  }
  const out: Writable = options.output ? createWriteStream(resolve(options.cwd, options.output)) : process.stdout
  const runner = await createRunner(resolver, options.jobs, Number.POSITIVE_INFINITY)
  let bad = 0
  try {
    await orderedStream<Line, {parsed: Parsed; outcome?: LintOutcome}>(
      lines(input),
      runner.window,
      (line) => {
        const parsed = parseRecord(line.text, textField)
        if (!parsed.record) return {promise: Promise.resolve({parsed}), weight: 0}
        const url = typeof parsed.record[urlField] === 'string' ? (parsed.record[urlField] as string) : undefined
        const bytes = Buffer.from(parsed.record[textField] as string, 'utf8')
        const promise = runner
          .run({bytes, url, fix: options.fix ? 'fix' : 'none', keepText: options.fix, score: true})
          .then((outcome) => ({parsed, outcome}))
        return {promise, weight: bytes.byteLength}
      },
      async ({parsed, outcome}, line) => {
        let record: JsonlRecord
        if (!parsed.record || !outcome) {
          bad++
          process.stderr.write(`newslint: ${name}:${line.number}: ${parsed.error}\n`)
          record = {id: null, url: null, source: null, score: 0, keep: false, errors: 0, warnings: 0, messages: [], error: parsed.error}
        } else {
          const url = typeof parsed.record[urlField] === 'string' ? (parsed.record[urlField] as string) : null
          const source = resolver.resolve(undefined, url ?? undefined).source ?? null
          const counts = countPlain(outcome.messages)
          const score = Math.round((outcome.score ?? 0) * 1000) / 1000
          record = {
            id: parsed.record[idField] ?? null,
            url,
            source,
            score,
            keep: score >= options.threshold,
            errors: counts.errors,
            warnings: counts.warnings,
            messages: outcome.messages.map(messageJson)
          }
          if (options.fix) record.text = outcome.text ?? (parsed.record[textField] as string)
        }
        await write(out, JSON.stringify(record) + '\n')
      }
    )
  } finally {
    await runner.close()
    if (options.output) await new Promise<void>((done) => out.end(done))
  }
  if (bad > 0) process.stderr.write(`newslint: ${bad} record${bad === 1 ? '' : 's'} could not be read (written with an "error" field)\n`)
  return 0
}
