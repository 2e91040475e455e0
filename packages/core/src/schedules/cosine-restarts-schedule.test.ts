import { expectAllClose, expectClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { cosineRestartsSchedule } from './cosine-restarts-schedule'
import type { Schedule } from './types'

const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

/** Independent reference: walk the cycles one by one (no logarithms). */
function reference(
  step: number,
  options: { I: number; P: number; m: number; d: number; E: number; maxCycles?: number },
): number {
  let start = 0
  let length = options.P
  let cycle = 0
  while (step >= start + length) {
    start += length
    length *= options.m
    cycle += 1
  }
  if (options.maxCycles !== undefined && cycle >= options.maxCycles) return options.E
  const peak = options.I * options.d ** cycle
  return options.E + ((peak - options.E) * (1 + Math.cos((Math.PI * (step - start)) / length))) / 2
}

describe('cosineRestartsSchedule', () => {
  it('matches PyTorch CosineAnnealingWarmRestarts(T_0=3, T_mult=2), base 0.1 [V]', () => {
    const schedule = cosineRestartsSchedule({ initValue: 0.1, periodSteps: 3, periodMultiplier: 2 })
    expectAllClose(
      evaluate(schedule, range(13)),
      [
        0.1, 0.075, 0.025, 0.1, 0.09330127019, 0.075, 0.05, 0.025, 0.006698729811, 0.1, 0.09829629131,
        0.09330127019, 0.08535533906,
      ],
      { rtol: 1e-9 },
    )
  })

  it('matches Keras CosineDecayRestarts(1.0, 3, t_mul=2, m_mul=0.5) (alpha 0) [V]', () => {
    const schedule = cosineRestartsSchedule({
      initValue: 1,
      periodSteps: 3,
      periodMultiplier: 2,
      peakDecay: 0.5,
    })
    expectAllClose(
      evaluate(schedule, range(12)),
      [1, 0.75, 0.25, 0.5, 0.4665063509, 0.375, 0.25, 0.125, 0.03349364905, 0.25, 0.2457407283, 0.2332531755],
      { rtol: 1e-9 },
    )
  })

  it('matches Keras CosineDecayRestarts(1.0, 3, t_mul=1, m_mul=1) [V]', () => {
    const schedule = cosineRestartsSchedule({ initValue: 1, periodSteps: 3 })
    expectAllClose(evaluate(schedule, range(8)), [1, 0.75, 0.25, 1, 0.75, 0.25, 1, 0.75], { rtol: 1e-9 })
  })

  it('matches timm CosineLRScheduler(t_initial=4, cycle_mul=2, cycle_decay=0.5, cycle_limit=3), base 0.1 [V]', () => {
    const schedule = cosineRestartsSchedule({
      initValue: 0.1,
      periodSteps: 4,
      periodMultiplier: 2,
      peakDecay: 0.5,
      maxCycles: 3,
    })
    expectAllClose(
      evaluate(schedule, [0, 1, 2, 3, 4, 5, 12, 28, 29, 100]),
      [0.1, 0.08535533906, 0.05, 0.01464466094, 0.05, 0.04809698831, 0.025, 0, 0, 0],
      { rtol: 1e-9 },
    )
  })

  it('matches timm cycle_limit=1 with lr_min (one cycle, then lr_min)', () => {
    const schedule = cosineRestartsSchedule({
      initValue: 0.1,
      periodSteps: 10,
      endValue: 0.001,
      maxCycles: 1,
    })
    expectAllClose(
      evaluate(schedule, range(12)),
      [
        0.1, 0.09757729756, 0.09054634122, 0.07959536999, 0.06579634122, 0.0505, 0.03520365878, 0.02140463001,
        0.01045365878, 0.003422702443, 0.001, 0.001,
      ],
      { rtol: 1e-9 },
    )
  })

  it('equals the cycle-by-cycle closed form for integer and real multipliers', () => {
    for (const [m, d, E] of [
      [1, 1, 0],
      [2, 0.7, 0.01],
      [1.5, 1, 0.02],
      [3, 0.5, 0],
      [1.1, 0.9, 0.005],
    ] as const) {
      const schedule = cosineRestartsSchedule({
        initValue: 0.1,
        periodSteps: 5,
        periodMultiplier: m,
        peakDecay: d,
        endValue: E,
      })
      for (let step = 0; step < 400; step += 0.5) {
        expectClose(schedule(step), reference(step, { I: 0.1, P: 5, m, d, E }), {
          rtol: 1e-12,
          atol: 1e-15,
          label: `m=${m} step ${step}`,
        })
      }
    }
  })

  it('step 0 is initValue', () => {
    expect(cosineRestartsSchedule({ initValue: 0.3, periodSteps: 7, endValue: 0.1 })(0)).toBe(0.3)
  })

  it('last step of a cycle is just above endValue, the first step of the next is its peak', () => {
    const schedule = cosineRestartsSchedule({
      initValue: 1,
      periodSteps: 4,
      periodMultiplier: 2,
      peakDecay: 0.5,
      endValue: 0.1,
    })
    expectClose(schedule(3), 0.1 + 0.9 * ((1 + Math.cos((3 * Math.PI) / 4)) / 2))
    expect(schedule(4)).toBe(0.5)
    expectClose(schedule(11), 0.1 + 0.4 * ((1 + Math.cos((7 * Math.PI) / 8)) / 2))
    expect(schedule(12)).toBe(0.25)
  })

  it('every cycle starts exactly at its boundary despite float error in the logarithm', () => {
    // log(1000)/log(10) = 2.9999999999999996: step 111 would be put in cycle 2 without the correction.
    const schedule = cosineRestartsSchedule({ initValue: 1, periodSteps: 1, periodMultiplier: 10 })
    let start = 0
    let length = 1
    for (let cycle = 0; cycle < 12; cycle++) {
      expect(schedule(start), `start of cycle ${cycle}`).toBe(1)
      if (start > 0) expect(schedule(start - 0.5), `before cycle ${cycle}`).toBeLessThan(1)
      start += length
      length *= 10
    }
    for (const m of [3, 5, 7, 1.5, 1.25]) {
      const other = cosineRestartsSchedule({ initValue: 1, periodSteps: 2, periodMultiplier: m })
      for (let cycle = 0; ; cycle++) {
        const boundary = (2 * (m ** cycle - 1)) / (m - 1)
        if (boundary > 1e12) break
        expect(other(boundary), `m=${m} boundary of cycle ${cycle}`).toBe(1)
        const first = Math.ceil(boundary)
        expectClose(other(first), reference(first, { I: 1, P: 2, m, d: 1, E: 0 }), {
          rtol: 1e-9,
          atol: 1e-12,
          label: `m=${m} first step of cycle ${cycle}`,
        })
      }
    }
  })

  it('accepts fractional steps (PyTorch step(epoch) with fractional epochs)', () => {
    const schedule = cosineRestartsSchedule({ initValue: 0.1, periodSteps: 3, periodMultiplier: 2 })
    expectClose(schedule(4.5), 0.05 * (1 + Math.cos(Math.PI / 4)))
    expectClose(schedule(2.9999), 0.05 * (1 + Math.cos((Math.PI * 2.9999) / 3)))
  })

  it('maxCycles holds endValue from the first step after the last cycle', () => {
    const schedule = cosineRestartsSchedule({ initValue: 1, periodSteps: 3, maxCycles: 2, endValue: 0.2 })
    expect(schedule(3)).toBe(1)
    expect(schedule(5)).toBeGreaterThan(0.2)
    expect(schedule(6)).toBe(0.2)
    expect(schedule(1e12)).toBe(0.2)
  })

  it('1e12 steps: finite, within bounds', () => {
    for (const options of [
      { initValue: 0.1, periodSteps: 3 },
      { initValue: 0.1, periodSteps: 3, periodMultiplier: 2, peakDecay: 0.5 },
      { initValue: 0.1, periodSteps: 1, periodMultiplier: 1.0000001, endValue: 0.01 },
      { initValue: 0.1, periodSteps: 1, periodMultiplier: 1e300 },
    ]) {
      const value = cosineRestartsSchedule(options)(1e12)
      expect(Number.isFinite(value)).toBe(true)
      expect(value).toBeGreaterThanOrEqual(0)
      expect(value).toBeLessThanOrEqual(0.1)
    }
    // m = 1: 1e12 = 333333333333·3 + 1 → second step of a cycle.
    expectClose(cosineRestartsSchedule({ initValue: 0.1, periodSteps: 3 })(1e12), 0.075, { rtol: 1e-9 })
  })

  it('property: finite, non-negative and bounded by [min(E, peak_i), max(I, E)]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 1, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (I, P, m, d, E, step) => {
          const value = cosineRestartsSchedule({
            initValue: I,
            periodSteps: P,
            periodMultiplier: m,
            peakDecay: d,
            endValue: E,
          })(step)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(Math.max(I, E) * (1 + 1e-12) + 1e-300)
          if (d === 1) expect(value).toBeGreaterThanOrEqual(Math.min(I, E) * (1 - 1e-12) - 1e-300)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('property: periodic with period P when periodMultiplier = peakDecay = 1', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 0, max: 10_000 }), (P, step) => {
        const schedule = cosineRestartsSchedule({ initValue: 0.5, periodSteps: P, endValue: 0.05 })
        expectClose(schedule(step + P), schedule(step), { rtol: 1e-12, atol: 1e-15 })
      }),
      { numRuns: 100 },
    )
  })

  describe('rejects invalid options', () => {
    const base = { initValue: 0.1, periodSteps: 3 }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, initValue: -1 }, 'initValue must be a finite number >= 0, got -1'],
      [{ ...base, initValue: Number.NaN }, 'initValue must be a finite number >= 0, got NaN'],
      [{ periodSteps: 3 }, 'initValue must be a finite number >= 0, got undefined'],
      [{ ...base, periodSteps: 0 }, 'periodSteps must be a positive integer, got 0'],
      [{ ...base, periodSteps: 2.5 }, 'periodSteps must be a positive integer, got 2.5'],
      [
        { ...base, periodMultiplier: 0.5 },
        'periodMultiplier must be a number with 1 <= periodMultiplier, got 0.5',
      ],
      [
        { ...base, periodMultiplier: Number.POSITIVE_INFINITY },
        'periodMultiplier must be a number with 1 <= periodMultiplier, got Infinity',
      ],
      [{ ...base, peakDecay: 1.5 }, 'peakDecay must be a number with 0 <= peakDecay <= 1, got 1.5'],
      [{ ...base, peakDecay: -0.1 }, 'peakDecay must be a number with 0 <= peakDecay <= 1, got -0.1'],
      [{ ...base, endValue: -0.01 }, 'endValue must be a finite number >= 0, got -0.01'],
      [{ ...base, maxCycles: 0 }, 'maxCycles must be a positive integer, got 0'],
      [{ ...base, maxCycles: 1.5 }, 'maxCycles must be a positive integer, got 1.5'],
      [
        { ...base, tMult: 2 },
        'tMult is not an option of cosineRestartsSchedule; allowed: initValue, periodSteps, periodMultiplier, peakDecay, endValue, maxCycles',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => cosineRestartsSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => cosineRestartsSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => cosineRestartsSchedule(null as never)).toThrow(
        'options must be an options object, got null',
      )
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = cosineRestartsSchedule(base)
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})

describe('cosineRestartsSchedule cycle cache', () => {
  it('gives the same value in any evaluation order as a fresh schedule per step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 1, max: 3, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 5000 }), { minLength: 1, maxLength: 60 }),
        (periodSteps, periodMultiplier, steps) => {
          const options = { initValue: 0.1, endValue: 0.001, periodSteps, periodMultiplier, peakDecay: 0.8 }
          const shared = cosineRestartsSchedule(options)
          for (const step of steps) expect(shared(step)).toBe(cosineRestartsSchedule(options)(step))
        },
      ),
      { numRuns: 100 },
    )
  })
})
