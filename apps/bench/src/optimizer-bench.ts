/**
 * Optimizer kernel benchmark: ns per parameter per step of the WebAssembly SIMD kernels, the JS
 * fallback kernels and a naive per-element JS loop, each next to the optimizer's memory-traffic
 * floor measured in the same run (a wasm SIMD loop with the same reads and writes and no
 * arithmetic), plus tfjs's own Adam (cpu and wasm backends, when installed) and PyTorch's
 * torch.optim.Adam on CPU (when `/usr/bin/python3 -c 'import torch'` works).
 *
 *   pnpm exec tsx apps/bench/src/optimizer-bench.ts [--sizes 1e5,1e6] [--optimizers adam,adamw]
 */
import { spawnSync } from 'node:child_process'
import { realpathSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { createWasmKernels, jsKernels, type OptimizerKernels, wasmSimdSupported } from '@lrkit/core'

/** Options of {@link runOptimizerBench}. */
export interface OptimizerBenchOptions {
  /** Parameter counts; default [1e5, 1e6, 1e7]. Each is rounded up to a multiple of 8. */
  readonly sizes?: readonly number[]
  /** Optimizer names from {@link benchOptimizerNames}; default all. */
  readonly optimizers?: readonly string[]
  /** Receives each output line. */
  readonly log: (line: string) => void
  /** Skip the tfjs and PyTorch comparisons (default false). */
  readonly skipExternal?: boolean
}

/** One measured row. */
export interface OptimizerBenchRow {
  readonly optimizer: string
  readonly size: number
  /** ns per parameter per step of the traffic floor. */
  readonly floor: number
  /** wasm kernels with `rounding: 'exact'` (bit-identical to the JS kernels). */
  readonly wasm: number | undefined
  /** wasm kernels with `rounding: 'fast'`, the default (differs from `wasm` for Adam and AdamW only). */
  readonly wasmFast: number | undefined
  readonly js: number
  readonly naive: number
}

type Arrays = { readonly param: Float32Array; readonly grad: Float32Array; readonly state: Float32Array[] }

interface BenchOptimizer {
  readonly name: string
  /** Whether `rounding: 'fast'` changes its wasm kernel (Adam family). */
  readonly fastVariant?: boolean
  /** State arrays per parameter (besides param and grad). */
  readonly states: number
  /** One step with the given kernels; `step` is 1-based. */
  run(kernels: OptimizerKernels, arrays: Arrays, step: number): void
  /** The straightforward per-element loop a user would write. */
  naive(arrays: Arrays, step: number): void
}

const adamHyper = (step: number, decoupled: boolean) => ({
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: decoupled ? 1e-2 : 0,
  decoupledWeightDecay: decoupled,
  amsgrad: false,
  step,
})

function naiveAdam({ param, grad, state }: Arrays, step: number, weightDecay: number): void {
  const [m, v] = state as [Float32Array, Float32Array]
  const learningRate = 1e-3
  const beta1 = 0.9
  const beta2 = 0.999
  const eps = 1e-8
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]!
    param[i] = param[i]! - learningRate * weightDecay * param[i]!
    m[i] = beta1 * m[i]! + (1 - beta1) * g
    v[i] = beta2 * v[i]! + (1 - beta2) * g * g
    const mHat = m[i]! / (1 - beta1 ** step)
    const vHat = v[i]! / (1 - beta2 ** step)
    param[i] = param[i]! - (learningRate * mHat) / (Math.sqrt(vHat) + eps)
  }
}

const optimizers: readonly BenchOptimizer[] = [
  {
    name: 'sgd-momentum',
    states: 1,
    run: (kernels, { param, grad, state }, step) =>
      kernels.sgd(param, grad, state[0], {
        learningRate: 1e-2,
        momentum: 0.9,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        firstStep: step === 1,
      }),
    naive: ({ param, grad, state }) => {
      const buffer = state[0]!
      for (let i = 0; i < param.length; i++) {
        buffer[i] = 0.9 * buffer[i]! + grad[i]!
        param[i] = param[i]! - 1e-2 * buffer[i]!
      }
    },
  },
  {
    name: 'adam',
    states: 2,
    fastVariant: true,
    run: (kernels, { param, grad, state }, step) =>
      kernels.adam(param, grad, state[0]!, state[1]!, undefined, adamHyper(step, false)),
    naive: (arrays, step) => naiveAdam(arrays, step, 0),
  },
  {
    name: 'adamw',
    states: 2,
    fastVariant: true,
    run: (kernels, { param, grad, state }, step) =>
      kernels.adam(param, grad, state[0]!, state[1]!, undefined, adamHyper(step, true)),
    naive: (arrays, step) => naiveAdam(arrays, step, 1e-2),
  },
  {
    name: 'rmsprop',
    states: 1,
    run: (kernels, { param, grad, state }) =>
      kernels.rmsprop(param, grad, state[0]!, undefined, undefined, {
        learningRate: 1e-2,
        alpha: 0.99,
        eps: 1e-8,
        weightDecay: 0,
        momentum: 0,
        centered: false,
      }),
    naive: ({ param, grad, state }) => {
      const square = state[0]!
      for (let i = 0; i < param.length; i++) {
        const g = grad[i]!
        square[i] = 0.99 * square[i]! + (1 - 0.99) * g * g
        param[i] = param[i]! - (1e-2 * g) / (Math.sqrt(square[i]!) + 1e-8)
      }
    },
  },
  {
    name: 'adagrad',
    states: 1,
    run: (kernels, { param, grad, state }) =>
      kernels.adagrad(param, grad, state[0]!, { learningRate: 1e-2, eps: 1e-10, weightDecay: 0 }),
    naive: ({ param, grad, state }) => {
      const sum = state[0]!
      for (let i = 0; i < param.length; i++) {
        const g = grad[i]!
        sum[i] = sum[i]! + g * g
        param[i] = param[i]! - (1e-2 * g) / (Math.sqrt(sum[i]!) + 1e-10)
      }
    },
  },
  {
    name: 'lion',
    states: 1,
    run: (kernels, { param, grad, state }) =>
      kernels.lion(param, grad, state[0]!, {
        learningRate: 1e-4,
        beta1: 0.9,
        beta2: 0.99,
        weightDecay: 1e-2,
      }),
    naive: ({ param, grad, state }) => {
      const m = state[0]!
      for (let i = 0; i < param.length; i++) {
        const g = grad[i]!
        const c = 0.9 * m[i]! + (1 - 0.9) * g
        param[i] = param[i]! - 1e-4 * (Math.sign(c) + 1e-2 * param[i]!)
        m[i] = 0.99 * m[i]! + (1 - 0.99) * g
      }
    },
  },
]

/** Names accepted by `options.optimizers`. */
export const benchOptimizerNames: readonly string[] = optimizers.map((optimizer) => optimizer.name)

// ---------------------------------------------------------------------------------------------
// Traffic floor: a wasm SIMD module, assembled here, whose function `floor{k}(s0 … s{k−1}, g, bytes)`
// reads k read-write streams and one read-only stream (the gradient) and writes the k streams back
// (s0 ^= g, the others unchanged: a store of the loaded vector), 32 bytes per stream per iteration,
// as the kernels do. It is the cheapest loop with the kernel's memory traffic.

function unsignedLeb(value: number): number[] {
  const out: number[] = []
  let rest = value
  do {
    let byte = rest & 0x7f
    rest >>>= 7
    if (rest !== 0) byte |= 0x80
    out.push(byte)
  } while (rest !== 0)
  return out
}

function section(id: number, body: number[]): number[] {
  return [id, ...unsignedLeb(body.length), ...body]
}

function vector(items: number[][]): number[] {
  return [...unsignedLeb(items.length), ...items.flat()]
}

const FLOOR_STREAMS = [2, 3, 4, 5] as const

function floorFunctionBody(streams: number): number[] {
  const gradient = streams
  const end = streams + 1
  const index = streams + 2
  const code: number[] = []
  const address = (local: number) => [0x20, local, 0x20, index, 0x6a] // local.get s; local.get i; i32.add
  code.push(0x03, 0x40) // loop
  for (const offset of [0, 16]) {
    for (let stream = 0; stream < streams; stream++) {
      code.push(...address(stream)) // store address
      code.push(...address(stream), 0xfd, 0x00, 0x04, ...unsignedLeb(offset)) // v128.load
      if (stream === 0) code.push(...address(gradient), 0xfd, 0x00, 0x04, ...unsignedLeb(offset), 0xfd, 0x51) // xor g
      code.push(0xfd, 0x0b, 0x04, ...unsignedLeb(offset)) // v128.store
    }
  }
  code.push(0x20, index, 0x41, 32, 0x6a, 0x22, index) // i += 32 (local.tee)
  code.push(0x20, end, 0x49, 0x0d, 0x00) // br_if (i < end) 0
  code.push(0x0b) // end loop
  const locals = [0x01, 0x01, 0x7f] // one i32 local
  const body = [...locals, ...code, 0x0b]
  return [...unsignedLeb(body.length), ...body]
}

function floorModuleBytes(): Uint8Array {
  const types = FLOOR_STREAMS.map((streams) => [
    0x60,
    ...vector(Array.from({ length: streams + 2 }, () => [0x7f])),
    0x00,
  ])
  const name = (text: string) => [text.length, ...[...text].map((character) => character.charCodeAt(0))]
  const imports = [[...name('env'), ...name('memory'), 0x02, 0x00, 0x01]] // memory, min 1 page
  const functions = FLOOR_STREAMS.map((_, index) => [index])
  const exports = FLOOR_STREAMS.map((streams, index) => [...name(`floor${streams}`), 0x00, index])
  const bodies = FLOOR_STREAMS.map((streams) => floorFunctionBody(streams))
  return Uint8Array.from([
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(2, vector(imports)),
    ...section(3, vector(functions)),
    ...section(7, vector(exports)),
    ...section(10, vector(bodies)),
  ])
}

type FloorFunction = (...args: number[]) => void

/** Runs the traffic-floor loops (see {@link createFloorRunner}). */
export interface FloorRunner {
  /** Runs one floor pass over `size` floats with `streams` read-write streams. */
  run(streams: number, size: number): void
}

/** The WebAssembly JS API (typed locally: the project's TypeScript lib has no DOM types). */
interface WasmApi {
  Memory: new (descriptor: { initial: number }) => { readonly buffer: ArrayBuffer }
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { readonly exports: Record<string, unknown> }
}

/**
 * The traffic floor: a wasm SIMD loop over `streams` read-write float32 streams plus one read-only
 * stream, with no arithmetic, on arrays of up to `maxSize` floats.
 */
export function createFloorRunner(maxSize: number): FloorRunner {
  const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly
  const bytesPerStream = maxSize * 4
  const pages = Math.ceil((bytesPerStream * 6 + 1024) / 65536)
  const memory = new wasm.Memory({ initial: pages })
  const instance = new wasm.Instance(new wasm.Module(floorModuleBytes()), { env: { memory } })
  const exports = instance.exports as Record<string, FloorFunction>
  const floats = new Float32Array(memory.buffer)
  for (let i = 0; i < floats.length; i++) floats[i] = Math.random()
  return {
    run(streams, size) {
      const fn = exports[`floor${streams}`]!
      const pointers = Array.from({ length: streams + 1 }, (_, index) => 1024 + index * bytesPerStream)
      fn(...pointers, size * 4)
    },
  }
}

// ---------------------------------------------------------------------------------------------
// Timing

/** One timed contender of {@link measure}. */
export interface Contender {
  readonly name: string
  /** One step; `step` is 1-based and increases by one per call. */
  readonly run: (step: number) => void
}

/**
 * Times the contenders interleaved (one batch of each per repetition, so that they share the same
 * background load) after a warmup of at least `targetBatchMs` each, with batches sized to about
 * `targetBatchMs`. Returns, per contender, the median ns per parameter per step and the median over
 * repetitions of its time divided by the first contender's time in the same repetition.
 */
export function measure(
  size: number,
  contenders: readonly Contender[],
  targetBatchMs: number,
  repetitions: number,
): { nsPerParam: number; ratio: number }[] {
  const steps = contenders.map(() => 1)
  const stepsPerBatch = contenders.map((contender, index) => {
    const start = performance.now()
    let count = 0
    while (count < 3 || performance.now() - start < targetBatchMs) {
      contender.run(steps[index]!++)
      count++
    }
    const estimateMs = Math.max((performance.now() - start) / count, 1e-3)
    return Math.max(1, Math.round(targetBatchMs / estimateMs))
  })
  const samples = contenders.map((): number[] => [])
  const ratios = contenders.map((): number[] => [])
  for (let repetition = 0; repetition < repetitions; repetition++) {
    contenders.forEach((contender, index) => {
      const count = stepsPerBatch[index]!
      const start = performance.now()
      for (let iteration = 0; iteration < count; iteration++) contender.run(steps[index]!++)
      samples[index]!.push(((performance.now() - start) * 1e6) / (count * size))
    })
    contenders.forEach((_, index) => {
      ratios[index]!.push(samples[index]![repetition]! / samples[0]![repetition]!)
    })
  }
  return contenders.map((_, index) => ({
    nsPerParam: median(samples[index]!),
    ratio: median(ratios[index]!),
  }))
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

export function fillRandom(array: Float32Array, scale: number, seed: number): void {
  let state = seed >>> 0 || 1
  for (let i = 0; i < array.length; i++) {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    array[i] = ((state >>> 0) / 4294967296 - 0.5) * 2 * scale
  }
}

function makeArrays(allocate: (length: number) => Float32Array, size: number, states: number): Arrays {
  const param = allocate(size)
  const grad = allocate(size)
  fillRandom(param, 1, 1)
  fillRandom(grad, 1e-2, 2)
  const state = Array.from({ length: states }, () => allocate(size))
  return { param, grad, state }
}

/** Batch target and repetitions per size, so that the whole run stays within a few minutes on 2 cores. */
function plan(size: number): { batchMs: number; repetitions: number } {
  if (size >= 5e6) return { batchMs: 150, repetitions: 5 }
  if (size >= 5e5) return { batchMs: 60, repetitions: 7 }
  return { batchMs: 25, repetitions: 9 }
}

const format = (value: number | undefined, digits = 2): string =>
  value === undefined ? '—' : value.toFixed(digits)

function pad(text: string, width: number): string {
  return text.length >= width ? text : ' '.repeat(width - text.length) + text
}

function exponent(size: number): string {
  const power = Math.log10(size)
  return Number.isInteger(power) ? `1e${power}` : String(size)
}

// ---------------------------------------------------------------------------------------------
// External baselines

/** The slice of @tensorflow/tfjs-core used here (the packages are optional: typed locally). */
interface TfjsTensor {
  dispose(): void
}
interface TfjsVariable extends TfjsTensor {
  readonly name: string
  dataSync(): Float32Array
}
interface TfjsCore {
  setBackend(name: string): Promise<boolean>
  ready(): Promise<void>
  tensor1d(values: Float32Array): TfjsTensor
  variable(initial: TfjsTensor): TfjsVariable
  train: {
    adam(
      learningRate: number,
      beta1: number,
      beta2: number,
      epsilon: number,
    ): { applyGradients(gradients: Record<string, TfjsTensor>): void; dispose(): void }
  }
}

/** Imports a package that may not be installed (a variable specifier keeps it out of type checking). */
function importOptional(specifier: string): Promise<unknown> {
  return import(specifier)
}

async function tfjsAdam(sizes: readonly number[], log: (line: string) => void): Promise<void> {
  let tf: TfjsCore
  try {
    tf = (await importOptional('@tensorflow/tfjs-core')) as TfjsCore
  } catch {
    log('tfjs: skipped (@tensorflow/tfjs-core is not installed)')
    return
  }
  const backends: { name: string; load: () => Promise<unknown> }[] = [
    { name: 'cpu', load: () => importOptional('@tensorflow/tfjs-backend-cpu') },
    { name: 'wasm', load: () => importOptional('@tensorflow/tfjs-backend-wasm') },
  ]
  for (const backend of backends) {
    try {
      await backend.load()
    } catch {
      log(`tfjs ${backend.name}: skipped (@tensorflow/tfjs-backend-${backend.name} is not installed)`)
      continue
    }
    try {
      if (!(await tf.setBackend(backend.name))) throw new Error('setBackend returned false')
      await tf.ready()
    } catch (error) {
      log(`tfjs ${backend.name}: skipped (${(error as Error).message})`)
      continue
    }
    for (const size of sizes) {
      const values = new Float32Array(size)
      fillRandom(values, 1, 1)
      const variable = tf.variable(tf.tensor1d(values))
      fillRandom(values, 1e-2, 2)
      const gradient = tf.tensor1d(values)
      const optimizer = tf.train.adam(1e-3, 0.9, 0.999, 1e-8)
      const { batchMs, repetitions } = plan(size)
      const run = () => {
        optimizer.applyGradients({ [variable.name]: gradient })
        variable.dataSync()
      }
      const [timing] = measure(size, [{ name: `tfjs ${backend.name}`, run }], batchMs, repetitions)
      log(
        `tfjs ${backend.name} tf.train.adam  ${pad(exponent(size), 5)}  ${format(timing!.nsPerParam)} ns/param/step`,
      )
      optimizer.dispose()
      gradient.dispose()
      variable.dispose()
    }
  }
}

const torchScript = `
import sys, time, statistics, torch
torch.set_num_threads(1)
for size in [int(s) for s in sys.argv[1].split(',')]:
    for foreach in (False, True):
        p = torch.nn.Parameter(torch.rand(size) * 2 - 1)
        p.grad = (torch.rand(size) * 2 - 1) * 1e-2
        opt = torch.optim.Adam([p], lr=1e-3, foreach=foreach)
        opt.step(); opt.step()
        t0 = time.perf_counter(); opt.step(); est = max(time.perf_counter() - t0, 1e-6)
        n = max(1, round((0.15 if size >= 5e6 else 0.05) / est))
        samples = []
        for _ in range(5):
            t0 = time.perf_counter()
            for _ in range(n):
                opt.step()
            samples.append((time.perf_counter() - t0) * 1e9 / (n * size))
        print(f"{size} {'foreach' if foreach else 'single-tensor'} {statistics.median(samples):.3f}")
`

function torchAdam(sizes: readonly number[], log: (line: string) => void): void {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch; print(torch.__version__)'], {
    encoding: 'utf8',
  })
  if (probe.status !== 0) {
    log('PyTorch: skipped (/usr/bin/python3 cannot import torch; apt-get install python3-torch)')
    return
  }
  const result = spawnSync('/usr/bin/python3', ['-c', torchScript, sizes.join(',')], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  if (result.status !== 0) {
    log(`PyTorch: failed (${(result.stderr || String(result.error)).trim().split('\n').pop()})`)
    return
  }
  for (const line of result.stdout.trim().split('\n')) {
    const [size, variant, ns] = line.split(' ')
    log(
      `PyTorch ${probe.stdout.trim()} Adam ${variant} (1 thread)  ${pad(exponent(Number(size)), 5)}  ${ns} ns/param/step`,
    )
  }
}

// ---------------------------------------------------------------------------------------------

/**
 * Runs the optimizer benchmark and logs a table: per optimizer and size, the traffic floor and the
 * times of the wasm kernels (exact rounding, and `rounding: 'fast'` for Adam/AdamW), the JS
 * kernels and a naive loop, in ns/param/step, each with the median of its per-repetition ratio to
 * the floor.
 *
 * @returns the measured rows
 */
export async function runOptimizerBench(options: OptimizerBenchOptions): Promise<OptimizerBenchRow[]> {
  const { log } = options
  const sizes = (options.sizes ?? [1e5, 1e6, 1e7]).map((size) => Math.ceil(size / 8) * 8)
  const selected = (options.optimizers ?? benchOptimizerNames).map((name) => {
    const found = optimizers.find((optimizer) => optimizer.name === name)
    if (found === undefined)
      throw new Error(`unknown optimizer ${name}; known: ${benchOptimizerNames.join(', ')}`)
    return found
  })
  const wasmAvailable = wasmSimdSupported()
  log(`node ${process.version}; wasm SIMD ${wasmAvailable ? 'available' : 'not available'}`)
  log('ns/param/step (median); ×floor = time / traffic floor of the same reads and writes')
  log(
    `${'optimizer'.padEnd(13)} ${pad('size', 5)} ${pad('floor', 6)} ${pad('wasm', 6)} ${pad('×floor', 6)} ${pad('fast', 6)} ${pad('×floor', 6)} ${pad('js', 6)} ${pad('×floor', 6)} ${pad('naive', 6)} ${pad('×floor', 6)}`,
  )
  const floorRunner = createFloorRunner(Math.max(...sizes))
  const rows: OptimizerBenchRow[] = []
  for (const size of sizes) {
    const { batchMs, repetitions } = plan(size)
    for (const optimizer of selected) {
      const streams = optimizer.states + 1
      const contenders: Contender[] = [{ name: 'floor', run: () => floorRunner.run(streams, size) }]
      if (wasmAvailable) {
        const kernels = createWasmKernels({
          initialMemoryBytes: (optimizer.states + 2) * size * 4 + 65536,
          rounding: 'exact',
        })
        const arrays = makeArrays(kernels.allocate, size, optimizer.states)
        contenders.push({ name: 'wasm', run: (step) => optimizer.run(kernels, arrays, step) })
        if (optimizer.fastVariant === true) {
          const fast = createWasmKernels({
            initialMemoryBytes: (optimizer.states + 2) * size * 4 + 65536,
            rounding: 'fast',
          })
          const fastArrays = makeArrays(fast.allocate, size, optimizer.states)
          contenders.push({ name: 'wasm-fast', run: (step) => optimizer.run(fast, fastArrays, step) })
        }
      }
      const jsArrays = makeArrays(jsKernels.allocate, size, optimizer.states)
      contenders.push({ name: 'js', run: (step) => optimizer.run(jsKernels, jsArrays, step) })
      const naiveArrays = makeArrays((length) => new Float32Array(length), size, optimizer.states)
      contenders.push({ name: 'naive', run: (step) => optimizer.naive(naiveArrays, step) })
      const results = measure(size, contenders, batchMs, repetitions)
      const byName = (name: string) => results[contenders.findIndex((contender) => contender.name === name)]
      const floor = byName('floor')!.nsPerParam
      const wasm = byName('wasm')?.nsPerParam
      const wasmFast = byName('wasm-fast')?.nsPerParam
      const js = byName('js')!.nsPerParam
      const naive = byName('naive')!.nsPerParam
      rows.push({ optimizer: optimizer.name, size, floor, wasm, wasmFast, js, naive })
      const ratio = (name: string) => {
        const result = byName(name)
        return result === undefined ? '—' : `${result.ratio.toFixed(2)}×`
      }
      log(
        `${optimizer.name.padEnd(13)} ${pad(exponent(size), 5)} ${pad(format(floor), 6)} ${pad(format(wasm), 6)} ${pad(ratio('wasm'), 6)} ${pad(format(wasmFast), 6)} ${pad(ratio('wasm-fast'), 6)} ${pad(format(js), 6)} ${pad(ratio('js'), 6)} ${pad(format(naive), 6)} ${pad(ratio('naive'), 6)}`,
      )
    }
  }
  if (options.skipExternal !== true && selected.some((optimizer) => optimizer.name === 'adam')) {
    await tfjsAdam(sizes, log)
    torchAdam(sizes, log)
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
  await runOptimizerBench({
    ...(sizes === undefined ? {} : { sizes }),
    ...(names === undefined ? {} : { optimizers: names }),
    skipExternal: process.argv.includes('--skip-external'),
    log: (line) => console.log(line),
  })
}
