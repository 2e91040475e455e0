import { optionTable } from '../internal/option-table'
import { nonNegativeNumbers, oneOf, scheduleStep, stepSequence } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link piecewiseInterpolateSchedule}. */
export interface PiecewiseInterpolateScheduleOptions {
  /** Knot steps; at least one, strictly increasing non-negative integers. Required. The array is copied. */
  readonly boundaries: readonly number[]
  /** Value at each knot (same length as `boundaries`); each a finite number ≥ 0. Required. */
  readonly values: readonly number[]
  /** Curve between consecutive knots: `'linear'` or `'cosine'` (half-cosine ease). Default `'linear'`. */
  readonly interpolation?: 'linear' | 'cosine'
}

const OPTIONS = /* @__PURE__ */ optionTable<PiecewiseInterpolateScheduleOptions>()(
  'piecewiseInterpolateSchedule',
  ['boundaries', 'values', 'interpolation'],
)
const INTERPOLATION = ['linear', 'cosine'] as const

/**
 * Interpolates between knots `(boundaries[i], values[i])`, holding the first value before the first
 * knot and the last value after the last knot.
 *
 * Formula, with knots `(b₀, v₀) … (bₙ₋₁, vₙ₋₁)`, `b₀ < … < bₙ₋₁`:
 *
 * ```text
 * f(t) = v₀                                   for t ≤ b₀
 *      = vₙ₋₁                                 for t ≥ bₙ₋₁
 *      = vᵢ + (vᵢ₊₁ − vᵢ)·p                   linear,  bᵢ ≤ t < bᵢ₊₁, p = (t − bᵢ)/(bᵢ₊₁ − bᵢ)
 *      = vᵢ₊₁ + (vᵢ − vᵢ₊₁)·½(1 + cos(πp))    cosine
 * ```
 *
 * `f(bᵢ) = vᵢ` exactly, and every value lies between the two knots around it.
 *
 * @param options - the options, each documented (default, range, unit) on {@link PiecewiseInterpolateScheduleOptions}.
 * @returns A {@link Schedule}, continuous, with values within `[min(values), max(values)]`; monotone
 *   when `values` is.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = piecewiseInterpolateSchedule({ boundaries: [0, 4, 8], values: [1, 0.1, 0.001] })
 * schedule(0) // 1
 * schedule(2) // 0.55
 * schedule(4) // 0.1       (knot)
 * schedule(6) // 0.0505
 * schedule(8) // 0.001     (last knot)
 * schedule(1e12) // 0.001  (held)
 * // = optax piecewise_interpolate_schedule('linear', 1.0, {4: 0.1, 8: 0.01})
 * ```
 *
 * Equivalents:
 * - optax `piecewise_interpolate_schedule(type, I, { b₁: s₁, b₂: s₂, … })` ≡
 *   `{ interpolation: type, boundaries: [0, b₁, b₂, …], values: [I, I·s₁, I·s₁·s₂, …] }` — optax puts a
 *   knot at 0 and interpolates between the *cumulative products* of the scales (requires `b₁ > 0`).
 * - optax `linear_onecycle_schedule` / `cosine_onecycle_schedule` are built on it (see
 *   `oneCycleSchedule`). PyTorch and Keras have no equivalent.
 */
export function piecewiseInterpolateSchedule(options: PiecewiseInterpolateScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const boundaries = stepSequence('boundaries', record.boundaries, { order: 'strict', minLength: 1 })
  const values = nonNegativeNumbers(
    'values',
    record.values,
    boundaries.length,
    `an array of ${boundaries.length} numbers (one per boundary)`,
  )
  const interpolation =
    record.interpolation === undefined
      ? 'linear'
      : oneOf('interpolation', record.interpolation, INTERPOLATION)

  const last = boundaries.length - 1
  const firstKnot = boundaries[0]!
  const lastKnot = boundaries[last]!
  const firstValue = values[0]!
  const lastValue = values[last]!
  const cosine = interpolation === 'cosine'

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      if (step <= firstKnot) return firstValue
      if (step >= lastKnot) return lastValue
      // Segment i: the largest i with boundaries[i] ≤ step (here 0 ≤ i < last).
      let low = 0
      let high = last
      while (low < high) {
        const middle = (low + high + 1) >>> 1
        if (boundaries[middle]! <= step) low = middle
        else high = middle - 1
      }
      const start = boundaries[low]!
      const from = values[low]!
      if (step === start) return from
      const to = values[low + 1]!
      const fraction = (step - start) / (boundaries[low + 1]! - start)
      const value = cosine
        ? to + (from - to) * (0.5 * (1 + Math.cos(Math.PI * fraction)))
        : from + (to - from) * fraction
      return Math.min(Math.max(value, Math.min(from, to)), Math.max(from, to))
    },
    Math.max(...values),
  )
}
