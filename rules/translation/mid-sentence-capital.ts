import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {isProperNoun} from '../../src/dictionary.js'
import {
  ALL_CAPS,
  MONTHS_AND_DAYS,
  SHAPE_CAPITAL,
  SHAPE_LOWER,
  SHAPE_OTHER_LOWER,
  SHAPE_TITLE,
  FLAG_SMALL,
  TITLE_SMALL,
  dictionaryOf,
  englishOf,
  lexicon,
  nameishOf,
  wordFacts,
  gapBefore,
  isMidSentence,
  onTitleLine,
  quoteAtWord,
  shared
} from './shared.js'

const ID = 'translation/mid-sentence-capital'

const UPPER_START = /^\p{Lu}/u
const DIGIT_START = /^\p{N}/u
const SPACE_ONLY = /^\s+$/
const CLOSES_QUOTE_OR_CLAUSE = /[”’»"',)]/

/** Closed-class words: capitalised inside a sentence they are almost never a name. */
const FUNCTION_WORDS = new Set([
  'an', 'the', 'this', 'these', 'those', 'that', 'its', 'their', 'his', 'her', 'our', 'your', 'my', 'some', 'any', 'every', 'each', 'such',
  'and', 'or', 'but', 'nor', 'so', 'because', 'although', 'though', 'while', 'whereas', 'if', 'unless', 'whether', 'than', 'then', 'when', 'where',
  'at', 'by', 'in', 'on', 'of', 'to', 'for', 'with', 'from', 'into', 'onto', 'upon', 'about', 'over', 'under', 'after', 'before', 'between',
  'among', 'against', 'during', 'without', 'within', 'through', 'since', 'until', 'towards', 'toward', 'across', 'along', 'around', 'behind',
  'beyond', 'despite', 'near', 'via', 'per', 'regarding', 'including', 'according',
  'is', 'are', 'was', 'were', 'be', 'been', 'being', 'has', 'have', 'had', 'do', 'does', 'did', 'can', 'could', 'will', 'would', 'shall',
  'should', 'might', 'must',
  'it', 'they', 'them', 'he', 'him', 'she', 'we', 'you', 'who', 'whom', 'whose', 'which', 'what', 'there', 'here',
  'also', 'not', 'very', 'already', 'however', 'therefore', 'thus'
])

const ARTICLES = new Set(['the', 'an'])

/** A capitalised word after these is a title or a name (`the Parliament`, `a horse named Lightning`). */
const BEFORE_NAMES = new Set([
  'the', 'a', 'an', 'this', 'that', 'these', 'those', 'its', 'his', 'her', 'their', 'our', 'my', 'your', 'whose', 'every', 'each', 'no',
  'any', 'some', 'another', 'former', 'named', 'called', 'dubbed', 'titled', 'entitled', 'nicknamed', 'branded', 'codenamed', 'known',
  'mr', 'mrs', 'ms', 'dr', 'st',
  // Nouns a name stands in apposition to: `the company Stagecoach`, `the newspaper Sun`.
  'company', 'firm', 'group', 'brand', 'band', 'club', 'team', 'newspaper', 'magazine', 'paper', 'channel', 'network', 'show', 'series',
  'film', 'movie', 'book', 'novel', 'album', 'song', 'horse', 'ship', 'vessel', 'operation', 'project', 'station', 'agency', 'website',
  'app', 'game', 'rapper', 'singer', 'artist', 'label', 'restaurant', 'hotel', 'bar', 'party', 'organisation', 'organization'
])

/** Nouns that style guides capitalise when they name an institution or a unique thing. */
const INSTITUTIONS = new Set([
  'government', 'parliament', 'president', 'presidency', 'minister', 'ministry', 'cabinet', 'senate', 'congress', 'house', 'court', 'state',
  'states', 'church', 'army', 'navy', 'police', 'council', 'commission', 'committee', 'union', 'party', 'bank', 'university', 'earth',
  'internet', 'web', 'net', 'moon', 'sun', 'bible', 'constitution', 'crown', 'treasury', 'federal', 'national', 'republic', 'kingdom',
  'administration', 'chancellor', 'premier', 'king', 'queen', 'prince', 'princess', 'pope', 'emperor', 'general', 'colonel', 'captain',
  'professor', 'doctor', 'judge', 'senator', 'governor', 'mayor', 'ambassador', 'secretary', 'chairman', 'director', 'sir', 'lord', 'lady',
  'god', 'lord', 'left', 'right', 'west', 'east', 'north', 'south', 'city', 'county', 'province', 'region', 'district', 'square', 'street'
])

/** Number words name TV channels, teams and bands (`Channel Four`, `Nine`). */
const NUMBER_WORDS = new Set(['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'hundred', 'thousand', 'million'])

/**
 * What a capital on a word may be reported as, by its text alone (`Lexicon.capitalKind`). Never: too short, a day
 * or month, a name, an institution, a number word, or not in the dictionary.
 */
const NEVER = 1
/** A function word (`And`, `At`, `The`). */
const FUNCTION_WORD = 2
/** A plain common word (`Growth`, `Relationships`). */
const CONTENT_WORD = 3
type CapitalKind = typeof NEVER | typeof FUNCTION_WORD | typeof CONTENT_WORD

/** `CapitalKind` of the word of lexicon id `id`, decided once per id. */
function capitalKindOf(id: number): CapitalKind {
  const L = lexicon
  let kind = L.capitalKind[id] as CapitalKind | 0
  if (kind === 0) {
    kind = computeCapitalKind(id)
    L.capitalKind[id] = kind
  }
  return kind
}

function computeCapitalKind(id: number): CapitalKind {
  const L = lexicon
  const lower = L.lower[id]
  if (L.bare[id].length < 2 || MONTHS_AND_DAYS.has(lower)) return NEVER
  if (FUNCTION_WORDS.has(lower)) return FUNCTION_WORD
  // The dictionary alone (not the loanword list: `Mujahideen`, `Duma` are names when capitalised).
  if (!dictionaryOf(id) || nameishOf(id)) return NEVER
  if (INSTITUTIONS.has(lower) || NUMBER_WORDS.has(lower)) return NEVER
  return CONTENT_WORD
}

/** The Title-Case words whose capital may be reported (capital kind not `NEVER`), in text order (one pass). */
function capitalCandidates(doc: Doc): number[] {
  return shared(doc, 'translation/capital-candidates', findCapitalCandidates)
}

function findCapitalCandidates(doc: Doc): number[] {
  const {ids, titleWords} = wordFacts(doc)
  const out: number[] = []
  for (const i of titleWords) {
    if (capitalKindOf(ids[i]) !== NEVER) out.push(i)
  }
  return out
}

interface Counts {
  capital: number
  lower: number
}

let countGeneration = 0

/** The counts of one document: per lower-case slot of its Title-Case content words (see `Lexicon.slot`). */
interface CasingCounts {
  generation: number
  slots: number[]
  capital: Int32Array
  lower: Int32Array
}

/**
 * How often word `i`'s lower-case form occurs capitalised inside sentences (outside headlines) and in lower case
 * (counted on first need, for the forms of all the document's Title-Case content words: the only ones asked).
 */
function casingCountsAt(doc: Doc, i: number): Counts {
  const all = shared(doc, 'translation/casing-counts', buildCasingCounts)
  const slot = lexicon.slot[wordFacts(doc).ids[i]]
  // The stamp is this document's unless a later count claimed the slot since: then look for it.
  const index = lexicon.slotGen[slot] === all.generation ? lexicon.slotIndex[slot] : all.slots.indexOf(slot)
  return index < 0 ? {capital: 0, lower: 0} : {capital: all.capital[index], lower: all.lower[index]}
}

function buildCasingCounts(doc: Doc): CasingCounts {
  const facts = wordFacts(doc)
  const ids = facts.ids
  const shapes = facts.shape
  const n = ids.length
  const L = lexicon
  const slotOf = L.slot
  const slotGen = L.slotGen
  const slotIndex = L.slotIndex
  // Only the forms `classify` may ask about are counted: each Title-Case content word claims its lower-case form's slot.
  const generation = ++countGeneration
  const slots: number[] = []
  for (const k of capitalCandidates(doc)) {
    if (capitalKindOf(ids[k]) !== CONTENT_WORD) continue
    const slot = slotOf[ids[k]]
    if (slotGen[slot] !== generation) {
      slotGen[slot] = generation
      slotIndex[slot] = slots.length
      slots.push(slot)
    }
  }
  const capital = new Int32Array(slots.length)
  const lowerCase = new Int32Array(slots.length)
  if (slots.length === 0) return {generation, slots, capital, lower: lowerCase}
  const titles = facts.titleLines
  const wordLines = facts.lines
  for (let k = 0; k < n; k++) {
    const shape = shapes[k]
    const isLower = shape === SHAPE_LOWER || shape === SHAPE_OTHER_LOWER
    if (!isLower && shape !== SHAPE_TITLE) continue
    const slot = slotOf[ids[k]]
    if (slotGen[slot] !== generation) continue
    if (isLower) lowerCase[slotIndex[slot]]++
    else if (isMidSentence(doc, k) && titles[wordLines[k]] === 0) capital[slotIndex[slot]]++
  }
  return {generation, slots, capital, lower: lowerCase}
}

function isCapitalisedAt(doc: Doc, i: number): boolean {
  const shape = wordFacts(doc).shape[i]
  return shape === SHAPE_TITLE || shape === SHAPE_CAPITAL
}

function isLowerAt(doc: Doc, i: number): boolean {
  const shape = wordFacts(doc).shape[i]
  return shape === SHAPE_LOWER || shape === SHAPE_OTHER_LOWER
}

/** Can the capitalised word be (part of) a name: a proper noun, an unknown word, an acronym? */
function isNameLike(doc: Doc, i: number): boolean {
  if (!isCapitalisedAt(doc, i)) return false
  const id = wordFacts(doc).ids[i]
  return nameishOf(id) || !englishOf(id) || ALL_CAPS.test(lexicon.bare[id])
}

/** After word `i`: only title small words, then a capitalised word (`With the Wind`, `of Transport`)? */
function leadsIntoName(doc: Doc, i: number): boolean {
  const facts = wordFacts(doc)
  const L = lexicon
  for (let j = i + 1; j <= i + 4 && inOneSentence(doc, i, j); j++) {
    if (startsUpperOrDigit(facts.shape[j], L.bare[facts.ids[j]])) return true
    if ((L.flags[facts.ids[j]] & FLAG_SMALL) === 0) return false // not in `TITLE_SMALL`
  }
  return false
}

/** Are words `a` and `b` (`b` may be past the last word) in one sentence? */
function inOneSentence(doc: Doc, a: number, b: number): boolean {
  const sentences = wordFacts(doc).sentences
  return b < sentences.length && sentences[a] === sentences[b]
}

/** `/^[\p{Lu}\p{N}]/u` of a bare word, by its shape (a capital starts the Title-Case and capitalised shapes). */
function startsUpperOrDigit(shape: number, bare: string): boolean {
  return shape === SHAPE_TITLE || shape === SHAPE_CAPITAL || (shape === 0 && DIGIT_START.test(bare))
}

/** Nationality adjectives: `it Possible Russian invasion` is a common word before one, not a name. */
const NATIONALITY = /^(?:[A-Z][a-z]+(?:an|ian|ish|ese|i|ic|ch))$/

/** Words that make a name with a nationality (`Native American`, `South Korean`, `Latin American`). */
const BEFORE_NATIONALITY = new Set(['native', 'latin', 'african', 'south', 'north', 'east', 'west', 'central', 'middle', 'southeast',
  'southwest', 'northeast', 'northwest', 'far', 'near', 'pan', 'anglo', 'greater', 'upper', 'lower', 'new', 'old', 'great', 'little',
  'white', 'black', 'asian', 'arab', 'indo', 'sub', 'ancient', 'modern', 'classical', 'eastern', 'western', 'northern', 'southern', 'soviet'])

/** After word `i`: a nationality adjective, then a lower-case English word (`Possible Russian invasion`)? */
function nationalityThenLower(doc: Doc, i: number): boolean {
  const facts = wordFacts(doc)
  const ids = facts.ids
  // (A `NATIONALITY` adjective is in Title Case: most words after `i` are not.)
  if (facts.shape[i + 1] !== SHAPE_TITLE || BEFORE_NATIONALITY.has(lexicon.lower[ids[i]])) return false
  if (!inOneSentence(doc, i, i + 2) || !inOneSentence(doc, i, i + 1)) return false
  const adjective = lexicon.bare[ids[i + 1]]
  if (!NATIONALITY.test(adjective) || !isProperNoun(adjective) || englishOf(ids[i + 1])) return false
  return isLowerAt(doc, i + 2) && englishOf(ids[i + 2])
}

/** The word after `i` in the same sentence, if it is a lower-case English word. */
function lowerEnglishNext(doc: Doc, i: number): boolean {
  if (!inOneSentence(doc, i, i + 1)) return false
  return isLowerAt(doc, i + 1) && englishOf(wordFacts(doc).ids[i + 1])
}

function closesQuoteOrClause(gap: string): boolean {
  return CLOSES_QUOTE_OR_CLAUSE.test(gap)
}

type Kind = 'function' | 'content' | 'after-name'

/**
 * Word `i`, in Title Case, of capital kind `kind` (not `NEVER`). `nextFlagged`: the word after `i` is itself
 * reported, so `i` may start a run of capitals. (Every test is a pure look-up: the cheap ones come first.)
 */
function classify(doc: Doc, i: number, kind: CapitalKind, nextFlagged: boolean): Kind | undefined {
  if (!isMidSentence(doc, i)) return undefined
  return kind === FUNCTION_WORD ? classifyFunctionWord(doc, i, nextFlagged) : classifyContentWord(doc, i, nextFlagged)
}

/** Inside a short quote (a quoted title): capitals are the title's. */
function inShortQuote(doc: Doc, i: number): boolean {
  const quote = quoteAtWord(doc, i)
  return quote !== undefined && quote.words <= 8
}

/** A capitalised function word (`And`, `At`) followed by lower-case text, or a run of reported capitals. */
function classifyFunctionWord(doc: Doc, i: number, nextFlagged: boolean): Kind | undefined {
  if (!inOneSentence(doc, i, i + 1)) return undefined
  const facts = wordFacts(doc)
  const ids = facts.ids
  const L = lexicon
  const prevBare = L.bare[ids[i - 1]]
  // After a number or a one-word label (`Advertisement At first`): a lost sentence break, not a capital.
  if (DIGIT_START.test(prevBare) || (i - 1 === doc.sentences[facts.sentences[i]].firstWord && UPPER_START.test(prevBare))) return undefined
  if (inShortQuote(doc, i)) return undefined
  if (nextFlagged) return 'function'
  // Inside a Title-Case name or title (`Gone With the Wind`, `Assistant to the President`)?
  const inTitle = isCapitalisedAt(doc, i - 1) && SPACE_ONLY.test(gapBefore(doc, i)) && leadsIntoName(doc, i)
  if (isLowerAt(doc, i + 1)) return inTitle ? undefined : 'function'
  // `The G7 summit`: an article before an acronym that is not a name's start.
  if (ARTICLES.has(L.lower[ids[i]]) && ALL_CAPS.test(L.bare[ids[i + 1]])) {
    if (inOneSentence(doc, i, i + 2) && isLowerAt(doc, i + 2)) return 'function'
  }
  return undefined
}

/**
 * A capitalised content word (a dictionary word, not a name, institution or number): only when it is plainly a
 * common word between common words.
 */
function classifyContentWord(doc: Doc, i: number, nextFlagged: boolean): Kind | undefined {
  const nextOk = nextFlagged || (lowerEnglishNext(doc, i) && !leadsIntoName(doc, i)) || nationalityThenLower(doc, i)
  if (!nextOk || inShortQuote(doc, i)) return undefined
  const counts = casingCountsAt(doc, i)
  if (counts.capital >= 2 && counts.lower === 0) return undefined // a name the text uses consistently
  const ids = wordFacts(doc).ids
  const L = lexicon
  if (isLowerAt(doc, i - 1)) {
    const prevLower = L.lower[ids[i - 1]]
    if (BEFORE_NAMES.has(prevLower) || !englishOf(ids[i - 1])) return undefined
    // `Club for Growth`, `Ministry of Defence`: a connector inside a name.
    if (TITLE_SMALL.has(prevLower) && i >= 2 && isCapitalisedAt(doc, i - 2) && inOneSentence(doc, i - 2, i)) return undefined
    if (DIGIT_START.test(L.bare[ids[i - 1]])) return undefined
    return 'content'
  }
  if (closesQuoteOrClause(gapBefore(doc, i))) return 'content'
  if (isNameLike(doc, i - 1)) return 'after-name'
  return undefined
}

interface Options extends Record<string, unknown> {
  minRun: number
}

export default defineRule<Options>({
  id: ID,
  summary: 'Common or function words capitalised inside a sentence (`condemned Growth in the number of forces At the border`)',
  docs: `Machine translation often carries the source's capitals over, or "truecases" words wrongly: \`condemned Growth in
the number of forces At the border\`, \`Biden And their Russian colleagues\`. Truecaser style, the rule looks at each
capitalised word inside a sentence whose lower-case form is an English word the dictionary does not also list as a
name. A capitalised function word (\`And\`, \`At\`, \`Can\`, \`The\`, \`According\`) followed by lower-case text is
reported on its own; a capitalised common word (\`Growth\`, \`Relationships\`) when it stands between lower-case
words (or before a nationality adjective and a lower-case word: \`it Possible Russian invasion\`); a verb or
adjective glued after a name (\`America Proposed summit\`, \`Kremlin Take place\`) only in a sentence that already
has one of the other two. One message per run of adjacent capitalised words, with the lower-case form
as \`expected\`. Not fixable: lower-casing a real name would lose information.

Quiet on: proper nouns and words the dictionary lists capitalised (\`Mark\`, \`Lamb\`), words the text capitalises
consistently (a name), titles and institutions (\`President Biden\`, \`the Parliament\`), multi-word names (\`White
House\`, \`Cold War\`, \`Security Council\`, \`Ministry of Transport\`), Title-Case headlines and lines, the first
word of a sentence or line and text after a colon, dash, opening quote or bracket, days and months, and short quoted
titles. Option \`minRun\`: report only runs of at least that many capitalised words.`,
  severity: 'warn',
  fixable: false,
  options: {
    minRun: {type: 'number', default: 1, min: 1, max: 10, description: 'Report only runs of at least this many adjacent capitalised words'}
  },
  examples: {
    valid: [
      {text: 'The White House said on Monday that President Biden would attend the Climate Summit.\n'},
      {text: 'Officials from the Ministry of Transport met the Security Council after the Cold War ended.\n'},
      {text: 'Protesters Gather Outside the Parliament Building in Helsinki\n'},
      {text: 'She said: "Talks will resume." Then she left for the Minsk Agreement talks in June.\n'},
      {text: 'Shannon Lamb told police. Later Lamb drove north, and Lamb stopped at a motel.\n'},
      {text: 'He read “Gone With the Wind” on the train to Reading in March.\n'},
      {text: 'Both sides condemned Growth in the number of troops.\n', options: {minRun: 2}},
      {text: 'Crowds gathered in Greater London and in South Korean ports as New Zealand voted.\n'}
    ],
    invalid: [
      {
        text: 'Both sides have condemned Growth in the number of forces At the border.\n',
        messages: [
          '1:27-1:33: Unexpected mid-sentence capital in `Growth`, write `growth`',
          '1:58-1:60: Unexpected mid-sentence capital in `At`, write `at`'
        ]
      },
      {
        text: 'A summit between the President And their colleagues Can take place in June.\n',
        messages: [
          '1:32-1:35: Unexpected mid-sentence capital in `And`, write `and`',
          '1:53-1:56: Unexpected mid-sentence capital in `Can`, write `can`'
        ]
      },
      {
        text: 'Officials said that Moscow Proposed talks And that Kyiv would Take part.\n',
        messages: [
          '1:28-1:36: Unexpected mid-sentence capital in `Proposed`, write `proposed`',
          '1:43-1:46: Unexpected mid-sentence capital in `And`, write `and`',
          '1:63-1:67: Unexpected mid-sentence capital in `Take`, write `take`'
        ]
      },
      {
        text: 'The leaders met in London, The G7 summit ended on Friday.\n',
        messages: ['1:28-1:31: Unexpected mid-sentence capital in `The`, write `the`']
      },
      {
        text: 'Since the vote, Relationships Have worsened.\n',
        messages: ['1:17-1:35: Unexpected mid-sentence capitals in `Relationships Have`, write `relationships have`']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const {ids, sentences} = wordFacts(doc)
    const candidates = capitalCandidates(doc)
    // Right to left, so a capital right before a reported one joins its run: the reported words and their kinds,
    // last word first.
    const found: number[] = []
    const foundKinds: Kind[] = []
    const strongSentences = new Set<number>()
    for (let c = candidates.length - 1; c >= 0 && candidates[c] >= 1; c--) {
      const i = candidates[c]
      const capitalKind = capitalKindOf(ids[i])
      const last = found.length - 1
      const nextFlagged = last >= 0 && found[last] === i + 1 && foundKinds[last] !== 'after-name' && SPACE_ONLY.test(gapBefore(doc, i + 1))
      const kind = classify(doc, i, capitalKind, nextFlagged)
      if (!kind || onTitleLine(doc, i)) continue
      found.push(i)
      foundKinds.push(kind)
      if (kind !== 'after-name') strongSentences.add(sentences[i])
    }
    const flagged: number[] = []
    for (let k = found.length - 1; k >= 0; k--) {
      if (foundKinds[k] !== 'after-name' || strongSentences.has(sentences[found[k]])) flagged.push(found[k])
    }
    for (let k = 0; k < flagged.length; ) {
      let end = k
      while (end + 1 < flagged.length && flagged[end + 1] === flagged[end] + 1 && SPACE_ONLY.test(gapBefore(doc, flagged[end + 1]))) end++
      const run = flagged.slice(k, end + 1)
      k = end + 1
      if (run.length < options.minRun) continue
      const start = doc.words[run[0]].start
      const last = doc.words[run[run.length - 1]]
      const stop = last.start + last.text.replace(/[^\p{L}\p{N}]+$/u, '').length
      const actual = doc.text.slice(start, stop)
      const expected = actual.replace(/(^|\s)(\p{Lu})/gu, (_m, space: string, letter: string) => space + letter.toLowerCase())
      doc.report(file, ID, `Unexpected mid-sentence capital${run.length > 1 ? 's' : ''} in \`${actual}\`, write \`${expected}\``, start, stop, {expected: [expected]})
    }
  }
})
