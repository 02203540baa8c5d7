/** Every rule newslint ships, by family. Each family's index lists its rule files. */
import type {AnyRule} from '../src/rule.js'
import {scrapeRules} from './scrape/index.js'
import {translationRules} from './translation/index.js'
import {namesRules} from './names/index.js'

export const allRules: readonly AnyRule[] = [...scrapeRules, ...translationRules, ...namesRules]
