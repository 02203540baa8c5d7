/** Seed acceptance for the scrape/ family: the exact scrape findings per seed, their fixes, and the shared scoring. */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {fixString, lintString} from '../src/api.js'
import {parseDocument} from '../src/document.js'
import {scrapeRules} from '../rules/scrape/index.js'
import {qualityScore, qualitySignals} from '../rules/scrape/document-quality.js'
import {ROOT, show} from './helpers.js'

const SCRAPE = scrapeRules.map((rule) => rule.id)

function seed(name: string): string {
  return readFileSync(join(ROOT, 'seeds', name), 'utf8')
}

function scrapeMessages(text: string, path: string): string[] {
  return lintString(text, {path})
    .messages.filter((m) => m.ruleId?.startsWith('scrape/'))
    .map((m) => `${show(m)} [${m.ruleId}]`)
}

/** Every scrape finding on the seeds with the default configuration: the must lines and nothing else. */
const EXPECTED: Record<string, string[]> = {
  '000_0b17d82a5ba8a30e.txt': [
    '1:1-1:59: Unexpected agency preamble `China News Service, December 16th, a…` before the lede, remove it [scrape/metadata-leak]',
    '7:1-7:94: Unexpected photo caption `The picture shows Russian President…`, remove the line [scrape/photo-credit]',
    '43:295-43:298: Unexpected stray punctuation `. ,` after `security`, use `.` [scrape/punctuation]'
  ],
  '001_fbf9a5a2e21661a2.txt': [
    '1:2-1:17: Unexpected metadata field `date 2021-12-07` at the start of the line, remove it [scrape/metadata-leak]',
    '3:1-3:214: Unexpected photo caption with credit `REUTERS`, remove the line [scrape/photo-credit]',
    '7:129-7:147: Glued words `ZhelenskyTherefore`, insert `. ` between `Zhelensky` and `Therefore` [scrape/glued-sentence]',
    '9:90-9:92: Unexpected doubled period `..` after `conflict`, use `.` [scrape/punctuation]',
    '11:1-11:271: Unexpected photo caption with credit `AP / Jonathan Knoxstrand`, remove the line [scrape/photo-credit]',
    '19:1-19:193: Unexpected photo caption with credit `AFP / Anatoly Stepanov`, remove the line [scrape/photo-credit]',
    '25:1-25:169: Unexpected photo caption with credit `AFP / Anatoly Stepanov`, remove the line [scrape/photo-credit]',
    '29:1-29:233: Unexpected photo caption with credit `Photo / Press Office of the Presidency…`, remove the line [scrape/photo-credit]'
  ],
  '002_a171038ca4f61328.txt': [
    '16:1-87:82: Unexpected reader comment thread (72 lines, 20 comments), remove the block [scrape/comment-thread]'
  ],
  '003_65571ab1ae43f4a4.txt': [
    '3:1-3:83: Unexpected repeated line `The Kremlin is planning a summit…` (first on line 1), remove it [scrape/duplicate-line]',
    '19:1-19:120: Unexpected related-article teaser `READ In excess of 2,000 Paramilitary…`, remove the line [scrape/related-teaser]',
    '23:1-30:71: Unexpected footer boilerplate (8 lines: byline, related links, comment form), remove the block [scrape/footer-boilerplate]'
  ],
  '004_bdf1b08297e81913.txt': [
    '1:1-1:7: Unexpected ad placeholder `[ad_1]`, remove it [scrape/ad-placeholder]',
    '18:1-18:7: Unexpected ad placeholder `[ad_2]`, remove it [scrape/ad-placeholder]'
  ]
}

describe('scrape/ rules on the seeds', () => {
  it.each(Object.keys(EXPECTED))('%s: exact scrape findings', (name) => {
    expect(scrapeMessages(seed(name), `seeds/${name}`)).toEqual(EXPECTED[name])
  })

  it('seeds/002: one comment-thread finding, and no duplicate-line for the headline quoted in a comment', () => {
    const file = lintString(seed('002_a171038ca4f61328.txt'))
    expect(file.messages.filter((m) => m.ruleId === 'scrape/comment-thread')).toHaveLength(1)
    expect(file.messages.filter((m) => m.ruleId === 'scrape/duplicate-line' || m.ruleId === 'scrape/footer-boilerplate')).toEqual([])
  })

  it('fixes the seeds safely and idempotently', () => {
    const only = {only: SCRAPE}
    const s001 = fixString(seed('001_fbf9a5a2e21661a2.txt'), only).text
    expect(s001).toContain('Volodymyr Zhelensky. Therefore, the decisions')
    expect(s001).toContain('in this conflict. Last Thursday')
    expect(s001.startsWith(' Amid growing tensions')).toBe(true)
    expect(s001).not.toMatch(/^(?:AFP|AP|REUTERS|Photo) /m)
    const s000 = fixString(seed('000_0b17d82a5ba8a30e.txt'), only).text
    expect(s000).toContain('stability and security. But to add fuel')
    expect(s000).not.toContain('The picture shows')
    expect(s000.startsWith('Russian President Putin and US President Biden just met')).toBe(true)
    const s002 = fixString(seed('002_a171038ca4f61328.txt'), only).text
    expect(s002.trimEnd().endsWith('during this conversation.')).toBe(true)
    expect(s002).not.toContain('Dear reader')
    const s003 = fixString(seed('003_65571ab1ae43f4a4.txt'), only).text
    expect(s003.split('The Kremlin is planning a summit').length).toBe(2)
    expect(s003).not.toContain('READ  In excess')
    for (const text of [s000, s001, s002, s003]) {
      expect(fixString(text, only).text).toBe(text)
      const left = lintString(text, only).messages.filter((m) => m.ruleId?.startsWith('scrape/') && m.expected)
      expect(left.map((m) => show(m))).toEqual([])
    }
  })
})

describe('scrape/document-quality scoring', () => {
  it('exports the signals and the score for other modes', () => {
    const {doc} = parseDocument(seed('004_bdf1b08297e81913.txt'))
    const report = qualityScore(qualitySignals(doc))
    expect(report.score).toBeGreaterThan(0.5)
    expect(report.tripped).toEqual([])
    expect(report.signals.words).toBeGreaterThan(300)
    expect(report.signals.stopWords).toBeGreaterThan(2)
  })

  it('is quiet on every seed (their problems are local, not whole-document)', () => {
    for (const name of Object.keys(EXPECTED)) {
      expect(lintString(seed(name)).messages.filter((m) => m.ruleId === 'scrape/document-quality')).toEqual([])
    }
  })

  it('stays quiet on a clean article written one sentence a line', () => {
    const article = [
      'Bridge repairs to take longer than planned',
      'Repairs to the old river bridge will take at least three more months, city officials said on Tuesday.',
      'Engineers found corrosion in two of the steel supports during an inspection in May.',
      'The bridge carries about 20,000 cars a day and has been closed to lorries since the spring.',
      'Shop owners on both banks say the closure has cut their trade by a third.',
      'The council has promised a fund to help them, but has not said how large it will be.',
      'A spokeswoman said the work would be finished before the winter, when the river usually floods.'
    ].join('\n')
    expect(lintString(article + '\n', {only: ['scrape/document-quality']}).messages).toEqual([])
  })
})
