import { resolve } from 'node:path'
import {
  gridSearch,
  InvalidArgumentError,
  randomSearch,
  type SearchResult,
  successiveHalving,
  type Trainable,
  TrainableError,
} from '@lrkit/core'
import type { OnnxSnapshot } from '@lrkit/onnx'
import type { Command } from 'commander'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { integerFlag } from '../flags'
import { writeFileAtomic } from '../io/write-file-atomic'
import { createProgressBar } from '../render/progress-bar'
import { formatNumber, formatRate } from '../render/terminal-chart'
import { formatTable } from '../text-table'
import { numberFlag } from '../train/number-flag'
import { addModelDataOptions, type ModelDataFlags, prepareTraining } from '../train/prepare-training'

interface SearchFlags extends ModelDataFlags {
  readonly method: string
  readonly min: string
  readonly max: string
  readonly trials: string
  readonly budgetSteps: string
  readonly out?: string
  readonly json?: boolean
  readonly progress: boolean
}

const METHODS = ['grid', 'random', 'halving'] as const

/** Adds `lrkit search` to the program. */
export function registerSearchCommand(program: Command, context: { readonly io: CliIo }): void {
  const command = program
    .command('search')
    .summary('search a constant learning rate: grid, random or successive halving')
    .description(
      `Train the ONNX model from the same initial weights once per trial, each at a constant learning rate
between --min and --max (log scale), and rank the rates by their final loss (the mean of the last 5
training losses). grid: --trials evenly spaced rates, --budget-steps steps each; random: --trials
log-uniform rates; halving: successive halving, --trials rates from --budget-steps steps, the best third
trained 3x longer at each rung.`,
    )
  addModelDataOptions(command)
    .option('--method <method>', `search method: ${METHODS.join(', ')}`, 'grid')
    .option('--min <rate>', 'smallest learning rate', '1e-5')
    .option('--max <rate>', 'largest learning rate', '1')
    .option('--trials <n>', 'learning rates tried', '8')
    .option('--budget-steps <n>', 'steps per trial (halving: steps of the first rung)', '30')
    .option('--out <file.json>', 'write the results table (readable by "lrkit report")')
    .option('--json', 'print the search result as JSON instead of the table')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit search --model classifier.onnx --data train.csv --method grid --trials 6
  $ lrkit search --model classifier.onnx --data train.csv --method halving --trials 9 --budget-steps 10 --json`,
    )
    .action(async (flags: SearchFlags) => {
      await runSearch(flags, context.io)
    })
}

/**
 * One trainable per trial over one shared session: each trial keeps its own parameters and
 * optimizer state and swaps them into the shared trainable when it trains, so successive halving
 * can resume a trial after others ran, with the memory of one model.
 */
function trialTrainables(shared: Trainable<OnnxSnapshot>, initial: OnnxSnapshot) {
  let active: { state: OnnxSnapshot } | undefined
  return () => {
    const own = { state: initial }
    const trainable: Trainable = {
      snapshot: async () => {
        if (active === own) own.state = await shared.snapshot()
        return own.state
      },
      restore: async (snapshot) => {
        own.state = snapshot as OnnxSnapshot
        if (active === own) await shared.restore(own.state)
      },
      trainStep: async (learningRate, step) => {
        if (active !== own) {
          if (active !== undefined) active.state = await shared.snapshot()
          await shared.restore(own.state)
          active = own
        }
        return shared.trainStep(learningRate, step)
      },
    }
    return trainable
  }
}

async function runSearch(flags: SearchFlags, io: CliIo): Promise<void> {
  if (!(METHODS as readonly string[]).includes(flags.method)) {
    throw new CliError({
      kind: 'usage',
      problem: `--method must be one of ${METHODS.join(', ')}, got ${JSON.stringify(flags.method)}`,
      fix: 'grid for a sweep, random for log-uniform samples, halving for successive halving',
    })
  }
  const minValue = numberFlag('--min', flags.min, { min: 0, exclusiveMin: true })
  const maxValue = numberFlag('--max', flags.max, { min: 0, exclusiveMin: true })
  if (!(maxValue > minValue)) {
    throw new CliError({
      kind: 'usage',
      problem: `--max must be greater than --min (${flags.min}), got ${JSON.stringify(flags.max)}`,
      fix: 'e.g. --min 1e-5 --max 1',
    })
  }
  const trials = integerFlag('--trials', flags.trials, { min: flags.method === 'grid' ? 2 : 1, max: 1000 })
  const budgetSteps = integerFlag('--budget-steps', flags.budgetSteps, { min: 1, max: 1_000_000 })
  const prepared = await prepareTraining(flags, io)
  const { runtime, session, batches } = prepared
  const shared = runtime.onnx.createOnnxTrainable({
    session,
    optimizer: prepared.createOptimizer(),
    batch: (step) => batches.batchAt(step),
  })
  const initial = await shared.snapshot()
  const makeTrial = trialTrainables(shared, initial)
  const total = flags.method === 'halving' ? undefined : trials * budgetSteps
  const bar = createProgressBar({
    stream: io.stderr,
    total: total ?? trials * budgetSteps * 3,
    format: `${flags.method} search {bar} {value} steps | trial {trial} | rate {rate}`,
    payload: { trial: '0', rate: '-' },
    enabled: flags.progress && flags.json !== true,
  })
  let steps = 0
  const createTrainable = ({ index, learningRate }: { index: number; learningRate: number }) => {
    const trainable = makeTrial()
    const step = trainable.trainStep.bind(trainable)
    trainable.trainStep = async (rate, at) => {
      const loss = await step(rate, at)
      steps += 1
      bar.update(steps, { trial: String(index + 1), rate: formatRate(learningRate) })
      return loss
    }
    return trainable
  }
  let result: SearchResult
  try {
    const base = { createTrainable, minValue, maxValue }
    result =
      flags.method === 'grid'
        ? await gridSearch({ ...base, points: trials, budgetSteps })
        : flags.method === 'random'
          ? await randomSearch({ ...base, trials, budgetSteps, seed: Number(flags.seed) })
          : await successiveHalving({ ...base, trials, minSteps: budgetSteps, seed: Number(flags.seed) })
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      throw new CliError({
        kind: 'usage',
        problem: error.message,
        fix: 'change the search flags',
        cause: error,
      })
    }
    if (TrainableError.isInstance(error)) {
      throw new CliError({
        kind: 'input',
        problem: `training failed during the search: ${(error.cause as Error | undefined)?.message ?? error.message}`,
        fix: 'check the model and the data (run with --debug for details)',
        cause: error,
      })
    }
    throw error
  } finally {
    bar.stop()
    await session.release()
  }
  const table = searchTable(result, flags)
  if (flags.out !== undefined) {
    await writeFileAtomic(
      resolve(io.cwd, flags.out),
      `${JSON.stringify({ $lrkit: 'table', ...table, search: result }, null, 2)}\n`,
      flags.out,
    )
  }
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  io.stdout.write(`${table.title}\n\n`)
  io.stdout.write(`${formatTable([table.columns, ...table.rows.map((row) => row.map(String))])}\n\n`)
  io.stdout.write(`${table.note}\n`)
  if (flags.out !== undefined)
    io.stdout.write(`wrote ${flags.out} (open it with: lrkit report ${flags.out})\n`)
}

function searchTable(result: SearchResult, flags: SearchFlags) {
  const halving = result.method === 'successiveHalving'
  const columns = [
    'rank',
    'learning rate',
    'final loss',
    'best loss',
    'steps',
    'diverged',
    ...(halving ? ['rung'] : []),
  ]
  const rows = result.rows.map((row, rank) => [
    rank + 1,
    formatRate(row.learningRate),
    row.finalLoss === null ? '-' : formatNumber(row.finalLoss),
    row.bestLoss === null ? '-' : formatNumber(row.bestLoss),
    row.stepsUsed,
    row.diverged ? 'yes' : 'no',
    ...(halving ? [row.rung ?? 0] : []),
  ])
  const best = result.best
  return {
    title: `${flags.method} search: ${flags.model} on ${flags.data}, ${result.rows.length} trials, ${result.totalSteps} steps`,
    columns,
    rows,
    note:
      best === undefined
        ? 'best: none (every trial diverged); lower --max'
        : `best: ${formatRate(best.learningRate)} (final loss ${formatNumber(best.finalLoss as number)})`,
  }
}
