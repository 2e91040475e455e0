import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demoMlp } from './mlp-weights'
import { mnistDigits } from './mnist-digits'
import { fineTuneOnnx, onnxRangeTest, pretrainOnnx } from './onnx-runs'
import { type DemoSize, runDemo } from './run-demo'
import type { StageData } from './run-result'
import { fineTuneTfjs, pretrainTfjs, tfjsRangeTest, useTfjsBackend } from './tfjs-runs'

// The demo's runs at a small size: 50 examples per digit, a 784-16-8-5 MLP.
const layers = demoMlp(5, [16, 8])
const pretrainData: StageData = {
  train: mnistDigits({ digits: [0, 1, 2, 3, 4], from: 0, perDigit: 50, seed: 1 }),
  test: mnistDigits({ digits: [0, 1, 2, 3, 4], from: 700, perDigit: 20, seed: 2 }),
  batchSize: 25,
}
const data: StageData = {
  train: mnistDigits({ digits: [5, 6, 7, 8, 9], from: 0, perDigit: 10, seed: 3 }),
  test: mnistDigits({ digits: [5, 6, 7, 8, 9], from: 700, perDigit: 20, seed: 4 }),
  batchSize: 10,
}
let body: Map<string, Float32Array>

beforeAll(async () => {
  await useTfjsBackend('wasm')
  const { parameters } = await pretrainOnnx({
    layers,
    data: pretrainData,
    epochs: 2,
    learningRate: 3e-3,
    seed: 1,
  })
  body = new Map([...parameters].filter(([name]) => !name.startsWith('head.')))
})

describe('pretraining', () => {
  it('learns digits 0–4 the same way in both frameworks (same weights, batches and schedule)', async () => {
    const onnx = await pretrainOnnx({ layers, data: pretrainData, epochs: 4, learningRate: 3e-3, seed: 1 })
    const tfjs = await pretrainTfjs({ layers, data: pretrainData, epochs: 4, learningRate: 3e-3, seed: 1 })
    expect(onnx.result.steps).toBe(40)
    expect(tfjs.result.steps).toBe(40)
    expect(onnx.result.accuracy).toBeGreaterThan(0.5) // chance: 0.2
    expect(onnx.result.log.map((entry) => entry.learningRate)).toEqual(
      tfjs.result.log.map((entry) => entry.learningRate),
    )
    for (const [index, entry] of onnx.result.log.entries()) {
      expect(tfjs.result.log[index]!.loss).toBeCloseTo(entry.loss, 3)
    }
    expect(Math.abs(tfjs.result.accuracy - onnx.result.accuracy)).toBeLessThanOrEqual(0.02)
    for (const [name, values] of onnx.parameters)
      expect(tfjs.parameters.get(name)!.length).toBe(values.length)
  })
})

describe('fine-tuning', () => {
  it('(a) and (b): constant and one-cycle rates, the schedule the report shows', async () => {
    const constant = await fineTuneOnnx({
      method: 'constant',
      layers,
      body,
      data,
      epochs: 3,
      learningRate: 1e-3,
      minScale: 0.1,
      seed: 7,
    })
    expect(constant.steps).toBe(15)
    expect(new Set(constant.log.map((entry) => entry.learningRate))).toEqual(new Set([1e-3]))
    expect(constant.schedule).toEqual({ name: 'onnx constant', spec: { kind: 'constant', value: 1e-3 } })
    const oneCycle = await fineTuneTfjs({
      method: 'oneCycle',
      layers,
      body,
      data,
      epochs: 3,
      learningRate: 4e-3,
      minScale: 0.1,
      seed: 7,
    })
    expect(oneCycle.schedule.spec).toEqual({ kind: 'oneCycle', peakValue: 4e-3, totalSteps: 15 })
    const rates = oneCycle.log.map((entry) => entry.learningRate ?? Number.NaN)
    expect(Math.max(...rates)).toBeGreaterThan(0.95 * 4e-3)
    expect(Math.max(...rates)).toBeLessThanOrEqual(4e-3)
    expect(rates[0]).toBeLessThan(4e-3 / 10)
    expect(rates[14]).toBeLessThan(rates[0]!)
  })

  it('(c) runs the fine-tune recipe in both frameworks: head alone for one epoch, then discriminative rates', async () => {
    const options = {
      method: 'discriminative',
      layers,
      body,
      data,
      epochs: 3,
      learningRate: 4e-3,
      minScale: 0.1,
      seed: 7,
    } as const
    const onnx = await fineTuneOnnx(options)
    const tfjs = await fineTuneTfjs(options)
    for (const run of [onnx, tfjs]) {
      expect(run.steps).toBe(15)
      expect(run.schedule.groups).toEqual({ fc1: 0.1, fc2: Math.sqrt(0.1), head: 1 })
      expect(run.schedule.spec).toMatchObject({
        kind: 'sequence',
        boundaries: [5],
        schedules: [
          { kind: 'oneCycle', peakValue: 4e-3, totalSteps: 5, pctStart: 0.99 },
          { kind: 'oneCycle', peakValue: 2e-3, totalSteps: 10, pctStart: 0.3 },
        ],
      })
    }
    expect(onnx.description).toBe('head 0.0040 for 1 epoch, then 0.10 / 0.32 / 1.0 × 0.0020')
    expect(tfjs.log.map((entry) => entry.learningRate)).toEqual(onnx.log.map((entry) => entry.learningRate))
    for (const [index, entry] of onnx.log.entries()) expect(tfjs.log[index]!.loss).toBeCloseTo(entry.loss, 3)
  })

  it('is deterministic: the same run twice gives the same losses', async () => {
    const options = {
      method: 'oneCycle',
      layers,
      body,
      data,
      epochs: 2,
      learningRate: 3e-3,
      minScale: 0.1,
      seed: 7,
    } as const
    const first = await fineTuneOnnx(options)
    const second = await fineTuneOnnx(options)
    expect(second.log).toEqual(first.log)
    expect(second.accuracy).toBe(first.accuracy)
  })
})

describe('range tests', () => {
  it('sweep the fine-tuning model in both frameworks and give every rule a pick', async () => {
    const onnx = await onnxRangeTest({ layers, body, data, steps: 30, seed: 7 })
    const tfjs = await tfjsRangeTest({ layers, body, data, steps: 30, seed: 7 })
    for (const { result } of [onnx, tfjs]) {
      expect(result.points[0]!.learningRate).toBeCloseTo(1e-5, 12)
      expect(Object.keys(result.picks).sort()).toEqual([
        'minimum',
        'slide',
        'steep',
        'steepestGradient',
        'valley',
      ])
      expect(result.suggestion.rule).toBe('valley')
    }
    expect(tfjs.result.points[0]!.loss).toBeCloseTo(onnx.result.points[0]!.loss, 3)
  })
})

describe('runDemo', () => {
  let folder: string
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'lrkit-demo-'))
  })
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true })
  })

  it('prints progress, the six-row table and the picks, and writes the report', async () => {
    const size: DemoSize = {
      pretrainPerDigit: 40,
      pretrainEpochs: 1,
      fineTunePerDigit: 10,
      testPerDigit: 20,
      epochs: 2,
      batchSize: 10,
      rangeTestSteps: 30,
      hidden: [16, 8],
    }
    const lines: string[] = []
    const result = await runDemo({ log: (line) => lines.push(line), outputFolder: folder, size })
    expect(result.runs.map((run) => `${run.framework} ${run.method}`)).toEqual([
      'onnx constant',
      'onnx oneCycle',
      'onnx discriminative',
      'tfjs constant',
      'tfjs oneCycle',
      'tfjs discriminative',
    ])
    const output = lines.join('\n')
    expect(output).toContain(result.table)
    expect(result.table.split('\n')).toHaveLength(8)
    expect(output).toContain('range test @lrkit/onnx: valley')
    expect(output).toContain('range test @lrkit/tfjs: valley')
    expect(output).toContain('(b) range-test rate, one-cycle: 10 steps in')
    expect(result.reportPath).toBe(join(folder, 'index.html'))
    const html = await readFile(result.reportPath, 'utf8')
    expect(html).toContain('Fine-tuning on digits 5–9: accuracy, steps and time')
    expect(html.match(/<section class="lossLog"/g)).toHaveLength(8)
    expect(html.match(/<section class="rangeTest"/g)).toHaveLength(2)
    const saved = JSON.parse(await readFile(join(folder, 'results.json'), 'utf8'))
    expect(saved.runs).toHaveLength(6)
  }, 60_000)
})
