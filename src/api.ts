/** Programmatic API: lint or fix a string with a config. */
import {VFile} from 'vfile'
import {ConfigResolver, defaultConfig, validateConfig, type Config, type RuleSetting} from './config.js'
import {lintText} from './lint.js'
import {fixToFixedPoint, MAX_FIX_PASSES} from './fix.js'

export interface LintStringOptions {
  /** Path used for source resolution and in reports. */
  path?: string
  /** A config object as in `.linterrc.json` (validated), or a loaded Config. */
  config?: Config | Record<string, unknown>
  /** Rule settings applied over the config, like `--rule`. */
  rules?: Record<string, RuleSetting>
  /** Run only these rules (plus what `rules` enables). */
  only?: string[]
}

function toConfig(input: LintStringOptions['config']): Config {
  if (!input) return defaultConfig(process.cwd())
  if ('dir' in input && 'extensions' in input) return input as Config
  return validateConfig(input, '(config)', process.cwd())
}

export function resolverFor(options: LintStringOptions = {}): ConfigResolver {
  const config = toConfig(options.config)
  const overrides: Record<string, RuleSetting> = {...(options.rules ?? {})}
  if (options.only) {
    const base = new ConfigResolver(config).resolve(options.path)
    for (const run of base.rules) if (!options.only.includes(run.rule.id)) overrides[run.rule.id] = 'off'
  }
  return new ConfigResolver(config, overrides)
}

/** Lint `text`; returns the vfile with its messages. */
export function lintString(text: string, options: LintStringOptions = {}): VFile {
  const resolver = resolverFor(options)
  const file = new VFile({path: options.path, value: text})
  return lintText(text, file, resolver.resolve(options.path))
}

/** Apply safe fixes until nothing changes (at most `maxPasses`). */
export function fixString(text: string, options: LintStringOptions = {}, maxPasses = MAX_FIX_PASSES): {text: string; file: VFile} {
  const config = resolverFor(options).resolve(options.path)
  const makeFile = (value: string) => new VFile({path: options.path, value})
  return fixToFixedPoint(text, lintText(text, makeFile(text), config), config, makeFile, undefined, maxPasses)
}
