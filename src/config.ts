/**
 * Configuration: find (cosmiconfig, module name `linter`), validate, and
 * resolve the rule set of a document's source. Rule sets are computed once per
 * source, not per file.
 */
import {existsSync} from 'node:fs'
import {dirname, isAbsolute, relative, resolve, sep} from 'node:path'
import {cosmiconfig} from 'cosmiconfig'
import {closest} from 'fastest-levenshtein'
import picomatch from 'picomatch'
import {allRules} from '../rules/index.js'
import {EntityError, loadEntityFile} from './entities.js'
import {
  checkOption,
  defaultOptions,
  SEVERITIES,
  type AnyRule,
  type OptionSpec,
  type Severity
} from './rule.js'

export type RuleSetting = Severity | [Severity] | [Severity, Record<string, unknown>]

export interface SourceConfig {
  name: string
  files: string[]
  domains: string[]
  rules: Record<string, RuleSetting>
}

export interface Config {
  /** The config file, or undefined when none was found. */
  filepath?: string
  /** Folder that `files`, `ignores` and `entities` are relative to. */
  dir: string
  extends: string[]
  rules: Record<string, RuleSetting>
  entities: string[]
  allow: string[]
  sources: SourceConfig[]
  ignores: string[]
  extensions: string[]
}

export interface RuleRun {
  rule: AnyRule
  severity: Exclude<Severity, 'off'>
  options: Record<string, unknown>
}

export interface ResolvedConfig {
  /** Name of the matched source, if any. */
  source?: string
  rules: RuleRun[]
  allow: string[]
  entities: string[]
}

export class ConfigError extends Error {}

export const DEFAULT_EXTENSIONS = ['.txt', '.md', '.text']
export const PRESETS = ['newslint:recommended', 'newslint:all'] as const

const TOP_KEYS = ['$schema', 'extends', 'rules', 'entities', 'allow', 'sources', 'ignores', 'extensions']
const SOURCE_KEYS = ['name', 'files', 'domains', 'rules']

export const rulesById: ReadonlyMap<string, AnyRule> = new Map(allRules.map((rule) => [rule.id, rule]))

function suggest(value: string, known: readonly string[]): string {
  if (known.length === 0) return ''
  const near = closest(value, known as string[])
  return ` (did you mean "${near}"?)`
}

function fail(file: string, path: string, message: string): never {
  throw new ConfigError(`${file}: ${path}: ${message}`)
}

function stringArray(file: string, path: string, value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(file, path, 'expected an array of strings')
  }
  return value as string[]
}

/** Validate one rule setting; returns it normalised. */
export function validateRuleSetting(file: string, path: string, id: string, value: unknown): RuleSetting {
  const rule = rulesById.get(id)
  if (!rule) fail(file, path, `unknown rule "${id}"${suggest(id, [...rulesById.keys()])}`)
  const severityOf = (v: unknown, where: string): Severity => {
    if (typeof v !== 'string' || !(SEVERITIES as readonly string[]).includes(v)) {
      fail(file, where, `invalid severity ${JSON.stringify(v)}, expected one of ${SEVERITIES.join(', ')}`)
    }
    return v as Severity
  }
  if (typeof value === 'string') return severityOf(value, path)
  if (!Array.isArray(value) || value.length === 0 || value.length > 2) {
    fail(file, path, 'expected a severity ("off", "info", "warn", "error") or [severity, options]')
  }
  const severity = severityOf(value[0], `${path}[0]`)
  if (value.length === 1) return [severity]
  const options = value[1]
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    fail(file, `${path}[1]`, 'expected an options object')
  }
  const specs = rule.options as Record<string, OptionSpec>
  for (const [key, v] of Object.entries(options as Record<string, unknown>)) {
    const spec = specs[key]
    if (!spec) {
      const known = Object.keys(specs)
      fail(file, `${path}[1].${key}`, `unknown option of ${id}${known.length ? suggest(key, known) : ' (it takes no options)'}`)
    }
    const problem = checkOption(spec, v)
    if (problem) fail(file, `${path}[1].${key}`, problem)
  }
  return [severity, options as Record<string, unknown>]
}

function validateRules(file: string, path: string, value: unknown): Record<string, RuleSetting> {
  if (value === undefined) return {}
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(file, path, 'expected an object of rule settings')
  const out: Record<string, RuleSetting> = {}
  for (const [id, setting] of Object.entries(value as Record<string, unknown>)) {
    out[id] = validateRuleSetting(file, `${path}.${id}`, id, setting)
  }
  return out
}

function validateGlobs(file: string, path: string, value: unknown): string[] {
  const globs = stringArray(file, path, value)
  globs.forEach((glob, i) => {
    if (glob.trim() === '') fail(file, `${path}[${i}]`, 'empty glob')
    try {
      picomatch.makeRe(glob)
    } catch (error) {
      fail(file, `${path}[${i}]`, `bad glob ${JSON.stringify(glob)}: ${(error as Error).message}`)
    }
  })
  return globs
}

/** Validate a parsed config object. `file` names it in errors. */
export function validateConfig(raw: unknown, file: string, dir: string): Config {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(file, '(root)', 'expected a JSON object')
  const obj = raw as Record<string, unknown>
  for (const key of Object.keys(obj)) {
    if (!TOP_KEYS.includes(key)) fail(file, key, `unknown key${suggest(key, TOP_KEYS.filter((k) => k !== '$schema'))}`)
  }
  const ext = obj.extends === undefined ? ['newslint:recommended'] : typeof obj.extends === 'string' ? [obj.extends] : stringArray(file, 'extends', obj.extends)
  ext.forEach((name, i) => {
    if (!(PRESETS as readonly string[]).includes(name)) fail(file, `extends[${i}]`, `unknown preset "${name}"${suggest(name, PRESETS)}`)
  })
  const sources: SourceConfig[] = []
  if (obj.sources !== undefined) {
    if (!Array.isArray(obj.sources)) fail(file, 'sources', 'expected an array of sources')
    obj.sources.forEach((source: unknown, i: number) => {
      const path = `sources[${i}]`
      if (typeof source !== 'object' || source === null || Array.isArray(source)) fail(file, path, 'expected an object')
      const s = source as Record<string, unknown>
      for (const key of Object.keys(s)) {
        if (!SOURCE_KEYS.includes(key)) fail(file, `${path}.${key}`, `unknown key${suggest(key, SOURCE_KEYS)}`)
      }
      if (typeof s.name !== 'string' || s.name.trim() === '') fail(file, `${path}.name`, 'expected a non-empty name')
      if (sources.some((other) => other.name === s.name)) fail(file, `${path}.name`, `duplicate source name "${s.name}"`)
      const domains = s.domains === undefined ? [] : stringArray(file, `${path}.domains`, s.domains)
      domains.forEach((d, j) => {
        if (!/^[a-z0-9.-]+\.[a-z]{2,}$/i.test(d)) fail(file, `${path}.domains[${j}]`, `not a domain name: ${JSON.stringify(d)}`)
      })
      sources.push({
        name: s.name,
        files: s.files === undefined ? [] : validateGlobs(file, `${path}.files`, s.files),
        domains: domains.map((d) => d.toLowerCase()),
        rules: validateRules(file, `${path}.rules`, s.rules)
      })
    })
  }
  const entities = obj.entities === undefined ? [] : stringArray(file, 'entities', obj.entities)
  entities.forEach((entry, i) => {
    const full = resolve(dir, entry)
    if (!existsSync(full)) fail(file, `entities[${i}]`, `no such file: ${entry}`)
    try {
      loadEntityFile(full, entry)
    } catch (error) {
      if (error instanceof EntityError) fail(file, `entities[${i}]`, error.message)
      throw error
    }
  })
  const extensions = obj.extensions === undefined ? DEFAULT_EXTENSIONS : stringArray(file, 'extensions', obj.extensions)
  return {
    filepath: file,
    dir,
    extends: ext,
    rules: validateRules(file, 'rules', obj.rules),
    entities: entities.map((entry) => resolve(dir, entry)),
    allow: obj.allow === undefined ? [] : stringArray(file, 'allow', obj.allow),
    sources,
    ignores: obj.ignores === undefined ? [] : validateGlobs(file, 'ignores', obj.ignores),
    extensions: extensions.map((e) => (e.startsWith('.') ? e : '.' + e).toLowerCase())
  }
}

/** The config used when no file is found. */
export function defaultConfig(dir: string): Config {
  return {
    dir,
    extends: ['newslint:recommended'],
    rules: {},
    entities: [],
    allow: [],
    sources: [],
    ignores: [],
    extensions: DEFAULT_EXTENSIONS
  }
}

function firstLine(message: string): string {
  return message.split('\n')[0]
}

/** Find and load the config: `--config FILE`, else cosmiconfig's search from `cwd`. */
/** JSON loader with an error that names the file, line and column. */
function loadJson(cwd: string) {
  return (filepath: string, content: string): unknown => {
    if (content.trim() === '') return null
    try {
      return JSON.parse(content)
    } catch (error) {
      const message = (error as Error).message
      const at = /position (\d+)/.exec(message)
      let where = ''
      if (at) {
        const before = content.slice(0, Number(at[1])).split('\n')
        where = ` at line ${before.length}, column ${before[before.length - 1].length + 1}`
      }
      const shown = relative(cwd, filepath) || filepath
      throw new ConfigError(`${shown.split(sep).join('/')}: invalid JSON${where}: ${message.replace(/ in JSON at position \d+.*$/, '')}`)
    }
  }
}

export async function loadConfig(cwd: string, explicit?: string): Promise<Config> {
  const explorer = cosmiconfig('linter', {
    searchStrategy: 'project',
    cache: false,
    loaders: {'.json': loadJson(cwd)}
  })
  let result
  if (explicit) {
    const file = resolve(cwd, explicit)
    if (!existsSync(file)) throw new ConfigError(`${explicit}: config file not found`)
    try {
      result = await explorer.load(file)
    } catch (error) {
      if (error instanceof ConfigError) throw error
      throw new ConfigError(`${relative(cwd, file) || file}: cannot parse: ${firstLine((error as Error).message)}`)
    }
  } else {
    try {
      result = await explorer.search(cwd)
    } catch (error) {
      if (error instanceof ConfigError) throw error
      throw new ConfigError(`cannot read config: ${firstLine((error as Error).message)}`)
    }
  }
  if (!result) return defaultConfig(cwd)
  const shown = relative(cwd, result.filepath) || result.filepath
  if (result.isEmpty) return {...defaultConfig(dirname(result.filepath)), filepath: result.filepath}
  return validateConfig(result.config, shown.split(sep).join('/'), dirname(result.filepath))
}

function applySetting(
  map: Map<string, {severity: Severity; options: Record<string, unknown>}>,
  id: string,
  setting: RuleSetting
): void {
  const rule = rulesById.get(id)
  if (!rule) return
  const current = map.get(id) ?? {severity: 'off' as Severity, options: defaultOptions(rule)}
  if (typeof setting === 'string') {
    map.set(id, {severity: setting, options: current.options})
  } else {
    map.set(id, {severity: setting[0], options: {...current.options, ...(setting[1] ?? {})}})
  }
}

/** Resolves per-source rule sets, once per source. */
export class ConfigResolver {
  private cache = new Map<string, ResolvedConfig>()
  private matchers: Array<{source: SourceConfig; match: (path: string) => boolean}>
  private ignoreMatch: (path: string) => boolean

  constructor(
    readonly config: Config,
    readonly overrides: Record<string, RuleSetting> = {}
  ) {
    this.matchers = config.sources.map((source) => ({
      source,
      match: source.files.length ? picomatch(source.files, {dot: true}) : () => false
    }))
    this.ignoreMatch = config.ignores.length ? picomatch(config.ignores, {dot: true}) : () => false
  }

  /** Path relative to the config folder, in POSIX form. */
  relativePath(path: string): string {
    const abs = isAbsolute(path) ? path : resolve(path)
    return relative(this.config.dir, abs).split(sep).join('/')
  }

  isIgnored(path: string): boolean {
    return this.ignoreMatch(this.relativePath(path))
  }

  /** The source of a document: by URL domain first, then by path. */
  sourceFor(path: string | undefined, url?: string): SourceConfig | undefined {
    if (url) {
      let host = ''
      try {
        host = new URL(url).hostname.toLowerCase().replace(/^www\./, '')
      } catch {
        host = ''
      }
      if (host) {
        const byDomain = this.config.sources.find((s) => s.domains.some((d) => host === d || host.endsWith('.' + d)))
        if (byDomain) return byDomain
      }
    }
    if (path) {
      const rel = this.relativePath(path)
      for (const {source, match} of this.matchers) if (match(rel)) return source
    }
    return undefined
  }

  resolve(path: string | undefined, url?: string): ResolvedConfig {
    const source = this.sourceFor(path, url)
    const key = source ? source.name : ''
    let resolved = this.cache.get(key)
    if (resolved) return resolved
    const map = new Map<string, {severity: Severity; options: Record<string, unknown>}>()
    for (const preset of this.config.extends) {
      for (const rule of allRules) {
        const severity: Severity = preset === 'newslint:all' && rule.severity === 'off' ? 'warn' : rule.severity
        applySetting(map, rule.id, severity)
      }
    }
    for (const [id, setting] of Object.entries(this.config.rules)) applySetting(map, id, setting)
    if (source) for (const [id, setting] of Object.entries(source.rules)) applySetting(map, id, setting)
    for (const [id, setting] of Object.entries(this.overrides)) applySetting(map, id, setting)
    const rules: RuleRun[] = []
    for (const rule of allRules) {
      const entry = map.get(rule.id)
      if (entry && entry.severity !== 'off') rules.push({rule, severity: entry.severity, options: entry.options})
    }
    resolved = {source: source?.name, rules, allow: this.config.allow, entities: this.config.entities}
    this.cache.set(key, resolved)
    return resolved
  }
}
