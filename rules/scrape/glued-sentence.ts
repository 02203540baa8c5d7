import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {commentRanges} from './comment-thread.js'
import {inRanges, isLinkish, tokenAt} from './shared.js'

interface GlueData {
  allow: string[]
  starters: Array<{word: string; fix?: 'period' | 'space'}>
}

interface Compiled {
  allow: Set<string>
  starters: Map<string, 'period' | 'space' | undefined>
  /** A starter word right after a letter: the candidates of lower/upper glue. */
  caseGlue: RegExp
}

let compiled: Compiled | undefined

function data(): Compiled {
  if (!compiled) {
    const d = loadData<GlueData>('scrape-glue.json')
    const words = d.starters.map((s) => s.word).sort((a, b) => b.length - a.length)
    compiled = {
      allow: new Set(d.allow),
      starters: new Map(d.starters.map((s) => [s.word, s.fix])),
      caseGlue: new RegExp(`[a-z\\u00DF-\\u024F\\u0430-\\u045F](?:${words.join('|')})(?![a-z])`, 'g')
    }
  }
  return compiled
}

/**
 * Candidates of `adversaries.Biden`, `2021.The`, `over.”The`: a sentence mark right before a character that is
 * neither white space nor punctuation nor a digit. Candidates are checked character by character (Unicode
 * property classes at every position would cost more than the rest of the rule).
 */
const PERIOD_GLUE = /[.!?]["”’)]?(?=[^\s\d.,;:!?'"”’)\]\-/])/g
const LETTERS_BEFORE = /[\p{L}\p{N}'’-]*$/u
const WORD_AFTER = /^\p{Lu}\p{Ll}+/u

const isLower = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toUpperCase() && ch === ch.toLowerCase()
const isUpper = (ch: string | undefined): boolean => ch !== undefined && ch !== ch.toLowerCase() && ch === ch.toUpperCase()
const isDigit = (ch: string | undefined): boolean => ch !== undefined && ch >= '0' && ch <= '9'

export default defineRule({
  id: 'scrape/glued-sentence',
  summary: 'Sentences and words glued by lost white space (`adversaries.Biden`, `ZhelenskyTherefore`, `rabbitCredit`)',
  docs: `When a scraper drops the line break or space between two blocks, a sentence end runs into the next word
(\`adversaries.Biden\`, \`in 2021.The\`) or a word runs into the next sentence or caption (\`ZhelenskyTherefore\`,
\`rabbitCredit\`). Readers, tokenizers and every rule after it see one wrong word.

A sentence end glued to a capitalised word is reported with the fix \`. \` (a space after the mark). A lower-case
letter run glued to a capitalised word is reported only when that word is in the list of sentence and caption
starters of \`rules/data/scrape-glue.json\` (\`The\`, \`However\`, \`Therefore\`, \`Credit\`, …): real camel-case
names (\`YouTube\`, \`McDonald\`, \`iPhone\`, \`PlayStation\`, \`MacDonald\`, \`SmartThermostat\`) join two ordinary
words and stay quiet, and the data's \`allow\` list keeps known names out for good. The fix inserts \`. \` before a
sentence adverb followed by a comma (\`Zhelensky. Therefore,\`) and a space before a caption word (\`rabbit Credit\`);
other glue (\`adversariesThe\`) is reported without a fix, since it may need \`. \` or a line break. URLs, e-mail
addresses, handles, hashtags, file names (\`report.PDF\`), decimals and initials (\`U.S.\`, \`D.C.\`, \`e.g.\`)
are never reported. Lines of a comment thread are skipped.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'He posted it on YouTube and sold his PlayStation and MacBook on eBay.\n'},
      {text: 'McDonald and DiCaprio met in Washington, D.C. on Monday, the U.S. envoy said.\n'},
      {text: 'See www.Example.com/News.Today or mail press@Agency.org, or open Report.Final.pdf.\n'},
      {text: 'Growth was 2.5% in 2021, e.g. in Ohio. The SmartThermostat costs $199.\n'}
    ],
    invalid: [
      {
        text: 'Washington named Moscow one of its main adversaries.Biden will travel to Geneva.\n',
        messages: ['1:41-1:58: Missing space after `.` in `adversaries.Biden`, insert one'],
        fixed: 'Washington named Moscow one of its main adversaries. Biden will travel to Geneva.\n'
      },
      {
        text: 'Blinken called President Volodymyr ZhelenskyTherefore, the talks will go on.\n',
        messages: ['1:36-1:54: Glued words `ZhelenskyTherefore`, insert `. ` between `Zhelensky` and `Therefore`'],
        fixed: 'Blinken called President Volodymyr Zhelensky. Therefore, the talks will go on.\n'
      },
      {
        text: 'A wild rabbitCredit: Jane Roe\n',
        messages: ['1:8-1:20: Glued words `rabbitCredit`, insert a space between `rabbit` and `Credit`'],
        fixed: 'A wild rabbit Credit: Jane Roe\n'
      },
      {
        text: 'Invasion and possible invasionThe conflict began in April.\nShe said “no.”Then she left.\n',
        messages: [
          '1:23-1:34: Glued words `invasionThe`, separate `invasion` and `The`',
          '2:11-2:19: Missing space after `.”` in `no.”Then`, insert one'
        ],
        fixed: 'Invasion and possible invasionThe conflict began in April.\nShe said “no.” Then she left.\n'
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const {allow, starters, caseGlue} = data()
    const text = doc.text
    const comments = commentRanges(doc)
    const skipped = (offset: number) => comments.length > 0 && inRanges(comments, doc.lineIndexAt(offset))

    PERIOD_GLUE.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = PERIOD_GLUE.exec(text))) {
      const mark = m.index
      const next = mark + m[0].length
      if (!isUpper(text[next]) || !isLower(text[next + 1])) continue
      const a = text[mark - 1]
      const b = text[mark - 2]
      if (!((isLower(a) && isLower(b)) || (isDigit(a) && isDigit(b)))) continue
      const token = tokenAt(text, mark)
      if (isLinkish(token) || allow.has(token.replace(/[^\p{L}\p{N}'’.!?]+$/u, ''))) continue
      if (skipped(mark)) continue
      const left = LETTERS_BEFORE.exec(text.slice(Math.max(0, mark - 40), mark))?.[0] ?? ''
      const afterMarks = next
      const right = WORD_AFTER.exec(text.slice(afterMarks, afterMarks + 40))?.[0] ?? ''
      const start = mark - left.length
      const end = afterMarks + right.length
      const marks = m[0]
      doc.report(file, 'scrape/glued-sentence', `Missing space after \`${marks}\` in \`${text.slice(start, end)}\`, insert one`,
        start, end, {expected: [text.slice(start, afterMarks) + ' ' + right]})
    }

    caseGlue.lastIndex = 0
    while ((m = caseGlue.exec(text))) {
      const join = m.index + 1
      const right = m[0].slice(1)
      if (!isLower(text[join - 1]) || !isLower(text[join - 2]) || isLower(text[join + right.length])) continue
      const left = LETTERS_BEFORE.exec(text.slice(Math.max(0, join - 40), join))?.[0] ?? ''
      const start = join - left.length
      const end = join + right.length
      const word = text.slice(start, end)
      const token = tokenAt(text, join)
      if (allow.has(word) || isLinkish(token) || skipped(join)) continue
      const fix = starters.get(right)
      if (fix === 'period' && text[end] === ',') {
        doc.report(file, 'scrape/glued-sentence', `Glued words \`${word}\`, insert \`. \` between \`${left}\` and \`${right}\``,
          start, end, {expected: [`${left}. ${right}`]})
      } else if (fix === 'space') {
        doc.report(file, 'scrape/glued-sentence', `Glued words \`${word}\`, insert a space between \`${left}\` and \`${right}\``,
          start, end, {expected: [`${left} ${right}`]})
      } else {
        doc.report(file, 'scrape/glued-sentence', `Glued words \`${word}\`, separate \`${left}\` and \`${right}\``, start, end)
      }
    }
  }
})
