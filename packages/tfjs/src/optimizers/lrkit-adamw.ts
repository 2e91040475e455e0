import { type AdamwOptimizerOptions, adamwOptimizer, type OptimizerBaseOptions } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitAdamW}: {@link LrkitOptimizerOptions} plus core's `adamwOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitAdamWOptions
  extends LrkitOptimizerOptions,
    Omit<AdamwOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * AdamW: Adam with decoupled weight decay (core's `adamwOptimizer`, PyTorch `torch.optim.AdamW`); TF.js has no AdamW, as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitAdamW'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitAdamW({ learningRate: 1e-3, weightDecay: 0.01 })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitAdamW extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitAdamW'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitAdamWOptions = {}) {
    super('adamw', adamwOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
