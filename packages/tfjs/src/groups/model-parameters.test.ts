import { createParamGroups } from '@lrkit/core'
import { expectInvalidArgument } from '@lrkit/test-utils'
import * as tfl from '@tensorflow/tfjs-layers'
import { beforeAll, describe, expect, it } from 'vitest'
import { useBackend } from '../../test/backends'
import { layerGroupSelectors, modelParameters } from './model-parameters'

beforeAll(async () => {
  await useBackend('cpu')
})

function model(): tfl.Sequential {
  const m = tfl.sequential()
  m.add(tfl.layers.dense({ inputShape: [3], units: 4, name: 'mp_a' }))
  m.add(tfl.layers.batchNormalization({ name: 'mp_bn' }))
  m.add(tfl.layers.dense({ units: 4, name: 'mp_b' }))
  m.add(tfl.layers.dense({ units: 2, name: 'mp_head' }))
  return m
}

describe('modelParameters and layerGroupSelectors', () => {
  it('lists trainable variables in layer order, frozen layers included, moving statistics excluded', () => {
    const m = model()
    m.getLayer('mp_b').trainable = false
    expect(modelParameters(m)).toEqual({
      'mp_a/kernel': { shape: [3, 4] },
      'mp_a/bias': { shape: [4] },
      'mp_bn/gamma': { shape: [4] },
      'mp_bn/beta': { shape: [4] },
      'mp_b/kernel': { shape: [4, 4] },
      'mp_b/bias': { shape: [4] },
      'mp_head/kernel': { shape: [4, 2] },
      'mp_head/bias': { shape: [2] },
    })
  })

  it('splits layers by depth into selectors that createParamGroups accepts (de-duplicated names too)', () => {
    // Same layer names as the first test: tfjs gives the variables unique names with a _1 suffix,
    // and the layer-name prefixes still match them.
    const m = model()
    const selectors = layerGroupSelectors(m, { names: ['stem', 'body', 'head'] })
    expect(selectors.map((selector) => selector.match)).toEqual([['mp_a', 'mp_bn'], ['mp_b'], ['mp_head']])
    const groups = createParamGroups({ parameters: modelParameters(m), groups: selectors, weightDecay: 0.01 })
    expect(groups.map((group) => [group.name, group.parameters])).toEqual([
      ['stem', ['mp_a/kernel_1']],
      ['stem.noDecay', ['mp_a/bias_1', 'mp_bn/gamma_1', 'mp_bn/beta_1']],
      ['body', ['mp_b/kernel_1']],
      ['body.noDecay', ['mp_b/bias_1']],
      ['head', ['mp_head/kernel_1']],
      ['head.noDecay', ['mp_head/bias_1']],
    ])
    expect(layerGroupSelectors(m, { names: ['body', 'head'], boundaries: [1] })[0]!.match).toEqual(['mp_a'])
  })

  it('rejects impossible splits', () => {
    const m = model()
    expectInvalidArgument(
      () => layerGroupSelectors(m, { names: ['a', 'b', 'c', 'd', 'e'] }),
      'names has 5 groups, but the model has only 4 layers with trainable weights',
    )
    expectInvalidArgument(
      () => layerGroupSelectors(m, { names: ['a', 'b'], boundaries: [4] }),
      'boundaries must be 1 increasing integers between 1 and 3, got [4]',
    )
  })
})
