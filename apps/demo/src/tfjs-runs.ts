import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
import {
  constantSchedule,
  createParamGroups,
  InvalidArgumentError,
  oneCycleSchedule,
  type RangeTestResult,
  type ScheduleSpec,
} from '@lrkit/core'
import {
  composeCallbacks,
  type FitCallback,
  findLearningRate,
  fineTune,
  LrkitAdamW,
  layerGroupSelectors,
  modelParameters,
  scheduleCallback,
} from '@lrkit/tfjs'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { type MlpLayer, mlpWeights } from './mlp-weights'
import { type DigitSet, PIXELS } from './mnist-digits'
import type { RunMethod, RunResult, StageData } from './run-result'

/** Weight decay of every AdamW run (PyTorch's default); biases get none. */
const WEIGHT_DECAY = 0.01

/** The TensorFlow.js backends the demo can train on (both pure JavaScript / WebAssembly, no native addon). */
export type TfjsBackend = 'wasm' | 'cpu'

/**
 * Makes `backend` TensorFlow.js's active backend (awaiting the WebAssembly module on first use).
 *
 * @param backend - `'wasm'` (XNNPACK kernels, faster for these matrix products) or `'cpu'`
 * @throws InvalidArgumentError for another name; Error when the backend fails to start
 */
export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  if (backend !== 'wasm' && backend !== 'cpu') {
    throw new InvalidArgumentError({ argument: 'backend', value: backend, expected: '"wasm" or "cpu"' })
  }
  if (!(await tf.setBackend(backend))) throw new Error(`the TensorFlow.js ${backend} backend failed to start`)
  await tf.ready()
}

let serial = 0

/**
 * The MLP as a TensorFlow.js Sequential (Dense + ReLU …, softmax head) with the given weights
 * (transposed: tfjs kernels are [inputs, outputs]). Layer names get a unique prefix, so variable
 * names — which lrkit optimizers key their state by — never collide between models.
 */
function tfjsModel(layers: readonly MlpLayer[], weights: ReadonlyMap<string, Float32Array>): tfl.Sequential {
  serial += 1
  const model = tfl.sequential({
    layers: layers.map((layer, index) =>
      tfl.layers.dense({
        ...(index === 0 ? { inputShape: [layer.inputs] } : {}),
        units: layer.outputs,
        activation: index === layers.length - 1 ? 'softmax' : 'relu',
        name: `m${serial}_${layer.name}`,
      }),
    ),
  })
  model.setWeights(
    layers.flatMap((layer) => {
      const kernel = weights.get(`${layer.name}.weight`)!
      const transposed = new Float32Array(kernel.length)
      for (let out = 0; out < layer.outputs; out++)
        for (let input = 0; input < layer.inputs; input++)
          transposed[input * layer.outputs + out] = kernel[out * layer.inputs + input]!
      return [
        tf.tensor2d(transposed, [layer.inputs, layer.outputs]),
        tf.tensor1d(weights.get(`${layer.name}.bias`)!),
      ]
    }),
  )
  return model
}

/** The model's weights back in the ONNX / PyTorch layout, by parameter name. */
function weightsOf(model: tfl.LayersModel, layers: readonly MlpLayer[]): Map<string, Float32Array> {
  const values = model.getWeights().map((tensor) => tensor.dataSync() as Float32Array)
  const weights = new Map<string, Float32Array>()
  layers.forEach((layer, index) => {
    const kernel = values[2 * index]!
    const weight = new Float32Array(kernel.length)
    for (let out = 0; out < layer.outputs; out++)
      for (let input = 0; input < layer.inputs; input++)
        weight[out * layer.inputs + input] = kernel[input * layer.outputs + out]!
    weights.set(`${layer.name}.weight`, weight)
    weights.set(`${layer.name}.bias`, Float32Array.from(values[2 * index + 1]!))
  })
  return weights
}

/** AdamW over the model's variables, one group per layer, no weight decay on biases. */
function layerOptimizer(
  model: tfl.LayersModel,
  layers: readonly MlpLayer[],
  learningRate: number,
): LrkitAdamW {
  const groups = createParamGroups({
    parameters: modelParameters(model),
    groups: layerGroupSelectors(model, { names: layers.map((layer) => layer.name) }),
    weightDecay: WEIGHT_DECAY,
  })
  return new LrkitAdamW({ learningRate, groups, weightDecay: WEIGHT_DECAY })
}

interface Tensors {
  readonly xs: tf.Tensor2D
  readonly ys: tf.Tensor2D
}

function tensorsOf(set: DigitSet): Tensors {
  return {
    xs: tf.tensor2d(set.pixels, [set.count, PIXELS]),
    ys: tf.tidy(
      () => tf.cast(tf.oneHot(tf.tensor1d(set.labels, 'int32'), set.digits.length), 'float32') as tf.Tensor2D,
    ),
  }
}

function accuracyOf(model: tfl.LayersModel, set: DigitSet): number {
  const predicted = tf.tidy(() =>
    tf.argMax(model.predict(tf.tensor2d(set.pixels, [set.count, PIXELS])) as tf.Tensor, 1).dataSync(),
  )
  let correct = 0
  for (let row = 0; row < set.count; row++) if (predicted[row] === set.labels[row]) correct++
  return correct / set.count
}

/** A plain `fit` callback that logs every batch's loss and the optimizer's (head) rate. */
function lossLogger(
  optimizer: LrkitAdamW,
  log: { step: number; loss: number; learningRate: number }[],
): FitCallback {
  return {
    onBatchEnd: async (_batch: number, logs?: { loss?: number }) => {
      log.push({ step: log.length, loss: Number(logs?.loss), learningRate: optimizer.learningRate })
    },
  }
}

/** `model.fit` arguments shared by every run: in order (deterministic), silent, no yielding pauses. */
const FIT_ARGS = { shuffle: false, verbose: 0, yieldEvery: 'never' } as const

/** Options of {@link pretrainTfjs}. */
export interface PretrainTfjsOptions {
  /** The MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** Digits 0–4. */
  readonly data: StageData
  /** Epochs, integer ≥ 1. */
  readonly epochs: number
  /** Peak rate of the one-cycle schedule. */
  readonly learningRate: number
  /** Seed of the initial weights (the ONNX run's seed gives the same initial weights). */
  readonly seed: number
}

/**
 * Pretrains the MLP on digits 0–4 with `@lrkit/tfjs` (`LrkitAdamW`, one-cycle through
 * `scheduleCallback`) and returns the trained parameters (ONNX layout, by name).
 *
 * @param options - model, data, epochs, rate and seed
 * @returns the run and every trained parameter by name
 */
export async function pretrainTfjs(
  options: PretrainTfjsOptions,
): Promise<{ result: RunResult; parameters: Map<string, Float32Array> }> {
  const { layers, data, epochs, learningRate } = options
  const model = tfjsModel(layers, mlpWeights(layers, options.seed))
  const optimizer = layerOptimizer(model, layers, learningRate)
  model.compile({ optimizer, loss: 'categoricalCrossentropy' })
  const { xs, ys } = tensorsOf(data.train)
  const totalSteps = epochs * Math.ceil(data.train.count / data.batchSize)
  const spec: ScheduleSpec = { kind: 'oneCycle', peakValue: learningRate, totalSteps }
  const log: { step: number; loss: number; learningRate: number }[] = []
  const start = performance.now()
  await model.fit(xs, ys, {
    ...FIT_ARGS,
    epochs,
    batchSize: data.batchSize,
    callbacks: composeCallbacks(
      scheduleCallback({ optimizer, schedule: oneCycleSchedule({ peakValue: learningRate, totalSteps }) }),
      lossLogger(optimizer, log),
    ),
  })
  const seconds = (performance.now() - start) / 1000
  const result: RunResult = {
    framework: 'tfjs',
    method: 'pretrain',
    description: `one-cycle to ${learningRate}`,
    learningRate,
    steps: log.length,
    accuracy: accuracyOf(model, data.test),
    seconds,
    log,
    schedule: { name: 'tfjs pretrain', spec },
  }
  const parameters = weightsOf(model, layers)
  tf.dispose([xs, ys])
  model.dispose()
  return { result, parameters }
}

/** Options of {@link tfjsRangeTest}. */
export interface TfjsRangeTestOptions {
  /** The fine-tuning MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** The pretrained body (`fc1`, `fc2`, ONNX layout); the head is fresh. */
  readonly body: ReadonlyMap<string, Float32Array>
  /** Digits 5–9. */
  readonly data: StageData
  /** Steps of the sweep, integer ≥ 20. */
  readonly steps: number
  /** Seed of the fresh head. */
  readonly seed: number
}

/**
 * The learning-rate range test on the fine-tuning model (every layer trainable, `LrkitAdamW`) with
 * `@lrkit/tfjs`'s `findLearningRate` (core's `runRangeTest` over the LayersModel), 1e-5 → 1.
 *
 * @param options - model, body, data, sweep length and seed
 * @returns core's range-test result and its wall time
 */
export async function tfjsRangeTest(
  options: TfjsRangeTestOptions,
): Promise<{ result: RangeTestResult; seconds: number }> {
  const { layers, data } = options
  const model = tfjsModel(layers, mlpWeights(layers, options.seed, options.body))
  model.compile({ optimizer: layerOptimizer(model, layers, 1e-3), loss: 'categoricalCrossentropy' })
  const tensors = tensorsOf(data.train)
  const start = performance.now()
  const result = await findLearningRate(model, tensors, {
    startValue: 1e-5,
    endValue: 1,
    steps: options.steps,
    batchSize: data.batchSize,
  })
  const seconds = (performance.now() - start) / 1000
  tf.dispose([tensors.xs, tensors.ys])
  model.dispose()
  return { result, seconds }
}

/** Options of {@link fineTuneTfjs}. */
export interface FineTuneTfjsOptions {
  /** Which recipe: `'constant'`, `'oneCycle'` or `'discriminative'`. */
  readonly method: Exclude<RunMethod, 'pretrain'>
  /** The fine-tuning MLP (`demoMlp(5)`). */
  readonly layers: readonly MlpLayer[]
  /** The pretrained body (`fc1`, `fc2`, ONNX layout); the head is fresh. */
  readonly body: ReadonlyMap<string, Float32Array>
  /** Digits 5–9. */
  readonly data: StageData
  /** Epochs, integer ≥ 2. */
  readonly epochs: number
  /** The head rate, as for `fineTuneOnnx`. */
  readonly learningRate: number
  /** Rate spread of the discriminative recipe's unfrozen phase: the first layer's scale (geometric up to 1 at the head). */
  readonly minScale: number
  /** Seed of the fresh head. */
  readonly seed: number
}

/**
 * Fine-tunes the pretrained MLP on digits 5–9 with `@lrkit/tfjs`, the same three ways as
 * `fineTuneOnnx`: `'constant'` and `'oneCycle'` with `model.fit` and `scheduleCallback`;
 * `'discriminative'` with `fineTune` (core's `fineTuneRecipe` in one call: head alone for one
 * epoch, then every layer with discriminative rates, one group per layer).
 *
 * @param options - method, model, body, data, epochs, rate and seed
 * @returns the run
 */
export async function fineTuneTfjs(options: FineTuneTfjsOptions): Promise<RunResult> {
  const { method, layers, data, epochs, learningRate } = options
  const model = tfjsModel(layers, mlpWeights(layers, options.seed, options.body))
  const { xs, ys } = tensorsOf(data.train)
  const stepsPerEpoch = Math.ceil(data.train.count / data.batchSize)
  const totalSteps = epochs * stepsPerEpoch
  const log: { step: number; loss: number; learningRate: number }[] = []
  let spec: ScheduleSpec
  let groups: Record<string, number> | undefined
  let description: string
  let seconds: number
  if (method === 'discriminative') {
    let optimizer: LrkitAdamW | undefined
    const names = layers.map((layer) => layer.name)
    // TensorFlow.js warns at every `fit` while layers are frozen (the recipe's head-only phase);
    // lrkit expects it (see @lrkit/tfjs unfreezeCallback), so it is kept off the screen here.
    const warn = console.warn
    console.warn = (...values: unknown[]) => {
      if (!String(values[0]).startsWith('Discrepancy between trainableweights')) warn(...values)
    }
    const start = performance.now()
    const { recipe } = await fineTune({
      model,
      data: { xs, ys },
      loss: 'categoricalCrossentropy',
      groups: names,
      frozenEpochs: 1,
      epochs: epochs - 1,
      baseLearningRate: learningRate,
      strategy: { kind: 'geometric', minScale: options.minScale },
      weightDecay: WEIGHT_DECAY,
      batchSize: data.batchSize,
      optimizer: (optimizerGroups) => {
        optimizer = new LrkitAdamW({ groups: optimizerGroups, weightDecay: WEIGHT_DECAY })
        return optimizer
      },
      fitArgs: {
        ...FIT_ARGS,
        callbacks: [
          {
            onBatchEnd: async (_batch: number, logs?: { loss?: number }) => {
              log.push({ step: log.length, loss: Number(logs?.loss), learningRate: optimizer!.learningRate })
            },
          },
        ],
      },
    }).finally(() => {
      console.warn = warn
    })
    seconds = (performance.now() - start) / 1000
    const [frozen, unfrozen] = recipe.phases as [(typeof recipe.phases)[0], (typeof recipe.phases)[0]]
    spec = {
      kind: 'sequence',
      boundaries: [unfrozen.startStep!],
      schedules: [
        { ...frozen.schedule, totalSteps: frozen.schedule.totalSteps! },
        { ...unfrozen.schedule, totalSteps: unfrozen.schedule.totalSteps! },
      ],
    }
    groups = { ...unfrozen.lrScales }
    description = `head ${learningRate.toPrecision(2)} for 1 epoch, then ${names.map((name) => unfrozen.lrScales[name]!.toPrecision(2)).join(' / ')} × ${(learningRate / 2).toPrecision(2)}`
  } else {
    const optimizer = layerOptimizer(model, layers, learningRate)
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    spec =
      method === 'constant'
        ? { kind: 'constant', value: learningRate }
        : { kind: 'oneCycle', peakValue: learningRate, totalSteps }
    const start = performance.now()
    await model.fit(xs, ys, {
      ...FIT_ARGS,
      epochs,
      batchSize: data.batchSize,
      callbacks: composeCallbacks(
        scheduleCallback({
          optimizer,
          schedule:
            method === 'constant'
              ? constantSchedule({ value: learningRate })
              : oneCycleSchedule({ peakValue: learningRate, totalSteps }),
        }),
        lossLogger(optimizer, log),
      ),
    })
    seconds = (performance.now() - start) / 1000
    description =
      method === 'constant' ? `constant ${learningRate}` : `one-cycle to ${learningRate.toPrecision(2)}`
  }
  const result: RunResult = {
    framework: 'tfjs',
    method,
    description,
    learningRate,
    steps: log.length,
    accuracy: accuracyOf(model, data.test),
    seconds,
    log,
    schedule: { name: `tfjs ${method}`, spec, ...(groups === undefined ? {} : { groups }) },
  }
  tf.dispose([xs, ys])
  model.dispose()
  return result
}
