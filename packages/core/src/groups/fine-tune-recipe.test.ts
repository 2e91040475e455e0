import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { oneCycleSchedule } from '../schedules/one-cycle-schedule'
import { fineTuneRecipe } from './fine-tune-recipe'

const resnetGroups = ['stem', 'body', 'head']

describe('fineTuneRecipe', () => {
  it('[V] fastai fine_tune defaults: head at 2e-3 (pct 0.99, div 25), then slice(1e-5, 1e-3) with pct 0.3, div 5', () => {
    const recipe = fineTuneRecipe({ groups: resnetGroups, epochs: 3 })
    expect(recipe.groups).toEqual(resnetGroups)
    const [frozen, unfrozen] = recipe.phases
    expect(frozen).toEqual({
      name: 'frozen',
      startEpoch: 0,
      epochs: 1,
      trainable: ['head'],
      lrScales: { stem: 0.1, body: 0.1, head: 1 },
      schedule: {
        kind: 'oneCycle',
        peakValue: 2e-3,
        pctStart: 0.99,
        divFactor: 25,
        finalDivFactor: 4000,
        annealStrategy: 'cos',
        convention: 'optax',
      },
    })
    expect(unfrozen!.name).toBe('unfrozen')
    expect(unfrozen!.startEpoch).toBe(1)
    expect(unfrozen!.epochs).toBe(3)
    expect(unfrozen!.trainable).toEqual(resnetGroups)
    expect(unfrozen!.schedule).toEqual({
      kind: 'oneCycle',
      peakValue: 1e-3,
      pctStart: 0.3,
      divFactor: 5,
      finalDivFactor: 20000,
      annealStrategy: 'cos',
      convention: 'optax',
    })
    const peaks = resnetGroups.map((group) => unfrozen!.schedule.peakValue * unfrozen!.lrScales[group]!)
    expectAllClose(peaks, [1e-5, 1e-4, 1e-3])
  })

  it('ends at peak / 1e5 in both phases (fastai div_final, relative to the peak)', () => {
    for (const phase of fineTuneRecipe({ groups: resnetGroups, epochs: 1 }).phases) {
      const { peakValue, divFactor, finalDivFactor } = phase.schedule
      expectClose(peakValue / (divFactor * finalDivFactor), peakValue / 1e5)
    }
  })

  it('[V] the emitted spec, run by oneCycleSchedule, follows fastai combined_cos at pos = step / totalSteps', () => {
    const unfrozen = fineTuneRecipe({ groups: resnetGroups, epochs: 1, stepsPerEpoch: 100 }).phases[1]!
    const { kind: _kind, ...options } = unfrozen.schedule
    const schedule = oneCycleSchedule({ ...options, totalSteps: options.totalSteps! })
    // fastai: sched_cos(start, end, pos) = start + (1 + cos(π(1 − pos)))·(end − start)/2, phases split at 0.3
    const fastai = (pos: number) => {
      const cos = (start: number, end: number, at: number) =>
        start + ((1 + Math.cos(Math.PI * (1 - at))) * (end - start)) / 2
      return pos < 0.3 ? cos(1e-3 / 5, 1e-3, pos / 0.3) : cos(1e-3, 1e-3 / 1e5, (pos - 0.3) / 0.7)
    }
    for (const step of [0, 15, 29, 30, 65, 99]) {
      expectClose(schedule(step), fastai(step / 100), { rtol: 1e-9, label: `step ${step}` })
    }
  })

  it('stepsPerEpoch gives totalSteps and startStep', () => {
    const recipe = fineTuneRecipe({ groups: resnetGroups, epochs: 3, frozenEpochs: 2, stepsPerEpoch: 100 })
    expect(recipe.phases.map((phase) => [phase.startStep, phase.schedule.totalSteps])).toEqual([
      [0, 200],
      [200, 300],
    ])
    expect(recipe.phases[1]!.startEpoch).toBe(2)
  })

  it('frozenEpochs 0 skips the frozen phase', () => {
    const recipe = fineTuneRecipe({ groups: resnetGroups, epochs: 2, frozenEpochs: 0 })
    expect(recipe.phases.map((phase) => [phase.name, phase.startEpoch])).toEqual([['unfrozen', 0]])
  })

  it('custom base rate, strategy (ULMFiT ÷2.6), pctStart and divFactor', () => {
    const recipe = fineTuneRecipe({
      groups: ['a', 'b', 'c'],
      epochs: 1,
      baseLearningRate: 1e-2,
      strategy: { kind: 'decay' },
      pctStart: 0.25,
      divFactor: 10,
    })
    const unfrozen = recipe.phases[1]!
    expect(unfrozen.schedule.peakValue).toBe(5e-3)
    expect(unfrozen.schedule.pctStart).toBe(0.25)
    expect(unfrozen.schedule.finalDivFactor).toBe(1e4)
    expectAllClose([unfrozen.lrScales.a!, unfrozen.lrScales.b!, unfrozen.lrScales.c!], [1 / 6.76, 1 / 2.6, 1])
    expect(recipe.phases[0]!.schedule.peakValue).toBe(1e-2)
  })

  it('one group: both phases train it', () => {
    const recipe = fineTuneRecipe({ groups: ['model'], epochs: 1 })
    expect(recipe.phases.map((phase) => phase.trainable)).toEqual([['model'], ['model']])
    expect(recipe.phases[1]!.lrScales).toEqual({ model: 1 })
  })

  describe('invalid options', () => {
    const base = { groups: resnetGroups, epochs: 1 }
    const cases: [string, unknown, string][] = [
      ['no groups', { ...base, groups: [] }, 'groups must be a non-empty array of group names, got []'],
      ['epochs 0', { ...base, epochs: 0 }, 'epochs must be a positive integer, got 0'],
      [
        'frozenEpochs negative',
        { ...base, frozenEpochs: -1 },
        'frozenEpochs must be a non-negative integer, got -1',
      ],
      [
        'baseLearningRate 0',
        { ...base, baseLearningRate: 0 },
        'baseLearningRate must be a finite number > 0, got 0',
      ],
      ['pctStart 1', { ...base, pctStart: 1 }, 'pctStart must be a number with 0 < pctStart < 1, got 1'],
      ['divFactor negative', { ...base, divFactor: -5 }, 'divFactor must be a finite number > 0, got -5'],
      [
        'stepsPerEpoch 1.5',
        { ...base, stepsPerEpoch: 1.5 },
        'stepsPerEpoch must be a positive integer, got 1.5',
      ],
      [
        'bad strategy',
        { ...base, strategy: { kind: 'geometric' } },
        'strategy.minScale or strategy.lowValue with strategy.highValue must be given (exactly one of the two forms), got neither',
      ],
      [
        'unknown option',
        { ...base, lrMult: 100 },
        'lrMult is not an option of fineTuneRecipe; allowed: groups, epochs, frozenEpochs, baseLearningRate, strategy, pctStart, divFactor, stepsPerEpoch',
      ],
    ]
    for (const [label, options, message] of cases) {
      it(label, () => {
        expect(() => fineTuneRecipe(options as never)).toThrow(message)
      })
    }
  })
})
