import { InvalidArgumentError, type Optimizer, type OptimizerState, type Trainable } from '@lrkit/core'
import type { GradientBatch, GradientSession } from '../session/create-gradient-session'
import { createOnnxTrainer } from './create-onnx-trainer'

/** Options of {@link createOnnxTrainable}. */
export interface OnnxTrainableOptions {
  /** The gradient session whose parameters train. */
  readonly session: GradientSession
  /**
   * The `@lrkit/core` optimizer over the session's parameters (groups, clipping, accumulation as
   * for `createOnnxTrainer`). The rate comes from the range test or search: do not give the optimizer
   * a scheduler before the range test; create one after it.
   */
  readonly optimizer: Optimizer<object>
  /**
   * The batch of the `step`-th call of a sweep or trial (0-based). Give the batches as a function of
   * the step so that a restored run sees the same data again.
   */
  readonly batch: (step: number) => GradientBatch | Promise<GradientBatch>
  /** Optional validation loss (must not change any training state), for `validation: 'record' | 'use'`. */
  readonly evaluate?: () => Promise<number>
}

/** What {@link createOnnxTrainable}'s `snapshot()` captures: parameter copies and the optimizer state. */
export interface OnnxSnapshot {
  /** Copies of the parameter values. */
  readonly parameters: ReadonlyMap<string, Float32Array>
  /** `optimizer.state()`. */
  readonly optimizer: OptimizerState
}

/**
 * A `@lrkit/core` `Trainable` over an ONNX training graph, so `runRangeTest`, `gridSearch`,
 * `randomSearch` and `successiveHalving` run on ONNX models. `trainStep(learningRate, step)` is one
 * trainer step at that base rate (group scales apply) on `batch(step)`; `snapshot()` copies the
 * parameters and the optimizer state; `restore()` puts both back bit for bit, so "range test, then
 * train" trains exactly as "train alone".
 *
 * @param options - the session, the optimizer, the batches and an optional validation loss
 * @returns the trainable
 * @throws InvalidArgumentError when `batch` is not a function (and as `createOnnxTrainer`)
 * @example
 * ```ts
 * const trainable = createOnnxTrainable({ session, optimizer, batch: (step) => batches[step % batches.length] })
 * const { suggestion } = await runRangeTest(trainable, { startValue: 1e-6, endValue: 1, steps: 100 })
 * // the model and optimizer are back where they were: now train with the suggested rate
 * const scheduler = createScheduler({ schedule: oneCycleSchedule({ ... suggestion.learningRate ... }), target: optimizer })
 * ```
 */
export function createOnnxTrainable(options: OnnxTrainableOptions): Trainable<OnnxSnapshot> {
  const { session, optimizer, batch, evaluate } = options
  if (typeof batch !== 'function') {
    throw new InvalidArgumentError({
      argument: 'options.batch',
      value: batch,
      expected: 'a function (step) => batch',
    })
  }
  // Without a scheduler; every step passes its own rate.
  const trainer = createOnnxTrainer({ session, optimizer, learningRate: 0 })
  const trainable: Trainable<OnnxSnapshot> = {
    async snapshot() {
      return {
        parameters: new Map([...optimizer.parameters].map(([name, values]) => [name, values.slice()])),
        optimizer: optimizer.state(),
      }
    },
    async restore(snapshot) {
      optimizer.load(snapshot.optimizer)
      for (const [name, values] of optimizer.parameters) values.set(snapshot.parameters.get(name)!)
    },
    async trainStep(learningRate, step) {
      const { loss } = await trainer.step(await batch(step), { learningRate })
      return loss
    },
  }
  if (evaluate !== undefined) trainable.evaluate = evaluate
  return trainable
}
