/**
 * Test helper: small dense models and data (deterministic, fast on the cpu backend).
 */
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'

let serial = 0

/** A 4-8-3 dense classifier with explicit, unique layer names (`body<n>`, `head<n>`). */
export function denseModel(options: { batchNorm?: boolean } = {}): {
  model: tfl.Sequential
  body: string
  head: string
} {
  serial += 1
  const body = `body${serial}`
  const head = `head${serial}`
  const model = tfl.sequential()
  model.add(
    tfl.layers.dense({
      inputShape: [4],
      units: 8,
      activation: 'relu',
      name: body,
      kernelInitializer: 'glorotUniform',
    }),
  )
  if (options.batchNorm === true) model.add(tfl.layers.batchNormalization({ name: `bn${serial}` }))
  model.add(tfl.layers.dense({ units: 3, activation: 'softmax', name: head }))
  return { model, body, head }
}

/** 32 samples of a 3-class problem with one-hot labels. */
export function classificationData(count = 32): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const x = new Float32Array(count * 4)
  const y = new Float32Array(count * 3)
  for (let index = 0; index < count; index++) {
    for (let feature = 0; feature < 4; feature++)
      x[index * 4 + feature] = Math.sin(index * 1.3 + feature * 0.7)
    const label = (x[index * 4]! + x[index * 4 + 1]! > 0 ? 1 : 0) + (x[index * 4 + 2]! > 0.5 ? 1 : 0)
    y[index * 3 + label] = 1
  }
  return { xs: tf.tensor2d(x, [count, 4]), ys: tf.tensor2d(y, [count, 3]) }
}

/** Copies of every weight's values, by variable name. */
export function weightValues(model: tfl.LayersModel): Map<string, Float32Array> {
  return new Map(model.weights.map((weight) => [weight.name, Float32Array.from(weight.read().dataSync())]))
}

/**
 * A minimal `tf.data.Dataset` stand-in for `fitDataset` (tfjs-layers only needs `iterator()` and
 * an optional `size`): batches of `batchSize` rows of `xs`/`ys`, fresh tensors each epoch.
 */
export function batchDataset(
  xs: tf.Tensor2D,
  ys: tf.Tensor2D,
  batchSize: number,
): {
  size: number
  iterator: () => Promise<{ next: () => Promise<IteratorResult<{ xs: tf.Tensor; ys: tf.Tensor }>> }>
} {
  const count = Math.ceil(xs.shape[0] / batchSize)
  return {
    size: count,
    iterator: async () => {
      let index = 0
      return {
        next: async () => {
          if (index >= count) return { done: true, value: undefined }
          const start = index * batchSize
          const rows = Math.min(batchSize, xs.shape[0] - start)
          index += 1
          return {
            done: false,
            value: { xs: tf.slice(xs, [start, 0], [rows, -1]), ys: tf.slice(ys, [start, 0], [rows, -1]) },
          }
        },
      }
    },
  }
}
