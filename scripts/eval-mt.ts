/**
 * `npm run eval:mt -- DIR [--verbose] [--json]`: how well the translation rules
 * separate machine translation from human translation.
 *
 * DIR holds `mt/`, `human/` and `orig/` sub-folders of plain-text documents
 * (machine-translated, human-translated, written in English). Each document is
 * linted with the `translation/` rules at their default settings through the
 * public API; the script prints, per sub-folder, findings per 1000 words, the
 * share of documents with any finding and per-rule counts, and the ROC AUC of
 * the per-document rates, machine (mt) against human (human).
 */
import {readdirSync, readFileSync, statSync} from 'node:fs'
import {join} from 'node:path'
import {lintString} from '../src/api.js'
import {allRules} from '../rules/index.js'
import {perThousand, rocAuc} from '../src/metrics.js'
import {wordCount} from '../src/text.js'

export const FOLDERS = ['mt', 'human', 'orig'] as const

export interface DocResult {
  file: string
  words: number
  findings: Array<{rule: string; line: number; column: number; reason: string}>
}

export interface FolderResult {
  folder: string
  docs: DocResult[]
  words: number
  findings: number
  /** Findings per 1000 words over the whole folder. */
  rate: number
  /** Share of documents with at least one finding. */
  flaggedShare: number
  perRule: Record<string, number>
}

export interface EvalResult {
  folders: FolderResult[]
  /** ROC AUC of per-document rates, mt against human (NaN when either is missing). */
  auc: number
  rules: string[]
}

/** The translation rules on by default (the family's default configuration). */
export function translationRuleIds(): string[] {
  return allRules.filter((rule) => rule.id.startsWith('translation/') && rule.severity !== 'off').map((rule) => rule.id)
}

export function lintDocument(text: string, rules: string[]): DocResult['findings'] {
  const file = lintString(text, {config: {}, only: rules})
  return file.messages
    .filter((m) => m.ruleId && rules.includes(m.ruleId))
    .map((m) => ({rule: m.ruleId as string, line: m.line ?? 0, column: m.column ?? 0, reason: m.reason}))
}

export function evaluate(dir: string, rules = translationRuleIds()): EvalResult {
  const folders: FolderResult[] = []
  for (const folder of FOLDERS) {
    const path = join(dir, folder)
    let names: string[]
    try {
      if (!statSync(path).isDirectory()) continue
      names = readdirSync(path).filter((name) => /\.(txt|md|text)$/.test(name)).sort()
    } catch {
      continue
    }
    const docs: DocResult[] = names.map((name) => {
      const text = readFileSync(join(path, name), 'utf8')
      return {file: name, words: wordCount(text), findings: lintDocument(text, rules)}
    })
    const words = docs.reduce((sum, d) => sum + d.words, 0)
    const findings = docs.reduce((sum, d) => sum + d.findings.length, 0)
    const perRule: Record<string, number> = Object.fromEntries(rules.map((r) => [r, 0]))
    for (const d of docs) for (const f of d.findings) perRule[f.rule] = (perRule[f.rule] ?? 0) + 1
    folders.push({
      folder,
      docs,
      words,
      findings,
      rate: perThousand(findings, words),
      flaggedShare: docs.length ? docs.filter((d) => d.findings.length > 0).length / docs.length : 0,
      perRule
    })
  }
  const rates = (name: string) =>
    folders.find((f) => f.folder === name)?.docs.map((d) => perThousand(d.findings.length, d.words)) ?? []
  return {folders, auc: rocAuc(rates('mt'), rates('human')), rules}
}

const fixed = (value: number, digits = 2) => (Number.isNaN(value) ? 'n/a' : value.toFixed(digits))

export function formatReport(result: EvalResult, verbose = false): string {
  const out: string[] = []
  if (verbose) {
    for (const folder of result.folders) {
      for (const doc of folder.docs) {
        for (const f of doc.findings) out.push(`${folder.folder}/${doc.file}:${f.line}:${f.column}  ${f.rule}  ${f.reason}`)
      }
    }
    out.push('')
  }
  out.push('folder  docs  words   findings  per-1000-words  docs-with-findings')
  for (const f of result.folders) {
    out.push(
      `${f.folder.padEnd(6)}  ${String(f.docs.length).padStart(4)}  ${String(f.words).padStart(6)}  ${String(f.findings).padStart(8)}  ${fixed(f.rate).padStart(14)}  ${(fixed(f.flaggedShare * 100, 1) + '%').padStart(18)}`
    )
  }
  out.push('')
  out.push(`ROC AUC (per-document findings per 1000 words, mt vs human): ${fixed(result.auc, 3)}`)
  out.push('')
  const width = Math.max(...result.rules.map((r) => r.length), 4)
  out.push(`${'rule'.padEnd(width)}  ${result.folders.map((f) => f.folder.padStart(6)).join('  ')}`)
  for (const rule of result.rules) {
    out.push(`${rule.padEnd(width)}  ${result.folders.map((f) => String(f.perRule[rule] ?? 0).padStart(6)).join('  ')}`)
  }
  return out.join('\n') + '\n'
}

function main(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('--'))
  if (args.length !== 1) {
    process.stderr.write('usage: npm run eval:mt -- DIR [--verbose] [--json]\n  DIR holds mt/, human/ and orig/ folders of .txt documents\n')
    return 2
  }
  let result: EvalResult
  try {
    result = evaluate(args[0])
  } catch (error) {
    process.stderr.write(`eval-mt: ${(error as Error).message}\n`)
    return 2
  }
  if (result.folders.length === 0) {
    process.stderr.write(`eval-mt: no mt/, human/ or orig/ folder in ${args[0]}\n`)
    return 2
  }
  if (argv.includes('--json')) {
    process.stdout.write(JSON.stringify({auc: result.auc, folders: result.folders.map(({docs, ...rest}) => ({...rest, docs: docs.length}))}, null, 2) + '\n')
  } else {
    process.stdout.write(formatReport(result, argv.includes('--verbose')))
  }
  return 0
}

if (process.argv[1] && /eval-mt\.[jt]s$/.test(process.argv[1])) process.exitCode = main(process.argv.slice(2))
