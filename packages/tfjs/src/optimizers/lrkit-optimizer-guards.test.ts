import {
  adamwOptimizer,
  constantSchedule,
  cosineSchedule,
  createScheduler,
  InvalidStateError,
} from '@lrkit/core'
import { expectAllClose, expectInvalidArgument } from '@lrkit/test-utils'
import * as tf from '@tensorflow/tfjs-core'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BACKENDS, useBackend } from '../../test/backends'
import { gradient, INITIAL, makeVariables, testGroups } from '../../test/trajectory'
import { LrkitAdam, LrkitAdamW, LrkitSGD } from '../index'

afterEach(() => {
  tf.disposeVariables()
})

function step(optimizer: LrkitAdamW, a: tf.Variable, b: tf.Variable, index: number, bad?: number): void {
  tf.tidy(() => {
    const ga = gradient(index, 1, 6)
    if (bad !== undefined) ga[bad] = Number.NaN
    optimizer.applyGradients([
      { name: a.name, tensor: tf.tensor(ga, [2, 3]) },
      { name: b.name, tensor: tf.tensor(gradient(index, 2, 3), [3]) },
    ])
  })
}

/** As `step`, without an enclosing `tidy`: whatever the optimizer leaks stays counted. */
function untidyStep(optimizer: LrkitAdamW, a: tf.Variable, b: tf.Variable, index: number): void {
  const ga = tf.tensor(gradient(index, 1, 6), [2, 3])
  const gb = tf.tensor(gradient(index, 2, 3), [3])
  optimizer.applyGradients([
    { name: a.name, tensor: ga },
    { name: b.name, tensor: gb },
  ])
  tf.dispose([ga, gb])
}

describe.each(BACKENDS)('on the %s backend', (backend) => {
  describe.each(['kernels', 'ops'] as const)('the %s path', (updatePath) => {
    it('skips a step with a NaN gradient, changes nothing and reports the variable and index', async () => {
      await useBackend(backend)
      const { a, b } = makeVariables()
      const onNonFinite = vi.fn()
      const optimizer = new LrkitAdamW({ learningRate: 0.01, updatePath, onNonFinite })
      step(optimizer, a, b, 0)
      const before = optimizer.state()
      const values = Float32Array.from(a.dataSync())
      step(optimizer, a, b, 1, 4)
      expect(optimizer.lastStep).toEqual({
        applied: false,
        skipped: { reason: 'nonFinite', parameter: a.name, index: 4 },
      })
      expect(onNonFinite).toHaveBeenCalledWith(optimizer.lastStep)
      expect(Float32Array.from(a.dataSync())).toEqual(values)
      // Only the call count (the scheduler's step) moves.
      expect(before.stepCount).toBe(1)
      expect(optimizer.state()).toEqual({ ...before, stepCount: 2 })
      optimizer.dispose()
    })

    it('accumulates micro-batches as core does', async () => {
      await useBackend(backend)
      const { a, b } = makeVariables()
      const optimizer = new LrkitAdamW({ learningRate: 0.01, updatePath, accumulationSteps: 3 })
      const reference = adamwOptimizer({
        parameters: { a: INITIAL.a.slice(), b: INITIAL.b.slice() },
        accumulationSteps: 3,
      })
      for (let index = 0; index < 10; index++) {
        step(optimizer, a, b, index)
        reference.step({ a: gradient(index, 1, 6), b: gradient(index, 2, 3) }, 0.01)
        expect(optimizer.lastStep?.applied).toBe(index % 3 === 2)
      }
      const expected = reference.parameters.get('a')!
      Array.from(a.dataSync()).forEach((value, index) => {
        expect(value).toBeCloseTo(expected[index]!, 6)
      })
      expect(optimizer.state().accumulation?.microStep).toBe(1)
      optimizer.dispose()
    })

    it('leaks no tensor: numTensors after 100 steps equals numTensors after 1 (schedule, groups, clipping)', async () => {
      await useBackend(backend)
      const { a, b } = makeVariables()
      const optimizer = new LrkitAdamW({
        updatePath,
        groups: testGroups(a.name, b.name),
        gradientClipping: { maxNorm: 0.5, maxValue: 0.3 },
      })
      const scheduler = createScheduler({
        schedule: cosineSchedule({ initValue: 0.01, totalSteps: 100 }),
        target: optimizer,
      })
      untidyStep(optimizer, a, b, 0)
      scheduler.advance()
      const after1 = tf.memory().numTensors
      for (let index = 1; index < 100; index++) {
        untidyStep(optimizer, a, b, index)
        scheduler.advance()
      }
      expect(tf.memory().numTensors).toBe(after1)
      expect(optimizer.lastStep?.clipped).toBe(true)
      optimizer.dispose()
    })
  })
})

describe('validation and checkpoints', () => {
  it('rejects invalid options with core messages and its own', () => {
    expectInvalidArgument(
      () => new LrkitAdamW({ learningRate: -1 }),
      'learningRate must be a finite number >= 0, got -1',
    )
    expectInvalidArgument(
      () => new LrkitAdamW({ updatePath: 'gpu' as never }),
      'updatePath must be "auto", "kernels" or "ops", got "gpu"',
    )
    expectInvalidArgument(
      () => new LrkitAdamW({ missingGradients: 'error' } as never),
      'missingGradients is not an option of lrkit TensorFlow.js optimizers, got "error": variables without a gradient (frozen layers) are always left unchanged',
    )
    expect(() => new LrkitAdamW({ beta1: 1 })).toThrow(/beta1/)
    expect(() => new LrkitSGD({ nesterov: true })).toThrow(
      'nesterov requires momentum > 0 and dampening 0, got momentum 0 and dampening 0',
    )
  })

  it('restores state by name into another model instance and rejects a checkpoint of another model', async () => {
    await useBackend('cpu')
    const { a, b } = makeVariables()
    const optimizer = new LrkitAdam({ learningRate: 0.01 })
    for (let index = 0; index < 3; index++) step(optimizer as never, a, b, index)
    const weights = await optimizer.getWeights()
    const va = Float32Array.from(a.dataSync())
    const vb = Float32Array.from(b.dataSync())
    step(optimizer as never, a, b, 3)
    const expected = Float32Array.from(a.dataSync())
    // A fresh optimizer holds the loaded state until the variables are seen, then continues bit-exactly.
    a.assign(tf.tensor(va, [2, 3]))
    b.assign(tf.tensor(vb, [3]))
    const restart = new LrkitAdam({ learningRate: 0.01 })
    await restart.setWeights(weights)
    expect(restart.iterations).toBe(3)
    expect(restart.state().parameters[a.name]!.step).toBe(3)
    step(restart as never, a, b, 3)
    expect(Float32Array.from(a.dataSync())).toEqual(expected)
    const other = makeVariables()
    const mismatched = new LrkitAdam()
    step(mismatched as never, other.a, other.b, 0)
    await expect(mismatched.setWeights(weights)).rejects.toThrow(
      `cannot load optimizer state: the state has no entry for variables "${other.a.name}", "${other.b.name}", which this optimizer already updates; a checkpoint of a different model?`,
    )
    await expect(new LrkitSGD({ momentum: 0.9 }).setWeights(weights)).rejects.toThrow(
      `cannot load optimizer state: weight "${a.name}/expAvg" names buffer "expAvg", which a "sgd" optimizer with these hyperparameters does not keep (momentumBuffer)`,
    )
    tf.dispose(weights.map((entry) => entry.tensor))
  })

  it('state() records the update count and load() restores it; a bad count is refused', async () => {
    await useBackend('cpu')
    const { a, b } = makeVariables()
    const optimizer = new LrkitAdamW({ learningRate: 0.01 })
    for (let index = 0; index < 4; index++) step(optimizer, a, b, index)
    const saved = optimizer.state()
    expect(saved.stepCount).toBe(4)
    step(optimizer, a, b, 4)
    expect(optimizer.iterations).toBe(5)
    optimizer.load(saved)
    expect(optimizer.iterations).toBe(4)
    expect(optimizer.getStepCount()).toBe(4)
    expect(() => optimizer.load({ ...saved, stepCount: -1 })).toThrow(
      'cannot load optimizer state: stepCount must be a non-negative integer, got -1',
    )
  })

  it('restore() brings back a snapshot bit-exactly (variables first seen later start fresh again) and refuses another kind', async () => {
    await useBackend('cpu')
    const { a, b } = makeVariables()
    const optimizer = new LrkitAdamW({ learningRate: 0.01 })
    const initial = [Float32Array.from(a.dataSync()), Float32Array.from(b.dataSync())]
    const snapshot = optimizer.snapshot()
    for (let index = 0; index < 3; index++) step(optimizer, a, b, index)
    const expected = [Float32Array.from(a.dataSync()), Float32Array.from(b.dataSync())]
    optimizer.learningRate = 1
    step(optimizer, a, b, 3)
    optimizer.restore(snapshot)
    expect(optimizer.learningRate).toBe(0.01)
    expect(optimizer.iterations).toBe(0)
    a.assign(tf.tensor(initial[0]!, [2, 3]))
    b.assign(tf.tensor(initial[1]!, [3]))
    for (let index = 0; index < 3; index++) step(optimizer, a, b, index)
    expect([Float32Array.from(a.dataSync()), Float32Array.from(b.dataSync())]).toEqual(expected)
    expect(() => new LrkitSGD().restore(snapshot)).toThrow(
      'cannot load optimizer state: restore() needs a snapshot() of a "sgd" optimizer, got one of a "adamw" optimizer',
    )
  })

  it.each(BACKENDS)(
    'a variable without a gradient inside a training group is skipped as core skips it (%s)',
    async (backend) => {
      await useBackend(backend)
      const { a, b } = makeVariables()
      // One group holds both variables: one kernel call per step covers them.
      const optimizer = new LrkitAdamW({
        learningRate: 0.01,
        groups: [{ name: 'all', parameters: [a.name, b.name], lrScale: 1, trainable: true }],
      })
      const reference = adamwOptimizer({
        parameters: { a: INITIAL.a.slice(), b: INITIAL.b.slice() },
        missingGradients: 'skip',
      })
      for (let index = 0; index < 6; index++) {
        tf.tidy(() => {
          const gradients = [{ name: a.name, tensor: tf.tensor(gradient(index, 1, 6), [2, 3]) }]
          // b has no gradient on steps 1-3 (a frozen layer: tfjs passes null).
          const bGradient = index >= 1 && index <= 3 ? null : tf.tensor(gradient(index, 2, 3), [3])
          optimizer.applyGradients([...gradients, { name: b.name, tensor: bGradient as never }])
        })
        const coreGradients: Record<string, Float32Array> = { a: gradient(index, 1, 6) }
        if (index < 1 || index > 3) coreGradients.b = gradient(index, 2, 3)
        reference.step(coreGradients, 0.01)
      }
      expect(optimizer.state().parameters[b.name]!.step).toBe(3)
      expect(optimizer.state().parameters[a.name]!.step).toBe(6)
      expectAllClose(a.dataSync(), reference.parameters.get('a')!, { rtol: 1e-6 })
      expectAllClose(b.dataSync(), reference.parameters.get('b')!, { rtol: 1e-6 })
    },
  )

  it('refuses per-group scheduler rates when the groups also scale the rate', async () => {
    await useBackend('cpu')
    const { a, b } = makeVariables()
    const optimizer = new LrkitAdamW({ groups: testGroups(a.name, b.name) })
    expect(() =>
      createScheduler({
        schedule: constantSchedule({ value: 0.1 }),
        groups: { body: 1, head: 1 },
        target: optimizer,
      }),
    ).toThrow(InvalidStateError)
  })
})
