import {
  createLossMonitor,
  InvalidArgumentError,
  type LossMonitorOptions,
  type MonitorEvent,
  type MonitorEventKind,
} from '@lrkit/core'
import type { Optimizer } from '@tensorflow/tfjs-core'
import { CustomCallback, type LayersModel, type Logs } from '@tensorflow/tfjs-layers'
import { getLearningRate } from '../stock/set-learning-rate'

/** Options of {@link lossMonitorCallback}. */
export interface LossMonitorCallbackOptions {
  /** Called with each warning (diverged, oscillating, plateaued, too slow). Required: the library never logs. */
  readonly onEvent: (event: MonitorEvent) => void
  /** Core's monitor options (window, patience, …). */
  readonly monitor?: LossMonitorOptions
  /** With `model`: event kinds that stop training (`model.stopTraining = true`). Default none. */
  readonly stopOn?: readonly MonitorEventKind[]
  /** The model to stop; needed with `stopOn`. */
  readonly model?: LayersModel
  /** The optimizer, to attach the current rate to each observation. Default none. */
  readonly optimizer?: Optimizer
}

/**
 * Feeds every batch loss of `model.fit` / `fitDataset` to core's loss monitor and reports its
 * warnings through `onEvent`; optionally stops training on chosen kinds (e.g. `'diverged'`).
 * It defines `onBatchEnd`, so tfjs reads the batch loss from the device once per batch.
 *
 * @param options - see {@link LossMonitorCallbackOptions}
 * @returns the callback
 * @throws InvalidArgumentError without `onEvent`, or with `stopOn` but no `model`
 */
export function lossMonitorCallback(options: LossMonitorCallbackOptions): CustomCallback {
  if (typeof options?.onEvent !== 'function') {
    throw new InvalidArgumentError({ argument: 'onEvent', value: options?.onEvent, expected: 'a function' })
  }
  const stopOn = new Set(options.stopOn ?? [])
  if (stopOn.size > 0 && options.model === undefined) {
    throw new InvalidArgumentError({
      argument: 'model',
      value: undefined,
      expected: 'the model to stop (stopOn is set)',
    })
  }
  const monitor = createLossMonitor(options.monitor ?? {})
  let step = 0
  return new CustomCallback({
    onBatchEnd: async (_batch: number, logs?: Logs) => {
      const loss = logs?.loss
      if (typeof loss !== 'number') return
      const learningRate = options.optimizer === undefined ? undefined : getLearningRate(options.optimizer)
      const events = monitor.observe(loss, learningRate === undefined ? { step } : { step, learningRate })
      step += 1
      for (const event of events) {
        options.onEvent(event)
        if (stopOn.has(event.kind) && options.model !== undefined) options.model.stopTraining = true
      }
    },
  })
}
