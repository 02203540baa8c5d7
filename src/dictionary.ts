/**
 * The English dictionary (Hunspell `dictionary-en` through `nspell`), made
 * lazily once per process and only when a rule asks for it. Look-ups are
 * memoised: news text repeats its words.
 *
 * nspell expands every dictionary entry with its affixes when it is built
 * (~200 ms, a third of a one-file run). `npm run build` saves the expanded
 * table as `dist/dictionary-en.snapshot.json`; loading it is a JSON parse. The
 * snapshot is keyed by a hash of the .aff/.dic files and nspell's version, and
 * anything unexpected falls back to the full build, so answers never differ.
 */
import {createHash} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {join} from 'node:path'
import nspell from 'nspell'
import dictionaryEn from 'dictionary-en'
import {packageRoot} from './data.js'

type Speller = ReturnType<typeof nspell>

let speller: Speller | undefined
const common = new Map<string, boolean>()
const proper = new Map<string, boolean>()

/** Memo size cap: a corpus of many unknown words must not grow memory without bound. */
export const MEMO_LIMIT = 250_000

export function remember(memo: Map<string, boolean>, key: string, value: boolean): void {
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, value)
}

const dictionary = dictionaryEn as unknown as {aff: Buffer; dic: Buffer}

/** nspell's internal state that `correct` reads (version 2). */
interface SpellerTables {
  data: Record<string, unknown>
  compoundRuleCodes: Record<string, string[]>
  compoundRules: RegExp[]
}

export const SNAPSHOT_FILE = 'dictionary-en.snapshot.json'

/** What the snapshot must match: the dictionary files and the nspell version. */
export function snapshotKey(): string {
  const version = (createRequire(import.meta.url)('nspell/package.json') as {version: string}).version
  return createHash('sha1').update(dictionary.aff).update(dictionary.dic).update(`nspell@${version}`).digest('hex')
}

/** The expanded tables of a fully built speller, for `scripts/build-dictionary.ts`. */
export function snapshotOf(built: Speller = nspell(dictionary)): string {
  const tables = built as unknown as SpellerTables
  return JSON.stringify({
    key: snapshotKey(),
    data: tables.data,
    compoundRuleCodes: tables.compoundRuleCodes,
    compoundRules: tables.compoundRules.map((rule) => rule.source)
  })
}

function fromSnapshot(): Speller | undefined {
  try {
    const path = join(packageRoot(), 'dist', SNAPSHOT_FILE)
    if (!existsSync(path)) return undefined
    const snap = JSON.parse(readFileSync(path, 'utf8')) as {key: string; data: Record<string, unknown>; compoundRuleCodes: Record<string, string[]>; compoundRules: string[]}
    if (snap.key !== snapshotKey()) return undefined
    const empty = nspell({aff: dictionary.aff} as unknown as {aff: Buffer; dic: Buffer})
    const tables = empty as unknown as SpellerTables
    tables.data = Object.setPrototypeOf(snap.data, null) as Record<string, unknown>
    tables.compoundRuleCodes = snap.compoundRuleCodes
    tables.compoundRules = snap.compoundRules.map((source) => new RegExp(source, 'i'))
    return empty
  } catch {
    return undefined
  }
}

function english(): Speller {
  speller ??= fromSnapshot() ?? nspell(dictionary)
  return speller
}

/** Is the lower-case form of `word` an English dictionary word (a common word, not only a name)? */
export function isCommonWord(word: string): boolean {
  const lower = word.toLowerCase()
  let known = common.get(lower)
  if (known === undefined) {
    known = english().correct(lower)
    remember(common, lower, known)
  }
  return known
}

/** Is `word` in the dictionary only capitalised (Biden, Washington, June), i.e. a proper noun? */
export function isProperNoun(word: string): boolean {
  let known = proper.get(word)
  if (known === undefined) {
    const capitalised = word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()
    known = !isCommonWord(word) && english().correct(capitalised)
    remember(proper, word, known)
  }
  return known
}

const known = new Map<string, boolean>()

/** Is `word` spelled as the dictionary knows it, in any casing it lists? */
export function isKnownWord(word: string): boolean {
  let result = known.get(word)
  if (result === undefined) {
    result = isCommonWord(word) || isProperNoun(word) || english().correct(word)
    remember(known, word, result)
  }
  return result
}
