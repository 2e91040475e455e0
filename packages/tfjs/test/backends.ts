/**
 * Test helper: the cpu and wasm backends, registered once per test file, and a switch between them.
 */
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
// tfjs-core alone registers no gradients (tfjs-layers and the union package import these).
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import * as tf from '@tensorflow/tfjs-core'

/** The backends every numeric test runs on. */
export const BACKENDS = ['cpu', 'wasm'] as const

/** Makes `name` the active backend (awaiting the wasm module on first use). */
export async function useBackend(name: (typeof BACKENDS)[number]): Promise<void> {
  const ok = await tf.setBackend(name)
  if (!ok) throw new Error(`backend ${name} failed to initialise`)
  await tf.ready()
}
