/**
 * The English dictionary (Hunspell `dictionary-en` through `nspell`), built
 * lazily once per process (~160 ms) and only when a rule asks for it. Look-ups
 * are memoised: news text repeats its words.
 */
import nspell from 'nspell'
import dictionaryEn from 'dictionary-en'

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

function english(): Speller {
  speller ??= nspell(dictionaryEn as unknown as {aff: Buffer; dic: Buffer})
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
