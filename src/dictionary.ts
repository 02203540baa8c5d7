/**
 * The English dictionary (Hunspell `dictionary-en` through `nspell`), built
 * lazily once per process (~160 ms) and only when a rule asks for it. Look-ups
 * are memoised: news text repeats its words.
 */
import nspell from 'nspell'
import dictionaryEn from 'dictionary-en'

type Speller = ReturnType<typeof nspell>

const common = new Map<string, boolean>()
const proper = new Map<string, boolean>()

/** Memo size cap: a corpus of many unknown words must not grow memory without bound. */
export const MEMO_LIMIT = 250_000

export function remember(memo: Map<string, boolean>, key: string, value: boolean): void {
  if (memo.size >= MEMO_LIMIT) memo.clear()
  memo.set(key, value)
}

/** What nspell's checks need and its type definitions leave out (version 2: `lib/util/affix.js`, `lib/dictionary.js`). */
interface AffixEntry {
  add: string
  remove: RegExp | string
  continuation: string[]
}

interface SpellerState {
  rules: Record<string, {type: string; entries: AffixEntry[]}>
  flags: Record<string, unknown>
  compoundRules: Array<string | RegExp>
  compoundRuleCodes: Record<string, string[]>
  conversion: {in: Array<[RegExp, string]>}
}

/**
 * nspell expands every dictionary entry with all its affixes when it is built (~150 ms and many objects), though a
 * run asks about a few thousand words. This speller is nspell fed lazily: before a word is checked, the dictionary
 * lines of every stem the word could come from (the word with any suffix or prefix of the affix file taken off, and
 * stripped letters put back; more stems than needed is harmless) are added, through nspell's own `dictionary()`,
 * so every check reads exactly the entries the full build would hold. Entries with compound flags are added first,
 * in dictionary order, and the compound expressions are rebuilt from the affix file's rules on every addition, as
 * nspell's one-off build makes them. An affix file this does not handle (continuation classes, prefixes that strip,
 * other flag formats) gets the full build.
 */
class LazySpeller {
  private loaded = new Set<string>()

  constructor(
    private readonly speller: Speller,
    private readonly state: SpellerState,
    private readonly compoundRules: string[],
    /** The stem's lines (appended to `out`), if the dictionary lists it. */
    private readonly linesOf: (stem: string, out: string[]) => boolean,
    /** Distinct suffix additions (longest first) with the letters each may have stripped. */
    private readonly suffixes: Array<[add: string, strips: string[]]>,
    private readonly prefixes: string[]
  ) {}

  /** The stem's lines are in already. */
  markLoaded(stem: string): void {
    this.loaded.add(stem)
  }

  correct(value: string): boolean {
    this.ensure(value)
    return this.speller.correct(value)
  }

  /** Add the dictionary lines of every stem the forms `correct` tries for `value` could come from. */
  private ensure(value: string): void {
    let normal = value.trim()
    if (!normal) return
    for (const [pattern, replacement] of this.state.conversion.in) normal = normal.replace(pattern, replacement)
    const pending: string[] = []
    this.collect(normal, pending)
    if (normal.toUpperCase() === normal) this.collect(normal.charAt(0) + normal.slice(1).toLowerCase(), pending)
    const lower = normal.toLowerCase()
    if (lower !== normal) this.collect(lower, pending)
    if (pending.length > 0) this.add(pending)
  }

  private collect(form: string, pending: string[]): void {
    this.stem(form, pending)
    for (const [add, strips] of this.suffixes) {
      if (!form.endsWith(add)) continue
      const base = form.slice(0, form.length - add.length)
      this.stem(base, pending)
      for (const strip of strips) this.stem(base + strip, pending)
    }
  }

  /** `stem` and `stem` without each prefix. */
  private stem(stem: string, pending: string[]): void {
    this.load(stem, pending)
    for (const add of this.prefixes) if (stem.startsWith(add)) this.load(stem.slice(add.length), pending)
  }

  private load(stem: string, pending: string[]): void {
    if (this.loaded.has(stem)) return
    if (this.linesOf(stem, pending)) this.loaded.add(stem)
  }

  /** Feed dictionary lines to nspell (its first line is skipped, as a count), compound expressions rebuilt from the rules. */
  add(lines: string[]): void {
    this.state.compoundRules = this.compoundRules.slice()
    this.speller.dictionary('\n' + lines.join('\n'))
  }
}

/** The word and flags of a dictionary line, as nspell's `lib/util/dictionary.js` reads them. */
function lineWord(line: string): [word: string, codes: string] {
  let slashOffset = line.indexOf('/')
  const hashOffset = line.indexOf('#')
  while (slashOffset > -1 && line.charCodeAt(slashOffset - 1) === 92 /* `\` */) {
    line = line.slice(0, slashOffset - 1) + line.slice(slashOffset)
    slashOffset = line.indexOf('/', slashOffset)
  }
  let word: string
  let codes = ''
  if (hashOffset > -1) {
    if (slashOffset > -1 && slashOffset < hashOffset) {
      word = line.slice(0, slashOffset)
      const space = /\s/g
      space.lastIndex = slashOffset + 1
      const result = space.exec(line)
      codes = line.slice(slashOffset + 1, result ? result.index : undefined)
    } else {
      word = line.slice(0, hashOffset)
    }
  } else if (slashOffset > -1) {
    word = line.slice(0, slashOffset)
    codes = line.slice(slashOffset + 1)
  } else {
    word = line
  }
  return [word.trim(), codes.trim()]
}

/** The lazily fed speller, or undefined when the affix file needs the full build. */
function lazySpeller(): LazySpeller | undefined {
  const {aff, dic} = dictionaryEn as unknown as {aff: Buffer; dic: Buffer}
  const speller = nspell(aff)
  const state = speller as unknown as SpellerState
  if (!state.rules || !state.flags || !Array.isArray(state.compoundRules) || !state.compoundRuleCodes || !state.conversion) return undefined
  if (state.flags.FLAG !== undefined) return undefined // multi-character or numeric flags
  const compoundRules = state.compoundRules.filter((rule): rule is string => typeof rule === 'string')
  if (compoundRules.length !== state.compoundRules.length) return undefined
  const suffixes = new Map<string, Set<string>>()
  const prefixes = new Set<string>()
  for (const rule of Object.values(state.rules)) {
    for (const entry of rule.entries) {
      if (entry.continuation.length > 0) return undefined
      if (rule.type === 'PFX') {
        if (entry.remove !== '') return undefined
        prefixes.add(entry.add)
      } else if (rule.type === 'SFX') {
        let strip = ''
        if (entry.remove instanceof RegExp) {
          const match = /^([\p{L}']*)\$$/u.exec(entry.remove.source)
          if (!match || entry.remove.flags !== '') return undefined
          strip = match[1]
        } else if (entry.remove !== '') {
          return undefined
        }
        let strips = suffixes.get(entry.add)
        if (!strips) suffixes.set(entry.add, (strips = new Set()))
        if (strip) strips.add(strip)
      } else {
        return undefined
      }
    }
  }
  const compoundCodes = new Set(Object.keys(state.compoundRuleCodes))
  const text = dic.toString('utf8')
  // Lines by offsets (no string per line until nspell needs it); stems to their first line, further lines chained.
  const starts: number[] = []
  const ends: number[] = []
  const first = text.indexOf('\n') + 1 // as nspell's parser: the first line is a count
  if (first === 0) return undefined
  for (let from = first; ; ) {
    const newline = text.indexOf('\n', from)
    starts.push(from)
    ends.push(newline < 0 ? text.length : newline)
    if (newline < 0) break
    from = newline + 1
  }
  const count = starts.length
  const next = new Int32Array(count).fill(-1)
  const lastOf = new Map<string, number>()
  const firstOf = new Map<string, number>()
  const compoundStems = new Set<string>()
  for (let k = 0; k < count; k++) {
    const start = starts[k]
    const end = ends[k]
    // Lines starting with a tab are comments (but nspell parses the last line whatever it holds).
    if (k < count - 1 && text.charCodeAt(start) === 9) continue
    let slash = -1
    let plain = true
    for (let c = start; c < end; c++) {
      const code = text.charCodeAt(c)
      if (code === 35 /* # */ || code === 92 /* \ */) {
        plain = false
        break
      }
      if (code === 47 /* / */ && slash < 0) slash = c
    }
    let word: string
    let codes: string
    if (plain) {
      word = text.slice(start, slash < 0 ? end : slash).trim()
      codes = slash < 0 ? '' : text.slice(slash + 1, end)
    } else {
      const parsed = lineWord(text.slice(start, end))
      word = parsed[0]
      codes = parsed[1]
    }
    if (!word) continue
    const previous = lastOf.get(word)
    if (previous === undefined) firstOf.set(word, k)
    else next[previous] = k
    lastOf.set(word, k)
    for (let c = 0; c < codes.length; c++) {
      if (compoundCodes.has(codes[c])) {
        compoundStems.add(word)
        break
      }
    }
  }
  const linesOf = (stem: string, out: string[]): boolean => {
    const line = firstOf.get(stem)
    if (line === undefined) return false
    for (let k = line; k >= 0; k = next[k]) out.push(text.slice(starts[k], ends[k]))
    return true
  }
  const suffixList = [...suffixes].map(([add, strips]): [string, string[]] => [add, [...strips]]).sort((x, y) => y[0].length - x[0].length)
  const lazy = new LazySpeller(speller, state, compoundRules, linesOf, suffixList, [...prefixes])
  // Stems with compound flags first, all their lines in dictionary order: the compound expressions need them all.
  const compoundLines: number[] = []
  for (const stem of compoundStems) {
    for (let k = firstOf.get(stem) ?? -1; k >= 0; k = next[k]) compoundLines.push(k)
    lazy.markLoaded(stem)
  }
  compoundLines.sort((x, y) => x - y)
  lazy.add(compoundLines.map((k) => text.slice(starts[k], ends[k])))
  return lazy
}

let checker: {correct: (word: string) => boolean} | undefined

function english(): {correct: (word: string) => boolean} {
  checker ??= lazySpeller() ?? nspell(dictionaryEn as unknown as {aff: Buffer; dic: Buffer})
  return checker
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
