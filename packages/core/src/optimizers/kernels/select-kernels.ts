import { oneOf } from '../../internal/validate'
import { jsKernels } from './js-kernels'
import type { OptimizerKernels } from './types'
import { createWasmKernels, type WasmKernelsOptions, wasmSimdSupported } from './wasm-kernels'

/** Which kernels {@link selectKernels} returns. */
export type KernelBackend = 'auto' | 'wasm' | 'js'

/**
 * Picks the optimizer kernels: `'wasm'` → new WebAssembly SIMD kernels ({@link createWasmKernels});
 * `'js'` → the shared pure-JS kernels (`jsKernels`); `'auto'` → wasm where WebAssembly SIMD is
 * supported ({@link wasmSimdSupported}), else js.
 *
 * Each call with `'wasm'` (or `'auto'` picking wasm) creates a new kernels object with its own
 * memory: create one per optimizer and allocate that optimizer's buffers from it.
 *
 * @param backend - `'auto'` (default), `'wasm'` or `'js'`
 * @param wasmOptions - options for {@link createWasmKernels} when wasm is chosen
 * @returns the kernels; `backend` says which were chosen
 * @throws InvalidArgumentError for another backend name; InvalidStateError for `'wasm'` where
 *   WebAssembly SIMD is not supported
 * @example
 * ```ts
 * selectKernels('auto').backend // 'wasm' on Node ≥ 16.4 and current browsers, 'js' elsewhere
 * selectKernels('js') === jsKernels // true
 * ```
 * PyTorch picks its CPU kernel by `foreach` / `fused` flags; tfjs by its registered backend.
 */
export function selectKernels(
  backend: KernelBackend = 'auto',
  wasmOptions?: WasmKernelsOptions,
): OptimizerKernels {
  const chosen = oneOf('backend', backend, ['auto', 'wasm', 'js'])
  if (chosen === 'js' || (chosen === 'auto' && !wasmSimdSupported())) return jsKernels
  return createWasmKernels(wasmOptions)
}
