import { adamwOptimizer, cosineSchedule, createScheduler } from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildModel, randomArray, seededUniform } from '../../test/build-model'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { saveOnnxModel } from '../model/save-onnx-model'
import { createGradientSession } from '../session/create-gradient-session'
import { createOnnxTrainer } from './create-onnx-trainer'

/** 2-D points in three angular sectors; an MLP 2-16-3 learns them. */
function task(count: number, seed: number) {
  const random = seededUniform(seed)
  const x = new Float32Array(count * 2)
  const labels = new BigInt64Array(count)
  for (let i = 0; i < count; i++) {
    const angle = random(0, 2 * Math.PI)
    const radius = random(0.5, 1.5)
    x[2 * i] = radius * Math.cos(angle)
    x[2 * i + 1] = radius * Math.sin(angle)
    labels[i] = BigInt(Math.floor((angle / (2 * Math.PI)) * 3))
  }
  return { x: new ort.Tensor('float32', x, [count, 2]), labels }
}

function mlp() {
  const random = seededUniform(1)
  return buildModel({
    inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['N', 2] }],
    outputs: [{ name: 'logits', dataType: 'FLOAT', dims: ['N', 3] }],
    initializers: {
      'fc1.weight': { dims: [16, 2], values: randomArray(Float32Array, 32, random, -0.7, 0.7) },
      'fc1.bias': { dims: [16], values: new Float32Array(16) },
      'fc2.weight': { dims: [3, 16], values: randomArray(Float32Array, 48, random, -0.25, 0.25) },
      'fc2.bias': { dims: [3], values: new Float32Array(3) },
    },
    nodes: [
      ['Gemm', ['x', 'fc1.weight', 'fc1.bias'], ['h'], { transB: { int: 1 } }],
      ['Relu', ['h'], ['a']],
      ['Gemm', ['a', 'fc2.weight', 'fc2.bias'], ['logits'], { transB: { int: 1 } }],
    ],
  })
}

function accuracy(logits: Float32Array, labels: BigInt64Array): number {
  let correct = 0
  for (let i = 0; i < labels.length; i++) {
    const row = logits.subarray(3 * i, 3 * i + 3)
    if (row.indexOf(Math.max(...row)) === Number(labels[i])) correct++
  }
  return correct / labels.length
}

describe('createOnnxTrainer', () => {
  it('trains with core AdamW and a cosine schedule; the exported model predicts what the trainer predicts', async () => {
    const session = await createGradientSession(
      buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } }),
    )
    const optimizer = adamwOptimizer({ parameters: session.parameters, weightDecay: 1e-4 })
    const steps = 150
    const scheduler = createScheduler({
      schedule: cosineSchedule({ initValue: 0.05, endValue: 0.001, totalSteps: steps }),
    })
    const trainer = createOnnxTrainer({ session, optimizer, scheduler })
    const train = task(64, 2)
    const losses: number[] = []
    for (let step = 0; step < steps; step++) {
      const result = await trainer.step({ inputs: { x: train.x }, labels: train.labels })
      expect(result.report.applied).toBe(true)
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

  it('with a constant rate and frozen layers only the chosen parameters change', async () => {
    const session = await createGradientSession(
      buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' }, trainable: { prefixes: ['fc2.'] } }),
    )
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

  it('needs exactly one of scheduler and learningRate', async () => {
    const session = await createGradientSession(
      buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } }),
    )
    const optimizer = adamwOptimizer({ parameters: session.parameters })
    expect(() => createOnnxTrainer({ session, optimizer })).toThrow(
      'createOnnxTrainer needs exactly one of options.scheduler and options.learningRate',
    )
    expect(() => createOnnxTrainer({ session, optimizer, learningRate: -1 })).toThrow(
      'options.learningRate must be a finite number ≥ 0, got -1',
    )
    await session.release()
  })
})
