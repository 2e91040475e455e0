import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { SearchResult } from '@lrkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mlpModelBytes, sectorsCsv } from './onnx-model'
import { runLrkit, temporaryFolder } from './run-lrkit'

let folder: { path: string; remove: () => Promise<void> }
const cwd = () => folder.path

beforeAll(async () => {
  folder = await temporaryFolder()
  await writeFile(join(cwd(), 'm.onnx'), mlpModelBytes({ inputs: 2, hidden: 16, outputs: 3 }))
  await writeFile(join(cwd(), 'train.csv'), sectorsCsv(128))
})
afterAll(() => folder.remove())

describe('lrkit search', () => {
  it('grid: prints the results table, best first, and writes a table lrkit report reads', async () => {
    const run = await runLrkit(
      [
        'search',
        '--model',
        'm.onnx',
        '--data',
        'train.csv',
        '--trials',
        '4',
        '--budget-steps',
        '10',
        '--out',
        's.json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^grid search: m\.onnx on train\.csv, 4 trials, \d+ steps$/)
    expect(lines[2]).toBe('rank  learning rate  final loss  best loss  steps  diverged')
    // The four grid rates 1e-5, 4.642e-4, 2.154e-2, 1 each appear once.
    for (const rate of ['1e-5', '4.642e-4', '2.154e-2', '1e+0']) {
      expect(lines.filter((line) => /^\d/.test(line) && line.split(/\s+/)[1] === rate)).toHaveLength(1)
    }
    const saved = JSON.parse(await readFile(join(cwd(), 's.json'), 'utf8')) as {
      $lrkit: string
      rows: unknown[][]
      search: SearchResult
    }
    expect(saved.$lrkit).toBe('table')
    expect(saved.search.method).toBe('grid')
    expect(saved.rows).toHaveLength(4)
    const best = saved.search.best as { learningRate: number; finalLoss: number }
    expect(lines.at(-2)).toBe(
      `best: ${Number(best.learningRate.toPrecision(4)).toExponential()} (final loss ${Number(best.finalLoss.toPrecision(4))})`,
    )
    const finals = saved.search.rows.map((row) => row.finalLoss).filter((loss) => loss !== null) as number[]
    expect(finals).toEqual([...finals].sort((a, b) => a - b))
    const report = await runLrkit(['report', 's.json', '--out', 'r'], { cwd: cwd() })
    expect(report.stdout.split('\n')[0]).toBe('s.json: table of 4 rows')
  })

  it('halving and random: --json, reproducible for a seed', async () => {
    const args = ['search', '--model', 'm.onnx', '--data', 'train.csv', '--budget-steps', '3', '--json']
    const halving = await runLrkit([...args, '--method', 'halving', '--trials', '9'], { cwd: cwd() })
    expect(halving.code).toBe(0)
    const result = JSON.parse(halving.stdout) as SearchResult
    expect(result.method).toBe('successiveHalving')
    expect(result.rows).toHaveLength(9)
    expect(Math.max(...result.rows.map((row) => row.rung ?? 0))).toBeGreaterThan(0)
    const random = await runLrkit([...args, '--method', 'random', '--trials', '3', '--seed', '4'], {
      cwd: cwd(),
    })
    const again = await runLrkit([...args, '--method', 'random', '--trials', '3', '--seed', '4'], {
      cwd: cwd(),
    })
    expect(random.code).toBe(0)
    expect(JSON.parse(random.stdout)).toEqual(JSON.parse(again.stdout))
  })

  const cases: [string, string[], number, string][] = [
    [
      'an unknown method',
      ['--method', 'bayes'],
      2,
      'lrkit search: --method must be one of grid, random, halving, got "bayes"; grid for a sweep, random for log-uniform samples, halving for successive halving',
    ],
    [
      'a max below the min',
      ['--min', '0.1', '--max', '0.01'],
      2,
      'lrkit search: --max must be greater than --min (0.1), got "0.01"; e.g. --min 1e-5 --max 1',
    ],
    [
      'a grid of one point',
      ['--trials', '1'],
      2,
      'lrkit search: --trials must be an integer from 2 to 1000, got "1"; e.g. --trials 1000',
    ],
    [
      'a bad budget',
      ['--budget-steps', 'x'],
      2,
      'lrkit search: --budget-steps must be an integer from 1 to 1000000, got "x"; e.g. --budget-steps 1000',
    ],
  ]
  it.each(cases)('rejects %s with one line', async (_name, args, code, message) => {
    const run = await runLrkit(['search', '--model', 'm.onnx', '--data', 'train.csv', ...args], {
      cwd: cwd(),
    })
    expect(run.code).toBe(code)
    expect(run.stderr).toBe(`${message}\n`)
  })
})
