import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, nonNegativeNumber, oneOf, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link warmupStableDecaySchedule}. */
export interface WarmupStableDecayScheduleOptions {
  /** Value `P` of the stable phase; a finite number ≥ 0. Required. */
  readonly peakValue: number
  /** Length `W` of the warmup in steps; a non-negative integer. Required. */
  readonly warmupSteps: number
  /** Length `S` of the stable phase (held at `peakValue`) in steps; a non-negative integer. Required. */
  readonly stableSteps: number
  /** Length `D` of the decay in steps; a non-negative integer. Required. */
  readonly decaySteps: number
  /** Value `I` at step 0, where the warmup starts; a finite number ≥ 0. Default 0. */
  readonly initValue?: number
  /** Value `E` the decay ends at and holds from step `W + S + D` on; a finite number ≥ 0. Default 0. */
  readonly endValue?: number
  /** Warmup shape: `'linear'` (`p`) or `'cosine'` (`(1 − cos πp)/2`). Default `'linear'`. */
  readonly warmupType?: 'linear' | 'cosine'
  /** Decay shape: `'linear'` (`1 − p`), `'cosine'` (`(1 + cos πp)/2`) or `'sqrt'` (`1 − √p`). Default `'cosine'`. */
  readonly decayType?: 'linear' | 'cosine' | 'sqrt'
}

const OPTIONS = /* @__PURE__ */ optionTable<WarmupStableDecayScheduleOptions>()('warmupStableDecaySchedule', [
  'peakValue',
  'warmupSteps',
  'stableSteps',
  'decaySteps',
  'initValue',
  'endValue',
  'warmupType',
  'decayType',
])

/**
 * Warmup-stable-decay (WSD, "trapezoid"): warm up to `peakValue`, hold it, then decay to `endValue`
 * and hold that.
 *
 * Formula, with `I = initValue`, `P = peakValue`, `E = endValue`, `W = warmupSteps`,
 * `S = stableSteps`, `D = decaySteps`:
 *
 * ```text
 * t < W:               p = t/W,            f(t) = I + (P − I)·w(p)
 * W ≤ t < W + S:                           f(t) = P
 * W + S ≤ t < W+S+D:   p = (t − W − S)/D,  f(t) = E + (P − E)·d(p)
 * t ≥ W + S + D:                           f(t) = E               (clamped past the horizon)
 * w(p) = p ('linear') | (1 − cos πp)/2 ('cosine')
 * d(p) = 1 − p ('linear') | (1 + cos πp)/2 ('cosine') | 1 − √p ('sqrt')
 * ```
 *
 * The stable phase starts at step `W` (the first step at `P`), the decay at step `W + S` (still `P`,
 * `p = 0`), and `E` is reached at step `W + S + D`. Any of the three lengths may be 0.
 *
 * @param options - the options, each documented (default, range, unit) on {@link WarmupStableDecayScheduleOptions}.
 * @returns A {@link Schedule} with values between `min(I, P, E)` and `max(I, P, E)`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = warmupStableDecaySchedule({
 *   peakValue: 1, warmupSteps: 2, stableSteps: 4, decaySteps: 4, decayType: 'linear',
 * })
 * schedule(0)  // 0      (step 0)
 * schedule(1)  // 0.5    (last warmup step)
 * schedule(2)  // 1      (stable)
 * schedule(6)  // 1      (first decay step)
 * schedule(8)  // 0.5
 * schedule(10) // 0      (end)
 * schedule(1e12) // 0    (clamped)
 * ```
 *
 * Equivalents: HF `get_wsd_schedule(optimizer, num_warmup_steps=W, num_decay_steps=D,
 * num_stable_steps=S, warmup_type, decay_type, min_lr_ratio=r)` (`get_scheduler('warmup_stable_decay',
 * …)`) with base rate `b` ≡ `{ peakValue: b, warmupSteps: W, stableSteps: S, decaySteps: D,
 * initValue: r·b, endValue: r·b, warmupType, decayType }` with HF's `'1-sqrt'` decay spelt `'sqrt'`:
 * HF's warmup starts at `r·b`, not 0. HF infers `S = T − W − D` from `num_training_steps`; lrkit takes
 * `S` explicitly. HF's `num_cycles` (cosine decay frequency, default 0.5 ⇒ half a cosine) and its
 * `'1-sqrt'` warmup type are not supported. PyTorch has no WSD (three schedulers in `SequentialLR`);
 * optax builds it with `join_schedules`.
 *
 * @see Hu et al., MiniCPM: Unveiling the Potential of Small Language Models with Scalable Training
 *   Strategies, 2024.
 */
export function warmupStableDecaySchedule(options: WarmupStableDecayScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  const warmupSteps = nonNegativeInteger('warmupSteps', record.warmupSteps)
  const stableSteps = nonNegativeInteger('stableSteps', record.stableSteps)
  const decaySteps = nonNegativeInteger('decaySteps', record.decaySteps)
  const initValue = record.initValue === undefined ? 0 : nonNegativeNumber('initValue', record.initValue)
  const endValue = record.endValue === undefined ? 0 : nonNegativeNumber('endValue', record.endValue)
  const warmupType =
    record.warmupType === undefined ? 'linear' : oneOf('warmupType', record.warmupType, ['linear', 'cosine'])
  const decayType =
    record.decayType === undefined
      ? 'cosine'
      : oneOf('decayType', record.decayType, ['linear', 'cosine', 'sqrt'])

  const decayBegin = warmupSteps + stableSteps
  const decayEnd = decayBegin + decaySteps
  const warmupRise = peakValue - initValue
  const decayDrop = peakValue - endValue

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      if (step < warmupSteps) {
        const progress = step / warmupSteps
        const shape = warmupType === 'linear' ? progress : (1 - Math.cos(Math.PI * progress)) / 2
        return initValue + warmupRise * shape
      }
      if (step < decayBegin) return peakValue
      if (step < decayEnd) {
        const progress = (step - decayBegin) / decaySteps
        const shape =
          decayType === 'linear'
            ? 1 - progress
            : decayType === 'cosine'
              ? (1 + Math.cos(Math.PI * progress)) / 2
              : 1 - Math.sqrt(progress)
        return endValue + decayDrop * shape
      }
      return endValue
    },
    Math.max(initValue, peakValue, endValue),
  )
}
