import { describe, expect, it } from 'vitest'
import { batchRows, mnistDigits, PIXELS } from './mnist-digits'

describe('mnistDigits', () => {
  it('takes the slice of each digit, labels classes by position, and shuffles with the seed', () => {
    const set = mnistDigits({ digits: [5, 6, 7], from: 10, perDigit: 4, seed: 1 })
    expect(set.count).toBe(12)
    expect(set.pixels.length).toBe(12 * PIXELS)
    expect([...set.labels].sort()).toEqual([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])
    expect(set.digits).toEqual([5, 6, 7])
    expect(Math.min(...set.pixels)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...set.pixels)).toBeLessThanOrEqual(1)
    const again = mnistDigits({ digits: [5, 6, 7], from: 10, perDigit: 4, seed: 1 })
    expect(again.labels).toEqual(set.labels)
    expect(again.pixels).toEqual(set.pixels)
    const other = mnistDigits({ digits: [5, 6, 7], from: 10, perDigit: 4, seed: 2 })
    expect(other.labels).not.toEqual(set.labels)
  })

  it('gives disjoint examples for disjoint slices', () => {
    const key = (pixels: Float32Array, row: number) =>
      pixels.subarray(row * PIXELS, (row + 1) * PIXELS).join()
    const train = mnistDigits({ digits: [9], from: 0, perDigit: 5, seed: 1 })
    const test = mnistDigits({ digits: [9], from: 5, perDigit: 5, seed: 1 })
    const seen = new Set(Array.from({ length: 5 }, (_, row) => key(train.pixels, row)))
    for (let row = 0; row < 5; row++) expect(seen.has(key(test.pixels, row))).toBe(false)
  })

  it('rejects bad digits, slices and counts with messages naming the argument', () => {
    expect(() => mnistDigits({ digits: [1, 1], from: 0, perDigit: 1, seed: 0 })).toThrow(
      'digits must be a non-empty array of distinct integers 0–9, got [1,1]',
    )
    expect(() => mnistDigits({ digits: [10], from: 0, perDigit: 1, seed: 0 })).toThrow('digits must be')
    expect(() => mnistDigits({ digits: [1], from: -1, perDigit: 1, seed: 0 })).toThrow(
      'from must be an integer >= 0, got -1',
    )
    expect(() => mnistDigits({ digits: [1], from: 0, perDigit: 0, seed: 0 })).toThrow(
      'perDigit must be an integer >= 1, got 0',
    )
    expect(() => mnistDigits({ digits: [5], from: 800, perDigit: 100, seed: 0 })).toThrow(
      'from + perDigit must be at most 863 (the examples of digit 5), got 800 + 100',
    )
  })
})

describe('batchRows', () => {
  it('cuts the set in order, the last batch shorter, and repeats every epoch', () => {
    const set = { count: 50 }
    expect([0, 1, 2, 3, 5].map((step) => batchRows(set, step, 20))).toEqual([
      { start: 0, size: 20 },
      { start: 20, size: 20 },
      { start: 40, size: 10 },
      { start: 0, size: 20 },
      { start: 40, size: 10 },
    ])
  })
})
