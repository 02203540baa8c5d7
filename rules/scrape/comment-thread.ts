import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import type {LineMarker, LineMatcher} from '../../src/line-matcher.js'
import {cached, compileMarkers, endsInTime, isName, lineDigits, trimmedSpan, whenKind, type LineRange} from './shared.js'

interface CommentData {
  markers: LineMarker[]
  nameStopWords: string[]
}

type Kind = 'gate' | 'ui' | 'deleted' | 'strong' | 'header' | 'stamp' | 'says' | 'body' | 'blank'

interface Compiled {
  markers: LineMatcher
  stop: Set<string>
  listNumber: RegExp
}

let compiled: Compiled | undefined

function patterns(): Compiled {
  if (!compiled) {
    const data = loadData<CommentData>('scrape-comments.json')
    compiled = {
      markers: compileMarkers(data.markers),
      stop: new Set(data.nameStopWords.map((w) => w.toLowerCase())),
      listNumber: /^\d{1,3}[.)]\s+/
    }
  }
  return compiled
}

const STATUS = / (?:Offline|Online) /
const SAYS = /^(.{1,80}?)\s+(?:says|said|wrote):\s*(.*)$/iu
const STAMP_LEAD = /^(?:posted\s+)?on\s+/i
const SEPARATOR_AFTER = /^(?:[,|•·–—-]\s*|on\s+)/u
const SEPARATOR_END = /\s*[,|•·–—-]$/u

/** White space other than single spaces (a tab, a line break, a run). */
const OTHER_SPACE = /\s\s|[^\S ]/

/** `Name (Nick) April 13 2021 22: 22`, `Name, March 3, 2021 at 4:15 pm`, `name • 3 hours ago`: the name, if the line is a header. */
function headerName(line: string): string | undefined {
  // The line's words joined by single spaces (it is trimmed): the name is the first k words, the rest the others.
  const flat = OTHER_SPACE.test(line) ? line.split(/\s+/).join(' ') : line
  let space = flat.indexOf(' ')
  for (let k = 1; k <= 5 && space >= 0; k++, space = flat.indexOf(' ', space + 1)) {
    // What follows the name must be a date and time or a relative time (or a bracket or separator before one).
    if (!mayStartWhen(flat.charCodeAt(space + 1))) continue
    const name = flat.slice(0, space).replace(SEPARATOR_END, '')
    let rest = flat.slice(space + 1)
    if (rest.startsWith('(')) {
      const close = rest.indexOf(')')
      if (close < 0 || close > 41) continue
      rest = rest.slice(close + 1).trimStart()
    }
    rest = rest.replace(SEPARATOR_AFTER, '')
    if (!name || !isName(name)) continue
    const kind = whenKind(rest)
    if (kind === 'datetime' || kind === 'ago') return name
  }
  return undefined
}

/**
 * Can a word starting with this character begin a date and time or a relative time (a digit, or a weekday, month,
 * `a`, `an` or `one`), or the bracket or separator before one? Other characters (ASCII) cannot.
 */
function mayStartWhen(c: number): boolean {
  if (c >= 128 || (c >= 48 && c <= 57)) return true
  switch (c | 32) {
    case 97: case 100: case 102: case 106: case 109: case 110: case 111: case 115: case 116: case 119: // a d f j m n o s t w
      return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  }
  return c === 40 || c === 44 || c === 124 || c === 45 // ( , | -
}

/**
 * Digits around a `:` or `.` (white space allowed, as the header's words are re-joined with one space): every time
 * of the date grammar (`TIME` in shared.ts, and the ISO timestamp) has them.
 */
const CLOCK_DIGITS = /\d\s*[:.]\s*\d/

/** Does the line end in `ago` (any case), as a relative time must? */
function endsInAgo(t: string): boolean {
  const n = t.length
  return n >= 3 && (t.charCodeAt(n - 3) | 32) === 97 && (t.charCodeAt(n - 2) | 32) === 103 && (t.charCodeAt(n - 1) | 32) === 111
}

/** Longest line that can be a comment header, gate or button. */
const MAX_MARKER = 200
/** Body lines (non-blank, non-marker) allowed between two markers of one thread. */
const MAX_BODY = 12
/** Body lines allowed between a gate (`Comments`, `Leave a Reply`) and the first comment. */
const MAX_GATE_GAP = 3

function classify(text: string, digit: boolean, c: Compiled): Kind {
  const trimmed = text.trim()
  if (!trimmed) return 'blank'
  if (trimmed.length > MAX_MARKER) return 'body'
  // Cheap exits for prose: every header has a digit, `ago` or a final colon; long lines are only gates.
  if (!digit && trimmed.length > 80 && !/comment/i.test(trimmed)) return 'body'
  // (A list number starts with a digit.)
  const first = trimmed.charCodeAt(0)
  const line = first >= 48 && first <= 57 ? trimmed.replace(c.listNumber, '') : trimmed
  const marker = c.markers.match(trimmed) ?? (line !== trimmed ? c.markers.match(line) : undefined)
  if (marker) return marker.category as Kind
  // `Name Offline Name` / `Name Online Name`
  const status = STATUS.exec(line)
  if (status && line.slice(0, status.index).trim() === line.slice(status.index + status[0].length).trim()) return 'strong'
  if (!line.endsWith(':') && !endsInTime(line)) return 'body'
  const says = SAYS.exec(line)
  if (says) {
    const when = says[2] ? whenKind(says[2]) : 'none'
    if (isName(says[1]) && when && !c.stop.has(says[1].split(/\s+/)[0].toLowerCase())) return 'says'
  }
  // A header and a stamp need a date *with a time* or a relative time: a time has a `:` or `.` between digits,
  // and a relative time ends the line in `ago` (a cheap test before the date grammar).
  if (!CLOCK_DIGITS.test(line) && !endsInAgo(line)) return 'body'
  const name = headerName(line)
  if (name && !c.stop.has(name.split(/\s+/)[0].toLowerCase())) return 'header'
  const stamp = whenKind(line.replace(STAMP_LEAD, ''))
  if (stamp === 'datetime' || stamp === 'ago') return 'stamp'
  return 'body'
}

/** A short line that can be a commenter's name above a date line. */
function nameLine(text: string): boolean {
  const t = text.trim()
  return t.length > 0 && t.length <= 40 && !/[.!?:;,"“”]$/.test(t) && t.split(/\s+/).length <= 4
}

export interface CommentBlock {
  /** Line indexes (into doc.lines) of the first and last line of the block. */
  first: number
  last: number
  comments: number
}

/**
 * The reader comment threads of a document, computed once per document and
 * shared: footer, duplicate and line rules skip the lines of these blocks.
 */
export function commentBlocks(doc: Doc): CommentBlock[] {
  return cached(doc, 'scrape/comment-blocks', () => findBlocks(doc))
}

/** The comment threads as line ranges. */
export function commentRanges(doc: Doc): LineRange[] {
  return cached(doc, 'scrape/comment-ranges', () => commentBlocks(doc).map((b): LineRange => [b.first, b.last]))
}

function findBlocks(doc: Doc): CommentBlock[] {
  const c = patterns()
  const lines = doc.lines
  const digits = lineDigits(doc)
  const kinds: Kind[] = lines.map((line, i) => classify(line.text, digits[i] === 1, c))
  // `Name says:` counts as a header only with a date on its line or on the next line.
  for (let i = 0; i < kinds.length; i++) {
    if (kinds[i] !== 'says') continue
    const sameLine = digits[i] === 1
    const next = nextNonBlank(kinds, i)
    kinds[i] = sameLine || (next >= 0 && kinds[next] === 'stamp') ? 'strong' : 'body'
  }

  const blocks: CommentBlock[] = []
  let start = -1
  let last = -1
  let body = 0
  let gates = 0
  let strong = 0
  let headers = 0
  let stamps = 0
  let ui = 0
  let deleted = 0
  let comments = 0
  let markers = 0
  let firstGate = -1
  let firstHeader = -1
  let previous: Kind = 'blank'

  const close = () => {
    if (start < 0) return
    // Comment-only evidence: `X Offline X` / `X says:` headers, buttons, deleted-comment lines.
    const evidence = strong + ui + deleted
    const weak = headers + stamps
    const accepted =
      (firstGate >= 0 && firstGate < firstHeader && evidence > 0) ||
      strong >= 2 ||
      (strong + weak + deleted >= 2 && (strong > 0 || (ui + deleted) * 2 >= weak))
    if (accepted) {
      let first = start
      // `Name` on the line above the first `date at time` stamp.
      if (kinds[first] === 'stamp') {
        const above = previousNonBlank(kinds, first)
        if (above >= 0 && kinds[above] === 'body' && nameLine(lines[above].text)) first = above
      }
      let end = last
      if (kinds[last] !== 'ui' && kinds[last] !== 'gate') {
        // The last comment's text: to the end of the document when little follows,
        // else to the end of its paragraph.
        let remaining = 0
        let lastNonBlank = last
        for (let i = last + 1; i < lines.length && remaining <= MAX_BODY; i++) {
          if (kinds[i] === 'blank') continue
          remaining++
          lastNonBlank = i
        }
        if (remaining <= MAX_BODY) end = lastNonBlank
        else {
          let i = last + 1
          while (i < lines.length && kinds[i] === 'body') i++
          end = Math.max(last, i - 1)
        }
      }
      blocks.push({first, last: end, comments})
    }
    start = -1
  }

  for (let i = 0; i < lines.length; i++) {
    const kind = kinds[i]
    if (kind === 'blank') continue
    if (kind === 'body') {
      if (start >= 0 && ++body > MAX_BODY) close()
      previous = kind
      continue
    }
    // A gate opens a thread only when the comments follow it closely.
    if (start >= 0 && kind !== 'gate' && markers === gates && body > MAX_GATE_GAP) start = -1
    if (start < 0) {
      if (kind === 'ui') {
        previous = kind
        continue
      }
      start = i
      gates = strong = headers = stamps = ui = deleted = comments = markers = 0
      firstGate = firstHeader = -1
    }
    markers++
    last = i
    body = 0
    const isHeader = kind === 'strong' || kind === 'header' || kind === 'stamp'
    const prevHeader = previous === 'strong' || previous === 'header' || previous === 'stamp'
    if (kind === 'gate' && firstGate < 0) firstGate = i
    if ((isHeader || kind === 'deleted') && firstHeader < 0) firstHeader = i
    if (kind === 'gate') gates++
    else if (kind === 'strong') strong++
    else if (kind === 'header') headers++
    else if (kind === 'stamp') stamps++
    else if (kind === 'ui') ui++
    else if (kind === 'deleted') {
      deleted++
      comments++
    }
    if (isHeader && !prevHeader) comments++
    previous = kind
  }
  close()
  return blocks
}

function nextNonBlank(kinds: Kind[], i: number): number {
  for (let j = i + 1; j < kinds.length; j++) if (kinds[j] !== 'blank') return j
  return -1
}

function previousNonBlank(kinds: Kind[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (kinds[j] !== 'blank') return j
  return -1
}

export default defineRule({
  id: 'scrape/comment-thread',
  summary: 'A reader comment section (sign-in gate, comment headers, replies, votes) kept after the article, as one finding',
  docs: `Scrapers often keep the reader comments under an article: a sign-in gate (\`Dear reader, to leave comments
on the publication, you must sign in.\`, \`12 Comments\`, \`3 thoughts on “…”\`, \`Leave a Reply\`), comment headers
(\`Name Offline Name\`, \`Name (Nick) April 13 2021 22: 22\`, \`Name says:\` over \`March 3, 2021 at 4:15 pm\`,
\`name • 3 hours ago\`), buttons and counters (\`Reply\`, \`Report\`, \`Reply • Share ›\`, \`+3\`) and placeholders
(\`The comment was deleted.\`). Comments are not the article: they quote it, argue with it and repeat its headline.
The rule reports the whole section — gate, headers and the comment texts between them — as ONE finding, and the
fix removes it.

A thread needs evidence, so an article that quotes a date or a name twice, or a live blog with bylines and
times, stays quiet: a gate followed by a comment header, plus something only comments have (an \`X Offline X\` or
\`X says:\` header, a \`Reply\`/\`Report\` button, a deleted-comment line); or two comment-only headers; or
headers with a date and a time with a button or deleted-comment line for at least every second one. A header is a short line that is only
a name and a date *with a time* (\`Published …\`, \`Updated …\` and similar first words are metadata, not names).
At most 12 lines of text may separate two markers of one thread. Phrases are in
\`rules/data/scrape-comments.json\`. Other scrape rules (footer, duplicate lines, punctuation, glue, metadata) skip
the lines of a thread this rule finds.`,
  severity: 'error',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'The council met on April 13 2021 at 10:30.\nIt met again on April 14 2021 at 09:15 and approved the plan.\n'},
      {text: 'Anna Berg April 13 2021 10:30\nThe ferry left on time, the operator said.\n\nAnna Berg April 14 2021 09:15\nIt returned a day later.\n'},
      {text: 'Comments\n\nThe minister declined to give comments on the report when she met reporters on Monday.\n'},
      {text: 'Published April 13 2021 10:30\nUpdated April 14 2021 09:15\n\nThe bridge will reopen in May.\n'},
      {text: 'Live: election night\n\nAnna Berg March 3 2021 21:05\nPolls have closed.\n\nTom Lee March 3 2021 21:40\nA tight race.\n\nAnna Berg March 3 2021 22:10\nThe count goes on.\nReply\n\nComments\n'},
      {text: 'Leave a comment\n\nThe storm hit at dawn.\nRoads were closed.\nSchools shut early.\nPower failed in the north.\nAnna Berg April 13 2021 10:30\nCrews are on their way.\n'}
    ],
    invalid: [
      {
        text: 'The bridge reopens in May.\nDear reader, to leave comments on the publication, you must sign in.\n  1. Ivan Petrov April 13 2021 22: 22\n    Good news for drivers.\n  2. Bob_R Offline Bob_R\n    Bob_R (Bob) April 14 2021 08: 05\n    About time.\n',
        messages: ['2:1-7:16: Unexpected reader comment thread (6 lines, 2 comments), remove the block'],
        fixed: 'The bridge reopens in May.\n'
      },
      {
        text: 'Rates were left unchanged.\n\n3 thoughts on “Bank holds rates”\nAnn Lee says:\nMarch 3, 2021 at 4:15 pm\nSavers lose again.\nReply\nTom Berg says:\nMarch 3, 2021 at 6:02 pm\nAgreed.\nReply\n',
        messages: ['3:1-11:6: Unexpected reader comment thread (9 lines, 2 comments), remove the block'],
        fixed: 'Rates were left unchanged.\n\n'
      },
      {
        text: 'The festival was cancelled.\n\n12 Comments\nSort by Newest\njdoe42 • 3 hours ago\nA shame for the town.\nReply • Share ›\nmary_k • 5 hours ago\nSafety first.\nReply • Share ›\n',
        messages: ['3:1-10:16: Unexpected reader comment thread (8 lines, 2 comments), remove the block']
      },
      {
        text: 'Talks resume on Monday.\n\nPetr (Peter) May 2 2021 10: 12\nThey will fail.\nThe comment was deleted.\nOlga (olga_k) May 2 2021 11: 40\nWe will see.\n',
        messages: ['3:1-7:13: Unexpected reader comment thread (5 lines, 3 comments), remove the block']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    for (const block of commentBlocks(doc)) {
      const [start] = trimmedSpan(doc, block.first)
      const [, end] = trimmedSpan(doc, block.last)
      const n = block.last - block.first + 1
      doc.report(file, 'scrape/comment-thread',
        `Unexpected reader comment thread (${n} line${n === 1 ? '' : 's'}, ${block.comments} comment${block.comments === 1 ? '' : 's'}), remove the block`,
        start, end, {expected: ['']})
    }
  }
})
