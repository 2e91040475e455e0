import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { functionValue, nonNegativeNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { upperBoundOf, withUpperBound } from './upper-bound'

/** Options of {@link scaleSchedule}. */
export interface ScaleScheduleOptions {
  /** The schedule to scale. Required. */
  readonly schedule: Schedule
  /** Constant multiplier `k`; a finite number ≥ 0. Required. */
  readonly factor: number
}

const OPTIONS = /* @__PURE__ */ optionTable<ScaleScheduleOptions>()('scaleSchedule', ['schedule', 'factor'])

/**
 * Multiplies a schedule by a constant factor.
 *
 * Formula: `f(t) = k·s(t)` with `s = schedule`, `k = factor`.
 *
 * Useful to reuse one shape at several rates (a multiplier schedule from 1 to 0 scaled by the base
 * rate) or to express a fixed ratio; per-group scales belong to the scheduler's groups instead.
 *
 * @param options - the options, each documented (default, range, unit) on {@link ScaleScheduleOptions}.
 * @returns A {@link Schedule}.
 * @throws InvalidArgumentError for an invalid or unknown option, or a `factor` whose product with the
 *   largest value of an lrkit-made `schedule` is not finite (eagerly); at call time for a negative,
 *   NaN or infinite step, and, for a `schedule` not made by an lrkit factory (its largest value is
 *   unknown), for a product that overflows.
 *
 * @example
 * ```ts
 * const multiplier: Schedule = (step) => Math.max(0, 1 - step / 100)
 * const schedule = scaleSchedule({ schedule: multiplier, factor: 3e-4 })
 * schedule(0)   // 3e-4   (step 0)
 * schedule(50)  // 1.5e-4
 * schedule(100) // 0      (end)
 * ```
 *
 * Equivalents: PyTorch `LambdaLR(optimizer, lr_lambda)` computes `base_lr × lr_lambda(t)`, i.e.
 * `scaleSchedule({ schedule: lr_lambda, factor: base_lr })`; HF's schedules are such multipliers
 * (`λ(t)`) times the optimizer's rate. optax composes with `lambda c: k * s(c)`; Keras has no
 * combinator.
 */
export function scaleSchedule(options: ScaleScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const schedule = functionValue<Schedule>('schedule', record.schedule)
  const factor = nonNegativeNumber('factor', record.factor)

  const inner = upperBoundOf(schedule)
  if (inner === undefined) {
    // A schedule not made by an lrkit factory: its largest value is unknown at construction, so an
    // overflowing product is reported when it happens instead of returning Infinity.
    return (step: number): number => {
      const value = factor * schedule(scheduleStep(step))
      if (value === Number.POSITIVE_INFINITY) {
        throw new InvalidArgumentError({
          argument: 'factor',
          value: factor,
          message: `factor × schedule(${step}) overflows: ${factor} × ${schedule(step)} is not a finite number; use a smaller factor`,
        })
      }
      return value
    }
  }
  const bound = factor * inner
  if (!Number.isFinite(bound)) {
    throw new InvalidArgumentError({
      argument: 'factor',
      value: factor,
      expected: `a number with factor × ${inner} finite (${inner} is the largest value of schedule; factor <= about ${(Number.MAX_VALUE / inner).toPrecision(3)})`,
    })
  }
  return withUpperBound((step: number): number => factor * schedule(scheduleStep(step)), bound)
}
