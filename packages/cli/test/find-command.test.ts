import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FindLearningRateResult, RangeTestResult } from '@lrkit/core'
import { loadOnnxModel } from '@lrkit/onnx'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_FIND_METHOD } from '../src/commands/find-command'
import { npyBytes } from './npy'
import { mlpModelBytes, sectorsCsv } from './onnx-model'
import { runLrkit, temporaryFolder } from './run-lrkit'

let folder: { path: string; remove: () => Promise<void> }
const cwd = () => folder.path

beforeAll(async () => {
  folder = await temporaryFolder()
  await writeFile(join(cwd(), 'm.onnx'), mlpModelBytes({ inputs: 2, hidden: 16, outputs: 3 }))
  await writeFile(join(cwd(), 'regress.onnx'), mlpModelBytes({ inputs: 2, hidden: 8, outputs: 1 }))
  const csv = sectorsCsv(128)
  await writeFile(join(cwd(), 'train.csv'), csv)
  await writeFile(join(cwd(), 'valid.csv'), sectorsCsv(64, 9))
  const rows = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(',').map(Number))
  await writeFile(
    join(cwd(), 'train.npy'),
    npyBytes({ descr: '<f4', shape: [rows.length, 3], values: Float32Array.from(rows.flat()) }),
  )
  await writeFile(
    join(cwd(), 'train.json'),
    JSON.stringify(rows.map(([x1, x2, label]) => ({ label, x1, x2 }))),
  )
  await writeFile(join(cwd(), 'bad-cell.csv'), 'x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n')
  await writeFile(join(cwd(), 'ragged.csv'), 'x1,x2,label\n0.1,0.2,0\n0.3,1\n')
  await writeFile(join(cwd(), 'three-features.csv'), 'a,b,c,label\n1,2,3,0\n4,5,6,1\n')
  await writeFile(join(cwd(), 'bad-class.csv'), 'x1,x2,label\n0.1,0.2,0\n0.3,0.4,7\n')
  await writeFile(join(cwd(), 'not-a-model.onnx'), 'hello, I am text')
})
afterAll(() => folder.remove())

describe('lrkit find: happy paths', () => {
  it('runs the range test on a CSV, prints the chart, every pick and the verdict, and writes results', async () => {
    const run = await runLrkit(
      [
        'find',
        '--method',
        'range-test',
        '--model',
        'm.onnx',
        '--data',
        'train.csv',
        '--target',
        'label',
        '--steps',
        '60',
        '--out',
        'out/rt.json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(await readFile(join(cwd(), 'out/rt.json'), 'utf8')) as RangeTestResult
    expect(result.points.length).toBeGreaterThan(10)
    expect(result.options.steps).toBe(60)
    const lines = run.stdout.split('\n')
    expect(lines[0]).toBe(
      'range test: m.onnx on train.csv (128 rows, 2 features, target "label"), adamw, batch 32, 4 trainable parameter tensors',
    )
    expect(run.stdout).toContain('smoothed loss against the learning rate (log scale)')
    for (const rule of ['valley', 'steep', 'minimum', 'slide', 'steepestGradient']) {
      expect(run.stdout).toMatch(new RegExp(`^${rule}( \\*)?\\s+(\\d|-)`, 'm'))
    }
    const suggestion = result.suggestion.learningRate as number
    expect(run.stdout).toContain(`suggested: ${Number(suggestion.toPrecision(4)).toExponential()} (valley)`)
    expect(run.stdout).toMatch(/^confidence: (normal|LOW: .+)$/m)
    expect(run.stdout).toMatch(/^stopped: /m)
    expect(lines.at(-2)).toBe('wrote out/rt.json (open it with: lrkit report out/rt.json)')
    // The file is what `lrkit report` reads.
    const report = await runLrkit(['report', 'out/rt.json', '--out', 'report'], { cwd: cwd() })
    expect(report.code).toBe(0)
    expect(report.stdout).toContain('out/rt.json: range test, suggested')
  })

  it('reads NPY (target by index) and JSON records, trains only the chosen parameters, prints --json', async () => {
    const npy = await runLrkit(
      [
        'find',
        '--method',
        'range-test',
        '--model',
        'm.onnx',
        '--data',
        'train.npy',
        '--steps',
        '30',
        '--trainable',
        'fc2.',
        '--json',
      ],
      { cwd: cwd() },
    )
    expect(npy.stderr).toBe('')
    expect(npy.code).toBe(0)
    const fromNpy = JSON.parse(npy.stdout) as RangeTestResult
    const json = await runLrkit(
      [
        'find',
        '--method',
        'range-test',
        '--model',
        'm.onnx',
        '--data',
        'train.json',
        '--target',
        'label',
        '--steps',
        '30',
        '--trainable',
        'fc2.',
        '--json',
      ],
      { cwd: cwd() },
    )
    expect(json.code).toBe(0)
    // Same rows, same seed, same batches: the same sweep.
    expect(JSON.parse(json.stdout).points).toEqual(fromNpy.points)
    const all = await runLrkit(
      [
        'find',
        '--method',
        'range-test',
        '--model',
        'm.onnx',
        '--data',
        'train.npy',
        '--steps',
        '30',
        '--json',
      ],
      {
        cwd: cwd(),
      },
    )
    expect(JSON.parse(all.stdout).points).not.toEqual(fromNpy.points)
  })

  it('trains a regression model with --loss mse', async () => {
    const run = await runLrkit(
      [
        'find',
        '--method',
        'range-test',
        '--model',
        'regress.onnx',
        '--data',
        'train.csv',
        '--target',
        'x1',
        '--loss',
        'mse',
        '--optimizer',
        'sgd',
        '--steps',
        '20',
        '--json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(JSON.parse(run.stdout).points.length).toBeGreaterThan(0)
  })

  it('leaves the model file as it was (the range test restores the weights in memory)', async () => {
    const bytes = await readFile(join(cwd(), 'm.onnx'))
    expect(new Uint8Array(bytes)).toEqual(mlpModelBytes({ inputs: 2, hidden: 16, outputs: 3 }))
    expect(loadOnnxModel(bytes).initializers.map((tensor) => tensor.name)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ])
  })
})

/** A rate as the CLI prints it: 4 significant digits, exponent form. */
const rate = (value: number) => Number(value.toPrecision(4)).toExponential()

/** The checks every human race output passes; returns its lines. */
function checkRaceOutput(stdout: string, result: FindLearningRateResult, score: string): string[] {
  const lines = stdout.split('\n')
  expect(lines[0]).toBe(
    'race: m.onnx on train.csv (128 rows, 2 features, target "label"), adamw, batch 32, 4 trainable parameter tensors',
  )
  // The pick comes first, and it is the result's learningRate.
  expect(lines[3]).toBe(`learning rate to train at: ${rate(result.learningRate as number)}`)
  expect(lines[5]).toBe(
    `race winner ${rate(result.winner as number)} ÷ shrink factor 2 (a short race favours rates too large for a longer run)`,
  )
  expect(lines[7]?.split(/\s{2,}/)).toEqual(['candidate', `score (${score})`, 'steps'])
  const rows = lines.slice(9, 9 + result.candidates.length).map((line) => line.split(/\s{2,}/))
  expect(rows).toEqual(
    result.candidates.map((candidate) => [
      candidate.learningRate === result.winner
        ? `${rate(candidate.learningRate)} *`
        : rate(candidate.learningRate),
      candidate.score === null ? 'diverged' : expect.stringMatching(/^\d/),
      String(candidate.steps),
    ]),
  )
  expect(stdout).toContain(`\nbracket: ${rate(result.bracket.min)} … ${rate(result.bracket.max)}\n`)
  expect(stdout).toContain(
    `\nsteps: ${result.steps.sweep} sweep + ${result.steps.race} race = ${result.steps.total} total; ${result.evaluations} evaluation${result.evaluations === 1 ? '' : 's'} of the validation loss\n`,
  )
  expect(result.steps.total).toBe(result.steps.sweep + result.steps.race)
  expect(stdout).toMatch(/^confidence: (normal \(.+\)|LOW: .+)$/m)
  expect(stdout).toContain('smoothed loss of the bracketing sweep against the learning rate (log scale)')
  return lines
}

describe('lrkit find --method race', () => {
  it('ranks on --validation, prints the pick first, the candidates, the bracket and the steps, and writes the result', async () => {
    const run = await runLrkit(
      [
        'find',
        '--method',
        'race',
        '--model',
        'm.onnx',
        '--data',
        'train.csv',
        '--validation',
        'valid.csv',
        '--target',
        'label',
        '--steps',
        '20',
        '--out',
        'out/race.json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(await readFile(join(cwd(), 'out/race.json'), 'utf8')) as FindLearningRateResult
    expect(result.options).toMatchObject({
      startValue: 1e-7,
      endValue: 10,
      sweepSteps: 20,
      score: 'evaluate',
    })
    expect(result.evaluations).toBeGreaterThan(0)
    expect(result.steps.sweep).toBeLessThanOrEqual(20)
    const lines = checkRaceOutput(run.stdout, result, 'validation loss')
    expect(lines[1]).toBe('ranked on: the validation loss of valid.csv (64 rows)')
    expect(lines.at(-2)).toBe('wrote out/race.json (open it with: lrkit report out/race.json)')
    // The file is what `lrkit report` reads.
    const report = await runLrkit(['report', 'out/race.json', '--out', 'race-report'], { cwd: cwd() })
    expect(report.stderr).toBe('')
    expect(report.code).toBe(0)
    expect(report.stdout).toContain(
      `out/race.json: race, train at ${rate(result.learningRate as number)} (winner ${rate(result.winner as number)} ÷ 2)`,
    )
  })

  it('ranks on the training loss without --validation, and says so', async () => {
    const run = await runLrkit(
      [
        'find',
        '--method',
        'race',
        '--model',
        'm.onnx',
        '--data',
        'train.csv',
        '--steps',
        '20',
        '--out',
        'race-train.json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const result = JSON.parse(
      await readFile(join(cwd(), 'race-train.json'), 'utf8'),
    ) as FindLearningRateResult
    expect(result.options.score).toBe('trainingLoss')
    expect(result.evaluations).toBe(0)
    const lines = checkRaceOutput(run.stdout, result, 'training loss')
    expect(lines[1]).toBe(
      "ranked on: the training loss (no --validation; the evaluation behind findLearningRate's defaults ranked on a validation loss: pass --validation <file>)",
    )
  })

  it(`runs DEFAULT_FIND_METHOD (${DEFAULT_FIND_METHOD}) without --method`, async () => {
    const args = [
      '--model',
      'm.onnx',
      '--data',
      'train.csv',
      '--steps',
      '20',
      '--trainable',
      'fc2.',
      '--json',
    ]
    const implicit = await runLrkit(['find', ...args], { cwd: cwd() })
    const explicit = await runLrkit(['find', '--method', DEFAULT_FIND_METHOD, ...args], { cwd: cwd() })
    expect(implicit.code).toBe(0)
    expect(explicit.code).toBe(0)
    const result = JSON.parse(implicit.stdout)
    // The shape of the default method's result, and the very same run (same seed, same batches).
    const marker = { race: 'candidates', 'range-test': 'points' }[DEFAULT_FIND_METHOD]
    expect(Object.keys(result)).toContain(marker)
    expect(result).toEqual(JSON.parse(explicit.stdout))
  })
})

describe('lrkit find: bad input, one line and an exit code each', () => {
  const cases: [string, string[], number, string][] = [
    [
      'a missing --model',
      ['--data', 'train.csv'],
      2,
      'lrkit find: required option \'--model <file.onnx>\' not specified; run "lrkit find --help" for the usage',
    ],
    [
      'a missing data file',
      ['--model', 'm.onnx', '--data', 'none.csv'],
      3,
      'lrkit find: cannot read none.csv: no such file or folder; check the path (relative paths start in the current folder)',
    ],
    [
      'an unknown data format',
      ['--model', 'm.onnx', '--data', 'm.onnx.txt'],
      2,
      'lrkit find: cannot tell the format of m.onnx.txt: the extension must be .csv, .npy, .json; rename the file or convert it',
    ],
    [
      'a cell that is not a number',
      ['--model', 'm.onnx', '--data', 'bad-cell.csv'],
      3,
      'lrkit find: bad-cell.csv: line 3, column 2 ("x2"): "oops" is not a finite number; lrkit reads numeric columns only: encode categories as numbers',
    ],
    [
      'malformed CSV',
      ['--model', 'm.onnx', '--data', 'ragged.csv'],
      3,
      'lrkit find: ragged.csv is not valid CSV: Invalid Record Length: expect 3, got 2 on line 3; fix the data file',
    ],
    [
      'an unknown target column',
      ['--model', 'm.onnx', '--data', 'train.csv', '--target', 'y'],
      2,
      'lrkit find: --target "y" is not a column of train.csv; its columns are x1, x2, label; pass one of them (the default is the last column)',
    ],
    [
      'data that does not fit the model',
      ['--model', 'm.onnx', '--data', 'three-features.csv'],
      3,
      'lrkit find: input "x" of m.onnx takes 2 values per row ([batch, 2]), three-features.csv has 3 feature columns (a, b, c); check --target (the target column is left out of the features) or the data file',
    ],
    [
      'a target that is not a class',
      ['--model', 'm.onnx', '--data', 'bad-class.csv'],
      3,
      'lrkit find: bad-class.csv: row 2: target "label" is 7, not a class index from 0 to 2 (the model has 3 outputs); classification needs class indices; for regression pass --loss mse',
    ],
    [
      'a file that is not ONNX',
      ['--model', 'not-a-model.onnx', '--data', 'train.csv'],
      3,
      'lrkit find: not-a-model.onnx is not a usable ONNX model: the file is not an ONNX model',
    ],
    [
      'an unknown parameter',
      ['--model', 'm.onnx', '--data', 'train.csv', '--trainable', 'head.'],
      3,
      'lrkit find: cannot train m.onnx: the trainable selection selects no parameter',
    ],
    [
      'an unknown optimizer',
      ['--model', 'm.onnx', '--data', 'train.csv', '--optimizer', 'adamx'],
      2,
      'lrkit find: --optimizer must be one of adamw, adam, sgd, rmsprop, lion, adagrad, got "adamx"; choose one of them',
    ],
    [
      'an unknown loss',
      ['--model', 'm.onnx', '--data', 'train.csv', '--loss', 'hinge'],
      2,
      'lrkit find: --loss must be one of softmaxCrossEntropy, mse, binaryCrossEntropyWithLogits, got "hinge"; softmaxCrossEntropy for class indices, mse for regression, binaryCrossEntropyWithLogits for 0/1 targets',
    ],
    [
      'a bad rate',
      ['--model', 'm.onnx', '--data', 'train.csv', '--start', 'tiny'],
      2,
      'lrkit find: --start must be a number > 0, got "tiny"; e.g. --start 1e-3',
    ],
    [
      'an end below the start',
      ['--model', 'm.onnx', '--data', 'train.csv', '--start', '1', '--end', '0.1'],
      2,
      'lrkit find: --end must be greater than --start (1), got "0.1"; e.g. --start 1e-7 --end 10',
    ],
    [
      'an unknown method',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'grid'],
      2,
      'lrkit find: --method must be one of race, range-test, got "grid"; race (findLearningRate: a sweep, then a race of candidates) or range-test (runRangeTest)',
    ],
    [
      '--repeats with the race',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'race', '--repeats', '3'],
      2,
      'lrkit find: --repeats applies to --method range-test only, got --repeats 3 with --method race (the race runs one sweep); leave out --repeats, or pass --method range-test',
    ],
    [
      '--validation with the range test',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'range-test', '--validation', 'valid.csv'],
      2,
      'lrkit find: --validation applies to --method race, got --validation valid.csv with --method range-test; leave out --validation, or pass --method race',
    ],
    [
      'a race sweep that is too short',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'race', '--steps', '5'],
      2,
      'lrkit find: --steps must be an integer from 10 to 100000, got "5"; e.g. --steps 10',
    ],
    [
      'a missing validation file',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'race', '--validation', 'none.csv'],
      3,
      'lrkit find: cannot read none.csv: no such file or folder; check the path (relative paths start in the current folder)',
    ],
    [
      'validation data that does not fit the model',
      ['--model', 'm.onnx', '--data', 'train.csv', '--method', 'race', '--validation', 'three-features.csv'],
      3,
      'lrkit find: input "x" of m.onnx takes 2 values per row ([batch, 2]), three-features.csv has 3 feature columns (a, b, c); check --target (the target column is left out of the features) or the data file',
    ],
    [
      'a bad batch size',
      ['--model', 'm.onnx', '--data', 'train.csv', '--batch-size', '0'],
      2,
      'lrkit find: --batch-size must be an integer >= 1, got "0"; e.g. --batch-size 1',
    ],
    [
      'a bad weight decay',
      ['--model', 'm.onnx', '--data', 'train.csv', '--weight-decay', '-1'],
      2,
      'lrkit find: --weight-decay must be a number >= 0, got "-1"; e.g. --weight-decay 1e-3',
    ],
  ]
  it.each(cases)('%s', async (_name, args, code, message) => {
    const run = await runLrkit(['find', ...args], { cwd: cwd() })
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]?.startsWith(message)).toBe(true)
  })
})
