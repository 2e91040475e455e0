import { expectAllClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { scaleSchedule } from './scale-schedule'
import type { Schedule } from './types'

describe('scaleSchedule', () => {
  it('turns HF multipliers into rates: linear W=2, T=10 × 0.1 [V]', () => {
    const lambda: Schedule = (step) => (step < 2 ? step / 2 : Math.max(0, (10 - step) / 8))
    const schedule = scaleSchedule({ schedule: lambda, factor: 0.1 })
    expectAllClose(
      range(12).map((step) => schedule(step)),
      [0, 0.5, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0].map((value) => value * 0.1),
      { rtol: 1e-12 },
    )
  })

  it('step 0, a later step, 1e12 steps; factor 0 gives 0', () => {
    const multiplier: Schedule = (step) => Math.max(0, 1 - step / 100)
    const schedule = scaleSchedule({ schedule: multiplier, factor: 3e-4 })
    expect(schedule(0)).toBe(3e-4)
    expect(schedule(50)).toBe(1.5e-4)
    expect(schedule(100)).toBe(0)
    expect(schedule(1e12)).toBe(0)
    expect(scaleSchedule({ schedule: () => 5, factor: 0 })(7)).toBe(0)
  })

  it('property: equals factor × schedule(step)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (factor, value, step) => {
          const inner: Schedule = (t) => value / (1 + t)
          const scaled = scaleSchedule({ schedule: inner, factor })(step)
          expect(scaled).toBe(factor * inner(step))
          expect(Number.isFinite(scaled)).toBe(true)
          expect(scaled).toBeGreaterThanOrEqual(0)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const inner: Schedule = () => 1
    const cases: [Record<string, unknown>, string][] = [
      [{ schedule: 'cosine', factor: 1 }, 'schedule must be a function, got "cosine"'],
      [{ factor: 1 }, 'schedule must be a function, got undefined'],
      [{ schedule: inner, factor: -1 }, 'factor must be a finite number >= 0, got -1'],
      [
        { schedule: inner, factor: Number.POSITIVE_INFINITY },
        'factor must be a finite number >= 0, got Infinity',
      ],
      [{ schedule: inner }, 'factor must be a finite number >= 0, got undefined'],
      [
        { schedule: inner, factor: 1, scale: 2 },
        'scale is not an option of scaleSchedule; allowed: schedule, factor',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => scaleSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => scaleSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => scaleSchedule(null as never)).toThrow('options must be an options object, got null')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = scaleSchedule({ schedule: inner, factor: 2 })
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
