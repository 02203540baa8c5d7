import {defineRule} from '../../src/rule.js'
import {commentRanges} from './comment-thread.js'
import {inRanges, isLinkish, tokenAt} from './shared.js'

/** A run of two or more punctuation marks, possibly with spaces between them. */
const RUN = /[ \t]*[.,;:!?](?:[ \t]*[.,;:!?])+/gu
/** White space before a comma or a full stop (`flights , closed`, `$700 . Free`); the context is checked after. */
const SPACE_BEFORE = /[ \t]+[,.]/g
const AFTER_MARK = /[\s"”’)\]]/
/** What may stand before a run for it to be a stray mark after a word. */
const WORDISH = /[\p{L}\p{N})\]"”’%]/u

/** Abbreviations that end in a full stop, so `Inc.,` and `U.S. ,` keep their period. */
const ABBREVIATIONS = new Set([
  'inc', 'ltd', 'co', 'corp', 'plc', 'llc', 'jr', 'sr', 'st', 'mt', 'ft', 'etc', 'vs', 'no', 'nos', 'dr', 'mr', 'mrs', 'ms',
  'prof', 'gen', 'col', 'lt', 'capt', 'sgt', 'cmdr', 'adm', 'gov', 'sen', 'rep', 'rev', 'hon', 'pres', 'jan', 'feb', 'mar',
  'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'approx', 'est', 'dept', 'univ', 'bros', 'ave', 'blvd',
  'rd', 'p', 'pp', 'vol', 'ed', 'eds', 'fig', 'al', 'min', 'max', 'govt', 'assn', 'intl', 'natl'
])

const RANK: Record<string, number> = {'.': 4, ';': 3, ':': 2, ',': 1}

/** Does the full stop at `dot` close an abbreviation (`U.S.`, `a.m.`, `Inc.`, `J.`)? */
function closesAbbreviation(text: string, dot: number): boolean {
  const before = /[\p{L}.]*$/u.exec(text.slice(Math.max(0, dot - 20), dot))?.[0] ?? ''
  if (before.includes('.')) return true
  if (/^\p{Lu}$/u.test(before)) return true
  return ABBREVIATIONS.has(before.toLowerCase())
}

interface Finding {
  start: number
  end: number
  reason: string
  expected: string
}

function wordBefore(text: string, at: number): string {
  return /[\p{L}\p{N}'’.-]*[)\]"”’%]?$/u.exec(text.slice(Math.max(0, at - 30), at))?.[0] ?? ''
}

function analyseRun(text: string, start: number, run: string): Finding | undefined {
  const end = start + run.length
  const marks = run.replace(/[ \t]/g, '')
  const first = start + run.length - run.trimStart().length
  const prev = text[start - 1] ?? ''
  if (!WORDISH.test(prev)) return undefined
  if (/^[?!]+$/.test(marks)) return undefined // `?!`, `!!`: style, not scraping
  if (/\.\.\./.test(marks) || marks.includes('::')) return undefined // ellipses, `std::`
  if (/\d/.test(text[end] ?? '')) return undefined // `1,.5`, `1..5`
  const word = wordBefore(text, start)
  const after = word ? ` after \`${word}\`` : ''
  const shown = run.trim()
  if (/^[?!]+\.$/.test(marks)) {
    const keep = marks.slice(0, -1)
    return {start, end, expected: keep, reason: `Unexpected stray punctuation \`${shown}\`${after}, use \`${keep}\``}
  }
  if (/[?!]/.test(marks)) return undefined // `Yahoo!,`, `Jeopardy!.` and similar titles
  if (marks[0] === '.' && first === start && closesAbbreviation(text, start)) {
    // The abbreviation keeps its period: `U.S.,` is right, in `U.S. ,` only the space goes.
    const rest = run.slice(1)
    const mark = rest.trim()
    if (/^[ \t]/.test(rest) && !mark.startsWith('.')) {
      return {start: start + 1, end, expected: mark.replace(/[ \t]/g, ''),
        reason: `Unexpected space before \`${mark}\` after \`${wordBefore(text, start + 1)}\`, remove it`}
    }
    if (marks !== '..') return undefined
  }
  if (marks === '..') {
    if (isLinkish(tokenAt(text, first))) return undefined
    return {start, end, expected: '.', reason: `Unexpected doubled period \`${shown}\`${after}, use \`.\``}
  }
  let keep = marks[0]
  for (const mark of marks) if ((RANK[mark] ?? 0) > (RANK[keep] ?? 0)) keep = mark
  const kind = marks.length === 2 && marks[0] === marks[1] ? 'doubled' : 'stray'
  return {start, end, expected: keep, reason: `Unexpected ${kind} punctuation \`${shown}\`${after}, use \`${keep}\``}
}

export default defineRule({
  id: 'scrape/punctuation',
  summary: 'Doubled or stray punctuation (`conflict..`, `security. , But`, `,,`) and a space before a comma or full stop',
  docs: `Joining blocks, dropping links and machine translation leave punctuation behind: a doubled full stop
(\`conflict..\`), a stray mark next to another (\`security. , But\`, \`said ,.\`), a doubled comma (\`,,\`), a full
stop after a question mark (\`again?.\`), and a space before a comma or a full stop where a link or a tag was
removed (\`flights , closed schools\`, \`for $700 . Free shipping\`). The fix collapses the marks to the strongest
one (\`.\` over \`;\` over \`:\` over \`,\`) or removes the space.

Left alone: ellipses (\`...\`, \`. . .\`, \`…\`), \`?!\`, \`!!\` and \`??\` (style, not scraping), \`::\`, numbers
(\`1,.5\`, \`.45\`), paths (\`../\`) and URLs, an abbreviation's own period before a comma (\`U.S.,\`, \`Inc.,\`,
\`etc.,\`; in \`U.S. ,\` only the space goes), marks after other punctuation at the start of a line, and lines of
a comment thread.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'Wait... what? Really?! The firm, Acme Inc., moved to Washington, D.C., in May.\n'},
      {text: 'He paused . . . and left. Shares rose 0.5 percent; see ../data for details.\n'},
      {text: 'It cost $.45 per share. Yahoo!, the portal, was sold.\n'}
    ],
    invalid: [
      {
        text: 'This is not the first time Washington has acted as a mediator in this conflict.. Talks go on.\n',
        messages: ['1:79-1:81: Unexpected doubled period `..` after `conflict`, use `.`'],
        fixed: 'This is not the first time Washington has acted as a mediator in this conflict. Talks go on.\n'
      },
      {
        text: 'The aim is not stability and security. , But to add fuel to the fire.\n',
        messages: ['1:38-1:41: Unexpected stray punctuation `. ,` after `security`, use `.`'],
        fixed: 'The aim is not stability and security. But to add fuel to the fire.\n'
      },
      {
        text: 'The gray haze led to canceled flights , closed schools ,, and a crisis .\n',
        messages: [
          '1:38-1:40: Unexpected space before `,` after `flights`, remove it',
          '1:55-1:58: Unexpected doubled punctuation `,,` after `schools`, use `,`',
          '1:71-1:73: Unexpected space before `.` after `crisis`, remove it'
        ],
        fixed: 'The gray haze led to canceled flights, closed schools, and a crisis.\n'
      },
      {
        text: 'Will they meet again?.\nThe U.S. , Britain and France agreed.\n',
        messages: [
          '1:21-1:23: Unexpected stray punctuation `?.` after `again`, use `?`',
          '2:9-2:11: Unexpected space before `,` after `U.S.`, remove it'
        ],
        fixed: 'Will they meet again?\nThe U.S., Britain and France agreed.\n'
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const text = doc.text
    const comments = commentRanges(doc)
    const skipped = (offset: number) => comments.length > 0 && inRanges(comments, doc.lineIndexAt(offset))
    const findings: Finding[] = []

    RUN.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = RUN.exec(text))) {
      const finding = analyseRun(text, m.index, m[0])
      if (finding && !skipped(m.index)) findings.push(finding)
    }
    SPACE_BEFORE.lastIndex = 0
    while ((m = SPACE_BEFORE.exec(text))) {
      const start = m.index
      const end = start + m[0].length
      const mark = text[end - 1]
      const next = text[end]
      if (!WORDISH.test(text[start - 1] ?? '')) continue
      if (next !== undefined && !AFTER_MARK.test(next)) continue
      if (/^[ \t]*[.\d]/.test(text.slice(end, end + 8))) continue
      if (skipped(start)) continue
      const before = wordBefore(text, start)
      findings.push({start, end, expected: mark,
        reason: `Unexpected space before \`${mark}\`${before ? ` after \`${before}\`` : ''}, remove it`})
    }
    findings.sort((a, b) => a.start - b.start || a.end - b.end)
    for (const f of findings) {
      doc.report(file, 'scrape/punctuation', f.reason, f.start, f.end, {expected: [f.expected]})
    }
  }
})
