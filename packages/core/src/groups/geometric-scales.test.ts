import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { geometricScales } from './geometric-scales'

describe('geometricScales', () => {
  it('[V] fastai slice(1e-5, 1e-3) over 3 groups gives learning rates 1e-5, 1e-4, 1e-3', () => {
    const scales = geometricScales({ groups: 3, lowValue: 1e-5, highValue: 1e-3 })
    expectAllClose(
      scales.map((scale) => scale * 1e-3),
      [1e-5, 1e-4, 1e-3],
    )
  })

  it('[V] ULMFiT as fastai slice(lr / 2.6**4, lr) over 5 groups divides by 2.6 per group', () => {
    const scales = geometricScales({ groups: 5, lowValue: 1e-2 / 2.6 ** 4, highValue: 1e-2 })
    expectAllClose(scales, [1 / 45.6976, 1 / 17.576, 1 / 6.76, 1 / 2.6, 1])
  })

  it('minScale form equals the lowValue / highValue form', () => {
    expectAllClose(geometricScales({ groups: 4, minScale: 0.001 }), [0.001, 0.01, 0.1, 1])
  })

  it('head is exactly 1 and one group gives [1] (fastai even_mults n = 1)', () => {
    expect(geometricScales({ groups: 6, minScale: 0.37 })[5]).toBe(1)
    expect(geometricScales({ groups: 1, minScale: 0.01 })).toEqual([1])
  })

  it('minScale 1 gives all ones', () => {
    expect(geometricScales({ groups: 3, minScale: 1 })).toEqual([1, 1, 1])
  })

  it('has a constant ratio between consecutive groups (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 40 }),
        fc.double({ min: 1e-6, max: 1, noNaN: true }),
        (groups, minScale) => {
          const scales = geometricScales({ groups, minScale })
          expectClose(scales[0]!, minScale, { rtol: 1e-9 })
          const ratio = minScale ** (1 / (groups - 1))
          for (let index = 1; index < groups; index++) {
            expectClose(scales[index - 1]! / scales[index]!, ratio, { rtol: 1e-9 })
          }
        },
      ),
      { numRuns: 100 },
    )
  })

  describe('invalid options', () => {
    it('groups must be a positive integer', () => {
      expect(() => geometricScales({ groups: 0, minScale: 0.1 })).toThrow(
        'groups must be a positive integer, got 0',
      )
      expect(() => geometricScales({ groups: 2.5, minScale: 0.1 })).toThrow(
        'groups must be a positive integer, got 2.5',
      )
    })
    it('minScale must be in (0, 1]', () => {
      expect(() => geometricScales({ groups: 3, minScale: 0 })).toThrow(
        'minScale must be a number with 0 < minScale <= 1, got 0',
      )
      expect(() => geometricScales({ groups: 3, minScale: 2 })).toThrow(
        'minScale must be a number with 0 < minScale <= 1, got 2',
      )
    })
    it('lowValue must not exceed highValue', () => {
      expect(() => geometricScales({ groups: 3, lowValue: 1e-2, highValue: 1e-3 })).toThrow(
        'lowValue must be a number <= highValue (0.001), got 0.01',
      )
    })
    it('lowValue and highValue must be positive', () => {
      expect(() => geometricScales({ groups: 3, lowValue: 0, highValue: 1e-3 })).toThrow(
        'lowValue must be a finite number > 0, got 0',
      )
      expect(() => geometricScales({ groups: 3, lowValue: 1e-5 } as never)).toThrow(
        'highValue must be a finite number > 0, got undefined',
      )
    })
    it('exactly one of the two forms', () => {
      expect(() => geometricScales({ groups: 3 } as never)).toThrow(
        'minScale or lowValue with highValue must be given (exactly one of the two forms), got neither',
      )
      expect(() => geometricScales({ groups: 3, minScale: 0.1, lowValue: 1, highValue: 2 } as never)).toThrow(
        'got both',
      )
    })
    it('unknown option and non-object options', () => {
      expect(() => geometricScales({ groups: 3, minScale: 0.1, lo: 1 } as never)).toThrow(
        'lo is not an option of geometricScales; allowed: groups, minScale, lowValue, highValue',
      )
      expect(() => geometricScales(null as never)).toThrow('options must be an options object, got null')
    })
  })
})
