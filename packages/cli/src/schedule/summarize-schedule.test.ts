import { schedule } from '@lrkit/core'
import { describe, expect, it } from 'vitest'
import { evaluatedSteps, sampleSchedule, summarizeSchedule } from './summarize-schedule'

describe('summarizeSchedule', () => {
  it('finds start, peak (and its step), minimum, end and the probes of a warmup + cosine', () => {
    const lr = schedule({
      kind: 'warmup',
      warmupSteps: 10,
      schedule: { kind: 'cosine', initValue: 1, endValue: 0.1, totalSteps: 90 },
    })
    const summary = summarizeSchedule(lr, 100)
    expect(summary).toEqual({
      start: 0,
      peak: 1,
      peakStep: 10,
      min: 0,
      end: lr(100),
      probes: [0, 10, 25, 50, 75, 100].map((step) => ({ step, learningRate: lr(step) })),
    })
    expect(summary.end).toBeCloseTo(0.1, 12)
  })

  it('drops repeated probe steps for very short schedules', () => {
    const summary = summarizeSchedule(schedule({ kind: 'constant', value: 0.5 }), 2)
    expect(summary.probes.map((probe) => probe.step)).toEqual([0, 1, 2])
  })
})

describe('evaluatedSteps', () => {
  it('lists every step up to the limit', () => {
    expect(evaluatedSteps(4, 10)).toEqual([0, 1, 2, 3, 4])
  })
  it('spaces limit + 1 steps evenly beyond it, ending at the last step', () => {
    expect(evaluatedSteps(1000, 4)).toEqual([0, 250, 500, 750, 1000])
  })
})

describe('sampleSchedule', () => {
  it('samples evenly from 0 to the last step, without duplicate steps', () => {
    const lr = schedule({ kind: 'linear', initValue: 1, endValue: 0, transitionSteps: 4 })
    expect(sampleSchedule(lr, 4, 100)).toEqual(
      [0, 1, 2, 3, 4].map((step) => ({ step, learningRate: lr(step) })),
    )
    expect(sampleSchedule(lr, 4, 3).map((point) => point.step)).toEqual([0, 2, 4])
  })
})
