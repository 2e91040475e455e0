import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type StepScheduleOptions, stepSchedule } from './step-schedule'

describe('stepSchedule', () => {
  describe('reference vectors', () => {
    it('matches PyTorch StepLR(step_size=3, gamma=0.1) with base 0.1', () => {
      const schedule = stepSchedule({ initValue: 0.1, stepSize: 3, factor: 0.1 })
      expectAllClose(range(10).map(schedule), [0.1, 0.1, 0.1, 0.01, 0.01, 0.01, 0.001, 0.001, 0.001, 1e-4])
    })

    it('matches PyTorch StepLR recursive multiplication η·γ at each multiple of step_size', () => {
      const schedule = stepSchedule({ initValue: 0.5, stepSize: 4, factor: 0.7 })
      let rate = 0.5
      for (const step of range(40)) {
        if (step > 0 && step % 4 === 0) rate *= 0.7
        expectClose(schedule(step), rate, { rtol: 1e-13, label: `step ${step}` })
      }
    })

    it('matches Keras ExponentialDecay(1.0, 2, 0.5, staircase=True)', () => {
      const schedule = stepSchedule({ initValue: 1, stepSize: 2, factor: 0.5 })
      expectAllClose(range(6).map(schedule), [1, 1, 0.5, 0.5, 0.25, 0.25])
    })
  })

  describe('boundary cases', () => {
    const schedule = stepSchedule({ initValue: 0.1, stepSize: 30 })

    it('step 0 gives exactly initValue', () => {
      expect(schedule(0)).toBe(0.1)
    })

    it('last step before the first decay keeps initValue', () => {
      expect(schedule(29)).toBe(0.1)
      expect(schedule(29.999)).toBe(0.1)
    })

    it('first decay happens at stepSize with the default factor 0.1', () => {
      expectClose(schedule(30), 0.1 * 0.1)
      expectClose(schedule(59), 0.1 * 0.1)
      expectClose(schedule(60), 0.1 * 0.1 ** 2)
    })

    it('is finite and non-negative at 1e12 steps (underflows to 0)', () => {
      const value = schedule(1e12)
      expect(Number.isFinite(value) && value >= 0).toBe(true)
      expect(value).toBe(0)
    })

    it('factor 1 is constant and factor 0 drops to 0 at stepSize', () => {
      const flat = stepSchedule({ initValue: 0.2, stepSize: 5, factor: 1 })
      expect([flat(0), flat(5), flat(1e12)]).toEqual([0.2, 0.2, 0.2])
      const drop = stepSchedule({ initValue: 0.2, stepSize: 5, factor: 0 })
      expect([drop(0), drop(4), drop(5), drop(1e12)]).toEqual([0.2, 0.2, 0, 0])
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      stepSize: fc.integer({ min: 1, max: 10_000 }),
      factor: fc.double({ min: 0, max: 1, noNaN: true }),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('is finite, non-negative and within [0, initValue]', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const value = stepSchedule(parameters)(t)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(parameters.initValue)
        }),
        { numRuns: 200 },
      )
    })

    it('is non-increasing', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const schedule = stepSchedule(parameters)
          expect(schedule(Math.max(a, b))).toBeLessThanOrEqual(schedule(Math.min(a, b)))
        }),
        { numRuns: 200 },
      )
    })

    it('equals the closed form initValue·factor^⌊t/stepSize⌋ at integer steps', () => {
      fc.assert(
        fc.property(options, fc.integer({ min: 0, max: 1_000_000 }), (parameters, t) => {
          const expected = parameters.initValue * parameters.factor ** Math.floor(t / parameters.stepSize)
          expectClose(stepSchedule(parameters)(t), expected, { rtol: 1e-15 })
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 0.1, stepSize: 3 }
    it.each<[string, unknown, string]>([
      ['missing initValue', { stepSize: 3 }, 'initValue must be a finite number >= 0, got undefined'],
      [
        'negative initValue',
        { ...valid, initValue: -0.1 },
        'initValue must be a finite number >= 0, got -0.1',
      ],
      ['missing stepSize', { initValue: 0.1 }, 'stepSize must be a positive integer, got undefined'],
      ['zero stepSize', { ...valid, stepSize: 0 }, 'stepSize must be a positive integer, got 0'],
      ['fractional stepSize', { ...valid, stepSize: 1.5 }, 'stepSize must be a positive integer, got 1.5'],
      [
        'negative factor',
        { ...valid, factor: -0.1 },
        'factor must be a number with 0 <= factor <= 1, got -0.1',
      ],
      ['growing factor', { ...valid, factor: 2 }, 'factor must be a number with 0 <= factor <= 1, got 2'],
      [
        'NaN factor',
        { ...valid, factor: Number.NaN },
        'factor must be a number with 0 <= factor <= 1, got NaN',
      ],
      [
        'unknown option',
        { ...valid, gamma: 0.5 },
        'gamma is not an option of stepSchedule; allowed: initValue, stepSize, factor',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => stepSchedule(options as StepScheduleOptions), message)
    })

    it('rejects an infinite step with its message', () => {
      expectInvalidArgument(
        () => stepSchedule(valid)(Number.POSITIVE_INFINITY),
        'step must be a finite number >= 0 (0-based optimizer step), got Infinity',
      )
    })
  })
})

describe('stepSchedule power cache', () => {
  it('gives the same value in any evaluation order as a fresh schedule per step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }),
        (stepSize, steps) => {
          const options = { initValue: 0.1, stepSize, factor: 0.7 }
          const shared = stepSchedule(options)
          for (const step of steps) expect(shared(step)).toBe(stepSchedule(options)(step))
        },
      ),
      { numRuns: 100 },
    )
  })
})
