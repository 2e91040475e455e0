import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link constantSchedule}. */
export interface ConstantScheduleOptions {
  /** The value returned at every step; a finite number ≥ 0. Required. */
  readonly value: number
}

const OPTIONS = /* @__PURE__ */ optionTable<ConstantScheduleOptions>()('constantSchedule', ['value'])

/**
 * A schedule that returns the same value at every step.
 *
 * Formula: `f(t) = value` for every step `t ≥ 0`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link ConstantScheduleOptions}.
 * @returns A {@link Schedule} that returns `value` for every finite step ≥ 0 and throws
 *   `InvalidArgumentError` for a negative, NaN or infinite step.
 * @throws InvalidArgumentError when `value` is missing, negative or not finite, or an unknown option
 *   is given.
 *
 * @example
 * ```ts
 * const schedule = constantSchedule({ value: 0.1 })
 * schedule(0) // 0.1
 * schedule(1e12) // 0.1
 * ```
 *
 * Equivalents: optax `constant_schedule(value)`; HF `get_constant_schedule` (multiplier 1 on the
 * optimizer's rate); Keras and PyTorch: a plain float learning rate with no scheduler (or PyTorch
 * `LambdaLR(lambda t: 1.0)` with base `value`).
 */
export function constantSchedule(options: ConstantScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const value = nonNegativeNumber('value', record.value)
  return withUpperBound((step: number): number => {
    scheduleStep(step)
    return value
  }, value)
}
