import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ExponentialScheduleOptions, exponentialSchedule } from './exponential-schedule'

const PUBLISHED = { rtol: 1e-9 } // vectors printed to 10 significant digits

describe('exponentialSchedule', () => {
  describe('reference vectors', () => {
    it('matches optax exponential_decay(1.0, 2, 0.5, transition_begin=1)', () => {
      const schedule = exponentialSchedule({
        initValue: 1,
        factor: 0.5,
        transitionSteps: 2,
        transitionBegin: 1,
      })
      expectAllClose(
        range(8).map(schedule),
        [1, 1, Math.SQRT1_2, 0.5, 0.3535533906, 0.25, 0.1767766953, 0.125],
        PUBLISHED,
      )
    })

    it('matches optax exponential_decay(1.0, 2, 0.5, transition_begin=1, staircase=True, end_value=0.2)', () => {
      const schedule = exponentialSchedule({
        initValue: 1,
        factor: 0.5,
        transitionSteps: 2,
        transitionBegin: 1,
        staircase: true,
        endValue: 0.2,
      })
      expectAllClose(range(10).map(schedule), [1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.2, 0.2, 0.2])
    })

    it('matches Keras ExponentialDecay(1.0, 2, 0.5), continuous and staircase', () => {
      const continuous = exponentialSchedule({ initValue: 1, factor: 0.5, transitionSteps: 2 })
      expectAllClose(
        range(6).map(continuous),
        [1, Math.SQRT1_2, 0.5, 0.3535533906, 0.25, 0.1767766953],
        PUBLISHED,
      )
      const staircase = exponentialSchedule({
        initValue: 1,
        factor: 0.5,
        transitionSteps: 2,
        staircase: true,
      })
      expectAllClose(range(6).map(staircase), [1, 1, 0.5, 0.5, 0.25, 0.25])
    })

    it('matches PyTorch ExponentialLR(gamma=0.9) with base 0.1', () => {
      const schedule = exponentialSchedule({ initValue: 0.1, factor: 0.9 })
      expectAllClose(range(6).map(schedule), [0.1, 0.09, 0.081, 0.0729, 0.06561, 0.059049])
    })

    it('matches PyTorch ExponentialLR recursive multiplication η·γ over 200 steps', () => {
      const schedule = exponentialSchedule({ initValue: 0.1, factor: 0.97 })
      let rate = 0.1
      for (const step of range(200)) {
        if (step > 0) rate *= 0.97
        expectClose(schedule(step), rate, { rtol: 1e-12, label: `step ${step}` })
      }
    })
  })

  describe('boundary cases', () => {
    const options = { initValue: 0.5, factor: 0.8, transitionSteps: 10, transitionBegin: 3 }
    const schedule = exponentialSchedule(options)

    it('step 0 and transitionBegin give exactly initValue', () => {
      expect(schedule(0)).toBe(0.5)
      expect(schedule(3)).toBe(0.5)
    })

    it('first decay step and later steps follow the closed form I·γ^((t − B)/T)', () => {
      for (const step of [3.5, 4, 13, 27.25]) {
        expectClose(schedule(step), 0.5 * 0.8 ** ((step - 3) / 10), { label: `step ${step}` })
      }
    })

    it('staircase holds initValue until the first full transition', () => {
      const stairs = exponentialSchedule({ ...options, staircase: true })
      expect(stairs(12)).toBe(0.5)
      expectClose(stairs(13), 0.4)
      expectClose(stairs(22.9), 0.4)
      expectClose(stairs(23), 0.5 * 0.8 ** 2)
    })

    it('a decay without endValue is finite and non-negative at 1e12 steps', () => {
      expect(schedule(1e12)).toBe(0)
    })

    it('endValue is a floor when factor < 1, reached and held past it', () => {
      const floored = exponentialSchedule({ initValue: 1, factor: 0.5, endValue: 0.3 })
      expectAllClose(
        [floored(0), floored(1), floored(2), floored(100), floored(1e12)],
        [1, 0.5, 0.3, 0.3, 0.3],
      )
    })

    it('endValue is a ceiling when factor > 1 (growth stays finite at 1e12 steps)', () => {
      const growth = exponentialSchedule({ initValue: 0.1, factor: 2, endValue: 1 })
      expectAllClose(range(6).map(growth), [0.1, 0.2, 0.4, 0.8, 1, 1])
      expect(growth(1e12)).toBe(1)
    })

    it('initValue 0 with growth stays 0 (no 0·∞)', () => {
      const zero = exponentialSchedule({ initValue: 0, factor: 3, endValue: 1 })
      expect([zero(0), zero(1e12)]).toEqual([0, 0])
    })

    it('as in optax, endValue applies from step 0 (factor 1 is a ceiling)', () => {
      const flat = exponentialSchedule({ initValue: 1, factor: 1, endValue: 0.5 })
      expect([flat(0), flat(10)]).toEqual([0.5, 0.5])
      const floorAbove = exponentialSchedule({ initValue: 1, factor: 0.5, endValue: 2 })
      expect([floorAbove(0), floorAbove(10)]).toEqual([2, 2])
    })
  })

  describe('properties', () => {
    const decay = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      factor: fc.double({ min: 1e-6, max: 1, noNaN: true }),
      transitionSteps: fc.integer({ min: 1, max: 10_000 }),
      transitionBegin: fc.integer({ min: 0, max: 10_000 }),
      staircase: fc.boolean(),
    })
    const growth = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      factor: fc.double({ min: 1, max: 100, noNaN: true }),
      transitionSteps: fc.integer({ min: 1, max: 10_000 }),
      transitionBegin: fc.integer({ min: 0, max: 10_000 }),
      staircase: fc.boolean(),
      endValue: fc.double({ min: 0, max: 100, noNaN: true }),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('a decay is finite, within [0, initValue] and non-increasing', () => {
      fc.assert(
        fc.property(decay, step, step, (parameters, a, b) => {
          const schedule = exponentialSchedule(parameters)
          const [early, late] = [schedule(Math.min(a, b)), schedule(Math.max(a, b))]
          for (const value of [early, late]) {
            expect(Number.isFinite(value)).toBe(true)
            expect(value).toBeGreaterThanOrEqual(0)
            expect(value).toBeLessThanOrEqual(parameters.initValue)
          }
          expect(late).toBeLessThanOrEqual(early)
        }),
        { numRuns: 200 },
      )
    })

    it('a growth with a ceiling is finite, within [0, max(initValue, endValue)] and non-decreasing', () => {
      fc.assert(
        fc.property(growth, step, step, (parameters, a, b) => {
          const schedule = exponentialSchedule(parameters)
          const [early, late] = [schedule(Math.min(a, b)), schedule(Math.max(a, b))]
          for (const value of [early, late]) {
            expect(Number.isFinite(value)).toBe(true)
            expect(value).toBeGreaterThanOrEqual(0)
            expect(value).toBeLessThanOrEqual(Math.max(parameters.initValue, parameters.endValue))
          }
          expect(late).toBeGreaterThanOrEqual(early)
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 0.1, factor: 0.9 }
    it.each<[string, unknown, string]>([
      ['missing initValue', { factor: 0.9 }, 'initValue must be a finite number >= 0, got undefined'],
      [
        'negative initValue',
        { ...valid, initValue: -0.1 },
        'initValue must be a finite number >= 0, got -0.1',
      ],
      ['missing factor', { initValue: 0.1 }, 'factor must be a finite number > 0, got undefined'],
      ['zero factor', { ...valid, factor: 0 }, 'factor must be a finite number > 0, got 0'],
      ['negative factor', { ...valid, factor: -0.5 }, 'factor must be a finite number > 0, got -0.5'],
      [
        'zero transitionSteps',
        { ...valid, transitionSteps: 0 },
        'transitionSteps must be a positive integer, got 0',
      ],
      [
        'fractional transitionSteps',
        { ...valid, transitionSteps: 0.5 },
        'transitionSteps must be a positive integer, got 0.5',
      ],
      [
        'negative transitionBegin',
        { ...valid, transitionBegin: -1 },
        'transitionBegin must be a non-negative integer, got -1',
      ],
      ['non-boolean staircase', { ...valid, staircase: 1 }, 'staircase must be true or false, got 1'],
      ['negative endValue', { ...valid, endValue: -1 }, 'endValue must be a finite number >= 0, got -1'],
      [
        'growth without endValue',
        { ...valid, factor: 1.5 },
        'endValue must be a finite number >= 0 (a ceiling) when factor > 1, since the value grows without bound (factor is 1.5), got undefined',
      ],
      [
        'unknown option',
        { ...valid, decayRate: 0.5 },
        'decayRate is not an option of exponentialSchedule; allowed: initValue, factor, transitionSteps, transitionBegin, staircase, endValue',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => exponentialSchedule(options as ExponentialScheduleOptions), message)
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => exponentialSchedule(valid)(-1),
        'step must be a finite number >= 0 (0-based optimizer step), got -1',
      )
    })
  })
})
