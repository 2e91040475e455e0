import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { schedule as compile } from '../specs/schedule'
import { clampSchedule } from './clamp-schedule'
import { constantSchedule } from './constant-schedule'
import { cosineRestartsSchedule } from './cosine-restarts-schedule'
import { cosineSchedule } from './cosine-schedule'
import { cyclicSchedule } from './cyclic-schedule'
import { exponentialSchedule } from './exponential-schedule'
import { inverseSqrtSchedule } from './inverse-sqrt-schedule'
import { linearSchedule } from './linear-schedule'
import { multiStepSchedule } from './multi-step-schedule'
import { oneCycleSchedule } from './one-cycle-schedule'
import { piecewiseConstantSchedule } from './piecewise-constant-schedule'
import { piecewiseInterpolateSchedule } from './piecewise-interpolate-schedule'
import { polynomialSchedule } from './polynomial-schedule'
import { scaleSchedule } from './scale-schedule'
import { sequenceSchedule } from './sequence-schedule'
import { stepSchedule } from './step-schedule'
import type { Schedule } from './types'
import { warmupSchedule } from './warmup-schedule'
import { warmupStableDecaySchedule } from './warmup-stable-decay-schedule'

const base = constantSchedule({ value: 0.1 })

/** One schedule per factory and per distinct evaluation path (each kind, each combinator branch). */
const schedules: ReadonlyArray<readonly [string, Schedule]> = [
  ['constant', base],
  ['linear', linearSchedule({ initValue: 0.1, endValue: 0, transitionSteps: 100 })],
  [
    'linear (transitionBegin)',
    linearSchedule({ initValue: 0.1, endValue: 0, transitionSteps: 100, transitionBegin: 5 }),
  ],
  ['polynomial', polynomialSchedule({ initValue: 0.1, transitionSteps: 100, exponent: 2 })],
  ['step', stepSchedule({ initValue: 0.1, stepSize: 10 })],
  ['multiStep', multiStepSchedule({ initValue: 0.1, milestones: [30, 60] })],
  ['exponential', exponentialSchedule({ initValue: 0.1, factor: 0.9 })],
  [
    'exponential (staircase)',
    exponentialSchedule({ initValue: 0.1, factor: 0.9, transitionSteps: 10, staircase: true }),
  ],
  ['cosine', cosineSchedule({ initValue: 0.1, totalSteps: 100 })],
  ['cosineRestarts', cosineRestartsSchedule({ initValue: 0.1, periodSteps: 10, periodMultiplier: 2 })],
  ['cyclic', cyclicSchedule({ initValue: 0.01, peakValue: 0.1, stepsUp: 10 })],
  ['oneCycle', oneCycleSchedule({ peakValue: 0.1, totalSteps: 100 })],
  ['inverseSqrt', inverseSqrtSchedule({ initValue: 0.1, timescale: 10 })],
  [
    'warmupStableDecay',
    warmupStableDecaySchedule({ peakValue: 0.1, warmupSteps: 10, stableSteps: 10, decaySteps: 10 }),
  ],
  ['piecewiseConstant', piecewiseConstantSchedule({ boundaries: [30], values: [0.1, 0.01] })],
  ['piecewiseInterpolate', piecewiseInterpolateSchedule({ boundaries: [0, 30], values: [0.1, 0.01] })],
  ['warmup (prepend)', warmupSchedule({ schedule: base, warmupSteps: 10 })],
  ['warmup (overlay)', warmupSchedule({ schedule: base, warmupSteps: 10, placement: 'overlay' })],
  ['warmup (0 steps)', warmupSchedule({ schedule: base, warmupSteps: 0 })],
  ['sequence', sequenceSchedule({ schedules: [base, base], boundaries: [10] })],
  ['sequence (one schedule)', sequenceSchedule({ schedules: [base], boundaries: [] })],
  ['scale', scaleSchedule({ schedule: base, factor: 2 })],
  ['clamp', clampSchedule({ schedule: base, maxValue: 0.05 })],
  ['schedule(spec)', compile({ kind: 'multiStep', initValue: 0.1, milestones: [30] })],
]

const notNumbers: ReadonlyArray<readonly [string, unknown, string]> = [
  ['a numeric string', '30', '"30"'],
  ['an empty string', '', '""'],
  ['null', null, 'null'],
  ['undefined', undefined, 'undefined'],
  ['true', true, 'true'],
  ['false', false, 'false'],
  ['an array', [5], '[5]'],
  ['an object with valueOf', { valueOf: () => 5 }, '{}'],
  ['a bigint', 5n, '5'],
]

describe('every schedule rejects a step that is not a number (no coercion)', () => {
  for (const [name, schedule] of schedules) {
    describe(name, () => {
      it.each(notNumbers)('%s', (_label, step, shown) => {
        const call = () => (schedule as (step: unknown) => number)(step)
        expect(call).toThrow(InvalidArgumentError)
        expect(call).toThrow(`step must be a finite number >= 0 (0-based optimizer step), got ${shown}`)
        try {
          call()
        } catch (error) {
          expect((error as InvalidArgumentError).argument).toBe('step')
          expect((error as InvalidArgumentError).value).toBe(step)
        }
      })
      it('still accepts the number', () => {
        expect(Number.isFinite(schedule(30))).toBe(true)
      })
    })
  }

  it("multiStep('30') no longer returns the value of another step", () => {
    const schedule = multiStepSchedule({ initValue: 1, milestones: [30], factor: 0.5 })
    expect(schedule(30)).toBe(0.5)
    expect(() => (schedule as (step: unknown) => number)('30')).toThrow(
      'step must be a finite number >= 0 (0-based optimizer step), got "30"',
    )
  })
})
