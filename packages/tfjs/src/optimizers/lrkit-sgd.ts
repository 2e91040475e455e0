import { type OptimizerBaseOptions, type SgdOptimizerOptions, sgdOptimizer } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitSGD}: {@link LrkitOptimizerOptions} plus core's `sgdOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitSGDOptions
  extends LrkitOptimizerOptions,
    Omit<SgdOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * SGD with momentum, dampening, Nesterov and L2 weight decay (core's `sgdOptimizer`, PyTorch `torch.optim.SGD`), as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitSGD'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitSGD({ learningRate: 0.1, momentum: 0.9, nesterov: true })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitSGD extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitSGD'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitSGDOptions = {}) {
    super('sgd', sgdOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
