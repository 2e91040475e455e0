import { adamwOptimizer, cosineSchedule, createScheduler, createWasmKernels } from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildModel, randomArray, seededUniform } from '../../test/build-model'
import { mlp, task } from '../../test/tiny-classifier'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { createOnnxTrainer } from '../trainer/create-onnx-trainer'
import { createGradientSession } from './create-gradient-session'

const graph = buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } })
const sessionOptions = { intraOpNumThreads: 1 }
const data = task(32, 12)
const batch = { inputs: { x: data.x }, labels: data.labels }

describe('createGradientSession({ worker: true })', () => {
  it('computes the same loss, gradients and predictions as the in-thread session, bit for bit', async () => {
    const local = await createGradientSession(graph, { sessionOptions })
    const worker = await createGradientSession(graph, { sessionOptions, worker: true })
    const expected = await local.computeGradients(batch)
    const actual = await worker.computeGradients(batch)
    expect(actual.loss).toBe(expected.loss)
    expect(actual.gradients).toEqual(expected.gradients)
    // Into plain arrays (mirrored through shared memory) and into shared ones (used in place).
    for (const make of [
      (length: number) => new Float32Array(length),
      (length: number) => new Float32Array(new SharedArrayBuffer(length * 4)),
    ]) {
      const into = new Map(
        graph.parameters.map((parameter) => [parameter.name, make(parameter.initialValues.length)]),
      )
      expect(await worker.computeGradientsInto(batch, into)).toBe(expected.loss)
      expect(into).toEqual(expected.gradients)
    }
    expect((await worker.predict({ x: data.x })).logits).toEqual((await local.predict({ x: data.x })).logits)
    await local.release()
    await worker.release()
    await expect(worker.computeGradients(batch)).rejects.toThrow('the gradient session was released')
  })

  it('trains with shared-memory WebAssembly kernels exactly as the in-thread session with unshared ones', async () => {
    async function trainWith(worker: boolean) {
      const session = await createGradientSession(graph, { sessionOptions, worker })
      const optimizer = adamwOptimizer({
        parameters: session.parameters,
        weightDecay: 0.01,
        kernels: createWasmKernels({ sharedMemory: worker }),
      })
      expect(optimizer.parameters.get('fc1.weight')!.buffer instanceof SharedArrayBuffer).toBe(worker)
      const scheduler = createScheduler({
        schedule: cosineSchedule({ initValue: 0.05, endValue: 0, totalSteps: 20 }),
        target: optimizer,
      })
      const trainer = createOnnxTrainer({ session, optimizer, scheduler })
      const losses: number[] = []
      for (let step = 0; step < 20; step++) losses.push((await trainer.step(batch)).loss)
      const logits = (await session.predict({ x: data.x })).logits!.data
      await session.release()
      return { losses, parameters: optimizer.parameters, logits }
    }
    const local = await trainWith(false)
    const worker = await trainWith(true)
    expect(worker.losses).toEqual(local.losses)
    for (const [name, values] of local.parameters) {
      expect(Array.from(worker.parameters.get(name)!)).toEqual(Array.from(values))
    }
    expect(worker.logits).toEqual(local.logits)
  })

  it('keeps the event loop free while onnxruntime runs', async () => {
    const random = seededUniform(3)
    const wide = buildModel({
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['N', 1024] }],
      outputs: [{ name: 'y', dataType: 'FLOAT', dims: ['N', 1024] }],
      initializers: {
        w1: { dims: [1024, 1024], values: randomArray(Float32Array, 1024 * 1024, random, -0.03, 0.03) },
        w2: { dims: [1024, 1024], values: randomArray(Float32Array, 1024 * 1024, random, -0.03, 0.03) },
      },
      nodes: [
        ['MatMul', ['x', 'w1'], ['h']],
        ['Tanh', ['h'], ['a']],
        ['MatMul', ['a', 'w2'], ['y']],
      ],
    })
    const wideGraph = buildTrainingGraph(wide, { loss: { kind: 'mse' } })
    const x = new ort.Tensor('float32', randomArray(Float32Array, 512 * 1024, random), [512, 1024])
    const labels = new ort.Tensor('float32', new Float32Array(512 * 1024), [512, 1024])
    async function ticksDuringRuns(worker: boolean) {
      const session = await createGradientSession(wideGraph, { sessionOptions, worker })
      await session.computeGradients({ inputs: { x }, labels }) // warm up
      let ticks = 0
      const timer = setInterval(() => {
        ticks++
      }, 1)
      const start = performance.now()
      for (let run = 0; run < 3; run++) await session.computeGradients({ inputs: { x }, labels })
      const elapsed = performance.now() - start
      clearInterval(timer)
      await session.release()
      return { ticks, elapsed }
    }
    const blocked = await ticksDuringRuns(false)
    const free = await ticksDuringRuns(true)
    // In this thread the timer can only fire between runs; with the worker it fires during them.
    expect(blocked.ticks).toBeLessThanOrEqual(4)
    expect(free.ticks).toBeGreaterThan(Math.max(8, blocked.ticks))
    expect(free.elapsed).toBeGreaterThan(20)
  })
})
