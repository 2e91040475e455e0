import { optionTable } from '../internal/option-table'
import { positiveNumber } from '../internal/validate'
import {
  argmin,
  fastaiSkipStart,
  type LossCurve,
  noSuggestion,
  prepareCurve,
  type Suggestion,
  type TrimOptions,
} from './suggestion'

/** Options of {@link minimumSuggestion}. */
export interface MinimumSuggestionOptions extends TrimOptions {
  /** The learning rate at the loss minimum is divided by this; > 0; default 10 (fastai). */
  readonly divisor?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<MinimumSuggestionOptions>()('minimumSuggestion', [
  'skipStart',
  'skipEnd',
  'divisor',
])

/**
 * fastai's `minimum` rule: the learning rate of the lowest loss, divided by 10.
 *
 * ```text
 * return lr[argmin loss] / divisor      (after trimming ⌊n/10⌋ / 5 and the non-finite cut)
 * ```
 *
 * At the minimum the loss is about to blow up, hence one decade back. `index` is the minimum's
 * point (fastai's plot also marks the undivided point). On the test set of the repository's
 * range-test evaluation (README, `pnpm bench lr-finder`: 6 tasks × 2 optimizers × 3 seeds): median
 * regret 9.7 %, 6 of 36 catastrophic.
 *
 * @param curve - the (smoothed) loss curve.
 * @param options - the options, each documented on {@link MinimumSuggestionOptions}; this rule's trimming
 *   defaults: `skipStart` ⌊curve length / 10⌋, `skipEnd` 5.
 * @returns `{ rule: 'minimum', learningRate, index }` or `{ rule, reason }` when no point remains.
 * @throws InvalidArgumentError for a malformed curve or an invalid option.
 *
 * @example
 * ```ts
 * const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.5, 0.2, 3] }
 * minimumSuggestion(curve, { skipStart: 0, skipEnd: 0 }) // { rule: 'minimum', learningRate: 1e-2, index: 2 }
 * ```
 *
 * Equivalents: fastai `SuggestionMethod.Minimum` (identical); ktrain's `lrs[ml]/10`.
 */
export function minimumSuggestion(curve: LossCurve, options: MinimumSuggestionOptions = {}): Suggestion {
  const record = OPTIONS.read(options)
  const divisor = record.divisor === undefined ? 10 : positiveNumber('divisor', record.divisor)
  const { learningRates, losses, offset } = prepareCurve(curve, record, {
    skipStart: fastaiSkipStart(curve),
    skipEnd: 5,
  })
  if (losses.length < 1)
    return noSuggestion('minimum', 'minimum needs at least 1 finite point after trimming, got 0')
  const index = argmin(losses)
  return { rule: 'minimum', learningRate: learningRates[index]! / divisor, index: offset + index }
}
