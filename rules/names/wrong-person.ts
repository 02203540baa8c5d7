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

interface Compiled {
  entry: Entry
  /** The phrase's longest run of letters, lower case: a cheap test before the pattern runs. */
  key: string
  phrase: RegExp
  /** The phrase's runs of letters and digits (three or more, longest first): each occurs, case-insensitively, wherever the phrase does. */
  literals: RegExp[]
  requires: RegExp[]
  unless: RegExp[]
}

let compiled: Compiled[] | undefined

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A whole-word, case-insensitive pattern; spaces match any white space, apostrophes either kind. */
function wordPattern(text: string): RegExp {
  const body = text.trim().split(/\s+/).map((part) => escape(part).replace(/['’]/g, "['’]")).join('\\s+')
  return new RegExp(`(?<![\\p{L}\\p{N}'’])${body}(?![\\p{L}\\p{N}]|['’]\\p{L})`, 'giu')
}

function phrases(): Compiled[] {
  compiled ??= loadData<{phrases: Entry[]}>('names-wrong-person.json').phrases.map((entry) => ({
    entry,
    key: (entry.phrase.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? ['']).reduce((a, b) => (b.length > a.length ? b : a)),
    phrase: wordPattern(entry.phrase),
    literals: (entry.phrase.match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((run) => run.length >= 3)
      .sort((a, b) => b.length - a.length)
      .map((run) => new RegExp(run, 'iu')),
    requires: entry.requires.map(wordPattern),
    unless: entry.unless.map(wordPattern)
  }))
  return compiled
}

function occurs(re: RegExp, text: string, outside: Array<[number, number]>): boolean {
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text))) {
    const start = m.index
    const end = start + m[0].length
    if (!outside.some(([s, e]) => start < e && end > s)) return true
    if (m[0].length === 0) re.lastIndex++
  }
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
    const present = new Map<string, boolean>()
    const occursAnywhere = (re: RegExp) => {
      let found = present.get(re.source)
      if (found === undefined) present.set(re.source, (found = re.test(text)))
      return found
    }
    let lower: string | undefined
    for (const item of phrases()) {
      // A phrase whose words the text lacks cannot occur: no need to lower-case the text for it.
      if (!item.literals.every(occursAnywhere)) continue
      lower ??= text.toLowerCase()
      if (!lower.includes(item.key)) continue
      item.phrase.lastIndex = 0
      const found: Array<[number, number]> = []
      let m: RegExpExecArray | null
      while ((m = item.phrase.exec(text))) found.push([m.index, m.index + m[0].length])
      if (found.length === 0) continue
      if (!item.requires.every((re) => occurs(re, text, found))) continue
      if (item.unless.some((re) => occurs(re, text, found))) continue
      for (const [start, end] of found) {
        doc.report(file, 'names/wrong-person',
          `Unexpected \`${text.slice(start, end)}\`: probably ${item.entry.meant}, a known mistranslation (nothing else in the document concerns ${item.entry.names})`,
          start, end)
      }
    }
  }
})
