import { describe, expect, it } from 'vitest'
import { CLIP_EPSILON, clippingPlan, readGradientClipping } from './gradient-clipping'

describe('clippingPlan (pure)', () => {
  const never = (): number => expect.unreachable('sumOfSquares not needed')

  it('value clipping only: clamps to the float32 bound when some |g| exceeds it', () => {
    const settings = readGradientClipping({ maxValue: 0.1 })!
    expect(clippingPlan(settings, 0.05, never)).toEqual({
      clamp: Number.POSITIVE_INFINITY,
      scale: 1,
      outcome: { clipped: false },
    })
    expect(clippingPlan(settings, 0.5, never)).toEqual({
      clamp: Math.fround(0.1),
      scale: 1,
      outcome: { clipped: true },
    })
  })

  it('2-norm: coefficient maxNorm / (norm + 1e-6) rounded to float32, only when below 1', () => {
    const settings = readGradientClipping({ maxNorm: 1 })!
    const plan = clippingPlan(settings, 3, () => 25)
    expect(plan.outcome).toEqual({ gradientNorm: 5, clipped: true })
    expect(plan.scale).toBe(Math.fround(1 / (5 + CLIP_EPSILON)))
    expect(plan.clamp).toBe(Number.POSITIVE_INFINITY)
    expect(clippingPlan(settings, 0.3, () => 0.25)).toEqual({
      clamp: Number.POSITIVE_INFINITY,
      scale: 1,
      outcome: { gradientNorm: 0.5, clipped: false },
    })
  })

  it('∞-norm is the largest |g| after value clipping, without a second pass', () => {
    const settings = readGradientClipping({ maxNorm: 0.05, normType: 'inf', maxValue: 0.2 })!
    const plan = clippingPlan(settings, 0.7, never)
    expect(plan.outcome.gradientNorm).toBe(Math.fround(0.2))
    expect(plan.clamp).toBe(Math.fround(0.2))
    expect(plan.scale).toBe(Math.fround(0.05 / (Math.fround(0.2) + CLIP_EPSILON)))
  })
})
