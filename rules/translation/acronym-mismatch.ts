import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {loadData} from '../../src/data.js'
import {bareWord} from '../../src/spelling.js'

const ID = 'translation/acronym-mismatch'

interface AcronymData {
  known: Array<{acronym: string; expansions: string[]}>
  nonInitial: string[]
}

interface Compiled {
  /** The known English expansions of each acronym, and the same normalised (`normalise`). */
  known: Map<string, string[]>
  knownNormalised: Map<string, string[]>
  nonInitial: Set<string>
}

let compiled: Compiled | undefined

/** Lower case, plain apostrophes, hyphens as spaces, American spelling: `Co-operation` = `cooperation`, `Organisation` = `organization`. */
function normalise(value: string): string {
  return value
    .toLowerCase()
    .replace(/[’‘`]/g, '\'')
    .replace(/'s\b/g, 's')
    .replace(/\bco-/g, 'co')
    .replace(/[-‐‑–—]/g, ' ')
    .replace(/[^\p{L}\p{N}' ]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ')
    .replace(/isation/g, 'ization')
    .replace(/\bdefence\b/g, 'defense')
    .replace(/\bcentres?\b/g, (m) => m.replace('re', 'er'))
    .replace(/\blabour\b/g, 'labor')
}

function data(): Compiled {
  if (!compiled) {
    const raw = loadData<AcronymData>('translation-acronyms.json')
    compiled = {
      known: new Map(raw.known.map((k) => [k.acronym, k.expansions])),
      knownNormalised: new Map(raw.known.map((k) => [k.acronym, k.expansions.map(normalise)])),
      nonInitial: new Set(raw.nonInitial)
    }
  }
  return compiled
}

/** Words that may stand between the words of a name, and give a letter or not. */
const STOP = new Set(['of', 'and', 'for', 'the', 'in', 'on', 'at', 'to', 'de', 'du', 'des', 'la', 'le', 'el', 'y', 'et', 'und', 'für', 'van', 'von', 'der', 'di', 'da', '&'])

interface ExpansionWord {
  text: string
  start: number
  end: number
  stop: boolean
  /** First letters of the word and of each hyphenated part. */
  initials: string[]
}

/** The capitalised words (and stop words between them) right before `(` at `paren`. */
function expansionBefore(doc: Doc, paren: number): ExpansionWord[] {
  const words = doc.words
  let lo = 0
  let hi = words.length - 1
  let last = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (words[mid].end <= paren) {
      last = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  if (last < 0 || !/^\s*$/.test(doc.text.slice(words[last].end, paren))) return []
  const out: ExpansionWord[] = []
  for (let i = last; i >= 0 && i > last - 16; i--) {
    const word = words[i]
    if (i < last) {
      const gap = doc.text.slice(word.end, words[i + 1].start)
      if (!/^[\s,]*$/.test(gap) || gap.includes('\n') || word.sentence !== words[i + 1].sentence) break
    }
    const bare = bareWord(word.text)
    const lower = bare.toLowerCase()
    const stop = STOP.has(lower)
    if (!stop && !/^\p{Lu}/u.test(bare)) break
    const initials = bare.split(/[-‐‑]/).filter(Boolean).map((part) => part.charAt(0).toLowerCase())
    out.unshift({text: bare, start: word.start, end: word.start + bare.length + word.text.indexOf(bare), stop, initials})
  }
  while (out.length > 0 && out[0].stop) out.shift()
  return out
}

/** `(OSCE)`: an acronym in parentheses (sticky: tried where a parenthesis opens). */
const ACRONYM_IN_PARENTHESES = /\((\p{Lu}[\p{L}&]{1,9})\)/uy
/** An upper-case letter at `lastIndex`. */
const UPPER_AT = /\p{Lu}/uy

/** The length (in UTF-16 code units) of the upper-case letters of `word`: `word.replace(/[^\p{Lu}]/gu, '').length`. */
function upperCaseLength(word: string): number {
  let length = 0
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k)
    if (c < 128) {
      if (c >= 65 && c <= 90) length++
      continue
    }
    const pair = c >= 0xd800 && c <= 0xdbff && k + 1 < word.length && (word.charCodeAt(k + 1) & 0xfc00) === 0xdc00
    UPPER_AT.lastIndex = k
    if (UPPER_AT.test(word)) length += pair ? 2 : 1
    if (pair) k++
  }
  return length
}

/** Can the acronym's letters be read, in order, from the initials of the words from `from` on? */
function produces(letters: string, words: ExpansionWord[], from: number): boolean {
  if (words[from].initials[0] !== letters[0]) return false
  let k = 0
  for (let i = from; i < words.length && k < letters.length; i++) {
    for (const initial of words[i].initials) if (k < letters.length && initial === letters[k]) k++
  }
  return k === letters.length
}

export default defineRule({
  id: ID,
  summary: 'An expansion followed by an acronym its words cannot produce (`Organization for Defense and Cooperation in Europe (OSCE)`)',
  docs: `When machine translation mistranslates one word of an organisation's name, the acronym that follows gives it
away: \`Organization for Defense and Cooperation in Europe (OSCE)\` — the S is Security. The rule takes the
capitalised words right before an acronym in parentheses (with \`of\`, \`and\`, \`for\`, \`the\`, \`in\` and similar
between them) and checks that the acronym's letters can be read, in order, from the initials of the words and of
their hyphenated parts (\`Co-operation\` gives C or C and O). It reports a near miss: as many words as letters and one
letter wrong (two in a long acronym), which is what one mistranslated word does. A different word order (\`Social
Democratic Party (SPD)\`, the party's German initials) or a very different name is left alone, and so are person
names before a party abbreviation (\`Esko Aho (KESK)\`). \`rules/data/translation-acronyms.json\` lists known English
expansions (accepted, and proposed as \`expected\`) and acronyms whose letters do not come from their English name
(\`OTAN\`, \`FIFA\`, \`UEFA\`, \`Interpol\`, \`Mercosur\`), never reported. Fix: write the organisation's real name.`,
  severity: 'warn',
  fixable: false,
  options: {},
  examples: {
    valid: [
      {text: 'Monitors from the Organization for Security and Co-operation in Europe (OSCE) arrived.\n'},
      {text: 'The Centers for Disease Control and Prevention (CDC) and the Federal Security Service (FSB) both commented.\n'},
      {text: 'The Social Democratic Party (SPD) and the Fédération Internationale de Football Association (FIFA) met.\n'},
      {text: 'Former prime minister Esko Aho (KESK) spoke, as did the Department of Justice (DOJ).\n'}
    ],
    invalid: [
      {
        text: 'They met on the sidelines of the Organization for Defense and Cooperation in Europe (OSCE).\n',
        messages: ['1:34-1:84: Unexpected expansion `Organization for Defense and Cooperation in Europe` of `OSCE`: its initials do not give the acronym, write `Organization for Security and Co-operation in Europe`']
      },
      {
        text: 'A report by the International Nuclear Energy Agency (IAEA) was published.\n',
        messages: ['1:17-1:52: Unexpected expansion `International Nuclear Energy Agency` of `IAEA`: its initials do not give the acronym, write `International Atomic Energy Agency`']
      },
      {
        text: 'The Northern Shipping Safety Board (NSTB) issued a warning.\n',
        messages: ['1:5-1:35: Unexpected expansion `Northern Shipping Safety Board` of `NSTB`: its initials do not give the acronym, check the name']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const {known, knownNormalised, nonInitial} = data()
    const text = doc.text
    for (let paren = text.indexOf('('); paren >= 0; ) {
      // Tried at each opening parenthesis (what the global search would find, without scanning every offset).
      ACRONYM_IN_PARENTHESES.lastIndex = paren
      const match = ACRONYM_IN_PARENTHESES.exec(text)
      paren = text.indexOf('(', match ? match.index + match[0].length : paren + 1)
      if (!match) continue
      const acronym = match[1]
      const capitals = upperCaseLength(acronym)
      if (capitals < 2 || capitals / acronym.length < 0.6 || nonInitial.has(acronym)) continue
      const words = expansionBefore(doc, match.index)
      const content = words.filter((w) => !w.stop)
      if (content.length < 2) continue
      const expansions = known.get(acronym)
      const whole = normalise(words.map((w) => w.text).join(' '))
      if (knownNormalised.get(acronym)?.some((e) => whole.endsWith(e))) continue
      const letters = acronym.toLowerCase().replace(/[^\p{L}]/gu, '')
      if (words.some((_w, i) => !words[i].stop && produces(letters, words, i))) continue
      // A near miss: one word per letter, one letter wrong (two in a long acronym), not a reordering.
      if (content.length < letters.length) continue
      const aligned = content.slice(-letters.length)
      const initials = aligned.map((w) => w.initials[0]).join('')
      if ([...initials].sort().join('') === [...letters].sort().join('')) continue
      let wrong = 0
      for (let i = 0; i < letters.length; i++) if (initials[i] !== letters[i]) wrong++
      if (wrong === 0 || wrong > (letters.length <= 4 ? 1 : 2)) continue
      const start = aligned[0].start
      const end = words[words.length - 1].end
      const actual = doc.text.slice(start, end)
      const fix = expansions?.[0]
      doc.report(file, ID,
        `Unexpected expansion \`${actual}\` of \`${acronym}\`: its initials do not give the acronym, ${fix ? `write \`${fix}\`` : 'check the name'}`,
        start, end, fix ? {expected: [fix]} : {})
    }
  }
})
