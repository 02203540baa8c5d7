import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {escapeRegExp} from '../../src/text.js'
import {commentAndFooterRanges} from './footer-boilerplate.js'
import {clipWords, endsInTime, hasWords, inRanges, lineDigits, MONTH, nativeRegExp, whenKind, whenPrefix} from './shared.js'

interface MetadataData {
  fieldLabels: string[]
  counterUnits: string[]
  sourceLabels: string[]
  bylineLeads: string[]
}

interface Compiled {
  /** `Published:`, `Last modified on`, `date`: a field label and its separator at the start of a line. */
  fieldLabel: RegExp
  /** The same with what may follow it inside a line: `:`/`=` or white space. */
  fieldLead: RegExp
  readingTime: RegExp
  counter: RegExp
  counterComments: RegExp
  source: RegExp
  bylineLead: RegExp
  embed: RegExp
  preamble: RegExp
}

let compiled: Compiled | undefined

const alternation = (list: string[]) =>
  [...list].sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, '\\s+')).join('|')

function patterns(): Compiled {
  if (!compiled) {
    const d = loadData<MetadataData>('scrape-metadata.json')
    const field = alternation(d.fieldLabels)
    const units = alternation(d.counterUnits)
    const number = '\\d[\\d,.]{0,12}\\s?[KkMmBb]?\\+?'
    // Dates and times go through the one shared date grammar (whenPrefix/whenKind in shared.ts).
    compiled = {
      fieldLabel: nativeRegExp(`^(?:${field})\\s*(?:on|at)?\\s*[:=]?\\s*(?:on\\s+)?`, 'i'),
      fieldLead: nativeRegExp(`^(${field})(\\s*[:=]\\s*|\\s+)`, 'i'),
      readingTime: /^(?:(?:estimated\s+)?read(?:ing)?\s+time\s*:?\s*)?(?:about\s+|approx\.?\s+|~\s*)?\d{1,3}\s*-?\s*(?:min|mins|minutes?)\.?(?:\s+(?:read|reading|to\s+read))?$/i,
      // ASCII classes: a Unicode-aware version of this pattern costs twice as much to compile.
      counter: nativeRegExp(`^(?:[^A-Za-z0-9]*(?:${number}\\s*(?:${units})|(?:${units})\\s*:?\\s*${number})[^A-Za-z0-9]*){1,4}$`, 'i'),
      counterComments: nativeRegExp(`^[^A-Za-z0-9]*(?:${number}\\s*comments?|comments?\\s*:?\\s*${number})[^A-Za-z0-9]*$`, 'i'),
      source: nativeRegExp(`^(?:${alternation(d.sourceLabels)})\\s*:?\\s*(?:https?:\\/\\/|www\\.)\\S+$`, 'i'),
      preamble: nativeRegExp(
        `^(?:\\p{Lu}[\\p{L}'’.-]*\\s+){0,4}(?:News\\s+Service|News\\s+Agency|News\\s+Network|News|Agency|Press|Service|Net)\\s*,\\s*` +
        `(?:\\p{Lu}[\\p{L}.-]*(?:\\s+\\p{Lu}[\\p{L}.-]*){0,2}\\s*,\\s*)?` +
        `(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}(?:,?\\s+\\d{4})?)` +
        `(?:\\s*\\([^()\\n]{1,40}\\))?(?:\\s*,\\s*(?:a\\s+)?(?:comprehensive\\s+)?(?:report|electric|dispatch|wire))?` +
        `\\s*(?:,|--|—|–)\\s*(?=\\p{Lu})`, 'u'),
      embed: /^[—–-]\s*[^\n()]{1,60}\(@[A-Za-z0-9_]{1,30}\)\s*(.+)$/,
      bylineLead: nativeRegExp(`^(?:${alternation(d.bylineLeads)})\\s+(?=\\p{Lu})`, 'u')
    }
  }
  return compiled
}

/** A time alone must look like a clock: `10:15`, `4 pm`, `10.15 am`, `10:15 AM ET`. */
const CLOCK = /^(?:\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s+[A-Z]{2,4})?|\d{1,2}(?:[.:]\d{2})?\s?[AaPp]\.?[Mm]\.?(?:\s+[A-Z]{2,4})?)$/
const RELATIVE_DAY = /^(?:today|yesterday),?\s*(?:at\s+)?/i
const TRAILER_BY = /\s+by\s+[\p{L}\p{N}_.@' -]{1,40}$/u
const TRAILER_BAR = /\s*[|•·]\s*.{1,60}$/u
const SEPARATOR_AFTER = /^(?:[,:|•·–—-]\s*|on\s+)/u
const SEPARATOR_END = /\s*[,:|•·–—-]$/u

/** `Published: March 3, 2021`, `Posted on March 3, 2021 by admin`, `Updated … | 5 min read`. */
function fieldLine(t: string, p: Compiled): boolean {
  const label = p.fieldLabel.exec(t)
  if (!label) return false
  const rest = t.slice(label[0].length)
  if (!rest) return false
  if (whenKind(rest)) return true
  for (const trailer of [TRAILER_BAR, TRAILER_BY]) {
    const m = trailer.exec(rest)
    if (m && whenKind(rest.slice(0, m.index))) return true
  }
  return false
}

/** `Today 12:01 AM`, `2021-12-07 10:15`, `3 hours ago`, `10:15 AM ET`. */
function timestamp(t: string): boolean {
  const rest = t.replace(RELATIVE_DAY, '')
  const kind = whenKind(rest)
  return kind === 'datetime' || kind === 'ago' || CLOCK.test(rest)
}

/** `By Jane Roe: April 4, 2016`: the byline's name part, if the line is a byline that ends in a date. */
function bylineName(t: string, p: Compiled): string | undefined {
  const lead = p.bylineLead.exec(t)
  if (!lead) return undefined
  const rest = t.slice(lead[0].length)
  for (let j = rest.indexOf(' '); j > 0 && j <= 82; j = rest.indexOf(' ', j + 1)) {
    const tail = rest.slice(j + 1).replace(SEPARATOR_AFTER, '')
    const kind = whenKind(tail)
    if (kind === 'day' || kind === 'datetime') return rest.slice(0, j).replace(SEPARATOR_END, '')
  }
  return undefined
}

const CAPITAL_NEXT = /^\s+["“‘]?\p{Lu}/u

const NAME_PART = /^(?:[\p{Lu}][\p{L}'’.-]*|and|&|of|de|van|von|der|al|[A-Z]{2,5},?)$/u

/** `Jane Roe and Tom Berg`, `Rachael Link, MS, RD`: capitalised words, credentials and `and`. */
function nameLike(value: string): boolean {
  const words = value.replace(/,/g, ' ').split(/\s+/).filter(Boolean)
  return words.length > 0 && words.length <= 12 && words.every((w) => NAME_PART.test(w))
}

const LINK = /:\/\/|www\./

/** `/ago$/i.test(t)` without scanning the line. */
function endsInAgo(t: string): boolean {
  const n = t.length
  return n >= 3 && (t.charCodeAt(n - 3) | 32) === 97 && (t.charCodeAt(n - 2) | 32) === 103 && (t.charCodeAt(n - 1) | 32) === 111
}

/** A long number alone between two sentences: a page or story ID (`… told. 191119052250266 The crash …`). */
const BARE_ID = /(?<=[.!?]["”’]?[ \t])\d{12,}(?=[ \t]+["“]?\p{Lu})/gu

/** Longest line checked as a whole-line metadata field. */
const MAX_LINE = 200

export default defineRule({
  id: 'scrape/metadata-leak',
  summary: 'Scraped page fields inside the text: ` date 2021-12-07 ` before the lede, `Published: …`, bare timestamps, `5 min read`, `1.2K shares`',
  docs: `Extraction sometimes keeps the page's fields with the article: a field name and a date glued before the first
sentence (\` date 2021-12-07 Amid growing …\`), lines such as \`Published: March 3, 2021\`, \`Updated 10:15 AM ET, Tue
March 3, 2021\`, \`Last modified on Tue 3 Mar 2021 10.15 GMT\`, a bare timestamp (\`Today 12:01 AM\`,
\`2021-12-07 10:15\`, \`3 hours ago\`), a reading time (\`5 min read\`), share and like counters (\`1.2K shares\`,
\`Views: 1,234\`), a source-link line (\`Source: http://…\`), a byline that carries a date
(\`By Jane Roe: April 4, 2016\`), the signature line of an embedded post (\`— Jane Roe (@janeroe) March 3, 2021\`)
an agency preamble before the lede on the first line (\`China News Service, December 16th, a comprehensive
report, <lede>\`, \`Example News Agency, Beijing, March 3 -- <lede>\`) and a long numeric page ID left between two sentences (\`… could be told. 191119052250266 The crash …\`). None of it is article text. Fix: remove the line, or the leading field.

A line is reported only when it is *only* the field (at most 200 characters); a date in a sentence, a date alone
on a line and \`Published in 2019, the book …\` stay quiet, and a bare date-and-time line is only taken among the
first three lines of the document (inside the body it may head a timeline entry) unless it is relative
(\`Today 12:01 AM\`, \`3 hours ago\`). A leading field inside a line
is taken only when a capitalised word follows the date with no comma, and the field is lower-case (a scraped
field name), has a \`:\`, or the date is ISO (\`2021-12-07\`). Counters of \`comments\` alone are left to
\`scrape/comment-thread\` and \`scrape/footer-boilerplate\`; lines inside a footer block or a comment thread are
skipped. Labels and units: \`rules/data/scrape-metadata.json\`.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'Published in 2019, the book sold well.\nUpdated figures for March 3, 2021 show a rise.\n'},
      {text: 'March 3, 2021\nPolice arrive at the scene.\n'},
      {text: 'Timeline of the night\nThe polls closed late.\nCounting was slow.\nMarch 3 2021 21:05\nFirst results come in.\nMarch 3 2021 22:10\nThe winner speaks.\nTurnout was high.\nThe count ends.\nA recount is likely.\n'},
      {text: 'Press freedom, the March 3 report says, was curbed.\n'},
      {text: 'The news agency, March 3 reports say, was closed.\n'},
      {text: 'The meeting starts at 10:15 on Monday.\nShe has 1,200 followers and many critics, aides said.\n'},
      {text: 'By the end of the year, prices rose.\nDated March 3, 2021, the letter was sent on Friday.\n'},
      {text: 'The case number was 201903041122 and the hearing is set. 4 min read is what the app claims, she joked.\n'}
    ],
    invalid: [
      {
        text: ' date 2021-12-07 Amid rising prices, the bank raised rates.\n',
        messages: ['1:2-1:17: Unexpected metadata field `date 2021-12-07` at the start of the line, remove it'],
        fixed: ' Amid rising prices, the bank raised rates.\n'
      },
      {
        text: 'Rates rise again\nPublished: March 3, 2021 | 5 min read\nThe bank raised rates.\n',
        messages: ['2:1-2:38: Unexpected metadata line `Published: March 3, 2021 | 5 min read`, remove it'],
        fixed: 'Rates rise again\nThe bank raised rates.\n'
      },
      {
        text: 'Dear Ann: my neighbour is loud\nToday 12:01 AM\nBy Ann Lee\nDEAR READER: Talk to him first.\n',
        messages: ['2:1-2:15: Unexpected timestamp line `Today 12:01 AM`, remove it'],
        fixed: 'Dear Ann: my neighbour is loud\nBy Ann Lee\nDEAR READER: Talk to him first.\n'
      },
      {
        text: 'Why bees matter\n4 min read\n1.2K shares\nBees pollinate crops.\n\nSource: https://example.org/bees\n',
        messages: [
          '2:1-2:11: Unexpected reading-time label `4 min read`, remove it',
          '3:1-3:12: Unexpected share counter `1.2K shares`, remove it',
          '6:1-6:33: Unexpected source link line `Source: https://example.org/bees`, remove it'
        ],
        fixed: 'Why bees matter\nBees pollinate crops.\n\n'
      },
      {
        text: 'The smog is back, she wrote.\n— Jane Roe (@janeroe) March 3, 2021\nNo suspects were named. 190304112233445 The inquiry continues.\n',
        messages: [
          '2:1-2:36: Unexpected embedded-post signature `— Jane Roe (@janeroe) March 3, 2021`, remove it',
          '3:25-3:40: Unexpected numeric ID `190304112233445` between sentences, remove it'
        ],
        fixed: 'The smog is back, she wrote.\nNo suspects were named. The inquiry continues.\n'
      },
      {
        text: 'Harbour News Service, March 4th, a comprehensive report, Port workers went on strike on Monday.\n',
        messages: ['1:1-1:57: Unexpected agency preamble `Harbour News Service, March 4th, a…` before the lede, remove it'],
        fixed: 'Port workers went on strike on Monday.\n'
      },
      {
        text: 'By Jane Roe and Tom Berg: April 4, 2016\n\nThe committee meets on Tuesday.\n',
        messages: ['1:1-1:40: Unexpected byline with date `By Jane Roe and Tom Berg: April 4, 2016`, remove the line'],
        fixed: 'The committee meets on Tuesday.\n'
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const p = patterns()
    const skip = commentAndFooterRanges(doc)
    // The first three non-blank lines: a bare timestamp is page metadata at the top; inside the body it may head
    // a timeline entry.
    const edges: number[] = []
    for (let i = 0; i < doc.lines.length && edges.length < 3; i++) if (doc.lines[i].text.trim() !== '') edges.push(i)
    const firstLine = edges.length ? edges[0] : -1
    const edge = (i: number) => edges.includes(i)
    const digits = lineDigits(doc)
    for (let i = 0; i < doc.lines.length; i++) {
      const line = doc.lines[i]
      const t = line.text.trim()
      if (!t || (skip.length && inRanges(skip, i))) continue
      // Every field has a digit (a date, time, count or ID), a link, or ends in `ago`.
      const digit = digits[i] === 1
      if (!digit && !endsInAgo(t) && !LINK.test(t)) continue
      const start = line.start + (line.text.length - line.text.trimStart().length)
      const end = start + t.length
      let kind: string | undefined
      if (t.length <= MAX_LINE && !hasWords(doc.text, 24, start, end)) {
        const timed = endsInTime(t)
        if ((timed || t.includes('|') || t.includes('•') || t.includes('·') || / by /i.test(t)) && fieldLine(t, p)) kind = 'metadata line'
        else if (timed && timestamp(t) && (edge(i) || /^(?:today|yesterday)\b|ago$/i.test(t))) kind = 'timestamp line'
        else if (/read/i.test(t) && p.readingTime.test(t)) kind = 'reading-time label'
        else if (p.counter.test(t) && !p.counterComments.test(t)) kind = 'share counter'
        else if (p.source.test(t)) kind = 'source link line'
        else if (timed && /^(?:day|datetime)$/.test(whenKind(p.embed.exec(t)?.[1] ?? '') ?? '')) kind = 'embedded-post signature'
        else if (timed) {
          const byline = bylineName(t, p)
          if (byline && nameLike(byline)) {
            doc.report(file, 'scrape/metadata-leak', `Unexpected byline with date \`${clipWords(t)}\`, remove the line`,
              start, end, {expected: ['']})
            continue
          }
        }
      }
      if (kind) {
        doc.report(file, 'scrape/metadata-leak', `Unexpected ${kind} \`${clipWords(t)}\`, remove it`, start, end, {expected: ['']})
        continue
      }
      if (digit && /\d{12}/.test(line.text)) {
        BARE_ID.lastIndex = 0
        let id: RegExpExecArray | null
        while ((id = BARE_ID.exec(line.text))) {
          doc.report(file, 'scrape/metadata-leak', `Unexpected numeric ID \`${id[0]}\` between sentences, remove it`,
            line.start + id.index, line.start + id.index + id[0].length, {expected: ['']})
        }
      }
      if (i === firstLine) {
        const preamble = p.preamble.exec(t)
        if (preamble) {
          const shown = preamble[0].trim()
          doc.report(file, 'scrape/metadata-leak', `Unexpected agency preamble \`${clipWords(shown)}\` before the lede, remove it`,
            start, start + shown.length, {expected: ['']})
          continue
        }
      }
      const lead = p.fieldLead.exec(t)
      if (lead) {
        const [, label, separator] = lead
        const rest = t.slice(lead[0].length)
        const when = whenPrefix(rest)
        if (!when || !CAPITAL_NEXT.test(rest.slice(when.length, when.length + 4))) continue
        const scraped = label === label.toLowerCase() || /[:=]/.test(separator) || /^\d{4}-\d/.test(rest)
        if (!scraped) continue
        const field = t.slice(0, lead[0].length + when.length)
        doc.report(file, 'scrape/metadata-leak',
          `Unexpected metadata field \`${clipWords(field)}\` at the start of the line, remove it`, start, start + field.length, {expected: ['']})
      }
    }
  }
})
