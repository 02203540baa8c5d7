/** Small evaluation metrics used by the measuring scripts. */

/**
 * ROC AUC of a score that should be higher for `positives` than for
 * `negatives`: the probability that a random positive scores above a random
 * negative, ties counting one half (the Mann–Whitney U statistic over n·m).
 * NaN when either side is empty.
 */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  const n = positives.length
  const m = negatives.length
  if (n === 0 || m === 0) return Number.NaN
  const all = [
    ...positives.map((value) => ({value, positive: true})),
    ...negatives.map((value) => ({value, positive: false}))
  ].sort((a, b) => a.value - b.value)
  // Average ranks (1-based) over ties.
  let rankSum = 0
  for (let i = 0; i < all.length; ) {
    let j = i
    while (j + 1 < all.length && all[j + 1].value === all[i].value) j++
    const rank = (i + 1 + j + 1) / 2
    for (let k = i; k <= j; k++) if (all[k].positive) rankSum += rank
    i = j + 1
  }
  const u = rankSum - (n * (n + 1)) / 2
  return u / (n * m)
}

/** Events per 1000 units (findings per 1000 words); 0 when there are no units. */
export function perThousand(count: number, units: number): number {
  return units > 0 ? (count * 1000) / units : 0
}
