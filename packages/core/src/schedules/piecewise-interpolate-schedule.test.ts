import { expectAllClose, expectClose, expectInvalidArgument, range } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  type PiecewiseInterpolateScheduleOptions,
  piecewiseInterpolateSchedule,
} from './piecewise-interpolate-schedule'

const PUBLISHED = { rtol: 1e-9 } // vectors printed to 10 significant digits

/** optax mapping: knots at 0, b₁, b₂, … with the cumulative products I, I·s₁, I·s₁·s₂, … */
function fromOptax(
  interpolation: 'linear' | 'cosine',
  initValue: number,
  boundariesAndScales: readonly (readonly [number, number])[],
): PiecewiseInterpolateScheduleOptions {
  const boundaries = [0]
  const values = [initValue]
  for (const [boundary, scale] of boundariesAndScales) {
    boundaries.push(boundary)
    values.push(values[values.length - 1]! * scale)
  }
  return { interpolation, boundaries, values }
}

describe('piecewiseInterpolateSchedule', () => {
  describe('reference vectors', () => {
    it("matches optax piecewise_interpolate_schedule('linear', 1.0, {4: 0.1, 8: 0.01}) at 0, 2, …, 10", () => {
      const schedule = piecewiseInterpolateSchedule(
        fromOptax('linear', 1, [
          [4, 0.1],
          [8, 0.01],
        ]),
      )
      expectAllClose([0, 2, 4, 6, 8, 10].map(schedule), [1, 0.55, 0.1, 0.0505, 0.001, 0.001])
    })

    it('matches optax cosine_onecycle_schedule(10, 0.1) (knots 0, 3, 10)', () => {
      const schedule = piecewiseInterpolateSchedule(
        fromOptax('cosine', 0.1 / 25, [
          [3, 25],
          [10, 1 / (25 * 1e4)],
        ]),
      )
      expectAllClose(
        range(12).map(schedule),
        [
          0.004, 0.028, 0.076, 0.1, 0.0950484632, 0.08117456539, 0.06112620219, 0.03887419781, 0.01882583461,
          0.004951936799, 4e-7, 4e-7,
        ],
        PUBLISHED,
      )
    })

    it('matches optax linear_onecycle_schedule(20, 0.1) at 0, 2, …, 20 (knots 0, 6, 17, 20)', () => {
      const schedule = piecewiseInterpolateSchedule(
        fromOptax('linear', 0.1 / 25, [
          [6, 25],
          [17, 1 / 25],
          [20, 1 / 1e4],
        ]),
      )
      expectAllClose(
        range(11).map((index) => schedule(2 * index)),
        [
          0.004, 0.036, 0.068, 0.1, 0.08254545455, 0.06509090909, 0.04763636364, 0.03018181818, 0.01272727273,
          0.0026668, 4e-7,
        ],
        PUBLISHED,
      )
    })

    it("matches optax's interpolation formulas computed independently at fractional steps", () => {
      const boundaries = [3, 7, 20]
      const values = [0.2, 1, 0.05]
      const linear = piecewiseInterpolateSchedule({ boundaries, values })
      const cosine = piecewiseInterpolateSchedule({ boundaries, values, interpolation: 'cosine' })
      for (const step of [3.5, 5, 6.9, 7.25, 13, 19.5]) {
        const segment = step < 7 ? 0 : 1
        const [start, end] = [values[segment]!, values[segment + 1]!]
        const fraction = (step - boundaries[segment]!) / (boundaries[segment + 1]! - boundaries[segment]!)
        expectClose(linear(step), (end - start) * fraction + start, { rtol: 1e-14, label: `linear ${step}` })
        expectClose(cosine(step), end + ((start - end) / 2) * (Math.cos(Math.PI * fraction) + 1), {
          rtol: 1e-14,
          label: `cosine ${step}`,
        })
      }
    })
  })

  describe('boundary cases', () => {
    const schedule = piecewiseInterpolateSchedule({ boundaries: [5, 10, 20], values: [0, 1, 0.1] })
    const cosine = piecewiseInterpolateSchedule({
      boundaries: [5, 10, 20],
      values: [0, 1, 0.1],
      interpolation: 'cosine',
    })

    it('step 0 and every step before the first knot hold values[0]', () => {
      expect([schedule(0), schedule(4.5), cosine(0), cosine(5)]).toEqual([0, 0, 0, 0])
    })

    it('every knot gives exactly its value', () => {
      expect([schedule(5), schedule(10), schedule(20)]).toEqual([0, 1, 0.1])
      expect([cosine(5), cosine(10), cosine(20)]).toEqual([0, 1, 0.1])
    })

    it('the step after a knot and the step before the next follow the interpolation', () => {
      expectClose(schedule(6), 0.2)
      expectClose(schedule(19), 1 + (0.1 - 1) * 0.9)
      expectClose(cosine(6), 0.5 * (1 - Math.cos(Math.PI * 0.2)))
      expectClose(cosine(15), 0.55)
    })

    it('past the last knot and at 1e12 steps the last value holds', () => {
      expect([schedule(21), schedule(1e12), cosine(1e12)]).toEqual([0.1, 0.1, 0.1])
    })

    it('a single knot gives a constant', () => {
      const single = piecewiseInterpolateSchedule({ boundaries: [7], values: [0.3] })
      expect([single(0), single(7), single(1e12)]).toEqual([0.3, 0.3, 0.3])
    })
  })

  describe('properties', () => {
    const options = fc
      .uniqueArray(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 10 })
      .chain((unsorted) => {
        const boundaries = [...unsorted].sort((a, b) => a - b)
        return fc.record({
          boundaries: fc.constant(boundaries),
          values: fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
            minLength: boundaries.length,
            maxLength: boundaries.length,
          }),
          interpolation: fc.constantFrom('linear' as const, 'cosine' as const),
        })
      })
    const step = fc.oneof(
      fc.double({ min: 0, max: 1e12, noNaN: true }),
      fc.double({ min: 0, max: 100_001, noNaN: true }),
    )

    it('is finite and within [min, max] of the values', () => {
      fc.assert(
        fc.property(options, step, (parameters, t) => {
          const value = piecewiseInterpolateSchedule(parameters)(t)
          expect(Number.isFinite(value)).toBe(true)
          expect(value).toBeGreaterThanOrEqual(Math.min(...parameters.values))
          expect(value).toBeLessThanOrEqual(Math.max(...parameters.values))
        }),
        { numRuns: 200 },
      )
    })

    it('is non-increasing when values are', () => {
      fc.assert(
        fc.property(options, step, step, (parameters, a, b) => {
          const values = [...parameters.values].sort((x, y) => y - x)
          const schedule = piecewiseInterpolateSchedule({ ...parameters, values })
          expect(schedule(Math.max(a, b))).toBeLessThanOrEqual(schedule(Math.min(a, b)))
        }),
        { numRuns: 200 },
      )
    })

    it('is continuous at the knots', () => {
      fc.assert(
        fc.property(options, (parameters) => {
          const schedule = piecewiseInterpolateSchedule(parameters)
          parameters.boundaries.forEach((knot, index) => {
            const value = parameters.values[index]!
            expect(schedule(knot)).toBe(value)
            if (knot > 0) expectClose(schedule(knot - 1e-9), value, { rtol: 1e-6, atol: 1e-6 })
          })
        }),
        { numRuns: 100 },
      )
    })
  })

  describe('invalid options', () => {
    const valid = { boundaries: [0, 4], values: [1, 0.1] }
    it.each<[string, unknown, string]>([
      [
        'missing boundaries',
        { values: [1] },
        'boundaries must be a non-empty array of strictly increasing non-negative integers, got undefined',
      ],
      [
        'empty boundaries',
        { boundaries: [], values: [] },
        'boundaries must be a non-empty array of strictly increasing non-negative integers, got []',
      ],
      [
        'negative knot',
        { ...valid, boundaries: [-4, 4] },
        'boundaries[0] must be a non-negative integer, got -4',
      ],
      [
        'fractional knot',
        { ...valid, boundaries: [0, 4.5] },
        'boundaries[1] must be a non-negative integer, got 4.5',
      ],
      [
        'repeated knot',
        { ...valid, boundaries: [4, 4] },
        'boundaries[1] must be an integer > 4 (boundaries must be strictly increasing), got 4',
      ],
      [
        'missing values',
        { boundaries: [0, 4] },
        'values must be an array of 2 numbers (one per boundary), got undefined',
      ],
      [
        'too many values',
        { ...valid, values: [1, 0.5, 0.1] },
        'values must be an array of 2 numbers (one per boundary), got [1,0.5,0.1]',
      ],
      ['negative value', { ...valid, values: [1, -0.1] }, 'values[1] must be a finite number >= 0, got -0.1'],
      [
        'infinite value',
        { ...valid, values: [Number.POSITIVE_INFINITY, 1] },
        'values[0] must be a finite number >= 0, got Infinity',
      ],
      [
        'unknown interpolation',
        { ...valid, interpolation: 'cubic' },
        'interpolation must be one of "linear", "cosine", got "cubic"',
      ],
      [
        'unknown option',
        { ...valid, initValue: 1 },
        'initValue is not an option of piecewiseInterpolateSchedule; allowed: boundaries, values, interpolation',
      ],
      ['null options', null, 'options must be an options object, got null'],
    ])('rejects %s', (_case, options, message) => {
      expectInvalidArgument(
        () => piecewiseInterpolateSchedule(options as PiecewiseInterpolateScheduleOptions),
        message,
      )
    })

    it('rejects a negative step with its message', () => {
      expectInvalidArgument(
        () => piecewiseInterpolateSchedule(valid)(-1),
        'step must be a finite number >= 0 (0-based optimizer step), got -1',
      )
    })
  })
})
