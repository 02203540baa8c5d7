/**
 * Shared per-document index of the names/ rules (not a rule): the gazetteer
 * mentions found in `doc.words`, the runs of capitalised words, role phrases
 * bound to a mention, and the article's year (worked out on first need). Built
 * once per document and kept in `doc.shared`, so the six names/ rules share one
 * pass.
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
  /** The forms (of one length) matching here, one per entity at most (shared between mentions: never changed). */
  forms: NameForm[]
  /**
   * The entity it names, when that is certain (see `resolve`). (Made undefined with the mention, not added by
   * `resolve`: every mention has the one shape, and the rules' reads of mentions stay monomorphic.)
   */
  entity: Entity | undefined
  /** The kind of form that named the entity. */
  kind: FormKind
  /** The last word runs on into the next sentence (`ZhelenskyTherefore`). */
  glued: boolean
}

export interface NamesIndex {
  gazetteer: EntityIndex
  mentions: Mention[]
  /** Word index → index in `mentions` of the mention covering it, or -1. */
  mentionAt: Int32Array
  /**
   * The runs of capitalised words in one sentence, separated by only spaces, as pairs of word indexes: the
   * first and last word of run `k` are `spans[2 * k]` and `spans[2 * k + 1]`.
   */
  spans: number[]
  /** The article's time, from the full dates in the text: see `articleTimeOf` (undefined until asked). */
  time: ArticleTime | undefined
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
  /** The first word of each country phrase. */
  countryLeads: Set<string>
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
    countryLeads: new Set([...countries.keys()].map((key) => key.split(' ')[0])),
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

const YEARS = /(?:19|20)\d\d/g
const MONTH_NAME = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec/

/**
 * The most characters a match of each of `DATES` has before its year: none for `2021-12-07`, 17 for
 * `September 30th, 2021`, 20 for `30th of September, 2021`.
 */
const BEFORE_YEAR = [0, 17, 20]
/** `DATES`, sticky: tried at given offsets only. */
const DATES_AT = DATES.map((re) => new RegExp(re.source, 'y'))

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
  const years = yearOffsets(text)
  if (years.length === 0) return time
  const months = MONTH_NAME.test(text)
  for (let r = 0; r < DATES.length; r++) {
    if (r !== 0 && !months) continue
    datesAround(text, years, r, time)
  }
  return time
}

/**
 * Where the text holds a year (`(?:19|20)\d\d`), without overlaps. A date's year starts at a word boundary,
 * so it is never inside another year found before it (it would follow a digit).
 */
function yearOffsets(text: string): number[] {
  const out: number[] = []
  YEARS.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = YEARS.exec(text))) out.push(m.index)
  return out
}

/**
 * The matches of `DATES[r]`, in the order a global search finds them, read into `time`: a match starts at most
 * `BEFORE_YEAR[r]` characters before one of the `years`, so only those offsets are tried (in increasing order,
 * each after the end of the previous match), not every offset of the text.
 */
function datesAround(text: string, years: number[], r: number, time: ArticleTime): void {
  const re = DATES_AT[r]
  let next = 0
  for (const year of years) {
    let s = Math.max(next, year - BEFORE_YEAR[r])
    while (s <= year) {
      let m: RegExpExecArray | null = null
      if (mayStartDate(r, text, s)) {
        re.lastIndex = s
        m = re.exec(text)
      }
      if (!m) {
        s++
        continue
      }
      const y = Number(m[1])
      if (s < TOP && time.year === undefined) time.year = y
      if (time.notBefore === undefined || y > time.notBefore) time.notBefore = y
      next = s + m[0].length
      s = next
    }
  }
}

/** `\b` then a month's initial (`DATES[1]`) or a digit (the others): can a date start at offset `s`? */
function mayStartDate(r: number, text: string, s: number): boolean {
  const c = text.charCodeAt(s)
  if (r === 1 ? !isMonthInitial(c) : c < 48 || c > 57) return false
  return s === 0 || !isAsciiWordChar(text.charCodeAt(s - 1))
}

/** `J`, `F`, `M`, `A`, `S`, `O`, `N` or `D`. */
function isMonthInitial(c: number): boolean {
  return c === 74 || c === 70 || c === 77 || c === 65 || c === 83 || c === 79 || c === 78 || c === 68
}

/** A `\w` character of a regular expression without the `u` flag. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95
}

/**
 * The article's time (`articleTime`) of the document of `index`, worked out on first need: only names/role-mismatch
 * asks for it, for a role phrase bound to a known person, which many documents lack.
 */
export function articleTimeOf(doc: Doc, index: NamesIndex): ArticleTime {
  index.time ??= articleTime(doc.text)
  return index.time
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
  /** `plain(text).toLowerCase()`. */
  lower: string
  /** `unpossessive(plain)`. */
  unpossessive: string
  /** `gluedPrefix(plain)`. */
  glued: string | undefined
  /** `names/fuzzy-name`: neither the dictionary nor the gazetteer knows the word (whatever its length): 1 yes, 2 no, 0 not yet known. */
  unknown: number
  /** `names/fuzzy-name`: a gazetteer name with a foreign case ending: 1 yes, 2 no, 0 not yet known. */
  caseEnding: number
}

function makeNameWord(text: string): NameWord {
  const firstText = plain(text)
  return {
    plain: firstText,
    lower: firstText.toLowerCase(),
    unpossessive: unpossessive(firstText),
    glued: gluedPrefix(firstText),
    unknown: 0,
    caseEnding: 0
  }
}

/** The NameWord of word `i` of the document, kept with the word's lexicon entry. */
export function nameWordAt(doc: Doc, gazetteer: EntityIndex, i: number): NameWord {
  return nameWordOf(gazetteer, wordFacts(doc).ids[i])
}

/**
 * A yes/no answer about words, decided from a word's NameWord (and the gazetteer and a number `param`), kept per
 * lexicon id in one byte while the lexicon, gazetteer and `param` stay the same: a pass over a document's words
 * reads a compact array instead of objects scattered in memory.
 */
export interface WordAnswers {
  decide: (word: NameWord, index: NamesIndex, param: number) => boolean
  lexicon: object | undefined
  gazetteer: EntityIndex | undefined
  param: number
  /** Per lexicon id: 0 not yet decided, 1 yes, 2 no. */
  answers: Int8Array
}

export function wordAnswers(decide: (word: NameWord, index: NamesIndex, param: number) => boolean): WordAnswers {
  return {decide, lexicon: undefined, gazetteer: undefined, param: 0, answers: new Int8Array(0)}
}

/**
 * The answers of `a` for the document's words, by lexicon id (0: not yet decided, see `decideAnswer`): valid
 * for the document's lexicon ids until the lexicon changes.
 */
export function answersFor(a: WordAnswers, doc: Doc, index: NamesIndex, param: number): Int8Array {
  wordFacts(doc) // (the document's words have their lexicon ids)
  if (a.lexicon !== lexicon || a.gazetteer !== index.gazetteer || a.param !== param) {
    a.lexicon = lexicon
    a.gazetteer = index.gazetteer
    a.param = param
    a.answers = new Int8Array(Math.max(lexicon.size, 1024) * 2)
  }
  if (lexicon.size > a.answers.length) {
    const answers = new Int8Array(lexicon.size * 2)
    answers.set(a.answers)
    a.answers = answers
  }
  return a.answers
}

/** Decide the answer of `a` for lexicon id `id` (after `answersFor`): 1 yes, 2 no. */
export function decideAnswer(a: WordAnswers, index: NamesIndex, id: number, param: number): number {
  a.answers[id] = a.decide(nameWordOf(index.gazetteer, id), index, param) ? 1 : 2
  return a.answers[id]
}

/** The NameWord of lexicon id `id` (per gazetteer: `unknown` and `caseEnding` depend on it). */
function nameWordOf(gazetteer: EntityIndex, id: number): NameWord {
  const L = lexicon
  if (L.namesFor[id] !== gazetteer) {
    L.names[id] = makeNameWord(L.text[id])
    L.namesFor[id] = gazetteer
  }
  return L.names[id] as NameWord
}

// ---------------------------------------------------------------------------
// Word sets
//
// Fixed sets of lower-case words that the names/ rules test words against (`said`, `told`, role words).
// Each set has a bit, and a word's answers are kept per lexicon id (`setAsked`: the sets asked about the
// word, `setHolds`: those that hold its `plain(text).toLowerCase()`): a test reads two numbers instead of
// hashing a string.

const wordSets: Array<ReadonlySet<string>> = []
let setsOf: object | undefined
let setAsked = new Int32Array(0)
let setHolds = new Int32Array(0)

/** The bit of a set of lower-case words (made once per set; 31 sets at most). */
export function wordSetBit(set: ReadonlySet<string>): number {
  if (wordSets.length === 31) throw new Error('names: too many word sets')
  wordSets.push(set)
  return 1 << (wordSets.length - 1)
}

/** Does the set of bit `bit` hold `plain(text).toLowerCase()` of word `i` of the document? */
export function lowerWordIn(doc: Doc, index: NamesIndex, i: number, bit: number): boolean {
  const id = wordFacts(doc).ids[i]
  if (setsOf !== lexicon || id >= setAsked.length) {
    const size = Math.max(id + 1, lexicon.size, 1024) * 2
    const keep = setsOf === lexicon
    const asked = new Int32Array(size)
    const holds = new Int32Array(size)
    if (keep) {
      asked.set(setAsked)
      holds.set(setHolds)
    }
    setsOf = lexicon
    setAsked = asked
    setHolds = holds
  }
  if ((setAsked[id] & bit) === 0) {
    setAsked[id] |= bit
    if (wordSets[31 - Math.clz32(bit)].has(nameWordOf(index.gazetteer, id).lower)) setHolds[id] |= bit
  }
  return (setHolds[id] & bit) !== 0
}

// ---------------------------------------------------------------------------
// Matching gazetteer forms
//
// The matching runs once per capitalised word of every document, between the other rules' passes, which
// leave little of its data in the processor's caches: what it reads is packed into a few typed arrays rather
// than spread over objects. A word is a form's token when it is the token, or the token in capitals (`PUTIN`;
// only a word longer than 3 characters and not in lower case: `UN` is not `Un`). Every distinct token of the
// gazetteer has an id, and so has every distinct token in capitals: the word is the token exactly when its
// token id is the token's, or its capitals id (set only for a word that may be read as capitals) is the
// token's capitals id.

/**
 * Per lexicon id, a word record of `WORD` numbers: the token and capitals ids of the word's `plain`,
 * `unpossessive` and `glued` forms (-1: none), the length of `unpossessive`, and where its candidate lists
 * start in `Matcher.starts` (`W_STARTS`: 0 record not yet made, 1 no list, else the offset + 2).
 */
const WORD = 8
const W_TOKEN = 0
const W_UPPER = 1
const W_UNPOSSESSIVE_TOKEN = 2
const W_UNPOSSESSIVE_UPPER = 3
const W_GLUED_TOKEN = 4
const W_GLUED_UPPER = 5
const W_UNPOSSESSIVE_LENGTH = 6
const W_STARTS = 7

/**
 * A compiled candidate list (the forms under one key of `gazetteer.forms`, longest first) in `Matcher.pool`,
 * at offset `L`: `L_FORMS` the number of forms, `L_SINGLE` the index of its first one-token form and `L_SINGLE_AT`
 * where that form's record starts (relative to `L`); then from `L + L_HEAD`, one record per form: its number of
 * tokens `n`, its number in `Matcher.forms` (`F_FORM`), its kind (`F_KIND`, an index in `KINDS`), then from
 * `F_HEAD`, `n` triples (token id, capitals id, length).
 */
const L_FORMS = 0
const L_SINGLE = 1
const L_SINGLE_AT = 2
const L_HEAD = 3
const F_FORM = 1
const F_KIND = 2
const F_HEAD = 3

const KINDS: FormKind[] = ['name', 'alias', 'garbled', 'surname']

/** The matching data of one gazetteer index (lists are compiled on first need: a document meets few). */
interface Matcher {
  ids: Map<string, number>
  upperIds: Map<string, number>
  pool: Int32Array
  poolUsed: number
  /** Offset in `pool` of each compiled list. */
  compiled: Map<NameForm[], number>
  /** The forms of the compiled lists, and per form the list of that form alone (shared by the mentions it makes). */
  forms: NameForm[]
  alone: NameForm[][]
  /** Word records (see `WORD`) of the lexicon `lexicon`. */
  lexicon: object | undefined
  words: Int32Array
  /** Per word with candidate lists: their number, then their offsets in `pool`. */
  starts: Int32Array
  startsUsed: number
  /**
   * Per lexicon id: 1 when the word's record is made and the word has no candidate list (`W_STARTS` 1, most
   * capitalised words), else 0. One byte per word instead of a record's stride: the test `namesIndex` makes for
   * every capitalised word reads less memory.
   */
  noList: Uint8Array
}

const matchers = new WeakMap<EntityIndex, Matcher>()

function matcherOf(gazetteer: EntityIndex): Matcher {
  let m = matchers.get(gazetteer)
  if (!m) {
    const ids = new Map<string, number>()
    const upperIds = new Map<string, number>()
    for (const list of gazetteer.forms.values()) {
      for (const form of list) {
        for (let k = 0; k < form.tokens.length; k++) {
          if (!ids.has(form.tokens[k])) ids.set(form.tokens[k], ids.size)
          if (!upperIds.has(form.upper[k])) upperIds.set(form.upper[k], upperIds.size)
        }
      }
    }
    m = {
      ids,
      upperIds,
      pool: new Int32Array(1024),
      poolUsed: 0,
      compiled: new Map(),
      forms: [],
      alone: [],
      lexicon: undefined,
      words: new Int32Array(0),
      starts: new Int32Array(0),
      startsUsed: 0,
      noList: new Uint8Array(0)
    }
    matchers.set(gazetteer, m)
  }
  if (m.lexicon !== lexicon) {
    // A new lexicon (ids start again): new word records.
    m.lexicon = lexicon
    m.words = new Int32Array(WORD * 1024)
    m.starts = new Int32Array(1024)
    m.startsUsed = 0
    m.noList = new Uint8Array(1024)
  }
  return m
}

/** Make room for `more` numbers at the end of an array holding `used`. */
function grown(array: Int32Array, used: number, more: number): Int32Array {
  if (used + more <= array.length) return array
  const out = new Int32Array(Math.max(array.length * 2, used + more))
  out.set(array)
  return out
}

/** The offset in `m.pool` of the compiled list `forms`. */
function compiledList(m: Matcher, forms: NameForm[]): number {
  let at = m.compiled.get(forms)
  if (at !== undefined) return at
  let size = L_HEAD
  for (const form of forms) size += F_HEAD + 3 * form.tokens.length
  m.pool = grown(m.pool, m.poolUsed, size)
  const pool = m.pool
  at = m.poolUsed
  pool[at + L_FORMS] = forms.length
  pool[at + L_SINGLE] = forms.length
  pool[at + L_SINGLE_AT] = size
  let w = at + L_HEAD
  for (let f = 0; f < forms.length; f++) {
    const form = forms[f]
    if (form.tokens.length === 1 && pool[at + L_SINGLE] === forms.length) {
      pool[at + L_SINGLE] = f
      pool[at + L_SINGLE_AT] = w - at
    }
    pool[w++] = form.tokens.length
    pool[w++] = m.forms.length
    pool[w++] = KINDS.indexOf(form.kind)
    m.forms.push(form)
    m.alone.push([form])
    for (let k = 0; k < form.tokens.length; k++) {
      pool[w++] = m.ids.get(form.tokens[k])!
      pool[w++] = m.upperIds.get(form.upper[k])!
      pool[w++] = form.tokens[k].length
    }
  }
  m.poolUsed = w
  m.compiled.set(forms, at)
  return at
}

/** The token id of `text`, or -1. */
function tokenIdOf(m: Matcher, text: string): number {
  return m.ids.get(text) ?? -1
}

/** The capitals id of `text` when it may be read as a token in capitals (longer than 3, not lower case), else -1. */
function upperIdOf(m: Matcher, text: string): number {
  if (text.length <= 3 || text === text.toLowerCase()) return -1
  return m.upperIds.get(text) ?? -1
}

/** Note in `m.noList` that the word of lexicon id `id` has no candidate list. */
function markNoList(m: Matcher, id: number): void {
  if (id >= m.noList.length) {
    const noList = new Uint8Array(Math.max(m.noList.length * 2, id + 1))
    noList.set(m.noList)
    m.noList = noList
  }
  m.noList[id] = 1
}

/** The offset in `m.words` of the record of lexicon id `id`, made on first need. */
function wordRecord(m: Matcher, gazetteer: EntityIndex, id: number): number {
  const at = id * WORD
  if (at + WORD > m.words.length) m.words = grown(m.words, m.words.length, at + WORD - m.words.length)
  if (m.words[at + W_STARTS] !== 0) return at
  const word = nameWordOf(gazetteer, id)
  // The keys tried, in order: the word without a possessive, with it, and a glued word's name part.
  const keys = [word.unpossessive.toLowerCase()]
  if (word.plain !== word.unpossessive) keys.push(word.plain.toLowerCase())
  if (word.glued) keys.push(word.glued.toLowerCase())
  const lists: number[] = []
  for (const key of keys) {
    const candidates = gazetteer.forms.get(key)
    if (candidates) lists.push(compiledList(m, candidates))
  }
  let starts = 1
  if (lists.length > 0) {
    m.starts = grown(m.starts, m.startsUsed, lists.length + 1)
    starts = m.startsUsed + 2
    m.starts[m.startsUsed++] = lists.length
    for (const list of lists) m.starts[m.startsUsed++] = list
  }
  const words = m.words
  words[at + W_TOKEN] = tokenIdOf(m, word.plain)
  words[at + W_UPPER] = upperIdOf(m, word.plain)
  words[at + W_UNPOSSESSIVE_TOKEN] = tokenIdOf(m, word.unpossessive)
  words[at + W_UNPOSSESSIVE_UPPER] = upperIdOf(m, word.unpossessive)
  words[at + W_GLUED_TOKEN] = word.glued === undefined ? -1 : tokenIdOf(m, word.glued)
  words[at + W_GLUED_UPPER] = word.glued === undefined ? -1 : upperIdOf(m, word.glued)
  words[at + W_UNPOSSESSIVE_LENGTH] = word.unpossessive.length
  words[at + W_STARTS] = starts
  if (starts === 1) markNoList(m, id)
  return at
}

/**
 * Is the word of record `w` the token of id `token` (capitals id `upper`): 1 as it is written, 2 without its
 * possessive, 3 its glued name part; 0 not at all.
 */
function tokenMatch(words: Int32Array, w: number, token: number, upper: number): number {
  if (words[w + W_TOKEN] === token || (words[w + W_UPPER] >= 0 && words[w + W_UPPER] === upper)) return 1
  if (words[w + W_UNPOSSESSIVE_TOKEN] === token || (words[w + W_UNPOSSESSIVE_UPPER] >= 0 && words[w + W_UNPOSSESSIVE_UPPER] === upper)) return 2
  if (words[w + W_GLUED_TOKEN] === token || (words[w + W_GLUED_UPPER] >= 0 && words[w + W_GLUED_UPPER] === upper)) return 3
  return 0
}

/** Can the word of record `w` be the second token of one of the list's forms of two tokens or more? */
function mayBeSecond(m: Matcher, list: number, w: number): boolean {
  const pool = m.pool
  const forms = pool[list + L_SINGLE]
  for (let f = 0, at = list + L_HEAD; f < forms; f++) {
    // The second token's triple.
    if (tokenMatch(m.words, w, pool[at + F_HEAD + 3], pool[at + F_HEAD + 4]) !== 0) return true
    at += F_HEAD + 3 * pool[at]
  }
  return false
}

const NO_FORMS: NameForm[] = []

/**
 * The longest gazetteer form written at word `i` (of lexicon id `ids[i]`): the forms of each of its candidate
 * lists are tried longest first, and the first list with a match gives the mention, with every form of the
 * longest length that matches (one per entity). A form's words follow one another with only spaces between;
 * each but the last is written as the token (or in capitals); the last may also carry a possessive `'s` or be
 * glued to the next sentence's first word.
 */
function matchAt(doc: Doc, gazetteer: EntityIndex, m: Matcher, ids: Int32Array, i: number): Mention | undefined {
  const words = doc.words
  const text = doc.text
  const first = wordRecord(m, gazetteer, ids[i])
  const starts = m.words[first + W_STARTS] - 2
  // Words i .. i + reach - 1 are joined by spaces only; `broken`: word i + reach is not.
  let reach = 1
  let broken = false
  for (let s = 0; s < m.starts[starts]; s++) {
    const list = m.starts[starts + 1 + s]
    const pool = m.pool
    const forms = pool[list + L_FORMS]
    let best: NameForm[] = NO_FORMS
    let bestLength = 0
    let bestEnd = 0
    let bestGlued = false
    let bestKind = 0
    let f = 0
    let at = list + L_HEAD
    // When the next word (if spaced at all) is no longer form's second token, only the one-token forms may match.
    if (pool[list + L_SINGLE] > 0 && i + 1 < words.length) {
      if (reach === 1 && !broken) {
        if (spaceOnly(text, words[i].end, words[i + 1].start)) reach = 2
        else broken = true
      }
      if (reach === 1 || !mayBeSecond(m, list, wordRecord(m, gazetteer, ids[i + 1]))) {
        f = pool[list + L_SINGLE]
        at = list + pool[list + L_SINGLE_AT]
      }
    }
    for (; f < forms; f++, at += F_HEAD + 3 * pool[at]) {
      const n = pool[at]
      if (n < bestLength) break
      if (i + n > words.length) continue
      let ok = true
      let end = 0
      let glued = false
      for (let k = 0; k < n; k++) {
        if (k === reach) {
          // Not a name's next word: more than spaces between.
          if (broken || !spaceOnly(text, words[i + k - 1].end, words[i + k].start)) {
            broken = true
            ok = false
            break
          }
          reach++
        }
        const w = k === 0 ? first : wordRecord(m, gazetteer, ids[i + k])
        const how = tokenMatch(m.words, w, pool[at + F_HEAD + 3 * k], pool[at + F_HEAD + 1 + 3 * k])
        if (how === 1) {
          end = words[i + k].end
        } else if (how === 0 || k !== n - 1) {
          // Only the last word may carry a possessive or be glued.
          ok = false
          break
        } else if (how === 2) {
          end = words[i + k].start + m.words[w + W_UNPOSSESSIVE_LENGTH]
        } else {
          end = words[i + k].start + pool[at + F_HEAD + 2 + 3 * k]
          glued = true
        }
      }
      if (!ok) continue
      if (n > bestLength || best === NO_FORMS) {
        // Most mentions have one form: its one-form list is shared, copied only if another form joins it.
        best = m.alone[pool[at + F_FORM]]
        bestKind = pool[at + F_KIND]
        bestLength = n
      } else {
        const form = m.forms[pool[at + F_FORM]]
        if (!hasEntity(best, form.entity)) {
          if (best.length === 1) best = [best[0]]
          best.push(form)
        }
      }
      bestEnd = end
      bestGlued = glued
    }
    if (best.length === 0) continue
    return {
      start: words[i].start,
      end: bestEnd,
      first: i,
      last: i + bestLength - 1,
      forms: best,
      entity: undefined,
      kind: KINDS[bestKind],
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

/** Does the mention hold both bare surnames and other forms (then only the other forms are its candidates)? */
function mixed(mention: Mention): boolean {
  let surnames = 0
  for (const form of mention.forms) if (form.kind === 'surname') surnames++
  return surnames !== 0 && surnames !== mention.forms.length
}

/** Is `form` one of its mention's candidates: its own names and aliases come before others' bare surnames. */
function isCandidate(form: NameForm, onlyNames: boolean): boolean {
  return !onlyNames || form.kind !== 'surname'
}

/** The one candidate of a mention when it has exactly one, else undefined. */
function soleCandidate(mention: Mention, onlyNames: boolean): NameForm | undefined {
  let sole: NameForm | undefined
  for (const form of mention.forms) {
    if (!isCandidate(form, onlyNames)) continue
    if (sole) return undefined
    sole = form
  }
  return sole
}

/**
 * Decide which entity each mention names. A name or alias beats someone
 * else's bare surname (`UN` is the United Nations, not Kim Jong Un); a
 * strong form names its entity; a weak one (a surname, a common-word alias
 * such as `Trump`) names the one candidate the document names in full.
 */
function resolve(mentions: Mention[]): Set<string> {
  const named = new Set<string>()
  // A sole strong candidate names its entity whatever else the document holds: settled in the first pass.
  for (const mention of mentions) {
    const sole = mention.forms.length === 1 ? mention.forms[0] : soleCandidate(mention, mixed(mention))
    if (sole && sole.strong) {
      named.add(sole.entity.id)
      mention.entity = sole.entity
      mention.kind = sole.kind
    }
  }
  for (const mention of mentions) {
    if (mention.entity) continue
    const onlyNames = mixed(mention)
    // The one candidate the document names with a strong form; and the best kind among the candidates.
    let inDoc: NameForm | undefined
    let inDocCount = 0
    let kind: FormKind | undefined
    for (const form of mention.forms) {
      if (!isCandidate(form, onlyNames)) continue
      if (named.has(form.entity.id)) {
        inDoc = form
        inDocCount++
      }
      if (kind === undefined || KIND_RANK[form.kind] < KIND_RANK[kind]) kind = form.kind
    }
    if (inDocCount === 1) {
      mention.entity = inDoc!.entity
      mention.kind = inDoc!.kind
    } else {
      mention.kind = kind!
    }
  }
  return named
}

function emptyIndex(doc: Doc): NamesIndex {
  const gazetteer: EntityIndex = {entities: [], byId: new Map(), forms: new Map(), tokens: new Set(), byCode: new Map(), byPrefix: new Map()}
  return {gazetteer, mentions: [], mentionAt: new Int32Array(doc.words.length).fill(-1), spans: [], time: {}, named: new Set()}
}

let lastDoc: Doc | undefined
let lastIndex: NamesIndex | undefined

/** The names index of a document, built once and shared through `doc.shared`. */
export function namesIndex(doc: Doc): NamesIndex {
  // The document asked last, without a map look-up (phrase look-ups ask once per mention).
  if (doc === lastDoc && lastIndex) return lastIndex
  const cached = doc.shared.get('names:index') as NamesIndex | undefined
  if (cached) {
    lastDoc = doc
    lastIndex = cached
    return cached
  }
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
  const spans: number[] = []
  let spanFirst = -1
  const ids = wordFacts(doc).ids
  const flags = lexicon.flags
  const m = matcherOf(gazetteer)
  for (let i = 0; i < words.length; i++) {
    const word = words[i]
    const capital = (flags[ids[i]] & FLAG_UPPER_START) !== 0 // isCapitalised(word.text)
    // Capitalised runs.
    if (capital) {
      if (spanFirst >= 0 && (words[i - 1].sentence !== word.sentence || !spaceOnly(doc.text, words[i - 1].end, word.start))) {
        spans.push(spanFirst, i - 1)
        spanFirst = -1
      }
      if (spanFirst < 0) spanFirst = i
    } else if (spanFirst >= 0) {
      spans.push(spanFirst, i - 1)
      spanFirst = -1
    }
    if (!capital || mentionAt[i] >= 0) continue
    // (Most capitalised words start no form: one byte says so once their record is made.)
    if (ids[i] < m.noList.length && m.noList[ids[i]] === 1) continue
    if (m.words[wordRecord(m, gazetteer, ids[i]) + W_STARTS] === 1) continue
    const mention = matchAt(doc, gazetteer, m, ids, i)
    if (!mention) continue
    for (let k = mention.first; k <= mention.last; k++) mentionAt[k] = mentions.length
    mentions.push(mention)
  }
  if (spanFirst >= 0) spans.push(spanFirst, words.length - 1)
  const named = resolve(mentions)
  const index: NamesIndex = {gazetteer, mentions, mentionAt, spans, time: undefined, named}
  doc.shared.set('names:index', index)
  lastDoc = doc
  lastIndex = index
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

interface ByLast<T> {
  entries: readonly T[]
  /** Phrase entries by their last token (longest first). */
  map: Map<string, T[]>
  /** The word-set bit of the last tokens. */
  bit: number
}

/** The lists of phrase entries asked about (a few: role phrases, gendered titles). */
const byLastLists: Array<ByLast<{tokens: string[]}>> = []

/** Phrase entries by their last token, built once per list. */
function entriesByLast<T extends {tokens: string[]}>(entries: readonly T[]): ByLast<T> {
  for (const byLast of byLastLists) if (byLast.entries === entries) return byLast as unknown as ByLast<T>
  const map = new Map<string, T[]>()
  for (const entry of entries) {
    const last = entry.tokens[entry.tokens.length - 1]
    let list = map.get(last)
    if (!list) map.set(last, (list = []))
    list.push(entry)
  }
  for (const list of map.values()) list.sort((a, b) => b.tokens.length - a.tokens.length)
  const byLast: ByLast<T> = {entries, map, bit: wordSetBit(new Set(map.keys()))}
  byLastLists.push(byLast as unknown as ByLast<{tokens: string[]}>)
  return byLast
}

/** `plain(text).toLowerCase()` of word `i`, kept with the word's lexicon entry. */
function lowerAt(gazetteer: EntityIndex, ids: Int32Array, i: number): string {
  return nameWordOf(gazetteer, ids[i]).lower
}

/** Words of `doc` from `first` on, in lower case, are `tokens`, with only spaces between. */
function wordsEqual(doc: Doc, gazetteer: EntityIndex, ids: Int32Array, first: number, tokens: string[]): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const word = doc.words[first + k]
    if (!word || lowerAt(gazetteer, ids, first + k) !== tokens[k]) return false
    if (k > 0 && !spaceOnly(doc.text, doc.words[first + k - 1].end, word.start)) return false
  }
  return true
}

const NO_GAP = 0
/** One or two spaces, tabs or no-break spaces. */
const SPACE_GAP = 1
/** `,` or `, `. */
const COMMA_GAP = 2

/** What separates a phrase from the name after it: `text.slice(from, to)` read without making the string. */
function gapKind(text: string, from: number, to: number): number {
  const n = to - from
  if (n !== 1 && n !== 2) return NO_GAP
  let spaces = true
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (c !== 32 && c !== 9 && c !== 0xa0) spaces = false
  }
  if (spaces) return SPACE_GAP
  if (text.charCodeAt(from) === 44 && (n === 1 || text.charCodeAt(from + 1) === 32)) return COMMA_GAP
  return NO_GAP
}

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
  const sentence = words[mention.first].sentence
  const index = namesIndex(doc)
  const gazetteer = index.gazetteer
  const ids = wordFacts(doc).ids
  const flags = lexicon.flags
  // The phrase ends right before the mention, or (second try) one capitalised word before it: a first
  // name the gazetteer does not list, before a bare surname.
  let secondEnd = -1
  if (mention.kind === 'surname' || mention.last === mention.first) {
    const w = mention.first - 1
    if (w >= 0 && (flags[ids[w]] & FLAG_UPPER_START) !== 0 && spaceOnly(doc.text, words[w].end, words[mention.first].start)) {
      secondEnd = w - 1
    }
  }
  for (let end = mention.first - 1, tries = 0; tries < 2; end = secondEnd, tries++) {
    if (end < 0 || words[end].sentence !== sentence) continue
    const adjacent = end + 1 === mention.first
    const gap = gapKind(doc.text, words[end].end, adjacent ? mention.start : words[end + 1].start)
    if (gap === NO_GAP || (!adjacent && gap !== SPACE_GAP)) continue
    // `his US envoy, Zhen Zaki, said`: an apposition closes with a comma after the name
    // (not `after meeting the prime minister, Biden said`).
    if (gap === COMMA_GAP && !COMMA_AFTER.test(doc.text.slice(mention.end, mention.end + 3))) continue
    // Most words end no phrase: the word-set bit says so without a look-up.
    const byLast = entriesByLast(entries)
    if (!lowerWordIn(doc, index, end, byLast.bit)) continue
    const bound = boundPhrase(doc, index, ids, end, sentence, byLast.map.get(lowerAt(gazetteer, ids, end)))
    if (bound) return bound
  }
  return undefined
}

/** The first of `candidates` (phrases ending with word `end`'s text) written there, with its country word and blocker. */
function boundPhrase<T extends {tokens: string[]}>(doc: Doc, index: NamesIndex, ids: Int32Array, end: number, sentence: number, candidates: T[] | undefined): BoundPhrase<T> | undefined {
  if (!candidates) return undefined
  const words = doc.words
  const gazetteer = index.gazetteer
  for (const entry of candidates) {
    const n = entry.tokens.length
    const first = end - n + 1
    if (first < 0 || words[first].sentence !== sentence) continue
    if (!wordsEqual(doc, gazetteer, ids, first, entry.tokens)) continue
    const bound: BoundPhrase<T> = {entry, start: words[first].start, end: words[end].end, first, country: undefined, blocked: false}
    const t = roleTables()
    let lead = first
    // A country word before the phrase (`US envoy`, `White House spokesman`).
    if (first > 0 && spaceOnly(doc.text, words[first - 1].end, words[first].start)) {
      for (let n2 = t.countryWords; n2 >= 1; n2--) {
        const c = first - n2
        if (c < 0 || words[c].sentence !== sentence) continue
        const code = countryAt(doc, index, ids, c, first)
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
      const lower = lowerAt(gazetteer, ids, lead - 1)
      if (t.blockers.has(lower) || BLOCKER_PREFIX.test(lower)) bound.blocked = true
    }
    return bound
  }
  return undefined
}

let countryLeadBit = 0

/** The word-set bit of `roleTables().countryLeads`. */
function countryLeadWord(): number {
  countryLeadBit ||= wordSetBit(roleTables().countryLeads)
  return countryLeadBit
}

/** The country code of words `from` to `to` (exclusive) in lower case joined by spaces, if they are a country phrase. */
function countryAt(doc: Doc, index: NamesIndex, ids: Int32Array, from: number, to: number): string | undefined {
  // A word holds no space, so the phrase's first word is the country phrase's (most words start none: the
  // word-set bit says so without a look-up).
  if (!lowerWordIn(doc, index, from, countryLeadWord())) return undefined
  const gazetteer = index.gazetteer
  let key = lowerAt(gazetteer, ids, from)
  for (let k = from + 1; k < to; k++) key += ' ' + lowerAt(gazetteer, ids, k)
  return roleTables().countries.get(key)
}
