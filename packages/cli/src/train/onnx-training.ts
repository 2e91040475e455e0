import { readFile } from 'node:fs/promises'
import {
  adagradOptimizer,
  adamOptimizer,
  adamwOptimizer,
  createWasmKernels,
  type GradientClippingOptions,
  InvalidArgumentError,
  InvalidStateError,
  lionOptimizer,
  type Optimizer,
  type OptimizerKind,
  type ParamGroup,
  rmspropOptimizer,
  sgdOptimizer,
} from '@lrkit/core'
import type {
  GradientBatch,
  GradientSession,
  LossSpec,
  OnnxModel,
  TrainableSelector,
  TrainingGraph,
} from '@lrkit/onnx'
import { CliError } from '../cli-error'
import type { Dataset } from '../data/read-dataset'
import { describeFileError } from '../io/write-file-atomic'

type OnnxModule = typeof import('@lrkit/onnx')
type OrtModule = typeof import('onnxruntime-node')

/** `@lrkit/onnx` and `onnxruntime-node`, loaded on first use (only `find`, `fit` and `search` need them). */
export interface OnnxRuntime {
  /** `@lrkit/onnx`. */
  readonly onnx: OnnxModule
  /** `onnxruntime-node`. */
  readonly ort: OrtModule
}

/**
 * Loads `@lrkit/onnx` and `onnxruntime-node` (an optional peer dependency of the CLI).
 *
 * @throws CliError (`usage`) saying how to install onnxruntime-node when it is missing.
 */
export async function loadOnnxRuntime(): Promise<OnnxRuntime> {
  try {
    const [onnx, ort] = await Promise.all([import('@lrkit/onnx'), import('onnxruntime-node')])
    return { onnx, ort }
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') throw error
    throw new CliError({
      kind: 'usage',
      problem: 'training ONNX models needs onnxruntime-node, which is not installed',
      fix: 'install it next to @lrkit/cli: pnpm add -D onnxruntime-node@^1.30 (its install script is not needed)',
      cause: error,
    })
  }
}

/**
 * Reads and loads an ONNX model file.
 *
 * @throws CliError (`input`) for a missing file or bytes that are not a loadable ONNX model.
 */
export async function readOnnxModel(
  runtime: OnnxRuntime,
  path: string,
  fullPath: string,
): Promise<OnnxModel> {
  let bytes: Buffer
  try {
    bytes = await readFile(fullPath)
  } catch (error) {
    throw new CliError({
      kind: 'input',
      problem: `cannot read ${path}: ${describeFileError(error)}`,
      fix: 'check the path (relative paths start in the current folder)',
      cause: error,
    })
  }
  try {
    return runtime.onnx.loadOnnxModel(bytes)
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind: 'input',
      problem: `${path} is not a usable ONNX model: ${error.message.replace(/^bytes /, 'the file ')}`,
      fix: 'export the model again (ONNX opset 13 to 26, no external data)',
      cause: error,
    })
  }
}

/** The loss names `--loss` and the config accept. */
export const LOSS_KINDS = ['softmaxCrossEntropy', 'mse', 'binaryCrossEntropyWithLogits'] as const

/** The optimizer names `--optimizer` and the config accept. */
export const OPTIMIZER_KINDS: readonly OptimizerKind[] = [
  'adamw',
  'adam',
  'sgd',
  'rmsprop',
  'lion',
  'adagrad',
]

/**
 * Parses `--trainable`: `all`, or comma-separated parameter-name prefixes (an exact name is its own
 * prefix).
 */
export function trainableFromFlag(value: string | undefined): TrainableSelector {
  if (value === undefined || value.trim() === 'all') return 'all'
  const prefixes = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
  if (prefixes.length === 0) {
    throw new CliError({
      kind: 'usage',
      problem: `--trainable must be "all" or comma-separated parameter names or prefixes, got ${JSON.stringify(value)}`,
      fix: 'e.g. --trainable fc2. (every parameter whose name starts with fc2.)',
    })
  }
  return { prefixes }
}

/**
 * Builds the training graph of `model` with a loss and the trainable parameters.
 *
 * @throws CliError (`input`) when the model cannot be trained: an op without a gradient, a
 *   selection that matches nothing, an opset below 13 — with `@lrkit/onnx`'s message.
 */
export function buildGraph(
  runtime: OnnxRuntime,
  model: OnnxModel,
  { modelPath, loss, trainable }: { modelPath: string; loss: LossSpec; trainable: TrainableSelector },
): TrainingGraph {
  try {
    return runtime.onnx.buildTrainingGraph(model, { loss, trainable })
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    const message = error.message.replace(/options\.trainable/g, 'the trainable selection')
    throw new CliError({
      kind: 'input',
      problem: `cannot train ${modelPath}: ${message}`,
      fix: error.argument?.includes('trainable')
        ? 'choose parameters the model has (--trainable, or "trainable" in the config)'
        : 'see the @lrkit/onnx README for the supported ops and opsets',
      cause: error,
    })
  }
}

/** A dataset turned into the batches of a training graph. */
export interface Batches {
  /** Rows per batch (the dataset's rows when it has fewer). */
  readonly batchSize: number
  /** Batches per epoch: the last incomplete batch of an epoch is dropped. */
  readonly stepsPerEpoch: number
  /** The batch of global step `step` (epoch `⌊step / stepsPerEpoch⌋`, reshuffled per epoch). */
  batchAt(step: number): GradientBatch
  /** The whole dataset as batches of at most `batchSize` rows, in file order (for evaluation). */
  all(): GradientBatch[]
}

/**
 * Checks that the dataset fits the graph (one data input whose per-row size is the number of
 * features; targets the loss can use) and prepares deterministic batches: the rows are shuffled per
 * epoch by a seeded generator, so a resumed run sees the same batches.
 *
 * @throws CliError (`input`) naming the mismatch and (for class indices) the row.
 */
export function createBatches(
  runtime: OnnxRuntime,
  graph: TrainingGraph,
  dataset: Dataset,
  {
    batchSize,
    seed,
    shuffle,
    modelPath,
  }: { batchSize: number; seed: number; shuffle: boolean; modelPath: string },
): Batches {
  const { ort } = runtime
  const features = dataset.featureNames.length
  if (graph.dataInputs.length !== 1) {
    throw new CliError({
      kind: 'input',
      problem: `${modelPath} has ${graph.dataInputs.length} data inputs (${graph.dataInputs.join(', ')}); lrkit feeds one input from the data file`,
      fix: 'export a model with one input',
    })
  }
  const inputName = graph.dataInputs[0] as string
  const inputInfo = graph.source.inputs.find((input) => input.name === inputName)
  const rowDims = (inputInfo?.dims ?? []).slice(1)
  if (rowDims.some((dim) => typeof dim !== 'number') || rowDims.length === 0) {
    throw new CliError({
      kind: 'input',
      problem: `input "${inputName}" of ${modelPath} has shape [${(inputInfo?.dims ?? []).join(', ')}]; lrkit needs fixed sizes after the batch dimension`,
      fix: 'export the model with a fixed feature size',
    })
  }
  const perRow = (rowDims as number[]).reduce((product, dim) => product * dim, 1)
  if (perRow !== features) {
    throw new CliError({
      kind: 'input',
      problem: `input "${inputName}" of ${modelPath} takes ${perRow} values per row ([batch, ${rowDims.join(', ')}]), ${dataset.source} has ${features} feature columns (${describeColumns(dataset.featureNames)})`,
      fix: 'check --target (the target column is left out of the features) or the data file',
    })
  }
  const outputInfo = graph.source.outputs.find((output) => output.name === graph.lossOf)
  const outputDims = (outputInfo?.dims ?? []).slice(1)
  const outputsPerRow = outputDims.every((dim) => typeof dim === 'number')
    ? (outputDims as number[]).reduce((product, dim) => product * dim, 1)
    : undefined
  const integerLabels = graph.labelsDataType === 'INT64'
  if (integerLabels) {
    dataset.targets.forEach((target, row) => {
      const classes = outputsPerRow
      if (!Number.isInteger(target) || target < 0 || (classes !== undefined && target >= classes)) {
        throw new CliError({
          kind: 'input',
          problem: `${dataset.source}: row ${row + 1}: target "${dataset.targetName}" is ${target}, not a class index${classes === undefined ? '' : ` from 0 to ${classes - 1} (the model has ${classes} outputs)`}`,
          fix: 'classification needs class indices; for regression pass --loss mse',
        })
      }
    })
  } else if (outputsPerRow !== undefined && outputsPerRow !== 1) {
    throw new CliError({
      kind: 'input',
      problem: `the loss compares one target per row with output "${graph.lossOf}", which has ${outputsPerRow} values per row`,
      fix: 'for classification use --loss softmaxCrossEntropy; otherwise export a model with one output value',
    })
  }
  const rows = dataset.rows
  const size = Math.min(batchSize, rows)
  const stepsPerEpoch = Math.floor(rows / size)
  let cachedEpoch = -1
  let order = new Uint32Array(0)
  const orderOf = (epoch: number): Uint32Array => {
    if (epoch !== cachedEpoch) {
      order = Uint32Array.from({ length: rows }, (_, index) => index)
      if (shuffle) {
        const random = mulberry32((seed ^ Math.imul(epoch + 1, 0x9e3779b1)) >>> 0)
        for (let index = rows - 1; index > 0; index--) {
          const other = Math.floor(random() * (index + 1))
          const kept = order[index] as number
          order[index] = order[other] as number
          order[other] = kept
        }
      }
      cachedEpoch = epoch
    }
    return order
  }
  const make = (indices: ArrayLike<number>): GradientBatch => {
    const count = indices.length
    const x = new Float32Array(count * features)
    for (let index = 0; index < count; index++) {
      const row = indices[index] as number
      x.set(dataset.features.subarray(row * features, (row + 1) * features), index * features)
    }
    const input = new ort.Tensor('float32', x, [count, ...(rowDims as number[])])
    const targets = Array.from(indices, (row) => dataset.targets[row] as number)
    const labels = integerLabels
      ? BigInt64Array.from(targets, (target) => BigInt(target))
      : new ort.Tensor('float32', Float32Array.from(targets), [
          count,
          ...(outputDims.length === 0 ? [] : [1]),
        ])
    return { inputs: { [inputName]: input }, labels }
  }
  return {
    batchSize: size,
    stepsPerEpoch,
    batchAt(step) {
      const epoch = Math.floor(step / stepsPerEpoch)
      const start = (step - epoch * stepsPerEpoch) * size
      return make(orderOf(epoch).subarray(start, start + size))
    },
    all() {
      const batches: GradientBatch[] = []
      for (let start = 0; start < rows; start += size) {
        batches.push(
          make(Uint32Array.from({ length: Math.min(size, rows - start) }, (_, index) => start + index)),
        )
      }
      return batches
    },
  }
}

function describeColumns(names: readonly string[]): string {
  return names.length <= 6 ? names.join(', ') : `${names.slice(0, 5).join(', ')}, …`
}

function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Optimizer settings from flags or the config. */
export interface OptimizerSettings {
  /** Which optimizer. */
  readonly kind: OptimizerKind
  /** Hyperparameters of that optimizer (`weightDecay`, `beta1`, `momentum`, …). */
  readonly hyperparameters?: Readonly<Record<string, number | boolean>>
  /** Gradient clipping. */
  readonly gradientClipping?: GradientClippingOptions
  /** Micro-batches per update. */
  readonly accumulationSteps?: number
}

/**
 * Creates a `@lrkit/core` optimizer over `parameters` with WebAssembly kernels on unshared memory
 * (what onnxruntime-node accepts).
 *
 * @param where - the flag or config path of the settings, for messages (`--optimizer`, `optimizer`).
 * @throws CliError (`usage` for flags, `input` for a config) with core's message for a bad setting.
 */
export function createOptimizer(
  settings: OptimizerSettings,
  parameters: ReadonlyMap<string, Float32Array>,
  { groups, where, kind }: { groups?: readonly ParamGroup[]; where: string; kind: 'usage' | 'input' },
): Optimizer<object> {
  const options = {
    ...settings.hyperparameters,
    parameters,
    kernels: createWasmKernels({ sharedMemory: false }),
    ...(groups === undefined ? {} : { groups }),
    ...(settings.gradientClipping === undefined ? {} : { gradientClipping: settings.gradientClipping }),
    ...(settings.accumulationSteps === undefined ? {} : { accumulationSteps: settings.accumulationSteps }),
  }
  const factories: Record<OptimizerKind, (options: never) => Optimizer<object>> = {
    adamw: adamwOptimizer,
    adam: adamOptimizer,
    sgd: sgdOptimizer,
    rmsprop: rmspropOptimizer,
    lion: lionOptimizer,
    adagrad: adagradOptimizer,
  }
  const factory = factories[settings.kind]
  if (factory === undefined) {
    throw new CliError({
      kind,
      problem: `${where} must be one of ${OPTIMIZER_KINDS.join(', ')}, got ${JSON.stringify(settings.kind)}`,
      fix: 'choose one of them',
    })
  }
  try {
    return factory(options as never)
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind,
      problem: `${where}: ${error.message}`,
      fix: kind === 'usage' ? 'fix the flag' : 'fix the config',
      cause: error,
    })
  }
}

/** Parses a `--loss` value. */
export function lossFromFlag(value: string | undefined): LossSpec {
  const kind = value ?? 'softmaxCrossEntropy'
  if (!(LOSS_KINDS as readonly string[]).includes(kind)) {
    throw new CliError({
      kind: 'usage',
      problem: `--loss must be one of ${LOSS_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
      fix: 'softmaxCrossEntropy for class indices, mse for regression, binaryCrossEntropyWithLogits for 0/1 targets',
    })
  }
  return { kind } as LossSpec
}

/**
 * Creates the gradient session of a graph.
 *
 * @throws CliError (`input`) when onnxruntime rejects the graph.
 */
export async function createSession(
  runtime: OnnxRuntime,
  graph: TrainingGraph,
  modelPath: string,
): Promise<GradientSession> {
  try {
    return await runtime.onnx.createGradientSession(graph)
  } catch (error) {
    if (
      InvalidStateError.isInstance(error) ||
      InvalidArgumentError.isInstance(error) ||
      error instanceof Error
    ) {
      throw new CliError({
        kind: 'input',
        problem: `onnxruntime cannot run the training graph of ${modelPath}: ${error.message}`,
        fix: 'check that the model runs in onnxruntime 1.30 (opset 13 to 26)',
        cause: error,
      })
    }
    throw error
  }
}
