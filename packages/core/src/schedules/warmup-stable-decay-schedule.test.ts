import { expectAllClose, expectClose, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import type { Schedule } from './types'
import { warmupStableDecaySchedule } from './warmup-stable-decay-schedule'

const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

describe('warmupStableDecaySchedule', () => {
  it('matches HF warmup_stable_decay W=2, S=4, D=4, linear warmup, cosine decay, r=0 [V]', () => {
    const peak = 0.3
    const schedule = warmupStableDecaySchedule({
      peakValue: peak,
      warmupSteps: 2,
      stableSteps: 4,
      decaySteps: 4,
    })
    const multipliers = [0, 0.5, 1, 1, 1, 1, 1, 0.8535533906, 0.5, 0.1464466094, 0, 0]
    expectAllClose(
      evaluate(schedule, range(12)),
      multipliers.map((multiplier) => multiplier * peak),
      { rtol: 1e-9, atol: 1e-15 },
    )
  })

  it('matches HF warmup_stable_decay cosine warmup, 1-sqrt decay, min_lr_ratio 0.1 [V]', () => {
    const peak = 2
    const schedule = warmupStableDecaySchedule({
      peakValue: peak,
      warmupSteps: 2,
      stableSteps: 4,
      decaySteps: 4,
      initValue: 0.1 * peak,
      endValue: 0.1 * peak,
      warmupType: 'cosine',
      decayType: 'sqrt',
    })
    const multipliers = [0.1, 0.55, 1, 1, 1, 1, 1, 0.55, 0.3636038969, 0.2205771366, 0.1, 0.1]
    expectAllClose(
      evaluate(schedule, range(12)),
      multipliers.map((multiplier) => multiplier * peak),
      { rtol: 1e-9 },
    )
  })

  it('equals the HF multiplier form f·(1 − r) + r for every warmup and decay type', () => {
    const W = 7
    const S = 5
    const D = 11
    const r = 0.05
    const peak = 0.01
    const warmups = { linear: (p: number) => p, cosine: (p: number) => 0.5 * (1 - Math.cos(Math.PI * p)) }
    const decays = {
      linear: (p: number) => 1 - p,
      cosine: (p: number) => 0.5 * (1 + Math.cos(Math.PI * 0.5 * 2 * p)),
      sqrt: (p: number) => 1 - Math.sqrt(p),
    }
    for (const [warmupType, warmup] of Object.entries(warmups) as [
      keyof typeof warmups,
      (p: number) => number,
    ][]) {
      for (const [decayType, decay] of Object.entries(decays) as [
        keyof typeof decays,
        (p: number) => number,
      ][]) {
        const schedule = warmupStableDecaySchedule({
          peakValue: peak,
          warmupSteps: W,
          stableSteps: S,
          decaySteps: D,
          initValue: r * peak,
          endValue: r * peak,
          warmupType,
          decayType,
        })
        for (let step = 0; step < W + S + D + 5; step++) {
          let lambda: number
          if (step < W) lambda = Math.max(0, warmup(step / Math.max(1, W)) * (1 - r) + r)
          else if (step < W + S) lambda = 1
          else if (step < W + S + D)
            lambda = Math.max(0, decay((step - W - S) / Math.max(1, D)) * (1 - r) + r)
          else lambda = r
          expectClose(schedule(step), peak * lambda, {
            rtol: 1e-12,
            label: `${warmupType}/${decayType} step ${step}`,
          })
        }
      }
    }
  })

  it('step 0, last warmup step, first stable step, first decay step, end, past end, 1e12 steps', () => {
    const schedule = warmupStableDecaySchedule({
      peakValue: 1,
      warmupSteps: 4,
      stableSteps: 3,
      decaySteps: 5,
      initValue: 0.2,
      endValue: 0.1,
      decayType: 'linear',
    })
    expect(schedule(0)).toBe(0.2) // step 0
    expectClose(schedule(3), 0.8) // last warmup step
    expect(schedule(4)).toBe(1) // first stable step
    expect(schedule(6)).toBe(1) // last stable step
    expect(schedule(7)).toBe(1) // first decay step
    expectClose(schedule(11), 0.1 + 0.9 * 0.2) // last decay step
    expect(schedule(12)).toBe(0.1) // end
    expect(schedule(12.5)).toBe(0.1) // past end
    expect(schedule(1e12)).toBe(0.1)
  })

  it('zero-length phases are skipped', () => {
    const noWarmup = warmupStableDecaySchedule({
      peakValue: 1,
      warmupSteps: 0,
      stableSteps: 2,
      decaySteps: 2,
    })
    expectAllClose(evaluate(noWarmup, range(5)), [1, 1, 1, 0.5, 0])
    const noStable = warmupStableDecaySchedule({
      peakValue: 1,
      warmupSteps: 2,
      stableSteps: 0,
      decaySteps: 2,
      decayType: 'linear',
    })
    expectAllClose(evaluate(noStable, range(5)), [0, 0.5, 1, 0.5, 0])
    const noDecay = warmupStableDecaySchedule({
      peakValue: 1,
      warmupSteps: 2,
      stableSteps: 2,
      decaySteps: 0,
      endValue: 0.3,
    })
    expectAllClose(evaluate(noDecay, range(6)), [0, 0.5, 1, 1, 0.3, 0.3])
  })

  it('fractional steps interpolate', () => {
    const schedule = warmupStableDecaySchedule({
      peakValue: 1,
      warmupSteps: 4,
      stableSteps: 0,
      decaySteps: 4,
      decayType: 'linear',
    })
    expectClose(schedule(1.5), 0.375)
    expectClose(schedule(5.5), 0.625)
  })

  it('property: finite and within [min(I, P, E), max(I, P, E)]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.constantFrom('linear', 'cosine'),
        fc.constantFrom('linear', 'cosine', 'sqrt'),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (
          peakValue,
          initValue,
          endValue,
          warmupSteps,
          stableSteps,
          decaySteps,
          warmupType,
          decayType,
          step,
        ) => {
          const value = warmupStableDecaySchedule({
            peakValue,
            initValue,
            endValue,
            warmupSteps,
            stableSteps,
            decaySteps,
            warmupType,
            decayType,
          })(step)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(
            Math.min(initValue, peakValue, endValue) * (1 - 1e-12) - 1e-300,
          )
          expect(value).toBeLessThanOrEqual(Math.max(initValue, peakValue, endValue) * (1 + 1e-12) + 1e-300)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const base = { peakValue: 1, warmupSteps: 2, stableSteps: 4, decaySteps: 4 }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, peakValue: -1 }, 'peakValue must be a finite number >= 0, got -1'],
      [{ ...base, warmupSteps: -1 }, 'warmupSteps must be a non-negative integer, got -1'],
      [{ ...base, warmupSteps: 1.5 }, 'warmupSteps must be a non-negative integer, got 1.5'],
      [{ ...base, stableSteps: undefined }, 'stableSteps must be a non-negative integer, got undefined'],
      [{ ...base, decaySteps: '4' }, 'decaySteps must be a non-negative integer, got "4"'],
      [{ ...base, initValue: -0.1 }, 'initValue must be a finite number >= 0, got -0.1'],
      [{ ...base, endValue: Number.NaN }, 'endValue must be a finite number >= 0, got NaN'],
      [{ ...base, warmupType: 'sqrt' }, 'warmupType must be one of "linear", "cosine", got "sqrt"'],
      [{ ...base, decayType: '1-sqrt' }, 'decayType must be one of "linear", "cosine", "sqrt", got "1-sqrt"'],
      [
        { ...base, minLrRatio: 0.1 },
        'minLrRatio is not an option of warmupStableDecaySchedule; allowed: peakValue, warmupSteps, stableSteps, decaySteps, initValue, endValue, warmupType, decayType',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => warmupStableDecaySchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => warmupStableDecaySchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => warmupStableDecaySchedule(5 as never)).toThrow('options must be an options object, got 5')
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = warmupStableDecaySchedule(base)
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
