/**
 * The translation family on the seed articles (default configuration, public API): the acceptance list's
 * translation lines (`shared/seeds-findings.md`), exact messages and positions, and no finding on real names.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import type {VFileMessage} from 'vfile-message'
import {lintString} from '../src/api.js'
import {ROOT, show} from './helpers.js'

const SEEDS = {
  '000': '000_0b17d82a5ba8a30e.txt',
  '001': '001_fbf9a5a2e21661a2.txt',
  '002': '002_a171038ca4f61328.txt',
  '003': '003_65571ab1ae43f4a4.txt',
  '004': '004_bdf1b08297e81913.txt'
} as const

function translationMessages(seed: keyof typeof SEEDS): VFileMessage[] {
  const path = join('seeds', SEEDS[seed])
  const file = lintString(readFileSync(join(ROOT, path), 'utf8'), {path})
  return file.messages.filter((m) => m.ruleId?.startsWith('translation/'))
}

function shown(seed: keyof typeof SEEDS): string[] {
  return translationMessages(seed).map((m) => `${m.ruleId} ${show(m)}`)
}

/** Every translation finding of each seed: the must and should lines, and the few further MT errors found. */
const EXPECTED: Record<keyof typeof SEEDS, string[]> = {
  '000': [
    // must: calque (Sputnik)
    'translation/calque 15:34-15:59: Unexpected calque `Russian Satellite Network`, write `Sputnik`',
    // must: calque (the Putin–Biden meeting)
    'translation/calque 29:32-29:45: Unexpected calque `Pubai Meeting`, write `Putin–Biden meeting`',
    // should: orphan fragment
    'translation/orphan-fragment 45:295-45:304: Unexpected fragment `Missiles.` after a sentence: delete it or merge it into the sentence'
  ],
  '001': [
    // should: According
    'translation/mid-sentence-capital 5:248-5:257: Unexpected mid-sentence capital in `According`, write `according`',
    // must: the acronym does not match its expansion
    'translation/acronym-mismatch 11:213-11:263: Unexpected expansion `Organization for Defense and Cooperation in Europe` of `OSCE`: its initials do not give the acronym, write `Organization for Security and Co-operation in Europe`',
    // should: Tombs conflict
    'translation/calque 15:29-15:43: Unexpected calque `Tombs conflict`, write `Donbas conflict`',
    // not listed, same error as line 31 (`On the other hand, Clashes continue`)
    'translation/mid-sentence-capital 15:262-15:269: Unexpected mid-sentence capital in `Clashes`, write `clashes`',
    // must: Growth, At
    'translation/mid-sentence-capital 17:43-17:49: Unexpected mid-sentence capital in `Growth`, write `growth`',
    'translation/mid-sentence-capital 17:74-17:76: Unexpected mid-sentence capital in `At`, write `at`',
    // should: Possible, According, By (line 21)
    'translation/mid-sentence-capital 21:197-21:205: Unexpected mid-sentence capital in `Possible`, write `possible`',
    'translation/mid-sentence-capital 21:356-21:365: Unexpected mid-sentence capital in `According`, write `according`',
    'translation/mid-sentence-capital 21:496-21:498: Unexpected mid-sentence capital in `By`, write `by`',
    // should: Discusses (line 27); `continues There is` is the same error
    'translation/mid-sentence-capital 27:204-27:209: Unexpected mid-sentence capital in `There`, write `there`',
    'translation/mid-sentence-capital 27:327-27:336: Unexpected mid-sentence capital in `Discusses`, write `discusses`',
    // should: Relationships
    'translation/mid-sentence-capital 31:211-31:224: Unexpected mid-sentence capital in `Relationships`, write `relationships`'
  ],
  '002': [],
  '003': [
    // must: Proposed, And, Can, Take
    'translation/mid-sentence-capital 7:30-7:38: Unexpected mid-sentence capital in `Proposed`, write `proposed`',
    'translation/mid-sentence-capital 7:77-7:80: Unexpected mid-sentence capital in `And`, write `and`',
    'translation/mid-sentence-capital 7:121-7:124: Unexpected mid-sentence capital in `Can`, write `can`',
    'translation/mid-sentence-capital 7:146-7:150: Unexpected mid-sentence capital in `Take`, write `take`',
    // must: And
    'translation/mid-sentence-capital 11:60-11:63: Unexpected mid-sentence capital in `And`, write `and`',
    'translation/translationese 11:64-11:82: Unexpected translationese `among other things`, consider `including`',
    // must: in june Great britain The G7
    'translation/lowercase-proper 21:16-21:20: Unexpected lower case in `june`, write `June`',
    'translation/lowercase-proper 21:21-21:34: Unexpected lower case in `Great britain`, write `Great Britain`',
    'translation/mid-sentence-capital 21:35-21:38: Unexpected mid-sentence capital in `The`, write `the`'
  ],
  '004': [
    // should: orphan `I reported.`
    'translation/orphan-fragment 4:227-4:238: Unexpected fragment `I reported.` after a sentence: delete it or merge it into the sentence',
    // should: the first week in Biden's parliament
    'translation/calque 6:89-6:115: Unexpected calque `week in Biden’s parliament`, write `week of Biden\'s presidency`',
    // not listed: `we It will be more effective`
    'translation/mid-sentence-capital 17:184-17:186: Unexpected mid-sentence capital in `It`, write `it`'
  ]
}

const MUST_LINES: Record<keyof typeof SEEDS, number[]> = {'000': [15, 29], '001': [11, 17], '002': [], '003': [7, 11, 21], '004': []}

const REAL_NAMES = ['Putin', 'Biden', 'Peskov', 'Zakharova', 'Blinken', 'Lavrov', 'Ushakov', 'Donfried', 'Lukashenko', 'Lloyd Austin',
  'Austin', 'Navalny', 'Sullivan', 'TASS', 'Interfax', 'Reuters', 'AFP']

describe('translation rules on the seeds', () => {
  it.each(Object.keys(SEEDS) as Array<keyof typeof SEEDS>)('seed %s: exact translation findings', (seed) => {
    expect(shown(seed)).toEqual(EXPECTED[seed])
  })

  it.each(Object.keys(SEEDS) as Array<keyof typeof SEEDS>)('seed %s: every must line is covered', (seed) => {
    const lines = new Set(translationMessages(seed).map((m) => m.line))
    for (const line of MUST_LINES[seed]) expect(lines.has(line), `line ${line}`).toBe(true)
  })

  it.each(Object.keys(SEEDS) as Array<keyof typeof SEEDS>)('seed %s: real names and agencies are never flagged', (seed) => {
    for (const message of translationMessages(seed)) {
      if (message.ruleId === 'translation/calque' || message.ruleId === 'translation/acronym-mismatch') continue
      for (const name of REAL_NAMES) expect(message.actual ?? '', `${show(message)}`).not.toContain(name)
    }
  })

  it('the comment thread of seed 002 gets no translation finding', () => {
    expect(translationMessages('002')).toEqual([])
  })
})
