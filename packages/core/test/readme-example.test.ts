/**
 * The README's examples, run as written (modulo the toy gradient), so the docs cannot drift from the
 * code.
 */
import { describe, expect, it } from 'vitest'
import { adamwOptimizer, createParamGroups, createScheduler, schedule } from '../src/index'

describe('README examples', () => {
  it('the schedule example prints the documented values', () => {
    const lr = schedule({
      kind: 'warmup',
      warmupSteps: 500,
      schedule: { kind: 'cosine', initValue: 3e-4, endValue: 3e-5, totalSteps: 9_500 },
    })
    expect(lr(0)).toBe(0)
    expect(lr(500)).toBeCloseTo(3e-4, 15)
    expect(lr(10_000)).toBe(3e-5)
  })

  it('the fine-tuning loop trains with discriminative rates and a scheduler', () => {
    const parameters = {
      'encoder.weight': new Float32Array(8).fill(1),
      'encoder.bias': new Float32Array(2).fill(1),
      'head.weight': new Float32Array(4).fill(1),
    }
    const groups = createParamGroups({
      parameters: {
        'encoder.weight': { shape: [4, 2] },
        'encoder.bias': { shape: [2] },
        'head.weight': { shape: [2, 2] },
      },
      groups: [
        { name: 'encoder', match: 'encoder' },
        { name: 'head', match: 'head' },
      ],
      strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 },
    })
    const optimizer = adamwOptimizer({ parameters, groups, weightDecay: 0.01 })
    const scheduler = createScheduler({
      schedule: schedule({ kind: 'oneCycle', peakValue: 1e-3, totalSteps: 100 }),
    })
    const gradients = Object.fromEntries(
      Object.entries(parameters).map(([name, value]) => [name, new Float32Array(value.length).fill(0.5)]),
    )
    for (let step = 0; step < 100; step++) {
      optimizer.step(gradients, scheduler.learningRate)
      scheduler.advance()
    }
    expect(groups.map((group) => [group.name, group.lrScale])).toEqual([
      ['encoder', 0.01],
      ['encoder.noDecay', 0.01],
      ['head', 1],
    ])
    // The head moved about 100× further than the encoder (its rate is 100× larger).
    const headMove = 1 - parameters['head.weight'][0]!
    const encoderMove = 1 - parameters['encoder.weight'][0]!
    expect(headMove / encoderMove).toBeGreaterThan(50)
    expect(scheduler.step).toBe(100)
  })
})
