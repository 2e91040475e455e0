import { defineConfig } from 'tsup'

// ESM only: vega and vega-lite 6 ship ESM only, so a CJS build would have to require() them anyway;
// Node >= 20.19 (this package's engines) can require() this ESM entry if a CJS caller needs it.
export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts' },
  format: ['esm'],
  dts: { entry: { index: 'src/index.ts' } },
  sourcemap: true,
  clean: true,
  target: 'es2022',
})
