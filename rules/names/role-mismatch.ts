import {defineRule} from '../../src/rule.js'
import type {Role} from '../../src/entities.js'
import {articleTimeOf, heldAt, namesIndex, phraseBefore, roleTables, type RolePhrase} from './mentions.js'

interface Options extends Record<string, unknown> {
  yearTolerance: number
}

const phrasePatterns = new WeakMap<RolePhrase, RegExp>()

/** The role phrase's words inside a role's title (`envoy` in `Special Envoy for Climate`), built once per phrase. */
function phrasePattern(entry: RolePhrase): RegExp {
  let re = phrasePatterns.get(entry)
  if (!re) {
    re = new RegExp(`(?:^|[^\\p{L}])${entry.tokens.join('\\s+').replace(/\./g, '\\.')}(?![\\p{L}])`, 'iu')
    phrasePatterns.set(entry, re)
  }
  return re
}

function years(role: Role): string {
  if (role.end === null) return `since ${role.start}`
  return role.start === role.end ? String(role.start) : `${role.start}–${role.end}`
}

/**
 * The two latest of `roles` (a stable sort by start, latest first), `Title (years)`, joined by ` and `. (Plain
 * loops: a chain of `slice`, `sort`, `map` and `join` made the compiled rule fall back to the interpreter.)
 */
function shownRoles(roles: readonly Role[]): string {
  const sorted = roles.slice().sort((a, b) => b.start - a.start)
  let shown = ''
  for (let k = 0; k < sorted.length && k < 2; k++) {
    if (k > 0) shown += ' and '
    shown += `${sorted[k].title} (${years(sorted[k])})`
  }
  return shown
}

export default defineRule<Options>({
  id: 'names/role-mismatch',
  summary: 'A role written next to a known person that the person did not hold (`his US envoy, Jen Psaki`; `Russian Secretary of State Sergei Lavrov`)',
  docs: `Machine translation swaps titles: a press secretary becomes an \`envoy\`, Russia's foreign minister a
\`Secretary of State\`. The rule reads a role phrase written right before a person the gazetteer knows
(\`Foreign Minister Sergei Lavrov\`, \`his US envoy, Zhen Zaki\`; one first name the gazetteer does not list may sit
in between), maps it to role types with \`rules/data/names-roles.json\` (\`envoy\` → envoy or ambassador,
\`spokesman\` → spokesperson or press secretary, …) and looks for a role of the person that fits: a fitting type (or,
for a role typed \`other\`, a title containing the phrase), in the country written before the phrase (\`US\`,
\`Russian\`, \`White House\`, \`Kremlin\`), held at the article's time. The article's time comes from full dates
(\`2021-12-07\`, \`December 2, 2021\`, \`2 December 2021\`): a date in the first 300 characters (a dateline,
leaked metadata) is the article's year and the role must be held then, or have ended at most \`yearTolerance\`
years before; otherwise the latest date is only a lower bound (articles cite old dates such as \`September 11,
2001\`) and the role must not have ended before it; without a date any period counts. The message names the roles
the person held then. It stays quiet after \`former\`, \`then\`, \`deputy\`, \`acting\` and similar words
(someone else's role, or another time), for people without roles in the gazetteer, and for names the document
does not tie to one person (a bare \`Sullivan\` when no full name settles which one). Fix: correct the role, or
the name if it is the wrong person. A gazetteer that lacks a role the person really held causes false alarms:
add the role to your entities file.`,
  severity: 'warn',
  fixable: false,
  options: {
    yearTolerance: {type: 'number', default: 1, min: 0, max: 50, description: 'Years before the article\'s year in which a role still counts as held'}
  },
  examples: {
    valid: [
      {text: 'On 7 December 2021, Foreign Minister Sergei Lavrov met US Secretary of State Antony Blinken in Stockholm.\n'},
      {text: 'White House press secretary Jen Psaki spoke to reporters.\n'},
      {text: 'Senator Joe Biden of Delaware spoke first; after former President Barack Obama, Vice President Joe Biden.\n'},
      {text: 'Deputy Foreign Minister Antony Blinken is a wrong title, but the rule leaves deputies alone.\n'}
    ],
    invalid: [
      {
        text: 'According to his US envoy, Jen Psaki, the call on 2021-12-07 was long.\n',
        messages: ['1:18-1:26: Unexpected role `US envoy` for Jen Psaki, who was White House Press Secretary (2021–2022) in 2021']
      },
      {
        text: 'Russian Secretary of State Sergei Lavrov arrived in Geneva.\n',
        messages: ['1:1-1:27: Unexpected role `Russian Secretary of State` for Sergei Lavrov, who was Foreign Minister of Russia (since 2004) and Permanent Representative of Russia to the United Nations (1994–2004)']
      }
    ]
  },
  check(_tree, file, options, doc) {
    const index = namesIndex(doc)
    const t = roleTables()
    for (const mention of index.mentions) {
      const person = mention.entity?.person
      if (!person || person.roles.length === 0) continue
      const bound = phraseBefore(doc, mention, t.roles)
      if (!bound || bound.blocked) continue
      const time = articleTimeOf(doc, index)
      const year = time.year
      const inTime = (role: Role) => heldAt(role, time, options.yearTolerance)
      const phraseWords = phrasePattern(bound.entry)
      const fits = person.roles.some(
        (role) =>
          (bound.entry.types.includes(role.type) || (role.type === 'other' && phraseWords.test(role.title))) &&
          (!bound.country || role.country === bound.country) &&
          inTime(role)
      )
      if (fits) continue
      // The roles held at the article's time, else the latest ones (two at most).
      const dated = time.year !== undefined || time.notBefore !== undefined
      const held = dated ? person.roles.filter(inTime) : []
      const shown = shownRoles(held.length > 0 ? held : person.roles)
      const phrase = doc.text.slice(bound.start, bound.end)
      doc.report(file, 'names/role-mismatch',
        `Unexpected role \`${phrase}\` for ${person.name}, who was ${shown}${year !== undefined && held.length > 0 ? ` in ${year}` : ''}`,
        bound.start, bound.end)
    }
  }
})
