import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { pickRegret, type ScoredPick } from './report'
import {
  catastrophicBySafeRates,
  formatSafeRateTable,
  rereadSafeRates,
  SAFE_RATE_BANDS,
  type SafeRateCell,
  safeGridRates,
} from './safe-rates'

/** A cell with L0 = 2 and L* = 0.5 at 1e-2: its rates 1e-3 … 1 with the given seed-mean losses. */
function cell(task: string, losses: readonly number[]): SafeRateCell {
  return {
    task,
    optimizer: 'adam',
    grid: losses.map((loss, i) => ({
      learningRate: 10 ** (i / 4 - 3),
      heldOutLosses: [loss, loss],
      meanLoss: loss,
    })),
    bestLoss: Math.min(...losses),
    initialLoss: 2,
  }
}

function scored(method: string, task: string, loss: number, overrides: Partial<ScoredPick> = {}): ScoredPick {
  return {
    method,
    task,
    optimizer: 'adam',
    finderSeed: 0,
    learningRate: 0.01,
    searchSteps: 100,
    trainingSteps: 300,
    heldOutLosses: [loss],
    meanLoss: loss,
    bestLoss: 0.5,
    bestLearningRate: 0.01,
    initialLoss: 2,
    regret: pickRegret(loss, 0.5, 2),
    relativeRegret: (loss - 0.5) / 0.5,
    diverged: false,
    gridStepsPerSeed: 25 * 300,
    ...overrides,
  }
}

describe('safeGridRates', () => {
  it('keeps the rates whose loss would not make a catastrophic pick', () => {
    // 1.9: recovers 0.1 of 1.5 (< 10 %) · 1.2: regret 140 % · 0.99: regret 98 % · 0.5: L* · 0.7: 40 % ·
    // 2.5: above L0 · ∞: diverged.
    const safeCell = cell('t', [1.9, 1.2, 0.99, 0.5, 0.7, 2.5, Number.POSITIVE_INFINITY])
    expect(safeGridRates(safeCell)).toEqual(safeCell.grid.slice(2, 5).map((point) => point.learningRate))
  })

  it('floors the regret at 1 % of L0 when L* is tiny', () => {
    // L* = 0.001 < L0/100 = 0.02: a loss of 0.02 has regret (0.02 − 0.001)/0.02 = 95 %, 0.022 has 105 %.
    expect(safeGridRates(cell('t', [0.022, 0.02, 0.001])).length).toBe(2)
  })

  it('drops a rate when one held-out seed is non-finite, even if the mean is not', () => {
    const base = cell('t', [0.6, 0.5])
    const noisy: SafeRateCell = {
      ...base,
      grid: [{ ...base.grid[0]!, heldOutLosses: [0.6, Number.NaN] }, base.grid[1]!],
    }
    expect(safeGridRates(noisy)).toEqual([base.grid[1]!.learningRate])
  })
})

describe('catastrophicBySafeRates', () => {
  const narrow = cell('narrow', [1.9, 1.8, 0.5, 1.7, Number.POSITIVE_INFINITY]) // 1 safe rate
  const wide = cell('wide', [0.6, 0.55, 0.52, 0.5, 0.51, 0.53, 0.56, 0.6, 0.7, 0.8, 0.9]) // 11 safe rates

  it("counts each method's picks and catastrophic picks per band of the cell", () => {
    const rows = catastrophicBySafeRates(
      [
        scored('race', 'narrow', 1.8),
        scored('race', 'narrow', 0.5),
        scored('race', 'wide', 0.5),
        scored('race', 'wide', 0.5, { diverged: true }),
        scored('grid', 'wide', 0.6),
      ],
      [narrow, wide],
    )
    expect(rows.map((row) => row.method)).toEqual(['race', 'grid'])
    expect(rows[0]!.bands).toEqual([
      { picks: 2, catastrophic: 1 },
      { picks: 0, catastrophic: 0 },
      { picks: 0, catastrophic: 0 },
      { picks: 2, catastrophic: 1 },
    ])
    expect(rows[1]!.bands.map((band) => band.picks)).toEqual([0, 0, 0, 1])
    expect(formatSafeRateTable(rows).split('\n')[2]).toBe(
      '| race   | 1/2 (50.0 %)                 | –                 | –                 | 1/2 (50.0 %)       |',
    )
  })

  it('bands cover every count from 0 up, without overlap', () => {
    for (let count = 0; count <= 25; count++) {
      expect(SAFE_RATE_BANDS.filter((band) => count >= band.min && count <= band.max)).toHaveLength(1)
    }
  })

  it('names the pick whose cell is missing', () => {
    expect(() => catastrophicBySafeRates([scored('race', 'lost', 0.5)], [wide])).toThrow(/lost\|adam/)
  })
})

describe('rereadSafeRates', () => {
  let directory: string | undefined
  afterEach(async () => {
    if (directory !== undefined) await rm(directory, { recursive: true, force: true })
  })

  it('reads dumps with non-finite numbers as strings; a pick in several files counts once, from the last', async () => {
    directory = await mkdtemp(join(tmpdir(), 'lrkit-safe-rates-'))
    const narrow = cell('narrow', [1.9, 1.8, 0.5, 1.7, Number.POSITIVE_INFINITY])
    const dump = (picks: unknown[]) =>
      `${JSON.stringify({ cells: [narrow], picks }, (_key, value) =>
        typeof value === 'number' && !Number.isFinite(value) ? String(value) : value,
      )}\n`
    const first = join(directory, 'full.json')
    const second = join(directory, 'test.json')
    await writeFile(
      first,
      dump([
        { ...scored('race', 'narrow', Number.POSITIVE_INFINITY, { diverged: true }), split: 'development' },
      ]),
    )
    await writeFile(second, dump([{ ...scored('race', 'narrow', 0.5), split: 'test' }]))
    const lines: string[] = []
    const result = await rereadSafeRates([first, second], (line) => lines.push(line))
    expect(result.test.map((file) => file.rows.length)).toEqual([0, 1])
    expect(result.test[1]!.rows[0]!.bands[0]).toEqual({ picks: 1, catastrophic: 0 })
    expect(result.all[0]!.bands[0]).toEqual({ picks: 1, catastrophic: 0 })
    expect(lines.at(-1)).toContain('| race ')
  })

  it('says which file is not an evaluation dump, and wants at least one', async () => {
    directory = await mkdtemp(join(tmpdir(), 'lrkit-safe-rates-'))
    const path = join(directory, 'other.json')
    await writeFile(path, '{"rows": []}')
    await expect(rereadSafeRates([path], () => {})).rejects.toThrow(
      /other\.json: not a saved lr-finder evaluation/,
    )
    await expect(rereadSafeRates([], () => {})).rejects.toThrow(/at least one/)
  })
})
