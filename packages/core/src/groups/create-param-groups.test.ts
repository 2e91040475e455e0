import { expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createParamGroups, type GroupSelector, type ParameterInfo } from './create-param-groups'
import type { ParamGroup } from './types'

/** HF `bert-base` + sequence-classification head: parameter names and shapes (201 parameters). */
function bertParameters(): Record<string, ParameterInfo> {
  const parameters: Record<string, ParameterInfo> = {
    'embeddings.word_embeddings.weight': { shape: [30522, 768] },
    'embeddings.position_embeddings.weight': { shape: [512, 768] },
    'embeddings.token_type_embeddings.weight': { shape: [2, 768] },
    'embeddings.LayerNorm.weight': { shape: [768] },
    'embeddings.LayerNorm.bias': { shape: [768] },
  }
  for (let layer = 0; layer < 12; layer++) {
    const prefix = `encoder.layer.${layer}`
    for (const dense of [
      'attention.self.query',
      'attention.self.key',
      'attention.self.value',
      'attention.output.dense',
    ]) {
      parameters[`${prefix}.${dense}.weight`] = { shape: [768, 768] }
      parameters[`${prefix}.${dense}.bias`] = { shape: [768] }
    }
    parameters[`${prefix}.attention.output.LayerNorm.weight`] = { shape: [768] }
    parameters[`${prefix}.attention.output.LayerNorm.bias`] = { shape: [768] }
    parameters[`${prefix}.intermediate.dense.weight`] = { shape: [3072, 768] }
    parameters[`${prefix}.intermediate.dense.bias`] = { shape: [3072] }
    parameters[`${prefix}.output.dense.weight`] = { shape: [768, 3072] }
    parameters[`${prefix}.output.dense.bias`] = { shape: [768] }
    parameters[`${prefix}.output.LayerNorm.weight`] = { shape: [768] }
    parameters[`${prefix}.output.LayerNorm.bias`] = { shape: [768] }
  }
  parameters['pooler.dense.weight'] = { shape: [768, 768] }
  parameters['pooler.dense.bias'] = { shape: [768] }
  parameters['classifier.weight'] = { shape: [2, 768] }
  parameters['classifier.bias'] = { shape: [2] }
  return parameters
}

/** timm-style BERT grouping: embeddings, 12 layers, head. */
const bertSelectors: GroupSelector[] = [
  { name: 'embeddings', match: 'embeddings' },
  ...Array.from({ length: 12 }, (_, layer) => ({ name: `layer${layer}`, match: `encoder.layer.${layer}` })),
  { name: 'head', match: ['pooler', 'classifier'] },
]

/** torchvision ResNet-18 parameter names and shapes (62 parameters). */
function resnetParameters(): Record<string, ParameterInfo> {
  const parameters: Record<string, ParameterInfo> = {
    'conv1.weight': { shape: [64, 3, 7, 7] },
    'bn1.weight': { shape: [64] },
    'bn1.bias': { shape: [64] },
  }
  const widths = [64, 128, 256, 512]
  for (let stage = 1; stage <= 4; stage++) {
    const width = widths[stage - 1]!
    for (let block = 0; block < 2; block++) {
      const prefix = `layer${stage}.${block}`
      parameters[`${prefix}.conv1.weight`] = { shape: [width, width, 3, 3] }
      parameters[`${prefix}.bn1.weight`] = { shape: [width] }
      parameters[`${prefix}.bn1.bias`] = { shape: [width] }
      parameters[`${prefix}.conv2.weight`] = { shape: [width, width, 3, 3] }
      parameters[`${prefix}.bn2.weight`] = { shape: [width] }
      parameters[`${prefix}.bn2.bias`] = { shape: [width] }
      if (stage > 1 && block === 0) {
        parameters[`${prefix}.downsample.0.weight`] = { shape: [width, width / 2, 1, 1] }
        parameters[`${prefix}.downsample.1.weight`] = { shape: [width] }
        parameters[`${prefix}.downsample.1.bias`] = { shape: [width] }
      }
    }
  }
  parameters['fc.weight'] = { shape: [1000, 512] }
  parameters['fc.bias'] = { shape: [1000] }
  return parameters
}

/** fastai `_resnet_split`: m[0][:6] (conv1, bn1, layer1, layer2), m[0][6:] (layer3, layer4), head. */
const resnetSelectors: GroupSelector[] = [
  { name: 'stem', match: ['conv1', 'bn1', 'layer1', 'layer2'] },
  { name: 'body', match: ['layer3', 'layer4'] },
  { name: 'head', match: 'fc' },
]

const byName = (groups: readonly ParamGroup[]) => new Map(groups.map((group) => [group.name, group]))
const allParameters = (groups: readonly ParamGroup[]) => groups.flatMap((group) => group.parameters)

describe('createParamGroups', () => {
  describe('BERT-like model', () => {
    it('[V] timm layer decay 0.75 with 12 blocks: embeddings 0.75^13, layer i 0.75^(12 − i), head 1', () => {
      const groups = createParamGroups({
        parameters: bertParameters(),
        groups: bertSelectors,
        strategy: { kind: 'layerDecay', decay: 0.75 },
        weightDecay: 0.01,
      })
      const named = byName(groups)
      expectClose(named.get('embeddings')!.lrScale, 1594323 / 67108864)
      expectClose(named.get('embeddings.noDecay')!.lrScale, 1594323 / 67108864)
      for (let layer = 0; layer < 12; layer++) {
        expectClose(named.get(`layer${layer}`)!.lrScale, 0.75 ** (12 - layer))
      }
      expect(named.get('head')!.lrScale).toBe(1)
      expect(groups).toHaveLength(28)
    })

    it('splits every group into decay and .noDecay halves (HF: bias and LayerNorm get no decay)', () => {
      const groups = createParamGroups({
        parameters: bertParameters(),
        groups: bertSelectors,
        weightDecay: 0.01,
      })
      const named = byName(groups)
      expect(named.get('embeddings')!.parameters).toEqual([
        'embeddings.word_embeddings.weight',
        'embeddings.position_embeddings.weight',
        'embeddings.token_type_embeddings.weight',
      ])
      expect(named.get('embeddings.noDecay')).toEqual({
        name: 'embeddings.noDecay',
        parameters: ['embeddings.LayerNorm.weight', 'embeddings.LayerNorm.bias'],
        lrScale: 1,
        weightDecay: 0,
        trainable: true,
      })
      expect(named.get('layer3')!.parameters).toHaveLength(6)
      expect(named.get('layer3')!.weightDecay).toBe(0.01)
      expect(named.get('layer3.noDecay')!.parameters).toHaveLength(10)
      expect(named.get('head')!.parameters).toEqual(['pooler.dense.weight', 'classifier.weight'])
      expect(groups.map((group) => group.name).slice(0, 4)).toEqual([
        'embeddings',
        'embeddings.noDecay',
        'layer0',
        'layer0.noDecay',
      ])
    })

    it('names without shapes use the name rules and give the same split for BERT', () => {
      const withShapes = createParamGroups({ parameters: bertParameters(), groups: bertSelectors })
      const namesOnly = createParamGroups({
        parameters: Object.keys(bertParameters()),
        groups: bertSelectors,
      })
      expect(namesOnly).toEqual(withShapes)
    })

    it("'encoder.layer.1' does not take 'encoder.layer.10' / '.11' (segment-boundary prefix)", () => {
      const groups = createParamGroups({
        parameters: Object.keys(bertParameters()),
        groups: bertSelectors,
        excludeFromWeightDecay: false,
      })
      const layer1 = byName(groups).get('layer1')!
      expect(layer1.parameters).toHaveLength(16)
      expect(layer1.parameters.every((name) => name.startsWith('encoder.layer.1.'))).toBe(true)
    })

    it('every parameter lands in exactly one group, in input order (property over strategies)', () => {
      const names = Object.keys(bertParameters())
      fc.assert(
        fc.property(
          fc.boolean(),
          fc.constantFrom<'error' | 'head'>('error', 'head'),
          fc.double({ min: 0.01, max: 1, noNaN: true }),
          (exclude, unmatched, decay) => {
            const groups = createParamGroups({
              parameters: names,
              groups: bertSelectors,
              unmatched,
              excludeFromWeightDecay: exclude,
              strategy: { kind: 'layerDecay', decay },
            })
            const listed = allParameters(groups)
            expect(new Set(listed).size).toBe(names.length)
            expect([...listed].sort()).toEqual([...names].sort())
            for (const group of groups) {
              expect(group.lrScale).toBeGreaterThan(0)
              expect(group.lrScale).toBeLessThanOrEqual(1)
            }
          },
        ),
        { numRuns: 30 },
      )
    })
  })

  describe('CNN (ResNet-18)', () => {
    it('[V] fastai slice(1e-5, 1e-3) over the 3-group ResNet split: 1e-5, 1e-4, 1e-3', () => {
      const groups = createParamGroups({
        parameters: resnetParameters(),
        groups: resnetSelectors,
        strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 },
        excludeFromWeightDecay: false,
      })
      expect(groups.map((group) => group.name)).toEqual(['stem', 'body', 'head'])
      const rates = groups.map((group) => group.lrScale * 1e-3)
      expectClose(rates[0]!, 1e-5)
      expectClose(rates[1]!, 1e-4)
      expectClose(rates[2]!, 1e-3)
      expect(groups[2]!.parameters).toEqual(['fc.weight', 'fc.bias'])
      expect(groups).toHaveLength(3)
      expect(allParameters(groups)).toHaveLength(62)
    })

    it('1-D shapes catch BatchNorms that names cannot (downsample.1)', () => {
      const withShapes = byName(
        createParamGroups({ parameters: resnetParameters(), groups: resnetSelectors }),
      )
      expect(withShapes.get('stem.noDecay')!.parameters).toContain('layer2.0.downsample.1.weight')
      expect(withShapes.get('stem')!.parameters).toEqual([
        'conv1.weight',
        'layer1.0.conv1.weight',
        'layer1.0.conv2.weight',
        'layer1.1.conv1.weight',
        'layer1.1.conv2.weight',
        'layer2.0.conv1.weight',
        'layer2.0.conv2.weight',
        'layer2.0.downsample.0.weight',
        'layer2.1.conv1.weight',
        'layer2.1.conv2.weight',
      ])
      const namesOnly = byName(
        createParamGroups({ parameters: Object.keys(resnetParameters()), groups: resnetSelectors }),
      )
      expect(namesOnly.get('stem')!.parameters).toContain('layer2.0.downsample.1.weight')
      expect(namesOnly.get('stem.noDecay')!.parameters).toContain('layer2.0.downsample.1.bias')
    })

    it('oneDimensional: false keeps 1-D weights with decay; names adds explicit exclusions', () => {
      const named = byName(
        createParamGroups({
          parameters: resnetParameters(),
          groups: resnetSelectors,
          excludeFromWeightDecay: { oneDimensional: false, names: ['conv1'] },
        }),
      )
      expect(named.get('stem')!.parameters).toContain('layer2.0.downsample.1.weight')
      expect(named.get('stem.noDecay')!.parameters).toContain('conv1.weight')
    })

    it('accepts a record of Float32Arrays (no shape: name rules only)', () => {
      const groups = createParamGroups({
        parameters: { 'fc.weight': new Float32Array(6), 'fc.bias': new Float32Array(2) },
        groups: [{ name: 'head', match: 'fc' }],
      })
      expect(groups.map((group) => [group.name, group.parameters])).toEqual([
        ['head', ['fc.weight']],
        ['head.noDecay', ['fc.bias']],
      ])
    })
  })

  describe('weight decay', () => {
    it('without weightDecay the decay groups leave it unset (optimizer default) and .noDecay gets 0', () => {
      const groups = createParamGroups({
        parameters: ['fc.weight', 'fc.bias'],
        groups: [{ name: 'head', match: 'fc' }],
      })
      expect(groups[0]).toEqual({ name: 'head', parameters: ['fc.weight'], lrScale: 1, trainable: true })
      expect('weightDecay' in groups[0]!).toBe(false)
      expect(groups[1]!.weightDecay).toBe(0)
    })

    it('excludeFromWeightDecay false gives one group per selector with the base weight decay', () => {
      const groups = createParamGroups({
        parameters: ['fc.weight', 'fc.bias'],
        groups: [{ name: 'head', match: 'fc' }],
        weightDecay: 0.05,
        excludeFromWeightDecay: false,
      })
      expect(groups).toEqual([
        {
          name: 'head',
          parameters: ['fc.weight', 'fc.bias'],
          lrScale: 1,
          weightDecay: 0.05,
          trainable: true,
        },
      ])
    })

    it('a group whose parameters are all excluded has only its .noDecay half', () => {
      const groups = createParamGroups({
        parameters: ['norm.weight', 'norm.bias', 'fc.weight'],
        groups: [
          { name: 'norm', match: 'norm' },
          { name: 'head', match: 'fc' },
        ],
      })
      expect(groups.map((group) => group.name)).toEqual(['norm.noDecay', 'head'])
    })
  })

  describe('matching', () => {
    it('first match wins: a greedy earlier selector takes what a later one would match', () => {
      const groups = createParamGroups({
        parameters: ['encoder.0.w', 'encoder.1.w', 'head.w'],
        groups: [
          { name: 'early', match: 'encoder.0' },
          { name: 'encoder', match: /^encoder\./ },
          { name: 'head', match: 'head' },
        ],
      })
      expect(groups.map((group) => [group.name, group.parameters])).toEqual([
        ['early', ['encoder.0.w']],
        ['encoder', ['encoder.1.w']],
        ['head', ['head.w']],
      ])
    })

    it('a fully shadowed selector is an error naming the parameters the earlier group took', () => {
      expect(() =>
        createParamGroups({
          parameters: ['encoder.0.w', 'encoder.1.w', 'head.w'],
          groups: [
            { name: 'encoder', match: /^encoder\./ },
            { name: 'late', match: 'encoder.1' },
            { name: 'head', match: 'head' },
          ],
        }),
      ).toThrow(
        'groups[1].match must select at least one parameter for group "late"; every parameter it matches is taken by an earlier group (first match wins): encoder.1.w (fix the selector, or set emptyGroups to "drop")',
      )
    })

    it('a selector matching nothing is an error; emptyGroups "drop" omits it and keeps the others\' scales', () => {
      const options = {
        parameters: ['a.w', 'c.w'],
        groups: [
          { name: 'a', match: 'a' },
          { name: 'b', match: 'b' },
          { name: 'c', match: 'c' },
        ],
        strategy: { kind: 'geometric', minScale: 0.01 } as const,
      }
      expect(() => createParamGroups(options)).toThrow(
        'groups[1].match must select at least one parameter for group "b"; it matches no parameter (fix the selector, or set emptyGroups to "drop")',
      )
      const groups = createParamGroups({ ...options, emptyGroups: 'drop' })
      expect(groups.map((group) => [group.name, group.lrScale])).toEqual([
        ['a', 0.01],
        ['c', 1],
      ])
    })

    it("matchMode 'exact', RegExps and predicates", () => {
      const groups = createParamGroups({
        parameters: ['fc', 'fc.weight', 'blocks.0.w', 'blocks.1.w', 'extra.w'],
        groups: [
          { name: 'exact', match: 'fc', matchMode: 'exact' },
          { name: 'regexp', match: /^blocks\.0\./ },
          { name: 'predicate', match: (name) => name.startsWith('blocks.') },
          { name: 'head', match: ['fc', 'extra'] },
        ],
        excludeFromWeightDecay: false,
      })
      expect(groups.map((group) => [group.name, group.parameters])).toEqual([
        ['exact', ['fc']],
        ['regexp', ['blocks.0.w']],
        ['predicate', ['blocks.1.w']],
        ['head', ['fc.weight', 'extra.w']],
      ])
    })

    it('TF.js variable names match on the / boundary', () => {
      const groups = createParamGroups({
        parameters: ['dense_Dense1/kernel', 'dense_Dense1/bias', 'dense_Dense10/kernel'],
        groups: [
          { name: 'body', match: 'dense_Dense1' },
          { name: 'head', match: 'dense_Dense10' },
        ],
      })
      expect(groups.map((group) => [group.name, group.parameters])).toEqual([
        ['body', ['dense_Dense1/kernel']],
        ['body.noDecay', ['dense_Dense1/bias']],
        ['head', ['dense_Dense10/kernel']],
      ])
    })
  })

  describe('unmatched parameters', () => {
    const parameters = ['embeddings.w', 'encoder.0.w', 'pooler.w', 'pooler.bias']
    const groups: GroupSelector[] = [
      { name: 'embeddings', match: 'embeddings' },
      { name: 'encoder', match: 'encoder' },
    ]

    it("'error' (default) lists them", () => {
      expect(() => createParamGroups({ parameters, groups })).toThrow(
        'parameters must each match a group; no group matches pooler.w, pooler.bias (add a selector, or set unmatched to "head" or "ownGroup")',
      )
    })

    it('the error shortens long lists', () => {
      const many = Array.from({ length: 13 }, (_, index) => `x${index}.w`)
      expect(() =>
        createParamGroups({ parameters: ['a.w', ...many], groups: [{ name: 'a', match: 'a' }] }),
      ).toThrow(/x9\.w \(and 3 more\)/)
    })

    it("'head' adds them to the last group (timm: layer_max)", () => {
      const result = createParamGroups({
        parameters,
        groups,
        unmatched: 'head',
        strategy: { kind: 'decay', factor: 10 },
      })
      expect(result.map((group) => [group.name, group.parameters, group.lrScale])).toEqual([
        ['embeddings', ['embeddings.w'], 0.1],
        ['encoder', ['encoder.0.w', 'pooler.w'], 1],
        ['encoder.noDecay', ['pooler.bias'], 1],
      ])
    })

    it("'ownGroup' appends an 'unmatched' group at scale 1 outside the spread", () => {
      const result = createParamGroups({
        parameters,
        groups,
        unmatched: 'ownGroup',
        strategy: { kind: 'decay', factor: 10 },
        weightDecay: 0.1,
      })
      expect(result.map((group) => [group.name, group.parameters, group.lrScale, group.weightDecay])).toEqual(
        [
          ['embeddings', ['embeddings.w'], 0.1, 0.1],
          ['encoder', ['encoder.0.w'], 1, 0.1],
          ['unmatched', ['pooler.w'], 1, 0.1],
          ['unmatched.noDecay', ['pooler.bias'], 1, 0],
        ],
      )
    })
  })

  it('explicit scales by group name', () => {
    const groups = createParamGroups({
      parameters: resnetParameters(),
      groups: resnetSelectors,
      strategy: { kind: 'explicit', scales: { stem: 0.05, body: 0.2 } },
      excludeFromWeightDecay: false,
    })
    expect(groups.map((group) => group.lrScale)).toEqual([0.05, 0.2, 1])
  })

  describe('invalid options (each message)', () => {
    const base = { parameters: ['fc.weight'], groups: [{ name: 'head', match: 'fc' }] }
    const cases: [string, unknown, string][] = [
      ['options not an object', 'x', 'options must be an options object, got "x"'],
      [
        'unknown option',
        { ...base, weightdecay: 0.1 },
        'weightdecay is not an option of createParamGroups; allowed: parameters, groups, unmatched, emptyGroups, strategy, weightDecay, excludeFromWeightDecay',
      ],
      [
        'parameters not a list or record',
        { ...base, parameters: 3 },
        'parameters must be an array of parameter names or a record of name → { shape? }, got 3',
      ],
      [
        'empty parameter name',
        { ...base, parameters: ['fc.weight', ''] },
        'parameters[1] must be a non-empty string, got ""',
      ],
      [
        'duplicate parameter name',
        { ...base, parameters: ['fc.weight', 'fc.weight'] },
        'parameters[1] must be a parameter name not listed before, got "fc.weight"',
      ],
      [
        'record entry not an object',
        { ...base, parameters: { 'fc.weight': 5 } },
        'parameters.fc.weight must be an object with an optional shape, got 5',
      ],
      [
        'bad shape',
        { ...base, parameters: { 'fc.weight': { shape: [2, 1.5] } } },
        'parameters.fc.weight.shape must be an array of non-negative integers, got [2,1.5]',
      ],
      [
        'no groups',
        { ...base, groups: [] },
        'groups must be a non-empty array of { name, match } ordered from input to head, got []',
      ],
      ['group not an object', { ...base, groups: ['fc'] }, 'groups[0] must be an options object, got "fc"'],
      [
        'unknown selector key',
        { ...base, groups: [{ name: 'head', match: 'fc', lr: 1 }] },
        'lr is not an option of createParamGroups groups[0]; allowed: name, match, matchMode',
      ],
      [
        'empty group name',
        { ...base, groups: [{ name: '', match: 'fc' }] },
        'groups[0].name must be a non-empty string, got ""',
      ],
      [
        'duplicate group name',
        {
          ...base,
          groups: [
            { name: 'head', match: 'fc' },
            { name: 'head', match: 'x' },
          ],
        },
        'groups[1].name must be a unique group name (groups[0] has it too), got "head"',
      ],
      [
        'reserved .noDecay suffix',
        { ...base, groups: [{ name: 'head.noDecay', match: 'fc' }] },
        'groups[0].name must be a name not ending in ".noDecay" (reserved for the weight-decay split), got "head.noDecay"',
      ],
      [
        'reserved unmatched name with ownGroup',
        { ...base, unmatched: 'ownGroup', groups: [{ name: 'unmatched', match: 'fc' }] },
        'groups[0].name must be a name other than "unmatched" (reserved for unmatched parameters when unmatched is "ownGroup"), got "unmatched"',
      ],
      [
        'bad match',
        { ...base, groups: [{ name: 'head', match: 42 }] },
        'groups[0].match must be a string, a RegExp, a non-empty array of them or a function, got 42',
      ],
      [
        'bad matchMode',
        { ...base, groups: [{ name: 'head', match: 'fc', matchMode: 'glob' }] },
        'groups[0].matchMode must be one of "exact", "prefix", got "glob"',
      ],
      [
        'bad unmatched',
        { ...base, unmatched: 'own group' },
        'unmatched must be one of "error", "head", "ownGroup", got "own group"',
      ],
      [
        'bad emptyGroups',
        { ...base, emptyGroups: 'keep' },
        'emptyGroups must be one of "error", "drop", got "keep"',
      ],
      [
        'negative weightDecay',
        { ...base, weightDecay: -0.1 },
        'weightDecay must be a finite number >= 0, got -0.1',
      ],
      [
        'bad strategy kind',
        { ...base, strategy: { kind: 'linear' } },
        'strategy.kind must be one of "uniform", "geometric", "decay", "layerDecay", "explicit", got "linear"',
      ],
      [
        'bad exclusion',
        { ...base, excludeFromWeightDecay: 'bias' },
        'excludeFromWeightDecay must be an options object, got "bias"',
      ],
      [
        'bad exclusion flag',
        { ...base, excludeFromWeightDecay: { norm: 1 } },
        'excludeFromWeightDecay.norm must be true or false, got 1',
      ],
    ]
    for (const [label, options, message] of cases) {
      it(label, () => {
        expect(() => createParamGroups(options as never)).toThrow(message)
      })
    }
  })
})
