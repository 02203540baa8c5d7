/**
 * English spelling helpers over the shared dictionary (`src/dictionary.ts`):
 * British spellings (`labour`, `centre`, `organisation`, `defence`), compounds
 * of English words (`cyberattacks`), near-misses of English words (typos such
 * as `agains`), and the dictionary's capitalised entries (words that can be
 * names: `Mark`, `Lamb`, `Short`). All look-ups are memoised per process.
 */
import dictionaryEn from 'dictionary-en'
import {isCommonWord, remember} from './dictionary.js'

const EXTRA_BRITISH = new Set([
  'amongst', 'whilst', 'grey', 'greys', 'tyre', 'tyres', 'kerb', 'kerbs', 'plough', 'ploughs', 'sceptic', 'sceptics',
  'sceptical', 'aluminium', 'sizeable', 'storey', 'storeys', 'cheque', 'cheques', 'pyjamas', 'jewellery', 'mould',
  'moult', 'smoulder', 'draught', 'draughts', 'gaol', 'aeroplane', 'aeroplanes', 'learnt', 'spelt', 'dreamt', 'burnt',
  'judgement', 'judgements', 'acknowledgement', 'ageing', 'programme', 'programmes', 'enquiry', 'enquiries', 'towards',
  'whilst', 'unmissable', 'fulfil', 'fulfils', 'enrol', 'enrols', 'instalment', 'instalments', 'skilful', 'wilful',
  'cosy', 'mum', 'mums', 'focussing', 'focussed', 'likeable', 'saleable', 'manoeuvre', 'manoeuvres', 'artefact',
  'artefacts', 'per', 'cent'
])

const OUR = /our/g
const RE_END = /(?<=[^aeiou])re(s|d|'s)?$/
const RE_END_REPLACE = /re(s|d|'s)?$/
const IS_END = /is(e|ed|es|ing|ation|ations|ational|er|ers|able)$/
const YS_END = /ys(e|ed|es|ing|er|ers)$/
const ENCE_END = /ence(s)?$/
const LL_END = /ll(ed|ing|er|ers)$/
const OGUE_END = /ogue(s)?$/
const AE_OE = /ae|oe/
const AE = /ae/g
const OE = /oe(?!s?$)/g
const MME_END = /mme(s)?$/
const SS_END = /ss(ed|ing)$/
/** Some rule below may apply: the union of what each one needs. */
const ANY_BRITISH = /our|ae|oe|(?:re(?:s|d|'s)?|is(?:e|ed|es|ing|ation|ations|ational|er|ers|able)|ys(?:e|ed|es|ing|er|ers)|ences?|ll(?:ed|ing|er|ers)|ogues?|mmes?|ss(?:ed|ing))$/

/** American spellings a British (or Commonwealth) spelling may stand for. */
export function americanVariants(word: string): string[] {
  const w = word.toLowerCase()
  if (!ANY_BRITISH.test(w)) return [] // what every rule below needs, in one pass
  const out = new Set<string>()
  const add = (v: string) => {
    if (v !== w) out.add(v)
  }
  if (w.includes('our')) add(w.replace(OUR, 'or'))
  if (RE_END.test(w)) add(w.replace(RE_END_REPLACE, 'er$1'))
  if (IS_END.test(w)) add(w.replace(IS_END, 'iz$1'))
  if (YS_END.test(w)) add(w.replace(YS_END, 'yz$1'))
  if (ENCE_END.test(w)) add(w.replace(ENCE_END, 'ense$1'))
  if (LL_END.test(w)) add(w.replace(LL_END, 'l$1'))
  if (OGUE_END.test(w)) add(w.replace(OGUE_END, 'og$1'))
  if (AE_OE.test(w)) add(w.replace(AE, 'e').replace(OE, 'e'))
  if (MME_END.test(w)) add(w.replace(MME_END, 'm$1'))
  if (SS_END.test(w)) add(w.replace(SS_END, 's$1'))
  return [...out]
}

const english = new Map<string, boolean>()

/** Strip a possessive and surrounding punctuation: `employees'` → `employees`, `Biden’s` → `Biden`. */
export function bareWord(word: string): string {
  const n = word.length
  if (n > 0 && isAsciiAlphanumeric(word.charCodeAt(0)) && isAsciiAlphanumeric(word.charCodeAt(n - 1))) {
    // Fast path: plain ASCII ends and no possessive.
    const last = word.charCodeAt(n - 1)
    const before = word.charCodeAt(n - 2)
    if (!(n > 2 && (last === 115 || last === 83) && (before === 39 || before === 0x2019))) return word
  }
  return word.replace(OUTER_PUNCTUATION, '').replace(POSSESSIVE, '')
}

const OUTER_PUNCTUATION = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu
const POSSESSIVE = /['’]s$/i

function isAsciiAlphanumeric(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57)
}

/** Is `word` an English word in American or British spelling (case-insensitive)? */
export function isEnglishSpelling(word: string): boolean {
  return isEnglishLower(bareWord(word).toLowerCase())
}

/** The most frequent English words: half of all running text, answered from a small set before the large memo. */
const FREQUENT = new Set(('the of and to a in is that for on was with he it as at by from his be are have has had not but ' +
  'this which or an they were their been its said who will would one all we she her there more also after when about than ' +
  'into up out over new two other can could if what some time years year first people no only so them these may him our ' +
  'last most like just its government president minister police state country told before then while where because against ' +
  'between during under including according since such many any being did do does percent per cent million billion week day ' +
  'world city news group part made make says say take took well back still even now however two three four five what how').split(' '))

/** `isEnglishSpelling` for a word already stripped and lower-cased (the hot path of rules that precompute both). */
export function isEnglishLower(w: string): boolean {
  if (FREQUENT.has(w)) return true
  if (w === '') return true
  let known = english.get(w)
  if (known === undefined) {
    known = isCommonWord(w) || EXTRA_BRITISH.has(w) || americanVariants(w).some((v) => isCommonWord(v))
    remember(english, w, known)
  }
  return known
}

/** A cheap English test for the parts of a word (stems, suffixed stems, British spellings): no speller calls, no caching. */
function isPartEnglish(part: string): boolean {
  if (english.get(part) === true || EXTRA_BRITISH.has(part)) return true
  const set = dictionaryStems()
  if (isStemForm(part, set)) return true
  for (const v of americanVariants(part)) if (isStemForm(v, set)) return true
  return false
}

const SUFFIXES = ['s', 'es', 'ed', 'd', 'ing', 'er', 'ers', 'ly', 'ness', 'ity', 'ism', 'ist', 'ists', 'ment', 'ments', 'able', 'ability',
  'ative', 'atively', 'ive', 'ively', 'ation', 'ations', 'al', 'ally', 'ic', 'ical', 'ically', 'ous', 'ously', 'ful', 'fully', 'less',
  'lessly', 'ize', 'ized', 'izing', 'ise', 'ised', 'ising', 'ization', 'isation', 'ship', 'ships', 'hood', 'wise', 'ward', 'wards',
  'ish', 'esque', 'ance', 'ence', 'ancy', 'ency', 'ian', 'ians', 'ee', 'ees', 'dom', 'like', 'worthy']

/** Greek and Latin word endings of science and medicine (`pneumonitis`, `neuropathy`). */
const LEARNED_SUFFIXES = ['itis', 'osis', 'oses', 'pathy', 'pathic', 'ology', 'ologist', 'ologists', 'ectomy', 'emia', 'aemia', 'algia',
  'genic', 'genesis', 'phobia', 'philia', 'scopy', 'graphy', 'metry', 'plasty', 'trophy', 'cyte', 'cytes', 'ase', 'ases', 'oma', 'omas',
  'ocene', 'saur', 'saurus', 'phyte', 'phytes', 'plasm', 'some', 'somes', 'zyme', 'zymes', 'ogenous', 'otic', 'iasis']

const Y_FORM = /(ies|ied|ier|iers|iest|ily)$/
const Y_FORM_REPLACE = /i(es|ed|er|ers|est|ly)$/
const DOUBLED_END = /(.)\1$/

/** English by a common suffix on an English stem (`pranking`, `fallers`, `favorability`, `expectancies`). */
function hasEnglishSuffix(w: string): boolean {
  if (Y_FORM.test(w) && isPartEnglish(w.replace(Y_FORM_REPLACE, 'y'))) return true
  for (const suffix of LEARNED_SUFFIXES) if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return true
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length)
      if (isPartEnglish(stem) || isPartEnglish(stem + 'e')) return true
      // Doubled consonant before -ing / -ed / -er: `shopping` → `shop`.
      if (DOUBLED_END.test(stem) && isPartEnglish(stem.slice(0, -1))) return true
    }
  }
  return false
}

const PREFIXES = ['un', 'non', 'in', 're', 'pre', 'post', 'anti', 'pro', 'co', 'de', 'dis', 'mis', 'over', 'under', 'out',
  'sub', 'super', 'inter', 'multi', 'micro', 'macro', 'mega', 'mini', 'cyber', 'bio', 'eco', 'geo', 'neo', 'semi',
  'self', 'tele', 'counter', 'ultra', 'euro', 'auto', 'trans', 'peri', 'neuro', 'pneumo', 'cardio', 'gastro', 'hepato', 'hyper',
  'hypo', 'endo', 'exo', 'para', 'poly', 'mono', 'photo', 'electro', 'thermo', 'hydro', 'aero', 'astro', 'chrono', 'psycho',
  'socio', 'techno', 'nano', 'pseudo', 'quasi', 'proto', 'meta', 'omni', 'immuno', 'onco', 'derm', 'osteo', 'neuro']

const PARTICLES = ['up', 'in', 'on', 'off', 'out', 'down', 'over', 'back', 'away']

/** Two English words written as one (`cyberattacks`, `hallmate`, `refugeerelief`), or prefix + English word. */
function isEnglishCompound(w: string): boolean {
  for (const prefix of PREFIXES) {
    if (w.length - prefix.length >= 4 && w.startsWith(prefix) && isPartEnglish(w.slice(prefix.length))) return true
  }
  // A verb or noun with a particle (`matchup`, `shutdown`, `lockin`).
  for (const particle of PARTICLES) {
    if (w.length - particle.length >= 3 && w.endsWith(particle) && isPartEnglish(w.slice(0, -particle.length))) return true
  }
  for (let cut = 3; cut <= w.length - 3; cut++) {
    const head = w.slice(0, cut)
    const tail = w.slice(cut)
    if (isPartEnglish(head) && (isPartEnglish(tail) || hasEnglishSuffix(tail))) return true
  }
  // An English word of 5+ letters at the end (`sonogenetics`).
  for (let cut = 2; cut <= w.length - 5; cut++) {
    if (isPartEnglish(w.slice(cut)) && ASCII_LETTERS.test(w.slice(0, cut))) return true
  }
  return false
}

const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 16777619
const E = 101 // `e`

/**
 * The dictionary's lower-case stems (its word list before affixes), as a set that is asked about code units
 * written into a buffer: the spelling probes (a word with one edit, a stem with a suffix cut off) are never made
 * into strings. An open-addressing table of (hash, pool start + 1, length) over a pool of UTF-16 code units,
 * with a bitmap of hashes in front that answers most probes (which are not stems).
 */
class StemTable {
  private table: Int32Array
  private pool: Uint16Array
  private poolUsed = 0
  private mask: number
  private filter = new Int32Array(1 << 15) // 2^20 bits

  constructor(words: string[]) {
    let slots = 1
    while (slots < words.length * 2) slots <<= 1
    this.table = new Int32Array(slots * 3)
    this.mask = slots - 1
    let chars = 0
    for (const word of words) chars += word.length
    this.pool = new Uint16Array(chars)
    for (const word of words) this.add(word)
  }

  private add(word: string): void {
    const n = word.length
    let hash = FNV_OFFSET
    for (let k = 0; k < n; k++) hash = Math.imul(hash ^ word.charCodeAt(k), FNV_PRIME)
    const table = this.table
    let at = hash & this.mask
    for (;;) {
      const slot = at * 3
      if (table[slot + 1] === 0) break
      if (table[slot] === hash && table[slot + 2] === n) {
        const from = table[slot + 1] - 1
        let k = 0
        while (k < n && this.pool[from + k] === word.charCodeAt(k)) k++
        if (k === n) return // listed twice
      }
      at = (at + 1) & this.mask
    }
    const slot = at * 3
    table[slot] = hash
    table[slot + 1] = this.poolUsed + 1
    table[slot + 2] = n
    for (let k = 0; k < n; k++) this.pool[this.poolUsed + k] = word.charCodeAt(k)
    this.poolUsed += n
    this.filter[(hash >>> 5) & 0x7fff] |= 1 << (hash & 31)
  }

  /** Is `buf[0..n)`, followed by `e` when `withE`, a stem? */
  has(buf: Uint16Array, n: number, withE: boolean): boolean {
    let hash = FNV_OFFSET
    for (let k = 0; k < n; k++) hash = Math.imul(hash ^ buf[k], FNV_PRIME)
    if (withE) hash = Math.imul(hash ^ E, FNV_PRIME)
    if ((this.filter[(hash >>> 5) & 0x7fff] & (1 << (hash & 31))) === 0) return false
    const length = withE ? n + 1 : n
    const table = this.table
    const pool = this.pool
    let at = hash & this.mask
    for (;;) {
      const slot = at * 3
      const start = table[slot + 1]
      if (start === 0) return false
      if (table[slot] === hash && table[slot + 2] === length) {
        const from = start - 1
        let k = 0
        while (k < n && pool[from + k] === buf[k]) k++
        if (k === n && (!withE || pool[from + n] === E)) return true
      }
      at = (at + 1) & this.mask
    }
  }
}

let stems: StemTable | undefined

/** The dictionary's lower-case stems, read once from `dictionary-en`. */
function dictionaryStems(): StemTable {
  if (!stems) {
    const words: string[] = []
    for (const line of dictionaryLines()) {
      const code = line.charCodeAt(0)
      if (code >= 97 && code <= 122) {
        const slash = line.indexOf('/')
        words.push(slash >= 0 ? line.slice(0, slash) : line.trim())
      }
    }
    stems = new StemTable(words)
  }
  return stems
}

/** The probe buffer: `probe[0..n)` is the string a check is about. */
let probe = new Uint16Array(64)

function ensureProbe(n: number): void {
  if (n > probe.length) probe = new Uint16Array(Math.max(n, probe.length * 2))
}

/** Is the string a stem, or a stem with `-s`, `-es`, `-ers`, `-ed`, `-d`, `-ing`, `-er`, `-ly` (see `isProbeStemForm`)? */
function isStemForm(word: string, set: StemTable): boolean {
  const n = word.length
  ensureProbe(n)
  for (let k = 0; k < n; k++) probe[k] = word.charCodeAt(k)
  return isProbeStemForm(n, set)
}

/** `probe[0..n)` is a stem, or a stem with one of the suffixes its last letter allows. */
function isProbeStemForm(n: number, set: StemTable): boolean {
  const p = probe
  if (set.has(p, n, false)) return true
  if (n < 5) return false
  switch (p[n - 1]) {
    case 115: // s: -s, -es, -ers
      return hasProbeStem(n - 1, set) || (p[n - 2] === 101 && hasProbeStem(n - 2, set)) ||
        (p[n - 3] === 101 && p[n - 2] === 114 && hasProbeStem(n - 3, set))
    case 100: // d: -d, -ed
      return p[n - 2] === 101 && (hasProbeStem(n - 2, set) || set.has(p, n - 1, false))
    case 103: // g: -ing
      return p[n - 3] === 105 && p[n - 2] === 110 && hasProbeStem(n - 3, set)
    case 114: // r: -er
      return p[n - 2] === 101 && (hasProbeStem(n - 2, set) || set.has(p, n - 1, false))
    case 121: // y: -ly
      return p[n - 2] === 108 && hasProbeStem(n - 2, set)
    default:
      return false
  }
}

/** `probe[0..m)` is a stem of three letters or more, or one with a final `e` (`hop` of `hoping`: `hope`). */
function hasProbeStem(m: number, set: StemTable): boolean {
  return m >= 3 && (set.has(probe, m, false) || set.has(probe, m, true))
}

/**
 * One edit (delete, insert, substitute, transpose) away from an English word:
 * a typo, not a foreign word. Probes go to a plain set of the dictionary's
 * stems (with a few suffixes), never to the speller, so nothing is cached per
 * probe.
 */
function isNearEnglish(w: string): boolean {
  const n = w.length
  if (n < 4 || n > 20) return false
  const set = dictionaryStems()
  ensureProbe(n + 1)
  const p = probe
  for (let i = 0; i < n; i++) {
    // Delete letter i.
    for (let k = 0; k < i; k++) p[k] = w.charCodeAt(k)
    for (let k = i + 1; k < n; k++) p[k - 1] = w.charCodeAt(k)
    if (isProbeStemForm(n - 1, set)) return true
    // Swap letters i and i + 1.
    if (i + 1 < n) {
      for (let k = 0; k < n; k++) p[k] = w.charCodeAt(k)
      p[i] = w.charCodeAt(i + 1)
      p[i + 1] = w.charCodeAt(i)
      if (isProbeStemForm(n, set)) return true
    }
  }
  for (let i = 0; i <= n; i++) {
    // Insert a letter before letter i.
    for (let k = 0; k < i; k++) p[k] = w.charCodeAt(k)
    for (let k = i; k < n; k++) p[k + 1] = w.charCodeAt(k)
    for (let c = 97; c <= 122; c++) {
      p[i] = c
      if (isProbeStemForm(n + 1, set)) return true
    }
    // Replace letter i.
    if (i < n) {
      for (let k = 0; k < n; k++) p[k] = w.charCodeAt(k)
      const own = w.charCodeAt(i)
      for (let c = 97; c <= 122; c++) {
        if (c === own) continue
        p[i] = c
        if (isProbeStemForm(n, set)) return true
      }
    }
  }
  return false
}

const englishLike = new Map<string, boolean>()

/**
 * Could `word` be English: a dictionary word (American or British spelling), a
 * word with an English suffix or prefix, a compound of English words, or a
 * one-letter typo of one? False means it is foreign (or a name).
 */
const ASCII_LETTERS = /^[a-z]+$/
const MARKS = /\p{M}/gu
const ENGLISH_ACCENTS = /[éèêëïîôâç]/
const FOREIGN_ACCENTS = /[äöåüõ]/

/** An English word written with accents English keeps or drops (`cliché`): English without them. */
function isAccentedEnglish(w: string): boolean {
  const plain = w.normalize('NFD').replace(MARKS, '')
  return plain !== w && ASCII_LETTERS.test(plain) && ENGLISH_ACCENTS.test(w) && !FOREIGN_ACCENTS.test(w) && isEnglishSpelling(plain)
}

export function isEnglishLike(word: string): boolean {
  const w = bareWord(word).toLowerCase()
  let known = englishLike.get(w)
  if (known === undefined) {
    if (isEnglishSpelling(w)) known = true
    // Accented loanwords English writes with or without the accent (`cliché`, `protégé`, `naïve`).
    else if (isAccentedEnglish(w)) known = true
    else if (!ASCII_LETTERS.test(w)) known = false // foreign letters (ä, ö, ñ…) are never English here
    else known = hasEnglishSuffix(w) || isEnglishCompound(w) || isNearEnglish(w)
    remember(englishLike, w, known)
  }
  return known
}

let capitalised: Set<string> | undefined
let lines: string[] | undefined

function dictionaryLines(): string[] {
  lines ??= new TextDecoder().decode((dictionaryEn as unknown as {dic: Uint8Array}).dic).split('\n')
  return lines
}

/** Words the dictionary lists capitalised (`Mark`, `Lamb`, `Epiphany`): they can be names. */
export function hasCapitalisedEntry(word: string): boolean {
  if (!capitalised) {
    capitalised = new Set()
    for (const line of dictionaryLines()) {
      const code = line.charCodeAt(0)
      if (code >= 65 && code <= 90) {
        const slash = line.indexOf('/')
        capitalised.add(slash >= 0 ? line.slice(0, slash) : line.trim())
      }
    }
  }
  const bare = bareWord(word)
  return capitalised.has(bare) || (bare.endsWith('s') && capitalised.has(bare.slice(0, -1)))
}
