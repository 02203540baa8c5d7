import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import type {LineMarker, LineMatcher} from '../../src/line-matcher.js'
import type {Doc} from '../../src/document.js'
import {commentRanges} from './comment-thread.js'
import {compileMarkers, hasWords, inRanges, trimmedSpan, type LineRange} from './shared.js'

let matcher: LineMatcher | undefined

function markers(): LineMatcher {
  matcher ??= compileMarkers(loadData<{markers: LineMarker[]}>('footer-phrases.json').markers)
  return matcher
}

const LABELS: Record<string, string> = {
  byline: 'byline',
  related: 'related links',
  comments: 'comment form',
  newsletter: 'newsletter sign-up',
  share: 'share buttons',
  follow: 'follow links',
  cookie: 'cookie notice',
  legal: 'legal links',
  tags: 'tags',
  promo: 'promotion',
  widget: 'page widget text',
  syndication: 'syndication note',
  disclaimer: 'disclaimer'
}

interface Options extends Record<string, unknown> {
  maxGap: number
  maxGapLineLength: number
}

export default defineRule<Options>({
  id: 'scrape/footer-boilerplate',
  summary: 'Byline and footer blocks kept by the scraper (`Written By`, `More from …`, `Leave a comment`, cookie and share lines)',
  docs: `A page's footer and byline box often survive extraction: \`Written By\`, \`More from <author>\`, teaser
headlines, \`Read More\`, \`Leave a comment\`, the comment form's \`Your email address will not be published\`,
newsletter, share, follow, cookie and legal lines. The rule finds marker lines from
\`rules/data/footer-phrases.json\` and reports each block of them as ONE finding spanning the block: two or more
markers with at most \`maxGap\` short lines between them (the teaser headlines of a "More from" box), or one
*strong* marker (a comment-form, cookie, copyright or disclaimer notice, a \`Click here …\` link label, a
\`This slideshow requires JavaScript\` widget line, a \`The post … appeared first on …\` syndication note) alone.
A lone \`Read more\` is left to \`scrape/related-teaser\`, and lines of a reader comment thread (with its sign-in
gate) to \`scrape/comment-thread\`.
Lines longer than \`maxGapLineLength\`, and sentences (four words or more with a final full stop, question or
exclamation mark), are prose and end a block. Fix: remove the block (\`--fix\` does).`,
  severity: 'error',
  fixable: true,
  options: {
    maxGap: {type: 'number', default: 3, min: 0, max: 20, description: 'Short non-marker lines allowed between two markers of one block'},
    maxGapLineLength: {type: 'number', default: 120, min: 10, max: 1000, description: 'A line longer than this ends a block'}
  },
  examples: {
    valid: [
      {text: 'Share prices fell sharply.\nRead more about markets in our weekly column, published on Sundays.\n'},
      {text: 'Comments\n\nThe minister made no comments on the report when she met reporters in Brussels on Monday afternoon, and her office declined to say when a decision would follow.\n\nRead more\n'},
      {text: 'By Friday the talks had stalled.\nWritten by hand, the letter reached the court.\n'},
      {text: 'Related stories\nBank raises rates again\nThe decision was expected by most analysts.\nRecommended\n'},
      {text: 'The views expressed by the minister were welcomed.\nClicking here and there, he found the file.\n'}
    ],
    invalid: [
      {
        text: 'The summit ends today.\n\nWritten By\nMore from Jane Roe\nFloods hit the coast again\nRead More\nLeave a comment\n',
        messages: ['3:1-7:16: Unexpected footer boilerplate (5 lines: byline, related links, comment form), remove the block'],
        fixed: 'The summit ends today.\n\n'
      },
      {
        text: 'Rates were left unchanged.\n\nShare this:\nFacebook\nTwitter\n',
        messages: ['3:1-5:8: Unexpected footer boilerplate (3 lines: share buttons), remove the block']
      },
      {
        text: 'The vote is on Tuesday.\n\nYour email address will not be published. Required fields are marked *\n',
        messages: ['3:1-3:71: Unexpected footer boilerplate (1 line: comment form), remove the block']
      },
      {
        text: 'The probe landed safely.\n\n(Reporting by Ann Lee; Editing by Tom Berg)\n\n© Example Wire\n',
        messages: ['3:1-5:15: Unexpected footer boilerplate (3 lines: byline, legal links), remove the block'],
        fixed: 'The probe landed safely.\n\n'
      },
      {
        text: 'The show returns in May.\n\nCLICK HERE TO GET THE EXAMPLE NEWS APP\n\nThe views and opinions expressed in this article are those of the author.\n',
        messages: ['3:1-5:74: Unexpected footer boilerplate (3 lines: promotion, disclaimer), remove the block']
      },
      {
        text: 'Police closed the road.\n\nBy Maria Lopez, Reuters\nFollow us on Twitter\n© 2021 Example Media. All rights reserved.\n',
        messages: ['3:1-5:43: Unexpected footer boilerplate (3 lines: byline, follow links, legal links), remove the block']
      }
    ]
  },
  check(_tree, file, options, doc) {
    for (const block of footerBlocks(doc, options)) {
      const [start] = trimmedSpan(doc, block.first)
      const [, end] = trimmedSpan(doc, block.last)
      const n = block.last - block.first + 1
      doc.report(file, 'scrape/footer-boilerplate',
        `Unexpected footer boilerplate (${n} line${n === 1 ? '' : 's'}: ${block.categories.map((c) => LABELS[c] ?? c).join(', ')}), remove the block`,
        start, end, {expected: ['']})
    }
  }
})

export interface FooterBlock {
  /** Line indexes (into doc.lines) of the first and last marker line of the block. */
  first: number
  last: number
  categories: string[]
}

const DEFAULTS: Options = {maxGap: 3, maxGapLineLength: 120}

/**
 * The footer blocks of a document, shared with other scrape rules (a lone
 * `Read more` inside a footer is the footer's, not a teaser). The footer rule
 * computes them with its configured options and runs before the rules that
 * read them; others get the defaults. Lines of a reader comment thread
 * (scrape/comment-thread) never belong to a footer block.
 */
export function footerBlocks(doc: Doc, options: Options = DEFAULTS): FooterBlock[] {
  const key = `scrape/footer-blocks:${options.maxGap}:${options.maxGapLineLength}`
  let blocks = doc.shared.get(key) as FooterBlock[] | undefined
  if (!blocks) {
    blocks = findBlocks(doc, options)
    doc.shared.set(key, blocks)
    doc.shared.set('scrape/footer-blocks', blocks)
  }
  return blocks
}

/** The last computed footer blocks, else those of the default options. */
function currentFooterBlocks(doc: Doc): FooterBlock[] {
  return (doc.shared.get('scrape/footer-blocks') as FooterBlock[] | undefined) ?? footerBlocks(doc)
}

/**
 * The line ranges of the reader comment threads, then of the footer blocks (the last computed ones, else with default options): the lines the
 * other line rules leave to those two rules. Made once per document (and again only if the footer blocks are
 * computed anew) and shared; read it, do not change it.
 */
export function commentAndFooterRanges(doc: Doc): readonly LineRange[] {
  const footer = currentFooterBlocks(doc)
  const made = doc.shared.get('scrape/comment-and-footer-ranges') as {footer: FooterBlock[]; ranges: LineRange[]} | undefined
  if (made && made.footer === footer) return made.ranges
  const ranges = commentRanges(doc).concat(footer.map((b): LineRange => [b.first, b.last]))
  doc.shared.set('scrape/comment-and-footer-ranges', {footer, ranges})
  return ranges
}

function findBlocks(doc: Doc, options: Options): FooterBlock[] {
  const match = markers().match
  const lines = doc.lines
  const comments = commentRanges(doc)
  const blocks: FooterBlock[] = []
  let first = -1
  let last = -1
  let count = 0
  let strong = false
  let gap = 0
  let categories: string[] = []

  const close = () => {
    if (first >= 0 && (count >= 2 || strong)) blocks.push({first, last, categories})
    first = -1
    count = 0
    strong = false
    gap = 0
    categories = []
  }

  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].text
    if (text.trim() === '') continue
    if (comments.length && inRanges(comments, i)) {
      close()
      continue
    }
    const marker = match(text)
    if (marker) {
      if (first < 0) first = i
      last = i
      count++
      gap = 0
      if (marker.strong) strong = true
      if (!categories.includes(marker.category)) categories.push(marker.category)
    } else if (first >= 0) {
      gap++
      // A sentence of the article (a final full stop, not an ellipsis) ends a block; teaser headlines have none.
      const sentence = /[.!?]["'”’)]?\s*$/u.test(text) && !/(?:\.\.\.|…)\s*$/u.test(text) && hasWords(text, 4)
      if (gap > options.maxGap || text.length > options.maxGapLineLength || sentence) close()
    }
  }
  close()
  return blocks
}
