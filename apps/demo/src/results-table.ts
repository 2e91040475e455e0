import type { RangeTestResult } from '@lrkit/core'
import { METHOD_LABELS, type RunResult } from './run-result'

/** Column headings of the results table (terminal and report). */
export const RESULT_COLUMNS = [
  'framework',
  'fine-tuning',
  'learning rate',
  'steps',
  'accuracy',
  'time',
] as const

/**
 * One results-table row per run: framework, recipe, how the rate was set, steps, held-out accuracy
 * (percent, one decimal) and training time (seconds, two decimals) — all from the run's measurements.
 *
 * @param runs - the runs, in table order
 * @returns one row of cells per run, in the order of {@link RESULT_COLUMNS}
 * @example
 * ```ts
 * resultRows([{ framework: 'onnx', method: 'constant', description: 'constant 0.001', steps: 250, accuracy: 0.9, seconds: 0.25, … }])
 * // [['@lrkit/onnx', '(a) default constant rate', 'constant 0.001', '250', '90.0 %', '0.25 s']]
 * ```
 */
export function resultRows(runs: readonly RunResult[]): string[][] {
  return runs.map((run) => [
    `@lrkit/${run.framework}`,
    METHOD_LABELS[run.method],
    run.description,
    String(run.steps),
    `${(run.accuracy * 100).toFixed(1)} %`,
    `${run.seconds.toFixed(2)} s`,
  ])
}

/**
 * Formats rows as an aligned text table (Markdown pipe syntax, so it pastes into a README).
 *
 * @param header - column headings
 * @param rows - rows of cells (missing cells print empty)
 * @returns the table, one line per row after the heading and separator lines
 * @example
 * ```ts
 * formatTable(['a', 'bb'], [['1', '2']])
 * // | a | bb |
 * // |---|----|
 * // | 1 | 2  |
 * ```
 */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${widths.map((width, column) => (cells[column] ?? '').padEnd(width)).join(' | ')} |`
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n')
}

/**
 * One line with every rule's pick of a range test, the recommended range and the confidence flag.
 *
 * @param result - core's `RangeTestResult`
 * @returns e.g. `valley 2.5e-3 (used) · steep 5.0e-3 · minimum 1.4e-2 · slide 2.5e-2 · steepestGradient 5.6e-3; range 2.5e-4 … 2.5e-3`
 */
export function describePicks(result: RangeTestResult): string {
  const picks = Object.values(result.picks).map((pick) => {
    const value = pick.learningRate === undefined ? 'none' : pick.learningRate.toExponential(1)
    return `${pick.rule} ${value}${pick.rule === result.suggestion.rule ? ' (used)' : ''}`
  })
  const range = result.recommendedRange
  const confidence =
    result.lowConfidence === undefined ? '' : `; low confidence: ${result.lowConfidence.reasons.join('; ')}`
  return `${picks.join(' · ')}${range === undefined ? '' : `; range ${range.min.toExponential(1)} … ${range.max.toExponential(1)}`}${confidence}`
}
