import { type AdagradOptimizerOptions, adagradOptimizer, type OptimizerBaseOptions } from '@lrkit/core'
import { type CoreOptimizerFactory, LrkitOptimizer, type LrkitOptimizerOptions } from './lrkit-optimizer'

/** Options of {@link LrkitAdagrad}: {@link LrkitOptimizerOptions} plus core's `adagradOptimizer` hyperparameters (same names, defaults and ranges). */
export interface LrkitAdagradOptions
  extends LrkitOptimizerOptions,
    Omit<AdagradOptimizerOptions, keyof OptimizerBaseOptions> {}

/**
 * Adagrad with rate decay and L2 weight decay (core's `adagradOptimizer`, PyTorch `torch.optim.Adagrad`), as a `tf.Optimizer` for `model.compile`, `fit`, `fitDataset`, `trainOnBatch` and
 * `minimize`. State is keyed by variable name with a step count per variable; see
 * {@link LrkitOptimizer} for groups, clipping, accumulation, the NaN/Inf guard and checkpoints.
 * Registered for `model.save` / `tf.loadLayersModel` by {@link registerLrkitOptimizers} under the
 * class name `'LrkitAdagrad'`.
 *
 * @example
 * ```ts
 * const optimizer = new LrkitAdagrad({ learningRate: 0.01, initialAccumulatorValue: 0.1 })
 * model.compile({ optimizer, loss: 'meanSquaredError' })
 * ```
 */
export class LrkitAdagrad extends LrkitOptimizer {
  /** The name `tf.serialization` registers the class under. */
  static get className(): string {
    return 'LrkitAdagrad'
  }

  /**
   * @param options - learning rate, groups, clipping, accumulation and hyperparameters; all optional
   * @throws InvalidArgumentError (from core) for an invalid or unknown option
   */
  constructor(options: LrkitAdagradOptions = {}) {
    super('adagrad', adagradOptimizer as unknown as CoreOptimizerFactory, options)
  }
}
