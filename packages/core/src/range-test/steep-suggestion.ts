import { optionTable } from '../internal/option-table'
import {
  argmin,
  fastaiSkipStart,
  type LossCurve,
  noSuggestion,
  prepareCurve,
  type Suggestion,
  type TrimOptions,
} from './suggestion'

/** Options of {@link steepSuggestion}. */
export type SteepSuggestionOptions = TrimOptions

const OPTIONS = /* @__PURE__ */ optionTable<SteepSuggestionOptions>()('steepSuggestion', [
  'skipStart',
  'skipEnd',
])

/**
 * fastai's `steep` rule: the left end of the steepest descending segment, slope taken against
 * ln(lr).
 *
 * After trimming (default ⌊n/10⌋ and 5) and cutting at the first non-finite loss:
 *
 * ```text
 * gradᵢ = (lossᵢ₊₁ − lossᵢ) / (ln lrᵢ₊₁ − ln lrᵢ),  i = 0 … m − 2;   return lr[argmin grad]
 * ```
 *
 * fastai v1's default (`lr_steep`). On the repository's range-test evaluation (README,
 * `pnpm bench lr-finder`) it overshoots with Adam and is fooled by early noisy dips (test set:
 * median regret 82 %, 17 of 36 catastrophic). Derivative in log-LR space, never linear LR (the Lightning
 * ≥ 2.5.3 trap).
 *
 * @param curve - the (smoothed) loss curve.
 * @param options - trimming, see {@link TrimOptions}; this rule's defaults: `skipStart` ⌊curve length / 10⌋,
 *   `skipEnd` 5.
 * @returns `{ rule: 'steep', learningRate, index }` or `{ rule, reason }` when fewer than 2 points remain.
 * @throws InvalidArgumentError for a malformed curve or an invalid option.
 *
 * @example
 * ```ts
 * // slopes −0.043, −0.217, −0.043 per ln-unit
 * const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.9, 0.4, 0.3] }
 * steepSuggestion(curve, { skipStart: 0, skipEnd: 0 }) // { rule: 'steep', learningRate: 1e-2, index: 1 }
 * ```
 *
 * Equivalent: fastai `SuggestionMethod.Steep` (identical).
 */
export function steepSuggestion(curve: LossCurve, options: SteepSuggestionOptions = {}): Suggestion {
  const record = OPTIONS.read(options)
  const { learningRates, losses, offset } = prepareCurve(curve, record, {
    skipStart: fastaiSkipStart(curve),
    skipEnd: 5,
  })
  if (losses.length < 2)
    return noSuggestion('steep', `steep needs at least 2 finite points after trimming, got ${losses.length}`)
  const gradients: number[] = []
  for (let i = 0; i + 1 < losses.length; i++) {
    gradients.push(
      (losses[i + 1]! - losses[i]!) / (Math.log(learningRates[i + 1]!) - Math.log(learningRates[i]!)),
    )
  }
  const index = argmin(gradients)
  return { rule: 'steep', learningRate: learningRates[index]!, index: offset + index }
}
