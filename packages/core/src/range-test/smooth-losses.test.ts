import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { smoothLosses } from './smooth-losses'

describe('smoothLosses', () => {
  it('returns the first raw loss first (correct debias, as fastai)', () => {
    expect(smoothLosses([4.724])[0]).toBe(4.724)
    // Lightning's off-by-one debias would give 0.02·4.724/(1 − 0.98²) ≈ 2.386
    expectClose((0.02 * 4.724) / (1 - 0.98 ** 2), 2.386, { rtol: 1e-3 })
  })

  it('matches the recursion by hand for beta 0.5', () => {
    // a1 = 2, s1 = 4; a2 = 1 + 1 = 2, s2 = 2 / 0.75
    expectAllClose(smoothLosses([4, 2], { beta: 0.5 }), [4, 2 / 0.75], { rtol: 1e-15 })
  })

  it('returns the raw losses for beta 0', () => {
    expect(smoothLosses([3, 1, 2], { beta: 0 })).toEqual([3, 1, 2])
  })

  it('keeps a constant curve constant (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (value, beta) => {
          for (const smoothed of smoothLosses(new Array(50).fill(value), { beta }))
            expectClose(smoothed, value, { rtol: 1e-9 })
        },
      ),
      { numRuns: 100 },
    )
  })

  it.each([
    [{ beta: 1 }, 'beta must be a number with 0 <= beta < 1, got 1'],
    [{ beta: -0.1 }, 'beta must be a number with 0 <= beta < 1, got -0.1'],
    [{ alpha: 0.9 }, 'alpha is not an option of smoothLosses; allowed: beta'],
  ])('rejects %j', (options, message) => {
    expect(() => smoothLosses([1], options as never)).toThrow(message)
  })

  it('rejects losses that are not an array of numbers', () => {
    let caught: unknown
    try {
      smoothLosses(['1'] as never)
    } catch (error) {
      caught = error
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true)
    expect((caught as Error).message).toBe('losses must be an array of numbers, got ["1"]')
  })
})
