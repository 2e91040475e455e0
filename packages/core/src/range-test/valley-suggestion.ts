import { optionTable } from '../internal/option-table'
import {
  fastaiSkipStart,
  type LossCurve,
  noSuggestion,
  prepareCurve,
  type Suggestion,
  type TrimOptions,
} from './suggestion'

/** Options of {@link valleySuggestion}. */
export type ValleySuggestionOptions = TrimOptions

const OPTIONS = /* @__PURE__ */ optionTable<ValleySuggestionOptions>()('valleySuggestion', [
  'skipStart',
  'skipEnd',
])

/**
 * fastai's `valley` rule (the default since fastai 2.4): the middle of the longest decreasing run
 * of the loss curve.
 *
 * After trimming (`skipStart`, default ⌊n/10⌋ = fastai's `num_it//10`; `skipEnd`, default 5) and
 * cutting at the first non-finite loss, on the m remaining points:
 *
 * ```text
 * lds[i]  = length of the longest strictly decreasing subsequence ending at i   (O(m²) DP)
 * maxEnd  = first i with the largest lds;  maxStart = maxEnd − lds[maxEnd]
 * L = maxEnd − maxStart;  idx = maxStart + ⌊L/3⌋ + ⌊L/6⌋   (≈ the middle of the run)
 * return lr[idx]
 * ```
 *
 * The loop is transcribed from fastai (schedule.py L205–L223) including its quirks: `maxStart` is
 * updated only when `maxEnd` moves, so it can be stale by one, and it lies one before the run's
 * first point; the subsequence length is used as an index span; a 2-point run gives idx = −1,
 * which Python reads as the last point (reproduced). It never looks past the longest
 * run, so a divergence spike cannot fool it. On the test set of the repository's range-test
 * evaluation (README, `pnpm bench lr-finder`): median regret 5.8 %, 6 of 36 catastrophic (20 % and
 * 21 of 72 on the development set) — the best classic rule, still no sure thing (see
 * `findLearningRate` and the README). Use the result as the
 * **maximum** (peak) learning rate of a one-cycle schedule, as fastai's `fit_one_cycle(lr_max)`.
 *
 * @param curve - the (smoothed) loss curve.
 * @param options - trimming, see {@link TrimOptions}; this rule's defaults: `skipStart` ⌊curve length / 10⌋,
 *   `skipEnd` 5.
 * @returns `{ rule: 'valley', learningRate, index, bounds }` or `{ rule, reason }` when fewer than
 *   2 points remain.
 * @throws InvalidArgumentError for a malformed curve or an invalid option.
 *
 * @example
 * ```ts
 * // 20 points, losses 10, 9, …, 1 at indices 0…9 then rising; no trimming:
 * // lds peaks at index 9 (10), maxStart = −1, L = 10, idx = −1 + 3 + 1 = 3
 * const losses = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
 * const curve = { learningRates: losses.map((_, i) => 10 ** (i / 4 - 7)), losses }
 * valleySuggestion(curve, { skipStart: 0, skipEnd: 0 }).index // 3
 * ```
 *
 * Equivalents: fastai `SuggestionMethod.Valley` (identical on the same trimmed curve); ktrain's
 * `valley` is a copy.
 */
export function valleySuggestion(curve: LossCurve, options: ValleySuggestionOptions = {}): Suggestion {
  const record = OPTIONS.read(options)
  const { learningRates, losses, offset } = prepareCurve(curve, record, {
    skipStart: fastaiSkipStart(curve),
    skipEnd: 5,
  })
  const n = losses.length
  if (n < 2) return noSuggestion('valley', `valley needs at least 2 finite points after trimming, got ${n}`)
  const lds = new Array<number>(n).fill(1)
  let maxStart = 0
  let maxEnd = 0
  for (let i = 1; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (losses[i]! < losses[j]! && lds[i]! < lds[j]! + 1) lds[i] = lds[j]! + 1
      if (lds[maxEnd]! < lds[i]!) {
        maxEnd = i
        maxStart = maxEnd - lds[maxEnd]!
      }
    }
  }
  const sections = (maxEnd - maxStart) / 3
  const rawIndex = maxStart + Math.trunc(sections) + Math.trunc(sections / 2)
  // Python indexing: fastai's idx is −1 for a 2-point run and then means the last point.
  const index = rawIndex < 0 ? rawIndex + n : rawIndex
  return {
    rule: 'valley',
    learningRate: learningRates[index]!,
    index: offset + index,
    bounds: { startIndex: offset + Math.max(0, maxStart), endIndex: offset + maxEnd },
  }
}
