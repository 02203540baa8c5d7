import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'

export const ROOT = join(import.meta.dirname, '..')
export const BIN = join(ROOT, 'bin', 'newslint.js')

/** `line:col-line:col: reason` of a message. */
export function show(message: VFileMessage): string {
  const place = message.place
  if (place && 'start' in place) {
    return `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}: ${message.reason}`
  }
  return `${message.line ?? 0}:${message.column ?? 0}: ${message.reason}`
}

export function messagesOf(file: VFile, ruleId?: string): string[] {
  return file.messages.filter((m) => !ruleId || m.ruleId === ruleId).map(show)
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** Run the real CLI (the built binary) in `cwd`. */
export function cli(args: string[], options: {cwd?: string; input?: string | Buffer; env?: Record<string, string>} = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    input: options.input,
    env: {...process.env, NO_COLOR: '1', ...options.env},
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024
  })
  return {code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr}
}
