import * as vega from 'vega'
import * as vegaLite from 'vega-lite'

/** One curve of a chart: a name and its (step, value) points. */
export interface Series {
  name: string
  steps: readonly number[]
  values: readonly number[]
}

/**
 * Renders learning-rate curves as a standalone SVG line chart with Vega-Lite (compiled to Vega and
 * rendered headless, no browser or canvas needed).
 */
export async function renderSvg({
  title,
  series,
  logScale = false,
  yFormat = '.1e',
  yTitle = 'learning rate',
  width = 560,
  height = 240,
}: {
  title: string
  series: readonly Series[]
  logScale?: boolean
  /** d3-format string of the y axis labels (default `.1e`). */
  yFormat?: string
  /** Title of the y axis (default `learning rate`). */
  yTitle?: string
  width?: number
  height?: number
}): Promise<string> {
  const values = series.flatMap((curve) =>
    curve.steps.map((step, index) => ({ step, learningRate: curve.values[index], schedule: curve.name })),
  )
  const spec: vegaLite.TopLevelSpec = {
    title,
    width,
    height,
    data: { values },
    mark: { type: 'line', interpolate: 'linear', strokeWidth: 1.6 },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'optimizer step' },
      y: {
        field: 'learningRate',
        type: 'quantitative',
        title: yTitle,
        scale: logScale ? { type: 'log' } : { zero: true },
        axis: { format: yFormat },
      },
      color: { field: 'schedule', type: 'nominal', title: null },
    },
    config: { font: 'sans-serif' },
  }
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
