import {defineRule} from '../../src/rule.js'
import {replacementFor} from '../../src/entities.js'
import type {Entity, NameForm} from '../../src/entities.js'
import {namesIndex, type Mention} from './mentions.js'

interface Options extends Record<string, unknown> {
  glued: boolean
}

const replacements = new WeakMap<NameForm, string>()

/** `replacementFor` the garbled form, worked out once per form. */
function replacementOf(form: NameForm): string {
  let replacement = replacements.get(form)
  if (replacement === undefined) {
    replacement = replacementFor(form.text, form.entity)
    replacements.set(form, replacement)
  }
  return replacement
}

/** Every form matching at the mention is a garbled one. */
function onlyGarbled(mention: Mention): boolean {
  for (const form of mention.forms) if (form.kind !== 'garbled') return false
  return true
}

interface Proposal {
  replacement: string
  entity: Entity
}

/** The replacement of each of the mention's forms (in capitals for a name written in capitals). */
function proposalsFor(mention: Mention, allCaps: boolean): Proposal[] {
  // (Plain loops here and in `shownProposals`: chains of `map` and `join` over arrays of differing shapes made
  // the compiled rule fall back to the interpreter.)
  const proposals: Proposal[] = []
  for (let k = 0; k < mention.forms.length; k++) {
    const form = mention.forms[k]
    const replacement = replacementOf(form)
    proposals.push({replacement: allCaps ? replacement.toUpperCase() : replacement, entity: form.entity})
  }
  return proposals
}

/** `` `Jen Psaki` `` or `` `Zelensky` (Volodymyr Zelensky) ``, joined by ` or `. */
function shownProposals(proposals: Proposal[]): string {
  let shown = ''
  for (let k = 0; k < proposals.length; k++) {
    const p = proposals[k]
    if (k > 0) shown += ' or '
    shown += `\`${p.replacement}\``
    if (p.replacement.toLowerCase() !== p.entity.name.toLowerCase()) shown += ` (${p.entity.name})`
  }
  return shown
}

export default defineRule<Options>({
  id: 'names/known-variant',
  summary: 'A known garbled form of a public figure\'s or organisation\'s name (`Zhen Zaki` → Jen Psaki, `Zhelensky` → Zelensky)',
  docs: `Machine translation through another script garbles names in repeatable ways: Chinese and Japanese systems
turn *Jen Psaki* into \`Zhen Zaki\`, Spanish ones write \`Zhelensky\` for *Zelensky*, German ones \`Rosija-1\` for
the broadcaster *Rossiya-1*. The gazetteer (\`rules/data/entities.json\`, plus the files listed under \`entities\` in
\`.linterrc.json\`) keeps such forms in each entry's \`garbled\` list; this rule reports every one it finds, case
sensitively, as whole words (a possessive \`'s\` stays outside the finding), and proposes the name's right form
with as many words: the full name for \`Zhen Zaki\`, the surname for \`Zhelensky\`. With \`glued\` (default on) it
also finds the name at the start of a word glued to the next sentence (\`ZhelenskyTherefore\`; the glue itself is
\`scrape/glued-sentence\`'s finding). Only the gazetteer's listed forms are reported: accepted spellings
(\`Zelenskyy\`, \`Zelenskiy\`, \`Sergey Lavrov\`) are aliases and stay quiet, and unknown look-alikes are left to
\`names/fuzzy-name\`. A form listed as garbled for one entity and as a name of another is ambiguous and not reported.
Fix: \`--fix\` writes the proposed form when exactly one entity has the garbled form.`,
  severity: 'error',
  fixable: true,
  options: {
    glued: {type: 'boolean', default: true, description: 'Also match a garbled name at the start of a word glued to the next sentence'}
  },
  examples: {
    valid: [
      {text: 'President Volodymyr Zelensky met reporters in Kyiv. Zelenskyy and Zelenskiy are accepted spellings.\n'},
      {text: 'White House press secretary Jen Psaki said the talks would go on.\n'},
      {text: 'The zhen zaki lowercase words are not a name.\n'}
    ],
    invalid: [
      {
        text: 'Speaking for the White House, Zhen Zaki said the call went well.\n',
        messages: ['1:31-1:40: Unexpected garbled name `Zhen Zaki`, use `Jen Psaki`'],
        fixed: 'Speaking for the White House, Jen Psaki said the call went well.\n'
      },
      {
        text: 'Officials close to Zhelensky\'s office declined to comment.\n',
        messages: ['1:20-1:29: Unexpected garbled name `Zhelensky`, use `Zelensky` (Volodymyr Zelensky)'],
        fixed: 'Officials close to Zelensky\'s office declined to comment.\n'
      },
      {
        text: 'He spoke with President Volodymyr ZhelenskyHowever, the call was short.\n',
        messages: ['1:35-1:44: Unexpected garbled name `Zhelensky`, use `Zelensky` (Volodymyr Zelensky)']
      },
      {
        text: 'The minister told the broadcaster Rosija-1 on Sunday that talks would resume.\n',
        messages: ['1:35-1:43: Unexpected garbled name `Rosija-1`, use `Rossiya-1`'],
        fixed: 'The minister told the broadcaster Rossiya-1 on Sunday that talks would resume.\n'
      }
    ]
  },
  check(_tree, file, options, doc) {
    const index = namesIndex(doc)
    for (const mention of index.mentions) {
      if (!onlyGarbled(mention)) continue
      if (mention.glued && !options.glued) continue
      const text = doc.text.slice(mention.start, mention.end)
      const allCaps = text.length > 1 && text === text.toUpperCase() && /\p{Lu}/u.test(text)
      const proposals = proposalsFor(mention, allCaps)
      const shown = shownProposals(proposals)
      doc.report(file, 'names/known-variant', `Unexpected garbled name \`${text}\`, use ${shown}`, mention.start, mention.end,
        proposals.length === 1 ? {expected: [proposals[0].replacement]} : {})
    }
  }
})
