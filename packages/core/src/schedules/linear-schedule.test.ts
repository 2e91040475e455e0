import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type LinearScheduleOptions, linearSchedule } from './linear-schedule'

describe('linearSchedule', () => {
  describe('reference vectors', () => {
    it('matches optax linear_schedule(1.0, 0.0, 4)', () => {
      const schedule = linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 4 })
      expectAllClose(range(6).map(schedule), [1, 0.75, 0.5, 0.25, 0, 0])
    })

    it('matches PyTorch LinearLR() (1/3 → 1 over 5) with base 0.1', () => {
      const base = 0.1
      const schedule = linearSchedule({ initValue: base / 3, endValue: base * 1, transitionSteps: 5 })
      expectAllClose(
        range(7).map(schedule),
        [0.0333333333, 0.0466666667, 0.06, 0.0733333333, 0.0866666667, 0.1, 0.1],
        { rtol: 1e-8 }, // published to 9–10 significant digits
      )
    })

    it('matches the PyTorch LinearLR closed form b·(s + (e − s)·min(T, t)/T)', () => {
      const [base, start, end, total] = [0.05, 0.25, 0.75, 7]
      const schedule = linearSchedule({
        initValue: base * start,
        endValue: base * end,
        transitionSteps: total,
      })
      for (const step of range(12)) {
        expectClose(schedule(step), base * (start + ((end - start) * Math.min(total, step)) / total), {
          rtol: 1e-14,
          label: `step ${step}`,
        })
      }
    })

    it('matches Keras PolynomialDecay(1.0, 4, end_learning_rate=0.0) (power 1)', () => {
      const schedule = linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 4 })
      expectAllClose(range(7).map(schedule), [1, 0.75, 0.5, 0.25, 0, 0, 0])
    })

    it('matches the decay part of HF linear (W=2, T=10) with transitionBegin 2', () => {
      const schedule = linearSchedule({ initValue: 1, endValue: 0, transitionSteps: 8, transitionBegin: 2 })
      expectAllClose(
        range(10).map((index) => schedule(index + 2)),
        [1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0],
      )
    })
  })

  describe('boundary cases', () => {
    const schedule = linearSchedule({
      initValue: 0.3,
      endValue: 0.1,
      transitionSteps: 10,
      transitionBegin: 5,
    })

    it('step 0 and every step before transitionBegin give exactly initValue', () => {
      for (const step of [0, 1, 4, 4.5, 5]) expect(schedule(step)).toBe(0.3)
    })

    it('first transition step follows the closed form', () => {
      expectClose(schedule(6), (0.3 - 0.1) * (1 - 1 / 10) + 0.1)
    })

    it('last transition step follows the closed form', () => {
      expectClose(schedule(14), (0.3 - 0.1) * (1 - 9 / 10) + 0.1)
    })

    it('end (transitionBegin + transitionSteps) gives exactly endValue', () => {
      expect(schedule(15)).toBe(0.1)
    })

    it('past the end and at 1e12 steps the value is clamped to endValue', () => {
      expect(schedule(16)).toBe(0.1)
      expect(schedule(1e12)).toBe(0.1)
    })

    it('fractional steps interpolate', () => {
      expectClose(schedule(7.5), 0.3 + (0.1 - 0.3) * 0.25)
    })

    it('warms up when endValue > initValue', () => {
      const warmup = linearSchedule({ initValue: 0, endValue: 1, transitionSteps: 4 })
      expectAllClose(range(6).map(warmup), [0, 0.25, 0.5, 0.75, 1, 1])
    })

    it('transitionSteps 1 jumps to endValue at step 1', () => {
      const jump = linearSchedule({ initValue: 1, endValue: 0.5, transitionSteps: 1 })
      expect([jump(0), jump(0.5), jump(1), jump(2)]).toEqual([1, 0.75, 0.5, 0.5])
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      endValue: fc.double({ min: 0, max: 10, noNaN: true }),
      transitionSteps: fc.integer({ min: 1, max: 10_000 }),
      transitionBegin: fc.integer({ min: 0, max: 10_000 }),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('is finite, non-negative and within [min, max] of initValue and endValue', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const value = linearSchedule(parameters)(t)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(Math.min(parameters.initValue, parameters.endValue))
          expect(value).toBeLessThanOrEqual(Math.max(parameters.initValue, parameters.endValue))
        }),
        { numRuns: 200 },
      )
    })

    it('is monotone towards endValue', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const schedule = linearSchedule(parameters)
          const [early, late] = a <= b ? [schedule(a), schedule(b)] : [schedule(b), schedule(a)]
          if (parameters.endValue <= parameters.initValue) expect(late).toBeLessThanOrEqual(early)
          else expect(late).toBeGreaterThanOrEqual(early)
        }),
        { numRuns: 200 },
      )
    })

    it('gives exactly initValue at transitionBegin and endValue at the end', () => {
      fc.assert(
        fc.property(options, (parameters) => {
          const schedule = linearSchedule(parameters)
          expect(schedule(parameters.transitionBegin)).toBe(parameters.initValue)
          expect(schedule(parameters.transitionBegin + parameters.transitionSteps)).toBe(parameters.endValue)
        }),
        { numRuns: 100 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 1, endValue: 0, transitionSteps: 4 }
    it.each<[string, unknown, string]>([
      [
        'missing initValue',
        { endValue: 0, transitionSteps: 4 },
        'initValue must be a finite number >= 0, got undefined',
      ],
      ['negative initValue', { ...valid, initValue: -1 }, 'initValue must be a finite number >= 0, got -1'],
      [
        'NaN initValue',
        { ...valid, initValue: Number.NaN },
        'initValue must be a finite number >= 0, got NaN',
      ],
      [
        'missing endValue',
        { initValue: 1, transitionSteps: 4 },
        'endValue must be a finite number >= 0, got undefined',
      ],
      [
        'infinite endValue',
        { ...valid, endValue: Number.POSITIVE_INFINITY },
        'endValue must be a finite number >= 0, got Infinity',
      ],
      ['negative endValue', { ...valid, endValue: -0.5 }, 'endValue must be a finite number >= 0, got -0.5'],
      [
        'missing transitionSteps',
        { initValue: 1, endValue: 0 },
        'transitionSteps must be a positive integer, got undefined',
      ],
      [
        'zero transitionSteps',
        { ...valid, transitionSteps: 0 },
        'transitionSteps must be a positive integer, got 0',
      ],
      [
        'fractional transitionSteps',
        { ...valid, transitionSteps: 2.5 },
        'transitionSteps must be a positive integer, got 2.5',
      ],
      [
        'negative transitionBegin',
        { ...valid, transitionBegin: -1 },
        'transitionBegin must be a non-negative integer, got -1',
      ],
      [
        'fractional transitionBegin',
        { ...valid, transitionBegin: 0.5 },
        'transitionBegin must be a non-negative integer, got 0.5',
      ],
      [
        'unknown option',
        { ...valid, warmupSteps: 3 },
        'warmupSteps is not an option of linearSchedule; allowed: initValue, endValue, transitionSteps, transitionBegin',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => linearSchedule(options as LinearScheduleOptions), message)
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => linearSchedule(valid)(-1),
        'step must be a finite number >= 0 (0-based optimizer step), got -1',
      )
    })
  })
})
