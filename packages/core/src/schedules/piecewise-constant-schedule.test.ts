import { expectAllClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type PiecewiseConstantScheduleOptions,
  piecewiseConstantSchedule,
} from './piecewise-constant-schedule'

describe('piecewiseConstantSchedule', () => {
  describe('reference vectors', () => {
    it("matches Keras PiecewiseConstantDecay([2, 5], [1.0, 0.5, 0.1]) with changeAt 'afterBoundary'", () => {
      const schedule = piecewiseConstantSchedule({
        boundaries: [2, 5],
        values: [1, 0.5, 0.1],
        changeAt: 'afterBoundary',
      })
      expect(range(8).map(schedule)).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.1, 0.1])
    })

    it('matches optax piecewise_constant_schedule(1.0, {3: 0.5, 6: 0.1}) with cumulative values', () => {
      const schedule = piecewiseConstantSchedule({ boundaries: [3, 6], values: [1, 1 * 0.5, 1 * 0.5 * 0.1] })
      expectAllClose(range(8).map(schedule), [1, 1, 1, 0.5, 0.5, 0.5, 0.05, 0.05])
    })

    it('matches PyTorch MultiStepLR([2, 5], 0.1) with base 0.1 (changes at the boundary)', () => {
      const schedule = piecewiseConstantSchedule({ boundaries: [2, 5], values: [0.1, 0.01, 0.001] })
      expectAllClose(range(8).map(schedule), [0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001])
    })
  })

  describe('boundary cases', () => {
    const boundary = piecewiseConstantSchedule({ boundaries: [10, 20], values: [3, 2, 1] })
    const after = piecewiseConstantSchedule({
      boundaries: [10, 20],
      values: [3, 2, 1],
      changeAt: 'afterBoundary',
    })

    it('step 0 gives values[0]', () => {
      expect([boundary(0), after(0)]).toEqual([3, 3])
    })

    it('the step before a boundary keeps the old value', () => {
      expect([boundary(9), boundary(9.99), after(9)]).toEqual([3, 3, 3])
    })

    it("at a boundary 'boundary' changes and 'afterBoundary' does not", () => {
      expect([boundary(10), after(10)]).toEqual([2, 3])
    })

    it("one step after a boundary both have changed ('afterBoundary' already at fractional steps)", () => {
      expect([boundary(11), after(11), after(10.5)]).toEqual([2, 2, 2])
    })

    it('past the last boundary and at 1e12 steps the last value holds', () => {
      expect([boundary(20), after(20), after(21), boundary(1e12), after(1e12)]).toEqual([1, 2, 1, 1, 1])
    })

    it('a boundary at step 0 applies from step 0 with the default changeAt', () => {
      const atZero = piecewiseConstantSchedule({ boundaries: [0], values: [5, 4] })
      expect([atZero(0), atZero(1)]).toEqual([4, 4])
    })

    it('no boundaries gives a constant', () => {
      const flat = piecewiseConstantSchedule({ boundaries: [], values: [0.7] })
      expect([flat(0), flat(1e12)]).toEqual([0.7, 0.7])
    })

    it('values may rise and may be 0', () => {
      const schedule = piecewiseConstantSchedule({ boundaries: [1, 2], values: [0, 1, 0.5] })
      expect(range(4).map(schedule)).toEqual([0, 1, 0.5, 0.5])
    })

    it('copies the arrays', () => {
      const boundaries = [2]
      const values = [1, 0.5]
      const schedule = piecewiseConstantSchedule({ boundaries, values })
      boundaries[0] = 100
      values[1] = 7
      expect(schedule(2)).toBe(0.5)
    })
  })

  describe('properties', () => {
    const options = fc
      .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { maxLength: 12 })
      .chain((unsorted) => {
        const boundaries = [...unsorted].sort((a, b) => a - b)
        return fc.record({
          boundaries: fc.constant(boundaries),
          values: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
            minLength: boundaries.length + 1,
            maxLength: boundaries.length + 1,
          }),
          changeAt: fc.constantFrom('boundary' as const, 'afterBoundary' as const),
        })
      })
    const step = fc.oneof(fc.double({ min: 0, max: 1e12, noNaN: true }), fc.integer({ min: 0, max: 100_001 }))

    it('returns the value of the closed form: values[#{b ≤ t}] or values[#{b < t}]', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const passed = parameters.boundaries.filter((b) =>
            parameters.changeAt === 'boundary' ? b <= t : b < t,
          ).length
          const value = piecewiseConstantSchedule(parameters)(t)
          expect(value).toBe(parameters.values[passed])
          expect(Number.isFinite(value) && value >= 0).toBe(true)
        }),
        { numRuns: 200 },
      )
    })

    it('is non-increasing when values are', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const values = [...parameters.values].sort((x, y) => y - x)
          const schedule = piecewiseConstantSchedule({ ...parameters, values })
          expect(schedule(Math.max(a, b))).toBeLessThanOrEqual(schedule(Math.min(a, b)))
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { boundaries: [2, 5], values: [1, 0.5, 0.1] }
    it.each<[string, unknown, string]>([
      [
        'missing boundaries',
        { values: [1] },
        'boundaries must be an array of strictly increasing non-negative integers, got undefined',
      ],
      [
        'non-array boundaries',
        { ...valid, boundaries: '2,5' },
        'boundaries must be an array of strictly increasing non-negative integers, got "2,5"',
      ],
      [
        'negative boundary',
        { ...valid, boundaries: [-1, 5] },
        'boundaries[0] must be a non-negative integer, got -1',
      ],
      [
        'fractional boundary',
        { ...valid, boundaries: [2, 5.5] },
        'boundaries[1] must be a non-negative integer, got 5.5',
      ],
      [
        'repeated boundary',
        { ...valid, boundaries: [2, 2] },
        'boundaries[1] must be an integer > 2 (boundaries must be strictly increasing), got 2',
      ],
      [
        'decreasing boundaries',
        { ...valid, boundaries: [5, 2] },
        'boundaries[1] must be an integer > 5 (boundaries must be strictly increasing), got 2',
      ],
      [
        'missing values',
        { boundaries: [2, 5] },
        'values must be an array of 3 numbers (boundaries.length + 1), got undefined',
      ],
      [
        'too few values',
        { ...valid, values: [1, 0.5] },
        'values must be an array of 3 numbers (boundaries.length + 1), got [1,0.5]',
      ],
      [
        'negative value',
        { ...valid, values: [1, -0.5, 0.1] },
        'values[1] must be a finite number >= 0, got -0.5',
      ],
      [
        'NaN value',
        { ...valid, values: [1, 0.5, Number.NaN] },
        'values[2] must be a finite number >= 0, got NaN',
      ],
      [
        'unknown changeAt',
        { ...valid, changeAt: 'before' },
        'changeAt must be one of "boundary", "afterBoundary", got "before"',
      ],
      [
        'unknown option',
        { ...valid, scales: [0.5] },
        'scales is not an option of piecewiseConstantSchedule; allowed: boundaries, values, changeAt',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(
        () => piecewiseConstantSchedule(options as PiecewiseConstantScheduleOptions),
        message,
      )
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => piecewiseConstantSchedule(valid)(-1),
        'step must be a finite number >= 0 (0-based optimizer step), got -1',
      )
    })
  })
})
