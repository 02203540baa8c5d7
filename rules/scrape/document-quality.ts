import {defineRule} from '../../src/rule.js'
import type {Doc} from '../../src/document.js'
import {cached} from './shared.js'

/** The document-level signals of the C4, Gopher and FineWeb filters (datatrove), for one document. */
export interface QualitySignals {
  /** White-space separated words. */
  words: number
  /** Sentences of the parse. */
  sentences: number
  /** Non-blank lines. */
  lines: number
  /** Mean length of a word without surrounding punctuation (Gopher: 3–10). */
  meanWordLength: number
  /** Share of words with at least one letter (Gopher: ≥ 0.8). */
  alphaWordRatio: number
  /** Occurrences of the, be, to, of, and, that, have, with (Gopher: ≥ 2). */
  stopWords: number
  /** `#` and ellipses per word (Gopher: ≤ 0.1). */
  symbolRatio: number
  /** Share of lines starting with a bullet (Gopher: ≤ 0.9). */
  bulletLineRatio: number
  /** Share of lines ending in an ellipsis (Gopher: ≤ 0.3). */
  ellipsisLineRatio: number
  /** Share of lines that repeat an earlier line (Gopher: ≤ 0.3). */
  duplicateLineRatio: number
  /** Characters in repeated lines over all characters (Gopher: ≤ 0.2). */
  duplicateLineCharRatio: number
  /** Share of paragraphs (blank-line separated) that repeat an earlier one (Gopher: ≤ 0.3). */
  duplicateParagraphRatio: number
  /** Characters in repeated paragraphs over all characters (Gopher: ≤ 0.2). */
  duplicateParagraphCharRatio: number
  /** Characters covered by the most frequent 2-, 3- and 4-gram over all characters (Gopher: ≤ 0.20, 0.18, 0.16). */
  topNgramCharRatio: [number, number, number]
  /** Share of lines ending in terminal punctuation (FineWeb: ≥ 0.12). */
  terminalLineRatio: number
  /** Share of lines of at most 30 characters (FineWeb: ≤ 0.67). */
  shortLineRatio: number
  /** C4 drops a page containing "lorem ipsum" or a curly bracket. */
  loremIpsum: boolean
  curlyBracket: boolean
}

export interface QualityFilter {
  /** `gopher`, `c4` or `fineweb`, and what trips. */
  id: string
  /** Human text: `31 words (Gopher min 50)`. */
  text: string
  /** Per-signal score in [0, 1]: 1 passes comfortably, 0 at or beyond the published threshold. */
  score: number
  /** Beyond the published threshold. */
  trips: boolean
}

export interface QualityReport {
  signals: QualitySignals
  /** Product of the per-signal scores, in [0, 1]. */
  score: number
  /** Every signal below 1, weakest first. */
  weak: QualityFilter[]
  /** The published C4/Gopher/FineWeb filters this document fails. */
  tripped: QualityFilter[]
}

const STOP_WORDS = ['the', 'be', 'to', 'of', 'and', 'that', 'have', 'with']
const BULLET = /^[•\-*·‣▪●–◦]\s/u
const TERMINAL = /[.!?"'”’)]$/u
const LETTER = /\p{L}/u
const ALNUM = /[\p{L}\p{N}]/u

/** Linear ramp: 1 at `good`, 0 at `bad` (either direction). */
function ramp(value: number, good: number, bad: number): number {
  if (good === bad) return value === good ? 1 : 0
  const t = (value - bad) / (good - bad)
  return Math.max(0, Math.min(1, t))
}

function duplicates(items: string[]): {count: number; chars: number} {
  const seen = new Set<string>()
  let count = 0
  let chars = 0
  for (const item of items) {
    if (seen.has(item)) {
      count++
      chars += item.length
    } else seen.add(item)
  }
  return {count, chars}
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x85 || c === 0x1680 ||
    (c >= 0x2000 && (c <= 0x200a || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000))
}

/** Punctuation blocks news text is full of (curly quotes, dashes, `…`, `«»`): never letters, no regex needed. */
function isCommonPunctuation(c: number): boolean {
  return (c >= 0x2000 && c <= 0x206f) || (c >= 0xa0 && c <= 0xbf && c !== 0xaa && c !== 0xb5 && c !== 0xba)
}

function isAlnum(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
  if (isCommonPunctuation(c)) return false
  return (c >= 0xd800 && c <= 0xdfff) || ALNUM.test(text[i])
}

/** FNV-1a over the lower-cased (ASCII) characters of text[a, b). */
function hashWord(text: string, a: number, b: number): number {
  let h = 0x811c9dc5 | 0
  for (let i = a; i < b; i++) {
    let c = text.charCodeAt(i)
    if (c >= 65 && c <= 90) c += 32
    h = Math.imul(h ^ c, 16777619)
  }
  return h
}

const STOP_HASHES = new Map(STOP_WORDS.map((w) => [hashWord(w, 0, w.length), w.length]))

/** Count keys in an open-addressing table; returns the key and count of the most frequent key. */
function mostFrequent(keys: Int32Array, count: number): {at: number; count: number} {
  let size = 16
  while (size < count * 2) size <<= 1
  const table = new Int32Array(size)
  const counts = new Int32Array(size)
  const used = new Uint8Array(size)
  const first = new Int32Array(size)
  let best = 1
  let bestAt = -1
  for (let i = 0; i < count; i++) {
    const key = keys[i]
    let slot = Math.imul(key, 0x9e3779b1) & (size - 1)
    while (used[slot] && table[slot] !== key) slot = (slot + 1) & (size - 1)
    if (!used[slot]) {
      used[slot] = 1
      table[slot] = key
      first[slot] = i
    }
    const c = ++counts[slot]
    if (c > best) {
      best = c
      bestAt = first[slot]
    }
  }
  return {at: bestAt, count: best}
}

/** Most frequent n-gram's characters × count over `total` characters, for n = 2, 3, 4 (hashed words and n-grams). */
function topNgrams(hashes: Int32Array, lengths: Int32Array, words: number, total: number): [number, number, number] {
  const out: [number, number, number] = [0, 0, 0]
  const keys = new Int32Array(Math.max(0, words))
  for (let n = 2; n <= 4; n++) {
    const grams = words - n + 1
    if (grams <= 1) break
    for (let i = 0; i < grams; i++) {
      let h = n
      for (let k = 0; k < n; k++) h = (Math.imul(h ^ hashes[i + k], 0x9e3779b1) + 0x7f4a7c15) | 0
      keys[i] = h
    }
    const top = mostFrequent(keys, grams)
    if (top.at >= 0 && total > 0) {
      let length = n - 1
      for (let k = 0; k < n; k++) length += lengths[top.at + k]
      out[n - 2] = Math.min(1, (length * top.count) / total)
    }
  }
  return out
}

/** Compute the C4/Gopher/FineWeb signals of a document (cached per document; the JSONL mode reuses it). */
export function qualitySignals(doc: Pick<Doc, 'text' | 'lines' | 'sentences'> & Partial<Pick<Doc, 'shared'>>): QualitySignals {
  const compute = () => computeSignals(doc)
  return doc.shared ? cached(doc as Doc, 'scrape/quality-signals', compute) : compute()
}

function computeSignals(doc: Pick<Doc, 'text' | 'lines' | 'sentences'>): QualitySignals {
  const text = doc.text
  const n = text.length
  // One pass over white-space separated tokens; words are tokens without surrounding punctuation.
  const estimate = Math.max(16, Math.ceil(n / 4))
  let hashes = new Int32Array(estimate)
  let lengths = new Int32Array(estimate)
  let tokens = 0
  let words = 0
  let alpha = 0
  let stop = 0
  let symbols = 0
  let letters = 0
  for (let i = 0; i < n; ) {
    if (isSpace(text.charCodeAt(i))) {
      i++
      continue
    }
    const start = i
    let letter = false
    let hash = false
    let dots = 0
    let ellipsis = false
    for (; i < n; i++) {
      const c = text.charCodeAt(i)
      if (isSpace(c)) break
      if (!letter && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 128 && !isCommonPunctuation(c) && LETTER.test(text[i])))) letter = true
      if (c === 35) hash = true
      if (c === 46) {
        if (++dots >= 3) ellipsis = true
      } else dots = 0
      if (c === 0x2026) ellipsis = true
    }
    tokens++
    if (letter) alpha++
    if (hash) symbols++
    if (ellipsis) symbols++
    let a = start
    let b = i
    while (a < b && !isAlnum(text, a)) a++
    while (b > a && !isAlnum(text, b - 1)) b--
    if (b > a) {
      const h = hashWord(text, a, b)
      if (STOP_HASHES.get(h) === b - a) stop++
      if (words === hashes.length) {
        const grow = (array: Int32Array) => {
          const bigger = new Int32Array(array.length * 2)
          bigger.set(array)
          return bigger
        }
        hashes = grow(hashes)
        lengths = grow(lengths)
      }
      hashes[words] = h
      lengths[words] = b - a
      words++
      letters += b - a
    }
  }
  const lines: string[] = []
  let bullets = 0
  let ellipsisLines = 0
  let terminal = 0
  let short = 0
  for (const line of doc.lines) {
    const t = line.text.trim()
    if (!t) continue
    lines.push(t)
    if (BULLET.test(t)) bullets++
    const trailingEllipsis = t.endsWith('...') || t.endsWith('…')
    if (trailingEllipsis) ellipsisLines++
    else if (TERMINAL.test(t)) terminal++
    if (t.length <= 30) short++
  }
  const paragraphs = text.split(/\n[ \t\r]*\n/).map((p) => p.trim()).filter(Boolean)
  const nt = Math.max(1, tokens)
  const nl = Math.max(1, lines.length)
  const np = Math.max(1, paragraphs.length)
  const total = Math.max(1, n)
  const dupLines = duplicates(lines)
  const dupParagraphs = duplicates(paragraphs)
  return {
    words: tokens,
    sentences: doc.sentences.length,
    lines: lines.length,
    meanWordLength: words ? letters / words : 0,
    alphaWordRatio: alpha / nt,
    stopWords: stop,
    symbolRatio: symbols / nt,
    bulletLineRatio: bullets / nl,
    ellipsisLineRatio: ellipsisLines / nl,
    duplicateLineRatio: dupLines.count / nl,
    duplicateLineCharRatio: dupLines.chars / total,
    duplicateParagraphRatio: dupParagraphs.count / np,
    duplicateParagraphCharRatio: dupParagraphs.chars / total,
    topNgramCharRatio: words >= 4 ? topNgrams(hashes, lengths, words, total) : [0, 0, 0],
    terminalLineRatio: terminal / nl,
    shortLineRatio: short / nl,
    loremIpsum: /lorem ipsum/i.test(text),
    curlyBracket: text.includes('{')
  }
}

const pct = (x: number) => `${Math.round(x * 100)}%`

/** Score a document: per-signal scores (1 = comfortably within the published threshold, 0 = beyond it), their product, and the filters it fails. */
export function qualityScore(signals: QualitySignals): QualityReport {
  const s = signals
  const t = s.topNgramCharRatio
  const all: QualityFilter[] = [
    {id: 'gopher-min-words', text: `${s.words} words (Gopher min 50)`, score: ramp(s.words, 50, 0), trips: s.words < 50},
    {id: 'gopher-mean-word-length', text: `mean word length ${s.meanWordLength.toFixed(1)} (Gopher 3–10)`,
      score: s.meanWordLength >= 3 && s.meanWordLength <= 10 ? 1 : 0, trips: s.meanWordLength < 3 || s.meanWordLength > 10},
    {id: 'gopher-alpha-words', text: `${pct(s.alphaWordRatio)} words with a letter (Gopher min 80%)`, score: ramp(s.alphaWordRatio, 0.9, 0.8), trips: s.alphaWordRatio < 0.8},
    {id: 'gopher-stop-words', text: `${s.stopWords} English stop words (Gopher min 2)`,
      score: s.stopWords >= 2 ? ramp(s.stopWords / Math.max(1, s.words), 0.06, 0) : 0, trips: s.stopWords < 2},
    {id: 'gopher-symbols', text: `${s.symbolRatio.toFixed(2)} hashes and ellipses per word (Gopher max 0.1)`, score: ramp(s.symbolRatio, 0.05, 0.1), trips: s.symbolRatio > 0.1},
    {id: 'gopher-bullet-lines', text: `${pct(s.bulletLineRatio)} bullet lines (Gopher max 90%)`, score: ramp(s.bulletLineRatio, 0.5, 0.9), trips: s.bulletLineRatio > 0.9},
    {id: 'gopher-ellipsis-lines', text: `${pct(s.ellipsisLineRatio)} lines ending in an ellipsis (Gopher max 30%)`, score: ramp(s.ellipsisLineRatio, 0.15, 0.3), trips: s.ellipsisLineRatio > 0.3},
    {id: 'gopher-duplicate-lines', text: `${pct(s.duplicateLineRatio)} repeated lines (Gopher max 30%)`, score: ramp(s.duplicateLineRatio, 0.1, 0.3), trips: s.duplicateLineRatio > 0.3},
    {id: 'gopher-duplicate-line-chars', text: `${pct(s.duplicateLineCharRatio)} of characters in repeated lines (Gopher max 20%)`,
      score: ramp(s.duplicateLineCharRatio, 0.05, 0.2), trips: s.duplicateLineCharRatio > 0.2},
    {id: 'gopher-duplicate-paragraphs', text: `${pct(s.duplicateParagraphRatio)} repeated paragraphs (Gopher max 30%)`,
      score: ramp(s.duplicateParagraphRatio, 0.1, 0.3), trips: s.duplicateParagraphRatio > 0.3},
    {id: 'gopher-duplicate-paragraph-chars', text: `${pct(s.duplicateParagraphCharRatio)} of characters in repeated paragraphs (Gopher max 20%)`,
      score: ramp(s.duplicateParagraphCharRatio, 0.05, 0.2), trips: s.duplicateParagraphCharRatio > 0.2},
    {id: 'gopher-top-2gram', text: `top 2-gram covers ${pct(t[0])} of characters (Gopher max 20%)`, score: ramp(t[0], 0.1, 0.2), trips: t[0] > 0.2},
    {id: 'gopher-top-3gram', text: `top 3-gram covers ${pct(t[1])} of characters (Gopher max 18%)`, score: ramp(t[1], 0.09, 0.18), trips: t[1] > 0.18},
    {id: 'gopher-top-4gram', text: `top 4-gram covers ${pct(t[2])} of characters (Gopher max 16%)`, score: ramp(t[2], 0.08, 0.16), trips: t[2] > 0.16},
    // C4 drops pages under 5 sentences; a news brief can be shorter, so this lowers the score but never trips.
    {id: 'c4-sentences', text: `${s.sentences} sentences (C4 min 5)`, score: ramp(s.sentences, 4, 1), trips: false},
    {id: 'c4-lorem-ipsum', text: '"lorem ipsum" (C4)', score: s.loremIpsum ? 0 : 1, trips: s.loremIpsum},
    {id: 'c4-curly-bracket', text: 'a curly bracket (C4)', score: s.curlyBracket ? 0.9 : 1, trips: false},
    {id: 'fineweb-terminal-lines', text: `${pct(s.terminalLineRatio)} lines end in terminal punctuation (FineWeb min 12%)`,
      score: ramp(s.terminalLineRatio, 0.4, 0.12), trips: s.terminalLineRatio < 0.12},
    {id: 'fineweb-short-lines', text: `${pct(s.shortLineRatio)} lines of at most 30 characters (FineWeb max 67%)`,
      score: ramp(s.shortLineRatio, 0.4, 0.67), trips: s.shortLineRatio > 0.67}
  ]
  let score = 1
  for (const f of all) score *= f.score
  const weak = all.filter((f) => f.score < 1).sort((a, b) => a.score - b.score)
  // The C4 curly-bracket rule is too blunt for news text: it lowers the score but never trips.
  const tripped = weak.filter((f) => f.trips)
  return {signals, score: Math.max(0, Math.min(1, score)), weak, tripped}
}

interface Options extends Record<string, unknown> {
  threshold: number
  filters: boolean
  minWords: number
}

export default defineRule<Options>({
  id: 'scrape/document-quality',
  summary: 'One info message per low-quality document, from the C4, Gopher and FineWeb document signals, with a score in [0, 1]',
  docs: `Web-corpus pipelines keep or drop whole documents by a few signals (datatrove's C4, Gopher quality, Gopher
repetition and FineWeb filters): word count, mean word length, share of words with a letter, English stop words,
hashes and ellipses per word, bullet and ellipsis lines, repeated lines and paragraphs and the characters they
cover, the top 2/3/4-gram's share of the text, sentence count, "lorem ipsum", the share of lines that end in
terminal punctuation and the share of short lines. The rule scores each signal from 1 (comfortably within the
published threshold) down to 0 (beyond it), multiplies the scores into a document score in [0, 1], and reports ONE
info message on the document's first line when the score is below \`threshold\` or (with \`filters\`) when a
published filter trips. The message names the weakest signals. A clean article stays quiet: a message on every
document would be noise. Documents under \`minWords\` words (Gopher's minimum, 50) are too short for these
statistics and are not reported (their score, used by the JSONL mode, still counts their length); C4's
five-sentence minimum lowers the score but does not trip on its own, since news briefs can be that short.

The scoring is exported (\`qualitySignals(doc)\`, \`qualityScore(signals)\`) so other modes (JSONL) can keep or
drop records by it. Non-English text fails the stop-word signal by design: the filters are English ones.`,
  severity: 'info',
  fixable: false,
  options: {
    threshold: {type: 'number', default: 0.5, min: 0, max: 1, description: 'Report when the score is below this'},
    filters: {type: 'boolean', default: true, description: 'Also report when a published C4/Gopher/FineWeb filter trips'},
    minWords: {type: 'number', default: 50, min: 0, max: 100000, description: 'Documents with fewer words are too short to judge and never reported (the score still counts their length)'}
  },
  examples: {
    valid: [
      {text: 'The city council approved the new budget on Monday after a long debate.\n\nThe mayor said the plan would cut waiting times at clinics and fund two new schools. Critics said it relied on optimistic tax forecasts.\n\nThe opposition will challenge the vote in court, its leader told reporters. A ruling is expected before the end of the year, and the council has promised to publish its figures in full.\n'},
      {text: 'Short note.\n'},
      {text: 'Short note.\n', options: {minWords: 0, filters: false, threshold: 0}}
    ],
    invalid: [
      {
        text: 'Buy now\nBuy now\nBuy now\nBuy now\nBest price\n',
        options: {minWords: 0},
        messages: ['1:1-1:8: Low document quality (score 0.00): 0 English stop words (Gopher min 2), 60% repeated lines (Gopher max 30%)… — fails 9 filters; review it or drop it from the corpus']
      },
      {
        text: 'Subscribe to our newsletter for the latest deals on phones and laptops every week.\n\nSubscribe to our newsletter for the latest deals on phones and laptops every week.\n\nSubscribe to our newsletter for the latest deals on phones and laptops every week.\n\nThe new tablet costs less than the old model and ships with a faster chip, a brighter screen and a bigger battery.\n',
        messages: ['1:1-1:83: Low document quality (score 0.00): 50% repeated lines (Gopher max 30%), 45% of characters in repeated lines (Gopher max 20%)… — fails 5 filters; review it or drop it from the corpus']
      },
      {
        text: 'Eleições municipais\n\nOs eleitores vão às urnas no domingo para escolher prefeitos e vereadores em todo o país. A campanha foi marcada por debates sobre saúde, transporte e segurança pública nas grandes cidades. Os resultados devem sair na noite de domingo, segundo o tribunal eleitoral, que espera uma participação alta. Os candidatos encerraram as campanhas com comícios no sábado.\n',
        messages: ['1:1-1:20: Low document quality (score 0.00): 0 English stop words (Gopher min 2) — fails 1 filter; review it or drop it from the corpus']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const signals = qualitySignals(doc)
    if (signals.words < options.minWords) return
    const report = qualityScore(signals)
    const trips = options.filters ? report.tripped : []
    if (report.score >= options.threshold && trips.length === 0) return
    const first = doc.lines.find((l) => l.text.trim() !== '')
    if (!first) return
    const lead = first.text.length - first.text.trimStart().length
    const shown = (trips.length ? trips : report.weak).slice(0, 2).map((f) => f.text)
    const more = (trips.length ? trips.length : report.weak.length) > 2 ? '…' : ''
    const fails = trips.length ? ` — fails ${trips.length} filter${trips.length === 1 ? '' : 's'}` : ''
    doc.report(file, 'scrape/document-quality',
      `Low document quality (score ${report.score.toFixed(2)}): ${shown.join(', ')}${more}${fails}; review it or drop it from the corpus`,
      first.start + lead, first.start + first.text.trimEnd().length)
  }
})
