import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {escapeRegExp} from '../../src/text.js'
import {commentRanges} from './comment-thread.js'
import {atLeastWords, clipWords, keyEnds, inRanges, isSpaceCode, looseKey, nativeRegExp, trimmedSpan} from './shared.js'

interface Agency {
  name: string
  caseSensitive?: boolean
  standalone?: boolean
  wire?: boolean
}

interface CreditData {
  agencies: Agency[]
  labels: string[]
  multiWordLabels: string[]
  leadLabels: string[]
  captionLeads: Array<{phrase: string}>
  notCaptionAfter: string[]
  standaloneLines: Array<{phrase: string}>
}

interface Compiled {
  exact: Map<string, Agency>
  folded: Map<string, Agency>
  leadLabels: Set<string>
  /** `Photo: …` at the start of a (trimmed, unwrapped) line. */
  labelStart: RegExp
  /** `Photo: …` inside a line, after a sentence end or a separator. */
  labelInline: RegExp
  captionLead: RegExp
  notCaption: RegExp
  standalone: Set<string>
  /** keyEnds of the standalone lines: the loose key is only made for a line that could be one. */
  standaloneEnds: Set<number>
  /** Lengths of the agency names (exact and lower-cased): a candidate of another length is no agency. */
  agencyLengths: Set<number>
}

let compiled: Compiled | undefined

function data(): Compiled {
  if (!compiled) {
    const d = loadData<CreditData>('scrape-photo-credits.json')
    const exact = new Map<string, Agency>()
    const folded = new Map<string, Agency>()
    for (const agency of d.agencies) {
      if (agency.caseSensitive) exact.set(agency.name, agency)
      else folded.set(agency.name.toLowerCase(), agency)
    }
    const alternation = (list: string[]) => [...list].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')
    const labels = alternation([...d.labels, ...d.multiWordLabels])
    const multi = alternation(d.multiWordLabels)
    const leads = [...d.captionLeads].map((l) => l.phrase).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')
    compiled = {
      exact,
      folded,
      leadLabels: new Set(d.leadLabels.map((l) => l.toLowerCase())),
      labelStart: nativeRegExp(`^(?:(?:${labels})\\s*:\\s*|(?:${multi})\\s+)(?=\\S)`, 'iu'),
      labelInline: nativeRegExp(`(?:${labels})\\s*:\\s*(?=\\S)`, 'g'),
      captionLead: nativeRegExp(`^(?:${leads})(?![\\p{L}\\p{N}])\\s*`, 'iu'),
      notCaption: nativeRegExp(`^(?:${d.notCaptionAfter.map(escapeRegExp).join('|')})(?![\\p{L}])`, 'iu'),
      standalone: new Set(d.standaloneLines.map((l) => looseKey(l.phrase))),
      standaloneEnds: new Set(d.standaloneLines.map((l) => keyEnds(l.phrase))),
      agencyLengths: new Set([...exact.keys(), ...folded.keys()].map((k) => k.length))
    }
  }
  return compiled
}

const CONNECTORS = new Set(['of', 'the', 'and', 'for', 'de', 'del', 'della', 'da', 'do', 'dos', 'van', 'von', 'der', 'den', 'la', 'le', 'du', 'al', 'el', 'bin', 'ibn', 'y', 'e', '&', 'und', 'at', 'in'])
const NAME_WORD = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}'’.&-]*|\p{Ll}{1,3}[\p{Lu}][\p{L}]*)$/u
const SEGMENT_SPLIT = /\s*\/\s*|\s+via\s+/u
const MEDIA_SUFFIX = /\s+(?:Photos?|Images|Pictures?|Pool|Handout|Video)$/u
const MEDIA_WORDS = ['Photo', 'Photos', 'Images', 'Picture', 'Pictures', 'Pool', 'Handout', 'Video']

/** `value.replace(/\s*[©®]\s*$/u, '')` without the regular expression (it is tried at every position). */
function stripMark(value: string): string {
  let end = value.length
  while (end > 0 && isSpaceCode(value.charCodeAt(end - 1))) end--
  const last = end > 0 ? value.charCodeAt(end - 1) : 0
  if (last !== 0xa9 && last !== 0xae) return value
  let start = end - 1
  while (start > 0 && isSpaceCode(value.charCodeAt(start - 1))) start--
  return value.slice(0, start)
}

/** `value.replace(MEDIA_SUFFIX, '')`, run only when the value ends in one of the words. */
function stripMedia(value: string): string {
  // (The words end in o, s, e, l or t: other values skip the endsWith calls.)
  if (value.length === 0) return value
  const last = value.charCodeAt(value.length - 1)
  if (last !== 111 && last !== 115 && last !== 101 && last !== 108 && last !== 116) return value
  for (const word of MEDIA_WORDS) if (value.endsWith(word)) return value.replace(MEDIA_SUFFIX, '')
  return value
}

/** `value.trim().split(SEGMENT_SPLIT)`, without the split when there is no `/` or ` via `. */
function splitSegments(value: string): string[] {
  const v = value.trim()
  return v.includes('/') || hasVia(v) ? v.split(SEGMENT_SPLIT) : [v]
}

/** Is there a `via` with white space on both sides? */
function hasVia(v: string): boolean {
  for (let i = v.indexOf('via'); i >= 0; i = v.indexOf('via', i + 1)) {
    if (i > 0 && i + 3 < v.length && isSpaceCode(v.charCodeAt(i - 1)) && isSpaceCode(v.charCodeAt(i + 3))) return true
  }
  return false
}

function lookupAgency(candidate: string, c: Compiled): Agency | undefined {
  // Lower case keeps the length but for `İ` (two units).
  if (!c.agencyLengths.has(candidate.length) && !candidate.includes('\u0130')) return undefined
  return c.exact.get(candidate) ?? c.folded.get(candidate.toLowerCase())
}

/** The agency a credit segment names (`AFP`, `AP Photo`, `Getty Images`), if any. */
function agencyOf(segment: string, c: Compiled): Agency | undefined {
  const s = stripMark(segment).trim()
  const bare = stripMedia(s)
  return lookupAgency(s, c) ?? (bare === s ? undefined : lookupAgency(bare, c))
}

/** A credit segment: one to eight capitalised words (connectors such as `of`, `the`, `via` allowed). */
function nameLike(segment: string, c: Compiled): boolean {
  const s = stripMark(segment).trim()
  if (!s || s.length > 80) return false
  if (agencyOf(s, c)) return true
  // The words of `s` (trimmed, so split(/\s+/) has no empty ones): at most eight, the first a name word, the
  // others name words or connectors.
  let count = 0
  for (let i = 0; i < s.length; ) {
    while (i < s.length && isSpaceCode(s.charCodeAt(i))) i++
    if (i >= s.length) break
    const start = i
    while (i < s.length && !isSpaceCode(s.charCodeAt(i))) i++
    if (++count > 8) return false
    const w = s.slice(start, i)
    if (!NAME_WORD.test(w) && (count === 1 || !CONNECTORS.has(w.toLowerCase()))) return false
  }
  return true
}

interface Credit {
  segments: string[]
  agencies: Agency[]
}

function parseCredit(value: string, c: Compiled): Credit | undefined {
  const segments = splitSegments(value)
  if (segments.length > 8 || !segments.every((s) => nameLike(s, c))) return undefined
  const agencies: Agency[] = []
  for (const s of segments) {
    const a = agencyOf(s, c)
    if (a) agencies.push(a)
  }
  return {segments, agencies}
}

/**
 * Can the credit `value` name an agency? A credit of one segment (no `/`, no ` via `) names one only when that
 * segment is an agency: a cheap test before parseCredit, for the callers that need an agency in a one-segment
 * credit (and take any credit of more segments to parseCredit).
 */
function mayNameAgency(value: string, c: Compiled): boolean {
  const v = value.trim()
  return v.includes('/') || hasVia(v) || agencyOf(v, c) !== undefined
}

/** `Label: Name/Agency` (the label may be omitted when an agency is named). */
function creditText(value: string, c: Compiled, allowWire: boolean): boolean {
  const label = c.labelStart.exec(value)
  if (label) return parseCredit(value.slice(label[0].length), c) !== undefined
  if (!mayNameAgency(value, c)) return false
  const credit = parseCredit(value, c)
  if (!credit || credit.agencies.length === 0) return false
  if (credit.segments.length > 1) return true
  const agency = credit.agencies[0]
  return agency.standalone !== false && (allowWire || !agency.wire)
}

type Finding = {start: number; end: number; reason: string; fix: boolean}

function wholeLine(line: string, c: Compiled): {reason: string} | undefined {
  const t = line.trim()
  // A: `AFP / Name – caption`, `REUTERS – caption`, `Photo / Office via AP – caption`
  const dash = dashAt(t)
  if (dash >= 2 && dash <= 100) {
    const left = t.slice(0, dash).trim()
    const right = t.slice(dash + 3)
    const credit = mayNameAgency(left, c) ? parseCredit(left, c) : undefined
    if (credit && atLeastWords(right, 3)) {
      const lead = c.leadLabels.has(credit.segments[0].toLowerCase())
      const ok = credit.segments.length > 1
        ? credit.agencies.length > 0 || lead
        : credit.agencies.length === 1 && /^[\p{Lu}\d -]+$/u.test(left)
      if (ok) return {reason: `Unexpected photo caption with credit \`${clipWords(left)}\`, remove the line`}
    }
  }
  // B: the whole line is a credit: `Getty`, `Name/Hindustan Times/Getty Images`, `(Photo: Reuters)`, `File photo`
  if (t.length <= 120) {
    const unwrapped = t.startsWith('(') && t.endsWith(')') ? /^\((.*)\)$/u.exec(t)?.[1] ?? t : t
    if ((standaloneCandidate(t, c) && c.standalone.has(looseKey(t))) || creditText(unwrapped, c, true)) {
      return {reason: `Unexpected photo credit \`${clipWords(t)}\` on its own line, remove it`}
    }
  }
  // C: `The picture shows …`
  if (t.length <= 400) {
    const lead = c.captionLead.exec(t)
    if (lead && !c.notCaption.test(t.slice(lead[0].length)) && !atLeastWords(t, 61)) {
      return {reason: `Unexpected photo caption \`${clipWords(t)}\`, remove the line`}
    }
  }
  return undefined
}

function standaloneCandidate(t: string, c: Compiled): boolean {
  const ends = keyEnds(t)
  return ends < 0 || c.standaloneEnds.has(ends)
}

const DASH = /\s[–—-]\s/u

/** Index of the first `\s[–—-]\s` in the first 110 characters of `t`, or -1. */
function dashAt(t: string): number {
  return DASH.exec(t.length > 110 ? t.slice(0, 110) : t)?.index ?? -1
}

/** Every inline credit has a `/`, a `:` or a `(`. */
const INLINE_MARK = /[/:(]/
const PAREN = /\(([^()\n]{2,80})\)/gu
const LABEL_BEFORE = /(?:[.!?]["”’)]?\s*|[|–—]\s*)$/u
const SENTENCE_END = /[.!?]["”’)]?\s+(?=\S)/gu

/** Record the credit text[start, end) of a line at `offset`, unless it overlaps one already found. */
function addCredit(out: Finding[], text: string, offset: number, start: number, end: number): void {
  for (const f of out) if (f.start < offset + end && offset + start < f.end) return
  const credit = text.slice(start, end)
  out.push({start: offset + start, end: offset + end, fix: false,
    reason: `Unexpected photo credit \`${clipWords(credit)}\` in the text, remove it with its caption`})
}

function inline(text: string, offset: number, c: Compiled, out: Finding[]): void {
  // D1: `(Photo: Getty Images)`, `(AP Photo/Name)`, `(NASA/JPL-Caltech/ASU)`; never a dateline `(Reuters) -`
  let m: RegExpExecArray | null
  // (Each pattern needs its `(` or `:`: a line without one skips the scan.)
  const paren = text.includes('(')
  PAREN.lastIndex = 0
  while (paren && (m = PAREN.exec(text))) {
    // At the end of the caption: the end of the line or a new sentence follows (`(AFP) – …` is a dateline,
    // `the agency (Getty Images) said` is prose).
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 4)
    if (!/^[.,;:!?"”’]*(?:\s*$|\s+["“‘]?\p{Lu})/u.test(after)) continue
    if (creditText(m[1], c, false)) addCredit(out, text, offset, m.index, m.index + m[0].length)
  }
  // D2: `… . Photo: Getty Images`, `… . Photograph: Name/REX/Shutterstock`, `jackets.Photo: Getty Images A UK …`
  const colon = text.includes(':')
  c.labelInline.lastIndex = 0
  while (colon && (m = c.labelInline.exec(text))) {
    // After a sentence end (`… . Photo:`, `jackets.Photo:`) or a separator (`| Photo:`), never mid-sentence.
    if (m.index === 0 || !LABEL_BEFORE.test(text.slice(Math.max(0, m.index - 4), m.index))) continue
    const restStart = m.index + m[0].length
    let restEnd = text.indexOf(')', restStart)
    if (restEnd < 0) restEnd = text.length
    const rest = text.slice(restStart, restEnd).trimEnd()
    if (!atLeastWords(rest, 11) && parseCredit(rest, c)) {
      addCredit(out, text, offset, m.index, restStart + rest.length)
      continue
    }
    // Up to a known agency within the first six words.
    const words = rest.split(/\s+/).slice(0, 6)
    for (let n = words.length; n >= 1; n--) {
      const candidate = words.slice(0, n).join(' ')
      const credit = parseCredit(candidate, c)
      if (credit && credit.agencies.length && agencyOf(credit.segments[credit.segments.length - 1], c)) {
        addCredit(out, text, offset, m.index, restStart + candidate.length)
        break
      }
    }
  }
  // D3: a trailing `Name/Agency` after the caption's last sentence: `… in Washington. Win McNamee/Getty Images`
  if (text.includes('/')) {
    SENTENCE_END.lastIndex = 0
    let tail = -1
    while ((m = SENTENCE_END.exec(text))) tail = m.index + m[0].length
    if (tail > 0) {
      const rest = text.slice(tail).trimEnd()
      const credit = rest.includes('/') ? parseCredit(rest, c) : undefined
      if (credit && credit.segments.length > 1 && credit.agencies.length) addCredit(out, text, offset, tail, tail + rest.length)
    }
  }
}

export default defineRule({
  id: 'scrape/photo-credit',
  summary: 'Agency and photographer credits and photo captions left in the text (`AFP / Name – …`, `Photo: …`, `(Getty Images)`, `The picture shows …`)',
  docs: `Photo captions and credits survive text extraction as lines or fragments of the article: \`AFP / Anatoly
Stepanov – <caption>\`, \`REUTERS – <caption>\`, \`Photo / <office> via AP – <caption>\`, a credit alone on a line
(\`Getty\`, \`<Name>/<Paper>/Getty Images\`, \`Photo: Reuters\`, \`File photo\`), a caption line opened by
\`The picture shows …\`, \`Pictured: …\`, \`Photo: <caption>\`, \`Image copyright …\`, and credits inside a line (\`(Photo: Getty Images)\`,
\`(AP Photo/<Name>)\`, \`… . Photograph: <Name>/REX/Shutterstock\`, \`… . <Name>/Getty Images\`).

Agency names come from \`rules/data/scrape-photo-credits.json\` and are matched as whole credit segments
(separated by \`/\` or \`via\`), case-sensitively for acronyms, so \`AP\` never matches inside \`Chapter\` and the
word \`ap\`. A wire dateline (\`WASHINGTON (Reuters) - …\`, \`(AFP) –\`) and an agency named in prose
(\`told Reuters\`, \`the Associated Press (AP)\`, \`the company (Getty Images) said\`) are not credits: a credit
in parentheses must end its sentence or line. A line that opens with an agency needs a
\`/\` credit (\`AFP / Name – …\`) or the agency in capitals (\`REUTERS – …\`). \`The picture shows that …\` is prose.

Fix: a credit or caption that is a whole line is removed (\`--fix\`); a credit inside a line is reported without
a fix, since the caption around it cannot be told from the article with certainty.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'Chapter 3 of the report was published by AP and Reuters on Monday.\n'},
      {text: 'WASHINGTON (Reuters) - The central bank kept rates on hold on Wednesday.\n'},
      {text: 'The picture shows that the economy is slowing, the minister said.\n'},
      {text: 'Reuters - the agency - reported the deal first, citing two sources.\n'},
      {text: 'The agency (AFP) said the vote was delayed.\nKYIV / MOSCOW – Talks resumed on Friday.\n'},
      {text: 'The company (Getty Images) declined to comment, its spokeswoman said.\n'}
    ],
    invalid: [
      {
        text: 'Talks resumed.\n\nAFP / Jane Roe – Delegates arrive at the venue in Vienna.\n\nNo deal was reached.\n',
        messages: ['3:1-3:58: Unexpected photo caption with credit `AFP / Jane Roe`, remove the line'],
        fixed: 'Talks resumed.\n\nNo deal was reached.\n'
      },
      {
        text: 'REUTERS – A satellite image of the port taken on Monday.\nThe port reopened.\n',
        messages: ['1:1-1:57: Unexpected photo caption with credit `REUTERS`, remove the line'],
        fixed: 'The port reopened.\n'
      },
      {
        text: 'Smoke hangs over the city.\nAnil Rao/Delhi Daily/Getty Images\nThe haze will last for days.\n',
        messages: ['2:1-2:34: Unexpected photo credit `Anil Rao/Delhi Daily/Getty Images` on its own line, remove it'],
        fixed: 'Smoke hangs over the city.\nThe haze will last for days.\n'
      },
      {
        text: 'The picture shows the two leaders shaking hands in the garden.\nThey spoke for two hours.\n',
        messages: ['1:1-1:63: Unexpected photo caption `The picture shows the two leaders…`, remove the line'],
        fixed: 'They spoke for two hours.\n'
      },
      {
        text: 'Photo: Protesters march through the old town on Sunday.\n\nThe march was peaceful.\n',
        messages: ['1:1-1:56: Unexpected photo caption `Photo: Protesters march through the…`, remove the line'],
        fixed: 'The march was peaceful.\n'
      },
      {
        text: 'Can a pillow make you ill? (Photo: Getty Images)\nThe man recovered. Photograph: Ann Lee/REX/Shutterstock\n',
        messages: [
          '1:28-1:49: Unexpected photo credit `(Photo: Getty Images)` in the text, remove it with its caption',
          '2:20-2:56: Unexpected photo credit `Photograph: Ann Lee/REX/Shutterstock` in the text, remove it with its caption'
        ]
      },
      {
        text: 'The campus at dawn on Monday. Ann Lee/Getty Images\nStudents voted on Thursday.\n',
        messages: ['1:31-1:51: Unexpected photo credit `Ann Lee/Getty Images` in the text, remove it with its caption']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const c = data()
    const comments = commentRanges(doc)
    const findings: Finding[] = []
    for (let i = 0; i < doc.lines.length; i++) {
      const line = doc.lines[i]
      if (line.text.trim() === '' || (comments.length && inRanges(comments, i))) continue
      const whole = wholeLine(line.text, c)
      if (whole) {
        const [start, end] = trimmedSpan(doc, i)
        findings.push({start, end, reason: whole.reason, fix: true})
        continue
      }
      if (INLINE_MARK.test(line.text)) inline(line.text, line.start, c, findings)
    }
    for (const f of findings) {
      doc.report(file, 'scrape/photo-credit', f.reason, f.start, f.end, f.fix ? {expected: ['']} : {})
    }
  }
})
