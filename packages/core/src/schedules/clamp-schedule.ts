import { InvalidArgumentError } from '../errors/invalid-argument-error'
import {
  functionValue,
  knownKeys,
  nonNegativeNumber,
  optionsObject,
  scheduleStep,
} from '../internal/validate'
import type { Schedule } from './types'

/** Options of {@link clampSchedule}. */
export interface ClampScheduleOptions {
  /** The schedule to bound. Required. */
  readonly schedule: Schedule
  /** Lower bound (a floor); a finite number ≥ 0. Default: none. At least one bound is required. */
  readonly minValue?: number
  /** Upper bound (a ceiling); a finite number ≥ `minValue`. Default: none. At least one bound is required. */
  readonly maxValue?: number
}

const OPTION_KEYS = ['schedule', 'minValue', 'maxValue'] as const

/**
 * Bounds a schedule from below, above or both.
 *
 * Formula: `f(t) = min(max(s(t), minValue), maxValue)` with `s = schedule`; a missing bound does
 * not apply.
 *
 * @param options.schedule - the wrapped schedule; required.
 * @param options.minValue - floor; default none; finite, ≥ 0.
 * @param options.maxValue - ceiling; default none; finite, ≥ 0 and ≥ `minValue`.
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
  const record = optionsObject('options', options)
  knownKeys('clampSchedule', record, OPTION_KEYS)
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

  return (step: number): number => Math.min(Math.max(schedule(scheduleStep(step)), minValue), maxValue)
}
