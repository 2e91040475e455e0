import { clone, create } from '@bufbuild/protobuf'
import { InvalidArgumentError } from '@lrkit/core'
import {
  type GraphProto,
  type ModelProto,
  ModelProtoSchema,
  type NodeProto,
  NodeProtoSchema,
  type TensorProto,
  TensorProto_DataType,
  TensorShapeProto_DimensionSchema,
  TensorShapeProtoSchema,
  type ValueInfoProto,
  ValueInfoProtoSchema,
} from '../generated/onnx_pb'
import { type FloatDataType, readFloatTensor } from '../internal/tensor-data'
import { wrapModelProto } from '../model/load-onnx-model'
import type { OnnxModel } from '../model/onnx-model'
import { attrInt, attrInts, attrString } from './attributes'
import { GRADIENT_RULES, type GradientContext, NON_DIFFERENTIABLE_OPS } from './gradient-rules'
import { GraphEmitter } from './graph-emitter'
import { inferTensorTypes, type TensorType } from './infer-tensor-types'
import { listParameters, type OnnxParameter } from './list-parameters'
import { promoteConstants } from './promote-constants'

/**
 * Which parameters train. `'all'` (default): every parameter of {@link listParameters}. An array:
 * exactly these initializer names. A `RegExp`: names it matches. An object: names matching any of
 * `names`, `prefixes` or `pattern` (every parameter when none is given), restricted to
 * `depth ≥ minDepth` when `minDepth` is set. A function: called with each parameter.
 */
export type TrainableSelector =
  | 'all'
  | readonly string[]
  | RegExp
  | TrainableSelection
  | ((parameter: OnnxParameter) => boolean)

/** The object form of {@link TrainableSelector}. */
export interface TrainableSelection {
  /** Exact initializer names. */
  readonly names?: readonly string[]
  /** Name prefixes (`'classifier.'`). */
  readonly prefixes?: readonly string[]
  /** A pattern the name must match. */
  readonly pattern?: RegExp
  /** Train only parameters at this layer depth or deeper (see {@link OnnxParameter.depth}). */
  readonly minDepth?: number
}

/** Mean cross-entropy of 2-D logits `[N, C]` against int64 class labels `[N]` (PyTorch `CrossEntropyLoss`). */
export interface SoftmaxCrossEntropyLossSpec {
  /** Discriminant. */
  readonly kind: 'softmaxCrossEntropy'
  /** The model output holding the logits (default: the first graph output). */
  readonly output?: string
  /** Label smoothing in [0, 1) as PyTorch's `label_smoothing` (default 0). */
  readonly labelSmoothing?: number
}

/** Mean squared error against float targets shaped like the output (PyTorch `MSELoss`). */
export interface MseLossSpec {
  /** Discriminant. */
  readonly kind: 'mse'
  /** The model output compared with the targets (default: the first graph output). */
  readonly output?: string
}

/** Mean binary cross-entropy of logits against float targets in [0, 1] (PyTorch `BCEWithLogitsLoss`). */
export interface BinaryCrossEntropyWithLogitsLossSpec {
  /** Discriminant. */
  readonly kind: 'binaryCrossEntropyWithLogits'
  /** The model output holding the logits (default: the first graph output). */
  readonly output?: string
}

/** The model output already is the loss (a one-element tensor); no labels input is added. */
export interface OutputLossSpec {
  /** Discriminant. */
  readonly kind: 'output'
  /** The output holding the loss (default: the first graph output). */
  readonly output?: string
}

/** The loss appended to the model. */
export type LossSpec =
  | SoftmaxCrossEntropyLossSpec
  | MseLossSpec
  | BinaryCrossEntropyWithLogitsLossSpec
  | OutputLossSpec

/** Options of {@link buildTrainingGraph}. */
export interface BuildTrainingGraphOptions {
  /** The loss to append. */
  readonly loss: LossSpec
  /** Which parameters train (default `'all'`); the others stay frozen initializers. */
  readonly trainable?: TrainableSelector
  /** Name of the labels (targets) input the loss adds (default `'labels'`). */
  readonly labelsName?: string
  /**
   * Make dimension 0 of every data input symbolic (`'batch'`) so any batch size can be fed
   * (default true).
   */
  readonly symbolicBatch?: boolean
  /** Also output the model's own outputs from the training graph (default false). */
  readonly includeModelOutputs?: boolean
  /**
   * Turn float `Constant` nodes (rank ≥ 1) into parameters first, with {@link promoteConstants}
   * (default false). Their names are the nodes' output names.
   */
  readonly promoteConstants?: boolean
}

/** A trainable parameter of a {@link TrainingGraph} with its initial values. */
export interface TrainingParameter extends OnnxParameter {
  /** The values stored in the model (a copy). */
  readonly initialValues: Float32Array | Float64Array
}

/** What {@link buildTrainingGraph} produces. */
export interface TrainingGraph {
  /**
   * The model it was built from (unchanged), after `promoteConstants` when that option is set; the
   * exported model is this one with the trained values.
   */
  readonly source: OnnxModel
  /**
   * The training model: inputs are the data inputs, the labels (unless the loss is an `output`)
   * and the trainable parameters; outputs are the loss, then one gradient per trainable parameter.
   */
  readonly model: OnnxModel
  /** The source model with the trainable parameters as inputs: a forward-only graph for evaluation. */
  readonly evalModel: OnnxModel
  /** The trainable parameters, in initializer order. */
  readonly parameters: readonly TrainingParameter[]
  /** Names of the parameters that stay frozen initializers. */
  readonly frozen: readonly string[]
  /** Names of the data inputs (the model's own inputs). */
  readonly dataInputs: readonly string[]
  /** Name of the labels input, or undefined for an `output` loss. */
  readonly labelsInput: string | undefined
  /** Element type the loss expects for the labels: `'INT64'` or the model's float type. */
  readonly labelsDataType: 'INT64' | 'FLOAT' | 'DOUBLE' | undefined
  /** Name of the loss output. */
  readonly lossOutput: string
  /** The model output the loss is computed from. */
  readonly lossOf: string
  /** Gradient output name by parameter name. */
  readonly gradientOutputs: ReadonlyMap<string, string>
  /** Number of backward nodes emitted (after the forward graph and the loss). */
  readonly backwardNodeCount: number
}

const PREFIX = 'lrkit_'

/**
 * Builds the training graph of a model: the selected parameters become graph inputs (frozen ones
 * stay initializers), a loss is appended, and the gradient of the loss with respect to every
 * trainable parameter is emitted with standard ONNX ops (reverse mode, only along paths from a
 * trainable parameter to the loss). Ops without a gradient rule on such a path are reported all at
 * once, by node name and op type, before anything runs.
 *
 * Needs an `ai.onnx` opset of at least 13.
 *
 * @param given - a model from `loadOnnxModel`
 * @param options - the loss, what trains, and graph options
 * @returns the training graph, the eval graph and the parameter list
 */
export function buildTrainingGraph(given: OnnxModel, options: BuildTrainingGraphOptions): TrainingGraph {
  if (typeof given !== 'object' || given === null || typeof given.proto !== 'object') {
    throw new InvalidArgumentError({
      argument: 'model',
      value: given,
      expected: 'a model from loadOnnxModel',
    })
  }
  const model = options.promoteConstants === true ? promoteConstants(given) : given
  if (model.opsetVersion < 13) {
    throw new InvalidArgumentError({
      argument: 'model.opsetVersion',
      value: model.opsetVersion,
      expected: 'at least 13 to build a training graph (re-export the model with opset 13 or later)',
    })
  }
  validateLoss(options.loss)
  const all = listParameters(model)
  const trainable = selectTrainable(all, options.trainable ?? 'all')
  const dataTypes = new Set(trainable.map((parameter) => parameter.dataType))
  if (dataTypes.size > 1) {
    throw new InvalidArgumentError({
      argument: 'options.trainable',
      value: trainable.map((parameter) => `${parameter.name}:${parameter.dataType}`),
      expected: 'parameters of one float type (all FLOAT or all DOUBLE)',
    })
  }
  const dataType: FloatDataType =
    trainable[0]!.dataType === 'DOUBLE' ? TensorProto_DataType.DOUBLE : TensorProto_DataType.FLOAT
  const trainableNames = new Set(trainable.map((parameter) => parameter.name))
  const sourceGraph = model.proto.graph!
  const initializerNames = new Set(sourceGraph.initializer.map((tensor) => tensor.name))
  const dataInputs = sourceGraph.input
    .filter((input) => !initializerNames.has(input.name))
    .map((input) => input.name)
  const lossOf = options.loss.output ?? sourceGraph.output[0]?.name
  if (lossOf === undefined || !sourceGraph.output.some((output) => output.name === lossOf)) {
    throw new InvalidArgumentError({
      argument: 'options.loss.output',
      value: lossOf,
      expected: `one of the model outputs (${sourceGraph.output.map((output) => JSON.stringify(output.name)).join(', ')})`,
    })
  }
  const parameters: TrainingParameter[] = trainable.map((parameter) => ({
    ...parameter,
    initialValues: readFloatTensor(
      sourceGraph.initializer.find((tensor) => tensor.name === parameter.name)!,
      'parameter',
    ),
  }))
  const symbolicBatch = options.symbolicBatch ?? true

  // The eval graph: the source with trainable parameters as inputs.
  const evalProto = withParametersAsInputs(model.proto, parameters, dataType, symbolicBatch)

  // The training graph.
  const proto = withParametersAsInputs(model.proto, parameters, dataType, symbolicBatch)
  const graph = proto.graph!
  graph.valueInfo = []
  const usedNames = collectNames(graph)
  const labelsName = options.labelsName ?? 'labels'
  const needsLabels = options.loss.kind !== 'output'
  if (needsLabels && usedNames.has(labelsName)) {
    throw new InvalidArgumentError({
      argument: 'options.labelsName',
      value: labelsName,
      expected: 'a name the model does not use already',
    })
  }
  usedNames.add(labelsName)
  const opset = raiseOpset(proto, model.opsetVersion)
  const e = new GraphEmitter(opset, dataType, usedNames, PREFIX)
  lowerAutoPad(e, graph, sourceGraph.initializer)
  const outputInfo = sourceGraph.output.find((output) => output.name === lossOf)!
  let labelsDataType: TrainingGraph['labelsDataType']
  if (needsLabels) {
    const isClassification = options.loss.kind === 'softmaxCrossEntropy'
    const elemType = isClassification ? TensorProto_DataType.INT64 : dataType
    labelsDataType = isClassification
      ? 'INT64'
      : dataType === TensorProto_DataType.DOUBLE
        ? 'DOUBLE'
        : 'FLOAT'
    const outputDims = tensorShapeOf(outputInfo)
    const dims: (number | string | null)[] | null = isClassification
      ? ['batch']
      : outputDims
        ? outputDims.map((dim, i) => (i === 0 ? 'batch' : dim))
        : null
    graph.input.push(makeValueInfo(labelsName, elemType, dims))
  }
  const lossValue = appendLoss(e, options.loss, lossOf, labelsName)
  const lossOutput = usedNames.has('loss') ? e.fresh('loss') : 'loss'
  usedNames.add(lossOutput)
  flush(e, graph)
  const forwardNodeCount = graph.node.length
  const { types, ints } = inferTensorTypes(graph)

  // Which tensors depend on a trainable parameter, and which reach the loss.
  const requiresGrad = new Set(trainableNames)
  for (const node of graph.node) {
    if (NON_DIFFERENTIABLE_OPS.has(node.opType)) continue
    if (!node.input.some((input) => requiresGrad.has(input))) continue
    for (const output of node.output) {
      const type = types.get(output)?.dataType
      if (
        output &&
        (type === undefined || type === TensorProto_DataType.FLOAT || type === TensorProto_DataType.DOUBLE)
      )
        requiresGrad.add(output)
    }
  }
  const reachesLoss = new Set([lossValue])
  for (let i = graph.node.length - 1; i >= 0; i--) {
    const node = graph.node[i]!
    if (node.output.some((output) => reachesLoss.has(output)))
      for (const input of node.input) reachesLoss.add(input)
  }
  const onPath = graph.node.filter(
    (node) =>
      !NON_DIFFERENTIABLE_OPS.has(node.opType) &&
      node.input.some((input) => requiresGrad.has(input)) &&
      node.output.some((output) => reachesLoss.has(output) && requiresGrad.has(output)),
  )
  const unsupported = onPath.filter(
    (node) => (node.domain !== '' && node.domain !== 'ai.onnx') || GRADIENT_RULES[node.opType] === undefined,
  )
  if (unsupported.length > 0) {
    throw new InvalidArgumentError({
      argument: 'model',
      value: unsupported.map((node) => node.opType),
      message: `cannot differentiate ${unsupported.length === 1 ? 'this node' : `these ${unsupported.length} nodes`} between a trainable parameter and the loss: ${unsupported
        .map(
          (node) =>
            `"${node.name || node.output[0]}" (${node.domain ? `${node.domain}::` : ''}${node.opType})`,
        )
        .join(', ')}; supported ops: ${Object.keys(GRADIENT_RULES).sort().join(', ')}`,
    })
  }

  // Reverse mode.
  const contributions = new Map<string, string[]>()
  const add = (name: string, gradient: string) => {
    const list = contributions.get(name)
    if (list) list.push(gradient)
    else contributions.set(name, [gradient])
  }
  const gradientOf = (name: string): string | undefined => {
    const list = contributions.get(name)
    if (!list || list.length === 0) return undefined
    if (list.length > 1) {
      const sum = e.op('Sum', list)
      contributions.set(name, [sum])
      return sum
    }
    return list[0]
  }
  add(lossValue, e.op('Expand', [e.scalar(1), e.shape(lossValue)]))
  const pathSet = new Set(onPath)
  const staticDims = new Map<string, readonly number[]>(
    sourceGraph.initializer.map((tensor) => [tensor.name, tensor.dims.map((dim) => Number(dim))]),
  )
  const rankOf = (name: string) => types.get(name)?.rank
  for (let i = forwardNodeCount - 1; i >= 0; i--) {
    const node = graph.node[i]!
    if (!pathSet.has(node)) continue
    const outputGradients = node.output.map((output) => (output ? gradientOf(output) : undefined))
    if (outputGradients.every((gradient) => gradient === undefined)) continue
    const context = makeContext(e, node, outputGradients, requiresGrad, rankOf, types, ints, staticDims)
    const inputGradients = GRADIENT_RULES[node.opType]!(context)
    node.input.forEach((input, index) => {
      const gradient = inputGradients[index]
      if (input && gradient !== undefined && requiresGrad.has(input)) add(input, gradient)
    })
  }
  const gradientOutputs = new Map<string, string>()
  const gradientNames: string[] = []
  for (const parameter of parameters) {
    const gradient = gradientOf(parameter.name) ?? e.zerosLike(parameter.name)
    const preferred = `${parameter.name}.grad`
    const name = usedNames.has(preferred) ? e.fresh('grad') : preferred
    usedNames.add(name)
    // Identity gives the gradient a stable output name.
    e.nodes.push(
      create(NodeProtoSchema, {
        name: e.fresh('grad_node'),
        opType: 'Identity',
        input: [gradient],
        output: [name],
      }),
    )
    gradientOutputs.set(parameter.name, name)
    gradientNames.push(name)
  }
  e.nodes.push(
    create(NodeProtoSchema, {
      name: e.fresh('loss_node'),
      opType: 'Identity',
      input: [lossValue],
      output: [lossOutput],
    }),
  )
  flush(e, graph)
  const backwardNodeCount = graph.node.length - forwardNodeCount
  const modelOutputs = options.includeModelOutputs ? graph.output : []
  graph.output = [
    makeValueInfo(lossOutput, dataType, []),
    ...parameters.map((parameter, i) => makeValueInfo(gradientNames[i]!, dataType, parameter.dims)),
    ...modelOutputs,
  ]
  return {
    source: model,
    model: wrapModelProto(proto),
    evalModel: wrapModelProto(evalProto),
    parameters,
    frozen: all.filter((parameter) => !trainableNames.has(parameter.name)).map((parameter) => parameter.name),
    dataInputs,
    labelsInput: needsLabels ? labelsName : undefined,
    labelsDataType,
    lossOutput,
    lossOf,
    gradientOutputs,
    backwardNodeCount,
  }
}

function validateLoss(loss: LossSpec): void {
  const kinds = ['softmaxCrossEntropy', 'mse', 'binaryCrossEntropyWithLogits', 'output']
  if (typeof loss !== 'object' || loss === null || !kinds.includes(loss.kind)) {
    throw new InvalidArgumentError({
      argument: 'options.loss.kind',
      value: (loss as { kind?: unknown } | undefined)?.kind,
      expected: `one of ${kinds.map((kind) => `"${kind}"`).join(', ')}`,
    })
  }
  if (loss.kind === 'softmaxCrossEntropy' && loss.labelSmoothing !== undefined) {
    const s = loss.labelSmoothing
    if (typeof s !== 'number' || !(s >= 0 && s < 1)) {
      throw new InvalidArgumentError({
        argument: 'options.loss.labelSmoothing',
        value: s,
        expected: 'a number in [0, 1)',
      })
    }
  }
}

function selectTrainable(all: readonly OnnxParameter[], selector: TrainableSelector): OnnxParameter[] {
  const known = new Set(all.map((parameter) => parameter.name))
  const checkNames = (names: readonly string[], argument: string) => {
    const unknown = names.filter((name) => !known.has(name))
    if (unknown.length > 0) {
      throw new InvalidArgumentError({
        argument,
        value: unknown,
        message: `${argument} names ${unknown.map((name) => `"${name}"`).join(', ')}, which ${unknown.length === 1 ? 'is not a parameter' : 'are not parameters'} of the model (parameters: ${[
          ...known,
        ]
          .slice(0, 20)
          .map((name) => `"${name}"`)
          .join(', ')}${known.size > 20 ? ', …' : ''})`,
      })
    }
  }
  let selected: OnnxParameter[]
  if (selector === 'all') selected = [...all]
  else if (typeof selector === 'function') selected = all.filter((parameter) => selector(parameter))
  else if (selector instanceof RegExp) selected = all.filter((parameter) => selector.test(parameter.name))
  else if (Array.isArray(selector)) {
    checkNames(selector, 'options.trainable')
    const wanted = new Set(selector)
    selected = all.filter((parameter) => wanted.has(parameter.name))
  } else if (typeof selector === 'object' && selector !== null) {
    const selection = selector as TrainableSelection
    if (selection.names) checkNames(selection.names, 'options.trainable.names')
    if (
      selection.minDepth !== undefined &&
      !(Number.isInteger(selection.minDepth) && selection.minDepth >= 0)
    ) {
      throw new InvalidArgumentError({
        argument: 'options.trainable.minDepth',
        value: selection.minDepth,
        expected: 'an integer ≥ 0',
      })
    }
    const byName =
      selection.names !== undefined || selection.prefixes !== undefined || selection.pattern !== undefined
    const names = new Set(selection.names ?? [])
    selected = all.filter(
      (parameter) =>
        (!byName ||
          names.has(parameter.name) ||
          (selection.prefixes ?? []).some((prefix) => parameter.name.startsWith(prefix)) ||
          (selection.pattern?.test(parameter.name) ?? false)) &&
        (selection.minDepth === undefined || parameter.depth >= selection.minDepth),
    )
  } else {
    throw new InvalidArgumentError({
      argument: 'options.trainable',
      value: selector,
      expected: "'all', an array of names, a RegExp, a selection object or a function",
    })
  }
  if (selected.length === 0) {
    throw new InvalidArgumentError({
      argument: 'options.trainable',
      value: selector instanceof RegExp ? String(selector) : selector,
      message: `options.trainable selects no parameter; the model has ${all.length} (${all
        .slice(0, 20)
        .map((parameter) => `"${parameter.name}"`)
        .join(', ')}${all.length > 20 ? ', …' : ''})`,
    })
  }
  return selected
}

function makeValueInfo(
  name: string,
  elemType: number,
  dims: readonly (number | string | null)[] | null,
): ValueInfoProto {
  return create(ValueInfoProtoSchema, {
    name,
    type: {
      value: {
        case: 'tensorType',
        value: {
          elemType,
          ...(dims
            ? {
                shape: create(TensorShapeProtoSchema, {
                  dim: dims.map((dim) =>
                    create(TensorShapeProto_DimensionSchema, {
                      value:
                        typeof dim === 'number'
                          ? { case: 'dimValue', value: BigInt(dim) }
                          : typeof dim === 'string'
                            ? { case: 'dimParam', value: dim }
                            : { case: undefined },
                    }),
                  ),
                }),
              }
            : {}),
        },
      },
    },
  })
}

function tensorShapeOf(info: ValueInfoProto): (number | string | null)[] | null {
  if (info.type?.value.case !== 'tensorType' || !info.type.value.value.shape) return null
  return info.type.value.value.shape.dim.map((dim) =>
    dim.value.case === 'dimValue'
      ? Number(dim.value.value)
      : dim.value.case === 'dimParam'
        ? dim.value.value
        : null,
  )
}

function withParametersAsInputs(
  source: ModelProto,
  parameters: readonly TrainingParameter[],
  dataType: FloatDataType,
  symbolicBatch: boolean,
): ModelProto {
  const proto = clone(ModelProtoSchema, source)
  const graph = proto.graph!
  const names = new Set(parameters.map((parameter) => parameter.name))
  const initializerNames = new Set(graph.initializer.map((tensor) => tensor.name))
  graph.initializer = graph.initializer.filter((tensor) => !names.has(tensor.name))
  // IR < 4 lists initializers as inputs too: keep only real data inputs, then the parameters.
  const dataInputs = graph.input.filter((input) => !initializerNames.has(input.name))
  const frozenInputs = graph.input.filter(
    (input) => initializerNames.has(input.name) && !names.has(input.name),
  )
  if (symbolicBatch) for (const input of dataInputs) makeBatchSymbolic(input)
  graph.input = [
    ...dataInputs,
    ...parameters.map((parameter) => makeValueInfo(parameter.name, dataType, parameter.dims)),
    ...frozenInputs,
  ]
  if (symbolicBatch) for (const output of graph.output) makeBatchSymbolic(output)
  return proto
}

function makeBatchSymbolic(info: ValueInfoProto): void {
  if (info.type?.value.case !== 'tensorType') return
  const dim = info.type.value.value.shape?.dim[0]
  if (dim) dim.value = { case: 'dimParam', value: 'batch' }
}

function collectNames(graph: GraphProto): Set<string> {
  const names = new Set<string>()
  for (const input of graph.input) names.add(input.name)
  for (const output of graph.output) names.add(output.name)
  for (const tensor of graph.initializer) names.add(tensor.name)
  for (const node of graph.node) {
    names.add(node.name)
    for (const name of [...node.input, ...node.output]) names.add(name)
  }
  return names
}

/** The opset the training graph is raised to: ScatterND/ScatterElements with `reduction` (16). */
const TRAINING_OPSET = 16
/**
 * Nodes whose meaning or signature changed between opset 13 and {@link TRAINING_OPSET} (not only
 * new types): RoiAlign's default coordinate mode (16), and BatchNormalization's training outputs
 * (14 dropped the saved mean and variance outputs).
 */
function changedBeforeTrainingOpset(node: NodeProto): boolean {
  return node.opType === 'RoiAlign' || (node.opType === 'BatchNormalization' && node.output.length > 3)
}

/**
 * Raises the training graph of an opset 13–15 model to opset 16, so the Gather and MaxPool
 * gradients can use ScatterND/ScatterElements with `reduction: 'add'`. Between 13 and 16 the ops
 * only gained types and optional attributes whose defaults keep the old behaviour, except the nodes
 * of `changedBeforeTrainingOpset`: a graph with one keeps its opset. The eval graph and
 * the exported model keep the source's opset. Returns the training graph's opset.
 */
function raiseOpset(proto: ModelProto, opset: number): number {
  if (opset >= TRAINING_OPSET) return opset
  if (proto.graph!.node.some(changedBeforeTrainingOpset)) return opset
  const entry = proto.opsetImport.find((item) => item.domain === '' || item.domain === 'ai.onnx')!
  entry.version = BigInt(TRAINING_OPSET)
  return TRAINING_OPSET
}

/**
 * Rewrites `Conv` and `AveragePool` (with `count_include_pad` 1) nodes with `auto_pad` SAME_UPPER or
 * SAME_LOWER into an explicit zero `Pad` (pads computed from the runtime shape, so the batch and
 * spatial sizes may be symbolic) followed by the same op without padding: the same values, and a
 * form the gradient rules handle. Nodes whose kernel size is not known statically are left alone.
 */
function lowerAutoPad(e: GraphEmitter, graph: GraphProto, sourceInitializers: readonly TensorProto[]): void {
  const initializers = new Map(sourceInitializers.map((tensor) => [tensor.name, tensor]))
  const lowered: NodeProto[] = []
  for (const node of graph.node) {
    const autoPad = attrString(node, 'auto_pad', 'NOTSET')
    const lowerable =
      (node.opType === 'Conv' ||
        (node.opType === 'AveragePool' && attrInt(node, 'count_include_pad', 0) === 1)) &&
      (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') &&
      (node.domain === '' || node.domain === 'ai.onnx')
    const weight = node.opType === 'Conv' ? initializers.get(node.input[1] ?? '') : undefined
    const kernel =
      attrInts(node, 'kernel_shape') ?? (weight ? weight.dims.slice(2).map((dim) => Number(dim)) : undefined)
    if (!lowerable || !kernel) {
      lowered.push(node)
      continue
    }
    const spatial = kernel.length
    const strides = attrInts(node, 'strides') ?? new Array(spatial).fill(1)
    const dilations = attrInts(node, 'dilations') ?? new Array(spatial).fill(1)
    const x = node.input[0]!
    const size = e.op('Slice', [e.shape(x), e.int64([2]), e.int64([2 + spatial])])
    const stride = e.int64(strides)
    const out = e.op('Div', [e.op('Add', [size, e.int64(strides.map((value) => value - 1))]), stride])
    const reach = e.int64(kernel.map((k, i) => (k - 1) * dilations[i]! + 1))
    const needed = e.op('Add', [e.op('Mul', [e.op('Sub', [out, e.int64([1])]), stride]), reach])
    const total = e.op('Max', [e.op('Sub', [needed, size]), e.int64(new Array(spatial).fill(0))])
    const half = e.op('Div', [total, e.int64(new Array(spatial).fill(2))])
    const begin = autoPad === 'SAME_UPPER' ? half : e.op('Sub', [total, half])
    const end = e.op('Sub', [total, begin])
    const pads = e.op('Concat', [e.int64([0, 0]), begin, e.int64([0, 0]), end], { axis: { int: 0 } })
    const padded = e.op('Pad', [x, pads])
    lowered.push(...e.nodes.splice(0))
    node.input[0] = padded
    node.attribute = node.attribute.filter(
      (attribute) => attribute.name !== 'auto_pad' && attribute.name !== 'pads',
    )
    lowered.push(node)
  }
  graph.node = lowered
}

function flush(e: GraphEmitter, graph: GraphProto): void {
  graph.node.push(...e.nodes.splice(0))
  graph.initializer.push(...e.initializers.splice(0))
}

function appendLoss(e: GraphEmitter, loss: LossSpec, output: string, labels: string): string {
  switch (loss.kind) {
    case 'output':
      return output
    case 'mse': {
      const difference = e.op('Sub', [output, labels])
      return e.op('ReduceMean', [e.op('Mul', [difference, difference])], { keepdims: { int: 0 } })
    }
    case 'binaryCrossEntropyWithLogits': {
      // max(x, 0) − x·t + log(1 + exp(−|x|)), the stable form PyTorch uses.
      const linear = e.op('Sub', [e.op('Relu', [output]), e.op('Mul', [output, labels])])
      const softplus = e.op('Softplus', [e.op('Neg', [e.op('Abs', [output])])])
      return e.op('ReduceMean', [e.op('Add', [linear, softplus])], { keepdims: { int: 0 } })
    }
    case 'softmaxCrossEntropy': {
      const logProbabilities = e.op('LogSoftmax', [output], { axis: { int: 1 } })
      const shape = e.shape(output)
      const classes = e.op('Gather', [shape, e.int64([1], true)], { axis: { int: 0 } })
      const rows = e.op('Gather', [shape, e.int64([0], true)], { axis: { int: 0 } })
      const range = e.op('Range', [e.int64([0], true), classes, e.int64([1], true)])
      let target = e.toFloat(e.op('Equal', [e.unsqueeze(labels, [1]), range]))
      const smoothing = loss.labelSmoothing ?? 0
      if (smoothing > 0) {
        target = e.op('Add', [
          e.op('Mul', [target, e.scalar(1 - smoothing)]),
          e.op('Div', [e.scalar(smoothing), e.toFloat(classes)]),
        ])
      }
      const total = e.op('ReduceSum', [e.op('Mul', [target, logProbabilities])], { keepdims: { int: 0 } })
      return e.op('Div', [e.op('Neg', [total]), e.toFloat(rows)])
    }
  }
}

function makeContext(
  e: GraphEmitter,
  node: NodeProto,
  outputGradients: readonly (string | undefined)[],
  requiresGrad: ReadonlySet<string>,
  rankOf: (name: string) => number | undefined,
  types: ReadonlyMap<string, TensorType>,
  ints: ReadonlyMap<string, number[]>,
  staticDims: ReadonlyMap<string, readonly number[]>,
): GradientContext {
  return {
    e,
    node,
    x: (i) => node.input[i] ?? '',
    y: (i) => node.output[i] ?? '',
    dy: (i) => outputGradients[i],
    needs: (i) => {
      const name = node.input[i]
      return name !== undefined && name !== '' && requiresGrad.has(name)
    },
    rank: rankOf,
    dataType: (name) => types.get(name)?.dataType,
    ints: (name) => ints.get(name),
    dims: (name) => staticDims.get(name),
    fail: (reason) => {
      throw new InvalidArgumentError({
        argument: 'model',
        value: node.opType,
        message: `cannot differentiate node "${node.name || node.output[0]}" (${node.opType}): ${reason}`,
      })
    },
  }
}
