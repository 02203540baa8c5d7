/** The real CLI, end to end: exit codes, formats, config, discovery. */
import {mkdirSync, mkdtempSync, readFileSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {allRules} from '../rules/index.js'
import {rulesMarkdownTable, TABLE_END, TABLE_START} from '../src/rules-doc.js'
import {cli, ROOT} from './helpers.js'

interface JsonMessage {
  line: number
  column: number
  place: {start: {line: number; column: number; offset: number}; end: {line: number; column: number; offset: number}}
  reason: string
  ruleId: string
  source: string
  fatal: boolean | null
  actual?: string
  expected?: string[]
}
interface JsonFile {
  path: string
  messages: JsonMessage[]
}

function tempDir(files: Record<string, string | Buffer> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'newslint-cli-'))
  writeFileSync(join(dir, 'package.json'), '{"name":"fixture","private":true}\n')
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), {recursive: true})
    writeFileSync(join(dir, name), content)
  }
  return dir
}

describe('newslint seeds', () => {
  const result = cli(['seeds', '--format', 'json'])
  const report = JSON.parse(result.stdout) as JsonFile[]
  const byName = (prefix: string) => report.find((f) => f.path.startsWith(`seeds/${prefix}`)) as JsonFile

  it('exits 1 because the seeds have errors', () => {
    expect(result.code).toBe(1)
    expect(result.stderr).toBe('')
  })

  it('reports every seed file, in order', () => {
    expect(report.map((f) => f.path)).toEqual([
      'seeds/000_0b17d82a5ba8a30e.txt',
      'seeds/001_fbf9a5a2e21661a2.txt',
      'seeds/002_a171038ca4f61328.txt',
      'seeds/003_65571ab1ae43f4a4.txt',
      'seeds/004_bdf1b08297e81913.txt'
    ])
  })

  it('finds the ad placeholders of seeds/004 lines 1 and 18', () => {
    const ads = byName('004').messages.filter((m) => m.ruleId === 'scrape/ad-placeholder')
    expect(ads.map((m) => [m.line, m.column, m.place.end.line, m.place.end.column, m.reason, m.fatal, m.expected])).toEqual([
      [1, 1, 1, 7, 'Unexpected ad placeholder `[ad_1]`, remove it', true, ['']],
      [18, 1, 18, 7, 'Unexpected ad placeholder `[ad_2]`, remove it', true, ['']]
    ])
  })

  it('finds the footer of seeds/003 as one finding spanning lines 23-30', () => {
    const footer = byName('003').messages.filter((m) => m.ruleId === 'scrape/footer-boilerplate')
    expect(footer).toHaveLength(1)
    expect(footer[0].place.start).toEqual({line: 23, column: 1, offset: 2344})
    expect(footer[0].place.end.line).toBe(30)
    expect(footer[0].place.end.column).toBe(71)
    expect(footer[0].actual?.startsWith('Written By\nMore from Cary Payne')).toBe(true)
    expect(footer[0].source).toBe('newslint')
  })

  it('keeps the vfile-reporter-json contract', () => {
    for (const file of report) {
      expect(Object.keys(file).sort()).toEqual(['cwd', 'history', 'messages', 'path'])
      for (const message of file.messages) {
        expect(Object.keys(message).sort()).toEqual(
          ['actual', 'column', 'expected', 'fatal', 'line', 'message', 'name', 'place', 'reason', 'ruleId', 'source', 'stack', 'url', 'ancestors', 'cause', 'file', 'note']
            .filter((key) => key in message)
            .sort()
        )
        expect(typeof message.reason).toBe('string')
        expect(message.source).toBe('newslint')
        expect(message.line).toBe(message.place.start.line)
        expect(message.column).toBe(message.place.start.column)
      }
    }
  })

  it('prints a stylish report by default', () => {
    const stylish = cli(['seeds'])
    expect(stylish.code).toBe(1)
    expect(stylish.stdout).toContain('seeds/004_bdf1b08297e81913.txt')
    expect(stylish.stdout).toMatch(/1:1-1:7 +error +Unexpected ad placeholder `\[ad_1\]`, remove it +scrape\/ad-placeholder +newslint/)
  })
})

describe('config', () => {
  it('exits 2 naming an unknown rule and the nearest known id', () => {
    const dir = tempDir({'.linterrc.json': '{"rules": {"scrape/ad-placehoder": "error"}}', 'a.txt': 'Fine text.\n'})
    const result = cli(['.'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'newslint: config error: .linterrc.json: rules.scrape/ad-placehoder: unknown rule "scrape/ad-placehoder" (did you mean "scrape/ad-placeholder"?)\n'
    )
    expect(result.stdout).toBe('')
  })

  it('exits 2 on broken JSON with the line and column', () => {
    const dir = tempDir({'.linterrc.json': '{\n  "rules": {,\n}', 'a.txt': 'Fine.\n'})
    const result = cli(['.'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toMatch(/^newslint: config error: \.linterrc\.json: invalid JSON at line 2, column 13: /)
  })

  it.each([
    ['{"rules": {"scrape/ad-placeholder": "loud"}}', 'rules.scrape/ad-placeholder: invalid severity "loud", expected one of off, info, warn, error'],
    ['{"rules": {"scrape/footer-boilerplate": ["warn", {"maxGap": "x"}]}}', 'rules.scrape/footer-boilerplate[1].maxGap: expected a number'],
    ['{"rules": {"scrape/footer-boilerplate": ["warn", {"maxgap": 2}]}}', 'rules.scrape/footer-boilerplate[1].maxgap: unknown option of scrape/footer-boilerplate (did you mean "maxGap"?)'],
    ['{"rule": {}}', 'rule: unknown key (did you mean "rules"?)'],
    ['{"sources": [{"name": "x", "files": "a/*.txt"}]}', 'sources[0].files: expected an array of strings'],
    ['{"sources": [{"name": "x", "domains": ["http://x.com"]}]}', 'sources[0].domains[0]: not a domain name: "http://x.com"'],
    ['{"extends": ["newslint:recomended"]}', 'extends[0]: unknown preset "newslint:recomended" (did you mean "newslint:recommended"?)'],
    ['{"entities": ["./missing.json"]}', 'entities[0]: no such file: ./missing.json']
  ])('rejects %s', (config, problem) => {
    const dir = tempDir({'.linterrc.json': config, 'a.txt': 'Fine.\n'})
    const result = cli(['.'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(`newslint: config error: .linterrc.json: ${problem}\n`)
  })

  it('exits 2 naming the key path of a bad user gazetteer', () => {
    const dir = tempDir({
      '.linterrc.json': '{"entities": ["./people.json"]}',
      'people.json': '{"people": [{"id": "jane-roe", "name": "Jane Roe"}]}',
      'a.txt': 'Fine.\n'
    })
    const result = cli(['.'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      'newslint: config error: .linterrc.json: entities[0]: ./people.json: people[0].gender: expected one of female, male, got undefined\n'
    )
  })

  it('uses the people of a user gazetteer', () => {
    const person = {
      id: 'jane-roe', name: 'Jane Roe', aliases: [], garbled: ['Jain Row'], gender: 'female', country: 'GB',
      roles: [{type: 'minister', title: 'Minister of Fisheries', country: 'GB', start: 2020, end: null}]
    }
    const dir = tempDir({
      '.linterrc.json': '{"entities": ["./people.json"]}',
      'people.json': JSON.stringify({people: [person]}),
      'a.txt': 'Fisheries minister Jain Row said on Monday that the quotas would stay.\n'
    })
    const report = JSON.parse(cli(['.', '--format', 'json'], {cwd: dir}).stdout) as JsonFile[]
    const names = report[0].messages.filter((m) => m.ruleId === 'names/known-variant')
    expect(names.map((m) => [m.line, m.column, m.reason, m.expected])).toEqual([
      [1, 20, 'Unexpected garbled name `Jain Row`, use `Jane Roe`', ['Jane Roe']]
    ])
  })

  it('applies per-source rules, and --print-config shows which source matched', () => {
    const dir = tempDir({
      '.linterrc.json': JSON.stringify({
        sources: [{name: 'wire', files: ['wire/**'], rules: {'scrape/ad-placeholder': 'warn'}}]
      }),
      'wire/a.txt': '[ad_1]\nText.\n',
      'other/b.txt': '[ad_1]\nText.\n'
    })
    const result = cli(['.', '--format', 'json'], {cwd: dir})
    const report = JSON.parse(result.stdout) as JsonFile[]
    expect(report.map((f) => [f.path, f.messages.map((m) => m.fatal)])).toEqual([
      ['other/b.txt', [true]],
      ['wire/a.txt', [false]]
    ])
    const shown = JSON.parse(cli(['--print-config', 'wire/a.txt'], {cwd: dir}).stdout)
    expect(shown.source).toBe('wire')
    expect(shown.config).toBe('.linterrc.json')
    expect(shown.rules['scrape/ad-placeholder']).toBe('warn')
    const other = JSON.parse(cli(['--print-config', 'other/b.txt'], {cwd: dir}).stdout)
    expect(other.source).toBeNull()
    expect(other.rules['scrape/ad-placeholder']).toBe('error')
  })

  it('never reports an allowed phrase', () => {
    const dir = tempDir({'.linterrc.json': '{"allow": ["[ad_1]"]}', 'a.txt': '[ad_1]\n[ad_2]\n'})
    const report = JSON.parse(cli(['.', '--format', 'json'], {cwd: dir}).stdout) as JsonFile[]
    expect(report[0].messages.map((m) => m.actual)).toEqual(['[ad_2]'])
  })

  it('uses the recommended set when no config is found', () => {
    const dir = tempDir({'a.txt': '[ad_1]\nText.\n'})
    const result = cli(['a.txt'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout).toContain('scrape/ad-placeholder')
  })

  it('takes --config FILE and --rule ID=SEVERITY', () => {
    const dir = tempDir({'conf/my.json': '{"rules": {"scrape/ad-placeholder": "off"}}', 'a.txt': '[ad_1]\nText.\n'})
    expect(cli(['a.txt', '--config', 'conf/my.json'], {cwd: dir}).code).toBe(0)
    expect(cli(['a.txt', '--config', 'conf/my.json', '--rule', 'scrape/ad-placeholder=error'], {cwd: dir}).code).toBe(1)
    const bad = cli(['a.txt', '--rule', 'scrape/ad=error'], {cwd: dir})
    expect(bad.code).toBe(2)
    expect(bad.stderr).toContain('unknown rule "scrape/ad"')
    const missing = cli(['a.txt', '--config', 'nope.json'], {cwd: dir})
    expect(missing.code).toBe(2)
    expect(missing.stderr).toBe('newslint: config error: nope.json: config file not found\n')
  })
})

describe('discovery', () => {
  it('walks folders for .txt, .md and .text, honouring ignores and .linterignore', () => {
    const dir = tempDir({
      '.linterrc.json': '{"ignores": ["**/drafts/**"]}',
      '.linterignore': 'private/\n*.skip.txt\n',
      'a.txt': 'One.\n',
      'b.md': 'Two.\n',
      'c.text': 'Three.\n',
      'd.html': '<p>Four.</p>\n',
      'drafts/e.txt': 'Five.\n',
      'private/f.txt': 'Six.\n',
      'g.skip.txt': 'Seven.\n',
      'node_modules/x/h.txt': 'Eight.\n'
    })
    const report = JSON.parse(cli(['--format', 'json'], {cwd: dir}).stdout) as JsonFile[]
    expect(report.map((f) => f.path)).toEqual(['a.txt', 'b.md', 'c.text'])
  })

  it('expands globs', () => {
    const dir = tempDir({'x/a.txt': 'One.\n', 'x/b.txt': 'Two.\n', 'y/c.txt': 'Three.\n'})
    const report = JSON.parse(cli(['x/*.txt', '--format', 'json'], {cwd: dir}).stdout) as JsonFile[]
    expect(report.map((f) => f.path)).toEqual(['x/a.txt', 'x/b.txt'])
  })

  it('exits 2 naming a missing path', () => {
    const dir = tempDir()
    const result = cli(['missing.txt'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('newslint: no such file or directory: missing.txt\n')
  })

  it('exits 2 for a folder with no files to lint', () => {
    const dir = tempDir({'empty/readme.html': '<p/>'})
    const result = cli(['empty'], {cwd: dir})
    expect(result.code).toBe(2)
    expect(result.stderr).toBe('newslint: no files to lint in "empty" (looked for .txt, .md, .text)\n')
  })

  it('lints standard input under --stdin-filename, resolving its source', () => {
    const dir = tempDir({'.linterrc.json': JSON.stringify({sources: [{name: 'wire', files: ['wire/**'], rules: {'scrape/ad-placeholder': 'off'}}]})})
    const plain = cli(['--stdin', '--format', 'json'], {cwd: dir, input: 'Text.\n[ad_3]\n'})
    expect(plain.code).toBe(1)
    const report = JSON.parse(plain.stdout) as JsonFile[]
    expect(report[0].path).toBe('<stdin>')
    expect(report[0].messages[0].line).toBe(2)
    const named = cli(['--stdin', '--stdin-filename', 'wire/x.txt'], {cwd: dir, input: 'Text.\n[ad_3]\n'})
    expect(named.code).toBe(0)
  })
})

describe('output and exit codes', () => {
  const files = {'err.txt': '[ad_1]\nText.\n', 'clean.txt': 'Text.\n'}

  it('writes the report to --output and nothing to stdout', () => {
    const dir = tempDir(files)
    const result = cli(['.', '--format', 'json', '--output', 'report.json'], {cwd: dir})
    expect(result.code).toBe(1)
    expect(result.stdout).toBe('')
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonFile[]
    expect(report).toHaveLength(2)
  })

  it('--quiet reports errors only', () => {
    const dir = tempDir(files)
    const result = cli(['.', '--quiet', '--rule', 'scrape/ad-placeholder=warn', '--format', 'json'], {cwd: dir})
    expect(result.code).toBe(0)
    expect(JSON.parse(result.stdout)).toEqual([])
  })

  it('--max-warnings N exits 1 above N warnings', () => {
    const dir = tempDir(files)
    expect(cli(['.', '--rule', 'scrape/ad-placeholder=warn'], {cwd: dir}).code).toBe(0)
    expect(cli(['.', '--rule', 'scrape/ad-placeholder=warn', '--max-warnings', '1'], {cwd: dir}).code).toBe(0)
    const over = cli(['.', '--rule', 'scrape/ad-placeholder=warn', '--max-warnings', '0'], {cwd: dir})
    expect(over.code).toBe(1)
    expect(over.stderr).toBe('newslint: 1 warnings exceed --max-warnings 0\n')
  })

  it('exits 2 on usage errors', () => {
    expect(cli(['--format', 'xml']).stderr).toBe('newslint: unknown format "xml" (expected one of stylish, json, sarif, github)\n')
    const unknown = cli(['--frobnicate'])
    expect(unknown.code).toBe(2)
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'")
    expect(cli(['--max-warnings', '-1', 'seeds']).code).toBe(2)
  })

  it('`newslint init` writes a starter config that validates, and never overwrites one', () => {
    const dir = tempDir({'a.txt': 'Text.\n'})
    const first = cli(['init'], {cwd: dir})
    expect(first.code).toBe(0)
    expect(first.stdout).toBe('wrote .linterrc.json\n')
    const config = JSON.parse(readFileSync(join(dir, '.linterrc.json'), 'utf8'))
    expect(config.extends).toEqual(['newslint:recommended'])
    expect(cli(['a.txt'], {cwd: dir}).code).toBe(0)
    const second = cli(['init'], {cwd: dir})
    expect(second.code).toBe(2)
    expect(second.stderr).toBe('newslint: .linterrc.json exists already; not overwritten\n')
  })

  it('prints help and version', () => {
    expect(cli(['--help']).stdout).toContain('Usage: newslint')
    expect(cli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version)
  })
})

describe('rules listing', () => {
  it('`newslint rules` lists every rule with severity and fixability', () => {
    const result = cli(['rules'])
    expect(result.code).toBe(0)
    for (const rule of allRules) {
      expect(result.stdout).toMatch(new RegExp(`^${rule.id} +${rule.severity} +${rule.fixable ? 'yes' : 'no'} `, 'm'))
    }
  })

  it('the README rules table is generated from the metadata (run `npm run docs` when this fails)', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
    const start = readme.indexOf(TABLE_START) + TABLE_START.length
    const end = readme.indexOf(TABLE_END)
    expect(readme.slice(start, end).trim()).toBe(rulesMarkdownTable())
  })
})
