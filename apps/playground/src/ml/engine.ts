/**
 * Everything that runs TensorFlow.js in the page, loaded on first use (the composer never pulls
 * tfjs): backend selection (webgl → wasm → cpu), the MNIST subset, a small MLP, a core `Trainable`
 * around it for core's range test, and a short training loop driven by core's scheduler with two
 * parameter groups. Every loop awaits `tf.nextFrame()` between batches, so the page stays responsive
 * and a Stop click lands between two batches.
 */
import {
  createLossMonitor,
  createParamGroups,
  createScheduler,
  type MonitorEvent,
  type RangeTestResult,
  runRangeTest,
  type Schedule,
  type Trainable,
} from '@lrkit/core'
import { createLayersModelTrainable, LrkitAdam, layerGroupSelectors, modelParameters } from '@lrkit/tfjs'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url'
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url'
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url'
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-webgl'
import * as tfl from '@tensorflow/tfjs-layers'
import { batchStream, decodeMnistSubset, MNIST_PIXELS, type MnistSubset } from './mnist-subset'

// The .wasm files are bundled by Vite (`?url`) and served from the page's own origin: no CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlainUrl,
  'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
})

/** A backend the page can ask for; `auto` tries webgl, then wasm, then cpu. */
export type BackendChoice = 'auto' | 'webgl' | 'wasm' | 'cpu'

/** The backend in use and what was tried before it. */
export interface BackendStatus {
  /** The active backend. */
  readonly backend: string
  /** The backends that failed to start, in the order tried. */
  readonly failed: readonly string[]
}

/**
 * Switches tfjs to the chosen backend, falling back along webgl → wasm → cpu.
 *
 * @param choice - the backend, or `auto`.
 * @returns The active backend and the ones that failed.
 */
export async function useBackend(choice: BackendChoice): Promise<BackendStatus> {
  const order: readonly string[] =
    choice === 'auto' ? ['webgl', 'wasm', 'cpu'] : choice === 'cpu' ? ['cpu'] : [choice, 'cpu']
  const failed: string[] = []
  for (const name of order) {
    if (tf.getBackend() === name) return { backend: name, failed }
    let ok = false
    try {
      ok = await tf.setBackend(name)
    } catch {
      ok = false
    }
    if (ok) {
      await tf.ready()
      return { backend: name, failed }
    }
    failed.push(name)
  }
  throw new Error(`no TensorFlow.js backend could start (tried ${order.join(', ')})`)
}

let subset: Promise<MnistSubset> | undefined

/**
 * The MNIST subset shipped with the page (fetched once from the page's own folder).
 *
 * @returns The decoded subset.
 */
export function loadMnist(): Promise<MnistSubset> {
  subset ??= fetch(new URL('mnist-subset.bin', document.baseURI)).then(async (response) => {
    if (!response.ok) throw new Error(`mnist-subset.bin: HTTP ${response.status}`)
    return decodeMnistSubset(await response.arrayBuffer())
  })
  return subset
}

/**
 * The two-layer MLP the page trains: 784 → 64 (ReLU, the body) → 10 (the head), seeded; the head
 * outputs logits, or probabilities with `softmax`.
 */
function buildModel(softmax = false): tfl.Sequential {
  const model = tfl.sequential({ name: 'mnist_mlp' })
  model.add(
    tfl.layers.dense({
      name: 'hidden',
      inputShape: [MNIST_PIXELS],
      units: 64,
      activation: 'relu',
      kernelInitializer: tfl.initializers.heNormal({ seed: 7 }),
    }),
  )
  model.add(
    tfl.layers.dense({
      name: 'output',
      units: 10,
      ...(softmax ? { activation: 'softmax' as const } : {}),
      kernelInitializer: tfl.initializers.glorotUniform({ seed: 11 }),
    }),
  )
  return model
}

/** Thrown into a loop when the user pressed Stop. */
export class StoppedError extends Error {
  constructor() {
    super('stopped by the user')
    this.name = 'StoppedError'
  }
}

function batchLoss(
  model: tfl.Sequential,
  inputs: Float32Array,
  targets: Float32Array,
  rows: number,
): tf.Scalar {
  const x = tf.tensor2d(inputs, [rows, MNIST_PIXELS])
  const y = tf.tensor2d(targets, [rows, 10])
  const logits = model.apply(x, { training: true }) as tf.Tensor
  return tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar
}

/** Options of {@link rangeTestInPage}. */
export interface RangeTestInPageOptions {
  /** First learning rate of the sweep. */
  readonly startValue: number
  /** Last learning rate of the sweep. */
  readonly endValue: number
  /** Steps (one mini-batch each). */
  readonly steps: number
  /** Images per batch. */
  readonly batchSize: number
  /** Called after every step with the rate and the raw loss (for the live curve). */
  readonly onStep: (point: { step: number; learningRate: number; loss: number }) => void
  /** True once the user pressed Stop. */
  readonly stopped: () => boolean
}

/**
 * Core's `runRangeTest` over the MLP on the MNIST subset, compiled with `LrkitAdam`, through
 * `@lrkit/tfjs`'s `createLayersModelTrainable` (weights and optimizer state restored bit-exactly
 * after the sweep); each step is reported for the live curve and followed by `tf.nextFrame()`.
 *
 * @param options - the sweep.
 * @returns Core's result (curve, picks, recommended range, confidence).
 */
export async function rangeTestInPage(options: RangeTestInPageOptions): Promise<RangeTestResult> {
  const data = await loadMnist()
  const model = buildModel(true)
  const optimizer = new LrkitAdam({ learningRate: options.startValue })
  model.compile({ optimizer, loss: 'categoricalCrossentropy' })
  const xs = tf.tensor2d(
    Float32Array.from(data.train.pixels, (pixel) => pixel / 255),
    [data.train.count, MNIST_PIXELS],
  )
  const ys = tf.oneHot(tf.tensor1d(Int32Array.from(data.train.labels), 'int32'), 10)
  const inner = createLayersModelTrainable({ model, data: { xs, ys }, batchSize: options.batchSize })
  const trainable: Trainable<unknown> = {
    snapshot: () => inner.snapshot(),
    restore: (snapshot) => inner.restore(snapshot as Parameters<typeof inner.restore>[0]),
    async trainStep(learningRate, step) {
      if (options.stopped()) throw new StoppedError()
      const loss = await inner.trainStep(learningRate, step)
      options.onStep({ step, learningRate, loss })
      await tf.nextFrame()
      return loss
    },
  }
  try {
    return await runRangeTest(trainable, {
      startValue: options.startValue,
      endValue: options.endValue,
      steps: options.steps,
    })
  } finally {
    tf.dispose([xs, ys])
    optimizer.dispose()
    model.dispose()
  }
}

/** One training step as the page shows it. */
export interface TrainingPoint {
  /** 0-based step. */
  readonly step: number
  /** Mini-batch loss. */
  readonly loss: number
  /** Rate of the head group (the schedule's value). */
  readonly headRate: number
  /** Rate of the body group (schedule × body scale). */
  readonly bodyRate: number
}

/** Options of {@link trainInPage}. */
export interface TrainInPageOptions {
  /** The composed schedule (the head's rate). */
  readonly schedule: Schedule
  /** Learning-rate scale of the body group (the hidden layer); the head's is 1. */
  readonly bodyScale: number
  /** Steps to train. */
  readonly steps: number
  /** Images per batch. */
  readonly batchSize: number
  /** Called after every step. */
  readonly onStep: (point: TrainingPoint) => void
  /** Called with each loss-monitor event (diverged, oscillating, plateaued, tooSlow). */
  readonly onEvent: (event: MonitorEvent) => void
  /** True once the user pressed Stop. */
  readonly stopped: () => boolean
}

/** The end of a training run. */
export interface TrainingSummary {
  /** Steps run (fewer than asked when stopped). */
  readonly steps: number
  /** Whether Stop ended it. */
  readonly stopped: boolean
  /** Accuracy on the held-out split after training. */
  readonly testAccuracy: number
}

/**
 * Trains the MLP with `LrkitAdam` on two parameter groups (body = hidden layer, head = output layer),
 * core's scheduler pushing `schedule(t) × scale` to each group, and core's loss monitor watching
 * every loss.
 *
 * @param options - the run.
 * @returns What happened.
 */
export async function trainInPage(options: TrainInPageOptions): Promise<TrainingSummary> {
  const data = await loadMnist()
  const model = buildModel()
  const groups = createParamGroups({
    parameters: modelParameters(model),
    groups: layerGroupSelectors(model, { names: ['body', 'head'] }),
    strategy: { kind: 'explicit', scales: [options.bodyScale, 1] },
  })
  // The groups carry the scales (biases get their own no-decay groups with the same scale); the
  // scheduler sends the base rate, which each group multiplies by its lrScale.
  const optimizer = new LrkitAdam({ learningRate: 0, groups })
  const scheduler = createScheduler({ schedule: options.schedule, target: optimizer })
  const monitor = createLossMonitor({ totalSteps: options.steps })
  const next = batchStream(data.train, options.batchSize, 2)
  let step = 0
  let stopped = false
  try {
    for (; step < options.steps; step++) {
      if (options.stopped()) {
        stopped = true
        break
      }
      const headRate = scheduler.learningRate
      const { inputs, targets } = next()
      const loss = optimizer.minimize(
        () => batchLoss(model, inputs, targets, options.batchSize),
        true,
      ) as tf.Scalar
      const value = (await loss.data())[0]!
      loss.dispose()
      scheduler.advance()
      options.onStep({ step, loss: value, headRate, bodyRate: headRate * options.bodyScale })
      for (const event of monitor.observe(value, { step, learningRate: headRate })) options.onEvent(event)
      await tf.nextFrame()
    }
    const accuracy = tf.tidy(() => {
      const x = tf.tensor2d(
        Float32Array.from(data.test.pixels, (pixel) => pixel / 255),
        [data.test.count, MNIST_PIXELS],
      )
      const predicted = tf.argMax(model.predict(x) as tf.Tensor, 1)
      const truth = tf.tensor1d(Int32Array.from(data.test.labels), 'int32')
      return tf.mean(tf.cast(tf.equal(predicted, truth), 'float32')).dataSync()[0]!
    })
    return { steps: step, stopped, testAccuracy: accuracy }
  } finally {
    optimizer.dispose()
    model.dispose()
  }
}
