import { clone } from '@bufbuild/protobuf'
import { InvalidArgumentError, InvalidStateError, type NamedArrays } from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { ModelProtoSchema } from '../generated/onnx_pb'
import type { TrainingGraph } from '../graph/build-training-graph'
import { littleEndianBytes } from '../internal/tensor-data'
import { wrapModelProto } from '../model/load-onnx-model'
import type { OnnxModel } from '../model/onnx-model'
import { saveOnnxModel } from '../model/save-onnx-model'
import { type PlainTensor, plainTensor, type SharedRegion, startWorkerRunner } from './worker-runner'

/** Options of {@link createGradientSession}. */
export interface GradientSessionOptions {
  /**
   * onnxruntime-node session options for both sessions (training and eval), merged over the
   * defaults `{ logSeverityLevel: 3, extra: { session: { intra_op: { allow_spinning: '0' } } } }`:
   * ORT warns about every initializer it drops otherwise, and its spinning worker threads cost a
   * training step 1.5× when other processes share the cores (measured on 2 cores).
   */
  readonly sessionOptions?: ort.InferenceSession.SessionOptions
  /**
   * Run both onnxruntime sessions in a worker thread (default false), so a training step no longer
   * blocks the event loop (servers, UIs). Parameters and gradients then cross through shared
   * memory: arrays in a SharedArrayBuffer (WebAssembly kernels' default shared memory) are read and
   * written in place; other arrays are mirrored, at the cost of one copy per run. Use one worker
   * session per process (onnxruntime-node in several worker threads is fragile).
   */
  readonly worker?: boolean
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
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    logSeverityLevel: 3,
    extra: { session: { intra_op: { allow_spinning: '0' } } },
    ...options.sessionOptions,
  }
  const engine = options.worker
    ? await workerEngine(graph, sessionOptions)
    : await inThreadEngine(graph, sessionOptions)
  let parameters = new Map<string, Float32Array>()
  const bind = (arrays: Map<string, Float32Array>) => {
    parameters = arrays
    engine.bind(arrays)
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
      const { loss, gradients } = await engine.train(dataFeeds(graph, batch.inputs, batch), undefined)
      return { loss, gradients: gradients! }
    },
    async computeGradientsInto(batch, gradients) {
      checkOpen()
      checkInputs(batch?.inputs)
      for (const parameter of graph.parameters) {
        const array = gradients instanceof Map ? gradients.get(parameter.name) : undefined
        checkArray(`gradients["${parameter.name}"]`, array, parameter.initialValues.length, engine.shared)
      }
      return (await engine.train(dataFeeds(graph, batch.inputs, batch), gradients)).loss
    },
    async predict(inputs) {
      checkOpen()
      checkInputs(inputs)
      return engine.predict(dataFeeds(graph, inputs, undefined))
    },
    useParameters(arrays) {
      const map: ReadonlyMap<string, Float32Array> =
        arrays instanceof Map ? arrays : new Map(Object.entries(arrays as Record<string, Float32Array>))
      const next = new Map<string, Float32Array>()
      for (const parameter of graph.parameters) {
        const array = map.get(parameter.name)
        checkArray(`parameters["${parameter.name}"]`, array, parameter.initialValues.length, engine.shared)
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
      await engine.release()
    },
  }
}

/** What runs the two onnxruntime sessions: in this thread, or in a worker thread. */
interface Engine {
  /** Whether parameter and gradient arrays may live in a SharedArrayBuffer. */
  readonly shared: boolean
  bind(parameters: ReadonlyMap<string, Float32Array>): void
  /** Loss and, without `into`, fresh gradients by parameter name; with `into`, gradients written there. */
  train(
    data: Record<string, ort.Tensor>,
    into: ReadonlyMap<string, Float32Array> | undefined,
  ): Promise<{ loss: number; gradients?: Map<string, Float32Array> }>
  predict(data: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>>
  release(): Promise<void>
}

/** The data inputs of a run, and the labels of a training batch (none for the eval graph). */
function dataFeeds(
  graph: TrainingGraph,
  inputs: Readonly<Record<string, ort.Tensor>>,
  batch: GradientBatch | undefined,
): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {}
  for (const name of graph.dataInputs) feeds[name] = inputs[name]!
  if (batch !== undefined && graph.labelsInput !== undefined) {
    feeds[graph.labelsInput] = labelsTensor(graph, batch)
  }
  return feeds
}

async function inThreadEngine(
  graph: TrainingGraph,
  sessionOptions: ort.InferenceSession.SessionOptions,
): Promise<Engine> {
  const training = await ort.InferenceSession.create(saveOnnxModel(graph.model), sessionOptions)
  const evaluation = await ort.InferenceSession.create(saveOnnxModel(graph.evalModel), sessionOptions)
  let feeds: Record<string, ort.Tensor> = {}
  let into:
    | { gradients: ReadonlyMap<string, Float32Array>; fetches: Record<string, ort.Tensor | null> }
    | undefined
  return {
    shared: false,
    bind(parameters) {
      feeds = {}
      for (const parameter of graph.parameters) {
        feeds[parameter.name] = new ort.Tensor('float32', parameters.get(parameter.name)!, [
          ...parameter.dims,
        ])
      }
    },
    async train(data, target) {
      const run = { ...feeds, ...data }
      if (target === undefined) {
        const out = await training.run(run)
        const gradients = new Map<string, Float32Array>()
        for (const [name, output] of graph.gradientOutputs)
          gradients.set(name, out[output]!.data as Float32Array)
        return { loss: Number(out[graph.lossOutput]!.data[0]), gradients }
      }
      if (into?.gradients !== target) {
        const fetches: Record<string, ort.Tensor | null> = { [graph.lossOutput]: null }
        for (const parameter of graph.parameters) {
          fetches[graph.gradientOutputs.get(parameter.name)!] = new ort.Tensor(
            'float32',
            target.get(parameter.name)!,
            [...parameter.dims],
          )
        }
        into = { gradients: target, fetches }
      }
      const out = await training.run(run, into.fetches)
      return { loss: Number(out[graph.lossOutput]!.data[0]) }
    },
    predict(data) {
      return evaluation.run({ ...feeds, ...data })
    },
    async release() {
      await training.release()
      await evaluation.release()
    },
  }
}

/**
 * Runs both sessions in one worker thread, so `session.run` no longer blocks the event loop. The
 * parameters and gradients cross through shared memory: arrays already in a SharedArrayBuffer
 * (e.g. WebAssembly kernels' shared memory) are used in place; others get a shared mirror, copied
 * before (parameters) or after (gradients) each run on this thread.
 */
async function workerEngine(
  graph: TrainingGraph,
  sessionOptions: ort.InferenceSession.SessionOptions,
): Promise<Engine> {
  const runner = await startWorkerRunner(
    saveOnnxModel(graph.model),
    saveOnnxModel(graph.evalModel),
    sessionOptions,
  )
  const dims = new Map(graph.parameters.map((parameter) => [parameter.name, [...parameter.dims]]))
  const region = (name: string, array: Float32Array, as: string): SharedRegion => ({
    name: as,
    buffer: array.buffer as SharedArrayBuffer,
    byteOffset: array.byteOffset,
    length: array.length,
    dims: dims.get(name)!,
  })
  const sharedView = (array: Float32Array): Float32Array =>
    array.buffer instanceof SharedArrayBuffer
      ? array
      : new Float32Array(new SharedArrayBuffer(array.byteLength))
  // Parameters: the arrays, and their shared mirrors where they are not shared already.
  let mirrors: [Float32Array, Float32Array][] = []
  let chain: Promise<unknown> = Promise.resolve()
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = chain.then(work, work)
    chain = next.catch(() => undefined)
    return next
  }
  const syncParameters = () => {
    for (const [array, mirror] of mirrors) mirror.set(array)
  }
  const targets = new WeakMap<
    ReadonlyMap<string, Float32Array>,
    { key: number; copies: [Float32Array, Float32Array][]; regions: SharedRegion[] }
  >()
  let nextKey = 0
  const toPlain = (data: Record<string, ort.Tensor>) => {
    const out: Record<string, PlainTensor> = {}
    for (const [name, tensor] of Object.entries(data)) out[name] = plainTensor(tensor)
    return out
  }
  return {
    shared: true,
    bind(parameters) {
      mirrors = []
      const regions = graph.parameters.map((parameter) => {
        const array = parameters.get(parameter.name)!
        const shared = sharedView(array)
        if (shared !== array) mirrors.push([array, shared])
        return region(parameter.name, shared, parameter.name)
      })
      void serial(() => runner.call({ type: 'bind', parameters: regions }))
    },
    train(data, into) {
      return serial(async () => {
        syncParameters()
        const common = { data: toPlain(data), lossOutput: graph.lossOutput }
        if (into === undefined) {
          const reply = await runner.call<{ loss: number; gradients: Record<string, Float32Array> }>({
            type: 'train',
            ...common,
            gradientOutputs: [...graph.gradientOutputs.values()],
          })
          const gradients = new Map<string, Float32Array>()
          for (const [name, output] of graph.gradientOutputs) gradients.set(name, reply.gradients[output]!)
          return { loss: reply.loss, gradients }
        }
        let target = targets.get(into)
        if (target === undefined) {
          const copies: [Float32Array, Float32Array][] = []
          const regions = graph.parameters.map((parameter) => {
            const array = into.get(parameter.name)!
            const shared = sharedView(array)
            if (shared !== array) copies.push([shared, array])
            return region(parameter.name, shared, graph.gradientOutputs.get(parameter.name)!)
          })
          target = { key: nextKey++, copies, regions }
          targets.set(into, target)
        }
        const reply = await runner.call<{ loss: number }>({
          type: 'train',
          ...common,
          targets: target.regions,
          targetsKey: target.key,
        })
        for (const [shared, array] of target.copies) array.set(shared)
        return { loss: reply.loss }
      })
    },
    predict(data) {
      return serial(async () => {
        syncParameters()
        const reply = await runner.call<{ outputs: Record<string, PlainTensor> }>({
          type: 'predict',
          data: toPlain(data),
        })
        const outputs: Record<string, ort.Tensor> = {}
        for (const [name, value] of Object.entries(reply.outputs)) {
          outputs[name] = new ort.Tensor(value.type, value.data as Float32Array, [...value.dims])
        }
        return outputs
      })
    },
    release() {
      return serial(() => runner.terminate())
    },
  }
}

/**
 * Checks an array ORT will read or write in place: a Float32Array of `length` over a plain
 * ArrayBuffer (the onnxruntime-node binding rejects SharedArrayBuffer-backed arrays with "Invalid
 * argument").
 */
function checkArray(argument: string, array: unknown, length: number, sharedAllowed: boolean): void {
  if (!(array instanceof Float32Array) || array.length !== length) {
    throw new InvalidArgumentError({
      argument,
      value: array instanceof Float32Array ? `a Float32Array of length ${array.length}` : array,
      expected: `a Float32Array of length ${length}`,
    })
  }
  if (
    !sharedAllowed &&
    typeof SharedArrayBuffer === 'function' &&
    array.buffer instanceof SharedArrayBuffer
  ) {
    throw new InvalidArgumentError({
      argument,
      value: 'a Float32Array over a SharedArrayBuffer',
      message: `${argument} lives in shared memory (a SharedArrayBuffer), which onnxruntime-node cannot read or write in place; with WebAssembly kernels create them with createWasmKernels({ sharedMemory: false }) (the optimizer allocates its memory in one block, so unshared memory needs no size), or run the session in a worker thread (createGradientSession(graph, { worker: true })), which reads shared memory`,
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
