/**
 * Precision of the names/ family on real text that should stay (nearly) quiet: at most one finding per 20
 * documents on the development corpora (../shared/corpora; skipped where they are not checked out).
 */
import {existsSync, readFileSync, readdirSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintString} from '../src/api.js'
import {namesRules} from '../rules/names/index.js'
import {ROOT, show} from './helpers.js'

const CORPORA = join(ROOT, '..', 'shared', 'corpora')
const ids = namesRules.map((rule) => rule.id)

describe.skipIf(!existsSync(CORPORA))('names/ precision on the development corpora', () => {
  it.each(['wmt16-dev/orig', 'wmt16-dev/human', 'scraped-dev'])('%s: at most 1 finding per 20 documents', (corpus) => {
    const dir = join(CORPORA, corpus)
    const files = readdirSync(dir).filter((name) => name.endsWith('.txt'))
    const findings: string[] = []
    for (const name of files) {
      const file = lintString(readFileSync(join(dir, name), 'utf8'), {path: name, only: ids})
      for (const m of file.messages) if (m.ruleId?.startsWith('names/')) findings.push(`${name} ${m.ruleId} ${show(m)}`)
    }
    expect(findings.length, findings.join('\n')).toBeLessThanOrEqual(Math.floor(files.length / 20))
  })
})
