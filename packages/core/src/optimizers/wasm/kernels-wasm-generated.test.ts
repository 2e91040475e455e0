import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { kernelsWasmBase64, kernelsWasmSharedBase64 } from './kernels-wasm.generated'

/** Resolves whether the AssemblyScript compiler can be loaded here (a devDependency of @lrkit/core). */
async function ascAvailable(): Promise<boolean> {
  try {
    await import('assemblyscript/asc')
    return true
  } catch {
    return false
  }
}

const canCompile = await ascAvailable()

describe('kernels-wasm.generated.ts', () => {
  it('holds two valid modules that differ only in the memory import (unshared / shared)', async () => {
    const { toSharedMemoryVariant } = await import('../../../scripts/build-wasm.mjs')
    const unshared = Uint8Array.from(Buffer.from(kernelsWasmBase64, 'base64'))
    const shared = Uint8Array.from(Buffer.from(kernelsWasmSharedBase64, 'base64'))
    const wasm = (globalThis as unknown as { WebAssembly: { validate(bytes: Uint8Array): boolean } })
      .WebAssembly
    expect(wasm.validate(unshared)).toBe(true)
    expect(wasm.validate(shared)).toBe(true)
    expect(Array.from(toSharedMemoryVariant(unshared))).toEqual(Array.from(shared))
  })

  // Skipped where `assemblyscript` cannot be imported (e.g. an install without devDependencies):
  // the committed module cannot be rebuilt there, so there is nothing to compare it with.
  it.skipIf(!canCompile)(
    'matches a fresh compile of kernels.ts (run `node scripts/build-wasm.mjs` in packages/core after editing the kernels)',
    async () => {
      const { compileKernels, generatedPath, renderGeneratedFile } = await import(
        '../../../scripts/build-wasm.mjs'
      )
      const committed = await readFile(generatedPath, 'utf8')
      expect(renderGeneratedFile(await compileKernels())).toBe(committed)
    },
    30_000,
  )
})
