import type {AnyRule} from '../../src/rule.js'
import adPlaceholder from './ad-placeholder.js'
import footerBoilerplate from './footer-boilerplate.js'

export const scrapeRules: AnyRule[] = [adPlaceholder, footerBoilerplate]
