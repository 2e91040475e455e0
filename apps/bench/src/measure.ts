import { Bench } from 'tinybench'

/**
 * Median wall time in milliseconds of `fn` over `iterations` runs (after `warmupIterations`),
 * measured with tinybench. Each benchmark compares such medians taken in the same process run, so
 * results are ratios, not absolute claims.
 */
export function medianMilliseconds(
  name: string,
  fn: () => void,
  { iterations = 7, warmupIterations = 2 }: { iterations?: number; warmupIterations?: number } = {},
): number {
  const bench = new Bench({ name, iterations, warmupIterations, time: 0, warmupTime: 0 })
  bench.add(name, fn)
  const [task] = bench.runSync()
  const result = task?.result
  if (result?.state !== 'completed') {
    throw new Error(`benchmark ${name} did not complete: ${result ? result.state : 'no result'}`)
  }
  return result.latency.p50
}

/** Formats a table of rows as aligned text columns. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  )
  const line = (cells: readonly string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`
  return [
    line(header),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n')
}
