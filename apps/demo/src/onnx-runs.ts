import {
  adamwOptimizer,
  applyFineTunePhase,
  constantSchedule,
  createParamGroups,
  createScheduler,
  createWasmKernels,
  type FineTuneOneCycleSpec,
  fineTuneRecipe,
  type Optimizer,
  oneCycleSchedule,
  type RangeTestResult,
  runRangeTest,
  type ScheduleSpec,
  schedule,
} from '@lrkit/core'
import {
  buildTrainingGraph,
  createGradientSession,
  createOnnxTrainable,
  createOnnxTrainer,
  type GradientBatch,
  type GradientSession,
  loadOnnxModel,
  parameterShapes,
  type TrainingGraph,
} from '@lrkit/onnx'
import * as ort from 'onnxruntime-node'
import { mlpOnnxModel } from './mlp-onnx-model'
import { type MlpLayer, mlpWeights } from './mlp-weights'
import { batchRows, type DigitSet, PIXELS } from './mnist-digits'
import type { RunMethod, RunResult, StageData } from './run-result'

/** Weight decay of every AdamW run (PyTorch's default); biases get none. */
const WEIGHT_DECAY = 0.01

/** The batches of one epoch, built once (views of the set's arrays). */
function epochBatches(set: DigitSet, batchSize: number): GradientBatch[] {
  const batches: GradientBatch[] = []
  for (let step = 0; step * batchSize < set.count; step++) {
    const { start, size } = batchRows(set, step, batchSize)
    batches.push({
      inputs: {
        x: new ort.Tensor('float32', set.pixels.subarray(start * PIXELS, (start + size) * PIXELS), [
          size,
          PIXELS,
        ]),
      },
      labels: set.labels.subarray(start, start + size),
    })
  }
  return batches
}

/** Accuracy of the session's model on `set`. */
async function accuracyOf(session: GradientSession, set: DigitSet): Promise<number> {
  const outputs = await session.predict({ x: new ort.Tensor('float32', set.pixels, [set.count, PIXELS]) })
  const logits = outputs.logits!.data as Float32Array
  const classes = logits.length / set.count
  let correct = 0
  for (let row = 0; row < set.count; row++) {
    let best = 0
    for (let k = 1; k < classes; k++) if (logits[row * classes + k]! > logits[row * classes + best]!) best = k
    if (best === set.labels[row]) correct++
  }
  return correct / set.count
}

interface Model {
  readonly graph: TrainingGraph
  readonly session: GradientSession
}

/** The MLP as a `.onnx` file, read back by `@lrkit/onnx`, with its training graph and session. */
async function openModel(
  layers: readonly MlpLayer[],
  weights: ReadonlyMap<string, Float32Array>,
): Promise<Model> {
  const model = loadOnnxModel(mlpOnnxModel(layers, weights))
  const graph = buildTrainingGraph(model, { loss: { kind: 'softmaxCrossEntropy' } })
  return { graph, session: await createGradientSession(graph) }
}

/** AdamW over the session's parameters, one group per layer (no weight decay on biases). */
function layerOptimizer(model: Model, layers: readonly MlpLayer[]): Optimizer<object> {
  return adamwOptimizer({
    parameters: model.session.parameters,
    groups: createParamGroups({
      parameters: parameterShapes(model.graph),
      groups: layers.map((layer) => ({ name: layer.name, match: layer.name })),
      weightDecay: WEIGHT_DECAY,
    }),
    weightDecay: WEIGHT_DECAY,
    kernels: createWasmKernels({ sharedMemory: false }),
  })
}

/** Options of {@link pretrainOnnx}. */
export interface PretrainOnnxOptions {
  /** The MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** Digits 0–4: training and held-out examples, batch size. */
  readonly data: StageData
  /** Epochs, integer ≥ 1. */
  readonly epochs: number
  /** Peak rate of the one-cycle schedule. */
  readonly learningRate: number
  /** Seed of the initial weights. */
  readonly seed: number
}

/**
 * Pretrains the MLP on digits 0–4 with `@lrkit/onnx` (AdamW, one-cycle) and returns the trained
 * parameters: the body the fine-tuning runs start from.
 *
 * @param options - model, data, epochs, rate and seed
 * @returns the run and every trained parameter by name
 */
export async function pretrainOnnx(
  options: PretrainOnnxOptions,
): Promise<{ result: RunResult; parameters: Map<string, Float32Array> }> {
  const { layers, data, epochs, learningRate } = options
  const model = await openModel(layers, mlpWeights(layers, options.seed))
  try {
    const optimizer = layerOptimizer(model, layers)
    const batches = epochBatches(data.train, data.batchSize)
    const spec: ScheduleSpec = {
      kind: 'oneCycle',
      peakValue: learningRate,
      totalSteps: epochs * batches.length,
    }
    const scheduler = createScheduler({ schedule: schedule(spec), target: optimizer })
    const trainer = createOnnxTrainer({ session: model.session, optimizer, scheduler })
    const { log, seconds } = await trainSteps(epochs * batches.length, (step) =>
      trainer.step(batches[step % batches.length]!),
    )
    const result: RunResult = {
      framework: 'onnx',
      method: 'pretrain',
      description: `one-cycle to ${learningRate}`,
      learningRate,
      steps: log.length,
      accuracy: await accuracyOf(model.session, data.test),
      seconds,
      log,
      schedule: { name: 'onnx pretrain', spec },
    }
    const parameters = new Map([...model.session.parameters].map(([name, values]) => [name, values.slice()]))
    return { result, parameters }
  } finally {
    await model.session.release()
  }
}

/** A recipe phase's one-cycle as a schedule spec (the recipe was made with `stepsPerEpoch`). */
function phaseSpec(spec: FineTuneOneCycleSpec): ScheduleSpec {
  return { ...spec, totalSteps: spec.totalSteps! }
}

/** Runs `steps` training steps, logging loss and rate; returns the log and the wall time. */
async function trainSteps(
  steps: number,
  step: (index: number) => Promise<{ loss: number; learningRate: number }>,
  first = 0,
): Promise<{ log: { step: number; loss: number; learningRate: number }[]; seconds: number }> {
  const log: { step: number; loss: number; learningRate: number }[] = []
  const start = performance.now()
  for (let index = 0; index < steps; index++) {
    const { loss, learningRate } = await step(first + index)
    log.push({ step: first + index, loss, learningRate })
  }
  return { log, seconds: (performance.now() - start) / 1000 }
}

/** Options of {@link onnxRangeTest}. */
export interface OnnxRangeTestOptions {
  /** The fine-tuning MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** The pretrained body (`fc1`, `fc2`); the head is fresh. */
  readonly body: ReadonlyMap<string, Float32Array>
  /** Digits 5–9. */
  readonly data: StageData
  /** Steps of the sweep, integer ≥ 20. */
  readonly steps: number
  /** Seed of the fresh head (the same as the fine-tuning runs'). */
  readonly seed: number
}

/**
 * The learning-rate range test on the fine-tuning model (pretrained body, fresh head, every layer
 * trainable, AdamW): core's `runRangeTest` over `createOnnxTrainable`, 1e-5 → 1, exponential.
 *
 * @param options - model, body, data, sweep length and seed
 * @returns core's range-test result (every rule's pick; `suggestion` is `valley`) and its wall time
 */
export async function onnxRangeTest(
  options: OnnxRangeTestOptions,
): Promise<{ result: RangeTestResult; seconds: number }> {
  const { layers, data } = options
  const model = await openModel(layers, mlpWeights(layers, options.seed, options.body))
  try {
    const optimizer = layerOptimizer(model, layers)
    const batches = epochBatches(data.train, data.batchSize)
    const trainable = createOnnxTrainable({
      session: model.session,
      optimizer,
      batch: (step) => batches[step % batches.length]!,
    })
    const start = performance.now()
    const result = await runRangeTest(trainable, { startValue: 1e-5, endValue: 1, steps: options.steps })
    return { result, seconds: (performance.now() - start) / 1000 }
  } finally {
    await model.session.release()
  }
}

/** Options of {@link fineTuneOnnx}. */
export interface FineTuneOnnxOptions {
  /** Which recipe: `'constant'`, `'oneCycle'` or `'discriminative'`. */
  readonly method: Exclude<RunMethod, 'pretrain'>
  /** The fine-tuning MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** The pretrained body (`fc1`, `fc2`); the head is fresh. */
  readonly body: ReadonlyMap<string, Float32Array>
  /** Digits 5–9. */
  readonly data: StageData
  /** Epochs, integer ≥ 2 (the discriminative recipe spends the first on the head alone). */
  readonly epochs: number
  /**
   * The head rate: the constant rate (`'constant'`), the one-cycle peak (`'oneCycle'`), or the
   * frozen phase's peak, halved for the unfrozen phase (`'discriminative'`, fastai `base_lr`).
   */
  readonly learningRate: number
  /** Rate spread of the discriminative recipe's unfrozen phase: the first layer's scale (geometric up to 1 at the head). */
  readonly minScale: number
  /** Seed of the fresh head. */
  readonly seed: number
}

/**
 * Fine-tunes the pretrained MLP on digits 5–9 with `@lrkit/onnx`, one of three ways:
 * - `'constant'`: every layer at one constant rate;
 * - `'oneCycle'`: every layer, one-cycle schedule peaking at the given (range-test) rate;
 * - `'discriminative'`: core's `fineTuneRecipe` (fastai `fine_tune`) with one group per layer:
 *   the head alone for one epoch, then every layer with discriminative rates (geometric from
 *   `minScale` at fc1 to 1 at the head), each phase under its one-cycle, applied with `applyFineTunePhase`.
 *
 * @param options - method, model, body, data, epochs, rate and seed
 * @returns the run
 */
export async function fineTuneOnnx(options: FineTuneOnnxOptions): Promise<RunResult> {
  const { method, layers, data, epochs, learningRate } = options
  const model = await openModel(layers, mlpWeights(layers, options.seed, options.body))
  try {
    const optimizer = layerOptimizer(model, layers)
    const batches = epochBatches(data.train, data.batchSize)
    const totalSteps = epochs * batches.length
    const batch = (step: number) => batches[step % batches.length]!
    let run: Awaited<ReturnType<typeof trainSteps>>
    let spec: ScheduleSpec
    let groups: Record<string, number> | undefined
    let description: string
    if (method === 'discriminative') {
      const recipe = fineTuneRecipe({
        groups: layers.map((layer) => layer.name),
        frozenEpochs: 1,
        epochs: epochs - 1,
        baseLearningRate: learningRate,
        strategy: { kind: 'geometric', minScale: options.minScale },
        stepsPerEpoch: batches.length,
      })
      run = { log: [], seconds: 0 }
      for (const phase of recipe.phases) {
        applyFineTunePhase(optimizer, phase)
        const scheduler = createScheduler({ schedule: schedule(phase.schedule), target: optimizer })
        const trainer = createOnnxTrainer({ session: model.session, optimizer, scheduler })
        const part = await trainSteps(
          phase.epochs * batches.length,
          (step) => trainer.step(batch(step)),
          phase.startStep!,
        )
        run = { log: [...run.log, ...part.log], seconds: run.seconds + part.seconds }
      }
      const [frozen, unfrozen] = recipe.phases as [(typeof recipe.phases)[0], (typeof recipe.phases)[0]]
      spec = {
        kind: 'sequence',
        boundaries: [unfrozen.startStep!],
        schedules: [phaseSpec(frozen.schedule), phaseSpec(unfrozen.schedule)],
      }
      groups = { ...unfrozen.lrScales }
      description = `head ${learningRate.toPrecision(2)} for 1 epoch, then ${layers.map((layer) => unfrozen.lrScales[layer.name]!.toPrecision(2)).join(' / ')} × ${(learningRate / 2).toPrecision(2)}`
    } else {
      spec =
        method === 'constant'
          ? { kind: 'constant', value: learningRate }
          : { kind: 'oneCycle', peakValue: learningRate, totalSteps }
      const scheduler = createScheduler({
        schedule:
          method === 'constant'
            ? constantSchedule({ value: learningRate })
            : oneCycleSchedule({ peakValue: learningRate, totalSteps }),
        target: optimizer,
      })
      const trainer = createOnnxTrainer({ session: model.session, optimizer, scheduler })
      run = await trainSteps(totalSteps, (step) => trainer.step(batch(step)))
      description =
        method === 'constant' ? `constant ${learningRate}` : `one-cycle to ${learningRate.toPrecision(2)}`
    }
    return {
      framework: 'onnx',
      method,
      description,
      learningRate,
      steps: run.log.length,
      accuracy: await accuracyOf(model.session, data.test),
      seconds: run.seconds,
      log: run.log,
      schedule: { name: `onnx ${method}`, spec, ...(groups === undefined ? {} : { groups }) },
    }
  } finally {
    await model.session.release()
  }
}
