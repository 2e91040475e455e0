import { describe, expect, it } from 'vitest'
import { buildMnistSubset } from '../../tools/mnist-subset-plugin'
import { batchStream, decodeMnistSubset, MNIST_PIXELS } from '../ml/mnist-subset'
import { DEFAULT_SPECS } from './default-specs'
import { defaultSteps, FALLBACK_STEPS, naturalEnd, sampleSteps } from './horizon'

describe('the chart horizon', () => {
  it('ends where each kind has played out', () => {
    expect(naturalEnd(DEFAULT_SPECS.constant)).toBeUndefined()
    expect(naturalEnd(DEFAULT_SPECS.cosine)).toBe(1000)
    expect(naturalEnd(DEFAULT_SPECS.warmup)).toBe(1100)
    expect(naturalEnd({ ...DEFAULT_SPECS.warmup, placement: 'overlay' } as never)).toBe(1000)
    expect(naturalEnd(DEFAULT_SPECS.sequence)).toBe(1300)
    expect(naturalEnd(DEFAULT_SPECS.warmupStableDecay)).toBe(1000)
    expect(naturalEnd(DEFAULT_SPECS.piecewiseConstant)).toBe(700)
    expect(naturalEnd(DEFAULT_SPECS.cosineRestarts)).toBe(150 + 300 + 600)
  })

  it('shows the latest end plus 10 %, or the fallback', () => {
    expect(defaultSteps([DEFAULT_SPECS.cosine, DEFAULT_SPECS.warmup])).toBe(1210)
    expect(defaultSteps([DEFAULT_SPECS.constant])).toBe(FALLBACK_STEPS)
    expect(defaultSteps([])).toBe(FALLBACK_STEPS)
  })

  it('samples every step up to the point limit, then evenly with both ends', () => {
    expect(sampleSteps(4)).toEqual([0, 1, 2, 3, 4])
    const sparse = sampleSteps(1_000_000, 11)
    expect(sparse).toEqual([
      0, 100000, 200000, 300000, 400000, 500000, 600000, 700000, 800000, 900000, 1000000,
    ])
  })
})

describe('the MNIST subset file', () => {
  const fakeDigits = Object.fromEntries(
    Array.from({ length: 10 }, (_, digit) => [
      digit,
      {
        length: 3,
        raw: Array.from({ length: 3 * MNIST_PIXELS }, (_, index) => ((index + digit) % 256) / 255),
      },
    ]),
  )

  it('round-trips through encode and decode, interleaved by digit', () => {
    const bytes = buildMnistSubset(fakeDigits, { trainPerDigit: 2, testPerDigit: 1 })
    const subset = decodeMnistSubset(bytes.buffer.slice(0) as ArrayBuffer)
    expect(subset.train.count).toBe(20)
    expect(subset.test.count).toBe(10)
    expect([...subset.train.labels]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    // Image 1 of digit 3 is the second training row of 3: pixel p = (784 + p + 3) % 256.
    expect(subset.train.pixels[13 * MNIST_PIXELS + 5]).toBe((MNIST_PIXELS + 5 + 3) % 256)
    // The test split starts after the training images of each digit.
    expect(subset.test.pixels[7 * MNIST_PIXELS]).toBe((2 * MNIST_PIXELS + 7) % 256)
  })

  it('rejects a file that is not a subset, and a digit with too few images', () => {
    expect(() => decodeMnistSubset(new ArrayBuffer(4))).toThrow(
      'mnist-subset.bin: 4 bytes, expected a 16-byte header',
    )
    expect(() => decodeMnistSubset(new ArrayBuffer(16))).toThrow('not an lrkit MNIST subset (bad header)')
    const bytes = buildMnistSubset(fakeDigits, { trainPerDigit: 1, testPerDigit: 1 })
    expect(() => decodeMnistSubset(bytes.buffer.slice(0, bytes.length - 1) as ArrayBuffer)).toThrow(
      `mnist-subset.bin: ${bytes.length - 1} bytes, expected ${bytes.length}`,
    )
    expect(() => buildMnistSubset(fakeDigits, { trainPerDigit: 3, testPerDigit: 1 })).toThrow(
      'mnist: digit 0 has 3 images, need 4',
    )
  })

  it('batches: scaled pixels, one-hot labels, the same batches for the same seed, each image once per epoch', () => {
    const subset = decodeMnistSubset(
      buildMnistSubset(fakeDigits, { trainPerDigit: 2, testPerDigit: 1 }).buffer as ArrayBuffer,
    )
    const first = batchStream(subset.train, 5, 9)
    const again = batchStream(subset.train, 5, 9)
    const labels: number[] = []
    for (let batch = 0; batch < 4; batch++) {
      const a = first()
      const b = again()
      expect(a).toEqual(b)
      for (let row = 0; row < 5; row++) {
        const hot = a.targets.slice(row * 10, row * 10 + 10)
        expect(hot.reduce((sum, value) => sum + value, 0)).toBe(1)
        labels.push(hot.indexOf(1))
        expect(Math.max(...a.inputs.slice(row * MNIST_PIXELS, (row + 1) * MNIST_PIXELS))).toBeLessThanOrEqual(
          1,
        )
      }
    }
    expect(labels.sort()).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9])
  })
})
