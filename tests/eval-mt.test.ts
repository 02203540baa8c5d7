/** The MT-vs-human measuring script (`npm run eval:mt`) and its metrics, on a small fixture of our own sentences. */
import {spawnSync} from 'node:child_process'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {perThousand, rocAuc} from '../src/metrics.js'
import {evaluate, formatReport, translationRuleIds} from '../scripts/eval-mt.js'
import {ROOT} from './helpers.js'

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'eval-mt')

describe('rocAuc', () => {
  it('is 1 for a perfect separation and 0 for a reversed one', () => {
    expect(rocAuc([3, 4, 5], [0, 1, 2])).toBe(1)
    expect(rocAuc([0, 1], [2, 3])).toBe(0)
  })
  it('counts ties as one half', () => {
    expect(rocAuc([1, 1], [1, 1, 1])).toBe(0.5)
    // pairs: 1>0, 1<2, 2>0, 2=2, 3>0, 3>2 → 4.5 of 6
    expect(rocAuc([1, 2, 3], [0, 2])).toBeCloseTo(0.75, 10)
  })
  it('is NaN when a side is empty', () => {
    expect(rocAuc([], [1])).toBeNaN()
    expect(rocAuc([1], [])).toBeNaN()
  })
})

describe('perThousand', () => {
  it('scales counts to 1000 units and is 0 without units', () => {
    expect(perThousand(3, 1500)).toBe(2)
    expect(perThousand(3, 0)).toBe(0)
  })
})

describe('evaluate on the fixture', () => {
  const result = evaluate(FIXTURE)
  const folder = (name: string) => result.folders.find((f) => f.folder === name)!

  it('uses the translation rules that are on by default', () => {
    expect(result.rules).toEqual(translationRuleIds())
    expect(result.rules.every((id) => id.startsWith('translation/'))).toBe(true)
  })

  it('flags every machine-translated document and no human or original one', () => {
    expect(result.folders.map((f) => f.folder)).toEqual(['mt', 'human', 'orig'])
    expect(folder('mt').flaggedShare).toBe(1)
    expect(folder('human').findings).toBe(0)
    expect(folder('orig').findings).toBe(0)
    expect(result.auc).toBe(1)
  })

  it('counts findings per rule and per 1000 words', () => {
    const mt = folder('mt')
    expect(mt.perRule['translation/untranslated-word']).toBe(3)
    expect(mt.perRule['translation/number-format']).toBe(2)
    expect(mt.perRule['translation/mid-sentence-capital']).toBe(2)
    expect(mt.perRule['translation/calque']).toBe(1)
    expect(mt.perRule['translation/lowercase-proper']).toBe(1)
    expect(mt.perRule['translation/dropped-subject']).toBe(1)
    expect(mt.perRule['translation/translationese']).toBe(1)
    expect(mt.findings).toBe(11)
    expect(mt.rate).toBeCloseTo((11 * 1000) / mt.words, 10)
  })

  it('prints rates, shares, the AUC and per-rule counts', () => {
    const report = formatReport(result)
    expect(report).toMatch(/^mt\s+3\s+\d+\s+11\s+[\d.]+\s+100\.0%$/m)
    expect(report).toMatch(/^human\s+3\s+\d+\s+0\s+0\.00\s+0\.0%$/m)
    expect(report).toContain('ROC AUC (per-document findings per 1000 words, mt vs human): 1.000')
    expect(report).toMatch(/^translation\/calque\s+1\s+0\s+0$/m)
  })

  it('runs as a script (the built `eval:mt`)', () => {
    const run = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'eval-mt.js'), FIXTURE], {encoding: 'utf8'})
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('ROC AUC (per-document findings per 1000 words, mt vs human): 1.000')
    const usage = spawnSync(process.execPath, [join(ROOT, 'dist', 'scripts', 'eval-mt.js')], {encoding: 'utf8'})
    expect(usage.status).toBe(2)
    expect(usage.stderr).toContain('usage: npm run eval:mt -- DIR')
  })
})
