import type {AnyRule} from '../../src/rule.js'
import adPlaceholder from './ad-placeholder.js'
import commentThread from './comment-thread.js'
import footerBoilerplate from './footer-boilerplate.js'
import relatedTeaser from './related-teaser.js'
import photoCredit from './photo-credit.js'
import metadataLeak from './metadata-leak.js'
import gluedSentence from './glued-sentence.js'
import punctuation from './punctuation.js'
import duplicateLine from './duplicate-line.js'
import documentQuality from './document-quality.js'

/**
 * comment-thread and footer-boilerplate find the blocks that the rules after
 * them skip (shared through doc.shared). Readers compute the blocks lazily
 * when those rules are off, so the order only decides whether a reader sees
 * the footer blocks of the footer rule's configured options (it runs first)
 * or of its defaults.
 */
export const scrapeRules: AnyRule[] = [
  adPlaceholder,
  commentThread,
  footerBoilerplate,
  relatedTeaser,
  photoCredit,
  metadataLeak,
  gluedSentence,
  punctuation,
  duplicateLine,
  documentQuality
]
