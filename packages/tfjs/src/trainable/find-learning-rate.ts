import { type RangeTestResult, type RunRangeTestOptions, runRangeTest } from '@lrkit/core'
import type { LayersModel } from '@tensorflow/tfjs-layers'
import {
  type BatchDataset,
  createLayersModelTrainable,
  type TensorData,
} from './create-layers-model-trainable'

/** Options of {@link findLearningRate}: core's range-test options plus the batching of tensor data. */
export interface FindLearningRateOptions extends RunRangeTestOptions {
  /** Rows per batch for tensor data, integer ≥ 1; default 32. */
  readonly batchSize?: number
  /** Validation data, needed for the range test's `validation: 'record' | 'use'`. */
  readonly validationData?: TensorData
}

/**
 * The learning-rate range test on a compiled LayersModel in one call: core's `runRangeTest` over
 * {@link createLayersModelTrainable}. The model's weights (BatchNorm statistics included) and its
 * optimizer's state are restored bit-exactly afterwards, whatever happens, so `fit` can follow.
 *
 * @param model - a compiled LayersModel (lrkit or stock optimizer)
 * @param data - `{ xs, ys }` tensors (batches of `batchSize` rows, in order) or a dataset of batches
 * @param options - core's `RunRangeTestOptions` (`startValue`, `endValue`, `steps`, `rule`, …) plus
 *   `batchSize` and `validationData`
 * @returns core's `RangeTestResult` (`suggestion.learningRate`, `recommendedRange`, the curve, …)
 * @throws InvalidArgumentError as `createLayersModelTrainable` and `runRangeTest`; core's
 *   `TrainableError` when a step throws (the model is restored first)
 * @example
 * ```ts
 * const { suggestion, recommendedRange } = await findLearningRate(model, { xs, ys }, { steps: 100, batchSize: 64 })
 * await model.fit(xs, ys, { epochs: 5, batchSize: 64, callbacks: [scheduleCallback({ optimizer, schedule: oneCycleSchedule({ peakValue: recommendedRange!.max, totalSteps }) })] })
 * ```
 */
export async function findLearningRate(
  model: LayersModel,
  data: TensorData | BatchDataset,
  options: FindLearningRateOptions = {},
): Promise<RangeTestResult> {
  const { batchSize, validationData, ...rangeTest } = options ?? {}
  const trainable = createLayersModelTrainable({
    model,
    data,
    ...(batchSize === undefined ? {} : { batchSize }),
    ...(validationData === undefined ? {} : { validationData }),
  })
  return runRangeTest(trainable, rangeTest)
}
