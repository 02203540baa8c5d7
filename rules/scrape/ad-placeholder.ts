import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {lineKey, lineKeyEnds} from '../../src/text.js'

interface AdData {
  inline: Array<{pattern: string; what: string; caseSensitive?: boolean}>
  lines: Array<{phrase: string; what: string}>
}

let compiled: {inline: RegExp[]; lines: Set<string>; lineEnds: Set<number>; longest: number} | undefined

function matcher() {
  if (!compiled) {
    const data = loadData<AdData>('ad-placeholders.json')
    const lines = new Set(data.lines.map((entry) => lineKey(entry.phrase)))
    const folded = data.inline.filter((entry) => !entry.caseSensitive)
    const exact = data.inline.filter((entry) => entry.caseSensitive)
    const inline = [new RegExp(folded.map((entry) => `(?:${entry.pattern})`).join('|'), 'giu')]
    if (exact.length) inline.push(new RegExp(exact.map((entry) => `(?:${entry.pattern})`).join('|'), 'gu'))
    compiled = {
      inline,
      lines,
      // The ends of the phrases' keys: a line whose key would end otherwise is no label (no key made).
      lineEnds: new Set(data.lines.map((entry) => lineKeyEnds(entry.phrase))),
      longest: Math.max(...data.lines.map((entry) => entry.phrase.length)) + 8
    }
  }
  return compiled
}

export default defineRule({
  id: 'scrape/ad-placeholder',
  summary: 'Ad slots and ad labels left in the text (`[ad_1]`, AdSense code, `Advertisement` alone on a line)',
  docs: `Scrapers keep the placeholders that content-management systems put where ads go: shortcodes such as
\`[ad_1]\`, template slots such as \`{{ad}}\`, AdSense and Google Publisher Tag snippets, and ad labels such as
\`Advertisement\`, \`Advert\` or \`Story continues below advertisement\` standing alone on a line, and an
\`Advertisement\` label between two sentences of a page that was flattened onto one line (a capitalised
\`Advertisement\` right after a sentence end and before a capitalised word). They are never part of the
article. Fix: remove them (\`--fix\` does). The phrase list is \`rules/data/ad-placeholders.json\`; a label is only
reported when it is the whole line or stands between two sentences as above, so "an advertisement for soap" and
"Advertisement rules will tighten" in a sentence are left alone.`,
  severity: 'error',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'The company bought an advertisement in the local paper.\n'},
      {text: 'Ad hoc talks were held in [Geneva] on Monday.\n'},
      {text: 'Advertisement spending rose by 4% last year, the report said.\n'},
      {text: 'The watchdog banned the advertisement. Advertisement rules will tighten next year.\n'}
    ],
    invalid: [
      {
        text: '[ad_1]\nThe talks ended on Friday.\n',
        messages: ['1:1-1:7: Unexpected ad placeholder `[ad_1]`, remove it'],
        fixed: 'The talks ended on Friday.\n'
      },
      {
        text: 'Prices rose. [ad-2] Markets fell.\n',
        messages: ['1:14-1:20: Unexpected ad placeholder `[ad-2]`, remove it'],
        fixed: 'Prices rose. Markets fell.\n'
      },
      {
        text: 'Markets fell.\n\n(adsbygoogle = window.adsbygoogle || []).push({});\n\nPrices rose.\n',
        messages: ['3:1-3:51: Unexpected ad placeholder `(adsbygoogle = window.adsbygoogle || []).push({});`, remove it'],
        fixed: 'Markets fell.\n\nPrices rose.\n'
      },
      {
        text: 'The minister resigned.\nADVERTISEMENT\nHer deputy takes over.\n',
        messages: ['2:1-2:14: Unexpected ad label `ADVERTISEMENT` on its own line, remove it'],
        fixed: 'The minister resigned.\nHer deputy takes over.\n'
      },
      {
        text: 'Sales fell by 4% in 2016. Advertisement At first, the firm blamed the weather.\nAdvert\nThe shares recovered.\n',
        messages: [
          '1:27-1:40: Unexpected ad label `Advertisement` between sentences, remove it',
          '2:1-2:7: Unexpected ad label `Advert` on its own line, remove it'
        ],
        fixed: 'Sales fell by 4% in 2016. At first, the firm blamed the weather.\nThe shares recovered.\n'
      },
      {
        text: 'Talks resumed.\n  Story continues below advertisement  \nNo deal yet.\n',
        messages: ['2:3-2:38: Unexpected ad label `Story continues below advertisement` on its own line, remove it']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const {inline, lines, lineEnds, longest} = matcher()
    const text = doc.text
    const inlineHits: Array<[number, number]> = []
    for (const re of inline) {
      re.lastIndex = 0
      let match: RegExpExecArray | null
      while ((match = re.exec(text))) {
        if (match[0].length === 0) {
          re.lastIndex++
          continue
        }
        const start = match.index
        const end = start + match[0].length
        if (inlineHits.some(([s, e]) => s < end && e > start)) continue
        inlineHits.push([start, end])
      }
    }
    inlineHits.sort((a, b) => a[0] - b[0])
    for (const [start, end] of inlineHits) {
      const found = text.slice(start, end)
      const label = /^[\p{L} ]+$/u.test(found)
      doc.report(file, 'scrape/ad-placeholder',
        label ? `Unexpected ad label \`${found}\` between sentences, remove it` : `Unexpected ad placeholder \`${found}\`, remove it`,
        start, end, {expected: ['']})
    }
    for (const line of doc.lines) {
      if (line.end - line.start > longest || line.end === line.start) continue
      const ends = lineKeyEnds(line.text)
      if ((ends >= 0 && !lineEnds.has(ends)) || !lines.has(lineKey(line.text))) continue
      const lead = line.text.length - line.text.trimStart().length
      const start = line.start + lead
      const end = line.start + line.text.trimEnd().length
      if (inlineHits.some(([s, e]) => s < end && e > start)) continue
      doc.report(file, 'scrape/ad-placeholder',
        `Unexpected ad label \`${text.slice(start, end)}\` on its own line, remove it`, start, end, {expected: ['']})
    }
  }
})
