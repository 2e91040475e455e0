import { expectAllClose, expectClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { cosineRestartsSchedule } from './cosine-restarts-schedule'
import type { Schedule } from './types'
import { warmupSchedule } from './warmup-schedule'

const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

/** Cosine from `initValue` to `endValue` over `steps`, clamped (optax / Keras) or periodic (PyTorch, HF). */
const cosine =
  (initValue: number, steps: number, endValue = 0, periodic = false): Schedule =>
  (step) => {
    const t = periodic ? step : Math.min(step, steps)
    return endValue + ((initValue - endValue) * (1 + Math.cos((Math.PI * t) / steps))) / 2
  }

describe('warmupSchedule', () => {
  it('matches PyTorch SequentialLR([LinearLR(0.25, 1, 3), CosineAnnealingLR(5)], [3]), base 1 [V]', () => {
    const schedule = warmupSchedule({ schedule: cosine(1, 5, 0, true), warmupSteps: 3, startFactor: 0.25 })
    expectAllClose(
      evaluate(schedule, range(11)),
      [
        0.25, 0.5, 0.75, 1, 0.9045084972, 0.6545084972, 0.3454915028, 0.09549150281, 0, 0.09549150281,
        0.3454915028,
      ],
      { rtol: 1e-9, atol: 1e-15 },
    )
  })

  it('matches Keras CosineDecay(0.0, 8, warmup_target=1.0, warmup_steps=2) [V]', () => {
    const schedule = warmupSchedule({ schedule: cosine(1, 8), warmupSteps: 2 })
    expectAllClose(
      evaluate(schedule, range(12)),
      [
        0, 0.5, 1, 0.9619397663, 0.8535533906, 0.6913417162, 0.5, 0.3086582838, 0.1464466094, 0.03806023374,
        0, 0,
      ],
      { rtol: 1e-9, atol: 1e-15 },
    )
  })

  it('matches optax warmup_cosine_decay_schedule(0, 1, warmup_steps=2, decay_steps=10, end_value=0.1) [V]', () => {
    // optax's decay_steps includes the warmup: the cosine runs for 10 − 2 steps.
    const schedule = warmupSchedule({ schedule: cosine(1, 10 - 2, 0.1), warmupSteps: 2, initValue: 0 })
    expectAllClose(
      evaluate(schedule, range(12)),
      [
        0, 0.5, 1, 0.9657457896, 0.8681980515, 0.7222075446, 0.55, 0.3777924554, 0.2318019485, 0.1342542104,
        0.1, 0.1,
      ],
      { rtol: 1e-9 },
    )
  })

  it('matches HF constant_with_warmup W=3, linear W=2 T=10 and cosine W=2 T=10 (not clamped) [V]', () => {
    const constant = warmupSchedule({ schedule: () => 1, warmupSteps: 3 })
    expectAllClose(evaluate(constant, range(6)), [0, 0.3333333333, 0.6666666667, 1, 1, 1], { rtol: 1e-9 })
    const linear = warmupSchedule({ schedule: (step) => Math.max(0, 1 - step / 8), warmupSteps: 2 })
    expectAllClose(
      evaluate(linear, range(12)),
      [0, 0.5, 1, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0],
      { rtol: 1e-9 },
    )
    const periodic = warmupSchedule({ schedule: cosine(1, 8, 0, true), warmupSteps: 2 })
    expectAllClose(
      evaluate(periodic, range(15)),
      [
        0, 0.5, 1, 0.9619397663, 0.8535533906, 0.6913417162, 0.5, 0.3086582838, 0.1464466094, 0.03806023374,
        0, 0.03806023374, 0.1464466094, 0.3086582838, 0.5,
      ],
      { rtol: 1e-9, atol: 1e-15 },
    )
  })

  it("matches timm CosineLRScheduler(t_initial=10, lr_min=0.001, warmup_t=2, warmup_lr_init=0.01): 'overlay' [V]", () => {
    const cosineOnce = cosineRestartsSchedule({
      initValue: 0.1,
      periodSteps: 10,
      endValue: 0.001,
      maxCycles: 1,
    })
    const schedule = warmupSchedule({
      schedule: cosineOnce,
      warmupSteps: 2,
      initValue: 0.01,
      placement: 'overlay',
    })
    expectAllClose(
      evaluate(schedule, range(12)),
      [
        0.01, 0.055, 0.09054634122, 0.07959536999, 0.06579634122, 0.0505, 0.03520365878, 0.02140463001,
        0.01045365878, 0.003422702443, 0.001, 0.001,
      ],
      { rtol: 1e-9 },
    )
  })

  it("matches timm warmup_prefix=True: 'prepend' [V]", () => {
    const cosineOnce = cosineRestartsSchedule({
      initValue: 0.1,
      periodSteps: 10,
      endValue: 0.001,
      maxCycles: 1,
    })
    const schedule = warmupSchedule({ schedule: cosineOnce, warmupSteps: 2, initValue: 0.01 })
    expectAllClose(
      evaluate(schedule, [0, 1, 2, 3, 12, 13]),
      [0.01, 0.055, 0.1, 0.09757729756, 0.001, 0.001],
      {
        rtol: 1e-9,
      },
    )
  })

  it('step 0, last warmup step, first step after the warmup, past end, 1e12 steps', () => {
    const inner: Schedule = (step) => 0.1 * 0.5 ** step
    const prepend = warmupSchedule({ schedule: inner, warmupSteps: 4 })
    expect(prepend(0)).toBe(0) // step 0
    expectClose(prepend(3), 0.075) // last warmup step
    expect(prepend(4)).toBe(0.1) // first step after the warmup = inner(0)
    expect(prepend(5)).toBe(0.05)
    expect(prepend(1e12)).toBe(0)
    const overlay = warmupSchedule({ schedule: inner, warmupSteps: 4, placement: 'overlay' })
    expectClose(overlay(3), 0.075)
    expect(overlay(4)).toBe(inner(4)) // jumps into the middle of the inner schedule
  })

  it("'exponential' ramps geometrically from the start value to schedule(0)", () => {
    const schedule = warmupSchedule({
      schedule: () => 0.1,
      warmupSteps: 2,
      initValue: 0.001,
      shape: 'exponential',
    })
    expectAllClose(evaluate(schedule, range(4)), [0.001, 0.01, 0.1, 0.1], { rtol: 1e-12 })
    const byFactor = warmupSchedule({
      schedule: () => 1,
      warmupSteps: 4,
      startFactor: 1e-4,
      shape: 'exponential',
    })
    expectAllClose(evaluate(byFactor, range(5)), [1e-4, 1e-3, 1e-2, 1e-1, 1], { rtol: 1e-12 })
  })

  it('startFactor starts at startFactor × schedule(0); startFactor 1 is no warmup', () => {
    const schedule = warmupSchedule({ schedule: () => 0.2, warmupSteps: 4, startFactor: 0.5 })
    expectAllClose(evaluate(schedule, range(5)), [0.1, 0.125, 0.15, 0.175, 0.2])
    const flat = warmupSchedule({ schedule: () => 0.2, warmupSteps: 4, startFactor: 1 })
    expectAllClose(evaluate(flat, range(6)), [0.2, 0.2, 0.2, 0.2, 0.2, 0.2])
  })

  it('warmupSteps 0 returns the schedule unchanged', () => {
    const inner = cosine(0.3, 7)
    const schedule = warmupSchedule({ schedule: inner, warmupSteps: 0, initValue: 0.5 })
    for (let step = 0; step < 10; step += 0.5) expect(schedule(step)).toBe(inner(step))
    expect(() => schedule(-1)).toThrow(InvalidArgumentError)
  })

  it('property: prepend is continuous at the warmup boundary', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-3, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('linear', 'exponential'),
        (start, target, warmupSteps, shape) => {
          const initValue = shape === 'exponential' ? Math.max(start, 1e-6) : start
          const schedule = warmupSchedule({ schedule: cosine(target, 100), warmupSteps, initValue, shape })
          const delta = 1e-7
          expect(schedule(warmupSteps)).toBe(target)
          const gap = Math.abs(schedule(warmupSteps - delta) - target)
          // Lipschitz bound of the ramp at its end: |v − a|/W (linear), v·|ln(v/a)|/W (exponential).
          const slope =
            shape === 'linear'
              ? Math.abs(target - initValue)
              : target * Math.abs(Math.log(target / initValue))
          expect(gap).toBeLessThanOrEqual(((slope * delta) / warmupSteps) * 1.01 + 1e-15)
        },
      ),
      { numRuns: 200 },
    )
  })

  it('property: finite, non-negative and between the start value and the wrapped schedule', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 1e-6, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.constantFrom('linear', 'exponential'),
        fc.constantFrom('prepend', 'overlay'),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (start, target, warmupSteps, shape, placement, step) => {
          const initValue = shape === 'exponential' ? Math.max(start, 1e-6) : start
          const inner = cosine(target, 1000, target / 10)
          const schedule = warmupSchedule({ schedule: inner, warmupSteps, initValue, shape, placement })
          const value = schedule(step)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(0)
          expect(value).toBeLessThanOrEqual(Math.max(initValue, target) * (1 + 1e-12))
          expect(Number.isFinite(schedule(1e12))).toBe(true)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const inner: Schedule = () => 0.1
    const base = { schedule: inner, warmupSteps: 5 }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, schedule: 0.1 }, 'schedule must be a function, got 0.1'],
      [{ warmupSteps: 5 }, 'schedule must be a function, got undefined'],
      [{ ...base, warmupSteps: -1 }, 'warmupSteps must be a non-negative integer, got -1'],
      [{ ...base, warmupSteps: 2.5 }, 'warmupSteps must be a non-negative integer, got 2.5'],
      [{ ...base, initValue: -0.1 }, 'initValue must be a finite number >= 0, got -0.1'],
      [{ ...base, startFactor: 0 }, 'startFactor must be a number with 0 < startFactor <= 1, got 0'],
      [{ ...base, startFactor: 1.5 }, 'startFactor must be a number with 0 < startFactor <= 1, got 1.5'],
      [
        { ...base, initValue: 0, startFactor: 0.5 },
        'startFactor must not be given together with initValue (give one of them), got 0.5',
      ],
      [{ ...base, shape: 'cosine' }, 'shape must be one of "linear", "exponential", got "cosine"'],
      [{ ...base, placement: 'append' }, 'placement must be one of "prepend", "overlay", got "append"'],
      [
        { ...base, shape: 'exponential' },
        'initValue must be a finite number > 0 when shape is "exponential", got 0',
      ],
      [
        { ...base, schedule: () => 0, startFactor: 0.5, shape: 'exponential' },
        'schedule(0) must be > 0 when shape is "exponential" (the warmup target), got 0',
      ],
      [
        { ...base, schedule: () => 0, initValue: 0.1, shape: 'exponential' },
        'schedule(0) must be > 0 when shape is "exponential" (the warmup target), got 0',
      ],
      [
        { ...base, schedule: () => Number.NaN },
        'schedule(0) must be a finite number >= 0 (the warmup target), got NaN',
      ],
      [
        { ...base, schedule: () => -1 },
        'schedule(0) must be a finite number >= 0 (the warmup target), got -1',
      ],
      [
        { ...base, warmup: 5 },
        'warmup is not an option of warmupSchedule; allowed: schedule, warmupSteps, initValue, startFactor, shape, placement',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => warmupSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => warmupSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => warmupSchedule(null as never)).toThrow('options must be an options object, got null')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = warmupSchedule(base)
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
