import { optionTable } from '../internal/option-table'
import { numberInRange, positiveInteger } from '../internal/validate'

/** Options of {@link decayScales}. */
export interface DecayScalesOptions {
  /** Number of groups n, a positive integer (input → head). */
  readonly groups: number
  /**
   * Divisor between consecutive groups, ≥ 1 (default 2.6, ULMFiT). A multiplier < 1 such as
   * AllenNLP's 0.38 is rejected so that the rates cannot silently grow towards the input.
   */
  readonly factor?: number
}

/** ULMFiT spread with validated inputs: scale_g = factor^−(n − 1 − g). @internal */
export function decaySpread(groups: number, factor: number): number[] {
  return Array.from({ length: groups }, (_, group) => factor ** -(groups - 1 - group))
}

/** Validates a ULMFiT factor. @internal */
export function decayFactor(argument: string, value: unknown): number {
  return value === undefined ? 2.6 : numberInRange(argument, value, { min: 1 })
}

const OPTIONS = /* @__PURE__ */ optionTable<DecayScalesOptions>()('decayScales', ['groups', 'factor'])

/**
 * ULMFiT discriminative fine-tuning scales: the head gets 1 and each lower group the next one's ÷ factor.
 *
 * For groups g = 0 … n − 1 ordered from input to head:
 *
 * ```text
 * scale_g = factor^−(n − 1 − g)        i.e. η^(l−1) = η^l / factor
 * ```
 *
 * Howard & Ruder 2018 ("Universal Language Model Fine-tuning for Text Classification", §3.2) found
 * factor = 2.6 to work well. AllenNLP's `SlantedTriangular(discriminative_fine_tuning=True)` writes the
 * same rule as a multiplier `decay_factor=0.38` (≈ 1/2.6): pass `factor: 1 / 0.38` to reproduce it.
 * fastai expresses it as `slice(lr/2.6**4, lr)` over 5 groups, identical to
 * `geometricScales({ groups: 5, minScale: 2.6 ** -4 })`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link DecayScalesOptions}.
 * @returns n scales ordered input → head; the last is 1
 * @throws InvalidArgumentError for a non-integer `groups` or `factor` < 1
 * @example
 * ```ts
 * decayScales({ groups: 4 })             // ≈ [0.0569, 0.148, 0.385, 1]  (1/2.6³, 1/2.6², 1/2.6, 1)
 * decayScales({ groups: 3, factor: 10 }) // [0.01, 0.1, 1]
 * ```
 */
export function decayScales(options: DecayScalesOptions): number[] {
  const record = OPTIONS.read(options)
  const groups = positiveInteger('groups', record.groups)
  return decaySpread(groups, decayFactor('factor', record.factor))
}
