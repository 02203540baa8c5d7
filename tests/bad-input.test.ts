/** Bad input never crashes and never loses positions (DESIGN.md "Bad input"). */
import {mkdtempSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import type {Root, RootContent} from 'nlcst'
import retextEnglish from 'retext-english'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {chunkText, parseDocument} from '../src/document.js'
import {lintString} from '../src/api.js'
import {cli} from './helpers.js'

interface JsonMessage {
  line: number
  column: number
  reason: string
  ruleId: string
  fatal: boolean | null
  place: {start: {offset: number}; end: {offset: number}}
}

function lintFile(name: string, bytes: Buffer | string, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), 'newslint-bad-'))
  writeFileSync(join(dir, 'package.json'), '{}')
  writeFileSync(join(dir, name), bytes)
  const result = cli([name, '--format', 'json', ...args], {cwd: dir})
  const report = result.stdout ? (JSON.parse(result.stdout) as Array<{messages: JsonMessage[]}>) : []
  return {...result, messages: report[0]?.messages ?? []}
}

const brief = (m: JsonMessage) => `${m.line}:${m.column} ${m.ruleId} ${m.fatal}`

describe('bad input', () => {
  it('an empty file has no messages', () => {
    const result = lintFile('empty.txt', '')
    expect(result.code).toBe(0)
    expect(result.messages).toEqual([])
  })

  it('invalid UTF-8 is decoded with replacement characters and one newslint/encoding warning', () => {
    const result = lintFile('latin1.txt', Buffer.from([...Buffer.from('Caf'), 0xe9, ...Buffer.from(' news.\n[ad_1]\n')]))
    expect(result.code).toBe(1)
    expect(result.messages.map(brief)).toEqual(['1:4 newslint/encoding false', '2:1 scrape/ad-placeholder true'])
    expect(result.messages[0].reason).toBe(
      'Invalid UTF-8: undecodable bytes were read as U+FFFD replacement characters; re-encode the file as UTF-8'
    )
  })

  it('a binary file (NUL bytes) is skipped with one warning', () => {
    const result = lintFile('data.txt', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x5b, 0x61, 0x64, 0x5d]))
    expect(result.code).toBe(0)
    expect(result.messages).toHaveLength(1)
    expect(result.messages[0].ruleId).toBe('newslint/binary')
    expect(result.messages[0].reason).toBe('Binary file (NUL byte at byte 4), skipped; newslint reads UTF-8 text')
  })

  it('CRLF line ends and a BOM keep positions right', () => {
    const text = '\uFEFFFirst line.\r\n[ad_1]\r\nThird [ad_2] line.\r\n'
    const result = lintFile('crlf.txt', text)
    expect(result.messages.map((m) => `${m.line}:${m.column}`)).toEqual(['2:1', '3:7'])
    // Offsets count from after the BOM.
    expect(result.messages[0].place.start.offset).toBe('First line.\r\n'.length)
  })

  it('a 5 MB file with no blank line is linted in seconds, with right positions', () => {
    const sentence = 'The council met on Monday and agreed to meet again next week in the capital. '
    let text = ''
    while (text.length < 5_000_000) text += sentence
    const at = text.length
    text += '[ad_9] The end.'
    const started = Date.now()
    const result = lintFile('wall.txt', text)
    const seconds = (Date.now() - started) / 1000
    expect(result.code).toBe(1)
    const ad = result.messages.find((m) => m.ruleId === 'scrape/ad-placeholder')
    expect(ad?.place.start.offset).toBe(at)
    expect(ad?.column).toBe(at + 1)
    expect(seconds).toBeLessThan(60)
  }, 120_000)
})

describe('chunked parsing', () => {
  it('cuts at paragraph breaks and covers the text exactly', () => {
    const paragraph = 'A sentence of some length that repeats itself. '.repeat(100) + '\n\n'
    const text = paragraph.repeat(20)
    const chunks = chunkText(text)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks[0][0]).toBe(0)
    expect(chunks[chunks.length - 1][1]).toBe(text.length)
    for (let i = 1; i < chunks.length; i++) {
      expect(chunks[i][0]).toBe(chunks[i - 1][1])
      expect(text.slice(chunks[i][0] - 2, chunks[i][0])).toBe('\n\n')
    }
  })

  it('gives the same words and positions as one whole parse', () => {
    const para = (i: number) => `Paragraph ${i} says the minister met Mr. Smith in Geneva.\nIt rained.`
    const text = Array.from({length: 900}, (_, i) => para(i)).join('\n\n')
    const {doc, tree} = parseDocument(text)
    // The reference: one parse of the whole text, without chunking.
    const whole = unified().use(retextEnglish).parse(text) as Root
    const expected: Array<[number, number]> = []
    const collect = (node: Root | RootContent): void => {
      if (node.type === 'WordNode') expected.push([node.position?.start.offset ?? -1, node.position?.end.offset ?? -1])
      else if ('children' in node) node.children.forEach(collect)
    }
    collect(whole)
    expect(chunkText(text).length).toBeGreaterThan(2)
    expect(doc.words.map((w) => [w.start, w.end])).toEqual(expected)
    expect(doc.words.length).toBe(900 * 12)
    for (const word of doc.words) expect(text.slice(word.start, word.end)).toBe(word.text)
    const last = doc.words[doc.words.length - 1]
    expect(doc.point(last.start)).toEqual({line: 900 * 3 - 1, column: 4, offset: last.start})
    // Node positions were shifted too: every paragraph and sentence is where the whole parse has it.
    const spans = (root: Root, type: string): string[] => {
      const out: string[] = []
      const visit = (node: Root | RootContent): void => {
        if (node.type === type) {
          const {start, end} = node.position!
          out.push(`${start.line}:${start.column}:${start.offset}-${end.line}:${end.column}:${end.offset}`)
        }
        if ('children' in node) node.children.forEach(visit)
      }
      visit(root)
      return out
    }
    expect(spans(tree, 'ParagraphNode')).toEqual(spans(whole, 'ParagraphNode'))
    expect(spans(tree, 'SentenceNode')).toEqual(spans(whole, 'SentenceNode'))
    expect(spans(tree, 'TextNode')).toEqual(spans(whole, 'TextNode'))
  })

  it('cuts a wall of text with no line break at sentence ends', () => {
    const text = 'Word after word in a long sentence. '.repeat(5000)
    const chunks = chunkText(text)
    expect(chunks.length).toBeGreaterThan(4)
    for (const [, end] of chunks.slice(0, -1)) expect(text.slice(end - 2, end)).toBe('. ')
  })

  it('never throws on odd input', () => {
    for (const text of ['\n', '\n\n\n', ' ', '\u0000', '\uFFFD\uFFFD', 'a'.repeat(100_000), '😀'.repeat(40_000), '.'.repeat(1000)]) {
      expect(() => lintString(text)).not.toThrow()
    }
  })
})
