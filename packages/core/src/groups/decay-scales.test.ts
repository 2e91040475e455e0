import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { decayScales } from './decay-scales'
import { geometricScales } from './geometric-scales'

describe('decayScales', () => {
  it('[V] ULMFiT default factor 2.6: head 1, each lower group ÷ 2.6', () => {
    expectAllClose(decayScales({ groups: 5 }), [1 / 45.6976, 1 / 17.576, 1 / 6.76, 1 / 2.6, 1])
  })

  it('equals fastai slice(lr / 2.6**4, lr) over 5 groups', () => {
    expectAllClose(decayScales({ groups: 5 }), geometricScales({ groups: 5, minScale: 2.6 ** -4 }), {
      rtol: 1e-12,
    })
  })

  it('[V] AllenNLP decay_factor 0.38 as factor 1 / 0.38', () => {
    expectAllClose(decayScales({ groups: 3, factor: 1 / 0.38 }), [0.38 ** 2, 0.38, 1])
  })

  it('one group gives [1]; factor 1 gives all ones', () => {
    expect(decayScales({ groups: 1 })).toEqual([1])
    expect(decayScales({ groups: 3, factor: 1 })).toEqual([1, 1, 1])
  })

  it('1000 groups stay finite and non-negative', () => {
    const scales = decayScales({ groups: 1000, factor: 10 })
    expect(scales.every((scale) => Number.isFinite(scale) && scale >= 0)).toBe(true)
    expect(scales[999]).toBe(1)
  })

  describe('invalid options', () => {
    it('factor below 1 (a multiplier like AllenNLP 0.38) is rejected', () => {
      expect(() => decayScales({ groups: 3, factor: 0.38 })).toThrow(
        'factor must be a number with 1 <= factor, got 0.38',
      )
    })
    it('groups must be a positive integer', () => {
      expect(() => decayScales({ groups: -1 })).toThrow('groups must be a positive integer, got -1')
    })
    it('unknown option', () => {
      expect(() => decayScales({ groups: 3, gamma: 2 } as never)).toThrow(
        'gamma is not an option of decayScales; allowed: groups, factor',
      )
    })
  })
})
