import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { LrKitError } from '../errors/lrkit-error'
import { nonNegativeInteger, numberInRange, oneOf, positiveInteger, scheduleStep } from './validate'

describe('validate', () => {
  it('names the argument, the value and what is allowed', () => {
    expect(() => positiveInteger('schedules[1].steps', -5)).toThrow(
      'schedules[1].steps must be a positive integer, got -5',
    )
    expect(() => nonNegativeInteger('warmupSteps', 1.5)).toThrow(
      'warmupSteps must be a non-negative integer, got 1.5',
    )
    expect(() => oneOf('mode', 'fast', ['min', 'max'])).toThrow(
      'mode must be one of "min", "max", got "fast"',
    )
    expect(() => numberInRange('factor', 1, { min: 0, max: 1, maxExclusive: true })).toThrow(
      'factor must be a number with 0 <= factor < 1, got 1',
    )
  })

  it('throws errors recognisable across package copies', () => {
    try {
      scheduleStep(-1)
      expect.unreachable()
    } catch (error) {
      expect(LrKitError.isInstance(error)).toBe(true)
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect((error as InvalidArgumentError).argument).toBe('step')
    }
    expect(LrKitError.isInstance(new Error('x'))).toBe(false)
  })

  it('rejects NaN and infinite steps', () => {
    expect(() => scheduleStep(Number.NaN)).toThrow(/step must be/)
    expect(() => scheduleStep(Number.POSITIVE_INFINITY)).toThrow(/step must be/)
    expect(scheduleStep(1e12)).toBe(1e12)
  })
})
