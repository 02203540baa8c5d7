/**
 * Shared per-document index of the names/ rules (not a rule): the gazetteer
 * mentions found in `doc.words`, the runs of capitalised words, role phrases
 * bound to a mention, and the article's year. Built once per document and
 * kept in `doc.shared`, so the six names/ rules share one pass.
 */
import type {Doc} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import {isCommonWord} from '../../src/dictionary.js'
import {FLAG_UPPER_START, lexicon, wordFacts} from '../translation/shared.js'
import {entityIndexFor, type Entity, type EntityIndex, type FormKind, type NameForm, type RoleType} from '../../src/entities.js'

export interface Mention {
  /** Offsets of the name in `doc.text` (without a possessive `'s`, without the glued rest of a word). */
  start: number
  end: number
  /** Word indexes of its first and last word. */
  first: number
  last: number
  text: string
  /** The forms (of one length) matching here, one per entity at most. */
  forms: NameForm[]
  /** The entity it names, when that is certain (see `resolve`). */
  entity?: Entity
  /** The kind of form that named the entity. */
  kind: FormKind
  /** The last word runs on into the next sentence (`ZhelenskyTherefore`). */
  glued: boolean
}

/** A run of capitalised words in one sentence, separated by single spaces. */
export interface CapitalSpan {
  first: number
  last: number
}

export interface NamesIndex {
  gazetteer: EntityIndex
  mentions: Mention[]
  /** Word index → index in `mentions` of the mention covering it, or -1. */
  mentionAt: Int32Array
  spans: CapitalSpan[]
  /** The article's time, from the full dates in the text. */
  time: ArticleTime
  /** Ids of entities the document names with a strong form. */
  named: Set<string>
}

// ---------------------------------------------------------------------------
// Role phrase data

export interface RolePhrase {
  phrase: string
  tokens: string[]
  types: RoleType[]
}

export interface GenderedTitle {
  phrase: string
  tokens: string[]
  gender: 'female' | 'male'
  other: string
}

interface RoleData {
  roles: Array<{phrase: string; types: RoleType[]}>
  gendered: Array<{phrase: string; gender: 'female' | 'male'; other: string}>
  countries: Array<{code: string; words: string[]}>
  blockers: string[]
}

export interface RoleTables {
  roles: RolePhrase[]
  gendered: GenderedTitle[]
  /** Lower-case word sequence (joined by a space) → country code. */
  countries: Map<string, string>
  /** Longest country phrase in words. */
  countryWords: number
  blockers: Set<string>
}

let tables: RoleTables | undefined

export function roleTables(): RoleTables {
  if (tables) return tables
  const data = loadData<RoleData>('names-roles.json')
  const split = (phrase: string) => phrase.toLowerCase().split(/\s+/)
  const countries = new Map<string, string>()
  let countryWords = 1
  for (const entry of data.countries) {
    for (const word of entry.words) {
      countries.set(word.toLowerCase(), entry.code)
      countryWords = Math.max(countryWords, split(word).length)
    }
  }
  tables = {
    roles: data.roles
      .map((r) => ({phrase: r.phrase, tokens: split(r.phrase), types: r.types}))
      .sort((a, b) => b.tokens.length - a.tokens.length),
    gendered: data.gendered
      .map((g) => ({phrase: g.phrase, tokens: split(g.phrase), gender: g.gender, other: g.other}))
      .sort((a, b) => b.tokens.length - a.tokens.length),
    countries,
    countryWords,
    blockers: new Set(data.blockers.map((b) => b.toLowerCase()))
  }
  return tables
}

// ---------------------------------------------------------------------------
// Words

const APOSTROPHES = /[’‘`]/g
const HAS_APOSTROPHE = /[’‘`]/

/** A word's text with straight apostrophes. */
export function plain(word: string): string {
  return HAS_APOSTROPHE.test(word) ? word.replace(APOSTROPHES, "'") : word
}

/** Strip a possessive ending (`Putin's`, `Psakis'` stays). */
function unpossessive(word: string): string {
  if (word.endsWith("'s") || word.endsWith("'S")) return word.slice(0, -2)
  return word
}

/** Is the word capitalised (`Putin`, `TASS`, `Rosija-1`, `O'Brien`)? */
export function isCapitalised(word: string): boolean {
  const c = word.charCodeAt(0)
  if (c < 128) return c >= 65 && c <= 90 // no other ASCII character is an upper-case letter
  return /^\p{Lu}/u.test(word)
}

/** Only spaces (or a tab) between two offsets: the words belong to one name. */
export function spaceOnly(text: string, from: number, to: number): boolean {
  if (to <= from || to - from > 3) return false
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0xa0) return false
  }
  return true
}

/** The word is the token, or the token in capitals (`PUTIN`; not for short tokens: `UN` is not `Un`). `upper` is the token in capitals. */
function sameToken(word: string, token: string, upper: string): boolean {
  return word === token || (word.length > 3 && word === upper && word !== word.toLowerCase())
}

/** `ZhelenskyTherefore` → `Zhelensky`: a word glued to the capitalised common word of the next sentence. */
function gluedPrefix(word: string): string | undefined {
  for (let j = word.length - 2; j >= 2; j--) {
    const c = word.charCodeAt(j)
    if (c < 65 || c > 90) continue
    const before = word.charCodeAt(j - 1)
    if (before < 97 || before > 122) continue
    const rest = word.slice(j)
    if (rest.length >= 2 && /^[A-Z][a-z]+$/.test(rest) && isCommonWord(rest)) return word.slice(0, j)
  }
  return undefined
}

// ---------------------------------------------------------------------------
// The index

const MONTHS =
  '(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)'
const DATES = [
  /\b((?:19|20)\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b/g,
  new RegExp(`\\b${MONTHS}\\.? \\d{1,2}(?:st|nd|rd|th)?,? ((?:19|20)\\d\\d)\\b`, 'g'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTHS}\\.?,? ((?:19|20)\\d\\d)\\b`, 'g')
]

const YEAR = /(?:19|20)\d\d/
const MONTH_NAME = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/

export interface ArticleTime {
  /** The year of a full date at the top of the document (a dateline or leaked metadata): the article's year. */
  year?: number
  /** The latest year of a full date anywhere: the article is not older. */
  notBefore?: number
}

/** How far into the document a full date counts as the article's own date. */
const TOP = 300

/**
 * The article's time from its full dates (`2021-12-07`, `December 2, 2021`, `2 December 2021`): the year of
 * a date in the first `TOP` characters is the article's year; the latest year anywhere is a lower bound
 * (articles cite older dates, `September 11, 2001`, but rarely later ones).
 */
export function articleTime(text: string): ArticleTime {
  const time: ArticleTime = {}
  // Every date holds a year, and two of the three forms a month's name: most texts need no more than these tests.
  if (!YEAR.test(text)) return time
  const months = MONTH_NAME.test(text)
  for (const re of DATES) {
    if (re !== DATES[0] && !months) continue
    re.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = re.exec(text))) {
      const y = Number(m[1])
      if (m.index < TOP && time.year === undefined) time.year = y
      if (time.notBefore === undefined || y > time.notBefore) time.notBefore = y
    }
  }
  return time
}

/** Was `role` held at the article's time, give or take `tolerance` years before it? */
export function heldAt(role: {start: number; end: number | null}, time: ArticleTime, tolerance: number): boolean {
  if (time.year !== undefined) return role.start <= time.year && (role.end === null || role.end >= time.year - tolerance)
  if (time.notBefore !== undefined) return role.end === null || role.end >= time.notBefore - tolerance
  return true
}

/** What a word's text alone decides for the names/ rules (per gazetteer index). */
export interface NameWord {
  /** `plain(text)`. */
  plain: string
  /** `unpossessive(plain)`. */
  unpossessive: string
  /** `gluedPrefix(plain)`. */
  glued: string | undefined
  /** The gazetteer's forms (longest first) under each key the word gives, in the order they are tried; empty for most words. */
  starts: NameForm[][]
  /** `names/fuzzy-name`: neither the dictionary nor the gazetteer knows the word (whatever its length): 1 yes, 2 no, 0 not yet known. */
  unknown: number
  /** `names/fuzzy-name`: a gazetteer name with a foreign case ending: 1 yes, 2 no, 0 not yet known. */
  caseEnding: number
}

function makeNameWord(gazetteer: EntityIndex, text: string): NameWord {
  const firstText = plain(text)
  const whole = unpossessive(firstText)
  const glued = gluedPrefix(firstText)
  const keys = [whole.toLowerCase()]
  if (firstText !== whole) keys.push(firstText.toLowerCase())
  if (glued) keys.push(glued.toLowerCase())
  const starts: NameForm[][] = []
  for (const key of keys) {
    const candidates = gazetteer.forms.get(key)
    if (candidates) starts.push(candidates)
  }
  return {plain: firstText, unpossessive: whole, glued, starts, unknown: 0, caseEnding: 0}
}

/** The NameWord of word `i` of the document, kept with the word's lexicon entry. */
export function nameWordAt(doc: Doc, gazetteer: EntityIndex, i: number): NameWord {
  return nameWordOf(gazetteer, wordFacts(doc).ids[i])
}

/** The NameWord of lexicon id `id`. */
function nameWordOf(gazetteer: EntityIndex, id: number): NameWord {
  const L = lexicon
  if (L.namesFor[id] !== gazetteer) {
    L.names[id] = makeNameWord(gazetteer, L.text[id])
    L.namesFor[id] = gazetteer
  }
  return L.names[id] as NameWord
}

const NO_FORMS: NameForm[] = []

/** Word `i` the following words were read for, and what `followingWord` found (`plain` text, or null: not spaced). */
let followingFor = -1
let followingDoc: Doc | undefined
const following: Array<string | null | undefined> = []

/**
 * `plain` of word `i + k` (k > 0) when only spaces separate it from word `i + k - 1`, else undefined; read once
 * per word `i`, however many of the gazetteer's forms are tried there.
 */
function followingWord(doc: Doc, i: number, k: number): string | undefined {
  if (followingFor !== i || followingDoc !== doc) {
    followingFor = i
    followingDoc = doc
    following.length = 0
  }
  let value = following[k]
  if (value === undefined) {
    const words = doc.words
    value = spaceOnly(doc.text, words[i + k - 1].end, words[i + k].start) ? plain(words[i + k].text) : null
    following[k] = value
  }
  return value === null ? undefined : value
}

function matchAt(doc: Doc, gazetteer: EntityIndex, i: number, first: NameWord): Mention | undefined {
  const words = doc.words
  for (const candidates of first.starts) {
    let best: NameForm[] = NO_FORMS
    let bestLength = 0
    let bestEnd = 0
    let bestGlued = false
    for (const form of candidates) {
      const n = form.tokens.length
      if (n < bestLength) break
      if (i + n > words.length) continue
      let ok = true
      let end = 0
      let glued = false
      for (let k = 0; k < n && ok; k++) {
        const word = words[i + k]
        const text = k === 0 ? first.plain : followingWord(doc, i, k)
        if (text === undefined) {
          // Not a name's next word: more than spaces between.
          ok = false
          break
        }
        const token = form.tokens[k]
        const upper = form.upper[k]
        if (sameToken(text, token, upper)) {
          end = word.end
          continue
        }
        if (k !== n - 1) {
          ok = false
          continue
        }
        const info = k === 0 ? first : nameWordAt(doc, gazetteer, i + k)
        if (sameToken(info.unpossessive, token, upper)) {
          end = word.start + info.unpossessive.length
        } else if (info.glued !== undefined && sameToken(info.glued, token, upper)) {
          end = word.start + token.length
          glued = true
        } else {
          ok = false
        }
      }
      if (!ok) continue
      if (n > bestLength || best === NO_FORMS) {
        best = []
        bestLength = n
      }
      if (!hasEntity(best, form.entity)) best.push(form)
      bestEnd = end
      bestGlued = glued
    }
    if (best.length === 0) continue
    return {
      start: words[i].start,
      end: bestEnd,
      first: i,
      last: i + bestLength - 1,
      text: doc.text.slice(words[i].start, bestEnd),
      forms: best,
      kind: best[0].kind,
      glued: bestGlued
    }
  }
  return undefined
}

function hasEntity(forms: NameForm[], entity: Entity): boolean {
  for (const form of forms) if (form.entity === entity) return true
  return false
}

const KIND_RANK: Record<FormKind, number> = {name: 0, alias: 1, garbled: 2, surname: 3}

/**
 * Decide which entity each mention names. A name or alias beats someone
 * else's bare surname (`UN` is the United Nations, not Kim Jong Un); a
 * strong form names its entity; a weak one (a surname, a common-word alias
 * such as `Trump`) names the one candidate the document names in full.
 */
/** A mention's candidate forms: its own names and aliases before others' bare surnames. */
function candidatesOf(mention: Mention): NameForm[] {
  let surnames = 0
  for (const form of mention.forms) if (form.kind === 'surname') surnames++
  if (surnames === 0 || surnames === mention.forms.length) return mention.forms
  return mention.forms.filter((f) => f.kind !== 'surname')
}

function resolve(mentions: Mention[]): Set<string> {
  const named = new Set<string>()
  for (const mention of mentions) {
    const candidates = candidatesOf(mention)
    if (candidates.length === 1 && candidates[0].strong) named.add(candidates[0].entity.id)
  }
  for (const mention of mentions) {
    const candidates = candidatesOf(mention)
    let chosen: NameForm | undefined
    if (candidates.length === 1 && candidates[0].strong) chosen = candidates[0]
    else {
      const inDoc = candidates.filter((f) => named.has(f.entity.id))
      if (inDoc.length === 1) chosen = inDoc[0]
    }
    if (chosen) {
      mention.entity = chosen.entity
      mention.kind = chosen.kind
    } else {
      mention.kind = candidates.map((f) => f.kind).sort((a, b) => KIND_RANK[a] - KIND_RANK[b])[0]
    }
  }
  return named
}

function emptyIndex(doc: Doc): NamesIndex {
  const gazetteer: EntityIndex = {entities: [], byId: new Map(), forms: new Map(), tokens: new Set(), byCode: new Map(), byPrefix: new Map()}
  return {gazetteer, mentions: [], mentionAt: new Int32Array(doc.words.length).fill(-1), spans: [], time: {}, named: new Set()}
}

/** The names index of a document, built once and shared through `doc.shared`. */
export function namesIndex(doc: Doc): NamesIndex {
  const cached = doc.shared.get('names:index') as NamesIndex | undefined
  if (cached) return cached
  let gazetteer: EntityIndex
  try {
    gazetteer = entityIndexFor(doc)
  } catch (error) {
    // A bad entities file: the first names/ rule reports it (as a rule error), the others stay quiet.
    doc.shared.set('names:index', emptyIndex(doc))
    throw error
  }
  const words = doc.words
  const mentions: Mention[] = []
  const mentionAt = new Int32Array(words.length).fill(-1)
  const spans: CapitalSpan[] = []
  let spanFirst = -1
  const ids = wordFacts(doc).ids
  const flags = lexicon.flags
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    const capital = (flags[ids[i]] & FLAG_UPPER_START) !== 0 // isCapitalised(word.text)
    // Capitalised runs.
    if (capital) {
      if (spanFirst >= 0 && (words[i - 1].sentence !== word.sentence || !spaceOnly(doc.text, words[i - 1].end, word.start))) {
        spans.push({first: spanFirst, last: i - 1})
        spanFirst = -1
      }
      if (spanFirst < 0) spanFirst = i
    } else if (spanFirst >= 0) {
      spans.push({first: spanFirst, last: i - 1})
      spanFirst = -1
    }
    if (!capital || mentionAt[i] >= 0) continue
    const first = nameWordOf(gazetteer, ids[i])
    if (first.starts.length === 0) continue
    const mention = matchAt(doc, gazetteer, i, first)
    if (!mention) continue
    for (let k = mention.first; k <= mention.last; k++) mentionAt[k] = mentions.length
    mentions.push(mention)
  }
  if (spanFirst >= 0) spans.push({first: spanFirst, last: words.length - 1})
  const named = resolve(mentions)
  const index: NamesIndex = {gazetteer, mentions, mentionAt, spans, time: articleTime(doc.text), named}
  doc.shared.set('names:index', index)
  return index
}

// ---------------------------------------------------------------------------
// Phrases bound to a mention

export interface BoundPhrase<T> {
  entry: T
  /** Offsets of the phrase (with its country word, if any). */
  start: number
  end: number
  /** Word index of the phrase's first word (without the country word). */
  first: number
  /** Country code of a country word right before the phrase (`US envoy`). */
  country?: string
  /** A blocker (`former`, `deputy`) precedes the phrase. */
  blocked: boolean
}

const lastIndexes = new WeakMap<readonly object[], Map<string, unknown[]>>()

/** Phrase entries by their last token (longest first), built once per list. */
function entriesByLast<T extends {tokens: string[]}>(entries: readonly T[]): Map<string, T[]> {
  let map = lastIndexes.get(entries) as Map<string, T[]> | undefined
  if (!map) {
    map = new Map()
    for (const entry of entries) {
      const last = entry.tokens[entry.tokens.length - 1]
      let list = map.get(last)
      if (!list) map.set(last, (list = []))
      list.push(entry)
    }
    for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
    lastIndexes.set(entries, map as Map<string, unknown[]>)
  }
  return map
}

/** Words of `doc` from `first` to `last` (inclusive) in lower case match `tokens`. */
function wordsEqual(doc: Doc, first: number, tokens: string[]): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const word = doc.words[first + k]
    if (!word || plain(word.text).toLowerCase() !== tokens[k]) return false
    if (k > 0 && !spaceOnly(doc.text, doc.words[first + k - 1].end, word.start)) return false
  }
  return true
}

const APPOSITION_GAP = /^(?:[ \t\u00a0]{1,2}|, ?)$/
const SPACE_GAP = /^[ \t\u00a0]{1,2}$/
const COMMA_AFTER = /^\s*,/
const BLOCKER_PREFIX = /^(?:ex|then|former|acting|deputy|vice)-/

/**
 * A phrase from `entries` written right before the mention: `Foreign Minister
 * Sergei Lavrov`, `his US envoy, Zhen Zaki,` (an apposition, closed by a
 * comma), `Secretary of State Anthony Blinken` (one capitalised first name
 * may sit between the phrase and a surname).
 */
export function phraseBefore<T extends {tokens: string[]}>(doc: Doc, mention: Mention, entries: readonly T[]): BoundPhrase<T> | undefined {
  const words = doc.words
  const byLast = entriesByLast(entries)
  const sentence = words[mention.first].sentence
  const ends: number[] = [mention.first - 1]
  // One capitalised word between the phrase and a bare surname (a first name the gazetteer does not list).
  if (mention.kind === 'surname' || mention.last === mention.first) {
    const w = mention.first - 1
    if (w >= 0 && isCapitalised(words[w].text) && spaceOnly(doc.text, words[w].end, words[mention.first].start)) {
      ends.push(w - 1)
    }
  }
  for (const end of ends) {
    if (end < 0 || words[end].sentence !== sentence) continue
    const next = end + 1 === mention.first ? mention.start : words[end + 1].start
    const gap = doc.text.slice(words[end].end, next)
    if (!APPOSITION_GAP.test(gap)) continue
    if (end + 1 !== mention.first && !SPACE_GAP.test(gap)) continue
    // `his US envoy, Zhen Zaki, said`: an apposition closes with a comma after the name
    // (not `after meeting the prime minister, Biden said`).
    if (gap.startsWith(',') && !COMMA_AFTER.test(doc.text.slice(mention.end, mention.end + 3))) continue
    for (const entry of byLast.get(plain(words[end].text).toLowerCase()) ?? []) {
      const n = entry.tokens.length
      const first = end - n + 1
      if (first < 0 || words[first].sentence !== sentence) continue
      if (!wordsEqual(doc, first, entry.tokens)) continue
      const bound: BoundPhrase<T> = {entry, start: words[first].start, end: words[end].end, first, blocked: false}
      const t = roleTables()
      let lead = first
      // A country word before the phrase (`US envoy`, `White House spokesman`).
      if (first > 0 && spaceOnly(doc.text, words[first - 1].end, words[first].start)) {
        for (let n2 = t.countryWords; n2 >= 1; n2--) {
          const c = first - n2
          if (c < 0 || words[c].sentence !== sentence) continue
          const key = words.slice(c, first).map((w) => plain(w.text).toLowerCase()).join(' ')
          const code = t.countries.get(key)
          if (code) {
            bound.country = code
            bound.start = words[c].start
            lead = c
            break
          }
        }
      }
      // `former`, `deputy`, `then-` before it: someone else's role, or another time.
      const before = words[lead - 1]
      if (before && before.sentence === sentence) {
        const lower = plain(before.text).toLowerCase()
        if (t.blockers.has(lower) || BLOCKER_PREFIX.test(lower)) bound.blocked = true
      }
      return bound
    }
  }
  return undefined
}
