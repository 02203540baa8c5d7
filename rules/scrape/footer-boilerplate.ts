import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import {compileLineMarkers, type LineMarker, type LineMatcher} from '../../src/line-matcher.js'

let matcher: LineMatcher | undefined

function markers(): LineMatcher {
  matcher ??= compileLineMarkers(loadData<{markers: LineMarker[]}>('footer-phrases.json').markers)
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
  tags: 'tags'
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
*strong* marker (a comment-form or cookie notice) alone. A lone \`Read more\` is left to \`scrape/related-teaser\`.
Lines longer than \`maxGapLineLength\` are prose and end a block. Fix: remove the block (\`--fix\` does).`,
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
      {text: 'By Friday the talks had stalled.\nWritten by hand, the letter reached the court.\n'}
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
        text: 'Police closed the road.\n\nBy Maria Lopez, Reuters\nFollow us on Twitter\n© 2021 Example Media. All rights reserved.\n',
        messages: ['3:1-5:43: Unexpected footer boilerplate (3 lines: byline, follow links, legal links), remove the block']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const match = markers().match
    const lines = doc.lines
    let first = -1
    let last = -1
    let count = 0
    let strong = false
    let gap = 0
    let categories: string[] = []

    const close = () => {
      if (first >= 0 && (count >= 2 || strong)) {
        const a = lines[first]
        const b = lines[last]
        const start = a.start + (a.text.length - a.text.trimStart().length)
        const end = b.start + b.text.trimEnd().length
        const n = last - first + 1
        doc.report(file, 'scrape/footer-boilerplate',
          `Unexpected footer boilerplate (${n} line${n === 1 ? '' : 's'}: ${categories.map((c) => LABELS[c] ?? c).join(', ')}), remove the block`,
          start, end, {expected: ['']})
      }
      first = -1
      count = 0
      strong = false
      gap = 0
      categories = []
    }

    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text
      if (text.trim() === '') continue
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
        if (gap > options.maxGap || text.length > options.maxGapLineLength) close()
      }
    }
    close()
  }
})
