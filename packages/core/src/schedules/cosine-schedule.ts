import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, oneOf, positiveInteger, positiveNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link cosineSchedule}. */
export interface CosineScheduleOptions {
  /** Value at step 0; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Length `T` of the half cosine in steps (the value reaches `endValue` at step `T`); a positive integer. Required. */
  readonly totalSteps: number
  /**
   * Value at step `totalSteps` (PyTorch `eta_min`, optax `alpha·initValue`); a finite number ≥ 0.
   * Default 0. May exceed `initValue`: the curve then rises.
   */
  readonly endValue?: number
  /** Power applied to the cosine multiplier (optax `exponent`); a finite number > 0. Default 1. */
  readonly exponent?: number
  /**
   * After step `totalSteps`: `'clamp'` holds `endValue` (optax, Keras); `'periodic'` continues the
   * cosine, rising back to `initValue` at `2·totalSteps` (PyTorch `CosineAnnealingLR`). Default `'clamp'`.
   */
  readonly afterEnd?: 'clamp' | 'periodic'
}

const OPTIONS = /* @__PURE__ */ optionTable<CosineScheduleOptions>()('cosineSchedule', [
  'initValue',
  'totalSteps',
  'endValue',
  'exponent',
  'afterEnd',
])
const AFTER_END = ['clamp', 'periodic'] as const

/**
 * Cosine annealing from `initValue` to `endValue` over `totalSteps` steps.
 *
 * Formula, with `I = initValue`, `E = endValue`, `T = totalSteps`, `k = exponent`:
 *
 * ```text
 * f(t) = E + (I − E)·(½·(1 + cos(π·t′/T)))^k
 * t′   = min(t, T)   (afterEnd 'clamp': f(t) = E for t ≥ T)
 * t′   = t           (afterEnd 'periodic': period 2T, back to I at t = 2T, 4T, …)
 * ```
 *
 * `f(T)` is exactly `E` in both modes.
 *
 * @param options - the options, each documented (default, range, unit) on {@link CosineScheduleOptions}.
 * @returns A {@link Schedule} with values between `initValue` and `endValue`, both included;
 *   monotone on `[0, T]` and constant after `T` with `'clamp'`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = cosineSchedule({ initValue: 0.1, totalSteps: 10, endValue: 0.001 })
 * schedule(0) // 0.1
 * schedule(5) // 0.0505
 * schedule(9) // 0.00342270…   (last step before the end)
 * schedule(10) // 0.001        (end, exactly endValue)
 * schedule(15) // 0.001        (clamped; 'periodic' gives 0.0505)
 * schedule(20) // 0.001        ('periodic' gives 0.1)
 * ```
 *
 * Equivalents:
 * - PyTorch `CosineAnnealingLR(T_max=T, eta_min=E)` with base rate `b` ≡
 *   `cosineSchedule({ initValue: b, totalSteps: T, endValue: E, afterEnd: 'periodic' })`: its closed
 *   form `E + (b − E)·(1 + cos(πt/T))/2`, never clamped. PyTorch's recursive `step()` matches it up to
 *   rounding.
 * - optax `cosine_decay_schedule(I, decay_steps=T, alpha, exponent)` ≡
 *   `{ initValue: I, totalSteps: T, endValue: alpha·I, exponent }` (clamped; optax writes
 *   `I·((1 − α)·w^k + α)`, the same value up to rounding).
 * - Keras `CosineDecay(I, decay_steps=T, alpha)` without warmup ≡ `endValue: alpha·I` (clamped).
 * - HF `get_cosine_schedule_with_warmup` = a warmup then a periodic cosine over `N − W` steps in a
 *   `sequenceSchedule` (HF, like PyTorch, rises again after the horizon).
 */
export function cosineSchedule(options: CosineScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  const endValue = record.endValue === undefined ? 0 : nonNegativeNumber('endValue', record.endValue)
  const exponent = record.exponent === undefined ? 1 : positiveNumber('exponent', record.exponent)
  const afterEnd = record.afterEnd === undefined ? 'clamp' : oneOf('afterEnd', record.afterEnd, AFTER_END)

  const clamp = afterEnd === 'clamp'
  const difference = initValue - endValue
  const lower = Math.min(initValue, endValue)
  const upper = Math.max(initValue, endValue)

  return withUpperBound((step: number): number => {
    scheduleStep(step)
    if (clamp && step >= totalSteps) return endValue
    // Same operation order as PyTorch's closed form: (1 + cos(π·t/T))/2 (÷2 and ×½ are exact).
    let angle = (Math.PI * step) / totalSteps
    // 'periodic' past step ≈ 5.7e307: π·t overflows; the period 2T keeps the same angle (t mod 2T is exact).
    if (angle === Number.POSITIVE_INFINITY) angle = (Math.PI * (step % (2 * totalSteps))) / totalSteps
    let multiplier = 0.5 * (1 + Math.cos(angle))
    if (exponent !== 1) multiplier **= exponent
    const value = endValue + difference * multiplier
    return Math.min(Math.max(value, lower), upper)
  }, upper)
}
