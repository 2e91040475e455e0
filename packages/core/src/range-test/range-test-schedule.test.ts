import { expectAllClose, expectClose, expectInvalidArgument } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { rangeTestSchedule } from './range-test-schedule'

describe('rangeTestSchedule', () => {
  it('follows fastai sched_exp: start·(end/start)^(i/num_it) at step 0, 50 and the last step 99', () => {
    const sweep = rangeTestSchedule()
    expect(sweep(0)).toBe(1e-7)
    expectClose(sweep(50), 1e-3, { rtol: 1e-12 })
    expectClose(sweep(99), 10 * 1e-8 ** (1 / 100), { rtol: 1e-12 })
    expectClose(sweep(99), 8.317637711026709, { rtol: 1e-12 })
    expect(sweep.values).toHaveLength(100)
    expectAllClose(
      sweep.values,
      Array.from({ length: 100 }, (_, i) => 1e-7 * 1e8 ** (i / 100)),
      { rtol: 1e-12 },
    )
  })

  it('ends exactly at endValue with includeEnd (torch-lr-finder)', () => {
    const sweep = rangeTestSchedule({ startValue: 1e-4, endValue: 1, steps: 5, includeEnd: true })
    expectAllClose(sweep.values, [1e-4, 1e-3, 1e-2, 1e-1, 1], { rtol: 1e-12 })
    expect(sweep(4)).toBe(1)
  })

  it('sweeps linearly in linear mode', () => {
    const sweep = rangeTestSchedule({ startValue: 0.1, endValue: 1.1, steps: 10, mode: 'linear' })
    expectAllClose(sweep.values.slice(0, 3), [0.1, 0.2, 0.3], { rtol: 1e-12 })
    expectClose(sweep(9), 1.0, { rtol: 1e-12 })
  })

  it('clamps past the end and at 1e12 steps', () => {
    const sweep = rangeTestSchedule({ steps: 10 })
    expect(sweep(10)).toBe(sweep(9))
    expect(sweep(1e12)).toBe(sweep(9))
  })

  it.each([
    [{ startValue: 0 }, 'startValue must be a finite number > 0, got 0'],
    [{ startValue: -1 }, 'startValue must be a finite number > 0, got -1'],
    [{ endValue: 1e-8 }, 'endValue must be a number > startValue (1e-7), got 1e-8'],
    [{ startValue: 1, endValue: 1 }, 'endValue must be a number > startValue (1), got 1'],
    [{ steps: 1 }, 'steps must be an integer >= 2, got 1'],
    [{ steps: 2.5 }, 'steps must be a positive integer, got 2.5'],
    [{ mode: 'cosine' }, 'mode must be one of "exponential", "linear", got "cosine"'],
    [{ includeEnd: 1 }, 'includeEnd must be true or false, got 1'],
    [
      { step: 5 },
      'step is not an option of rangeTestSchedule; allowed: startValue, endValue, steps, mode, includeEnd',
    ],
  ])('rejects %j', (options, message) => {
    expectInvalidArgument(() => rangeTestSchedule(options as never), message)
  })

  it.each([
    [
      { startValue: 1e-300, endValue: 1e300 },
      'endValue / startValue overflows (1e+300 / 1e-300 = Infinity): the exponential sweep from startValue 1e-300 to endValue 1e+300 over 100 steps would use the learning rate Infinity at step 1; every rate must be a finite number > 0, so lower endValue or raise startValue',
    ],
    [
      { startValue: 1e-300, endValue: 1e300, steps: 3, includeEnd: true },
      'endValue / startValue overflows (1e+300 / 1e-300 = Infinity): the exponential sweep from startValue 1e-300 to endValue 1e+300 over 3 steps would use the learning rate Infinity at step 1; every rate must be a finite number > 0, so lower endValue or raise startValue',
    ],
    [
      { startValue: 5e-324, endValue: 1, steps: 10 },
      'endValue / startValue overflows (1 / 5e-324 = Infinity): the exponential sweep from startValue 5e-324 to endValue 1 over 10 steps would use the learning rate Infinity at step 1; every rate must be a finite number > 0, so lower endValue or raise startValue',
    ],
  ])('rejects a sweep whose rates overflow, naming endValue and startValue: %j', (options, message) => {
    expectInvalidArgument(() => rangeTestSchedule(options), message)
  })

  it('accepts the widest sweeps whose rates stay finite', () => {
    // The ratio 1e308 is finite: every rate is.
    const wide = rangeTestSchedule({ startValue: 1e-8, endValue: 1e300, steps: 50, includeEnd: true })
    expect(wide.values.every((value) => Number.isFinite(value) && value > 0)).toBe(true)
    expect(wide.values.at(-1)).toBe(1e300)
    // A linear sweep never forms the ratio.
    const linear = rangeTestSchedule({ startValue: 1e-300, endValue: 1e300, steps: 5, mode: 'linear' })
    expect(linear.values).toEqual([1e-300, 2e299, 4e299, 6e299, 8e299])
  })

  it('rejects a negative step at evaluation', () => {
    expectInvalidArgument(
      () => rangeTestSchedule()(-1),
      'step must be a finite number >= 0 (0-based optimizer step), got -1',
    )
  })
})
