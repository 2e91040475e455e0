import { type AdamOptimizerOptions, adamOptimizer, type OptimizerBaseOptions } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitAdam}: {@link LrkitOptimizerOptions} plus core's `adamOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitAdamOptions
  extends LrkitOptimizerOptions,
    Omit<AdamOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * Adam and AMSGrad with L2 weight decay and per-variable bias correction (core's `adamOptimizer`, PyTorch `torch.optim.Adam`), as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitAdam'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitAdam({ learningRate: 1e-3, amsgrad: true })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitAdam extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitAdam'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitAdamOptions = {}) {
    super('adam', adamOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
