import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import {
  functionValue,
  nonNegativeInteger,
  nonNegativeNumber,
  numberInRange,
  oneOf,
  scheduleStep,
} from '../internal/validate'
import type { Schedule } from './types'
import { largestBound, upperBoundOf, withUpperBound } from './upper-bound'

/** The smallest positive normal double (2⁻¹⁰²²). */
const MIN_NORMAL = 2.2250738585072014e-308

/** Options of {@link warmupSchedule}. */
export interface WarmupScheduleOptions {
  /** The schedule to warm up into; its value at step 0 is the warmup target. Required. */
  readonly schedule: Schedule
  /** Length `W` of the warmup in steps; a non-negative integer (0 returns `schedule` unchanged). Required. */
  readonly warmupSteps: number
  /** Absolute start value; a finite number ≥ 0. Default 0 (when `startFactor` is not given). */
  readonly initValue?: number
  /** Start value as a fraction of the target `schedule(0)` (PyTorch `LinearLR`'s `start_factor`); 0 < startFactor ≤ 1. Exclusive with `initValue`. */
  readonly startFactor?: number
  /** Ramp shape: `'linear'` or `'exponential'` (geometric; needs a start value > 0 and `schedule(0) > 0`). Default `'linear'`. */
  readonly shape?: 'linear' | 'exponential'
  /** `'prepend'`: `schedule` starts after the warmup (sees `t − W`); `'overlay'`: the warmup replaces its first `W` steps. Default `'prepend'`. */
  readonly placement?: 'prepend' | 'overlay'
}

const OPTIONS = /* @__PURE__ */ optionTable<WarmupScheduleOptions>()('warmupSchedule', [
  'schedule',
  'warmupSteps',
  'initValue',
  'startFactor',
  'shape',
  'placement',
])

/**
 * Adds a warmup ramp in front of (or over the start of) any schedule.
 *
 * Formula, with `s = schedule`, target `v = s(0)`, `W = warmupSteps`, start `a = initValue` or
 * `startFactor·v`:
 *
 * ```text
 * t < W:  f(t) = a + (v − a)·t/W          ('linear')
 *         f(t) = a·(v/a)^(t/W)            ('exponential', a > 0)
 * t ≥ W:  f(t) = s(t − W)                 ('prepend')
 *         f(t) = s(t)                     ('overlay')
 * ```
 *
 * `'prepend'` is continuous: the ramp ends at `s(0)`, which is the value at step `W`. `'overlay'`
 * jumps from the ramp into `s(W)`. The target `s(0)` is evaluated once, when the warmup is built.
 *
 * @param options - the options, each documented (default, range, unit) on {@link WarmupScheduleOptions}.
 * @returns A {@link Schedule}.
 * @throws InvalidArgumentError for an invalid or unknown option, both `initValue` and `startFactor`,
 *   an `'exponential'` ramp from or to 0 (also when `startFactor × schedule(0)` underflows), or a `schedule(0)` that is not a finite number ≥ 0
 *   (eagerly), and at call time for a negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const decay: Schedule = (step) => 0.1 * 0.5 ** step
 * const schedule = warmupSchedule({ schedule: decay, warmupSteps: 4 })
 * schedule(0) // 0      (step 0)
 * schedule(3) // 0.075  (last warmup step)
 * schedule(4) // 0.1    (= decay(0): first step after the warmup)
 * schedule(5) // 0.05   (= decay(1))
 * warmupSchedule({ schedule: decay, warmupSteps: 4, placement: 'overlay' })(4) // 0.00625 (= decay(4))
 * ```
 *
 * Equivalents:
 * - PyTorch `SequentialLR([LinearLR(start_factor=f, end_factor=1, total_iters=W), X], milestones=[W])`
 *   ≡ `{ schedule: X, warmupSteps: W, startFactor: f }` (`'prepend'`); PyTorch's `LinearLR` needs
 *   `f > 0`, so a warmup from exactly 0 is `initValue: 0` here.
 * - HF `get_*_schedule_with_warmup(num_warmup_steps=W, …)`: `{ initValue: 0, placement: 'prepend' }`
 *   (the defaults), with the decay horizon shortened by `W` (HF counts warmup in
 *   `num_training_steps`).
 * - optax `warmup_cosine_decay_schedule(init_value, peak_value, W, decay_steps, end_value)` ≡
 *   `{ schedule: cosine(peak_value → end_value over decay_steps − W), warmupSteps: W, initValue:
 *   init_value }`: optax's `decay_steps` includes the warmup, so the cosine's `totalSteps` is
 *   `decay_steps − W`. optax's warmups are `join_schedules`, i.e. `'prepend'`.
 * - Keras `CosineDecay(initial_learning_rate, decay_steps, warmup_target, warmup_steps=W)` ≡
 *   `{ schedule: cosine(warmup_target over decay_steps), warmupSteps: W, initValue:
 *   initial_learning_rate }` (Keras's `decay_steps` excludes the warmup).
 * - timm `warmup_t`, `warmup_lr_init`: `warmup_prefix=True` is `'prepend'`, `warmup_prefix=False`
 *   (timm's default) is `'overlay'`.
 */
export function warmupSchedule(options: WarmupScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const schedule = functionValue<Schedule>('schedule', record.schedule)
  const warmupSteps = nonNegativeInteger('warmupSteps', record.warmupSteps)
  if (record.initValue !== undefined && record.startFactor !== undefined) {
    throw new InvalidArgumentError({
      argument: 'startFactor',
      value: record.startFactor,
      message: `startFactor must not be given together with initValue (give one of them), got ${String(record.startFactor)}`,
    })
  }
  const initValue =
    record.initValue === undefined ? undefined : nonNegativeNumber('initValue', record.initValue)
  const startFactor =
    record.startFactor === undefined
      ? undefined
      : numberInRange('startFactor', record.startFactor, { min: 0, max: 1, minExclusive: true })
  const shape =
    record.shape === undefined ? 'linear' : oneOf('shape', record.shape, ['linear', 'exponential'])
  const placement =
    record.placement === undefined ? 'prepend' : oneOf('placement', record.placement, ['prepend', 'overlay'])

  if (warmupSteps === 0) {
    return withUpperBound((step: number): number => schedule(scheduleStep(step)), upperBoundOf(schedule))
  }

  const target = schedule(0)
  if (typeof target !== 'number' || !Number.isFinite(target) || target < 0) {
    throw new InvalidArgumentError({
      argument: 'schedule',
      value: target,
      message: `schedule(0) must be a finite number >= 0 (the warmup target), got ${String(target)}`,
    })
  }
  const start = startFactor === undefined ? (initValue ?? 0) : startFactor * target
  if (shape === 'exponential') {
    if (!(target > 0)) {
      throw new InvalidArgumentError({
        argument: 'schedule',
        value: target,
        message: `schedule(0) must be > 0 when shape is "exponential" (the warmup target), got ${target}`,
      })
    }
    if (startFactor === undefined && !(start > 0)) {
      throw new InvalidArgumentError({
        argument: 'initValue',
        value: start,
        message: `initValue must be a finite number > 0 when shape is "exponential", got ${start}`,
      })
    }
    if (startFactor !== undefined && !(start > 0)) {
      throw new InvalidArgumentError({
        argument: 'startFactor',
        value: startFactor,
        expected: `a number with startFactor × schedule(0) > 0 when shape is "exponential" (the start value underflows to 0; schedule(0) is ${target})`,
      })
    }
  }

  const rise = target - start
  const ratio = target / start
  // ln(target / start); where the ratio over- or underflows (a start of 1e308 warming towards
  // 1e-10) or loses precision as a subnormal, ln(target) − ln(start), which stays finite.
  const logRatio =
    shape !== 'exponential'
      ? 0
      : ratio >= MIN_NORMAL && ratio < Number.POSITIVE_INFINITY
        ? Math.log(ratio)
        : Math.log(target) - Math.log(start)
  const exponential = shape === 'exponential'
  const offset = placement === 'prepend' ? warmupSteps : 0

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      if (step < warmupSteps) {
        const progress = step / warmupSteps
        if (!exponential) return start + rise * progress
        const value = start * Math.exp(logRatio * progress)
        // From a tiny start towards a huge target, exp(…) alone overflows before the product is
        // back in range: the same value in log space.
        return value === Number.POSITIVE_INFINITY ? Math.exp(Math.log(start) + logRatio * progress) : value
      }
      return schedule(step - offset)
    },
    largestBound([start, target, upperBoundOf(schedule)]),
  )
}
