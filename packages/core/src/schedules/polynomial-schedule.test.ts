import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type PolynomialScheduleOptions, polynomialSchedule } from './polynomial-schedule'

describe('polynomialSchedule', () => {
  describe('reference vectors', () => {
    it('matches optax polynomial_schedule(1.0, 0.01, power=2, transition_steps=100, transition_begin=5)', () => {
      const schedule = polynomialSchedule({
        initValue: 1,
        endValue: 0.01,
        exponent: 2,
        transitionSteps: 100,
        transitionBegin: 5,
      })
      expectAllClose([0, 5, 6, 104, 105, 110].map(schedule), [1, 1, 0.980299, 0.010099, 0.01, 0.01])
    })

    it('matches PyTorch PolynomialLR(total_iters=5, power=2.0) with base 0.1', () => {
      const schedule = polynomialSchedule({ initValue: 0.1, endValue: 0, exponent: 2, transitionSteps: 5 })
      expectAllClose(range(7).map(schedule), [0.1, 0.064, 0.036, 0.016, 0.004, 0, 0], { atol: 1e-17 })
    })

    it('matches the PyTorch PolynomialLR closed form b·(1 − min(T, t)/T)^p', () => {
      const [base, total, power] = [0.02, 9, 1.7]
      const schedule = polynomialSchedule({ initValue: base, exponent: power, transitionSteps: total })
      for (const step of range(14)) {
        expectClose(schedule(step), base * (1 - Math.min(total, step) / total) ** power, {
          rtol: 1e-14,
          label: `step ${step}`,
        })
      }
    })

    it('matches Keras PolynomialDecay(1.0, 4, end_learning_rate=0.0)', () => {
      const schedule = polynomialSchedule({ initValue: 1, transitionSteps: 4 })
      expectAllClose(range(7).map(schedule), [1, 0.75, 0.5, 0.25, 0, 0, 0])
    })

    it('matches the decay part of HF polynomial (W=2, T=10, lr 0.1, lr_end 0.01, power 2) as multipliers', () => {
      const schedule = polynomialSchedule({
        initValue: 0.1,
        endValue: 0.01,
        exponent: 2,
        transitionSteps: 8,
        transitionBegin: 2,
      })
      expectAllClose(
        range(10).map((index) => schedule(index + 2) / 0.1),
        [1, 0.7890625, 0.60625, 0.4515625, 0.325, 0.2265625, 0.15625, 0.1140625, 0.1, 0.1],
      )
    })
  })

  describe('boundary cases', () => {
    const options = { initValue: 2, endValue: 0.5, exponent: 3, transitionSteps: 10, transitionBegin: 4 }
    const schedule = polynomialSchedule(options)
    const closedForm = (step: number): number => {
      const clipped = Math.min(Math.max(step - 4, 0), 10)
      return (2 - 0.5) * (1 - clipped / 10) ** 3 + 0.5
    }

    it('step 0 and transitionBegin give exactly initValue', () => {
      expect(schedule(0)).toBe(2)
      expect(schedule(4)).toBe(2)
    })

    it('first and last transition steps follow the closed form', () => {
      expectClose(schedule(5), closedForm(5))
      expectClose(schedule(13), closedForm(13))
      expectClose(schedule(9.25), closedForm(9.25))
    })

    it('end gives exactly endValue', () => {
      expect(schedule(14)).toBe(0.5)
    })

    it('past the end and at 1e12 steps the value is clamped to endValue', () => {
      expect(schedule(15)).toBe(0.5)
      expect(schedule(1e12)).toBe(0.5)
    })

    it('defaults endValue to 0 and exponent to 1', () => {
      const linear = polynomialSchedule({ initValue: 1, transitionSteps: 2 })
      expect([linear(0), linear(1), linear(2), linear(3)]).toEqual([1, 0.5, 0, 0])
    })

    it('an exponent below 1 decays slowly first', () => {
      const root = polynomialSchedule({ initValue: 1, exponent: 0.5, transitionSteps: 4 })
      expectClose(root(3), Math.sqrt(0.25))
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      endValue: fc.double({ min: 0, max: 10, noNaN: true }),
      exponent: fc.double({ min: 0.01, max: 10, noNaN: true }),
      transitionSteps: fc.integer({ min: 1, max: 10_000 }),
      transitionBegin: fc.integer({ min: 0, max: 10_000 }),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('is finite, non-negative and within [min, max] of initValue and endValue', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const value = polynomialSchedule(parameters)(t)
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
          const schedule = polynomialSchedule(parameters)
          const [early, late] = a <= b ? [schedule(a), schedule(b)] : [schedule(b), schedule(a)]
          if (parameters.endValue <= parameters.initValue) expect(late).toBeLessThanOrEqual(early)
          else expect(late).toBeGreaterThanOrEqual(early)
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 1, transitionSteps: 4 }
    it.each<[string, unknown, string]>([
      ['missing initValue', { transitionSteps: 4 }, 'initValue must be a finite number >= 0, got undefined'],
      ['negative initValue', { ...valid, initValue: -1 }, 'initValue must be a finite number >= 0, got -1'],
      ['negative endValue', { ...valid, endValue: -1 }, 'endValue must be a finite number >= 0, got -1'],
      ['NaN endValue', { ...valid, endValue: Number.NaN }, 'endValue must be a finite number >= 0, got NaN'],
      ['zero exponent', { ...valid, exponent: 0 }, 'exponent must be a finite number > 0, got 0'],
      ['negative exponent', { ...valid, exponent: -2 }, 'exponent must be a finite number > 0, got -2'],
      [
        'infinite exponent',
        { ...valid, exponent: Number.POSITIVE_INFINITY },
        'exponent must be a finite number > 0, got Infinity',
      ],
      [
        'missing transitionSteps',
        { initValue: 1 },
        'transitionSteps must be a positive integer, got undefined',
      ],
      [
        'zero transitionSteps',
        { ...valid, transitionSteps: 0 },
        'transitionSteps must be a positive integer, got 0',
      ],
      [
        'negative transitionBegin',
        { ...valid, transitionBegin: -5 },
        'transitionBegin must be a non-negative integer, got -5',
      ],
      [
        'unknown option',
        { ...valid, power: 2 },
        'power is not an option of polynomialSchedule; allowed: initValue, endValue, exponent, transitionSteps, transitionBegin',
      ],
      ['non-object options', 5, 'options must be an options object, got 5'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => polynomialSchedule(options as PolynomialScheduleOptions), message)
    })

    it('rejects a NaN step with its message', () => {
      expectInvalidArgument(
        () => polynomialSchedule(valid)(Number.NaN),
        'step must be a finite number >= 0 (0-based optimizer step), got NaN',
      )
    })
  })
})
