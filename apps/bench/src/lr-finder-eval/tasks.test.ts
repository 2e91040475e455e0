import { describe, expect, it } from 'vitest'
import { ConvNetwork, type ConvSpec } from './conv-network'
import {
  blurImages,
  CHEVRONS,
  cnnPatternsTask,
  cnnPermutedMnistTask,
  cnnShiftedMnistTask,
  cnnTransposedMnistTask,
  createEvalTasks,
  createTaskTrainable,
  cumulativeRows,
  type DataSplit,
  DEFAULT_TASK_SIZES,
  DenseNetwork,
  dilateImages,
  EVAL_TASK_NAMES,
  type EvalTask,
  type EvalTaskName,
  edgeMagnitude,
  edgeRegressionTask,
  finetuneCnnTask,
  finetuneFewShotTask,
  finetuneMnistTask,
  illConditionedRegressionTask,
  invertImages,
  largeScaleRegressionTask,
  loadMnistDigits,
  longestPositiveRun,
  mirrorImagesAtRandom,
  mnist7x7Task,
  mnist14Split,
  mnist14TailSplit,
  mnist28Split,
  mnistBinarizedTask,
  mnistBlurredTask,
  mnistBottleneckTask,
  mnistBrightnessContrastTask,
  mnistCumulativeRowsTask,
  mnistDigitValueRegressionTask,
  mnistDilatedTask,
  mnistDimmedHeldOutTask,
  mnistEdgeMapTask,
  mnistFullMlpTask,
  mnistInvertedMlpTask,
  mnistInvertedTask,
  mnistMirroredTask,
  mnistMlpTask,
  mnistModThreeTask,
  mnistNoisyPixelsTask,
  mnistOccludedTask,
  mnistOneVersusRestTask,
  mnistOverlaidDigitTask,
  mnistParityTask,
  mnistProjectionsTask,
  mnistQuarterTurnsTask,
  mnistRandomProjectionTask,
  mnistRolledColumnsTask,
  mnistRowGradientTask,
  mnistSoftmaxTask,
  mnistSortedRowsTask,
  mnistStandardizedTask,
  mnistThreeVersusEightTask,
  mnistTinyTask,
  mnistTopHalfTask,
  mnistTrainLabelNoiseTask,
  mnistUnscaledTask,
  type NetworkSpec,
  occludeImages,
  offsetRowBlocks,
  overlayImages,
  permutePixels,
  poolImages,
  projectRows,
  quarterTurnImagesAtRandom,
  randomPermutation,
  randomRotation,
  rollColumns,
  rotateImages,
  rowAndColumnMeans,
  SeededRandom,
  shiftImages,
  softmaxBlobsTask,
  sortRows,
  transposeImages,
} from './tasks'

/** Number of trainable values of a task's network. */
const parameterCount = (trainable: { parameters: Record<string, Float32Array> }) =>
  Object.values(trainable.parameters).reduce((sum, values) => sum + values.length, 0)
const mean = (values: ArrayLike<number>) => Array.from(values).reduce((sum, x) => sum + x, 0) / values.length
const rms = (values: ArrayLike<number>) => Math.sqrt(mean(Array.from(values, (x) => x * x)))

/** The held-out loss of `task`'s network at the initial weights of `seed`. */
const initialLoss = (task: EvalTask, seed: number) => createTaskTrainable(task, 'adam', seed).evaluateSync()

/** Expects the initial held-out loss of `task` on seeds 0 and 1 to lie strictly between `low` and `high`. */
function expectInitialLossBetween(task: EvalTask, low: number, high: number): void {
  for (const seed of [0, 1]) {
    const loss = initialLoss(task, seed)
    expect(loss).toBeGreaterThan(low)
    expect(loss).toBeLessThan(high)
  }
}

/** The rows of `split`, each as an array of its `width` inputs. */
const rowsOf = (split: DataSplit, width: number) =>
  Array.from({ length: split.count }, (_, r) => Array.from(split.inputs.subarray(r * width, (r + 1) * width)))

/** The one-hidden-layer MLP spec most generated tasks use: 32 hidden units, initial scale 0.1. */
const denseSpec = (
  inputSize: number,
  outputSize: number,
  loss: 'crossEntropy' | 'mse',
  activation = 'relu',
) => ({
  inputSize,
  hiddenUnits: 32,
  activation,
  outputSize,
  loss,
  initScale: 0.1,
})

/** Ten fake MNIST digits of `rows` 28×28 images each, pixels uniform in [0, 1) from `SeededRandom(seed)` (digit 0 first). */
function randomDigits(rows: number, seed: number): Record<number, { raw: Float32Array; length: number }> {
  const random = new SeededRandom(seed)
  const digits: Record<number, { raw: Float32Array; length: number }> = {}
  for (let d = 0; d < 10; d++) {
    const raw = new Float32Array(rows * 784)
    for (let p = 0; p < raw.length; p++) raw[p] = random.next()
    digits[d] = { raw, length: rows }
  }
  return digits
}

/** The ten digits in order: the interleaved label pattern of a 10-class MNIST split. */
const ALL_TEN = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]

const SMALL = { trainCount: 64, validationCount: 32, mnistTrainPerDigit: 3, mnistValidationPerDigit: 2 }

function randomData(spec: NetworkSpec, rows: number, seed: number): DataSplit {
  const random = new SeededRandom(seed)
  const inputs = new Float32Array(rows * spec.inputSize)
  for (let i = 0; i < inputs.length; i++) inputs[i] = random.next() < 0.2 ? 0 : random.normal()
  if (spec.loss === 'crossEntropy') {
    const labels = new Int32Array(rows)
    for (let r = 0; r < rows; r++) labels[r] = random.integer(spec.outputSize)
    return { count: rows, inputs, labels }
  }
  const targets = new Float32Array(rows * spec.outputSize)
  for (let i = 0; i < targets.length; i++) targets[i] = random.normal() * 5
  return { count: rows, inputs, targets }
}

/**
 * Central finite differences of the mean batch loss against the analytic gradient, for every
 * parameter entry. The perturbation actually applied is read back from the Float32Array.
 */
function maxGradientError(spec: NetworkSpec): number {
  const network = new DenseNetwork(spec, 16)
  const random = new SeededRandom(5)
  const parameters = network.initialParameters(random)
  for (const values of Object.values(parameters)) {
    for (let i = 0; i < values.length; i++) values[i] = values[i]! + random.normal() * 0.3
  }
  const data = randomData(spec, 10, 9)
  const rows = new Int32Array([3, 1, 4, 1, 5, 9, 2, 6])
  const gradients = network.zeros()
  network.loss(parameters, data, rows, 0, rows.length, gradients)
  let worst = 0
  for (const [name, values] of Object.entries(parameters)) {
    for (let i = 0; i < values.length; i++) {
      const original = values[i]!
      values[i] = original + 1e-2
      const up = values[i]!
      const lossUp = network.loss(parameters, data, rows, 0, rows.length)
      values[i] = original - 1e-2
      const down = values[i]!
      const lossDown = network.loss(parameters, data, rows, 0, rows.length)
      values[i] = original
      const numeric = (lossUp - lossDown) / (up - down)
      const analytic = gradients[name]![i]!
      worst = Math.max(worst, Math.abs(numeric - analytic) / Math.max(1, Math.abs(numeric)))
    }
  }
  return worst
}

describe('DenseNetwork gradients (finite differences)', () => {
  it('softmax regression (linear, cross-entropy)', () => {
    const spec: NetworkSpec = {
      inputSize: 6,
      hiddenUnits: 0,
      activation: 'relu',
      outputSize: 4,
      loss: 'crossEntropy',
      initScale: 0.5,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })

  it('linear regression (mean squared error)', () => {
    const spec: NetworkSpec = {
      inputSize: 7,
      hiddenUnits: 0,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.5,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })

  it('tanh MLP (cross-entropy)', () => {
    const spec: NetworkSpec = {
      inputSize: 5,
      hiddenUnits: 8,
      activation: 'tanh',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.5,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })

  it('ReLU MLP (cross-entropy), away from kinks', () => {
    const spec: NetworkSpec = {
      inputSize: 5,
      hiddenUnits: 8,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.5,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })

  it('ReLU MLP (mean squared error, 4 outputs), away from kinks', () => {
    const spec: NetworkSpec = {
      inputSize: 5,
      hiddenUnits: 8,
      activation: 'relu',
      outputSize: 4,
      loss: 'mse',
      initScale: 0.5,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })

  it('meanLoss over chunks equals the loss of all rows at once', () => {
    const spec: NetworkSpec = {
      inputSize: 4,
      hiddenUnits: 3,
      activation: 'tanh',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.5,
    }
    const data = randomData(spec, 40, 3)
    const parameters = new DenseNetwork(spec, 40).initialParameters(new SeededRandom(1))
    const whole = new DenseNetwork(spec, 40).loss(parameters, data, null, 0, 40)
    expect(new DenseNetwork(spec, 16).meanLoss(parameters, data)).toBeCloseTo(whole, 12)
  })

  it('hiddenInitScale sets the hidden-layer standard deviation (default He for ReLU, Xavier for tanh)', () => {
    const deviation = (values: Float32Array) =>
      Math.sqrt(Array.from(values).reduce((sum, x) => sum + x * x, 0) / values.length)
    const spec: NetworkSpec = {
      inputSize: 8,
      hiddenUnits: 64,
      activation: 'tanh',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.5,
    }
    const w1 = (network: NetworkSpec) =>
      new DenseNetwork(network, 4).initialParameters(new SeededRandom(2)).w1!
    expect(deviation(w1(spec)) / Math.sqrt(1 / 8)).toBeCloseTo(1, 1)
    expect(deviation(w1({ ...spec, activation: 'relu' })) / Math.sqrt(2 / 8)).toBeCloseTo(1, 1)
    const tiny = new DenseNetwork({ ...spec, hiddenInitScale: 1e-3 }, 4).initialParameters(
      new SeededRandom(2),
    )
    expect(deviation(tiny.w1!) / 1e-3).toBeCloseTo(1, 1)
    // The same draws, rescaled: only the hidden layer's scale changes; the output layer keeps initScale.
    expect(tiny.w1![5]! / w1(spec)[5]! / (1e-3 / Math.sqrt(1 / 8))).toBeCloseTo(1, 6)
    expect(deviation(tiny.w2!) / 0.5).toBeCloseTo(1, 0)
    // A linear model has no hidden layer: its weights follow initScale alone.
    const linear = { ...spec, hiddenUnits: 0 }
    expect(
      Array.from(
        new DenseNetwork({ ...linear, hiddenInitScale: 1e-3 }, 4).initialParameters(new SeededRandom(2)).w!,
      ),
    ).toEqual(Array.from(new DenseNetwork(linear, 4).initialParameters(new SeededRandom(2)).w!))
  })

  it('tanh MLP (mean squared error) with a near-zero hiddenInitScale', () => {
    const spec: NetworkSpec = {
      inputSize: 5,
      hiddenUnits: 8,
      activation: 'tanh',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.5,
      hiddenInitScale: 1e-3,
    }
    expect(maxGradientError(spec)).toBeLessThan(1e-3)
  })
})

describe('tasks', () => {
  it('initial losses have the documented scale (CE ≈ ln 3, MSE ≈ 25)', () => {
    const blobs = createTaskTrainable(softmaxBlobsTask(SMALL), 'adam', 0)
    expect(blobs.evaluateSync()).toBeCloseTo(Math.log(3), 1)
    const regression = createTaskTrainable(illConditionedRegressionTask(SMALL), 'sgdMomentum', 0)
    expect(regression.evaluateSync()).toBeGreaterThan(10)
  })

  it('mnist task builds a balanced, interleaved subset from the package layout', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) digits[d] = { raw: new Float32Array(5 * 784).fill(d / 10), length: 5 }
    const task = mnistSoftmaxTask(SMALL, digits)
    expect(task.train.count).toBe(30)
    expect(task.validation.count).toBe(20)
    expect(Array.from(task.train.labels!.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(task.train.inputs[784 * 3]).toBeCloseTo(0.3, 6)
    expect(() => mnistSoftmaxTask({ ...SMALL, mnistTrainPerDigit: 4 }, digits)).toThrow(
      'fewer than 6 samples',
    )
  })

  it('restore after training continues bit-exactly (weights, optimizer slots, data order)', async () => {
    const task = softmaxBlobsTask(SMALL)
    for (const optimizer of ['sgdMomentum', 'adam'] as const) {
      const reference = createTaskTrainable(task, optimizer, 4)
      const probe = createTaskTrainable(task, optimizer, 4)
      const saved = await probe.snapshot()
      for (let i = 0; i < 7; i++) await probe.trainStep(10 ** (i - 5), i)
      await probe.restore(saved)
      const a: number[] = []
      const b: number[] = []
      for (let i = 0; i < 5; i++) {
        a.push(reference.trainStepSync(0.05))
        b.push(probe.trainStepSync(0.05))
      }
      expect(b).toEqual(a)
      expect(Array.from(probe.parameters.w!)).toEqual(Array.from(reference.parameters.w!))
    }
  })

  it('same seed gives the same run; another seed a different one', () => {
    const task = softmaxBlobsTask(SMALL)
    const run = (seed: number) => {
      const trainable = createTaskTrainable(task, 'adam', seed)
      for (let i = 0; i < 5; i++) trainable.trainStepSync(0.01)
      return trainable.evaluateSync()
    }
    expect(run(1)).toBe(run(1))
    expect(run(2)).not.toBe(run(1))
  })
})

/**
 * The largest relative error of `network`'s gradients against central finite differences, at
 * perturbed initial parameters drawn from `random`, on the rows `makeData` draws from it after them.
 */
function convGradientError(
  network: ConvNetwork,
  random: SeededRandom,
  makeData: (random: SeededRandom) => DataSplit,
): number {
  const parameters = network.initialParameters(random)
  for (const values of Object.values(parameters)) {
    for (let i = 0; i < values.length; i++) values[i] = values[i]! + random.normal() * 0.3
  }
  const data = makeData(random)
  const gradients = network.zeros()
  network.loss(parameters, data, null, 0, data.count, gradients)
  let worst = 0
  for (const [name, values] of Object.entries(parameters)) {
    for (let i = 0; i < values.length; i++) {
      const original = values[i]!
      values[i] = original + 1e-2
      const up = values[i]!
      const lossUp = network.loss(parameters, data, null, 0, data.count)
      values[i] = original - 1e-2
      const down = values[i]!
      const lossDown = network.loss(parameters, data, null, 0, data.count)
      values[i] = original
      const numeric = (lossUp - lossDown) / (up - down)
      worst = Math.max(worst, Math.abs(numeric - gradients[name]![i]!) / Math.max(1, Math.abs(numeric)))
    }
  }
  return worst
}

describe('ConvNetwork', () => {
  it('gradients match central finite differences', () => {
    const spec: ConvSpec = { kind: 'conv', side: 5, kernel: 3, filters: 2, outputSize: 3 }
    const error = convGradientError(new ConvNetwork(spec, 8), new SeededRandom(9), (random) => ({
      count: 6,
      inputs: Float32Array.from({ length: 6 * 25 }, () => random.normal()),
      labels: new Int32Array([0, 1, 2, 1, 0, 2]),
    }))
    expect(error).toBeLessThan(1e-3)
  })

  it('mean squared error (2 outputs): the loss is Σ_c (out_c − y_c)² averaged over rows; gradients match finite differences away from kinks', () => {
    const spec: ConvSpec = { kind: 'conv', side: 5, kernel: 3, filters: 2, outputSize: 2, loss: 'mse' }
    const network = new ConvNetwork(spec, 8)
    const random = new SeededRandom(11)
    const rows = (draw: SeededRandom): DataSplit => ({
      count: 6,
      inputs: Float32Array.from({ length: 6 * 25 }, () => draw.normal()),
      targets: Float32Array.from({ length: 12 }, () => draw.normal()),
    })
    const data = rows(random)
    const targets = data.targets!
    // All-zero parameters output 0: the loss is the mean over rows of the targets' squared sum.
    expect(network.loss(network.zeros(), data, null, 0, 6)).toBeCloseTo(
      2 * mean(targets.map((y) => y * y)),
      6,
    )
    const parameters = network.zeros()
    parameters.b!.set([0.5, -1])
    const shifted = Array.from(
      { length: 6 },
      (_, r) => (targets[2 * r]! - 0.5) ** 2 + (targets[2 * r + 1]! + 1) ** 2,
    )
    expect(network.loss(parameters, data, null, 0, 6)).toBeCloseTo(mean(shifted), 6)
    expect(convGradientError(network, random, rows)).toBeLessThan(1e-3)
  })
})

/**
 * Builds a round's synthetic tasks (all but its two MNIST ones) twice and expects the same data and
 * pretrained state, then each MNIST builder twice on the same random digits (seeded `digitsSeed`).
 */
function expectBuildsDeterministic(
  round: readonly EvalTaskName[],
  digitsSeed: number,
  mnistBuilds: readonly ((sizes: typeof SMALL, digits: ReturnType<typeof randomDigits>) => EvalTask)[],
): void {
  const names = round.filter((name) => !name.startsWith('mnist-'))
  expect(names).toHaveLength(round.length - mnistBuilds.length)
  const [first, second] = [0, 1].map(() => createEvalTasks(SMALL, names))
  first!.forEach((task, k) => {
    const again = second![k]!
    for (const [a, b] of [
      [task.train, again.train],
      [task.validation, again.validation],
    ] as const) {
      expect(Array.from(b.inputs)).toEqual(Array.from(a.inputs))
      expect(Array.from(b.labels ?? [])).toEqual(Array.from(a.labels ?? []))
      expect(Array.from(b.targets ?? [])).toEqual(Array.from(a.targets ?? []))
    }
    for (const [name, values] of Object.entries(task.pretrained ?? {})) {
      expect(Array.from(again.pretrained![name]!)).toEqual(Array.from(values))
    }
  })
  const digits = randomDigits(300, digitsSeed)
  for (const build of mnistBuilds) {
    expect(Array.from(build(SMALL, digits).train.inputs)).toEqual(
      Array.from(build(SMALL, digits).train.inputs),
    )
  }
}

describe('the 258 tasks', () => {
  it('lists 258 distinct names; the synthetic ones build with the documented loss scales', () => {
    expect(EVAL_TASK_NAMES).toHaveLength(258)
    expect(new Set(EVAL_TASK_NAMES).size).toBe(258)
    expect(createTaskTrainable(largeScaleRegressionTask(SMALL), 'adam', 0).evaluateSync()).toBeGreaterThan(
      1000,
    )
    expect(createTaskTrainable(edgeRegressionTask(SMALL), 'adam', 0).evaluateSync()).toBeGreaterThan(1)
    const cnn = createTaskTrainable(cnnPatternsTask(SMALL), 'adam', 0)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(4), 1)
    expect(Object.keys(cnn.parameters).sort()).toEqual(['b', 'cw', 'cb', 'w'].sort())
    const overfit = createEvalTasks(SMALL, ['overfit-mlp'])[0]!
    expect(overfit.train.count).toBe(150)
  })

  it('the round-2 synthetic tasks build with their documented shapes and loss scales', () => {
    const [noisy, textures, hetero, separable] = createEvalTasks(SMALL, [
      'noisy-label-mlp',
      'cnn-textures',
      'heteroscedastic-regression',
      'separable-edge',
    ])
    expect(createTaskTrainable(noisy!, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(4), 0)
    const cnn = createTaskTrainable(textures!, 'adam', 0)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(5), 1)
    expect(cnn.parameters.w!.length).toBe(4 * 8 * 8 * 5)
    expect(hetero!.train.targets).toBeDefined()
    expect(createTaskTrainable(hetero!, 'adam', 0).evaluateSync()).toBeGreaterThan(1)
    expect(createTaskTrainable(separable!, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(4), 1)
  })

  it('the round-3 tasks build with their documented shapes and loss scales', () => {
    const [heavy, spirals, imbalanced, sparse] = createEvalTasks(SMALL, [
      'heavy-tail-regression',
      'noisy-spirals',
      'imbalanced-mlp',
      'sparse-text',
    ])
    expect(createTaskTrainable(heavy!, 'adam', 0).evaluateSync()).toBeGreaterThan(2)
    expect(spirals!.train.inputs.length).toBe(2 * SMALL.trainCount)
    const radius = Math.hypot(spirals!.train.inputs[0]!, spirals!.train.inputs[1]!)
    expect(radius).toBeLessThan(1.3)
    expect(createTaskTrainable(spirals!, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(2), 1)
    expect(createTaskTrainable(imbalanced!, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(5), 0)
    const majority = Array.from(imbalanced!.train.labels!).filter((label) => label === 0).length
    expect(majority / SMALL.trainCount).toBeGreaterThan(0.4)
    const row = Array.from(sparse!.train.inputs.subarray(0, 400))
    expect(row.every((value) => value === 0 || value === 1)).toBe(true)
    const active = row.filter((value) => value === 1).length
    expect(active).toBeGreaterThan(5)
    expect(active).toBeLessThanOrEqual(15)
    expect(createTaskTrainable(sparse!, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(3), 1)
  })

  it('the unscaled MNIST task multiplies the 14×14 pixels by 10; the CNN fine-tuning task keeps the conv body', () => {
    const digits = randomDigits(320, 6)
    const sizes = { ...SMALL, mnistTrainPerDigit: 6, mnistValidationPerDigit: 4 }
    const unscaled = mnistUnscaledTask(sizes, digits)
    const plain = mnist14Split(digits, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 300, 3)
    expect(unscaled.train.count).toBe(30)
    expect(unscaled.train.inputs[5]).toBeCloseTo(plain.inputs[5]! * 10, 4)
    const finetune = finetuneCnnTask(sizes, digits)
    expect(finetune.reinitialize).toEqual(['w', 'b'])
    const a = createTaskTrainable(finetune, 'adam', 0)
    expect(Array.from(a.parameters.cw!)).toEqual(Array.from(finetune.pretrained!.cw!))
    expect(Array.from(a.parameters.w!)).not.toEqual(Array.from(finetune.pretrained!.w!))
  })

  it('the round-4 synthetic tasks build with their documented shapes and loss scales', () => {
    const [shapes, scaled, xor, multi] = createEvalTasks(SMALL, [
      'cnn-shapes',
      'scaled-nonlinear-regression',
      'xor-distractors',
      'multi-output-regression',
    ])
    const cnn = createTaskTrainable(shapes!, 'adam', 0)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(4), 1)
    expect(cnn.parameters.w!.length).toBe(5 * 10 * 10 * 4)
    expect(createTaskTrainable(scaled!, 'adam', 0).evaluateSync()).toBeGreaterThan(10)
    // XOR: the label is the xor of the signs of x₀ and x₁ on (almost) every row.
    const sign = (r: number, d: number) => (xor!.train.inputs[r * 10 + d]! > 0 ? 1 : 0)
    const agree = Array.from(xor!.train.labels!).filter(
      (label, r) => label === (sign(r, 0) ^ sign(r, 1)),
    ).length
    expect(agree / SMALL.trainCount).toBeGreaterThan(0.8)
    expect(multi!.train.targets!.length).toBe(4 * SMALL.trainCount)
    const outputScale = (o: number) =>
      Math.sqrt(
        Array.from({ length: SMALL.trainCount }, (_, r) => multi!.train.targets![r * 4 + o]! ** 2).reduce(
          (sum, value) => sum + value,
          0,
        ) / SMALL.trainCount,
      )
    expect(outputScale(3) / outputScale(0)).toBeGreaterThan(10)
  })

  it('the round-5 tasks build with their documented shapes and loss scales', () => {
    const [manyClass, regroup, heavyInputs, lowSnr] = createEvalTasks(SMALL, [
      'many-class-blobs',
      'finetune-regroup',
      'heavy-tail-inputs',
      'low-snr-regression',
    ])
    // U1: 20 classes, MLP 24-64-20, CE ≈ ln 20 at init.
    expect(manyClass!.train.count).toBe(SMALL.trainCount)
    expect(manyClass!.train.inputs.length).toBe(24 * SMALL.trainCount)
    expect(Math.max(...manyClass!.train.labels!)).toBeLessThan(20)
    expect(new Set(manyClass!.train.labels!).size).toBeGreaterThan(15)
    const blobs = createTaskTrainable(manyClass!, 'adam', 0)
    expect(blobs.parameters.w2!.length).toBe(64 * 20)
    expect(blobs.evaluateSync()).toBeCloseTo(Math.log(20), 0)
    // U3: a fifth of the training rows, 4 classes, the pretrained body with a new head.
    expect(regroup!.train.count).toBe(Math.floor(SMALL.trainCount / 5))
    expect(regroup!.validation.count).toBe(SMALL.validationCount)
    expect(regroup!.reinitialize).toEqual(['w2', 'b2'])
    expect(Math.max(...regroup!.train.labels!)).toBeLessThan(4)
    const a = createTaskTrainable(regroup!, 'sgdMomentum', 0)
    const b = createTaskTrainable(regroup!, 'sgdMomentum', 1)
    expect(Array.from(a.parameters.w1!)).toEqual(Array.from(regroup!.pretrained!.w1!))
    expect(Array.from(b.parameters.w1!)).toEqual(Array.from(regroup!.pretrained!.w1!))
    expect(Array.from(a.parameters.w2!)).not.toEqual(Array.from(b.parameters.w2!))
    const { pretrained: _pretrained, ...scratch } = regroup!
    const fresh = createTaskTrainable(scratch, 'sgdMomentum', 0)
    expect(Array.from(fresh.parameters.w1!)).not.toEqual(Array.from(regroup!.pretrained!.w1!))
    const regroupLoss = a.evaluateSync()
    expect(regroupLoss).toBeGreaterThan(0.5)
    expect(regroupLoss).toBeLessThan(3)
    // U5: Student-t inputs (some far beyond the N(0, 1) range), MSE of several units at init.
    const inputs = Array.from(heavyInputs!.train.inputs, Math.abs)
    expect(Math.max(...inputs)).toBeGreaterThan(5)
    expect(heavyInputs!.train.targets!.length).toBe(SMALL.trainCount)
    expect(createTaskTrainable(heavyInputs!, 'adam', 0).evaluateSync()).toBeGreaterThan(2)
    // U6: noise variance 4 dominates: held-out MSE ≈ 4.8 at init.
    const snrLoss = createTaskTrainable(lowSnr!, 'adam', 0).evaluateSync()
    expect(snrLoss).toBeGreaterThan(3)
    expect(snrLoss).toBeLessThan(8)
  })

  it('the round-5 MNIST tasks: 13 training rows per digit from row 850 on; digits shifted by up to ±2 pixels', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      // Every pixel of row r holds r / 1000, so a 14×14 pixel tells its source row.
      for (let r = 0; r < 863; r++) raw.fill(r / 1000, r * 784, (r + 1) * 784)
      digits[d] = { raw, length: 863 }
    }
    const sizes = { ...SMALL, mnistTrainPerDigit: 200, mnistValidationPerDigit: 4 }
    const tiny = mnistTinyTask(sizes, digits)
    expect(tiny.train.count).toBe(130)
    expect(tiny.validation.count).toBe(40)
    expect(tiny.train.inputs[0]).toBeCloseTo(0.85, 6)
    expect(tiny.train.inputs[129 * 196]).toBeCloseTo(0.862, 6)
    expect(tiny.validation.inputs[0]).toBeCloseTo(0.3, 6)
    expect(mnistTinyTask({ ...SMALL, mnistTrainPerDigit: 3 }, digits).train.count).toBe(30)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 862 } }
    expect(() => mnistTinyTask(sizes, short)).toThrow('mnist digit 5 has fewer than 863 samples')
    const shifted = cnnShiftedMnistTask(
      { ...SMALL, mnistTrainPerDigit: 20, mnistValidationPerDigit: 4 },
      digits,
    )
    expect(shifted.train.count).toBe(200)
    expect(shifted.validation.count).toBe(40)
    // Row 450 + k shifted: its pixels are 0 (shifted in) or (450 + k) / 1000.
    const first = Array.from(shifted.train.inputs.subarray(0, 196))
    expect(first.every((value) => value === 0 || Math.abs(value - 0.45) < 1e-6)).toBe(true)
    const cnn = createTaskTrainable(shifted, 'adam', 0)
    expect(cnn.parameters.w!.length).toBe(4 * 12 * 12 * 10)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(10), 1)
  })

  it('shiftImages moves each image by its own offset within ±maxShift, shifting zeros in', () => {
    const side = 6
    const count = 60
    const inputs = new Float32Array(count * side * side)
    for (let r = 0; r < count; r++) {
      inputs[r * side * side + 2 * side + 3] = 1
      inputs[r * side * side] = 5
    }
    const split = shiftImages({ count, inputs, labels: new Int32Array(count) }, side, 1, new SeededRandom(3))
    const offsets = new Set<string>()
    let cornerLost = 0
    for (let r = 0; r < count; r++) {
      const image = Array.from(split.inputs.subarray(r * side * side, (r + 1) * side * side))
      const at = image.indexOf(1)
      const di = Math.floor(at / side) - 2
      const dj = (at % side) - 3
      expect(Math.abs(di)).toBeLessThanOrEqual(1)
      expect(Math.abs(dj)).toBeLessThanOrEqual(1)
      offsets.add(`${di},${dj}`)
      // The corner pixel moves by the same offset, or leaves the frame.
      const corner = image.indexOf(5)
      if (corner === -1) cornerLost++
      else expect(corner).toBe(di * side + dj)
      expect(image.filter((value) => value !== 0)).toHaveLength(corner === -1 ? 1 : 2)
    }
    expect(offsets.size).toBe(9)
    expect(cornerLost).toBeGreaterThan(0)
  })

  it('the round-5 V tasks build with their documented shapes and loss scales', () => {
    const [ordinal, correlated] = createEvalTasks(SMALL, ['ordinal-latent', 'correlated-distractors'])
    // V1: consecutive 16-lag windows of one series; the target is the next value, and the held-out
    // windows continue the training ones in time (default sizes: a short stretch of the series is
    // not representative of its variance).
    const [ar2] = createEvalTasks(undefined, ['ar2-forecast'])
    const lags = (split: DataSplit, r: number) => Array.from(split.inputs.subarray(r * 16, r * 16 + 16))
    expect(ar2!.train.inputs.length).toBe(16 * 2000)
    expect(lags(ar2!.train, 1).slice(0, 15)).toEqual(lags(ar2!.train, 0).slice(1))
    expect(ar2!.train.targets![0]).toBe(lags(ar2!.train, 1)[15])
    expect(lags(ar2!.validation, 0)[15]).toBe(ar2!.train.targets![1999])
    const ar2Loss = createTaskTrainable(ar2!, 'adam', 0).evaluateSync()
    expect(ar2Loss).toBeGreaterThan(0.5)
    expect(ar2Loss).toBeLessThan(2)
    // V2: 8 ordered classes cut at the octiles, so over all rows each class has exactly 1/8 of them.
    const ordinalLabels = [...ordinal!.train.labels!, ...ordinal!.validation.labels!]
    const rows = SMALL.trainCount + SMALL.validationCount
    expect(Array.from({ length: 8 }, (_, c) => ordinalLabels.filter((l) => l === c).length)).toEqual(
      Array(8).fill(rows / 8),
    )
    const ordinalNet = createTaskTrainable(ordinal!, 'adam', 0)
    expect(ordinalNet.parameters.w2!.length).toBe(32 * 8)
    expect(ordinalNet.evaluateSync()).toBeCloseTo(Math.log(8), 0)
    // V5: the step of 3 at x₀ = 0 shows in the mean targets just either side of it (default sizes,
    // for enough rows there).
    const [step] = createEvalTasks(undefined, ['step-bimodal-regression'])
    const near = (from: number, to: number) => {
      const values = Array.from(step!.train.targets!).filter((_, r) => {
        const x0 = step!.train.inputs[r * 6]!
        return x0 > from && x0 < to
      })
      return values.reduce((sum, value) => sum + value, 0) / values.length
    }
    expect(near(0, 0.2) - near(-0.2, 0)).toBeGreaterThan(2)
    expect(createTaskTrainable(step!, 'adam', 0).evaluateSync()).toBeGreaterThan(2)
    // V6: 4 informative dimensions and 60 unit-variance distractors from 3 shared factors, strongly
    // correlated with each other and not with the informative ones.
    expect(correlated!.train.inputs.length).toBe(64 * SMALL.trainCount)
    const column = (j: number) =>
      Array.from({ length: SMALL.trainCount }, (_, r) => correlated!.train.inputs[r * 64 + j]!)
    const correlation = (a: number[], b: number[]) => {
      const [ma, mb] = [mean(a), mean(b)]
      const dot = (u: number[], mu: number, v: number[], mv: number) =>
        u.reduce((sum, x, i) => sum + (x - mu) * (v[i]! - mv), 0)
      return dot(a, ma, b, mb) / Math.sqrt(dot(a, ma, a, ma) * dot(b, mb, b, mb))
    }
    const meanAbsCorrelation = (pairs: [number, number][]) =>
      pairs.reduce((sum, [i, j]) => sum + Math.abs(correlation(column(i), column(j))), 0) / pairs.length
    const distractorPairs: [number, number][] = []
    const mixedPairs: [number, number][] = []
    for (let i = 4; i < 64; i += 3) {
      for (let j = i + 1; j < 64; j += 5) distractorPairs.push([i, j])
      for (let k = 0; k < 4; k++) mixedPairs.push([k, i])
    }
    expect(meanAbsCorrelation(distractorPairs)).toBeGreaterThan(0.35)
    expect(meanAbsCorrelation(mixedPairs)).toBeLessThan(0.2)
    const network = createTaskTrainable(correlated!, 'adam', 0)
    expect(network.parameters.w1!.length).toBe(64 * 32)
    expect(network.evaluateSync()).toBeCloseTo(Math.log(3), 0)
  })

  it('the round-6 W tasks build with their documented shapes and loss scales', () => {
    const names = [
      'small-batch-clusters',
      'large-batch-regression',
      'bad-init-mlp',
      'uncentred-inputs',
      'wide-small-data',
      'offset-target-regression',
    ] as const
    expect(EVAL_TASK_NAMES.slice(42, 48)).toEqual([...names])
    const [smallBatch, largeBatch, badInit, uncentred, wide, offsetTarget] = createEvalTasks(undefined, [
      ...names,
    ])
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const deviation = (values: ArrayLike<number>) => {
      const m = mean(values)
      return Math.sqrt(Array.from(values).reduce((sum, x) => sum + (x - m) ** 2, 0) / values.length)
    }
    // Every W task but W5 has the usual 2000 training and 1000 held-out rows.
    for (const task of [smallBatch, largeBatch, badInit, uncentred, offsetTarget]) {
      expect([task!.train.count, task!.validation.count]).toEqual([2000, 1000])
    }
    // W1: batch 8, MLP 16-48-4 (1 012 parameters), 4 classes with 10 % of the labels resampled.
    expect(smallBatch!.batchSize).toBe(8)
    expect(smallBatch!.train.inputs.length).toBe(16 * 2000)
    expect(new Set(smallBatch!.train.labels!)).toEqual(new Set([0, 1, 2, 3]))
    const small = createTaskTrainable(smallBatch!, 'adam', 0)
    expect(parameterCount(small)).toBe(1012)
    expect(small.evaluateSync()).toBeCloseTo(Math.log(4), 0)
    // W2: batch 128 (300 steps = 19.2 epochs), MLP 12-48-1, MSE ≈ 3 at init.
    expect(largeBatch!.batchSize).toBe(128)
    expect(largeBatch!.train.targets!.length).toBe(2000)
    const large = createTaskTrainable(largeBatch!, 'sgdMomentum', 0)
    expect(parameterCount(large)).toBe(673)
    expect(large.evaluateSync()).toBeGreaterThan(2)
    expect(large.evaluateSync()).toBeLessThan(4)
    // W3: output weights N(0, 1) saturate the softmax: CE ≈ 10 at init; the same task with the
    // usual initScale of 0.1 starts near ln 6.
    expect(badInit!.network).toMatchObject({ hiddenUnits: 64, outputSize: 6, initScale: 1 })
    const bad = createTaskTrainable(badInit!, 'adam', 0)
    expect(parameterCount(bad)).toBe(1222)
    expect(bad.evaluateSync()).toBeGreaterThan(6)
    const usual = { ...badInit!, network: { ...(badInit!.network as NetworkSpec), initScale: 0.1 } }
    expect(createTaskTrainable(usual, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(6), 0)
    // W4: every feature has a mean of 10 give or take its cluster centres (at most ≈ 1.5) and its
    // own scale (2 … 0.2: the first column spreads ≈ 10× as much as the last); CE ≈ ln 3 at init.
    for (let d = 0; d < 8; d++) {
      expect(Math.abs(mean(column(uncentred!.train, 8, d)) - 10)).toBeLessThan(2)
    }
    expect(Math.abs(mean(uncentred!.train.inputs) - 10)).toBeLessThan(0.5)
    const spread = deviation(column(uncentred!.train, 8, 0)) / deviation(column(uncentred!.train, 8, 7))
    expect(spread).toBeGreaterThan(5)
    expect(spread).toBeLessThan(20)
    const offsetNet = createTaskTrainable(uncentred!, 'adam', 0)
    expect(parameterCount(offsetNet)).toBe(8 * 32 + 32 + 32 * 3 + 3)
    expect(offsetNet.evaluateSync()).toBeCloseTo(Math.log(3), 1)
    // W5: 300 training rows (fewer only when the sizes ask for fewer), 1000 held out, 3 073 parameters.
    expect([wide!.train.count, wide!.validation.count]).toEqual([300, 1000])
    expect(createEvalTasks(SMALL, ['wide-small-data'])[0]!.train.count).toBe(SMALL.trainCount)
    const wideNet = createTaskTrainable(wide!, 'adam', 0)
    expect(parameterCount(wideNet)).toBe(3073)
    expect(wideNet.evaluateSync()).toBeGreaterThan(1)
    expect(wideNet.evaluateSync()).toBeLessThan(4)
    // W6: targets ≈ 50 ± a few; MSE ≈ 2 500 at init, almost all of it the targets' mean.
    const targets = offsetTarget!.train.targets!
    expect(Math.abs(mean(targets) - 50)).toBeLessThan(0.5)
    expect(deviation(targets)).toBeGreaterThan(1)
    expect(deviation(targets)).toBeLessThan(3)
    const offsetLoss = createTaskTrainable(offsetTarget!, 'sgdMomentum', 0).evaluateSync()
    expect(offsetLoss).toBeGreaterThan(2000)
    expect(offsetLoss).toBeLessThan(3000)
  })

  it('the round-6 X tasks build with their documented shapes and loss scales', () => {
    const [sine, parity, shift] = createEvalTasks(undefined, [
      'sine-regression',
      'noisy-parity',
      'covariate-shift',
    ])
    // X1: 1-d inputs in [−2, 2), targets sin(6x) + N(0, 0.3²), MSE ≈ 0.6 at init.
    expect(sine!.train.count).toBe(2000)
    expect(sine!.validation.count).toBe(1000)
    expect(sine!.train.inputs.length).toBe(2000)
    const xs = Array.from(sine!.train.inputs)
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2)
    expect(Math.max(...xs)).toBeLessThan(2)
    const residual =
      xs.reduce((sum, x, r) => sum + (sine!.train.targets![r]! - Math.sin(6 * x)) ** 2, 0) / xs.length
    expect(residual).toBeGreaterThan(0.08)
    expect(residual).toBeLessThan(0.1)
    const sineNet = createTaskTrainable(sine!, 'adam', 0)
    expect(parameterCount(sineNet)).toBe(193)
    const sineLoss = sineNet.evaluateSync()
    expect(sineLoss).toBeGreaterThan(0.5)
    expect(sineLoss).toBeLessThan(0.8)
    // X2: the label is the parity of the signs of the first 3 of 7 inputs except where the input
    // noise flipped a sign (≈ 6.5 % of rows); the noise bits carry nothing.
    expect(parity!.train.inputs.length).toBe(7 * 2000)
    const sign = (r: number, d: number) => (parity!.train.inputs[r * 7 + d]! < 0 ? 1 : 0)
    const agreement = (bits: number[]) =>
      Array.from(parity!.train.labels!).filter(
        (label, r) => label === bits.reduce((xor, d) => xor ^ sign(r, d), 0),
      ).length / 2000
    expect(agreement([0, 1, 2])).toBeGreaterThan(0.9)
    expect(agreement([0, 1, 2])).toBeLessThan(0.97)
    expect(Math.abs(agreement([3, 4, 5]) - 0.5)).toBeLessThan(0.05)
    expect(Math.abs(agreement([0, 1]) - 0.5)).toBeLessThan(0.05)
    const parityNet = createTaskTrainable(parity!, 'adam', 0)
    expect(parameterCount(parityNet)).toBe(642)
    expect(parityNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    // X3: training inputs centred at 0, held-out inputs at 0.5 in every coordinate; all 3 classes.
    const columnMean = (split: DataSplit, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * 8 + d]!).reduce((a, b) => a + b, 0) /
      split.count
    for (let d = 0; d < 8; d++) {
      expect(Math.abs(columnMean(shift!.train, d))).toBeLessThan(0.1)
      expect(Math.abs(columnMean(shift!.validation, d) - 0.5)).toBeLessThan(0.1)
    }
    for (const split of [shift!.train, shift!.validation]) {
      for (let c = 0; c < 3; c++) {
        expect(Array.from(split.labels!).filter((label) => label === c).length / split.count).toBeGreaterThan(
          0.1,
        )
      }
    }
    const shiftNet = createTaskTrainable(shift!, 'adam', 0)
    expect(parameterCount(shiftNet)).toBe(387)
    expect(shiftNet.evaluateSync()).toBeCloseTo(Math.log(3), 0)
  })

  it('the round-7 Y tasks build with their documented shapes and loss scales', () => {
    const names = [
      'saddle-init-regression',
      'lognormal-regression',
      'unequal-spread-classes',
      'masked-inputs',
      'tiny-regression',
      'zipf-classes',
    ] as const
    expect(EVAL_TASK_NAMES.slice(54, 60)).toEqual([...names])
    const [saddle, lognormal, spread, masked, tiny, zipf] = createEvalTasks(undefined, [...names])
    const meanSquare = (values: ArrayLike<number>) => mean(Array.from(values, (x) => x * x))
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    // Every Y task but Y5 has the usual 2000 training and 1000 held-out rows; all use batch 32.
    for (const task of [saddle, lognormal, spread, masked, zipf]) {
      expect([task!.train.count, task!.validation.count]).toEqual([2000, 1000])
    }
    for (const task of [saddle, lognormal, spread, masked, tiny, zipf]) expect(task!.batchSize).toBe(32)
    // Y1: MLP 8-32(tanh)-1 with every weight N(0, 0.001²): the output is ≈ 0, so the initial MSE is
    // the targets' second moment (≈ 1.5), and the gradient is a tiny fraction of the usual init's.
    expect(saddle!.network).toMatchObject({
      hiddenUnits: 32,
      activation: 'tanh',
      initScale: 1e-3,
      hiddenInitScale: 1e-3,
    })
    const saddleNet = createTaskTrainable(saddle!, 'sgdMomentum', 0)
    expect(parameterCount(saddleNet)).toBe(321)
    const saddleLoss = saddleNet.evaluateSync()
    expect(saddleLoss / meanSquare(saddle!.validation.targets!)).toBeCloseTo(1, 4)
    expect(saddleLoss).toBeGreaterThan(1)
    expect(saddleLoss).toBeLessThan(2)
    const gradientNorm = (network: NetworkSpec) => {
      const dense = new DenseNetwork(network, 256)
      const gradients = dense.zeros()
      dense.loss(dense.initialParameters(new SeededRandom(1)), saddle!.train, null, 0, 256, gradients)
      return Math.hypot(...Object.values(gradients).flatMap((values) => Array.from(values)))
    }
    const usualInit: NetworkSpec = {
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    }
    expect(gradientNorm(saddle!.network as NetworkSpec)).toBeLessThan(0.05 * gradientNorm(usualInit))
    // Y2: positive, right-skewed targets (mean ≈ 1.4, rare rows above 10); MSE ≈ 4–5 at init.
    const skewed = lognormal!.train.targets!
    expect(Math.min(...skewed)).toBeGreaterThan(0)
    expect(Math.max(...skewed)).toBeGreaterThan(10)
    expect(mean(skewed)).toBeGreaterThan(1.2)
    expect(mean(skewed)).toBeLessThan(1.6)
    const skewMean = mean(skewed)
    const skewDeviation = Math.sqrt(meanSquare(Array.from(skewed, (y) => y - skewMean)))
    expect(mean(Array.from(skewed, (y) => ((y - skewMean) / skewDeviation) ** 3))).toBeGreaterThan(2)
    const lognormalNet = createTaskTrainable(lognormal!, 'adam', 0)
    expect(parameterCount(lognormalNet)).toBe(321)
    expect(lognormalNet.evaluateSync()).toBeGreaterThan(3)
    expect(lognormalNet.evaluateSync()).toBeLessThan(6)
    // Y3: 3 classes in 4-d whose points spread 0.3, 1 and 3 around their class means.
    const spreadOf = (label: number) => {
      const rows = Array.from({ length: spread!.train.count }, (_, r) => r).filter(
        (r) => spread!.train.labels![r] === label,
      )
      let total = 0
      for (let d = 0; d < 4; d++) {
        const values = rows.map((r) => spread!.train.inputs[r * 4 + d]!)
        const m = mean(values)
        total += meanSquare(values.map((x) => x - m))
      }
      return Math.sqrt(total / 4)
    }
    expect(spreadOf(0)).toBeCloseTo(0.3, 1)
    expect(spreadOf(1) / 1).toBeCloseTo(1, 1)
    expect(spreadOf(2) / 3).toBeCloseTo(1, 1)
    for (let c = 0; c < 3; c++) expect(classShare(spread!.train, c)).toBeGreaterThan(0.25)
    const spreadNet = createTaskTrainable(spread!, 'adam', 0)
    expect(parameterCount(spreadNet)).toBe(4 * 32 + 32 + 32 * 3 + 3)
    expect(spreadNet.evaluateSync()).toBeCloseTo(Math.log(3), 0)
    // Y4: 30 % of the input features are exactly 0 in both splits; 4 classes; CE ≈ ln 4 at init.
    for (const split of [masked!.train, masked!.validation]) {
      const zeros = Array.from(split.inputs).filter((x) => x === 0).length / split.inputs.length
      expect(zeros).toBeGreaterThan(0.28)
      expect(zeros).toBeLessThan(0.32)
      for (let c = 0; c < 4; c++) expect(classShare(split, c)).toBeGreaterThan(0.15)
    }
    expect(masked!.train.inputs.length).toBe(20 * 2000)
    const maskedNet = createTaskTrainable(masked!, 'adam', 0)
    expect(parameterCount(maskedNet)).toBe(804)
    expect(maskedNet.evaluateSync()).toBeCloseTo(Math.log(4), 0)
    // Y5: 60 training rows (fewer only when the sizes ask for fewer), 1000 held out, 97 parameters.
    expect([tiny!.train.count, tiny!.validation.count]).toEqual([60, 1000])
    expect(tiny!.train.inputs.length).toBe(4 * 60)
    expect(createEvalTasks({ ...SMALL, trainCount: 40 }, ['tiny-regression'])[0]!.train.count).toBe(40)
    const tinyNet = createTaskTrainable(tiny!, 'adam', 0)
    expect(parameterCount(tinyNet)).toBe(97)
    expect(tinyNet.evaluateSync()).toBeGreaterThan(1)
    expect(tinyNet.evaluateSync()).toBeLessThan(2.5)
    // Y6: Zipf priors ∝ k^−1.75 over 10 classes: ≈ 57.7 % for the first, ≈ 1 % for the rarest.
    const all = {
      ...zipf!.train,
      count: 3000,
      labels: Int32Array.from([...zipf!.train.labels!, ...zipf!.validation.labels!]),
    }
    expect(classShare(all, 0)).toBeGreaterThan(0.54)
    expect(classShare(all, 0)).toBeLessThan(0.61)
    expect(classShare(all, 1)).toBeGreaterThan(0.14)
    expect(classShare(all, 1)).toBeLessThan(0.2)
    expect(classShare(all, 9)).toBeGreaterThan(0.005)
    expect(classShare(all, 9)).toBeLessThan(0.02)
    expect(classShare(zipf!.validation, 9)).toBeGreaterThan(0)
    const zipfNet = createTaskTrainable(zipf!, 'adam', 0)
    expect(parameterCount(zipfNet)).toBe(12 * 32 + 32 + 32 * 10 + 10)
    expect(zipfNet.evaluateSync()).toBeCloseTo(Math.log(10), 0)
  })

  it('the round-6 MNIST tasks: a 4-unit bottleneck on rows 550+, training-only label noise on digits 6–9, transposed digits from row 250', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      // Every pixel of row r holds r / 1000, so a 14×14 pixel tells its source row.
      for (let r = 0; r < 863; r++) raw.fill(r / 1000, r * 784, (r + 1) * 784)
      digits[d] = { raw, length: 863 }
    }
    // X4: 196-4(ReLU)-10, 838 parameters, rows 550 … 749 / 750 … 849 at the default sizes.
    const bottleneck = mnistBottleneckTask(DEFAULT_TASK_SIZES, digits)
    expect(bottleneck.train.count).toBe(2000)
    expect(bottleneck.validation.count).toBe(1000)
    expect(bottleneck.train.inputs[0]).toBeCloseTo(0.55, 6)
    expect(bottleneck.train.inputs[1999 * 196]).toBeCloseTo(0.749, 6)
    expect(bottleneck.validation.inputs[0]).toBeCloseTo(0.75, 6)
    expect(bottleneck.validation.inputs[999 * 196]).toBeCloseTo(0.849, 6)
    const narrow = createTaskTrainable(bottleneck, 'adam', 0)
    expect(narrow.parameters.w1!.length).toBe(196 * 4)
    expect(Object.values(narrow.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(838)
    expect(narrow.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    // X5: digits 6–9 as classes 0–3, rows 0 … 199 / 200 … 299; 30 % of the training labels moved to
    // another class, the held-out labels clean.
    const noisy = mnistTrainLabelNoiseTask(DEFAULT_TASK_SIZES, digits)
    expect(noisy.train.count).toBe(800)
    expect(noisy.validation.count).toBe(400)
    expect(noisy.validation.inputs[0]).toBeCloseTo(0.2, 6)
    expect(Array.from(noisy.validation.labels!)).toEqual(Array.from({ length: 400 }, (_, r) => r % 4))
    const wrong = Array.from(noisy.train.labels!).filter((label, r) => label !== r % 4).length
    expect(wrong / 800).toBeGreaterThan(0.25)
    expect(wrong / 800).toBeLessThan(0.35)
    expect(Math.max(...noisy.train.labels!)).toBe(3)
    const clean = mnist14Split(digits, [6, 7, 8, 9], 0, 200)
    expect(Array.from(noisy.train.inputs)).toEqual(Array.from(clean.inputs))
    const noisyNet = createTaskTrainable(noisy, 'adam', 0)
    expect(noisyNet.parameters.w2!.length).toBe(32 * 4)
    expect(noisyNet.evaluateSync()).toBeCloseTo(Math.log(4), 0)
    // X6: conv 5×5 × 4 on transposed digits (10×10 feature maps), rows 250 … 449 / 450 … 549.
    const transposed = cnnTransposedMnistTask(DEFAULT_TASK_SIZES, digits)
    expect(transposed.train.count).toBe(2000)
    expect(transposed.validation.count).toBe(1000)
    expect(transposed.train.inputs[0]).toBeCloseTo(0.25, 6)
    expect(transposed.validation.inputs[999 * 196]).toBeCloseTo(0.549, 6)
    const cnn = createTaskTrainable(transposed, 'adam', 0)
    expect(cnn.parameters.cw!.length).toBe(4 * 5 * 5)
    expect(cnn.parameters.w!.length).toBe(4 * 10 * 10 * 10)
    expect(Object.values(cnn.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(4114)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(10), 1)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 849 } }
    expect(() => mnistBottleneckTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 850 samples',
    )
  })

  it('the round-7 Z tasks build with their documented shapes and loss scales', () => {
    const names = [
      'mnist-noisy-pixels',
      'finetune-textures-to-shapes',
      'duplicated-rows',
      'huge-features-regression',
      'stripes',
      'mnist-standardized',
    ] as const
    expect(EVAL_TASK_NAMES.slice(60, 66)).toEqual([...names])
    const [texturesToShapes, duplicated, huge, stripes] = createEvalTasks(undefined, names.slice(1, 5))
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const deviation = (values: readonly number[]) => {
      const m = values.reduce((sum, x) => sum + x, 0) / values.length
      return Math.sqrt(values.reduce((sum, x) => sum + (x - m) ** 2, 0) / values.length)
    }
    for (const task of [texturesToShapes, duplicated, huge, stripes]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // Z2: conv 3×3 × 4 on 12×12 shapes (4 classes), 1 644 parameters; the filters come from the
    // textures pretraining (the same for every seed, not a seed's initialisation), the head from the
    // seed; the shapes are drawn with another seed than S2's.
    expect(texturesToShapes!.network).toEqual({
      kind: 'conv',
      side: 12,
      kernel: 3,
      filters: 4,
      outputSize: 4,
    })
    expect(Object.keys(texturesToShapes!.pretrained!).sort()).toEqual(['cb', 'cw'])
    expect(texturesToShapes!.reinitialize).toEqual(['w', 'b'])
    const [a, b] = [0, 1].map((seed) => createTaskTrainable(texturesToShapes!, 'adam', seed))
    expect(parameterCount(a!)).toBe(1644)
    expect(Array.from(a!.parameters.cw!)).toEqual(Array.from(texturesToShapes!.pretrained!.cw!))
    expect(Array.from(b!.parameters.cw!)).toEqual(Array.from(texturesToShapes!.pretrained!.cw!))
    expect(Array.from(a!.parameters.w!)).not.toEqual(Array.from(b!.parameters.w!))
    const fresh = new ConvNetwork(texturesToShapes!.network as ConvSpec, 1).initialParameters(
      new SeededRandom(5),
    )
    expect(Array.from(texturesToShapes!.pretrained!.cw!)).not.toEqual(Array.from(fresh.cw!))
    expect(texturesToShapes!.train.inputs.length).toBe(2000 * 144)
    expect(new Set(texturesToShapes!.train.labels!)).toEqual(new Set([0, 1, 2, 3]))
    const s2 = createEvalTasks(undefined, ['cnn-shapes'])[0]!
    expect(Array.from(texturesToShapes!.train.inputs.slice(0, 144))).not.toEqual(
      Array.from(s2.train.inputs.slice(0, 144)),
    )
    expect(a!.evaluateSync()).toBeCloseTo(Math.log(4), 1)
    // Z3: 400 distinct rows, each 5 times in a row with its label; held-out rows are other rows.
    const key = (split: DataSplit, r: number) =>
      Array.from(split.inputs.subarray(r * 16, (r + 1) * 16)).join()
    const trainKeys = Array.from({ length: 2000 }, (_, r) => key(duplicated!.train, r))
    expect(new Set(trainKeys).size).toBe(400)
    for (let r = 0; r < 2000; r++) {
      expect(trainKeys[r]).toBe(trainKeys[r - (r % 5)])
      expect(duplicated!.train.labels![r]).toBe(duplicated!.train.labels![r - (r % 5)])
    }
    const heldOut = new Set(Array.from({ length: 1000 }, (_, r) => key(duplicated!.validation, r)))
    expect(heldOut.size).toBe(1000)
    expect(trainKeys.some((k) => heldOut.has(k))).toBe(false)
    expect(new Set(duplicated!.train.labels!)).toEqual(new Set([0, 1, 2, 3, 4]))
    const duplicatedNet = createTaskTrainable(duplicated!, 'adam', 0)
    expect(parameterCount(duplicatedNet)).toBe(16 * 32 + 32 + 32 * 5 + 5)
    expect(duplicatedNet.evaluateSync()).toBeCloseTo(Math.log(5), 0)
    expect(createEvalTasks(SMALL, ['duplicated-rows'])[0]!.train.count).toBe(60)
    // Z4: features 0–2 spread ≈ 1000× as much as the other 17; output weights N(0, 0.001²) keep the
    // MSE at init a few units (targets of variance ≈ 1).
    for (let d = 0; d < 20; d++) {
      const spread = deviation(column(huge!.train, 20, d))
      expect(spread).toBeGreaterThan(d < 3 ? 900 : 0.9)
      expect(spread).toBeLessThan(d < 3 ? 1100 : 1.1)
    }
    expect(deviation(Array.from(huge!.train.targets!))).toBeGreaterThan(0.8)
    expect(deviation(Array.from(huge!.train.targets!))).toBeLessThan(1.3)
    expect(huge!.network).toMatchObject({ hiddenUnits: 32, initScale: 0.001 })
    const hugeNet = createTaskTrainable(huge!, 'sgdMomentum', 0)
    expect(parameterCount(hugeNet)).toBe(705)
    expect(hugeNet.evaluateSync()).toBeGreaterThan(1)
    expect(hugeNet.evaluateSync()).toBeLessThan(6)
    // Z5: x ∈ [−1, 1)², label ⌊3x₀⌋ mod 2 on ≈ 90 % of rows; x₁ carries nothing.
    const xs0 = column(stripes!.train, 2, 0)
    expect(Math.min(...xs0)).toBeGreaterThanOrEqual(-1)
    expect(Math.max(...xs0)).toBeLessThan(1)
    const agreement = (d: number) =>
      xs0.filter(
        (_, r) => stripes!.train.labels![r] === (Math.floor(3 * stripes!.train.inputs[r * 2 + d]!) + 4) % 2,
      ).length / 2000
    expect(agreement(0)).toBeGreaterThan(0.87)
    expect(agreement(0)).toBeLessThan(0.93)
    expect(Math.abs(agreement(1) - 0.5)).toBeLessThan(0.05)
    const stripesNet = createTaskTrainable(stripes!, 'adam', 0)
    expect(parameterCount(stripesNet)).toBe(322)
    expect(stripesNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
  })

  it('the round-7 MNIST tasks: noisy 28×28 pixels from row 250; per-pixel standardisation by the training rows 650+', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      // Every pixel of row r holds r / 10 (28×28) or r / 1000 (14×14 task) except the first 2×2
      // block, which is always 0.3 (a pixel with no spread).
      for (let r = 0; r < 863; r++) raw.fill(r / 10, r * 784, (r + 1) * 784)
      digits[d] = { raw, length: 863 }
    }
    // Z1: 784 → 10 softmax regression, rows 250 … 449 / 450 … 549, N(0, 0.5²) on every pixel.
    const noisy = mnistNoisyPixelsTask(DEFAULT_TASK_SIZES, digits)
    expect([noisy.train.count, noisy.validation.count]).toEqual([2000, 1000])
    const rowMean = (split: DataSplit, r: number) =>
      split.inputs.subarray(r * 784, (r + 1) * 784).reduce((sum, x) => sum + x, 0) / 784
    for (const [split, r, source] of [
      [noisy.train, 0, 250],
      [noisy.train, 1999, 449],
      [noisy.validation, 0, 450],
      [noisy.validation, 999, 549],
    ] as const) {
      expect(Math.abs(rowMean(split, r) - source / 10)).toBeLessThan(0.08)
    }
    const clean = mnist28Split(digits, 250, 200).inputs
    const noise = Array.from(noisy.train.inputs, (x, i) => x - clean[i]!)
    expect(Math.abs(noise.reduce((sum, x) => sum + x, 0) / noise.length)).toBeLessThan(0.005)
    const noiseDeviation = Math.sqrt(noise.reduce((sum, x) => sum + x * x, 0) / noise.length)
    expect(noiseDeviation).toBeGreaterThan(0.49)
    expect(noiseDeviation).toBeLessThan(0.51)
    expect(Array.from(mnistNoisyPixelsTask(DEFAULT_TASK_SIZES, digits).train.inputs.slice(0, 50))).toEqual(
      Array.from(noisy.train.inputs.slice(0, 50)),
    )
    const softmax = createTaskTrainable(noisy, 'adam', 0)
    expect(Object.values(softmax.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(7850)
    // Z6: rows 650 … 849 train, 550 … 649 held out; each pixel (x − mean) / (std + 0.1) with the
    // training rows' mean and std; a pixel with no spread becomes 0.
    for (let d = 0; d < 10; d++) {
      const raw = digits[d]!.raw
      for (let r = 0; r < 863; r++) {
        raw.fill(r / 1000, r * 784, (r + 1) * 784)
        for (const p of [0, 1, 28, 29]) raw[r * 784 + p] = 0.3
      }
    }
    const standardized = mnistStandardizedTask(DEFAULT_TASK_SIZES, digits)
    expect([standardized.train.count, standardized.validation.count]).toEqual([2000, 1000])
    const sourceRows = Array.from({ length: 200 }, (_, k) => (650 + k) / 1000)
    const mean = sourceRows.reduce((sum, x) => sum + x, 0) / 200
    const std = Math.sqrt(sourceRows.reduce((sum, x) => sum + (x - mean) ** 2, 0) / 200)
    const expected = (source: number) => (source / 1000 - mean) / (std + 0.1)
    expect(standardized.train.inputs[1]).toBeCloseTo(expected(650), 4)
    expect(standardized.train.inputs[1999 * 196 + 100]).toBeCloseTo(expected(849), 4)
    expect(standardized.validation.inputs[1]).toBeCloseTo(expected(550), 4)
    expect(standardized.validation.inputs[999 * 196 + 195]).toBeCloseTo(expected(649), 4)
    expect(standardized.train.inputs[0]).toBeCloseTo(0, 5)
    expect(standardized.validation.inputs[0]).toBeCloseTo(0, 5)
    for (const p of [1, 100, 195]) {
      const values = Array.from({ length: 2000 }, (_, r) => standardized.train.inputs[r * 196 + p]!)
      expect(values.reduce((sum, x) => sum + x, 0) / 2000).toBeCloseTo(0, 5)
    }
    const mlp = createTaskTrainable(standardized, 'adam', 0)
    expect(mlp.parameters.w1!.length).toBe(196 * 32)
    expect(mlp.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 849 } }
    expect(() => mnistStandardizedTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 850 samples',
    )
  })

  it('the round-8 P tasks build with their documented shapes and loss scales', () => {
    const names = [
      'checkerboard',
      'tiny-target-regression',
      'mnist-inverted',
      'periodic-features-regression',
      'label-shift',
      'teacher-student',
    ] as const
    expect(EVAL_TASK_NAMES.slice(66, 72)).toEqual([...names])
    const synthetic = [names[0], names[1], names[3], names[4], names[5]] as const
    const [checkerboard, tiny, periodic, shift, teacher] = createEvalTasks(undefined, synthetic)
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const deviation = (values: readonly number[]) => {
      const m = values.reduce((sum, x) => sum + x, 0) / values.length
      return Math.sqrt(values.reduce((sum, x) => sum + (x - m) ** 2, 0) / values.length)
    }
    const counts = (labels: Int32Array, classes: number) =>
      Array.from({ length: classes }, (_, c) => labels.filter((label) => label === c).length)
    for (const task of [checkerboard, tiny, periodic, shift, teacher]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // P1: x ∈ [−2, 2)², label (⌊2x₀⌋ + ⌊2x₁⌋) mod 2 on ≈ 95 % of rows; either coordinate alone
    // (Z5's stripe rule ⌊2x_d⌋ mod 2) agrees with the label on only half of them.
    const board = checkerboard!.train
    for (const d of [0, 1]) {
      const xs = column(board, 2, d)
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(-2)
      expect(Math.max(...xs)).toBeLessThan(2)
    }
    const agreement = (rule: (x0: number, x1: number) => number) =>
      Array.from(board.labels!).filter(
        (label, r) => label === rule(board.inputs[r * 2]!, board.inputs[r * 2 + 1]!),
      ).length / board.count
    const cell = (x0: number, x1: number) => (Math.floor(2 * x0) + Math.floor(2 * x1) + 8) % 2
    expect(agreement(cell)).toBeGreaterThan(0.93)
    expect(agreement(cell)).toBeLessThan(0.97)
    expect(Math.abs(agreement((x0) => (Math.floor(2 * x0) + 4) % 2) - 0.5)).toBeLessThan(0.05)
    expect(Math.abs(agreement((_, x1) => (Math.floor(2 * x1) + 4) % 2) - 0.5)).toBeLessThan(0.05)
    expect(checkerboard!.network).toMatchObject({ hiddenUnits: 256, activation: 'relu', initScale: 0.02 })
    for (const seed of [0, 1, 2]) {
      const net = createTaskTrainable(checkerboard!, 'adam', seed)
      expect(parameterCount(net)).toBe(1282)
      expect(net.evaluateSync()).toBeGreaterThan(0.65)
      expect(net.evaluateSync()).toBeLessThan(0.85)
    }
    // P2: targets of standard deviation ≈ 1.3e-3 and an MSE of order 1e-6 at init.
    const targetSpread = deviation(Array.from(tiny!.train.targets!))
    expect(targetSpread).toBeGreaterThan(1.1e-3)
    expect(targetSpread).toBeLessThan(1.5e-3)
    expect(tiny!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'tanh',
      initScale: 1e-4,
    })
    for (const seed of [0, 1, 2]) {
      const net = createTaskTrainable(tiny!, 'sgdMomentum', seed)
      expect(parameterCount(net)).toBe(321)
      expect(net.evaluateSync()).toBeGreaterThan(1e-6)
      expect(net.evaluateSync()).toBeLessThan(3e-6)
    }
    // P4: features 0 and 1 are (sin θ, cos θ); the target is sin 2θ + 0.5·cos 3θ plus noise σ 0.2;
    // features 2–7 are unit-variance noise.
    const residuals = Array.from({ length: periodic!.train.count }, (_, r) => {
      const [s, c] = [periodic!.train.inputs[r * 8]!, periodic!.train.inputs[r * 8 + 1]!]
      expect(s * s + c * c).toBeCloseTo(1, 5)
      const angle = Math.atan2(s, c)
      return periodic!.train.targets![r]! - Math.sin(2 * angle) - 0.5 * Math.cos(3 * angle)
    })
    expect(deviation(residuals)).toBeGreaterThan(0.18)
    expect(deviation(residuals)).toBeLessThan(0.22)
    for (let d = 2; d < 8; d++) {
      expect(Math.abs(deviation(column(periodic!.train, 8, d)) - 1)).toBeLessThan(0.08)
    }
    const periodicNet = createTaskTrainable(periodic!, 'adam', 0)
    expect(parameterCount(periodicNet)).toBe(321)
    expect(periodicNet.evaluateSync()).toBeGreaterThan(0.6)
    expect(periodicNet.evaluateSync()).toBeLessThan(0.9)
    // P5: balanced training rows, held-out rows 55 / 25 / 15 / 5 %, no row in both.
    expect(counts(shift!.train.labels!, 4)).toEqual([500, 500, 500, 500])
    expect(counts(shift!.validation.labels!, 4)).toEqual([550, 250, 150, 50])
    const rowKey = (split: DataSplit, r: number) =>
      Array.from(split.inputs.subarray(r * 8, (r + 1) * 8)).join()
    const trainKeys = new Set(Array.from({ length: 2000 }, (_, r) => rowKey(shift!.train, r)))
    expect(trainKeys.size).toBe(2000)
    expect(
      Array.from({ length: 1000 }, (_, r) => rowKey(shift!.validation, r)).some((k) => trainKeys.has(k)),
    ).toBe(false)
    const small = createEvalTasks(SMALL, ['label-shift'])[0]!
    expect(counts(small.train.labels!, 4)).toEqual([16, 16, 16, 16])
    expect(counts(small.validation.labels!, 4)).toEqual([17, 8, 4, 3])
    const shiftNet = createTaskTrainable(shift!, 'adam', 0)
    expect(parameterCount(shiftNet)).toBe(8 * 32 + 32 + 32 * 4 + 4)
    expect(shiftNet.evaluateSync()).toBeGreaterThan(1.3)
    expect(shiftNet.evaluateSync()).toBeLessThan(1.7)
    // P6: a 10-16(ReLU)-3 student; the teacher's centred argmax leaves no class below 20 % or above
    // 45 % of the rows; the data are fixed by the seed.
    expect(teacher!.network).toMatchObject({
      inputSize: 10,
      hiddenUnits: 16,
      activation: 'relu',
      outputSize: 3,
    })
    for (const n of counts(teacher!.train.labels!, 3)) {
      expect(n).toBeGreaterThan(400)
      expect(n).toBeLessThan(900)
    }
    expect(Array.from(createEvalTasks(undefined, ['teacher-student'])[0]!.train.labels!)).toEqual(
      Array.from(teacher!.train.labels!),
    )
    const studentNet = createTaskTrainable(teacher!, 'adam', 0)
    expect(parameterCount(studentNet)).toBe(227)
    expect(studentNet.evaluateSync()).toBeCloseTo(Math.log(3), 1)
  })

  it('the round-8 MNIST task inverts the 14×14 pixels of rows 150–349 (training) and 350–449 (held out)', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      for (let r = 0; r < 863; r++) raw.fill(r / 1000, r * 784, (r + 1) * 784)
      digits[d] = { raw, length: 863 }
    }
    const inverted = mnistInvertedTask(DEFAULT_TASK_SIZES, digits)
    expect([inverted.train.count, inverted.validation.count, inverted.batchSize]).toEqual([2000, 1000, 32])
    expect(inverted.train.inputs[0]).toBeCloseTo(1 - 0.15, 6)
    expect(inverted.train.inputs[1999 * 196 + 195]).toBeCloseTo(1 - 0.349, 6)
    expect(inverted.validation.inputs[0]).toBeCloseTo(1 - 0.35, 6)
    expect(inverted.validation.inputs[999 * 196 + 195]).toBeCloseTo(1 - 0.449, 6)
    const plain = mnist14Split(digits, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 150, 200)
    expect(Array.from(inverted.train.inputs.slice(0, 400))).toEqual(
      Array.from(plain.inputs.slice(0, 400), (x) => Math.fround(1 - x)),
    )
    expect(Array.from(inverted.train.labels!)).toEqual(Array.from(plain.labels!))
    const softmax = createTaskTrainable(inverted, 'adam', 0)
    expect(Object.keys(softmax.parameters).sort()).toEqual(['b', 'w'])
    expect(Object.values(softmax.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(1970)
    expect(softmax.evaluateSync()).toBeCloseTo(Math.log(10), 1)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 449 } }
    expect(() => mnistInvertedTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 450 samples',
    )
  })

  it('the round-8 Q tasks build with their documented shapes and loss scales', () => {
    const names = [
      'mixed-tabular',
      'mnist-occluded',
      'heldout-outliers-regression',
      'two-moons',
      'many-class-few-rows',
      'sparse-signal-regression',
    ] as const
    expect(EVAL_TASK_NAMES.slice(72, 78)).toEqual([...names])
    const [tabular, outliers, moons, fewRows, sparse] = createEvalTasks(undefined, [
      names[0],
      names[2],
      names[3],
      names[4],
      names[5],
    ])
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    for (const task of [tabular, outliers, moons]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // Q1: 4 one-hot blocks of 3, 4, 5 and 6 columns (one 1 per block, every level used), then 6
    // continuous N(0, 1) columns; 3 classes; MLP 24-32(ReLU)-3, CE ≈ ln 3 at init.
    expect(tabular!.train.inputs.length).toBe(24 * 2000)
    const blocks = [
      [0, 3],
      [3, 7],
      [7, 12],
      [12, 18],
    ] as const
    for (const split of [tabular!.train, tabular!.validation]) {
      for (let r = 0; r < split.count; r++) {
        for (const [from, to] of blocks) {
          const values = Array.from(split.inputs.subarray(r * 24 + from, r * 24 + to))
          expect(values.filter((x) => x === 1)).toHaveLength(1)
          expect(values.filter((x) => x === 0)).toHaveLength(to - from - 1)
        }
      }
    }
    for (const [from, to] of blocks) {
      for (let d = from; d < to; d++) {
        const share = mean(column(tabular!.train, 24, d))
        expect(share).toBeGreaterThan(0.7 / (to - from))
        expect(share).toBeLessThan(1.3 / (to - from))
      }
    }
    for (let d = 18; d < 24; d++) {
      const values = column(tabular!.train, 24, d)
      expect(Math.abs(mean(values))).toBeLessThan(0.08)
      expect(Math.sqrt(mean(values.map((x) => x * x)))).toBeCloseTo(1, 1)
    }
    for (let c = 0; c < 3; c++) expect(classShare(tabular!.train, c)).toBeGreaterThan(0.15)
    const tabularNet = createTaskTrainable(tabular!, 'adam', 0)
    expect(parameterCount(tabularNet)).toBe(24 * 32 + 32 + 32 * 3 + 3)
    expect(tabularNet.evaluateSync()).toBeCloseTo(Math.log(3), 1)
    // Q3: clean training targets, exactly 5 % of the held-out targets off by ±5 (10 σ): the least
    // squares fit on the training rows leaves residuals beyond ±2.5 on exactly 50 held-out rows.
    const solve = (split: DataSplit) => {
      const size = 13
      const normal = Array.from({ length: size }, () => new Float64Array(size + 1))
      for (let r = 0; r < split.count; r++) {
        const x = [...split.inputs.subarray(r * 12, (r + 1) * 12), 1]
        for (let i = 0; i < size; i++) {
          for (let j = 0; j < size; j++) normal[i]![j]! += x[i]! * x[j]!
          normal[i]![size]! += x[i]! * split.targets![r]!
        }
      }
      for (let i = 0; i < size; i++) {
        for (let k = i + 1; k < size; k++) {
          const factor = normal[k]![i]! / normal[i]![i]!
          for (let j = i; j <= size; j++) normal[k]![j]! -= factor * normal[i]![j]!
        }
      }
      const w = new Float64Array(size)
      for (let i = size - 1; i >= 0; i--) {
        let sum = normal[i]![size]!
        for (let j = i + 1; j < size; j++) sum -= normal[i]![j]! * w[j]!
        w[i] = sum / normal[i]![i]!
      }
      return w
    }
    const w = solve(outliers!.train)
    const residuals = (split: DataSplit) =>
      Array.from({ length: split.count }, (_, r) => {
        let prediction = w[12]!
        for (let d = 0; d < 12; d++) prediction += w[d]! * split.inputs[r * 12 + d]!
        return split.targets![r]! - prediction
      })
    const trainResiduals = residuals(outliers!.train)
    expect(Math.max(...trainResiduals.map(Math.abs))).toBeLessThan(2.5)
    expect(Math.sqrt(mean(trainResiduals.map((x) => x * x)))).toBeCloseTo(0.5, 1)
    const heldOutResiduals = residuals(outliers!.validation)
    const gross = heldOutResiduals.filter((x) => Math.abs(x) > 2.5)
    expect(gross).toHaveLength(50)
    for (const x of gross) expect(Math.abs(Math.abs(x) - 5)).toBeLessThan(2.5)
    expect(gross.filter((x) => x > 0).length).toBeGreaterThan(15)
    expect(gross.filter((x) => x < 0).length).toBeGreaterThan(15)
    expect(outliers!.network).toMatchObject({ inputSize: 12, hiddenUnits: 0, outputSize: 1, loss: 'mse' })
    const outliersNet = createTaskTrainable(outliers!, 'adam', 0)
    expect(parameterCount(outliersNet)).toBe(13)
    expect(outliersNet.evaluateSync()).toBeGreaterThan(3.5)
    expect(outliersNet.evaluateSync()).toBeLessThan(6)
    // Q4: 2-d inputs centred near 0, two equally frequent moons; moon 0 lies above moon 1 on
    // average; MLP 2-32(tanh)-2, CE ≈ ln 2 at init.
    expect(moons!.train.inputs.length).toBe(2 * 2000)
    expect(Math.abs(mean(column(moons!.train, 2, 0)))).toBeLessThan(0.05)
    expect(Math.abs(mean(column(moons!.train, 2, 1)))).toBeLessThan(0.05)
    expect(classShare(moons!.train, 0)).toBeGreaterThan(0.45)
    expect(classShare(moons!.train, 0)).toBeLessThan(0.55)
    const moonMean = (label: number, d: number) =>
      mean(column(moons!.train, 2, d).filter((_, r) => moons!.train.labels![r] === label))
    expect(moonMean(0, 0)).toBeCloseTo(-0.5, 1)
    expect(moonMean(1, 0)).toBeCloseTo(0.5, 1)
    expect(moonMean(0, 1) - moonMean(1, 1)).toBeCloseTo(4 / Math.PI - 0.8, 1)
    expect(moons!.network).toMatchObject({ inputSize: 2, hiddenUnits: 32, activation: 'tanh' })
    const moonsNet = createTaskTrainable(moons!, 'adam', 0)
    expect(parameterCount(moonsNet)).toBe(162)
    expect(moonsNet.evaluateSync()).toBeGreaterThan(0.6)
    expect(moonsNet.evaluateSync()).toBeLessThan(0.9)
    // Q5: 25 rows per class in both splits, classes interleaved, no row in both; softmax regression
    // 20 → 40, CE ≈ ln 40 at init; a fortieth of smaller sizes (at least one row per class).
    expect([fewRows!.train.count, fewRows!.validation.count, fewRows!.batchSize]).toEqual([1000, 1000, 32])
    for (const split of [fewRows!.train, fewRows!.validation]) {
      expect(Array.from(split.labels!)).toEqual(Array.from({ length: 1000 }, (_, r) => r % 40))
      expect(split.inputs.length).toBe(20 * 1000)
    }
    const rowKey = (split: DataSplit, r: number) => split.inputs.subarray(r * 20, (r + 1) * 20).join()
    const trainRows = new Set(Array.from({ length: 1000 }, (_, r) => rowKey(fewRows!.train, r)))
    expect(trainRows.size).toBe(1000)
    expect(
      Array.from({ length: 1000 }, (_, r) => rowKey(fewRows!.validation, r)).some((k) => trainRows.has(k)),
    ).toBe(false)
    const fewRowsNet = createTaskTrainable(fewRows!, 'adam', 0)
    expect(parameterCount(fewRowsNet)).toBe(840)
    expect(fewRowsNet.evaluateSync()).toBeCloseTo(Math.log(40), 1)
    const small = createEvalTasks(SMALL, ['many-class-few-rows'])[0]!
    expect([small.train.count, small.validation.count]).toEqual([40, 40])
    // Q6: 400 training rows of 200 features; only features 0–4 move the target (by 2, −1.5, 1, −1,
    // 0.5); linear model 200 → 1, MSE ≈ 9.5 at init; fewer training rows only when asked.
    expect([sparse!.train.count, sparse!.validation.count, sparse!.batchSize]).toEqual([400, 1000, 32])
    expect(sparse!.train.inputs.length).toBe(200 * 400)
    const all: DataSplit = {
      count: 1400,
      inputs: Float32Array.from([...sparse!.train.inputs, ...sparse!.validation.inputs]),
      targets: Float32Array.from([...sparse!.train.targets!, ...sparse!.validation.targets!]),
    }
    const targets = Array.from(all.targets!)
    const slopes = Array.from({ length: 200 }, (_, d) => {
      const x = column(all, 200, d)
      return mean(x.map((value, r) => value * targets[r]!)) / mean(x.map((value) => value * value))
    })
    for (const [d, weight] of [2, -1.5, 1, -1, 0.5].entries()) {
      expect(Math.abs(slopes[d]! - weight)).toBeLessThan(0.3)
    }
    expect(Math.max(...slopes.slice(5).map(Math.abs))).toBeLessThan(0.3)
    expect(mean(targets.map((y) => y * y))).toBeGreaterThan(8)
    expect(mean(targets.map((y) => y * y))).toBeLessThan(11)
    const sparseNet = createTaskTrainable(sparse!, 'sgdMomentum', 0)
    expect(parameterCount(sparseNet)).toBe(201)
    expect(sparseNet.evaluateSync()).toBeGreaterThan(7.5)
    expect(sparseNet.evaluateSync()).toBeLessThan(11.5)
    expect(createEvalTasks(SMALL, ['sparse-signal-regression'])[0]!.train.count).toBe(64)
  })

  it('the round-9 K tasks build with their documented shapes and loss scales', () => {
    const names = [
      'concentric-rings',
      'product-regression',
      'mnist-binarized',
      'cnn-count-bars',
      'finetune-drift-regression',
      'ellipsoid-boundary',
    ] as const
    expect(EVAL_TASK_NAMES.slice(78, 84)).toEqual([...names])
    const [rings, product, binarized, bars, drift, ellipsoid] = createEvalTasks(undefined, names)
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    for (const task of [rings, product, binarized, bars, ellipsoid]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // K1: 2-d N(0, I) inputs, 3 equally likely radius bands cut at 0.90 and 1.48 (radius noise σ
    // 0.1: rows 0.4 away from both circles are never mislabelled); MLP 2-32(ReLU)-3, CE ≈ ln 3.
    expect(rings!.train.inputs.length).toBe(2 * 2000)
    for (let c = 0; c < 3; c++) {
      expect(classShare(rings!.train, c)).toBeGreaterThan(0.3)
      expect(classShare(rings!.train, c)).toBeLessThan(0.37)
    }
    let clear = 0
    for (const split of [rings!.train, rings!.validation]) {
      for (let r = 0; r < split.count; r++) {
        const radius = Math.hypot(split.inputs[r * 2]!, split.inputs[r * 2 + 1]!)
        if (Math.abs(radius - 0.9005) < 0.4 || Math.abs(radius - 1.4823) < 0.4) continue
        clear++
        expect(split.labels![r]).toBe(radius < 0.9005 ? 0 : radius < 1.4823 ? 1 : 2)
      }
    }
    expect(clear).toBeGreaterThan(500)
    const mislabelled = Array.from(rings!.train.labels!).filter((label, r) => {
      const radius = Math.hypot(rings!.train.inputs[r * 2]!, rings!.train.inputs[r * 2 + 1]!)
      return label !== (radius < 0.9005 ? 0 : radius < 1.4823 ? 1 : 2)
    }).length
    expect(mislabelled).toBeGreaterThan(40)
    expect(mislabelled).toBeLessThan(200)
    expect(rings!.network).toMatchObject({ inputSize: 2, hiddenUnits: 32, activation: 'relu', outputSize: 3 })
    const ringsNet = createTaskTrainable(rings!, 'adam', 0)
    expect(parameterCount(ringsNet)).toBe(195)
    expect(ringsNet.evaluateSync()).toBeCloseTo(Math.log(3), 1)
    // K2: y − x₀x₁ − x₂x₃ is N(0, 0.3²) noise; no input is correlated with y; MLP 8-32(ReLU)-1,
    // MSE ≈ 2.4 at init.
    expect(product!.train.inputs.length).toBe(8 * 2000)
    const x = (r: number, d: number) => product!.train.inputs[r * 8 + d]!
    const targets = Array.from(product!.train.targets!)
    const residuals = targets.map((y, r) => y - x(r, 0) * x(r, 1) - x(r, 2) * x(r, 3))
    expect(Math.abs(mean(residuals))).toBeLessThan(0.03)
    expect(Math.sqrt(mean(residuals.map((e) => e * e)))).toBeCloseTo(0.3, 1)
    for (let d = 0; d < 8; d++) {
      expect(Math.abs(mean(targets.map((y, r) => y * x(r, d))))).toBeLessThan(0.12)
      expect(Math.sqrt(mean(column(product!.train, 8, d).map((v) => v * v)))).toBeCloseTo(1, 1)
    }
    expect(mean(targets.map((y) => y * y))).toBeGreaterThan(1.8)
    expect(mean(targets.map((y) => y * y))).toBeLessThan(2.4)
    const productNet = createTaskTrainable(product!, 'adam', 0)
    expect(parameterCount(productNet)).toBe(321)
    expect(productNet.evaluateSync()).toBeGreaterThan(1.8)
    expect(productNet.evaluateSync()).toBeLessThan(3)
    // K3: every pixel 0 or 1, 200 / 100 rows per digit interleaved; MLP 196-32(tanh)-10, CE ≈ ln 10.
    for (const split of [binarized!.train, binarized!.validation]) {
      expect(split.inputs.length).toBe(196 * split.count)
      expect(split.inputs.every((v) => v === 0 || v === 1)).toBe(true)
      expect(Array.from(split.labels!.slice(0, 20))).toEqual([...ALL_TEN, ...ALL_TEN])
    }
    const ones = mean(Array.from(binarized!.train.inputs))
    expect(ones).toBeGreaterThan(0.08)
    expect(ones).toBeLessThan(0.25)
    expect(binarized!.network).toMatchObject({ inputSize: 196, hiddenUnits: 32, activation: 'tanh' })
    const binarizedNet = createTaskTrainable(binarized!, 'adam', 0)
    expect(parameterCount(binarizedNet)).toBe(6634)
    expect(binarizedNet.evaluateSync()).toBeCloseTo(Math.log(10), 1)
    // K4: 10×10 images, 3 equally likely counts; the mean pixel sum grows by ≈ 3 (one bar of mean
    // contrast 1) per bar; CNN conv3×3×4-dense, 811 parameters, CE ≈ ln 3 at init.
    expect(bars!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 4, outputSize: 3 })
    expect(bars!.train.inputs.length).toBe(100 * 2000)
    for (let c = 0; c < 3; c++) {
      expect(classShare(bars!.train, c)).toBeGreaterThan(0.3)
      expect(classShare(bars!.train, c)).toBeLessThan(0.37)
      const sums = Array.from({ length: 2000 }, (_, r) => r)
        .filter((r) => bars!.train.labels![r] === c)
        .map((r) => bars!.train.inputs.subarray(r * 100, (r + 1) * 100).reduce((sum, v) => sum + v, 0))
      expect(Math.abs(mean(sums) - 3 * (c + 1))).toBeLessThan(0.5)
    }
    const barsNet = createTaskTrainable(bars!, 'adam', 0)
    expect(parameterCount(barsNet)).toBe(811)
    expect(barsNet.evaluateSync()).toBeCloseTo(Math.log(3), 1)
    // K5: 400 fine-tuning rows, the whole pretrained network kept (no new head, any seed); it
    // already fits the drifted target well (MSE ≈ 0.2) where a fresh network does not (> 1).
    expect([drift!.train.count, drift!.validation.count, drift!.batchSize]).toEqual([400, 1000, 32])
    expect(drift!.reinitialize).toBeUndefined()
    expect(Object.keys(drift!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    for (const seed of [0, 1]) {
      const net = createTaskTrainable(drift!, 'sgdMomentum', seed)
      for (const [name, values] of Object.entries(drift!.pretrained!)) {
        expect(Array.from(net.parameters[name]!)).toEqual(Array.from(values))
      }
    }
    const driftNet = createTaskTrainable(drift!, 'adam', 0)
    expect(parameterCount(driftNet)).toBe(321)
    expect(driftNet.evaluateSync()).toBeGreaterThan(0.1)
    expect(driftNet.evaluateSync()).toBeLessThan(0.35)
    const { pretrained: _pretrained, ...fresh } = drift!
    expect(createTaskTrainable(fresh, 'adam', 0).evaluateSync()).toBeGreaterThan(1)
    expect(createEvalTasks(SMALL, ['finetune-drift-regression'])[0]!.train.count).toBe(12)
    // K6: half the rows inside the ellipsoid with semi-axis scales 0.25 … 4; ≈ 3 % of labels
    // flipped; MLP 10-32(tanh)-2, CE ≈ ln 2 at init.
    expect(ellipsoid!.train.inputs.length).toBe(10 * 2000)
    expect(classShare(ellipsoid!.train, 1)).toBeGreaterThan(0.46)
    expect(classShare(ellipsoid!.train, 1)).toBeLessThan(0.54)
    const quadratic = (split: DataSplit) =>
      Array.from({ length: split.count }, (_, r) =>
        Array.from(split.inputs.subarray(r * 10, (r + 1) * 10)).reduce(
          (sum, v, d) => sum + (v / (0.25 * 16 ** (d / 9))) ** 2,
          0,
        ),
      )
    const all = [...quadratic(ellipsoid!.train), ...quadratic(ellipsoid!.validation)]
    const median = all.slice().sort((a, b) => a - b)[1500]!
    const labels = [...ellipsoid!.train.labels!, ...ellipsoid!.validation.labels!]
    const flipped = labels.filter((label, r) => label !== (all[r]! <= median ? 1 : 0)).length
    expect(flipped).toBeGreaterThan(60)
    expect(flipped).toBeLessThan(125)
    const ellipsoidNet = createTaskTrainable(ellipsoid!, 'adam', 0)
    expect(parameterCount(ellipsoidNet)).toBe(418)
    expect(ellipsoidNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
  })

  it('the round-9 K MNIST task binarises the 14×14 pixels of the last 300 rows of each digit', () => {
    const lengths = [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978]
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    lengths.forEach((length, d) => {
      const raw = new Float32Array(length * 784)
      // Every pixel of row r holds r / 2000, so a 14×14 pixel tells its source row.
      for (let r = 0; r < length; r++) raw.fill(r / 2000, r * 784, (r + 1) * 784)
      digits[d] = { raw, length }
    })
    const tail = mnist14TailSplit(digits, 100, 200)
    expect([tail.count, tail.inputs.length]).toEqual([2000, 2000 * 196])
    for (const r of [0, 9, 10, 1234, 1999]) {
      const digit = r % 10
      expect(tail.labels![r]).toBe(digit)
      const source = lengths[digit]! - 300 + Math.floor(r / 10)
      for (const p of [0, 97, 195]) expect(tail.inputs[r * 196 + p]).toBeCloseTo(source / 2000, 6)
    }
    const task = mnistBinarizedTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    const check = (split: DataSplit, first: number) => {
      for (let r = 0; r < split.count; r++) {
        const digit = r % 10
        const source = lengths[digit]! - first + Math.floor(r / 10)
        expect(split.labels![r]).toBe(digit)
        expect(split.inputs[r * 196 + 50]).toBe(source / 2000 > 0.5 ? 1 : 0)
      }
    }
    check(task.train, 300)
    check(task.validation, 100)
    // Digit 1's held-out rows are 1027–1126 (all above 1000: every pixel 1); digit 5's 763–862 (0).
    expect(task.validation.inputs.subarray(1 * 196, 2 * 196).every((v) => v === 1)).toBe(true)
    expect(task.validation.inputs.subarray(5 * 196, 6 * 196).every((v) => v === 0)).toBe(true)
    const short = { ...digits, 4: { raw: digits[4]!.raw, length: 299 } }
    expect(() => mnistBinarizedTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 4 has fewer than 300 samples',
    )
  })

  it('the round-8 MNIST task: a random 5×5 square of every image set to 0, rows 200+ for training and 750+ held out', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      // Every pixel of row r holds r / 1000, so a 14×14 pixel tells its source row.
      for (let r = 0; r < 863; r++) raw.fill(r / 1000, r * 784, (r + 1) * 784)
      digits[d] = { raw, length: 863 }
    }
    const occluded = mnistOccludedTask(DEFAULT_TASK_SIZES, digits)
    expect([occluded.train.count, occluded.validation.count, occluded.batchSize]).toEqual([2000, 1000, 32])
    const positions = new Set<string>()
    const check = (split: DataSplit, r: number, source: number) => {
      const image = Array.from(split.inputs.subarray(r * 196, (r + 1) * 196))
      const zeros = image.flatMap((x, p) => (x === 0 ? [p] : []))
      expect(zeros).toHaveLength(25)
      const top = Math.floor(zeros[0]! / 14)
      const left = zeros[0]! % 14
      expect(top).toBeLessThanOrEqual(9)
      expect(left).toBeLessThanOrEqual(9)
      expect(zeros).toEqual(
        Array.from({ length: 25 }, (_, k) => (top + Math.floor(k / 5)) * 14 + left + (k % 5)),
      )
      for (const x of image) if (x !== 0) expect(x).toBeCloseTo(source / 1000, 6)
      positions.add(`${top},${left}`)
    }
    for (let r = 0; r < 2000; r += 37) check(occluded.train, r, 200 + Math.floor(r / 10))
    check(occluded.train, 1999, 399)
    for (let r = 0; r < 1000; r += 23) check(occluded.validation, r, 750 + Math.floor(r / 10))
    check(occluded.validation, 999, 849)
    expect(positions.size).toBeGreaterThan(30)
    expect(Array.from(occluded.train.labels!.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(Array.from(mnistOccludedTask(DEFAULT_TASK_SIZES, digits).validation.inputs)).toEqual(
      Array.from(occluded.validation.inputs),
    )
    const mlp = createTaskTrainable(occluded, 'adam', 0)
    expect(Object.values(mlp.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(6634)
    expect(mlp.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 849 } }
    expect(() => mnistOccludedTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 850 samples',
    )
  })

  it('the round-9 L tasks build with their documented shapes and loss scales', () => {
    const names = [
      'count-regression',
      'hierarchical-clusters',
      'mnist-brightness-contrast',
      'mixed-scale-regression',
      'finetune-rotated-clusters',
      'random-walk-direction',
    ] as const
    expect(EVAL_TASK_NAMES.slice(84, 90)).toEqual([...names])
    const [count, hierarchical, mixed, rotated, walk] = createEvalTasks(undefined, [
      names[0],
      names[1],
      names[3],
      names[4],
      names[5],
    ])
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    for (const task of [count, hierarchical, mixed, walk]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // L1: 10 inputs in [0, 1); the target minus the count of inputs above 0.5 is noise of σ 0.25;
    // MLP 10-32(ReLU)-1, MSE ≈ E[y²] ≈ 27.5 at init.
    expect(count!.train.inputs.length).toBe(10 * 2000)
    for (const split of [count!.train, count!.validation]) {
      expect(Math.min(...split.inputs)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...split.inputs)).toBeLessThan(1)
      const residuals = Array.from({ length: split.count }, (_, r) => {
        const above = split.inputs.subarray(r * 10, (r + 1) * 10).filter((x) => x > 0.5).length
        return split.targets![r]! - above
      })
      expect(Math.abs(mean(residuals))).toBeLessThan(0.03)
      expect(Math.sqrt(mean(residuals.map((x) => x * x)))).toBeCloseTo(0.25, 1)
      expect(Math.max(...residuals.map(Math.abs))).toBeLessThan(1.5)
    }
    expect(mean(Array.from(count!.train.targets!))).toBeCloseTo(5, 1)
    expect(count!.network).toMatchObject({ inputSize: 10, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    const countNet = createTaskTrainable(count!, 'adam', 0)
    expect(parameterCount(countNet)).toBe(385)
    expect(countNet.evaluateSync()).toBeGreaterThan(22)
    expect(countNet.evaluateSync()).toBeLessThan(34)
    // L2: 16 classes in 10-d; the 4 classes of a group (labels 4g … 4g + 3) lie together, far from
    // the other groups; MLP 10-32(ReLU)-16 with output weights N(0, 0.02²), CE ≈ ln 16 at init.
    expect(hierarchical!.train.inputs.length).toBe(10 * 2000)
    for (let c = 0; c < 16; c++) {
      expect(classShare(hierarchical!.train, c)).toBeGreaterThan(0.04)
      expect(classShare(hierarchical!.train, c)).toBeLessThan(0.09)
    }
    const classMean = (label: number) =>
      Array.from({ length: 10 }, (_, d) =>
        mean(column(hierarchical!.train, 10, d).filter((_, r) => hierarchical!.train.labels![r] === label)),
      )
    const means = Array.from({ length: 16 }, (_, c) => classMean(c))
    const distance = (i: number, j: number) => Math.hypot(...means[i]!.map((x, d) => x - means[j]![d]!))
    for (let i = 0; i < 16; i++) {
      for (let j = i + 1; j < 16; j++) {
        if (Math.floor(i / 4) === Math.floor(j / 4)) expect(distance(i, j)).toBeLessThan(6)
        else expect(distance(i, j)).toBeGreaterThan(7)
      }
    }
    expect(hierarchical!.network).toMatchObject({ outputSize: 16, initScale: 0.02 })
    const hierarchicalNet = createTaskTrainable(hierarchical!, 'adam', 0)
    expect(parameterCount(hierarchicalNet)).toBe(880)
    expect(hierarchicalNet.evaluateSync()).toBeCloseTo(Math.log(16), 0)
    // L4: features 0–5 at scale 0.01, 6–11 at scale 1; the small ones carry most of the target:
    // a least-squares slope on feature d, times its scale, is the target's linear dependence on z_d.
    expect(mixed!.train.inputs.length).toBe(12 * 2000)
    const targets = Array.from(mixed!.train.targets!)
    const explained = Array.from({ length: 12 }, (_, d) => {
      const x = column(mixed!.train, 12, d)
      const scale = rms(x)
      expect(scale).toBeCloseTo(d < 6 ? 0.01 : 1, d < 6 ? 3 : 1)
      return (mean(x.map((value, r) => value * targets[r]!)) / scale) ** 2
    })
    const smallShare = explained.slice(0, 6).reduce((sum, v) => sum + v, 0)
    const largeShare = explained.slice(6).reduce((sum, v) => sum + v, 0)
    expect(smallShare).toBeGreaterThan(1)
    expect(largeShare).toBeLessThan(0.15)
    expect(mean(targets.map((y) => y * y))).toBeGreaterThan(1.6)
    expect(mean(targets.map((y) => y * y))).toBeLessThan(2.2)
    expect(mixed!.network).toMatchObject({ inputSize: 12, hiddenUnits: 32, activation: 'tanh', loss: 'mse' })
    const mixedNet = createTaskTrainable(mixed!, 'adam', 0)
    expect(parameterCount(mixedNet)).toBe(449)
    expect(mixedNet.evaluateSync()).toBeGreaterThan(1.6)
    expect(mixedNet.evaluateSync()).toBeLessThan(2.6)
    // L5: a fifth of the training rows, the usual held-out count; the whole pretrained network is
    // kept (no new head), so every seed starts from the same weights, reading the moved inputs
    // worse than a uniform guess; the moved inputs are centred away from 0 (the translation).
    expect([rotated!.train.count, rotated!.validation.count, rotated!.batchSize]).toEqual([400, 1000, 32])
    expect(rotated!.reinitialize).toBeUndefined()
    expect(Object.keys(rotated!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    const rotatedNet = createTaskTrainable(rotated!, 'adam', 0)
    expect(parameterCount(rotatedNet)).toBe(8 * 32 + 32 + 32 * 4 + 4)
    expect(Array.from(rotatedNet.parameters.w2!)).toEqual(Array.from(rotated!.pretrained!.w2!))
    expect(createTaskTrainable(rotated!, 'sgdMomentum', 7).evaluateSync()).toBe(rotatedNet.evaluateSync())
    expect(rotatedNet.evaluateSync()).toBeGreaterThan(Math.log(4))
    expect(rotatedNet.evaluateSync()).toBeLessThan(4)
    const centre = Array.from({ length: 8 }, (_, d) => mean(column(rotated!.validation, 8, d)))
    expect(Math.hypot(...centre)).toBeGreaterThan(1)
    for (let c = 0; c < 4; c++) expect(classShare(rotated!.validation, c)).toBeGreaterThan(0.15)
    const small = createEvalTasks(SMALL, ['finetune-rotated-clusters'])[0]!
    expect([small.train.count, small.validation.count]).toEqual([12, 32])
    // L6: 12 positions per row whose steps have variance ≈ 1 + 2·0.25 (walk plus observation
    // noise); balanced classes, ordered by the displacement between the first and last position.
    expect(walk!.train.inputs.length).toBe(12 * 2000)
    const steps = walk!.train
    const increments: number[] = []
    for (let r = 0; r < steps.count; r++) {
      for (let t = 1; t < 12; t++) increments.push(steps.inputs[r * 12 + t]! - steps.inputs[r * 12 + t - 1]!)
    }
    expect(Math.abs(mean(increments))).toBeLessThan(0.03)
    expect(mean(increments.map((x) => x * x))).toBeCloseTo(1.5, 1)
    expect(Math.sqrt(mean(column(steps, 12, 0).map((x) => x * x)))).toBeCloseTo(2.06, 0)
    for (let c = 0; c < 3; c++) {
      expect(classShare(walk!.train, c)).toBeGreaterThan(0.3)
      expect(classShare(walk!.train, c)).toBeLessThan(0.37)
    }
    const displacementMean = (label: number) =>
      mean(
        Array.from({ length: steps.count }, (_, r) => r)
          .filter((r) => steps.labels![r] === label)
          .map((r) => steps.inputs[r * 12 + 11]! - steps.inputs[r * 12]!),
      )
    expect(displacementMean(0)).toBeLessThan(-2)
    expect(Math.abs(displacementMean(1))).toBeLessThan(0.3)
    expect(displacementMean(2)).toBeGreaterThan(2)
    expect(walk!.network).toMatchObject({ inputSize: 12, hiddenUnits: 32, outputSize: 3, initScale: 0.03 })
    const walkNet = createTaskTrainable(walk!, 'adam', 0)
    expect(parameterCount(walkNet)).toBe(515)
    expect(walkNet.evaluateSync()).toBeCloseTo(Math.log(3), 0)
  })

  it('the round-9 L MNIST task: pixel·a + b per image (a in [0.5, 1.5], b in [−0.3, 0.3]), rows 450+ for training and 650+ held out', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(863 * 784)
      // Row r's pixels are r / 1000 in the left half and r / 1000 + 0.5 in the right half, so a
      // 14×14 image tells its source row and, through its two levels, its own a and b.
      for (let r = 0; r < 863; r++) {
        for (let i = 0; i < 28; i++) {
          raw.fill(r / 1000, r * 784 + i * 28, r * 784 + i * 28 + 14)
          raw.fill(r / 1000 + 0.5, r * 784 + i * 28 + 14, r * 784 + (i + 1) * 28)
        }
      }
      digits[d] = { raw, length: 863 }
    }
    const task = mnistBrightnessContrastTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    expect(Array.from(task.train.labels!.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const contrasts: number[] = []
    const brightnesses: number[] = []
    const check = (split: DataSplit, from: number) => {
      for (let r = 0; r < split.count; r++) {
        const image = split.inputs.subarray(r * 196, (r + 1) * 196)
        const left = image[0]!
        const right = image[13]!
        const a = (right - left) / 0.5
        const b = left - (a * (from + Math.floor(r / 10))) / 1000
        if (r % 13 === 0) {
          for (let p = 0; p < 196; p++) expect(image[p]).toBeCloseTo(p % 14 < 7 ? left : right, 5)
        }
        contrasts.push(a)
        brightnesses.push(b)
      }
    }
    check(task.train, 450)
    check(task.validation, 650)
    for (const a of contrasts) {
      expect(a).toBeGreaterThanOrEqual(0.5 - 1e-4)
      expect(a).toBeLessThanOrEqual(1.5 + 1e-4)
    }
    for (const b of brightnesses) {
      expect(b).toBeGreaterThanOrEqual(-0.3 - 1e-4)
      expect(b).toBeLessThanOrEqual(0.3 + 1e-4)
    }
    expect(Math.min(...contrasts)).toBeLessThan(0.51)
    expect(Math.max(...contrasts)).toBeGreaterThan(1.49)
    expect(Math.min(...brightnesses)).toBeLessThan(-0.29)
    expect(Math.max(...brightnesses)).toBeGreaterThan(0.29)
    expect(new Set(contrasts.map((a) => a.toFixed(3))).size).toBeGreaterThan(900)
    expect(Array.from(mnistBrightnessContrastTask(DEFAULT_TASK_SIZES, digits).validation.inputs)).toEqual(
      Array.from(task.validation.inputs),
    )
    const mlp = createTaskTrainable(task, 'adam', 0)
    expect(Object.values(mlp.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(6634)
    expect(mlp.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 749 } }
    expect(() => mnistBrightnessContrastTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 750 samples',
    )
  })

  it('the round-10 O tasks build with their documented shapes and loss scales', () => {
    const names = [
      'mnist-three-vs-eight',
      'flag-sign-regression',
      'few-rows-large-batch',
      'norm-comparison',
      'quantized-target-regression',
      'finetune-cnn-rotated',
    ] as const
    expect(EVAL_TASK_NAMES.slice(96, 102)).toEqual([...names])
    const [flag, fewRows, norm, quantized, rotated] = createEvalTasks(undefined, [
      names[1],
      names[2],
      names[3],
      names[4],
      names[5],
    ])
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    for (const task of [flag, norm, quantized]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // O2: 6 inputs N(0, 1) and a ±1 flag; y − s·(w·x) is noise of σ 0.3 (w from seed 15012, |w|² ≈
    // 0.57); no input, flag included, is correlated with y; MLP 7-64(ReLU)-1, MSE ≈ 1.3 at init.
    const drawW = new SeededRandom(15012)
    const w = Array.from({ length: 6 }, () => (1.5 * drawW.normal()) / Math.sqrt(6))
    expect(w.reduce((sum, x) => sum + x * x, 0)).toBeCloseTo(0.57, 2)
    for (const split of [flag!.train, flag!.validation]) {
      const rows = Array.from({ length: split.count }, (_, r) => split.inputs.subarray(r * 7, (r + 1) * 7))
      const flags = rows.map((x) => x[6]!)
      expect(new Set(flags)).toEqual(new Set([-1, 1]))
      expect(Math.abs(mean(flags))).toBeLessThan(0.1)
      const residuals = rows.map(
        (x, r) => split.targets![r]! - x[6]! * w.reduce((sum, wd, d) => sum + wd * x[d]!, 0),
      )
      expect(rms(residuals)).toBeCloseTo(0.3, 1)
      for (let d = 0; d < 7; d++) {
        expect(Math.abs(mean(rows.map((x, r) => x[d]! * split.targets![r]!)))).toBeLessThan(0.1)
      }
    }
    expect(rms(Array.from(flag!.train.targets!)) ** 2).toBeCloseTo(0.62, 1)
    expect(flag!.network).toMatchObject({ inputSize: 7, hiddenUnits: 64, activation: 'relu', loss: 'mse' })
    const flagNet = createTaskTrainable(flag!, 'adam', 0)
    expect(parameterCount(flagNet)).toBe(577)
    expect(flagNet.evaluateSync()).toBeGreaterThan(0.9)
    expect(flagNet.evaluateSync()).toBeLessThan(1.8)
    // O3: 100 training rows in batches of 64, the usual held-out count; 4 classes in 8-d; MLP
    // 8-32(ReLU)-4, CE ≈ ln 4 at init; the sizes can only lower the training count.
    expect([fewRows!.train.count, fewRows!.validation.count, fewRows!.batchSize]).toEqual([100, 1000, 64])
    expect(fewRows!.train.inputs.length).toBe(8 * 100)
    for (let c = 0; c < 4; c++) expect(classShare(fewRows!.train, c)).toBeGreaterThan(0.15)
    expect(fewRows!.network).toMatchObject({ inputSize: 8, hiddenUnits: 32, outputSize: 4 })
    const fewRowsNet = createTaskTrainable(fewRows!, 'adam', 0)
    expect(parameterCount(fewRowsNet)).toBe(420)
    expect(fewRowsNet.evaluateSync()).toBeCloseTo(Math.log(4), 0)
    expect(createEvalTasks(SMALL, ['few-rows-large-batch'])[0]!.train.count).toBe(64)
    // O4: label 1 when |x₀…₄| > |x₅…₉|, on ≈ 95 % of rows (5 % flipped); balanced; CE ≈ ln 2.
    for (const split of [norm!.train, norm!.validation]) {
      const agree = Array.from({ length: split.count }, (_, r) => {
        const x = split.inputs.subarray(r * 10, (r + 1) * 10)
        const larger = Math.hypot(...x.subarray(0, 5)) > Math.hypot(...x.subarray(5)) ? 1 : 0
        return larger === split.labels![r] ? 1 : 0
      })
      expect(mean(agree)).toBeGreaterThan(0.93)
      expect(mean(agree)).toBeLessThan(0.97)
      expect(classShare(split, 1)).toBeGreaterThan(0.45)
      expect(classShare(split, 1)).toBeLessThan(0.55)
    }
    const normNet = createTaskTrainable(norm!, 'adam', 0)
    expect(parameterCount(normNet)).toBe(418)
    expect(normNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    // O5: every target is on the grid of 0.5 and within 0.25 of f(x) = 1.5·tanh(2·a·x) + b·x (a, b
    // drawn first from seed 15005), the error ≈ uniform (rms ≈ √(1/48)); MLP 8-32(tanh)-1, MSE ≈ 5.3.
    const drawAB = new SeededRandom(15005)
    const [a, b] = [0, 1].map(() => Array.from({ length: 8 }, () => drawAB.normal() / Math.sqrt(8)))
    for (const split of [quantized!.train, quantized!.validation]) {
      const errors = Array.from({ length: split.count }, (_, r) => {
        const x = split.inputs.subarray(r * 8, (r + 1) * 8)
        const dot = (v: number[]) => v.reduce((sum, vd, d) => sum + vd * x[d]!, 0)
        const y = split.targets![r]!
        expect(Number.isInteger(2 * y)).toBe(true)
        return y - (1.5 * Math.tanh(2 * dot(a!)) + dot(b!))
      })
      expect(Math.max(...errors.map(Math.abs))).toBeLessThanOrEqual(0.25 + 1e-5)
      expect(rms(errors)).toBeCloseTo(Math.sqrt(1 / 48), 2)
    }
    expect(new Set(quantized!.train.targets!).size).toBeGreaterThan(20)
    expect(quantized!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'tanh',
      loss: 'mse',
    })
    const quantizedNet = createTaskTrainable(quantized!, 'adam', 0)
    expect(parameterCount(quantizedNet)).toBe(321)
    expect(quantizedNet.evaluateSync()).toBeGreaterThan(4.5)
    expect(quantizedNet.evaluateSync()).toBeLessThan(6.5)
    // O6: a conv 3×3 × 4 network pretrained on upright digits 0–4 (rows 600+), fine-tuned whole (head
    // kept: every seed starts from the same weights) on rotated digits 0–4, rows 840–879 for training
    // and 880–979 held out; the pretrained head misreads the rotated digits (CE far above ln 5).
    expect([rotated!.train.count, rotated!.validation.count, rotated!.batchSize]).toEqual([200, 500, 32])
    expect(rotated!.network).toEqual({ kind: 'conv', side: 14, kernel: 3, filters: 4, outputSize: 5 })
    expect(rotated!.reinitialize).toEqual([])
    expect(Object.keys(rotated!.pretrained!).sort()).toEqual(['b', 'cb', 'cw', 'w'])
    const digits = loadMnistDigits()
    expect(Array.from(rotated!.train.inputs)).toEqual(
      Array.from(rotateImages(mnist14Split(digits, [0, 1, 2, 3, 4], 840, 40), 14).inputs),
    )
    expect(Array.from(rotated!.validation.inputs)).toEqual(
      Array.from(rotateImages(mnist14Split(digits, [0, 1, 2, 3, 4], 880, 100), 14).inputs),
    )
    expect(Array.from(rotated!.validation.labels!.slice(0, 10))).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    const rotatedNet = createTaskTrainable(rotated!, 'adam', 0)
    expect(parameterCount(rotatedNet)).toBe(2925)
    expect(Array.from(rotatedNet.parameters.w!)).toEqual(Array.from(rotated!.pretrained!.w!))
    expect(createTaskTrainable(rotated!, 'sgdMomentum', 7).evaluateSync()).toBe(rotatedNet.evaluateSync())
    expect(rotatedNet.evaluateSync()).toBeGreaterThan(3)
    expect(rotatedNet.evaluateSync()).toBeLessThan(8)
    expect(rotated!.description).toContain('(200 rows, head kept)')
  })

  it('the round-11 A tasks build with their documented shapes and loss scales', () => {
    const names = [
      'narrow-checkerboard',
      'max-affine-regression',
      'cnn-blob-quadrant',
      'finetune-split-classes',
      'one-hot-mse',
      'correlated-latent-inputs',
    ] as const
    expect(EVAL_TASK_NAMES.slice(102, 108)).toEqual([...names])
    const [checker, maxAffine, blob, split, oneHot, latent] = createEvalTasks(undefined, [...names])
    const classShare = (data: DataSplit, label: number) =>
      Array.from(data.labels!).filter((l) => l === label).length / data.count
    for (const task of [checker, maxAffine, blob, oneHot, latent]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // A1: x in [−2, 2)², label = (⌊x₀⌋ + ⌊x₁⌋) mod 2 on ≈ 95 % of rows (5 % flipped); balanced;
    // MLP 2-24(ReLU)-2, CE ≈ 0.78 at init.
    for (const data of [checker!.train, checker!.validation]) {
      const agree = Array.from({ length: data.count }, (_, r) => {
        const [x0, x1] = [data.inputs[2 * r]!, data.inputs[2 * r + 1]!]
        expect(Math.max(Math.abs(x0), Math.abs(x1))).toBeLessThanOrEqual(2)
        return (Math.floor(x0) + Math.floor(x1) + 4) % 2 === data.labels![r] ? 1 : 0
      })
      expect(mean(agree)).toBeGreaterThan(0.93)
      expect(mean(agree)).toBeLessThan(0.97)
      expect(classShare(data, 1)).toBeGreaterThan(0.45)
      expect(classShare(data, 1)).toBeLessThan(0.55)
    }
    expect(checker!.network).toMatchObject({
      inputSize: 2,
      hiddenUnits: 24,
      activation: 'relu',
      outputSize: 2,
    })
    const checkerNet = createTaskTrainable(checker!, 'adam', 0)
    expect(parameterCount(checkerNet)).toBe(122)
    expect(checkerNet.evaluateSync()).toBeGreaterThan(0.69)
    expect(checkerNet.evaluateSync()).toBeLessThan(0.9)
    // A2: y − max(a·x + c₀, b·x + c₁, d·x + c₂) is noise of σ 0.2 (a, b from seed 16002, d and c
    // from seed 16012); MLP 6-32(ReLU)-1, MSE ≈ 1.3 at init.
    const drawAB = new SeededRandom(16002)
    const [a, b] = [0, 1].map(() => Array.from({ length: 6 }, () => drawAB.normal() / Math.sqrt(6)))
    const drawD = new SeededRandom(16012)
    const d = Array.from({ length: 6 }, () => drawD.normal() / Math.sqrt(6))
    const c = [0, 1, 2].map(() => 0.5 * drawD.normal())
    for (const data of [maxAffine!.train, maxAffine!.validation]) {
      const pieces = [0, 0, 0]
      const residuals = Array.from({ length: data.count }, (_, r) => {
        const x = data.inputs.subarray(r * 6, (r + 1) * 6)
        const values = [a!, b!, d].map((v, k) => v.reduce((sum, vj, j) => sum + vj * x[j]!, c[k]!))
        const top = Math.max(...values)
        pieces[values.indexOf(top)]! += 1
        return data.targets![r]! - top
      })
      expect(rms(residuals)).toBeCloseTo(0.2, 1)
      // Every piece is the maximum on a good share of the rows.
      for (const count of pieces) expect(count / data.count).toBeGreaterThan(0.1)
    }
    expect(maxAffine!.network).toMatchObject({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      loss: 'mse',
    })
    const maxAffineNet = createTaskTrainable(maxAffine!, 'adam', 0)
    expect(parameterCount(maxAffineNet)).toBe(257)
    expect(maxAffineNet.evaluateSync()).toBeGreaterThan(1.1)
    expect(maxAffineNet.evaluateSync()).toBeLessThan(1.6)
    // A3: 12×12 images; the labelled quadrant holds the blob (2×2 of mean intensity 1: its pixel sum
    // exceeds the other quadrants' by ≈ 4 on average); balanced; conv 3×3 × 4, CE ≈ ln 4.
    expect(blob!.network).toEqual({ kind: 'conv', side: 12, kernel: 3, filters: 4, outputSize: 4 })
    expect(blob!.train.inputs.length).toBe(2000 * 144)
    for (const data of [blob!.train, blob!.validation]) {
      for (let q = 0; q < 4; q++) {
        expect(classShare(data, q)).toBeGreaterThan(0.2)
        expect(classShare(data, q)).toBeLessThan(0.3)
      }
      const excess = Array.from({ length: data.count }, (_, r) => {
        const sums = [0, 0, 0, 0]
        for (let p = 0; p < 144; p++) {
          const [i, j] = [Math.floor(p / 12), p % 12]
          sums[2 * Math.floor(i / 6) + Math.floor(j / 6)]! += data.inputs[r * 144 + p]!
        }
        const label = data.labels![r]!
        return sums[label]! - (sums.reduce((sum, s) => sum + s, 0) - sums[label]!) / 3
      })
      expect(mean(excess)).toBeGreaterThan(3.5)
      expect(mean(excess)).toBeLessThan(4.5)
    }
    const blobNet = createTaskTrainable(blob!, 'adam', 0)
    expect(parameterCount(blobNet)).toBe(1644)
    expect(blobNet.evaluateSync()).toBeCloseTo(Math.log(4), 1)
    // A4: 400 fine-tuning rows, the usual held-out count; 10 inputs, label = 2·class + [x₉ > 0]
    // (8 classes, each present); the pretrained body (w1, b1) with a new 8-class head from the seed.
    expect([split!.train.count, split!.validation.count, split!.batchSize]).toEqual([400, 1000, 32])
    expect(split!.network).toMatchObject({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 8,
    })
    expect(split!.reinitialize).toEqual(['w2', 'b2'])
    expect(Object.keys(split!.pretrained!).sort()).toEqual(['b1', 'w1'])
    for (const data of [split!.train, split!.validation]) {
      for (let r = 0; r < data.count; r++) {
        expect(data.labels![r]! % 2).toBe(data.inputs[r * 10 + 9]! > 0 ? 1 : 0)
      }
      for (let label = 0; label < 8; label++) expect(classShare(data, label)).toBeGreaterThan(0.05)
    }
    const splitNet = createTaskTrainable(split!, 'adam', 0)
    expect(parameterCount(splitNet)).toBe(616)
    expect(Array.from(splitNet.parameters.w1!)).toEqual(Array.from(split!.pretrained!.w1!))
    expect(Array.from(splitNet.parameters.w2!)).not.toEqual(
      Array.from(createTaskTrainable(split!, 'adam', 1).parameters.w2!),
    )
    expect(splitNet.evaluateSync()).toBeGreaterThan(2)
    expect(splitNet.evaluateSync()).toBeLessThan(2.6)
    expect(split!.description).toContain('(400 rows, new 8-class head)')
    // A5: 4 one-hot targets per row (a balanced class each), MSE summed over them; MLP 8-32(ReLU)-4,
    // MSE ≈ 2.3 at init; the sizes cut the targets with the rows.
    for (const data of [oneHot!.train, oneHot!.validation]) {
      expect(data.targets!.length).toBe(4 * data.count)
      expect(data.labels).toBeUndefined()
      const classes = Array.from({ length: data.count }, (_, r) => {
        const row = Array.from(data.targets!.subarray(4 * r, 4 * r + 4))
        expect(row.filter((t) => t === 1)).toHaveLength(1)
        expect(row.filter((t) => t === 0)).toHaveLength(3)
        return row.indexOf(1)
      })
      for (let k = 0; k < 4; k++) {
        expect(classes.filter((x) => x === k).length / data.count).toBeGreaterThan(0.18)
      }
    }
    expect(oneHot!.network).toMatchObject({ inputSize: 8, hiddenUnits: 32, outputSize: 4, loss: 'mse' })
    const oneHotNet = createTaskTrainable(oneHot!, 'adam', 0)
    expect(parameterCount(oneHotNet)).toBe(420)
    expect(oneHotNet.evaluateSync()).toBeGreaterThan(1.8)
    expect(oneHotNet.evaluateSync()).toBeLessThan(2.8)
    const small = createEvalTasks(SMALL, ['one-hot-mse'])[0]!
    expect([small.train.targets!.length, small.validation.targets!.length]).toEqual([256, 128])
    expect(Array.from(small.validation.targets!.subarray(0, 8))).toEqual(
      Array.from(oneHot!.train.targets!.subarray(256, 264)),
    )
    // A6: 40 inputs, input j a copy of factor j mod 3 with noise σ 0.05 (differences of two copies:
    // rms 0.05·√2); label = [w·g + 0.3 > 0] (w from seed 16006) on ≈ 95 % of rows; softmax
    // regression 40 → 2, CE ≈ ln 2.
    const w = (() => {
      const random = new SeededRandom(16006)
      return [0, 1, 2].map(() => random.normal())
    })()
    for (const data of [latent!.train, latent!.validation]) {
      const differences: number[] = []
      const agree = Array.from({ length: data.count }, (_, r) => {
        const x = data.inputs.subarray(r * 40, (r + 1) * 40)
        for (let j = 3; j < 40; j++) differences.push(x[j]! - x[j % 3]!)
        const g = [0, 1, 2].map((f) => mean(x.filter((_, j) => j % 3 === f)))
        return (g.reduce((sum, gf, f) => sum + w[f]! * gf, 0.3) > 0 ? 1 : 0) === data.labels![r] ? 1 : 0
      })
      expect(rms(differences)).toBeCloseTo(0.05 * Math.SQRT2, 2)
      expect(mean(agree)).toBeGreaterThan(0.93)
      expect(mean(agree)).toBeLessThan(0.97)
    }
    expect(latent!.network).toMatchObject({ inputSize: 40, hiddenUnits: 0, outputSize: 2 })
    const latentNet = createTaskTrainable(latent!, 'adam', 0)
    expect(parameterCount(latentNet)).toBe(82)
    expect(latentNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
  })

  it('the round-11 B tasks build with their documented shapes and loss scales', () => {
    const names = [
      'mnist-inverted-mlp',
      'train-outliers-regression',
      'angular-wedges',
      'batch-two-regression',
      'finetune-regression-to-classes',
      'one-hot-fields',
    ] as const
    expect(EVAL_TASK_NAMES.slice(108, 114)).toEqual([...names])
    const [outliers, wedges, batchTwo, finetune, oneHot] = createEvalTasks(undefined, [
      names[1],
      names[2],
      names[3],
      names[4],
      names[5],
    ])
    for (const task of [outliers, wedges, oneHot]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // B2: exactly 100 training targets (5 %) are ±20, of both signs; no held-out target is an
    // outlier; MLP 8-32(ReLU)-1, MSE ≈ 22 on the training rows and ≈ 2.5 held out at init.
    const trainTargets = Array.from(outliers!.train.targets!)
    const gross = trainTargets.filter((y) => Math.abs(y) === 20)
    expect(gross).toHaveLength(100)
    expect(gross.filter((y) => y > 0).length).toBeGreaterThan(30)
    expect(gross.filter((y) => y < 0).length).toBeGreaterThan(30)
    expect(Math.max(...trainTargets.filter((y) => Math.abs(y) !== 20).map(Math.abs))).toBeLessThan(8)
    expect(Math.max(...Array.from(outliers!.validation.targets!, Math.abs))).toBeLessThan(8)
    expect(rms(outliers!.validation.targets!) ** 2).toBeCloseTo(2.8, 0)
    expect(outliers!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      loss: 'mse',
    })
    const outliersNet = createTaskTrainable(outliers!, 'adam', 0)
    expect(parameterCount(outliersNet)).toBe(321)
    expect(
      new DenseNetwork(outliers!.network as NetworkSpec, 256).meanLoss(
        outliersNet.parameters,
        outliers!.train,
      ),
    ).toBeGreaterThan(18)
    expect(outliersNet.evaluateSync()).toBeGreaterThan(1.8)
    expect(outliersNet.evaluateSync()).toBeLessThan(3.5)
    // B3: the label is the wedge (60° each, from the first axis) mod 3 on ≈ 95 % of the rows;
    // opposite points share it; tanh MLP 2-32-3, CE ≈ ln 3.
    const wedgeClass = (x: number, y: number) =>
      Math.min(5, Math.floor((Math.atan2(y, x) + (y < 0 ? 2 * Math.PI : 0)) / (Math.PI / 3))) % 3
    expect([wedgeClass(1, 0.1), wedgeClass(0.1, 1), wedgeClass(-1, 0.5), wedgeClass(-1, -0.1)]).toEqual([
      0, 1, 2, 0,
    ])
    for (const split of [wedges!.train, wedges!.validation]) {
      const agree = Array.from({ length: split.count }, (_, r) =>
        wedgeClass(split.inputs[2 * r]!, split.inputs[2 * r + 1]!) === split.labels![r] ? 1 : 0,
      )
      expect(mean(agree)).toBeGreaterThan(0.93)
      expect(mean(agree)).toBeLessThan(0.97)
      for (let c = 0; c < 3; c++) {
        const share = Array.from(split.labels!).filter((l) => l === c).length / split.count
        expect(share).toBeGreaterThan(0.28)
        expect(share).toBeLessThan(0.39)
      }
    }
    expect(wedges!.network).toMatchObject({
      inputSize: 2,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 3,
    })
    const wedgesNet = createTaskTrainable(wedges!, 'adam', 0)
    expect(parameterCount(wedgesNet)).toBe(195)
    expect(wedgesNet.evaluateSync()).toBeCloseTo(Math.log(3), 0)
    // B4: batches of 2 rows; y − x·w* is noise of σ 0.5 (w* from seed 17004, drawn first); MLP
    // 10-32(ReLU)-1, MSE ≈ 2.4 at init.
    expect([batchTwo!.train.count, batchTwo!.validation.count, batchTwo!.batchSize]).toEqual([2000, 1000, 2])
    const drawTruth = new SeededRandom(17004)
    const truth = Array.from({ length: 10 }, () => 0.5 * drawTruth.normal())
    expect(truth.reduce((sum, w) => sum + w * w, 0)).toBeCloseTo(1.8, 1)
    const residuals = Array.from({ length: batchTwo!.train.count }, (_, r) => {
      const x = batchTwo!.train.inputs.subarray(r * 10, (r + 1) * 10)
      return batchTwo!.train.targets![r]! - truth.reduce((sum, w, d) => sum + w * x[d]!, 0)
    })
    expect(rms(residuals)).toBeCloseTo(0.5, 1)
    expect(batchTwo!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    const batchTwoNet = createTaskTrainable(batchTwo!, 'adam', 0)
    expect(parameterCount(batchTwoNet)).toBe(385)
    expect(batchTwoNet.evaluateSync()).toBeGreaterThan(1.8)
    expect(batchTwoNet.evaluateSync()).toBeLessThan(3.2)
    // B5: the body (w1, b1) of a pretrained regression network, a new 2-class head from the seed;
    // 400 training rows, 1000 held out, labels f(x) > median (balanced) with ≈ 5 % flipped.
    expect([finetune!.train.count, finetune!.validation.count, finetune!.batchSize]).toEqual([400, 1000, 32])
    expect(finetune!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      outputSize: 2,
      loss: 'crossEntropy',
    })
    expect(Object.keys(finetune!.pretrained!).sort()).toEqual(['b1', 'w1'])
    expect(finetune!.reinitialize).toEqual(['w2', 'b2'])
    const drawAB = new SeededRandom(17005)
    const [a, b] = [0, 1].map(() => Array.from({ length: 8 }, () => drawAB.normal() / Math.sqrt(8)))
    const f = (split: DataSplit) =>
      Array.from({ length: split.count }, (_, r) => {
        const x = split.inputs.subarray(r * 8, (r + 1) * 8)
        const dot = (w: number[]) => w.reduce((sum, wd, d) => sum + wd * x[d]!, 0)
        return Math.sin(2 * dot(a!)) + dot(b!)
      })
    const all = [...f(finetune!.train), ...f(finetune!.validation)]
    const median = all.slice().sort((p, q) => p - q)[700]!
    const labels = [...finetune!.train.labels!, ...finetune!.validation.labels!]
    const agreement = mean(all.map((y, r) => ((y > median + 1e-6 ? 1 : 0) === labels[r] ? 1 : 0)))
    expect(agreement).toBeGreaterThan(0.93)
    expect(agreement).toBeLessThan(0.97)
    expect(mean(labels)).toBeCloseTo(0.5, 1)
    const seed0 = createTaskTrainable(finetune!, 'adam', 0)
    const seed1 = createTaskTrainable(finetune!, 'adam', 1)
    expect(parameterCount(seed0)).toBe(354)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(finetune!.pretrained!.w1!))
    expect(Array.from(seed1.parameters.b1!)).toEqual(Array.from(finetune!.pretrained!.b1!))
    expect(Array.from(seed0.parameters.w2!)).not.toEqual(Array.from(seed1.parameters.w2!))
    expect(seed0.evaluateSync()).toBeGreaterThan(0.6)
    expect(seed0.evaluateSync()).toBeLessThan(1.1)
    expect(finetune!.description).toContain('(400 rows, new 2-class head')
    // B6: 100 one-hot columns, exactly one 1 in each field of 20; label 1 on ≈ 60 % of the rows;
    // MLP 100-32(ReLU)-2, CE ≈ ln 2 at init.
    for (const split of [oneHot!.train, oneHot!.validation]) {
      expect(split.inputs.length).toBe(split.count * 100)
      for (let r = 0; r < split.count; r++) {
        for (let field = 0; field < 5; field++) {
          const columns = split.inputs.subarray(r * 100 + field * 20, r * 100 + (field + 1) * 20)
          expect(columns.filter((x) => x === 1).length + columns.filter((x) => x === 0).length).toBe(20)
          expect(columns.reduce((sum, x) => sum + x, 0)).toBe(1)
        }
      }
      expect(mean(split.labels!)).toBeGreaterThan(0.52)
      expect(mean(split.labels!)).toBeLessThan(0.66)
    }
    expect(oneHot!.network).toMatchObject({
      inputSize: 100,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
    })
    const oneHotNet = createTaskTrainable(oneHot!, 'adam', 0)
    expect(parameterCount(oneHotNet)).toBe(3298)
    expect(oneHotNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
  })

  it('the round-12 C tasks build with their documented shapes and loss scales', () => {
    const names = [
      'gated-experts-regression',
      'sphere-anchors',
      'cnn-parallel-bars',
      'finetune-few-shot-regression',
      'max-inputs-regression',
    ] as const
    expect(EVAL_TASK_NAMES.slice(114, 120)).toEqual([...names, 'mnist-one-vs-rest'])
    const [gated, sphere, bars, fewShot, maxInputs] = createEvalTasks(undefined, [...names])
    for (const task of [gated, sphere, bars, maxInputs]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const dot = (w: readonly number[], x: ArrayLike<number>) => w.reduce((sum, wd, d) => sum + wd * x[d]!, 0)
    // C1: y − (s·a·x + (1 − s)·b·x), s = σ(4·u·x), is noise of σ 0.2 (a, b from seed 18001, u from
    // seed 18011); MLP 6-32(ReLU)-1, MSE ≈ 0.5–1 at init.
    const drawAB = new SeededRandom(18001)
    const [a, b] = [0, 1].map(() => Array.from({ length: 6 }, () => drawAB.normal() / Math.sqrt(6)))
    const drawU = new SeededRandom(18011)
    const u = Array.from({ length: 6 }, () => drawU.normal() / Math.sqrt(6))
    for (const data of [gated!.train, gated!.validation]) {
      const gates: number[] = []
      const residuals = Array.from({ length: data.count }, (_, r) => {
        const x = data.inputs.subarray(r * 6, (r + 1) * 6)
        const s = 1 / (1 + Math.exp(-4 * dot(u, x)))
        gates.push(s)
        return data.targets![r]! - (s * dot(a!, x) + (1 - s) * dot(b!, x))
      })
      expect(rms(residuals)).toBeCloseTo(0.2, 1)
      expect(Math.abs(mean(residuals))).toBeLessThan(0.03)
      // Both experts are in charge of a good share of the rows.
      expect(gates.filter((s) => s > 0.9).length / data.count).toBeGreaterThan(0.2)
      expect(gates.filter((s) => s < 0.1).length / data.count).toBeGreaterThan(0.2)
    }
    expect(gated!.network).toMatchObject({ inputSize: 6, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    const gatedNet = createTaskTrainable(gated!, 'adam', 0)
    expect(parameterCount(gatedNet)).toBe(257)
    expect(gatedNet.evaluateSync()).toBeGreaterThan(0.3)
    expect(gatedNet.evaluateSync()).toBeLessThan(1.2)
    // C2: every input has norm 1; ≈ 90 % of the labels are the nearest of the 3 anchors (the first
    // 3 normalised draws of seed 18002), every class on over a fifth of the rows; MLP 3-32(tanh)-3.
    const drawAnchors = new SeededRandom(18002)
    const anchors = [0, 1, 2].map(() => {
      const g = [0, 1, 2].map(() => drawAnchors.normal())
      return g.map((v) => v / Math.hypot(...g))
    })
    for (const data of [sphere!.train, sphere!.validation]) {
      expect(data.inputs.length).toBe(3 * data.count)
      const agree = Array.from({ length: data.count }, (_, r) => {
        const x = data.inputs.subarray(r * 3, (r + 1) * 3)
        expect(Math.hypot(...x)).toBeCloseTo(1, 5)
        const scores = anchors.map((anchor) => dot(anchor, x))
        return scores.indexOf(Math.max(...scores)) === data.labels![r] ? 1 : 0
      })
      expect(mean(agree)).toBeGreaterThan(0.88)
      expect(mean(agree)).toBeLessThan(0.92)
      for (let c = 0; c < 3; c++) {
        expect(Array.from(data.labels!).filter((l) => l === c).length / data.count).toBeGreaterThan(0.2)
      }
    }
    expect(sphere!.network).toMatchObject({
      inputSize: 3,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 3,
    })
    const sphereNet = createTaskTrainable(sphere!, 'adam', 0)
    expect(parameterCount(sphereNet)).toBe(227)
    expect(sphereNet.evaluateSync()).toBeCloseTo(Math.log(3), 0)
    // C3: 10×10 images; the pixels above 0.5 + 3σ of the noise are the two bars' 4 to 8 pixels,
    // near the centre; balanced labels; conv 3×3 × 6, CE ≈ ln 2 at init.
    expect(bars!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 6, outputSize: 2 })
    for (const data of [bars!.train, bars!.validation]) {
      expect(data.inputs.length).toBe(100 * data.count)
      const share = mean(data.labels!)
      expect(share).toBeGreaterThan(0.45)
      expect(share).toBeLessThan(0.55)
      expect(mean(data.inputs)).toBeGreaterThan(0.04)
      expect(mean(data.inputs)).toBeLessThan(0.08)
      // The four central pixels hold a bar far more often than the corners.
      const litShare = (p: number) =>
        mean(Array.from({ length: data.count }, (_, r) => (data.inputs[r * 100 + p]! > 0.5 ? 1 : 0)))
      expect(litShare(44) + litShare(45) + litShare(54) + litShare(55)).toBeGreaterThan(1)
      // No bar reaches a corner: only the noise (P(N(0, 0.3²) > 0.5) ≈ 0.05 each) lights one.
      expect(litShare(0) + litShare(9) + litShare(90) + litShare(99)).toBeLessThan(0.25)
    }
    const barsNet = createTaskTrainable(bars!, 'adam', 0)
    expect(parameterCount(barsNet)).toBe(830)
    expect(barsNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    // C4: 60 fine-tuning rows in batches of 16, 1000 held out; the whole pretrained network (no
    // head drawn from the seed: every seed starts from the same weights); MSE ≈ 0.05–0.15 at init.
    expect([fewShot!.train.count, fewShot!.validation.count, fewShot!.batchSize]).toEqual([60, 1000, 16])
    expect(fewShot!.network).toEqual({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(fewShot!.reinitialize).toBeUndefined()
    expect(Object.keys(fewShot!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    const fewShotNet = createTaskTrainable(fewShot!, 'adam', 0)
    expect(parameterCount(fewShotNet)).toBe(321)
    expect(createTaskTrainable(fewShot!, 'sgdMomentum', 5).evaluateSync()).toBe(fewShotNet.evaluateSync())
    expect(fewShotNet.evaluateSync()).toBeGreaterThan(0.05)
    expect(fewShotNet.evaluateSync()).toBeLessThan(0.15)
    // The new target is f + 0.3·sin(c·x) + noise: f(x) = sin(a·x) + 0.5·b·x explains all but ≈ 0.055.
    const drawF = new SeededRandom(18004)
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 8 }, () => drawF.normal() / Math.sqrt(8)))
    const offF = Array.from({ length: fewShot!.validation.count }, (_, r) => {
      const x = fewShot!.validation.inputs.subarray(r * 8, (r + 1) * 8)
      return fewShot!.validation.targets![r]! - Math.sin(dot(fa!, x)) - 0.5 * dot(fb!, x)
    })
    expect(mean(offF.map((e) => e * e))).toBeGreaterThan(0.04)
    expect(mean(offF.map((e) => e * e))).toBeLessThan(0.07)
    expect(fewShot!.description).toContain('on only 60 rows in batches of 16')
    expect(createEvalTasks(SMALL, ['finetune-few-shot-regression'])[0]!.train.count).toBe(60)
    // C5: y − max(x) is noise of σ 0.1; each input is the maximum on about a tenth of the rows;
    // MLP 10-32(ReLU)-1, MSE ≈ 2.5–3.5 at init.
    for (const data of [maxInputs!.train, maxInputs!.validation]) {
      const argmax = new Array(10).fill(0)
      const residuals = Array.from({ length: data.count }, (_, r) => {
        const x = Array.from(data.inputs.subarray(r * 10, (r + 1) * 10))
        const top = Math.max(...x)
        argmax[x.indexOf(top)] += 1
        return data.targets![r]! - top
      })
      expect(rms(residuals)).toBeCloseTo(0.1, 2)
      for (const count of argmax) expect(count / data.count).toBeGreaterThan(0.06)
      expect(mean(data.targets!)).toBeCloseTo(1.54, 1)
    }
    expect(maxInputs!.network).toMatchObject({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      loss: 'mse',
    })
    const maxNet = createTaskTrainable(maxInputs!, 'adam', 0)
    expect(parameterCount(maxNet)).toBe(385)
    expect(maxNet.evaluateSync()).toBeGreaterThan(2.3)
    expect(maxNet.evaluateSync()).toBeLessThan(3.8)
  })

  it('the round-12 C MNIST task: is it a 1, on the 14×14 rows 0–199 (training) and 200–299 (held out)', () => {
    const digits = randomDigits(300, 18)
    const task = mnistOneVersusRestTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    const plainTrain = mnist14Split(digits, ALL_TEN, 0, 200)
    const plainValidation = mnist14Split(digits, ALL_TEN, 200, 100)
    expect(Array.from(task.train.inputs)).toEqual(Array.from(plainTrain.inputs))
    expect(Array.from(task.validation.inputs)).toEqual(Array.from(plainValidation.inputs))
    expect(Array.from(task.train.labels!.slice(0, 20))).toEqual([
      0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0,
    ])
    expect(mean(task.train.labels!)).toBe(0.1)
    expect(mean(task.validation.labels!)).toBe(0.1)
    expect(task.network).toEqual({
      inputSize: 196,
      hiddenUnits: 16,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(task, 'adam', 0))).toBe(3186)
    const short = { ...digits, 7: { raw: digits[7]!.raw, length: 299 } }
    expect(() => mnistOneVersusRestTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 7 has fewer than 300 samples',
    )
    const real = createEvalTasks(undefined, ['mnist-one-vs-rest'])[0]!
    const initial = createTaskTrainable(real, 'adam', 0).evaluateSync()
    expect(initial).toBeGreaterThan(0.5)
    expect(initial).toBeLessThan(0.9)
  })

  it('the round-12 D tasks build with their documented shapes and loss scales', () => {
    const names = [
      'ar1-sign-classes',
      'exp-growth-regression',
      'cnn-square-outline',
      'boundary-label-noise',
      'kinked-slopes-regression',
      'finetune-classes-to-distance',
    ] as const
    expect(EVAL_TASK_NAMES.slice(120, 126)).toEqual([...names])
    const [ar1, growth, square, boundary, kinked, finetune] = createEvalTasks(undefined, [...names])
    for (const task of [ar1, growth, square, boundary, kinked]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // D1: 24 inputs of unit variance in both classes; the lag-1 correlation of a window has the sign
    // of its coefficient (label 1: +0.7) on most rows, ≈ ±0.46 on average; MLP 24-32(ReLU)-2.
    for (const split of [ar1!.train, ar1!.validation]) {
      const windows = rowsOf(split, 24)
      const lagProduct = windows.map((w) => mean(w.slice(1).map((x, t) => x * w[t]!)))
      for (const label of [0, 1]) {
        const ofClass = windows.filter((_, r) => split.labels![r] === label)
        expect(ofClass.length / split.count).toBeGreaterThan(0.45)
        expect(ofClass.length / split.count).toBeLessThan(0.55)
        expect(rms(ofClass.flat())).toBeCloseTo(1, 1)
        const products = lagProduct.filter((_, r) => split.labels![r] === label)
        expect(mean(products)).toBeCloseTo(label === 1 ? 0.46 : -0.46, 1)
      }
      const agree = lagProduct.map((p, r) => ((p > 0 ? 1 : 0) === split.labels![r] ? 1 : 0))
      expect(mean(agree)).toBeGreaterThan(0.9)
      expect(mean(agree)).toBeLessThan(1)
    }
    expect(ar1!.network).toEqual({
      inputSize: 24,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    const ar1Net = createTaskTrainable(ar1!, 'adam', 0)
    expect(parameterCount(ar1Net)).toBe(866)
    expect(ar1Net.evaluateSync()).toBeGreaterThan(0.65)
    expect(ar1Net.evaluateSync()).toBeLessThan(0.9)
    // D2: y − exp(0.5·a·x) is noise of σ 0.1 (a ~ N(0, I/6), the first 6 draws of seed 19002);
    // positive, right-skewed targets; MLP 6-32(tanh)-1, MSE ≈ 1.7 at init.
    const drawA = new SeededRandom(19002)
    const a = Array.from({ length: 6 }, () => drawA.normal() / Math.sqrt(6))
    for (const split of [growth!.train, growth!.validation]) {
      const curve = rowsOf(split, 6).map((x) => Math.exp(0.5 * a.reduce((sum, ad, d) => sum + ad * x[d]!, 0)))
      expect(rms(curve.map((y, r) => split.targets![r]! - y))).toBeCloseTo(0.1, 2)
      const targets = Array.from(split.targets!)
      expect(mean(targets)).toBeCloseTo(1.1, 1)
      expect(Math.min(...targets)).toBeGreaterThan(0)
      expect(Math.max(...targets)).toBeGreaterThan(
        mean(targets) + 4 * rms(targets.map((y) => y - mean(targets))),
      )
    }
    expect(growth!.network).toMatchObject({ inputSize: 6, hiddenUnits: 32, activation: 'tanh', loss: 'mse' })
    const growthNet = createTaskTrainable(growth!, 'adam', 0)
    expect(parameterCount(growthNet)).toBe(257)
    expect(growthNet.evaluateSync()).toBeGreaterThan(1.3)
    expect(growthNet.evaluateSync()).toBeLessThan(2)
    // D3: 8×8 images, balanced; a closed outline of side 3–6 has 14 pixels on average and an open
    // one 9.5, at mean intensity 1, so the class means of the image sums differ by ≈ 4.5; pixel noise
    // σ 0.5; CNN conv 3×3 × 6, CE ≈ ln 2 at init.
    for (const split of [square!.train, square!.validation]) {
      const sums = rowsOf(split, 64).map((image) => image.reduce((sum, x) => sum + x, 0))
      const closed = sums.filter((_, r) => split.labels![r] === 1)
      const open = sums.filter((_, r) => split.labels![r] === 0)
      expect(closed.length / split.count).toBeGreaterThan(0.45)
      expect(closed.length / split.count).toBeLessThan(0.55)
      expect(mean(closed) - mean(open)).toBeGreaterThan(3.8)
      expect(mean(closed) - mean(open)).toBeLessThan(5.2)
      expect(mean(closed)).toBeGreaterThan(13)
      expect(mean(closed)).toBeLessThan(15)
    }
    expect(square!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 6, outputSize: 2 })
    const squareNet = createTaskTrainable(square!, 'adam', 0)
    expect(parameterCount(squareNet)).toBe(494)
    expect(squareNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    // D4: the unit normal is the first 8 draws of seed 19004; outside |w·x| < 0.3 every label is
    // [w·x > 0]; inside (≈ 24 % of the rows) ≈ 40 % are flipped; MLP 8-32(ReLU)-2.
    const drawW = new SeededRandom(19004)
    const w = Array.from({ length: 8 }, () => drawW.normal())
    const norm = Math.hypot(...w)
    for (const split of [boundary!.train, boundary!.validation]) {
      const margins = rowsOf(split, 8).map((x) => w.reduce((sum, wd, d) => sum + (wd / norm) * x[d]!, 0))
      const band = margins.map((m, r) => ({
        inside: Math.abs(m) < 0.3,
        flipped: (m > 0 ? 1 : 0) !== split.labels![r],
      }))
      expect(band.filter((row) => !row.inside && row.flipped)).toHaveLength(0)
      const inside = band.filter((row) => row.inside)
      expect(inside.length / split.count).toBeGreaterThan(0.2)
      expect(inside.length / split.count).toBeLessThan(0.28)
      expect(inside.filter((row) => row.flipped).length / inside.length).toBeGreaterThan(0.3)
      expect(inside.filter((row) => row.flipped).length / inside.length).toBeLessThan(0.5)
    }
    expect(boundary!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
    })
    const boundaryNet = createTaskTrainable(boundary!, 'adam', 0)
    expect(parameterCount(boundaryNet)).toBe(354)
    expect(boundaryNet.evaluateSync()).toBeGreaterThan(0.6)
    expect(boundaryNet.evaluateSync()).toBeLessThan(1)
    // D5: y − (x₀ < 0 ? x₀ : 8·x₀) is noise of σ 0.2, independent of x₁…x₃; MLP 4-32(ReLU)-1, MSE ≈ 33.
    for (const split of [kinked!.train, kinked!.validation]) {
      const residuals = rowsOf(split, 4).map(([x0], r) => split.targets![r]! - (x0! < 0 ? x0! : 8 * x0!))
      expect(rms(residuals)).toBeCloseTo(0.2, 2)
      expect(rms(split.targets!) ** 2).toBeGreaterThan(28)
      expect(rms(split.targets!) ** 2).toBeLessThan(37)
    }
    expect(kinked!.network).toMatchObject({ inputSize: 4, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    const kinkedNet = createTaskTrainable(kinked!, 'adam', 0)
    expect(parameterCount(kinkedNet)).toBe(193)
    expect(kinkedNet.evaluateSync()).toBeGreaterThan(25)
    expect(kinkedNet.evaluateSync()).toBeLessThan(40)
    // D6: the body (w1, b1) of a pretrained 6-class classifier, a new 1-output head from the seed;
    // 400 training rows, 1000 held out; the target is the distance to the nearest centre (the first
    // 48 draws of seed 19006) plus noise of σ 0.2; MLP 8-32(ReLU)-1, MSE ≈ 7–12 at init.
    expect([finetune!.train.count, finetune!.validation.count, finetune!.batchSize]).toEqual([400, 1000, 32])
    expect(finetune!.network).toEqual({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(Object.keys(finetune!.pretrained!).sort()).toEqual(['b1', 'w1'])
    expect(finetune!.reinitialize).toEqual(['w2', 'b2'])
    const drawCentres = new SeededRandom(19006)
    const centres = Array.from({ length: 6 }, () => Array.from({ length: 8 }, () => drawCentres.normal()))
    for (const split of [finetune!.train, finetune!.validation]) {
      const distances = rowsOf(split, 8).map((x) =>
        Math.min(...centres.map((c) => Math.hypot(...c.map((cd, d) => x[d]! - cd)))),
      )
      expect(rms(distances.map((y, r) => split.targets![r]! - y))).toBeCloseTo(0.2, 1)
      expect(mean(split.targets!)).toBeCloseTo(2.7, 1)
    }
    const seed0 = createTaskTrainable(finetune!, 'adam', 0)
    const seed1 = createTaskTrainable(finetune!, 'adam', 1)
    expect(parameterCount(seed0)).toBe(321)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(finetune!.pretrained!.w1!))
    expect(Array.from(seed1.parameters.b1!)).toEqual(Array.from(finetune!.pretrained!.b1!))
    expect(Array.from(seed0.parameters.w2!)).not.toEqual(Array.from(seed1.parameters.w2!))
    expect(seed0.evaluateSync()).toBeGreaterThan(6)
    expect(seed0.evaluateSync()).toBeLessThan(12)
    expect(finetune!.description).toContain('(400 rows, new 1-output head, MSE)')
  })

  it('the round-13 E tasks build with their documented shapes and loss scales', () => {
    const names = [
      'latent-autoencoder',
      'pairwise-preference',
      'cnn-mirror-symmetry',
      'clipped-ramp-regression',
      'full-batch-clusters',
      'finetune-shifted-inputs',
    ] as const
    expect(EVAL_TASK_NAMES.slice(126, 132)).toEqual([...names])
    const [autoencoder, preference, mirror, clipped, fullBatch, shifted] = createEvalTasks(undefined, [
      ...names,
    ])
    for (const task of [autoencoder, preference, mirror, clipped]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ud, d) => sum + ud * v[d]!, 0)
    // E1: the targets are the inputs; the inputs lie within noise σ 0.2 of the column space of M
    // (the first 48 draws of seed 20001, / √3), so the residual off it has 13 of 16 noise
    // dimensions (rms ≈ 0.2·√(13/16) ≈ 0.18); mean square ≈ 0.71; MLP 16-4(tanh)-16, loss ≈ 11.
    const drawM = new SeededRandom(20001)
    const m = Array.from({ length: 48 }, () => drawM.normal() / Math.sqrt(3))
    const basis: number[][] = []
    for (let k = 0; k < 3; k++) {
      const column = Array.from({ length: 16 }, (_, j) => m[j * 3 + k]!)
      for (const q of basis) {
        const along = dot(column, q)
        for (let j = 0; j < 16; j++) column[j]! -= along * q[j]!
      }
      const norm = Math.hypot(...column)
      basis.push(column.map((value) => value / norm))
    }
    for (const split of [autoencoder!.train, autoencoder!.validation]) {
      expect(Array.from(split.targets!)).toEqual(Array.from(split.inputs))
      expect(rms(split.inputs) ** 2).toBeCloseTo(0.71, 1)
      const residuals = rowsOf(split, 16).flatMap((x) => {
        const coefficients = basis.map((q) => dot(x, q))
        return x.map((value, j) => value - basis.reduce((sum, q, k) => sum + coefficients[k]! * q[j]!, 0))
      })
      expect(rms(residuals)).toBeCloseTo(0.18, 2)
    }
    expect(autoencoder!.network).toEqual({
      inputSize: 16,
      hiddenUnits: 4,
      activation: 'tanh',
      outputSize: 16,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(maxGradientError(autoencoder!.network as NetworkSpec)).toBeLessThan(1e-3)
    const autoencoderNet = createTaskTrainable(autoencoder!, 'adam', 0)
    expect(parameterCount(autoencoderNet)).toBe(148)
    expect(autoencoderNet.evaluateSync()).toBeGreaterThan(10)
    expect(autoencoderNet.evaluateSync()).toBeLessThan(12.5)
    // E2: two items of 6 inputs N(0, 1); w = the first 6 draws of seed 20002; ≈ 90 % of the labels
    // say [w·v > w·u] (second item preferred), balanced; MLP 12-32(ReLU)-2, CE ≈ ln 2.
    const drawW = new SeededRandom(20002)
    const w = Array.from({ length: 6 }, () => drawW.normal())
    for (const split of [preference!.train, preference!.validation]) {
      const preferred = rowsOf(split, 12).map((x) => (dot(w, x.slice(6)) > dot(w, x.slice(0, 6)) ? 1 : 0))
      const agree = preferred.map((label, r) => (label === split.labels![r] ? 1 : 0))
      expect(mean(agree)).toBeGreaterThan(0.87)
      expect(mean(agree)).toBeLessThan(0.93)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
      expect(rms(split.inputs)).toBeCloseTo(1, 1)
    }
    expect(preference!.network).toMatchObject({
      inputSize: 12,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
    })
    const preferenceNet = createTaskTrainable(preference!, 'adam', 0)
    expect(parameterCount(preferenceNet)).toBe(482)
    expect(preferenceNet.evaluateSync()).toBeGreaterThan(0.6)
    expect(preferenceNet.evaluateSync()).toBeLessThan(0.9)
    // E3: 8×8 binary patterns (mean 0.5) plus noise σ 0.4, balanced; a mirrored pixel pair differs
    // by noise alone (rms 0.4·√2 ≈ 0.57) in a symmetric image and by √(0.5 + 0.32) ≈ 0.91 rms in an
    // asymmetric one; CNN conv 3×3 × 6, CE ≈ ln 2.
    for (const split of [mirror!.train, mirror!.validation]) {
      const images = rowsOf(split, 64)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
      for (const label of [0, 1]) {
        const ofClass = images.filter((_, r) => split.labels![r] === label)
        expect(mean(ofClass.flat())).toBeCloseTo(0.5, 1)
        const differences = ofClass.flatMap((image) =>
          Array.from({ length: 32 }, (_, p) => {
            const [i, j] = [Math.floor(p / 4), p % 4]
            return image[i * 8 + j]! - image[i * 8 + 7 - j]!
          }),
        )
        expect(rms(differences)).toBeCloseTo(label === 1 ? 0.57 : 0.91, 1)
      }
    }
    expect(mirror!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 6, outputSize: 2 })
    const mirrorNet = createTaskTrainable(mirror!, 'adam', 0)
    expect(parameterCount(mirrorNet)).toBe(494)
    expect(mirrorNet.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    // E4: a = the first 8 draws of seed 20004, normalised; y − clip(2·a·x, −1, 1) is noise of σ 0.1;
    // ≈ 62 % of the rows are clipped (|a·x| > 0.5); MLP 8-32(ReLU)-1, MSE ≈ 0.6–1.2 at init.
    const drawA = new SeededRandom(20004)
    const rawA = Array.from({ length: 8 }, () => drawA.normal())
    const a = rawA.map((value) => value / Math.hypot(...rawA))
    for (const split of [clipped!.train, clipped!.validation]) {
      const projections = rowsOf(split, 8).map((x) => dot(a, x))
      const ramp = projections.map((z) => Math.min(1, Math.max(-1, 2 * z)))
      expect(rms(ramp.map((y, r) => split.targets![r]! - y))).toBeCloseTo(0.1, 2)
      expect(mean(projections.map((z) => (Math.abs(z) > 0.5 ? 1 : 0)))).toBeCloseTo(0.62, 1)
      expect(rms(split.targets!) ** 2).toBeCloseTo(0.74, 1)
    }
    expect(clipped!.network).toMatchObject({ inputSize: 8, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    const clippedNet = createTaskTrainable(clipped!, 'adam', 0)
    expect(parameterCount(clippedNet)).toBe(321)
    expect(clippedNet.evaluateSync()).toBeGreaterThan(0.5)
    expect(clippedNet.evaluateSync()).toBeLessThan(1.3)
    // E5: 400 training rows, all in every batch (64 at the small sizes); 3 classes; tanh MLP
    // 6-32(tanh)-3, CE a little above ln 3.
    expect([fullBatch!.train.count, fullBatch!.validation.count, fullBatch!.batchSize]).toEqual([
      400, 1000, 400,
    ])
    expect(fullBatch!.description).toContain('full batch (400 rows per step)')
    const smallFullBatch = createEvalTasks(SMALL, ['full-batch-clusters'])[0]!
    expect([smallFullBatch.train.count, smallFullBatch.batchSize]).toEqual([64, 64])
    expect(new Set(fullBatch!.train.labels!)).toEqual(new Set([0, 1, 2]))
    expect(fullBatch!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    const fullBatchNet = createTaskTrainable(fullBatch!, 'adam', 0)
    expect(parameterCount(fullBatchNet)).toBe(323)
    expect(fullBatchNet.evaluateSync()).toBeGreaterThan(1)
    expect(fullBatchNet.evaluateSync()).toBeLessThan(1.4)
    // E6: the whole network pretrained (no new head); 300 training rows, 1000 held out, inputs
    // N(1.5, 2²) per coordinate; y − (sin(a·x) + 0.5·b·x) is noise of σ 0.1 (a, b: the first 12
    // draws of seed 20006, / √6); MLP 6-32(ReLU)-1, MSE ≈ 1.3 at init for every seed.
    expect([shifted!.train.count, shifted!.validation.count, shifted!.batchSize]).toEqual([300, 1000, 32])
    expect(Object.keys(shifted!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(shifted!.reinitialize).toBeUndefined()
    const drawAB = new SeededRandom(20006)
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 6 }, () => drawAB.normal() / Math.sqrt(6)))
    for (const split of [shifted!.train, shifted!.validation]) {
      const x = rowsOf(split, 6)
      const f = x.map((row) => Math.sin(dot(fa!, row)) + 0.5 * dot(fb!, row))
      expect(rms(f.map((y, r) => split.targets![r]! - y))).toBeCloseTo(0.1, 1)
      // Standard error of the mean: 2 / √(6 · 300) ≈ 0.05 on the training rows.
      expect(Math.abs(mean(split.inputs) - 1.5)).toBeLessThan(0.15)
      expect(rms(Array.from(split.inputs, (value) => value - 1.5))).toBeCloseTo(2, 1)
    }
    expect(shifted!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    const shifted0 = createTaskTrainable(shifted!, 'adam', 0)
    const shifted1 = createTaskTrainable(shifted!, 'adam', 1)
    expect(parameterCount(shifted0)).toBe(257)
    expect(Array.from(shifted0.parameters.w2!)).toEqual(Array.from(shifted!.pretrained!.w2!))
    expect(shifted1.evaluateSync()).toBe(shifted0.evaluateSync())
    expect(shifted0.evaluateSync()).toBeGreaterThan(1.1)
    expect(shifted0.evaluateSync()).toBeLessThan(1.5)
    expect(shifted!.description).toContain('(300 rows, whole network)')
  })

  it('the round-13 F tasks build with their documented shapes and loss scales', () => {
    const names = [
      'motif-detection',
      'mnist-7x7',
      'poisson-counts-regression',
      'deep-teacher-student',
      'cnn-segment-column',
      'finetune-multi-task-regression',
    ] as const
    expect(EVAL_TASK_NAMES.slice(132, 138)).toEqual([...names])
    const [motif, mnist7, poisson, deep, segment, multi] = createEvalTasks(undefined, [...names])
    for (const task of [motif, mnist7, poisson, deep, segment]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // F1: 20 inputs ±1; a scan for +1 +1 −1 +1 gives the label on ≈ 95 % of the rows (5 % flipped),
    // both classes about half; MLP 20-64(ReLU)-2, CE ≈ 0.75–0.85 at init.
    const pattern = '++-+'
    for (const split of [motif!.train, motif!.validation]) {
      const sequences = rowsOf(split, 20)
      expect(sequences.flat().every((x) => x === 1 || x === -1)).toBe(true)
      const found = sequences.map((x) =>
        x
          .map((v) => (v > 0 ? '+' : '-'))
          .join('')
          .includes(pattern)
          ? 1
          : 0,
      )
      const flipped = found.filter((f, r) => f !== split.labels![r]).length / split.count
      expect(flipped).toBeGreaterThan(0.03)
      expect(flipped).toBeLessThan(0.07)
      expect(mean(found)).toBeGreaterThan(0.45)
      expect(mean(found)).toBeLessThan(0.55)
    }
    expect(motif!.network).toEqual({
      inputSize: 20,
      hiddenUnits: 64,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(motif!, 'adam', 0))).toBe(1474)
    for (const seed of [0, 1]) {
      expect(initialLoss(motif!, seed)).toBeGreaterThan(0.7)
      expect(initialLoss(motif!, seed)).toBeLessThan(0.9)
    }
    // F2: 49 inputs in [0, 1], ten balanced classes; MLP 49-32(ReLU)-10, CE ≈ ln 10 at init.
    expect(mnist7!.train.inputs.length).toBe(2000 * 49)
    expect(Math.min(...mnist7!.train.inputs)).toBe(0)
    expect(Math.max(...mnist7!.train.inputs)).toBeLessThanOrEqual(1)
    expect(Array.from(mnist7!.validation.labels!.slice(0, 10))).toEqual(ALL_TEN)
    expect(mnist7!.network).toEqual({
      inputSize: 49,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 10,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(mnist7!, 'adam', 0))).toBe(1930)
    expect(initialLoss(mnist7!, 0)).toBeCloseTo(Math.log(10), 0)
    // F3: integer targets ≥ 0 (≈ 30 % zeros); the mean μ = exp(0.3 + 0.5·a·x) (a: the first 6 draws
    // of seed 21003, normalised) leaves a residual variance ≈ mean(μ) ≈ 1.55 (Poisson); MLP 6-32(ReLU)-1.
    const drawA = new SeededRandom(21003)
    const a = Array.from({ length: 6 }, () => drawA.normal())
    const aNorm = Math.hypot(...a)
    for (const split of [poisson!.train, poisson!.validation]) {
      const targets = Array.from(split.targets!)
      expect(targets.every((y) => Number.isInteger(y) && y >= 0)).toBe(true)
      const zeros = targets.filter((y) => y === 0).length / split.count
      expect(zeros).toBeGreaterThan(0.26)
      expect(zeros).toBeLessThan(0.34)
      const means = rowsOf(split, 6).map((x) =>
        Math.exp(0.3 + 0.5 * a.reduce((s, ad, d) => s + (ad / aNorm) * x[d]!, 0)),
      )
      expect(mean(targets)).toBeCloseTo(mean(means), 0)
      const residualVariance = mean(targets.map((y, r) => (y - means[r]!) ** 2))
      expect(residualVariance / mean(means)).toBeGreaterThan(0.85)
      expect(residualVariance / mean(means)).toBeLessThan(1.15)
    }
    expect(poisson!.network).toMatchObject({ inputSize: 6, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    expect(parameterCount(createTaskTrainable(poisson!, 'adam', 0))).toBe(257)
    for (const seed of [0, 1]) {
      expect(initialLoss(poisson!, seed)).toBeGreaterThan(4.5)
      expect(initialLoss(poisson!, seed)).toBeLessThan(7)
    }
    // F4: the teacher tanh(tanh(x·V₁ + c₁)·V₂ + c₂)·U from seed 21004, logits centred by their means
    // over all rows; its argmax is the label on ≈ 95 % of the rows; three classes of 25–42 % each.
    const drawTeacher = new SeededRandom(21004)
    const draw = (count: number, scale: number) =>
      Array.from({ length: count }, () => scale * drawTeacher.normal())
    const [v1, c1, v2, c2, u] = [
      draw(160, 1 / Math.sqrt(10)),
      draw(16, 0.5),
      draw(256, 0.5),
      draw(16, 0.5),
      draw(48, 1),
    ]
    const layer = (x: number[], w: number[], bias: number[]) =>
      bias.map((b, j) => Math.tanh(x.reduce((s, xi, i) => s + xi * w[i * 16 + j]!, b)))
    const allRows = [...rowsOf(deep!.train, 10), ...rowsOf(deep!.validation, 10)]
    const logits = allRows.map((x) => {
      const h = layer(layer(x, v1, c1), v2, c2)
      return [0, 1, 2].map((k) => h.reduce((s, hj, j) => s + hj * u[j * 3 + k]!, 0))
    })
    const centres = [0, 1, 2].map((k) => mean(logits.map((l) => l[k]!)))
    const teacherLabels = logits.map((l) => {
      const centred = l.map((v, k) => v - centres[k]!)
      return centred.indexOf(Math.max(...centred))
    })
    const allLabels = [...deep!.train.labels!, ...deep!.validation.labels!]
    const agree = mean(teacherLabels.map((t, r) => (t === allLabels[r] ? 1 : 0)))
    expect(agree).toBeGreaterThan(0.93)
    expect(agree).toBeLessThan(0.97)
    for (const k of [0, 1, 2]) {
      expect(allLabels.filter((l) => l === k).length / allLabels.length).toBeGreaterThan(0.25)
      expect(allLabels.filter((l) => l === k).length / allLabels.length).toBeLessThan(0.42)
    }
    expect(deep!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(deep!, 'adam', 0))).toBe(451)
    for (const seed of [0, 1]) {
      expect(initialLoss(deep!, seed)).toBeGreaterThan(1)
      expect(initialLoss(deep!, seed)).toBeLessThan(1.3)
    }
    // F5: targets c / 9, c = 0…9 about uniform; the column with the largest sum over a 3-pixel
    // vertical window is c on most rows (pixel noise σ 0.5 hides the segment on some); a conv
    // regression (MSE), MSE ≈ E[t²] ≈ 0.36 at init.
    for (const split of [segment!.train, segment!.validation]) {
      const columns = Array.from(split.targets!, (t) => Math.round(t * 9))
      expect(Array.from(split.targets!)).toEqual(columns.map((c) => Math.fround(c / 9)))
      for (let c = 0; c < 10; c++) {
        expect(columns.filter((column) => column === c).length / split.count).toBeGreaterThan(0.07)
        expect(columns.filter((column) => column === c).length / split.count).toBeLessThan(0.13)
      }
      const images = rowsOf(split, 100)
      const found = images.map((image) => {
        let best = [0, Number.NEGATIVE_INFINITY]
        for (let top = 0; top < 8; top++) {
          for (let c = 0; c < 10; c++) {
            const sum = image[top * 10 + c]! + image[(top + 1) * 10 + c]! + image[(top + 2) * 10 + c]!
            if (sum > best[1]!) best = [c, sum]
          }
        }
        return best[0]
      })
      const hits = mean(found.map((c, r) => (c === columns[r] ? 1 : 0)))
      expect(hits).toBeGreaterThan(0.75)
      expect(hits).toBeLessThan(0.99)
    }
    expect(segment!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 4,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(segment!, 'adam', 0))).toBe(297)
    for (const seed of [0, 1]) {
      expect(initialLoss(segment!, seed)).toBeGreaterThan(0.3)
      expect(initialLoss(segment!, seed)).toBeLessThan(0.45)
    }
    // F6: the body (w1, b1) of a pretrained 1-output regression, a new 3-output head from the seed;
    // 400 training rows, 1000 held out; targets [f, g, h] (a, b: the first 16 draws of seed 21006
    // over √8) plus noise of σ 0.2 each; MLP 8-32(ReLU)-3, MSE ≈ 2.5–3.1 at init.
    expect([multi!.train.count, multi!.validation.count, multi!.batchSize]).toEqual([400, 1000, 32])
    expect(multi!.network).toEqual({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(Object.keys(multi!.pretrained!).sort()).toEqual(['b1', 'w1'])
    expect(multi!.reinitialize).toEqual(['w2', 'b2'])
    const drawAb = new SeededRandom(21006)
    const ab = Array.from({ length: 16 }, () => drawAb.normal() / Math.sqrt(8))
    for (const split of [multi!.train, multi!.validation]) {
      expect(split.targets!.length).toBe(3 * split.count)
      const truth = rowsOf(split, 8).map((x) => {
        const ax = x.reduce((s, xd, d) => s + ab[d]! * xd, 0)
        const bx = x.reduce((s, xd, d) => s + ab[8 + d]! * xd, 0)
        return [Math.sin(1.5 * ax) + 0.5 * bx, 0.5 * (ax * ax - 1), Math.cos(bx)]
      })
      for (const output of [0, 1, 2]) {
        const residuals = truth.map((t, r) => split.targets![3 * r + output]! - t[output]!)
        expect(rms(residuals)).toBeCloseTo(0.2, 1)
      }
    }
    const seed0 = createTaskTrainable(multi!, 'adam', 0)
    const seed1 = createTaskTrainable(multi!, 'adam', 1)
    expect(parameterCount(seed0)).toBe(387)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(multi!.pretrained!.w1!))
    expect(Array.from(seed1.parameters.b1!)).toEqual(Array.from(multi!.pretrained!.b1!))
    expect(seed0.parameters.w2).toHaveLength(96)
    expect(Array.from(seed0.parameters.w2!)).not.toEqual(Array.from(seed1.parameters.w2!))
    for (const trainable of [seed0, seed1]) {
      expect(trainable.evaluateSync()).toBeGreaterThan(2.2)
      expect(trainable.evaluateSync()).toBeLessThan(3.5)
    }
    expect(multi!.description).toContain('(400 rows, new 3-output head, MSE)')
  })

  it('the round-14 G tasks build with their documented shapes and loss scales', () => {
    const names = [
      'swiss-roll-thirds',
      'direction-regression',
      'cnn-disc-or-ring',
      'distribution-shape-classes',
      'skewed-noise-regression',
      'finetune-permuted-labels',
    ] as const
    expect(EVAL_TASK_NAMES.slice(138, 144)).toEqual([...names])
    const [roll, direction, disc, shape, skewed, permuted] = createEvalTasks(undefined, [...names])
    for (const task of [roll, direction, disc, shape, skewed]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const shares = (labels: Int32Array, classes: number) =>
      Array.from({ length: classes }, (_, k) => labels.filter((label) => label === k).length / labels.length)
    // G1: (t·cos t, h, t·sin t) / 7 + noise σ 0.1, t in [1.5π, 4.5π]: 7 × the distance from the roll's
    // axis is t ± 0.7, h in [−1.5, 1.5]; the arc-length third of that t is the label on most rows
    // (the noise moves points near a boundary), three balanced classes; MLP 3-64(tanh)-3.
    const arc = (t: number) => (t * Math.sqrt(1 + t * t) + Math.asinh(t)) / 2
    const [from, to] = [arc(1.5 * Math.PI), arc(4.5 * Math.PI)]
    for (const split of [roll!.train, roll!.validation]) {
      const points = rowsOf(split, 3)
      const radii = points.map(([x, , z]) => 7 * Math.hypot(x!, z!))
      expect(Math.min(...radii)).toBeGreaterThan(1.5 * Math.PI - 3)
      expect(Math.max(...radii)).toBeLessThan(4.5 * Math.PI + 3)
      const heights = points.map(([, h]) => h!)
      expect(Math.min(...heights)).toBeGreaterThan(-1.5 - 0.5)
      expect(Math.max(...heights)).toBeLessThan(1.5 + 0.5)
      expect(mean(heights)).toBeCloseTo(0, 1)
      const thirds = radii.map((t) =>
        Math.min(2, Math.max(0, Math.floor((3 * (arc(t) - from)) / (to - from)))),
      )
      const agree = mean(thirds.map((third, r) => (third === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.85)
      expect(agree).toBeLessThan(0.995)
      for (const share of shares(split.labels!, 3)) {
        expect(share).toBeGreaterThan(0.28)
        expect(share).toBeLessThan(0.39)
      }
    }
    expect(roll!.network).toEqual({
      inputSize: 3,
      hiddenUnits: 64,
      activation: 'tanh',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(roll!, 'adam', 0))).toBe(451)
    for (const seed of [0, 1]) {
      expect(initialLoss(roll!, seed)).toBeGreaterThan(1.05)
      expect(initialLoss(roll!, seed)).toBeLessThan(1.55)
    }
    // G2: targets (cos θ, sin θ) on the unit circle, θ spread over the whole circle; the inputs are
    // U·v + noise of σ 1 (U: the first 16 draws of seed 22002, row k = (u_k0, u_k1)); MLP
    // 8-32(ReLU)-2 with output weights N(0, 0.03²), MSE ≈ 1 at init.
    const drawU = new SeededRandom(22002)
    const observation = Array.from({ length: 16 }, () => drawU.normal())
    for (const split of [direction!.train, direction!.validation]) {
      expect(split.targets!.length).toBe(2 * split.count)
      const vectors = Array.from({ length: split.count }, (_, r) => [
        split.targets![2 * r]!,
        split.targets![2 * r + 1]!,
      ])
      for (const [c, s] of vectors) expect(Math.hypot(c!, s!)).toBeCloseTo(1, 5)
      const quadrants = [0, 1, 2, 3].map(
        (q) =>
          vectors.filter(([c, s]) => (c! >= 0 ? (s! >= 0 ? 0 : 3) : s! >= 0 ? 1 : 2) === q).length /
          split.count,
      )
      for (const share of quadrants) expect(share).toBeGreaterThan(0.2)
      const residuals = rowsOf(split, 8).flatMap((o, r) =>
        o.map(
          (value, k) =>
            value - observation[2 * k]! * vectors[r]![0]! - observation[2 * k + 1]! * vectors[r]![1]!,
        ),
      )
      expect(mean(residuals)).toBeCloseTo(0, 1)
      expect(rms(residuals)).toBeCloseTo(1, 1)
    }
    expect(direction!.network).toEqual({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'mse',
      initScale: 0.03,
    })
    expect(parameterCount(createTaskTrainable(direction!, 'adam', 0))).toBe(354)
    for (const seed of [0, 1]) {
      expect(initialLoss(direction!, seed)).toBeGreaterThan(0.9)
      expect(initialLoss(direction!, seed)).toBeLessThan(1.3)
    }
    // G3: 10×10 images, two balanced classes; the corner pixels lie outside every figure (pixel noise
    // of σ 0.6 only); discs (label 0) hold more ink than rings on average, but the ink of the two
    // classes overlaps; a conv classifier, CE ≈ ln 2 at init.
    for (const split of [disc!.train, disc!.validation]) {
      expect(split.inputs.length).toBe(100 * split.count)
      for (const share of shares(split.labels!, 2)) {
        expect(share).toBeGreaterThan(0.45)
        expect(share).toBeLessThan(0.55)
      }
      const images = rowsOf(split, 100)
      expect(rms(images.flatMap((image) => [image[0]!, image[9]!, image[90]!, image[99]!]))).toBeCloseTo(
        0.6,
        1,
      )
      const ink = images.map((image) => image.reduce((s, p) => s + p, 0))
      const quantile = (label: number, q: number) => {
        const sorted = ink.filter((_, r) => split.labels![r] === label).sort((a, b) => a - b)
        return sorted[Math.floor(q * sorted.length)]!
      }
      expect(quantile(0, 0.5) - quantile(1, 0.5)).toBeGreaterThan(4)
      expect(quantile(1, 0.9)).toBeGreaterThan(quantile(0, 0.1))
    }
    expect(disc!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 4, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(disc!, 'adam', 0))).toBe(554)
    for (const seed of [0, 1]) expect(initialLoss(disc!, seed)).toBeCloseTo(Math.log(2), 1)
    // G4: 6 inputs of mean 0 and variance 1 in both classes; label 0: uniform on [−√3, √3] (E x⁴ =
    // 1.8), label 1: Laplace (E x⁴ = 6; ≈ 42 % of its rows have a value beyond ±√3); MLP 6-32(ReLU)-2.
    for (const split of [shape!.train, shape!.validation]) {
      for (const share of shares(split.labels!, 2)) {
        expect(share).toBeGreaterThan(0.45)
        expect(share).toBeLessThan(0.55)
      }
      const rows = rowsOf(split, 6)
      for (const label of [0, 1]) {
        const values = rows.filter((_, r) => split.labels![r] === label).flat()
        expect(mean(values)).toBeCloseTo(0, 1)
        expect(mean(values.map((x) => x * x))).toBeCloseTo(1, 1)
        const fourth = mean(values.map((x) => x ** 4))
        if (label === 0) {
          expect(Math.max(...values.map(Math.abs))).toBeLessThanOrEqual(Math.fround(Math.sqrt(3)))
          expect(fourth).toBeCloseTo(1.8, 1)
        } else {
          expect(fourth).toBeGreaterThan(4.5)
          expect(fourth).toBeLessThan(7.5)
          const beyond = mean(
            rows
              .filter((_, r) => split.labels![r] === 1)
              .map((x) => (x.some((v) => Math.abs(v) > Math.sqrt(3)) ? 1 : 0)),
          )
          expect(beyond).toBeGreaterThan(0.36)
          expect(beyond).toBeLessThan(0.48)
        }
      }
    }
    expect(shape!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(shape!, 'adam', 0))).toBe(290)
    for (const seed of [0, 1]) {
      expect(initialLoss(shape!, seed)).toBeGreaterThan(0.69)
      expect(initialLoss(shape!, seed)).toBeLessThan(0.85)
    }
    // G5: y − (sin(a·x) + 0.5·b·x) (a, b: the first 12 draws of seed 22005 over √6) has mean ≈ 0,
    // σ ≈ 0.7, is never below −0.7 and is right-skewed (skewness ≈ 2); MLP 6-32(ReLU)-1.
    const drawAb = new SeededRandom(22005)
    const ab = Array.from({ length: 12 }, () => drawAb.normal() / Math.sqrt(6))
    for (const split of [skewed!.train, skewed!.validation]) {
      const noise = rowsOf(split, 6).map((x, r) => {
        const ax = x.reduce((s, xd, d) => s + ab[d]! * xd, 0)
        const bx = x.reduce((s, xd, d) => s + ab[6 + d]! * xd, 0)
        return split.targets![r]! - Math.sin(ax) - 0.5 * bx
      })
      expect(mean(noise)).toBeCloseTo(0, 1)
      expect(rms(noise)).toBeCloseTo(0.7, 1)
      expect(Math.min(...noise)).toBeGreaterThan(-0.7 - 1e-5)
      const skewness = mean(noise.map((e) => e ** 3)) / rms(noise) ** 3
      expect(skewness).toBeGreaterThan(1.4)
      expect(skewness).toBeLessThan(2.8)
    }
    expect(skewed!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(skewed!, 'adam', 0))).toBe(257)
    for (const seed of [0, 1]) {
      expect(initialLoss(skewed!, seed)).toBeGreaterThan(0.8)
      expect(initialLoss(skewed!, seed)).toBeLessThan(2)
    }
    // G6: the whole pretrained network, head included (nothing drawn from the seed); 400 training
    // rows, 1000 held out, four balanced classes; the pretrained network fits the labels mapped back
    // (c → (c − 1) mod 4) and is confidently wrong on the permuted ones: CE ≈ 3.5 at init.
    expect([permuted!.train.count, permuted!.validation.count, permuted!.batchSize]).toEqual([400, 1000, 32])
    expect(permuted!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 4,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(Object.keys(permuted!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(permuted!.reinitialize).toBeUndefined()
    for (const share of shares(permuted!.validation.labels!, 4)) {
      expect(share).toBeGreaterThan(0.2)
      expect(share).toBeLessThan(0.3)
    }
    const seed0 = createTaskTrainable(permuted!, 'adam', 0)
    expect(parameterCount(seed0)).toBe(484)
    expect(Array.from(seed0.parameters.w2!)).toEqual(Array.from(permuted!.pretrained!.w2!))
    expect(seed0.evaluateSync()).toBe(initialLoss(permuted!, 1))
    expect(seed0.evaluateSync()).toBeGreaterThan(3)
    expect(seed0.evaluateSync()).toBeLessThan(4)
    const unpermuted: EvalTask = {
      ...permuted!,
      validation: {
        ...permuted!.validation,
        labels: permuted!.validation.labels!.map((label) => (label + 3) % 4),
      },
    }
    expect(initialLoss(unpermuted, 0)).toBeGreaterThan(0.2)
    expect(initialLoss(unpermuted, 0)).toBeLessThan(Math.log(4))
    expect(permuted!.description).toContain('(400 rows, head kept)')
  })

  it('the round-14 H tasks build with their documented shapes and loss scales', () => {
    const names = [
      'prefix-sum-sign',
      'mnist-row-gradient',
      'rare-regime-regression',
      'cnn-lit-balance',
      'nested-arcs',
      'finetune-small-correction',
    ] as const
    expect(EVAL_TASK_NAMES.slice(144, 150)).toEqual([...names])
    const [prefix, gradient, rare, lit, arcs, correction] = createEvalTasks(undefined, [...names])
    for (const task of [prefix, gradient, rare, lit, arcs]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ud, d) => sum + ud * v[d]!, 0)
    const unitDraw = (seed: number, size: number) => {
      const random = new SeededRandom(seed)
      const raw = Array.from({ length: size }, () => random.normal())
      return raw.map((value) => value / Math.hypot(...raw))
    }
    // H1: the first input is L / 15, L ∈ 1…15 (all fifteen occur); the sign of the sum of the next L
    // inputs is the label on ≈ 95 % of the rows, balanced; v₁'s sign alone agrees on ≈ 64 %; MLP
    // 16-64(ReLU)-2, CE ≈ 0.7–0.9 at init.
    for (const split of [prefix!.train, prefix!.validation]) {
      const sequences = rowsOf(split, 16)
      const lengths = sequences.map((x) => Math.round(x[0]! * 15))
      expect(sequences.map((x) => x[0])).toEqual(lengths.map((length) => Math.fround(length / 15)))
      expect(new Set(lengths)).toEqual(new Set(Array.from({ length: 15 }, (_, i) => i + 1)))
      const signs = sequences.map((x, r) =>
        x.slice(1, 1 + lengths[r]!).reduce((s, v) => s + v, 0) > 0 ? 1 : 0,
      )
      const agree = mean(signs.map((sign, r) => (sign === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.97)
      expect(mean(sequences.map((x, r) => ((x[1]! > 0 ? 1 : 0) === split.labels![r] ? 1 : 0)))).toBeCloseTo(
        0.64,
        1,
      )
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
      expect(rms(sequences.flatMap((x) => x.slice(1)))).toBeCloseTo(1, 1)
    }
    expect(prefix!.network).toEqual({
      inputSize: 16,
      hiddenUnits: 64,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(prefix!, 'adam', 0))).toBe(1218)
    for (const seed of [0, 1]) {
      expect(initialLoss(prefix!, seed)).toBeGreaterThan(0.7)
      expect(initialLoss(prefix!, seed)).toBeLessThan(0.9)
    }
    // H2: the 14×14 digits plus −0.6 … +0.6 by 2-row block; the background (a plain pixel of 0)
    // reads the block's offset; MLP 196-32(ReLU)-10, CE ≈ ln 10 at init.
    expect(gradient!.train.inputs.reduce((low, x) => Math.min(low, x), 0)).toBeCloseTo(-0.6, 6)
    expect(gradient!.train.inputs.reduce((high, x) => Math.max(high, x), 0)).toBeLessThanOrEqual(1.6 + 1e-6)
    expect(gradient!.train.inputs[0]).toBeCloseTo(-0.6, 6)
    expect(gradient!.train.inputs[195]).toBeCloseTo(0.6, 6)
    expect(Array.from(gradient!.validation.labels!.slice(0, 10))).toEqual(ALL_TEN)
    expect(gradient!.network).toEqual({
      inputSize: 196,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 10,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(gradient!, 'adam', 0))).toBe(6634)
    expect(initialLoss(gradient!, 0)).toBeCloseTo(Math.log(10), 0)
    // H3: the 6th input is a 0/1 flag on ≈ 10 % of the rows; y − slope·a·x (slope −3 where flagged,
    // 1 elsewhere; a: the first 5 draws of seed 23013, normalised) is noise of σ 0.2; mean square
    // target ≈ 1.8; MLP 6-32(ReLU)-1, MSE ≈ 1.8–2.8 at init.
    const a = unitDraw(23013, 5)
    for (const split of [rare!.train, rare!.validation]) {
      const x = rowsOf(split, 6)
      const flags = x.map((row) => row[5]!)
      expect(flags.every((flag) => flag === 0 || flag === 1)).toBe(true)
      expect(mean(flags)).toBeGreaterThan(0.07)
      expect(mean(flags)).toBeLessThan(0.13)
      const residuals = x.map(
        (row, r) => split.targets![r]! - (row[5] === 1 ? -3 : 1) * dot(a, row.slice(0, 5)),
      )
      expect(rms(residuals)).toBeCloseTo(0.2, 1)
      expect(rms(split.targets!) ** 2).toBeCloseTo(1.8, 0)
    }
    expect(rare!.network).toMatchObject({ inputSize: 6, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    expect(parameterCount(createTaskTrainable(rare!, 'adam', 0))).toBe(257)
    for (const seed of [0, 1]) {
      expect(initialLoss(rare!, seed)).toBeGreaterThan(1.8)
      expect(initialLoss(rare!, seed)).toBeLessThan(2.8)
    }
    // H4: 8×8 images; a quarter of the pixels lit; 4·target is an integer (top − bottom lit
    // counts); the target's variance ≈ 0.75; reading each pixel as lit above 0.5 misreads ≈ 5 % of
    // them (MSE ≈ 0.19 against the target); CNN conv 3×3 × 4 regression, MSE ≈ 0.75–1 at init.
    for (const split of [lit!.train, lit!.validation]) {
      const images = rowsOf(split, 64)
      expect(mean(split.inputs)).toBeCloseTo(0.25, 1)
      const counts = Array.from(split.targets!, (t) => 4 * t)
      expect(counts.every((count) => Number.isInteger(count))).toBe(true)
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.1)
      expect(rms(split.targets!) ** 2).toBeCloseTo(0.75, 0)
      const read = images.map((image) => image.reduce((s, x, p) => s + (x > 0.5 ? (p < 32 ? 1 : -1) : 0), 0))
      const thresholdError = rms(read.map((count, r) => (count - counts[r]!) / 4)) ** 2
      expect(thresholdError).toBeGreaterThan(0.12)
      expect(thresholdError).toBeLessThan(0.26)
    }
    expect(lit!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 4, outputSize: 1, loss: 'mse' })
    expect(parameterCount(createTaskTrainable(lit!, 'adam', 0))).toBe(185)
    for (const seed of [0, 1]) {
      expect(initialLoss(lit!, seed)).toBeGreaterThan(0.7)
      expect(initialLoss(lit!, seed)).toBeLessThan(1)
    }
    // H5: class k's points lie within noise σ 0.1 of radius 0.4 + 0.3·k, at angles k·144° …
    // k·144° + 180°; five classes of about a fifth each; MLP 2-48(tanh)-5, CE ≈ ln 5 at init.
    for (const split of [arcs!.train, arcs!.validation]) {
      const points = rowsOf(split, 2)
      for (let k = 0; k < 5; k++) {
        const ofClass = points.filter((_, r) => split.labels![r] === k)
        expect(ofClass.length / split.count).toBeGreaterThan(0.16)
        expect(ofClass.length / split.count).toBeLessThan(0.24)
        expect(rms(ofClass.map(([x, y]) => Math.hypot(x!, y!) - (0.4 + 0.3 * k)))).toBeCloseTo(0.1, 1)
        const along = ofClass.map(([x, y]) => {
          const turn = (Math.atan2(y!, x!) - (k * 4 * Math.PI) / 5) / (2 * Math.PI)
          return 360 * (turn - Math.floor(turn))
        })
        expect(mean(along.map((degrees) => (degrees < 195 || degrees > 345 ? 1 : 0)))).toBeGreaterThan(0.95)
      }
    }
    expect(arcs!.network).toEqual({
      inputSize: 2,
      hiddenUnits: 48,
      activation: 'tanh',
      outputSize: 5,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(arcs!, 'adam', 0))).toBe(389)
    for (const seed of [0, 1]) {
      expect(initialLoss(arcs!, seed)).toBeGreaterThan(1.4)
      expect(initialLoss(arcs!, seed)).toBeLessThan(1.85)
    }
    // H6: the whole network pretrained (no new head); 500 training rows, 1000 held out. The
    // pretrained network fits f (a, b: the first 12 draws of seed 23006, / √6) to MSE ≈ 0.01; the
    // targets are its own output plus 0.05·c·x (c: the first 6 draws of seed 23016, normalised) plus
    // noise of σ 0.1, so it scores ≈ 0.01 against the targets less the correction and ≈ 0.0125
    // against the targets, the same for every seed.
    expect([correction!.train.count, correction!.validation.count, correction!.batchSize]).toEqual([
      500, 1000, 32,
    ])
    expect(Object.keys(correction!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(correction!.reinitialize).toBeUndefined()
    expect(correction!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    const drawAB = new SeededRandom(23006)
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 6 }, () => drawAB.normal() / Math.sqrt(6)))
    const c = unitDraw(23016, 6)
    for (const split of [correction!.train, correction!.validation]) {
      const x = rowsOf(split, 6)
      const scoreOn = (targets: number[]) =>
        createTaskTrainable(
          { ...correction!, validation: { ...split, targets: Float32Array.from(targets) } },
          'sgdMomentum',
          2,
        ).evaluateSync()
      const uncorrected = x.map((row, r) => split.targets![r]! - 0.05 * dot(c, row))
      expect(scoreOn(uncorrected)).toBeGreaterThan(0.008)
      expect(scoreOn(uncorrected)).toBeLessThan(0.012)
      const f = x.map((row) => Math.sin(dot(fa!, row)) + 0.5 * dot(fb!, row))
      expect(scoreOn(f)).toBeGreaterThan(0.005)
      expect(scoreOn(f)).toBeLessThan(0.02)
      expect(rms(x.map((row) => 0.05 * dot(c, row))) ** 2).toBeCloseTo(0.0025, 3)
    }
    const seed0 = createTaskTrainable(correction!, 'adam', 0)
    const seed1 = createTaskTrainable(correction!, 'sgdMomentum', 1)
    expect(parameterCount(seed0)).toBe(257)
    expect(Array.from(seed0.parameters.w2!)).toEqual(Array.from(correction!.pretrained!.w2!))
    expect(seed1.evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(0.011)
    expect(seed0.evaluateSync()).toBeLessThan(0.014)
    expect(correction!.description).toContain('(500 rows, whole network, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-small-correction'])[0]!.train.count).toBe(64)
  })

  it('the round-15 I tasks build with their documented shapes and loss scales', () => {
    const names = [
      'alternating-sectors',
      'zero-inflated-regression',
      'cnn-dot-in-square',
      'radial-cone-regression',
      'input-outliers-classes',
      'finetune-xor-relabel',
    ] as const
    expect(EVAL_TASK_NAMES.slice(150, 156)).toEqual([...names])
    const [sectors, inflated, dot, cone, outliers, relabel] = createEvalTasks(undefined, [...names])
    for (const task of [sectors, inflated, dot, cone, outliers]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const initialLoss = (task: EvalTask, seed: number) =>
      createTaskTrainable(task, seed % 2 === 0 ? 'adam' : 'sgdMomentum', seed).evaluateSync()
    const expectInitialLoss = (task: EvalTask, low: number, high: number) => {
      for (const seed of [0, 1]) {
        expect(initialLoss(task, seed)).toBeGreaterThan(low)
        expect(initialLoss(task, seed)).toBeLessThan(high)
      }
    }
    // I1: the sector parity of the observed (noisy) point agrees with the label except near the
    // three boundary lines and the origin (input noise σ 0.1); classes balanced; MLP 2-32(tanh)-2.
    for (const split of [sectors!.train, sectors!.validation]) {
      const parity = rowsOf(split, 2).map(([x, y]) => {
        const angle = Math.atan2(y!, x!) + (y! < 0 ? 2 * Math.PI : 0)
        return Math.floor(angle / (Math.PI / 3)) % 2
      })
      const agree = mean(parity.map((p, r) => (p === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.9)
      expect(agree).toBeLessThan(0.99)
      expect(mean(split.labels!)).toBeGreaterThan(0.44)
      expect(mean(split.labels!)).toBeLessThan(0.56)
      expect(rms(split.inputs)).toBeCloseTo(1, 1)
    }
    expect(sectors!.network).toEqual({
      inputSize: 2,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(sectors!, 'adam', 0))).toBe(162)
    expectInitialLoss(sectors!, 0.65, 0.8)
    // I2: about half of the targets are exactly 0; the others are 1.5 + a·x + noise σ 0.2 (a: the
    // first 8 draws of seed 24002, / √8); mean square target ≈ 1.85; MLP 8-32(ReLU)-1, MSE ≈ 2–3.
    const drawA = new SeededRandom(24002)
    const a = Array.from({ length: 8 }, () => drawA.normal() / Math.sqrt(8))
    for (const split of [inflated!.train, inflated!.validation]) {
      const x = rowsOf(split, 8)
      const zeros = Array.from(split.targets!, (y) => (y === 0 ? 1 : 0))
      expect(mean(zeros)).toBeGreaterThan(0.42)
      expect(mean(zeros)).toBeLessThan(0.58)
      const residuals = x
        .filter((_, r) => split.targets![r] !== 0)
        .map((row) => 1.5 + row.reduce((sum, v, d) => sum + v * a[d]!, 0))
      const nonzero = Array.from(split.targets!).filter((y) => y !== 0)
      expect(rms(nonzero.map((y, k) => y - residuals[k]!))).toBeCloseTo(0.2, 1)
      expect(rms(split.targets!) ** 2).toBeGreaterThan(1.6)
      expect(rms(split.targets!) ** 2).toBeLessThan(2.1)
    }
    expect(inflated!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(inflated!, 'adam', 0))).toBe(321)
    expectInitialLoss(inflated!, 2, 3)
    // I3: 10×10 images on noise σ 0.5 plus an outline of side 4–7 (≥ 12 pixels of 0.7–1.3) and one dot:
    // the mean pixel is ≈ 0.2; classes balanced; CNN conv 3×3 × 6, CE ≈ ln 2 at init.
    for (const split of [dot!.train, dot!.validation]) {
      expect(mean(split.inputs)).toBeGreaterThan(0.15)
      expect(mean(split.inputs)).toBeLessThan(0.3)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
    }
    expect(dot!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 6, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(dot!, 'adam', 0))).toBe(830)
    expectInitialLoss(dot!, 0.68, 0.71)
    // I4: y − |x| is noise of σ 0.1 over 5 inputs N(0, I); mean target ≈ 2.1; MLP 5-32(ReLU)-1,
    // MSE ≈ 3–7 at init.
    for (const split of [cone!.train, cone!.validation]) {
      const x = rowsOf(split, 5)
      expect(rms(x.map((row, r) => split.targets![r]! - Math.hypot(...row)))).toBeCloseTo(0.1, 2)
      expect(mean(split.targets!)).toBeCloseTo(2.1, 1)
      expect(rms(split.inputs)).toBeCloseTo(1, 1)
    }
    expect(cone!.network).toMatchObject({ inputSize: 5, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    expect(parameterCount(createTaskTrainable(cone!, 'adam', 0))).toBe(225)
    expectInitialLoss(cone!, 3, 7)
    // I5: ≈ 5 % of the input entries are ±20 (both signs), in training and held-out rows alike; the
    // others are cluster points (rms ≈ 1.2); three balanced classes; MLP 8-32(ReLU)-3, CE ≈ 1.7–2.4.
    for (const split of [outliers!.train, outliers!.validation]) {
      const values = Array.from(split.inputs)
      const gross = values.filter((v) => Math.abs(v) === 20)
      expect(gross.length / values.length).toBeGreaterThan(0.04)
      expect(gross.length / values.length).toBeLessThan(0.06)
      expect(mean(gross.map((v) => (v > 0 ? 1 : 0)))).toBeCloseTo(0.5, 1)
      const clean = values.filter((v) => Math.abs(v) !== 20)
      expect(Math.max(...clean.map(Math.abs))).toBeLessThan(8)
      expect(rms(clean)).toBeGreaterThan(1)
      expect(rms(clean)).toBeLessThan(1.5)
      for (let c = 0; c < 3; c++) {
        const share = mean(Array.from(split.labels!, (label) => (label === c ? 1 : 0)))
        expect(share).toBeGreaterThan(0.28)
        expect(share).toBeLessThan(0.39)
      }
    }
    expect(outliers!.network).toMatchObject({
      inputSize: 8,
      hiddenUnits: 32,
      outputSize: 3,
      loss: 'crossEntropy',
    })
    expect(parameterCount(createTaskTrainable(outliers!, 'adam', 0))).toBe(387)
    expectInitialLoss(outliers!, 1.7, 2.4)
    // I6: the whole network pretrained (no new head); 500 training rows, 1000 held out; z (the ninth
    // input) is N(0, 1); flipping the label where z > 0 gives back the old labels, which the
    // pretrained network fits (CE < 0.45), while on the new labels it scores ≈ 1.5 for every seed.
    expect([relabel!.train.count, relabel!.validation.count, relabel!.batchSize]).toEqual([500, 1000, 32])
    expect(Object.keys(relabel!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(relabel!.reinitialize).toBeUndefined()
    expect(relabel!.network).toEqual({
      inputSize: 9,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    for (const split of [relabel!.train, relabel!.validation]) {
      const z = rowsOf(split, 9).map((row) => row[8]!)
      expect(rms(z)).toBeCloseTo(1, 1)
      expect(mean(z.map((v) => (v > 0 ? 1 : 0)))).toBeCloseTo(0.5, 1)
      const old = Int32Array.from(split.labels!, (label, r) => label ^ (z[r]! > 0 ? 1 : 0))
      const oldScore = createTaskTrainable(
        { ...relabel!, validation: { ...split, labels: old } },
        'adam',
        3,
      ).evaluateSync()
      expect(oldScore).toBeLessThan(0.45)
    }
    const seed0 = createTaskTrainable(relabel!, 'adam', 0)
    const seed1 = createTaskTrainable(relabel!, 'sgdMomentum', 1)
    expect(parameterCount(seed0)).toBe(386)
    expect(Array.from(seed0.parameters.w2!)).toEqual(Array.from(relabel!.pretrained!.w2!))
    expect(seed1.evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(1.3)
    expect(seed0.evaluateSync()).toBeLessThan(1.7)
    expect(relabel!.description).toContain('(500 rows, head kept)')
    expect(createEvalTasks(SMALL, ['finetune-xor-relabel'])[0]!.train.count).toBe(64)
  })

  it('the round-15 J tasks build with their documented shapes and loss scales', () => {
    const names = [
      'collinear-differences',
      'sawtooth-regression',
      'cnn-dot-distance',
      'mnist-overlaid-digit',
      'radial-wave-regression',
      'finetune-rescaled-target',
    ] as const
    expect(EVAL_TASK_NAMES.slice(156, 162)).toEqual([...names])
    const [collinear, sawtooth, dots, overlaid, radial, rescaled] = createEvalTasks(undefined, [...names])
    for (const task of [collinear, sawtooth, dots, overlaid, radial]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // J1: pairs c ± 0.2·d: the pair sums (2c) have variance ≈ 4, the differences (0.4·d) ≈ 0.16;
    // the label is the argmax of W·d (W: the first 15 draws of seed 25001) on ≈ 93 % of the rows
    // (10 % resampled, a third of them to the same class); the sums alone carry no label.
    const drawW = new SeededRandom(25001)
    const w = Array.from({ length: 15 }, () => drawW.normal())
    for (const split of [collinear!.train, collinear!.validation]) {
      const x = rowsOf(split, 10)
      const sums = x.flatMap((row) => [0, 1, 2, 3, 4].map((k) => row[2 * k]! + row[2 * k + 1]!))
      const differences = x.map((row) => [0, 1, 2, 3, 4].map((k) => (row[2 * k]! - row[2 * k + 1]!) / 0.4))
      expect(rms(sums) ** 2).toBeCloseTo(4, 0)
      expect(rms(differences.flat())).toBeCloseTo(1, 1)
      const teacher = differences.map((d) => {
        const scores = [0, 1, 2].map((c) => d.reduce((sum, dk, k) => sum + w[c * 5 + k]! * dk, 0))
        return scores.indexOf(Math.max(...scores))
      })
      const agree = mean(teacher.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.9)
      expect(agree).toBeLessThan(0.96)
    }
    expect(collinear!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(collinear!, 'adam', 0))).toBe(451)
    expectInitialLossBetween(collinear!, 1.1, 1.35)
    // J2: y − (2·(a·x − ⌊a·x⌋) − 1) is noise of σ 0.05 (a: the first 6 draws of seed 25002, / √6);
    // the target has mean ≈ 0 and variance ≈ 1/3; MLP 6-32(ReLU)-1, MSE ≈ 0.45–0.9 at init.
    const drawA = new SeededRandom(25002)
    const a = Array.from({ length: 6 }, () => drawA.normal() / Math.sqrt(6))
    for (const split of [sawtooth!.train, sawtooth!.validation]) {
      const residuals = rowsOf(split, 6).map((row, r) => {
        const t = row.reduce((sum, xd, d) => sum + a[d]! * xd, 0)
        return split.targets![r]! - (2 * (t - Math.floor(t)) - 1)
      })
      expect(rms(residuals)).toBeCloseTo(0.05, 2)
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.05)
      expect(rms(split.targets!) ** 2).toBeCloseTo(1 / 3, 1)
    }
    expect(sawtooth!.network).toMatchObject({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(sawtooth!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(sawtooth!, 0.45, 0.9)
    // J3: 10×10 images; the two brightest pixels are the dots on ≈ 63 % of the rows only (a noise
    // pixel outshines a dot on the others), and the target is (their distance − 5.2) / 2.4 there (mean
    // ≈ 0, variance ≈ 1); CNN regression, MSE ≈ 1 at init.
    for (const split of [dots!.train, dots!.validation]) {
      const found = rowsOf(split, 100).map((image, r) => {
        const [p, q] = image
          .map((value, pixel) => [value, pixel] as const)
          .sort((u, v) => v[0] - u[0])
          .map(([, pixel]) => pixel)
        const distance = Math.hypot(Math.floor(p! / 10) - Math.floor(q! / 10), (p! % 10) - (q! % 10))
        return Math.abs((distance - 5.2) / 2.4 - split.targets![r]!) < 1e-5 ? 1 : 0
      })
      expect(mean(found)).toBeGreaterThan(0.55)
      expect(mean(found)).toBeLessThan(0.7)
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.1)
      expect(rms(split.targets!) ** 2).toBeCloseTo(1, 0)
    }
    expect(dots!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 4,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(dots!, 'adam', 0))).toBe(297)
    expectInitialLossBetween(dots!, 0.95, 1.15)
    // J4: pixels stay in [0, 1]; each image is at least its own digit; MLP 196-32(ReLU)-10, CE ≈
    // ln 10 at init.
    const digits = loadMnistDigits()
    const plain = mnist14Split(digits, ALL_TEN, 0, 200)
    expect(overlaid!.train.inputs.every((x, p) => x >= plain.inputs[p]! && x <= 1)).toBe(true)
    expect(mean(overlaid!.train.inputs)).toBeGreaterThan(mean(plain.inputs) * 1.2)
    expect(Array.from(overlaid!.validation.labels!.slice(0, 10))).toEqual(ALL_TEN)
    expect(overlaid!.network).toEqual({
      inputSize: 196,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 10,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(overlaid!, 'adam', 0))).toBe(6634)
    expect(initialLoss(overlaid!, 0)).toBeCloseTo(Math.log(10), 0)
    // J5: y − sin(3‖x‖) is noise of σ 0.1 over 4 inputs N(0, I); target mean ≈ −0.1, variance ≈ 0.5;
    // MLP 4-32(tanh)-1, MSE ≈ 0.5–0.65 at init.
    for (const split of [radial!.train, radial!.validation]) {
      const x = rowsOf(split, 4)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      expect(rms(x.map((row, r) => split.targets![r]! - Math.sin(3 * Math.hypot(...row))))).toBeCloseTo(
        0.1,
        2,
      )
      expect(mean(split.targets!)).toBeCloseTo(-0.1, 1)
      expect(rms(split.targets!) ** 2 - mean(split.targets!) ** 2).toBeCloseTo(0.5, 1)
    }
    expect(radial!.network).toMatchObject({ inputSize: 4, hiddenUnits: 32, activation: 'tanh', loss: 'mse' })
    expect(parameterCount(createTaskTrainable(radial!, 'adam', 0))).toBe(193)
    expectInitialLossBetween(radial!, 0.5, 0.65)
    // J6: the whole network pretrained (no new head); 500 training rows, 1000 held out; the targets
    // are 5·f(x) (a, b: the first 12 draws of seed 25006, / √6) plus noise of σ 0.2; the pretrained
    // network scores ≈ 15 against them, about as much as against 5·f, and ≈ 0.005 against f
    // itself, the same for every seed.
    expect([rescaled!.train.count, rescaled!.validation.count, rescaled!.batchSize]).toEqual([500, 1000, 32])
    expect(Object.keys(rescaled!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(rescaled!.reinitialize).toBeUndefined()
    expect(rescaled!.network).toEqual(sawtooth!.network)
    const drawAB = new SeededRandom(25006)
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 6 }, () => drawAB.normal() / Math.sqrt(6)))
    const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ud, d) => sum + ud * v[d]!, 0)
    for (const split of [rescaled!.train, rescaled!.validation]) {
      const f = rowsOf(split, 6).map((row) => Math.sin(dot(fa!, row)) + 0.5 * dot(fb!, row))
      expect(rms(f.map((fr, r) => split.targets![r]! - 5 * fr))).toBeCloseTo(0.2, 1)
      const scoreOn = (targets: number[]) =>
        createTaskTrainable(
          { ...rescaled!, validation: { ...split, targets: Float32Array.from(targets) } },
          'sgdMomentum',
          2,
        ).evaluateSync()
      expect(scoreOn(f)).toBeGreaterThan(0.002)
      expect(scoreOn(f)).toBeLessThan(0.02)
      expect(scoreOn(f.map((fr) => 5 * fr))).toBeGreaterThan(12)
      expect(scoreOn(f.map((fr) => 5 * fr))).toBeLessThan(18)
    }
    const seed0 = createTaskTrainable(rescaled!, 'adam', 0)
    const seed1 = createTaskTrainable(rescaled!, 'sgdMomentum', 1)
    expect(parameterCount(seed0)).toBe(257)
    expect(Array.from(seed0.parameters.w2!)).toEqual(Array.from(rescaled!.pretrained!.w2!))
    expect(seed1.evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(13)
    expect(seed0.evaluateSync()).toBeLessThan(17)
    expect(rescaled!.description).toContain('(500 rows, whole network, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-rescaled-target'])[0]!.train.count).toBe(64)
  })

  it('the round-16 AB tasks build with their documented shapes and loss scales', () => {
    const names = [
      'sparse-continuous-inputs',
      'latent-sensors-regression',
      'cnn-bar-orientation',
      'max-input-block',
      'manifold-inputs-regression',
      'finetune-removed-inputs',
    ] as const
    expect(EVAL_TASK_NAMES.slice(168, 174)).toEqual([...names])
    const [sparse, sensors, bars, blocks, manifold, removed] = createEvalTasks(undefined, [...names])
    for (const task of [sparse, sensors, bars, blocks, manifold]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const dot = (u: readonly number[], v: readonly number[]) => u.reduce((sum, ud, d) => sum + ud * v[d]!, 0)
    const argmax = (values: readonly number[]) => values.indexOf(Math.max(...values))
    // AB1: ≈ 95 % of the 100 inputs are exactly 0, the others N(0, 1); the label is the argmax of
    // x·W (W: the first 300 draws of seed 27001, row-major 100 × 3) on ≈ 95 % of the rows that have
    // an active input (5 % flipped to another class).
    const drawW = new SeededRandom(27001)
    const w = Array.from({ length: 300 }, () => drawW.normal())
    for (const split of [sparse!.train, sparse!.validation]) {
      const x = rowsOf(split, 100)
      const values = x.flat()
      const active = values.filter((value) => value !== 0)
      expect(active.length / values.length).toBeGreaterThan(0.04)
      expect(active.length / values.length).toBeLessThan(0.06)
      expect(rms(active)).toBeCloseTo(1, 1)
      const rowsWithInputs = x.map((row, r) => [row, r] as const).filter(([row]) => row.some((v) => v !== 0))
      expect(rowsWithInputs.length / split.count).toBeGreaterThan(0.98)
      const agree = mean(
        rowsWithInputs.map(([row, r]) => {
          const logits = [0, 1, 2].map((c) => row.reduce((sum, xd, d) => sum + xd * w[d * 3 + c]!, 0))
          return argmax(logits) === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.97)
    }
    expect(sparse!.network).toEqual({
      inputSize: 100,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(sparse!, 'adam', 0))).toBe(3331)
    expectInitialLossBetween(sparse!, 1.05, 1.15)
    // AB2: the sensors and the latents regenerated from seed 27002: x_i − f_i(z) and y − sin(2z) are
    // noise of σ 0.1; the cubic sensors reach beyond ±1, the tanh ones stay within ±1 plus noise.
    const drawSensors = new SeededRandom(27002)
    const sign = () => (drawSensors.next() < 0.5 ? -1 : 1)
    const f = Array.from({ length: 10 }, (_, i): ((z: number) => number) => {
      if (i % 2 === 1) {
        const c = sign() * (0.1 + 0.15 * drawSensors.next())
        expect(Math.abs(c)).toBeLessThanOrEqual(0.25)
        return (z) => c * z ** 3
      }
      const a = sign() * (1 + 2 * drawSensors.next())
      const b = 2 * drawSensors.next() - 1
      return (z) => Math.tanh(a * z + b)
    })
    const latents: number[] = []
    for (let r = 0; r < 3000; r++) {
      latents.push(4 * drawSensors.next() - 2)
      for (let k = 0; k < 11; k++) drawSensors.normal()
    }
    for (const [split, from] of [
      [sensors!.train, 0],
      [sensors!.validation, 2000],
    ] as const) {
      const x = rowsOf(split, 10)
      const z = latents.slice(from, from + split.count)
      expect(rms(x.flatMap((row, r) => row.map((xi, i) => xi - f[i]!(z[r]!))))).toBeCloseTo(0.1, 2)
      expect(rms(z.map((zr, r) => split.targets![r]! - Math.sin(2 * zr)))).toBeCloseTo(0.1, 2)
      expect(Math.max(...x.flatMap((row) => row.filter((_, i) => i % 2 === 0).map(Math.abs)))).toBeLessThan(
        1.6,
      )
      expect(
        Math.max(...x.flatMap((row) => row.filter((_, i) => i % 2 === 1).map(Math.abs))),
      ).toBeGreaterThan(1)
      expect(Math.min(...z)).toBeGreaterThanOrEqual(-2)
      expect(Math.max(...z)).toBeLessThan(2)
      expect(rms(split.targets!) ** 2).toBeCloseTo(0.44, 1)
    }
    expect(sensors!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(sensors!, 'adam', 0))).toBe(385)
    expectInitialLossBetween(sensors!, 0.25, 1.15)
    // AB3: the targets lie on the unit circle (each coordinate mean ≈ 0, mean square ≈ 0.5); the
    // orientation of the image's second moments (of the pixels above 0.5) points within a small
    // angle of the doubled bar angle; the bar adds ≈ 8 to the image's sum (length 7, width profile
    // 1 − d, round caps).
    for (const split of [bars!.train, bars!.validation]) {
      const t = split.targets!
      for (let r = 0; r < split.count; r++) expect(Math.hypot(t[2 * r]!, t[2 * r + 1]!)).toBeCloseTo(1, 5)
      expect(Math.abs(mean(t.filter((_, i) => i % 2 === 0)))).toBeLessThan(0.05)
      expect(rms(t.filter((_, i) => i % 2 === 1)) ** 2).toBeCloseTo(0.5, 1)
      const images = rowsOf(split, 100)
      const agreement = images.map((image, r) => {
        const weights = image.map((value) => Math.max(value - 0.5, 0))
        const total = weights.reduce((sum, v) => sum + v, 0)
        const cx = weights.reduce((sum, v, p) => sum + v * (p % 10), 0) / total
        const cy = weights.reduce((sum, v, p) => sum + v * Math.floor(p / 10), 0) / total
        const [xx, yy, xy] = [0, 1, 2].map((k) =>
          weights.reduce((sum, v, p) => {
            const [dx, dy] = [(p % 10) - cx, Math.floor(p / 10) - cy]
            return sum + v * (k === 0 ? dx * dx : k === 1 ? dy * dy : dx * dy)
          }, 0),
        )
        const norm = Math.hypot(xx! - yy!, 2 * xy!)
        return ((xx! - yy!) * t[2 * r]! + 2 * xy! * t[2 * r + 1]!) / norm
      })
      expect(mean(agreement)).toBeGreaterThan(0.8)
      expect(mean(agreement)).toBeLessThan(0.9)
      expect(mean(images.map((image) => image.reduce((sum, v) => sum + v, 0)))).toBeCloseTo(8, 0)
    }
    expect(bars!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 6,
      outputSize: 2,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(bars!, 'adam', 0))).toBe(830)
    expectInitialLossBetween(bars!, 0.9, 1.1)
    // AB4: 12 inputs N(0, 1); the label is the block (of 4) of the largest input on ≈ 95 % of the rows;
    // balanced classes.
    for (const split of [blocks!.train, blocks!.validation]) {
      const x = rowsOf(split, 12)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      const clean = x.map((row) => Math.floor(argmax(row) / 4))
      const agree = mean(clean.map((block, r) => (block === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.97)
      for (const block of [0, 1, 2]) {
        expect(mean(Array.from(split.labels!, (label) => (label === block ? 1 : 0)))).toBeGreaterThan(0.29)
      }
    }
    expect(blocks!.network).toEqual({ ...sparse!.network, inputSize: 12 })
    expect(parameterCount(createTaskTrainable(blocks!, 'adam', 0))).toBe(515)
    expectInitialLossBetween(blocks!, 1.1, 1.3)
    // AB5: the embedding and the latents regenerated from seed 27005: x − tanh(z·V + c)·U is noise of
    // σ 0.05, y − (sin(2z₀) + 0.5·z₀z₁) noise of σ 0.1; inputs of mean square ≈ 1, targets of
    // variance ≈ 0.67.
    const drawEmbedding = new SeededRandom(27005)
    const v = Array.from({ length: 32 }, () => drawEmbedding.normal())
    const c = Array.from({ length: 16 }, () => 0.5 * drawEmbedding.normal())
    const u = Array.from({ length: 320 }, () => drawEmbedding.normal() / Math.sqrt(8))
    const sheet: { x: number[]; y: number }[] = []
    for (let r = 0; r < 3000; r++) {
      const [z0, z1] = [3 * drawEmbedding.next() - 1.5, 3 * drawEmbedding.next() - 1.5]
      const hidden = c.map((ck, k) => Math.tanh(z0 * v[k]! + z1 * v[16 + k]! + ck))
      for (let k = 0; k < 21; k++) drawEmbedding.normal()
      sheet.push({
        x: Array.from({ length: 20 }, (_, d) =>
          dot(
            hidden,
            hidden.map((_, k) => u[k * 20 + d]!),
          ),
        ),
        y: Math.sin(2 * z0) + 0.5 * z0 * z1,
      })
    }
    for (const [split, from] of [
      [manifold!.train, 0],
      [manifold!.validation, 2000],
    ] as const) {
      const x = rowsOf(split, 20)
      expect(rms(x.flatMap((row, r) => row.map((xd, d) => xd - sheet[from + r]!.x[d]!)))).toBeCloseTo(0.05, 2)
      expect(rms(x.map((_, r) => split.targets![r]! - sheet[from + r]!.y))).toBeCloseTo(0.1, 2)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      expect(rms(split.targets!) ** 2 - mean(split.targets!) ** 2).toBeCloseTo(0.67, 1)
    }
    expect(manifold!.network).toEqual({ ...sensors!.network, inputSize: 20 })
    expect(parameterCount(createTaskTrainable(manifold!, 'adam', 0))).toBe(705)
    expectInitialLossBetween(manifold!, 0.5, 1.7)
    // AB6: the whole network pretrained (no new head); 500 training rows, 1000 held out, whose last 3
    // inputs are 0; regenerated from seed 27006, their first 5 inputs and targets match, and with
    // the removed inputs put back the pretrained network scores ≈ 0.02 — against ≈ 0.25 without
    // them, the same for every seed.
    expect([removed!.train.count, removed!.validation.count, removed!.batchSize]).toEqual([500, 1000, 32])
    expect(Object.keys(removed!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(removed!.reinitialize).toBeUndefined()
    expect(removed!.network).toEqual({ ...sensors!.network, inputSize: 8 })
    const drawRemoved = new SeededRandom(27006)
    const mixtures = [0, 1, 2].map(() => {
      const raw = Array.from({ length: 5 }, () => drawRemoved.normal())
      return raw.map((value) => value / Math.hypot(...raw))
    })
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 8 }, () => drawRemoved.normal() / Math.sqrt(8)))
    const full: { x: number[]; y: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const kept = Array.from({ length: 5 }, () => drawRemoved.normal())
      const lost = mixtures.map((e) => 0.9 * dot(e, kept) + Math.sqrt(0.19) * drawRemoved.normal())
      const x = [...kept, ...lost]
      full.push({ x, y: Math.sin(dot(fa!, x)) + 0.5 * dot(fb!, x) })
      drawRemoved.normal()
    }
    expect(
      rms(full.slice(0, 2000).map(({ x }) => x[5]! - 0.9 * dot(mixtures[0]!, x.slice(0, 5)))),
    ).toBeCloseTo(Math.sqrt(0.19), 1)
    for (const [split, from] of [
      [removed!.train, 2000],
      [removed!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 8)
      expect(x.every((row) => row.slice(5).every((value) => value === 0))).toBe(true)
      expect(
        x.every((row, r) => row.slice(0, 5).every((xd, d) => Math.abs(xd - full[from + r]!.x[d]!) < 1e-6)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - full[from + r]!.y))).toBeCloseTo(0.1, 2)
      const restored = {
        count: split.count,
        inputs: Float32Array.from(x.flatMap((_, r) => full[from + r]!.x)),
        targets: split.targets!,
      }
      const scoreWithAll = createTaskTrainable(
        { ...removed!, validation: restored },
        'sgdMomentum',
        2,
      ).evaluateSync()
      expect(scoreWithAll).toBeGreaterThan(0.01)
      expect(scoreWithAll).toBeLessThan(0.03)
    }
    const seed0 = createTaskTrainable(removed!, 'adam', 0)
    const seed1 = createTaskTrainable(removed!, 'sgdMomentum', 1)
    expect(parameterCount(seed0)).toBe(321)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(removed!.pretrained!.w1!))
    expect(seed1.evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(0.22)
    expect(seed0.evaluateSync()).toBeLessThan(0.28)
    expect(removed!.description).toContain('(500 rows, whole network, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-removed-inputs'])[0]!.train.count).toBe(64)
  })

  it('the round-17 AC tasks build with their documented shapes and loss scales', () => {
    const names = [
      'majority-vote',
      'rational-regression',
      'cnn-plus-or-cross',
      'mnist-digit-value-regression',
      'soft-target-regression',
      'finetune-swapped-inputs',
    ] as const
    expect(EVAL_TASK_NAMES.slice(174, 180)).toEqual([...names])
    const [vote, rational, glyphs, soft, swapped] = createEvalTasks(undefined, [
      'majority-vote',
      'rational-regression',
      'cnn-plus-or-cross',
      'soft-target-regression',
      'finetune-swapped-inputs',
    ])
    for (const task of [vote, rational, glyphs, soft]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const both = (task: EvalTask) => [task.train, task.validation] as const
    // AC1: regenerated from seed 28001 (7 inputs, then the flip draw, per row): the label is the vote
    // "at least 4 of 7 positive", flipped on ≈ 8 % of the rows; the sign of the inputs' sum agrees
    // with the vote on only ≈ 80 % of them.
    const drawVote = new SeededRandom(28001)
    const votes: { x: number[]; label: number; vote: number }[] = []
    for (let r = 0; r < 3000; r++) {
      const x = Array.from({ length: 7 }, () => Math.fround(drawVote.normal()))
      const majority = x.filter((value) => value > 0).length >= 4 ? 1 : 0
      votes.push({ x, vote: majority, label: drawVote.next() < 0.08 ? 1 - majority : majority })
    }
    for (const [split, from] of [
      [vote!.train, 0],
      [vote!.validation, 2000],
    ] as const) {
      const expected = votes.slice(from, from + split.count)
      expect(Array.from(split.inputs)).toEqual(expected.flatMap(({ x }) => x))
      expect(Array.from(split.labels!)).toEqual(expected.map(({ label }) => label))
      const flipped = mean(expected.map(({ label, vote: clean }) => (label === clean ? 0 : 1)))
      expect(flipped).toBeGreaterThan(0.06)
      expect(flipped).toBeLessThan(0.1)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
      const sumAgrees = mean(
        expected.map(({ x, vote: clean }) =>
          (x.reduce((sum, v) => sum + v, 0) > 0 ? 1 : 0) === clean ? 1 : 0,
        ),
      )
      expect(sumAgrees).toBeGreaterThan(0.75)
      expect(sumAgrees).toBeLessThan(0.85)
    }
    expect(vote!.network).toEqual({
      inputSize: 7,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(vote!, 'adam', 0))).toBe(322)
    expectInitialLossBetween(vote!, 0.7, 0.95)
    // AC2: 6 inputs N(0, 1); y − x₀ / (1 + x₁²) is noise of σ 0.1; the targets' mean square ≈ 0.53.
    for (const split of both(rational!)) {
      const x = rowsOf(split, 6)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      expect(rms(x.map((row, r) => split.targets![r]! - row[0]! / (1 + row[1]! ** 2)))).toBeCloseTo(0.1, 2)
      expect(rms(split.targets!) ** 2).toBeCloseTo(0.53, 1)
    }
    expect(rational!.network).toEqual({ ...vote!.network, inputSize: 6, outputSize: 1, loss: 'mse' })
    expect(parameterCount(createTaskTrainable(rational!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(rational!, 0.55, 0.9)
    // AC3: regenerated from seed 28003 (100 noise pixels of σ 0.3, the class, the top-left corner):
    // each image is the noise plus 1 on the 5 pixels of a "+" (label 0) or a "×" (label 1).
    const glyphOffsets = [
      [1, 10, 11, 12, 21],
      [0, 2, 11, 20, 22],
    ]
    const drawGlyphs = new SeededRandom(28003)
    const images: { image: number[]; label: number }[] = []
    for (let r = 0; r < 3000; r++) {
      const image = Array.from({ length: 100 }, () => Math.fround(0.3 * drawGlyphs.normal()))
      const label = drawGlyphs.integer(2)
      const corner = 10 * drawGlyphs.integer(8) + drawGlyphs.integer(8)
      for (const offset of glyphOffsets[label]!)
        image[corner + offset] = Math.fround(image[corner + offset]! + 1)
      images.push({ image, label })
    }
    for (const [split, from] of [
      [glyphs!.train, 0],
      [glyphs!.validation, 2000],
    ] as const) {
      const expected = images.slice(from, from + split.count)
      expect(Array.from(split.inputs)).toEqual(expected.flatMap(({ image }) => image))
      expect(Array.from(split.labels!)).toEqual(expected.map(({ label }) => label))
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
      expect(mean(rowsOf(split, 100).map((image) => image.reduce((sum, v) => sum + v, 0)))).toBeCloseTo(5, 0)
    }
    expect(glyphs!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 16, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(glyphs!, 'adam', 0))).toBe(2210)
    expectInitialLossBetween(glyphs!, 0.6, 0.8)
    // AC5: the teacher regenerated from seed 28005: each row's 4 targets are softmax(x·W) plus noise
    // of σ 0.02; they sum to ≈ 1, and the largest is ≈ 0.66 on average.
    const drawTeacher = new SeededRandom(28005)
    const teacher = Array.from({ length: 32 }, () => 0.5 * drawTeacher.normal())
    for (const split of both(soft!)) {
      const x = rowsOf(split, 8)
      const t = rowsOf({ count: split.count, inputs: split.targets! }, 4)
      const p = x.map((row) => {
        const logits = [0, 1, 2, 3].map((c) => row.reduce((sum, xd, d) => sum + xd * teacher[d * 4 + c]!, 0))
        const weights = logits.map((logit) => Math.exp(logit - Math.max(...logits)))
        return weights.map((w) => w / weights.reduce((sum, v) => sum + v, 0))
      })
      expect(rms(t.flatMap((row, r) => row.map((tc, c) => tc - p[r]![c]!)))).toBeCloseTo(0.02, 3)
      expect(rms(t.map((row) => row.reduce((sum, v) => sum + v, 0) - 1))).toBeLessThan(0.05)
      expect(mean(p.map((row) => Math.max(...row)))).toBeCloseTo(0.66, 1)
      expect(mean(split.targets!)).toBeCloseTo(0.25, 2)
    }
    expect(soft!.network).toEqual({ ...rational!.network, inputSize: 8, outputSize: 4 })
    expect(parameterCount(createTaskTrainable(soft!, 'adam', 0))).toBe(420)
    expectInitialLossBetween(soft!, 1.2, 2.6)
    // AC6: the whole network pretrained (no new head); 500 training rows, 1000 held out, whose first
    // two inputs are the regenerated rows' (seed 28006) swapped; the targets are f of the unswapped
    // inputs; with the two swapped back the pretrained network scores ≈ 0.017 — against ≈ 1.3 as
    // given, the same for every seed.
    expect([swapped!.train.count, swapped!.validation.count, swapped!.batchSize]).toEqual([500, 1000, 32])
    expect(Object.keys(swapped!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    expect(swapped!.reinitialize).toBeUndefined()
    expect(swapped!.network).toEqual(rational!.network)
    const drawSwapped = new SeededRandom(28006)
    const [fa, fb] = [0, 1].map(() => Array.from({ length: 6 }, () => drawSwapped.normal() / Math.sqrt(6)))
    const plain: { x: number[]; y: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => drawSwapped.normal())
      const [ax, bx] = [fa!, fb!].map((w) => w.reduce((sum, wd, d) => sum + wd * x[d]!, 0))
      plain.push({ x, y: Math.sin(ax!) + bx! })
      drawSwapped.normal()
    }
    for (const [split, from] of [
      [swapped!.train, 2000],
      [swapped!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      const unswapped = x.map(([x0, x1, ...rest]) => [x1!, x0!, ...rest])
      expect(
        unswapped.every((row, r) => row.every((xd, d) => Math.abs(xd - plain[from + r]!.x[d]!) < 1e-6)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - plain[from + r]!.y))).toBeCloseTo(0.1, 2)
      const restored = {
        count: split.count,
        inputs: Float32Array.from(unswapped.flat()),
        targets: split.targets!,
      }
      const scoreUnswapped = createTaskTrainable(
        { ...swapped!, validation: restored },
        'sgdMomentum',
        2,
      ).evaluateSync()
      expect(scoreUnswapped).toBeGreaterThan(0.01)
      expect(scoreUnswapped).toBeLessThan(0.03)
    }
    const seed0 = createTaskTrainable(swapped!, 'adam', 0)
    const seed1 = createTaskTrainable(swapped!, 'sgdMomentum', 1)
    expect(parameterCount(seed0)).toBe(257)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(swapped!.pretrained!.w1!))
    expect(seed1.evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(1.2)
    expect(seed0.evaluateSync()).toBeLessThan(1.45)
    expect(swapped!.description).toContain('(500 rows, whole network, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-swapped-inputs'])[0]!.train.count).toBe(64)
  })

  it("the round-17 AC MNIST task regresses each digit's standardised value on the 14×14 rows 0–199 (training) and 200–299 (held out)", () => {
    const digits = randomDigits(300, 27)
    const task = mnistDigitValueRegressionTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.inputs)).toEqual(Array.from(plain.inputs))
      expect(split.labels).toBeUndefined()
      expect(Array.from(split.targets!)).toEqual(
        Array.from(plain.labels!, (digit) => Math.fround((digit - 4.5) / Math.sqrt(8.25))),
      )
      expect(mean(split.targets!)).toBeCloseTo(0, 5)
      expect(rms(split.targets!)).toBeCloseTo(1, 5)
    }
    expect(task.network).toEqual({
      inputSize: 196,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(task, 'adam', 0))).toBe(6337)
    const real = createEvalTasks(SMALL, ['mnist-digit-value-regression'])[0]!
    expect([real.train.count, real.validation.count]).toEqual([30, 20])
    for (const seed of [0, 1]) {
      const initial = createTaskTrainable(
        createEvalTasks(undefined, ['mnist-digit-value-regression'])[0]!,
        'adam',
        seed,
      )
      expect(initial.evaluateSync()).toBeGreaterThan(0.9)
      expect(initial.evaluateSync()).toBeLessThan(1.15)
    }
    const short = { ...digits, 4: { raw: digits[4]!.raw, length: 299 } }
    expect(() => mnistDigitValueRegressionTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 4 has fewer than 300 samples',
    )
  })

  it('the round-17 AD tasks build with their documented shapes and loss scales', () => {
    const names = [
      'interaction-table',
      'monkey-saddle-regression',
      'cnn-blob-centre',
      'mnist-blurred',
      'soft-and-regression',
      'finetune-added-classes',
    ] as const
    expect(EVAL_TASK_NAMES.slice(180, 186)).toEqual([...names])
    const [table, saddle, blob, blurred, softAnd, added] = createEvalTasks(undefined, [...names])
    for (const task of [table, saddle, blob, blurred, softAnd]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    const close = (a: readonly number[], b: readonly number[]) =>
      a.every((value, i) => Math.abs(value - b[i]!) < 1e-5)
    // AD1: one level of each input set; the label is the table's cell (the first 64 draws of seed
    // 29001) on ≈ 93 % of the rows (10 % resampled, a third of them to the same class).
    const drawTable = new SeededRandom(29001)
    const cells = Array.from({ length: 64 }, () => drawTable.integer(3))
    for (const split of [table!.train, table!.validation]) {
      const x = rowsOf(split, 16)
      expect(x.every((row) => row.every((value) => value === 0 || value === 1))).toBe(true)
      expect(x.every((row) => mean(row.slice(0, 8)) === 1 / 8 && mean(row.slice(8)) === 1 / 8)).toBe(true)
      const agree = mean(
        x.map((row, r) => (cells[row.indexOf(1) * 8 + row.lastIndexOf(1) - 8] === split.labels![r] ? 1 : 0)),
      )
      expect(agree).toBeGreaterThan(0.9)
      expect(agree).toBeLessThan(0.96)
    }
    expect(new Set(cells).size).toBe(3)
    expect(table!.network).toEqual({
      inputSize: 16,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(table!, 'adam', 0))).toBe(643)
    expectInitialLossBetween(table!, 1.05, 1.15)
    // AD2: the rotation's first two rows from seed 29002, then per row 8 inputs and one noise draw:
    // y − (u³ − 3uv²)/√24 is noise of σ 0.1; the cubic has unit variance and no linear part.
    const drawSaddle = new SeededRandom(29002)
    const [e0, e1] = randomRotation(drawSaddle, 8)
    const saddleRows: { x: number[]; y: number }[] = []
    for (let r = 0; r < 3000; r++) {
      const x = Array.from({ length: 8 }, () => drawSaddle.normal())
      const [u, v] = [e0!, e1!].map((e) => x.reduce((sum, xd, d) => sum + xd * e[d]!, 0))
      saddleRows.push({ x, y: (u! ** 3 - 3 * u! * v! ** 2) / Math.sqrt(24) })
      drawSaddle.normal()
    }
    for (const [split, from] of [
      [saddle!.train, 0],
      [saddle!.validation, 2000],
    ] as const) {
      const x = rowsOf(split, 8)
      expect(x.every((row, r) => close(row, saddleRows[from + r]!.x))).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - saddleRows[from + r]!.y))).toBeCloseTo(0.1, 2)
    }
    const cubic = saddleRows.map(({ y }) => y)
    expect(rms(cubic)).toBeGreaterThan(0.9)
    expect(rms(cubic)).toBeLessThan(1.1)
    for (let d = 0; d < 8; d++) {
      expect(Math.abs(mean(saddleRows.map(({ x, y }) => x[d]! * y)))).toBeLessThan(0.12)
    }
    expect(saddle!.network).toEqual({ ...table!.network, inputSize: 8, outputSize: 1, loss: 'mse' })
    expect(parameterCount(createTaskTrainable(saddle!, 'adam', 0))).toBe(321)
    expectInitialLossBetween(saddle!, 1, 1.2)
    // AD3: per row 100 pixel draws × 0.5, then the blob's top-left row and column (0 … 7); the
    // targets are the standardised centre, the image the noise plus 1 on the 3×3 square.
    const drawBlob = new SeededRandom(29003)
    const spread = Math.sqrt(63 / 12)
    for (const split of [blob!.train, blob!.validation]) {
      const images = rowsOf(split, 100)
      images.forEach((image, r) => {
        const noise = Array.from({ length: 100 }, () => 0.5 * drawBlob.normal())
        const [row, column] = [drawBlob.integer(8), drawBlob.integer(8)]
        const lit = noise.map((value, p) => {
          const [i, j] = [Math.floor(p / 10), p % 10]
          return value + (i >= row && i < row + 3 && j >= column && j < column + 3 ? 1 : 0)
        })
        expect(close(image, lit)).toBe(true)
        expect(split.targets![2 * r]).toBeCloseTo((row + 1 - 4.5) / spread, 5)
        expect(split.targets![2 * r + 1]).toBeCloseTo((column + 1 - 4.5) / spread, 5)
      })
      const targets = Array.from(split.targets!)
      expect(Math.abs(mean(targets))).toBeLessThan(0.06)
      expect(rms(targets)).toBeCloseTo(1, 1)
    }
    expect(blob!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 6,
      outputSize: 2,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(blob!, 'adam', 0))).toBe(830)
    expectInitialLossBetween(blob!, 1.85, 2.2)
    // AD4: T10's network on blurred 14×14 digits.
    expect(blurred!.network).toEqual(createEvalTasks(SMALL, ['mnist-mlp'])[0]!.network)
    expect(parameterCount(createTaskTrainable(blurred!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(blurred!, 2.2, 2.45)
    // AD5: a and b (12 draws of seed 29005), then per row 6 inputs and one noise draw.
    const drawSoft = new SeededRandom(29005)
    for (let k = 0; k < 12; k++) drawSoft.normal()
    const logistic = (z: number) => 1 / (1 + Math.exp(-4 * z))
    const softRows = Array.from({ length: 3000 }, () => {
      const x = Array.from({ length: 6 }, () => drawSoft.normal())
      drawSoft.normal()
      return { x, y: logistic(x[0]!) * logistic(x[1]!) * logistic(x[2]!) }
    })
    for (const [split, from] of [
      [softAnd!.train, 0],
      [softAnd!.validation, 2000],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(x.every((row, r) => close(row, softRows[from + r]!.x))).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - softRows[from + r]!.y))).toBeCloseTo(0.05, 2)
    }
    const softMean = mean(softRows.map(({ y }) => y))
    expect(softMean).toBeGreaterThan(0.11)
    expect(softMean).toBeLessThan(0.14)
    expect(softAnd!.network).toEqual({ ...saddle!.network, inputSize: 6, activation: 'tanh' })
    expect(parameterCount(createTaskTrainable(softAnd!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(softAnd!, 0.05, 0.3)
    // AD6: 500 fine-tuning rows of all 7 classes; the head grown from 5 to 7 outputs, no new head
    // drawn from the seed; the new classes' rows start far worse than the old ones'.
    expect([added!.train.count, added!.validation.count, added!.batchSize]).toEqual([500, 1000, 32])
    expect(added!.reinitialize).toBeUndefined()
    expect(added!.network).toEqual({ ...table!.network, inputSize: 10, outputSize: 7 })
    const labels = Array.from(added!.train.labels!)
    expect(new Set(labels).size).toBe(7)
    const newShare = mean(labels.map((label) => (label >= 5 ? 1 : 0)))
    expect(newShare).toBeGreaterThan(0.2)
    expect(newShare).toBeLessThan(0.37)
    const { w2, b2 } = added!.pretrained!
    expect(w2!.length).toBe(32 * 7)
    const newWeights = Array.from(w2!).filter((_, i) => i % 7 >= 5)
    expect(rms(newWeights)).toBeGreaterThan(0.07)
    expect(rms(newWeights)).toBeLessThan(0.13)
    expect([b2![5], b2![6]]).toEqual([0, 0])
    expect(rms(Array.from(w2!).filter((_, i) => i % 7 < 5))).toBeGreaterThan(0.14)
    const seed0 = createTaskTrainable(added!, 'adam', 0)
    expect(parameterCount(seed0)).toBe(583)
    expect(Array.from(seed0.parameters.w2!)).toEqual(Array.from(w2!))
    expect(createTaskTrainable(added!, 'sgdMomentum', 1).evaluateSync()).toBe(seed0.evaluateSync())
    expect(seed0.evaluateSync()).toBeGreaterThan(1.4)
    expect(seed0.evaluateSync()).toBeLessThan(1.8)
    const subset = (old: boolean) => {
      const rows = Array.from(added!.validation.labels!, (label, r) => [label, r] as const)
        .filter(([label]) => label < 5 === old)
        .map(([, r]) => r)
      return {
        count: rows.length,
        inputs: Float32Array.from(
          rows.flatMap((r) => Array.from(added!.validation.inputs.subarray(r * 10, r * 10 + 10))),
        ),
        labels: Int32Array.from(rows, (r) => added!.validation.labels![r]!),
      }
    }
    const lossOld = createTaskTrainable({ ...added!, validation: subset(true) }, 'adam', 0).evaluateSync()
    const lossNew = createTaskTrainable({ ...added!, validation: subset(false) }, 'adam', 0).evaluateSync()
    expect(lossOld).toBeGreaterThan(1.2)
    expect(lossOld).toBeLessThan(1.6)
    expect(lossNew).toBeGreaterThan(lossOld + 0.4)
    expect(added!.description).toContain('(500 rows, whole network, head grown to 7 outputs, old rows kept)')
    expect(createEvalTasks(SMALL, ['finetune-added-classes'])[0]!.train.count).toBe(64)
  })

  it('the round-18 AE tasks build with their documented shapes and loss scales', () => {
    const names = [
      'input-rank-classes',
      'median-regression',
      'cnn-brighter-left',
      'mnist-salt-pepper',
      'rotated-vector-regression',
      'finetune-folded-target',
    ] as const
    expect(EVAL_TASK_NAMES.slice(186, 192)).toEqual([...names])
    const [rank, median, brighter, saltPepper, rotated, folded] = createEvalTasks(undefined, [...names])
    for (const task of [rank, median, brighter, saltPepper, rotated]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // AE1: the label is the number of x₁ … x₄ below x₀ on ≈ 92 % of the rows; every class ≈ 1/5.
    for (const split of [rank!.train, rank!.validation]) {
      const x = rowsOf(split, 8)
      const ranks = x.map((row) => row.slice(1, 5).filter((value) => value < row[0]!).length)
      const agree = mean(ranks.map((value, r) => (value === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.89)
      expect(agree).toBeLessThan(0.95)
      for (let c = 0; c < 5; c++) {
        const share = mean(Array.from(split.labels!, (label) => (label === c ? 1 : 0)))
        expect(share).toBeGreaterThan(0.16)
        expect(share).toBeLessThan(0.24)
      }
      expect(Math.abs(mean(x.map((row) => row[7]!)))).toBeLessThan(0.1)
    }
    expect(rank!.network).toEqual({
      inputSize: 8,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 5,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(rank!, 'adam', 0))).toBe(453)
    expectInitialLossBetween(rank!, 1.55, 1.8)
    // AE2: y − median(x₀ … x₄) is noise of σ 0.1; the median has variance ≈ 0.29.
    const medians: number[] = []
    for (const split of [median!.train, median!.validation]) {
      const x = rowsOf(split, 8)
      const middle = x.map((row) => row.slice(0, 5).sort((p, q) => p - q)[2]!)
      medians.push(...middle)
      expect(rms(middle.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
    }
    expect(rms(medians) ** 2).toBeGreaterThan(0.25)
    expect(rms(medians) ** 2).toBeLessThan(0.33)
    expect(median!.network).toEqual({ ...rank!.network, outputSize: 1, loss: 'mse', initScale: 0.03 })
    expect(parameterCount(createTaskTrainable(median!, 'adam', 0))).toBe(321)
    expectInitialLossBetween(median!, 0.25, 0.45)
    // AE3: about half the images have the bright blob on the left; those carry more light in their
    // left half (a bright blob adds 4, a dim one 2, the pixel noise ≈ 0 on average).
    const labels = Array.from(brighter!.train.labels!)
    expect(mean(labels)).toBeGreaterThan(0.45)
    expect(mean(labels)).toBeLessThan(0.55)
    const images = rowsOf(brighter!.train, 100)
    expect(mean(images.map(mean))).toBeCloseTo(0.06, 2)
    const leftMinusRight = images.map((image) =>
      image.reduce((sum, value, p) => sum + (p % 10 < 5 ? value : -value), 0),
    )
    const leftLight = (label: number) => mean(leftMinusRight.filter((_, r) => labels[r] === label))
    expect(leftLight(1)).toBeGreaterThan(1)
    expect(leftLight(0)).toBeLessThan(-1)
    expect(brighter!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 16, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(brighter!, 'adam', 0))).toBe(2210)
    expectInitialLossBetween(brighter!, 0.66, 0.73)
    // AE4: T10's rows and labels; every pixel is its clean value, 0 or its clean image's largest,
    // and ≈ 10 % differ (15 % replaced, some by the value they had).
    const clean = mnistMlpTask()
    for (const [noisy, plain] of [
      [saltPepper!.train, clean.train],
      [saltPepper!.validation, clean.validation],
    ] as const) {
      expect(Array.from(noisy.labels!)).toEqual(Array.from(plain.labels!))
      let changed = 0
      rowsOf(plain, 196).forEach((image, r) => {
        const largest = Math.max(...image)
        image.forEach((value, p) => {
          const pixel = noisy.inputs[r * 196 + p]!
          if (pixel === value) return
          changed++
          expect(pixel === 0 || pixel === largest).toBe(true)
        })
      })
      const share = changed / (plain.count * 196)
      expect(share).toBeGreaterThan(0.07)
      expect(share).toBeLessThan(0.13)
    }
    expect(saltPepper!.network).toEqual(clean.network)
    expectInitialLossBetween(saltPepper!, 2.2, 2.45)
    // AE5: targets R(φ)·u + noise σ 0.1 per output; φ within ±π/2; 2 outputs.
    for (const split of [rotated!.train, rotated!.validation]) {
      const x = rowsOf(split, 6)
      expect(split.targets!.length).toBe(2 * split.count)
      expect(x.every((row) => Math.abs(row[2]!) <= Math.PI / 2)).toBe(true)
      const residuals = x.flatMap(([u0, u1, angle], r) => [
        split.targets![2 * r]! - (u0! * Math.cos(angle!) - u1! * Math.sin(angle!)),
        split.targets![2 * r + 1]! - (u0! * Math.sin(angle!) + u1! * Math.cos(angle!)),
      ])
      expect(rms(residuals)).toBeCloseTo(0.1, 2)
    }
    expect(rotated!.network).toEqual({
      ...median!.network,
      inputSize: 6,
      activation: 'tanh',
      outputSize: 2,
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(rotated!, 'adam', 0))).toBe(290)
    expectInitialLossBetween(rotated!, 1.9, 2.5)
    // AE6: 500 fine-tuning rows of |f| + noise (none far below 0), head kept, the same initial loss
    // for every seed and optimizer.
    expect([folded!.train.count, folded!.validation.count, folded!.batchSize]).toEqual([500, 1000, 32])
    expect(folded!.reinitialize).toBeUndefined()
    expect(folded!.network).toEqual({ ...median!.network, inputSize: 6, initScale: 0.1 })
    expect(Math.min(...folded!.train.targets!, ...folded!.validation.targets!)).toBeGreaterThan(-0.5)
    const start = createTaskTrainable(folded!, 'adam', 0)
    expect(parameterCount(start)).toBe(257)
    expect(Array.from(start.parameters.w2!)).toEqual(Array.from(folded!.pretrained!.w2!))
    expect(createTaskTrainable(folded!, 'sgdMomentum', 1).evaluateSync()).toBe(start.evaluateSync())
    expect(start.evaluateSync()).toBeGreaterThan(1.9)
    expect(start.evaluateSync()).toBeLessThan(2.4)
  })

  it('the round-17 AD MNIST task blurs the 14×14 rows 0–199 (training) and 200–299 (held out)', () => {
    const digits = randomDigits(300, 29)
    const task = mnistBlurredTask(DEFAULT_TASK_SIZES, digits)
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.inputs)).toEqual(Array.from(blurImages(plain, 14).inputs))
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
    }
    const short = { ...digits, 4: { raw: digits[4]!.raw, length: 299 } }
    expect(() => mnistBlurredTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 4 has fewer than 300 samples',
    )
  })

  it('blurImages replaces every pixel by its 3×3 neighbourhood sum / 9, zeros beyond the border, in a new split', () => {
    const inputs = new Float32Array(18)
    inputs[4] = 9
    inputs[9] = 9
    inputs[17] = 1
    const split = { count: 2, inputs, labels: new Int32Array([3, 7]) }
    const blurred = blurImages(split, 3)
    expect(Array.from(blurred.inputs.subarray(0, 9))).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1])
    expect(Array.from(blurred.inputs.subarray(9, 18), (v) => Math.round(v * 9))).toEqual([
      9, 9, 0, 9, 10, 1, 0, 1, 1,
    ])
    expect(Array.from(blurred.labels!)).toEqual([3, 7])
    expect(inputs[4]).toBe(9)
    expect(blurred.inputs).not.toBe(inputs)
  })

  it('the round-18 AF tasks build with their documented shapes and loss scales', () => {
    const names = [
      'median-of-three',
      'wrapped-angle-regression',
      'cnn-correlation-direction',
      'mnist-top-half',
      'rare-feature-regression',
      'finetune-added-input',
    ] as const
    expect(EVAL_TASK_NAMES.slice(192, 198)).toEqual([...names])
    const [median, angle, texture, topHalf, rare, addedInput] = createEvalTasks(undefined, [...names])
    for (const task of [median, angle, texture, topHalf, rare]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([addedInput!.train.count, addedInput!.validation.count, addedInput!.batchSize]).toEqual([
      500, 1000, 32,
    ])
    // AF1: 8 inputs of unit variance; the label is the median's index of x₀…₂ on ≈ 93 % of the rows.
    for (const split of [median!.train, median!.validation]) {
      const x = rowsOf(split, 8)
      const agree = mean(
        x.map((row, r) => {
          const order = [0, 1, 2].sort((i, j) => row[i]! - row[j]!)
          return order[1] === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.9)
      expect(agree).toBeLessThan(0.96)
      expect(rms(split.inputs)).toBeGreaterThan(0.95)
      expect(rms(split.inputs)).toBeLessThan(1.05)
    }
    expect(new Set(median!.train.labels).size).toBe(3)
    expect(median!.network).toEqual(denseSpec(8, 3, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(median!, 'adam', 0))).toBe(387)
    expectInitialLossBetween(median!, 1.05, 1.35)
    // AF2: y − atan2(x₁, x₀)/π is noise of σ 0.05; the angle is uniform on (−1, 1] (variance 1/3).
    for (const split of [angle!.train, angle!.validation]) {
      const x = rowsOf(split, 6)
      const clean = x.map((row) => Math.atan2(row[1]!, row[0]!) / Math.PI)
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.05, 2)
      expect(rms(clean)).toBeCloseTo(Math.sqrt(1 / 3), 1)
    }
    expect(angle!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(angle!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(angle!, 0.35, 1)
    // AF3: pixels of variance 1.49 in both classes; neighbours correlate by ≈ 0.34 along the label's
    // direction (1 horizontal, 0 vertical) only.
    const correlation = (images: number[][], horizontal: boolean) => {
      let sum = 0
      let count = 0
      for (const image of images) {
        for (let i = 0; i < (horizontal ? 8 : 7); i++) {
          for (let j = 0; j < (horizontal ? 7 : 8); j++) {
            sum += image[i * 8 + j]! * image[(horizontal ? i : i + 1) * 8 + (horizontal ? j + 1 : j)]!
            count++
          }
        }
      }
      return sum / count / 1.49
    }
    for (const split of [texture!.train, texture!.validation]) {
      const images = rowsOf(split, 64)
      expect(rms(split.inputs) ** 2).toBeGreaterThan(1.4)
      expect(rms(split.inputs) ** 2).toBeLessThan(1.6)
      for (const label of [0, 1]) {
        const own = images.filter((_, r) => split.labels![r] === label)
        expect(own.length).toBeGreaterThan(split.count * 0.45)
        expect(correlation(own, label === 1)).toBeCloseTo(0.5 / 1.49, 1)
        expect(Math.abs(correlation(own, label === 0))).toBeLessThan(0.03)
      }
    }
    expect(texture!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 4, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(texture!, 'adam', 0))).toBe(330)
    expectInitialLossBetween(texture!, 0.66, 0.73)
    // AF4: 98 inputs (7 rows of 14), 10 balanced classes.
    expect(topHalf!.train.inputs.length).toBe(2000 * 98)
    expect(topHalf!.validation.inputs.length).toBe(1000 * 98)
    expect(mean(topHalf!.train.labels!.map((label) => (label === 9 ? 1 : 0)))).toBe(0.1)
    expect(topHalf!.network).toEqual(denseSpec(98, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(topHalf!, 'adam', 0))).toBe(3498)
    expectInitialLossBetween(topHalf!, Math.log(10) - 0.1, Math.log(10) + 0.1)
    // AF5: the slopes a₁…₉ (the first 9 draws of seed 31005 × 0.3), then per row: x₀ non-zero on ≈ 5 %
    // of the rows; y − 3·x₀ − a·x₁…₉ is noise of σ 0.2.
    const drawRare = new SeededRandom(31005)
    const slopes = Array.from({ length: 9 }, () => 0.3 * drawRare.normal())
    for (const split of [rare!.train, rare!.validation]) {
      const x = rowsOf(split, 10)
      const active = mean(x.map((row) => (row[0] === 0 ? 0 : 1)))
      expect(active).toBeGreaterThan(0.035)
      expect(active).toBeLessThan(0.065)
      const residual = x.map(
        (row, r) =>
          split.targets![r]! - 3 * row[0]! - slopes.reduce((sum, slope, d) => sum + slope * row[d + 1]!, 0),
      )
      expect(rms(residual)).toBeCloseTo(0.2, 1)
      expect(rms(residual)).toBeGreaterThan(0.18)
      expect(rms(residual)).toBeLessThan(0.22)
    }
    expect(rare!.network).toEqual(denseSpec(10, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(rare!, 'adam', 0))).toBe(385)
    expectInitialLossBetween(rare!, 0.7, 1.35)
    // AF6: the projections a, b (14 draws of seed 31006 / √6), then per row 7 inputs and one noise
    // draw; rows 2000–2499 fine-tune and 2500–3499 are held out, all with x₆ measured.
    const drawAdded = new SeededRandom(31006)
    const [a, b] = [0, 1].map(() => Array.from({ length: 7 }, () => drawAdded.normal() / Math.sqrt(6)))
    const addedRows: { x: number[]; y: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 7 }, () => drawAdded.normal())
      const [ax, bx] = [a!, b!].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      addedRows.push({ x, y: Math.sin(ax! + 0.8 * x[6]!) + 0.5 * bx! })
      drawAdded.normal()
    }
    for (const [split, from] of [
      [addedInput!.train, 2000],
      [addedInput!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 7)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - addedRows[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - addedRows[from + r]!.y))).toBeCloseTo(0.1, 2)
    }
    expect(addedInput!.network).toEqual(denseSpec(7, 1, 'mse'))
    expect(addedInput!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(addedInput!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(289)
    expect(Array.from(fromSeed0!.parameters.w2!)).toEqual(Array.from(addedInput!.pretrained!.w2!))
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    expectInitialLossBetween(addedInput!, 0.05, 0.15)
    // Pretrained without x₆: with x₆ zeroed on the held-out rows, the pretrained network's loss is
    // below half the targets' variance (it learnt the part of the target the other inputs carry).
    const zeroed = { ...addedInput!.validation, inputs: addedInput!.validation.inputs.slice() }
    for (let r = 0; r < zeroed.count; r++) zeroed.inputs[r * 7 + 6] = 0
    const zeroedLoss = createTaskTrainable({ ...addedInput!, validation: zeroed }, 'adam', 0).evaluateSync()
    const targetVariance =
      rms(addedInput!.validation.targets!) ** 2 - mean(addedInput!.validation.targets!) ** 2
    expect(zeroedLoss).toBeLessThan(targetVariance / 2)
    expect(addedInput!.description).toContain('(500 rows, whole network, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-added-input'])[0]!.train.count).toBe(64)
  })

  it('the round-18 AF MNIST task keeps rows 0–6 of the 14×14 rows 0–199 (training) and 200–299 (held out)', () => {
    const digits = randomDigits(300, 31)
    const task = mnistTopHalfTask(DEFAULT_TASK_SIZES, digits)
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      const top = Array.from({ length: plain.count }, (_, r) =>
        Array.from(plain.inputs.subarray(r * 196, r * 196 + 98)),
      ).flat()
      expect(Array.from(split.inputs)).toEqual(top)
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
    }
  })

  it('the round-19 AG tasks build with their documented shapes and loss scales', () => {
    const names = [
      'multiplexer-classes',
      'triple-product-regression',
      'cnn-blob-width',
      'mnist-mirrored',
      'egg-crate-regression',
      'finetune-overfit',
    ] as const
    expect(EVAL_TASK_NAMES.slice(198, 204)).toEqual([...names])
    const [multiplexer, triple, width, mirrored, eggCrate, overfit] = createEvalTasks(undefined, [...names])
    for (const task of [multiplexer, triple, width, mirrored, eggCrate]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([overfit!.train.count, overfit!.validation.count, overfit!.batchSize]).toEqual([500, 1000, 32])
    // AG1: the label is the sign of the data input the two address signs choose, on ≈ 95 % of the rows.
    for (const split of [multiplexer!.train, multiplexer!.validation]) {
      const agree = mean(
        rowsOf(split, 8).map((x, r) => {
          const address = (x[0]! > 0 ? 1 : 0) + (x[1]! > 0 ? 2 : 0)
          return (x[2 + address]! > 0 ? 1 : 0) === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.97)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
    }
    expect(multiplexer!.network).toEqual(denseSpec(8, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(multiplexer!, 'adam', 0))).toBe(354)
    expectInitialLossBetween(multiplexer!, 0.6, 0.85)
    // AG2: y − x₀·x₁·x₂ is noise of σ 0.1; the product has variance ≈ 1.
    for (const split of [triple!.train, triple!.validation]) {
      const product = rowsOf(split, 6).map((x) => x[0]! * x[1]! * x[2]!)
      expect(rms(product.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(rms(product)).toBeGreaterThan(0.85)
      expect(rms(product)).toBeLessThan(1.15)
    }
    expect(triple!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(triple!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(triple!, 0.9, 1.8)
    // AG3: standardised widths (mean 0, unit variance, within ±√3); a wider blob has more light.
    for (const split of [width!.train, width!.validation]) {
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.1)
      expect(rms(split.targets!)).toBeCloseTo(1, 1)
      expect(Math.max(...Array.from(split.targets!, Math.abs))).toBeLessThanOrEqual(Math.sqrt(3) + 1e-5)
      const light = rowsOf(split, 100).map((image) => image.reduce((sum, p) => sum + p, 0))
      const order = Array.from(split.targets!.keys()).sort((i, j) => split.targets![i]! - split.targets![j]!)
      const narrow = mean(order.slice(0, split.count / 4).map((r) => light[r]!))
      const wide = mean(order.slice((3 * split.count) / 4).map((r) => light[r]!))
      expect(wide).toBeGreaterThan(2 * narrow)
    }
    expect(width!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 8,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(width!, 'adam', 0))).toBe(593)
    expectInitialLossBetween(width!, 0.8, 1.3)
    // AG4: 196 inputs, 10 balanced classes.
    expect(mirrored!.train.inputs.length).toBe(2000 * 196)
    expect(mean(mirrored!.train.labels!.map((label) => (label === 4 ? 1 : 0)))).toBe(0.1)
    expect(parameterCount(createTaskTrainable(mirrored!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(mirrored!, Math.log(10) - 0.1, Math.log(10) + 0.1)
    // AG5: y − sin(2x₀)·cos(2x₁) is noise of σ 0.1.
    for (const split of [eggCrate!.train, eggCrate!.validation]) {
      const clean = rowsOf(split, 6).map((x) => Math.sin(2 * x[0]!) * Math.cos(2 * x[1]!))
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(rms(clean) ** 2).toBeGreaterThan(0.22)
      expect(rms(clean) ** 2).toBeLessThan(0.3)
    }
    expect(eggCrate!.network).toEqual(denseSpec(6, 1, 'mse', 'tanh'))
    expect(parameterCount(createTaskTrainable(eggCrate!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(eggCrate!, 0.25, 0.5)
    // AG6: the projections a, b (12 draws of seed 32006 / √6), then per row 6 inputs and one noise
    // draw; rows 64–563 fine-tune and 564–1563 are held out.
    const draw = new SeededRandom(32006)
    const [a, b] = [0, 1].map(() => Array.from({ length: 6 }, () => draw.normal() / Math.sqrt(6)))
    const clean: { x: number[]; y: number }[] = []
    for (let r = 0; r < 1564; r++) {
      const x = Array.from({ length: 6 }, () => draw.normal())
      const [ax, bx] = [a!, b!].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      clean.push({ x, y: Math.sin(ax!) + bx! })
      draw.normal()
    }
    for (const [split, from] of [
      [overfit!.train, 64],
      [overfit!.validation, 564],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - clean[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - clean[from + r]!.y))).toBeCloseTo(0.3, 1)
    }
    expect(overfit!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(overfit!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(overfit!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(257)
    expect(Array.from(fromSeed0!.parameters.w1!)).toEqual(Array.from(overfit!.pretrained!.w1!))
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    // Overfit: on its 64 pretraining rows the network is below the noise floor (0.09), held out it is
    // well above it.
    const pretrainRows = {
      count: 64,
      inputs: Float32Array.from(clean.slice(0, 64).flatMap((row) => row.x)),
      targets: Float32Array.from(clean.slice(0, 64), (row) => row.y),
    }
    const onPretrainRows = createTaskTrainable(
      { ...overfit!, validation: pretrainRows },
      'adam',
      0,
    ).evaluateSync()
    expect(onPretrainRows).toBeLessThan(0.15)
    expectInitialLossBetween(overfit!, 0.15, 0.4)
    expect(overfit!.description).toContain('overfit 64 rows')
    expect(createEvalTasks(SMALL, ['finetune-overfit'])[0]!.train.count).toBe(64)
  })

  it('mirrorImagesAtRandom mirrors about half of the images left–right, one draw per image, in a new split', () => {
    const split: DataSplit = {
      count: 200,
      inputs: Float32Array.from({ length: 200 * 9 }, (_, p) => p),
      labels: new Int32Array(200),
    }
    const mirrored = mirrorImagesAtRandom(split, 3, new SeededRandom(5))
    const draws = new SeededRandom(5)
    let flips = 0
    for (let r = 0; r < 200; r++) {
      const flip = draws.next() < 0.5
      flips += flip ? 1 : 0
      for (let i = 0; i < 3; i++) {
        for (let j = 0; j < 3; j++) {
          const source = r * 9 + i * 3 + (flip ? 2 - j : j)
          expect(mirrored.inputs[r * 9 + i * 3 + j]).toBe(source)
        }
      }
    }
    expect(flips).toBeGreaterThan(80)
    expect(flips).toBeLessThan(120)
    expect(split.inputs[1]).toBe(1)
    expect(mirrored.labels).toBe(split.labels)
  })

  it('the round-19 AG and AH MNIST tasks: 14×14 rows 0–199 (training) and 200–299 (held out), mirrored at random or dimmed when held out', () => {
    const digits = randomDigits(300, 32)
    const mirrored = mnistMirroredTask(DEFAULT_TASK_SIZES, digits)
    const dimmed = mnistDimmedHeldOutTask(DEFAULT_TASK_SIZES, digits)
    const random = new SeededRandom(32004)
    for (const [split, from, perDigit] of [
      [mirrored.train, 0, 200],
      [mirrored.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.inputs)).toEqual(Array.from(mirrorImagesAtRandom(plain, 14, random).inputs))
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
    }
    expect(Array.from(dimmed.train.inputs)).toEqual(Array.from(mnist14Split(digits, ALL_TEN, 0, 200).inputs))
    const plainHeldOut = mnist14Split(digits, ALL_TEN, 200, 100)
    expect(Array.from(dimmed.validation.inputs)).toEqual(
      Array.from(plainHeldOut.inputs, (pixel) => Math.fround(pixel * 0.6)),
    )
    expect(Array.from(dimmed.validation.labels!)).toEqual(Array.from(plainHeldOut.labels!))
  })

  it('the round-19 AH tasks build with their documented shapes and loss scales', () => {
    const names = [
      'spurious-shortcut',
      'noise-output-regression',
      'cnn-blob-on-border',
      'mnist-dimmed-held-out',
      'hidden-coin-regression',
      'finetune-skewed-classes',
    ] as const
    expect(EVAL_TASK_NAMES.slice(204, 210)).toEqual([...names])
    const [shortcut, noiseOutput, border, dimmed, coin, skewed] = createEvalTasks(undefined, [...names])
    for (const task of [shortcut, noiseOutput, border, dimmed, coin]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([skewed!.train.count, skewed!.validation.count, skewed!.batchSize]).toEqual([500, 1000, 32])
    // AH1: the shortcut x₇'s sign agrees with the label on ≈ 79 % of the training rows and ≈ 50 % of
    // the held-out ones; its law is the same in both (mean 0, variance 1.64).
    const direction = new SeededRandom(33001)
    const w = Array.from({ length: 4 }, () => direction.normal())
    for (const [split, agreement] of [
      [shortcut!.train, 0.79],
      [shortcut!.validation, 0.5],
    ] as const) {
      const x = rowsOf(split, 8)
      const shortcutAgrees = mean(x.map((row, r) => ((row[7]! > 0 ? 1 : 0) === split.labels![r] ? 1 : 0)))
      expect(Math.abs(shortcutAgrees - agreement)).toBeLessThan(0.04)
      const boundaryAgrees = mean(
        x.map((row, r) =>
          (w.reduce((sum, wd, d) => sum + wd * row[d]!, 0) > 0 ? 1 : 0) === split.labels![r] ? 1 : 0,
        ),
      )
      expect(boundaryAgrees).toBeGreaterThan(0.93)
      expect(boundaryAgrees).toBeLessThan(0.97)
      expect(rms(x.map((row) => row[7]!)) ** 2).toBeCloseTo(1.64, 0)
    }
    expect(shortcut!.network).toEqual(denseSpec(8, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(shortcut!, 'adam', 0))).toBe(354)
    expectInitialLossBetween(shortcut!, 0.6, 0.85)
    // AH2: two targets per row; the second is unit noise independent of the first and of the inputs.
    for (const split of [noiseOutput!.train, noiseOutput!.validation]) {
      expect(split.targets!.length).toBe(2 * split.count)
      const second = Array.from({ length: split.count }, (_, r) => split.targets![2 * r + 1]!)
      const first = Array.from({ length: split.count }, (_, r) => split.targets![2 * r]!)
      expect(rms(second)).toBeGreaterThan(0.93)
      expect(rms(second)).toBeLessThan(1.07)
      expect(Math.abs(mean(first.map((y, r) => y * second[r]!)))).toBeLessThan(0.1)
      const x0 = rowsOf(split, 6).map((row) => row[0]!)
      expect(Math.abs(mean(x0.map((value, r) => value * second[r]!)))).toBeLessThan(0.1)
    }
    expect(noiseOutput!.network).toEqual(denseSpec(6, 2, 'mse'))
    expect(parameterCount(createTaskTrainable(noiseOutput!, 'adam', 0))).toBe(290)
    expectInitialLossBetween(noiseOutput!, 1.3, 2.2)
    // AH3: one 2×2 blob per image; label 1 where it touches the border (≈ 40 % of the rows).
    for (const split of [border!.train, border!.validation]) {
      const images = rowsOf(split, 100)
      const agree = mean(
        images.map((image, r) => {
          let [best, bi, bj] = [-Infinity, 0, 0]
          for (let i = 0; i < 9; i++) {
            for (let j = 0; j < 9; j++) {
              const sum =
                image[i * 10 + j]! +
                image[i * 10 + j + 1]! +
                image[i * 10 + j + 10]! +
                image[i * 10 + j + 11]!
              if (sum > best) [best, bi, bj] = [sum, i, j]
            }
          }
          return (bi === 0 || bj === 0 || bi === 8 || bj === 8 ? 1 : 0) === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.97)
      expect(mean(split.labels!)).toBeGreaterThan(0.35)
      expect(mean(split.labels!)).toBeLessThan(0.45)
    }
    expect(border!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 8, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(border!, 'adam', 0))).toBe(1106)
    expectInitialLossBetween(border!, 0.66, 0.73)
    // AH4: the held-out pixels are at most 0.6, the training ones reach 1.
    const largest = (values: Float32Array) => values.reduce((max, value) => Math.max(max, value), -Infinity)
    expect(largest(dimmed!.train.inputs)).toBeGreaterThan(0.9)
    expect(largest(dimmed!.validation.inputs)).toBeLessThanOrEqual(0.6 + 1e-6)
    expect(largest(dimmed!.validation.inputs)).toBeGreaterThan(0.5)
    expect(parameterCount(createTaskTrainable(dimmed!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(dimmed!, Math.log(10) - 0.1, Math.log(10) + 0.1)
    // AH5: every target is x₀ or x₁ up to noise of σ 0.1, each on about half of the rows.
    for (const split of [coin!.train, coin!.validation]) {
      const x = rowsOf(split, 6)
      const nearer = x.map((row, r) =>
        Math.abs(split.targets![r]! - row[0]!) < Math.abs(split.targets![r]! - row[1]!) ? 0 : 1,
      )
      const residual = x.map((row, r) => split.targets![r]! - row[nearer[r]!]!)
      expect(rms(residual)).toBeLessThan(0.1)
      expect(mean(nearer)).toBeGreaterThan(0.45)
      expect(mean(nearer)).toBeLessThan(0.55)
      const half = x.map((row, r) => split.targets![r]! - (row[0]! + row[1]!) / 2)
      expect(rms(half) ** 2).toBeCloseTo(0.51, 1)
    }
    expect(coin!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(coin!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(coin!, 1, 2.2)
    // AH6: balanced fine-tuning and held-out rows; the pretrained network, skewed towards class 0,
    // fits the held-out rows of class 0 far better than those of the other classes.
    for (const split of [skewed!.train, skewed!.validation]) {
      for (let c = 0; c < 5; c++) {
        const share = mean(split.labels!.map((label) => (label === c ? 1 : 0)))
        expect(share).toBeGreaterThan(0.14)
        expect(share).toBeLessThan(0.26)
      }
    }
    expect(skewed!.network).toEqual(denseSpec(10, 5, 'crossEntropy'))
    expect(skewed!.reinitialize).toBeUndefined()
    const heldOutOf = (keep: (label: number) => boolean) => {
      const rows = Array.from({ length: skewed!.validation.count }, (_, r) => r).filter((r) =>
        keep(skewed!.validation.labels![r]!),
      )
      const validation: DataSplit = {
        count: rows.length,
        inputs: Float32Array.from(
          rows.flatMap((r) => Array.from(skewed!.validation.inputs.subarray(r * 10, r * 10 + 10))),
        ),
        labels: Int32Array.from(rows, (r) => skewed!.validation.labels![r]!),
      }
      return createTaskTrainable({ ...skewed!, validation }, 'adam', 0).evaluateSync()
    }
    expect(heldOutOf((label) => label === 0)).toBeLessThan(heldOutOf((label) => label !== 0) / 2)
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(skewed!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(517)
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    expectInitialLossBetween(skewed!, 0.6, 1.3)
    expect(skewed!.description).toContain('(500 rows, whole network, head kept)')
  })

  it('the round-20 AI tasks build with their documented shapes and loss scales', () => {
    const names = [
      'sorted-triple-classes',
      'indefinite-quadratic-regression',
      'cnn-corner-or-line',
      'mnist-dilated',
      'log-cusp-regression',
      'finetune-other-half-space',
    ] as const
    expect(EVAL_TASK_NAMES.slice(210, 216)).toEqual([...names])
    const [sorted, quadratic, corner, dilated, cusp, halfSpace] = createEvalTasks(undefined, [...names])
    for (const task of [sorted, quadratic, corner, dilated, cusp]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([halfSpace!.train.count, halfSpace!.validation.count, halfSpace!.batchSize]).toEqual([
      500, 1000, 32,
    ])
    // AI1: label 1 where x₀ < x₁ < x₂ (one row in six), on ≈ 97 % of the rows.
    for (const split of [sorted!.train, sorted!.validation]) {
      const truth = rowsOf(split, 7).map((x) => (x[0]! < x[1]! && x[1]! < x[2]! ? 1 : 0))
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.95)
      expect(agree).toBeLessThan(0.99)
      expect(mean(truth)).toBeGreaterThan(0.14)
      expect(mean(truth)).toBeLessThan(0.2)
    }
    expect(sorted!.network).toEqual(denseSpec(7, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(sorted!, 'adam', 0))).toBe(322)
    expectInitialLossBetween(sorted!, 0.45, 0.95)
    // AI2: A = (G + Gᵀ)/2 from the first 16 draws of seed 34002; y − (xᵀAx − tr A)/√(2 tr A²) is noise
    // of σ 0.1 and the clean target has mean 0, variance 1.
    const drawQuadratic = new SeededRandom(34002)
    const g = Array.from({ length: 16 }, () => drawQuadratic.normal())
    const a = (i: number, j: number) => (g[i * 4 + j]! + g[j * 4 + i]!) / 2
    let [trace, traceOfSquare] = [0, 0]
    for (let i = 0; i < 4; i++) {
      trace += a(i, i)
      for (let j = 0; j < 4; j++) traceOfSquare += a(i, j) ** 2
    }
    for (const split of [quadratic!.train, quadratic!.validation]) {
      const clean = rowsOf(split, 6).map((x) => {
        let form = 0
        for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) form += x[i]! * a(i, j) * x[j]!
        return (form - trace) / Math.sqrt(2 * traceOfSquare)
      })
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.85)
      expect(rms(clean)).toBeLessThan(1.15)
      // Indefinite: the target takes both signs far from 0.
      expect(Math.min(...clean)).toBeLessThan(-2)
      expect(Math.max(...clean)).toBeGreaterThan(2)
    }
    expect(quadratic!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(quadratic!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(quadratic!, 0.9, 1.8)
    // AI3: five bright pixels per image; they lie on one row or column exactly for the lines (label 0).
    for (const split of [corner!.train, corner!.validation]) {
      const agree = mean(
        rowsOf(split, 64).map((image, r) => {
          const brightest = Array.from(image.keys())
            .sort((p, q) => image[q]! - image[p]!)
            .slice(0, 5)
          const rows = new Set(brightest.map((p) => Math.floor(p / 8)))
          const columns = new Set(brightest.map((p) => p % 8))
          const straight = rows.size === 1 || columns.size === 1
          return (straight ? 0 : 1) === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.98)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
    }
    expect(corner!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 16, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(corner!, 'adam', 0))).toBe(1314)
    expectInitialLossBetween(corner!, 0.66, 0.74)
    // AI4: 196 inputs, 10 balanced classes.
    expect(dilated!.train.inputs.length).toBe(2000 * 196)
    expect(mean(dilated!.train.labels!.map((label) => (label === 7 ? 1 : 0)))).toBe(0.1)
    expect(parameterCount(createTaskTrainable(dilated!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(dilated!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AI5: y − ln(|x₀| + 0.05) − 0.5·x₁ is noise of σ 0.1.
    for (const split of [cusp!.train, cusp!.validation]) {
      const clean = rowsOf(split, 6).map((x) => Math.log(Math.abs(x[0]!) + 0.05) + 0.5 * x[1]!)
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.min(...split.targets!)).toBeLessThan(-2.5)
    }
    expect(cusp!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(cusp!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(cusp!, 1, 2.5)
    // AI6: the projections a, b (12 draws of seed 34006 / √6), then per row 6 inputs and one noise
    // draw; fine-tuning and held-out rows are the first 1500 rows after row 2000 with x₀ > 0, in order.
    const draw = new SeededRandom(34006)
    const [pa, pb] = [0, 1].map(() => Array.from({ length: 6 }, () => draw.normal() / Math.sqrt(6)))
    const positive: { x: number[]; y: number }[] = []
    const negative: { x: number[]; y: number }[] = []
    for (let r = 0; positive.length < 1500; r++) {
      const x = Array.from({ length: 6 }, () => draw.normal())
      const [ax, bx] = [pa!, pb!].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      draw.normal()
      if (r >= 2000 && x[0]! > 0) positive.push({ x, y: Math.sin(ax!) + bx! })
      if (r < 2000 && x[0]! < 0) negative.push({ x, y: Math.sin(ax!) + bx! })
    }
    for (const [split, from] of [
      [halfSpace!.train, 0],
      [halfSpace!.validation, 500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - positive[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      expect(x.every((row) => row[0]! > 0)).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - positive[from + r]!.y))).toBeCloseTo(0.1, 2)
    }
    expect(halfSpace!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(halfSpace!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(halfSpace!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(257)
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    // Pretrained on x₀ < 0: on its own (noise-free) pretraining rows the loss is near 0, on the other
    // half far higher.
    const pretrainingRows: DataSplit = {
      count: negative.length,
      inputs: Float32Array.from(negative.flatMap((row) => row.x)),
      targets: Float32Array.from(negative, (row) => row.y),
    }
    const onOwnHalf = createTaskTrainable(
      { ...halfSpace!, validation: pretrainingRows },
      'adam',
      0,
    ).evaluateSync()
    expect(onOwnHalf).toBeLessThan(0.05)
    expect(fromSeed0!.evaluateSync()).toBeGreaterThan(10 * onOwnHalf)
    expectInitialLossBetween(halfSpace!, 0.3, 3)
    expect(halfSpace!.description).toContain('(500 rows, whole network, head kept, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-other-half-space'])[0]!.train.count).toBe(64)
  })

  it('dilateImages replaces every pixel by the largest of its 3×3 neighbourhood, in a new split', () => {
    const split: DataSplit = {
      count: 1,
      inputs: Float32Array.from([0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]),
      labels: Int32Array.from([3]),
    }
    const dilated = dilateImages(split, 4)
    expect(Array.from(dilated.inputs)).toEqual([5, 5, 5, 0, 5, 5, 5, 0, 5, 5, 5, 2, 0, 0, 2, 2])
    expect(split.inputs[0]).toBe(0)
    expect(dilated.labels).toBe(split.labels)
  })

  it('rowAndColumnMeans gives each image its row means, then its column means, in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from([1, 2, 3, 4, 0, 0, 0, 6]),
      labels: Int32Array.from([0, 1]),
    }
    const means = rowAndColumnMeans(split, 2)
    expect(Array.from(means.inputs)).toEqual([1.5, 3.5, 2, 3, 0, 3, 0, 3])
    expect(means.labels).toBe(split.labels)
  })

  it('the round-20 AI and AJ MNIST tasks: 14×14 rows 0–199 (training) and 200–299 (held out), dilated or reduced to row and column means', () => {
    const digits = randomDigits(300, 34)
    const dilated = mnistDilatedTask(DEFAULT_TASK_SIZES, digits)
    const projections = mnistProjectionsTask(DEFAULT_TASK_SIZES, digits)
    for (const [dilatedSplit, projectedSplit, from, perDigit] of [
      [dilated.train, projections.train, 0, 200],
      [dilated.validation, projections.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(dilatedSplit.inputs)).toEqual(Array.from(dilateImages(plain, 14).inputs))
      expect(Array.from(projectedSplit.inputs)).toEqual(Array.from(rowAndColumnMeans(plain, 14).inputs))
      expect(Array.from(dilatedSplit.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(projectedSplit.labels!)).toEqual(Array.from(plain.labels!))
    }
    expect(projections.network).toMatchObject({ inputSize: 28, outputSize: 10 })
  })

  it('the round-20 AJ tasks build with their documented shapes and loss scales', () => {
    const names = [
      'octant-classes',
      'cosine-similarity-regression',
      'cnn-checker-patch',
      'mnist-projections',
      'sign-changes-regression',
      'finetune-degraded-inputs',
    ] as const
    expect(EVAL_TASK_NAMES.slice(216, 222)).toEqual([...names])
    const [octant, cosine, checker, projections, signChanges, degraded] = createEvalTasks(undefined, [
      ...names,
    ])
    for (const task of [octant, cosine, checker, projections, signChanges]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([degraded!.train.count, degraded!.validation.count, degraded!.batchSize]).toEqual([500, 1000, 32])
    // AJ1: the octant of x₀…₂ on ≈ 95.6 % of the rows; all eight classes.
    for (const split of [octant!.train, octant!.validation]) {
      const agree = mean(
        rowsOf(split, 6).map((x, r) =>
          (x[0]! > 0 ? 1 : 0) + (x[1]! > 0 ? 2 : 0) + (x[2]! > 0 ? 4 : 0) === split.labels![r] ? 1 : 0,
        ),
      )
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.98)
      expect(new Set(split.labels).size).toBe(8)
    }
    expect(octant!.network).toEqual(denseSpec(6, 8, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(octant!, 'adam', 0))).toBe(488)
    expectInitialLossBetween(octant!, 1.9, 2.4)
    // AJ2: y − cos∠(x₀…₂, x₃…₅) is noise of σ 0.05; the cosine is uniform on [−1, 1].
    for (const split of [cosine!.train, cosine!.validation]) {
      const clean = rowsOf(split, 8).map((x) => {
        const dot = x[0]! * x[3]! + x[1]! * x[4]! + x[2]! * x[5]!
        return dot / Math.hypot(x[0]!, x[1]!, x[2]!) / Math.hypot(x[3]!, x[4]!, x[5]!)
      })
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.05, 2)
      expect(rms(clean)).toBeCloseTo(Math.sqrt(1 / 3), 1)
      expect(Math.max(...clean.map(Math.abs))).toBeLessThanOrEqual(1 + 1e-6)
    }
    expect(cosine!.network).toEqual(denseSpec(8, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(cosine!, 'adam', 0))).toBe(321)
    expectInitialLossBetween(cosine!, 0.45, 0.65)
    // AJ3: the best-matching 4×4 checkerboard beats the best-matching plain patch on the checkered
    // images (label 1) and loses on the plain ones, for ≥ 90 % of the rows.
    for (const split of [checker!.train, checker!.validation]) {
      const agree = mean(
        rowsOf(split, 100).map((image, r) => {
          let [checkered, plain] = [0, 0]
          for (let top = 0; top <= 6; top++) {
            for (let left = 0; left <= 6; left++) {
              let [alternating, sum] = [0, 0]
              for (let i = 0; i < 4; i++) {
                for (let j = 0; j < 4; j++) {
                  const pixel = image[(top + i) * 10 + left + j]!
                  alternating += (i + j) % 2 === 0 ? pixel : -pixel
                  sum += pixel
                }
              }
              checkered = Math.max(checkered, Math.abs(alternating))
              plain = Math.max(plain, Math.abs(sum))
            }
          }
          return (checkered > plain ? 1 : 0) === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.9)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
    }
    expect(checker!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 4, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(checker!, 'adam', 0))).toBe(554)
    expectInitialLossBetween(checker!, 0.66, 0.74)
    // AJ4: 28 inputs in [0, 1], 10 balanced classes.
    expect(projections!.train.inputs.length).toBe(2000 * 28)
    expect(Math.max(...projections!.train.inputs)).toBeLessThanOrEqual(1)
    expect(mean(projections!.train.labels!.map((label) => (label === 2 ? 1 : 0)))).toBe(0.1)
    expect(projections!.network).toEqual(denseSpec(28, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(projections!, 'adam', 0))).toBe(1258)
    expectInitialLossBetween(projections!, Math.log(10) - 0.1, Math.log(10) + 0.1)
    // AJ5: y − (changes − 3.5)/√1.75 is noise of σ 0.1; the count has mean 3.5 and variance 1.75.
    for (const split of [signChanges!.train, signChanges!.validation]) {
      const counts = rowsOf(split, 8).map((x) => {
        let changes = 0
        for (let d = 0; d < 7; d++) if (x[d]! > 0 !== x[d + 1]! > 0) changes++
        return changes
      })
      const clean = counts.map((k) => (k - 3.5) / Math.sqrt(1.75))
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(counts) - 3.5)).toBeLessThan(0.15)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
    }
    expect(signChanges!.network).toEqual(denseSpec(8, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(signChanges!, 'adam', 0))).toBe(321)
    expectInitialLossBetween(signChanges!, 1, 1.5)
    // AJ6: the projections a, b (12 draws of seed 35006 / √6), then per row 6 inputs and one noise
    // draw; rows 2000–2499 fine-tune and 2500–3499 are held out, their x₀…₂ plus noise from seed 35016
    // (three draws per row, in row order).
    const draw = new SeededRandom(35006)
    const [pa, pb] = [0, 1].map(() => Array.from({ length: 6 }, () => draw.normal() / Math.sqrt(6)))
    const noise = new SeededRandom(35016)
    const clean: { x: number[]; observed: number[]; y: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => draw.normal())
      const [ax, bx] = [pa!, pb!].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      draw.normal()
      const observed = r < 2000 ? x : x.map((value, d) => (d < 3 ? value + noise.normal() : value))
      clean.push({ x, observed, y: Math.sin(ax!) + bx! })
    }
    for (const [split, from] of [
      [degraded!.train, 2000],
      [degraded!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - clean[from + r]!.observed[d]!) < 1e-4)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - clean[from + r]!.y))).toBeCloseTo(0.1, 2)
      const added = x.map((row, r) => row[0]! - clean[from + r]!.x[0]!)
      expect(rms(added)).toBeGreaterThan(0.9)
      expect(rms(added)).toBeLessThan(1.1)
    }
    expect(degraded!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(degraded!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(degraded!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(257)
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    // Pretrained on clean inputs: with the clean inputs back, the held-out loss is near the noise floor.
    const restored = {
      ...degraded!.validation,
      inputs: Float32Array.from(clean.slice(2500).flatMap((row) => row.x)),
    }
    const restoredLoss = createTaskTrainable({ ...degraded!, validation: restored }, 'adam', 0).evaluateSync()
    expect(restoredLoss).toBeLessThan(0.05)
    expectInitialLossBetween(degraded!, 0.3, 0.8)
    expect(degraded!.description).toContain('(500 rows, whole network, head kept, MSE)')
  })

  it('the round-21 AK tasks build with their documented shapes and loss scales', () => {
    const names = [
      'triangle-inequality-classes',
      'nearest-point-distance-regression',
      'cnn-broken-diagonal',
      'mnist-rolled-columns',
      'random-fourier-regression',
      'finetune-doubled-frequency',
    ] as const
    expect(EVAL_TASK_NAMES.slice(222, 228)).toEqual([...names])
    const [triangle, nearest, diagonal, rolled, fourier, doubled] = createEvalTasks(undefined, [...names])
    for (const task of [triangle, nearest, diagonal, rolled, fourier]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([doubled!.train.count, doubled!.validation.count, doubled!.batchSize]).toEqual([500, 1000, 32])
    // AK1: 6 inputs in [0, 1); label 1 where x₀, x₁, x₂ satisfy the triangle inequality (half of the
    // rows), on ≈ 97 % of the rows.
    for (const split of [triangle!.train, triangle!.validation]) {
      const x = rowsOf(split, 6)
      expect(x.flat().every((value) => value >= 0 && value < 1)).toBe(true)
      const truth = x.map(([a, b, c]) => (a! < b! + c! && b! < a! + c! && c! < a! + b! ? 1 : 0))
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.95)
      expect(agree).toBeLessThan(0.99)
      expect(mean(truth)).toBeGreaterThan(0.45)
      expect(mean(truth)).toBeLessThan(0.55)
    }
    expect(triangle!.network).toEqual(denseSpec(6, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(triangle!, 'adam', 0))).toBe(290)
    expectInitialLossBetween(triangle!, 0.66, 0.76)
    // AK2: four points in 3-d from the first 12 draws of seed 36002; y − min_k ‖x₀…₂ − c_k‖ is noise
    // of σ 0.1.
    const drawPoints = new SeededRandom(36002)
    const points = Array.from({ length: 4 }, () => Array.from({ length: 3 }, () => drawPoints.normal()))
    for (const split of [nearest!.train, nearest!.validation]) {
      const clean = rowsOf(split, 6).map((x) =>
        Math.min(...points.map((c) => Math.hypot(x[0]! - c[0]!, x[1]! - c[1]!, x[2]! - c[2]!))),
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(mean(clean)).toBeGreaterThan(1.2)
      expect(mean(clean)).toBeLessThan(1.7)
      expect(Math.min(...clean)).toBeLessThan(0.2)
    }
    expect(nearest!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(nearest!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(nearest!, 1, 5)
    // AK3: the six brightest pixels lie on one diagonal or anti-diagonal, on six consecutive rows
    // (label 0) or on six of seven rows (label 1, the broken line).
    for (const split of [diagonal!.train, diagonal!.validation]) {
      const agree = mean(
        rowsOf(split, 100).map((image, r) => {
          const brightest = Array.from(image.keys())
            .sort((p, q) => image[q]! - image[p]!)
            .slice(0, 6)
          const rows = brightest.map((p) => Math.floor(p / 10))
          const onDiagonal =
            new Set(brightest.map((p) => (p % 10) - Math.floor(p / 10))).size === 1 ||
            new Set(brightest.map((p) => (p % 10) + Math.floor(p / 10))).size === 1
          const span = Math.max(...rows) - Math.min(...rows) + 1
          return onDiagonal && new Set(rows).size === 6 && span - 6 === split.labels![r] ? 1 : 0
        }),
      )
      expect(agree).toBeGreaterThan(0.98)
      expect(mean(split.labels!)).toBeGreaterThan(0.45)
      expect(mean(split.labels!)).toBeLessThan(0.55)
    }
    expect(diagonal!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 8, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(diagonal!, 'adam', 0))).toBe(1106)
    expectInitialLossBetween(diagonal!, 0.66, 0.74)
    // AK4: 196 inputs in [0, 1], 10 balanced classes.
    expect(rolled!.train.inputs.length).toBe(2000 * 196)
    expect(rolled!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(1)
    expect(mean(rolled!.train.labels!.map((label) => (label === 4 ? 1 : 0)))).toBe(0.1)
    expect(rolled!.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(rolled!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(rolled!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AK5: per feature 4 frequencies N(0, 0.5²) then a phase 2π·U(0, 1), from seed 36005; y − √(2/24)·
    // Σ cos(w·x₀…₃ + φ) is noise of σ 0.1.
    const drawFeatures = new SeededRandom(36005)
    const features = Array.from({ length: 24 }, () => ({
      w: Array.from({ length: 4 }, () => 0.5 * drawFeatures.normal()),
      phase: 2 * Math.PI * drawFeatures.next(),
    }))
    for (const split of [fourier!.train, fourier!.validation]) {
      const clean = rowsOf(split, 6).map(
        (x) =>
          Math.sqrt(2 / 24) *
          features.reduce(
            (sum, { w, phase }) => sum + Math.cos(phase + w.reduce((s, wd, d) => s + wd * x[d]!, 0)),
            0,
          ),
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(mean(clean)).toBeGreaterThan(0.3)
      expect(mean(clean)).toBeLessThan(0.6)
      expect(rms(clean)).toBeGreaterThan(0.6)
      expect(rms(clean)).toBeLessThan(0.85)
    }
    expect(fourier!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(fourier!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(fourier!, 0.4, 1.8)
    // AK6: the projections a, b (12 draws of seed 36006 / √6), then per row 6 inputs and one noise
    // draw; rows 2000–2499 fine-tune and 2500–3499 are held out, their targets sin(2·a·x) + b·x + noise.
    const draw = new SeededRandom(36006)
    const [pa, pb] = [0, 1].map(() => Array.from({ length: 6 }, () => draw.normal() / Math.sqrt(6)))
    const walk: { x: number[]; old: number; doubled: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => draw.normal())
      const [ax, bx] = [pa!, pb!].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      draw.normal()
      walk.push({ x, old: Math.sin(ax!) + bx!, doubled: Math.sin(2 * ax!) + bx! })
    }
    for (const [split, from] of [
      [doubled!.train, 2000],
      [doubled!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - walk[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      expect(rms(x.map((_, r) => split.targets![r]! - walk[from + r]!.doubled))).toBeCloseTo(0.1, 2)
    }
    expect(doubled!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(doubled!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(doubled!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(257)
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    // Pretrained on sin(a·x) + b·x: on the held-out rows' old (noise-free) targets the loss is near 0,
    // on the doubled frequency several times higher.
    const oldTargets = {
      ...doubled!.validation,
      targets: Float32Array.from(walk.slice(2500), (row) => row.old),
    }
    const onOldTarget = createTaskTrainable({ ...doubled!, validation: oldTargets }, 'adam', 0).evaluateSync()
    expect(onOldTarget).toBeLessThan(0.03)
    expect(fromSeed0!.evaluateSync()).toBeGreaterThan(3 * onOldTarget)
    expectInitialLossBetween(doubled!, 0.05, 0.2)
    expect(doubled!.description).toContain('(500 rows, whole network, head kept, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-doubled-frequency'])[0]!.train.count).toBe(64)
  })

  it('rollColumns rolls each image’s columns cyclically to the right by its own random amount, in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from({ length: 18 }, (_, p) => p + 1),
      labels: Int32Array.from([4, 7]),
    }
    // Seed 10 draws the amounts 1 and 2 for side 3.
    const draw = new SeededRandom(10)
    expect([draw.integer(3), draw.integer(3)]).toEqual([1, 2])
    const rolled = rollColumns(split, 3, new SeededRandom(10))
    expect(Array.from(rolled.inputs)).toEqual([3, 1, 2, 6, 4, 5, 9, 7, 8, 11, 12, 10, 14, 15, 13, 17, 18, 16])
    expect(split.inputs[0]).toBe(1)
    expect(rolled.labels).toBe(split.labels)
  })

  it('edgeMagnitude gives each pixel the mean absolute difference to its right and lower neighbours (0 beyond the border), in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from([0, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
      labels: Int32Array.from([0, 1]),
    }
    const edges = edgeMagnitude(split, 3)
    expect(Array.from(edges.inputs)).toEqual([
      0.5, 0.5, 0, 0.5, 1, 0, 0, 0, 0, 0, 0, 0.5, 0, 0, 0.5, 0.5, 0.5, 1,
    ])
    expect(split.inputs[1]).toBe(1)
    expect(edges.labels).toBe(split.labels)
  })

  it('the round-21 AK and AL MNIST tasks: 14×14 rows 0–199 (training) and 200–299 (held out), columns rolled (seed 36004) or reduced to edge maps', () => {
    const digits = randomDigits(300, 36)
    const rolled = mnistRolledColumnsTask(DEFAULT_TASK_SIZES, digits)
    const edges = mnistEdgeMapTask(DEFAULT_TASK_SIZES, digits)
    const draw = new SeededRandom(36004)
    for (const [rolledSplit, edgeSplit, from, perDigit] of [
      [rolled.train, edges.train, 0, 200],
      [rolled.validation, edges.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(rolledSplit.inputs)).toEqual(Array.from(rollColumns(plain, 14, draw).inputs))
      expect(Array.from(edgeSplit.inputs)).toEqual(Array.from(edgeMagnitude(plain, 14).inputs))
      expect(Array.from(rolledSplit.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(edgeSplit.labels!)).toEqual(Array.from(plain.labels!))
    }
    // Rolling keeps each image's pixels (a permutation within each row of the image).
    const plain = mnist14Split(digits, ALL_TEN, 0, 200)
    const sorted = (values: ArrayLike<number>) => Array.from(values).sort((p, q) => p - q)
    expect(sorted(rolled.train.inputs.subarray(0, 14))).toEqual(sorted(plain.inputs.subarray(0, 14)))
    expect(rolled.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(edges.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
  })

  it('the round-21 AL tasks build with their documented shapes and loss scales', () => {
    const names = [
      'top-pair-classes',
      'share-of-total-regression',
      'cnn-noise-level-regression',
      'mnist-edge-map',
      'max-drawdown-regression',
      'finetune-bent-boundary',
    ] as const
    expect(EVAL_TASK_NAMES.slice(228, 234)).toEqual([...names])
    const [topPair, share, noiseLevel, edges, drawdown, bent] = createEvalTasks(undefined, [...names])
    for (const task of [topPair, share, noiseLevel, edges, drawdown]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([bent!.train.count, bent!.validation.count, bent!.batchSize]).toEqual([500, 1000, 32])
    // AL1: the pair of the two largest of x₀…₃ on ≈ 95.8 % of the rows; six classes of about a sixth.
    const pairs = ['0,1', '0,2', '0,3', '1,2', '1,3', '2,3']
    for (const split of [topPair!.train, topPair!.validation]) {
      const truth = rowsOf(split, 6).map((x) => {
        const top = [0, 1, 2, 3].sort((i, j) => x[j]! - x[i]!).slice(0, 2)
        return pairs.indexOf(top.sort((i, j) => i - j).join(','))
      })
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.98)
      for (let c = 0; c < 6; c++) {
        expect(mean(truth.map((label) => (label === c ? 1 : 0)))).toBeCloseTo(1 / 6, 1)
      }
    }
    expect(topPair!.network).toEqual(denseSpec(6, 6, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(topPair!, 'adam', 0))).toBe(422)
    expectInitialLossBetween(topPair!, 1.5, 2.1)
    // AL2: 6 amounts in [0, 1); y − 8·((x₀ + x₁ + x₂)/Σx − ½) is noise of σ 0.1; the clean target has
    // mean ≈ 0 and variance ≈ 1.04.
    for (const split of [share!.train, share!.validation]) {
      const x = rowsOf(split, 6)
      expect(x.flat().every((value) => value >= 0 && value < 1)).toBe(true)
      const clean = x.map((row) => 8 * ((row[0]! + row[1]! + row[2]!) / row.reduce((s, v) => s + v, 0) - 0.5))
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.15)
    }
    expect(share!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(share!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(share!, 0.85, 1.25)
    // AL3: per row (seed 37003) σ = 0.25 + U(0, 1), then 64 pixels σ·N(0, 1); the target is σ.
    const drawNoise = new SeededRandom(37003)
    for (const split of [noiseLevel!.train, noiseLevel!.validation]) {
      rowsOf(split, 64).forEach((image, r) => {
        const sigma = 0.25 + drawNoise.next()
        expect(split.targets![r]).toBeCloseTo(sigma, 6)
        expect(image.every((pixel) => Math.abs(pixel - sigma * drawNoise.normal()) < 1e-5)).toBe(true)
      })
      expect(mean(split.targets!)).toBeCloseTo(0.75, 1)
    }
    expect(noiseLevel!.network).toEqual({
      kind: 'conv',
      side: 8,
      kernel: 3,
      filters: 4,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(noiseLevel!, 'adam', 0))).toBe(185)
    expectInitialLossBetween(noiseLevel!, 0.55, 0.75)
    // AL4: 196 inputs in [0, 1], 10 balanced classes.
    expect(edges!.train.inputs.length).toBe(2000 * 196)
    expect(edges!.train.inputs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0)
    expect(edges!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(1)
    expect(mean(edges!.train.labels!.map((label) => (label === 6 ? 1 : 0)))).toBe(0.1)
    expect(edges!.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(edges!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(edges!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AL5: y − (D − 2.5)/1.5 is noise of σ 0.1, D the largest drawdown of the walk of the 8 inputs.
    for (const split of [drawdown!.train, drawdown!.validation]) {
      const clean = rowsOf(split, 8).map((x) => {
        const positions = x.map((_, t) => x.slice(0, t + 1).reduce((s, v) => s + v, 0))
        const walk = [0, ...positions]
        let largest = 0
        for (let s = 0; s < walk.length; s++) {
          for (let t = s; t < walk.length; t++) largest = Math.max(largest, walk[s]! - walk[t]!)
        }
        return (largest - 2.5) / 1.5
      })
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.15)
      expect(rms(clean)).toBeGreaterThan(0.85)
      expect(rms(clean)).toBeLessThan(1.15)
    }
    expect(drawdown!.network).toEqual(denseSpec(8, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(drawdown!, 'adam', 0))).toBe(321)
    expectInitialLossBetween(drawdown!, 0.9, 1.7)
    // AL6: per row (seed 37006) 6 inputs and one flip draw; rows 2000–2499 fine-tune and 2500–3499
    // are held out, labelled [x₀ + 0.75·(x₁² − 1) > 0] unless the draw is below 0.05.
    const drawBent = new SeededRandom(37006)
    const bentRows: { x: number[]; flip: boolean }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => drawBent.normal())
      bentRows.push({ x, flip: drawBent.next() < 0.05 })
    }
    for (const [split, from] of [
      [bent!.train, 2000],
      [bent!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - bentRows[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      const expected = bentRows.slice(from, from + split.count).map(({ x: row, flip }) => {
        const label = row[0]! + 0.75 * (row[1]! ** 2 - 1) > 0 ? 1 : 0
        return flip ? 1 - label : label
      })
      expect(Array.from(split.labels!)).toEqual(expected)
      const flipped = mean(bentRows.slice(from, from + split.count).map(({ flip }) => (flip ? 1 : 0)))
      expect(flipped).toBeGreaterThan(0.02)
      expect(flipped).toBeLessThan(0.09)
    }
    expect(bent!.network).toEqual(denseSpec(6, 2, 'crossEntropy'))
    expect(bent!.reinitialize).toBeUndefined()
    const [bentSeed0, bentSeed1] = [0, 1].map((seed) => createTaskTrainable(bent!, 'adam', seed))
    expect(parameterCount(bentSeed0!)).toBe(290)
    expect(bentSeed0!.evaluateSync()).toBe(bentSeed1!.evaluateSync())
    // Pretrained on [x₀ > 0]: on the held-out rows' old (unflipped) labels the loss is low, on the
    // new labels far higher.
    const oldLabels = {
      ...bent!.validation,
      labels: Int32Array.from(bentRows.slice(2500), ({ x: row }) => (row[0]! > 0 ? 1 : 0)),
    }
    const onOldLabels = createTaskTrainable({ ...bent!, validation: oldLabels }, 'adam', 0).evaluateSync()
    expect(onOldLabels).toBeLessThan(0.25)
    expect(bentSeed0!.evaluateSync()).toBeGreaterThan(2 * onOldLabels)
    expectInitialLossBetween(bent!, 0.55, 0.85)
    expect(bent!.description).toContain('(500 rows, whole network, head kept, 5 % labels flipped)')
    expect(createEvalTasks(SMALL, ['finetune-bent-boundary'])[0]!.train.count).toBe(64)
  })

  it('the round-21 tasks are deterministic: every build gives the same data and the same pretrained state', () => {
    expectBuildsDeterministic(EVAL_TASK_NAMES.slice(222, 234), 37, [mnistRolledColumnsTask, mnistEdgeMapTask])
  })

  it('the round-22 AM tasks build with their documented shapes and loss scales', () => {
    const names = [
      'nearest-input-classes',
      'mixture-log-density-regression',
      'cnn-bar-thickness',
      'mnist-sorted-rows',
      'max-gap-regression',
      'finetune-turned-direction',
    ] as const
    expect(EVAL_TASK_NAMES.slice(234, 240)).toEqual([...names])
    const [nearest, mixture, thickness, sortedRows, gap, turned] = createEvalTasks(undefined, [...names])
    for (const task of [nearest, mixture, thickness, sortedRows, gap]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([turned!.train.count, turned!.validation.count, turned!.batchSize]).toEqual([500, 1000, 32])
    // AM1: the index of the one of x₀, x₁, x₂ nearest x₃ on ≈ 96.7 % of the rows; three classes of
    // about a third.
    for (const split of [nearest!.train, nearest!.validation]) {
      const truth = rowsOf(split, 6).map((x) => {
        const distances = [0, 1, 2].map((k) => Math.abs(x[k]! - x[3]!))
        return distances.indexOf(Math.min(...distances))
      })
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.94)
      expect(agree).toBeLessThan(0.99)
      for (let c = 0; c < 3; c++) {
        expect(mean(truth.map((label) => (label === c ? 1 : 0)))).toBeCloseTo(1 / 3, 1)
      }
    }
    expect(nearest!.network).toEqual(denseSpec(6, 3, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(nearest!, 'adam', 0))).toBe(323)
    expectInitialLossBetween(nearest!, 1.05, 1.35)
    // AM2: three centres in 2-d from the first 6 draws of seed 38002; y − ln Σ_k exp(−‖x₀…₁ − c_k‖²/2)
    // is noise of σ 0.1.
    const drawCentres = new SeededRandom(38002)
    const centres = Array.from({ length: 3 }, () => [drawCentres.normal(), drawCentres.normal()])
    for (const split of [mixture!.train, mixture!.validation]) {
      const clean = rowsOf(split, 4).map((x) =>
        Math.log(
          centres.reduce((sum, c) => sum + Math.exp(-((x[0]! - c[0]!) ** 2 + (x[1]! - c[1]!) ** 2) / 2), 0),
        ),
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(mean(clean)).toBeGreaterThan(-0.6)
      expect(mean(clean)).toBeLessThan(-0.1)
      expect(Math.max(...clean)).toBeLessThan(Math.log(3))
    }
    expect(mixture!.network).toEqual(denseSpec(4, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(mixture!, 'adam', 0))).toBe(193)
    expectInitialLossBetween(mixture!, 0.5, 1.9)
    // AM3: per row (seed 38003) 64 pixel draws, the thickness, the orientation and the place; the bar's
    // pixels get 10 / (5 · width).
    const drawBars = new SeededRandom(38003)
    for (const split of [thickness!.train, thickness!.validation]) {
      rowsOf(split, 64).forEach((image, r) => {
        const expected = Array.from({ length: 64 }, () => 0.3 * drawBars.normal())
        const thick = drawBars.integer(2)
        expect(split.labels![r]).toBe(thick)
        const vertical = drawBars.integer(2) === 1
        const width = 1 + thick
        const along = drawBars.integer(4)
        const across = drawBars.integer(9 - width)
        for (let t = 0; t < 5; t++) {
          for (let w = 0; w < width; w++) {
            const [i, j] = vertical ? [along + t, across + w] : [across + w, along + t]
            expected[i * 8 + j]! += 10 / (5 * width)
          }
        }
        expect(image.every((pixel, p) => Math.abs(pixel - expected[p]!) < 1e-5)).toBe(true)
      })
      expect(mean(split.labels!)).toBeCloseTo(0.5, 1)
    }
    expect(thickness!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 4, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(thickness!, 'adam', 0))).toBe(330)
    expectInitialLossBetween(thickness!, 0.65, 0.75)
    // AM4: 196 inputs in [0, 1], every image row ascending, 10 balanced classes.
    expect(sortedRows!.train.inputs.length).toBe(2000 * 196)
    const firstRow = Array.from(sortedRows!.train.inputs.subarray(14 * 7, 14 * 8))
    expect(firstRow).toEqual([...firstRow].sort((p, q) => p - q))
    expect(sortedRows!.train.inputs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0)
    expect(sortedRows!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(1)
    expect(mean(sortedRows!.train.labels!.map((label) => (label === 6 ? 1 : 0)))).toBe(0.1)
    expect(sortedRows!.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(sortedRows!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(sortedRows!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AM5: 6 inputs in [0, 1); y − (G − 0.33)/0.11 is noise of σ 0.1, G the largest gap between the
    // sorted inputs.
    for (const split of [gap!.train, gap!.validation]) {
      const x = rowsOf(split, 6)
      expect(x.flat().every((value) => value >= 0 && value < 1)).toBe(true)
      const clean = x.map((row) => {
        const sorted = [...row].sort((p, q) => p - q)
        return (Math.max(...sorted.slice(1).map((value, d) => value - sorted[d]!)) - 0.33) / 0.11
      })
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.15)
      expect(rms(clean)).toBeGreaterThan(0.85)
      expect(rms(clean)).toBeLessThan(1.15)
    }
    expect(gap!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(gap!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(gap!, 0.9, 1.3)
    // AM6: a, b, c (18 draws of seed 38006 / √6), then per row 6 inputs and one noise draw; rows
    // 2000–2499 fine-tune and 2500–3499 are held out, their targets sin(a'·x) + b·x + noise, a' =
    // (a + c)/√2.
    const draw = new SeededRandom(38006)
    const [pa, pb, pc] = [0, 1, 2].map(() => Array.from({ length: 6 }, () => draw.normal() / Math.sqrt(6)))
    const pTurned = pa!.map((value, d) => (value + pc![d]!) / Math.SQRT2)
    const walk: { x: number[]; old: number; turned: number }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => draw.normal())
      const [ax, bx, tx] = [pa!, pb!, pTurned].map((w) => x.reduce((sum, xd, d) => sum + xd * w[d]!, 0))
      draw.normal()
      walk.push({ x, old: Math.sin(ax!) + bx!, turned: Math.sin(tx!) + bx! })
    }
    for (const [split, from] of [
      [turned!.train, 2000],
      [turned!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - walk[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      // The noise of 500 or 1000 rows: its rms within sampling error of σ 0.1.
      expect(rms(x.map((_, r) => split.targets![r]! - walk[from + r]!.turned))).toBeCloseTo(0.1, 1)
    }
    expect(turned!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(turned!.reinitialize).toBeUndefined()
    const [fromSeed0, fromSeed1] = [0, 1].map((seed) => createTaskTrainable(turned!, 'adam', seed))
    expect(parameterCount(fromSeed0!)).toBe(257)
    expect(fromSeed0!.evaluateSync()).toBe(fromSeed1!.evaluateSync())
    // Pretrained on sin(a·x) + b·x: on the held-out rows' old (noise-free) targets the loss is near 0,
    // on the turned direction several times higher.
    const oldTargets = {
      ...turned!.validation,
      targets: Float32Array.from(walk.slice(2500), (row) => row.old),
    }
    const onOldTarget = createTaskTrainable({ ...turned!, validation: oldTargets }, 'adam', 0).evaluateSync()
    expect(onOldTarget).toBeLessThan(0.05)
    expect(fromSeed0!.evaluateSync()).toBeGreaterThan(3 * onOldTarget)
    expectInitialLossBetween(turned!, 0.35, 0.45)
    expect(turned!.description).toContain('(500 rows, whole network, head kept, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-turned-direction'])[0]!.train.count).toBe(64)
  })

  it('the round-22 AN tasks build with their documented shapes and loss scales', () => {
    const names = [
      'pareto-dominance-classes',
      'pair-distance-regression',
      'cnn-segment-length-regression',
      'mnist-cumulative-rows',
      'polynomial-evaluation-regression',
      'finetune-shifted-threshold',
    ] as const
    expect(EVAL_TASK_NAMES.slice(240, 246)).toEqual([...names])
    const [dominance, pairDistance, segment, cumulative, polynomial, shifted] = createEvalTasks(undefined, [
      ...names,
    ])
    for (const task of [dominance, pairDistance, segment, cumulative, polynomial]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([shifted!.train.count, shifted!.validation.count, shifted!.batchSize]).toEqual([500, 1000, 32])
    // AN1: 0 when x₀…₂ dominates x₃…₅, 1 the reverse, 2 neither, on ≈ 96.7 % of the rows; priors
    // 1/8, 1/8, 3/4.
    for (const split of [dominance!.train, dominance!.validation]) {
      const truth = rowsOf(split, 6).map((x) => {
        const above = [0, 1, 2].filter((d) => x[d]! > x[d + 3]!).length
        return above === 3 ? 0 : above === 0 ? 1 : 2
      })
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.94)
      expect(agree).toBeLessThan(0.99)
      expect(mean(truth.map((label) => (label === 0 ? 1 : 0)))).toBeCloseTo(1 / 8, 1)
      expect(mean(truth.map((label) => (label === 1 ? 1 : 0)))).toBeCloseTo(1 / 8, 1)
      expect(mean(truth.map((label) => (label === 2 ? 1 : 0)))).toBeCloseTo(3 / 4, 1)
    }
    expect(dominance!.network).toEqual(denseSpec(6, 3, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(dominance!, 'adam', 0))).toBe(323)
    expectInitialLossBetween(dominance!, 0.95, 1.3)
    // AN2: y − (‖x₀…₂ − x₃…₅‖ − 2.25)/0.95 is noise of σ 0.1; the clean target has mean ≈ 0 and
    // variance ≈ 1.
    for (const split of [pairDistance!.train, pairDistance!.validation]) {
      const clean = rowsOf(split, 6).map(
        (x) => (Math.hypot(x[0]! - x[3]!, x[1]! - x[4]!, x[2]! - x[5]!) - 2.25) / 0.95,
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
    }
    expect(pairDistance!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(pairDistance!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(pairDistance!, 1, 1.8)
    // AN3: per row (seed 39003) 100 pixel draws, the length 2 … 7, the row and the column; the target is
    // (L − 4.5)/√(35/12).
    const drawSegments = new SeededRandom(39003)
    for (const split of [segment!.train, segment!.validation]) {
      rowsOf(split, 100).forEach((image, r) => {
        const expected = Array.from({ length: 100 }, () => 0.3 * drawSegments.normal())
        const length = 2 + drawSegments.integer(6)
        expect(split.targets![r]).toBeCloseTo((length - 4.5) / Math.sqrt(35 / 12), 6)
        const [top, left] = [drawSegments.integer(10), drawSegments.integer(11 - length)]
        for (let t = 0; t < length; t++) expected[top * 10 + left + t]! += 1
        expect(image.every((pixel, p) => Math.abs(pixel - expected[p]!) < 1e-5)).toBe(true)
      })
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.1)
    }
    expect(segment!.network).toEqual({
      kind: 'conv',
      side: 10,
      kernel: 3,
      filters: 4,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(segment!, 'adam', 0))).toBe(297)
    expectInitialLossBetween(segment!, 0.9, 1.15)
    // AN4: 196 inputs ≥ 0, non-decreasing along every image row, each row's last pixel at most 14 / 4;
    // 10 balanced classes.
    expect(cumulative!.train.inputs.length).toBe(2000 * 196)
    const cumulativeRow = Array.from(cumulative!.train.inputs.subarray(14 * 7, 14 * 8))
    expect(cumulativeRow).toEqual([...cumulativeRow].sort((p, q) => p - q))
    expect(cumulative!.train.inputs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0)
    expect(cumulative!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(3.5)
    expect(cumulative!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeGreaterThan(1)
    expect(mean(cumulative!.train.labels!.map((label) => (label === 6 ? 1 : 0)))).toBe(0.1)
    expect(cumulative!.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(cumulative!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(cumulative!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AN5: x₀…₃ the coefficients, x₄ ∈ [−1, 1) the argument; y − (x₀ + x₁·t + x₂·t² + x₃·t³) is noise of
    // σ 0.1; the clean target's mean square ≈ 1.68.
    for (const split of [polynomial!.train, polynomial!.validation]) {
      const x = rowsOf(split, 6)
      expect(x.every((row) => row[4]! >= -1 && row[4]! < 1)).toBe(true)
      const clean = x.map(
        (row) => row[0]! + row[1]! * row[4]! + row[2]! * row[4]! ** 2 + row[3]! * row[4]! ** 3,
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.15)
      expect(rms(clean) ** 2).toBeGreaterThan(1.45)
      expect(rms(clean) ** 2).toBeLessThan(1.95)
    }
    expect(polynomial!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(polynomial!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(polynomial!, 1.3, 2.9)
    // AN6: per row (seed 39006) 6 inputs and one flip draw; rows 2000–2499 fine-tune and 2500–3499
    // are held out, labelled [x₀ + x₁ > 1] unless the draw is below 0.05.
    const drawShifted = new SeededRandom(39006)
    const shiftedRows: { x: number[]; flip: boolean }[] = []
    for (let r = 0; r < 3500; r++) {
      const x = Array.from({ length: 6 }, () => drawShifted.normal())
      shiftedRows.push({ x, flip: drawShifted.next() < 0.05 })
    }
    for (const [split, from] of [
      [shifted!.train, 2000],
      [shifted!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 6)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - shiftedRows[from + r]!.x[d]!) < 1e-5)),
      ).toBe(true)
      const expected = shiftedRows.slice(from, from + split.count).map(({ x: row, flip }) => {
        const label = row[0]! + row[1]! > 1 ? 1 : 0
        return flip ? 1 - label : label
      })
      expect(Array.from(split.labels!)).toEqual(expected)
      const flipped = mean(shiftedRows.slice(from, from + split.count).map(({ flip }) => (flip ? 1 : 0)))
      expect(flipped).toBeGreaterThan(0.02)
      expect(flipped).toBeLessThan(0.09)
    }
    expect(shifted!.network).toEqual(denseSpec(6, 2, 'crossEntropy'))
    expect(shifted!.reinitialize).toBeUndefined()
    const [shiftedSeed0, shiftedSeed1] = [0, 1].map((seed) => createTaskTrainable(shifted!, 'adam', seed))
    expect(parameterCount(shiftedSeed0!)).toBe(290)
    expect(shiftedSeed0!.evaluateSync()).toBe(shiftedSeed1!.evaluateSync())
    // Pretrained on [x₀ + x₁ > 0]: on the held-out rows' old (unflipped) labels the loss is low, on
    // the new labels far higher.
    const oldLabels = {
      ...shifted!.validation,
      labels: Int32Array.from(shiftedRows.slice(2500), ({ x: row }) => (row[0]! + row[1]! > 0 ? 1 : 0)),
    }
    const onOldLabels = createTaskTrainable({ ...shifted!, validation: oldLabels }, 'adam', 0).evaluateSync()
    expect(onOldLabels).toBeLessThan(0.25)
    expect(shiftedSeed0!.evaluateSync()).toBeGreaterThan(2 * onOldLabels)
    expectInitialLossBetween(shifted!, 0.5, 0.65)
    expect(shifted!.description).toContain('(500 rows, whole network, head kept, 5 % labels flipped)')
    expect(createEvalTasks(SMALL, ['finetune-shifted-threshold'])[0]!.train.count).toBe(64)
  })

  it('sortRows sorts the pixels of every image row ascending, each row on its own, in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from([3, 1, 2, 0, 5, 4, 9, 9, 1, 2, 2, 2, 7, 8, 6, 0.5, 0.25, 1]),
      labels: Int32Array.from([4, 7]),
    }
    const sorted = sortRows(split, 3)
    expect(Array.from(sorted.inputs)).toEqual([1, 2, 3, 0, 4, 5, 1, 9, 9, 2, 2, 2, 6, 7, 8, 0.25, 0.5, 1])
    expect(split.inputs[0]).toBe(3)
    expect(sorted.labels).toBe(split.labels)
  })

  it('cumulativeRows replaces every pixel by the running sum of its image row up to it, divided by the divisor, in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from([1, 2, 3, 0, 0, 4, 2, 2, 2, 1, 0, 1, 0, 1, 0, 4, 4, 4]),
      labels: Int32Array.from([0, 1]),
    }
    const cumulative = cumulativeRows(split, 3, 2)
    expect(Array.from(cumulative.inputs)).toEqual([
      0.5, 1.5, 3, 0, 0, 2, 1, 2, 3, 0.5, 0.5, 1, 0, 0.5, 0.5, 2, 4, 6,
    ])
    expect(split.inputs[0]).toBe(1)
    expect(cumulative.labels).toBe(split.labels)
  })

  it('the round-22 AM and AN MNIST tasks: 14×14 rows 0–199 (training) and 200–299 (held out), rows sorted or replaced by their running sums / 4', () => {
    const digits = randomDigits(300, 38)
    const sortedRows = mnistSortedRowsTask(DEFAULT_TASK_SIZES, digits)
    const cumulative = mnistCumulativeRowsTask(DEFAULT_TASK_SIZES, digits)
    for (const [sortedSplit, cumulativeSplit, from, perDigit] of [
      [sortedRows.train, cumulative.train, 0, 200],
      [sortedRows.validation, cumulative.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(sortedSplit.inputs)).toEqual(Array.from(sortRows(plain, 14).inputs))
      expect(Array.from(cumulativeSplit.inputs)).toEqual(Array.from(cumulativeRows(plain, 14, 4).inputs))
      expect(Array.from(sortedSplit.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(cumulativeSplit.labels!)).toEqual(Array.from(plain.labels!))
    }
    // Sorting keeps each row's pixels; the running sums end on the row's total / 4.
    const plain = mnist14Split(digits, ALL_TEN, 0, 200)
    const sorted = (values: ArrayLike<number>) => Array.from(values).sort((p, q) => p - q)
    expect(Array.from(sortedRows.train.inputs.subarray(14, 28))).toEqual(
      sorted(plain.inputs.subarray(14, 28)),
    )
    const total = Array.from(plain.inputs.subarray(14, 28)).reduce((s, v) => s + v, 0)
    expect(cumulative.train.inputs[27]).toBeCloseTo(total / 4, 5)
    expect(sortedRows.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(cumulative.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
  })

  it('the round-22 tasks are deterministic: every build gives the same data and the same pretrained state', () => {
    expectBuildsDeterministic(EVAL_TASK_NAMES.slice(234, 246), 39, [
      mnistSortedRowsTask,
      mnistCumulativeRowsTask,
    ])
  })

  it('the round-23 AO tasks build with their documented shapes and loss scales', () => {
    const names = [
      'interval-overlap-classes',
      'rosenbrock-valley-regression',
      'cnn-patch-brightness-regression',
      'mnist-random-projection',
      'longest-run-regression',
      'finetune-longer-horizon',
    ] as const
    expect(EVAL_TASK_NAMES.slice(246, 252)).toEqual([...names])
    const [overlap, rosenbrock, patch, projection, run, horizon] = createEvalTasks(undefined, [...names])
    for (const task of [overlap, rosenbrock, patch, projection, run]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([horizon!.train.count, horizon!.validation.count, horizon!.batchSize]).toEqual([500, 1000, 32])
    // AO1: per row (seed 40001) 6 inputs and one resampling draw (then, below 0.05, a uniform label);
    // otherwise 1 when [min(x₀, x₁), max(x₀, x₁)] and [min(x₂, x₃), max(x₂, x₃)] overlap; priors 1/3, 2/3.
    const drawOverlap = new SeededRandom(40001)
    for (const split of [overlap!.train, overlap!.validation]) {
      const truth = rowsOf(split, 6).map((x) =>
        Math.max(Math.min(x[0]!, x[1]!), Math.min(x[2]!, x[3]!)) <=
        Math.min(Math.max(x[0]!, x[1]!), Math.max(x[2]!, x[3]!))
          ? 1
          : 0,
      )
      const resampled: boolean[] = []
      const expected = truth.map((label) => {
        for (let d = 0; d < 6; d++) drawOverlap.normal()
        resampled.push(drawOverlap.next() < 0.05)
        return resampled.at(-1) ? drawOverlap.integer(2) : label
      })
      expect(Array.from(split.labels!)).toEqual(expected)
      expect(mean(resampled.map((flag) => (flag ? 1 : 0)))).toBeGreaterThan(0.03)
      expect(mean(resampled.map((flag) => (flag ? 1 : 0)))).toBeLessThan(0.07)
      expect(mean(truth)).toBeCloseTo(2 / 3, 1)
    }
    expect(overlap!.network).toEqual(denseSpec(6, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(overlap!, 'adam', 0))).toBe(290)
    expectInitialLossBetween(overlap!, 0.65, 0.95)
    // AO2: y − (ln(1 + (1 − x₀)² + 10·(x₁ − x₀²)²) − 2.65)/1.41 is noise of σ 0.1; the clean target has
    // mean ≈ 0 and variance ≈ 1.
    for (const split of [rosenbrock!.train, rosenbrock!.validation]) {
      const clean = rowsOf(split, 4).map(
        (x) => (Math.log(1 + (1 - x[0]!) ** 2 + 10 * (x[1]! - x[0]! ** 2) ** 2) - 2.65) / 1.41,
      )
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
    }
    expect(rosenbrock!.network).toEqual(denseSpec(4, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(rosenbrock!, 'adam', 0))).toBe(193)
    expectInitialLossBetween(rosenbrock!, 0.85, 2)
    // AO3: per row (seed 40003) 64 pixel draws, the brightness A, the patch's row and column; its 9
    // pixels get + A; the target is (A − 1.5)/(2/√12).
    const drawPatches = new SeededRandom(40003)
    for (const split of [patch!.train, patch!.validation]) {
      rowsOf(split, 64).forEach((image, r) => {
        const expected = Array.from({ length: 64 }, () => 0.3 * drawPatches.normal())
        const brightness = 0.5 + 2 * drawPatches.next()
        expect(split.targets![r]).toBeCloseTo((brightness - 1.5) / (2 / Math.sqrt(12)), 5)
        const [top, left] = [drawPatches.integer(6), drawPatches.integer(6)]
        for (let i = 0; i < 3; i++) {
          for (let j = 0; j < 3; j++) expected[(top + i) * 8 + left + j]! += brightness
        }
        expect(image.every((pixel, p) => Math.abs(pixel - expected[p]!) < 1e-5)).toBe(true)
      })
      expect(Math.abs(mean(split.targets!))).toBeLessThan(0.1)
      expect(Math.max(...split.targets!)).toBeLessThanOrEqual(Math.sqrt(3))
      expect(Math.min(...split.targets!)).toBeGreaterThanOrEqual(-Math.sqrt(3))
    }
    expect(patch!.network).toEqual({
      kind: 'conv',
      side: 8,
      kernel: 3,
      filters: 4,
      outputSize: 1,
      loss: 'mse',
    })
    expect(parameterCount(createTaskTrainable(patch!, 'adam', 0))).toBe(185)
    expectInitialLossBetween(patch!, 0.95, 1.15)
    // AO4: 49 inputs per row, each a random mix of all 196 pixels with both signs; 10 balanced classes.
    expect(projection!.train.inputs.length).toBe(2000 * 49)
    expect(projection!.validation.inputs.length).toBe(1000 * 49)
    expect(projection!.train.inputs.reduce((a, b) => Math.min(a, b))).toBeLessThan(-1)
    expect(projection!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeGreaterThan(1)
    expect(Math.abs(mean(projection!.train.inputs))).toBeLessThan(0.2)
    expect(rms(projection!.train.inputs)).toBeGreaterThan(0.3)
    expect(rms(projection!.train.inputs)).toBeLessThan(1.5)
    expect(mean(projection!.train.labels!.map((label) => (label === 6 ? 1 : 0)))).toBe(0.1)
    expect(projection!.network).toEqual(denseSpec(49, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(projection!, 'adam', 0))).toBe(1930)
    expectInitialLossBetween(projection!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AO5: y − (L − 3.04)/1.45 is noise of σ 0.1, L the longest run of positive inputs; the clean target
    // has mean ≈ 0 and variance ≈ 1.
    for (const split of [run!.train, run!.validation]) {
      const x = rowsOf(split, 12)
      const runs = x.map((row) => {
        let [longest, current] = [0, 0]
        for (const value of row) {
          current = value > 0 ? current + 1 : 0
          longest = Math.max(longest, current)
        }
        return longest
      })
      const clean = runs.map((length) => (length - 3.04) / 1.45)
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
      expect(Math.min(...runs)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...runs)).toBeGreaterThanOrEqual(7)
    }
    expect(run!.network).toEqual(denseSpec(12, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(run!, 'adam', 0))).toBe(449)
    expectInitialLossBetween(run!, 0.95, 1.95)
    // AO6: per row (seed 40006) 50 innovations of s_t = s_{t−1} − 0.8·s_{t−2} + N(0, 0.5²) from 0; the
    // inputs are s₄₀…₄₇, the old target s₄₈, the new one s₄₉; rows 2000–2499 fine-tune and 2500–3499
    // are held out.
    const drawSeries = new SeededRandom(40006)
    const series: number[][] = []
    for (let r = 0; r < 3500; r++) {
      const s: number[] = []
      let [previous, beforePrevious] = [0, 0]
      for (let t = 0; t < 50; t++) {
        const value = previous - 0.8 * beforePrevious + 0.5 * drawSeries.normal()
        s.push(value)
        ;[previous, beforePrevious] = [value, previous]
      }
      series.push(s)
    }
    for (const [split, from] of [
      [horizon!.train, 2000],
      [horizon!.validation, 2500],
    ] as const) {
      const x = rowsOf(split, 8)
      expect(
        x.every((row, r) => row.every((value, d) => Math.abs(value - series[from + r]![40 + d]!) < 1e-5)),
      ).toBe(true)
      expect(
        Array.from(split.targets!).every((value, r) => Math.abs(value - series[from + r]![49]!) < 1e-5),
      ).toBe(true)
      // The best two-step forecast 0.2·s₄₇ − 0.8·s₄₆ misses by two innovations: rms ≈ √0.5.
      const misses = x.map((row, r) => split.targets![r]! - (0.2 * row[7]! - 0.8 * row[6]!))
      expect(rms(misses)).toBeCloseTo(Math.sqrt(0.5), 1)
      expect(rms(split.targets!)).toBeGreaterThan(0.85)
      expect(rms(split.targets!)).toBeLessThan(1.15)
    }
    expect(horizon!.network).toEqual(denseSpec(8, 1, 'mse'))
    expect(horizon!.reinitialize).toBeUndefined()
    const [horizonSeed0, horizonSeed1] = [0, 1].map((seed) => createTaskTrainable(horizon!, 'adam', seed))
    expect(parameterCount(horizonSeed0!)).toBe(321)
    expect(horizonSeed0!.evaluateSync()).toBe(horizonSeed1!.evaluateSync())
    // Pretrained on the next value: on the held-out rows' s₄₈ the loss is near its floor 0.25, on s₄₉
    // several times higher.
    const nextValues = {
      ...horizon!.validation,
      targets: Float32Array.from(series.slice(2500), (s) => s[48]!),
    }
    const onNextValues = createTaskTrainable(
      { ...horizon!, validation: nextValues },
      'adam',
      0,
    ).evaluateSync()
    expect(onNextValues).toBeLessThan(0.35)
    expect(horizonSeed0!.evaluateSync()).toBeGreaterThan(3 * onNextValues)
    expectInitialLossBetween(horizon!, 1, 1.15)
    expect(horizon!.description).toContain('(500 rows, whole network, head kept, MSE)')
    expect(createEvalTasks(SMALL, ['finetune-longer-horizon'])[0]!.train.count).toBe(64)
  })

  it('the round-23 AP tasks build with their documented shapes and loss scales', () => {
    const names = [
      'point-in-circle-classes',
      'harmonic-mean-regression',
      'cnn-chevron-direction',
      'mnist-quarter-turns',
      'inversion-count-regression',
      'finetune-cnn-inverted-contrast',
    ] as const
    expect(EVAL_TASK_NAMES.slice(252, 258)).toEqual([...names])
    const [circle, harmonic, chevron, quarterTurns, inversions, inverted] = createEvalTasks(undefined, [
      ...names,
    ])
    for (const task of [circle, harmonic, chevron, quarterTurns, inversions]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    expect([inverted!.train.count, inverted!.validation.count, inverted!.batchSize]).toEqual([500, 1000, 32])
    // AP1: per row (seed 41001) 6 inputs and one resampling draw (then, below 0.05, a uniform label);
    // otherwise 1 when ‖(x₀, x₁) − (x₂, x₃)‖ < 2·|x₄| (≈ 42 % of the rows).
    const drawCircle = new SeededRandom(41001)
    for (const split of [circle!.train, circle!.validation]) {
      const truth = rowsOf(split, 6).map((x) =>
        Math.hypot(x[0]! - x[2]!, x[1]! - x[3]!) < 2 * Math.abs(x[4]!) ? 1 : 0,
      )
      const expected = truth.map((label) => {
        for (let d = 0; d < 6; d++) drawCircle.normal()
        return drawCircle.next() < 0.05 ? drawCircle.integer(2) : label
      })
      expect(Array.from(split.labels!)).toEqual(expected)
      const agree = mean(truth.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.95)
      expect(agree).toBeLessThan(0.995)
      expect(mean(truth)).toBeGreaterThan(0.37)
      expect(mean(truth)).toBeLessThan(0.47)
    }
    expect(circle!.network).toEqual(denseSpec(6, 2, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(circle!, 'adam', 0))).toBe(290)
    expectInitialLossBetween(circle!, 0.65, 0.85)
    // AP2: inputs in [0.1, 2.1); y − (3/(1/x₀ + 1/x₁ + 1/x₂) − 0.86)/0.41 is noise of σ 0.1; the clean
    // target has mean ≈ 0 and variance ≈ 1.
    for (const split of [harmonic!.train, harmonic!.validation]) {
      const x = rowsOf(split, 4)
      expect(x.flat().every((value) => value >= 0.1 && value < 2.1)).toBe(true)
      const clean = x.map((row) => (3 / (1 / row[0]! + 1 / row[1]! + 1 / row[2]!) - 0.86) / 0.41)
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
    }
    expect(harmonic!.network).toEqual(denseSpec(4, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(harmonic!, 'adam', 0))).toBe(193)
    expectInitialLossBetween(harmonic!, 0.9, 3.1)
    // AP3: per row (seed 41003) 64 pixel draws, the class, the chevron's row and column; its 5 pixels
    // get + 2.
    const drawChevrons = new SeededRandom(41003)
    for (const split of [chevron!.train, chevron!.validation]) {
      rowsOf(split, 64).forEach((image, r) => {
        const expected = Array.from({ length: 64 }, () => 0.3 * drawChevrons.normal())
        const label = drawChevrons.integer(4)
        expect(split.labels![r]).toBe(label)
        const [height, width] = label < 2 ? [5, 3] : [3, 5]
        const [top, left] = [drawChevrons.integer(9 - height), drawChevrons.integer(9 - width)]
        for (const [i, j] of CHEVRONS[label]!) expected[(top + i) * 8 + left + j]! += 2
        expect(image.every((pixel, p) => Math.abs(pixel - expected[p]!) < 1e-5)).toBe(true)
      })
      for (let c = 0; c < 4; c++) {
        expect(mean(split.labels!.map((label) => (label === c ? 1 : 0)))).toBeCloseTo(1 / 4, 1)
      }
    }
    expect(chevron!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 16, outputSize: 4 })
    expect(parameterCount(createTaskTrainable(chevron!, 'adam', 0))).toBe(2468)
    expectInitialLossBetween(chevron!, Math.log(4) - 0.05, Math.log(4) + 0.05)
    // AP4: 196 inputs in [0, 1], 10 balanced classes; the turns keep each image's pixels.
    expect(quarterTurns!.train.inputs.length).toBe(2000 * 196)
    expect(quarterTurns!.train.inputs.reduce((a, b) => Math.min(a, b))).toBeGreaterThanOrEqual(0)
    expect(quarterTurns!.train.inputs.reduce((a, b) => Math.max(a, b))).toBeLessThanOrEqual(1)
    expect(mean(quarterTurns!.train.labels!.map((label) => (label === 6 ? 1 : 0)))).toBe(0.1)
    expect(quarterTurns!.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
    expect(parameterCount(createTaskTrainable(quarterTurns!, 'adam', 0))).toBe(6634)
    expectInitialLossBetween(quarterTurns!, Math.log(10) - 0.1, Math.log(10) + 0.2)
    // AP5: y − (I − 7.5)/√(6·5·17/72) is noise of σ 0.1, I the number of pairs i < j with x_i > x_j; the
    // clean target has mean ≈ 0 and variance ≈ 1.
    for (const split of [inversions!.train, inversions!.validation]) {
      const counts = rowsOf(split, 6).map((x) => {
        let count = 0
        for (let i = 0; i < 6; i++) for (let j = i + 1; j < 6; j++) count += x[i]! > x[j]! ? 1 : 0
        return count
      })
      const clean = counts.map((count) => (count - 7.5) / Math.sqrt((6 * 5 * 17) / 72))
      expect(rms(clean.map((value, r) => split.targets![r]! - value))).toBeCloseTo(0.1, 2)
      expect(Math.abs(mean(clean))).toBeLessThan(0.1)
      expect(rms(clean)).toBeGreaterThan(0.9)
      expect(rms(clean)).toBeLessThan(1.1)
      expect(Math.min(...counts)).toBeGreaterThanOrEqual(0)
      expect(Math.max(...counts)).toBeLessThanOrEqual(15)
    }
    expect(inversions!.network).toEqual(denseSpec(6, 1, 'mse'))
    expect(parameterCount(createTaskTrainable(inversions!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(inversions!, 0.6, 1.8)
    // AP6: per row (seed 41006) 64 pixel draws, the orientation, the bar's place and one flip draw;
    // rows 2000–2499 fine-tune and 2500–3499 are held out, their bars dark (− 1).
    const drawBars = new SeededRandom(41006)
    const barRows: { noise: number[]; bar: number[]; vertical: number; flip: boolean }[] = []
    for (let r = 0; r < 3500; r++) {
      const noise = Array.from({ length: 64 }, () => 0.3 * drawBars.normal())
      const vertical = drawBars.integer(2)
      const [along, across] = [drawBars.integer(5), drawBars.integer(8)]
      const bar = Array.from({ length: 4 }, (_, t) =>
        vertical === 1 ? (along + t) * 8 + across : across * 8 + along + t,
      )
      barRows.push({ noise, bar, vertical, flip: drawBars.next() < 0.05 })
    }
    const barImage = ({ noise, bar }: (typeof barRows)[number], sign: number) =>
      noise.map((value, p) => value + (bar.includes(p) ? sign : 0))
    for (const [split, from] of [
      [inverted!.train, 2000],
      [inverted!.validation, 2500],
    ] as const) {
      const rows = barRows.slice(from, from + split.count)
      expect(
        rowsOf(split, 64).every((image, r) => {
          const expected = barImage(rows[r]!, -1)
          return image.every((pixel, p) => Math.abs(pixel - expected[p]!) < 1e-5)
        }),
      ).toBe(true)
      expect(Array.from(split.labels!)).toEqual(
        rows.map(({ vertical, flip }) => (flip ? 1 - vertical : vertical)),
      )
      const flipped = mean(rows.map(({ flip }) => (flip ? 1 : 0)))
      expect(flipped).toBeGreaterThan(0.02)
      expect(flipped).toBeLessThan(0.09)
    }
    expect(inverted!.network).toEqual({ kind: 'conv', side: 8, kernel: 3, filters: 4, outputSize: 2 })
    expect(inverted!.reinitialize).toBeUndefined()
    const [invertedSeed0, invertedSeed1] = [0, 1].map((seed) => createTaskTrainable(inverted!, 'adam', seed))
    expect(parameterCount(invertedSeed0!)).toBe(330)
    expect(invertedSeed0!.evaluateSync()).toBe(invertedSeed1!.evaluateSync())
    // Pretrained on bright bars: on the held-out rows drawn with bright bars the loss is lower than on
    // the dark ones the task holds out.
    const brightBars = {
      ...inverted!.validation,
      inputs: Float32Array.from(barRows.slice(2500).flatMap((row) => barImage(row, 1))),
    }
    const onBrightBars = createTaskTrainable(
      { ...inverted!, validation: brightBars },
      'adam',
      0,
    ).evaluateSync()
    expect(onBrightBars).toBeLessThan(0.42)
    expect(invertedSeed0!.evaluateSync()).toBeGreaterThan(1.2 * onBrightBars)
    expectInitialLossBetween(inverted!, 0.45, 0.58)
    expect(inverted!.description).toContain('(500 rows, whole network, head kept, 5 % labels flipped)')
    expect(createEvalTasks(SMALL, ['finetune-cnn-inverted-contrast'])[0]!.train.count).toBe(64)
  })

  it('projectRows multiplies every row by the matrix (row-major [outputs, inputs]) in a new split', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from([1, 2, 3, 0, -1, 0.5]),
      targets: Float32Array.from([7, 8]),
    }
    const projected = projectRows(split, 3, Float32Array.from([1, 0, 0, 1, 1, 1]))
    expect(projected.count).toBe(2)
    expect(Array.from(projected.inputs)).toEqual([1, 6, 0, -0.5])
    expect(projected.targets).toBe(split.targets)
    expect(Array.from(projectRows(split, 3, Float32Array.from([2, -1, 0.5])).inputs)).toEqual([1.5, 1.25])
    expect(split.inputs[1]).toBe(2)
  })

  it('longestPositiveRun is the length of the longest streak of values above 0', () => {
    expect(longestPositiveRun([])).toBe(0)
    expect(longestPositiveRun([-1, 0, -0.5])).toBe(0)
    expect(longestPositiveRun([1, 2, -1, 3, 4, 5, 0, 6])).toBe(3)
    expect(longestPositiveRun([0.1, -2, 0.2, 0.3])).toBe(2)
    expect(longestPositiveRun(Float32Array.from([1, 1, 1, 1]))).toBe(4)
  })

  it('quarterTurnImagesAtRandom turns every image clockwise by one draw of integer(4) quarter turns, in a new split', () => {
    const inputs = Float32Array.from({ length: 12 * 9 }, (_, p) => p)
    const split: DataSplit = { count: 12, inputs, labels: Int32Array.from({ length: 12 }, (_, r) => r % 3) }
    const turned = quarterTurnImagesAtRandom(split, 3, new SeededRandom(5))
    const draw = new SeededRandom(5)
    const turns = Array.from({ length: 12 }, () => draw.integer(4))
    expect(new Set(turns).size).toBeGreaterThan(2)
    turns.forEach((count, r) => {
      const image = { count: 1, inputs: inputs.slice(r * 9, (r + 1) * 9), labels: new Int32Array(1) }
      for (let t = 0; t < count; t++) rotateImages(image, 3)
      expect(Array.from(turned.inputs.subarray(r * 9, (r + 1) * 9))).toEqual(Array.from(image.inputs))
    })
    // One turn of [[0, 1, 2], [3, 4, 5], [6, 7, 8]] is [[6, 3, 0], [7, 4, 1], [8, 5, 2]].
    const once = turns.indexOf(1)
    expect(Array.from(turned.inputs.subarray(once * 9, (once + 1) * 9)).map((p) => p - once * 9)).toEqual([
      6, 3, 0, 7, 4, 1, 8, 5, 2,
    ])
    expect(turned.labels).toBe(split.labels)
    expect(Array.from(split.inputs.subarray(0, 9))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
  })

  it('CHEVRONS: one five-pixel chevron pointing right, mirrored to point left, turned to point down and up', () => {
    const key = (pixels: readonly (readonly [number, number])[]) =>
      pixels
        .map(([i, j]) => `${i},${j}`)
        .sort()
        .join(' ')
    const [right, left, down, up] = CHEVRONS
    expect(CHEVRONS).toHaveLength(4)
    for (const chevron of CHEVRONS) expect(new Set(chevron.map(([i, j]) => `${i},${j}`)).size).toBe(5)
    expect(key(left!)).toBe(key(right!.map(([i, j]) => [i, 2 - j] as const)))
    expect(key(down!)).toBe(key(right!.map(([i, j]) => [j, i] as const)))
    expect(key(up!)).toBe(key(down!.map(([i, j]) => [2 - i, j] as const)))
    // The tip: '>' at its right edge, mid-height.
    expect(right!.filter(([, j]) => j === 2)).toEqual([[2, 2]])
  })

  it('the round-23 AO and AP MNIST tasks: 14×14 rows 0–199 (training) and 200–299 (held out), through a random projection or turned at random', () => {
    const digits = randomDigits(300, 40)
    const projection = mnistRandomProjectionTask(DEFAULT_TASK_SIZES, digits)
    const quarterTurns = mnistQuarterTurnsTask(DEFAULT_TASK_SIZES, digits)
    const drawMatrix = new SeededRandom(40004)
    const matrix = Float32Array.from({ length: 49 * 196 }, () => drawMatrix.normal() / 7)
    const drawTurns = new SeededRandom(41004)
    for (const [projectedSplit, turnedSplit, from, perDigit] of [
      [projection.train, quarterTurns.train, 0, 200],
      [projection.validation, quarterTurns.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(projectedSplit.inputs)).toEqual(Array.from(projectRows(plain, 196, matrix).inputs))
      expect(Array.from(turnedSplit.inputs)).toEqual(
        Array.from(quarterTurnImagesAtRandom(plain, 14, drawTurns).inputs),
      )
      expect(Array.from(projectedSplit.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(turnedSplit.labels!)).toEqual(Array.from(plain.labels!))
    }
    // A turn keeps the image's pixels; the projection of a row is a sum over all of them.
    const plain = mnist14Split(digits, ALL_TEN, 0, 200)
    const sorted = (values: ArrayLike<number>) => Array.from(values).sort((p, q) => p - q)
    expect(sorted(quarterTurns.train.inputs.subarray(196, 392))).toEqual(
      sorted(plain.inputs.subarray(196, 392)),
    )
    const first = Array.from(plain.inputs.subarray(0, 196)).reduce((sum, x, i) => sum + matrix[i]! * x, 0)
    expect(projection.train.inputs[0]).toBeCloseTo(first, 4)
    expect(projection.network).toEqual(denseSpec(49, 10, 'crossEntropy'))
    expect(quarterTurns.network).toEqual(denseSpec(196, 10, 'crossEntropy'))
  })

  it('the round-23 tasks are deterministic: every build gives the same data and the same pretrained state', () => {
    expectBuildsDeterministic(EVAL_TASK_NAMES.slice(246), 40, [
      mnistRandomProjectionTask,
      mnistQuarterTurnsTask,
    ])
  })

  it('the round-15 J MNIST task: the 14×14 rows 0–199 (training) and 200–299 (held out), each with another digit overlaid', () => {
    const digits = randomDigits(300, 25)
    const task = mnistOverlaidDigitTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    const draw = new SeededRandom(25004)
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(split.inputs)).toEqual(Array.from(overlayImages(plain, 196, 0.5, draw).inputs))
    }
    const short = { ...digits, 2: { raw: digits[2]!.raw, length: 299 } }
    expect(() => mnistOverlaidDigitTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 2 has fewer than 300 samples',
    )
  })

  it('overlayImages takes the pixelwise maximum with another row at the given intensity, in place', () => {
    const inputs = Float32Array.from([1, 0, 0.2, 0.8, 0, 0.6])
    const split = overlayImages({ count: 3, inputs, labels: new Int32Array(3) }, 2, 0.5, new SeededRandom(7))
    expect(split.inputs).toBe(inputs)
    // The partners drawn from seed 7: each row r takes (r + 1 + integer(2)) mod 3, never itself.
    const draw = new SeededRandom(7)
    const original = [
      [1, 0],
      [0.2, 0.8],
      [0, 0.6],
    ]
    const expected = original.flatMap((row, r) => {
      const other = (r + 1 + draw.integer(2)) % 3
      expect(other).not.toBe(r)
      return row.map((x, p) => Math.fround(Math.max(x, 0.5 * original[other]![p]!)))
    })
    expect(Array.from(inputs)).toEqual(expected)
  })

  it('the round-16 AA tasks build with their documented shapes and loss scales', () => {
    const names = [
      'double-helix',
      'disc-indicator-regression',
      'cnn-one-or-two-blobs',
      'mnist-mod-three',
      'argmax-index-regression',
      'finetune-coarser-labels',
    ] as const
    expect(EVAL_TASK_NAMES.slice(162, 168)).toEqual([...names])
    const [helix, disc, blobs, modThree, argmax, coarser] = createEvalTasks(undefined, [...names])
    for (const task of [helix, disc, blobs, modThree, argmax]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // AA1: points within σ 0.1 of the unit cylinder, z ∈ [−1, 1] (variance ≈ 1/3 plus the noise);
    // label 1 where (x, y)·(cos πz, sin πz) > 0 on ≈ 95 % of the rows (5 % flipped), both helices
    // about equally often; MLP 3-64(tanh)-2, CE ≈ 0.69–0.77 at init.
    for (const split of [helix!.train, helix!.validation]) {
      const x = rowsOf(split, 3)
      expect(rms(x.map(([u, v]) => Math.hypot(u!, v!) - 1))).toBeCloseTo(0.1, 2)
      expect(rms(x.map((row) => row[2]!)) ** 2).toBeCloseTo(1 / 3 + 0.01, 1)
      const side = x.map(([u, v, z]) =>
        u! * Math.cos(Math.PI * z!) + v! * Math.sin(Math.PI * z!) > 0 ? 1 : 0,
      )
      const agree = mean(side.map((label, r) => (label === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.93)
      expect(agree).toBeLessThan(0.97)
      expect(mean(split.labels!)).toBeCloseTo(0.5, 1)
    }
    expect(helix!.network).toEqual({
      inputSize: 3,
      hiddenUnits: 64,
      activation: 'tanh',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(helix!, 'adam', 0))).toBe(386)
    expectInitialLossBetween(helix!, 0.69, 0.77)
    // AA2: y − 1[x₀² + x₁² < 1] is noise of σ 0.1 over 6 inputs N(0, I); the disc holds ≈ 39 % of
    // the rows; MLP 6-32(ReLU)-1, MSE ≈ 0.35–1.25 at init.
    for (const split of [disc!.train, disc!.validation]) {
      const x = rowsOf(split, 6)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      const inside = x.map(([u, v]) => (u! * u! + v! * v! < 1 ? 1 : 0))
      expect(rms(inside.map((y, r) => split.targets![r]! - y))).toBeCloseTo(0.1, 2)
      expect(mean(inside)).toBeCloseTo(1 - Math.exp(-0.5), 1)
    }
    expect(disc!.network).toEqual({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 1,
      loss: 'mse',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(disc!, 'adam', 0))).toBe(257)
    expectInitialLossBetween(disc!, 0.35, 1.25)
    // AA3: 10×10 images of pixel noise σ 0.4 with 9 (one 3×3 blob) or 8 (two 2×2 blobs) pixels
    // raised by 1: about the same lit sum, but the brightest 3×3 window sums to ≈ 9 on one blob and
    // ≈ 5.3 on two, and a threshold on it at 6.5 tells the class on ≈ 94 % of the rows only (best CE >
    // 0); CNN conv 3×3 × 16, CE ≈ ln 2 at init.
    for (const split of [blobs!.train, blobs!.validation]) {
      const images = rowsOf(split, 100)
      const brightest = images.map((image) => {
        let best = Number.NEGATIVE_INFINITY
        for (let i = 0; i < 8; i++) {
          for (let j = 0; j < 8; j++) {
            let sum = 0
            for (let k = 0; k < 9; k++) sum += image[(i + Math.floor(k / 3)) * 10 + j + (k % 3)]!
            best = Math.max(best, sum)
          }
        }
        return best
      })
      const ofClass = (values: number[], label: number) => values.filter((_, r) => split.labels![r] === label)
      expect(mean(ofClass(brightest, 0))).toBeCloseTo(9, 0)
      expect(mean(ofClass(brightest, 1))).toBeCloseTo(5.3, 0)
      const lit = images.map((image) => image.reduce((sum, value) => sum + value, 0))
      expect(Math.abs(mean(ofClass(lit, 0)) - mean(ofClass(lit, 1)))).toBeLessThan(1.5)
      const agree = mean(brightest.map((value, r) => ((value > 6.5 ? 0 : 1) === split.labels![r] ? 1 : 0)))
      expect(agree).toBeGreaterThan(0.9)
      expect(agree).toBeLessThan(0.97)
      expect(mean(split.labels!)).toBeCloseTo(0.5, 1)
    }
    expect(blobs!.network).toEqual({ kind: 'conv', side: 10, kernel: 3, filters: 16, outputSize: 2 })
    expect(parameterCount(createTaskTrainable(blobs!, 'adam', 0))).toBe(2210)
    expectInitialLossBetween(blobs!, 0.68, 0.71)
    // AA4: the 14×14 rows 0–199 and 200–299 of each digit, labelled digit mod 3 (800 / 600 / 600
    // training rows); MLP 196-32(ReLU)-3, CE ≈ ln 3 at init.
    const digits = loadMnistDigits()
    expect(Array.from(modThree!.train.inputs)).toEqual(
      Array.from(mnist14Split(digits, ALL_TEN, 0, 200).inputs),
    )
    expect(Array.from(modThree!.validation.labels!.slice(0, 10))).toEqual([0, 1, 2, 0, 1, 2, 0, 1, 2, 0])
    expect([0, 1, 2].map((c) => modThree!.train.labels!.filter((label) => label === c).length)).toEqual([
      800, 600, 600,
    ])
    expect(modThree!.network).toEqual({
      inputSize: 196,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 3,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(modThree!, 'adam', 0))).toBe(6403)
    expect(initialLoss(modThree!, 0)).toBeCloseTo(Math.log(3), 1)
    // AA5: y − argmax(x) / √2 is noise of σ 0.1 over 5 inputs N(0, I); the target has mean ≈ √2 and
    // variance ≈ 1; MLP 5-32(ReLU)-1, MSE ≈ 2–3.5 at init.
    for (const split of [argmax!.train, argmax!.validation]) {
      const x = rowsOf(split, 5)
      expect(rms(x.flat())).toBeCloseTo(1, 1)
      const index = x.map((row) => row.indexOf(Math.max(...row)))
      expect(rms(index.map((i, r) => split.targets![r]! - i / Math.SQRT2))).toBeCloseTo(0.1, 2)
      expect(mean(split.targets!)).toBeCloseTo(Math.SQRT2, 1)
      expect(rms(split.targets!) ** 2 - mean(split.targets!) ** 2).toBeCloseTo(1, 1)
    }
    expect(argmax!.network).toMatchObject({ inputSize: 5, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    expect(parameterCount(createTaskTrainable(argmax!, 'adam', 0))).toBe(225)
    expectInitialLossBetween(argmax!, 2, 3.5)
    // AA6: 500 training rows, 1000 held out, two groups of the five classes (≈ 62 / 38 %); the body
    // is pretrained, the 2-class head drawn from the seed; CE ≈ 0.75–1 at init.
    expect([coarser!.train.count, coarser!.validation.count, coarser!.batchSize]).toEqual([500, 1000, 32])
    expect(Object.keys(coarser!.pretrained!).sort()).toEqual(['b1', 'w1'])
    expect(coarser!.reinitialize).toEqual(['w2', 'b2'])
    expect(coarser!.network).toEqual({
      inputSize: 10,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 2,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    for (const split of [coarser!.train, coarser!.validation]) {
      expect(split.labels!.every((label) => label === 0 || label === 1)).toBe(true)
      expect(mean(split.labels!)).toBeGreaterThan(0.33)
      expect(mean(split.labels!)).toBeLessThan(0.43)
    }
    const seed0 = createTaskTrainable(coarser!, 'adam', 0)
    const seed1 = createTaskTrainable(coarser!, 'adam', 1)
    expect(parameterCount(seed0)).toBe(418)
    expect(Array.from(seed0.parameters.w1!)).toEqual(Array.from(coarser!.pretrained!.w1!))
    expect(Array.from(seed1.parameters.w1!)).toEqual(Array.from(coarser!.pretrained!.w1!))
    expect(Array.from(seed0.parameters.w2!)).not.toEqual(Array.from(seed1.parameters.w2!))
    expectInitialLossBetween(coarser!, 0.75, 1)
    expect(coarser!.description).toContain('(500 rows, whole network, new 2-class head)')
    expect(createEvalTasks(SMALL, ['finetune-coarser-labels'])[0]!.train.count).toBe(64)
  })

  it('the round-16 AA MNIST task labels each digit by its value mod 3 on the 14×14 rows 0–199 (training) and 200–299 (held out)', () => {
    const digits = randomDigits(300, 26)
    const task = mnistModThreeTask(DEFAULT_TASK_SIZES, digits)
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.inputs)).toEqual(Array.from(plain.inputs))
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!, (digit) => digit % 3))
    }
    const short = { ...digits, 7: { raw: digits[7]!.raw, length: 299 } }
    expect(() => mnistModThreeTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 7 has fewer than 300 samples',
    )
  })

  it('the round-14 H MNIST task: the 14×14 rows 0–199 (training) and 200–299 (held out) plus a fixed offset per row block', () => {
    const digits = randomDigits(300, 23)
    const task = mnistRowGradientTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    const offsets = [-0.6, -0.4, -0.2, 0, 0.2, 0.4, 0.6]
    for (const [split, from, perDigit] of [
      [task.train, 0, 200],
      [task.validation, 200, 100],
    ] as const) {
      const plain = mnist14Split(digits, ALL_TEN, from, perDigit)
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
      expect(Array.from(split.inputs)).toEqual(
        Array.from(plain.inputs, (x, p) => Math.fround(x + offsets[Math.floor((p % 196) / 28)]!)),
      )
    }
    const short = { ...digits, 7: { raw: digits[7]!.raw, length: 299 } }
    expect(() => mnistRowGradientTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 7 has fewer than 300 samples',
    )
  })

  it('offsetRowBlocks adds one offset per block of rows to every image, in place', () => {
    const inputs = Float32Array.from({ length: 2 * 16 }, (_, p) => p)
    const split = offsetRowBlocks({ count: 2, inputs, labels: new Int32Array(2) }, 4, [10, 20])
    expect(split.inputs).toBe(inputs)
    expect(Array.from(inputs)).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 28, 29, 30, 31, 32, 33, 34, 35, 26, 27, 28, 29, 30, 31, 32, 33, 44, 45,
      46, 47, 48, 49, 50, 51,
    ])
  })

  it('the round-13 F MNIST task: the 14×14 rows 0–199 (training) and 200–299 (held out) pooled to 7×7', () => {
    const digits = randomDigits(300, 21)
    const task = mnist7x7Task(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    expect(Array.from(task.train.inputs)).toEqual(
      Array.from(poolImages(mnist14Split(digits, ALL_TEN, 0, 200), 14).inputs),
    )
    expect(Array.from(task.validation.inputs)).toEqual(
      Array.from(poolImages(mnist14Split(digits, ALL_TEN, 200, 100), 14).inputs),
    )
    expect(Array.from(task.train.labels!)).toEqual(Array.from(mnist14Split(digits, ALL_TEN, 0, 200).labels!))
    // Row 13 of the held-out split is digit 3's row 201; its 7×7 pixel (2, 5) is the mean of the
    // 28×28 pixels of rows 8–11 and columns 20–23.
    let block = 0
    for (let i = 8; i < 12; i++)
      for (let j = 20; j < 24; j++) block += digits[3]!.raw[201 * 784 + i * 28 + j]!
    expect(task.validation.inputs[13 * 49 + 2 * 7 + 5]).toBeCloseTo(block / 16, 6)
    const short = { ...digits, 4: { raw: digits[4]!.raw, length: 299 } }
    expect(() => mnist7x7Task(DEFAULT_TASK_SIZES, short)).toThrow('mnist digit 4 has fewer than 300 samples')
  })

  it('poolImages averages every 2×2 block of each image and keeps the labels', () => {
    const split: DataSplit = {
      count: 2,
      inputs: Float32Array.from({ length: 32 }, (_, p) => p),
      labels: new Int32Array([3, 1]),
    }
    const pooled = poolImages(split, 4)
    expect(pooled.count).toBe(2)
    expect(Array.from(pooled.inputs)).toEqual([2.5, 4.5, 10.5, 12.5, 18.5, 20.5, 26.5, 28.5])
    expect(Array.from(pooled.labels!)).toEqual([3, 1])
  })

  it('the round-11 B MNIST task: an MLP on the inverted 14×14 pixels of rows 350–549 (training) and 550–649 (held out)', () => {
    const digits = randomDigits(650, 17)
    const task = mnistInvertedMlpTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    const plainTrain = mnist14Split(digits, ALL_TEN, 350, 200)
    const plainValidation = mnist14Split(digits, ALL_TEN, 550, 100)
    expect(Array.from(task.train.inputs)).toEqual(Array.from(plainTrain.inputs, (x) => Math.fround(1 - x)))
    expect(Array.from(task.validation.inputs)).toEqual(
      Array.from(plainValidation.inputs, (x) => Math.fround(1 - x)),
    )
    expect(Array.from(task.train.labels!)).toEqual(Array.from(plainTrain.labels!))
    expect(task.network).toEqual({
      inputSize: 196,
      hiddenUnits: 32,
      activation: 'relu',
      outputSize: 10,
      loss: 'crossEntropy',
      initScale: 0.1,
    })
    expect(parameterCount(createTaskTrainable(task, 'adam', 0))).toBe(6634)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 649 } }
    expect(() => mnistInvertedMlpTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 650 samples',
    )
    const real = mnistInvertedMlpTask()
    expect(mean(real.train.inputs)).toBeGreaterThan(0.8)
    expect(createTaskTrainable(real, 'adam', 0).evaluateSync()).toBeCloseTo(Math.log(10), 0)
  })

  it('invertImages maps every pixel to 1 − pixel in place', () => {
    const inputs = Float32Array.from([0, 0.25, 1, 0.5])
    const split = invertImages({ count: 2, inputs, labels: new Int32Array(2) })
    expect(split.inputs).toBe(inputs)
    expect(Array.from(inputs)).toEqual([1, 0.75, 0, 0.5])
  })

  it('the round-10 O MNIST task: digits 3 (label 0) and 8 (label 1), rows 300–699 for training and 700–899 held out', () => {
    const digits = randomDigits(900, 15)
    const task = mnistThreeVersusEightTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([800, 400, 32])
    expect(Array.from(task.train.labels!.slice(0, 6))).toEqual([0, 1, 0, 1, 0, 1])
    expect(Array.from(task.train.inputs)).toEqual(Array.from(mnist14Split(digits, [3, 8], 300, 400).inputs))
    expect(Array.from(task.validation.inputs)).toEqual(
      Array.from(mnist14Split(digits, [3, 8], 700, 200).inputs),
    )
    const mlp = createTaskTrainable(task, 'adam', 0)
    expect(Object.values(mlp.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(3186)
    expect(mlp.evaluateSync()).toBeCloseTo(Math.log(2), 1)
    const short = { ...digits, 8: { raw: digits[8]!.raw, length: 899 } }
    expect(() => mnistThreeVersusEightTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 8 has fewer than 900 samples',
    )
  })

  it('rotateImages turns every image by 90° clockwise; four turns give the image back', () => {
    const inputs = Float32Array.from({ length: 2 * 9 }, (_, p) => p)
    const split = rotateImages({ count: 2, inputs, labels: new Int32Array(2) }, 3)
    expect(split.inputs).toBe(inputs)
    expect(Array.from(split.inputs)).toEqual([6, 3, 0, 7, 4, 1, 8, 5, 2, 15, 12, 9, 16, 13, 10, 17, 14, 11])
    for (let turn = 0; turn < 3; turn++) rotateImages(split, 3)
    expect(Array.from(split.inputs)).toEqual(Array.from({ length: 18 }, (_, p) => p))
  })

  it('the round-10 M tasks build with their documented shapes and loss scales', () => {
    const names = [
      'frequency-classes',
      'v-shaped-regression',
      'cnn-permuted-mnist',
      'saturated-tanh',
      'gaussian-bumps-regression',
      'finetune-noisy-labels',
    ] as const
    expect(EVAL_TASK_NAMES.slice(90, 96)).toEqual([...names])
    const [frequency, vShaped, saturated, bumps, noisy] = createEvalTasks(undefined, [
      names[0],
      names[1],
      names[3],
      names[4],
      names[5],
    ])
    const column = (split: DataSplit, width: number, d: number) =>
      Array.from({ length: split.count }, (_, r) => split.inputs[r * width + d]!)
    const classShare = (split: DataSplit, label: number) =>
      Array.from(split.labels!).filter((l) => l === label).length / split.count
    const dot = (a: readonly number[], x: Float32Array, scale = 1) =>
      a.reduce((sum, value, d) => sum + (value * x[d]!) / scale, 0)
    for (const task of [frequency, vShaped, saturated, bumps]) {
      expect([task!.train.count, task!.validation.count, task!.batchSize]).toEqual([2000, 1000, 32])
    }
    // M1: windows of 16 samples; 3 equally likely classes whose mean input is 0 at every t (random
    // phase); the largest DFT power among 2, 3, 4 cycles names the class on most rows, not all
    // (noise); MLP 16-48(ReLU)-3, CE ≈ 1.2 at init.
    for (const split of [frequency!.train, frequency!.validation]) {
      expect(split.inputs.length).toBe(16 * split.count)
      let named = 0
      for (let r = 0; r < split.count; r++) {
        const x = split.inputs.subarray(r * 16, (r + 1) * 16)
        const power = [2, 3, 4].map((f) => {
          const angle = (t: number) => (2 * Math.PI * f * t) / 16
          const c = x.reduce((sum, v, t) => sum + v * Math.cos(angle(t)), 0)
          const s = x.reduce((sum, v, t) => sum + v * Math.sin(angle(t)), 0)
          return c * c + s * s
        })
        if (power.indexOf(Math.max(...power)) === split.labels![r]) named++
      }
      expect(named / split.count).toBeGreaterThan(0.8)
      expect(named / split.count).toBeLessThan(0.93)
      expect(mean(Array.from(split.inputs, (x) => x * x))).toBeCloseTo(0.84, 1)
    }
    for (let c = 0; c < 3; c++) {
      expect(classShare(frequency!.train, c)).toBeGreaterThan(0.3)
      expect(classShare(frequency!.train, c)).toBeLessThan(0.37)
      for (let t = 0; t < 16; t++) {
        const values = column(frequency!.train, 16, t).filter((_, r) => frequency!.train.labels![r] === c)
        expect(Math.abs(mean(values))).toBeLessThan(0.2)
      }
    }
    expect(frequency!.network).toMatchObject({
      inputSize: 16,
      hiddenUnits: 48,
      activation: 'relu',
      outputSize: 3,
    })
    const frequencyNet = createTaskTrainable(frequency!, 'adam', 0)
    expect(parameterCount(frequencyNet)).toBe(963)
    expect(frequencyNet.evaluateSync()).toBeGreaterThan(Math.log(3))
    expect(frequencyNet.evaluateSync()).toBeLessThan(1.4)
    // M2: y − |w·x| is N(0, 0.3²) noise (w: the first 8 normals of seed 14002, / √2); no input is
    // correlated with y; MLP 8-32(ReLU)-1, MSE ≈ 3–4 at init.
    const wRandom = new SeededRandom(14002)
    const w = Array.from({ length: 8 }, () => wRandom.normal() / Math.SQRT2)
    expect(w.reduce((sum, v) => sum + v * v, 0)).toBeCloseTo(2.53, 2)
    for (const split of [vShaped!.train, vShaped!.validation]) {
      expect(split.inputs.length).toBe(8 * split.count)
      const targets = Array.from(split.targets!)
      const residuals = targets.map((y, r) => y - Math.abs(dot(w, split.inputs.subarray(r * 8, (r + 1) * 8))))
      expect(Math.abs(mean(residuals))).toBeLessThan(0.03)
      expect(rms(residuals)).toBeCloseTo(0.3, 1)
      for (let d = 0; d < 8; d++) {
        expect(Math.abs(mean(targets.map((y, r) => y * split.inputs[r * 8 + d]!)))).toBeLessThan(0.15)
      }
    }
    expect(mean(Array.from(vShaped!.train.targets!, (y) => y * y))).toBeGreaterThan(2.3)
    expect(mean(Array.from(vShaped!.train.targets!, (y) => y * y))).toBeLessThan(2.8)
    expect(vShaped!.network).toMatchObject({ inputSize: 8, hiddenUnits: 32, activation: 'relu', loss: 'mse' })
    const vShapedNet = createTaskTrainable(vShaped!, 'adam', 0)
    expect(parameterCount(vShapedNet)).toBe(321)
    expect(vShapedNet.evaluateSync()).toBeGreaterThan(2.5)
    expect(vShapedNet.evaluateSync()).toBeLessThan(4.5)
    // M4: every input column has rms ≈ 10 (z ×10); ≈ 95 % of labels are [a·z + sin(2·b·z) > 0] (a, b:
    // the first 6 and next 6 normals of seed 14004, / √6); ≈ 90 % of the hidden pre-activations
    // start beyond ±1; MLP 6-32(tanh)-2, CE ≈ 0.77 at init.
    const abRandom = new SeededRandom(14004)
    const [a, b] = [0, 1].map(() => Array.from({ length: 6 }, () => abRandom.normal() / Math.sqrt(6)))
    for (const split of [saturated!.train, saturated!.validation]) {
      expect(split.inputs.length).toBe(6 * split.count)
      const agree = Array.from(split.labels!).filter((label, r) => {
        const z = split.inputs.subarray(r * 6, (r + 1) * 6)
        return label === (dot(a!, z, 10) + Math.sin(2 * dot(b!, z, 10)) > 0 ? 1 : 0)
      }).length
      expect(agree / split.count).toBeGreaterThan(0.93)
      expect(agree / split.count).toBeLessThan(0.97)
    }
    for (let d = 0; d < 6; d++) expect(rms(column(saturated!.train, 6, d))).toBeCloseTo(10, -0.5)
    expect(classShare(saturated!.train, 1)).toBeGreaterThan(0.45)
    expect(classShare(saturated!.train, 1)).toBeLessThan(0.55)
    expect(saturated!.network).toMatchObject({
      inputSize: 6,
      hiddenUnits: 32,
      activation: 'tanh',
      outputSize: 2,
    })
    const saturatedNet = createTaskTrainable(saturated!, 'adam', 0)
    expect(parameterCount(saturatedNet)).toBe(290)
    let beyond = 0
    for (let r = 0; r < 500; r++) {
      const x = saturated!.train.inputs.subarray(r * 6, (r + 1) * 6)
      for (let j = 0; j < 32; j++) {
        const pre = Array.from(x).reduce((sum, v, d) => sum + v * saturatedNet.parameters.w1![d * 32 + j]!, 0)
        if (Math.abs(pre) > 1) beyond++
      }
    }
    expect(beyond / (500 * 32)).toBeGreaterThan(0.85)
    expect(saturatedNet.evaluateSync()).toBeGreaterThan(Math.log(2))
    expect(saturatedNet.evaluateSync()).toBeLessThan(0.9)
    // M5: x ∈ [−2, 2]²; y minus the three bumps (centres: the first 6 uniforms of seed 14005) is
    // N(0, 0.1²) noise; MLP 2-32(tanh)-1, E[y²] ≈ 0.3.
    const cRandom = new SeededRandom(14005)
    const centres = [0, 1, 2].map(() => [3 * cRandom.next() - 1.5, 3 * cRandom.next() - 1.5] as const)
    const heights = [2, -1.5, 1]
    const widths = [0.5, 0.7, 0.9]
    for (const split of [bumps!.train, bumps!.validation]) {
      expect(split.inputs.length).toBe(2 * split.count)
      expect(Math.min(...split.inputs)).toBeGreaterThanOrEqual(-2)
      expect(Math.max(...split.inputs)).toBeLessThan(2)
      const residuals = Array.from(split.targets!, (y, r) => {
        const [x0, x1] = [split.inputs[r * 2]!, split.inputs[r * 2 + 1]!]
        return centres.reduce(
          (rest, [c0, c1], k) =>
            rest - heights[k]! * Math.exp(-((x0 - c0) ** 2 + (x1 - c1) ** 2) / (2 * widths[k]! ** 2)),
          y,
        )
      })
      expect(Math.abs(mean(residuals))).toBeLessThan(0.01)
      expect(rms(residuals)).toBeCloseTo(0.1, 2)
    }
    expect(mean(Array.from(bumps!.train.targets!, (y) => y * y))).toBeCloseTo(0.3, 1)
    expect(Math.max(...bumps!.train.targets!)).toBeGreaterThan(1.8)
    expect(Math.min(...bumps!.train.targets!)).toBeLessThan(-0.7)
    expect(bumps!.network).toMatchObject({ inputSize: 2, hiddenUnits: 32, activation: 'tanh', loss: 'mse' })
    const bumpsNet = createTaskTrainable(bumps!, 'adam', 0)
    expect(parameterCount(bumpsNet)).toBe(129)
    expect(bumpsNet.evaluateSync()).toBeGreaterThan(0.3)
    expect(bumpsNet.evaluateSync()).toBeLessThan(0.8)
    // M6: a fifth of the training rows, the usual held-out count; the body is pretrained, the head
    // new per seed (CE ≈ ln 5); the pretrained head scores the clean held-out rows far better
    // than the noisy training rows (30 % of their labels wrong).
    expect([noisy!.train.count, noisy!.validation.count, noisy!.batchSize]).toEqual([400, 1000, 32])
    expect(noisy!.train.inputs.length).toBe(12 * 400)
    expect(noisy!.reinitialize).toEqual(['w2', 'b2'])
    expect(Object.keys(noisy!.pretrained!).sort()).toEqual(['b1', 'b2', 'w1', 'w2'])
    const tuned = createTaskTrainable(noisy!, 'adam', 0)
    const other = createTaskTrainable(noisy!, 'sgdMomentum', 1)
    expect(parameterCount(tuned)).toBe(12 * 32 + 32 + 32 * 5 + 5)
    expect(Array.from(tuned.parameters.w1!)).toEqual(Array.from(noisy!.pretrained!.w1!))
    expect(Array.from(other.parameters.b1!)).toEqual(Array.from(noisy!.pretrained!.b1!))
    expect(Array.from(tuned.parameters.w2!)).not.toEqual(Array.from(other.parameters.w2!))
    expect(tuned.evaluateSync()).toBeCloseTo(Math.log(5), 0)
    const { reinitialize: _head, ...kept } = noisy!
    const heldOut = createTaskTrainable(kept, 'adam', 0).evaluateSync()
    const onTraining = createTaskTrainable({ ...kept, validation: noisy!.train }, 'adam', 0).evaluateSync()
    expect(heldOut).toBeLessThan(1.25)
    expect(onTraining).toBeGreaterThan(heldOut + 0.2)
    for (let c = 0; c < 5; c++) expect(classShare(noisy!.validation, c)).toBeGreaterThan(0.1)
    expect(createEvalTasks(SMALL, ['finetune-noisy-labels'])[0]!.train.count).toBe(12)
  })

  it('the round-10 M MNIST task permutes the 14×14 pixels of rows 550–749 (training) and 750–849 (held out) by one fixed permutation', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    const random = new SeededRandom(11)
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(850 * 784)
      for (let p = 550 * 784; p < raw.length; p++) raw[p] = random.next()
      digits[d] = { raw, length: 850 }
    }
    const task = cnnPermutedMnistTask(DEFAULT_TASK_SIZES, digits)
    expect([task.train.count, task.validation.count, task.batchSize]).toEqual([2000, 1000, 32])
    expect(task.network).toEqual({ kind: 'conv', side: 14, kernel: 3, filters: 4, outputSize: 10 })
    const permutation = randomPermutation(new SeededRandom(14003), 196)
    const plainTrain = mnist14Split(digits, ALL_TEN, 550, 200)
    const plainValidation = mnist14Split(digits, ALL_TEN, 750, 100)
    for (const [split, plain] of [
      [task.train, plainTrain],
      [task.validation, plainValidation],
    ] as const) {
      expect(Array.from(split.labels!)).toEqual(Array.from(plain.labels!))
      for (const r of [0, 7, 555, split.count - 1]) {
        for (let p = 0; p < 196; p++)
          expect(split.inputs[r * 196 + p]).toBe(plain.inputs[r * 196 + permutation[p]!])
      }
    }
    expect(Array.from(task.train.inputs)).not.toEqual(Array.from(plainTrain.inputs))
    const cnn = createTaskTrainable(task, 'adam', 0)
    expect(Object.values(cnn.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(5810)
    expect(cnn.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    const short = { ...digits, 5: { raw: digits[5]!.raw, length: 849 } }
    expect(() => cnnPermutedMnistTask(DEFAULT_TASK_SIZES, short)).toThrow(
      'mnist digit 5 has fewer than 850 samples',
    )
  })

  it('randomPermutation draws every index once; permutePixels moves pixel permutation[p] to p in every row', () => {
    const permutation = randomPermutation(new SeededRandom(5), 50)
    expect(Array.from(permutation).sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(Array.from(permutation)).not.toEqual(Array.from({ length: 50 }, (_, i) => i))
    expect(Array.from(randomPermutation(new SeededRandom(5), 50))).toEqual(Array.from(permutation))
    const inputs = Float32Array.from({ length: 2 * 4 }, (_, p) => 10 * p)
    const split = permutePixels(
      { count: 2, inputs, labels: new Int32Array(2) },
      Int32Array.from([2, 0, 3, 1]),
    )
    expect(split.inputs).toBe(inputs)
    expect(Array.from(split.inputs)).toEqual([20, 0, 30, 10, 60, 40, 70, 50])
  })

  it('occludeImages zeroes one block × block square per image at its own random position', () => {
    const side = 4
    const inputs = Float32Array.from({ length: 50 * 16 }, (_, p) => 1 + p)
    const split = occludeImages(
      { count: 50, inputs, labels: new Int32Array(50) },
      side,
      2,
      new SeededRandom(3),
    )
    expect(split.inputs).toBe(inputs)
    const corners = new Set<number>()
    for (let r = 0; r < 50; r++) {
      const zeros: number[] = []
      for (let p = 0; p < 16; p++) {
        const x = inputs[r * 16 + p]!
        if (x === 0) zeros.push(p)
        else expect(x).toBe(1 + r * 16 + p)
      }
      const [corner] = zeros
      expect(zeros).toEqual([corner, corner! + 1, corner! + 4, corner! + 5])
      expect(corner! % 4).toBeLessThanOrEqual(2)
      expect(Math.floor(corner! / 4)).toBeLessThanOrEqual(2)
      corners.add(corner!)
    }
    expect(corners.size).toBe(9)
  })

  it('transposeImages swaps pixel (i, j) with (j, i) in every image', () => {
    const side = 3
    const inputs = Float32Array.from({ length: 2 * 9 }, (_, p) => p)
    const split = transposeImages({ count: 2, inputs, labels: new Int32Array(2) }, side)
    expect(Array.from(split.inputs)).toEqual([0, 3, 6, 1, 4, 7, 2, 5, 8, 9, 12, 15, 10, 13, 16, 11, 14, 17])
    expect(split.inputs).toBe(inputs)
  })

  it('the full-resolution MNIST task reads 28×28 rows from index 450; few-shot fine-tuning uses a twentieth of the rows per digit', () => {
    const digits = randomDigits(862, 7)
    const full = mnistFullMlpTask(SMALL, digits)
    expect(full.train.count).toBe(30)
    expect(full.train.inputs.length).toBe(30 * 784)
    expect(Array.from(full.train.inputs.subarray(784 * 3, 784 * 4))).toEqual(
      Array.from(digits[3]!.raw.subarray(450 * 784, 451 * 784)),
    )
    expect(Array.from(full.validation.inputs)).toEqual(Array.from(mnist28Split(digits, 453, 2).inputs))
    const network = createTaskTrainable(full, 'adam', 0)
    expect(Object.values(network.parameters).reduce((sum, values) => sum + values.length, 0)).toBe(9550)
    expect(network.evaluateSync()).toBeCloseTo(Math.log(10), 0)
    const short = { 5: { raw: digits[5]!.raw, length: 452 } }
    expect(() => mnistFullMlpTask(SMALL, { ...digits, ...short })).toThrow(
      'mnist digit 5 has fewer than 453 samples',
    )
    const fewShot = finetuneFewShotTask(
      { ...SMALL, mnistTrainPerDigit: 200, mnistValidationPerDigit: 2 },
      digits,
    )
    expect(fewShot.train.count).toBe(50)
    expect(fewShot.description).toContain('only 50 rows')
    expect(Array.from(fewShot.train.inputs)).toEqual(
      Array.from(mnist14Split(digits, [0, 1, 2, 3, 4], 850, 10).inputs),
    )
    expect(Array.from(fewShot.validation.labels!)).toEqual([0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
    expect(fewShot.reinitialize).toEqual(['w2', 'b2'])
    const tuned = createTaskTrainable(fewShot, 'adam', 0)
    expect(Array.from(tuned.parameters.w1!)).toEqual(Array.from(fewShot.pretrained!.w1!))
    expect(Array.from(tuned.parameters.w2!)).not.toEqual(Array.from(fewShot.pretrained!.w2!))
  })

  it('the MNIST parity task labels odd digits 1 and even digits 0', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) digits[d] = { raw: new Float32Array(710 * 784), length: 710 }
    const task = mnistParityTask({ ...SMALL, mnistTrainPerDigit: 4, mnistValidationPerDigit: 2 }, digits)
    expect(Array.from(task.train.labels!)).toEqual([
      0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1,
    ])
    expect(task.validation.count).toBe(10)
  })

  it('mnist14Split averages 2×2 blocks and labels by position in the digit list', () => {
    const digits: Record<number, { raw: Float32Array; length: number }> = {}
    for (let d = 0; d < 10; d++) {
      const raw = new Float32Array(4 * 784)
      for (let p = 0; p < raw.length; p++) raw[p] = (p % 2) * d * 0.1
      digits[d] = { raw, length: 4 }
    }
    const split = mnist14Split(digits, [7, 3], 1, 2)
    expect(split.count).toBe(4)
    expect(Array.from(split.labels!)).toEqual([0, 1, 0, 1])
    expect(split.inputs[0]).toBeCloseTo(0.35, 6)
    expect(split.inputs[196]).toBeCloseTo(0.15, 6)
    expect(() => mnist14Split(digits, [1], 3, 2)).toThrow('mnist digit 1 has fewer than 5 samples')
  })

  it('fine-tuning starts from the pretrained body with a new head drawn from the seed', () => {
    const digits = randomDigits(10, 4)
    const task = finetuneMnistTask({ ...SMALL, mnistTrainPerDigit: 5, mnistValidationPerDigit: 2 }, digits)
    expect(task.reinitialize).toEqual(['w2', 'b2'])
    const a = createTaskTrainable(task, 'sgdMomentum', 0)
    const b = createTaskTrainable(task, 'sgdMomentum', 1)
    expect(Array.from(a.parameters.w1!)).toEqual(Array.from(task.pretrained!.w1!))
    expect(Array.from(b.parameters.w1!)).toEqual(Array.from(task.pretrained!.w1!))
    expect(Array.from(a.parameters.w2!)).not.toEqual(Array.from(b.parameters.w2!))
    expect(task.train.count).toBe(5)
  })
})
