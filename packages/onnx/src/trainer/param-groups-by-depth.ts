import {
  createParamGroups,
  type DiscriminativeStrategy,
  InvalidArgumentError,
  type ParameterInfo,
  type ParamGroup,
  type WeightDecayExclusion,
} from '@lrkit/core'
import type { TrainingGraph } from '../graph/build-training-graph'

/** Options of {@link paramGroupsByDepth}. */
export interface ParamGroupsByDepthOptions {
  /** The training graph whose trainable parameters are grouped. */
  readonly graph: TrainingGraph
  /**
   * Number of layer groups (integer ≥ 1): the distinct depths of the trainable parameters are split
   * into this many consecutive runs of (nearly) equal size. Default: one group per distinct depth.
   */
  readonly layers?: number
  /**
   * Learning-rate spread over the groups, input → head (default `{ kind: 'layerDecay', decay: 0.75 }`,
   * timm's layer decay: the head gets 1, each group below it 0.75× the next).
   */
  readonly strategy?: DiscriminativeStrategy
  /** Weight decay of the groups that decay (default: the optimizer's). */
  readonly weightDecay?: number
  /** Parameters without weight decay (default `true`: biases, norms and 1-D parameters). */
  readonly excludeFromWeightDecay?: WeightDecayExclusion
}

/**
 * Parameter groups for discriminative learning rates when the exporter kept no useful names
 * (`onnx::MatMul_123`): the trainable parameters are grouped by layer depth (the topological depth
 * of the first node that reads them, {@link OnnxParameter.depth}), and the groups get scales from
 * `strategy` — by default timm's layer decay. Groups are named `depth.<k>` (input → head), split by
 * `@lrkit/core`'s `createParamGroups` into `depth.<k>` and `depth.<k>.noDecay`. With names that carry
 * the module path use `createParamGroups` directly with prefixes, and `parameterShapes(graph)`.
 *
 * @param options - the graph, the number of groups, the strategy and weight decay
 * @returns groups for a `@lrkit/core` optimizer
 * @throws InvalidArgumentError for a `layers` that is not an integer ≥ 1
 * @example
 * ```ts
 * const groups = paramGroupsByDepth({ graph, layers: 4 }) // head 1, then 0.75, 0.5625, 0.421875
 * const optimizer = adamwOptimizer({ parameters: session.parameters, groups, weightDecay: 0.01 })
 * ```
 */
export function paramGroupsByDepth(options: ParamGroupsByDepthOptions): ParamGroup[] {
  const { graph } = options
  const depths = [...new Set(graph.parameters.map((parameter) => parameter.depth))].sort((a, b) => a - b)
  const layers = options.layers ?? depths.length
  if (!Number.isInteger(layers) || layers < 1) {
    throw new InvalidArgumentError({ argument: 'options.layers', value: layers, expected: 'an integer ≥ 1' })
  }
  const count = Math.min(layers, depths.length)
  const layerOf = new Map(depths.map((depth, index) => [depth, Math.floor((index * count) / depths.length)]))
  const byName = new Map(graph.parameters.map((parameter) => [parameter.name, layerOf.get(parameter.depth)!]))
  return createParamGroups({
    parameters: parameterShapes(graph),
    groups: Array.from({ length: count }, (_, layer) => ({
      name: `depth.${layer}`,
      match: (name: string) => byName.get(name) === layer,
    })),
    strategy: options.strategy ?? { kind: 'layerDecay', decay: 0.75 },
    ...(options.weightDecay === undefined ? {} : { weightDecay: options.weightDecay }),
    ...(options.excludeFromWeightDecay === undefined
      ? {}
      : { excludeFromWeightDecay: options.excludeFromWeightDecay }),
  })
}

/**
 * The trainable parameters of a training graph as `@lrkit/core`'s `createParamGroups` wants them:
 * name → `{ shape }`, in graph order (the shape drives the one-dimensional weight-decay rule).
 *
 * @param graph - from `buildTrainingGraph`
 * @returns a record name → `{ shape, length }`
 * @example
 * ```ts
 * const groups = createParamGroups({
 *   parameters: parameterShapes(graph),
 *   groups: [{ name: 'body', match: 'encoder' }, { name: 'head', match: 'classifier' }],
 *   strategy: { kind: 'geometric', minScale: 0.1 },
 * })
 * ```
 */
export function parameterShapes(graph: TrainingGraph): Record<string, ParameterInfo> {
  const shapes: Record<string, ParameterInfo> = {}
  for (const parameter of graph.parameters) {
    Object.defineProperty(shapes, parameter.name, {
      value: { shape: [...parameter.dims], length: parameter.initialValues.length },
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return shapes
}
