import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { numberInRange, positiveInteger, positiveNumber } from '../internal/validate'

/**
 * Options of {@link geometricScales}: the number of groups and either `minScale` (the input group's
 * multiplier) or the fastai pair `lowValue`, `highValue` (learning rates of the input and head groups).
 */
export type GeometricScalesOptions =
  | {
      /** Number of groups n, a positive integer, ordered from input to head. */
      readonly groups: number
      /** Scale of the input group, in (0, 1]; the head gets 1. */
      readonly minScale: number
      /** Not allowed with `minScale`: give either `minScale` or the `lowValue` / `highValue` pair. */
      readonly lowValue?: never
      /** Not allowed with `minScale`: give either `minScale` or the `lowValue` / `highValue` pair. */
      readonly highValue?: never
    }
  | {
      /** Number of groups n, a positive integer, ordered from input to head. */
      readonly groups: number
      /** fastai form: learning rate of the input group, > 0 and ≤ `highValue`. */
      readonly lowValue: number
      /** fastai form: learning rate of the head group (the schedule's peak), > 0. */
      readonly highValue: number
      /** Not allowed with `lowValue` / `highValue`: give exactly one of the two forms. */
      readonly minScale?: never
    }

/**
 * Validates geometric-spread options and returns the input group's scale `lo/hi`.
 * @param prefix - option path prefix for error messages (`''` or `'strategy.'`)
 * @internal
 */
export function geometricMinScale(prefix: string, options: Record<string, unknown>): number {
  const hasMin = options.minScale !== undefined
  const hasPair = options.lowValue !== undefined || options.highValue !== undefined
  if (hasMin === hasPair) {
    throw new InvalidArgumentError({
      argument: `${prefix}minScale`,
      value: options.minScale,
      message: `${prefix}minScale or ${prefix}lowValue with ${prefix}highValue must be given (exactly one of the two forms), got ${hasMin ? 'both' : 'neither'}`,
    })
  }
  if (hasMin) {
    return numberInRange(`${prefix}minScale`, options.minScale, { min: 0, minExclusive: true, max: 1 })
  }
  const lowValue = positiveNumber(`${prefix}lowValue`, options.lowValue)
  const highValue = positiveNumber(`${prefix}highValue`, options.highValue)
  if (lowValue > highValue) {
    throw new InvalidArgumentError({
      argument: `${prefix}lowValue`,
      value: lowValue,
      expected: `a number <= ${prefix}highValue (${highValue})`,
    })
  }
  return lowValue / highValue
}

/** Geometric spread with validated inputs: scale_g = minScale^((n − 1 − g)/(n − 1)), [1] for n = 1. @internal */
export function geometricSpread(groups: number, minScale: number): number[] {
  if (groups === 1) return [1]
  return Array.from({ length: groups }, (_, group) => minScale ** ((groups - 1 - group) / (groups - 1)))
}

const OPTIONS = /* @__PURE__ */ optionTable<GeometricScalesOptions>()('geometricScales', [
  'groups',
  'minScale',
  'lowValue',
  'highValue',
])

/**
 * Learning-rate scales spread geometrically from the input group to the head (fastai `slice(lo, hi)`).
 *
 * For groups g = 0 … n − 1 ordered from input to head:
 *
 * ```text
 * scale_g = minScale^((n − 1 − g) / (n − 1))      (n = 1 → [1])
 * minScale = lowValue / highValue                  (fastai form)
 * ```
 *
 * so the input group gets `minScale`, the head gets exactly 1, and consecutive groups differ by the
 * constant ratio minScale^(1/(n − 1)). Multiplied by a schedule peaking at `highValue` this is fastai's
 * `even_mults(lo, hi, n)` = lo·(hi/lo)^(g/(n − 1)), the learning rates `set_hyper` spreads over the
 * optimizer's groups when given `slice(lo, hi)` (fastai `optimizer.py`, `torch_core.py#even_mults`).
 * ULMFiT's ÷2.6 over 5 groups is `slice(lr/2.6**4, lr)` — see {@link decayScales} for the direct form.
 *
 * PyTorch has no helper (pass one `lr` per group dict); optax labels groups with `partition`; Keras has
 * none. fastai's `slice(hi)` form (hi/10 for every group but the head) is the explicit scales
 * `[0.1, …, 0.1, 1]`.
 *
 * @param options - `groups` (number of groups n, a positive integer, input → head) with either
 *   `minScale` (the input group's scale, in (0, 1]) or the fastai pair `lowValue` (learning rate of the
 *   input group, > 0 and ≤ `highValue`) and `highValue` (learning rate of the head, the schedule's
 *   peak, > 0); see {@link GeometricScalesOptions}
 * @returns n scales ordered input → head; the last is 1
 * @throws InvalidArgumentError for a non-integer `groups`, a `minScale` outside (0, 1], `lowValue` >
 *   `highValue`, or both / neither forms
 * @example
 * ```ts
 * geometricScales({ groups: 3, lowValue: 1e-5, highValue: 1e-3 }) // [0.01, 0.1, 1] → lrs 1e-5, 1e-4, 1e-3
 * geometricScales({ groups: 5, minScale: 2.6 ** -4 })             // ≈ [0.0219, 0.0569, 0.148, 0.385, 1]
 * geometricScales({ groups: 1, minScale: 0.01 })                  // [1]
 * ```
 */
export function geometricScales(options: GeometricScalesOptions): number[] {
  const record = OPTIONS.read(options)
  const groups = positiveInteger('groups', record.groups)
  return geometricSpread(groups, geometricMinScale('', record))
}
