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
  TITLE_SMALL,
  englishAt,
  dictionaryOf,
  englishOf,
  lexicon,
  nameishOf,
  wordFacts,
  gapBefore,
  isMidSentence,
  quoteAt,
  shared,
  titleLines
} from './shared.js'

const ID = 'translation/mid-sentence-capital'

const UPPER_OR_DIGIT_START = /^[\p{Lu}\p{N}]/u
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

interface Counts {
  capital: number
  lower: number
}

let countGeneration = 0

/** The counts of one document: per lower-case slot of its Title-Case words (see `Lexicon.slot`). */
interface CasingCounts {
  generation: number
  slots: number[]
  capital: Int32Array
  lower: Int32Array
}

/**
 * How often word `i`'s lower-case form occurs capitalised inside sentences (outside headlines) and in lower case
 * (all words counted once, on first need).
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
  const titles = titleLines(doc)
  const ids = facts.ids
  const shapes = facts.shape
  const n = ids.length
  const L = lexicon
  // Only words that occur in Title Case somewhere are counted: each claims its lower-case form's slot.
  const generation = ++countGeneration
  const slots: number[] = []
  for (let k = 0; k < n; k++) {
    if (shapes[k] !== SHAPE_TITLE) continue
    const slot = L.slot[ids[k]]
    if (L.slotGen[slot] !== generation) {
      L.slotGen[slot] = generation
      L.slotIndex[slot] = slots.length
      slots.push(slot)
    }
  }
  const capital = new Int32Array(slots.length)
  const lowerCase = new Int32Array(slots.length)
  for (let k = 0; k < n; k++) {
    const shape = shapes[k]
    const isLower = shape === SHAPE_LOWER || shape === SHAPE_OTHER_LOWER
    if (!isLower && shape !== SHAPE_TITLE) continue
    const slot = L.slot[ids[k]]
    if (L.slotGen[slot] !== generation) continue
    if (isLower) lowerCase[L.slotIndex[slot]]++
    else if (isMidSentence(doc, k) && !titles.has(doc.lineIndexAt(doc.words[k].start))) capital[L.slotIndex[slot]]++
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
  return ALL_CAPS.test(lexicon.bare[id]) || nameishOf(id) || !englishOf(id)
}

/** After word `i`: only title small words, then a capitalised word (`With the Wind`, `of Transport`)? */
function leadsIntoName(doc: Doc, i: number): boolean {
  const words = doc.words
  const facts = wordFacts(doc)
  const sentence = words[i].sentence
  for (let j = i + 1; j < words.length && j <= i + 4 && words[j].sentence === sentence; j++) {
    if (UPPER_OR_DIGIT_START.test(facts.bare[j])) return true
    if (!TITLE_SMALL.has(facts.lower[j])) return false
  }
  return false
}

/** Nationality adjectives: `it Possible Russian invasion` is a common word before one, not a name. */
const NATIONALITY = /^(?:[A-Z][a-z]+(?:an|ian|ish|ese|i|ic|ch))$/

/** Words that make a name with a nationality (`Native American`, `South Korean`, `Latin American`). */
const BEFORE_NATIONALITY = new Set(['native', 'latin', 'african', 'south', 'north', 'east', 'west', 'central', 'middle', 'southeast',
  'southwest', 'northeast', 'northwest', 'far', 'near', 'pan', 'anglo', 'greater', 'upper', 'lower', 'new', 'old', 'great', 'little',
  'white', 'black', 'asian', 'arab', 'indo', 'sub', 'ancient', 'modern', 'classical', 'eastern', 'western', 'northern', 'southern', 'soviet'])

/** After word `i`: a nationality adjective, then a lower-case English word (`Possible Russian invasion`)? */
function nationalityThenLower(doc: Doc, i: number): boolean {
  const words = doc.words
  const facts = wordFacts(doc)
  if (BEFORE_NATIONALITY.has(facts.lower[i])) return false
  const sentence = words[i].sentence
  if (!words[i + 2] || words[i + 2].sentence !== sentence || words[i + 1].sentence !== sentence) return false
  const adjective = facts.bare[i + 1]
  if (!NATIONALITY.test(adjective) || !isProperNoun(adjective) || englishAt(doc, i + 1)) return false
  return isLowerAt(doc, i + 2) && englishAt(doc, i + 2)
}

/** The word after `i` in the same sentence, if it is a lower-case English word. */
function lowerEnglishNext(doc: Doc, i: number): boolean {
  const next = doc.words[i + 1]
  if (!next || next.sentence !== doc.words[i].sentence) return false
  return isLowerAt(doc, i + 1) && englishAt(doc, i + 1)
}

function closesQuoteOrClause(gap: string): boolean {
  return CLOSES_QUOTE_OR_CLAUSE.test(gap)
}

type Kind = 'function' | 'content' | 'after-name'

/** `nextFlagged`: the word after `i` is itself reported, so `i` may start a run of capitals. */
function classify(doc: Doc, i: number, nextFlagged: boolean): Kind | undefined {
  const words = doc.words
  const word = words[i]
  const facts = wordFacts(doc)
  if (facts.shape[i] !== SHAPE_TITLE) return undefined // the common case: lower case, numbers, acronyms
  const bare = facts.bare[i]
  if (bare.length < 2 || !isMidSentence(doc, i)) return undefined
  const lower = facts.lower[i]
  if (MONTHS_AND_DAYS.has(lower)) return undefined
  const quote = quoteAt(doc, word.start, word.end)
  if (quote && quote.words <= 8) return undefined
  const next = words[i + 1]
  const sameSentenceNext = next && next.sentence === word.sentence ? next : undefined
  const prevBare = facts.bare[i - 1]
  const gap = gapBefore(doc, i)

  if (FUNCTION_WORDS.has(lower)) {
    if (!sameSentenceNext) return undefined
    // After a number or a one-word label (`Advertisement At first`): a lost sentence break, not a capital.
    if (DIGIT_START.test(prevBare) || (i - 1 === doc.sentences[word.sentence].firstWord && UPPER_START.test(prevBare))) return undefined
    if (nextFlagged) return 'function'
    // Inside a Title-Case name or title (`Gone With the Wind`, `Assistant to the President`)?
    const inTitle = isCapitalisedAt(doc, i - 1) && SPACE_ONLY.test(gap) && leadsIntoName(doc, i)
    if (isLowerAt(doc, i + 1)) return inTitle ? undefined : 'function'
    // `The G7 summit`: an article before an acronym that is not a name's start.
    if (ARTICLES.has(lower) && ALL_CAPS.test(facts.bare[i + 1])) {
      const after = words[i + 2]
      if (after && after.sentence === word.sentence && isLowerAt(doc, i + 2)) return 'function'
    }
    return undefined
  }

  // A content word: only when it is plainly a common word between common words.
  // The dictionary alone (not the loanword list: `Mujahideen`, `Duma` are names when capitalised).
  const id = facts.ids[i]
  if (!dictionaryOf(id) || nameishOf(id)) return undefined
  if (INSTITUTIONS.has(lower) || NUMBER_WORDS.has(lower)) return undefined
  const nextOk = nextFlagged || (lowerEnglishNext(doc, i) && !leadsIntoName(doc, i)) || nationalityThenLower(doc, i)
  if (!nextOk) return undefined
  const counts = casingCountsAt(doc, i)
  if (counts.capital >= 2 && counts.lower === 0) return undefined // a name the text uses consistently
  if (isLowerAt(doc, i - 1)) {
    const prevLower = facts.lower[i - 1]
    if (BEFORE_NAMES.has(prevLower) || !englishAt(doc, i - 1)) return undefined
    // `Club for Growth`, `Ministry of Defence`: a connector inside a name.
    if (TITLE_SMALL.has(prevLower) && i >= 2 && isCapitalisedAt(doc, i - 2) && words[i - 2].sentence === word.sentence) return undefined
    if (DIGIT_START.test(prevBare)) return undefined
    return 'content'
  }
  if (closesQuoteOrClause(gap)) return 'content'
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
    let titles: Set<number> | undefined
    const kinds = new Map<number, Kind>()
    const strongSentences = new Set<number>()
    // Right to left, so a capital right before a reported one joins its run.
    const shape = wordFacts(doc).shape
    for (let i = doc.words.length - 1; i >= 1; i--) {
      if (shape[i] !== SHAPE_TITLE) continue // the common case, decided without a call
      const nextFlagged = kinds.has(i + 1) && kinds.get(i + 1) !== 'after-name' && SPACE_ONLY.test(gapBefore(doc, i + 1))
      const kind = classify(doc, i, nextFlagged)
      if (!kind) continue
      titles ??= titleLines(doc)
      if (titles.has(doc.lineIndexAt(doc.words[i].start))) continue
      kinds.set(i, kind)
      if (kind !== 'after-name') strongSentences.add(doc.words[i].sentence)
    }
    const flagged = [...kinds.keys()]
      .filter((i) => kinds.get(i) !== 'after-name' || strongSentences.has(doc.words[i].sentence))
      .sort((a, b) => a - b)
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
