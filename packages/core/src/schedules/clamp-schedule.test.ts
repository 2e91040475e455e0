import { expectAllClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { clampSchedule } from './clamp-schedule'
import type { Schedule } from './types'

const decay: Schedule = (step) => 0.1 * 0.5 ** step

describe('clampSchedule', () => {
  it('both bounds: step 0 capped, middle unchanged, end floored, 1e12 steps', () => {
    const schedule = clampSchedule({ schedule: decay, minValue: 0.01, maxValue: 0.08 })
    expectAllClose(
      range(6).map((step) => schedule(step)),
      [0.08, 0.05, 0.025, 0.0125, 0.01, 0.01],
    )
    expect(schedule(1e12)).toBe(0.01)
  })

  it('minValue only is a floor (optax exponential_decay end_value, PyTorch min_lr)', () => {
    const schedule = clampSchedule({ schedule: decay, minValue: 0.02 })
    expect(schedule(0)).toBe(0.1)
    expect(schedule(2)).toBe(0.025)
    expect(schedule(3)).toBe(0.02)
  })

  it('maxValue only is a ceiling', () => {
    const schedule = clampSchedule({ schedule: decay, maxValue: 0.03 })
    expect(schedule(0)).toBe(0.03)
    expect(schedule(2)).toBe(0.025)
    expect(schedule(1e12)).toBe(0)
  })

  it('minValue = maxValue is constant', () => {
    const schedule = clampSchedule({ schedule: decay, minValue: 0.04, maxValue: 0.04 })
    for (let step = 0; step < 10; step++) expect(schedule(step)).toBe(0.04)
  })

  it('property: within [minValue, maxValue] and unchanged inside it', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (a, b, value, step) => {
          const minValue = Math.min(a, b)
          const maxValue = Math.max(a, b)
          const inner: Schedule = (t) => value * Math.abs(Math.cos(t))
          const clamped = clampSchedule({ schedule: inner, minValue, maxValue })(step)
          expect(clamped).toBeGreaterThanOrEqual(minValue)
          expect(clamped).toBeLessThanOrEqual(maxValue)
          const raw = inner(step)
          if (raw >= minValue && raw <= maxValue) expect(clamped).toBe(raw)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ schedule: 1, minValue: 0 }, 'schedule must be a function, got 1'],
      [
        { schedule: decay },
        'minValue or maxValue must be given (clampSchedule needs at least one bound), got neither',
      ],
      [{ schedule: decay, minValue: -0.1 }, 'minValue must be a finite number >= 0, got -0.1'],
      [{ schedule: decay, maxValue: Number.NaN }, 'maxValue must be a finite number >= 0, got NaN'],
      [
        { schedule: decay, minValue: 0.5, maxValue: 0.1 },
        'maxValue must be a finite number >= minValue (0.5), got 0.1',
      ],
      [
        { schedule: decay, minValue: 0, min: 0 },
        'min is not an option of clampSchedule; allowed: schedule, minValue, maxValue',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => clampSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => clampSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => clampSchedule('x' as never)).toThrow('options must be an options object, got "x"')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = clampSchedule({ schedule: decay, minValue: 0 })
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
