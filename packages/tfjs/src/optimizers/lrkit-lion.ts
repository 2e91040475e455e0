import { type LionOptimizerOptions, lionOptimizer, type OptimizerBaseOptions } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitLion}: {@link LrkitOptimizerOptions} plus core's `lionOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitLionOptions
  extends LrkitOptimizerOptions,
    Omit<LionOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * Lion (Chen et al. 2023; core's `lionOptimizer`, optax `lion`); TF.js has no Lion, as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitLion'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitLion({ learningRate: 1e-4, weightDecay: 0.1 })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitLion extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitLion'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitLionOptions = {}) {
    super('lion', lionOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
