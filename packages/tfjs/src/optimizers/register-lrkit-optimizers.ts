import { serialization } from '@tensorflow/tfjs-core'
import { LrkitAdagrad } from './lrkit-adagrad'
import { LrkitAdam } from './lrkit-adam'
import { LrkitAdamW } from './lrkit-adamw'
import { LrkitLion } from './lrkit-lion'
import { LrkitRMSProp } from './lrkit-rmsprop'
import { LrkitSGD } from './lrkit-sgd'

/** The optimizer classes {@link registerLrkitOptimizers} registers, by class name. */
export const LRKIT_OPTIMIZER_CLASSES = {
  /** {@link LrkitSGD} */
  LrkitSGD,
  /** {@link LrkitAdam} */
  LrkitAdam,
  /** {@link LrkitAdamW} */
  LrkitAdamW,
  /** {@link LrkitAdagrad} */
  LrkitAdagrad,
  /** {@link LrkitRMSProp} */
  LrkitRMSProp,
  /** {@link LrkitLion} */
  LrkitLion,
} as const

/**
 * Registers the lrkit optimizer classes with `tf.serialization`, so that `tf.loadLayersModel`
 * can rebuild a model saved with `includeOptimizer: true` and an lrkit optimizer. tfjs keeps one
 * global registry; this package never touches it on import (`sideEffects: false`), so call this
 * once before loading. Calling it again is harmless (the registry keys by class name).
 *
 * @returns the registered class names
 * @example
 * ```ts
 * registerLrkitOptimizers()
 * const model = await tf.loadLayersModel('file://model/model.json') // optimizer restored by name
 * ```
 */
export function registerLrkitOptimizers(): string[] {
  for (const cls of Object.values(LRKIT_OPTIMIZER_CLASSES)) serialization.registerClass(cls)
  return Object.keys(LRKIT_OPTIMIZER_CLASSES)
}
