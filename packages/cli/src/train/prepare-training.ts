import { resolve } from 'node:path'
import type { Optimizer } from '@lrkit/core'
import type { GradientSession, LossSpec, OnnxSnapshot, TrainingGraph } from '@lrkit/onnx'
import type { Command } from 'commander'
import type { CliIo } from '../cli-io'
import { type Dataset, readDataset } from '../data/read-dataset'
import { integerFlag } from '../flags'
import { numberFlag } from './number-flag'
import {
  type Batches,
  buildGraph,
  createBatches,
  createOptimizer,
  createSession,
  LOSS_KINDS,
  loadOnnxRuntime,
  lossFromFlag,
  type OnnxRuntime,
  OPTIMIZER_KINDS,
  type OptimizerSettings,
  readOnnxModel,
  trainableFromFlag,
} from './onnx-training'

/** The model and data flags shared by `lrkit find` and `lrkit search`. */
export interface ModelDataFlags {
  readonly model: string
  readonly data: string
  readonly target?: string
  readonly trainable?: string
  readonly optimizer: string
  readonly weightDecay?: string
  readonly batchSize: string
  readonly loss?: string
  readonly seed: string
}

/** Adds the model and data flags to a command. */
export function addModelDataOptions(command: Command): Command {
  return command
    .requiredOption('--model <file.onnx>', 'the ONNX model to train')
    .requiredOption('--data <file>', 'training data: .csv (header row), .npy (2-D array) or .json')
    .option(
      '--target <column>',
      'target column: a name (CSV, JSON) or an index (NPY); default the last column',
    )
    .option('--trainable <names>', 'parameters to train: "all" or comma-separated name prefixes', 'all')
    .option('--optimizer <kind>', `optimizer: ${OPTIMIZER_KINDS.join(', ')}`, 'adamw')
    .option('--weight-decay <value>', "the optimizer's weight decay (default: the optimizer's own)")
    .option('--batch-size <n>', 'rows per batch', '32')
    .option('--loss <kind>', `loss: ${LOSS_KINDS.join(', ')}`, 'softmaxCrossEntropy')
    .option('--seed <n>', 'seed of the batch order', '0')
}

/** Everything a range test or search on an ONNX model needs. */
export interface PreparedTraining {
  readonly runtime: OnnxRuntime
  readonly dataset: Dataset
  readonly graph: TrainingGraph
  readonly session: GradientSession
  readonly batches: Batches
  readonly settings: OptimizerSettings
  /** A fresh optimizer over the session's parameters. */
  createOptimizer(parameters?: ReadonlyMap<string, Float32Array>): Optimizer<object>
}

/** Reads the model and the data named by the flags, builds the graph, the session and the batches. */
export async function prepareTraining(flags: ModelDataFlags, io: CliIo): Promise<PreparedTraining> {
  const batchSize = integerFlag('--batch-size', flags.batchSize, { min: 1 })
  const seed = integerFlag('--seed', flags.seed, { min: 0, max: 2 ** 32 - 1 })
  const loss: LossSpec = lossFromFlag(flags.loss)
  const trainable = trainableFromFlag(flags.trainable)
  const weightDecay =
    flags.weightDecay === undefined ? undefined : numberFlag('--weight-decay', flags.weightDecay, { min: 0 })
  const settings: OptimizerSettings = {
    kind: flags.optimizer as OptimizerSettings['kind'],
    ...(weightDecay === undefined ? {} : { hyperparameters: { weightDecay } }),
  }
  // Check the optimizer name before loading anything.
  if (!OPTIMIZER_KINDS.includes(settings.kind)) {
    createOptimizer(settings, new Map(), { where: '--optimizer', kind: 'usage' })
  }
  const runtime = await loadOnnxRuntime()
  const dataset = await readDataset(flags.data, resolve(io.cwd, flags.data), flags.target)
  const model = await readOnnxModel(runtime, flags.model, resolve(io.cwd, flags.model))
  const graph = buildGraph(runtime, model, { modelPath: flags.model, loss, trainable })
  const batches = createBatches(runtime, graph, dataset, {
    batchSize,
    seed,
    shuffle: true,
    modelPath: flags.model,
  })
  const session = await createSession(runtime, graph, flags.model)
  return {
    runtime,
    dataset,
    graph,
    session,
    batches,
    settings,
    createOptimizer: (parameters = session.parameters) =>
      createOptimizer(settings, copyParameters(parameters), { where: '--optimizer', kind: 'usage' }),
  }
}

/** Copies of parameter arrays (an optimizer owns its parameters). */
export function copyParameters(parameters: ReadonlyMap<string, Float32Array>): Map<string, Float32Array> {
  return new Map([...parameters].map(([name, values]) => [name, values.slice()]))
}

/** A snapshot of parameters and optimizer state, as `createOnnxTrainable` takes them. */
export type TrainingSnapshot = OnnxSnapshot
