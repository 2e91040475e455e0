import { InvalidArgumentError, InvalidStateError, type LearningRateTarget } from '@lrkit/core'
import type { Optimizer } from '@tensorflow/tfjs-core'
import { isLrkitOptimizer } from '../optimizers/lrkit-optimizer'

interface WithRate {
  learningRate?: unknown
  setLearningRate?: (rate: number) => void
  getConfig?: () => Record<string, unknown>
}

function readRate(optimizer: WithRate): unknown {
  return typeof optimizer.getConfig === 'function' ? optimizer.getConfig().learningRate : undefined
}

/**
 * Sets the learning rate of any TensorFlow.js optimizer so that the next update uses it:
 *
 * - `tf.train.sgd` / `tf.train.momentum` cache `−rate` in a tensor at construction, so writing
 *   `learningRate` is silently ignored; this calls their `setLearningRate` (which rebuilds the
 *   tensor).
 * - `adam`, `adamax`, `rmsprop`, `adagrad`, `adadelta` read the protected `learningRate` field at
 *   every step; this writes it.
 * - lrkit optimizers: sets `LrkitOptimizer.learningRate`.
 *
 * Then it reads the rate back through `getConfig()` and throws if it did not take.
 *
 * @param optimizer - a `tf.train.*` optimizer or an lrkit optimizer
 * @param learningRate - the new rate, finite and ≥ 0
 * @throws InvalidArgumentError for an invalid rate or an object without a learning rate;
 *   InvalidStateError when the optimizer does not report the new rate afterwards
 * @example
 * ```ts
 * const optimizer = tf.train.sgd(0.1)
 * setLearningRate(optimizer, 0.01) // (optimizer as any).learningRate = 0.01 would be ignored
 * ```
 */
export function setLearningRate(optimizer: Optimizer, learningRate: number): void {
  if (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate < 0) {
    throw new InvalidArgumentError({
      argument: 'learningRate',
      value: learningRate,
      expected: 'a finite number >= 0',
    })
  }
  if (isLrkitOptimizer(optimizer)) {
    optimizer.learningRate = learningRate
    return
  }
  const target = optimizer as unknown as WithRate
  if (target === null || typeof target !== 'object' || typeof target.learningRate !== 'number') {
    throw new InvalidArgumentError({
      argument: 'optimizer',
      value: (target as { constructor?: { name?: string } } | null)?.constructor?.name ?? target,
      expected: 'a tf.train.* optimizer (one with a numeric learningRate)',
    })
  }
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate)
  else target.learningRate = learningRate
  const reported = readRate(target)
  if (reported !== undefined && reported !== learningRate) {
    throw new InvalidStateError({
      message: `setLearningRate(${learningRate}) did not take: the optimizer reports learningRate ${String(reported)}`,
    })
  }
}

/**
 * Reads an optimizer's current learning rate (`getConfig().learningRate`, the public typed way;
 * `optimizer.getLearningRate()` does not exist in TF.js).
 *
 * @param optimizer - a `tf.train.*` optimizer or an lrkit optimizer
 * @returns the rate
 * @throws InvalidArgumentError when the optimizer reports no numeric learning rate
 */
export function getLearningRate(optimizer: Optimizer): number {
  if (isLrkitOptimizer(optimizer)) return optimizer.learningRate
  const rate = readRate(optimizer as unknown as WithRate)
  if (typeof rate !== 'number') {
    throw new InvalidArgumentError({
      argument: 'optimizer',
      value: rate,
      expected: 'an optimizer whose getConfig() has a numeric learningRate',
    })
  }
  return rate
}

/**
 * Wraps a stock `tf.train.*` optimizer as a core `LearningRateTarget`, so that
 * `createScheduler({ schedule, target: learningRateTarget(optimizer) })` drives it (one rate for
 * all variables: stock optimizers have no groups). `getStepCount()` is `optimizer.iterations`.
 * An lrkit optimizer is returned as is (it is a target itself).
 *
 * @param optimizer - the optimizer to drive
 * @returns the target
 */
export function learningRateTarget(optimizer: Optimizer): LearningRateTarget {
  if (isLrkitOptimizer(optimizer)) return optimizer
  getLearningRate(optimizer)
  return {
    specificationVersion: 'v1',
    setLearningRates(rates) {
      const keys = Object.keys(rates)
      if (keys.length !== 1) {
        throw new InvalidArgumentError({
          argument: 'rates',
          value: keys,
          message: `a stock tf.train optimizer has one learning rate; the scheduler sends rates for ${keys.join(', ')}. Use an lrkit optimizer for per-group rates`,
        })
      }
      setLearningRate(optimizer, rates[keys[0]!]!)
    },
    getStepCount: () => optimizer.iterations,
  }
}
