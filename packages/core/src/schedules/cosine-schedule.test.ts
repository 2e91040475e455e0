import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CosineScheduleOptions, cosineSchedule } from './cosine-schedule'

const PUBLISHED = { rtol: 1e-9 } // vectors printed to 10 significant digits

/** PyTorch CosineAnnealingLR closed form, written as PyTorch writes it. */
const pytorchClosedForm = (base: number, etaMin: number, tMax: number, t: number): number =>
  etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * t) / tMax))) / 2

describe('cosineSchedule', () => {
  describe('reference vectors', () => {
    it("matches PyTorch CosineAnnealingLR(T_max=10, eta_min=0.001) with base 0.1 ('periodic'), t = 0…21", () => {
      const schedule = cosineSchedule({
        initValue: 0.1,
        totalSteps: 10,
        endValue: 0.001,
        afterEnd: 'periodic',
      })
      expectAllClose(
        range(11).map(schedule),
        [
          0.1, 0.09757729756, 0.09054634122, 0.07959536999, 0.06579634122, 0.0505, 0.03520365878,
          0.02140463001, 0.01045365878, 0.003422702443, 0.001,
        ],
        PUBLISHED,
      )
      expectAllClose(
        [11, 12, 15, 20, 21].map(schedule),
        [0.003422702443, 0.01045365878, 0.0505, 0.1, 0.09757729756],
        PUBLISHED,
      )
    })

    it("equals PyTorch's closed form to within rounding at every step of three periods", () => {
      for (const [base, etaMin, tMax] of [
        [0.1, 0.001, 10],
        [3e-4, 0, 1000],
        [1, 0.5, 7],
      ] as const) {
        const schedule = cosineSchedule({
          initValue: base,
          totalSteps: tMax,
          endValue: etaMin,
          afterEnd: 'periodic',
        })
        for (let step = 0; step <= 6 * tMax; step++) {
          expectClose(schedule(step), pytorchClosedForm(base, etaMin, tMax, step), {
            rtol: 1e-15,
            atol: 1e-300,
            label: `T ${tMax} step ${step}`,
          })
        }
      }
    })

    it('matches optax cosine_decay_schedule(1.0, 10, alpha=0.1) and Keras CosineDecay(1.0, 10, alpha=0.1)', () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 10, endValue: 0.1 })
      expectAllClose(
        range(12).map(schedule),
        [
          1, 0.9779754323, 0.9140576475, 0.8145033635, 0.6890576475, 0.55, 0.4109423525, 0.2854966365,
          0.1859423525, 0.1220245677, 0.1, 0.1,
        ],
        PUBLISHED,
      )
    })

    it('matches optax cosine_decay_schedule(1.0, 10, exponent=2)', () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 10, exponent: 2 })
      expectAllClose(
        range(12).map(schedule),
        [
          1, 0.9516553824, 0.8181356215, 0.6302655018, 0.4283813729, 0.25, 0.1193643785, 0.04248024956,
          0.009118627109, 0.0005988661493, 0, 0,
        ],
        PUBLISHED,
      )
    })

    it('matches the optax closed form I·((1 − α)·w^k + α) at fractional steps', () => {
      const [init, alpha, total, exponent] = [0.3, 0.05, 17, 1.5]
      const schedule = cosineSchedule({
        initValue: init,
        totalSteps: total,
        endValue: alpha * init,
        exponent,
      })
      for (const step of [0, 0.25, 1, 8.5, 16, 16.99, 17, 30]) {
        const clipped = Math.min(step, total)
        const multiplier = (0.5 * (1 + Math.cos((Math.PI * clipped) / total))) ** exponent
        expectClose(schedule(step), init * ((1 - alpha) * multiplier + alpha), {
          rtol: 1e-14,
          label: `step ${step}`,
        })
      }
    })

    it('matches the decay part of Keras CosineDecay(0.0, 8, warmup_target=1.0, warmup_steps=2) at t − 2', () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 8 })
      expectAllClose(
        range(10).map((index) => schedule(index)),
        [1, 0.9619397663, 0.8535533906, 0.6913417162, 0.5, 0.3086582838, 0.1464466094, 0.03806023374, 0, 0],
        { ...PUBLISHED, atol: 1e-16 },
      )
    })

    it("matches the decay part of HF cosine (W=2, T=10), which rises after the end ('periodic')", () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 8, afterEnd: 'periodic' })
      expectAllClose(
        range(13).map((index) => schedule(index)),
        [
          1, 0.9619397663, 0.8535533906, 0.6913417162, 0.5, 0.3086582838, 0.1464466094, 0.03806023374, 0,
          0.03806023374, 0.1464466094, 0.3086582838, 0.5,
        ],
        { ...PUBLISHED, atol: 1e-16 },
      )
    })

    it("matches the decay part of HF cosine_with_min_lr (W=2, T=10, rate 0.1) ('periodic')", () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 8, endValue: 0.1, afterEnd: 'periodic' })
      expectAllClose(
        range(10).map((index) => schedule(index)),
        [
          1, 0.9657457896, 0.8681980515, 0.7222075446, 0.55, 0.3777924554, 0.2318019485, 0.1342542104, 0.1,
          0.1342542104,
        ],
        PUBLISHED,
      )
    })
  })

  describe('boundary cases', () => {
    it('step 0 gives initValue', () => {
      expect(cosineSchedule({ initValue: 0.1, totalSteps: 100, endValue: 0.001 })(0)).toBe(0.1)
    })

    it('half way gives the mean of initValue and endValue', () => {
      expectClose(cosineSchedule({ initValue: 0.1, totalSteps: 100, endValue: 0.001 })(50), 0.0505)
    })

    it('last step before the end is just above endValue', () => {
      const value = cosineSchedule({ initValue: 1, totalSteps: 100 })(99)
      expectClose(value, 0.5 * (1 + Math.cos((Math.PI * 99) / 100)))
      expect(value).toBeGreaterThan(0)
    })

    it('end gives exactly endValue in both modes', () => {
      for (const afterEnd of ['clamp', 'periodic'] as const) {
        expect(cosineSchedule({ initValue: 0.1, totalSteps: 10, endValue: 0.001, afterEnd })(10)).toBe(0.001)
      }
    })

    it('end gives exactly endValue for every totalSteps from 1 to 2000', () => {
      for (let total = 1; total <= 2000; total++) {
        const periodic = cosineSchedule({
          initValue: 0.1,
          totalSteps: total,
          endValue: 0.003,
          afterEnd: 'periodic',
        })
        expect(periodic(total)).toBe(0.003)
        expect(periodic(3 * total)).toBe(0.003)
      }
    })

    it("past the end 'clamp' holds endValue, also at 1e12 steps", () => {
      const schedule = cosineSchedule({ initValue: 0.1, totalSteps: 10, endValue: 0.001 })
      expect([schedule(11), schedule(20), schedule(1e12)]).toEqual([0.001, 0.001, 0.001])
    })

    it("past the end 'periodic' rises back to initValue at 2·totalSteps and is finite at 1e12 steps", () => {
      const schedule = cosineSchedule({
        initValue: 0.1,
        totalSteps: 10,
        endValue: 0.001,
        afterEnd: 'periodic',
      })
      expectClose(schedule(20), 0.1)
      expect(schedule(30)).toBe(0.001)
      const far = schedule(1e12)
      expect(Number.isFinite(far)).toBe(true)
      expectClose(far, 0.1, { rtol: 1e-6 }) // 1e12 is a multiple of 2·totalSteps
    })

    it('an endValue above initValue makes the curve rise', () => {
      const schedule = cosineSchedule({ initValue: 0.1, totalSteps: 4, endValue: 0.5 })
      expect(schedule(0)).toBe(0.1)
      expectClose(schedule(2), 0.3)
      expect(schedule(4)).toBe(0.5)
    })

    it('totalSteps 1 reaches endValue at step 1', () => {
      const schedule = cosineSchedule({ initValue: 1, totalSteps: 1, endValue: 0.25 })
      expect([schedule(0), schedule(1), schedule(2)]).toEqual([1, 0.25, 0.25])
      expectClose(schedule(0.5), 0.625)
    })
  })

  describe('properties', () => {
    const options = fc.record({
      initValue: fc.double({ min: 0, max: 10, noNaN: true }),
      totalSteps: fc.integer({ min: 1, max: 1_000_000 }),
      endValue: fc.double({ min: 0, max: 10, noNaN: true }),
      exponent: fc.double({ min: 0.1, max: 5, noNaN: true }),
      afterEnd: fc.constantFrom('clamp' as const, 'periodic' as const),
    })
    const step = fc.double({ min: 0, max: 1e12, noNaN: true })

    it('is finite and within [min, max] of initValue and endValue', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const value = cosineSchedule(parameters)(t)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(Math.min(parameters.initValue, parameters.endValue))
          expect(value).toBeLessThanOrEqual(Math.max(parameters.initValue, parameters.endValue))
        }),
        { numRuns: 200 },
      )
    })

    it('gives exactly endValue at totalSteps', () => {
      fc.assert(
        fc.property(options, (parameters) => {
          expect(cosineSchedule(parameters)(parameters.totalSteps)).toBe(parameters.endValue)
        }),
        { numRuns: 200 },
      )
    })

    it("is monotone towards endValue on [0, totalSteps] and beyond with 'clamp'", () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const schedule = cosineSchedule({ ...parameters, afterEnd: 'clamp' })
          const early = schedule(Math.min(a, b))
          const late = schedule(Math.max(a, b))
          if (parameters.endValue <= parameters.initValue) expect(late).toBeLessThanOrEqual(early)
          else expect(late).toBeGreaterThanOrEqual(early)
        }),
        { numRuns: 200 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { initValue: 0.1, totalSteps: 10 }
    it.each<[string, unknown, string]>([
      ['missing initValue', { totalSteps: 10 }, 'initValue must be a finite number >= 0, got undefined'],
      [
        'negative initValue',
        { ...valid, initValue: -0.1 },
        'initValue must be a finite number >= 0, got -0.1',
      ],
      ['missing totalSteps', { initValue: 0.1 }, 'totalSteps must be a positive integer, got undefined'],
      ['zero totalSteps', { ...valid, totalSteps: 0 }, 'totalSteps must be a positive integer, got 0'],
      ['negative totalSteps', { ...valid, totalSteps: -5 }, 'totalSteps must be a positive integer, got -5'],
      [
        'fractional totalSteps',
        { ...valid, totalSteps: 2.5 },
        'totalSteps must be a positive integer, got 2.5',
      ],
      [
        'negative endValue',
        { ...valid, endValue: -0.001 },
        'endValue must be a finite number >= 0, got -0.001',
      ],
      ['zero exponent', { ...valid, exponent: 0 }, 'exponent must be a finite number > 0, got 0'],
      ['NaN exponent', { ...valid, exponent: Number.NaN }, 'exponent must be a finite number > 0, got NaN'],
      [
        'unknown afterEnd',
        { ...valid, afterEnd: 'cycle' },
        'afterEnd must be one of "clamp", "periodic", got "cycle"',
      ],
      [
        'unknown option',
        { ...valid, alpha: 0.1 },
        'alpha is not an option of cosineSchedule; allowed: initValue, totalSteps, endValue, exponent, afterEnd',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(() => cosineSchedule(options as CosineScheduleOptions), message)
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => cosineSchedule(valid)(-1),
        'step must be a finite number >= 0 (0-based optimizer step), got -1',
      )
    })
  })
})
