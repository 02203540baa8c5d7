/**
 * The `newslint` command: parse arguments, then discover → configure → lint →
 * report. Returns the exit code: 0 clean, 1 errors (or too many warnings),
 * 2 usage, config or I/O failure.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {relative, resolve} from 'node:path'
import {parseArgs} from 'node:util'
import type {VFile} from 'vfile'
import {ConfigError, ConfigResolver, loadConfig, validateRuleSetting, type RuleSetting} from '../config.js'
import {discover, UsageError} from '../discover.js'
import {lintBytes} from '../lint.js'
import {countMessages, formatReport, FORMATS, type Format} from '../report.js'
import {packageVersion} from '../data.js'
import {rulesListing} from '../rules-doc.js'
import {initConfig} from './init.js'

export const HELP = `Usage: newslint [paths...] [options]
       newslint rules            list the rules
       newslint init             write a starter .linterrc.json

Lint scraped and machine-translated news text. Paths are files, folders
(searched for .txt, .md and .text files) or globs; the default is ".".

Options:
  -f, --format NAME        stylish (default) or json
  -o, --output FILE        write the report to FILE instead of stdout
  -q, --quiet              report errors only
      --max-warnings N     exit 1 when there are more than N warnings
  -c, --config FILE        use this config file instead of searching for one
      --rule ID=SEVERITY   set a rule's severity (off, info, warn, error); repeatable
      --print-config PATH  print the resolved rules for PATH and the source it matched
      --stdin              lint standard input
      --stdin-filename P   name (and source path) for standard input
      --no-color           plain output
  -h, --help               show this help
  -v, --version            show the version

Exit codes: 0 no errors, 1 errors found (or more than --max-warnings warnings),
2 usage, config or I/O error.`

interface Io {
  cwd: string
  stdout: (text: string) => void
  stderr: (text: string) => void
  readStdin: () => Promise<Buffer>
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
    if (error instanceof UsageError) {
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

async function run(argv: string[], io: Io): Promise<number> {
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
        stdin: {type: 'boolean'},
        'stdin-filename': {type: 'string'},
        jobs: {type: 'string', short: 'j'},
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
  if (positionals[0] === 'init') {
    return initConfig(io.cwd, io.stdout, io.stderr)
  }

  const format = (values.format ?? 'stylish') as Format
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${values.format}" (expected one of ${FORMATS.join(', ')})`)
  let maxWarnings = -1
  if (values['max-warnings'] !== undefined) {
    maxWarnings = Number(values['max-warnings'])
    if (!Number.isInteger(maxWarnings) || maxWarnings < 0) {
      throw new UsageError(`--max-warnings expects a whole number >= 0, got "${values['max-warnings']}"`)
    }
  }
  if (values.stdin && positionals.length) throw new UsageError('--stdin takes no paths')
  if (values['stdin-filename'] && !values.stdin) throw new UsageError('--stdin-filename goes with --stdin')

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

  const files: VFile[] = []
  if (values.stdin) {
    const name = values['stdin-filename']
    const bytes = await io.readStdin()
    const abs = name ? resolve(io.cwd, name) : undefined
    const {file} = lintBytes(bytes, name ?? '<stdin>', resolver.resolve(abs), io.cwd)
    files.push(file)
  } else {
    const paths = await discover({cwd: io.cwd, patterns: positionals, resolver})
    for (const abs of paths) {
      let bytes: Buffer
      const shown = relative(io.cwd, abs) || abs
      try {
        bytes = readFileSync(abs)
      } catch (error) {
        throw new UsageError(`cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
      }
      files.push(lintBytes(bytes, shown, resolver.resolve(abs), io.cwd).file)
    }
  }

  const color = values['no-color'] ? false : values.color ? true : !values.output && io.isTTY && !process.env.NO_COLOR
  const report = formatReport(files, {format, quiet: Boolean(values.quiet), color})
  if (values.output) {
    try {
      writeFileSync(resolve(io.cwd, values.output), report.endsWith('\n') || report === '' ? report : report + '\n')
    } catch (error) {
      throw new UsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
    }
  } else if (report) {
    io.stdout(report.endsWith('\n') ? report : report + '\n')
  }
  const counts = countMessages(files)
  if (counts.errors > 0) return 1
  if (maxWarnings >= 0 && counts.warnings > maxWarnings) {
    io.stderr(`newslint: ${counts.warnings} warnings exceed --max-warnings ${maxWarnings}\n`)
    return 1
  }
  return 0
}

