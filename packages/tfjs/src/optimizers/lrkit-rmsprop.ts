import { type OptimizerBaseOptions, type RmspropOptimizerOptions, rmspropOptimizer } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitRMSProp}: {@link LrkitOptimizerOptions} plus core's `rmspropOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitRMSPropOptions
  extends LrkitOptimizerOptions,
    Omit<RmspropOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * RMSProp, optionally centered and with momentum, ε outside the root (core's `rmspropOptimizer`, PyTorch `torch.optim.RMSprop`); unlike TF.js's centered RMSProp it cannot take the root of a negative number by subtracting ε, as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitRMSProp'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitRMSProp({ learningRate: 1e-3, centered: true, momentum: 0.9 })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitRMSProp extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitRMSProp'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitRMSPropOptions = {}) {
    super('rmsprop', rmspropOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
