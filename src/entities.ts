/**
 * The entity gazetteer: public figures and organisations with their canonical
 * names, aliases, known garbled forms, gender and dated roles.
 *
 * `rules/data/entities.json` ships with newslint; users add their own files
 * through `entities` in `.linterrc.json` (same schema; `version` optional, an
 * entry whose `id` is already known replaces it). Every file is validated with
 * errors naming the file and the key path. The merged gazetteer and its
 * indexes (name forms by first token, name tokens by double-metaphone code) are
 * built once per process per set of files, lazily, on first use.
 */
import {readFileSync} from 'node:fs'
import {join} from 'node:path'
import {doubleMetaphone} from 'double-metaphone'
import {distance} from 'fastest-levenshtein'
import {packageRoot} from './data.js'
import {isCommonWord} from './dictionary.js'
import type {Doc} from './document.js'

export const ROLE_TYPES = [
  'head-of-state', 'head-of-government', 'president', 'vice-president', 'prime-minister', 'chancellor', 'monarch',
  'foreign-minister', 'secretary-of-state', 'defence-minister', 'finance-minister', 'interior-minister', 'minister',
  'press-secretary', 'spokesperson', 'envoy', 'ambassador', 'national-security-adviser', 'adviser', 'party-leader',
  'opposition-leader', 'secretary-general', 'central-bank-governor', 'ceo', 'founder', 'athlete', 'coach', 'mayor',
  'governor', 'senator', 'legislator', 'general', 'judge', 'religious-leader', 'journalist', 'activist', 'other'
] as const
export type RoleType = (typeof ROLE_TYPES)[number]
export const GENDERS = ['female', 'male'] as const
export type Gender = (typeof GENDERS)[number]

export interface Role {
  type: RoleType
  title: string
  /** ISO 3166-1 alpha-2 code, or an organisation's code such as `EU`, `UN`. */
  country: string
  /** First year (a `YYYY-MM-DD` date in the file is kept as its year). */
  start: number
  /** Last year, or null while the role is held. */
  end: number | null
}

export interface Person {
  id: string
  name: string
  aliases: string[]
  garbled: string[]
  gender: Gender
  country: string
  roles: Role[]
}

export interface Organisation {
  id: string
  name: string
  aliases: string[]
  garbled: string[]
  type: string
  country: string
  acronym?: string
}

export interface Gazetteer {
  version?: number | string
  people: Person[]
  organisations: Organisation[]
}

/** A bad gazetteer file; the message names the file and the key path. */
export class EntityError extends Error {}

const MIN_YEAR = 1000
const MAX_YEAR = 2100

function fail(file: string, path: string, message: string): never {
  throw new EntityError(`${file}: ${path}: ${message}`)
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function str(file: string, path: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') fail(file, path, 'expected a non-empty string')
  return value
}

function strings(file: string, path: string, value: unknown): string[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) fail(file, path, 'expected an array of strings')
  return value.map((v, i) => str(file, `${path}[${i}]`, v))
}

function year(file: string, path: string, value: unknown): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= MIN_YEAR && value <= MAX_YEAR) return value
  if (typeof value === 'string') {
    const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value)
    if (match) {
      const y = Number(match[1])
      const m = match[2] === undefined ? 1 : Number(match[2])
      const d = match[3] === undefined ? 1 : Number(match[3])
      if (y >= MIN_YEAR && y <= MAX_YEAR && m >= 1 && m <= 12 && d >= 1 && d <= 31) return y
    }
  }
  fail(file, path, `expected a year (${MIN_YEAR}–${MAX_YEAR}) or a "YYYY-MM-DD" date, got ${JSON.stringify(value)}`)
}

function oneOf<T extends string>(file: string, path: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    fail(file, path, `expected one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`)
  }
  return value as T
}

function checkKeys(file: string, path: string, obj: Record<string, unknown>, known: readonly string[]): void {
  for (const key of Object.keys(obj)) {
    if (!known.includes(key)) fail(file, `${path}.${key}`, `unknown key (known keys: ${known.join(', ')})`)
  }
}

const PERSON_KEYS = ['id', 'name', 'aliases', 'garbled', 'gender', 'country', 'roles', 'note', 'source', 'wikidata']
const ROLE_KEYS = ['type', 'title', 'country', 'start', 'end', 'note', 'source']
const ORG_KEYS = ['id', 'name', 'aliases', 'garbled', 'type', 'country', 'acronym', 'note', 'source', 'wikidata']

function validateRole(file: string, path: string, raw: unknown): Role {
  if (!isObject(raw)) fail(file, path, 'expected a role object')
  checkKeys(file, path, raw, ROLE_KEYS)
  const start = year(file, `${path}.start`, raw.start)
  const end = raw.end === null || raw.end === undefined ? null : year(file, `${path}.end`, raw.end)
  if (end !== null && end < start) fail(file, `${path}.end`, `ends (${end}) before it starts (${start})`)
  return {
    type: oneOf(file, `${path}.type`, raw.type, ROLE_TYPES),
    title: str(file, `${path}.title`, raw.title),
    country: str(file, `${path}.country`, raw.country),
    start,
    end
  }
}

function validatePerson(file: string, path: string, raw: unknown): Person {
  if (!isObject(raw)) fail(file, path, 'expected a person object')
  checkKeys(file, path, raw, PERSON_KEYS)
  if (raw.roles !== undefined && !Array.isArray(raw.roles)) fail(file, `${path}.roles`, 'expected an array of roles')
  return {
    id: str(file, `${path}.id`, raw.id),
    name: str(file, `${path}.name`, raw.name),
    aliases: strings(file, `${path}.aliases`, raw.aliases),
    garbled: strings(file, `${path}.garbled`, raw.garbled),
    gender: oneOf(file, `${path}.gender`, raw.gender, GENDERS),
    country: str(file, `${path}.country`, raw.country),
    roles: ((raw.roles as unknown[] | undefined) ?? []).map((role, i) => validateRole(file, `${path}.roles[${i}]`, role))
  }
}

function validateOrganisation(file: string, path: string, raw: unknown): Organisation {
  if (!isObject(raw)) fail(file, path, 'expected an organisation object')
  checkKeys(file, path, raw, ORG_KEYS)
  const org: Organisation = {
    id: str(file, `${path}.id`, raw.id),
    name: str(file, `${path}.name`, raw.name),
    aliases: strings(file, `${path}.aliases`, raw.aliases),
    garbled: strings(file, `${path}.garbled`, raw.garbled),
    type: str(file, `${path}.type`, raw.type),
    country: str(file, `${path}.country`, raw.country)
  }
  if (raw.acronym !== undefined) org.acronym = str(file, `${path}.acronym`, raw.acronym)
  return org
}

/**
 * Validate a parsed gazetteer. `file` names it in errors. `requireVersion`
 * is set for the shipped file; users' files may leave it out, and may hold
 * only `people` or only `organisations`.
 */
export function validateGazetteer(raw: unknown, file: string, requireVersion = false): Gazetteer {
  if (!isObject(raw)) fail(file, '(root)', 'expected a JSON object with "people" and/or "organisations"')
  checkKeys(file, '(root)', raw, ['$schema', 'version', 'people', 'organisations', 'note', 'sources'])
  if (requireVersion && raw.version === undefined) fail(file, 'version', 'missing')
  if (raw.version !== undefined && typeof raw.version !== 'number' && typeof raw.version !== 'string') {
    fail(file, 'version', 'expected a number or a string')
  }
  if (raw.people === undefined && raw.organisations === undefined) {
    fail(file, '(root)', 'expected "people" and/or "organisations"')
  }
  if (raw.people !== undefined && !Array.isArray(raw.people)) fail(file, 'people', 'expected an array')
  if (raw.organisations !== undefined && !Array.isArray(raw.organisations)) fail(file, 'organisations', 'expected an array')
  const people = ((raw.people as unknown[] | undefined) ?? []).map((p, i) => validatePerson(file, `people[${i}]`, p))
  const organisations = ((raw.organisations as unknown[] | undefined) ?? []).map((o, i) =>
    validateOrganisation(file, `organisations[${i}]`, o)
  )
  const seen = new Map<string, string>()
  const checkId = (id: string, path: string) => {
    const first = seen.get(id)
    if (first) fail(file, `${path}.id`, `duplicate id "${id}" (first at ${first})`)
    seen.set(id, path)
  }
  people.forEach((p, i) => checkId(p.id, `people[${i}]`))
  organisations.forEach((o, i) => checkId(o.id, `organisations[${i}]`))
  return {version: raw.version as number | string | undefined, people, organisations}
}

/** Read, parse and validate one gazetteer file (errors name the file). */
export function loadEntityFile(path: string, shown = path, requireVersion = false): Gazetteer {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new EntityError(`${shown}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
  let raw: unknown
  try {
    raw = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
  } catch (error) {
    throw new EntityError(`${shown}: cannot parse: ${(error as Error).message}`)
  }
  return validateGazetteer(raw, shown, requireVersion)
}

let shipped: Gazetteer | undefined

/** The gazetteer shipped in `rules/data/entities.json`. */
export function shippedGazetteer(): Gazetteer {
  shipped ??= loadEntityFile(join(packageRoot(), 'rules', 'data', 'entities.json'), 'rules/data/entities.json', true)
  return shipped
}

/** Replace the shipped gazetteer (tests, embedding); `undefined` restores the file. Clears the built indexes. */
export function setShippedGazetteer(gazetteer: Gazetteer | undefined): void {
  shipped = gazetteer
  indexes.clear()
}

// ---------------------------------------------------------------------------
// Indexes

export type FormKind = 'name' | 'alias' | 'garbled' | 'surname'

export interface Entity {
  kind: 'person' | 'organisation'
  id: string
  name: string
  person?: Person
  organisation?: Organisation
}

/** One written form of an entity's name. */
export interface NameForm {
  text: string
  tokens: string[]
  /** The tokens in capitals (`PUTIN`), for matching text in capitals. */
  upper: string[]
  entity: Entity
  kind: FormKind
  /**
   * A form that names its entity on its own. Multi-token forms and
   * single-token names/aliases that are not common words are strong; a bare
   * surname or a common-word alias (`May`) is weak: it names the entity only
   * when the document also names it in full.
   */
  strong: boolean
}

/** A token of a name or alias, for sound-alike look-ups. */
export interface NameToken {
  token: string
  entity: Entity
  /** The form it belongs to. */
  form: NameForm
  /** Its index in the form's tokens. */
  index: number
}

export interface EntityIndex {
  entities: Entity[]
  byId: Map<string, Entity>
  /** Name forms by the lower-case first token, longest first. */
  forms: Map<string, NameForm[]>
  /** Lower-case tokens of every name and alias (garbled forms are not known names). */
  tokens: Set<string>
  /** Name and alias tokens (not garbled ones) by double-metaphone code. */
  byCode: Map<string, NameToken[]>
  /** The same tokens by their first two letters in lower case (spelling look-alikes that sound different). */
  byPrefix: Map<string, NameToken[]>
}

/** Split a name into tokens as the parser splits words (hyphens and apostrophes stay inside). */
export function nameTokens(name: string): string[] {
  return name.split(/\s+/).filter(Boolean).map((t) => t.replace(/[’‘]/g, "'"))
}

/** Build the merged index of the shipped gazetteer and the given files. */
export function buildIndex(gazetteers: readonly Gazetteer[]): EntityIndex {
  const byId = new Map<string, Entity>()
  for (const gazetteer of gazetteers) {
    for (const person of gazetteer.people) byId.set(person.id, {kind: 'person', id: person.id, name: person.name, person})
    for (const org of gazetteer.organisations) {
      byId.set(org.id, {kind: 'organisation', id: org.id, name: org.name, organisation: org})
    }
  }
  const entities = [...byId.values()]
  const all: NameForm[] = []
  const seen = new Set<string>()
  const add = (text: string, entity: Entity, kind: FormKind) => {
    const tokens = nameTokens(text)
    if (tokens.length === 0) return
    const key = entity.id + '\u0000' + tokens.join(' ')
    if (seen.has(key)) return
    seen.add(key)
    all.push({text: tokens.join(' '), tokens, upper: tokens.map((t) => t.toUpperCase()), entity, kind, strong: true})
  }
  for (const entity of entities) {
    const source = entity.person ?? entity.organisation
    if (!source) continue
    add(source.name, entity, 'name')
    for (const alias of source.aliases) add(alias, entity, 'alias')
    if (entity.organisation?.acronym) add(entity.organisation.acronym, entity, 'alias')
    for (const garbled of source.garbled) add(garbled, entity, 'garbled')
  }
  // Bare surnames of people: the last token of the name and of multi-token aliases.
  for (const entity of entities) {
    if (!entity.person) continue
    for (const text of [entity.person.name, ...entity.person.aliases]) {
      const tokens = nameTokens(text)
      if (tokens.length < 2) continue
      const last = tokens[tokens.length - 1]
      if (/^(?:jr|sr|ii|iii|iv)\.?$/i.test(last) || last.length < 2) continue
      add(last, entity, 'surname')
    }
  }
  // Strength: a single token is strong when it is a name/alias/garbled form of
  // one entity only and not a common English word.
  const singles = new Map<string, Set<Entity>>()
  for (const form of all) {
    if (form.tokens.length !== 1) continue
    const key = form.tokens[0]
    let set = singles.get(key)
    if (!set) singles.set(key, (set = new Set()))
    set.add(form.entity)
  }
  for (const form of all) {
    if (form.tokens.length !== 1) continue
    const token = form.tokens[0]
    form.strong = form.kind !== 'surname' && singles.get(token)!.size === 1 && !isCommonWord(token)
  }
  const forms = new Map<string, NameForm[]>()
  const tokens = new Set<string>()
  const byCode = new Map<string, NameToken[]>()
  const byPrefix = new Map<string, NameToken[]>()
  const push = (map: Map<string, NameToken[]>, key: string, ref: NameToken) => {
    let refs = map.get(key)
    if (!refs) map.set(key, (refs = []))
    refs.push(ref)
  }
  for (const form of all) {
    const key = form.tokens[0].toLowerCase()
    let list = forms.get(key)
    if (!list) forms.set(key, (list = []))
    list.push(form)
    form.tokens.forEach((token, index) => {
      if (form.kind === 'garbled') return
      tokens.add(token.toLowerCase())
      if (form.kind === 'surname' || token.length < 2) return
      const ref: NameToken = {token, entity: form.entity, form, index}
      for (const code of new Set(metaphone(token))) if (code) push(byCode, code, ref)
      push(byPrefix, token.slice(0, 2).toLowerCase(), ref)
    })
  }
  for (const list of forms.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  return {entities, byId, forms, tokens, byCode, byPrefix}
}

const indexes = new Map<string, EntityIndex | EntityError>()

/**
 * The index of the shipped gazetteer plus `files` (absolute paths), built once per process per file set.
 * A bad file throws its EntityError, every time, without being read again.
 */
export function entityIndex(files: readonly string[] = []): EntityIndex {
  const key = files.join('\n')
  let index = indexes.get(key)
  if (!index) {
    try {
      index = buildIndex([shippedGazetteer(), ...files.map((file) => loadEntityFile(file))])
    } catch (error) {
      if (!(error instanceof EntityError)) throw error
      index = error
    }
    indexes.set(key, index)
  }
  if (index instanceof EntityError) throw index
  return index
}

/** The user's entity files for this document: the config's `entities` (absolute paths), set by the engine. */
export function userEntityFiles(doc: Doc): readonly string[] {
  return doc.context?.entities ?? []
}

/** The entity index for a document (shipped gazetteer + the user's files). */
export function entityIndexFor(doc: Doc): EntityIndex {
  return entityIndex(userEntityFiles(doc))
}

// ---------------------------------------------------------------------------
// String similarity

/** Jaro-Winkler similarity (0–1), prefix scale 0.1 over at most 4 characters. */
export function jaroWinkler(a: string, b: string): number {
  if (a === b) return 1
  const la = a.length
  const lb = b.length
  if (la === 0 || lb === 0) return 0
  const window = Math.max(0, (Math.max(la, lb) >> 1) - 1)
  if (la > matchedA.length) matchedA = new Uint8Array(la * 2)
  if (lb > matchedB.length) matchedB = new Uint8Array(lb * 2)
  matchedA.fill(0, 0, la)
  matchedB.fill(0, 0, lb)
  let matches = 0
  for (let i = 0; i < la; i++) {
    const from = Math.max(0, i - window)
    const to = Math.min(lb - 1, i + window)
    const c = a.charCodeAt(i)
    for (let j = from; j <= to; j++) {
      if (matchedB[j] || c !== b.charCodeAt(j)) continue
      matchedA[i] = matchedB[j] = 1
      matches++
      break
    }
  }
  if (matches === 0) return 0
  let transpositions = 0
  let k = 0
  for (let i = 0; i < la; i++) {
    if (!matchedA[i]) continue
    while (!matchedB[k]) k++
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions++
    k++
  }
  const jaro = (matches / la + matches / lb + (matches - transpositions / 2) / matches) / 3
  let prefix = 0
  while (prefix < 4 && prefix < la && prefix < lb && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++
  return jaro + prefix * 0.1 * (1 - jaro)
}

/** Scratch flags of `jaroWinkler` (reused: no arrays per comparison). */
let matchedA = new Uint8Array(64)
let matchedB = new Uint8Array(64)

/** Edit distance allowed between two tokens (OpenSanctions nomenklatura): min(4, ceil(0.2 × shorter length)). */
export function allowedDistance(a: string, b: string): number {
  return Math.min(4, Math.ceil(0.2 * Math.min(a.length, b.length)))
}

const codeCache = new Map<string, [string, string]>()

/** The double-metaphone codes of a word, memoised (news text repeats its names). */
export function metaphone(word: string): [string, string] {
  let codes = codeCache.get(word)
  if (!codes) {
    if (codeCache.size > 100_000) codeCache.clear()
    codes = doubleMetaphone(word) as [string, string]
    codeCache.set(word, codes)
  }
  return codes
}

/** Do two tokens share a double-metaphone code? */
export function soundsAlike(a: string, b: string): boolean {
  const [pa, sa] = metaphone(a)
  const [pb, sb] = metaphone(b)
  return Boolean(pa) && (pa === pb || pa === sb || sa === pb || (Boolean(sa) && sa === sb))
}

export {distance as levenshtein}

/**
 * The replacement for a garbled form: the name, alias or run of name tokens
 * with as many tokens as the garbled form and the smallest edit distance
 * (the name's own tokens win ties).
 */
export function replacementFor(garbled: string, entity: Entity): string {
  const source = entity.person ?? entity.organisation
  const tokens = nameTokens(garbled)
  const n = tokens.length
  const candidates: string[] = []
  for (const text of [entity.name, ...(source?.aliases ?? [])]) {
    const parts = nameTokens(text)
    for (let i = 0; i + n <= parts.length; i++) candidates.push(parts.slice(i, i + n).join(' '))
  }
  if (candidates.length === 0) return entity.name
  let best = candidates[0]
  let bestDistance = Infinity
  const lower = tokens.join(' ').toLowerCase()
  for (const candidate of candidates) {
    const d = distance(lower, candidate.toLowerCase())
    if (d < bestDistance) {
      best = candidate
      bestDistance = d
    }
  }
  return best
}
