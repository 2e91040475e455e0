/**
 * Gradient clipping over all trainable gradients at once, as PyTorch's `clip_grad_value_` and
 * `clip_grad_norm_` (`torch.nn.utils.clip_grad`) and optax's `clip` / `clip_by_global_norm`: value
 * clipping first, then the global norm of the value-clipped gradients, then one multiplication by
 * `min(1, maxNorm / (norm + 1e-6))`. Statistics come from one read per gradient array (the
 * kernels' `maxAbs` / `sumOfSquares`); the arrays are rewritten in place only when clipping
 * changes them. Internal: not exported from the package entry point.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { knownKeys, optionsObject, positiveNumber } from '../internal/validate'
import type { OptimizerKernels } from './kernels/types'

/** Validated clipping settings. */
export interface ClippingSettings {
  /** Global-norm bound, or undefined for no norm clipping. */
  readonly maxNorm: number | undefined
  /** The norm used with `maxNorm`. */
  readonly normType: 2 | 'inf'
  /** Value bound, or undefined for no value clipping. */
  readonly maxValue: number | undefined
}

/** What clipping did, for the step report. */
export interface ClippingOutcome {
  /** Global norm of the (value-clipped) gradients before norm clipping; set when `maxNorm` is. */
  readonly gradientNorm?: number
  /** Whether any gradient changed. */
  readonly clipped: boolean
}

/** `torch.nn.utils.clip_grad_norm_` adds this to the norm before dividing. */
export const CLIP_EPSILON = 1e-6

/** Reads the `gradientClipping` option (undefined: no clipping). */
export function readGradientClipping(value: unknown): ClippingSettings | undefined {
  if (value === undefined) return undefined
  const record = optionsObject('gradientClipping', value)
  knownKeys('gradientClipping', record, ['maxNorm', 'normType', 'maxValue'])
  const maxNorm =
    record.maxNorm === undefined ? undefined : positiveNumber('gradientClipping.maxNorm', record.maxNorm)
  const maxValue =
    record.maxValue === undefined ? undefined : positiveNumber('gradientClipping.maxValue', record.maxValue)
  let normType: 2 | 'inf' = 2
  if (record.normType !== undefined) {
    if (record.normType !== 2 && record.normType !== 'inf') {
      throw new InvalidArgumentError({
        argument: 'gradientClipping.normType',
        value: record.normType,
        expected: '2 or "inf"',
      })
    }
    if (maxNorm === undefined) {
      throw new InvalidArgumentError({
        argument: 'gradientClipping.normType',
        value: record.normType,
        message: 'gradientClipping.normType needs gradientClipping.maxNorm',
      })
    }
    normType = record.normType
  }
  if (maxNorm === undefined && maxValue === undefined) {
    throw new InvalidArgumentError({
      argument: 'gradientClipping',
      value,
      expected: 'an object with maxNorm and/or maxValue',
    })
  }
  return { maxNorm, normType, maxValue }
}

/**
 * The clipping of one step, from the gradients' statistics (pure): the value bound to clamp to
 * (`Infinity` for none), the float32 norm coefficient (1 for none) and the report.
 *
 * @param settings - the clipping settings
 * @param maxAbs - the largest |g| over all gradients (finite)
 * @param sumOfSquares - Σ min(|g|, maxValue)² over all gradients (needed for the 2-norm only)
 */
export function clippingPlan(
  settings: ClippingSettings,
  maxAbs: number,
  sumOfSquares: () => number,
): { readonly clamp: number; readonly scale: number; readonly outcome: ClippingOutcome } {
  const { maxValue, maxNorm } = settings
  // Values are clamped to the float32 bound, which is what a clamped Float32Array holds.
  const clamp = maxValue === undefined ? Number.POSITIVE_INFINITY : Math.fround(maxValue)
  const valueClipped = maxValue !== undefined && maxAbs > maxValue
  if (maxNorm === undefined) {
    return {
      clamp: valueClipped ? clamp : Number.POSITIVE_INFINITY,
      scale: 1,
      outcome: { clipped: valueClipped },
    }
  }
  const norm = settings.normType === 'inf' ? Math.min(maxAbs, clamp) : Math.sqrt(sumOfSquares())
  const coefficient = maxNorm / (norm + CLIP_EPSILON)
  const scale = coefficient < 1 ? Math.fround(coefficient) : 1
  return {
    clamp: valueClipped ? clamp : Number.POSITIVE_INFINITY,
    scale,
    outcome: { gradientNorm: norm, clipped: valueClipped || coefficient < 1 },
  }
}

/**
 * Clips `gradients` (the arrays of one step, all trainable) in place and returns what it did.
 *
 * @param kernels - kernels that can read and write every array
 * @param settings - the clipping settings
 * @param gradients - the gradient arrays, rewritten in place when clipped
 * @param maxAbs - the largest |g| over `gradients`, already measured by the non-finite check
 */
export function clipGradients(
  kernels: OptimizerKernels,
  settings: ClippingSettings,
  gradients: readonly Float32Array[],
  maxAbs: number,
): ClippingOutcome {
  const plan = clippingPlan(settings, maxAbs, () => {
    const clamp = settings.maxValue === undefined ? Number.POSITIVE_INFINITY : Math.fround(settings.maxValue)
    let sum = 0
    for (const gradient of gradients) sum += kernels.sumOfSquares(gradient, clamp)
    return sum
  })
  if (plan.scale !== 1 || plan.clamp !== Number.POSITIVE_INFINITY) {
    for (const gradient of gradients) kernels.clampAndScale(gradient, plan.clamp, plan.scale)
  }
  return plan.outcome
}
