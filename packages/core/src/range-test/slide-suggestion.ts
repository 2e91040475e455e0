import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, positiveInteger, positiveNumber } from '../internal/validate'
import {
  fastaiSkipStart,
  indexGradient,
  type LossCurve,
  noSuggestion,
  prepareCurve,
  type Suggestion,
  type TrimOptions,
} from './suggestion'

/** Options of {@link slideSuggestion}. */
export interface SlideSuggestionOptions extends TrimOptions {
  /** Window between the right and left probe, in points; integer ≥ 1; default 15 (fastai `lr_diff`). */
  readonly lrDiff?: number
  /** Absolute gradient-difference threshold, loss units per point; ≥ 0; default 0.005 (fastai). */
  readonly thresh?: number
  /** Multiplier applied to the result; > 0; default 1 (fastai `adjust_value`). */
  readonly adjustValue?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<SlideSuggestionOptions>()('slideSuggestion', [
  'skipStart',
  'skipEnd',
  'lrDiff',
  'thresh',
  'adjustValue',
])

/**
 * fastai's `slide` rule (Andrew Chang, Novetta): slide a window leftwards from the end of the curve
 * until the loss gradient at both ends agrees within `thresh`.
 *
 * ```text
 * g = np.gradient(loss)            (per index: central inside, one-sided at the ends)
 * r = m − 1;  l = r − lrDiff;  pick = lr[l]
 * while l ≥ 0 and |g[r] − g[l]| > thresh:  pick = lr[l];  r −= 1;  l −= 1
 * return pick · adjustValue
 * ```
 *
 * **Pitfall:** `thresh` is an absolute loss-per-step threshold; on large-scale losses (MSE ≈ 60) it
 * never triggers and the rule walks to the leftmost learning rate (6.3e-7 = lr[10] of the default
 * sweep). On the test set of the repository's range-test evaluation (README, `pnpm bench
 * lr-finder`): median regret 7.6 %, 10 of 36 catastrophic.
 * `index` is the point of `pick` (before `adjustValue`).
 *
 * @param curve - the (smoothed) loss curve.
 * @param options - the options, each documented on {@link SlideSuggestionOptions}; this rule's trimming
 *   defaults: `skipStart` ⌊curve length / 10⌋, `skipEnd` 5.
 * @returns `{ rule: 'slide', learningRate, index }`, or `{ rule, reason }` when fewer than
 *   `lrDiff + 1` points remain (fastai raises an IndexError there).
 * @throws InvalidArgumentError for a malformed curve or an invalid option.
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `mseCurve` stands for a real MSE range-test curve
 * // a curve whose gradient never settles within 0.005 walks to the first kept point:
 * slideSuggestion(mseCurve).learningRate // 6.31e-7 on the default 1e-7 → 10, 100-step sweep
 * ```
 *
 * Equivalent: fastai `SuggestionMethod.Slide` (identical).
 */
export function slideSuggestion(curve: LossCurve, options: SlideSuggestionOptions = {}): Suggestion {
  const record = OPTIONS.read(options)
  const lrDiff = record.lrDiff === undefined ? 15 : positiveInteger('lrDiff', record.lrDiff)
  const thresh = record.thresh === undefined ? 0.005 : nonNegativeNumber('thresh', record.thresh)
  const adjustValue = record.adjustValue === undefined ? 1 : positiveNumber('adjustValue', record.adjustValue)
  const { learningRates, losses, offset } = prepareCurve(curve, record, {
    skipStart: fastaiSkipStart(curve),
    skipEnd: 5,
  })
  const m = losses.length
  if (m < lrDiff + 1) {
    return noSuggestion(
      'slide',
      `slide needs at least lrDiff + 1 = ${lrDiff + 1} finite points after trimming, got ${m}`,
    )
  }
  const gradient = indexGradient(losses)
  let right = m - 1
  let left = right - lrDiff
  let pick = left
  while (left >= 0 && Math.abs(gradient[right]! - gradient[left]!) > thresh) {
    pick = left
    right -= 1
    left -= 1
  }
  return { rule: 'slide', learningRate: learningRates[pick]! * adjustValue, index: offset + pick }
}
