/**
 * `--cache`: results keyed by the file's content hash, the resolved config of
 * its source and the newslint version. A hit skips parsing entirely.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync, renameSync, statSync, writeFileSync} from 'node:fs'
import type {ResolvedConfig} from './config.js'
import type {PlainMessage} from './engine.js'

export const DEFAULT_CACHE_LOCATION = '.newslintcache'

interface Entry {
  hash: string
  config: string
  messages: PlainMessage[]
}

interface CacheFile {
  version: string
  entries: Record<string, Entry>
}

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha1').update(bytes).digest('hex')
}

const configKeys = new WeakMap<ResolvedConfig, string>()

/** A stable key for a resolved config: rules, severities, options, allow list and entity files. */
export function configKey(config: ResolvedConfig): string {
  let key = configKeys.get(config)
  if (key === undefined) {
    const entities = config.entities.map((path) => {
      try {
        const stat = statSync(path)
        return `${path}:${stat.size}:${stat.mtimeMs}`
      } catch {
        return path
      }
    })
    const shape = {
      rules: config.rules.map((run) => [run.rule.id, run.severity, run.options]),
      allow: config.allow,
      entities
    }
    key = createHash('sha1').update(JSON.stringify(shape)).digest('hex')
    configKeys.set(config, key)
  }
  return key
}

export class ResultCache {
  private data: CacheFile
  private dirty = false

  constructor(
    readonly location: string,
    private version: string
  ) {
    this.data = {version, entries: {}}
    if (existsSync(location)) {
      try {
        const parsed = JSON.parse(readFileSync(location, 'utf8')) as CacheFile
        if (parsed && parsed.version === version && typeof parsed.entries === 'object') this.data = parsed
        else this.dirty = true
      } catch {
        this.dirty = true // unreadable cache: start afresh
      }
    }
  }

  get(path: string, hash: string, config: string): PlainMessage[] | undefined {
    const entry = this.data.entries[path]
    if (entry && entry.hash === hash && entry.config === config) return entry.messages
    return undefined
  }

  set(path: string, hash: string, config: string, messages: PlainMessage[]): void {
    this.data.entries[path] = {hash, config, messages}
    this.dirty = true
  }

  save(): void {
    if (!this.dirty) return
    const temp = `${this.location}.${process.pid}.tmp`
    writeFileSync(temp, JSON.stringify(this.data))
    renameSync(temp, this.location)
  }
}
