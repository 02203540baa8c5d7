import {defineRule} from '../../src/rule.js'
import {commentAndFooterRanges} from './footer-boilerplate.js'
import {clipWords, coarseHash, hasWords, inRanges, isSpaceCode, looseKey} from './shared.js'

interface Options extends Record<string, unknown> {
  minWords: number
  minLength: number
}

export default defineRule<Options>({
  id: 'scrape/duplicate-line',
  summary: 'A headline or paragraph repeated later in the document (the headline scraped twice, a pull quote, a repeated block)',
  docs: `Scrapers often take the headline twice (from the page title and from the article's first heading), keep a
pull quote or a teaser that repeats a paragraph, or join two copies of a block. The rule reports every line that
repeats an earlier line of the document — compared case-insensitively, ignoring surrounding punctuation and
runs of white space; a heading and a sentence with the same words (a crosshead or pull quote taken from the
text) do not count — and the fix removes the repeat, keeping the first occurrence. This is Gopher's document
repetition signal (duplicate lines and paragraphs, datatrove \`gopher_repetition_filter.py\`) made line-precise;
\`scrape/document-quality\` reports the document-level fractions.

Short lines repeat legitimately (\`Advertisement\`, \`Reply\`, a dateline, a table cell), so a line needs at least
\`minWords\` words and \`minLength\` characters. Lines inside a reader comment thread (which quote the headline)
and inside a footer block are left to \`scrape/comment-thread\` and \`scrape/footer-boilerplate\`.`,
  severity: 'warn',
  fixable: true,
  options: {
    minWords: {type: 'number', default: 4, min: 1, max: 100, description: 'Fewest words a line needs to be compared'},
    minLength: {type: 'number', default: 30, min: 1, max: 10000, description: 'Fewest characters a line needs to be compared'}
  },
  examples: {
    valid: [
      {text: 'Police closed the road.\n\nPolice closed the road.\n'},
      {text: 'The council approved the budget on Monday.\n\nThe council approved the new budget on Monday.\n'},
      {text: 'I will beat them at their own game\n\nHe says he has to prove himself every day.\nI will beat them at their own game.\n'},
      {
        text: 'Mayor invites rivals to a public debate\n\nThe mayor spoke on Monday.\nDear reader, to leave comments on the publication, you must sign in.\n  1. Ivan Petrov April 13 2021 22: 22\n    Mayor invites rivals to a public debate\n    A bold move.\n  2. Anna Offline Anna\n    Anna (anna_k) April 13 2021 23: 01\n    We will see.\n'
      }
    ],
    invalid: [
      {
        text: 'The Kremlin is planning a summit with the United States\n\nThe Kremlin is planning a summit with the United States\n\nTensions have risen in recent weeks.\n',
        messages: ['3:1-3:56: Unexpected repeated line `The Kremlin is planning a summit with…` (first on line 1), remove it'],
        fixed: 'The Kremlin is planning a summit with the United States\n\nTensions have risen in recent weeks.\n'
      },
      {
        text: '“We will not give up,” the coach said after the final.\nThe team lost 2-1.\n“WE WILL NOT GIVE UP,”  THE COACH SAID AFTER THE FINAL!\n',
        messages: ['3:1-3:56: Unexpected repeated line `“WE WILL NOT GIVE UP,” THE COACH SAID…` (first on line 1), remove it'],
        fixed: '“We will not give up,” the coach said after the final.\nThe team lost 2-1.\n'
      },
      {
        text: 'Floods hit the northern coast again.\nFloods hit the northern coast again.\nFloods hit the northern coast again.\n',
        options: {minWords: 3},
        messages: [
          '2:1-2:37: Unexpected repeated line `Floods hit the northern coast again.` (first on line 1), remove it',
          '3:1-3:37: Unexpected repeated line `Floods hit the northern coast again.` (first on line 1), remove it'
        ],
        fixed: 'Floods hit the northern coast again.\n'
      }
    ]
  },
  check(_tree, file, options, doc) {
    const skip = commentAndFooterRanges(doc)
    const text = doc.text
    // Lines are keyed by their coarse hash first; the exact key (looseKey) is only made for lines whose coarse
    // hash an earlier line shares: a line with a new coarse hash cannot repeat an earlier line. Lines are read
    // as ranges of the flat document text until a key or a message needs their string.
    const firstByHash = new Map<number, number>()
    const seen = new Map<string, number>()
    for (let i = 0; i < doc.lines.length; i++) {
      const line = doc.lines[i]
      let a = line.start
      let b = line.end
      while (a < b && isSpaceCode(text.charCodeAt(a))) a++
      while (b > a && isSpaceCode(text.charCodeAt(b - 1))) b--
      if (b - a < options.minLength || !hasWords(text, options.minWords, a, b)) continue
      if (skip.length && inRanges(skip, i)) continue
      // A heading and a sentence with the same words are a crosshead or pull quote, not a repeat.
      const sentence = endsSentence(text, a, b)
      const hash = (coarseHash(text, 32, a, b) << 1 | (sentence ? 1 : 0)) & 0x3fffffff
      const earlier = firstByHash.get(hash)
      if (earlier === undefined) {
        firstByHash.set(hash, i)
        continue
      }
      if (earlier >= 0) {
        const e = doc.lines[earlier]
        seen.set(keyOf(e.text.trim()), e.number)
        firstByHash.set(hash, -1)
      }
      const t = text.slice(a, b)
      const key = (sentence ? 's:' : 'h:') + looseKey(t)
      const first = seen.get(key)
      if (first === undefined) {
        seen.set(key, line.number)
        continue
      }
      doc.report(file, 'scrape/duplicate-line',
        `Unexpected repeated line \`${clipWords(t)}\` (first on line ${first}), remove it`, a, b, {expected: ['']})
    }
  }
})

const SENTENCE_END = /[.!?]["'”’)]*$/u

function keyOf(t: string): string {
  return (SENTENCE_END.test(t) ? 's:' : 'h:') + looseKey(t)
}

/** `SENTENCE_END.test(text.slice(a, b))`: a `.`, `!` or `?` before the closing quotes and brackets at the end. */
function endsSentence(text: string, a: number, b: number): boolean {
  let i = b - 1
  while (i >= a && isCloser(text.charCodeAt(i))) i--
  if (i < a) return false
  const c = text.charCodeAt(i)
  return c === 46 || c === 33 || c === 63
}

function isCloser(c: number): boolean {
  return c === 34 || c === 39 || c === 0x201d || c === 0x2019 || c === 41
}
