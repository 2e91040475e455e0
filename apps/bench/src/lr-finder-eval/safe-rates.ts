/**
 * How hard a (task, optimizer) cell is to pick a rate for: how many of its grid rates would be
 * safe picks — not catastrophic — and how a method's catastrophic picks spread over cells with few
 * or many safe rates. Added after round 22 of issue 8, when the committed grids showed that the
 * catastrophic picks of `findLearningRate` gather on cells where only a few neighbouring grid rates
 * are safe; it describes the evaluation and changes no method.
 */
import { readFile } from 'node:fs/promises'
import { formatTable } from '../measure'
import { isCatastrophic, pickRegret, type ScoredPick } from './report'

/** The part of a ground-truth cell that {@link safeGridRates} reads. */
export interface SafeRateCell {
  readonly task: string
  readonly optimizer: string
  readonly grid: readonly {
    readonly learningRate: number
    readonly heldOutLosses: readonly number[]
    readonly meanLoss: number
  }[]
  /** L*: the best seed-mean held-out loss over the grid. */
  readonly bestLoss: number
  /** L0: the initial held-out loss, mean over the held-out seeds. */
  readonly initialLoss: number
}

/**
 * The grid rates of `cell` that would not be catastrophic picks: every held-out loss finite, the
 * seed-mean loss no higher than L0, regret (L − L*)/max(L*, L0/100) under 100 %, and at least 10 %
 * of L0 − L* recovered — the loss tests of `isCatastrophic`, read off the grid. (A pick is also
 * catastrophic when one held-out seed ends above its own initial loss; the grid keeps only the
 * mean initial loss, so the seed-mean stands in for it.)
 *
 * @param cell - the cell's grid, L* and L0.
 * @returns The safe learning rates, in grid order.
 */
export function safeGridRates(cell: SafeRateCell): number[] {
  const { bestLoss, initialLoss } = cell
  return cell.grid
    .filter(
      (point) =>
        point.heldOutLosses.every((loss) => Number.isFinite(loss)) &&
        Number.isFinite(point.meanLoss) &&
        point.meanLoss <= initialLoss &&
        pickRegret(point.meanLoss, bestLoss, initialLoss) < 1 &&
        point.meanLoss - bestLoss <= 0.9 * (initialLoss - bestLoss),
    )
    .map((point) => point.learningRate)
}

/** A band of cells by their number of safe grid rates (the full grid has 4 rates per decade). */
export interface SafeRateBand {
  readonly label: string
  /** Fewest safe grid rates of a cell in the band. */
  readonly min: number
  /** Most safe grid rates of a cell in the band. */
  readonly max: number
}

/**
 * The bands of the report: 0–3 safe rates (at most ¾ of a decade on the 4-per-decade grid), 4–6,
 * 7–9 and 10 or more.
 */
export const SAFE_RATE_BANDS: readonly SafeRateBand[] = [
  { label: '0–3 safe rates', min: 0, max: 3 },
  { label: '4–6', min: 4, max: 6 },
  { label: '7–9', min: 7, max: 9 },
  { label: '≥ 10', min: 10, max: Number.POSITIVE_INFINITY },
]

/** One method's picks and catastrophic picks per {@link SAFE_RATE_BANDS} band. */
export interface SafeRateRow {
  readonly method: string
  /** Per band: the method's picks on cells of that band, and how many of them are catastrophic. */
  readonly bands: readonly { readonly picks: number; readonly catastrophic: number }[]
}

const cellKey = (item: { readonly task: string; readonly optimizer: string }) =>
  `${item.task}|${item.optimizer}`

/**
 * Counts each method's picks and catastrophic picks by the number of safe grid rates of the pick's
 * cell. Methods keep their first-seen order.
 *
 * @param picks - scored picks; each must have its cell in `cells`.
 * @param cells - the ground-truth cells of the picks.
 * @param bands - the bands (default {@link SAFE_RATE_BANDS}); a cell falls in the first band whose range holds its count.
 * @returns One {@link SafeRateRow} per method.
 * @throws RangeError when a pick's cell is missing from `cells`.
 */
export function catastrophicBySafeRates(
  picks: readonly ScoredPick[],
  cells: readonly SafeRateCell[],
  bands: readonly SafeRateBand[] = SAFE_RATE_BANDS,
): SafeRateRow[] {
  const safeCount = new Map(cells.map((cell) => [cellKey(cell), safeGridRates(cell).length]))
  const methods = [...new Set(picks.map((pick) => pick.method))]
  return methods.map((method) => {
    const counts = bands.map(() => ({ picks: 0, catastrophic: 0 }))
    for (const pick of picks) {
      if (pick.method !== method) continue
      const count = safeCount.get(cellKey(pick))
      if (count === undefined) {
        throw new RangeError(
          `No ground-truth cell for the pick of ${method} on ${cellKey(pick)}: pass its cell in cells`,
        )
      }
      const band = bands.findIndex((candidate) => count >= candidate.min && count <= candidate.max)
      if (band < 0) continue
      counts[band]!.picks += 1
      if (isCatastrophic(pick)) counts[band]!.catastrophic += 1
    }
    return { method, bands: counts }
  })
}

/**
 * The markdown table of {@link catastrophicBySafeRates}: one row per method, one column per band,
 * each "catastrophic/picks (rate)".
 */
export function formatSafeRateTable(
  rows: readonly SafeRateRow[],
  bands: readonly SafeRateBand[] = SAFE_RATE_BANDS,
): string {
  return formatTable(
    ['method', ...bands.map((band) => `catastrophic, ${band.label}`)],
    rows.map((row) => [
      row.method,
      ...row.bands.map((band) =>
        band.picks === 0
          ? '–'
          : `${band.catastrophic}/${band.picks} (${((100 * band.catastrophic) / band.picks).toFixed(1)} %)`,
      ),
    ]),
  )
}

/** A saved evaluation (the `--json` dump of `runLrFinderEvaluation`), as far as {@link rereadSafeRates} reads it. */
interface SavedEvaluation {
  readonly cells: readonly SafeRateCell[]
  readonly picks: readonly (ScoredPick & { readonly split: string })[]
}

/** JSON.parse reviver for the dump, which writes non-finite numbers as strings. */
function reviveNonFinite(_key: string, value: unknown): unknown {
  if (value === 'Infinity') return Number.POSITIVE_INFINITY
  if (value === '-Infinity') return Number.NEGATIVE_INFINITY
  if (value === 'NaN') return Number.NaN
  return value
}

/**
 * Reads saved evaluations (`pnpm bench lr-finder --json=…` dumps) and logs the
 * {@link formatSafeRateTable} of every pick in them and of each file's test half. A (task,
 * optimizer, finder seed, method) seen in several files counts once, from the last file that has it.
 * Prints with `pnpm bench lr-finder-safe-rates --from=a.json,b.json`.
 *
 * @param paths - the JSON files, in order.
 * @param log - receives the report lines.
 * @returns The rows for all picks and per file for its test half.
 */
export async function rereadSafeRates(
  paths: readonly string[],
  log: (line: string) => void,
): Promise<{ all: SafeRateRow[]; test: { path: string; rows: SafeRateRow[] }[] }> {
  if (paths.length === 0) throw new RangeError('paths: pass at least one saved evaluation (a --json dump)')
  const cells = new Map<string, SafeRateCell>()
  const picks = new Map<string, ScoredPick>()
  const test: { path: string; rows: SafeRateRow[] }[] = []
  for (const path of paths) {
    const saved = JSON.parse(await readFile(path, 'utf8'), reviveNonFinite) as SavedEvaluation
    if (!Array.isArray(saved.cells) || !Array.isArray(saved.picks)) {
      throw new RangeError(`${path}: not a saved lr-finder evaluation (expected "cells" and "picks" arrays)`)
    }
    for (const cell of saved.cells) cells.set(cellKey(cell), cell)
    for (const pick of saved.picks) picks.set(`${cellKey(pick)}|${pick.finderSeed}|${pick.method}`, pick)
    const testPicks = saved.picks.filter((pick) => pick.split === 'test')
    const rows = catastrophicBySafeRates(testPicks, saved.cells)
    test.push({ path, rows })
    log(`### ${path}: test half (${new Set(testPicks.map((pick) => pick.task)).size} tasks)`)
    log('')
    log(formatSafeRateTable(rows))
    log('')
  }
  const all = catastrophicBySafeRates([...picks.values()], [...cells.values()])
  log(
    `### Every pick of ${paths.length} file(s), ${new Set([...picks.values()].map((pick) => pick.task)).size} tasks`,
  )
  log('')
  log(formatSafeRateTable(all))
  return { all, test }
}
