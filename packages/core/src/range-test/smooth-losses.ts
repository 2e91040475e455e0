import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { numberInRange } from '../internal/validate'

/** Options of {@link smoothLosses}. */
export interface SmoothLossesOptions {
  /** EMA decay β, `0 ≤ β < 1`; default 0.98 (fastai `AvgSmoothLoss`). β = 0 returns the raw losses. */
  readonly beta?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<SmoothLossesOptions>()('smoothLosses', ['beta'])

/** @internal The EMA state of {@link smoothLosses}, for incremental use by the range-test runner. */
export interface EmaState {
  count: number
  average: number
}

/** @internal One debiased EMA update; returns the smoothed value. */
export function emaUpdate(state: EmaState, beta: number, loss: number): number {
  state.count += 1
  state.average = beta * state.average + (1 - beta) * loss
  return beta === 0 ? loss : state.average / (1 - beta ** state.count)
}

/**
 * Smooths a loss curve with an exponential moving average and the count-based (Adam-style) debias,
 * exactly as fastai's `AvgSmoothLoss`.
 *
 * ```text
 * a₀ = 0;   aₖ = β·aₖ₋₁ + (1 − β)·lossₖ;   smoothedₖ = aₖ / (1 − β^k)    (k = 1, 2, …)
 * ```
 *
 * The first smoothed value equals the first raw loss. Non-finite losses propagate (every later
 * value is non-finite); the range-test runner stops at the first one anyway.
 *
 * @param losses - the raw losses, one per step.
 * @param options - the options, each documented (default, range) on {@link SmoothLossesOptions}.
 * @returns A new array of the same length.
 * @throws InvalidArgumentError when `losses` is not an array of numbers or `beta` is out of range.
 *
 * @example
 * ```ts
 * smoothLosses([4, 2], { beta: 0.5 }) // [4, 2.6666…]   (a₂ = 0.5·2 + 0.5·2 = 2, 2/(1 − 0.25))
 * smoothLosses([4.724])               // [4.724]  (Lightning's off-by-one debias gives ≈ 2.386)
 * ```
 *
 * Equivalents: fastai `AvgSmoothLoss(beta=0.98)` (identical); ktrain (identical); torch-lr-finder
 * uses `smooth_f = 0.05` (β = 0.95) seeded with the first raw loss and no debias; Lightning
 * debiases with β^(k+1) (off by one: its first value is ≈ 0.505 × the loss).
 */
export function smoothLosses(losses: readonly number[], options: SmoothLossesOptions = {}): number[] {
  if (!Array.isArray(losses) || losses.some((loss) => typeof loss !== 'number')) {
    throw new InvalidArgumentError({ argument: 'losses', value: losses, expected: 'an array of numbers' })
  }
  const record = OPTIONS.read(options)
  const beta =
    record.beta === undefined
      ? 0.98
      : numberInRange('beta', record.beta, { min: 0, max: 1, maxExclusive: true })
  const state: EmaState = { count: 0, average: 0 }
  return losses.map((loss) => emaUpdate(state, beta, loss))
}
