import { CustomCallback, type CustomCallbackArgs } from '@tensorflow/tfjs-layers'

/** What `model.fit` accepts in its `callbacks` array: callback instances or plain hook objects. */
export type FitCallback = CustomCallback | CustomCallbackArgs | object

function isCallbackInstance(value: object): boolean {
  return typeof (value as { setParams?: unknown }).setParams === 'function'
}

/**
 * Makes a `callbacks` array that `model.fit` / `fitDataset` run correctly whatever mix it holds.
 * tfjs-layers looks only at the first element: `[instance, plainObject]` crashes with
 * "callback.setParams is not a function", and `[plainObject, instance]` wraps the instance in a
 * `CustomCallback`, so its methods run with the wrong `this` and silently do nothing. This wraps
 * every plain hook object in `new tf.CustomCallback(obj)` and keeps callback instances as they are.
 *
 * @param callbacks - lrkit callbacks, your `tf.Callback` subclasses, plain `{ onEpochEnd … }` objects
 * @returns an array of callback instances, in the given order
 * @example
 * ```ts
 * await model.fit(xs, ys, { callbacks: composeCallbacks(scheduleCallback({ … }), { onEpochEnd: log }) })
 * ```
 */
export function composeCallbacks(...callbacks: FitCallback[]): CustomCallback[] {
  return callbacks.map((callback) =>
    isCallbackInstance(callback)
      ? (callback as CustomCallback)
      : new CustomCallback(callback as CustomCallbackArgs),
  )
}
