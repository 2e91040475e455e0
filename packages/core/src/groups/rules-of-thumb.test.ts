import { expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { defaultLearningRate, fineTuneLearningRate, type RuleOfThumbOptimizer } from './rules-of-thumb'

describe('defaultLearningRate', () => {
  it('[V] Adam 1e-3 (Kingma & Ba)', () => {
    const rule = defaultLearningRate('adam')
    expect(rule.value).toBe(1e-3)
    expect(rule.source).toMatch(/Kingma & Ba 2015/)
  })

  it('SGD 0.01 within 0.01–0.1 and mentions the PyTorch 1e-3 default', () => {
    const rule = defaultLearningRate('sgd')
    expect(rule).toMatchObject({ value: 0.01, range: [0.01, 0.1] })
    expect(rule.source).toMatch(/Bengio 2012/)
    expect(rule.source).toMatch(/PyTorch SGD defaults to 1e-3/)
  })

  it('RMSProp cites PyTorch 1e-2 and Keras 1e-3; Adagrad 1e-2', () => {
    expect(defaultLearningRate('rmsprop')).toMatchObject({ value: 1e-3, range: [1e-3, 1e-2] })
    expect(defaultLearningRate('rmsprop').source).toMatch(/PyTorch RMSprop default 1e-2/)
    expect(defaultLearningRate('adagrad').value).toBe(1e-2)
  })

  it('[V] Lion is 3–10× below AdamW (Chen et al. 2023)', () => {
    const lion = defaultLearningRate('lion')
    const adamw = defaultLearningRate('adamw')
    expectClose(adamw.value / lion.range![0], 10)
    expectClose(adamw.value / lion.range![1], 3)
    expect(lion.source).toMatch(/Chen et al\. 2023/)
  })

  it('every optimizer has a value inside its range and a source', () => {
    const names: RuleOfThumbOptimizer[] = [
      'sgd',
      'sgdMomentum',
      'adam',
      'adamw',
      'rmsprop',
      'adagrad',
      'lion',
    ]
    for (const name of names) {
      const rule = defaultLearningRate(name)
      expect(rule.value).toBeGreaterThanOrEqual(rule.range![0])
      expect(rule.value).toBeLessThanOrEqual(rule.range![1])
      expect(rule.source.length).toBeGreaterThan(20)
    }
  })

  it('returns fresh objects', () => {
    const rule = defaultLearningRate('adam') as unknown as { value: number; range: number[] }
    rule.range[0] = 5
    expect(defaultLearningRate('adam').range).toEqual([1e-4, 1e-3])
  })

  it('unknown optimizer lists the known ones', () => {
    expect(() => defaultLearningRate('adadelta' as never)).toThrow(
      'optimizer must be one of "sgd", "sgdMomentum", "adam", "adamw", "rmsprop", "adagrad", "lion", got "adadelta"',
    )
  })
})

describe('fineTuneLearningRate', () => {
  it('10× smaller by default, range 10–100× smaller', () => {
    const rule = fineTuneLearningRate({ fromScratch: 1e-3 })
    expectClose(rule.value, 1e-4)
    expectClose(rule.range![0], 1e-5)
    expectClose(rule.range![1], 1e-4)
    expect(rule.source).toMatch(/BERT/)
  })

  it('reduction 100 and reduction 1', () => {
    expectClose(fineTuneLearningRate({ fromScratch: 1e-3, reduction: 100 }).value, 1e-5)
    expect(fineTuneLearningRate({ fromScratch: 0.1, reduction: 1 }).value).toBe(0.1)
  })

  it('invalid options', () => {
    expect(() => fineTuneLearningRate({ fromScratch: 0 })).toThrow(
      'fromScratch must be a finite number > 0, got 0',
    )
    expect(() => fineTuneLearningRate({ fromScratch: 1e-3, reduction: 0.5 })).toThrow(
      'reduction must be a number with 1 <= reduction, got 0.5',
    )
    expect(() => fineTuneLearningRate({ fromScratch: 1e-3, factor: 10 } as never)).toThrow(
      'factor is not an option of fineTuneLearningRate; allowed: fromScratch, reduction',
    )
  })
})
