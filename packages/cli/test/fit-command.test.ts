import { spawn } from 'node:child_process'
import { readFile, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join, resolve } from 'node:path'
import { stripVTControlCharacters } from 'node:util'
import { loadOnnxModel } from '@lrkit/onnx'
import Ajv2020 from 'ajv/dist/2020.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { mlpModelBytes, sectorsCsv } from './onnx-model'
import { type LrkitRun, runLrkit, runLrkitInTerminal, temporaryFolder } from './run-lrkit'

let folder: { path: string; remove: () => Promise<void> }
const cwd = () => folder.path

const baseConfig = {
  version: 1,
  model: 'm.onnx',
  data: { train: 'train.csv', validation: 'valid.csv', batchSize: 32 },
  paramGroups: {
    groups: [
      { name: 'body', match: 'fc1' },
      { name: 'head', match: 'fc2' },
    ],
    strategy: { kind: 'geometric', minScale: 0.1 },
  },
  optimizer: { kind: 'adamw', weightDecay: 0.01 },
  schedule: { kind: 'oneCycle', peakValue: 0.01, totalSteps: 12 },
  epochs: 3,
  checkpoint: { path: 'run/last.ckpt' },
}

async function writeConfig(name: string, config: unknown): Promise<void> {
  await writeFile(join(cwd(), name), JSON.stringify(config))
}

beforeAll(async () => {
  folder = await temporaryFolder()
  await writeFile(join(cwd(), 'm.onnx'), mlpModelBytes({ inputs: 2, hidden: 16, outputs: 3 }))
  await writeFile(join(cwd(), 'train.csv'), sectorsCsv(128))
  await writeFile(join(cwd(), 'valid.csv'), sectorsCsv(64, 9))
  await writeConfig('lrkit.config.json', baseConfig)
})
afterAll(() => folder.remove())

describe('lrkit fit', () => {
  it('fine-tunes from lrkit.config.json: epochs, validation, checkpoint, exported model and a log lrkit report reads', async () => {
    const run = await runLrkit(['fit'], { cwd: cwd() })
    expect(run.code).toBe(0)
    const progress = run.stderr.trimEnd().split('\n')
    expect(progress).toHaveLength(3)
    expect(progress[0]).toMatch(/^epoch 1\/3: loss [\d.]+, validation loss [\d.]+, rate [\d.e+-]+$/)
    expect(run.stdout).toBe(
      `fine-tuned m.onnx: 12 steps (3 epochs × 4), final loss ${run.stdout.match(/final loss ([\d.]+)/)?.[1]}\nwrote fine-tuned.onnx (the model), fit-log.json (open it with: lrkit report fit-log.json), run/last.ckpt (the last checkpoint)\n`,
    )
    const log = JSON.parse(await readFile(join(cwd(), 'fit-log.json'), 'utf8'))
    expect(log.$lrkit).toBe('lossLog')
    expect(log.entries.map((entry: { step: number }) => entry.step)).toEqual(
      Array.from({ length: 12 }, (_, i) => i),
    )
    expect(log.validation).toHaveLength(3)
    // The one-cycle rate rises then falls, as the config says.
    const rates = log.entries.map((entry: { learningRate: number }) => entry.learningRate)
    expect(Math.max(...rates)).toBeLessThanOrEqual(0.01)
    expect(Math.max(...rates)).toBeGreaterThan(0.005)
    expect(rates.at(-1)).toBeLessThan(1e-4)
    const tuned = loadOnnxModel(await readFile(join(cwd(), 'fine-tuned.onnx')))
    expect(tuned.initializers.map((tensor) => tensor.name)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
    ])
    expect(new Uint8Array(await readFile(join(cwd(), 'fine-tuned.onnx')))).not.toEqual(
      mlpModelBytes({ inputs: 2, hidden: 16, outputs: 3 }),
    )
    const report = await runLrkit(['report', 'fit-log.json', '--out', 'r'], { cwd: cwd() })
    expect(report.stdout.split('\n')[0]).toMatch(/^fit-log\.json: 12 steps, /)
  })

  it('on a real terminal it draws one progress bar (steps, epoch, loss, rate) instead of the per-epoch lines', async () => {
    const terminal = await temporaryFolder()
    for (const file of ['m.onnx', 'train.csv', 'valid.csv', 'lrkit.config.json'])
      await writeFile(join(terminal.path, file), await readFile(join(cwd(), file)))
    const run = await runLrkitInTerminal(['fit'], { cwd: terminal.path }).finally(terminal.remove)
    expect(run.code).toBe(0)
    const screen = run.stdout
    // cli-progress hides the cursor, redraws the line in place and shows it again at the end.
    expect(screen).toContain('\u001b[?25l')
    expect(screen).toContain('\u001b[?25h')
    // Each frame starts by moving the cursor to column 1 (CSI 1 G).
    const frames = screen
      .split('\u001b[1G')
      .map((frame) => stripVTControlCharacters(frame).split('\r\n')[0]!.trim())
      .filter((frame) => frame.startsWith('fit '))
    expect(frames.length).toBeGreaterThanOrEqual(2)
    expect(frames.at(-1)).toMatch(/^fit [█░]{24} 12\/12 steps \| epoch 3 \| loss [\d.]+ \| rate [\d.e+-]+$/)
    expect(screen).not.toMatch(/epoch 1\/3: loss/)
    expect(screen).toContain('fine-tuned m.onnx: 12 steps (3 epochs × 4)')
  })

  it('Ctrl-C saves the checkpoint and says how to resume; --resume ends bit for bit where an uninterrupted run ends', async () => {
    const long = {
      ...baseConfig,
      epochs: 200,
      schedule: { kind: 'cosine', initValue: 0.005, totalSteps: 800 },
    }
    await writeConfig('long.json', {
      ...long,
      checkpoint: { path: 'a.ckpt' },
      output: { model: 'a.onnx', log: 'a.json' },
    })
    await writeConfig('long-b.json', {
      ...long,
      checkpoint: { path: 'b.ckpt' },
      output: { model: 'b.onnx', log: 'b.json' },
    })
    const whole = await runLrkit(['fit', '--config', 'long.json'], { cwd: cwd() })
    expect(whole.code).toBe(0)
    const interrupted = await runUntilFirstEpochThenInterrupt(['fit', '--config', 'long-b.json'])
    expect(interrupted.code).toBe(130)
    const last = interrupted.stderr.trimEnd().split('\n').at(-1) as string
    expect(last).toMatch(
      /^lrkit fit: interrupted at step (\d+) of 800; the checkpoint b\.ckpt \(step \1\) is complete; resume with: lrkit fit --config long-b\.json --resume$/,
    )
    const stoppedAt = Number(last.match(/step (\d+) of/)?.[1])
    expect(stoppedAt).toBeLessThan(800)
    const resumed = await runLrkit(['fit', '--config', 'long-b.json', '--resume'], { cwd: cwd() })
    expect(resumed.code).toBe(0)
    expect(resumed.stderr.split('\n')[0]).toBe(`resumed from b.ckpt at step ${stoppedAt} of 800`)
    expect(await readFile(join(cwd(), 'b.onnx'))).toEqual(await readFile(join(cwd(), 'a.onnx')))
    const logA = JSON.parse(await readFile(join(cwd(), 'a.json'), 'utf8'))
    const logB = JSON.parse(await readFile(join(cwd(), 'b.json'), 'utf8'))
    expect(logB.entries).toEqual(logA.entries)
  })

  const cases: [string, string, unknown, number, string][] = [
    [
      'a missing config',
      'none.json',
      undefined,
      3,
      'lrkit fit: cannot read none.json: no such file or folder; check the path (relative paths start in the current folder)',
    ],
    [
      'an unknown key',
      'c1.json',
      { ...baseConfig, epoch: 3 },
      3,
      'lrkit fit: c1.json: epoch is not a known key; the keys are $schema, version, schedule, plateau, groups, model, data, loss, trainable, paramGroups, optimizer, epochs, checkpoint, output; fix the config (its JSON Schema: @lrkit/cli/schema/lrkit-cli.schema.json)',
    ],
    [
      'a bad nested value',
      'c2.json',
      { ...baseConfig, data: { train: 'train.csv', batchSize: 0 } },
      3,
      'lrkit fit: c2.json: data.batchSize must be an integer >= 1, got 0; fix the config',
    ],
    [
      'a missing key',
      'c3.json',
      { ...baseConfig, model: undefined },
      3,
      'lrkit fit: c3.json: model is required; fix the config',
    ],
    [
      'a bad schedule (core)',
      'c4.json',
      { ...baseConfig, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: -5 } },
      3,
      'lrkit fit: c4.json: schedule.totalSteps must be a positive integer',
    ],
    [
      'an unknown optimizer',
      'c5.json',
      { ...baseConfig, optimizer: { kind: 'adamx' } },
      3,
      'lrkit fit: c5.json: optimizer.kind must be one of adamw, adam, sgd, rmsprop, lion, adagrad, got "adamx"; fix the config',
    ],
    [
      'groups without paramGroups',
      'c6.json',
      { ...baseConfig, paramGroups: undefined, groups: { head: 1 } },
      3,
      'lrkit fit: c6.json: groups (learning-rate multipliers by group name) needs paramGroups to say which parameters each group holds; fix the config',
    ],
    [
      'a group that matches nothing',
      'c7.json',
      { ...baseConfig, paramGroups: { groups: [{ name: 'enc', match: 'encoder' }], unmatched: 'error' } },
      3,
      'lrkit fit: paramGroups: ',
    ],
    [
      '--resume without a checkpoint',
      'c8.json',
      { ...baseConfig, checkpoint: { path: 'nothing.ckpt' } },
      3,
      'lrkit fit: there is no checkpoint nothing.ckpt to resume from; run lrkit fit without --resume to start',
    ],
  ]
  it.each(cases)('rejects %s with one line', async (_name, file, config, code, message) => {
    if (config !== undefined) await writeConfig(file, config)
    const run = await runLrkit(['fit', '--config', file, ...(file === 'c8.json' ? ['--resume'] : [])], {
      cwd: cwd(),
    })
    expect(run.code).toBe(code)
    const lines = run.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]?.startsWith(message)).toBe(true)
  })
})

describe('schema/lrkit-cli.schema.json', () => {
  const require = createRequire(import.meta.url)
  const ajv = new Ajv2020({ allErrors: true, strict: false })
  ajv.addSchema(require('../../core/schema/lrkit.schema.json'))
  const validate = ajv.compile(require('../schema/lrkit-cli.schema.json'))

  it('accepts the configs lrkit fit accepts, with core schedules by reference', () => {
    expect(validate(baseConfig)).toBe(true)
    expect(
      validate({
        ...baseConfig,
        paramGroups: { byDepth: { layers: 2 } },
        loss: { kind: 'softmaxCrossEntropy', labelSmoothing: 0.1 },
        trainable: ['fc2.'],
        plateau: { factor: 0.5, patience: 2 },
        optimizer: { kind: 'sgd', momentum: 0.9, nesterov: true, gradientClipping: { maxNorm: 1 } },
        output: { model: 'out.onnx', log: 'log.json' },
      }),
    ).toBe(true)
  })

  it('rejects what lrkit fit rejects', () => {
    for (const bad of [
      { ...baseConfig, epoch: 3 },
      { ...baseConfig, data: { train: 'train.csv', batchSize: 0 } },
      { ...baseConfig, model: undefined },
      { ...baseConfig, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: -5 } },
      { ...baseConfig, optimizer: { kind: 'adamx' } },
      { ...baseConfig, paramGroups: { groups: [{ name: 'a', match: 'fc1' }], byDepth: {} } },
    ]) {
      expect(validate(JSON.parse(JSON.stringify(bad)))).toBe(false)
    }
  })
})

/** Starts `lrkit <args>`, sends SIGINT once the first epoch line appears, and waits for the exit. */
function runUntilFirstEpochThenInterrupt(args: readonly string[]): Promise<LrkitRun> {
  const require = createRequire(import.meta.url)
  return new Promise((done) => {
    const child = spawn(
      process.execPath,
      ['--import', require.resolve('tsx'), resolve(import.meta.dirname, '../src/cli.ts'), ...args],
      { cwd: cwd(), env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TSX_DISABLE_CACHE: '1' } },
    )
    let stdout = ''
    let stderr = ''
    let sent = false
    child.stdout.on('data', (chunk) => {
      stdout += chunk
    })
    child.stderr.on('data', (chunk) => {
      stderr += chunk
      if (!sent && stderr.includes('epoch 1/')) {
        sent = true
        child.kill('SIGINT')
      }
    })
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }))
  })
}
