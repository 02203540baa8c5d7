/**
 * `--baseline FILE`: the findings of an existing corpus, recorded so that only
 * new ones are reported. A finding is keyed by file, rule and its text (not its
 * line), so edits above it do not break the baseline.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, renameSync, writeFileSync} from 'node:fs'
import type {PlainMessage} from './engine.js'

export interface BaselineFile {
  version: 1
  files: Record<string, Record<string, number>>
}

export class BaselineError extends Error {}

/** Key of a finding: rule and normalised text (hashed when long). */
export function findingKey(message: PlainMessage): string {
  const text = (message.actual ?? message.reason).replace(/\s+/g, ' ').trim()
  const shown = text.length > 80 ? `${text.slice(0, 60)}… #${createHash('sha1').update(text).digest('hex').slice(0, 12)}` : text
  return `${message.ruleId ?? ''} ${shown}`
}

export function loadBaseline(path: string): BaselineFile {
  if (!existsSync(path)) throw new BaselineError(`baseline not found: ${path} (create it with --update-baseline)`)
  try {
    const data = JSON.parse(readFileSync(path, 'utf8')) as BaselineFile
    if (data.version !== 1 || typeof data.files !== 'object' || data.files === null) throw new Error('not a newslint baseline')
    return data
  } catch (error) {
    throw new BaselineError(`cannot read baseline ${path}: ${(error as Error).message}`)
  }
}

/** Drop the messages the baseline knows (each recorded finding absorbs one message). */
export function filterByBaseline(baseline: BaselineFile, path: string, messages: PlainMessage[]): PlainMessage[] {
  const known = baseline.files[path]
  if (!known) return messages
  const left = {...known}
  return messages.filter((message) => {
    const key = findingKey(message)
    if (left[key] > 0) {
      left[key]--
      return false
    }
    return true
  })
}

export class BaselineWriter {
  private data: BaselineFile = {version: 1, files: {}}

  add(path: string, messages: PlainMessage[]): void {
    if (messages.length === 0) return
    const counts: Record<string, number> = {}
    for (const message of messages) {
      const key = findingKey(message)
      counts[key] = (counts[key] ?? 0) + 1
    }
    this.data.files[path] = counts
  }

  save(path: string): number {
    const sorted: BaselineFile = {version: 1, files: {}}
    for (const key of Object.keys(this.data.files).sort()) sorted.files[key] = this.data.files[key]
    const temp = `${path}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(sorted, null, 2) + '\n')
    renameSync(temp, path)
    return Object.values(sorted.files).reduce((n, counts) => n + Object.values(counts).reduce((a, b) => a + b, 0), 0)
  }
}
