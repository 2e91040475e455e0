import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

/** The browser builds of vega, vega-lite and vega-embed, inlined into every report. */
export interface ReportAssets {
  /** `vega.min.js` (UMD: defines `vega`). */
  readonly vega: string
  /** `vega-lite.min.js` (UMD: defines `vegaLite`). */
  readonly vegaLite: string
  /** `vega-embed.min.js` (UMD: defines `vegaEmbed`). */
  readonly vegaEmbed: string
}

let cached: Promise<ReportAssets> | undefined

/**
 * Reads the minified browser builds that the vega, vega-lite and vega-embed packages ship next to
 * their entry points (`build/*.min.js`), once per process.
 */
export function loadReportAssets(): Promise<ReportAssets> {
  cached ??= (async () => {
    const require = createRequire(import.meta.url)
    const read = (name: string, file: string) => readFile(join(dirname(require.resolve(name)), file), 'utf8')
    const [vega, vegaLite, vegaEmbed] = await Promise.all([
      read('vega', 'vega.min.js'),
      read('vega-lite', 'vega-lite.min.js'),
      read('vega-embed', 'vega-embed.min.js'),
    ])
    return { vega, vegaLite, vegaEmbed }
  })()
  return cached
}
