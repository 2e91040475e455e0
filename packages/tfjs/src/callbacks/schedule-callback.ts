import {
  createScheduler,
  InvalidArgumentError,
  type LearningRateTarget,
  type PlateauController,
  type Schedule,
  type Scheduler,
  type SchedulerState,
} from '@lrkit/core'
import type { Optimizer } from '@tensorflow/tfjs-core'
import { CustomCallback, type Logs } from '@tensorflow/tfjs-layers'
import { learningRateTarget } from '../stock/set-learning-rate'

/** Options of {@link scheduleCallback}. */
export interface ScheduleCallbackOptions {
  /** The optimizer the model was compiled with: an lrkit optimizer or any `tf.train.*` one. */
  readonly optimizer: Optimizer
  /** Base (head) rate as a function of the 0-based batch (or epoch) index. Required. */
  readonly schedule: Schedule
  /**
   * `'batch'` (default): the schedule's step is the global batch index, counted across epochs and
   * across `fit` calls with the same callback; `'epoch'`: the epoch index.
   */
  readonly unit?: 'batch' | 'epoch'
  /** A core plateau controller (`reduceOnPlateau`), fed at each epoch end. Default none. */
  readonly plateau?: PlateauController
  /**
   * The epoch-log metric the plateau watches (`'val_loss'`, `'loss'`, `'val_acc'`, …); default
   * `'val_loss'`, or `'loss'` when the epoch logs have no `val_loss` (no validation data).
   */
  readonly monitor?: string
  /** Group scales for the scheduler (core's `groups`); default none (the optimizer's `lrScale`s apply). */
  readonly groups?: Readonly<Record<string, number>>
  /** Key under which the epoch's base rate is written into the epoch logs (and `history`); `false`: none. Default `'lr'`. */
  readonly logKey?: string | false
  /** Scheduler state to continue from (`callback.scheduler.toJSON()` of an earlier run). */
  readonly resumeFrom?: SchedulerState
}

/** The callback {@link scheduleCallback} returns: a `tf.CustomCallback` with its scheduler. */
export interface ScheduleCallback extends CustomCallback {
  /** The core scheduler (step, current rates, `toJSON()` for resuming). */
  readonly scheduler: Scheduler
}

/**
 * A `model.fit` / `fitDataset` callback that drives the optimizer's learning rate from a core
 * schedule, per batch or per epoch, with an optional reduce-on-plateau controller on any logged
 * metric, and records the rate in the epoch logs (so in `history.history.lr`).
 *
 * The rate of batch t is pushed in `onBatchBegin` (tfjs awaits it before running the batch, so it
 * applies to that same batch); the callback defines no `onBatchEnd`, so it adds no per-batch
 * device sync. With an lrkit optimizer the scheduler checks that exactly one optimizer update ran
 * per batch. Works with every `tf.train.*` optimizer too (through {@link setLearningRate}, which
 * `sgd` and `momentum` need).
 *
 * @param options - see {@link ScheduleCallbackOptions}
 * @returns the callback (a class-based `CustomCallback`; mix with plain objects through
 *   {@link composeCallbacks})
 * @throws InvalidArgumentError for invalid options (core's), and during `fit` when the monitored
 *   metric is missing from the epoch logs
 * @example
 * ```ts
 * const callback = scheduleCallback({
 *   optimizer,
 *   schedule: oneCycleSchedule({ peakValue: 1e-3, totalSteps: epochs * stepsPerEpoch }),
 * })
 * const history = await model.fit(xs, ys, { epochs, batchSize: 32, callbacks: [callback] })
 * history.history.lr // the rate of each epoch's last batch
 * ```
 */
export function scheduleCallback(options: ScheduleCallbackOptions): ScheduleCallback {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
  }
  const unit = options.unit ?? 'batch'
  if (unit !== 'batch' && unit !== 'epoch') {
    throw new InvalidArgumentError({ argument: 'unit', value: unit, expected: '"batch" or "epoch"' })
  }
  const logKey = options.logKey ?? 'lr'
  if (logKey !== false && (typeof logKey !== 'string' || logKey === '')) {
    throw new InvalidArgumentError({
      argument: 'logKey',
      value: logKey,
      expected: 'a non-empty string or false',
    })
  }
  const base = learningRateTarget(options.optimizer)
  // Per epoch, many updates run between two advances: no call-order check.
  const target: LearningRateTarget =
    unit === 'batch'
      ? base
      : { specificationVersion: 'v1', setLearningRates: (rates) => base.setLearningRates(rates) }
  const scheduler = createScheduler({
    schedule: options.schedule,
    target,
    ...(options.plateau === undefined ? {} : { plateau: options.plateau }),
    ...(options.groups === undefined ? {} : { groups: options.groups }),
    ...(options.resumeFrom === undefined ? {} : { resumeFrom: options.resumeFrom }),
  })
  // The step of the next update is current; advance once per batch (or epoch) after the first.
  let started = options.resumeFrom !== undefined && options.resumeFrom.step > 0
  const advance = (): void => {
    if (started) scheduler.advance()
    started = true
  }
  const hooks = {
    onEpochBegin: async () => {
      if (unit === 'epoch') advance()
    },
    onBatchBegin: async () => {
      if (unit === 'batch') advance()
    },
    onEpochEnd: async (_epoch: number, logs?: Logs) => {
      if (logs !== undefined && logKey !== false) logs[logKey] = scheduler.learningRate
      if (options.plateau === undefined) return
      const available = Object.keys(logs ?? {})
      const monitor = options.monitor ?? (available.includes('val_loss') ? 'val_loss' : 'loss')
      const value = logs?.[monitor]
      if (typeof value !== 'number') {
        throw new InvalidArgumentError({
          argument: 'monitor',
          value: monitor,
          message: `monitor "${monitor}" is not in the epoch logs; available: ${available.join(', ')}`,
        })
      }
      scheduler.reportMetric(value)
    },
  }
  const callback = new CustomCallback(hooks) as ScheduleCallback
  Object.defineProperty(callback, 'scheduler', { value: scheduler, enumerable: true })
  return callback
}
