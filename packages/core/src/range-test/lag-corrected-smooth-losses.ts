import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { numberInRange } from '../internal/validate'
import { type EmaState, emaUpdate } from './smooth-losses'

/** Options of {@link lagCorrectedSmoothLosses}. */
export interface LagCorrectedSmoothLossesOptions {
  /**
   * EMA decay β of each of the two passes, `0 ≤ β < 1`; default 0.9 (a ≈ 10-step window each way).
   * β = 0 returns the raw losses.
   */
  readonly beta?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<LagCorrectedSmoothLossesOptions>()('lagCorrectedSmoothLosses', [
  'beta',
])

/**
 * Smooths a loss curve without shifting it: a debiased EMA forwards, then the same debiased EMA
 * backwards over the result (zero phase, as `scipy.signal.filtfilt`).
 *
 * ```text
 * fₖ = debiased EMA_β(loss₀ … lossₖ)            (as smoothLosses, forwards)
 * smoothedₖ = debiased EMA_β(fₙ₋₁, fₙ₋₂, …, fₖ)  (the same, backwards over f)
 * ```
 *
 * A one-sided EMA lags a trend by about β/(1 − β) steps: with fastai's β = 0.98 on a 1.2× ladder
 * (100 steps over 8 decades) the smoothed minimum sits up to ≈ 50 steps — more than a decade of
 * learning rate — after the raw one. The backward pass lags by the same amount the other way, so
 * the two cancel for a linear trend and a minimum stays where the raw curve has it. It needs the
 * whole curve (offline analysis after the sweep); for an online stop use a short window instead.
 *
 * @param losses - the raw losses, one per step (finite).
 * @param options - the options, each documented on {@link LagCorrectedSmoothLossesOptions}.
 * @returns A new array of the same length.
 * @throws InvalidArgumentError when `losses` is not an array of finite numbers or `beta` is out of
 *   range.
 *
 * @example
 * ```ts
 * lagCorrectedSmoothLosses([1, 1, 1], { beta: 0.9 }) // [1, 1, 1]
 * lagCorrectedSmoothLosses([4, 2], { beta: 0 })      // [4, 2]
 * ```
 *
 * Equivalents: `scipy.signal.filtfilt` with a one-pole low-pass filter (without its edge padding);
 * fastai, torch-lr-finder and Lightning smooth one-sided only.
 */
export function lagCorrectedSmoothLosses(
  losses: readonly number[],
  options: LagCorrectedSmoothLossesOptions = {},
): number[] {
  if (!Array.isArray(losses) || losses.some((loss) => typeof loss !== 'number' || !Number.isFinite(loss))) {
    throw new InvalidArgumentError({
      argument: 'losses',
      value: losses,
      expected: 'an array of finite numbers',
    })
  }
  const record = OPTIONS.read(options)
  const beta =
    record.beta === undefined
      ? 0.9
      : numberInRange('beta', record.beta, { min: 0, max: 1, maxExclusive: true })
  return zeroPhaseEma(losses, beta)
}

/** @internal {@link lagCorrectedSmoothLosses} without validation. */
export function zeroPhaseEma(losses: readonly number[], beta: number): number[] {
  const forward: EmaState = { count: 0, average: 0 }
  const once = losses.map((loss) => emaUpdate(forward, beta, loss))
  const backward: EmaState = { count: 0, average: 0 }
  const twice = new Array<number>(once.length)
  for (let i = once.length - 1; i >= 0; i--) twice[i] = emaUpdate(backward, beta, once[i]!)
  return twice
}
