import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { layerDecayScales } from './layer-decay-scales'

describe('layerDecayScales', () => {
  it('[V] timm layer_decay 0.75, ViT with 12 blocks: 14 groups, stem 0.75^13, block i 0.75^(12 − i), head 1', () => {
    const scales = layerDecayScales({ groups: 14 })
    expect(scales).toHaveLength(14)
    expectClose(scales[0]!, 1594323 / 67108864) // 3^13 / 4^13
    for (let block = 0; block < 12; block++) expectClose(scales[block + 1]!, 0.75 ** (12 - block))
    expect(scales[13]).toBe(1)
    expectClose(scales[12]!, 0.75)
  })

  it('[V] ELECTRA depths (embeddings 0, layer k → k + 1, head n + 2): top layer gets decay²', () => {
    const depths = [0, ...Array.from({ length: 12 }, (_, layer) => layer + 1), 14]
    const scales = layerDecayScales({ depths, decay: 0.8 })
    expectClose(scales[12]!, 0.64)
    expectClose(scales[0]!, 0.8 ** 14)
    expect(scales[13]).toBe(1)
  })

  it('minScale floors the scales (timm layer_decay_min_scale)', () => {
    expectAllClose(layerDecayScales({ groups: 4, decay: 0.5, minScale: 0.2 }), [0.2, 0.25, 0.5, 1])
  })

  it('shared depths give equal scales', () => {
    expectAllClose(layerDecayScales({ depths: [0, 1, 1, 2], decay: 0.5 }), [0.25, 0.5, 0.5, 1])
  })

  it('decay 1 gives all ones; one group gives [1]', () => {
    expect(layerDecayScales({ groups: 3, decay: 1 })).toEqual([1, 1, 1])
    expect(layerDecayScales({ groups: 1 })).toEqual([1])
  })

  it('[V] BERT LLRD (Sun et al. 2019) ξ = 0.95 over 12 layers: lowest layer 0.95^11', () => {
    expectClose(layerDecayScales({ groups: 12, decay: 0.95 })[0]!, 0.95 ** 11)
  })

  describe('invalid options', () => {
    it('exactly one of groups and depths', () => {
      expect(() => layerDecayScales({} as never)).toThrow(
        'groups or depths must be given (exactly one), got neither',
      )
      expect(() => layerDecayScales({ groups: 2, depths: [0, 1] } as never)).toThrow(
        'groups or depths must be given (exactly one), got both',
      )
    })
    it('decay must be in (0, 1]', () => {
      expect(() => layerDecayScales({ groups: 3, decay: 0 })).toThrow(
        'decay must be a number with 0 < decay <= 1, got 0',
      )
      expect(() => layerDecayScales({ groups: 3, decay: 1.5 })).toThrow(
        'decay must be a number with 0 < decay <= 1, got 1.5',
      )
    })
    it('minScale must be in [0, 1]', () => {
      expect(() => layerDecayScales({ groups: 3, minScale: -0.1 })).toThrow(
        'minScale must be a number with 0 <= minScale <= 1, got -0.1',
      )
    })
    it('depths must be non-negative integers in a non-empty array', () => {
      expect(() => layerDecayScales({ depths: [] })).toThrow(
        'depths must be a non-empty array of non-negative integers, got []',
      )
      expect(() => layerDecayScales({ depths: [0, 1.5] })).toThrow(
        'depths[1] must be a non-negative integer, got 1.5',
      )
    })
    it('groups must be a positive integer', () => {
      expect(() => layerDecayScales({ groups: 0 })).toThrow('groups must be a positive integer, got 0')
    })
    it('unknown option', () => {
      expect(() => layerDecayScales({ groups: 3, layerDecay: 0.7 } as never)).toThrow(
        'layerDecay is not an option of layerDecayScales; allowed: groups, depths, decay, minScale',
      )
    })
  })
})
