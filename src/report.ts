/** Reporters: stylish (vfile-reporter) and json (vfile-reporter-json, the machine contract). */
import type {VFile} from 'vfile'
import {reporter} from 'vfile-reporter'
import {reporterJson} from 'vfile-reporter-json'

export const FORMATS = ['stylish', 'json'] as const
export type Format = (typeof FORMATS)[number]

export interface ReportOptions {
  format: Format
  /** Errors only. */
  quiet: boolean
  color: boolean
}

export function formatReport(files: VFile[], options: ReportOptions): string {
  if (options.format === 'json') return reporterJson(files, {silent: options.quiet})
  return reporter(files, {silent: options.quiet, color: options.color})
}

export interface Counts {
  errors: number
  warnings: number
  infos: number
}

export function countMessages(files: VFile[]): Counts {
  const counts: Counts = {errors: 0, warnings: 0, infos: 0}
  for (const file of files) {
    for (const message of file.messages) {
      if (message.fatal === true) counts.errors++
      else if (message.fatal === false) counts.warnings++
      else counts.infos++
    }
  }
  return counts
}
