import { optionTable } from '../internal/option-table'
import { polynomialCurve } from '../internal/polynomial-curve'
import { nonNegativeInteger, nonNegativeNumber, positiveInteger } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link linearSchedule}. */
export interface LinearScheduleOptions {
  /** Value up to and including step `transitionBegin`; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Value from step `transitionBegin + transitionSteps` on; a finite number ≥ 0. Required. */
  readonly endValue: number
  /** Length `T` of the transition in steps; a positive integer. Required. */
  readonly transitionSteps: number
  /** Step `B` at which the transition starts; a non-negative integer (steps). Default 0. */
  readonly transitionBegin?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<LinearScheduleOptions>()('linearSchedule', [
  'initValue',
  'endValue',
  'transitionSteps',
  'transitionBegin',
])

/**
 * Linear transition from `initValue` to `endValue` over `transitionSteps` steps, then hold.
 *
 * Formula, with `I = initValue`, `E = endValue`, `T = transitionSteps`, `B = transitionBegin` and
 * `c = clip(t − B, 0, T)`:
 *
 * ```text
 * f(t) = (I − E)·(1 − c/T) + E
 *      = I            for t ≤ B
 *      = E            for t ≥ B + T   (clamped past the horizon)
 * ```
 *
 * This is {@link polynomialSchedule} with `exponent: 1`; the values at `t ≤ B` and `t ≥ B + T` are
 * exactly `I` and `E`. Works in both directions (warmup when `E > I`, decay when `E < I`).
 *
 * @param options - the options, each documented (default, range, unit) on {@link LinearScheduleOptions}.
 * @returns A {@link Schedule}; monotone between `initValue` and `endValue`, both included.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 4 })
 * schedule(0) // 1      (step 0)
 * schedule(1) // 0.75
 * schedule(3) // 0.25   (last transition step)
 * schedule(4) // 0      (end)
 * schedule(1e12) // 0   (clamped)
 * ```
 *
 * Equivalents:
 * - optax `linear_schedule(init_value, end_value, transition_steps, transition_begin)`: identical
 *   (optax logs and returns a constant for `transition_steps ≤ 0`; lrkit throws).
 * - PyTorch `LinearLR(start_factor=s, end_factor=e, total_iters=T)` with base rate `b` ≡
 *   `linearSchedule({ initValue: b·s, endValue: b·e, transitionSteps: T })`; PyTorch requires
 *   `s > 0`, lrkit allows `initValue: 0`. The default `LinearLR()` is `s = 1/3, e = 1, T = 5`.
 * - Keras `PolynomialDecay(I, decay_steps=T, end_learning_rate=E, power=1.0, cycle=False)`.
 * - HF `get_linear_schedule_with_warmup(W, N)` with peak `p` = `sequenceSchedule` of a warmup
 *   `linearSchedule({ initValue: 0, endValue: p, transitionSteps: W })` and
 *   `linearSchedule({ initValue: p, endValue: 0, transitionSteps: N − W })` at boundary `W`.
 */
export function linearSchedule(options: LinearScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const endValue = nonNegativeNumber('endValue', record.endValue)
  const transitionSteps = positiveInteger('transitionSteps', record.transitionSteps)
  const transitionBegin =
    record.transitionBegin === undefined ? 0 : nonNegativeInteger('transitionBegin', record.transitionBegin)

  return withUpperBound(
    polynomialCurve(initValue, endValue, 1, transitionSteps, transitionBegin),
    Math.max(initValue, endValue),
  )
}
