import { type GroupSelector, InvalidArgumentError, type ParameterInfo } from '@lrkit/core'
import type { LayersModel } from '@tensorflow/tfjs-layers'

interface LayerLike {
  readonly name: string
  readonly _trainableWeights?: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[] }>
  readonly trainableWeights: ReadonlyArray<{ readonly name: string; readonly shape: readonly number[] }>
}

/** The weights a layer creates as trainable, whether or not the layer is frozen right now. */
function trainableWeightsOf(
  layer: LayerLike,
): ReadonlyArray<{ readonly name: string; readonly shape: readonly number[] }> {
  // `Layer.trainableWeights` is empty while `layer.trainable` is false; `_trainableWeights` keeps
  // the list (tfjs-layers topology.ts), so groups do not depend on the current freeze state.
  return layer._trainableWeights ?? layer.trainableWeights
}

/**
 * The trainable variables of a model in layer order, by **unique variable name** (what
 * `applyGradients` receives, e.g. `dense_Dense1/kernel`, or `head/kernel_1` when two models share
 * a layer name) with their shapes — the `parameters` of core's `createParamGroups`, so that
 * selectors match layer names as prefixes (`'dense_Dense1'` takes `'dense_Dense1/kernel'`), RegExps
 * or predicates, and the 1-D rule excludes biases and norm parameters from weight decay. Frozen
 * layers are included (their variables train again when unfrozen); BatchNorm moving statistics are
 * not (they are not trained by the optimizer).
 *
 * @param model - a LayersModel (`tf.sequential`, `tf.model`, `tf.loadLayersModel`)
 * @returns variable name → `{ shape }`, in layer order
 * @example
 * ```ts
 * const groups = createParamGroups({
 *   parameters: modelParameters(model),
 *   groups: [{ name: 'body', match: /^conv/ }, { name: 'head', match: 'head' }],
 *   strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 },
 * })
 * ```
 */
export function modelParameters(model: LayersModel): Record<string, ParameterInfo> {
  const result: Record<string, ParameterInfo> = {}
  for (const layer of model.layers as unknown as LayerLike[]) {
    for (const weight of trainableWeightsOf(layer)) result[weight.name] = { shape: [...weight.shape] }
  }
  return result
}

/** Options of {@link layerGroupSelectors}. */
export interface LayerGroupSelectorsOptions {
  /** Group names from input to head (at least one; the last is the head). */
  readonly names: readonly string[]
  /**
   * Index (among the model's layers that have trainable weights, 0-based) at which each group
   * after the first starts: `names.length − 1` increasing integers. Default: the last such layer
   * is the head and the others are split into `names.length − 1` runs as equal as possible.
   */
  readonly boundaries?: readonly number[]
}

/**
 * Splits a model's layers into depth groups and returns core `GroupSelector`s that match each
 * group's layers by name (as prefixes of the variable names): pass them with
 * {@link modelParameters} to core's `createParamGroups`, `fineTuneRecipe` or
 * `gradualUnfreezingPlan` (same names).
 *
 * @param model - the model
 * @param options - the group names and optional boundaries
 * @returns one selector per name, in order
 * @throws InvalidArgumentError for an empty `names`, more groups than layers with weights, or
 *   boundaries that are not increasing integers inside the layer range
 * @example
 * ```ts
 * // 5 layers with weights: body = layers 0–3, head = layer 4
 * const selectors = layerGroupSelectors(model, { names: ['body', 'head'] })
 * ```
 */
export function layerGroupSelectors(
  model: LayersModel,
  options: LayerGroupSelectorsOptions,
): GroupSelector[] {
  const names = options?.names
  if (!Array.isArray(names) || names.length === 0) {
    throw new InvalidArgumentError({
      argument: 'names',
      value: names,
      expected: 'a non-empty array of group names',
    })
  }
  const layers = (model.layers as unknown as LayerLike[])
    .filter((layer) => trainableWeightsOf(layer).length > 0)
    .map((layer) => layer.name)
  if (names.length > layers.length) {
    throw new InvalidArgumentError({
      argument: 'names',
      value: names,
      message: `names has ${names.length} groups, but the model has only ${layers.length} layers with trainable weights`,
    })
  }
  let boundaries = options.boundaries
  if (boundaries === undefined) {
    const bodyGroups = names.length - 1
    const bodyLayers = layers.length - 1
    boundaries = Array.from({ length: bodyGroups }, (_, index) =>
      index + 1 === bodyGroups ? bodyLayers : Math.round(((index + 1) * bodyLayers) / bodyGroups),
    ).slice(0, bodyGroups)
  }
  const valid =
    Array.isArray(boundaries) &&
    boundaries.length === names.length - 1 &&
    boundaries.every(
      (value, index) =>
        Number.isInteger(value) &&
        value > (index === 0 ? 0 : boundaries![index - 1]!) &&
        value < layers.length,
    )
  if (!valid) {
    throw new InvalidArgumentError({
      argument: 'boundaries',
      value: options.boundaries,
      expected: `${names.length - 1} increasing integers between 1 and ${layers.length - 1}`,
    })
  }
  const starts = [0, ...boundaries, layers.length]
  return names.map((name, index) => ({
    name,
    match: layers.slice(starts[index], starts[index + 1]),
    matchMode: 'prefix' as const,
  }))
}
