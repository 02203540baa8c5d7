/**
 * The document quality score used by JSONL mode's keep/drop decision: the
 * C4/Gopher/FineWeb signals of `scrape/document-quality`, in [0, 1].
 */
import type {Doc} from './document.js'
import {qualityScore, qualitySignals} from '../rules/scrape/document-quality.js'

export function documentScore(doc: Doc): number {
  return qualityScore(qualitySignals(doc)).score
}
