/**
 * @internal The divergence threshold shared by `runRangeTest`, `createLossMonitor` and the
 * learning-rate searches: a loss (smoothed or raw, as each documents) above the returned value has
 * diverged.
 *
 * ```text
 * reference > 0:  limit = factor · reference
 * reference ≤ 0:  limit = reference + (factor − 1) · max(−reference, descent)
 * ```
 *
 * `reference` is the best loss so far (range test, monitor) or the first loss (searches); `descent`
 * ≥ 0 is how far the curve has come down from its first value to its best. For a positive reference
 * this is fastai's and torch-lr-finder's rule (`loss > 4 × best`), evaluated exactly as before so
 * results on positive losses are bit-identical; it is the same as "the rise above the reference
 * exceeds (factor − 1) × |reference|". A multiple of a reference ≤ 0 means nothing (a negative
 * log-likelihood, a loss shifted below 0), so there the allowed rise is measured against the larger
 * of |reference| and `descent`: a curve that came down from 2 to −1 diverges (factor 4) above
 * −1 + 3 × 3 = 8. With both 0 (a curve that started at exactly 0 and never went lower) the limit is
 * 0, so any rise above 0 diverges: the limit of the positive rule as the reference tends to 0.
 */
export function divergenceLimit(reference: number, descent: number, factor: number): number {
  if (reference > 0) return factor * reference
  return reference + (factor - 1) * Math.max(-reference, descent)
}
