import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { cyclicSchedule } from './cyclic-schedule'
import type { Schedule } from './types'

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index)
const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

/** Independent reference: position within the cycle by integer arithmetic. */
function reference(
  step: number,
  options: {
    b: number
    p: number
    up: number
    down: number
    scale: (cycleIndex: number, step: number) => number
  },
): number {
  const size = options.up + options.down
  const cycleIndex = Math.floor(step / size)
  const position = step - cycleIndex * size
  const height = position <= options.up ? position / options.up : (size - position) / options.down
  return options.b + (options.p - options.b) * height * options.scale(cycleIndex, step)
}

describe('cyclicSchedule', () => {
  it('matches PyTorch CyclicLR(0.01, 0.1, step_size_up=4) triangular [V]', () => {
    const schedule = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4 })
    expectAllClose(
      evaluate(schedule, range(0, 16)),
      [
        0.01, 0.0325, 0.055, 0.0775, 0.1, 0.0775, 0.055, 0.0325, 0.01, 0.0325, 0.055, 0.0775, 0.1, 0.0775,
        0.055, 0.0325, 0.01,
      ],
      { rtol: 1e-9 },
    )
  })

  it('matches PyTorch CyclicLR triangular2 at t = 8…16 [V]', () => {
    const schedule = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4, mode: 'triangular2' })
    expectAllClose(
      evaluate(schedule, range(8, 16)),
      [0.01, 0.02125, 0.0325, 0.04375, 0.055, 0.04375, 0.0325, 0.02125, 0.01],
      { rtol: 1e-9 },
    )
    expectAllClose(evaluate(schedule, range(0, 4)), [0.01, 0.0325, 0.055, 0.0775, 0.1], { rtol: 1e-9 })
  })

  it('matches PyTorch CyclicLR exp_range gamma 0.9 at t = 0…16 [V]', () => {
    const schedule = cyclicSchedule({
      initValue: 0.01,
      peakValue: 0.1,
      stepsUp: 4,
      mode: 'expRange',
      gamma: 0.9,
    })
    expectAllClose(
      evaluate(schedule, range(0, 16)),
      [
        0.01, 0.03025, 0.04645, 0.0592075, 0.069049, 0.049858075, 0.033914845, 0.02076168025, 0.01,
        0.018716961, 0.0256905298, 0.03118221524, 0.03541865828, 0.02715759434, 0.0202945566, 0.01463255047,
        0.01,
      ],
      { rtol: 1e-9 },
    )
  })

  it('equals the integer-arithmetic closed form for asymmetric cycles in every mode', () => {
    const modes = [
      ['triangular', () => 1],
      ['triangular2', (cycleIndex: number) => 1 / 2 ** cycleIndex],
      ['expRange', (_: number, step: number) => 0.99 ** step],
    ] as const
    for (const [mode, scale] of modes) {
      const schedule = cyclicSchedule({
        initValue: 0.001,
        peakValue: 0.006,
        stepsUp: 3,
        stepsDown: 7,
        mode,
        gamma: 0.99,
      })
      for (let step = 0; step <= 100; step++) {
        expectClose(schedule(step), reference(step, { b: 0.001, p: 0.006, up: 3, down: 7, scale }), {
          rtol: 1e-12,
          label: `${mode} step ${step}`,
        })
      }
    }
  })

  it('step 0 is initValue, step stepsUp the peak, step stepsUp + stepsDown initValue again', () => {
    const schedule = cyclicSchedule({ initValue: 0.2, peakValue: 0.8, stepsUp: 5, stepsDown: 3 })
    expect(schedule(0)).toBe(0.2)
    expectClose(schedule(5), 0.8)
    expectClose(schedule(8), 0.2)
    expectClose(schedule(13), 0.8)
  })

  it('defaults: stepsUp 2000, stepsDown = stepsUp, triangular', () => {
    const schedule = cyclicSchedule({ initValue: 0, peakValue: 1 })
    expect(schedule(1000)).toBe(0.5)
    expect(schedule(2000)).toBe(1)
    expect(schedule(3000)).toBe(0.5)
    expect(schedule(4000)).toBe(0)
  })

  it('stepsDown 0 is a saw-tooth', () => {
    const schedule = cyclicSchedule({ initValue: 0, peakValue: 1, stepsUp: 4, stepsDown: 0 })
    expectAllClose(evaluate(schedule, range(0, 8)), [0, 0.25, 0.5, 0.75, 0, 0.25, 0.5, 0.75, 0])
  })

  it('initValue = peakValue is constant', () => {
    const schedule = cyclicSchedule({ initValue: 0.3, peakValue: 0.3, stepsUp: 2, mode: 'triangular2' })
    for (let step = 0; step < 20; step++) expect(schedule(step)).toBe(0.3)
  })

  it('fractional steps interpolate', () => {
    const schedule = cyclicSchedule({ initValue: 0, peakValue: 1, stepsUp: 4 })
    expectClose(schedule(1.5), 0.375)
    expectClose(schedule(6.5), 0.375)
  })

  it('1e12 steps: finite, within bounds; decaying modes approach initValue', () => {
    const triangular = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4 })
    expectClose(triangular(1e12), 0.01) // 1e12 is a multiple of 8
    expectClose(triangular(1e12 + 4), 0.1)
    const halved = cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 4, mode: 'triangular2' })
    expect(halved(1e12 + 4)).toBe(0.01)
    const exponential = cyclicSchedule({
      initValue: 0.01,
      peakValue: 0.1,
      stepsUp: 4,
      mode: 'expRange',
      gamma: 0.9,
    })
    expect(exponential(1e12 + 4)).toBe(0.01)
  })

  it('property: finite and within [initValue, peakValue]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 5000 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.constantFrom('triangular', 'triangular2', 'expRange'),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (a, b, up, down, mode, gamma, step) => {
          const initValue = Math.min(a, b)
          const peakValue = Math.max(a, b)
          const value = cyclicSchedule({ initValue, peakValue, stepsUp: up, stepsDown: down, mode, gamma })(
            step,
          )
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(initValue)
          expect(value).toBeLessThanOrEqual(peakValue * (1 + 1e-12) + 1e-300)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const base = { initValue: 0.01, peakValue: 0.1 }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, initValue: -0.01 }, 'initValue must be a finite number >= 0, got -0.01'],
      [{ peakValue: 0.1 }, 'initValue must be a finite number >= 0, got undefined'],
      [
        { ...base, peakValue: Number.POSITIVE_INFINITY },
        'peakValue must be a finite number >= 0, got Infinity',
      ],
      [{ ...base, peakValue: 0.001 }, 'peakValue must be a finite number >= initValue (0.01), got 0.001'],
      [{ ...base, stepsUp: 0 }, 'stepsUp must be a positive integer, got 0'],
      [{ ...base, stepsUp: 2.5 }, 'stepsUp must be a positive integer, got 2.5'],
      [{ ...base, stepsDown: -1 }, 'stepsDown must be a non-negative integer, got -1'],
      [
        { ...base, mode: 'exp_range' },
        'mode must be one of "triangular", "triangular2", "expRange", got "exp_range"',
      ],
      [{ ...base, gamma: 0 }, 'gamma must be a number with 0 < gamma <= 1, got 0'],
      [{ ...base, gamma: 1.1 }, 'gamma must be a number with 0 < gamma <= 1, got 1.1'],
      [
        { ...base, baseLr: 0.01 },
        'baseLr is not an option of cyclicSchedule; allowed: initValue, peakValue, stepsUp, stepsDown, mode, gamma',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => cyclicSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => cyclicSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => cyclicSchedule([] as never)).toThrow('options must be an options object, got []')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = cyclicSchedule(base)
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
