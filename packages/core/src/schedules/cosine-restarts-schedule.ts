import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, numberInRange, positiveInteger, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link cosineRestartsSchedule}. */
export interface CosineRestartsScheduleOptions {
  /** Value at the start of cycle 0 (the first peak `I`); a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Length `P` of cycle 0 in steps; a positive integer. Required. */
  readonly periodSteps: number
  /**
   * Factor `m` by which each cycle is longer than the previous one; a real number ≥ 1. Default 1.
   * Cycle lengths may then be fractional: a cycle starts at the first step ≥ its boundary.
   */
  readonly periodMultiplier?: number
  /** Factor `d` applied to the peak at each restart (peak of cycle i = `I·d^i`); 0 ≤ d ≤ 1. Default 1. */
  readonly peakDecay?: number
  /** Value `E` every cycle anneals towards; a finite number ≥ 0. Default 0. */
  readonly endValue?: number
  /** Number of cycles after which the schedule holds `endValue`; a positive integer. Default: unlimited. */
  readonly maxCycles?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<CosineRestartsScheduleOptions>()('cosineRestartsSchedule', [
  'initValue',
  'periodSteps',
  'periodMultiplier',
  'peakDecay',
  'endValue',
  'maxCycles',
])

/**
 * Cosine annealing with warm restarts (SGDR): cosine decays from a peak to `endValue`, each cycle
 * `periodMultiplier` times longer than the previous one, each peak `peakDecay` times the previous.
 *
 * Formula, with `I = initValue`, `E = endValue`, `P = periodSteps`, `m = periodMultiplier`,
 * `d = peakDecay`:
 *
 * ```text
 * cycle i covers [S_i, S_i + T_i) with T_i = P·m^i and S_i = i·P (m = 1) or P·(m^i − 1)/(m − 1) (m > 1)
 * i = ⌊t/P⌋ (m = 1)  or  ⌊log(1 + t·(m − 1)/P) / log m⌋ (m > 1, corrected so that S_i ≤ t < S_(i+1))
 * f(t) = E + (I·d^i − E)·(1 + cos(π·(t − S_i)/T_i))/2      for i < maxCycles
 * f(t) = E                                                 for i ≥ maxCycles
 * ```
 *
 * The cycle index is found in closed form; a float error of the logarithm at a cycle edge is
 * corrected, so every cycle starts exactly at its boundary `S_i` with the value `I·d^i`. The cycle
 * never reaches `E` within itself (the last step of a cycle is just above it); it restarts instead.
 *
 * @param options - the options, each documented (default, range, unit) on {@link CosineRestartsScheduleOptions}.
 * @returns A {@link Schedule} with values between `min(E, I·d^i)` and `max(E, I)`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = cosineRestartsSchedule({ initValue: 0.1, periodSteps: 3, periodMultiplier: 2 })
 * schedule(0)  // 0.1     (step 0: cycle 0, 3 steps)
 * schedule(2)  // 0.025   (last step of cycle 0)
 * schedule(3)  // 0.1     (restart: cycle 1, 6 steps)
 * schedule(8)  // ≈ 0.00670 (last step of cycle 1)
 * schedule(9)  // 0.1     (restart: cycle 2, 12 steps)
 * cosineRestartsSchedule({ initValue: 0.1, periodSteps: 4, maxCycles: 2 })(8) // 0 (endValue held)
 * ```
 *
 * Equivalents:
 * - PyTorch `CosineAnnealingWarmRestarts(T_0, T_mult, eta_min)` with base rate `b` ≡
 *   `{ initValue: b, periodSteps: T_0, periodMultiplier: T_mult, endValue: eta_min }` (PyTorch
 *   allows integer `T_mult` only and has no peak decay or cycle limit).
 * - timm `CosineLRScheduler(t_initial, lr_min, cycle_mul, cycle_decay, cycle_limit)` (without warmup,
 *   `k_decay = 1`) ≡ `{ periodSteps: t_initial, endValue: lr_min, periodMultiplier: cycle_mul,
 *   peakDecay: cycle_decay, maxCycles: cycle_limit }`. timm's class default `cycle_limit = 1` (one
 *   cycle, then `lr_min`) and `create_scheduler_v2`'s `cycle_decay = 0.1` differ from lrkit's defaults.
 * - Keras `CosineDecayRestarts(I, first_decay_steps, t_mul, m_mul, alpha)`: with `alpha = 0` it is
 *   `{ periodSteps: first_decay_steps, periodMultiplier: t_mul, peakDecay: m_mul }` (note Keras'
 *   default `t_mul = 2`). With `alpha > 0` Keras scales the amplitude instead:
 *   `I·(α + (1 − α)·m_mul^i·(1 + cos)/2)`, i.e. `E + (I − E)·m_mul^i·(1 + cos)/2` with `E = α·I`,
 *   whereas lrkit (like timm's `cycle_decay`) decays the peak: `E + (I·d^i − E)·(1 + cos)/2`.
 * - optax `sgdr_schedule` joins explicit `warmup_cosine_decay_schedule` cycles; build it with
 *   `sequenceSchedule` and `warmupSchedule`.
 *
 * @see Loshchilov & Hutter, SGDR: Stochastic Gradient Descent with Warm Restarts, ICLR 2017.
 */
export function cosineRestartsSchedule(options: CosineRestartsScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const periodSteps = positiveInteger('periodSteps', record.periodSteps)
  const periodMultiplier =
    record.periodMultiplier === undefined
      ? 1
      : numberInRange('periodMultiplier', record.periodMultiplier, { min: 1 })
  const peakDecay =
    record.peakDecay === undefined ? 1 : numberInRange('peakDecay', record.peakDecay, { min: 0, max: 1 })
  const endValue = record.endValue === undefined ? 0 : nonNegativeNumber('endValue', record.endValue)
  const maxCycles =
    record.maxCycles === undefined ? Number.POSITIVE_INFINITY : positiveInteger('maxCycles', record.maxCycles)

  const geometric = periodMultiplier > 1
  const logMultiplier = Math.log(periodMultiplier)
  const growth = periodMultiplier - 1
  // Largest cycle index whose length P·m^i is still a finite double.
  const maxIndex = geometric ? Math.floor(Math.log(Number.MAX_VALUE / periodSteps) / logMultiplier) : 0

  /** Step S_i at which cycle i starts. */
  const cycleStart = geometric
    ? (index: number): number => {
        const power = periodMultiplier ** index - 1
        const start = (periodSteps * power) / growth
        // P·(mⁱ − 1) can overflow where the start itself is finite (m near the largest double).
        return start === Number.POSITIVE_INFINITY ? periodSteps * (power / growth) : start
      }
    : (index: number): number => index * periodSteps

  // Training reads consecutive steps, so keep the current cycle's bounds: the logarithms and powers
  // that locate a cycle run once per cycle (an invisible cache — the function stays pure).
  let cachedStart = 0
  let cachedEnd = -1
  let cachedIndex = 0
  let cachedLength = periodSteps
  let cachedPeak = initValue

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      if (!(step >= cachedStart && step < cachedEnd)) {
        let index: number
        if (geometric) {
          const estimate = Math.floor(Math.log1p((step / periodSteps) * growth) / logMultiplier)
          index = Number.isFinite(estimate) ? Math.min(estimate, maxIndex) : maxIndex
        } else {
          index = Math.floor(step / periodSteps)
        }
        // Correct a float error of the closed form at a cycle edge: S_i ≤ step < S_(i+1).
        // Beyond 2^53 cycles, index ± 1 is not representable: the estimate stands (else no progress).
        while (index > 0 && index <= Number.MAX_SAFE_INTEGER && step < cycleStart(index)) index -= 1
        while (index < Number.MAX_SAFE_INTEGER && step >= cycleStart(index + 1)) index += 1
        cachedIndex = index
        cachedStart = cycleStart(index)
        cachedEnd = cycleStart(index + 1)
        cachedLength = geometric ? periodSteps * periodMultiplier ** index : periodSteps
        // Past 2^53 cycles the start of the cycle is not representable (i·P may even round to ∞):
        // position the step by the exact remainder instead.
        if (!(cachedStart <= step)) cachedStart = step - (step % cachedLength)
        cachedPeak = peakDecay === 1 ? initValue : initValue * peakDecay ** index
      }
      if (cachedIndex >= maxCycles) return endValue
      const fraction = (step - cachedStart) / cachedLength
      // (1 + cos)/2 first: the same value (÷2 is exact), but (peak − end)·(1 + cos) can overflow when
      // endValue or the peak is near the largest double.
      return endValue + (cachedPeak - endValue) * ((1 + Math.cos(Math.PI * fraction)) / 2)
    },
    Math.max(initValue, endValue),
  )
}
