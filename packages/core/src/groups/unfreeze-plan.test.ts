import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createParamGroups } from './create-param-groups'
import {
  gradualUnfreezingPlan,
  trainableGroupsAt,
  type UnfreezePlan,
  withTrainableGroups,
} from './unfreeze-plan'

/** AWD-LSTM classifier split (fastai awd_lstm_clas_split): encoder, 3 RNN layers, head. */
const ulmfitGroups = ['encoder', 'rnn0', 'rnn1', 'rnn2', 'head']

describe('gradualUnfreezingPlan', () => {
  it('[V] ULMFiT: head first, one more group per epoch from the head down', () => {
    const plan = gradualUnfreezingPlan({ groups: ulmfitGroups, unit: 'epoch', every: 1 })
    expect(plan).toEqual({
      unit: 'epoch',
      stages: [
        { at: 0, trainable: ['head'] },
        { at: 1, trainable: ['rnn2', 'head'] },
        { at: 2, trainable: ['rnn1', 'rnn2', 'head'] },
        { at: 3, trainable: ['rnn0', 'rnn1', 'rnn2', 'head'] },
        { at: 4, trainable: ['encoder', 'rnn0', 'rnn1', 'rnn2', 'head'] },
      ],
    })
  })

  it('every k steps, starting with 2 head groups', () => {
    const plan = gradualUnfreezingPlan({
      groups: ['a', 'b', 'c', 'd'],
      unit: 'step',
      every: 500,
      startWith: 2,
    })
    expect(plan.stages.map((stage) => [stage.at, stage.trainable.length])).toEqual([
      [0, 2],
      [500, 3],
      [1000, 4],
    ])
  })

  it('startWith = number of groups gives one stage with everything trainable; one group works', () => {
    expect(
      gradualUnfreezingPlan({ groups: ['a', 'b'], unit: 'epoch', every: 1, startWith: 2 }).stages,
    ).toEqual([{ at: 0, trainable: ['a', 'b'] }])
    expect(gradualUnfreezingPlan({ groups: ['a'], unit: 'epoch', every: 3 }).stages).toEqual([
      { at: 0, trainable: ['a'] },
    ])
  })

  it('is plain JSON', () => {
    const plan = gradualUnfreezingPlan({ groups: ulmfitGroups, unit: 'epoch', every: 2 })
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan)
  })

  describe('invalid options', () => {
    it('groups must be a non-empty list of unique names', () => {
      expect(() => gradualUnfreezingPlan({ groups: [], unit: 'epoch', every: 1 })).toThrow(
        'groups must be a non-empty array of group names, got []',
      )
      expect(() => gradualUnfreezingPlan({ groups: ['a', 'a'], unit: 'epoch', every: 1 })).toThrow(
        'groups[1] must be a group name not used before, got "a"',
      )
    })
    it('unit must be epoch or step', () => {
      expect(() => gradualUnfreezingPlan({ groups: ['a'], unit: 'batch' as never, every: 1 })).toThrow(
        'unit must be one of "epoch", "step", got "batch"',
      )
    })
    it('every must be a positive integer', () => {
      expect(() => gradualUnfreezingPlan({ groups: ['a'], unit: 'epoch', every: 0 })).toThrow(
        'every must be a positive integer, got 0',
      )
    })
    it('startWith must be 1 … number of groups', () => {
      expect(() =>
        gradualUnfreezingPlan({ groups: ['a', 'b'], unit: 'epoch', every: 1, startWith: 3 }),
      ).toThrow('startWith must be an integer from 1 to the number of groups (2), got 3')
      expect(() =>
        gradualUnfreezingPlan({ groups: ['a', 'b'], unit: 'epoch', every: 1, startWith: 0 }),
      ).toThrow('startWith must be a positive integer, got 0')
    })
    it('unknown option', () => {
      expect(() =>
        gradualUnfreezingPlan({ groups: ['a'], unit: 'epoch', every: 1, from: 0 } as never),
      ).toThrow('from is not an option of gradualUnfreezingPlan; allowed: groups, unit, every, startWith')
    })
  })
})

describe('trainableGroupsAt', () => {
  const plan = gradualUnfreezingPlan({ groups: ['a', 'b', 'c'], unit: 'epoch', every: 2 })

  it('at 0, mid-stage, at the boundary, after the last stage and at 1e12', () => {
    expect(trainableGroupsAt(plan, 0)).toEqual(['c'])
    expect(trainableGroupsAt(plan, 1)).toEqual(['c'])
    expect(trainableGroupsAt(plan, 1.999)).toEqual(['c'])
    expect(trainableGroupsAt(plan, 2)).toEqual(['b', 'c'])
    expect(trainableGroupsAt(plan, 4)).toEqual(['a', 'b', 'c'])
    expect(trainableGroupsAt(plan, 1e12)).toEqual(['a', 'b', 'c'])
  })

  it('the trainable set only grows over time (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (count, every, first, second) => {
          const groups = Array.from({ length: count }, (_, index) => `g${index}`)
          const gradual = gradualUnfreezingPlan({ groups, unit: 'epoch', every })
          const [early, late] = first <= second ? [first, second] : [second, first]
          const before = trainableGroupsAt(gradual, early)
          const after = trainableGroupsAt(gradual, late)
          expect(before.every((name) => after.includes(name))).toBe(true)
          expect(after[after.length - 1]).toBe(`g${count - 1}`)
        },
      ),
      { numRuns: 100 },
    )
  })

  it('returns a copy', () => {
    const result = trainableGroupsAt(plan, 0)
    result.push('x')
    expect(trainableGroupsAt(plan, 0)).toEqual(['c'])
  })

  describe('invalid input', () => {
    const stagesOf = (stages: unknown): UnfreezePlan => ({ unit: 'epoch', stages }) as never
    it('at must be a finite number >= 0', () => {
      expect(() => trainableGroupsAt(plan, -1)).toThrow('at must be a finite number >= 0, got -1')
      expect(() => trainableGroupsAt(plan, Number.NaN)).toThrow('at must be a finite number >= 0, got NaN')
    })
    it('the plan must have a unit and a non-empty stage list starting at 0, strictly increasing', () => {
      expect(() => trainableGroupsAt({ unit: 'day', stages: [] } as never, 0)).toThrow(
        'plan.unit must be one of "epoch", "step", got "day"',
      )
      expect(() => trainableGroupsAt(stagesOf([]), 0)).toThrow(
        'plan.stages must be a non-empty array, got []',
      )
      expect(() => trainableGroupsAt(stagesOf([{ at: 1, trainable: ['a'] }]), 0)).toThrow(
        'plan.stages[0].at must be 0 (the first stage starts at 0), got 1',
      )
      expect(() =>
        trainableGroupsAt(
          stagesOf([
            { at: 0, trainable: ['a'] },
            { at: 0, trainable: ['a', 'b'] },
          ]),
          0,
        ),
      ).toThrow('plan.stages[1].at must be an integer > 0 (stages strictly increasing), got 0')
      expect(() => trainableGroupsAt(stagesOf([{ at: 0, trainable: 'a' }]), 0)).toThrow(
        'plan.stages[0].trainable must be an array of group names, got "a"',
      )
      expect(() =>
        trainableGroupsAt({ unit: 'epoch', stages: [{ at: 0, trainable: [] }], x: 1 } as never, 0),
      ).toThrow('x is not an option of plan; allowed: unit, stages')
    })
  })
})

describe('withTrainableGroups', () => {
  const groups = createParamGroups({
    parameters: ['embeddings.w', 'embeddings.LayerNorm.weight', 'encoder.w', 'head.w', 'head.bias'],
    groups: [
      { name: 'embeddings', match: 'embeddings' },
      { name: 'encoder', match: 'encoder' },
      { name: 'head', match: 'head' },
    ],
    strategy: { kind: 'decay' },
  })

  it('a base name covers its .noDecay half; other fields are kept', () => {
    const plan = gradualUnfreezingPlan({ groups: ['embeddings', 'encoder', 'head'], unit: 'epoch', every: 1 })
    const atEpoch0 = withTrainableGroups(groups, trainableGroupsAt(plan, 0))
    expect(atEpoch0.map((group) => [group.name, group.trainable])).toEqual([
      ['embeddings', false],
      ['embeddings.noDecay', false],
      ['encoder', false],
      ['head', true],
      ['head.noDecay', true],
    ])
    expect(atEpoch0.map((group) => group.lrScale)).toEqual(groups.map((group) => group.lrScale))
    expect(withTrainableGroups(groups, trainableGroupsAt(plan, 2)).every((group) => group.trainable)).toBe(
      true,
    )
    expect(groups.every((group) => group.trainable)).toBe(true)
  })

  it('a split half can be named on its own', () => {
    const result = withTrainableGroups(groups, ['embeddings.noDecay'])
    expect(result.filter((group) => group.trainable).map((group) => group.name)).toEqual([
      'embeddings.noDecay',
    ])
  })

  it('rejects names that match no group', () => {
    expect(() => withTrainableGroups(groups, ['decoder'])).toThrow(
      'trainable[0] must name a group, got "decoder"; groups: embeddings, embeddings.noDecay, encoder, head, head.noDecay',
    )
    expect(() => withTrainableGroups('x' as never, [])).toThrow(
      'paramGroups must be an array of ParamGroup, got "x"',
    )
  })
})
