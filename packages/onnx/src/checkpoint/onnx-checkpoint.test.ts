import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  adamwOptimizer,
  cosineSchedule,
  createScheduler,
  createWasmKernels,
  reduceOnPlateau,
  type SchedulerState,
} from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mlp, task } from '../../test/tiny-classifier'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { createGradientSession } from '../session/create-gradient-session'
import { createOnnxTrainer } from '../trainer/create-onnx-trainer'
import { readOnnxCheckpoint, writeOnnxCheckpoint } from './onnx-checkpoint'

let directory: string
beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'lrkit-onnx-checkpoint-'))
})
afterAll(async () => {
  await rm(directory, { recursive: true, force: true })
})

const graph = buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } })
const data = task(64, 21)
const batchAt = (step: number) => {
  const start = (step * 8) % 64
  return {
    inputs: {
      x: new ort.Tensor('float32', (data.x.data as Float32Array).slice(start * 2, start * 2 + 16), [8, 2]),
    },
    labels: data.labels.slice(start, start + 8),
  }
}
const schedule = cosineSchedule({ initValue: 0.05, endValue: 0.001, totalSteps: 10 })

/** A run with every kind of state: AdamW moments, accumulation, clipping, cosine and plateau. */
async function startRun(
  resume?: Awaited<ReturnType<typeof readOnnxCheckpoint>>,
): Promise<ReturnType<typeof createOnnxTrainer>> {
  const session = await createGradientSession(graph, { sessionOptions: { intraOpNumThreads: 1 } })
  const optimizer = adamwOptimizer({
    parameters: resume?.parameters ?? session.parameters,
    weightDecay: 0.01,
    accumulationSteps: 2,
    gradientClipping: { maxNorm: 1 },
    kernels: createWasmKernels({ sharedMemory: false }),
  })
  if (resume) optimizer.load(resume.optimizer)
  const scheduler = createScheduler({
    schedule,
    plateau: reduceOnPlateau({ factor: 0.5, patience: 1 }),
    target: optimizer,
    ...(resume?.scheduler ? { resumeFrom: resume.scheduler } : {}),
  })
  return createOnnxTrainer({ session, optimizer, scheduler })
}

async function train(trainer: ReturnType<typeof createOnnxTrainer>, from: number, to: number) {
  for (let call = from; call < to; call++) {
    await trainer.step(batchAt(call))
    // A flat validation metric: the plateau controller reduces the rate after the third report.
    if (call % 3 === 2) trainer.scheduler!.reportMetric(1)
  }
}

describe('ONNX checkpoints', () => {
  it('train N, checkpoint, resume M is bit for bit train N + M (mid accumulation window, plateau state)', async () => {
    const straight = await startRun()
    await train(straight, 0, 14)
    const first = await startRun()
    await train(first, 0, 7) // 7 calls: 3 updates and one accumulated micro-batch
    const path = join(directory, 'run.ckpt')
    await first.saveCheckpoint(path, { metadata: { call: 7 } })
    await first.session.release()
    const saved = await readOnnxCheckpoint(path)
    expect(saved.metadata).toEqual({ call: 7 })
    expect(saved.optimizer.accumulation?.microStep).toBe(1)
    expect((saved.scheduler as SchedulerState).step).toBe(3)
    const resumed = await startRun(saved)
    await train(resumed, 7, 14)
    expect(resumed.scheduler!.toJSON()).toEqual(straight.scheduler!.toJSON())
    // The plateau reduced the rate at least once (its state matters), and the saved state is mid-run.
    expect(straight.scheduler!.toJSON().plateau!.factor).toBeLessThan(1)
    expect(saved.scheduler!.plateau!.updateCount).toBe(2)
    for (const [name, values] of straight.optimizer.parameters) {
      expect(resumed.optimizer.parameters.get(name)).toEqual(values)
    }
    expect(resumed.optimizer.state()).toEqual(straight.optimizer.state())
    await straight.session.release()
    await resumed.session.release()
  })

  it('writes atomically: replaces the previous file and leaves no temporary file, also on failure', async () => {
    const path = join(directory, 'atomic.ckpt')
    await writeFile(path, 'previous')
    const parameters = new Map([['w', Float32Array.of(1, -2, 3.5)]])
    const optimizer = adamwOptimizer({ parameters }).state()
    await writeOnnxCheckpoint(path, { parameters, optimizer })
    const back = await readOnnxCheckpoint(path)
    expect(back.parameters).toEqual(parameters)
    expect(back.optimizer).toEqual(optimizer)
    expect(back.scheduler).toBeUndefined()
    await expect(
      writeOnnxCheckpoint(join(directory, 'missing', 'x.ckpt'), { parameters, optimizer }),
    ).rejects.toThrow('ENOENT')
    expect((await readdir(directory)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('rejects files that are not checkpoints, truncated files and bad arguments', async () => {
    const path = join(directory, 'bad.ckpt')
    await writeFile(path, 'not a checkpoint at all')
    await expect(readOnnxCheckpoint(path)).rejects.toThrow(
      `"${path}" is not a readable lrkit ONNX checkpoint: it does not start with "LRKITCKP"`,
    )
    const parameters = new Map([['w', new Float32Array(10)]])
    await writeOnnxCheckpoint(path, { parameters, optimizer: adamwOptimizer({ parameters }).state() })
    const bytes = await readFile(path)
    await writeFile(path, bytes.subarray(0, bytes.length - 4))
    await expect(readOnnxCheckpoint(path)).rejects.toThrow('the data is truncated')
    await expect(
      writeOnnxCheckpoint(path, {
        parameters: {} as never,
        optimizer: adamwOptimizer({ parameters }).state(),
      }),
    ).rejects.toThrow('checkpoint.parameters must be a Map of parameter name → Float32Array')
  })
})
