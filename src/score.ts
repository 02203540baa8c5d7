/** The document quality score used by JSONL mode's keep/drop decision. */
import type {Doc} from './document.js'

export function documentScore(doc: Doc): number {
  void doc
  return 1
}
