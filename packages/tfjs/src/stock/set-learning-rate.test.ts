import { constantSchedule, createScheduler, stepSchedule } from '@lrkit/core'
import { expectInvalidArgument } from '@lrkit/test-utils'
import * as tf from '@tensorflow/tfjs-core'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useBackend } from '../../test/backends'
import { LrkitSGD } from '../index'
import { getLearningRate, learningRateTarget, setLearningRate } from './set-learning-rate'

beforeAll(async () => {
  await useBackend('cpu')
})
afterEach(() => {
  tf.disposeVariables()
})

const STOCK: ReadonlyArray<readonly [string, () => tf.Optimizer]> = [
  ['sgd', () => tf.train.sgd(0.1)],
  ['momentum', () => tf.train.momentum(0.1, 0.9)],
  ['adam', () => tf.train.adam(0.1)],
  ['adamax', () => tf.train.adamax(0.1)],
  ['rmsprop', () => tf.train.rmsprop(0.1)],
  ['adagrad', () => tf.train.adagrad(0.1)],
  ['adadelta', () => tf.train.adadelta(0.1)],
]

/** Runs one step of `make()` at rate 0.1 then `rate` on x² from x = 1 and returns x. */
function twoSteps(make: () => tf.Optimizer, rate: number | undefined): number {
  const x = tf.variable(tf.scalar(1))
  const optimizer = make()
  const loss = () => tf.square(x) as tf.Scalar
  optimizer.minimize(loss, false, [x])
  if (rate !== undefined) setLearningRate(optimizer, rate)
  optimizer.minimize(loss, false, [x])
  const value = x.dataSync()[0]!
  optimizer.dispose()
  x.dispose()
  return value
}

describe('setLearningRate on every stock optimizer', () => {
  it.each(STOCK)('%s: the new rate takes effect on the next step and reads back', (_name, make) => {
    const unchanged = twoSteps(make, undefined)
    const stopped = twoSteps(make, 0)
    const x = tf.variable(tf.scalar(1))
    const optimizer = make()
    optimizer.minimize(() => tf.square(x) as tf.Scalar, false, [x])
    const afterFirst = x.dataSync()[0]!
    // Rate 0 freezes the parameter on the second step; the unchanged rate does not.
    expect(stopped).toBe(afterFirst)
    expect(unchanged).not.toBe(afterFirst)
    setLearningRate(optimizer, 0.025)
    expect(getLearningRate(optimizer)).toBe(0.025)
    optimizer.dispose()
  })

  it('a scheduler drives a stock SGD through learningRateTarget (the tensor-cached rate is refreshed)', () => {
    const x = tf.variable(tf.scalar(1))
    const optimizer = tf.train.sgd(1)
    const scheduler = createScheduler({
      schedule: stepSchedule({ initValue: 0.5, stepSize: 1, factor: 0.5 }),
      target: learningRateTarget(optimizer),
    })
    const values: number[] = []
    for (let step = 0; step < 3; step++) {
      optimizer.minimize(() => tf.square(x) as tf.Scalar, false, [x])
      scheduler.advance()
      values.push(x.dataSync()[0]!)
    }
    // Step 0 at rate 0.5 takes x² from 1 to 0; the scheduler then pushed 0.25, 0.125, 0.0625.
    expect(getLearningRate(optimizer)).toBe(0.0625)
    expect(values[0]).toBe(0)
    optimizer.dispose()
  })

  it('sets an lrkit optimizer and rejects what has no learning rate', () => {
    const optimizer = new LrkitSGD({ learningRate: 0.1 })
    setLearningRate(optimizer, 0.2)
    expect(optimizer.learningRate).toBe(0.2)
    expect(learningRateTarget(optimizer)).toBe(optimizer)
    expectInvalidArgument(
      () => setLearningRate(tf.train.sgd(0.1), Number.NaN),
      'learningRate must be a finite number >= 0, got NaN',
    )
    expectInvalidArgument(
      () => setLearningRate({} as tf.Optimizer, 0.1),
      'optimizer must be a tf.train.* optimizer (one with a numeric learningRate), got "Object"',
    )
    expect(() =>
      createScheduler({
        schedule: constantSchedule({ value: 0.1 }),
        groups: { a: 1, b: 0.5 },
        target: learningRateTarget(tf.train.adam(0.1)),
      }),
    ).toThrow('a stock tf.train optimizer has one learning rate; the scheduler sends rates for a, b')
  })
})
