import { knownKeys, oneOf, optionsObject } from '../internal/validate'
import { minimumSuggestion } from './minimum-suggestion'
import { slideSuggestion } from './slide-suggestion'
import { steepSuggestion } from './steep-suggestion'
import { steepestGradientSuggestion } from './steepest-gradient-suggestion'
import { type LossCurve, SUGGESTION_RULES, type Suggestion, type SuggestionRule } from './suggestion'
import { valleySuggestion } from './valley-suggestion'

/** Options of {@link suggestLearningRate}: the rule plus that rule's own options. */
export interface SuggestLearningRateOptions {
  /** The rule; default `'valley'`. */
  readonly rule?: SuggestionRule
  /** Points trimmed at the start (rule default: ⌊n/10⌋, or 10 for `steepestGradient`). */
  readonly skipStart?: number
  /** Points trimmed at the end (rule default: 5). */
  readonly skipEnd?: number
  /** `minimum` only: divisor, default 10. */
  readonly divisor?: number
  /** `slide` only: window, default 15. */
  readonly lrDiff?: number
  /** `slide` only: threshold, default 0.005. */
  readonly thresh?: number
  /** `slide` only: multiplier, default 1. */
  readonly adjustValue?: number
}

const RULE_OPTION_KEYS: Record<SuggestionRule, readonly string[]> = {
  valley: ['skipStart', 'skipEnd'],
  steep: ['skipStart', 'skipEnd'],
  minimum: ['skipStart', 'skipEnd', 'divisor'],
  slide: ['skipStart', 'skipEnd', 'lrDiff', 'thresh', 'adjustValue'],
  steepestGradient: ['skipStart', 'skipEnd'],
}

const RULES = {
  valley: valleySuggestion,
  steep: steepSuggestion,
  minimum: minimumSuggestion,
  slide: slideSuggestion,
  steepestGradient: steepestGradientSuggestion,
} as const

/**
 * Applies one suggestion rule to a loss-versus-learning-rate curve (usually the smoothed curve of a
 * range test) and returns the suggested learning rate with the index it comes from.
 *
 * | rule | algorithm (after trimming, cut at the first non-finite loss) | meant as |
 * |---|---|---|
 * | `valley` (default) | middle of the longest decreasing run (fastai) | one-cycle `peakValue` |
 * | `steep` | left end of the steepest segment vs ln lr (fastai) | constant / peak lr |
 * | `minimum` | lr at the lowest loss ÷ 10 (fastai) | constant lr |
 * | `slide` | sliding gradient-agreement window (fastai) | constant lr |
 * | `steepestGradient` | argmin of the index gradient, skips 10 / 5 (torch-lr-finder) | constant lr |
 *
 * @param curve - `{ learningRates, losses }` of equal length.
 * @param options.rule - the rule; default `'valley'`.
 * @param options.skipStart - see the rule; integer ≥ 0.
 * @param options.skipEnd - see the rule; integer ≥ 0.
 * @returns The rule's {@link Suggestion}: `{ rule, learningRate, index }` or `{ rule, reason }`.
 * @throws InvalidArgumentError for an unknown rule, an option the rule does not take, or a
 *   malformed curve.
 *
 * @example
 * ```ts
 * const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.9, 0.4, 0.3] }
 * suggestLearningRate(curve, { rule: 'steep', skipStart: 0, skipEnd: 0 }) // { rule: 'steep', learningRate: 0.01, index: 1 }
 * ```
 *
 * Equivalents: fastai `lr_find(suggest_funcs=…)`; torch-lr-finder `plot(suggest_lr=True)`.
 */
export function suggestLearningRate(curve: LossCurve, options: SuggestLearningRateOptions = {}): Suggestion {
  const record = optionsObject('options', options)
  const rule = record.rule === undefined ? 'valley' : oneOf('rule', record.rule, SUGGESTION_RULES)
  const { rule: _rule, ...ruleOptions } = record
  knownKeys(`suggestLearningRate (rule "${rule}")`, ruleOptions, RULE_OPTION_KEYS[rule])
  return RULES[rule](curve, ruleOptions)
}
