/** Everyday workflow through the real binary: --fix, --staged and the hook, SARIF, GitHub, cache, baseline. */
import {execFileSync, spawnSync} from 'node:child_process'
import {cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {allRules} from '../rules/index.js'
import {cli, ROOT} from './helpers.js'

interface JsonMessage {
  line: number
  ruleId: string
  fatal?: boolean
  actual?: string
  expected?: string[]
  place: {start: {offset: number}; end: {offset: number}}
}
interface JsonFile {
  path: string
  messages: JsonMessage[]
}

function seedsCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslint-fix-'))
  cpSync(join(ROOT, 'seeds'), join(dir, 'seeds'), {recursive: true})
  cpSync(join(ROOT, '.linterrc.json'), join(dir, '.linterrc.json'))
  writeFileSync(join(dir, 'package.json'), '{}')
  return dir
}

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(join(dir, 'seeds')).sort()) out[name] = readFileSync(join(dir, 'seeds', name), 'utf8')
  return out
}

describe('--fix', () => {
  it('fixes the seeds safely: only fixable spans change, every other line survives, a second run changes nothing', () => {
    const dir = seedsCopy()
    const before = snapshot(dir)
    const report = JSON.parse(cli(['seeds', '--format', 'json'], {cwd: dir}).stdout) as JsonFile[]
    const fixed = cli(['seeds', '--fix', '--format', 'json'], {cwd: dir})
    expect(fixed.stderr).toMatch(/^newslint: fixed \d+ files?\n$/)
    const after = snapshot(dir)
    expect(after['004_bdf1b08297e81913.txt'].startsWith('The White House confirmed on Tuesday')).toBe(true)
    expect(after['004_bdf1b08297e81913.txt']).not.toContain('[ad_')
    expect(after['003_65571ab1ae43f4a4.txt']).not.toContain('Leave a comment')
    for (const file of report) {
      const name = file.path.replace('seeds/', '')
      const fixable = file.messages.filter((m) => m.expected?.length === 1)
      const original = before[name]
      let offset = 0
      for (const line of original.split('\n')) {
        const start = offset
        const end = offset + line.length
        offset = end + 1
        if (line.trim() === '') continue
        // Lines that no fixable message touches survive word for word.
        if (!fixable.some((m) => m.place.start.offset <= end && m.place.end.offset >= start)) {
          expect(after[name], `${name}: ${line.slice(0, 50)}`).toContain(line)
        }
      }
    }
    // What is left has nothing a fixable rule could still fix.
    const fixableRules = new Set(allRules.filter((r) => r.fixable).map((r) => r.id))
    const remaining = JSON.parse(fixed.stdout) as JsonFile[]
    const leftovers = remaining.flatMap((f) => f.messages.filter((m) => fixableRules.has(m.ruleId) && m.expected?.length === 1).map((m) => `${f.path} ${m.ruleId} ${m.actual}`))
    expect(leftovers).toEqual([])
    const again = cli(['seeds', '--fix'], {cwd: dir})
    expect(again.stderr).toBe('')
    expect(snapshot(dir)).toEqual(after)
    expect(readdirSync(join(dir, 'seeds')).filter((n) => n.includes('.tmp'))).toEqual([])
  })

  it('--fix-dry-run prints a unified diff and writes nothing', () => {
    const dir = seedsCopy()
    const before = snapshot(dir)
    const result = cli(['seeds/004_bdf1b08297e81913.txt', '--fix-dry-run'], {cwd: dir})
    expect(result.stdout).toContain('--- a/seeds/004_bdf1b08297e81913.txt')
    expect(result.stdout).toContain('+++ b/seeds/004_bdf1b08297e81913.txt')
    expect(result.stdout).toMatch(/^-\[ad_1\]$/m)
    expect(result.stdout).toMatch(/^-\[ad_2\]$/m)
    expect(snapshot(dir)).toEqual(before)
  })

  it('keeps a BOM and CRLF line ends', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-fix-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    writeFileSync(join(dir, 'a.txt'), '\uFEFFFirst.\r\n[ad_1]\r\nLast.\r\n')
    cli(['a.txt', '--fix'], {cwd: dir})
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('\uFEFFFirst.\r\nLast.\r\n')
  })

  it('never writes a file that is not valid UTF-8', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-fix-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    const bytes = Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from('\n[ad_1]\n')])
    writeFileSync(join(dir, 'a.txt'), bytes)
    cli(['a.txt', '--fix'], {cwd: dir})
    expect(readFileSync(join(dir, 'a.txt')).equals(bytes)).toBe(true)
  })
})

describe('--staged and install-hook', () => {
  function repo(): string {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-git-'))
    const git = (...args: string[]) => execFileSync('git', args, {cwd: dir, stdio: 'pipe'})
    git('init', '-q', '-b', 'main')
    git('config', 'user.email', 'test@example.com')
    git('config', 'user.name', 'Test')
    git('config', 'commit.gpgsign', 'false')
    return dir
  }
  const commit = (dir: string, message: string) =>
    spawnSync('git', ['commit', '-q', '-m', message], {cwd: dir, encoding: 'utf8', env: {...process.env, NO_COLOR: '1'}})

  it('blocks a staged article with an ad placeholder, commits a clean one, and reads the index, not the working tree', () => {
    const dir = repo()
    const install = cli(['install-hook'], {cwd: dir})
    expect(install.code).toBe(0)
    expect(install.stdout).toBe('installed .git/hooks/pre-commit\n')

    writeFileSync(join(dir, 'clean.txt'), 'The council met on Monday.\n')
    execFileSync('git', ['add', 'clean.txt'], {cwd: dir})
    expect(commit(dir, 'clean').status).toBe(0)

    writeFileSync(join(dir, 'dirty.txt'), 'Prices rose.\n[ad_1]\nMarkets fell.\n')
    execFileSync('git', ['add', 'dirty.txt'], {cwd: dir})
    const blocked = commit(dir, 'dirty')
    expect(blocked.status).not.toBe(0)
    expect(blocked.stdout + blocked.stderr).toContain('Unexpected ad placeholder `[ad_1]`, remove it')
    expect(blocked.stdout + blocked.stderr).toContain('dirty.txt')

    // Fixed in the working tree but not staged again: the index still has the ad.
    cli(['dirty.txt', '--fix'], {cwd: dir})
    expect(readFileSync(join(dir, 'dirty.txt'), 'utf8')).toBe('Prices rose.\nMarkets fell.\n')
    expect(commit(dir, 'dirty').status).not.toBe(0)
    const staged = cli(['--staged', '--format', 'json'], {cwd: dir})
    expect(staged.code).toBe(1)
    expect((JSON.parse(staged.stdout) as JsonFile[]).map((f) => f.path)).toEqual(['dirty.txt'])

    execFileSync('git', ['add', 'dirty.txt'], {cwd: dir})
    expect(commit(dir, 'dirty').status).toBe(0)
  })

  it('with nothing staged exits 0', () => {
    const dir = repo()
    const result = cli(['--staged'], {cwd: dir})
    expect(result.code).toBe(0)
  })

  it('refuses to overwrite another hook without --force', () => {
    const dir = repo()
    writeFileSync(join(dir, '.git', 'hooks', 'pre-commit'), '#!/bin/sh\necho mine\n')
    const refused = cli(['install-hook'], {cwd: dir})
    expect(refused.code).toBe(2)
    expect(refused.stderr).toContain('exists and is not newslint')
    expect(readFileSync(join(dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toBe('#!/bin/sh\necho mine\n')
    expect(cli(['install-hook', '--force'], {cwd: dir}).code).toBe(0)
    expect(readFileSync(join(dir, '.git', 'hooks', 'pre-commit'), 'utf8')).toContain('newslint pre-commit hook')
  })

  it('outside a git repository --staged exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-nogit-'))
    const result = cli(['--staged'], {cwd: dir, env: {GIT_CEILING_DIRECTORIES: tmpdir()}})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^newslint: git rev-parse failed/)
  })

  it('ships a pre-commit framework hook definition', () => {
    const yaml = readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')
    expect(yaml).toContain('id: newslint')
    expect(yaml).toContain('entry: newslint')
  })
})

describe('--format sarif and github', () => {
  it('writes SARIF 2.1.0 with rule metadata, regions and fixes', () => {
    const result = cli(['seeds/004_bdf1b08297e81913.txt', '--format', 'sarif'])
    expect(result.code).toBe(1)
    const log = JSON.parse(result.stdout)
    expect(log.version).toBe('2.1.0')
    const run = log.runs[0]
    expect(run.tool.driver.name).toBe('newslint')
    const ad = run.results.find((r: {ruleId: string}) => r.ruleId === 'scrape/ad-placeholder')
    expect(ad.level).toBe('error')
    expect(ad.message.text).toBe('Unexpected ad placeholder `[ad_1]`, remove it')
    expect(ad.locations[0].physicalLocation.artifactLocation.uri).toBe('seeds/004_bdf1b08297e81913.txt')
    expect(ad.locations[0].physicalLocation.region).toEqual({startLine: 1, startColumn: 1, endLine: 1, endColumn: 7, charOffset: 0, charLength: 6})
    expect(ad.fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('')
    const rule = run.tool.driver.rules[ad.ruleIndex]
    expect(rule.id).toBe('scrape/ad-placeholder')
    expect(rule.help.text.length).toBeGreaterThan(50)
    expect(rule.defaultConfiguration.level).toBe('error')
  })

  it('writes GitHub workflow annotations', () => {
    const result = cli(['seeds/004_bdf1b08297e81913.txt', '--format', 'github'])
    expect(result.stdout).toContain(
      '::error file=seeds/004_bdf1b08297e81913.txt,line=1,col=1,endLine=1,endColumn=7,title=scrape/ad-placeholder::Unexpected ad placeholder `[ad_1]`, remove it'
    )
  })
})

describe('--cache', () => {
  it('reuses results for unchanged files and re-lints changed content or config', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-cache-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    writeFileSync(join(dir, 'a.txt'), '[ad_1]\nText.\n')
    writeFileSync(join(dir, 'b.txt'), 'Clean text.\n')
    const first = cli(['.', '--cache', '--format', 'json'], {cwd: dir})
    expect(existsSync(join(dir, '.newslintcache'))).toBe(true)
    // Prove the second run reads the cache: doctor the cached reason of a.txt.
    const cachePath = join(dir, '.newslintcache')
    const cache = JSON.parse(readFileSync(cachePath, 'utf8'))
    const key = Object.keys(cache.entries).find((k) => k.endsWith('a.txt')) as string
    cache.entries[key].messages[0].reason = 'from the cache'
    writeFileSync(cachePath, JSON.stringify(cache))
    const second = JSON.parse(cli(['.', '--cache', '--format', 'json'], {cwd: dir}).stdout) as Array<{messages: Array<{reason: string}>}>
    expect(second[0].messages[0].reason).toBe('from the cache')
    // Changed config: re-linted.
    const other = JSON.parse(cli(['.', '--cache', '--format', 'json', '--rule', 'scrape/ad-placeholder=warn'], {cwd: dir}).stdout)
    expect(other[0].messages[0].reason).toBe('Unexpected ad placeholder `[ad_1]`, remove it')
    // Changed content: re-linted.
    writeFileSync(join(dir, 'a.txt'), '[ad_2]\nText.\n')
    const third = JSON.parse(cli(['.', '--cache', '--format', 'json'], {cwd: dir}).stdout)
    expect(third[0].messages[0].reason).toBe('Unexpected ad placeholder `[ad_2]`, remove it')
    expect(first.code).toBe(1)
  })

  it('--cache-location puts the cache elsewhere', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-cache-'))
    writeFileSync(join(dir, 'a.txt'), 'Text.\n')
    cli(['a.txt', '--cache', '--cache-location', 'c.json'], {cwd: dir})
    expect(existsSync(join(dir, 'c.json'))).toBe(true)
    expect(existsSync(join(dir, '.newslintcache'))).toBe(false)
  })
})

describe('--baseline', () => {
  it('records existing findings and reports only new ones, keyed by text not line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-baseline-'))
    writeFileSync(join(dir, 'package.json'), '{}')
    writeFileSync(join(dir, 'a.txt'), 'Prices rose.\n[ad_1]\nMarkets fell.\n')
    const update = cli(['.', '--baseline', 'baseline.json', '--update-baseline'], {cwd: dir})
    expect(update.code).toBe(0)
    expect(update.stderr).toBe('newslint: recorded 1 finding of 1 file in baseline.json\n')
    expect(cli(['.', '--baseline', 'baseline.json'], {cwd: dir}).code).toBe(0)
    // Lines added above: the old finding moves but stays known; a new one is reported.
    writeFileSync(join(dir, 'a.txt'), 'A new first line.\n\nPrices rose.\n[ad_1]\nMarkets fell.\n[ad_2]\n')
    const result = cli(['.', '--baseline', 'baseline.json', '--format', 'json'], {cwd: dir})
    expect(result.code).toBe(1)
    const report = JSON.parse(result.stdout) as JsonFile[]
    expect(report[0].messages.map((m) => [m.line, m.actual])).toEqual([[6, '[ad_2]']])
  })

  it('a missing baseline exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'newslint-baseline-'))
    writeFileSync(join(dir, 'a.txt'), 'Text.\n')
    const result = cli(['a.txt', '--baseline', 'nope.json'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('baseline not found: ')
  })
})
