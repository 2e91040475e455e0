/**
 * `@lrkit/tfjs` benchmark: what the lrkit optimizer and its schedule callback cost inside
 * `model.fit`, and what the optimizer update alone costs, against stock `tf.train.adam`, on the
 * cpu and wasm backends of TensorFlow.js 4.22 (tfjs-node is not installed here).
 *
 * Rows, all measured in this one run, stock and lrkit rounds interleaved (ABAB…, medians):
 * - `model.fit` ms per step: MLP 784-512-512-10 (669,706 parameters), batch 128, on cpu and wasm;
 *   a small CNN (28×28×1 → conv 8 → pool → conv 16 → pool → dense 10), batch 32, on cpu only
 *   (the wasm backend has no Conv2DBackpropFilter kernel, tensorflow/tfjs#8474). Stock:
 *   `tf.train.adam(1e-3)`, no callback. lrkit: `LrkitAdamW` + `scheduleCallback` (cosine, per batch).
 *   Goal: ratio ≤ 1.05.
 * - optimizer update alone (`applyGradients` on fixed gradients, 10 variables) at 1e6 and 1e7
 *   parameters: `LrkitAdamW` (default path: core's WebAssembly kernels) vs `tf.train.adam`, in
 *   ns per parameter.
 *
 *   pnpm exec tsx apps/bench/src/tfjs-bench.ts [--quick]   (build @lrkit/tfjs first)
 */
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
import { cosineSchedule } from '@lrkit/core'
import { LrkitAdamW, scheduleCallback } from '@lrkit/tfjs'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { formatTable } from './measure'

/** Options of {@link runTfjsBench}. */
export interface TfjsBenchOptions {
  /** Receives each output line. */
  readonly log: (line: string) => void
  /** Timed rounds per configuration (the median is reported); default 5. */
  readonly rounds?: number
  /** Parameter counts of the update-only rows; default [1e6, 1e7]. */
  readonly sizes?: readonly number[]
}

/** One fit row: milliseconds per step, stock and lrkit, and their ratio. */
export interface TfjsFitRow {
  readonly model: string
  readonly backend: string
  readonly stock: number
  readonly lrkit: number
  readonly ratio: number
}

/** One update row: nanoseconds per parameter, stock and lrkit, and stock ÷ lrkit. */
export interface TfjsUpdateRow {
  readonly backend: string
  readonly parameters: number
  readonly stock: number
  readonly lrkit: number
  readonly speedup: number
}

/** The figures of one run. */
export interface TfjsBenchResult {
  readonly fit: readonly TfjsFitRow[]
  readonly update: readonly TfjsUpdateRow[]
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Deterministic pseudo-random values in [0, 1). */
function uniform(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    return state / 4294967296
  }
}

let serial = 0

function mlp(): tfl.Sequential {
  serial += 1
  return tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [784], units: 512, activation: 'relu', name: `b${serial}_d1` }),
      tfl.layers.dense({ units: 512, activation: 'relu', name: `b${serial}_d2` }),
      tfl.layers.dense({ units: 10, activation: 'softmax', name: `b${serial}_d3` }),
    ],
  })
}

function cnn(): tfl.Sequential {
  serial += 1
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 8,
        kernelSize: 3,
        activation: 'relu',
        name: `b${serial}_c1`,
      }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.conv2d({ filters: 16, kernelSize: 3, activation: 'relu', name: `b${serial}_c2` }),
      tfl.layers.maxPooling2d({ poolSize: 2 }),
      tfl.layers.flatten(),
      tfl.layers.dense({ units: 10, activation: 'softmax', name: `b${serial}_d` }),
    ],
  })
}

interface FitCase {
  readonly name: string
  readonly build: () => tfl.Sequential
  readonly inputShape: readonly number[]
  readonly batch: number
  readonly steps: number
  readonly backends: readonly string[]
}

async function fitRow(spec: FitCase, backend: string, rounds: number): Promise<TfjsFitRow> {
  await tf.setBackend(backend)
  await tf.ready()
  const random = uniform(7)
  const samples = spec.batch * spec.steps
  const features = spec.inputShape.reduce((a, b) => a * b, 1)
  const xs = tf.tensor(
    Float32Array.from({ length: samples * features }, () => random()),
    [samples, ...spec.inputShape],
  )
  const labels = Array.from({ length: samples }, (_, index) => (index * 7) % 10)
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), 10)

  const stockModel = spec.build()
  stockModel.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' })
  const lrkitModel = spec.build()
  // Same initial weights in both models.
  lrkitModel.setWeights(stockModel.getWeights())
  const optimizer = new LrkitAdamW({ learningRate: 1e-3, weightDecay: 0.01 })
  lrkitModel.compile({ optimizer, loss: 'categoricalCrossentropy' })
  const callback = scheduleCallback({
    optimizer,
    schedule: cosineSchedule({ initValue: 1e-3, totalSteps: (rounds + 1) * spec.steps }),
  })
  const args = {
    epochs: 1,
    batchSize: spec.batch,
    shuffle: false,
    verbose: 0 as const,
    yieldEvery: 'never' as const,
  }
  const time = async (run: () => Promise<unknown>): Promise<number> => {
    const start = performance.now()
    await run()
    return (performance.now() - start) / spec.steps
  }
  const stockRun = () => stockModel.fit(xs, ys, args)
  const lrkitRun = () => lrkitModel.fit(xs, ys, { ...args, callbacks: [callback] })
  // Warm-up round each (kernels, wasm instantiation, optimizer slots).
  await stockRun()
  await lrkitRun()
  const stock: number[] = []
  const lrkit: number[] = []
  for (let round = 0; round < rounds; round++) {
    stock.push(await time(stockRun))
    lrkit.push(await time(lrkitRun))
  }
  tf.dispose([xs, ys])
  stockModel.dispose()
  lrkitModel.dispose()
  const stockMs = median(stock)
  const lrkitMs = median(lrkit)
  return { model: spec.name, backend, stock: stockMs, lrkit: lrkitMs, ratio: lrkitMs / stockMs }
}

async function updateRow(backend: string, parameters: number, rounds: number): Promise<TfjsUpdateRow> {
  await tf.setBackend(backend)
  await tf.ready()
  const count = 10
  const size = Math.round(parameters / count)
  const random = uniform(11)
  const make = (label: string) =>
    Array.from({ length: count }, (_, index) =>
      tf.variable(
        tf.tensor1d(Float32Array.from({ length: size }, () => random() - 0.5)),
        true,
        `${label}${serial}_${index}`,
      ),
    )
  serial += 1
  const stockVariables = make('stock')
  const lrkitVariables = make('lrkit')
  const gradients = Array.from({ length: count }, () =>
    tf.tensor1d(Float32Array.from({ length: size }, () => (random() - 0.5) * 0.01)),
  )
  const stock = tf.train.adam(1e-3)
  const lrkit = new LrkitAdamW({ learningRate: 1e-3, weightDecay: 0.01 })
  const step = (optimizer: tf.Optimizer, variables: tf.Variable[]) => async (): Promise<number> => {
    const start = performance.now()
    optimizer.applyGradients(
      variables.map((variable, index) => ({ name: variable.name, tensor: gradients[index]! })),
    )
    // Wait for the values (the GPU-style backends are asynchronous; cpu and wasm are not).
    await variables[count - 1]!.data()
    return ((performance.now() - start) * 1e6) / (size * count)
  }
  const stockStep = step(stock, stockVariables)
  const lrkitStep = step(lrkit, lrkitVariables)
  await stockStep()
  await lrkitStep()
  const stockNs: number[] = []
  const lrkitNs: number[] = []
  for (let round = 0; round < rounds; round++) {
    stockNs.push(await stockStep())
    lrkitNs.push(await lrkitStep())
  }
  stock.dispose()
  lrkit.dispose()
  tf.dispose([...stockVariables, ...lrkitVariables, ...gradients])
  const stockMedian = median(stockNs)
  const lrkitMedian = median(lrkitNs)
  return {
    backend,
    parameters: size * count,
    stock: stockMedian,
    lrkit: lrkitMedian,
    speedup: stockMedian / lrkitMedian,
  }
}

/**
 * Runs the benchmark and prints two tables (fit per step; update alone). Takes about two to four
 * minutes on a 2-core machine (the stock Adam update at 1e7 parameters on the cpu backend alone
 * takes seconds per call).
 *
 * @param options - the output sink and optional sizes
 * @returns the figures
 */
export async function runTfjsBench(options: TfjsBenchOptions): Promise<TfjsBenchResult> {
  const { log } = options
  const rounds = options.rounds ?? 5
  const sizes = options.sizes ?? [1e6, 1e7]
  const cases: FitCase[] = [
    {
      name: 'MLP 784-512-512-10, batch 128',
      build: mlp,
      inputShape: [784],
      batch: 128,
      steps: 6,
      backends: ['cpu', 'wasm'],
    },
    {
      name: 'CNN conv8-conv16-dense10, batch 32',
      build: cnn,
      inputShape: [28, 28, 1],
      batch: 32,
      steps: 4,
      backends: ['cpu'],
    },
  ]
  const fit: TfjsFitRow[] = []
  for (const spec of cases) {
    for (const backend of spec.backends) fit.push(await fitRow(spec, backend, rounds))
  }
  log(
    `model.fit, ms per step (median of ${rounds} interleaved rounds): stock tf.train.adam without callbacks vs LrkitAdamW + per-batch schedule callback`,
  )
  log(
    formatTable(
      ['model', 'backend', 'stock adam', 'lrkit AdamW + schedule', 'ratio (goal ≤ 1.05)'],
      fit.map((row) => [
        row.model,
        row.backend,
        row.stock.toFixed(1),
        row.lrkit.toFixed(1),
        row.ratio.toFixed(3),
      ]),
    ),
  )
  const update: TfjsUpdateRow[] = []
  for (const backend of ['cpu', 'wasm']) {
    for (const parameters of sizes) update.push(await updateRow(backend, parameters, Math.min(rounds, 3)))
  }
  log('')
  log('optimizer update alone (applyGradients, 10 variables), ns per parameter (median)')
  log(
    formatTable(
      ['backend', 'parameters', 'tf.train.adam', 'LrkitAdamW', 'speed-up'],
      update.map((row) => [
        row.backend,
        row.parameters.toExponential(0),
        row.stock.toFixed(2),
        row.lrkit.toFixed(2),
        `${row.speedup.toFixed(1)}×`,
      ]),
    ),
  )
  return { fit, update }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const quick = process.argv.includes('--quick')
  await runTfjsBench({
    log: (line) => console.log(line),
    ...(quick ? { rounds: 2, sizes: [1e6] } : {}),
  })
}
