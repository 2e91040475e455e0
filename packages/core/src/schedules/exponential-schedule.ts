import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import {
  booleanValue,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  scheduleStep,
} from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link exponentialSchedule}. */
export interface ExponentialScheduleOptions {
  /** Value up to and including step `transitionBegin`; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Multiplier per `transitionSteps` steps (optax `decay_rate`, PyTorch `gamma`); finite, > 0. Required. */
  readonly factor: number
  /** Number of steps over which the value is multiplied by `factor` once; a positive integer. Default 1. */
  readonly transitionSteps?: number
  /** Step at which the decay starts; a non-negative integer (steps). Default 0. */
  readonly transitionBegin?: number
  /** Floor the exponent (`⌊(t − B)/T⌋`), giving discrete jumps every `transitionSteps` steps. Default false. */
  readonly staircase?: boolean
  /**
   * Optional bound; a finite number ≥ 0: a floor (`max`) when `factor < 1`, a ceiling (`min`) when
   * `factor ≥ 1`. Required when `factor > 1`, so that the value stays finite. Default: none.
   */
  readonly endValue?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<ExponentialScheduleOptions>()('exponentialSchedule', [
  'initValue',
  'factor',
  'transitionSteps',
  'transitionBegin',
  'staircase',
  'endValue',
])

/**
 * Exponential decay (or growth): the value is multiplied by `factor` every `transitionSteps` steps.
 *
 * Formula, with `I = initValue`, `γ = factor`, `T = transitionSteps`, `B = transitionBegin`,
 * `E = endValue`:
 *
 * ```text
 * p(t) = (t − B)/T            (⌊(t − B)/T⌋ when staircase)
 * v(t) = I                    for t ≤ B
 *      = I·γ^p(t)             for t > B
 * f(t) = max(v(t), E)         when endValue is given and γ < 1   (floor)
 *      = min(v(t), E)         when endValue is given and γ ≥ 1   (ceiling)
 *      = v(t)                 otherwise
 * ```
 *
 * As in optax, the bound applies at every step, including `t ≤ B`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link ExponentialScheduleOptions}.
 * @returns A {@link Schedule}; non-increasing when `γ < 1`, non-decreasing when `γ > 1`, finite and
 *   ≥ 0 for every step (a decay without `endValue` underflows to 0 for huge steps).
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = exponentialSchedule({ initValue: 1, factor: 0.5, transitionSteps: 2, transitionBegin: 1 })
 * schedule(0) // 1
 * schedule(1) // 1            (transition begins)
 * schedule(2) // 0.70710678…  (0.5^0.5)
 * schedule(3) // 0.5
 * schedule(1e12) // 0         (underflow; never negative)
 * // staircase: true, endValue: 0.2 → 1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, …
 * ```
 *
 * Equivalents:
 * - PyTorch `ExponentialLR(gamma=γ)` with base rate `b` ≡
 *   `exponentialSchedule({ initValue: b, factor: γ })` (`transitionSteps: 1`; PyTorch multiplies
 *   recursively, equal to `b·γ^t` up to rounding).
 * - optax `exponential_decay(init_value, transition_steps, decay_rate, transition_begin, staircase,
 *   end_value)`: same formula and bound. optax returns a constant for `decay_rate = 0` or
 *   `transition_steps ≤ 0`; lrkit throws.
 * - Keras `ExponentialDecay(I, decay_steps=T, decay_rate=γ, staircase)` ≡ `transitionBegin: 0`, no
 *   `endValue`.
 * - PyTorch `StepLR(s, γ)` ≡ `staircase: true, transitionSteps: s` (see also {@link stepSchedule}).
 */
export function exponentialSchedule(options: ExponentialScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const factor = positiveNumber('factor', record.factor)
  const transitionSteps =
    record.transitionSteps === undefined ? 1 : positiveInteger('transitionSteps', record.transitionSteps)
  const transitionBegin =
    record.transitionBegin === undefined ? 0 : nonNegativeInteger('transitionBegin', record.transitionBegin)
  const staircase = record.staircase === undefined ? false : booleanValue('staircase', record.staircase)
  const endValue = record.endValue === undefined ? undefined : nonNegativeNumber('endValue', record.endValue)
  if (endValue === undefined && factor > 1) {
    throw new InvalidArgumentError({
      argument: 'endValue',
      value: endValue,
      expected: `a finite number >= 0 (a ceiling) when factor > 1, since the value grows without bound (factor is ${factor})`,
    })
  }

  const hasFloor = endValue !== undefined && factor < 1
  const hasCeiling = endValue !== undefined && factor >= 1
  const bound = endValue ?? 0

  // factor^r as exp(r·ln factor): several times faster than a general power, and within
  // |r·ln factor|·2⁻⁵³ relative of it (1e-15 at r = 100, factor 0.9).
  const logFactor = Math.log(factor)
  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      let value = initValue
      if (step > transitionBegin && initValue !== 0) {
        const ratio = (step - transitionBegin) / transitionSteps
        value = initValue * Math.exp((staircase ? Math.floor(ratio) : ratio) * logFactor)
      }
      if (hasFloor) return Math.max(value, bound)
      if (hasCeiling) return Math.min(value, bound)
      return value
    },
    Math.max(initValue, endValue ?? 0),
  )
}
