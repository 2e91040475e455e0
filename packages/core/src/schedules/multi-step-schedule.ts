import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { piecewiseLookup } from '../internal/piecewise-lookup'
import { nonNegativeNumber, oneOf, stepSequence } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link multiStepSchedule}. */
export interface MultiStepScheduleOptions {
  /** Value before the first milestone; a finite number ≥ 0. Required. */
  readonly initValue: number
  /**
   * Steps at which the value is multiplied by `factor`; non-decreasing non-negative integers. A
   * milestone listed twice multiplies twice (as PyTorch's `Counter`). Required (may be empty). The
   * array is copied.
   */
  readonly milestones: readonly number[]
  /**
   * Multiplier applied at each milestone (PyTorch's `gamma`); a finite number ≥ 0. Default 0.1.
   * `factor > 1` grows, and `initValue·factor^milestones.length` must be finite.
   */
  readonly factor?: number
  /**
   * `'boundary'`: the value changes **at** a milestone (PyTorch `MultiStepLR`, optax);
   * `'afterBoundary'`: the milestone step still uses the old value and it changes at milestone + 1
   * (Keras `PiecewiseConstantDecay`). Default `'boundary'`.
   */
  readonly changeAt?: 'boundary' | 'afterBoundary'
}

const OPTIONS = /* @__PURE__ */ optionTable<MultiStepScheduleOptions>()('multiStepSchedule', [
  'initValue',
  'milestones',
  'factor',
  'changeAt',
])
const CHANGE_AT = ['boundary', 'afterBoundary'] as const

/**
 * Multiplies the value by `factor` at each milestone.
 *
 * Formula, with `I = initValue`, `γ = factor` and milestones `m₁ ≤ m₂ ≤ … ≤ mₙ`:
 *
 * ```text
 * f(t) = I·γ^k(t),  k(t) = #{ i : mᵢ ≤ t }   (changeAt 'boundary', the default)
 *                   k(t) = #{ i : mᵢ < t }   (changeAt 'afterBoundary': for integer steps, at mᵢ + 1)
 * ```
 *
 * Duplicate milestones count once each, so `[5, 5]` multiplies by `γ²` at step 5. The powers
 * `I·γ^k` are precomputed; evaluation is a binary search.
 *
 * @param options - the options, each documented (default, range, unit) on {@link MultiStepScheduleOptions}.
 * @returns A {@link Schedule}; piecewise constant, non-increasing when `factor ≤ 1`, with values in
 *   `{ I·γ^k : 0 ≤ k ≤ n }`.
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = multiStepSchedule({ initValue: 0.1, milestones: [2, 5], factor: 0.1 })
 * schedule(0) // 0.1
 * schedule(1) // 0.1
 * schedule(2) // 0.01    (first milestone)
 * schedule(5) // 0.001   (second milestone)
 * schedule(1e12) // 0.001
 * // changeAt: 'afterBoundary' gives 0.1 at step 2 and 0.01 at step 3.
 * ```
 *
 * Equivalents:
 * - PyTorch `MultiStepLR(milestones, gamma=γ)` with base rate `b` ≡
 *   `multiStepSchedule({ initValue: b, milestones, factor: γ })` (PyTorch multiplies recursively and
 *   accepts unsorted milestones; lrkit requires them sorted).
 * - optax `piecewise_constant_schedule(I, { m: γ, … })` with one scale `γ` everywhere (optax changes
 *   at the boundary too); for different scales use {@link piecewiseConstantSchedule}.
 * - Keras `PiecewiseConstantDecay(boundaries=m, values=[I, Iγ, Iγ², …])` ≡ `changeAt: 'afterBoundary'`.
 */
export function multiStepSchedule(options: MultiStepScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const milestones = stepSequence('milestones', record.milestones, { order: 'nonDecreasing' })
  const factor = record.factor === undefined ? 0.1 : nonNegativeNumber('factor', record.factor)
  const changeAt = record.changeAt === undefined ? 'boundary' : oneOf('changeAt', record.changeAt, CHANGE_AT)

  const count = milestones.length
  const values = new Float64Array(count + 1)
  for (let power = 0; power <= count; power++) values[power] = initValue * factor ** power
  if (!Number.isFinite(values[count])) {
    throw new InvalidArgumentError({
      argument: 'factor',
      value: factor,
      expected: `a number with initValue·factor^${count} finite (${count} milestones)`,
    })
  }

  return withUpperBound(piecewiseLookup(milestones, values, changeAt), Math.max(...values))
}
