import { expectAllClose, expectClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { sequenceSchedule } from './sequence-schedule'
import type { Schedule } from './types'
import { warmupSchedule } from './warmup-schedule'

const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

/** Clamped cosine from `initValue` to 0 over `steps` (optax `cosine_decay_schedule`). */
const cosine =
  (initValue: number, steps: number): Schedule =>
  (step) =>
    (initValue * (1 + Math.cos((Math.PI * Math.min(step, steps)) / steps))) / 2

describe('sequenceSchedule', () => {
  it('matches PyTorch SequentialLR([ConstantLR(0.1, 2), ExponentialLR(0.9)], [2]), base 1 [V]', () => {
    const constantLR: Schedule = (step) => (step < 2 ? 0.1 : 1)
    const exponentialLR: Schedule = (step) => 0.9 ** step
    const schedule = sequenceSchedule({ schedules: [constantLR, exponentialLR], boundaries: [2] })
    expectAllClose(evaluate(schedule, range(6)), [0.1, 0.1, 1, 0.9, 0.81, 0.729], { rtol: 1e-12 })
  })

  it('matches optax sgdr_schedule([{0, 1, warmup 1, decay 4}, {0, 0.5, warmup 1, decay 6}]) [V]', () => {
    // Each cycle is warmup_cosine_decay_schedule: decay_steps includes the warmup.
    const first = warmupSchedule({ schedule: cosine(1, 4 - 1), warmupSteps: 1 })
    const second = warmupSchedule({ schedule: cosine(0.5, 6 - 1), warmupSteps: 1 })
    const schedule = sequenceSchedule({ schedules: [first, second], boundaries: [4] })
    expectAllClose(
      evaluate(schedule, range(12)),
      [0, 1, 0.75, 0.25, 0, 0.5, 0.4522542486, 0.3272542486, 0.1727457514, 0.04774575141, 0, 0],
      { rtol: 1e-9, atol: 1e-15 },
    )
  })

  it('schedule i sees step − boundaries[i − 1] (optax join_schedules)', () => {
    const identity: Schedule = (step) => step
    const schedule = sequenceSchedule({ schedules: [identity, identity, identity], boundaries: [3, 10] })
    expect(evaluate(schedule, [0, 2, 3, 4, 9, 10, 11, 1e12])).toEqual([0, 2, 0, 1, 6, 0, 1, 1e12 - 10])
    expect(schedule(2.5)).toBe(2.5)
    expect(schedule(9.75)).toBe(6.75)
  })

  it('last step of a schedule, first step of the next, past the last boundary, 1e12 steps', () => {
    const schedule = sequenceSchedule({ schedules: [() => 1, (step) => 0.5 * 0.5 ** step], boundaries: [5] })
    expect(schedule(0)).toBe(1) // step 0
    expect(schedule(4)).toBe(1) // last step of the first schedule
    expect(schedule(5)).toBe(0.5) // first step of the second
    expect(schedule(7)).toBe(0.125) // past the boundary
    expect(schedule(1e12)).toBe(0)
  })

  it('a boundary at 0 skips the first schedule', () => {
    const schedule = sequenceSchedule({ schedules: [() => 9, () => 1], boundaries: [0] })
    expect(schedule(0)).toBe(1)
    expect(schedule(100)).toBe(1)
  })

  it('copies its arguments: later mutation of the arrays has no effect', () => {
    const schedules: Schedule[] = [() => 1, () => 2]
    const boundaries = [3]
    const schedule = sequenceSchedule({ schedules, boundaries })
    schedules[1] = () => 7
    boundaries[0] = 100
    expect(schedule(3)).toBe(2)
  })

  it('many schedules: equals a linear search over the boundaries', () => {
    const boundaries = [1, 2, 5, 9, 20, 21, 50, 100]
    const schedules = Array.from(
      { length: boundaries.length + 1 },
      (_, index): Schedule =>
        (step) =>
          index + step / 1000,
    )
    const schedule = sequenceSchedule({ schedules, boundaries })
    for (let step = 0; step < 120; step += 0.5) {
      let index = 0
      for (let i = 0; i < boundaries.length; i++) if (step >= boundaries[i]!) index = i + 1
      const offset = index === 0 ? 0 : boundaries[index - 1]!
      expectClose(schedule(step), index + (step - offset) / 1000, { label: `step ${step}` })
    }
  })

  it('property: sequence([s], []) ≡ s', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (initValue, steps, step) => {
          const inner = cosine(initValue, steps)
          expect(sequenceSchedule({ schedules: [inner], boundaries: [] })(step)).toBe(inner(step))
        },
      ),
      { numRuns: 200 },
    )
  })

  it('property: continuous at a boundary when the next schedule starts where the previous ends', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (start, peak, boundary) => {
          const ramp: Schedule = (step) => start + ((peak - start) * step) / boundary
          const schedule = sequenceSchedule({ schedules: [ramp, cosine(peak, 50)], boundaries: [boundary] })
          expect(schedule(boundary)).toBe(peak)
          expect(Math.abs(schedule(boundary - 1e-6) - peak)).toBeLessThanOrEqual(
            (Math.abs(peak - start) * 1e-6) / boundary + 1e-12,
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  describe('rejects invalid options', () => {
    const one: Schedule = () => 1
    const cases: [Record<string, unknown>, string, string][] = [
      [
        { schedules: one, boundaries: [] },
        'schedules',
        'schedules must be a non-empty array of schedules, got a function',
      ],
      [
        { schedules: [], boundaries: [] },
        'schedules',
        'schedules must be a non-empty array of schedules, got []',
      ],
      [{ boundaries: [] }, 'schedules', 'schedules must be a non-empty array of schedules, got undefined'],
      [{ schedules: [one, 3], boundaries: [2] }, 'schedules[1]', 'schedules[1] must be a function, got 3'],
      [
        { schedules: [one, one], boundaries: [3, 4] },
        'boundaries',
        'boundaries must be an array of 1 step (schedules.length - 1), got [3,4]',
      ],
      [
        { schedules: [one, one, one] },
        'boundaries',
        'boundaries must be an array of 2 steps (schedules.length - 1), got undefined',
      ],
      [
        { schedules: [one], boundaries: [1] },
        'boundaries',
        'boundaries must be an array of 0 steps (schedules.length - 1), got [1]',
      ],
      [
        { schedules: [one, one], boundaries: [-1] },
        'boundaries[0]',
        'boundaries[0] must be a non-negative integer, got -1',
      ],
      [
        { schedules: [one, one, one], boundaries: [2, 2.5] },
        'boundaries[1]',
        'boundaries[1] must be a non-negative integer, got 2.5',
      ],
      [
        { schedules: [one, one, one], boundaries: [3, 3] },
        'boundaries[1]',
        'boundaries[1] must be an integer > boundaries[0] (3), got 3',
      ],
      [
        { schedules: [one, one, one, one], boundaries: [1, 5, 4] },
        'boundaries[2]',
        'boundaries[2] must be an integer > boundaries[1] (5), got 4',
      ],
      [
        { schedules: [one], boundaries: [], milestones: [] },
        'milestones',
        'milestones is not an option of sequenceSchedule; allowed: schedules, boundaries',
      ],
    ]
    for (const [options, argument, message] of cases) {
      it(message, () => {
        expect(() => sequenceSchedule(options as never)).toThrow(message)
        try {
          sequenceSchedule(options as never)
        } catch (error) {
          expect(InvalidArgumentError.isInstance(error)).toBe(true)
          expect((error as InvalidArgumentError).argument).toBe(argument)
        }
      })
    }

    it('options must be an options object', () => {
      expect(() => sequenceSchedule(null as never)).toThrow('options must be an options object, got null')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      for (const schedule of [
        sequenceSchedule({ schedules: [one], boundaries: [] }),
        sequenceSchedule({ schedules: [one, one], boundaries: [1] }),
      ]) {
        expect(() => schedule(-1)).toThrow(
          'step must be a finite number >= 0 (0-based optimizer step), got -1',
        )
        expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
        expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
      }
    })
  })
})
