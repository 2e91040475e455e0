/**
 * A uPlot line chart with a readout: hovering (or, with the chart focused, the arrow keys, Home and
 * End) moves a cursor over the points, and the readout element shows that point's values as text
 * and as `data-x` / `data-y` attributes (the exact numbers). Resizes with its container.
 */
import uPlot from 'uplot'
import 'uplot/dist/uPlot.min.css'

/** One line. */
export interface SeriesStyle {
  /** Legend label. */
  readonly label: string
  /** Stroke colour. */
  readonly stroke: string
  /** Line width in CSS pixels. Default 2. */
  readonly width?: number
  /** Dash pattern. */
  readonly dash?: readonly number[]
}

/** Options of {@link LineChart}. */
export interface LineChartOptions {
  /** Where the chart goes (emptied). */
  readonly container: HTMLElement
  /** The element that shows the value under the cursor. */
  readonly readout: HTMLElement
  /** Accessible name of the chart. */
  readonly label: string
  /** x-axis title. */
  readonly xLabel: string
  /** y-axis title. */
  readonly yLabel: string
  /** The lines. */
  readonly series: readonly SeriesStyle[]
  /** Logarithmic x axis. */
  readonly xLog?: boolean
  /** Logarithmic y axis. */
  readonly yLog?: boolean
  /** Height in CSS pixels. Default 280. */
  readonly height?: number
  /** The readout text for point `index`. */
  readonly describe: (x: number, ys: readonly (number | null | undefined)[]) => string
  /** Extra drawing on top of the lines (marks, bands). */
  readonly draw?: (chart: uPlot) => void
}

/** Formats a rate or a loss compactly: 4 significant digits. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  return magnitude >= 1e-3 && magnitude < 1e5 ? String(Number(value.toPrecision(4))) : value.toExponential(3)
}

/** The line chart. */
export class LineChart {
  private chart: uPlot | undefined
  private data: uPlot.AlignedData = [[]]
  private options: LineChartOptions
  private readonly observer: ResizeObserver
  private index: number | undefined

  /**
   * @param options - the chart.
   */
  constructor(options: LineChartOptions) {
    this.options = options
    options.container.tabIndex = 0
    options.container.setAttribute('role', 'img')
    options.container.setAttribute(
      'aria-label',
      `${options.label}. Focus and use the arrow keys to read values.`,
    )
    options.container.addEventListener('keydown', (event) => this.onKey(event))
    this.observer = new ResizeObserver(() => {
      if (this.chart !== undefined) this.chart.setSize(this.size())
    })
    this.observer.observe(options.container)
    this.build()
  }

  private size(): { width: number; height: number } {
    return { width: Math.max(200, this.options.container.clientWidth), height: this.options.height ?? 280 }
  }

  private build(): void {
    this.chart?.destroy()
    const { options } = this
    const axisStroke = '#444'
    const chart = new uPlot(
      {
        ...this.size(),
        legend: { show: true, live: false },
        cursor: { drag: { x: false, y: false }, points: { size: 7 } },
        scales: {
          x: { time: false, ...(options.xLog === true ? { distr: 3 } : {}) },
          y: options.yLog === true ? { distr: 3 } : {},
        },
        axes: [
          {
            label: options.xLabel,
            stroke: axisStroke,
            grid: { stroke: '#eee' },
            ...(options.xLog === true
              ? { values: (_chart: uPlot, ticks: number[]) => ticks.map((tick) => formatNumber(tick)) }
              : {}),
          },
          {
            label: options.yLabel,
            stroke: axisStroke,
            size: 70,
            grid: { stroke: '#eee' },
            values: (_chart, ticks) => ticks.map((tick) => formatNumber(tick)),
          },
        ],
        series: [
          { label: options.xLabel },
          ...options.series.map((series) => ({
            label: series.label,
            stroke: series.stroke,
            width: series.width ?? 2,
            ...(series.dash === undefined ? {} : { dash: [...series.dash] }),
            spanGaps: false,
            points: { show: false },
          })),
        ],
        hooks: {
          setCursor: [(chart) => this.showIndex(chart.cursor.idx ?? undefined)],
          draw: [(chart) => options.draw?.(chart)],
        },
      },
      this.data,
      options.container,
    )
    this.chart = chart
  }

  /**
   * Replaces the data.
   *
   * @param xs - x values, increasing.
   * @param ys - one array per line, aligned with `xs` (null = no point).
   */
  setData(xs: readonly number[], ys: readonly (readonly (number | null)[])[]): void {
    this.data = [xs as number[], ...(ys as (number | null)[][])]
    this.chart?.setData(this.data)
    if (this.index !== undefined) this.showIndex(Math.min(this.index, xs.length - 1))
  }

  /**
   * Changes the axis scales (rebuilds the chart).
   *
   * @param scales - logarithmic x and/or y.
   */
  setLog(scales: { readonly xLog?: boolean; readonly yLog?: boolean }): void {
    this.options = { ...this.options, ...scales }
    this.build()
  }

  /**
   * Shows or hides a line and its legend entry.
   *
   * @param index - 0-based index into `series`.
   * @param show - visible or not.
   */
  showSeries(index: number, show: boolean): void {
    const chart = this.chart
    if (chart !== undefined && chart.series[index + 1]?.show !== show) chart.setSeries(index + 1, { show })
  }

  /** Redraws (after a change to what `draw` paints). */
  redraw(): void {
    this.chart?.redraw(false, false)
  }

  private showIndex(index: number | undefined): void {
    const readout = this.options.readout
    const xs = this.data[0] as readonly number[]
    if (index === undefined || index < 0 || index >= xs.length) return
    this.index = index
    const x = xs[index]!
    const ys = this.data.slice(1).map((series) => (series as readonly (number | null | undefined)[])[index])
    readout.textContent = this.options.describe(x, ys)
    readout.dataset.x = String(x)
    readout.dataset.y = JSON.stringify(ys.map((value) => value ?? null))
  }

  private onKey(event: KeyboardEvent): void {
    const chart = this.chart
    const xs = this.data[0] as readonly number[]
    if (chart === undefined || xs.length === 0) return
    const current = this.index ?? 0
    const page = Math.max(1, Math.round(xs.length / 20))
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      PageUp: current + page,
      PageDown: current - page,
      Home: 0,
      End: xs.length - 1,
    }
    const target = moves[event.key]
    if (target === undefined) return
    event.preventDefault()
    const index = Math.min(xs.length - 1, Math.max(0, target))
    const y = (this.data[1] as readonly (number | null)[])[index]
    chart.setCursor({
      left: chart.valToPos(xs[index]!, 'x'),
      top: y === null || y === undefined ? chart.bbox.height / devicePixelRatio / 2 : chart.valToPos(y, 'y'),
    })
    this.showIndex(index)
  }

  /** Removes the chart. */
  destroy(): void {
    this.observer.disconnect()
    this.chart?.destroy()
  }
}
