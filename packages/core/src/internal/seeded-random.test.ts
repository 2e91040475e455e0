import { describe, expect, it } from 'vitest'
import { mulberry32, normalSource } from './seeded-random'

describe('mulberry32', () => {
  it('is reproducible for the same seed and differs across seeds', () => {
    const a = mulberry32(42)
    const b = mulberry32(42)
    const c = mulberry32(43)
    const first = Array.from({ length: 5 }, () => a())
    expect(Array.from({ length: 5 }, () => b())).toEqual(first)
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(first)
  })

  it('returns numbers in [0, 1) with a mean near 0.5', () => {
    const random = mulberry32(1)
    let sum = 0
    let inRange = true
    for (let i = 0; i < 10_000; i++) {
      const value = random()
      inRange &&= value >= 0 && value < 1
      sum += value
    }
    expect(inRange).toBe(true)
    expect(Math.abs(sum / 10_000 - 0.5)).toBeLessThan(0.01)
  })

  it('gives standard normal deviates through normalSource', () => {
    const normal = normalSource(mulberry32(7))
    let sum = 0
    let sumSquares = 0
    const n = 20_000
    for (let i = 0; i < n; i++) {
      const value = normal()
      sum += value
      sumSquares += value * value
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.03)
    expect(Math.abs(sumSquares / n - 1)).toBeLessThan(0.05)
  })
})
