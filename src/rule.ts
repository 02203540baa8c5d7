/**
 * The rule contract: one rule is one file exporting `defineRule({...})`.
 *
 * A rule reads the shared document (`doc`: text, lines, sentences, words, all
 * built in one walk of the one parse) and reports through `doc.report`, which
 * turns offsets into a vfile message with a place, `ruleId` and `source`.
 */
import type {Root} from 'nlcst'
import type {VFile} from 'vfile'
import type {Doc} from './document.js'

export type Severity = 'off' | 'info' | 'warn' | 'error'
export const SEVERITIES: readonly Severity[] = ['off', 'info', 'warn', 'error']

/** A rule example. `messages` uses `line:col-line:col: reason` per message. */
export interface RuleExample {
  text: string
  options?: Record<string, unknown>
  messages?: string[]
  /** What `--fix` makes of `text` (invalid examples of fixable rules). */
  fixed?: string
}

export type OptionType = 'number' | 'boolean' | 'string' | 'string[]'

export interface OptionSpec {
  type: OptionType
  default: unknown
  description: string
  min?: number
  max?: number
}

export interface Rule<O extends Record<string, unknown> = Record<string, unknown>> {
  /** `family/kebab-name`; the message's `ruleId`. */
  id: string
  summary: string
  /** When it fires, why it matters, how to fix, false-positive notes. */
  docs: string
  severity: Severity
  fixable: boolean
  options: {[K in keyof O]: OptionSpec}
  examples: {valid: RuleExample[]; invalid: RuleExample[]}
  /**
   * The rule reads the NLCST `tree` (not only `doc`). Without it, and when no
   * enabled rule sets it, the engine hands an empty root and lets the parse
   * tree go right after the walk that builds `doc`: keeping every document's
   * tree alive costs more garbage collection than most rules.
   */
  usesTree?: boolean
  check: (tree: Root, file: VFile, options: O, doc: Doc) => void
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRule = Rule<any>

export function defineRule<O extends Record<string, unknown>>(rule: Rule<O>): Rule<O> {
  return rule
}

/** Default options of a rule, from its option specs. */
export function defaultOptions(rule: AnyRule): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(rule.options) as Array<[string, OptionSpec]>) {
    out[key] = Array.isArray(spec.default) ? [...spec.default] : spec.default
  }
  return out
}

/** Validate one option value; returns an error text or undefined. */
export function checkOption(spec: OptionSpec, value: unknown): string | undefined {
  switch (spec.type) {
    case 'number': {
      if (typeof value !== 'number' || Number.isNaN(value)) return 'expected a number'
      if (spec.min !== undefined && value < spec.min) return `expected a number >= ${spec.min}`
      if (spec.max !== undefined && value > spec.max) return `expected a number <= ${spec.max}`
      return undefined
    }
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false'
    case 'string':
      return typeof value === 'string' ? undefined : 'expected a string'
    case 'string[]':
      return Array.isArray(value) && value.every((v) => typeof v === 'string')
        ? undefined
        : 'expected an array of strings'
  }
}
