import {defineRule} from '../../src/rule.js'
import {isKnownWord} from '../../src/dictionary.js'
import {
  allowedDistance,
  jaroWinkler,
  levenshtein,
  metaphone,
  soundsAlike,
  type Entity,
  type EntityIndex,
  type NameForm,
  type NameToken,
  type Person
} from '../../src/entities.js'
import {answersFor, decideAnswer, nameWordAt, namesIndex, phraseBefore, plain, roleTables, wordAnswers, type Mention, type NamesIndex, type NameWord} from './mentions.js'
import {wordFacts} from '../translation/shared.js'
import type {Doc} from '../../src/document.js'

interface Options extends Record<string, unknown> {
  minLength: number
  minSimilarity: number
  maxSuggestions: number
}

interface Candidate {
  entity: Entity
  form: NameForm
  /** First and last word index of the matched words. */
  first: number
  last: number
  /** The form's tokens that the words stand for. */
  shown: string
  score: number
}

/** Finnish, Russian and German case endings machine translation leaves on names. */
const CASE_ENDING = /^(?:in|iin|ia|lle|lla|llä|lta|ltä|ssa|ssä|sta|stä|ksi|na|nä|ille|ista|issa|ta|tä|om|ym|ov|oj|u|s)$/

function caseEnding(index: NamesIndex, word: string): boolean {
  for (let cut = word.length - 1; cut >= word.length - 4 && cut >= 4; cut--) {
    if (CASE_ENDING.test(word.slice(cut)) && index.gazetteer.tokens.has(word.slice(0, cut).toLowerCase())) return true
  }
  return false
}

const MOJIBAKE = /[ÃÂ€™\uFFFD]|â[\u0080-\u00BF€™]/
const NAME_WORD = /^\p{Lu}[\p{Ll}'’-]*\p{Ll}[\p{Ll}'’-]*$/u

const unknownCache = new Map<string, boolean>()

/** Word `i` is a capitalised word that neither the dictionary nor the gazetteer knows. */
function unknownAt(doc: Doc, index: NamesIndex, i: number, minLength: number): boolean {
  return unknownWord(nameWordAt(doc, index.gazetteer, i), index, minLength)
}

/** The word is a capitalised word, `minLength` long or more, that neither the dictionary nor the gazetteer knows. */
function unknownWord(info: NameWord, index: NamesIndex, minLength: number): boolean {
  if (info.plain.length < minLength) return false
  if (info.unknown === 0) {
    const word = info.plain
    let unknown = unknownCache.get(word)
    if (unknown === undefined) {
      unknown = NAME_WORD.test(word) && !isKnownWord(word) && !isKnownWord(word.toLowerCase())
      if (unknownCache.size > 100_000) unknownCache.clear()
      unknownCache.set(word, unknown)
    }
    info.unknown = unknown && !index.gazetteer.tokens.has(word.toLowerCase()) ? 1 : 2
  }
  return info.unknown === 1
}

interface Near {
  ref: NameToken
  pair: Pair
}

/** Per gazetteer index: word → the name tokens near it in sound or spelling, with the comparison. */
const nearCache = new WeakMap<EntityIndex, Map<string, Near[]>>()

function nearTokens(index: NamesIndex, word: string): Near[] {
  let cache = nearCache.get(index.gazetteer)
  if (!cache) nearCache.set(index.gazetteer, (cache = new Map()))
  let near = cache.get(word)
  if (near) return near
  const refs = new Set([
    ...metaphone(word).filter(Boolean).flatMap((code) => index.gazetteer.byCode.get(code) ?? []),
    ...(index.gazetteer.byPrefix.get(word.slice(0, 2).toLowerCase()) ?? [])
  ])
  near = []
  const a = plain(word).toLowerCase()
  for (const ref of refs) {
    if (ref.entity.kind !== 'person' || Math.abs(ref.token.length - word.length) > 4) continue
    // `compare`, with Jaro-Winkler similarity only for the tokens kept.
    const b = ref.token.toLowerCase()
    if (a === b) {
      near.push({ref, pair: {exact: true, sound: true, close: true, similarity: 1}})
      continue
    }
    const sound = soundsAlike(word, ref.token)
    const close = levenshtein(a, b) <= allowedDistance(a, b)
    if (sound || close) near.push({ref, pair: {exact: false, sound, close, similarity: jaroWinkler(a, b)}})
  }
  if (cache.size > 100_000) cache.clear()
  cache.set(word, near)
  return near
}

interface Pair {
  exact: boolean
  /** Double-metaphone codes shared. */
  sound: boolean
  /** Close in spelling: Levenshtein distance within nomenklatura's bound, min(4, ceil(0.2 × shorter length)). */
  close: boolean
  similarity: number
}

/** `compare` answers by word, then token (names repeat through a text). */
const pairCache = new Map<string, Map<string, Pair>>()

/** `compare(word, token)`, memoised. */
function compareCached(word: string, token: string): Pair {
  let byToken = pairCache.get(word)
  if (!byToken) {
    if (pairCache.size > 100_000) pairCache.clear()
    pairCache.set(word, (byToken = new Map()))
  }
  let pair = byToken.get(token)
  if (!pair) byToken.set(token, (pair = compare(word, token)))
  return pair
}

function compare(word: string, token: string): Pair {
  const a = plain(word).toLowerCase()
  const b = token.toLowerCase()
  if (a === b) return {exact: true, sound: true, close: true, similarity: 1}
  return {
    exact: false,
    sound: soundsAlike(word, token),
    close: levenshtein(a, b) <= allowedDistance(a, b),
    similarity: jaroWinkler(a, b)
  }
}

export default defineRule<Options>({
  id: 'names/fuzzy-name',
  summary: 'An unknown capitalised name that sounds and looks like a known person\'s name: "did you mean …?"',
  docs: `Garbled names are endless; \`names/known-variant\` knows only the listed ones. This rule takes each run of
capitalised words outside the names the gazetteer knows, keeps the words that neither the English dictionary nor
the gazetteer knows (at least \`minLength\` letters, not all capitals, not mojibake, not a known name with a
foreign case ending such as \`Putinille\`: that is \`translation/untranslated-word\`'s finding), and looks for people in the
gazetteer whose name tokens share a double-metaphone code with them or start alike and are close in spelling (the
matching of OpenSanctions' nomenklatura: equal codes, Levenshtein distance at most min(4, ceil(0.2 × the shorter
length))). It reports:
- a full name whose every token is written the same, close in spelling, or (for an unknown word) alike in sound:
  \`Jen Psakki\` → Jen Psaki, \`Vladimir Putim\` → Vladimir Putin, \`Emanuel Makron\` → Emmanuel Macron;
- a lone unknown word close in spelling to a person's surname (Jaro-Winkler at least \`minSimilarity\`), only when
  the context ties it to that person: the person's first name before it, a role phrase that fits one of the
  person's roles (\`Ukrainian President Zelenskei\` → President of Ukraine), or the person named correctly elsewhere
  in the document.
Suggestions are ranked (exact tokens, then spelling, sound and Jaro-Winkler similarity) and the best
\`maxSuggestions\` are listed. Known names and aliases are never reported, ordinary words never (they are in the
dictionary). A real person the gazetteer does not hold can look like one that it does, so check before changing:
hence severity \`info\` and no fix. To silence a real name, add it to \`allow\` or to your entities file.`,
  severity: 'info',
  fixable: false,
  options: {
    minLength: {type: 'number', default: 4, min: 2, max: 20, description: 'Shortest unknown word considered'},
    minSimilarity: {type: 'number', default: 0.88, min: 0, max: 1, description: 'Jaro-Winkler similarity a lone surname needs'},
    maxSuggestions: {type: 'number', default: 3, min: 1, max: 10, description: 'Suggestions listed in the message'}
  },
  examples: {
    valid: [
      {text: 'Ukrainian President Volodymyr Zelensky met Mayor Vitali Klitschko.\n'},
      {text: 'Zelenskyy and Zelenskiy are aliases, and Lisbon is a dictionary word.\n'},
      {text: 'The farmer Jon Pezaki sold his apples in the market.\n'}
    ],
    invalid: [
      {
        text: 'Earlier, Jen Psakki told reporters the call had been useful.\n',
        messages: ['1:10-1:20: Unknown name `Jen Psakki`: did you mean Jen Psaki?']
      },
      {
        text: 'Ukrainian President Zelenskei visited the front line.\n',
        messages: ['1:21-1:30: Unknown name `Zelenskei`: did you mean Zelensky (Volodymyr Zelensky)?']
      },
      {
        text: 'Angela Merkel arrived first. Later, Merkell thanked the hosts.\n',
        messages: ['1:37-1:44: Unknown name `Merkell`: did you mean Merkel (Angela Merkel)?']
      },
      {
        text: 'Talks between Vladimir Putim and Emanuel Makron ended.\n',
        messages: [
          '1:15-1:29: Unknown name `Vladimir Putim`: did you mean Vladimir Putin?',
          '1:34-1:48: Unknown name `Emanuel Makron`: did you mean Emmanuel Macron?'
        ]
      }
    ]
  },
  check(_tree, file, options, doc) {
    const index = namesIndex(doc)
    const words = doc.words
    const ids = wordFacts(doc).ids
    const near = answersFor(nearUnknown, doc, index, options.minLength)
    const spans = index.spans
    for (let k = 0; k < spans.length; k += 2) {
      // Runs of span words outside known mentions.
      const last = spans[k + 1]
      let i = spans[k]
      while (i <= last) {
        if (index.mentionAt[i] >= 0) {
          i++
          continue
        }
        let j = i
        while (j + 1 <= last && index.mentionAt[j + 1] < 0) j++
        // Most runs hold no unknown word near a name: nothing to look for.
        const found = nearRun(near, ids, index, i, j, options.minLength) ? candidatesIn(doc, index, i, j, options) : NO_HITS
        for (const hit of found) {
          doc.report(file, 'names/fuzzy-name',
            `Unknown name \`${doc.text.slice(words[hit.first].start, words[hit.last].end)}\`: did you mean ${hit.suggestions}?`,
            words[hit.first].start, words[hit.last].end)
        }
        i = j + 1
      }
    }
  }
})

const NO_HITS: Array<{first: number; last: number; suggestions: string}> = []

/** Is the word unknown (`unknownWord`) and near a name in sound or spelling (where `candidatesIn` starts)? Kept per word. */
const nearUnknown = wordAnswers((word, index, minLength) => unknownWord(word, index, minLength) && nearTokens(index, word.plain).length > 0)

/** Does the run of words `from` to `to` hold an unknown word near a name (`near`: the answers by lexicon id)? */
function nearRun(near: Int8Array, ids: Int32Array, index: NamesIndex, from: number, to: number, minLength: number): boolean {
  for (let p = from; p <= to; p++) {
    const answer = near[ids[p]] || decideAnswer(nearUnknown, index, ids[p], minLength)
    if (answer === 1) return true
  }
  return false
}

/** A word of the run compared with a form's token, and whether the word is unknown. */
interface TokenPair {
  pair: Pair
  unknown: boolean
}

/**
 * The words from `start` compared with the form's `tokens`; the token at `at` is the word already compared (`pair`).
 * (This and the next three: plain loops, as `map`, `every`, `some` and `reduce` over these arrays made the compiled
 * `candidatesIn` fall back to the interpreter.)
 */
function tokenPairs(doc: Doc, index: NamesIndex, tokens: string[], start: number, at: number, pair: Pair): TokenPair[] {
  const pairs: TokenPair[] = []
  for (let k = 0; k < tokens.length; k++) {
    pairs.push(k === at ? {pair, unknown: true} : {pair: compareCached(doc.words[start + k].text, tokens[k]), unknown: unknownAt(doc, index, start + k, 2)})
  }
  return pairs
}

/** Every token written the same, close in spelling, or (unknown words) alike in sound. */
function pairsFit(pairs: TokenPair[]): boolean {
  for (let k = 0; k < pairs.length; k++) {
    const {pair, unknown} = pairs[k]
    if (!(pair.exact || (pair.close && pair.similarity >= 0.8) || (pair.sound && unknown && pair.similarity >= 0.5))) return false
  }
  return true
}

function allExact(pairs: TokenPair[]): boolean {
  for (let k = 0; k < pairs.length; k++) if (!pairs[k].pair.exact) return false
  return true
}

function pairsScore(pairs: TokenPair[]): number {
  let sum = 0
  for (let k = 0; k < pairs.length; k++) {
    const pair = pairs[k].pair
    sum = sum + (pair.exact ? 2 : 0) + (pair.close ? 1 : 0) + (pair.sound ? 0.5 : 0) + pair.similarity
  }
  return sum
}

function candidatesIn(doc: Doc, index: NamesIndex, from: number, to: number, options: Options): Array<{first: number; last: number; suggestions: string}> {
  const words = doc.words
  const out: Array<{first: number; last: number; suggestions: string}> = []
  let covered = from - 1
  for (let p = from; p <= to; p++) {
    if (p <= covered) continue
    if (!unknownAt(doc, index, p, options.minLength)) continue
    const info = nameWordAt(doc, index.gazetteer, p)
    const word = info.plain
    // Nothing near in sound or spelling (most unknown words): no candidates, whatever else holds.
    const near = nearTokens(index, word)
    if (near.length === 0) continue
    // Mojibake (`Mugabeâ€™s`) is an encoding problem, not a name; a known name with a foreign case ending
    // (`Naryshkinin`, `Putinille`) is translation/untranslated-word's finding.
    if (MOJIBAKE.test(doc.text.slice(words[p].start, words[p].end + 3))) continue
    if (info.caseEnding === 0) info.caseEnding = caseEnding(index, word) ? 1 : 2
    if (info.caseEnding === 1) continue
    const candidates: Candidate[] = []
    for (const {ref, pair} of near) {
      const tokens = ref.form.tokens
      // The whole form over the run: every token written the same, close in spelling, or (unknown words) alike in sound.
      const start = p - ref.index
      if (tokens.length > 1 && start >= from && start + tokens.length - 1 <= to) {
        const pairs = tokenPairs(doc, index, tokens, start, ref.index, pair)
        if (pairsFit(pairs) && !allExact(pairs)) {
          const score = pairsScore(pairs)
          candidates.push({entity: ref.entity, form: ref.form, first: start, last: start + tokens.length - 1, shown: tokens.join(' '), score})
          continue
        }
      }
      // A lone surname (the form's last token): close in spelling and tied to the person by the context.
      if (ref.index !== tokens.length - 1 || word.length < 5) continue
      if (!pair.close || pair.similarity < options.minSimilarity) continue
      if (!tiedTo(doc, index, p, ref.entity)) continue
      candidates.push({entity: ref.entity, form: ref.form, first: p, last: p, shown: ref.token, score: (pair.sound ? 0.5 : 0) + 1 + pair.similarity})
    }
    if (candidates.length === 0) continue
    // Per entity and span, the form of highest rank (the name before aliases) at the best score.
    const rank = (c: Candidate) => (c.form.kind === 'name' ? 0 : 1)
    candidates.sort((a, b) => b.score - a.score || rank(a) - rank(b) || a.entity.name.localeCompare(b.entity.name))
    for (const c of candidates) {
      const named = candidates.find((d) => d.entity === c.entity && d.first === c.first && d.last === c.last && d.form.kind === 'name')
      if (named) c.shown = named.shown
    }
    const best = candidates[0]
    const seen = new Set<string>()
    const suggestions: string[] = []
    for (const c of candidates) {
      if (c.first !== best.first || c.last !== best.last || seen.has(c.entity.id)) continue
      seen.add(c.entity.id)
      suggestions.push(c.shown === c.entity.name ? c.entity.name : `${c.shown} (${c.entity.name})`)
      if (suggestions.length >= options.maxSuggestions) break
    }
    out.push({first: best.first, last: best.last, suggestions: suggestions.join(' or ')})
    covered = best.last
  }
  return out
}

const firstNameSets = new WeakMap<Person, Set<string>>()

/** The first tokens of the person's multi-token name and aliases, in lower case (built once per person). */
function firstNamesOf(person: Person): Set<string> {
  let names = firstNameSets.get(person)
  if (!names) {
    names = new Set([person.name, ...person.aliases].map((n) => n.split(/\s+/)).filter((t) => t.length > 1).map((t) => t[0].toLowerCase()))
    firstNameSets.set(person, names)
  }
  return names
}

/** Does the context tie word `p` to `entity`: its first name before it, a fitting role phrase, or the person named elsewhere? */
function tiedTo(doc: Doc, index: NamesIndex, p: number, entity: Entity): boolean {
  const person = entity.person
  if (!person) return false
  if (index.named.has(entity.id)) return true
  const words = doc.words
  const firstNames = firstNamesOf(person)
  if (p > 0 && firstNames.has(plain(words[p - 1].text).toLowerCase())) return true
  const pseudo: Mention = {start: words[p].start, end: words[p].end, first: p, last: p, forms: [], entity: undefined, kind: 'surname', glued: false}
  const bound = phraseBefore(doc, pseudo, roleTables().roles)
  if (!bound || bound.blocked) return false
  return person.roles.some((role) => bound.entry.types.includes(role.type) && (!bound.country || role.country === bound.country))
}
