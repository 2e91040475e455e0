import { optionTable } from '../internal/option-table'
import { piecewiseLookup } from '../internal/piecewise-lookup'
import { nonNegativeNumbers, oneOf, stepSequence } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link piecewiseConstantSchedule}. */
export interface PiecewiseConstantScheduleOptions {
  /** Steps at which the value changes; strictly increasing non-negative integers. Required (may be empty). */
  readonly boundaries: readonly number[]
  /** The values, one more than `boundaries`; each a finite number ≥ 0. Required. */
  readonly values: readonly number[]
  /**
   * `'boundary'`: `values[i + 1]` starts **at** `boundaries[i]` (optax, PyTorch `MultiStepLR`);
   * `'afterBoundary'`: `boundaries[i]` still uses `values[i]` and the change happens at
   * `boundaries[i] + 1` (Keras `PiecewiseConstantDecay`). Default `'boundary'`.
   */
  readonly changeAt?: 'boundary' | 'afterBoundary'
}

const OPTIONS = /* @__PURE__ */ optionTable<PiecewiseConstantScheduleOptions>()('piecewiseConstantSchedule', [
  'boundaries',
  'values',
  'changeAt',
])
const CHANGE_AT = ['boundary', 'afterBoundary'] as const

/**
 * A step function with explicit values between boundaries.
 *
 * Formula, with boundaries `b₀ < b₁ < … < bₙ₋₁` and values `v₀ … vₙ`:
 *
 * ```text
 * f(t) = v_k(t),  k(t) = #{ i : bᵢ ≤ t }   (changeAt 'boundary', the default)
 *                 k(t) = #{ i : bᵢ < t }   (changeAt 'afterBoundary': for integer steps, at bᵢ + 1)
 * ```
 *
 * Evaluation is a binary search over the (copied) boundaries.
 *
 * @param options - the options, each documented (default, range, unit) on {@link PiecewiseConstantScheduleOptions}.
 * @returns A {@link Schedule} whose values are exactly the given `values`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = piecewiseConstantSchedule({ boundaries: [2, 5], values: [1, 0.5, 0.1] })
 * schedule(0) // 1
 * schedule(1) // 1
 * schedule(2) // 0.5   (at the boundary; 'afterBoundary' gives 1)
 * schedule(3) // 0.5
 * schedule(5) // 0.1   (at the last boundary; 'afterBoundary' gives 0.5)
 * schedule(1e12) // 0.1
 * ```
 *
 * Equivalents:
 * - Keras `PiecewiseConstantDecay(boundaries, values)` ≡ the same arrays with
 *   `changeAt: 'afterBoundary'`.
 * - optax `piecewise_constant_schedule(I, { b₁: s₁, b₂: s₂, … })` (scales, applied at the boundary)
 *   ≡ `{ boundaries: [b₁, b₂, …], values: [I, I·s₁, I·s₁·s₂, …] }` — the cumulative products.
 * - PyTorch `MultiStepLR(milestones, gamma)` ≡ `values[i] = b·gammaⁱ` (see {@link multiStepSchedule}).
 */
export function piecewiseConstantSchedule(options: PiecewiseConstantScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const boundaries = stepSequence('boundaries', record.boundaries, { order: 'strict' })
  const values = nonNegativeNumbers(
    'values',
    record.values,
    boundaries.length + 1,
    `an array of ${boundaries.length + 1} numbers (boundaries.length + 1)`,
  )
  const changeAt = record.changeAt === undefined ? 'boundary' : oneOf('changeAt', record.changeAt, CHANGE_AT)

  return withUpperBound(piecewiseLookup(boundaries, values, changeAt), Math.max(...values))
}
