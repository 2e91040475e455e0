import type { TopLevelSpec } from 'vega-lite'

/**
 * Renders a Vega-Lite spec to a standalone SVG document, headless: Vega-Lite compiles it to Vega and
 * Vega renders it without a browser or canvas. vega and vega-lite are loaded on first use, so commands
 * that draw nothing do not pay for them.
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')])
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}

/**
 * Rasterises an SVG document to PNG with resvg (a Rust SVG renderer shipped as a prebuilt Node
 * addon), at `scale` × its size, on a white background, using the system's fonts.
 */
export async function renderPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js')
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 640)
  const renderer = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'width', value: Math.round(width * scale) },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  })
  return renderer.render().asPng()
}
