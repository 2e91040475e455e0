import type { FindLearningRateResult, MonitorEvent, RangeTestResult } from '@lrkit/core'
import type { TopLevelSpec } from 'vega-lite'
import type { RatePoint } from '../schedule/summarize-schedule'

/** One curve of a learning-rate chart. */
export interface ChartSeries {
  /** Legend name. */
  readonly name: string
  /** The (step, learning rate) points. */
  readonly points: readonly RatePoint[]
}

/** One entry of a training log: the loss of a step and the rate it used. */
export interface LossLogEntry {
  /** 0-based optimizer step. */
  readonly step: number
  /** The training loss; `NaN` / `±Infinity` for a non-finite loss. */
  readonly loss: number
  /** The (head) learning rate of the step, when logged. */
  readonly learningRate?: number
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json'
const WIDTH = 640
const HEIGHT = 260
const CONFIG = { font: 'sans-serif', view: { stroke: '#ddd' } }

/** A line chart of learning rate against step, one line per series. */
export function scheduleChartSpec({
  title,
  series,
  logScale = false,
}: {
  readonly title: string
  readonly series: readonly ChartSeries[]
  readonly logScale?: boolean
}): TopLevelSpec {
  const values = series.flatMap((curve) =>
    curve.points.map((point) => ({
      step: point.step,
      learningRate: point.learningRate,
      schedule: curve.name,
    })),
  )
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    data: { values: logScale ? values.filter((value) => value.learningRate > 0) : values },
    mark: { type: 'line', interpolate: 'linear', strokeWidth: 1.8, tooltip: true },
    encoding: {
      x: { field: 'step', type: 'quantitative', title: 'optimizer step', axis: { tickCount: 8 } },
      y: {
        field: 'learningRate',
        type: 'quantitative',
        title: 'learning rate',
        scale: logScale ? { type: 'log' } : { zero: true },
        axis: { format: '.1e' },
      },
      color: { field: 'schedule', type: 'nominal', title: null, legend: { orient: 'bottom' } },
    },
    config: CONFIG,
  }
}

/** A learning rate marked on a {@link lossAgainstRateSpec} chart. */
interface RateMark {
  /** Legend label. */
  readonly label: string
  /** Where the dashed rule goes. */
  readonly learningRate: number
  /** The loss at that rate, for a point on the curve; leave it out for a rule alone. */
  readonly loss?: number
}

/**
 * Raw and smoothed loss against the learning rate (log axis), an interval shaded, and marked rates
 * as dashed rules (with a point on the curve when every mark has a loss): the chart of a range test
 * and of the bracketing sweep of `findLearningRate`.
 */
function lossAgainstRateSpec({
  title,
  raw,
  smoothed,
  range,
  marks,
  marksTitle,
}: {
  readonly title: string
  readonly raw: readonly { readonly learningRate: number; readonly loss: number }[]
  readonly smoothed: readonly { readonly learningRate: number; readonly loss: number }[]
  readonly range: { readonly min: number; readonly max: number } | undefined
  readonly marks: readonly RateMark[]
  readonly marksTitle: string
}): TopLevelSpec {
  const rawValues = raw.map((point) => ({ ...point, curve: 'raw loss' }))
  const smoothedValues = smoothed.map((point) => ({ ...point, curve: 'smoothed loss' }))
  const smoothedLosses = smoothed.map((point) => point.loss).filter(Number.isFinite)
  const allLosses = [...smoothedLosses, ...raw.map((point) => point.loss)].filter(Number.isFinite)
  const low = Math.min(...allLosses)
  const high = Math.max(...(smoothedLosses.length > 0 ? smoothedLosses : allLosses))
  const margin = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1
  const x = {
    field: 'learningRate',
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'learning rate',
    axis: { format: '.0e' },
  } as const
  const layers: unknown[] = []
  if (range !== undefined) {
    layers.push({
      data: { values: [{ min: range.min, max: range.max }] },
      mark: { type: 'rect', color: '#2ca02c', opacity: 0.12, tooltip: true },
      encoding: {
        x: { field: 'min', type: 'quantitative', scale: { type: 'log' }, title: 'learning rate' },
        x2: { field: 'max' },
      },
    })
  }
  layers.push({
    data: { values: [...rawValues, ...smoothedValues] },
    mark: { type: 'line', clip: true, strokeWidth: 1.6 },
    encoding: {
      x,
      y: {
        field: 'loss',
        type: 'quantitative',
        title: 'loss',
        scale: { zero: false, nice: false, domain: [low - margin, high + margin] },
      },
      color: {
        field: 'curve',
        type: 'nominal',
        title: null,
        scale: { domain: ['raw loss', 'smoothed loss'], range: ['#b8b8b8', '#1f77b4'] },
        legend: { orient: 'bottom' },
      },
    },
  })
  if (marks.length > 0) {
    const withPoints = marks.every((mark) => mark.loss !== undefined)
    layers.push({
      data: { values: marks.map(({ label, ...rest }) => ({ rule: label, ...rest })) },
      layer: [
        { mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.4 } },
        ...(withPoints
          ? [
              {
                mark: { type: 'point', filled: true, size: 70, clip: true },
                encoding: { y: { field: 'loss', type: 'quantitative' } },
              },
            ]
          : []),
      ],
      encoding: {
        x,
        color: {
          field: 'rule',
          type: 'nominal',
          title: marksTitle,
          scale: { scheme: 'dark2' },
          legend: { orient: 'bottom' },
        },
        tooltip: [
          { field: 'rule', type: 'nominal' },
          { field: 'learningRate', type: 'quantitative', format: '.3e' },
        ],
      },
    })
  }
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
    resolve: { scale: { color: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec
}

/**
 * The range-test chart: raw and smoothed loss against the learning rate (log axis), the recommended
 * range shaded, and every rule's pick as a dashed rule with a point on the smoothed curve.
 */
export function rangeTestChartSpec(result: RangeTestResult, title: string): TopLevelSpec {
  return lossAgainstRateSpec({
    title,
    raw: result.points.map(({ learningRate, loss }) => ({ learningRate, loss })),
    smoothed: result.curve.learningRates.map((learningRate, index) => ({
      learningRate,
      loss: result.curve.losses[index] as number,
    })),
    range: result.recommendedRange,
    marks: Object.values(result.picks).flatMap((pick) =>
      pick.learningRate === undefined
        ? []
        : [
            {
              label: pick.rule === result.suggestion.rule ? `${pick.rule} (suggestion)` : pick.rule,
              learningRate: pick.learningRate,
              loss: result.curve.losses[pick.index] as number,
            },
          ],
    ),
    marksTitle: 'picks',
  })
}

/**
 * The chart of a `findLearningRate` result: the bracketing sweep (raw and smoothed loss against the
 * learning rate, log axis), the raced bracket shaded, and the race winner and the recommended rate
 * (winner ÷ shrinkFactor) as dashed rules.
 */
export function findLearningRateChartSpec(result: FindLearningRateResult, title: string): TopLevelSpec {
  const { learningRates, losses, smoothed } = result.sweep
  const marks: RateMark[] = []
  if (result.learningRate !== undefined) {
    marks.push({ label: 'learning rate (the pick)', learningRate: result.learningRate })
  }
  if (result.winner !== undefined) marks.push({ label: 'race winner', learningRate: result.winner })
  return lossAgainstRateSpec({
    title,
    raw: learningRates.map((learningRate, index) => ({ learningRate, loss: losses[index] as number })),
    smoothed: smoothed.map((loss, index) => ({ learningRate: learningRates[index] as number, loss })),
    range: result.bracket,
    marks,
    marksTitle: 'race',
  })
}

/**
 * The loss of a training log against the step: raw (grey) and smoothed, with each loss-monitor event
 * as a rule at its step.
 */
export function lossChartSpec({
  title,
  entries,
  smoothed,
  events,
}: {
  readonly title: string
  readonly entries: readonly LossLogEntry[]
  readonly smoothed: readonly (number | undefined)[]
  readonly events: readonly MonitorEvent[]
}): TopLevelSpec {
  const values = entries.flatMap((entry, index) => {
    const rows: { step: number; loss: number; curve: string }[] = []
    if (Number.isFinite(entry.loss)) rows.push({ step: entry.step, loss: entry.loss, curve: 'loss' })
    const smooth = smoothed[index]
    if (smooth !== undefined && Number.isFinite(smooth)) {
      rows.push({ step: entry.step, loss: smooth, curve: 'smoothed loss' })
    }
    return rows
  })
  const layers: unknown[] = [
    {
      data: { values },
      mark: { type: 'line', strokeWidth: 1.6 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'optimizer step', axis: { tickCount: 8 } },
        y: { field: 'loss', type: 'quantitative', title: 'loss', scale: { zero: false } },
        color: {
          field: 'curve',
          type: 'nominal',
          title: null,
          scale: { domain: ['loss', 'smoothed loss'], range: ['#b8b8b8', '#1f77b4'] },
          legend: { orient: 'bottom' },
        },
      },
    },
  ]
  if (events.length > 0) {
    layers.push({
      data: {
        values: events.map((event) => ({
          step: event.step,
          event: event.kind,
          suggestedFactor: event.suggestedFactor,
        })),
      },
      mark: { type: 'rule', strokeDash: [5, 3], strokeWidth: 1.4 },
      encoding: {
        x: { field: 'step', type: 'quantitative' },
        color: {
          field: 'event',
          type: 'nominal',
          title: 'monitor',
          scale: { scheme: 'set1' },
          legend: { orient: 'bottom' },
        },
        tooltip: [
          { field: 'event', type: 'nominal' },
          { field: 'step', type: 'quantitative' },
          { field: 'suggestedFactor', type: 'quantitative', title: 'suggested rate factor' },
        ],
      },
    })
  }
  return {
    $schema: SCHEMA,
    title,
    width: WIDTH,
    height: HEIGHT,
    layer: layers,
    resolve: { scale: { color: 'independent' } },
    config: CONFIG,
  } as TopLevelSpec
}
