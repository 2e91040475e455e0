import { type OptionTable, optionTable } from '../internal/option-table'
import { oneOf, optionsObject } from '../internal/validate'
import { type MinimumSuggestionOptions, minimumSuggestion } from './minimum-suggestion'
import { type SlideSuggestionOptions, slideSuggestion } from './slide-suggestion'
import { type SteepSuggestionOptions, steepSuggestion } from './steep-suggestion'
import {
  type SteepestGradientSuggestionOptions,
  steepestGradientSuggestion,
} from './steepest-gradient-suggestion'
import { type LossCurve, SUGGESTION_RULES, type Suggestion, type SuggestionRule } from './suggestion'
import { type ValleySuggestionOptions, valleySuggestion } from './valley-suggestion'

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

/** The options of each rule (`rule` itself removed), checked against the rule's options interface. */
interface RuleOptions {
  readonly valley: ValleySuggestionOptions
  readonly steep: SteepSuggestionOptions
  readonly minimum: MinimumSuggestionOptions
  readonly slide: SlideSuggestionOptions
  readonly steepestGradient: SteepestGradientSuggestionOptions
}

/** One option table per rule: an option another rule takes is an error naming this rule. */
const RULE_OPTIONS: { readonly [R in SuggestionRule]: OptionTable<RuleOptions[R]> } = {
  valley: /* @__PURE__ */ optionTable<ValleySuggestionOptions>()('suggestLearningRate (rule "valley")', [
    'skipStart',
    'skipEnd',
  ]),
  steep: /* @__PURE__ */ optionTable<SteepSuggestionOptions>()('suggestLearningRate (rule "steep")', [
    'skipStart',
    'skipEnd',
  ]),
  minimum: /* @__PURE__ */ optionTable<MinimumSuggestionOptions>()('suggestLearningRate (rule "minimum")', [
    'skipStart',
    'skipEnd',
    'divisor',
  ]),
  slide: /* @__PURE__ */ optionTable<SlideSuggestionOptions>()('suggestLearningRate (rule "slide")', [
    'skipStart',
    'skipEnd',
    'lrDiff',
    'thresh',
    'adjustValue',
  ]),
  steepestGradient: /* @__PURE__ */ optionTable<SteepestGradientSuggestionOptions>()(
    'suggestLearningRate (rule "steepestGradient")',
    ['skipStart', 'skipEnd'],
  ),
}

const RULES: { readonly [R in SuggestionRule]: (curve: LossCurve, options: RuleOptions[R]) => Suggestion } = {
  valley: valleySuggestion,
  steep: steepSuggestion,
  minimum: minimumSuggestion,
  slide: slideSuggestion,
  steepestGradient: steepestGradientSuggestion,
}

/** Checks the rule's own options (unknown keys named with the rule) and runs the rule. */
function applyRule<R extends SuggestionRule>(
  rule: R,
  curve: LossCurve,
  options: Record<string, unknown>,
): Suggestion {
  RULE_OPTIONS[rule].read(options)
  return RULES[rule](curve, options as RuleOptions[R])
}

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
 * @param options - the rule and its options, each documented on {@link SuggestLearningRateOptions}
 *   (defaults per rule on the rule's function).
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
  // The keys are checked per rule (applyRule), so that the error names the rule; only `rule` is read here.
  const { rule: given, ...ruleOptions }: { readonly rule?: unknown } = optionsObject('options', options)
  const rule = given === undefined ? 'valley' : oneOf('rule', given, SUGGESTION_RULES)
  return applyRule(rule, curve, ruleOptions)
}
