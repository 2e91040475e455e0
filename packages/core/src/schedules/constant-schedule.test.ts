import { expectInvalidArgument } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type ConstantScheduleOptions, constantSchedule } from './constant-schedule'

describe('constantSchedule', () => {
  it('returns the value at step 0', () => {
    expect(constantSchedule({ value: 0.1 })(0)).toBe(0.1)
  })

  it('returns the value at fractional steps, past any horizon and at 1e12 steps', () => {
    const schedule = constantSchedule({ value: 3e-4 })
    for (const step of [0.5, 1, 99, 100, 1e6, 1e12]) expect(schedule(step)).toBe(3e-4)
  })

  it('matches optax constant_schedule(5) at counts 0 and 100', () => {
    const schedule = constantSchedule({ value: 5 })
    expect([schedule(0), schedule(100)]).toEqual([5, 5])
  })

  it('allows a value of 0', () => {
    expect(constantSchedule({ value: 0 })(10)).toBe(0)
  })

  it('is constant, finite and non-negative for any valid value and step (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e12, noNaN: true }),
        (value, step) => {
          const result = constantSchedule({ value })(step)
          expect(result).toBe(value)
          expect(Number.isFinite(result) && result >= 0).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })

  it.each([
    ['a negative step', -1, 'step must be a finite number >= 0 (0-based optimizer step), got -1'],
    ['a NaN step', Number.NaN, 'step must be a finite number >= 0 (0-based optimizer step), got NaN'],
    [
      'an infinite step',
      Number.POSITIVE_INFINITY,
      'step must be a finite number >= 0 (0-based optimizer step), got Infinity',
    ],
  ])('rejects %s', (_case, step, message) => {
    const schedule = constantSchedule({ value: 1 })
    expectInvalidArgument(() => schedule(step), message)
  })

  it.each<[string, unknown, string]>([
    ['missing value', {}, 'value must be a finite number >= 0, got undefined'],
    ['negative value', { value: -0.1 }, 'value must be a finite number >= 0, got -0.1'],
    ['NaN value', { value: Number.NaN }, 'value must be a finite number >= 0, got NaN'],
    [
      'infinite value',
      { value: Number.POSITIVE_INFINITY },
      'value must be a finite number >= 0, got Infinity',
    ],
    ['string value', { value: '0.1' }, 'value must be a finite number >= 0, got "0.1"'],
    ['unknown option', { value: 1, valu: 2 }, 'valu is not an option of constantSchedule; allowed: value'],
    ['null options', null, 'options must be an options object, got null'],
    ['array options', [1], 'options must be an options object, got [1]'],
  ])('rejects %s', (_case, options, message) => {
    expectInvalidArgument(() => constantSchedule(options as ConstantScheduleOptions), message)
  })
})
