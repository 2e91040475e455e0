import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { createReport } from '@lrkit/cli'
import { defaultLearningRate, type RangeTestResult } from '@lrkit/core'
import { demoReportSections } from './demo-report'
import { demoMlp } from './mlp-weights'
import { mnistDigits } from './mnist-digits'
import { fineTuneOnnx, onnxRangeTest, pretrainOnnx } from './onnx-runs'
import { describePicks, formatTable, RESULT_COLUMNS, resultRows } from './results-table'
import { type Framework, METHOD_LABELS, type RunResult, type StageData } from './run-result'
import { fineTuneTfjs, pretrainTfjs, type TfjsBackend, tfjsRangeTest, useTfjsBackend } from './tfjs-runs'
import { writeFileAtomic } from './write-file-atomic'

/** How much data and training the demo uses. */
export interface DemoSize {
  /** Examples of each digit 0–4 for pretraining, ≤ {@link TEST_FROM}. */
  readonly pretrainPerDigit: number
  /** Pretraining epochs. */
  readonly pretrainEpochs: number
  /** Labelled examples of each digit 5–9 for fine-tuning. */
  readonly fineTunePerDigit: number
  /** Held-out examples of each digit (accuracy), from example {@link TEST_FROM} on; ≤ 163 (digit 5 has 863). */
  readonly testPerDigit: number
  /** Fine-tuning epochs of every run, ≥ 2. */
  readonly epochs: number
  /** Rows per fine-tuning batch. */
  readonly batchSize: number
  /** Steps of each range test, ≥ 20. */
  readonly rangeTestSteps: number
  /** Widths of the MLP's two hidden layers. */
  readonly hidden: readonly [number, number]
}

/** The size `pnpm demo` runs: about 15 s of training on 2 cores. */
export const FULL_SIZE: DemoSize = {
  pretrainPerDigit: 700,
  pretrainEpochs: 3,
  fineTunePerDigit: 100,
  testPerDigit: 160,
  epochs: 10,
  batchSize: 20,
  rangeTestSteps: 100,
  hidden: [128, 64],
}

/** Options of {@link runDemo}. */
export interface RunDemoOptions {
  /** Receives each progress and result line. */
  readonly log: (line: string) => void
  /** Folder of the report (`index.html`, `results.json`); created if missing. */
  readonly outputFolder: string
  /** Data and training sizes; default {@link FULL_SIZE}. */
  readonly size?: DemoSize
  /** TensorFlow.js backend; default `'wasm'`. */
  readonly backend?: TfjsBackend
}

/** What {@link runDemo} measured and wrote. */
export interface DemoResult {
  /** Pretraining, one run per framework. */
  readonly pretrain: readonly RunResult[]
  /** The six fine-tuning runs, ONNX first, in table order. */
  readonly runs: readonly RunResult[]
  /** Each framework's range test and its wall time. */
  readonly rangeTests: readonly {
    readonly framework: Framework
    readonly result: RangeTestResult
    readonly seconds: number
  }[]
  /** The printed table. */
  readonly table: string
  /** Path of the HTML report. */
  readonly reportPath: string
}

/** Index of the first held-out example of each digit: training examples come before it. */
export const TEST_FROM = 700

/** Pretraining: AdamW, one-cycle to this peak (fixed: the demo's subject is the fine-tuning). */
const PRETRAIN_RATE = 3e-3
/** Batch size of pretraining. */
const PRETRAIN_BATCH = 50
/** First layer's rate multiplier in the discriminative recipe (geometric to 1 at the head; 3 layers). */
const MIN_SCALE = 0.1
/** Seeds: initial weights, the fresh head, and the data order of each split. */
const SEEDS = { weights: 1, head: 7, pretrain: 11, pretrainTest: 12, train: 13, test: 14 } as const

/**
 * The lrkit tour: pretrains a small MLP on MNIST digits 0–4, then fine-tunes it on digits 5–9 three
 * ways — (a) AdamW's default constant rate, (b) the range test's rate with one-cycle, (c) fastai's
 * fine-tune recipe (head first, then discriminative rates) at the range test's rate — once with
 * `@lrkit/onnx` (a `.onnx` model trained by onnxruntime-node) and once with `@lrkit/tfjs` (a
 * TensorFlow.js LayersModel). Prints progress, the results table and the range tests' picks, and
 * writes the HTML report. Same seeds, same initial weights and same batches in both frameworks.
 *
 * @param options - where to log, where to write, sizes and backend
 * @returns every measurement and the report's path
 */
export async function runDemo(options: RunDemoOptions): Promise<DemoResult> {
  const { log } = options
  const size = options.size ?? FULL_SIZE
  const backend = options.backend ?? 'wasm'
  const pretrainData: StageData = {
    train: mnistDigits({
      digits: [0, 1, 2, 3, 4],
      from: 0,
      perDigit: size.pretrainPerDigit,
      seed: SEEDS.pretrain,
    }),
    test: mnistDigits({
      digits: [0, 1, 2, 3, 4],
      from: TEST_FROM,
      perDigit: size.testPerDigit,
      seed: SEEDS.pretrainTest,
    }),
    batchSize: PRETRAIN_BATCH,
  }
  const fineTuneData: StageData = {
    train: mnistDigits({
      digits: [5, 6, 7, 8, 9],
      from: 0,
      perDigit: size.fineTunePerDigit,
      seed: SEEDS.train,
    }),
    test: mnistDigits({
      digits: [5, 6, 7, 8, 9],
      from: TEST_FROM,
      perDigit: size.testPerDigit,
      seed: SEEDS.test,
    }),
    batchSize: size.batchSize,
  }
  const pretrainLayers = demoMlp(5, size.hidden)
  const layers = demoMlp(5, size.hidden)
  const constantRate = defaultLearningRate('adamw').value
  log(
    `MNIST (the mnist package, offline): pretrain on ${pretrainData.train.count} digits 0–4, fine-tune on ${fineTuneData.train.count} digits 5–9, accuracy on ${fineTuneData.test.count} held-out 5–9`,
  )
  log(`MLP ${[784, ...size.hidden, 5].join('-')}, AdamW; TensorFlow.js backend: ${backend}`)
  await useTfjsBackend(backend)

  const pretrain: RunResult[] = []
  const runs: RunResult[] = []
  const rangeTests: { framework: Framework; result: RangeTestResult; seconds: number }[] = []
  for (const framework of ['onnx', 'tfjs'] as const) {
    log(`\n@lrkit/${framework}`)
    const pretrained =
      framework === 'onnx'
        ? await pretrainOnnx({
            layers: pretrainLayers,
            data: pretrainData,
            epochs: size.pretrainEpochs,
            learningRate: PRETRAIN_RATE,
            seed: SEEDS.weights,
          })
        : await pretrainTfjs({
            layers: pretrainLayers,
            data: pretrainData,
            epochs: size.pretrainEpochs,
            learningRate: PRETRAIN_RATE,
            seed: SEEDS.weights,
          })
    pretrain.push(pretrained.result)
    log(`  ${progressLine(pretrained.result)} (digits 0–4)`)
    const body = new Map([...pretrained.parameters].filter(([name]) => !name.startsWith('head.')))
    const rangeTestOptions = {
      layers,
      body,
      data: fineTuneData,
      steps: size.rangeTestSteps,
      seed: SEEDS.head,
    }
    const rangeTest =
      framework === 'onnx' ? await onnxRangeTest(rangeTestOptions) : await tfjsRangeTest(rangeTestOptions)
    rangeTests.push({ framework, ...rangeTest })
    const picked = rangeTest.result.suggestion.learningRate
    log(
      `  range test, ${rangeTest.result.points.length} steps in ${rangeTest.seconds.toFixed(2)} s: ${describePicks(rangeTest.result)}`,
    )
    const rangeRate = picked ?? constantRate
    if (picked === undefined) log(`  the range test picked no rate; (b) and (c) use ${constantRate} instead`)
    for (const [method, learningRate] of [
      ['constant', constantRate],
      ['oneCycle', rangeRate],
      ['discriminative', rangeRate],
    ] as const) {
      const runOptions = {
        method,
        layers,
        body,
        data: fineTuneData,
        epochs: size.epochs,
        learningRate,
        minScale: MIN_SCALE,
        seed: SEEDS.head,
      }
      const result = framework === 'onnx' ? await fineTuneOnnx(runOptions) : await fineTuneTfjs(runOptions)
      runs.push(result)
      log(`  ${progressLine(result)}`)
    }
  }

  const table = formatTable(RESULT_COLUMNS, resultRows(runs))
  log(
    `\nFine-tuned on ${fineTuneData.train.count} digits 5–9, accuracy on ${fineTuneData.test.count} held-out ones (measured now):\n`,
  )
  log(table)
  for (const { framework, result } of rangeTests)
    log(`range test @lrkit/${framework}: ${describePicks(result)}`)

  await mkdir(options.outputFolder, { recursive: true })
  const note = `Pretrained on ${pretrainData.train.count} MNIST digits 0–4 (accuracy ${pretrain.map((run) => `${run.framework} ${(run.accuracy * 100).toFixed(1)} %`).join(', ')}), fine-tuned on ${fineTuneData.train.count} digits 5–9 for ${size.epochs} epochs of batch ${size.batchSize}; accuracy on ${fineTuneData.test.count} held-out digits 5–9; time = training steps only. (c) uses fastai's fine_tune recipe: the head alone for one epoch, then every layer, the first at ${MIN_SCALE}× the head's rate.`
  const html = await createReport({
    title: 'lrkit demo: fine-tuning MNIST 0–4 → 5–9 with @lrkit/onnx and @lrkit/tfjs',
    sections: demoReportSections({ pretrain, runs, rangeTests, note }),
  })
  const reportPath = join(options.outputFolder, 'index.html')
  await writeFileAtomic(reportPath, html)
  await writeFileAtomic(
    join(options.outputFolder, 'results.json'),
    `${JSON.stringify({ size, backend, pretrain, runs, rangeTests }, null, 2)}\n`,
  )
  return { pretrain, runs, rangeTests, table, reportPath }
}

/** `(b) range-test rate, one-cycle: 250 steps in 0.21 s, loss 0.31, accuracy 87.3 %` */
function progressLine(run: RunResult): string {
  const last = run.log[run.log.length - 1]
  return `${METHOD_LABELS[run.method]}: ${run.steps} steps in ${run.seconds.toFixed(2)} s, last loss ${last === undefined ? '—' : last.loss.toFixed(3)}, accuracy ${(run.accuracy * 100).toFixed(1)} %`
}
