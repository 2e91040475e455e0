/**
 * Runs chosen BatchNorm layer instances in inference mode inside `fit` (tfjs calls every layer with
 * `training: true`; Keras TF2 switches a `trainable = false` BatchNorm to inference instead). Only
 * the given instances' `call` is overridden, never a prototype, and `release` puts it back.
 */

interface CallableLayer {
  call: (inputs: unknown, kwargs: Record<string, unknown>) => unknown
  getClassName(): string
}

/** Tracks the BatchNorm layers currently forced into inference mode. */
export interface BatchNormInference {
  /** Forces `layer` (if it is a BatchNormalization layer) into inference mode, or releases it. */
  set(layer: unknown, inference: boolean): void
  /** Releases every forced layer. */
  releaseAll(): void
}

/** Whether a tfjs-layers layer is a BatchNormalization layer. */
export function isBatchNorm(layer: unknown): boolean {
  return (layer as CallableLayer).getClassName?.() === 'BatchNormalization'
}

/** Creates an empty tracker. */
export function batchNormInference(): BatchNormInference {
  // Per forced layer: its own `call` property before (undefined: the prototype's).
  const forced = new Map<CallableLayer, CallableLayer['call'] | undefined>()
  const release = (layer: CallableLayer): void => {
    const own = forced.get(layer)
    if (own === undefined) delete (layer as Partial<CallableLayer>).call
    else layer.call = own
    forced.delete(layer)
  }
  return {
    set(value, inference) {
      if (!isBatchNorm(value)) return
      const layer = value as CallableLayer
      if (inference && !forced.has(layer)) {
        const original = layer.call
        forced.set(layer, Object.hasOwn(layer, 'call') ? original : undefined)
        layer.call = (inputs, kwargs) => original.call(layer, inputs, { ...kwargs, training: false })
      } else if (!inference && forced.has(layer)) {
        release(layer)
      }
    },
    releaseAll() {
      for (const layer of [...forced.keys()]) release(layer)
    },
  }
}
