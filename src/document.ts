/**
 * One parse per document, and the shared indexes every rule reads.
 *
 * parse-english is quadratic in the length of what it is given, so the text
 * is parsed in bounded chunks cut at paragraph breaks (or, for a wall of text
 * with no blank line, at sentence ends or white space) and the positions of
 * each chunk's nodes are shifted back into document coordinates. The same
 * plain recursive walk that shifts positions also builds the sentence and
 * word indexes, so rules never walk the tree themselves.
 */
import type {Node as UnistNode, Point, Position} from 'unist'
import type {Paragraph, Root, RootContent, Sentence} from 'nlcst'
import {unified} from 'unified'
import retextEnglish from 'retext-english'
import type {VFile} from 'vfile'
import type {Options as MessageOptions, VFileMessage} from 'vfile-message'

const processor = unified().use(retextEnglish).freeze()

/** Paragraph groups are parsed together up to this many characters. */
export const CHUNK_TARGET = 16 * 1024
/** A paragraph longer than this is cut at a sentence end or white space. */
export const CHUNK_MAX = 32 * 1024

export interface Line {
  /** 1-based line number. */
  number: number
  /** Offset of the first character. */
  start: number
  /** Offset after the last character (before `\r\n` / `\n`). */
  end: number
  text: string
}

export interface Word {
  text: string
  start: number
  end: number
  /** Index into `doc.sentences`. */
  sentence: number
  /** First word of its sentence. */
  first: boolean
  /** First word on its line. */
  lineStart: boolean
}

export interface SentenceInfo {
  start: number
  end: number
  /** Index of its first word in `doc.words`. */
  firstWord: number
  /** Index after its last word in `doc.words`. */
  endWord: number
}

export interface ReportOptions {
  actual?: string
  expected?: string[]
  note?: string
}

/** What the engine knows about the document beyond its text. */
export interface DocContext {
  /** Extra gazetteer files from the config's `entities` (absolute paths). */
  entities: readonly string[]
  /** Name of the source the document matched, if any. */
  source?: string
}

export interface Doc {
  text: string
  /** Config context: user entity files, matched source. Set by the engine before rules run. */
  context: DocContext
  lines: Line[]
  sentences: SentenceInfo[]
  words: Word[]
  /** Point (line, column, offset) of an offset. */
  point: (offset: number) => Point
  /** Index into `lines` of the line holding `offset`. */
  lineIndexAt: (offset: number) => number
  /** Report a finding over `[start, end)` for `ruleId`. */
  report: (file: VFile, ruleId: string, reason: string, start: number, end: number, options?: ReportOptions) => void
  /** Per-document cache for indexes that several rules share (built lazily, once). */
  shared: Map<string, unknown>
}

/**
 * `file.message` without a stack trace: a vfile message is an Error, and
 * capturing its stack costs more than the rule that reports it.
 */
export function quietMessage(file: VFile, reason: string, options: MessageOptions): VFileMessage {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    return file.message(reason, options)
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** Cut the text into chunks of whole paragraphs, each at most about CHUNK_TARGET long. */
export function chunkText(text: string): Array<[number, number]> {
  const chunks: Array<[number, number]> = []
  const breaks = /\n[ \t\r\f\v]*\n\s*/g
  let chunkStart = 0
  let paragraphStart = 0
  while (paragraphStart < text.length) {
    breaks.lastIndex = paragraphStart
    const match = breaks.exec(text)
    const paragraphEnd = match ? match.index + match[0].length : text.length
    if (paragraphEnd - paragraphStart > CHUNK_MAX) {
      if (paragraphStart > chunkStart) chunks.push([chunkStart, paragraphStart])
      splitLong(text, paragraphStart, paragraphEnd, chunks)
      chunkStart = paragraphEnd
    } else if (paragraphEnd - chunkStart > CHUNK_TARGET && paragraphStart > chunkStart) {
      chunks.push([chunkStart, paragraphStart])
      chunkStart = paragraphStart
    }
    paragraphStart = paragraphEnd
  }
  if (chunkStart < text.length) chunks.push([chunkStart, text.length])
  return chunks
}

function splitLong(text: string, start: number, end: number, chunks: Array<[number, number]>): void {
  let from = start
  while (end - from > CHUNK_MAX) {
    const limit = from + CHUNK_TARGET
    let cut = -1
    // Prefer a line break, then a sentence end, then any white space.
    const window = text.slice(from + (CHUNK_TARGET >> 1), limit)
    const base = from + (CHUNK_TARGET >> 1)
    const nl = window.lastIndexOf('\n')
    if (nl >= 0) cut = base + nl + 1
    if (cut < 0) {
      const re = /[.!?]["'”’)]?\s+(?=\S)/g
      let m: RegExpExecArray | null
      let last = -1
      while ((m = re.exec(window))) last = m.index + m[0].length
      if (last >= 0) cut = base + last
    }
    if (cut < 0) {
      const ws = Math.max(window.lastIndexOf(' '), window.lastIndexOf('\t'))
      if (ws >= 0) cut = base + ws + 1
    }
    if (cut < 0) {
      cut = limit
      const code = text.charCodeAt(cut - 1)
      if (code >= 0xd800 && code <= 0xdbff) cut-- // never split a surrogate pair
    }
    chunks.push([from, cut])
    from = cut
  }
  chunks.push([from, end])
}

function lineTable(text: string): Line[] {
  const lines: Line[] = []
  let start = 0
  let number = 1
  for (;;) {
    const nl = text.indexOf('\n', start)
    const hardEnd = nl === -1 ? text.length : nl
    const end = hardEnd > start && text.charCodeAt(hardEnd - 1) === 13 ? hardEnd - 1 : hardEnd
    lines.push({number, start, end, text: text.slice(start, end)})
    if (nl === -1) break
    start = nl + 1
    number++
  }
  return lines
}

interface Walker {
  text: string
  lineOffset: number
  columnOffset: number
  offset: number
  words: Word[]
  sentences: SentenceInfo[]
  lastLineOfWord: number
}

function shift(point: Point, w: Walker): Point {
  return {
    line: point.line + w.lineOffset,
    column: point.line === 1 ? point.column + w.columnOffset : point.column,
    offset: point.offset === undefined ? undefined : point.offset + w.offset
  }
}

/**
 * Move a node of a later chunk into document coordinates. parse-latin shares
 * point objects between a node and its children, so new points are made
 * rather than the shared ones mutated (each node has a position object of its
 * own, which takes them). The first chunk needs no shift.
 */
function shiftNode(node: UnistNode, w: Walker): void {
  const position = node.position as Position | undefined
  if (position && w.offset !== 0) {
    position.start = shift(position.start, w)
    position.end = shift(position.end, w)
  }
}

function walkSentence(sentence: Sentence, w: Walker): void {
  // The first chunk (every chunk of most documents) is already in document coordinates: nothing to shift.
  const shifting = w.offset !== 0
  if (shifting) shiftNode(sentence, w)
  const index = w.sentences.length
  const words = w.words
  const info: SentenceInfo = {
    start: sentence.position?.start.offset ?? 0,
    end: sentence.position?.end.offset ?? 0,
    firstWord: words.length,
    endWord: words.length
  }
  w.sentences.push(info)
  const children = sentence.children
  for (let k = 0; k < children.length; k++) {
    const child = children[k]
    if (shifting) {
      shiftNode(child, w)
      if ('children' in child) {
        const grandchildren = child.children
        for (let g = 0; g < grandchildren.length; g++) shiftNode(grandchildren[g], w)
      }
    }
    if (child.type !== 'WordNode') continue
    const position = child.position
    if (!position) continue
    const start = position.start.offset ?? 0
    const end = position.end.offset ?? 0
    const line = position.start.line
    // A word of one text node (most words) already holds its text: no second copy.
    const parts = child.children
    const only = parts.length === 1 ? parts[0] : undefined
    words.push({
      text: only && only.type === 'TextNode' ? only.value : w.text.slice(start, end),
      start,
      end,
      sentence: index,
      first: words.length === info.firstWord,
      lineStart: line !== w.lastLineOfWord
    })
    w.lastLineOfWord = line
  }
  info.endWord = words.length
}

function walkParagraph(paragraph: Paragraph, w: Walker): void {
  const shifting = w.offset !== 0
  if (shifting) shiftNode(paragraph, w)
  const children = paragraph.children
  for (let k = 0; k < children.length; k++) {
    const child = children[k]
    if (child.type === 'SentenceNode') walkSentence(child, w)
    else if (shifting) shiftNode(child, w)
  }
}

/**
 * Parse `text` once (chunked) and build the shared indexes. With `keepTree`
 * false the returned root has no children: the nodes are dropped after the walk.
 */
export function parseDocument(text: string, keepTree = true): {tree: Root; doc: Doc} {
  const lines = lineTable(text)
  const words: Word[] = []
  const sentences: SentenceInfo[] = []
  const children: RootContent[] = []
  const walker: Walker = {
    text,
    lineOffset: 0,
    columnOffset: 0,
    offset: 0,
    words,
    sentences,
    lastLineOfWord: 0
  }
  let lineIndex = 0
  for (const [start, end] of chunkText(text)) {
    while (lineIndex + 1 < lines.length && lines[lineIndex + 1].start <= start) lineIndex++
    walker.lineOffset = lines[lineIndex].number - 1
    walker.columnOffset = start - lines[lineIndex].start
    walker.offset = start
    const root = processor.parse(text.slice(start, end)) as Root
    for (const child of root.children) {
      if (child.type === 'ParagraphNode') walkParagraph(child, walker)
      else if (walker.offset !== 0) shiftNode(child, walker)
      if (keepTree) children.push(child)
    }
  }
  const tree: Root = {
    type: 'RootNode',
    children,
    position: {
      start: {line: 1, column: 1, offset: 0},
      end: {
        line: lines.length,
        column: text.length - lines[lines.length - 1].start + 1,
        offset: text.length
      }
    }
  }

  const lineIndexAt = (offset: number): number => {
    let lo = 0
    let hi = lines.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if (lines[mid].start <= offset) lo = mid
      else hi = mid - 1
    }
    return lo
  }

  const point = (offset: number): Point => {
    const line = lines[lineIndexAt(offset)]
    return {line: line.number, column: offset - line.start + 1, offset}
  }

  const doc: Doc = {
    text,
    context: {entities: []},
    lines,
    sentences,
    words,
    point,
    lineIndexAt,
    shared: new Map(),
    report(file, ruleId, reason, start, end, options = {}) {
      const message = quietMessage(file, reason, {
        place: {start: point(start), end: point(end)},
        ruleId,
        source: 'newslint'
      })
      message.actual = options.actual ?? text.slice(start, end)
      if (options.expected) message.expected = options.expected
      if (options.note) message.note = options.note
    }
  }
  return {tree, doc}
}
