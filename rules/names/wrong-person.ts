import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'

interface Entry {
  phrase: string
  meant: string
  names: string
  requires: string[]
  unless: string[]
  reason: string
}

/**
 * A whole-word, case-insensitive pattern: its words (`body`), not preceded by a letter, digit or apostrophe, not
 * followed by a letter or digit, nor by an apostrophe and a letter. The body holds only literal characters, one
 * apostrophe class and white-space runs between words, so it matches in at most one way at an offset; the
 * pattern matches where the body does and both word-boundary conditions hold. Searching for the body alone and
 * testing the boundaries there finds the same matches, in the same order, as a global search for the whole
 * pattern, without compiling the boundaries' large Unicode classes into every pattern (they are compiled once,
 * below) and without testing the look-behind at every offset of the text.
 */
interface WordPattern {
  body: RegExp
}

/** The boundaries (case-insensitive, as the whole pattern is), sticky: tried at one offset. */
const BEFORE = /(?<![\p{L}\p{N}'’])/iuy
const AFTER = /(?![\p{L}\p{N}]|['’]\p{L})/iuy

interface Compiled {
  entry: Entry
  /** The phrase's longest run of letters, lower case: a cheap test before the pattern runs. */
  key: string
  phrase: WordPattern
  /** Indexes in `literals` of the phrase's runs of letters and digits (three or more, longest first): each occurs, case-insensitively, wherever the phrase does. */
  literals: number[]
  requires: WordPattern[]
  unless: WordPattern[]
}

let compiled: Compiled[] | undefined
/** The distinct runs of all phrases, case-insensitive. */
const literals: RegExp[] = []

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

const patterns = new Map<string, WordPattern>()

/** A whole-word, case-insensitive pattern; spaces match any white space, apostrophes either kind. Made once per text. */
function wordPattern(text: string): WordPattern {
  let pattern = patterns.get(text)
  if (!pattern) {
    const body = text.trim().split(/\s+/).map((part) => escape(part).replace(/['’]/g, "['’]")).join('\\s+')
    pattern = {body: new RegExp(body, 'giu')}
    patterns.set(text, pattern)
  }
  return pattern
}

/** The index in `literals` of the case-insensitive pattern of `run`. */
function literalIndex(run: string): number {
  const source = new RegExp(run, 'iu').source
  let index = literals.findIndex((re) => re.source === source)
  if (index < 0) index = literals.push(new RegExp(run, 'iu')) - 1
  return index
}

function phrases(): Compiled[] {
  if (compiled) return compiled
  compiled = loadData<{phrases: Entry[]}>('names-wrong-person.json').phrases.map((entry) => ({
    entry,
    key: (entry.phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? ['']).reduce((a, b) => (b.length > a.length ? b : a)),
    phrase: wordPattern(entry.phrase),
    literals: (entry.phrase.match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((run) => run.length >= 3)
      .sort((a, b) => b.length - a.length)
      .map(literalIndex),
    requires: entry.requires.map(wordPattern),
    unless: entry.unless.map(wordPattern)
  }))
  // The literals that most phrases share are tested first: when one is missing, a single test rules them all out.
  const uses = new Array<number>(literals.length).fill(0)
  for (const item of compiled) for (const index of item.literals) uses[index]++
  for (const item of compiled) item.literals.sort((a, b) => uses[b] - uses[a])
  return compiled
}

/** The first match of the whole pattern at or after `from` (what a global search from there finds), or null. */
function nextMatch(pattern: WordPattern, text: string, from: number): RegExpExecArray | null {
  const body = pattern.body
  body.lastIndex = from
  let m: RegExpExecArray | null
  while ((m = body.exec(text))) {
    BEFORE.lastIndex = m.index
    AFTER.lastIndex = m.index + m[0].length
    if (BEFORE.test(text) && AFTER.test(text)) return m
    // Not a whole word here: go on from the next character (a surrogate pair is one character).
    const c = text.charCodeAt(m.index)
    body.lastIndex = m.index + (c >= 0xd800 && c <= 0xdbff && m.index + 1 < text.length ? 2 : 1)
  }
  return null
}

function overlaps(spans: Array<[number, number]>, start: number, end: number): boolean {
  for (const [s, e] of spans) if (start < e && end > s) return true
  return false
}

/** The pattern matches somewhere outside the `outside` spans. */
function occurs(pattern: WordPattern, text: string, outside: Array<[number, number]>): boolean {
  let from = 0
  let m: RegExpExecArray | null
  while ((m = nextMatch(pattern, text, from))) {
    const start = m.index
    const end = start + m[0].length
    if (!overlaps(outside, start, end)) return true
    from = m[0].length === 0 ? end + 1 : end
  }
  return false
}

/** Per literal of the document in hand: 0 not yet tested, 1 occurs, 2 does not. */
let present = new Int8Array(0)

/**
 * Every one of the literals occurs in the text (each tested once per document). This only saves work: a
 * phrase whose literals do not all occur has no match either.
 */
function allPresent(indexes: number[], text: string): boolean {
  for (const index of indexes) if (present[index] === 2) return false
  for (const index of indexes) {
    if (present[index] === 0) present[index] = literals[index].test(text) ? 1 : 2
    if (present[index] !== 1) return false
  }
  return true
}

function every(patterns: WordPattern[], text: string, outside: Array<[number, number]>): boolean {
  for (const pattern of patterns) if (!occurs(pattern, text, outside)) return false
  return true
}

function some(patterns: WordPattern[], text: string, outside: Array<[number, number]>): boolean {
  for (const pattern of patterns) if (occurs(pattern, text, outside)) return true
  return false
}

export default defineRule({
  id: 'names/wrong-person',
  summary: 'A phrase that is a known mistranslation naming the wrong person (`the Pope\'s meeting` for the Putin–Biden meeting)',
  docs: `Some mistranslations put a different person into the text, and only a list of known cases can find them:
Chinese news calls the Putin–Biden summit 普拜会 (*Pu–Bai meeting*), which machine translation renders as \`the
Pope's meeting\`. The phrases live in \`rules/data/names-wrong-person.json\`, each with what was meant, the words the
document must also contain for the phrase to be about that event (\`Putin\` and \`Biden\`), and the words that show
the document does concern the person the phrase names (\`Pope\`, \`Vatican\`, \`pontiff\`, \`Francis\`, … anywhere
outside the phrase itself): then the phrase may well be right and the rule stays quiet. It never guesses beyond
the list. Fix: write what was meant (the message says it), or check the source text.`,
  severity: 'warn',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'Putin and Biden met in Geneva. Earlier, Biden had met Pope Francis; after the Pope\'s meeting he flew on.\n'},
      {text: 'After the Pope\'s meeting with bishops, the Vatican issued a statement.\n'}
    ],
    invalid: [
      {
        text: 'Putin and Biden spoke for two hours. After the Pope\'s meeting, the sanctions talk resumed.\n',
        messages: ['1:44-1:62: Unexpected `the Pope\'s meeting`: probably the Putin–Biden meeting, a known mistranslation (nothing else in the document concerns a pope)']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const text = doc.text
    const items = phrases()
    present = new Int8Array(literals.length)
    let lower: string | undefined
    for (const item of items) {
      // A phrase whose words the text lacks cannot occur: no need to lower-case the text for it.
      if (!allPresent(item.literals, text)) continue
      lower ??= text.toLowerCase()
      if (!lower.includes(item.key)) continue
      const found: Array<[number, number]> = []
      let m: RegExpExecArray | null
      let from = 0
      while ((m = nextMatch(item.phrase, text, from))) {
        found.push([m.index, m.index + m[0].length])
        from = m.index + m[0].length
      }
      if (found.length === 0) continue
      if (!every(item.requires, text, found)) continue
      if (some(item.unless, text, found)) continue
      for (const [start, end] of found) {
        doc.report(file, 'names/wrong-person',
          `Unexpected \`${text.slice(start, end)}\`: probably ${item.entry.meant}, a known mistranslation (nothing else in the document concerns ${item.entry.names})`,
          start, end)
      }
    }
  }
})
