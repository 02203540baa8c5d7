import {defineRule} from '../../src/rule.js'
import {wordFacts} from './shared.js'

const ID = 'translation/number-format'

/** `50 000`, `1 200 000`: groups of three digits separated by spaces (also no-break and thin spaces). */
const THOUSANDS = /(?<![\p{N}.,:/-][ \u00a0\u202f]?)(?<![\p{L}\p{N}])(\d{1,3})((?:[ \u00a0\u202f]\d{3})+)(?![\p{L}\p{N}]|[ \u00a0\u202f]?[.,:/]?\d)/uy
/** `0, 2 per cent`, `1, 0%`: a decimal comma, split by the translation's tokenizer. */
const DECIMAL = /(?<![\p{N}.,])(\d{1,3}), (\d{1,2})(?=\s?(?:%|per ?cent\b|percent\b|prosent))/uy
/** `at 6: 00`: a time with a space after the colon, after a preposition. */
const TIME = /(?<=\b(?:at|from|until|till|to|by|before|after|around|about|since|klo|kello)\s)(\d{1,2}): (\d{2})(?![\p{N}:])/iuy

const PATTERNS: Array<[RegExp, (m: RegExpExecArray) => [string, string]]> = [
  [THOUSANDS, (m) => {
    const expected = m[1] + m[2].replace(/[ \u00a0\u202f]/g, ',')
    return [`Unexpected space as thousands separator in \`${m[0]}\`, write \`${expected}\``, expected]
  }],
  [DECIMAL, (m) => [`Unexpected decimal comma in \`${m[0]}\`, write \`${m[1]}.${m[2]}\``, `${m[1]}.${m[2]}`]],
  [TIME, (m) => [`Unexpected space in the time \`${m[0]}\`, write \`${m[1]}:${m[2]}\``, `${m[1]}:${m[2]}`]]
]

export default defineRule({
  id: ID,
  summary: 'Numbers left in the source language\'s format: space as thousands separator (`50 000`), split decimal comma (`0, 2 per cent`)',
  docs: `Finnish, French, German, Russian and most other languages group thousands with a space and write decimals
with a comma; English news writes \`50,000\` and \`0.2\`. Machine translation copies the source's digits as they are
(\`more than 50 000 people\`, \`rose by 0, 2 per cent\`, \`from 6: 00 onwards\`), a translator converts them. The rule
reports three-digit groups separated by spaces (a whole number, not part of a longer run of digits such as a phone
number), a decimal comma followed by a space before \`%\` or \`per cent\`, and a clock time with a space after the
colon after a preposition. Fix (\`--fix\`): \`50,000\`, \`0.2\`, \`6:00\`. A lone comma decimal without the space
(\`6,7 million\`) is left alone: in English it may be a list.`,
  severity: 'warn',
  fixable: true,
  options: {},
  examples: {
    valid: [
      {text: 'More than 50,000 people marched, and 1,200 police officers were on duty.\n'},
      {text: 'Call 020 7946 0958 or write to PO Box 123 by 2021.\n'},
      {text: 'In 2015 100 people were hurt, the report said; the score was 3, 4 and 5.\n'},
      {text: 'The comment was posted on April 13 2021 22: 22 by a reader.\n'}
    ],
    invalid: [
      {
        text: 'More than 50 000 people have signed up.\n',
        messages: ['1:11-1:17: Unexpected space as thousands separator in `50 000`, write `50,000`'],
        fixed: 'More than 50,000 people have signed up.\n'
      },
      {
        text: 'The deal is worth 1 200 000 euros.\n',
        messages: ['1:19-1:28: Unexpected space as thousands separator in `1 200 000`, write `1,200,000`'],
        fixed: 'The deal is worth 1,200,000 euros.\n'
      },
      {
        text: 'Prices rose by 0, 2 per cent in August.\n',
        messages: ['1:16-1:20: Unexpected decimal comma in `0, 2`, write `0.2`'],
        fixed: 'Prices rose by 0.2 per cent in August.\n'
      },
      {
        text: 'The centre is open from 6: 00 onwards.\n',
        messages: ['1:25-1:30: Unexpected space in the time `6: 00`, write `6:00`'],
        fixed: 'The centre is open from 6:00 onwards.\n'
      }
    ]
  },
  check(_tree, file, _options, doc) {
    const text = doc.text
    const {starts, otherWords} = wordFacts(doc)
    let after = 0
    // Only where a word starts with a digit (one of the words of shape 0: no letter first): the expressions are
    // sticky, tried at those offsets alone.
    for (const i of otherWords) {
      const start = starts[i]
      const c = text.charCodeAt(start) // the word's first character
      if (c < 48 || c > 57 || start < after) continue
      for (const [re, what] of PATTERNS) {
        re.lastIndex = start
        const match = re.exec(text)
        if (!match) continue
        const end = match.index + match[0].length
        const [reason, expected] = what(match)
        doc.report(file, ID, reason, match.index, end, {expected: [expected]})
        after = end
        break
      }
    }
  }
})
