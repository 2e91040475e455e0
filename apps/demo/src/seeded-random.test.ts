import { describe, expect, it } from 'vitest'
import { seededRandom } from './seeded-random'

describe('seededRandom', () => {
  it('repeats the same numbers for the same seed and differs for another seed', () => {
    const first = Array.from({ length: 5 }, seededRandom(1))
    expect(Array.from({ length: 5 }, seededRandom(1))).toEqual(first)
    expect(Array.from({ length: 5 }, seededRandom(2))).not.toEqual(first)
  })

  it('stays in [0, 1) with a mean near 1/2', () => {
    const random = seededRandom(3)
    const values = Array.from({ length: 10_000 }, random)
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0)
    expect(Math.max(...values)).toBeLessThan(1)
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1)
  })
})
