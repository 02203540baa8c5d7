import type {AnyRule} from '../../src/rule.js'
import acronymMismatch from './acronym-mismatch.js'
import calque from './calque.js'
import droppedSubject from './dropped-subject.js'
import lowercaseProper from './lowercase-proper.js'
import midSentenceCapital from './mid-sentence-capital.js'
import numberFormat from './number-format.js'
import orphanFragment from './orphan-fragment.js'
import translationese from './translationese.js'
import untranslatedRun from './untranslated-run.js'
import untranslatedWord from './untranslated-word.js'

export const translationRules: AnyRule[] = [
  midSentenceCapital,
  calque,
  acronymMismatch,
  lowercaseProper,
  untranslatedRun,
  untranslatedWord,
  numberFormat,
  droppedSubject,
  orphanFragment,
  translationese
]
