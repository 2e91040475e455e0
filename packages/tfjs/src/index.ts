/**
 * @lrkit/tfjs — lrkit for TensorFlow.js: name-keyed optimizers with discriminative rates
 * (optimizers/), learning-rate control of stock `tf.train` optimizers (stock/), model parameter
 * groups (groups/), `model.fit` callbacks (callbacks/), and the range test on a LayersModel
 * (trainable/).
 *
 * @packageDocumentation
 */

export type { FitCallback } from './callbacks/compose-callbacks'
export { composeCallbacks } from './callbacks/compose-callbacks'
export type { LossMonitorCallbackOptions } from './callbacks/loss-monitor-callback'
export { lossMonitorCallback } from './callbacks/loss-monitor-callback'
export type { ScheduleCallback, ScheduleCallbackOptions } from './callbacks/schedule-callback'
export { scheduleCallback } from './callbacks/schedule-callback'
export type { UnfreezeCallbackOptions } from './callbacks/unfreeze-callback'
export { unfreezeCallback } from './callbacks/unfreeze-callback'
export { applyFineTunePhaseTo, applyTrainableGroupsTo } from './groups/apply-fine-tune-phase-to'
export type { LayerGroupSelectorsOptions } from './groups/model-parameters'
export { layerGroupSelectors, modelParameters } from './groups/model-parameters'
export { LrkitAdagrad, type LrkitAdagradOptions } from './optimizers/lrkit-adagrad'
export { LrkitAdam, type LrkitAdamOptions } from './optimizers/lrkit-adam'
export { LrkitAdamW, type LrkitAdamWOptions } from './optimizers/lrkit-adamw'
export { LrkitLion, type LrkitLionOptions } from './optimizers/lrkit-lion'
export type {
  CoreOptimizerFactory,
  LrkitOptimizerOptions,
  LrkitOptimizerSnapshot,
  NamedTensor,
  UpdatePath,
} from './optimizers/lrkit-optimizer'
export { isLrkitOptimizer, LrkitOptimizer, optionsFromConfig } from './optimizers/lrkit-optimizer'
export { LrkitRMSProp, type LrkitRMSPropOptions } from './optimizers/lrkit-rmsprop'
export { LrkitSGD, type LrkitSGDOptions } from './optimizers/lrkit-sgd'
export type { Hyperparameters } from './optimizers/ops-update'
export { LRKIT_OPTIMIZER_CLASSES, registerLrkitOptimizers } from './optimizers/register-lrkit-optimizers'
export type { FineTuneOptions, FineTuneResult } from './recipes/fine-tune'
export { fineTune } from './recipes/fine-tune'
export { getLearningRate, learningRateTarget, setLearningRate } from './stock/set-learning-rate'
export type {
  BatchDataset,
  BatchIterator,
  LayersModelSnapshot,
  LayersModelTrainableOptions,
  LrkitSnapshotEntry,
  ModelTensors,
  SavedTensor,
  StockOptimizerSnapshot,
  TensorData,
} from './trainable/create-layers-model-trainable'
export { createLayersModelTrainable } from './trainable/create-layers-model-trainable'
export type { FindLearningRateOptions } from './trainable/find-learning-rate'
export { findLearningRate } from './trainable/find-learning-rate'
