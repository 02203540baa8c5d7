/** The names/ findings of the seeds (shared/seeds-findings.md), exactly, and nothing else from the family. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {lintString} from '../src/api.js'
import {namesRules} from '../rules/names/index.js'
import {ROOT, show} from './helpers.js'

const ids = namesRules.map((rule) => rule.id)

function names(seed: string) {
  const path = join(ROOT, 'seeds', seed)
  const file = lintString(readFileSync(path, 'utf8'), {path, only: ids})
  return file.messages
    .filter((m) => m.ruleId?.startsWith('names/'))
    .map((m) => ({
      rule: m.ruleId,
      message: show(m),
      expected: m.expected,
      severity: m.fatal === true ? 'error' : m.fatal === false ? 'warn' : 'info'
    }))
}

describe('names/ on the seeds', () => {
  it('000: `the Pope\'s meeting` is the Putin–Biden meeting (line 31)', () => {
    expect(names('000_0b17d82a5ba8a30e.txt')).toEqual([
      {
        rule: 'names/wrong-person',
        message: "31:9-31:27: Unexpected `the Pope's meeting`: probably the Putin–Biden meeting, a known mistranslation (nothing else in the document concerns a pope)",
        expected: undefined,
        severity: 'warn'
      }
    ])
  })

  it('001: Zhen Zaki, his US envoy, Zhelensky (lines 1, 7, 15, 29), Russian Secretary of State (line 11)', () => {
    expect(names('001_fbf9a5a2e21661a2.txt')).toEqual([
      {
        rule: 'names/role-mismatch',
        message: '1:479-1:487: Unexpected role `US envoy` for Jen Psaki, who was White House Press Secretary (2021–2022) in 2021',
        expected: undefined,
        severity: 'warn'
      },
      {
        rule: 'names/known-variant',
        message: '1:489-1:498: Unexpected garbled name `Zhen Zaki`, use `Jen Psaki`',
        expected: ['Jen Psaki'],
        severity: 'error'
      },
      {
        rule: 'names/known-variant',
        message: '7:129-7:138: Unexpected garbled name `Zhelensky`, use `Zelensky` (Volodymyr Zelensky)',
        expected: ['Zelensky'],
        severity: 'error'
      },
      {
        rule: 'names/role-mismatch',
        message: '11:70-11:96: Unexpected role `Russian Secretary of State` for Sergei Lavrov, who was Foreign Minister of Russia (since 2004) in 2021',
        expected: undefined,
        severity: 'warn'
      },
      {
        rule: 'names/known-variant',
        message: '15:221-15:230: Unexpected garbled name `Zhelensky`, use `Zelensky` (Volodymyr Zelensky)',
        expected: ['Zelensky'],
        severity: 'error'
      },
      {
        rule: 'names/known-variant',
        message: '29:182-29:191: Unexpected garbled name `Zhelensky`, use `Zelensky` (Volodymyr Zelensky)',
        expected: ['Zelensky'],
        severity: 'error'
      }
    ])
  })

  it('002: nothing', () => {
    expect(names('002_a171038ca4f61328.txt')).toEqual([])
  })

  it('003: Rosija-1 (line 7)', () => {
    expect(names('003_65571ab1ae43f4a4.txt')).toEqual([
      {
        rule: 'names/known-variant',
        message: '7:391-7:399: Unexpected garbled name `Rosija-1`, use `Rossiya-1`',
        expected: ['Rossiya-1'],
        severity: 'error'
      }
    ])
  })

  it('004: spokesman Jen Psaki said he (line 3), Putin reveals to President Putin (line 16)', () => {
    expect(names('004_bdf1b08297e81913.txt')).toEqual([
      {
        rule: 'names/gender-mismatch',
        message: '3:13-3:22: Unexpected `spokesman` for Jen Psaki (female in the gazetteer), use `spokeswoman`',
        expected: ['spokeswoman'],
        severity: 'warn'
      },
      {
        rule: 'names/gender-mismatch',
        message: '3:38-3:40: Unexpected pronoun `he` after Jen Psaki (female in the gazetteer), check the pronoun or the name',
        expected: undefined,
        severity: 'warn'
      },
      {
        rule: 'names/self-reference',
        message: '16:54-16:86: Unexpected self-reference `Putin reveals to President Putin`: Vladimir Putin on both sides, one of the names is probably wrong',
        expected: undefined,
        severity: 'warn'
      }
    ])
  })

  it('fixes the garbled names of 001 and 003', async () => {
    const {fixString} = await import('../src/api.js')
    const text = readFileSync(join(ROOT, 'seeds', '001_fbf9a5a2e21661a2.txt'), 'utf8')
    const fixed = fixString(text, {only: ['names/known-variant']}).text
    expect(fixed).toContain('according to his US envoy, Jen Psaki, Biden')
    expect(fixed).toContain('Volodymyr ZelenskyTherefore')
    expect(fixed).not.toContain('Zhelensky')
  })
})
