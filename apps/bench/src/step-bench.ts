/**
 * `optimizer.step()` benchmark: the call a user (or an adapter) makes every batch, end to end —
 * non-finite check, clipping, accumulation bookkeeping, rate checks and the update — in ns per
 * parameter, next to the optimizer's traffic floor measured in the same run (a wasm SIMD loop with
 * the update's reads and writes and no arithmetic) and to the bare kernel call.
 *
 * Rows per optimizer and size (WebAssembly kernels, default `rounding: 'fast'`, which keeps SGD
 * with momentum exact; `sgd-mom-f32` is the same with `rounding: 'float32'`):
 * - `kernel`: the kernel alone on one array (what the optimizer benchmark measures);
 * - `step`: `optimizer.step(optimizer.gradients, rate)`, gradients written into the optimizer's own
 *   buffers (the zero-copy path adapters use);
 * - `step+clip`: the same with `gradientClipping: { maxNorm }` (a norm pass, and a rescale pass when
 *   the norm exceeds it: this benchmark's gradients are always clipped);
 * - `step+copy`: `optimizer.step(myGradients, rate)` with the caller's own arrays (copied in).
 *
 * Then many small tensors: one step over 10,000 tensors of 10 floats against one tensor of 1e5
 * floats, for the wasm and JS kernels and both gradient paths.
 *
 *   pnpm exec tsx apps/bench/src/step-bench.ts [--sizes 1e6,1e7] [--optimizers adam,adamw]
 */
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import {
  adagradOptimizer,
  adamOptimizer,
  adamwOptimizer,
  createWasmKernels,
  jsKernels,
  lionOptimizer,
  type Optimizer,
  type OptimizerBaseOptions,
  type OptimizerKernels,
  rmspropOptimizer,
  sgdOptimizer,
  wasmSimdSupported,
} from '@lrkit/core'
import { type Contender, createFloorRunner, fillRandom, measure } from './optimizer-bench'

/** Options of {@link runStepBench}. */
export interface StepBenchOptions {
  /** Parameter counts of the end-to-end rows; default [1e6, 1e7]. */
  readonly sizes?: readonly number[]
  /** Optimizers; default all six. */
  readonly optimizers?: readonly string[]
  /** Receives each output line. */
  readonly log: (line: string) => void
  /** Skip the many-small-tensors comparison (default false). */
  readonly skipManyTensors?: boolean
}

/** One measured end-to-end row (ns per parameter per step). */
export interface StepBenchRow {
  readonly optimizer: string
  readonly size: number
  readonly floor: number
  readonly kernel: number
  readonly step: number
  readonly stepClip: number
  readonly stepCopy: number
  /** Same-run median ratios to the floor. */
  readonly ratios: {
    readonly kernel: number
    readonly step: number
    readonly stepClip: number
    readonly stepCopy: number
  }
}

/** One many-small-tensors row: time of a 10,000 × 10 step / time of a 1 × 1e5 step. */
export interface ManyTensorsRow {
  readonly backend: 'wasm' | 'js'
  readonly path: 'owned' | 'copy'
  readonly manyMs: number
  readonly oneMs: number
  readonly ratio: number
}

type Factory = (options: OptimizerBaseOptions) => Optimizer<object>

interface StepOptimizer {
  readonly name: string
  readonly factory: Factory
  /** Kernel rounding (default the kernels' default, `'fast'`). */
  readonly rounding?: 'exact' | 'fast' | 'float32'
  /** Read-write streams of its update (parameters + state buffers). */
  readonly streams: number
  /** The bare kernel call on arrays from `kernels.allocate`. */
  kernel(kernels: OptimizerKernels, arrays: Float32Array[], step: number): void
}

const rate = 1e-3

/** The bare SGD kernel call with momentum 0.9. */
const sgdMomentumKernel: StepOptimizer['kernel'] = (kernels, [p, g, b], step) =>
  kernels.sgd(p!, g!, b, {
    learningRate: rate,
    momentum: 0.9,
    dampening: 0,
    nesterov: false,
    weightDecay: 0,
    firstStep: step === 1,
  })

/** The bare Adam (L2 off) or AdamW (decoupled decay 1e-2) kernel call of one step. */
function adamKernel(decoupled: boolean): StepOptimizer['kernel'] {
  return (kernels, [p, g, m, v], step) =>
    kernels.adam(p!, g!, m!, v!, undefined, {
      learningRate: rate,
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: decoupled ? 1e-2 : 0,
      decoupledWeightDecay: decoupled,
      amsgrad: false,
      step,
    })
}

const stepOptimizers: readonly StepOptimizer[] = [
  {
    name: 'sgd-momentum',
    factory: (options) => sgdOptimizer({ ...options, momentum: 0.9 }),
    streams: 2,
    kernel: sgdMomentumKernel,
  },
  {
    name: 'sgd-mom-f32',
    factory: (options) => sgdOptimizer({ ...options, momentum: 0.9 }),
    rounding: 'float32',
    streams: 2,
    kernel: sgdMomentumKernel,
  },
  {
    name: 'adam',
    factory: (options) => adamOptimizer(options),
    streams: 3,
    kernel: adamKernel(false),
  },
  {
    name: 'adamw',
    factory: (options) => adamwOptimizer(options),
    streams: 3,
    kernel: adamKernel(true),
  },
  {
    name: 'rmsprop',
    factory: (options) => rmspropOptimizer(options),
    streams: 2,
    kernel: (kernels, [p, g, s]) =>
      kernels.rmsprop(p!, g!, s!, undefined, undefined, {
        learningRate: rate,
        alpha: 0.99,
        eps: 1e-8,
        weightDecay: 0,
        momentum: 0,
        centered: false,
      }),
  },
  {
    name: 'adagrad',
    factory: (options) => adagradOptimizer(options),
    streams: 2,
    kernel: (kernels, [p, g, s]) =>
      kernels.adagrad(p!, g!, s!, { learningRate: rate, eps: 1e-10, weightDecay: 0 }),
  },
  {
    name: 'lion',
    factory: (options) => lionOptimizer(options),
    streams: 2,
    kernel: (kernels, [p, g, m]) =>
      kernels.lion(p!, g!, m!, { learningRate: rate, beta1: 0.9, beta2: 0.99, weightDecay: 0 }),
  },
]

/** Names accepted by `--optimizers`. */
export const stepBenchOptimizerNames: readonly string[] = stepOptimizers.map((optimizer) => optimizer.name)

function memoryFor(floats: number): number {
  return floats * 4 + (1 << 20)
}

/** A wasm-kernel optimizer over one parameter of `size` floats, its gradients already written. */
function oneTensor(
  entry: StepOptimizer,
  size: number,
  extra: Partial<OptimizerBaseOptions> = {},
): { optimizer: Optimizer<object>; callerGradients: Map<string, Float32Array> } {
  const factory = entry.factory
  const kernels = createWasmKernels({
    initialMemoryBytes: memoryFor(size * 7),
    ...(entry.rounding === undefined ? {} : { rounding: entry.rounding }),
  })
  const weight = new Float32Array(size)
  fillRandom(weight, 1, 1)
  const optimizer = factory({ parameters: { weight }, kernels, ...extra })
  const gradient = optimizer.gradients.get('weight')!
  fillRandom(gradient, 1e-2, 2)
  return { optimizer, callerGradients: new Map([['weight', gradient.slice()]]) }
}

/**
 * Runs the end-to-end `step()` benchmark and logs a table (and, unless skipped, the
 * many-small-tensors comparison).
 */
export function runStepBench(options: StepBenchOptions): {
  rows: StepBenchRow[]
  manyTensors: ManyTensorsRow[]
} {
  const { log } = options
  if (!wasmSimdSupported()) {
    log('wasm SIMD not available: step() benchmark skipped')
    return { rows: [], manyTensors: [] }
  }
  const sizes = (options.sizes ?? [1e6, 1e7]).map((size) => Math.ceil(size / 8) * 8)
  const selected = (options.optimizers ?? stepBenchOptimizerNames).map((name) => {
    const found = stepOptimizers.find((optimizer) => optimizer.name === name)
    if (found === undefined)
      throw new Error(`unknown optimizer ${name}; known: ${stepBenchOptimizerNames.join(', ')}`)
    return found
  })
  log(`node ${process.version}; ns/param/step (median) and × the same-run traffic floor (median of ratios)`)
  log(
    `${'optimizer'.padEnd(13)} ${'size'.padStart(5)} ${'floor'.padStart(6)} ${'kernel'.padStart(14)} ${'step'.padStart(14)} ${'step+clip'.padStart(14)} ${'step+copy'.padStart(14)}`,
  )
  const floorRunner = createFloorRunner(Math.max(...sizes))
  const rows: StepBenchRow[] = []
  for (const size of sizes) {
    const batchMs = size >= 5e6 ? 150 : 60
    const repetitions = size >= 5e6 ? 7 : 9
    for (const entry of selected) {
      const kernels = createWasmKernels({
        initialMemoryBytes: memoryFor(size * (entry.streams + 2)),
        ...(entry.rounding === undefined ? {} : { rounding: entry.rounding }),
      })
      const arrays = Array.from({ length: entry.streams + 1 }, () => kernels.allocate(size))
      fillRandom(arrays[0]!, 1, 1)
      fillRandom(arrays[1]!, 1e-2, 2)
      const plain = oneTensor(entry, size)
      const clipped = oneTensor(entry, size, { gradientClipping: { maxNorm: 1e-3 } })
      const copied = oneTensor(entry, size)
      const contenders: Contender[] = [
        { name: 'floor', run: () => floorRunner.run(entry.streams, size) },
        { name: 'kernel', run: (step) => entry.kernel(kernels, arrays, step) },
        { name: 'step', run: () => plain.optimizer.step(plain.optimizer.gradients, rate) },
        { name: 'step+clip', run: () => clipped.optimizer.step(clipped.optimizer.gradients, rate) },
        { name: 'step+copy', run: () => copied.optimizer.step(copied.callerGradients, rate) },
      ]
      const [floor, kernel, step, stepClip, stepCopy] = measure(size, contenders, batchMs, repetitions)
      const row: StepBenchRow = {
        optimizer: entry.name,
        size,
        floor: floor!.nsPerParam,
        kernel: kernel!.nsPerParam,
        step: step!.nsPerParam,
        stepClip: stepClip!.nsPerParam,
        stepCopy: stepCopy!.nsPerParam,
        ratios: {
          kernel: kernel!.ratio,
          step: step!.ratio,
          stepClip: stepClip!.ratio,
          stepCopy: stepCopy!.ratio,
        },
      }
      rows.push(row)
      const cell = (ns: number, ratio: number) => `${ns.toFixed(2)} (${ratio.toFixed(2)}×)`.padStart(14)
      log(
        `${entry.name.padEnd(13)} ${(size >= 1e6 ? `1e${Math.log10(size)}` : String(size)).padStart(5)} ${row.floor.toFixed(2).padStart(6)} ${cell(row.kernel, row.ratios.kernel)} ${cell(row.step, row.ratios.step)} ${cell(row.stepClip, row.ratios.stepClip)} ${cell(row.stepCopy, row.ratios.stepCopy)}`,
      )
    }
  }
  const manyTensors = options.skipManyTensors === true ? [] : runManyTensors(log)
  return { rows, manyTensors }
}

/** Adam steps over 10,000 tensors × 10 floats against 1 tensor × 1e5 floats, per backend and path. */
function runManyTensors(log: (line: string) => void): ManyTensorsRow[] {
  log('')
  log('Adam, one step: 10,000 tensors × 10 floats vs one tensor × 1e5 floats (median ms, ratio)')
  const rows: ManyTensorsRow[] = []
  for (const backend of ['wasm', 'js'] as const) {
    for (const path of ['owned', 'copy'] as const) {
      const build = (count: number, length: number): (() => void) => {
        const kernels =
          backend === 'wasm'
            ? createWasmKernels({ initialMemoryBytes: memoryFor(count * length * 6) })
            : jsKernels
        const parameters: Record<string, Float32Array> = {}
        for (let index = 0; index < count; index++) {
          const array = new Float32Array(length)
          fillRandom(array, 1, index + 1)
          parameters[`layer${index}.weight`] = array
        }
        const optimizer = adamOptimizer({ parameters, kernels })
        const own = new Map<string, Float32Array>()
        for (const [name, gradient] of optimizer.gradients) {
          fillRandom(gradient, 1e-2, 7)
          own.set(name, gradient.slice())
        }
        return path === 'owned'
          ? () => optimizer.step(optimizer.gradients, rate)
          : () => optimizer.step(own, rate)
      }
      const many = build(10_000, 10)
      const one = build(1, 100_000)
      const [oneResult, manyResult] = measure(
        100_000,
        [
          { name: 'one', run: one },
          { name: 'many', run: many },
        ],
        40,
        9,
      )
      const row: ManyTensorsRow = {
        backend,
        path,
        oneMs: (oneResult!.nsPerParam * 100_000) / 1e6,
        manyMs: (manyResult!.nsPerParam * 100_000) / 1e6,
        ratio: manyResult!.ratio,
      }
      rows.push(row)
      log(
        `${backend.padEnd(5)} ${path === 'owned' ? 'step(optimizer.gradients)' : 'step(myGradients)        '}  10,000×10: ${row.manyMs.toFixed(3)} ms   1×1e5: ${row.oneMs.toFixed(3)} ms   ratio ${row.ratio.toFixed(2)}×`,
      )
    }
  }
  return rows
}

function parseList(flag: string): string[] | undefined {
  const index = process.argv.indexOf(flag)
  const value = index >= 0 ? process.argv[index + 1] : undefined
  return value === undefined ? undefined : value.split(',')
}

if (process.argv[1] !== undefined && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = parseList('--sizes')?.map(Number)
  const names = parseList('--optimizers')
  runStepBench({
    ...(sizes === undefined ? {} : { sizes }),
    ...(names === undefined ? {} : { optimizers: names }),
    skipManyTensors: process.argv.includes('--skip-many'),
    log: (line) => console.log(line),
  })
}
