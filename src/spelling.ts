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

/** American spellings a British (or Commonwealth) spelling may stand for. */
export function americanVariants(word: string): string[] {
  const w = word.toLowerCase()
  const out = new Set<string>()
  const add = (v: string) => {
    if (v !== w) out.add(v)
  }
  if (w.includes('our')) add(w.replace(/our/g, 'or'))
  if (/(?<=[^aeiou])re(s|d|'s)?$/.test(w)) add(w.replace(/re(s|d|'s)?$/, 'er$1'))
  if (/is(e|ed|es|ing|ation|ations|ational|er|ers|able)$/.test(w)) add(w.replace(/is(e|ed|es|ing|ation|ations|ational|er|ers|able)$/, 'iz$1'))
  if (/ys(e|ed|es|ing|er|ers)$/.test(w)) add(w.replace(/ys(e|ed|es|ing|er|ers)$/, 'yz$1'))
  if (/ence(s)?$/.test(w)) add(w.replace(/ence(s)?$/, 'ense$1'))
  if (/ll(ed|ing|er|ers)$/.test(w)) add(w.replace(/ll(ed|ing|er|ers)$/, 'l$1'))
  if (/ogue(s)?$/.test(w)) add(w.replace(/ogue(s)?$/, 'og$1'))
  if (/ae|oe/.test(w)) add(w.replace(/ae/g, 'e').replace(/oe(?!s?$)/g, 'e'))
  if (/mme(s)?$/.test(w)) add(w.replace(/mme(s)?$/, 'm$1'))
  if (/ss(ed|ing)$/.test(w)) add(w.replace(/ss(ed|ing)$/, 's$1'))
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
  return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '').replace(/['’]s$/i, '')
}

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

/** English by a common suffix on an English stem (`pranking`, `fallers`, `favorability`, `expectancies`). */
function hasEnglishSuffix(w: string): boolean {
  if (/(ies|ied|ier|iers|iest|ily)$/.test(w) && isPartEnglish(w.replace(/i(es|ed|er|ers|est|ly)$/, 'y'))) return true
  for (const suffix of LEARNED_SUFFIXES) if (w.length - suffix.length >= 3 && w.endsWith(suffix)) return true
  for (const suffix of SUFFIXES) {
    if (w.length - suffix.length >= 3 && w.endsWith(suffix)) {
      const stem = w.slice(0, -suffix.length)
      if (isPartEnglish(stem) || isPartEnglish(stem + 'e')) return true
      // Doubled consonant before -ing / -ed / -er: `shopping` → `shop`.
      if (/(.)\1$/.test(stem) && isPartEnglish(stem.slice(0, -1))) return true
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
    if (isPartEnglish(w.slice(cut)) && /^[a-z]+$/.test(w.slice(0, cut))) return true
  }
  return false
}

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'

let stems: Set<string> | undefined

/** The dictionary's lower-case stems (its word list before affixes), read once from `dictionary-en`. */
function dictionaryStems(): Set<string> {
  if (!stems) {
    stems = new Set()
    for (const line of dictionaryLines()) {
      const code = line.charCodeAt(0)
      if (code >= 97 && code <= 122) {
        const slash = line.indexOf('/')
        stems.add(slash >= 0 ? line.slice(0, slash) : line.trim())
      }
    }
  }
  return stems
}

function isStemForm(probe: string, set: Set<string>): boolean {
  if (set.has(probe)) return true
  const n = probe.length
  if (n < 5) return false
  // Only the suffixes the last letter allows, sliced only then.
  switch (probe.charCodeAt(n - 1)) {
    case 115: // s: -s, -es, -ers
      return hasStem(probe.slice(0, -1), set) || (probe.endsWith('es') && hasStem(probe.slice(0, -2), set)) ||
        (probe.endsWith('ers') && hasStem(probe.slice(0, -3), set))
    case 100: // d: -d, -ed
      return probe.endsWith('ed') && (hasStem(probe.slice(0, -2), set) || set.has(probe.slice(0, -1)))
    case 103: // g: -ing
      return probe.endsWith('ing') && hasStem(probe.slice(0, -3), set)
    case 114: // r: -er
      return probe.endsWith('er') && (hasStem(probe.slice(0, -2), set) || set.has(probe.slice(0, -1)))
    case 121: // y: -ly
      return probe.endsWith('ly') && hasStem(probe.slice(0, -2), set)
    default:
      return false
  }
}

function hasStem(stem: string, set: Set<string>): boolean {
  return stem.length >= 3 && (set.has(stem) || set.has(stem + 'e'))
}

/**
 * One edit (delete, insert, substitute, transpose) away from an English word:
 * a typo, not a foreign word. Probes go to a plain set of the dictionary's
 * stems (with a few suffixes), never to the speller, so nothing is cached per
 * probe.
 */
function isNearEnglish(w: string): boolean {
  if (w.length < 4 || w.length > 20) return false
  const set = dictionaryStems()
  for (let i = 0; i < w.length; i++) {
    if (isStemForm(w.slice(0, i) + w.slice(i + 1), set)) return true
    if (i + 1 < w.length && isStemForm(w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2), set)) return true
  }
  for (let i = 0; i <= w.length; i++) {
    const head = w.slice(0, i)
    for (const c of LETTERS) {
      if (isStemForm(head + c + w.slice(i), set)) return true
      if (i < w.length && c !== w[i] && isStemForm(head + c + w.slice(i + 1), set)) return true
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
export function isEnglishLike(word: string): boolean {
  const w = bareWord(word).toLowerCase()
  let known = englishLike.get(w)
  if (known === undefined) {
    const plain = w.normalize('NFD').replace(/\p{M}/gu, '')
    if (isEnglishSpelling(w)) known = true
    // Accented loanwords English writes with or without the accent (`cliché`, `protégé`, `naïve`).
    else if (plain !== w && /^[a-z]+$/.test(plain) && /[éèêëïîôâç]/.test(w) && !/[äöåüõ]/.test(w) && isEnglishSpelling(plain)) known = true
    else if (!/^[a-z]+$/.test(w)) known = false // foreign letters (ä, ö, ñ…) are never English here
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
