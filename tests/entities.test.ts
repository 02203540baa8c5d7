/** The shipped gazetteer's schema and contents, and clear errors for users' entity files. */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {describe, expect, it} from 'vitest'
import {
  EntityError,
  GENDERS,
  ROLE_TYPES,
  entityIndex,
  loadEntityFile,
  replacementFor,
  shippedGazetteer,
  validateGazetteer
} from '../src/entities.js'
import {isCommonWord} from '../src/dictionary.js'
import {ROOT} from './helpers.js'
import {lintString} from '../src/api.js'

const dir = mkdtempSync(join(tmpdir(), 'newslint-entities-'))

function userFile(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

const person = {
  id: 'jane-roe', name: 'Jane Roe', aliases: [], garbled: ['Zhane Roe'], gender: 'female', country: 'US',
  roles: [{type: 'mayor', title: 'Mayor of Springfield', country: 'US', start: 2019, end: null}]
}

describe('shipped gazetteer (rules/data/entities.json)', () => {
  const gazetteer = loadEntityFile(join(ROOT, 'rules', 'data', 'entities.json'), 'rules/data/entities.json', true)
  const thisYear = new Date().getFullYear()

  it('validates and holds at least 300 people', () => {
    expect(gazetteer.version).toBeDefined()
    expect(gazetteer.people.length).toBeGreaterThanOrEqual(300)
    expect(shippedGazetteer().people.length).toBe(gazetteer.people.length)
  })

  it('has unique ids, allowed genders, role types and sane years', () => {
    const ids = [...gazetteer.people, ...gazetteer.organisations].map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const p of gazetteer.people) {
      expect(GENDERS).toContain(p.gender)
      for (const role of p.roles) {
        expect(ROLE_TYPES).toContain(role.type)
        expect(role.start).toBeGreaterThanOrEqual(1900)
        expect(role.start).toBeLessThanOrEqual(thisYear + 1)
        if (role.end !== null) {
          expect(role.end).toBeGreaterThanOrEqual(role.start)
          expect(role.end).toBeLessThanOrEqual(thisYear + 1)
        }
      }
    }
  })

  it('never lists a garbled form that is a right name, an alias or an English word', () => {
    const right = new Set<string>()
    for (const e of [...gazetteer.people, ...gazetteer.organisations]) {
      right.add(e.name)
      for (const alias of e.aliases) right.add(alias)
    }
    for (const e of [...gazetteer.people, ...gazetteer.organisations]) {
      for (const garbled of e.garbled) {
        expect(right.has(garbled), `${e.id}: garbled "${garbled}" is also a right name`).toBe(false)
        if (!garbled.includes(' ')) expect(isCommonWord(garbled), `${e.id}: garbled "${garbled}" is an English word`).toBe(false)
      }
    }
  })

  it('knows the seeds\' people and agencies by their right names, and their garbled forms', () => {
    const index = entityIndex()
    const named = (text: string) => (index.forms.get(text.split(' ')[0].toLowerCase()) ?? []).filter((f) => f.text === text)
    for (const name of ['Vladimir Putin', 'Joe Biden', 'Dmitry Peskov', 'Maria Zakharova', 'Antony Blinken', 'Sergei Lavrov',
      'Sergey Lavrov', 'Yuri Ushakov', 'Karen Donfried', 'Alexander Lukashenko', 'Lloyd Austin', 'Alexei Navalny', 'Alexey Navalny',
      'Jake Sullivan', 'John Sullivan', 'Jen Psaki', 'Volodymyr Zelensky', 'TASS', 'Interfax', 'Reuters', 'AFP']) {
      const forms = named(name)
      expect(forms.length, name).toBeGreaterThan(0)
      expect(forms.every((f) => f.kind !== 'garbled'), name).toBe(true)
    }
    expect(named('Zhen Zaki').map((f) => [f.entity.name, f.kind])).toEqual([['Jen Psaki', 'garbled']])
    expect(named('Zhelensky').map((f) => f.kind)).toEqual(['garbled'])
    expect(named('Rosija-1').map((f) => f.kind)).toEqual(['garbled'])
  })

  it('proposes the right form with as many words as the garbled one', () => {
    const index = entityIndex()
    const replacement = (garbled: string) => {
      const form = index.forms.get(garbled.split(' ')[0].toLowerCase())!.find((f) => f.text === garbled)!
      return replacementFor(form.text, form.entity)
    }
    expect(replacement('Zhen Zaki')).toBe('Jen Psaki')
    expect(replacement('Zhelensky')).toBe('Zelensky')
    expect(replacement('Rosija-1')).toBe('Rossiya-1')
  })
})

describe('users\' entity files', () => {
  it('accepts a complete example file (tests/fixtures/entities-mini.json)', () => {
    const example = loadEntityFile(join(ROOT, 'tests', 'fixtures', 'entities-mini.json'), 'entities-mini.json')
    expect(example.people.map((p) => p.id)).toContain('jen-psaki')
    expect(example.organisations.map((o) => o.id)).toContain('rossiya-1')
  })

  it('loads a valid file and merges it into the index', () => {
    const path = userFile('ok.json', {people: [person]})
    const index = entityIndex([path])
    expect(index.byId.get('jane-roe')?.name).toBe('Jane Roe')
    expect(index.forms.get('zhane')?.[0].kind).toBe('garbled')
    expect(index.byId.has('vladimir-putin') || index.entities.length > 300).toBe(true)
  })

  it('replaces a shipped entry with the same id', () => {
    const psaki = entityIndex().byId.get('jen-psaki')!.person!
    const path = userFile('override.json', {people: [{...psaki, garbled: [...psaki.garbled, 'Jenn Psakey'], note: 'local form'}]})
    const index = entityIndex([path])
    expect(index.entities.filter((e) => e.id === 'jen-psaki')).toHaveLength(1)
    expect(index.forms.get('jenn')?.map((f) => [f.entity.id, f.kind])).toEqual([['jen-psaki', 'garbled']])
  })

  it('reaches the rules through `entities` in the config', () => {
    const path = userFile('through-config.json', {people: [person]})
    const text = 'On Monday, Mayor Zhane Roe opened the bridge.\n'
    const only = ['names/known-variant']
    expect(lintString(text, {only}).messages).toEqual([])
    const file = lintString(text, {config: {entities: [path]}, only})
    expect(file.messages.map((m) => [m.reason, m.expected])).toEqual([['Unexpected garbled name `Zhane Roe`, use `Jane Roe`', ['Jane Roe']]])
  })

  it('a bad file in the config is reported once, naming the file and the key path', () => {
    const path = userFile('bad-in-config.json', {people: [{...person, gender: 'f'}]})
    let problems: string[]
    try {
      // The engine may validate entity files with the config (an error) or leave them to the rules (one rule error).
      problems = lintString('Jane Roe spoke.\n', {config: {entities: [path]}}).messages
        .filter((m) => m.ruleId === 'newslint/rule-error')
        .map((m) => m.reason)
    } catch (error) {
      problems = [(error as Error).message]
    }
    expect(problems).toHaveLength(1)
    expect(problems[0]).toContain(`${path}: people[0].gender: expected one of female, male, got "f"`)
  })

  it('names the file and the key path of a bad value', () => {
    const path = userFile('bad-gender.json', {people: [{...person, gender: 'f'}]})
    expect(() => loadEntityFile(path, 'entities.local.json')).toThrow(EntityError)
    expect(() => loadEntityFile(path, 'entities.local.json')).toThrow(
      'entities.local.json: people[0].gender: expected one of female, male, got "f"'
    )
  })

  it('reports role types, years, unknown keys and duplicate ids', () => {
    const bad = (name: string, p: unknown) => () => loadEntityFile(userFile(name, {people: [p]}), name)
    expect(bad('type.json', {...person, roles: [{...person.roles[0], type: 'mayr'}]})).toThrow(
      /^type\.json: people\[0\]\.roles\[0\]\.type: expected one of head-of-state, .* got "mayr"$/
    )
    expect(bad('year.json', {...person, roles: [{...person.roles[0], start: 'last year'}]})).toThrow(
      'year.json: people[0].roles[0].start: expected a year (1000–2100) or a "YYYY-MM-DD" date, got "last year"'
    )
    expect(bad('order.json', {...person, roles: [{...person.roles[0], start: 2020, end: 2019}]})).toThrow(
      'order.json: people[0].roles[0].end: ends (2019) before it starts (2020)'
    )
    expect(bad('key.json', {...person, gendre: 'female'})).toThrow(/^key\.json: people\[0\]\.gendre: unknown key/)
    expect(() => validateGazetteer({people: [person, person]}, 'dup.json')).toThrow(
      'dup.json: people[1].id: duplicate id "jane-roe" (first at people[0])'
    )
  })

  it('reports JSON syntax errors and unreadable files', () => {
    expect(() => loadEntityFile(userFile('syntax.json', '{"people": ['), 'syntax.json')).toThrow(/^syntax\.json: cannot parse: /)
    expect(() => loadEntityFile(join(dir, 'missing.json'), 'missing.json')).toThrow('missing.json: cannot read: ENOENT')
    expect(() => validateGazetteer([], 'array.json')).toThrow('array.json: (root): expected a JSON object with "people" and/or "organisations"')
  })
})
