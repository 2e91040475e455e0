import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, numberInRange, positiveInteger, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link stepSchedule}. */
export interface StepScheduleOptions {
  /** Value for steps `0 … stepSize − 1`; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Number of steps between two decays; a positive integer (steps). Required. */
  readonly stepSize: number
  /**
   * Multiplier applied every `stepSize` steps (PyTorch's `gamma`); `0 ≤ factor ≤ 1`. Default 0.1.
   * Growth (`factor > 1`) is rejected because it is unbounded over an unbounded number of steps; use
   * {@link exponentialSchedule} with `staircase: true` and an `endValue` ceiling for that.
   */
  readonly factor?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<StepScheduleOptions>()('stepSchedule', [
  'initValue',
  'stepSize',
  'factor',
])

/**
 * Decays the value by `factor` every `stepSize` steps (staircase decay).
 *
 * Formula, with `I = initValue`, `s = stepSize`, `γ = factor`:
 *
 * ```text
 * f(t) = I·γ^⌊t/s⌋
 * ```
 *
 * The value changes **at** every multiple of `s` (step `s` already uses `I·γ`), as PyTorch `StepLR`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link StepScheduleOptions}.
 * @returns A {@link Schedule}; non-increasing, between `0` and `initValue`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = stepSchedule({ initValue: 0.1, stepSize: 3, factor: 0.1 })
 * schedule(0) // 0.1
 * schedule(2) // 0.1    (last step before the first decay)
 * schedule(3) // 0.01   (first decay, at the multiple of stepSize)
 * schedule(6) // 0.001
 * schedule(1e12) // 0   (underflows to 0, never negative)
 * ```
 *
 * Equivalents:
 * - PyTorch `StepLR(step_size=s, gamma=γ)` with base rate `b` ≡
 *   `stepSchedule({ initValue: b, stepSize: s, factor: γ })` (PyTorch multiplies recursively; the
 *   values equal `b·γ^⌊t/s⌋` up to rounding). PyTorch also accepts `γ > 1`.
 * - optax `exponential_decay(I, transition_steps=s, decay_rate=γ, staircase=True)` and Keras
 *   `ExponentialDecay(I, decay_steps=s, decay_rate=γ, staircase=True)` give the same values.
 */
export function stepSchedule(options: StepScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const stepSize = positiveInteger('stepSize', record.stepSize)
  const factor =
    record.factor === undefined ? 0.1 : numberInRange('factor', record.factor, { min: 0, max: 1 })

  // Training reads consecutive steps, so the power only changes every stepSize steps: keep the
  // last one (a cache invisible to callers — the function stays pure).
  let cachedExponent = 0
  let cachedValue = initValue
  return withUpperBound((step: number): number => {
    scheduleStep(step)
    const exponent = Math.floor(step / stepSize)
    if (exponent !== cachedExponent) {
      cachedExponent = exponent
      cachedValue = initValue * factor ** exponent
    }
    return cachedValue
  }, initValue)
}
