/**
 * Reporters: stylish (vfile-reporter), json (vfile-reporter-json: the machine
 * contract), sarif (SARIF 2.1.0 for code-scanning tools) and github (workflow
 * annotations).
 */
import type {VFile} from 'vfile'
import type {VFileMessage} from 'vfile-message'
import {reporterJson} from 'vfile-reporter-json'
import {allRules} from '../rules/index.js'
import {packageVersion} from './data.js'
import {toVFile, type PlainMessage} from './engine.js'

export const FORMATS = ['stylish', 'json', 'sarif', 'github'] as const
export type Format = (typeof FORMATS)[number]

export interface ReportOptions {
  format: Format
  /** Errors only. */
  quiet: boolean
  color: boolean
}

export const HOMEPAGE = 'https://www.npmjs.com/package/newslint'

function kept(file: VFile, quiet: boolean): VFileMessage[] {
  return quiet ? file.messages.filter((m) => m.fatal === true) : file.messages
}

function level(message: VFileMessage): 'error' | 'warning' | 'note' {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'note'
}

function region(message: VFileMessage): Record<string, number> | undefined {
  const place = message.place
  if (!place) return undefined
  if ('start' in place) {
    const out: Record<string, number> = {
      startLine: place.start.line,
      startColumn: place.start.column,
      endLine: place.end.line,
      endColumn: place.end.column
    }
    if (place.start.offset !== undefined && place.end.offset !== undefined) {
      out.charOffset = place.start.offset
      out.charLength = place.end.offset - place.start.offset
    }
    return out
  }
  return {startLine: place.line, startColumn: place.column}
}

function sarif(files: VFile[], quiet: boolean): string {
  const ruleIds = allRules.map((rule) => rule.id)
  const driverRules: Array<Record<string, unknown>> = allRules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
    shortDescription: {text: rule.summary.replace(/`/g, '')},
    fullDescription: {text: rule.docs.replace(/`/g, '').replace(/\s+/g, ' ')},
    help: {text: rule.docs.replace(/\s+/g, ' '), markdown: rule.docs},
    helpUri: `${HOMEPAGE}#rules`,
    defaultConfiguration: {level: rule.severity === 'error' ? 'error' : rule.severity === 'warn' ? 'warning' : rule.severity === 'info' ? 'note' : 'none'},
    properties: {fixable: rule.fixable, tags: [rule.id.split('/')[0]]}
  }))
  const results: unknown[] = []
  for (const file of files) {
    for (const message of kept(file, quiet)) {
      const ruleId = message.ruleId ?? 'newslint'
      let ruleIndex = ruleIds.indexOf(ruleId)
      if (ruleIndex < 0) {
        ruleIds.push(ruleId)
        driverRules.push({id: ruleId, shortDescription: {text: ruleId}})
        ruleIndex = ruleIds.length - 1
      }
      const reg = region(message)
      const artifactLocation = {uri: file.path.split('\\').join('/'), uriBaseId: '%SRCROOT%'}
      const result: Record<string, unknown> = {
        ruleId,
        ruleIndex,
        level: level(message),
        message: {text: message.reason},
        locations: [{physicalLocation: reg ? {artifactLocation, region: reg} : {artifactLocation}}]
      }
      const rule = allRules.find((r) => r.id === ruleId)
      if (rule?.fixable && message.expected?.length === 1 && reg && 'endLine' in reg) {
        result.fixes = [
          {
            description: {text: message.expected[0] === '' ? 'Remove it' : `Replace with ${message.expected[0]}`},
            artifactChanges: [
              {
                artifactLocation,
                replacements: [{deletedRegion: reg, insertedContent: {text: message.expected[0]}}]
              }
            ]
          }
        ]
      }
      results.push(result)
    }
  }
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {driver: {name: 'newslint', version: packageVersion(), informationUri: HOMEPAGE, rules: driverRules}},
        columnKind: 'utf16CodeUnits',
        results
      }
    ]
  }
  return JSON.stringify(log, null, 2)
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C')
}

function github(files: VFile[], quiet: boolean): string {
  const lines: string[] = []
  for (const file of files) {
    for (const message of kept(file, quiet)) {
      const command = message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'notice'
      const props = [`file=${escapeProperty(file.path)}`]
      const place = message.place
      if (place && 'start' in place) {
        props.push(`line=${place.start.line}`, `col=${place.start.column}`, `endLine=${place.end.line}`, `endColumn=${place.end.column}`)
      } else if (place) {
        props.push(`line=${place.line}`, `col=${place.column}`)
      }
      props.push(`title=${escapeProperty(message.ruleId ?? 'newslint')}`)
      lines.push(`::${command} ${props.join(',')}::${escapeData(message.reason)}`)
    }
  }
  return lines.join('\n')
}

export async function formatReport(files: VFile[], options: ReportOptions): Promise<string> {
  switch (options.format) {
    case 'json':
      return reporterJson(files, {silent: options.quiet})
    case 'sarif':
      return sarif(files, options.quiet)
    case 'github':
      return github(files, options.quiet)
    default: {
      const {reporter} = await import('vfile-reporter') // only people read stylish: load it only then
      return reporter(files, {silent: options.quiet, color: options.color})
    }
  }
}

export interface Counts {
  errors: number
  warnings: number
  infos: number
}

/** Where a report goes, a file at a time: json and github stream, stylish and sarif need the whole run. */
export interface ReportSink {
  /** One file's messages (`path` as shown, relative to `cwd`). */
  add: (path: string, cwd: string, messages: PlainMessage[]) => Promise<void>
  end: () => Promise<void>
}

/** A message in vfile-reporter-json's shape: the same fields, in the same order (`fatal` null is left out). */
export function messageJson(message: PlainMessage): Record<string, unknown> {
  const place = message.place
  const start = place && 'start' in place ? place.start : place
  return {
    column: start?.column,
    fatal: message.fatal ?? undefined,
    line: start?.line,
    place,
    reason: message.reason,
    ruleId: message.ruleId,
    source: message.source,
    actual: message.actual,
    expected: message.expected,
    note: message.note,
    url: message.url
  }
}

/** Errors (fatal), warnings (not fatal) and infos (fatal unset) among plain messages. */
export function countPlain(messages: PlainMessage[]): Counts {
  const counts: Counts = {errors: 0, warnings: 0, infos: 0}
  for (const message of messages) {
    if (message.fatal === true) counts.errors++
    else if (message.fatal === false) counts.warnings++
    else counts.infos++
  }
  return counts
}

export function createSink(options: ReportOptions, write: (text: string) => void | Promise<void>): ReportSink {
  if (options.format === 'json') {
    // vfile-reporter-json's output, written from the plain messages: no vfile or
    // message objects are rebuilt for a report that only serialises them.
    let first = true
    return {
      async add(path, cwd, messages) {
        const kept = options.quiet ? messages.filter((message) => message.fatal === true) : messages
        if (options.quiet && kept.length === 0) return
        await write((first ? '[' : ',') + JSON.stringify({path, cwd, history: [path], messages: kept.map(messageJson)}))
        first = false
      },
      async end() {
        await write(first ? '[]\n' : ']\n')
      }
    }
  }
  if (options.format === 'github') {
    return {
      async add(path, cwd, messages) {
        const lines = github([toVFile(path, cwd, messages)], options.quiet)
        if (lines) await write(lines + '\n')
      },
      async end() {}
    }
  }
  const files: VFile[] = []
  return {
    async add(path, cwd, messages) {
      files.push(toVFile(path, cwd, messages))
    },
    async end() {
      const report = await formatReport(files, options)
      if (report) await write(report.endsWith('\n') ? report : report + '\n')
    }
  }
}
