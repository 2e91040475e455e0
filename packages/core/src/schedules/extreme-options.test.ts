import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { schedule as compile } from '../specs/schedule'
import { constantSchedule } from './constant-schedule'
import { cosineRestartsSchedule } from './cosine-restarts-schedule'
import { cosineSchedule } from './cosine-schedule'
import { linearSchedule } from './linear-schedule'
import { oneCycleSchedule } from './one-cycle-schedule'
import { scaleSchedule } from './scale-schedule'
import { sequenceSchedule } from './sequence-schedule'
import type { Schedule } from './types'
import { upperBoundOf } from './upper-bound'
import { warmupSchedule } from './warmup-schedule'

const HUGE_STEPS = [0, 1, 5, 9, 10, 11, 1e6, 2 ** 53, 1e300, Number.MAX_VALUE]

function expectFiniteNonNegative(schedule: Schedule, steps: readonly number[] = HUGE_STEPS): void {
  for (const step of steps) {
    const value = schedule(step)
    expect(Number.isFinite(value) && value >= 0, `step ${step}: ${value}`).toBe(true)
  }
}

describe('scaleSchedule: factor × the largest value of the schedule must be finite', () => {
  it('rejects factor 1e308 over a schedule reaching 2, naming the option, value and allowed range', () => {
    expect(() => scaleSchedule({ schedule: constantSchedule({ value: 2 }), factor: 1e308 })).toThrow(
      new InvalidArgumentError({
        argument: 'factor',
        value: 1e308,
        message:
          'factor must be a number with factor × 2 finite (2 is the largest value of schedule; factor <= about 8.99e+307), got 1e+308',
      }),
    )
  })

  it('uses the largest value of the whole curve, not the value at step 0', () => {
    const rising = linearSchedule({ initValue: 0, endValue: 10, transitionSteps: 100 })
    expect(rising(0)).toBe(0)
    expect(() => scaleSchedule({ schedule: rising, factor: 1e308 })).toThrow(
      'factor must be a number with factor × 10 finite (10 is the largest value of schedule; factor <= about 1.80e+307), got 1e+308',
    )
    expectFiniteNonNegative(scaleSchedule({ schedule: rising, factor: 1e307 }))
  })

  it('sees through sequences, warmups and scales of scales', () => {
    const inner = sequenceSchedule({
      schedules: [
        constantSchedule({ value: 1 }),
        warmupSchedule({ schedule: constantSchedule({ value: 4 }), warmupSteps: 3 }),
      ],
      boundaries: [10],
    })
    expect(upperBoundOf(inner)).toBe(4)
    const once = scaleSchedule({ schedule: inner, factor: 1e300 })
    expect(upperBoundOf(once)).toBe(4e300)
    expect(() => scaleSchedule({ schedule: once, factor: 1e10 })).toThrow(
      'factor must be a number with factor × 4e+300 finite (4e+300 is the largest value of schedule; factor <= about 4.49e+7), got 10000000000',
    )
  })

  it('a spec reports the path: schedule.factor', () => {
    expect(() =>
      compile({
        kind: 'warmup',
        warmupSteps: 5,
        schedule: { kind: 'scale', factor: 1e308, schedule: { kind: 'constant', value: 3 } },
      }),
    ).toThrow(
      'schedule.factor must be a number with factor × 3 finite (3 is the largest value of schedule; factor <= about 5.99e+307), got 1e+308',
    )
  })

  it('a compiled spec keeps its bound for scaleSchedule', () => {
    const compiled = compile({ kind: 'cosine', initValue: 5, totalSteps: 10 })
    expect(() => scaleSchedule({ schedule: compiled, factor: 1e308 })).toThrow(
      /factor must be a number with factor × 5 finite/,
    )
  })

  it('over a user function (no known bound) an overflowing product throws when it happens', () => {
    const user: Schedule = (step) => (step < 10 ? 1 : 1e10)
    const scaled = scaleSchedule({ schedule: user, factor: 1e300 })
    expect(scaled(0)).toBe(1e300)
    expect(() => scaled(10)).toThrow(
      'factor × schedule(10) overflows: 1e+300 × 10000000000 is not a finite number; use a smaller factor',
    )
  })
})

describe('oneCycleSchedule: the start and final values must be finite', () => {
  it('rejects finalDivFactor 1e-320', () => {
    expect(() => oneCycleSchedule({ peakValue: 0.1, totalSteps: 100, finalDivFactor: 1e-320 })).toThrow(
      new InvalidArgumentError({
        argument: 'finalDivFactor',
        value: 1e-320,
        message:
          'finalDivFactor must be a number with peakValue / divFactor / finalDivFactor finite (the final value; finalDivFactor >= about 2.23e-311 for a start value of 0.004), got 1e-320',
      }),
    )
  })

  it('rejects a divFactor that makes the start value overflow', () => {
    expect(() => oneCycleSchedule({ peakValue: 10, totalSteps: 100, divFactor: 1e-308 })).toThrow(
      'divFactor must be a number with peakValue / divFactor finite (the start value; divFactor >= about 5.56e-308 for peakValue 10), got 1e-308',
    )
  })

  it('rejects extrapolating a rising linear last phase (it grows without bound)', () => {
    expect(() =>
      oneCycleSchedule({
        peakValue: 1,
        totalSteps: 100,
        threePhase: true,
        annealStrategy: 'linear',
        finalDivFactor: 0.5,
        afterEnd: 'extrapolate',
      }),
    ).toThrow(
      'afterEnd must be "clamp" when annealStrategy is "linear" and the last phase rises (from 0.04 to 0.08: finalDivFactor < 1), since extrapolating it grows without bound, got "extrapolate"',
    )
  })

  it('extrapolating a cosine phase stays finite at the largest steps', () => {
    expectFiniteNonNegative(oneCycleSchedule({ peakValue: 1, totalSteps: 100, afterEnd: 'extrapolate' }))
  })
})

describe('curves near the largest double stay finite', () => {
  it('cosineRestarts with endValue 1e308 (above the peak) stays within [initValue, endValue]', () => {
    const schedule = cosineRestartsSchedule({ initValue: 0, periodSteps: 10, endValue: 1e308 })
    expectFiniteNonNegative(schedule)
    expect(schedule(5)).toBe(5e307)
    expect(schedule(10)).toBe(0)
  })

  it('cosineRestarts returns (and does not hang) beyond 2^53 cycles', () => {
    expectFiniteNonNegative(
      cosineRestartsSchedule({ initValue: 1, periodSteps: 7, peakDecay: 0.5, endValue: 1e-3 }),
    )
    expectFiniteNonNegative(
      cosineRestartsSchedule({ initValue: 0.1, periodSteps: 2, periodMultiplier: Number.MAX_VALUE }),
    )
  })

  it('cosine with afterEnd "periodic" at steps where π·t overflows', () => {
    const schedule = cosineSchedule({ initValue: 1, totalSteps: 10, afterEnd: 'periodic' })
    expectFiniteNonNegative(schedule)
    // The period is 2T = 20: the value of step MAX_VALUE is that of step MAX_VALUE mod 20 (exact).
    expect(schedule(Number.MAX_VALUE)).toBeCloseTo(schedule(Number.MAX_VALUE % 20), 12)
  })

  it('an exponential warmup from 1e308 down to 1e-10 is finite at every step (geometric mean halfway)', () => {
    const schedule = warmupSchedule({
      schedule: constantSchedule({ value: 1e-10 }),
      warmupSteps: 10,
      initValue: 1e308,
      shape: 'exponential',
    })
    expectFiniteNonNegative(schedule)
    expect(schedule(0)).toBe(1e308)
    expect(schedule(5) / 1e149).toBeCloseTo(1, 10)
    expect(schedule(10)).toBe(1e-10)
  })

  it('an exponential warmup from 3e-323 up to 1e308 does not overflow on the way', () => {
    const schedule = warmupSchedule({
      schedule: constantSchedule({ value: 1e308 }),
      warmupSteps: 2,
      initValue: 3e-323,
      shape: 'exponential',
    })
    expectFiniteNonNegative(schedule)
  })

  it('an exponential warmup whose startFactor × schedule(0) underflows to 0 is rejected', () => {
    expect(() =>
      warmupSchedule({
        schedule: constantSchedule({ value: 1e-300 }),
        warmupSteps: 5,
        startFactor: 1e-30,
        shape: 'exponential',
      }),
    ).toThrow(
      'startFactor must be a number with startFactor × schedule(0) > 0 when shape is "exponential" (the start value underflows to 0; schedule(0) is 1e-300), got 1e-30',
    )
  })
})
