import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { oneCycleSchedule } from './one-cycle-schedule'
import type { Schedule } from './types'

const range = (from: number, to: number, by = 1): number[] =>
  Array.from({ length: Math.floor((to - from) / by) + 1 }, (_, index) => from + index * by)
const evaluate = (schedule: Schedule, steps: readonly number[]): number[] =>
  steps.map((step) => schedule(step))

const cosineBetween = (from: number, to: number, fraction: number): number =>
  to + ((from - to) * (1 + Math.cos(Math.PI * fraction))) / 2

describe('oneCycleSchedule', () => {
  describe("convention 'pytorch' (default)", () => {
    it('matches PyTorch OneCycleLR(max_lr=0.1, total_steps=10) [V]', () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10 })
      expectAllClose(
        evaluate(schedule, range(0, 9)),
        [
          0.004, 0.052, 0.1, 0.0950484632, 0.08117456539, 0.06112620219, 0.03887419781, 0.01882583461,
          0.004951936799, 4e-7,
        ],
        { rtol: 1e-9 },
      )
    })

    it("past end: clamps to the final value; 'extrapolate' reproduces PyTorch at t = total_steps [V]", () => {
      expectClose(oneCycleSchedule({ peakValue: 0.1, totalSteps: 10 })(10), 4e-7)
      const extrapolated = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, afterEnd: 'extrapolate' })
      expectClose(extrapolated(10), 0.004951936799, { rtol: 1e-9 })
      expectAllClose(
        evaluate(extrapolated, range(0, 9)),
        evaluate(oneCycleSchedule({ peakValue: 0.1, totalSteps: 10 }), range(0, 9)),
      )
    })

    it("matches PyTorch anneal_strategy='linear' [V]; extrapolating its negative t = T value gives 0", () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, annealStrategy: 'linear' })
      expectAllClose(
        evaluate(schedule, range(0, 9)),
        [
          0.004, 0.052, 0.1, 0.08571434286, 0.07142868571, 0.05714302857, 0.04285737143, 0.02857171429,
          0.01428605714, 4e-7,
        ],
        { rtol: 1e-9 },
      )
      const extrapolated = oneCycleSchedule({
        peakValue: 0.1,
        totalSteps: 10,
        annealStrategy: 'linear',
        afterEnd: 'extrapolate',
      })
      // PyTorch returns −0.01428525714 here; a schedule never returns a negative rate.
      expect(extrapolated(10)).toBe(0)
      expect(extrapolated(1e12)).toBe(0)
      expectClose(extrapolated(9.5), Math.max(0, 4e-7 + (4e-7 - 0.1) * (0.5 / 7)))
    })

    it('matches PyTorch three_phase=True [V]', () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, threePhase: true })
      expectAllClose(
        evaluate(schedule, range(0, 9)),
        [
          0.004, 0.052, 0.1, 0.052, 0.004, 0.003618072185, 0.002618172185, 0.001382227815, 0.0003823278146,
          4e-7,
        ],
        { rtol: 1e-9 },
      )
    })

    it('peaks at pct·T − 1 (29 for T = 100) and equals the phase-wise closed form', () => {
      const schedule = oneCycleSchedule({ peakValue: 1, totalSteps: 100, divFactor: 10, finalDivFactor: 100 })
      expectClose(schedule(29), 1, { rtol: 1e-14 })
      expect(schedule(28)).toBeLessThan(schedule(29))
      expect(schedule(30)).toBeLessThan(schedule(29))
      const firstEnd = 0.3 * 100 - 1
      for (let step = 0; step <= 99; step += 0.25) {
        const expected =
          step <= firstEnd
            ? cosineBetween(0.1, 1, step / firstEnd)
            : cosineBetween(1, 0.001, (step - firstEnd) / (99 - firstEnd))
        expectClose(schedule(step), expected, { rtol: 1e-12, label: `step ${step}` })
      }
    })

    it('step 0, last warmup step, first decay step, end, past end, 1e12 steps', () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10 })
      expectClose(schedule(0), 0.1 / 25, { rtol: 1e-14 }) // step 0 (PyTorch's arithmetic: 0.0040000000000000036)
      expectClose(schedule(2), 0.1, { rtol: 1e-14 }) // last warmup step (the peak)
      expectClose(schedule(3), cosineBetween(0.1, 4e-7, (3 - 2) / 7)) // first decay step
      expect(schedule(9)).toBe(0.1 / 25 / 1e4) // end
      expect(schedule(9.5)).toBe(0.1 / 25 / 1e4) // past end
      expect(schedule(1e12)).toBe(0.1 / 25 / 1e4)
      const extrapolated = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, afterEnd: 'extrapolate' })
      const far = extrapolated(1e12)
      expect(Number.isFinite(far)).toBe(true)
      expect(far).toBeGreaterThanOrEqual(0)
      expect(far).toBeLessThanOrEqual(0.1)
    })

    it('rejects a first phase of zero length (PyTorch divides by zero at step 0)', () => {
      expect(() => oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, pctStart: 0.1 })).toThrow(
        'totalSteps must be an integer with pctStart × totalSteps > 1 (pctStart = 0.1), so that the first phase has a positive length, got 10',
      )
      expect(() => oneCycleSchedule({ peakValue: 0.1, totalSteps: 3 })).toThrow(
        'totalSteps must be an integer with pctStart × totalSteps > 1 (pctStart = 0.3), so that the first phase has a positive length, got 3',
      )
      expectClose(oneCycleSchedule({ peakValue: 0.1, totalSteps: 4 })(0), 0.004, { rtol: 1e-14 })
    })

    it('rejects a three-phase last phase of length ≤ 0', () => {
      expect(() =>
        oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, threePhase: true, pctStart: 0.6 }),
      ).toThrow(
        'pctStart must be a number with 2 × pctStart × totalSteps - 2 < totalSteps - 1 (pctStart < 0.55) when threePhase is true, so that the last phase has a positive length, got 0.6',
      )
      expect(() =>
        oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, threePhase: true, pctStart: 0.5 }),
      ).not.toThrow()
    })
  })

  describe("convention 'optax'", () => {
    it('matches optax cosine_onecycle_schedule(10, 0.1) [V]', () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, convention: 'optax' })
      expectAllClose(
        evaluate(schedule, range(0, 11)),
        [
          0.004, 0.028, 0.076, 0.1, 0.0950484632, 0.08117456539, 0.06112620219, 0.03887419781, 0.01882583461,
          0.004951936799, 4e-7, 4e-7,
        ],
        { rtol: 1e-9 },
      )
    })

    it('matches optax linear_onecycle_schedule(20, 0.1) at c = 0, 2, …, 20 [V]', () => {
      const schedule = oneCycleSchedule({
        peakValue: 0.1,
        totalSteps: 20,
        convention: 'optax',
        annealStrategy: 'linear',
        threePhase: true,
      })
      expectAllClose(
        evaluate(schedule, range(0, 20, 2)),
        [
          0.004, 0.036, 0.068, 0.1, 0.08254545455, 0.06509090909, 0.04763636364, 0.03018181818, 0.01272727273,
          0.0026668, 4e-7,
        ],
        { rtol: 1e-9 },
      )
      // pct_final = 0.85 by default: back at the start value at ⌊0.85·20⌋ = 17.
      expectClose(schedule(17), 0.004, { rtol: 1e-12 })
    })

    it('pctFinal moves the end of the second phase', () => {
      const schedule = oneCycleSchedule({
        peakValue: 1,
        totalSteps: 20,
        convention: 'optax',
        annealStrategy: 'linear',
        threePhase: true,
        pctFinal: 0.5,
        divFactor: 10,
      })
      expectClose(schedule(6), 1)
      expectClose(schedule(8), 0.55)
      expectClose(schedule(10), 0.1)
      expectClose(schedule(15), 0.1 + (0.1 / 1e4 - 0.1) * 0.5)
    })

    it('step 0, peak at ⌊pct·T⌋, end at T, past end, 1e12 steps', () => {
      const schedule = oneCycleSchedule({ peakValue: 0.1, totalSteps: 10, convention: 'optax' })
      expectClose(schedule(0), 0.004, { rtol: 1e-14 })
      expect(schedule(3)).toBe(0.1)
      expectClose(schedule(9), 0.004951936799, { rtol: 1e-9 })
      expect(schedule(10)).toBe(4e-7)
      expect(schedule(1e12)).toBe(4e-7)
      const extrapolated = oneCycleSchedule({
        peakValue: 0.1,
        totalSteps: 10,
        convention: 'optax',
        afterEnd: 'extrapolate',
      })
      expectClose(extrapolated(10), 4e-7)
      expectClose(extrapolated(11), cosineBetween(0.1, 4e-7, 8 / 7))
    })

    it('rejects phases of zero length', () => {
      expect(() => oneCycleSchedule({ peakValue: 0.1, totalSteps: 3, convention: 'optax' })).toThrow(
        'totalSteps must be an integer with floor(pctStart × totalSteps) >= 1 (pctStart = 0.3), so that the first phase has a positive length, got 3',
      )
      expect(() =>
        oneCycleSchedule({
          peakValue: 0.1,
          totalSteps: 10,
          convention: 'optax',
          threePhase: true,
          pctFinal: 0.35,
        }),
      ).toThrow(
        'pctFinal must be a number with floor(pctStart × totalSteps) = 3 < floor(pctFinal × totalSteps) < totalSteps = 10, so that every phase has a positive length, got 0.35',
      )
    })
  })

  it('property: finite and within [min(start, peak, final), max(start, peak, final)] when clamped', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.integer({ min: 10, max: 100_000 }),
        fc.double({ min: 0.15, max: 0.45, noNaN: true }),
        fc.double({ min: 0.5, max: 100, noNaN: true }),
        fc.double({ min: 0.5, max: 1e5, noNaN: true }),
        fc.boolean(),
        fc.constantFrom('cos', 'linear'),
        fc.constantFrom('pytorch', 'optax'),
        fc.double({ min: 0, max: 1e13, noNaN: true }),
        (
          peakValue,
          totalSteps,
          pctStart,
          divFactor,
          finalDivFactor,
          threePhase,
          annealStrategy,
          convention,
          step,
        ) => {
          const value = oneCycleSchedule({
            peakValue,
            totalSteps,
            pctStart,
            divFactor,
            finalDivFactor,
            threePhase,
            annealStrategy,
            convention,
          })(step)
          const start = peakValue / divFactor
          const final = start / finalDivFactor
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(Math.min(start, peakValue, final) * (1 - 1e-12) - 1e-300)
          expect(value).toBeLessThanOrEqual(Math.max(start, peakValue, final) * (1 + 1e-12) + 1e-300)
        },
      ),
      { numRuns: 200 },
    )
  })

  describe('rejects invalid options', () => {
    const base = { peakValue: 0.1, totalSteps: 100 }
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, peakValue: -1 }, 'peakValue must be a finite number >= 0, got -1'],
      [{ totalSteps: 100 }, 'peakValue must be a finite number >= 0, got undefined'],
      [{ ...base, totalSteps: 0 }, 'totalSteps must be a positive integer, got 0'],
      [{ ...base, totalSteps: 99.5 }, 'totalSteps must be a positive integer, got 99.5'],
      [{ ...base, pctStart: 0 }, 'pctStart must be a number with 0 < pctStart < 1, got 0'],
      [{ ...base, pctStart: 1 }, 'pctStart must be a number with 0 < pctStart < 1, got 1'],
      [{ ...base, annealStrategy: 'cosine' }, 'annealStrategy must be one of "cos", "linear", got "cosine"'],
      [{ ...base, divFactor: 0 }, 'divFactor must be a finite number > 0, got 0'],
      [{ ...base, finalDivFactor: -1 }, 'finalDivFactor must be a finite number > 0, got -1'],
      [{ ...base, threePhase: 1 }, 'threePhase must be true or false, got 1'],
      [{ ...base, convention: 'keras' }, 'convention must be one of "pytorch", "optax", got "keras"'],
      [{ ...base, afterEnd: 'periodic' }, 'afterEnd must be one of "clamp", "extrapolate", got "periodic"'],
      [
        { ...base, pctFinal: 0.85 },
        'pctFinal must only be given with convention "optax" and threePhase true, got 0.85',
      ],
      [
        { ...base, convention: 'optax', pctFinal: 0.85 },
        'pctFinal must only be given with convention "optax" and threePhase true, got 0.85',
      ],
      [
        { ...base, convention: 'optax', threePhase: true, pctFinal: 0.2 },
        'pctFinal must be a number with 0.3 < pctFinal < 1, got 0.2',
      ],
      [
        { ...base, convention: 'optax', threePhase: true, pctFinal: 1 },
        'pctFinal must be a number with 0.3 < pctFinal < 1, got 1',
      ],
      [
        { ...base, maxLr: 0.1 },
        'maxLr is not an option of oneCycleSchedule; allowed: peakValue, totalSteps, pctStart, annealStrategy, divFactor, finalDivFactor, threePhase, convention, pctFinal, afterEnd',
      ],
    ]
    for (const [options, message] of cases) {
      it(message, () => {
        expect(() => oneCycleSchedule(options as never)).toThrow(InvalidArgumentError)
        expect(() => oneCycleSchedule(options as never)).toThrow(message)
      })
    }

    it('options must be an options object', () => {
      expect(() => oneCycleSchedule(undefined as never)).toThrow(
        'options must be an options object, got undefined',
      )
    })

    it('a negative, NaN or infinite step throws at call time', () => {
      const schedule = oneCycleSchedule(base)
      expect(() => schedule(-1)).toThrow('step must be a finite number >= 0 (0-based optimizer step), got -1')
      expect(() => schedule(Number.NaN)).toThrow(InvalidArgumentError)
      expect(() => schedule(Number.POSITIVE_INFINITY)).toThrow(InvalidArgumentError)
    })
  })
})
