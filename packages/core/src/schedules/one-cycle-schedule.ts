import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import {
  booleanValue,
  nonNegativeNumber,
  numberInRange,
  oneOf,
  positiveInteger,
  positiveNumber,
  scheduleStep,
} from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link oneCycleSchedule}. */
export interface OneCycleScheduleOptions {
  /** Highest value `P` (PyTorch `max_lr`, optax `peak_value`); a finite number ≥ 0. Required. */
  readonly peakValue: number
  /** Length `T` of the cycle in steps (PyTorch `total_steps`, optax `transition_steps`); a positive integer. Required. */
  readonly totalSteps: number
  /** Fraction of the cycle spent rising to the peak; 0 < pctStart < 1. Default 0.3. */
  readonly pctStart?: number
  /** Shape of every phase: `'cos'` (half cosine) or `'linear'`. Default `'cos'`. */
  readonly annealStrategy?: 'cos' | 'linear'
  /** Start value is `peakValue / divFactor`; a finite number > 0. Default 25. */
  readonly divFactor?: number
  /** Final value is `peakValue / divFactor / finalDivFactor`; a finite number > 0. Default 1e4. */
  readonly finalDivFactor?: number
  /** Three phases (up, back down to the start value, then to the final value) instead of two. Default false. */
  readonly threePhase?: boolean
  /** Where the phases end: `'pytorch'` (`pct·T − 1`, `T − 1`) or `'optax'` (`⌊pct·T⌋`, `T`). Default `'pytorch'`. */
  readonly convention?: 'pytorch' | 'optax'
  /**
   * End of the second phase as a fraction of the cycle, only with `convention: 'optax'` and
   * `threePhase: true` (optax `linear_onecycle_schedule`'s `pct_final`); pctStart < pctFinal < 1.
   * Default 0.85.
   */
  readonly pctFinal?: number
  /** Past the last phase: `'clamp'` holds the final value, `'extrapolate'` continues the last phase's formula (PyTorch at `t = T`). Default `'clamp'`. */
  readonly afterEnd?: 'clamp' | 'extrapolate'
}

const OPTIONS = /* @__PURE__ */ optionTable<OneCycleScheduleOptions>()('oneCycleSchedule', [
  'peakValue',
  'totalSteps',
  'pctStart',
  'annealStrategy',
  'divFactor',
  'finalDivFactor',
  'threePhase',
  'convention',
  'pctFinal',
  'afterEnd',
])

/**
 * The 1cycle policy: rise from `peakValue / divFactor` to `peakValue`, then anneal to
 * `peakValue / divFactor / finalDivFactor` (optionally via the start value: `threePhase`).
 *
 * Formula, with `P = peakValue`, `T = totalSteps`, `p = pctStart`, `I = P/divFactor` (start),
 * `F = I/finalDivFactor` (final); phase k runs from `e_(k−1)` (`e_0 = 0`) to `e_k`, from value `a_k`
 * to `b_k`, and `q = (t − e_(k−1))/(e_k − e_(k−1))`:
 *
 * ```text
 * 'cos':    f(t) = b_k + (a_k − b_k)/2·(cos(π·q) + 1)
 * 'linear': f(t) = (b_k − a_k)·q + a_k
 *
 * two phases:   I → P → F
 *   'pytorch':  e_1 = p·T − 1,  e_2 = T − 1           (t = e_k belongs to phase k)
 *   'optax':    e_1 = ⌊p·T⌋,    e_2 = T               (t = e_k belongs to phase k + 1)
 * three phases: I → P → I → F
 *   'pytorch':  e_1 = p·T − 1,  e_2 = 2·p·T − 2,  e_3 = T − 1
 *   'optax':    e_1 = ⌊p·T⌋,    e_2 = ⌊pctFinal·T⌋, e_3 = T
 * past the last phase end: F ('clamp'), or the last phase's formula with q > 1, floored at 0
 *   ('extrapolate')
 * ```
 *
 * Every phase must have a positive length, which is checked eagerly: `p·T > 1` ('pytorch', so the
 * first phase does not end at step 0 — PyTorch would divide by zero there or start the schedule
 * mid-anneal), `⌊p·T⌋ ≥ 1` ('optax'); with three phases also `2·p·T − 2 < T − 1` ('pytorch') or
 * `⌊p·T⌋ < ⌊pctFinal·T⌋` ('optax').
 *
 * @param options - the options, each documented (default, range, unit) on {@link OneCycleScheduleOptions}.
 * @returns A {@link Schedule}; with `'clamp'` its values lie between `min(I, P, F)` and `max(I, P, F)`
 *   (`[F, P]` for the usual `divFactor, finalDivFactor ≥ 1`).
 * @throws InvalidArgumentError for an invalid or unknown option, a phase of length ≤ 0, a start or
 *   final value that overflows (`divFactor`, `finalDivFactor` too small) or `afterEnd: 'extrapolate'`
 *   of a rising linear last phase (eagerly), and at call time for a negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10 })
 * schedule(0)  // 0.004     (step 0: 0.1 / 25)
 * schedule(2)  // 0.1       (peak at 0.3·10 − 1)
 * schedule(9)  // 4e-7      (end: 0.004 / 1e4)
 * schedule(10) // 4e-7      (clamped; 'extrapolate' gives PyTorch's 0.00495194)
 * oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, convention: 'optax' })(3) // 0.1 (peak at ⌊0.3·10⌋)
 * ```
 *
 * Equivalents:
 * - PyTorch `OneCycleLR(max_lr, total_steps, pct_start, anneal_strategy, div_factor,
 *   final_div_factor, three_phase)` ≡ the same options (camelCased) with `convention: 'pytorch'`,
 *   identical for `t ≤ T − 1`. PyTorch raises `ValueError` for `t > T` and extrapolates the last
 *   phase at `t = T` (for `'linear'` to a negative rate: −0.01428525714 for `max_lr = 0.1, T = 10`);
 *   lrkit clamps by default, and `afterEnd: 'extrapolate'` reproduces PyTorch at `t = T` (and
 *   continues the formula beyond, where PyTorch raises), except that a negative value becomes 0
 *   because a schedule never returns a negative rate. PyTorch accepts `pct_start` in `[0, 1]` and
 *   does not check the phase lengths; lrkit rejects degenerate phases. Momentum cycling
 *   (`cycle_momentum`) is an optimizer setting, not part of the schedule.
 * - optax `cosine_onecycle_schedule(T, P, pct_start, div_factor, final_div_factor)` ≡
 *   `{ convention: 'optax' }` (two cosine phases, peak at `⌊p·T⌋`, final value from `t = T`).
 * - optax `linear_onecycle_schedule(T, P, pct_start, pct_final, div_factor, final_div_factor)` ≡
 *   `{ convention: 'optax', annealStrategy: 'linear', threePhase: true, pctFinal: pct_final }`
 *   (optax's linear 1cycle always has three phases).
 *
 * @see Smith & Topin, Super-Convergence: Very Fast Training of Neural Networks Using Large Learning
 *   Rates, 2017.
 */
export function oneCycleSchedule(options: OneCycleScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  const pctStart =
    record.pctStart === undefined
      ? 0.3
      : numberInRange('pctStart', record.pctStart, { min: 0, max: 1, minExclusive: true, maxExclusive: true })
  const annealStrategy =
    record.annealStrategy === undefined
      ? 'cos'
      : oneOf('annealStrategy', record.annealStrategy, ['cos', 'linear'])
  const divFactor = record.divFactor === undefined ? 25 : positiveNumber('divFactor', record.divFactor)
  const finalDivFactor =
    record.finalDivFactor === undefined ? 1e4 : positiveNumber('finalDivFactor', record.finalDivFactor)
  const threePhase = record.threePhase === undefined ? false : booleanValue('threePhase', record.threePhase)
  const convention =
    record.convention === undefined ? 'pytorch' : oneOf('convention', record.convention, ['pytorch', 'optax'])
  const afterEnd =
    record.afterEnd === undefined ? 'clamp' : oneOf('afterEnd', record.afterEnd, ['clamp', 'extrapolate'])
  if (record.pctFinal !== undefined && !(convention === 'optax' && threePhase)) {
    throw new InvalidArgumentError({
      argument: 'pctFinal',
      value: record.pctFinal,
      message: `pctFinal must only be given with convention "optax" and threePhase true, got ${String(record.pctFinal)}`,
    })
  }

  const initialValue = peakValue / divFactor
  if (!Number.isFinite(initialValue)) {
    throw new InvalidArgumentError({
      argument: 'divFactor',
      value: divFactor,
      expected: `a number with peakValue / divFactor finite (the start value; divFactor >= about ${(peakValue / Number.MAX_VALUE).toPrecision(3)} for peakValue ${peakValue})`,
    })
  }
  const finalValue = initialValue / finalDivFactor
  if (!Number.isFinite(finalValue)) {
    throw new InvalidArgumentError({
      argument: 'finalDivFactor',
      value: finalDivFactor,
      expected: `a number with peakValue / divFactor / finalDivFactor finite (the final value; finalDivFactor >= about ${(initialValue / Number.MAX_VALUE).toPrecision(3)} for a start value of ${initialValue})`,
    })
  }
  let ends: number[]

  if (convention === 'pytorch') {
    const firstEnd = pctStart * totalSteps - 1
    if (!(firstEnd > 0)) {
      throw new InvalidArgumentError({
        argument: 'totalSteps',
        value: totalSteps,
        expected: `an integer with pctStart × totalSteps > 1 (pctStart = ${pctStart}), so that the first phase has a positive length`,
      })
    }
    if (threePhase) {
      const secondEnd = 2 * pctStart * totalSteps - 2
      if (!(secondEnd < totalSteps - 1)) {
        throw new InvalidArgumentError({
          argument: 'pctStart',
          value: pctStart,
          expected: `a number with 2 × pctStart × totalSteps - 2 < totalSteps - 1 (pctStart < ${(totalSteps + 1) / (2 * totalSteps)}) when threePhase is true, so that the last phase has a positive length`,
        })
      }
      ends = [firstEnd, secondEnd, totalSteps - 1]
    } else {
      ends = [firstEnd, totalSteps - 1]
    }
  } else {
    const firstEnd = Math.floor(pctStart * totalSteps)
    if (firstEnd < 1) {
      throw new InvalidArgumentError({
        argument: 'totalSteps',
        value: totalSteps,
        expected: `an integer with floor(pctStart × totalSteps) >= 1 (pctStart = ${pctStart}), so that the first phase has a positive length`,
      })
    }
    if (threePhase) {
      const pctFinal =
        record.pctFinal === undefined
          ? 0.85
          : numberInRange('pctFinal', record.pctFinal, {
              min: pctStart,
              max: 1,
              minExclusive: true,
              maxExclusive: true,
            })
      const secondEnd = Math.floor(pctFinal * totalSteps)
      if (!(secondEnd > firstEnd && secondEnd < totalSteps)) {
        throw new InvalidArgumentError({
          argument: 'pctFinal',
          value: pctFinal,
          expected: `a number with floor(pctStart × totalSteps) = ${firstEnd} < floor(pctFinal × totalSteps) < totalSteps = ${totalSteps}, so that every phase has a positive length`,
        })
      }
      ends = [firstEnd, secondEnd, totalSteps]
    } else {
      ends = [firstEnd, totalSteps]
    }
  }
  const startValues = threePhase ? [initialValue, peakValue, initialValue] : [initialValue, peakValue]
  const endValues = threePhase ? [peakValue, initialValue, finalValue] : [peakValue, finalValue]

  const last = ends.length - 1
  const lastEnd = ends[last]!
  const inclusive = convention === 'pytorch'
  const clamp = afterEnd === 'clamp'
  const cosine = annealStrategy === 'cos'
  if (!clamp && !cosine && endValues[last]! > startValues[last]!) {
    // A rising straight line continued forever overflows to Infinity at large steps.
    throw new InvalidArgumentError({
      argument: 'afterEnd',
      value: afterEnd,
      message: `afterEnd must be "clamp" when annealStrategy is "linear" and the last phase rises (from ${startValues[last]} to ${endValues[last]}: finalDivFactor < 1), since extrapolating it grows without bound, got "extrapolate"`,
    })
  }

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      if (clamp && (inclusive ? step > lastEnd : step >= lastEnd)) return finalValue
      let start = 0
      for (let phase = 0; phase <= last; phase++) {
        const end = ends[phase]!
        if (phase === last || (inclusive ? step <= end : step < end)) {
          const fraction = (step - start) / (end - start)
          const from = startValues[phase]!
          const to = endValues[phase]!
          // min(…, MAX_VALUE): extrapolating a flat phase far past a short one gives ∞·0 otherwise.
          if (!cosine) return Math.max((to - from) * Math.min(fraction, Number.MAX_VALUE) + from, 0)
          let angle = Math.PI * fraction
          if (angle === Number.POSITIVE_INFINITY) {
            // 'extrapolate' far past the end: π·fraction overflows; the cosine has period 2·(end − start).
            const length = end - start
            angle = (Math.PI * ((step - start) % (2 * length))) / length
          }
          return Math.max(to + ((from - to) / 2) * (Math.cos(angle) + 1), 0)
        }
        start = end
      }
      return finalValue
    },
    Math.max(peakValue, initialValue, finalValue),
  )
}
