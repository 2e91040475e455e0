import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type MultiStepScheduleOptions, multiStepSchedule } from './multi-step-schedule'

/** Independent closed form: initValue·factor^(number of milestones ≤ t, or < t). */
function closedForm(options: Required<MultiStepScheduleOptions>, step: number): number {
  const passed = options.milestones.filter((milestone) =>
    options.changeAt === 'boundary' ? milestone <= step : milestone < step,
  ).length
  return options.initValue * options.factor ** passed
}

describe('multiStepSchedule', () => {
  describe('reference vectors', () => {
    it('matches PyTorch MultiStepLR(milestones=[2, 5], gamma=0.1) with base 0.1', () => {
      const schedule = multiStepSchedule({ initValue: 0.1, milestones: [2, 5], factor: 0.1 })
      expectAllClose(range(8).map(schedule), [0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001])
    })

    it('multiplies twice at a duplicated milestone, as PyTorch MultiStepLR (Counter)', () => {
      const schedule = multiStepSchedule({ initValue: 0.1, milestones: [2, 2, 5], factor: 0.1 })
      expectAllClose(range(7).map(schedule), [0.1, 0.1, 0.001, 0.001, 0.001, 1e-4, 1e-4])
    })

    it('matches optax piecewise_constant_schedule(1.0, {3: 0.5, 6: 0.5}) (changes at the boundary)', () => {
      const schedule = multiStepSchedule({ initValue: 1, milestones: [3, 6], factor: 0.5 })
      expectAllClose(range(8).map(schedule), [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25])
    })

    it("matches Keras PiecewiseConstantDecay([2, 5], [1, 0.1, 0.01]) with changeAt 'afterBoundary'", () => {
      const schedule = multiStepSchedule({
        initValue: 1,
        milestones: [2, 5],
        factor: 0.1,
        changeAt: 'afterBoundary',
      })
      expectAllClose(range(8).map(schedule), [1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01])
    })
  })

  describe('boundary cases', () => {
    const schedule = multiStepSchedule({ initValue: 0.4, milestones: [10, 20] })

    it('step 0 gives exactly initValue', () => {
      expect(schedule(0)).toBe(0.4)
    })

    it('the step before a milestone keeps the old value, the milestone has the new one', () => {
      expect(schedule(9)).toBe(0.4)
      expect(schedule(9.5)).toBe(0.4)
      expectClose(schedule(10), 0.4 * 0.1)
      expectClose(schedule(19), 0.4 * 0.1)
      expectClose(schedule(20), 0.4 * 0.1 ** 2)
    })

    it("with changeAt 'afterBoundary' the milestone keeps the old value and fractional steps past it change", () => {
      const after = multiStepSchedule({ initValue: 0.4, milestones: [10, 20], changeAt: 'afterBoundary' })
      expect(after(10)).toBe(0.4)
      expectClose(after(10.5), 0.4 * 0.1)
      expectClose(after(11), 0.4 * 0.1)
      expectClose(after(20), 0.4 * 0.1)
      expectClose(after(21), 0.4 * 0.1 ** 2)
    })

    it('past the last milestone and at 1e12 steps the value holds', () => {
      expectClose(schedule(21), 0.4 * 0.1 ** 2)
      expectClose(schedule(1e12), 0.4 * 0.1 ** 2)
    })

    it('a milestone at step 0 applies from step 0', () => {
      const atZero = multiStepSchedule({ initValue: 1, milestones: [0, 3], factor: 0.5 })
      expect([atZero(0), atZero(2), atZero(3)]).toEqual([0.5, 0.5, 0.25])
    })

    it('no milestones gives a constant', () => {
      const flat = multiStepSchedule({ initValue: 0.3, milestones: [] })
      expect([flat(0), flat(1e12)]).toEqual([0.3, 0.3])
    })

    it('a factor above 1 grows and stays finite', () => {
      const grow = multiStepSchedule({ initValue: 0.1, milestones: [1, 2], factor: 3 })
      expectAllClose([grow(0), grow(1), grow(2), grow(1e12)], [0.1, 0.3, 0.9, 0.9])
    })

    it('copies the milestones array', () => {
      const milestones = [2, 4]
      const copied = multiStepSchedule({ initValue: 1, milestones, factor: 0.5 })
      milestones[0] = 100
      expect(copied(2)).toBe(0.5)
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      milestones: fc
        .array(fc.integer({ min: 0, max: 100_000 }), { maxLength: 12 })
        .map((values) => values.sort((a, b) => a - b)),
      factor: fc.double({ min: 0, max: 1, noNaN: true }),
      changeAt: fc.constantFrom('boundary' as const, 'afterBoundary' as const),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('equals the closed form, is finite, non-negative and within [0, initValue]', () => {
      fc.assert(
        fc.property(options, fc.oneof(step, fc.integer({ min: 0, max: 100_001 })), (parameters, t) => {
          const value = multiStepSchedule(parameters)(t)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(parameters.initValue)
          expectClose(value, closedForm(parameters, t), { rtol: 1e-15 })
        }),
        { numRuns: 200 },
      )
    })

    it('is non-increasing when factor ≤ 1', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const schedule = multiStepSchedule(parameters)
          expect(schedule(Math.max(a, b))).toBeLessThanOrEqual(schedule(Math.min(a, b)))
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 0.1, milestones: [2, 5] }
    it.each<[string, unknown, string]>([
      ['missing initValue', { milestones: [1] }, 'initValue must be a finite number >= 0, got undefined'],
      ['negative initValue', { ...valid, initValue: -1 }, 'initValue must be a finite number >= 0, got -1'],
      [
        'missing milestones',
        { initValue: 0.1 },
        'milestones must be an array of non-decreasing non-negative integers, got undefined',
      ],
      [
        'non-array milestones',
        { ...valid, milestones: 5 },
        'milestones must be an array of non-decreasing non-negative integers, got 5',
      ],
      [
        'negative milestone',
        { ...valid, milestones: [1, -2] },
        'milestones[1] must be a non-negative integer, got -2',
      ],
      [
        'fractional milestone',
        { ...valid, milestones: [1.5] },
        'milestones[0] must be a non-negative integer, got 1.5',
      ],
      [
        'decreasing milestones',
        { ...valid, milestones: [5, 3] },
        'milestones[1] must be an integer >= 5 (milestones must be non-decreasing), got 3',
      ],
      ['negative factor', { ...valid, factor: -0.5 }, 'factor must be a finite number >= 0, got -0.5'],
      [
        'overflowing factor',
        { ...valid, initValue: 1, milestones: [1, 2, 3], factor: 1e200 },
        'factor must be a number with initValue·factor^3 finite (3 milestones), got 1e+200',
      ],
      [
        'unknown changeAt',
        { ...valid, changeAt: 'after' },
        'changeAt must be one of "boundary", "afterBoundary", got "after"',
      ],
      [
        'unknown option',
        { ...valid, gamma: 0.1 },
        'gamma is not an option of multiStepSchedule; allowed: initValue, milestones, factor, changeAt',
      ],
      ['array options', [], 'options must be an options object, got []'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => multiStepSchedule(options as MultiStepScheduleOptions), message)
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => multiStepSchedule(valid)(-0.5),
        'step must be a finite number >= 0 (0-based optimizer step), got -0.5',
      )
    })
  })
})
