import { optionTable } from '../internal/option-table'
import { polynomialCurve } from '../internal/polynomial-curve'
import { nonNegativeInteger, nonNegativeNumber, positiveInteger, positiveNumber } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link polynomialSchedule}. */
export interface PolynomialScheduleOptions {
  /** Value up to and including step `transitionBegin`; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Value from step `transitionBegin + transitionSteps` on; a finite number ≥ 0. Default 0. */
  readonly endValue?: number
  /** Power `P` of the polynomial; a finite number > 0 (`P > 1` decays fast early, `P < 1` late). Default 1 (linear). */
  readonly exponent?: number
  /** Length `T` of the transition in steps; a positive integer. Required. */
  readonly transitionSteps: number
  /** Step `B` at which the transition starts; a non-negative integer (steps). Default 0. */
  readonly transitionBegin?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<PolynomialScheduleOptions>()('polynomialSchedule', [
  'initValue',
  'endValue',
  'exponent',
  'transitionSteps',
  'transitionBegin',
])

/**
 * Polynomial transition from `initValue` to `endValue` over `transitionSteps` steps, then hold.
 *
 * Formula, with `I = initValue`, `E = endValue`, `P = exponent`, `T = transitionSteps`,
 * `B = transitionBegin` and `c = clip(t − B, 0, T)`:
 *
 * ```text
 * f(t) = (I − E)·(1 − c/T)^P + E
 *      = I            for t ≤ B
 *      = E            for t ≥ B + T   (clamped past the horizon)
 * ```
 *
 * The values at `t ≤ B` and `t ≥ B + T` are exactly `I` and `E`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link PolynomialScheduleOptions}.
 * @returns A {@link Schedule}; monotone between `initValue` and `endValue`, both included.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = polynomialSchedule({
 *   initValue: 1, endValue: 0.01, exponent: 2, transitionSteps: 100, transitionBegin: 5,
 * })
 * schedule(0) // 1
 * schedule(5) // 1        (transition begins)
 * schedule(6) // 0.980299
 * schedule(104) // 0.010099
 * schedule(105) // 0.01   (end)
 * schedule(1e12) // 0.01  (clamped)
 * ```
 *
 * Equivalents:
 * - optax `polynomial_schedule(init_value, end_value, power, transition_steps, transition_begin)`:
 *   identical formula; optax logs and returns a constant for `transition_steps ≤ 0`, lrkit throws.
 * - PyTorch `PolynomialLR(total_iters=T, power=p)` with base rate `b` ≡
 *   `polynomialSchedule({ initValue: b, endValue: 0, exponent: p, transitionSteps: T })` (PyTorch
 *   always decays to 0; its recursive update equals this closed form up to rounding).
 * - Keras `PolynomialDecay(I, decay_steps=T, end_learning_rate=E, power=P, cycle=False)` (Keras'
 *   default `end_learning_rate` is 1e-4, lrkit's is 0; `cycle=True` has no equivalent here).
 * - HF `get_polynomial_decay_schedule_with_warmup` = a warmup followed by this schedule in a
 *   `sequenceSchedule` (HF reads `lr_init` from `optimizer.defaults`).
 */
export function polynomialSchedule(options: PolynomialScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const endValue = record.endValue === undefined ? 0 : nonNegativeNumber('endValue', record.endValue)
  const exponent = record.exponent === undefined ? 1 : positiveNumber('exponent', record.exponent)
  const transitionSteps = positiveInteger('transitionSteps', record.transitionSteps)
  const transitionBegin =
    record.transitionBegin === undefined ? 0 : nonNegativeInteger('transitionBegin', record.transitionBegin)

  return withUpperBound(
    polynomialCurve(initValue, endValue, exponent, transitionSteps, transitionBegin),
    Math.max(initValue, endValue),
  )
}
