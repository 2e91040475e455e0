import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { booleanValue } from '../internal/validate'
import { compileParameterMatch, type ParameterPattern } from './parameter-matcher'

/**
 * Which parameters get no weight decay. Each flag defaults to `true` when the rule is given as an object;
 * `true` means every flag on, `false` means no exclusion at all.
 *
 * - `bias`: the last name segment is `bias` or ends in `_bias` (`fc.bias`, `in_proj_bias`,
 *   `dense_Dense1/bias`). HF Trainer excludes names containing `bias`; timm names ending in `.bias`.
 * - `norm`: a name segment denotes a normalization layer — it contains `norm` (`LayerNorm`, `layer_norm`,
 *   `norm1`, `batchnorm`, `batch_normalization`, `GroupNorm`, `rms_norm`), or is `ln`/`bn` alone, with a
 *   digit or joined by `_` (`ln_1`, `ln_f`, `bn1`, `conv_bn`), or the last segment is `gamma`/`beta` (the
 *   TF / TF.js names of BatchNormalization and LayerNormalization parameters). HF Trainer excludes
 *   `LayerNorm` modules, ELECTRA/BERT the names `LayerNorm`, `layer_norm`, fastai every norm module.
 * - `oneDimensional`: the parameter's shape is known and has rank ≤ 1 (timm `param.ndim <= 1`: biases and
 *   norm scales/shifts of any naming). Only applies when a shape is given; a flat `Float32Array`
 *   carries no rank.
 * - `names`: extra patterns (strings match exactly or as a dotted/slashed prefix, RegExps test the full
 *   name), e.g. timm ViT's `no_weight_decay()` = `['pos_embed', 'cls_token', 'reg_token', 'dist_token']`.
 *
 * Name rules cannot see module types: a BatchNorm named `downsample.1` (torchvision ResNet) is caught only
 * by `oneDimensional` with shapes, or by `names`.
 */
export interface WeightDecayExclusionRule {
  /** Exclude biases (default true). */
  readonly bias?: boolean
  /** Exclude normalization-layer parameters recognised by name (default true). */
  readonly norm?: boolean
  /** Exclude parameters whose known shape has rank ≤ 1 (default true). */
  readonly oneDimensional?: boolean
  /** Further names or patterns to exclude (default none). */
  readonly names?: readonly ParameterPattern[]
}

/** `true` (every rule of {@link WeightDecayExclusionRule}), `false` (none) or a rule object. */
export type WeightDecayExclusion = boolean | WeightDecayExclusionRule

/** Options of {@link isExcludedFromWeightDecay}. */
export interface IsExcludedFromWeightDecayOptions {
  /** Full parameter name, e.g. `encoder.layer.0.attention.output.LayerNorm.weight`. */
  readonly name: string
  /** The parameter's shape, when known; enables the `oneDimensional` rule. */
  readonly shape?: readonly number[]
  /** The rule (default `true`: bias, norm and one-dimensional). */
  readonly exclusion?: WeightDecayExclusion
}

const biasSegment = /(^|_)bias$/i
const normSegment = /norm|(^|_)(ln|bn)(_|\d|$)/i
const normParameterSegment = /^(gamma|beta)$/i

/** True when the name looks like a bias (see {@link WeightDecayExclusionRule.bias}). @internal */
export function looksLikeBias(name: string): boolean {
  const segments = name.split(/[./]/)
  return biasSegment.test(segments[segments.length - 1] ?? '')
}

/** True when the name looks like a normalization-layer parameter (see {@link WeightDecayExclusionRule.norm}). @internal */
export function looksLikeNorm(name: string): boolean {
  const segments = name.split(/[./]/)
  if (normParameterSegment.test(segments[segments.length - 1] ?? '')) return true
  return segments.some((segment) => normSegment.test(segment))
}

/**
 * Validates an exclusion rule and returns a predicate `(name, shape?) → excluded`.
 * @param argument - the option path used in error messages
 * @internal
 */
export function compileWeightDecayExclusion(
  argument: string,
  exclusion: unknown,
): (name: string, shape: readonly number[] | undefined) => boolean {
  if (exclusion === false) return () => false
  const rule = optionTable<WeightDecayExclusionRule>()(argument, [
    'bias',
    'norm',
    'oneDimensional',
    'names',
  ]).read(exclusion === true ? {} : exclusion, argument)
  const bias = rule.bias === undefined ? true : booleanValue(`${argument}.bias`, rule.bias)
  const norm = rule.norm === undefined ? true : booleanValue(`${argument}.norm`, rule.norm)
  const oneDimensional =
    rule.oneDimensional === undefined ? true : booleanValue(`${argument}.oneDimensional`, rule.oneDimensional)
  let names: (name: string) => boolean = () => false
  if (rule.names !== undefined) {
    if (!Array.isArray(rule.names)) {
      throw new InvalidArgumentError({
        argument: `${argument}.names`,
        value: rule.names,
        expected: 'an array of strings or RegExps',
      })
    }
    if (rule.names.length > 0) names = compileParameterMatch(`${argument}.names`, rule.names, 'prefix')
  }
  return (name, shape) =>
    (bias && looksLikeBias(name)) ||
    (norm && looksLikeNorm(name)) ||
    (oneDimensional && shape !== undefined && shape.length <= 1) ||
    names(name)
}

const OPTIONS = /* @__PURE__ */ optionTable<IsExcludedFromWeightDecayOptions>()('isExcludedFromWeightDecay', [
  'name',
  'shape',
  'exclusion',
])

/**
 * Decides whether a parameter gets no weight decay, by name and (when given) shape.
 *
 * excluded = (bias ∧ last segment ~ /(^|_)bias$/) ∨ (norm ∧ a segment names a norm layer)
 *          ∨ (oneDimensional ∧ rank(shape) ≤ 1) ∨ name matches one of `names`
 *
 * Anchors: timm `param_groups_weight_decay` (`ndim <= 1` or `.bias` or `no_weight_decay_list`), HF
 * Trainer `get_decay_parameter_names` (LayerNorm modules and `bias`), fastai `wd_bn_bias=False` (every
 * norm parameter and bias), ELECTRA (`LayerNorm`, `layer_norm`, `bias`), Keras
 * `exclude_from_weight_decay(var_names=…)` (substring: use a RegExp for that here). Where the anchors
 * differ, lrkit's default is their union.
 *
 * @param options - the options, each documented (default, range, unit) on {@link IsExcludedFromWeightDecayOptions}.
 * @returns true when the parameter should get weight decay 0
 * @throws InvalidArgumentError for a malformed rule
 * @example
 * ```ts
 * isExcludedFromWeightDecay({ name: 'encoder.layer.0.output.dense.bias' })           // true (bias)
 * isExcludedFromWeightDecay({ name: 'embeddings.LayerNorm.weight' })                  // true (norm)
 * isExcludedFromWeightDecay({ name: 'layer1.0.downsample.1.weight', shape: [64] })    // true (1-D)
 * isExcludedFromWeightDecay({ name: 'layer1.0.conv1.weight', shape: [64, 64, 3, 3] }) // false
 * isExcludedFromWeightDecay({ name: 'fc.bias', exclusion: { bias: false } })         // false
 * ```
 */
export function isExcludedFromWeightDecay(options: IsExcludedFromWeightDecayOptions): boolean {
  const record = OPTIONS.read(options)
  if (typeof record.name !== 'string' || record.name.length === 0) {
    throw new InvalidArgumentError({ argument: 'name', value: record.name, expected: 'a non-empty string' })
  }
  const shape = record.shape === undefined ? undefined : validateShape('shape', record.shape)
  const excluded = compileWeightDecayExclusion('exclusion', record.exclusion ?? true)
  return excluded(record.name, shape)
}

/** Throws unless `value` is an array of non-negative integers (a tensor shape). @internal */
export function validateShape(argument: string, value: unknown): readonly number[] {
  if (
    !Array.isArray(value) ||
    !value.every(
      (dimension) => typeof dimension === 'number' && Number.isSafeInteger(dimension) && dimension >= 0,
    )
  ) {
    throw new InvalidArgumentError({ argument, value, expected: 'an array of non-negative integers' })
  }
  return value as readonly number[]
}
