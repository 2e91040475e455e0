import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { type OptionRecord, optionTable } from '../internal/option-table'
import { booleanValue, oneOf, positiveInteger, positiveNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from '../schedules/types'

/** Options of {@link rangeTestSchedule}. */
export interface RangeTestScheduleOptions {
  /** Learning rate at step 0; a finite number > 0; default 1e-7 (fastai). */
  readonly startValue?: number
  /**
   * Learning rate the sweep heads for; finite, > `startValue`; default 10 (fastai). Every rate of the
   * sweep must be finite: in exponential mode `endValue / startValue` must not overflow.
   */
  readonly endValue?: number
  /** Number of sweep steps (mini-batches); an integer ≥ 2; default 100 (fastai `num_it`). */
  readonly steps?: number
  /** `'exponential'` (default; geometric ladder) or `'linear'`. */
  readonly mode?: 'exponential' | 'linear'
  /**
   * `false` (default, fastai): the ladder has `steps` rungs of a `steps`-interval division, so the
   * last rung is one interval below `endValue`. `true` (torch-lr-finder): divide by `steps − 1` so
   * the last step is exactly `endValue`.
   */
  readonly includeEnd?: boolean
}

/** A range-test sweep: a {@link Schedule} plus the resolved options and the ladder as an array. */
export interface RangeTestSchedule extends Schedule {
  /** The resolved options. */
  readonly options: Required<RangeTestScheduleOptions>
  /** The learning rates of steps 0 … steps − 1. */
  readonly values: readonly number[]
}

const OPTIONS = /* @__PURE__ */ optionTable<RangeTestScheduleOptions>()('rangeTestSchedule', [
  'startValue',
  'endValue',
  'steps',
  'mode',
  'includeEnd',
])

/**
 * @internal Validates the sweep options of a record already read by an option table (unknown keys
 * rejected there), including every rate of the sweep.
 */
export function resolveRangeTestScheduleOptions(
  record: OptionRecord<RangeTestScheduleOptions>,
): Required<RangeTestScheduleOptions> {
  const startValue = record.startValue === undefined ? 1e-7 : positiveNumber('startValue', record.startValue)
  const endValue = record.endValue === undefined ? 10 : positiveNumber('endValue', record.endValue)
  if (!(endValue > startValue)) {
    throw new InvalidArgumentError({
      argument: 'endValue',
      value: endValue,
      expected: `a number > startValue (${startValue})`,
    })
  }
  const steps = record.steps === undefined ? 100 : positiveInteger('steps', record.steps)
  if (steps < 2) {
    throw new InvalidArgumentError({ argument: 'steps', value: steps, expected: 'an integer >= 2' })
  }
  const mode =
    record.mode === undefined ? 'exponential' : oneOf('mode', record.mode, ['exponential', 'linear'])
  const includeEnd = record.includeEnd === undefined ? false : booleanValue('includeEnd', record.includeEnd)
  const resolved = { startValue, endValue, steps, mode, includeEnd }
  checkSweep(resolved)
  return resolved
}

/** @internal The learning rate of sweep step `index` (clamped to the last step), from resolved options. */
export function sweepRate(options: Required<RangeTestScheduleOptions>): (index: number) => number {
  const { startValue, endValue, steps, mode, includeEnd } = options
  const divisor = includeEnd ? steps - 1 : steps
  const ratio = endValue / startValue
  return (index: number): number => {
    const position = Math.min(index, steps - 1) / divisor
    if (mode === 'linear') return startValue + (endValue - startValue) * position
    const value = startValue * ratio ** position
    // Pin the exact end value (rounding of ratio ** 1 can differ in the last bit).
    return position === 1 ? endValue : value
  }
}

/**
 * Throws unless every learning rate of the sweep is a finite number > 0, so that an end rate whose
 * ratio to the start rate overflows (1e-300 → 1e300: `endValue / startValue` is Infinity) is an
 * option error up front instead of an Infinity handed to the trainable.
 */
function checkSweep(options: Required<RangeTestScheduleOptions>): void {
  const { startValue, endValue, steps, mode } = options
  const rate = sweepRate(options)
  for (let index = 0; index < steps; index++) {
    const value = rate(index)
    if (Number.isFinite(value) && value > 0) continue
    const ratio = endValue / startValue
    const overflow =
      mode === 'exponential' && !Number.isFinite(ratio)
        ? `endValue / startValue overflows (${endValue} / ${startValue} = ${ratio}): `
        : ''
    throw new InvalidArgumentError({
      argument: 'endValue',
      value: endValue,
      message: `${overflow}the ${mode} sweep from startValue ${startValue} to endValue ${endValue} over ${steps} steps would use the learning rate ${value} at step ${index}; every rate must be a finite number > 0, so lower endValue or raise startValue`,
    })
  }
}

/**
 * The learning-rate sweep of a range test (LR finder): a pure schedule over steps 0 … steps − 1.
 *
 * Formula, with `d = steps` (fastai, default) or `d = steps − 1` (`includeEnd: true`,
 * torch-lr-finder), for `0 ≤ i ≤ steps − 1`:
 *
 * ```text
 * exponential: lr(i) = startValue · (endValue / startValue)^(i / d)
 * linear:      lr(i) = startValue + (endValue − startValue) · i / d
 * past the end (i > steps − 1): lr(i) = lr(steps − 1)   (clamps)
 * ```
 *
 * fastai's `sched_exp(start, end, pos)` with `pos = train_iter / num_it` (schedule.py L45, L181)
 * records `num_it` rates from `start` up to `end·(start/end)^(1/num_it)`, slightly below `end`;
 * fastai's own test asserts this sequence. torch-lr-finder uses `r = i/(num_iter − 1)` and ends at
 * `end_lr` exactly (`includeEnd: true`). Lightning's `_ExponentialLR` has a ladder bug (the first
 * gap is squared) that is deliberately not reproduced.
 *
 * @param options - the options, each documented (default, range, unit) on {@link RangeTestScheduleOptions}.
 * @returns A {@link RangeTestSchedule}: `schedule(i)` for any finite step ≥ 0, plus `values`.
 * @throws InvalidArgumentError for an invalid or unknown option, or when a rate of the sweep would
 *   not be a finite number > 0 (`endValue / startValue` overflows, e.g. 1e-300 → 1e300).
 *
 * @example
 * ```ts
 * const sweep = rangeTestSchedule({ startValue: 1e-7, endValue: 10, steps: 100 })
 * sweep(0)   // 1e-7
 * sweep(50)  // 1e-3          (1e-7 · 1e8^0.5)
 * sweep(99)  // ≈ 8.3176      (10 · 1e-8^(1/100), fastai's last rate)
 * rangeTestSchedule({ steps: 100, includeEnd: true })(99) // 10
 * ```
 *
 * Equivalents: fastai `lr_find(start_lr, end_lr, num_it)` sweep; torch-lr-finder `ExponentialLR` /
 * `LinearLR` of `range_test(step_mode)`; DeepSpeed `LRRangeTest` is a different (linear-in-steps,
 * unbounded) ramp.
 */
export function rangeTestSchedule(options: RangeTestScheduleOptions = {}): RangeTestSchedule {
  const resolved = resolveRangeTestScheduleOptions(OPTIONS.read(options))
  const at = sweepRate(resolved)
  const values = Array.from({ length: resolved.steps }, (_, index) => at(index))
  const schedule = (step: number): number => at(scheduleStep(step))
  return Object.assign(schedule, { options: resolved, values })
}
