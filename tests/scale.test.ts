/** Corpus scale through the real binary: worker pool parity and JSONL corpus mode. */
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {cli, ROOT} from './helpers.js'

const seeds = readdirSync(join(ROOT, 'seeds'))
  .sort()
  .map((name) => readFileSync(join(ROOT, 'seeds', name), 'utf8'))

describe('--jobs', () => {
  it('gives output identical in order and content to --jobs 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-jobs-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    for (let i = 0; i < 40; i++) {
      mkdirSync(join(dir, `d${i % 3}`), {recursive: true})
      writeFileSync(join(dir, `d${i % 3}`, `a${String(i).padStart(2, '0')}.txt`), seeds[i % seeds.length])
    }
    const one = cli(['.', '--jobs', '1', '--format', 'json'], {cwd: dir})
    const two = cli(['.', '--jobs', '2', '--format', 'json'], {cwd: dir})
    expect(one.code).toBe(1)
    expect(two.code).toBe(1)
    expect(two.stdout).toBe(one.stdout)
    expect(JSON.parse(one.stdout)).toHaveLength(40)
    expect(cli(['.', '--jobs', '0'], {cwd: dir}).code).toBe(2)
  }, 60_000)
})

describe('--jsonl', () => {
  const records = seeds.map((text, i) =>
    JSON.stringify({id: `rec-${i}`, url: i === 2 ? 'https://en.topwar.ru/news/1.html' : `https://news.example.org/${i}`, text})
  )

  function corpus(lines: string[]): string {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-jsonl-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    writeFileSync(join(dir, '.linterrc.json'), readFileSync(join(ROOT, '.linterrc.json')))
    writeFileSync(join(dir, 'corpus.jsonl'), lines.join('\n') + '\n')
    return dir
  }

  it('writes one line per record with id, url, source, messages, score and keep', () => {
    const dir = corpus(records)
    const result = cli(['--jsonl', 'corpus.jsonl'], {cwd: dir})
    expect(result.code).toBe(0)
    const out = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(out.map((r) => r.id)).toEqual(['rec-0', 'rec-1', 'rec-2', 'rec-3', 'rec-4'])
    expect(out[2].source).toBe('topwar')
    expect(out[0].source).toBeNull()
    for (const record of out) {
      expect(record.score).toBeGreaterThanOrEqual(0)
      expect(record.score).toBeLessThanOrEqual(1)
      expect(typeof record.keep).toBe('boolean')
    }
    const ads = out[4].messages.filter((m: {ruleId: string}) => m.ruleId === 'scrape/ad-placeholder')
    expect(ads.map((m: {line: number; column: number}) => [m.line, m.column])).toEqual([[1, 1], [18, 1]])
  })

  it('shards linted apart and concatenated equal the whole', () => {
    const dir = corpus(records)
    writeFileSync(join(dir, 'shard-a.jsonl'), records.slice(0, 2).join('\n') + '\n')
    writeFileSync(join(dir, 'shard-b.jsonl'), records.slice(2).join('\n') + '\n')
    const whole = cli(['--jsonl', 'corpus.jsonl', '--jobs', '2'], {cwd: dir}).stdout
    const a = cli(['--jsonl', 'shard-a.jsonl', '--jobs', '1'], {cwd: dir}).stdout
    const b = cli(['--jsonl', '-'], {cwd: dir, input: readFileSync(join(dir, 'shard-b.jsonl'))}).stdout
    expect(a + b).toBe(whole)
  })

  it('with --fix puts the cleaned text in the record', () => {
    const dir = corpus([JSON.stringify({id: 7, url: 'https://x.example.com/a', body: 'Prices rose.\n[ad_1]\nMarkets fell.\n'})])
    const result = cli(['--jsonl', 'corpus.jsonl', '--fix', '--text-field', 'body'], {cwd: dir})
    const record = JSON.parse(result.stdout)
    expect(record.id).toBe(7)
    expect(record.text).toBe('Prices rose.\nMarkets fell.\n')
    expect(record.messages).toEqual([])
  })

  it('reports a bad record and goes on', () => {
    const dir = corpus(['{"id": 1, "text": "Fine text here."}', '{not json', '{"id": 3}', '{"id": 4, "text": "[ad_1]"}'])
    const result = cli(['--jsonl', 'corpus.jsonl'], {cwd: dir})
    expect(result.code).toBe(0)
    const out = result.stdout.trim().split('\n').map((line) => JSON.parse(line))
    expect(out.map((r) => [r.id, r.error ?? null])).toEqual([
      [1, null],
      [null, expect.stringMatching(/^invalid JSON: /)],
      [null, 'no string field "text"'],
      [4, null]
    ])
    expect(result.stderr).toContain('corpus.jsonl:2: invalid JSON')
    expect(result.stderr).toContain('corpus.jsonl:3: no string field "text"')
  })

  it('marks records under --threshold as drop', () => {
    const dir = corpus(records)
    const keepAll = cli(['--jsonl', 'corpus.jsonl', '--threshold', '0'], {cwd: dir}).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(keepAll.every((r) => r.keep)).toBe(true)
    const dropAll = cli(['--jsonl', 'corpus.jsonl', '--threshold', '1'], {cwd: dir}).stdout.trim().split('\n').map((l) => JSON.parse(l))
    expect(dropAll.filter((r) => r.score < 1).every((r) => !r.keep)).toBe(true)
    expect(cli(['--jsonl', 'corpus.jsonl', '--threshold', '2'], {cwd: dir}).code).toBe(2)
  })
})
