import {defineRule} from '../../src/rule.js'
import {loadData} from '../../src/data.js'
import type {LineMarker, LineMatcher} from '../../src/line-matcher.js'
import {commentAndFooterRanges} from './footer-boilerplate.js'
import {clipWords, compileMarkers, inRanges, trimmedSpan} from './shared.js'

let matcher: LineMatcher | undefined

function markers(): LineMatcher {
  matcher ??= compileMarkers(loadData<{markers: LineMarker[]}>('scrape-teasers.json').markers)
  return matcher
}

/** Lines under a list header taken as its teaser headlines. */
const MAX_LIST = 6
const MAX_HEADLINE_WORDS = 16
const MAX_HEADLINE_LENGTH = 160

/** A teaser headline: 3–16 words, mostly words, capitalised, no final period and no `label: 123` field. */
function headlineLike(text: string): boolean {
  const t = text.trim()
  if (!t || t.length > MAX_HEADLINE_LENGTH || /[.,;:]$/.test(t) || /:\s*\d/.test(t)) return false
  if (!/^["“‘'\p{Lu}\d]/u.test(t)) return false
  const words = t.split(/\s+/)
  if (words.length < 3 || words.length > MAX_HEADLINE_WORDS) return false
  return words.filter((w) => /^["“‘'(]?\p{L}/u.test(w)).length >= words.length * 0.6
}

export default defineRule({
  id: 'scrape/related-teaser',
  summary: 'Stray related-article lines (`READ  <headline>`, `Also read:`, `Related:`, `See also:`, `Read more`, `RELATED STORIES` and the headlines under it)',
  docs: `News pages put links to other articles inside and after the story: \`READ  <headline>\`, \`Also read: …\`,
\`Related: …\`, \`See also …\`, \`SEE MORE: …\`, \`WATCH: …\`, \`<headline> Read more\`, \`<headline> [VIDEO]\`, and list
boxes (\`RELATED STORIES\`, \`DON'T MISS\`, \`Recommended\`, \`You may also like\`) with headlines under them. A
scraper keeps them as lines of text that belong to another article. The rule reports each such line, or a run of
them separated only by blank lines as one block, and the fix removes the lines.

A label must be the start of a short line (at most 240 characters and about 20 words); mixed-case labels that
can begin a sentence (\`Read\`, \`Related\`, \`More\`, \`Watch\`) need a colon (\`Read: …\`), and an upper-case label
glued before a headline (\`READ  In excess of …\`) is only taken when the rest of the line is not all capitals.
Headlines under a list header are taken only when they follow it directly (no blank line) and look like
headlines: 3 to 16 words, mostly words, capitalised, no final period, no \`label: 123\` field. A lone \`Read more\` inside a footer block is left to \`scrape/footer-boilerplate\`, and
lines of a comment thread to \`scrape/comment-thread\`. Phrases: \`rules/data/scrape-teasers.json\`.`,
  severity: 'error',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'Read the full statement before you judge, the mayor told reporters.\nRelated talks were held in Oslo last year.\n'},
      {text: 'More than 200 people attended the rally.\nWatch this space, the coach said with a smile.\n'},
      {text: 'READ THE MANIFESTO\n\nThe party published its programme on Monday.\n'},
      {text: 'The board recommended a dividend.\nRecommended retail prices rose by 3% in May, the survey found.\n'}
    ],
    invalid: [
      {
        text: 'The summit may take place in June.\n\nREAD  Floods Force Thousands To Leave Coastal Towns\n\nThe G7 meets in Cornwall.\n',
        messages: ['3:1-3:52: Unexpected related-article teaser `READ Floods Force Thousands To Leave…`, remove the line'],
        fixed: 'The summit may take place in June.\n\nThe G7 meets in Cornwall.\n'
      },
      {
        text: 'Police made three arrests.\nAlso read: City council approves new budget\nThe trial starts in May.\n',
        messages: ['2:1-2:44: Unexpected related-article teaser `Also read: City council approves new…`, remove the line'],
        fixed: 'Police made three arrests.\nThe trial starts in May.\n'
      },
      {
        text: 'The vote is on Tuesday.\nDON\'T MISS\nStorm hits northern coast [VIDEO]\nMayor quits after row [INSIGHT]\nTurnout is expected to be low.\n',
        messages: ['2:1-4:32: Unexpected related-article teasers (3 lines, from `DON\'T MISS`), remove them'],
        fixed: 'The vote is on Tuesday.\nTurnout is expected to be low.\n'
      },
      {
        text: 'Rents rose again.\n\nShould cities cap rents? | Ann Lee and Tom Berg Read more\n\nRead more\n',
        messages: ['3:1-5:10: Unexpected related-article teasers (2 lines, from `Should cities cap rents? | Ann Lee and…`), remove them']
      },
      {
        text: 'Markets fell.\nSee also: How bond yields work\nRelated: Oil prices climb\n',
        messages: ['2:1-3:26: Unexpected related-article teasers (2 lines, from `See also: How bond yields work`), remove them']
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const match = markers().match
    const lines = doc.lines
    const skip = commentAndFooterRanges(doc)
    const teaser: boolean[] = new Array(lines.length).fill(false)
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].text
      if (text.length === 0 || (skip.length && inRanges(skip, i))) continue
      const marker = match(text)
      if (!marker) continue
      teaser[i] = true
      if (marker.category !== 'header') continue
      for (let j = i + 1, n = 0; j < lines.length && n < MAX_LIST; j++, n++) {
        if (skip.length && inRanges(skip, j)) break
        const next = lines[j].text
        if (!(headlineLike(next) || match(next))) break
        teaser[j] = true
        i = j
      }
    }
    for (let i = 0; i < lines.length; i++) {
      if (!teaser[i]) continue
      let last = i
      let count = 1
      for (let j = i + 1; j < lines.length; j++) {
        if (teaser[j]) {
          last = j
          count++
        } else if (lines[j].text.trim() !== '') break
      }
      const [start] = trimmedSpan(doc, i)
      const [, end] = trimmedSpan(doc, last)
      const first = clipWords(doc.text.slice(start, trimmedSpan(doc, i)[1]))
      const reason = count === 1
        ? `Unexpected related-article teaser \`${first}\`, remove the line`
        : `Unexpected related-article teasers (${count} lines, from \`${first}\`), remove them`
      doc.report(file, 'scrape/related-teaser', reason, start, end, {expected: ['']})
      i = last
    }
  }
})
