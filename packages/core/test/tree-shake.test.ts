/**
 * Tree-shaking gate (zod `packages/treeshake` style): bundling one schedule from the built package
 * must not pull in the rest of the library. Runs against dist/, so `pnpm build` comes first.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url))

async function bundle(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: fileURLToPath(new URL('..', import.meta.url)), loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    minifyWhitespace: true,
    minifySyntax: true,
    treeShaking: true,
    alias: { '@lrkit/core': distEntry },
    logLevel: 'silent',
  })
  return result.outputFiles[0]!.text
}

describe.skipIf(!existsSync(distEntry))('tree shaking of the built package', () => {
  it('a single schedule does not pull in specs, zod, optimizers or the scheduler', async () => {
    const code = await bundle(
      `import { cosineSchedule } from '@lrkit/core'; console.log(cosineSchedule({ initValue: 1, totalSteps: 10 })(3))`,
    )
    for (const mustNotAppear of [
      'ZodError',
      'reduceOnPlateau',
      'createScheduler',
      'adamOptimizer',
      'WebAssembly',
    ]) {
      expect(code, mustNotAppear).not.toContain(mustNotAppear)
    }
    expect(code.length).toBeLessThan(6000)
  })
})
