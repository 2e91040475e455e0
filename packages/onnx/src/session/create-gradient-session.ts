import { clone } from '@bufbuild/protobuf'
import { InvalidArgumentError, InvalidStateError, type NamedArrays } from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { ModelProtoSchema } from '../generated/onnx_pb'
import type { TrainingGraph } from '../graph/build-training-graph'
import { littleEndianBytes } from '../internal/tensor-data'
import { wrapModelProto } from '../model/load-onnx-model'
import type { OnnxModel } from '../model/onnx-model'
import { saveOnnxModel } from '../model/save-onnx-model'

/** Options of {@link createGradientSession}. */
export interface GradientSessionOptions {
  /**
   * onnxruntime-node session options for both sessions (training and eval). Default
   * `{ logSeverityLevel: 3 }` (ORT warns about every initializer it drops otherwise).
   */
  readonly sessionOptions?: ort.InferenceSession.SessionOptions
}

/** One batch: the model's data inputs and, unless the loss is an `output` loss, the labels. */
export interface GradientBatch {
  /** The model's data inputs by name. */
  readonly inputs: Readonly<Record<string, ort.Tensor>>
  /**
   * Labels: class ids (int64 tensor, or any integer array of length N) for `softmaxCrossEntropy`;
   * float targets shaped like the output (a float32 tensor, or a `Float32Array` whose shape is the
   * output's, with the batch size of the first data input) for `mse` and
   * `binaryCrossEntropyWithLogits`.
   */
  readonly labels?: ort.Tensor | ArrayLike<number> | BigInt64Array
}

/** The loss of one batch and the gradient of every trainable parameter, by initializer name. */
export interface GradientResult {
  /** The batch loss. */
  readonly loss: number
  /** Gradient of each trainable parameter (fresh arrays owned by the caller). */
  readonly gradients: Map<string, Float32Array>
}

/**
 * A training graph loaded into onnxruntime-node with the parameter values it feeds. Parameters are
 * fed as zero-copy tensor views, so updating the arrays in place (as `@lrkit/core` optimizers do)
 * is seen by the next run. `session.run` blocks the event loop for the whole step.
 */
export interface GradientSession {
  /** The graph this session runs. */
  readonly graph: TrainingGraph
  /** The current parameter arrays, by initializer name (the arrays the session feeds). */
  readonly parameters: ReadonlyMap<string, Float32Array>
  /** Runs forward and backward once; returns the loss and the gradients without updating anything. */
  computeGradients(batch: GradientBatch): Promise<GradientResult>
  /**
   * Runs forward and backward once and has onnxruntime write every gradient straight into
   * `gradients` (pre-allocated outputs: an optimizer's own buffers, `optimizer.gradients`); resolves
   * to the loss. The output tensors are made once per `gradients` map and reused. Every trainable
   * parameter needs a `Float32Array` of its length in a plain (not shared) `ArrayBuffer`.
   */
  computeGradientsInto(batch: GradientBatch, gradients: ReadonlyMap<string, Float32Array>): Promise<number>
  /** Runs the forward-only eval graph on the current parameters; returns the model's outputs. */
  predict(inputs: Readonly<Record<string, ort.Tensor>>): Promise<Record<string, ort.Tensor>>
  /**
   * Feeds these arrays from now on (e.g. an optimizer's own copies). Every trainable parameter must
   * be given, with its length.
   */
  useParameters(parameters: NamedArrays): void
  /** The source model with its trainable initializers set to the current values. */
  exportModel(): OnnxModel
  /** Releases both ORT sessions. */
  release(): Promise<void>
}

/**
 * Loads a float32 training graph (and its eval graph) into onnxruntime-node. The parameters start as
 * copies of the model's values.
 *
 * @param graph - from `buildTrainingGraph`
 * @param options - ORT session options
 * @returns the session
 *
 * @example
 * ```ts
 * const session = await createGradientSession(buildTrainingGraph(model, { loss: { kind: 'mse' } }))
 * const { loss, gradients } = await session.computeGradients({ inputs: { x }, labels: y })
 * ```
 */
export async function createGradientSession(
  graph: TrainingGraph,
  options: GradientSessionOptions = {},
): Promise<GradientSession> {
  const nonFloat = graph.parameters.find((parameter) => parameter.dataType !== 'FLOAT')
  if (nonFloat) {
    throw new InvalidArgumentError({
      argument: 'graph',
      value: nonFloat.dataType,
      message: `createGradientSession trains FLOAT parameters; "${nonFloat.name}" is ${nonFloat.dataType}`,
    })
  }
  const sessionOptions = { logSeverityLevel: 3 as const, ...options.sessionOptions }
  const training = await ort.InferenceSession.create(saveOnnxModel(graph.model), sessionOptions)
  const evaluation = await ort.InferenceSession.create(saveOnnxModel(graph.evalModel), sessionOptions)
  let parameters = new Map<string, Float32Array>()
  let feeds: Record<string, ort.Tensor> = {}
  let into:
    | { gradients: ReadonlyMap<string, Float32Array>; fetches: Record<string, ort.Tensor | null> }
    | undefined
  const bind = (arrays: Map<string, Float32Array>) => {
    parameters = arrays
    feeds = {}
    for (const parameter of graph.parameters) {
      feeds[parameter.name] = new ort.Tensor('float32', arrays.get(parameter.name)!, [...parameter.dims])
    }
  }
  bind(
    new Map(
      graph.parameters.map((parameter) => [parameter.name, Float32Array.from(parameter.initialValues)]),
    ),
  )
  let released = false
  const checkOpen = () => {
    if (released) throw new InvalidStateError({ message: 'the gradient session was released' })
  }
  const checkInputs = (inputs: Readonly<Record<string, ort.Tensor>>) => {
    const missing = graph.dataInputs.filter((name) => !(inputs[name] instanceof ort.Tensor))
    if (missing.length > 0) {
      throw new InvalidArgumentError({
        argument: 'batch.inputs',
        value: Object.keys(inputs ?? {}),
        message: `batch.inputs needs an ort.Tensor for ${missing.map((name) => `"${name}"`).join(', ')}`,
      })
    }
  }
  return {
    graph,
    get parameters() {
      return parameters
    },
    async computeGradients(batch) {
      checkOpen()
      checkInputs(batch?.inputs)
      const run: Record<string, ort.Tensor> = { ...feeds }
      for (const name of graph.dataInputs) run[name] = batch.inputs[name]!
      if (graph.labelsInput !== undefined) run[graph.labelsInput] = labelsTensor(graph, batch)
      const out = await training.run(run)
      const gradients = new Map<string, Float32Array>()
      for (const [name, output] of graph.gradientOutputs)
        gradients.set(name, out[output]!.data as Float32Array)
      return { loss: Number(out[graph.lossOutput]!.data[0]), gradients }
    },
    async computeGradientsInto(batch, gradients) {
      checkOpen()
      checkInputs(batch?.inputs)
      if (into?.gradients !== gradients) {
        const fetches: Record<string, ort.Tensor | null> = { [graph.lossOutput]: null }
        for (const parameter of graph.parameters) {
          const array = gradients instanceof Map ? gradients.get(parameter.name) : undefined
          checkArray(`gradients["${parameter.name}"]`, array, parameter.initialValues.length)
          fetches[graph.gradientOutputs.get(parameter.name)!] = new ort.Tensor('float32', array!, [
            ...parameter.dims,
          ])
        }
        into = { gradients, fetches }
      }
      const run: Record<string, ort.Tensor> = { ...feeds }
      for (const name of graph.dataInputs) run[name] = batch.inputs[name]!
      if (graph.labelsInput !== undefined) run[graph.labelsInput] = labelsTensor(graph, batch)
      const out = await training.run(run, into.fetches)
      return Number(out[graph.lossOutput]!.data[0])
    },
    async predict(inputs) {
      checkOpen()
      checkInputs(inputs)
      const run: Record<string, ort.Tensor> = { ...feeds }
      for (const name of graph.dataInputs) run[name] = inputs[name]!
      return evaluation.run(run)
    },
    useParameters(arrays) {
      const map: ReadonlyMap<string, Float32Array> =
        arrays instanceof Map ? arrays : new Map(Object.entries(arrays as Record<string, Float32Array>))
      const next = new Map<string, Float32Array>()
      for (const parameter of graph.parameters) {
        const array = map.get(parameter.name)
        checkArray(`parameters["${parameter.name}"]`, array, parameter.initialValues.length)
        next.set(parameter.name, array!)
      }
      bind(next)
    },
    exportModel() {
      const proto = clone(ModelProtoSchema, graph.source.proto)
      for (const tensor of proto.graph!.initializer) {
        const values = parameters.get(tensor.name)
        if (!values) continue
        tensor.rawData = littleEndianBytes(values)
        tensor.floatData = []
      }
      return wrapModelProto(proto)
    },
    async release() {
      if (released) return
      released = true
      await training.release()
      await evaluation.release()
    },
  }
}

/**
 * Checks an array ORT will read or write in place: a Float32Array of `length` over a plain
 * ArrayBuffer (the onnxruntime-node binding rejects SharedArrayBuffer-backed arrays with "Invalid
 * argument").
 */
function checkArray(argument: string, array: unknown, length: number): void {
  if (!(array instanceof Float32Array) || array.length !== length) {
    throw new InvalidArgumentError({
      argument,
      value: array instanceof Float32Array ? `a Float32Array of length ${array.length}` : array,
      expected: `a Float32Array of length ${length}`,
    })
  }
  if (typeof SharedArrayBuffer === 'function' && array.buffer instanceof SharedArrayBuffer) {
    throw new InvalidArgumentError({
      argument,
      value: 'a Float32Array over a SharedArrayBuffer',
      message: `${argument} lives in shared memory (a SharedArrayBuffer), which onnxruntime-node cannot read or write in place; with WebAssembly kernels create them with createWasmKernels({ sharedMemory: false }) (the optimizer allocates its memory in one block, so unshared memory needs no size)`,
    })
  }
}

function labelsTensor(graph: TrainingGraph, batch: GradientBatch): ort.Tensor {
  const labels = batch.labels
  if (labels === undefined) {
    throw new InvalidArgumentError({
      argument: 'batch.labels',
      value: undefined,
      expected: 'labels for this loss',
    })
  }
  if (graph.labelsDataType === 'INT64') {
    if (labels instanceof ort.Tensor) {
      if (labels.type === 'int64') return labels
      return new ort.Tensor(
        'int64',
        BigInt64Array.from(labels.data as ArrayLike<number>, (v) => BigInt(v)),
        labels.dims,
      )
    }
    const ids =
      labels instanceof BigInt64Array
        ? labels
        : BigInt64Array.from(labels as ArrayLike<number>, (v) => BigInt(v))
    return new ort.Tensor('int64', ids, [ids.length])
  }
  if (labels instanceof ort.Tensor) return labels
  const values = labels instanceof Float32Array ? labels : Float32Array.from(labels as ArrayLike<number>)
  const firstInput = batch.inputs[graph.dataInputs[0]!]!
  const batchSize = firstInput.dims[0] ?? 1
  const outputDims = graph.source.outputs.find((output) => output.name === graph.lossOf)?.dims
  const trailing = outputDims ? outputDims.slice(1) : null
  if (
    !trailing ||
    trailing.some((dim) => typeof dim !== 'number') ||
    values.length !== batchSize * trailing.reduce<number>((a, b) => a * (b as number), 1)
  ) {
    throw new InvalidArgumentError({
      argument: 'batch.labels',
      value: `${values.length} values`,
      message: `batch.labels: pass an ort.Tensor; the output's shape is not known statically or does not hold ${values.length} values for a batch of ${batchSize}`,
    })
  }
  return new ort.Tensor('float32', values, [batchSize, ...(trailing as number[])])
}
