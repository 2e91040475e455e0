import { relative, resolve } from 'node:path'
import {
  InvalidArgumentError,
  type RangeTestResult,
  runRangeTest,
  SUGGESTION_RULES,
  TrainableError,
} from '@lrkit/core'
import * as asciichart from 'asciichart'
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

interface FindFlags extends ModelDataFlags {
  readonly start: string
  readonly end: string
  readonly steps: string
  readonly repeats: string
  readonly out?: string
  readonly json?: boolean
  readonly progress: boolean
  readonly height: string
}

/** Adds `lrkit find` to the program. */
export function registerFindCommand(
  program: Command,
  context: { readonly io: CliIo; readonly color: () => boolean },
): void {
  const command = program
    .command('find')
    .summary('find a learning rate: the range test on an ONNX model')
    .description(
      `Run the learning-rate range test on an ONNX model: train on --data with a rate that grows from
--start to --end (exponentially) over --steps batches, then restore the weights. Prints the loss curve,
every rule's pick, the recommended range and the confidence flag with its reason.`,
    )
  addModelDataOptions(command)
    .option('--start <rate>', 'first learning rate of the sweep', '1e-7')
    .option('--end <rate>', 'learning rate the sweep heads for', '10')
    .option('--steps <n>', 'batches in the sweep', '100')
    .option('--repeats <n>', 'sweeps, each from the same weights (more = steadier picks)', '1')
    .option('--out <file.json>', 'write the result (readable by "lrkit report")')
    .option('--json', 'print the result as JSON instead of the chart and tables')
    .option('--no-progress', 'no progress bar')
    .option('--height <rows>', 'rows of the terminal chart', '12')
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit find --model classifier.onnx --data train.csv --target label
  $ lrkit find --model model.onnx --data train.npy --trainable fc2. --batch-size 64 --out range-test.json
  $ lrkit report range-test.json`,
    )
    .action(async (flags: FindFlags) => {
      await runFind(flags, context)
    })
}

async function runFind(flags: FindFlags, context: { readonly io: CliIo; readonly color: () => boolean }) {
  const { io } = context
  const startValue = numberFlag('--start', flags.start, { min: 0, exclusiveMin: true })
  const endValue = numberFlag('--end', flags.end, { min: 0, exclusiveMin: true })
  if (!(endValue > startValue)) {
    throw new CliError({
      kind: 'usage',
      problem: `--end must be greater than --start (${flags.start}), got ${JSON.stringify(flags.end)}`,
      fix: 'e.g. --start 1e-7 --end 10',
    })
  }
  const steps = integerFlag('--steps', flags.steps, { min: 10, max: 100_000 })
  const repeats = integerFlag('--repeats', flags.repeats, { min: 1, max: 100 })
  const height = integerFlag('--height', flags.height, { min: 3, max: 100 })
  const prepared = await prepareTraining(flags, io)
  const { runtime, session, batches, dataset, graph } = prepared
  const optimizer = prepared.createOptimizer()
  const trainable = runtime.onnx.createOnnxTrainable({
    session,
    optimizer,
    batch: (step) => batches.batchAt(step),
  })
  const total = steps * repeats
  const bar = createProgressBar({
    stream: io.stderr,
    total,
    format: 'range test {bar} {value}/{total} steps | rate {rate} | loss {loss}',
    payload: { rate: formatRate(startValue), loss: '-' },
    enabled: flags.progress && flags.json !== true,
  })
  let done = 0
  const trainStep = trainable.trainStep.bind(trainable)
  trainable.trainStep = async (learningRate, step) => {
    const loss = await trainStep(learningRate, step)
    done += 1
    bar.update(Math.min(done, total), { rate: formatRate(learningRate), loss: formatNumber(loss) })
    return loss
  }
  let result: RangeTestResult
  try {
    result = await runRangeTest(trainable, { startValue, endValue, steps, repeats })
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) {
      throw new CliError({
        kind: 'usage',
        problem: error.message,
        fix: 'change the sweep flags',
        cause: error,
      })
    }
    if (TrainableError.isInstance(error)) {
      throw new CliError({
        kind: 'input',
        problem: `training failed during the range test: ${(error.cause as Error | undefined)?.message ?? error.message}`,
        fix: 'check the model and the data (run with --debug for details)',
        cause: error,
      })
    }
    throw error
  } finally {
    bar.stop()
    await session.release()
  }
  if (flags.out !== undefined) {
    const path = resolve(io.cwd, flags.out)
    await writeFileAtomic(path, `${JSON.stringify(result, null, 2)}\n`, flags.out)
  }
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  const trained = graph.parameters.length
  io.stdout.write(
    `range test: ${flags.model} on ${dataset.source} (${dataset.rows} rows, ${dataset.featureNames.length} features, target "${dataset.targetName}"), ${prepared.settings.kind}, batch ${batches.batchSize}, ${trained} trainable parameter tensors\n\n`,
  )
  io.stdout.write(`${rangeTestChart(result, { height, color: context.color() })}\n\n`)
  io.stdout.write(`${describeRangeTest(result).join('\n')}\n`)
  if (flags.out !== undefined) {
    const shown = relative(io.cwd, resolve(io.cwd, flags.out)) || flags.out
    io.stdout.write(`wrote ${shown} (open it with: lrkit report ${shown})\n`)
  }
}

/** The smoothed loss against the sweep, with the rate axis under it and the suggestion marked. */
export function rangeTestChart(
  result: RangeTestResult,
  { height, color }: { height: number; color: boolean },
): string {
  const { learningRates, losses } = result.curve
  if (losses.length === 0) return '(no finite loss to plot)'
  const width = Math.min(72, losses.length)
  const sample = (values: readonly number[]) =>
    Array.from(
      { length: width },
      (_, index) => values[Math.round((index * (values.length - 1)) / Math.max(1, width - 1))] as number,
    )
  const labelWidth = 10
  const chart = asciichart.plot(sample(losses), {
    height,
    format: (value: number) => formatNumber(value).padStart(labelWidth),
    ...(color ? { colors: [asciichart.blue] } : {}),
  })
  const pad = ' '.repeat(labelWidth + 2)
  const first = formatRate(learningRates[0] as number)
  const last = formatRate(learningRates[learningRates.length - 1] as number)
  const axis = `${pad}${first}${' '.repeat(Math.max(1, width - first.length - last.length))}${last}`
  const lines = [chart, `${pad}${'─'.repeat(width)}`, axis]
  const rate = result.suggestion.learningRate
  if (rate !== undefined) {
    const logFirst = Math.log(learningRates[0] as number)
    const logLast = Math.log(learningRates[learningRates.length - 1] as number)
    const position = Math.round(((Math.log(rate) - logFirst) / (logLast - logFirst)) * (width - 1))
    lines.push(
      `${pad}${' '.repeat(Math.max(0, Math.min(width - 1, position)))}^ ${formatRate(rate)} (${result.suggestion.rule})`,
    )
  }
  lines.push(`${pad}smoothed loss against the learning rate (log scale)`)
  return lines.join('\n')
}

/** Every rule's pick, the suggestion, the range, the confidence flag and why the sweep stopped. */
export function describeRangeTest(result: RangeTestResult): string[] {
  const rows = [['rule', 'learning rate', 'note']]
  for (const rule of SUGGESTION_RULES) {
    const pick = result.picks[rule]
    rows.push([
      rule === result.suggestion.rule ? `${rule} *` : rule,
      pick.learningRate === undefined ? '-' : formatRate(pick.learningRate),
      pick.learningRate === undefined ? pick.reason : '',
    ])
  }
  const lines = [formatTable(rows), '']
  const { suggestion, recommendedRange, lowConfidence } = result
  lines.push(
    suggestion.learningRate === undefined
      ? `suggested: none (${suggestion.reason})`
      : `suggested: ${formatRate(suggestion.learningRate)} (${suggestion.rule})`,
  )
  if (recommendedRange !== undefined) {
    lines.push(`recommended range: ${formatRate(recommendedRange.min)} … ${formatRate(recommendedRange.max)}`)
  }
  lines.push(
    lowConfidence === undefined
      ? 'confidence: normal (the rules agree and the curve has a clear descent)'
      : `confidence: LOW: ${lowConfidence.reasons.join('; ')}`,
  )
  const last = result.points[result.points.length - 1]
  const where = last === undefined ? '' : ` at ${formatRate(last.learningRate)} (step ${last.step})`
  const stop: Record<RangeTestResult['stoppedBy'], string> = {
    completed: 'the sweep reached its last rate',
    diverged: `the loss diverged${where}`,
    nonFinite: `the loss became non-finite${where}`,
  }
  lines.push(`stopped: ${stop[result.stoppedBy]}`)
  return lines
}
