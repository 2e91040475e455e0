import {
  adamwOptimizer,
  constantSchedule,
  cosineSchedule,
  createScheduler,
  createWasmKernels,
  type Optimizer,
  reduceOnPlateau,
  sgdOptimizer,
} from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { accuracy, mlp, task } from '../../test/tiny-classifier'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { saveOnnxModel } from '../model/save-onnx-model'
import { createGradientSession } from '../session/create-gradient-session'
import { createOnnxTrainer } from './create-onnx-trainer'
import { parameterShapes, paramGroupsByDepth } from './param-groups-by-depth'

describe('createOnnxTrainer', () => {
  const sessionOptions = { intraOpNumThreads: 1 }
  const newSession = (trainable?: { prefixes: string[] }) =>
    createGradientSession(
      buildTrainingGraph(mlp(), {
        loss: { kind: 'softmaxCrossEntropy' },
        ...(trainable ? { trainable } : {}),
      }),
      { sessionOptions },
    )

  it('trains with wasm AdamW driven by a cosine scheduler; the exported model predicts what the trainer predicts', async () => {
    const session = await newSession()
    const optimizer = adamwOptimizer({
      parameters: session.parameters,
      weightDecay: 1e-4,
      kernels: createWasmKernels({ sharedMemory: false }),
    })
    const steps = 150
    const scheduler = createScheduler({
      schedule: cosineSchedule({ initValue: 0.05, endValue: 0.001, totalSteps: steps }),
      target: optimizer,
    })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    // The session feeds the optimizer's own arrays (wasm memory), zero-copy.
    for (const [name, array] of optimizer.parameters) expect(session.parameters.get(name)).toBe(array)
    const train = task(64, 2)
    const losses: number[] = []
    for (let step = 0; step < steps; step++) {
      const result = await trainer.step({ inputs: { x: train.x }, labels: train.labels })
      expect(result.report.applied).toBe(true)
      expect(result.learningRate).toBe(
        cosineSchedule({ initValue: 0.05, endValue: 0.001, totalSteps: steps })(step),
      )
      expect(result.timings.run).toBeGreaterThan(0)
      losses.push(result.loss)
    }
    expect(scheduler.step).toBe(steps)
    expect(losses[steps - 1]!).toBeLessThan(losses[0]! / 4)
    const test = task(200, 3)
    const predicted = (await session.predict({ x: test.x })).logits!.data as Float32Array
    expect(accuracy(predicted, test.labels)).toBeGreaterThan(0.85)
    const plain = await ort.InferenceSession.create(saveOnnxModel(session.exportModel()), {
      logSeverityLevel: 3,
    })
    const reloaded = (await plain.run({ x: test.x })).logits!.data as Float32Array
    for (let i = 0; i < reloaded.length; i++) expect(reloaded[i]).toBeCloseTo(predicted[i]!, 5)
    await plain.release()
    await session.release()
  })

  it('onnxruntime writes the gradients into optimizer.gradients, equal to computeGradients', async () => {
    const session = await newSession()
    const optimizer = adamwOptimizer({ parameters: session.parameters })
    const trainer = createOnnxTrainer({ session, optimizer, learningRate: 0 })
    const train = task(32, 5)
    const batch = { inputs: { x: train.x }, labels: train.labels }
    const expected = await session.computeGradients(batch)
    const result = await trainer.step(batch)
    expect(result.loss).toBe(expected.loss)
    for (const [name, gradient] of expected.gradients) {
      expect(optimizer.gradients.get(name)).toEqual(gradient)
      expect(gradient.some((value) => value !== 0)).toBe(true)
    }
    await session.release()
  })

  it('equals a hand-written loop bit for bit with depth groups, layer decay, clipping and accumulation', async () => {
    const train = task(48, 6)
    const batches = [0, 1, 2].map((part) => ({
      inputs: {
        x: new ort.Tensor(
          'float32',
          (train.x.data as Float32Array).slice(part * 32, part * 32 + 32),
          [16, 2],
        ),
      },
      labels: train.labels.slice(part * 16, part * 16 + 16),
    }))
    const configure = (session: Awaited<ReturnType<typeof newSession>>) =>
      adamwOptimizer({
        parameters: session.parameters,
        groups: paramGroupsByDepth({ graph: session.graph, weightDecay: 0.01 }),
        gradientClipping: { maxNorm: 0.5 },
        accumulationSteps: 2,
        kernels: createWasmKernels({ sharedMemory: false }),
      })
    const session = await newSession()
    const optimizer = configure(session)
    expect(optimizer.groups.map((group) => [group.name, group.lrScale])).toEqual([
      ['depth.0', 0.75],
      ['depth.0.noDecay', 0.75],
      ['depth.1', 1],
      ['depth.1.noDecay', 1],
    ])
    const scheduler = createScheduler({
      schedule: cosineSchedule({ initValue: 0.02, endValue: 0, totalSteps: 6 }),
      target: optimizer,
    })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    const reference = await newSession()
    const referenceOptimizer = configure(reference)
    reference.useParameters(referenceOptimizer.parameters)
    const rate = cosineSchedule({ initValue: 0.02, endValue: 0, totalSteps: 6 })
    let applied = 0
    for (let call = 0; call < 12; call++) {
      const batch = batches[call % 3]!
      const result = await trainer.step(batch)
      const { gradients } = await reference.computeGradients(batch)
      const report = referenceOptimizer.step(gradients, rate(applied))
      expect(result.report).toEqual(report)
      expect(result.report.applied).toBe(call % 2 === 1)
      if (report.applied) applied++
    }
    expect(scheduler.step).toBe(6)
    for (const [name, values] of referenceOptimizer.parameters) {
      expect(optimizer.parameters.get(name)).toEqual(values)
    }
    await session.release()
    await reference.release()
  })

  it('an explicit per-group scale of 0 keeps the input layer fixed while the head trains', async () => {
    const session = await newSession()
    const groups = paramGroupsByDepth({
      graph: session.graph,
      strategy: { kind: 'explicit', scales: [0, 1] },
      excludeFromWeightDecay: false,
    })
    expect(groups.map((group) => group.parameters)).toEqual([
      ['fc1.weight', 'fc1.bias'],
      ['fc2.weight', 'fc2.bias'],
    ])
    const optimizer = sgdOptimizer({ parameters: session.parameters, groups })
    const before = new Map([...optimizer.parameters].map(([name, array]) => [name, array.slice()]))
    const trainer = createOnnxTrainer({ session, optimizer, learningRate: 0.1 })
    const train = task(16, 7)
    await trainer.step({ inputs: { x: train.x }, labels: train.labels })
    expect(optimizer.parameters.get('fc1.weight')).toEqual(before.get('fc1.weight'))
    expect(optimizer.parameters.get('fc2.weight')).not.toEqual(before.get('fc2.weight'))
    expect(parameterShapes(session.graph)).toEqual({
      'fc1.weight': { shape: [16, 2], length: 32 },
      'fc1.bias': { shape: [16], length: 16 },
      'fc2.weight': { shape: [3, 16], length: 48 },
      'fc2.bias': { shape: [3], length: 3 },
    })
    expect(() => paramGroupsByDepth({ graph: session.graph, layers: 0 })).toThrow(
      'options.layers must be an integer ≥ 1, got 0',
    )
    await session.release()
  })

  it('reduces the rate on a plateau; the next step uses it', async () => {
    const session = await newSession()
    const optimizer = sgdOptimizer({ parameters: session.parameters })
    const scheduler = createScheduler({
      schedule: constantSchedule({ value: 0.1 }),
      plateau: reduceOnPlateau({ factor: 0.5, patience: 0 }),
      target: optimizer,
    })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    const train = task(16, 8)
    const batch = { inputs: { x: train.x }, labels: train.labels }
    expect((await trainer.step(batch)).learningRate).toBe(0.1)
    scheduler.reportMetric(1)
    scheduler.reportMetric(2)
    expect((await trainer.step(batch)).learningRate).toBe(0.05)
    await session.release()
  })

  it('skips a step with non-finite gradients: parameters, optimizer and scheduler unchanged', async () => {
    const session = await newSession()
    const optimizer = adamwOptimizer({ parameters: session.parameters })
    const scheduler = createScheduler({ schedule: constantSchedule({ value: 0.01 }), target: optimizer })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    const train = task(8, 9)
    const poisoned = Float32Array.from(train.x.data as Float32Array)
    poisoned[3] = Number.NaN
    const before = new Map([...optimizer.parameters].map(([name, array]) => [name, array.slice()]))
    const result = await trainer.step({
      inputs: { x: new ort.Tensor('float32', poisoned, [8, 2]) },
      labels: train.labels,
    })
    expect(result.report.applied).toBe(false)
    expect(result.report.skipped?.reason).toBe('nonFinite')
    expect(Number.isNaN(result.loss)).toBe(true)
    expect(scheduler.step).toBe(0)
    expect(optimizer.stepCount).toBe(0)
    for (const [name, values] of before) expect(optimizer.parameters.get(name)).toEqual(values)
    // The next finite batch trains normally.
    expect((await trainer.step({ inputs: { x: train.x }, labels: train.labels })).report.applied).toBe(true)
    expect(scheduler.step).toBe(1)
    await session.release()
  })

  it('an explicit step rate wins over the scheduler, which is then not advanced', async () => {
    const session = await newSession()
    const optimizer = sgdOptimizer({ parameters: session.parameters })
    const scheduler = createScheduler({ schedule: constantSchedule({ value: 0.01 }) })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    const train = task(8, 10)
    const result = await trainer.step({ inputs: { x: train.x }, labels: train.labels }, { learningRate: 0.2 })
    expect(result.learningRate).toBe(0.2)
    expect(scheduler.step).toBe(0)
    // This scheduler does not target the optimizer: a scheduled step has no rate.
    await expect(trainer.step({ inputs: { x: train.x }, labels: train.labels })).rejects.toThrow(
      'no learning rate',
    )
    await expect(
      trainer.step({ inputs: { x: train.x }, labels: train.labels }, { learningRate: -1 }),
    ).rejects.toThrow('options.learningRate must be a finite number ≥ 0, got -1')
    await session.release()
  })

  it('with frozen layers only the chosen parameters train, and the export keeps every initializer', async () => {
    const session = await newSession({ prefixes: ['fc2.'] })
    const before = Float32Array.from(session.parameters.get('fc2.weight')!)
    const optimizer = adamwOptimizer({ parameters: session.parameters })
    const trainer = createOnnxTrainer({ session, optimizer, learningRate: 0.01 })
    const train = task(16, 4)
    const result = await trainer.step({ inputs: { x: train.x }, labels: train.labels })
    expect(result.learningRate).toBe(0.01)
    expect([...optimizer.parameters.keys()]).toEqual(['fc2.weight', 'fc2.bias'])
    expect(session.parameters.get('fc2.weight')).not.toEqual(before)
    const exported = session.exportModel()
    expect(exported.initializers.map((tensor) => tensor.name)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ])
    await session.release()
  })

  it('rejects bad options, foreign optimizers and shared-memory kernels with a message saying what to do', async () => {
    const session = await newSession()
    const optimizer = adamwOptimizer({ parameters: session.parameters })
    expect(() => createOnnxTrainer({ session, optimizer })).toThrow(
      'createOnnxTrainer needs exactly one of options.scheduler and options.learningRate',
    )
    expect(() => createOnnxTrainer({ session, optimizer, learningRate: -1 })).toThrow(
      'options.learningRate must be a finite number ≥ 0, got -1',
    )
    const foreign: Optimizer = sgdOptimizer({
      parameters: { 'fc1.weight': new Float32Array(32), other: new Float32Array(2) },
    })
    expect(() => createOnnxTrainer({ session, optimizer: foreign, learningRate: 0.1 })).toThrow(
      `options.optimizer must optimise exactly the session's trainable parameters; missing "fc1.bias", "fc2.weight", "fc2.bias"; not trainable in the graph "other"`,
    )
    const shared = adamwOptimizer({
      parameters: session.parameters,
      kernels: createWasmKernels({ sharedMemory: true }),
    })
    expect(() => createOnnxTrainer({ session, optimizer: shared, learningRate: 0.1 })).toThrow(
      'parameters["fc1.weight"] lives in shared memory (a SharedArrayBuffer), which onnxruntime-node cannot read or write in place; with WebAssembly kernels create them with createWasmKernels({ sharedMemory: false })',
    )
    await session.release()
  })
})
