import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import {
  nonNegativeInteger,
  nonNegativeNumber,
  numberInRange,
  oneOf,
  positiveInteger,
  scheduleStep,
} from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link cyclicSchedule}. */
export interface CyclicScheduleOptions {
  /** Lower bound `b` of every cycle (PyTorch `base_lr`); a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Upper bound `p` of the first cycle (PyTorch `max_lr`); a finite number ≥ `initValue`. Required. */
  readonly peakValue: number
  /** Steps `U` from `initValue` up to the peak; a positive integer. Default 2000. */
  readonly stepsUp?: number
  /** Steps `D` from the peak back down to `initValue`; a non-negative integer. Default `stepsUp`. */
  readonly stepsDown?: number
  /** Amplitude policy: `'triangular'` (constant), `'triangular2'` (halved each cycle), `'expRange'` (× `gamma^t`). Default `'triangular'`. */
  readonly mode?: 'triangular' | 'triangular2' | 'expRange'
  /** Per-step base of the `'expRange'` amplitude factor `gamma^t`; 0 < gamma ≤ 1. Default 1. Ignored by the other modes. */
  readonly gamma?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<CyclicScheduleOptions>()('cyclicSchedule', [
  'initValue',
  'peakValue',
  'stepsUp',
  'stepsDown',
  'mode',
  'gamma',
])

/**
 * Cyclical learning rate (Smith's CLR): triangular waves between `initValue` and a peak, with an
 * optional amplitude decay per cycle (`'triangular2'`) or per step (`'expRange'`).
 *
 * Formula (PyTorch `CyclicLR`'s closed form), with `b = initValue`, `p = peakValue`, `U = stepsUp`,
 * `D = stepsDown`, `S = U + D`, `r = U/S`:
 *
 * ```text
 * cycle = ⌊1 + t/S⌋                 (1-based)
 * x     = 1 + t/S − cycle           (position in the cycle, in [0, 1))
 * sf    = x/r            if x ≤ r   (rising)
 *         (x − 1)/(r − 1) otherwise (falling)
 * scale = 1 (triangular) | 1/2^(cycle − 1) (triangular2) | gamma^t (expRange)
 * f(t)  = b + (p − b)·sf·scale
 * ```
 *
 * The schedule is periodic (no horizon, nothing to clamp): the peak is reached at `t = U` (+ k·S) and
 * `initValue` at every `t = k·S`. With `stepsDown: 0` it is a saw-tooth that rises for `U` steps
 * and drops back at each cycle start.
 *
 * @param options - the options, each documented (default, range, unit) on {@link CyclicScheduleOptions}.
 * @returns A {@link Schedule} with values in `[initValue, peakValue]`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4 })
 * schedule(0)  // 0.01    (step 0)
 * schedule(2)  // 0.055
 * schedule(4)  // 0.1     (peak)
 * schedule(8)  // 0.01    (next cycle starts)
 * const halved = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4, mode: 'triangular2' })
 * halved(12)   // 0.055   (cycle 2 peaks at half the amplitude)
 * ```
 *
 * Equivalents: PyTorch `CyclicLR(base_lr, max_lr, step_size_up, step_size_down, mode, gamma)` ≡
 * `{ initValue: base_lr, peakValue: max_lr, stepsUp: step_size_up, stepsDown: step_size_down,
 * mode, gamma }` with `mode` `'exp_range'` spelt `'expRange'` (`scale_mode` is `'cycle'` for the
 * triangular modes and `'iterations'` for `'expRange'`, as PyTorch's defaults). PyTorch's momentum
 * cycling (`cycle_momentum`) and custom `scale_fn` are not part of the schedule: momentum is an
 * optimizer setting. PyTorch does not require `max_lr ≥ base_lr`; lrkit does. optax, Keras, HF and
 * timm have no cyclic schedule.
 *
 * @see Smith, Cyclical Learning Rates for Training Neural Networks, WACV 2017.
 */
export function cyclicSchedule(options: CyclicScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  if (peakValue < initValue) {
    throw new InvalidArgumentError({
      argument: 'peakValue',
      value: peakValue,
      expected: `a finite number >= initValue (${initValue})`,
    })
  }
  const stepsUp = record.stepsUp === undefined ? 2000 : positiveInteger('stepsUp', record.stepsUp)
  const stepsDown =
    record.stepsDown === undefined ? stepsUp : nonNegativeInteger('stepsDown', record.stepsDown)
  const mode =
    record.mode === undefined
      ? 'triangular'
      : oneOf('mode', record.mode, ['triangular', 'triangular2', 'expRange'])
  const gamma =
    record.gamma === undefined
      ? 1
      : numberInRange('gamma', record.gamma, { min: 0, max: 1, minExclusive: true })

  const totalSize = stepsUp + stepsDown
  const stepRatio = stepsUp / totalSize
  const height = peakValue - initValue

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      const cycle = Math.floor(1 + step / totalSize)
      const x = 1 + step / totalSize - cycle
      const scaleFactor = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
      const baseHeight = height * scaleFactor
      if (mode === 'triangular') return initValue + baseHeight
      if (mode === 'triangular2') return initValue + baseHeight * (1 / 2 ** (cycle - 1))
      return initValue + baseHeight * gamma ** step
    },
    Math.max(initValue, peakValue),
  )
}
