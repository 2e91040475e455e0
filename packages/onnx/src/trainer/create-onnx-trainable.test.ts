import {
  adamwOptimizer,
  constantSchedule,
  createScheduler,
  createWasmKernels,
  gridSearch,
  runRangeTest,
} from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { mlp, task } from '../../test/tiny-classifier'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { createGradientSession } from '../session/create-gradient-session'
import { createOnnxTrainable } from './create-onnx-trainable'
import { createOnnxTrainer } from './create-onnx-trainer'
import { paramGroupsByDepth } from './param-groups-by-depth'

const graph = buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } })
const data = task(96, 31)
const batchAt = (step: number) => {
  const start = (step * 16) % 96
  return {
    inputs: {
      x: new ort.Tensor('float32', (data.x.data as Float32Array).slice(start * 2, start * 2 + 32), [16, 2]),
    },
    labels: data.labels.slice(start, start + 16),
  }
}

async function setUp() {
  const session = await createGradientSession(graph, { sessionOptions: { intraOpNumThreads: 1 } })
  const optimizer = adamwOptimizer({
    parameters: session.parameters,
    groups: paramGroupsByDepth({ graph, weightDecay: 0.01 }),
    kernels: createWasmKernels({ sharedMemory: false }),
  })
  return { session, optimizer }
}

async function trainAlone(
  { session, optimizer }: Awaited<ReturnType<typeof setUp>>,
  steps: number,
): Promise<void> {
  const scheduler = createScheduler({ schedule: constantSchedule({ value: 0.01 }), target: optimizer })
  const trainer = createOnnxTrainer({ session, optimizer, scheduler })
  for (let step = 0; step < steps; step++) await trainer.step(batchAt(step))
}

describe('createOnnxTrainable', () => {
  it('range test, then train, equals train alone bit for bit', async () => {
    const tested = await setUp()
    const trainable = createOnnxTrainable({ ...tested, batch: batchAt })
    const result = await runRangeTest(trainable, { startValue: 1e-4, endValue: 10, steps: 40 })
    expect(result.points.length).toBeGreaterThan(10)
    expect(result.points[0]!.loss).toBeGreaterThan(0)
    expect(result.suggestion.learningRate).toBeGreaterThan(1e-4)
    await trainAlone(tested, 8)
    const alone = await setUp()
    await trainAlone(alone, 8)
    for (const [name, values] of alone.optimizer.parameters) {
      expect(tested.optimizer.parameters.get(name)).toEqual(values)
    }
    expect(tested.optimizer.state()).toEqual(alone.optimizer.state())
    await tested.session.release()
    await alone.session.release()
  })

  it('drives a grid search over fresh sessions, and passes evaluate through', async () => {
    const sessions: { release(): Promise<void> }[] = []
    const result = await gridSearch({
      minValue: 1e-3,
      maxValue: 1e-1,
      points: 3,
      budgetSteps: 6,
      createTrainable: async () => {
        const { session, optimizer } = await setUp()
        sessions.push(session)
        return createOnnxTrainable({
          session,
          optimizer,
          batch: batchAt,
          evaluate: async () => (await session.computeGradients(batchAt(5))).loss,
        })
      },
    })
    expect(result.rows.length).toBe(3)
    expect(result.best).toBeDefined()
    for (const session of sessions) await session.release()
    const { session, optimizer } = await setUp()
    const evaluated = createOnnxTrainable({
      session,
      optimizer,
      batch: batchAt,
      evaluate: async () => (await session.computeGradients(batchAt(5))).loss,
    })
    expect(await evaluated.evaluate!()).toBe((await session.computeGradients(batchAt(5))).loss)
    expect(() => createOnnxTrainable({ session, optimizer, batch: undefined as never })).toThrow(
      'options.batch must be a function (step) => batch, got undefined',
    )
    await session.release()
  })
})
