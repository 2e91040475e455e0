import * as asciichart from 'asciichart'
import type { ChartSeries } from './chart-specs'

const SERIES_COLORS = [
  asciichart.blue,
  asciichart.magenta,
  asciichart.green,
  asciichart.yellow,
  asciichart.cyan,
  asciichart.red,
]
const LABEL_WIDTH = 10

/**
 * Draws learning-rate curves as a terminal line chart with asciichart, one colour per series (when
 * the terminal shows colours), with a step axis under it. Every series must be sampled at the same
 * steps (`sampleSchedule` with the same count).
 *
 * @param series - the curves, sampled at the same steps.
 * @param options - `height` in rows and whether to `color` the lines.
 */
export function terminalChart(
  series: readonly ChartSeries[],
  { height, color }: { readonly height: number; readonly color: boolean },
): string {
  const first = series[0]
  if (first === undefined || first.points.length === 0) return ''
  const chart = asciichart.plot(
    series.map((curve) => curve.points.map((point) => point.learningRate)),
    {
      height,
      format: (value: number) => formatRate(value).padStart(LABEL_WIDTH),
      ...(color ? { colors: series.map((_, index) => SERIES_COLORS[index % SERIES_COLORS.length]!) } : {}),
    },
  )
  const width = first.points.length
  const lastStep = first.points.at(-1)?.step ?? 0
  const left = 'step 0'
  const right = String(lastStep)
  const middle = String(first.points[Math.floor((width - 1) / 2)]?.step ?? '')
  const axis = ' '.repeat(LABEL_WIDTH + 2) + placeLabels(width, left, middle, right)
  return `${chart}\n${axis}`
}

/** `left` at the start, `middle` centred and `right` at the end of a `width`-column ruler. */
function placeLabels(width: number, left: string, middle: string, right: string): string {
  const cells = Array.from({ length: Math.max(width, left.length + right.length + 2) }, () => ' ')
  const put = (text: string, at: number) => {
    for (let index = 0; index < text.length; index++) cells[at + index] = text[index] as string
  }
  put(left, 0)
  const middleAt = Math.floor(cells.length / 2 - middle.length / 2)
  if (middleAt > left.length + 1 && middleAt + middle.length < cells.length - right.length - 1)
    put(middle, middleAt)
  put(right, cells.length - right.length)
  return cells.join('')
}

/** A legend line per series, in the series' colours. */
export function terminalLegend(series: readonly ChartSeries[], color: boolean): string {
  return series
    .map((curve, index) => {
      const mark = '──'
      const painted = color
        ? `${SERIES_COLORS[index % SERIES_COLORS.length]}${mark}${asciichart.reset}`
        : mark
      return `  ${painted} ${curve.name}`
    })
    .join('\n')
}

/** A learning rate: 4 significant digits in exponent form without trailing zeros (`1e-3`, `9.994e-4`, `0`). */
export function formatRate(value: number): string {
  if (value === 0) return '0'
  if (!Number.isFinite(value)) return String(value)
  return Number(value.toPrecision(4)).toExponential()
}

/** A number such as a loss: 4 significant digits, exponent form below 1e-3 and from 1e4 on. */
export function formatNumber(value: number): string {
  if (value === 0 || !Number.isFinite(value)) return String(value)
  const magnitude = Math.abs(value)
  return magnitude < 1e-3 || magnitude >= 1e4 ? formatRate(value) : String(Number(value.toPrecision(4)))
}
