import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { functionValue, nonNegativeNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { upperBoundOf, withUpperBound } from './upper-bound'

/** Options of {@link clampSchedule}. */
export interface ClampScheduleOptions {
  /** The schedule to bound. Required. */
  readonly schedule: Schedule
  /** Lower bound (a floor); a finite number ≥ 0. Default: none. At least one bound is required. */
  readonly minValue?: number
  /** Upper bound (a ceiling); a finite number ≥ `minValue`. Default: none. At least one bound is required. */
  readonly maxValue?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<ClampScheduleOptions>()('clampSchedule', [
  'schedule',
  'minValue',
  'maxValue',
])

/**
 * Bounds a schedule from below, above or both.
 *
 * Formula: `f(t) = min(max(s(t), minValue), maxValue)` with `s = schedule`; a missing bound does
 * not apply.
 *
 * @param options - the options, each documented (default, range, unit) on {@link ClampScheduleOptions}.
 * @returns A {@link Schedule} with values in `[minValue, maxValue]`.
 * @throws InvalidArgumentError for an invalid or unknown option, neither bound, or
 *   `maxValue < minValue` (eagerly), and at call time for a negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const decay: Schedule = (step) => 0.1 * 0.5 ** step
 * const schedule = clampSchedule({ schedule: decay, minValue: 0.01, maxValue: 0.08 })
 * schedule(0)    // 0.08   (step 0: 0.1 capped)
 * schedule(1)    // 0.05
 * schedule(4)    // 0.01   (0.00625 floored)
 * schedule(1e12) // 0.01
 * ```
 *
 * Equivalents: optax `exponential_decay(end_value=…)`'s bound and PyTorch `ReduceLROnPlateau`'s
 * `min_lr` are built-in floors of one schedule; this applies to any schedule (optax:
 * `lambda c: jnp.clip(s(c), lo, hi)`).
 */
export function clampSchedule(options: ClampScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const schedule = functionValue<Schedule>('schedule', record.schedule)
  if (record.minValue === undefined && record.maxValue === undefined) {
    throw new InvalidArgumentError({
      argument: 'minValue',
      value: undefined,
      message: 'minValue or maxValue must be given (clampSchedule needs at least one bound), got neither',
    })
  }
  const minValue =
    record.minValue === undefined ? Number.NEGATIVE_INFINITY : nonNegativeNumber('minValue', record.minValue)
  const maxValue =
    record.maxValue === undefined ? Number.POSITIVE_INFINITY : nonNegativeNumber('maxValue', record.maxValue)
  if (maxValue < minValue) {
    throw new InvalidArgumentError({
      argument: 'maxValue',
      value: maxValue,
      expected: `a finite number >= minValue (${minValue})`,
    })
  }

  const inner = upperBoundOf(schedule)
  const bound = inner === undefined ? maxValue : Math.min(maxValue, Math.max(inner, minValue))
  return withUpperBound(
    (step: number): number => Math.min(Math.max(schedule(scheduleStep(step)), minValue), maxValue),
    Number.isFinite(bound) ? bound : undefined,
  )
}
