import * as ort from 'onnxruntime-node'
import { buildModel, randomArray, seededUniform } from './build-model'

/** 2-D points in three angular sectors; an MLP 2-16-3 learns them. */
export function task(count: number, seed: number) {
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

/** An MLP 2-16-3 (fc1, ReLU, fc2) with seeded weights, input `x` [N, 2], output `logits` [N, 3]. */
export function mlp() {
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

/** Fraction of rows whose largest logit is the label. */
export function accuracy(logits: Float32Array, labels: BigInt64Array): number {
  let correct = 0
  for (let i = 0; i < labels.length; i++) {
    const row = logits.subarray(3 * i, 3 * i + 3)
    if (row.indexOf(Math.max(...row)) === Number(labels[i])) correct++
  }
  return correct / labels.length
}

/** Four batches of 16 points (the README example's `batches`). */
export const batchesForReadme = [0, 1, 2, 3].map((seed) => {
  const { x, labels } = task(16, 40 + seed)
  return { inputs: { x }, labels }
})
