import { describe, expect, it } from 'vitest'
import { isExcludedFromWeightDecay } from './is-excluded-from-weight-decay'

const excluded = (name: string, shape?: number[]) =>
  isExcludedFromWeightDecay(shape === undefined ? { name } : { name, shape })

describe('isExcludedFromWeightDecay', () => {
  it('biases in PyTorch, HF and TF.js naming', () => {
    expect(excluded('encoder.layer.0.output.dense.bias')).toBe(true)
    expect(excluded('fc.bias')).toBe(true)
    expect(excluded('attn.in_proj_bias')).toBe(true)
    expect(excluded('dense_Dense1/bias')).toBe(true)
    expect(excluded('fc.weight')).toBe(false)
    expect(excluded('relative_position_bias_table.weight')).toBe(false)
  })

  it('norm parameters by name (HF LayerNorm, GPT-2 ln_*, ResNet bn*, TF gamma/beta)', () => {
    expect(excluded('embeddings.LayerNorm.weight')).toBe(true)
    expect(excluded('model.layers.0.input_layernorm.weight')).toBe(true)
    expect(excluded('decoder.layer_norm.weight')).toBe(true)
    expect(excluded('transformer.h.0.ln_1.weight')).toBe(true)
    expect(excluded('transformer.ln_f.weight')).toBe(true)
    expect(excluded('layer1.0.bn1.weight')).toBe(true)
    expect(excluded('blocks.0.norm1.weight')).toBe(true)
    expect(excluded('batch_normalization_BatchNormalization1/gamma')).toBe(true)
    expect(excluded('layer_normalization/beta')).toBe(true)
    expect(excluded('layer1.0.conv1.weight')).toBe(false)
    expect(excluded('transformer.h.0.attn.c_attn.weight')).toBe(false)
  })

  it('one-dimensional shapes (timm ndim <= 1) only when a shape is given', () => {
    expect(excluded('layer1.0.downsample.1.weight', [64])).toBe(true)
    expect(excluded('scale', [])).toBe(true)
    expect(excluded('layer1.0.downsample.1.weight')).toBe(false)
    expect(excluded('layer1.0.downsample.0.weight', [64, 64, 1, 1])).toBe(false)
  })

  it('each rule can be turned off; names adds patterns', () => {
    expect(isExcludedFromWeightDecay({ name: 'fc.bias', exclusion: { bias: false } })).toBe(false)
    expect(isExcludedFromWeightDecay({ name: 'bn1.weight', exclusion: { norm: false } })).toBe(false)
    expect(isExcludedFromWeightDecay({ name: 'a', shape: [3], exclusion: { oneDimensional: false } })).toBe(
      false,
    )
    expect(isExcludedFromWeightDecay({ name: 'fc.bias', exclusion: false })).toBe(false)
    expect(
      isExcludedFromWeightDecay({ name: 'pos_embed', exclusion: { names: ['pos_embed', /cls_token$/] } }),
    ).toBe(true)
    expect(isExcludedFromWeightDecay({ name: 'vit.cls_token', exclusion: { names: [/cls_token$/] } })).toBe(
      true,
    )
    expect(isExcludedFromWeightDecay({ name: 'pos_embed_x', exclusion: { names: ['pos_embed'] } })).toBe(
      false,
    )
  })

  describe('invalid options', () => {
    it('name must be a non-empty string', () => {
      expect(() => isExcludedFromWeightDecay({ name: '' })).toThrow('name must be a non-empty string, got ""')
    })
    it('shape must be non-negative integers', () => {
      expect(() => isExcludedFromWeightDecay({ name: 'a', shape: [2, -1] })).toThrow(
        'shape must be an array of non-negative integers, got [2,-1]',
      )
    })
    it('exclusion flags must be booleans and names an array', () => {
      expect(() => isExcludedFromWeightDecay({ name: 'a', exclusion: { bias: 'yes' } as never })).toThrow(
        'exclusion.bias must be true or false, got "yes"',
      )
      expect(() => isExcludedFromWeightDecay({ name: 'a', exclusion: { names: 'bias' } as never })).toThrow(
        'exclusion.names must be an array of strings or RegExps, got "bias"',
      )
      expect(() => isExcludedFromWeightDecay({ name: 'a', exclusion: 'all' as never })).toThrow(
        'exclusion must be an options object, got "all"',
      )
      expect(() =>
        isExcludedFromWeightDecay({ name: 'a', exclusion: { embeddings: true } as never }),
      ).toThrow('embeddings is not an option of exclusion; allowed: bias, norm, oneDimensional, names')
    })
    it('unknown option', () => {
      expect(() => isExcludedFromWeightDecay({ name: 'a', rank: 1 } as never)).toThrow(
        'rank is not an option of isExcludedFromWeightDecay; allowed: name, shape, exclusion',
      )
    })
  })
})
