import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { discriminativeScales } from './discriminative-strategy'

const groups = ['body', 'neck', 'head']

describe('discriminativeScales', () => {
  it('default is uniform', () => {
    expect(discriminativeScales({ groups })).toEqual([1, 1, 1])
    expect(discriminativeScales({ groups, strategy: { kind: 'uniform' } })).toEqual([1, 1, 1])
  })

  it('geometric, decay and layerDecay kinds', () => {
    expectAllClose(
      discriminativeScales({ groups, strategy: { kind: 'geometric', minScale: 0.01 } }),
      [0.01, 0.1, 1],
    )
    expectAllClose(
      discriminativeScales({ groups, strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 } }),
      [0.01, 0.1, 1],
    )
    expectAllClose(discriminativeScales({ groups, strategy: { kind: 'decay' } }), [1 / 6.76, 1 / 2.6, 1])
    expectAllClose(discriminativeScales({ groups, strategy: { kind: 'layerDecay' } }), [0.5625, 0.75, 1])
  })

  it('layerDecay depths by array or by name', () => {
    expectAllClose(
      discriminativeScales({ groups, strategy: { kind: 'layerDecay', decay: 0.5, depths: [0, 2, 2] } }),
      [0.25, 1, 1],
    )
    expectAllClose(
      discriminativeScales({
        groups,
        strategy: { kind: 'layerDecay', decay: 0.5, depths: { body: 0, neck: 1, head: 2 } },
      }),
      [0.25, 0.5, 1],
    )
  })

  it('explicit scales by array, or by name with missing groups at 1', () => {
    expect(discriminativeScales({ groups, strategy: { kind: 'explicit', scales: [0.1, 0.5, 1] } })).toEqual([
      0.1, 0.5, 1,
    ])
    expect(discriminativeScales({ groups, strategy: { kind: 'explicit', scales: { body: 0.1 } } })).toEqual([
      0.1, 1, 1,
    ])
  })

  it('an empty group list gives no scales', () => {
    expect(discriminativeScales({ groups: [], strategy: { kind: 'decay' } })).toEqual([])
  })

  describe('invalid options', () => {
    it('unknown kind lists the known ones', () => {
      expect(() => discriminativeScales({ groups, strategy: { kind: 'slice' } as never })).toThrow(
        'strategy.kind must be one of "uniform", "geometric", "decay", "layerDecay", "explicit", got "slice"',
      )
    })
    it('unknown key of a kind', () => {
      expect(() => discriminativeScales({ groups, strategy: { kind: 'decay', decay: 2 } as never })).toThrow(
        'decay is not an option of strategy (kind "decay"); allowed: kind, factor',
      )
    })
    it('kind option ranges carry the strategy path', () => {
      expect(() => discriminativeScales({ groups, strategy: { kind: 'decay', factor: 0.5 } })).toThrow(
        'strategy.factor must be a number with 1 <= strategy.factor, got 0.5',
      )
      expect(() => discriminativeScales({ groups, strategy: { kind: 'geometric', minScale: 0 } })).toThrow(
        'strategy.minScale must be a number with 0 < strategy.minScale <= 1, got 0',
      )
      expect(() => discriminativeScales({ groups, strategy: { kind: 'layerDecay', decay: 2 } })).toThrow(
        'strategy.decay must be a number with 0 < strategy.decay <= 1, got 2',
      )
    })
    it('arrays must have one entry per group', () => {
      expect(() => discriminativeScales({ groups, strategy: { kind: 'explicit', scales: [1, 1] } })).toThrow(
        'strategy.scales must be an array with one entry per group (3), got [1,1]',
      )
      expect(() =>
        discriminativeScales({ groups, strategy: { kind: 'layerDecay', depths: [0, 1] } }),
      ).toThrow('strategy.depths must be an array with one entry per group (3), got [0,1]')
    })
    it('record keys must name groups; depth records must be complete', () => {
      expect(() =>
        discriminativeScales({ groups, strategy: { kind: 'explicit', scales: { tail: 1 } } }),
      ).toThrow('strategy.scales.tail names no group; groups: body, neck, head')
      expect(() =>
        discriminativeScales({ groups, strategy: { kind: 'layerDecay', depths: { body: 0, head: 1 } } }),
      ).toThrow('strategy.depths must give a depth for every group, missing "neck"')
    })
    it('scales must be non-negative numbers', () => {
      expect(() =>
        discriminativeScales({ groups, strategy: { kind: 'explicit', scales: [1, -1, 1] } }),
      ).toThrow('strategy.scales[1] must be a finite number >= 0, got -1')
      expect(() =>
        discriminativeScales({ groups, strategy: { kind: 'explicit', scales: 2 } as never }),
      ).toThrow('strategy.scales must be an array in group order or a record keyed by group name, got 2')
    })
    it('group names must be unique non-empty strings', () => {
      expect(() => discriminativeScales({ groups: ['a', 'a'] })).toThrow(
        'groups[1] must be a group name not used before, got "a"',
      )
      expect(() => discriminativeScales({ groups: 'a' as never })).toThrow(
        'groups must be an array of group names, got "a"',
      )
    })
  })
})
