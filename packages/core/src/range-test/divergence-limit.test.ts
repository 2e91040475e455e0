import { describe, expect, it } from 'vitest'
import { mulberry32 } from '../internal/seeded-random'
import { divergenceLimit } from './divergence-limit'

describe('divergenceLimit', () => {
  it('is exactly factor × reference for a positive reference (the fastai rule, bit for bit)', () => {
    const random = mulberry32(11)
    for (let i = 0; i < 10_000; i++) {
      const reference = 10 ** (random() * 12 - 8)
      const descent = random() * 100
      const factor = 1 + random() * 9
      expect(Object.is(divergenceLimit(reference, descent, factor), factor * reference)).toBe(true)
    }
    expect(divergenceLimit(Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 4)).toBe(
      Number.POSITIVE_INFINITY,
    )
  })

  it('measures the allowed rise against max(|reference|, descent) for a reference ≤ 0', () => {
    // |reference| dominates: −5 + 3 × 5
    expect(divergenceLimit(-5, 2, 4)).toBe(10)
    // the descent dominates: came down from 2 to −1, so −1 + 3 × 3
    expect(divergenceLimit(-1, 3, 4)).toBe(8)
    // reference exactly 0: the descent is the scale
    expect(divergenceLimit(0, 2, 4)).toBe(6)
    // nothing to measure against: any rise above 0 diverges
    expect(divergenceLimit(0, 0, 4)).toBe(0)
    expect(divergenceLimit(-0.5, 0, 1.5)).toBe(-0.25)
  })

  it('is continuous with the positive rule as a negative reference approaches 0 without descent', () => {
    expect(divergenceLimit(-1e-9, 0, 4)).toBeCloseTo(2e-9, 20)
    expect(divergenceLimit(1e-9, 0, 4)).toBeCloseTo(4e-9, 20)
  })
})
