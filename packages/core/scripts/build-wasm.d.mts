/** Types of build-wasm.mjs (the optimizer kernels' WebAssembly build), for tests that import it. */

/** Absolute path of src/optimizers/wasm/kernels-wasm.generated.ts. */
export declare const generatedPath: string
/** Maximum pages declared by the shared-memory variant. */
export declare const sharedMaximumPages: number
/** The asc flags after the entry file. */
export declare const ascFlags: readonly string[]
/** Compiles src/optimizers/wasm/kernels.ts with the installed assemblyscript. */
export declare function compileKernels(): Promise<{ bytes: Uint8Array; version: string }>
/** The module with its memory import declared shared (maximum `maximumPages`). */
export declare function toSharedMemoryVariant(bytes: Uint8Array, maximumPages?: number): Uint8Array
/** The text of kernels-wasm.generated.ts for the given module bytes. */
export declare function renderGeneratedFile(compiled: { bytes: Uint8Array; version: string }): string
