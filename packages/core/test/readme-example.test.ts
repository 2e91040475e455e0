/**
 * The README's examples, run as written (modulo the toy gradient), so the docs cannot drift from the
 * code.
 */
import { describe, expect, it } from 'vitest'
import { adamwOptimizer, createParamGroups, createScheduler, createWasmKernels, schedule } from '../src/index'

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
  it('the scheduler drives the optimizer, which owns the gradient buffers', () => {
    const shapes = {
      'encoder.weight': { shape: [4, 2] },
      'encoder.bias': { shape: [2] },
      'head.weight': { shape: [2, 2] },
    }
    const parameters = {
      'encoder.weight': new Float32Array(8).fill(1),
      'encoder.bias': new Float32Array(2).fill(1),
      'head.weight': new Float32Array(4).fill(1),
    }
    const groups = createParamGroups({
      parameters: shapes,
      groups: [
        { name: 'encoder', match: 'encoder' },
        { name: 'head', match: 'head' },
      ],
      strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 },
    })
    const lr = schedule({
      kind: 'warmup',
      warmupSteps: 5,
      schedule: { kind: 'cosine', initValue: 1e-3, endValue: 1e-4, totalSteps: 45 },
    })
    const batches = Array.from({ length: 50 }, (_, index) => index)
    const writeGradients = (batch: number, into: ReadonlyMap<string, Float32Array>) => {
      for (const buffer of into.values()) buffer.fill(batch === 20 ? Number.NaN : 0.5)
    }
    const optimizer = adamwOptimizer({ parameters, groups, kernels: createWasmKernels() })
    const scheduler = createScheduler({ schedule: lr, target: optimizer }) // pushes lr(0) now
    for (const batch of batches) {
      writeGradients(batch, optimizer.gradients) // into the optimizer's own buffers: no copy
      const report = optimizer.step(optimizer.gradients) // group rate = lr(t) × lrScale
      if (report.applied) scheduler.advance() // a skipped (NaN/Inf) step does not move the schedule
    }
    expect(optimizer.stepCount).toBe(49)
    expect(scheduler.step).toBe(49)
    const head = 1 - optimizer.parameters.get('head.weight')![0]!
    const encoder = 1 - optimizer.parameters.get('encoder.weight')![0]!
    expect(head / encoder).toBeGreaterThan(50)
    expect(parameters['head.weight'][0]).toBe(1) // the caller's arrays were copied, not updated
  })
})
