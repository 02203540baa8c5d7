/**
 * The `newslint` command: parse arguments, then discover → configure → lint →
 * report (→ fix). Returns the exit code: 0 clean, 1 errors (or too many
 * warnings), 2 usage, config or I/O failure.
 */
import {chmodSync, createWriteStream, readFileSync, renameSync, statSync, writeFileSync, type WriteStream} from 'node:fs'
import {isAbsolute, relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import {ConfigError, ConfigResolver, loadConfig, validateRuleSetting, type RuleSetting} from '../config.js'
import {discover, makeIgnoreTest, UsageError} from '../discover.js'
import type {FixMode, PlainMessage} from '../engine.js'
import {countPlain, createSink, FORMATS, type Counts, type Format} from '../report.js'
import {packageVersion} from '../data.js'
import {rulesListing} from '../rules-doc.js'
import {autoJobs, createRunner, orderedMap, windowFor, type Runner} from '../pool.js'
import {configKey, contentHash, DEFAULT_CACHE_LOCATION, ResultCache} from '../cache.js'
import {BaselineError, BaselineWriter, filterByBaseline, loadBaseline} from '../baseline.js'
import {GitError, repoRoot, stagedBlob, stagedPaths} from '../git.js'
import {initConfig} from './init.js'
import {installHook} from './hook.js'

export const HELP = `Usage: newslint [paths...] [options]
       newslint --jsonl [FILE|-] [options]   lint a JSONL corpus, one output line per record
       newslint rules                        list the rules
       newslint init                         write a starter .linterrc.json
       newslint install-hook [--force]       install a git pre-commit hook running --staged

Lint scraped and machine-translated news text. Paths are files, folders
(searched for .txt, .md and .text files) or globs; the default is ".".

Options:
  -f, --format NAME        stylish (default), json, sarif or github
  -o, --output FILE        write the report to FILE instead of stdout
  -q, --quiet              report errors only
      --max-warnings N     exit 1 when there are more than N warnings
  -c, --config FILE        use this config file instead of searching for one
      --rule ID=SEVERITY   set a rule's severity (off, info, warn, error); repeatable
      --print-config PATH  print the resolved rules for PATH and the source it matched
      --fix                apply safe fixes to the files, then report what is left
      --fix-dry-run        print the fixes as a unified diff; write nothing
      --staged             lint the staged (git index) version of staged files
      --stdin              lint standard input
      --stdin-filename P   name (and source path) for standard input
      --cache              only re-lint files whose content or config changed
      --cache-location P   cache file (default .newslintcache)
      --baseline FILE      report only findings not recorded in FILE
      --update-baseline    record the current findings in the --baseline FILE
  -j, --jobs N             threads that lint: this one and N-1 workers
                           (default: the number of cores from 8 MB of input)
      --jsonl [FILE|-]     JSONL corpus mode (see README); with --text-field F,
                           --url-field F, --id-field F, --threshold X, --fix
      --no-color           plain output
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors found (or more than --max-warnings warnings),
2 usage, config or I/O error.`

export interface Io {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<Buffer>
  /** Standard input as a stream (JSONL mode). */
  stdinStream?: () => NodeJS.ReadableStream
  isTTY: boolean
}

async function readAllStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

const defaultIo = (): Io => ({
  cwd: process.cwd(),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: readAllStdin,
  stdinStream: () => process.stdin,
  isTTY: Boolean(process.stdout.isTTY)
})

function parseRuleOverrides(values: string[]): Record<string, RuleSetting> {
  const out: Record<string, RuleSetting> = {}
  for (const value of values) {
    const eq = value.lastIndexOf('=')
    if (eq <= 0) throw new UsageError(`--rule expects ID=SEVERITY, got "${value}"`)
    const id = value.slice(0, eq).trim()
    try {
      out[id] = validateRuleSetting('--rule', id, id, value.slice(eq + 1).trim())
    } catch (error) {
      throw new UsageError((error as Error).message)
    }
  }
  return out
}

export async function main(argv: string[], io: Io = defaultIo()): Promise<number> {
  try {
    return await run(argv, io)
  } catch (error) {
    if (error instanceof UsageError || error instanceof GitError || error instanceof BaselineError) {
      io.stderr(`newslint: ${error.message}\n`)
      return 2
    }
    if (error instanceof ConfigError) {
      io.stderr(`newslint: config error: ${error.message}\n`)
      return 2
    }
    throw error
  }
}

/** Write a file atomically: a temporary file in the same folder, then rename. */
export function writeAtomic(path: string, content: string | Uint8Array): void {
  const temp = `${path}.newslint-${process.pid}.tmp`
  let mode: number | undefined
  try {
    mode = statSync(path).mode
  } catch {
    mode = undefined
  }
  writeFileSync(temp, content)
  if (mode !== undefined) chmodSync(temp, mode & 0o7777)
  renameSync(temp, path)
}

/** Size of a file in bytes, or 0 when it cannot be read (reading it reports the error, in order). */
function fileSize(path: string): number {
  try {
    return statSync(path).size
  } catch {
    return 0
  }
}

/** The inputs' sizes, in order (read lazily: `autoJobs` stops at its threshold). */
function* inputSizes(inputs: Input[]): Generator<number> {
  for (const input of inputs) yield input.bytes ? input.bytes.byteLength : input.abs ? fileSize(input.abs) : 0
}

interface Input {
  shown: string
  abs?: string
  /** Bytes already in hand (stdin, staged blob); else read from `abs`. */
  bytes?: Buffer
}

function intOption(value: string | undefined, name: string, min: number): number | undefined {
  if (value === undefined) return undefined
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name} expects a whole number >= ${min}, got "${value}"`)
  return n
}

async function run(argv: string[], io: Io): Promise<number> {
  // `--jsonl` takes an optional value: a bare `--jsonl` (or `--jsonl` before another option) reads stdin.
  argv = argv.flatMap((arg, i) => (arg === '--jsonl' && (i === argv.length - 1 || argv[i + 1].startsWith('-')) && argv[i + 1] !== '-' ? ['--jsonl=-'] : [arg]))
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: {type: 'string', short: 'f'},
        output: {type: 'string', short: 'o'},
        quiet: {type: 'boolean', short: 'q'},
        'max-warnings': {type: 'string'},
        config: {type: 'string', short: 'c'},
        rule: {type: 'string', multiple: true},
        'print-config': {type: 'string'},
        fix: {type: 'boolean'},
        'fix-dry-run': {type: 'boolean'},
        staged: {type: 'boolean'},
        stdin: {type: 'boolean'},
        'stdin-filename': {type: 'string'},
        cache: {type: 'boolean'},
        'cache-location': {type: 'string'},
        baseline: {type: 'string'},
        'update-baseline': {type: 'boolean'},
        jobs: {type: 'string', short: 'j'},
        jsonl: {type: 'string'},
        'text-field': {type: 'string'},
        'url-field': {type: 'string'},
        'id-field': {type: 'string'},
        threshold: {type: 'string'},
        force: {type: 'boolean'},
        color: {type: 'boolean'},
        'no-color': {type: 'boolean'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    throw new UsageError(`${(error as Error).message.split('\n')[0]}\nRun "newslint --help" for usage.`)
  }
  const {values, positionals} = parsed
  if (values.help) {
    io.stdout(HELP + '\n')
    return 0
  }
  if (values.version) {
    io.stdout(packageVersion() + '\n')
    return 0
  }
  if (positionals[0] === 'rules') {
    io.stdout(rulesListing())
    return 0
  }
  if (positionals[0] === 'init') return initConfig(io.cwd, io.stdout, io.stderr)
  if (positionals[0] === 'install-hook') return installHook(io.cwd, Boolean(values.force), io.stdout, io.stderr)

  const format = (values.format ?? 'stylish') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected one of ${FORMATS.join(', ')})`)
  const maxWarnings = intOption(values['max-warnings'], '--max-warnings', 0) ?? -1
  const explicitJobs = intOption(values.jobs, '--jobs', 1)
  const modes = [values.stdin && '--stdin', values.staged && '--staged', values.jsonl !== undefined && '--jsonl'].filter(Boolean)
  if (modes.length > 1) throw new UsageError(`${modes.join(' and ')} cannot be combined`)
  if ((values.stdin || values.jsonl !== undefined) && positionals.length) throw new UsageError(`${modes[0]} takes no paths`)
  if (values['stdin-filename'] && !values.stdin) throw new UsageError('--stdin-filename goes with --stdin')
  if (values.fix && values['fix-dry-run']) throw new UsageError('--fix and --fix-dry-run cannot be combined')
  if (values.staged && (values.fix || values['fix-dry-run'])) {
    throw new UsageError('--fix cannot be combined with --staged: fix the working tree (newslint --fix FILE), then stage it again')
  }
  if (values.stdin && values.fix) throw new UsageError('--fix cannot write to standard input; use --fix-dry-run to see the fixes')
  if (values['update-baseline'] && !values.baseline) throw new UsageError('--update-baseline needs --baseline FILE')
  if (values['cache-location'] && !values.cache) throw new UsageError('--cache-location goes with --cache')
  for (const name of ['text-field', 'url-field', 'id-field', 'threshold'] as const) {
    if (values[name] !== undefined && values.jsonl === undefined) throw new UsageError(`--${name} goes with --jsonl`)
  }

  const overrides = parseRuleOverrides(values.rule ?? [])
  const config = await loadConfig(io.cwd, values.config)
  const resolver = new ConfigResolver(config, overrides)

  if (values['print-config'] !== undefined) {
    const target = resolve(io.cwd, values['print-config'])
    const resolved = resolver.resolve(target)
    const rules: Record<string, unknown> = {}
    for (const run of resolved.rules) {
      rules[run.rule.id] = Object.keys(run.options).length ? [run.severity, run.options] : run.severity
    }
    const shown = {
      path: relative(io.cwd, target) || target,
      config: config.filepath ? relative(io.cwd, config.filepath) || config.filepath : null,
      source: resolved.source ?? null,
      rules,
      allow: config.allow,
      entities: config.entities.map((e) => relative(io.cwd, e))
    }
    io.stdout(JSON.stringify(shown, null, 2) + '\n')
    return 0
  }

  if (values.jsonl !== undefined) {
    let threshold = 0.5
    if (values.threshold !== undefined) {
      threshold = Number(values.threshold)
      if (!(threshold >= 0 && threshold <= 1)) throw new UsageError(`--threshold expects a number from 0 to 1, got "${values.threshold}"`)
    }
    const {runJsonl} = await import('../jsonl.js')
    const jsonlSize = values.jsonl === '-' ? undefined : fileSize(resolve(io.cwd, values.jsonl))
    return runJsonl({
      source: values.jsonl,
      cwd: io.cwd,
      resolver,
      jobs: explicitJobs ?? autoJobs(jsonlSize === undefined ? undefined : [jsonlSize]),
      fix: Boolean(values.fix),
      textField: values['text-field'] ?? 'text',
      urlField: values['url-field'] ?? 'url',
      idField: values['id-field'] ?? 'id',
      threshold,
      output: values.output,
      stdout: io.stdout,
      stdinStream: io.stdinStream
    })
  }

  // 1. discover
  const inputs: Input[] = []
  if (values.stdin) {
    const name = values['stdin-filename']
    inputs.push({shown: name ?? '<stdin>', abs: name ? resolve(io.cwd, name) : undefined, bytes: await io.readStdin()})
  } else if (values.staged) {
    const root = repoRoot(io.cwd)
    const extensions = new Set(config.extensions)
    const isIgnored = makeIgnoreTest(io.cwd, resolver)
    const scopes = positionals.map((p) => resolve(io.cwd, p))
    for (const abs of stagedPaths(io.cwd)) {
      const dot = abs.lastIndexOf('.')
      if (dot < 0 || !extensions.has(abs.slice(dot).toLowerCase())) continue
      if (scopes.length && !scopes.some((scope) => abs === scope || abs.startsWith(scope + '/'))) continue
      if (isIgnored(abs)) continue
      inputs.push({shown: relative(io.cwd, abs) || abs, abs, bytes: stagedBlob(root, abs)})
    }
  } else {
    for (const abs of await discover({cwd: io.cwd, patterns: positionals, resolver})) {
      inputs.push({shown: relative(io.cwd, abs) || abs, abs})
    }
  }

  // 2-3. configure and lint, in order, on the pool
  const jobs = explicitJobs ?? autoJobs(inputSizes(inputs))
  const fix: FixMode = values.fix || values['fix-dry-run'] ? 'fix' : 'none'
  const cache = values.cache ? new ResultCache(resolve(io.cwd, values['cache-location'] ?? DEFAULT_CACHE_LOCATION), packageVersion()) : undefined
  const baselinePath = values.baseline ? resolve(io.cwd, values.baseline) : undefined
  const baseline = baselinePath && !values['update-baseline'] ? loadBaseline(baselinePath) : undefined
  const baselineWriter = values['update-baseline'] ? new BaselineWriter() : undefined
  // The worker pool starts on the first file that needs linting: a run answered
  // from the cache never pays for starting workers.
  let runner: Promise<Runner> | undefined
  const getRunner = (): Promise<Runner> => (runner ??= createRunner(resolver, jobs, inputs.length))
  const counts: Counts = {errors: 0, warnings: 0, infos: 0}
  const patches: string[] = []
  const color = values['no-color'] ? false : values.color ? true : !values.output && io.isTTY && !process.env.NO_COLOR
  const dryRun = Boolean(values['fix-dry-run'])
  const createTwoFilesPatch = dryRun ? (await import('diff')).createTwoFilesPatch : undefined
  let out: WriteStream | undefined
  if (values.output && !dryRun && !baselineWriter) {
    const target = isAbsolute(values.output) ? values.output : resolve(io.cwd, values.output)
    out = createWriteStream(target, {highWaterMark: 1 << 20})
    await new Promise<void>((ready, fail) => {
      out?.once('open', () => ready())
      out?.once('error', (error) => fail(new UsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? error.message}`)))
    })
  }
  const write = (text: string): void | Promise<void> => {
    if (!out) return io.stdout(text)
    if (!out.write(text)) return new Promise<void>((drained) => out?.once('drain', () => drained()))
  }
  const sink = createSink({format, quiet: Boolean(values.quiet), color}, write)
  let written = 0

  const read = (input: Input): Buffer => {
    if (input.bytes) return input.bytes
    try {
      return readFileSync(input.abs as string)
    } catch (error) {
      throw new UsageError(`cannot read ${input.shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
  }

  interface Done {
    messages: PlainMessage[]
    fixed?: string
    bom: boolean
    original?: Buffer
  }

  const lintInput = async (input: Input, bytes: Buffer): Promise<Done> => {
    const resolved = resolver.resolve(input.abs)
    let hash = ''
    if (cache) {
      hash = contentHash(bytes)
      const hit = cache.get(input.abs ?? input.shown, hash, configKey(resolved))
      const fixable = (m: PlainMessage) => m.expected !== undefined
      if (hit && (fix === 'none' || !hit.some(fixable))) return {messages: hit, bom: false}
    }
    const outcome = await (await getRunner()).run({bytes, abs: input.abs, fix})
    if (cache && outcome.fixed === undefined) cache.set(input.abs ?? input.shown, hash, configKey(resolved), outcome.messages)
    return {messages: outcome.messages, fixed: outcome.fixed, bom: outcome.bom, original: outcome.fixed !== undefined ? bytes : undefined}
  }

  try {
    await orderedMap<Input, Done>(
      inputs,
      windowFor(jobs, inputs.length),
      (input) => {
        let bytes: Buffer
        try {
          bytes = read(input)
        } catch (error) {
          return {promise: Promise.reject(error), weight: 0} // raised in input order
        }
        return {promise: lintInput(input, bytes), weight: bytes.byteLength}
      },
      (done, input) => {
        if (done.fixed !== undefined && done.original) {
          const content = (done.bom ? '\uFEFF' : '') + done.fixed
          if (values['fix-dry-run']) {
            patches.push(createTwoFilesPatch!(`a/${input.shown}`, `b/${input.shown}`, done.original.toString('utf8'), content))
          } else if (values.fix && input.abs) {
            writeAtomic(input.abs, content)
            written++
          }
        }
        let messages = done.messages
        baselineWriter?.add(input.shown, messages)
        if (baseline) messages = filterByBaseline(baseline, input.shown, messages)
        const c = countPlain(messages)
        counts.errors += c.errors
        counts.warnings += c.warnings
        counts.infos += c.infos
        if (!dryRun && !baselineWriter) return sink.add(input.shown, io.cwd, messages)
      }
    )
  } finally {
    if (runner) await (await runner).close()
  }
  cache?.save()

  if (baselineWriter && baselinePath) {
    const count = baselineWriter.save(baselinePath)
    io.stderr(`newslint: recorded ${count} finding${count === 1 ? '' : 's'} of ${inputs.length} file${inputs.length === 1 ? '' : 's'} in ${relative(io.cwd, baselinePath) || baselinePath}\n`)
    return 0
  }

  if (dryRun) {
    io.stdout(patches.join(''))
    return counts.errors > 0 ? 1 : 0
  }
  if (values.fix && written > 0) io.stderr(`newslint: fixed ${written} file${written === 1 ? '' : 's'}\n`)

  // 4. report (json and github have streamed file by file already)
  await sink.end()
  if (out) await new Promise<void>((closed) => out?.end(() => closed()))
  if (counts.errors > 0) {
    if (values.staged) io.stderr(`newslint: ${counts.errors} error${counts.errors === 1 ? '' : 's'} in staged files; fix them (newslint --fix FILE), stage again, and commit\n`)
    return 1
  }
  if (maxWarnings >= 0 && counts.warnings > maxWarnings) {
    io.stderr(`newslint: ${counts.warnings} warnings exceed --max-warnings ${maxWarnings}\n`)
    return 1
  }
  return 0
}
