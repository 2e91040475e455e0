import { optionTable } from '../internal/option-table'
import {
  argmin,
  indexGradient,
  type LossCurve,
  noSuggestion,
  prepareCurve,
  type Suggestion,
  type TrimOptions,
} from './suggestion'

/** Options of {@link steepestGradientSuggestion}. */
export type SteepestGradientSuggestionOptions = TrimOptions

const OPTIONS = /* @__PURE__ */ optionTable<SteepestGradientSuggestionOptions>()(
  'steepestGradientSuggestion',
  ['skipStart', 'skipEnd'],
)

/**
 * torch-lr-finder's suggestion: the point of the most negative central-difference gradient,
 * taken per **index** (equivalent to log-LR spacing on an exponential sweep).
 *
 * ```text
 * trim skipStart (10) and skipEnd (5) points;  g = np.gradient(loss);  return lr[argmin g]
 * ```
 *
 * Also Lightning ≤ 2.5.2 (with its own skips 10 / 1) and Lightning PR #21171 (log10 spacing) on a
 * uniform log ladder. Lightning ≥ 2.5.3's derivative w.r.t. the linear LR is deliberately not
 * offered (it collapses to the smallest rates). On the repository's range-test evaluation (README,
 * `pnpm bench lr-finder`), test set: median regret 98 %, 18 of 36 catastrophic.
 *
 * @param curve - the (smoothed) loss curve.
 * @param options - trimming, see {@link TrimOptions}; this rule's defaults: `skipStart` 10, `skipEnd` 5
 *   (torch-lr-finder).
 * @returns `{ rule: 'steepestGradient', learningRate, index }` or `{ rule, reason }` when fewer than
 *   2 points remain (torch-lr-finder raises there).
 * @throws InvalidArgumentError for a malformed curve or an invalid option.
 *
 * @example
 * ```ts
 * // g = −0.1, −0.35, −0.325, −0.05 (index gradient)
 * const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.9, 0.3, 0.25] }
 * steepestGradientSuggestion(curve, { skipStart: 0, skipEnd: 0 }) // { rule: 'steepestGradient', learningRate: 1e-2, index: 1 }
 * ```
 *
 * Equivalents: torch-lr-finder `LRFinder.plot(suggest_lr=True)` (identical on the same smoothed
 * history, except that non-finite points are cut here); Lightning `_LRFinder.suggestion()` ≤ 2.5.2.
 */
export function steepestGradientSuggestion(
  curve: LossCurve,
  options: SteepestGradientSuggestionOptions = {},
): Suggestion {
  const record = OPTIONS.read(options)
  const { learningRates, losses, offset } = prepareCurve(curve, record, { skipStart: 10, skipEnd: 5 })
  if (losses.length < 2) {
    return noSuggestion(
      'steepestGradient',
      `steepestGradient needs at least 2 finite points after trimming, got ${losses.length}`,
    )
  }
  const index = argmin(indexGradient(losses))
  return { rule: 'steepestGradient', learningRate: learningRates[index]!, index: offset + index }
}
