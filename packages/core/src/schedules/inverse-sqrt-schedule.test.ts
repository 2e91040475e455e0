import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type InverseSqrtScheduleOptions, inverseSqrtSchedule } from './inverse-sqrt-schedule'

describe('inverseSqrtSchedule', () => {
  describe('reference vectors', () => {
    it('matches the decay part of HF inverse_sqrt (W=4, timescale = W) with transitionBegin 4', () => {
      const schedule = inverseSqrtSchedule({ initValue: 1, timescale: 4, transitionBegin: 4 })
      expectAllClose(
        range(6).map((index) => schedule(index + 4)),
        [1, 0.894427191, 0.8164965809, 0.755928946, Math.SQRT1_2, 0.6666666667],
        { rtol: 1e-9 }, // published to 10 significant digits
      )
    })

    it('matches HF inverse_sqrt after warmup as a later schedule seeing t − W (transitionBegin 0)', () => {
      const warmupSteps = 4
      const schedule = inverseSqrtSchedule({ initValue: 1, timescale: warmupSteps })
      for (let step = warmupSteps; step < 40; step++) {
        const hf = 1 / Math.sqrt((step + warmupSteps - warmupSteps) / warmupSteps)
        expectClose(schedule(step - warmupSteps), hf, { rtol: 1e-15, label: `step ${step}` })
      }
    })
  })

  describe('boundary cases', () => {
    const schedule = inverseSqrtSchedule({ initValue: 0.002, timescale: 100, transitionBegin: 50 })

    it('step 0 and transitionBegin give exactly initValue', () => {
      expect(schedule(0)).toBe(0.002)
      expect(schedule(49.5)).toBe(0.002)
      expect(schedule(50)).toBe(0.002)
    })

    it('first decay step follows the closed form I/√((t − B + τ)/τ)', () => {
      expectClose(schedule(51), 0.002 / Math.sqrt(101 / 100))
      expectClose(schedule(50.5), 0.002 / Math.sqrt(100.5 / 100))
    })

    it('halves after 3τ steps of decay', () => {
      expectClose(schedule(350), 0.001)
    })

    it('defaults timescale to 10000 and transitionBegin to 0', () => {
      const defaults = inverseSqrtSchedule({ initValue: 1 })
      expect(defaults(0)).toBe(1)
      expectClose(defaults(30_000), 0.5)
    })

    it('is finite and positive at 1e12 steps', () => {
      expectClose(schedule(1e12), 0.002 / Math.sqrt((1e12 - 50 + 100) / 100))
      expect(schedule(1e12)).toBeGreaterThan(0)
    })

    it('accepts a fractional timescale', () => {
      expectClose(inverseSqrtSchedule({ initValue: 1, timescale: 0.5 })(1.5), 0.5)
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      timescale: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
      transitionBegin: fc.integer({ min: 0, max: 100_000 }),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('is finite, non-negative, at most initValue and non-increasing', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const schedule = inverseSqrtSchedule(parameters)
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
  })

  describe('invalid options', () => {
    const valid = { initValue: 1 }
    it.each<[string, unknown, string]>([
      ['missing initValue', {}, 'initValue must be a finite number >= 0, got undefined'],
      ['negative initValue', { initValue: -1 }, 'initValue must be a finite number >= 0, got -1'],
      ['zero timescale', { ...valid, timescale: 0 }, 'timescale must be a finite number > 0, got 0'],
      ['negative timescale', { ...valid, timescale: -10 }, 'timescale must be a finite number > 0, got -10'],
      [
        'infinite timescale',
        { ...valid, timescale: Number.POSITIVE_INFINITY },
        'timescale must be a finite number > 0, got Infinity',
      ],
      [
        'negative transitionBegin',
        { ...valid, transitionBegin: -1 },
        'transitionBegin must be a non-negative integer, got -1',
      ],
      [
        'fractional transitionBegin',
        { ...valid, transitionBegin: 1.5 },
        'transitionBegin must be a non-negative integer, got 1.5',
      ],
      [
        'unknown option',
        { ...valid, warmupSteps: 4 },
        'warmupSteps is not an option of inverseSqrtSchedule; allowed: initValue, timescale, transitionBegin',
      ],
      ['string options', 'fast', 'options must be an options object, got "fast"'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => inverseSqrtSchedule(options as InverseSqrtScheduleOptions), message)
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => inverseSqrtSchedule(valid)(-3),
        'step must be a finite number >= 0 (0-based optimizer step), got -3',
      )
    })
  })
})
