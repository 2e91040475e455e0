import { relative, resolve } from 'node:path'
import {
  type FindLearningRateResult,
  findLearningRate,
  findLearningRateStepLimit,
  InvalidArgumentError,
  type RangeTestResult,
  runRangeTest,
  SUGGESTION_RULES,
  TrainableError,
} from '@lrkit/core'
import * as asciichart from 'asciichart'
import type { Command } from 'commander'
import pc from 'picocolors'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { readDataset } from '../data/read-dataset'
import { integerFlag } from '../flags'
import { writeFileAtomic } from '../io/write-file-atomic'
import { createProgressBar } from '../render/progress-bar'
import { formatNumber, formatRate } from '../render/terminal-chart'
import { formatTable } from '../text-table'
import { evaluate as evaluateLoss } from '../train/evaluate'
import { numberFlag } from '../train/number-flag'
import { createBatches } from '../train/onnx-training'
import { addModelDataOptions, type ModelDataFlags, prepareTraining } from '../train/prepare-training'

/** The methods of `lrkit find --method`. */
export const FIND_METHODS = ['race', 'range-test'] as const

/** A method of `lrkit find`: `race` (core's `findLearningRate`) or `range-test` (`runRangeTest`). */
export type FindMethod = (typeof FIND_METHODS)[number]

/**
 * The method `lrkit find` runs without `--method`: `range-test` (`runRangeTest`, valley rule). The
 * race (`--method race`, core's `findLearningRate`: a short sweep brackets the usable interval, then
 * 5 candidates race 40 steps, the best 3 go on to 96, and the winner ÷ 2 is the pick) is the
 * default only once it meets the goal of the repository's range-test evaluation on a fresh test
 * set; until then it is opt-in. It had the lowest median regret of every method on every fresh
 * test set of rounds 3–22 (on round 23's successive halving's was lower, 8.6 % against 8.8 %), but
 * none without a catastrophic pick (round 5: 1 of 108 with one 64-step rung; rounds 6–23: 6, 4, 4,
 * 8, 3, 10, 7, 7, 3, 6, 5, 8, 9, 7, 11, 6, 11 and 6 of 72 each). The causes: tasks that
 * learn only after a plateau (all 5 of round 16's, 3 of round 17's 8); tasks with little to gain
 * (5 of round 15's 6); mini-batch losses so noisy that the sweep stops on noise (round 11); a best
 * rate that a 96-step race ranks below lower ones (rounds 13, 15, 17, 18 — 8 of its 9 —, 19 — 6 of
 * its 7 — and 21 — 5 of its 6); a best rate above the bracket (round 14, and 5 of round 20's 11 on
 * one CNN); and ÷ 2 moving a winner near the best rate off it (one of round 17's; in round 20 five,
 * on SGD regressions whose L* is under 4 % of L0). All 11 of round 22's recover 87–98 % of the
 * attainable gain and are catastrophic by ending at least twice the best loss. Three of round 23's
 * 6 lie 1.2–1.6 decades above the best rate, on a fine-tuning task whose high rates lead the race
 * and end above the pretrained loss after 300 steps.
 */
export const DEFAULT_FIND_METHOD: FindMethod = 'range-test'

/** `--steps` of the range test when not given. */
const RANGE_TEST_STEPS = 100

/**
 * `findLearningRate`'s defaults for the options the CLI does not pass (`sweepSteps` without
 * `--steps`, `candidates`, `minSteps`, `eta`, `maxSteps`), for the help text. A test checks them
 * against the resolved options of a real run.
 */
const RACE_DEFAULTS = { sweepSteps: 80, candidates: 5, minSteps: 40, eta: 2.4, maxSteps: 96 } as const

interface FindFlags extends ModelDataFlags {
  readonly method: string
  readonly start: string
  readonly end: string
  readonly steps?: string
  readonly repeats?: string
  readonly validation?: string
  readonly out?: string
  readonly json?: boolean
  readonly progress: boolean
  readonly height: string
}

interface FindContext {
  readonly io: CliIo
  readonly color: () => boolean
}

/** Adds `lrkit find` to the program. */
export function registerFindCommand(program: Command, context: FindContext): void {
  const command = program
    .command('find')
    .summary('find a learning rate on an ONNX model: the range test, or a race of candidates')
    .description(
      `Find a learning rate for an ONNX model trained on --data, then restore the weights (the model file is
never written). --method race (findLearningRate): a short sweep from --start toward --end over --steps
batches brackets the usable rates, then ${RACE_DEFAULTS.candidates} candidates in the bracket train ${RACE_DEFAULTS.minSteps} steps each, the best
${Math.ceil(RACE_DEFAULTS.candidates / RACE_DEFAULTS.eta)} go on to ${RACE_DEFAULTS.maxSteps} steps (ranked on the validation loss of --validation, else on the training
loss; when none has learned yet or the highest one leads, the best two go on beside a shorter-trained probe above
the bracket; when the lowest one leads, it goes on beside a probe below the bracket; and when every one made the
--validation loss worse, the best one goes on beside a probe a whole bracket below), and the best of those,
divided by 2, is the rate to train at. --method range-test (runRangeTest): one sweep (or --repeats) and every rule's pick on the
loss curve, the recommended range and the confidence flag.`,
    )
  addModelDataOptions(command)
    .option('--method <name>', `race or range-test (default: ${DEFAULT_FIND_METHOD})`, DEFAULT_FIND_METHOD)
    .option('--start <rate>', 'first learning rate of the sweep', '1e-7')
    .option('--end <rate>', 'learning rate the sweep heads for', '10')
    .option(
      '--steps <n>',
      `batches in the sweep (default: ${RACE_DEFAULTS.sweepSteps} for race, ${RANGE_TEST_STEPS} for range-test)`,
    )
    .option('--repeats <n>', 'range-test only: sweeps, each from the same weights (default 1)')
    .option(
      '--validation <file>',
      'race only: validation data (formats and --target as --data); the race ranks on its loss',
    )
    .option('--out <file.json>', 'write the result (readable by "lrkit report")')
    .option('--json', 'print the result as JSON instead of the chart and tables')
    .option('--no-progress', 'no progress bar')
    .option('--height <rows>', 'rows of the terminal chart', '12')
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit find --method race --model classifier.onnx --data train.csv --validation valid.csv --target label
  $ lrkit find --method race --model model.onnx --data train.npy --trainable fc2. --batch-size 64 --out race.json
  $ lrkit find --method range-test --model model.onnx --data train.csv --repeats 3 --out range-test.json
  $ lrkit report race.json range-test.json`,
    )
    .action(async (flags: FindFlags) => {
      await runFind(flags, context)
    })
}

/** The flags of one method, checked before anything is loaded. */
type MethodSettings =
  | { readonly method: 'race'; readonly sweepSteps: number | undefined }
  | { readonly method: 'range-test'; readonly steps: number; readonly repeats: number }

function methodSettings(flags: FindFlags): MethodSettings {
  if (!(FIND_METHODS as readonly string[]).includes(flags.method)) {
    throw new CliError({
      kind: 'usage',
      problem: `--method must be one of ${FIND_METHODS.join(', ')}, got ${JSON.stringify(flags.method)}`,
      fix: 'race (findLearningRate: a sweep, then a race of candidates) or range-test (runRangeTest)',
    })
  }
  const method = flags.method as FindMethod
  const steps =
    flags.steps === undefined ? undefined : integerFlag('--steps', flags.steps, { min: 10, max: 100_000 })
  if (method === 'race') {
    if (flags.repeats !== undefined) {
      throw new CliError({
        kind: 'usage',
        problem: `--repeats applies to --method range-test only, got --repeats ${flags.repeats} with --method race (the race runs one sweep)`,
        fix: 'leave out --repeats, or pass --method range-test',
      })
    }
    return { method, sweepSteps: steps }
  }
  if (flags.validation !== undefined) {
    throw new CliError({
      kind: 'usage',
      problem: `--validation applies to --method race, got --validation ${flags.validation} with --method range-test`,
      fix: 'leave out --validation, or pass --method race',
    })
  }
  const repeats =
    flags.repeats === undefined ? 1 : integerFlag('--repeats', flags.repeats, { min: 1, max: 100 })
  return { method, steps: steps ?? RANGE_TEST_STEPS, repeats }
}

async function runFind(flags: FindFlags, context: FindContext) {
  const { io } = context
  const settings = methodSettings(flags)
  const startValue = numberFlag('--start', flags.start, { min: 0, exclusiveMin: true })
  const endValue = numberFlag('--end', flags.end, { min: 0, exclusiveMin: true })
  if (!(endValue > startValue)) {
    throw new CliError({
      kind: 'usage',
      problem: `--end must be greater than --start (${flags.start}), got ${JSON.stringify(flags.end)}`,
      fix: 'e.g. --start 1e-7 --end 10',
    })
  }
  const height = integerFlag('--height', flags.height, { min: 3, max: 100 })
  const prepared = await prepareTraining(flags, io)
  const { runtime, session, batches, dataset, graph } = prepared
  const race = settings.method === 'race'
  const total =
    settings.method === 'race'
      ? findLearningRateStepLimit(
          settings.sweepSteps === undefined ? {} : { sweepSteps: settings.sweepSteps },
        ).total
      : settings.steps * settings.repeats
  let result: RangeTestResult | FindLearningRateResult
  let validation: { readonly rows: number } | undefined
  const bar = createProgressBar({
    stream: io.stderr,
    total,
    format: `${race ? 'race' : 'range test'} {bar} {value}/{total} steps | {phase} | rate {rate} | loss {loss}`,
    payload: { phase: 'sweep', rate: formatRate(startValue), loss: '-' },
    enabled: flags.progress && flags.json !== true,
  })
  try {
    let evaluate: (() => Promise<number>) | undefined
    if (flags.validation !== undefined) {
      const data = await readDataset(flags.validation, resolve(io.cwd, flags.validation), flags.target)
      const validationBatches = createBatches(runtime, graph, data, {
        batchSize: batches.batchSize,
        seed: 0,
        shuffle: false,
        modelPath: flags.model,
      }).all()
      validation = { rows: data.rows }
      evaluate = () => evaluateLoss(session, validationBatches)
    }
    const trainable = runtime.onnx.createOnnxTrainable({
      session,
      optimizer: prepared.createOptimizer(),
      batch: (step) => batches.batchAt(step),
      ...(evaluate === undefined ? {} : { evaluate }),
    })
    let done = 0
    let phase = 'sweep'
    const trainStep = trainable.trainStep.bind(trainable)
    trainable.trainStep = async (learningRate, step) => {
      // The race's candidates count their steps from 0 again; the sweep's steps only increase.
      if (race && step === 0 && done > 0) phase = 'race'
      const loss = await trainStep(learningRate, step)
      done += 1
      bar.update(Math.min(done, total), { phase, rate: formatRate(learningRate), loss: formatNumber(loss) })
      return loss
    }
    result =
      settings.method === 'race'
        ? await findLearningRate(trainable, {
            startValue,
            endValue,
            ...(settings.sweepSteps === undefined ? {} : { sweepSteps: settings.sweepSteps }),
          })
        : await runRangeTest(trainable, {
            startValue,
            endValue,
            steps: settings.steps,
            repeats: settings.repeats,
          })
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
        problem: `training failed during the ${race ? 'race' : 'range test'}: ${(error.cause as Error | undefined)?.message ?? error.message}`,
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
    `${race ? 'race' : 'range test'}: ${flags.model} on ${dataset.source} (${dataset.rows} rows, ${dataset.featureNames.length} features, target "${dataset.targetName}"), ${prepared.settings.kind}, batch ${batches.batchSize}, ${trained} trainable parameter tensors\n`,
  )
  if ('candidates' in result) {
    io.stdout.write(
      validation === undefined
        ? "ranked on: the training loss (no --validation; the evaluation behind findLearningRate's defaults ranked on a validation loss: pass --validation <file>)\n"
        : `ranked on: the validation loss of ${flags.validation} (${validation.rows} rows)\n`,
    )
    io.stdout.write(`\n${describeRace(result, { color: context.color() }).join('\n')}\n\n`)
    io.stdout.write(`${raceChart(result, { height, color: context.color() })}\n`)
  } else {
    io.stdout.write('\n')
    io.stdout.write(`${rangeTestChart(result, { height, color: context.color() })}\n\n`)
    io.stdout.write(`${describeRangeTest(result).join('\n')}\n`)
  }
  if (flags.out !== undefined) {
    const shown = relative(io.cwd, resolve(io.cwd, flags.out)) || flags.out
    io.stdout.write(`wrote ${shown} (open it with: lrkit report ${shown})\n`)
  }
}

/**
 * The result of a race for the terminal: the rate to train at (first, bold on a colour terminal), the
 * winner and the shrink factor, the candidates (rate, score or "diverged", steps), the bracket, the
 * sweep's stop, the steps spent and the confidence flag with its reasons.
 */
function describeRace(result: FindLearningRateResult, { color }: { color: boolean }): string[] {
  const { options, sweep, steps } = result
  const lines: string[] = []
  if (result.learningRate === undefined || result.winner === undefined) {
    lines.push('learning rate to train at: none (every candidate diverged)', '')
  } else {
    const rate = `learning rate to train at: ${formatRate(result.learningRate)}`
    lines.push(color ? pc.bold(pc.green(rate)) : rate, '')
    lines.push(
      `race winner ${formatRate(result.winner)} ÷ shrink factor ${options.shrinkFactor} (a short race favours rates too large for a longer run)`,
      '',
    )
  }
  const scoreName = options.score === 'evaluate' ? 'validation loss' : 'training loss'
  const rows = [['candidate', `score (${scoreName})`, 'steps']]
  for (const candidate of result.candidates) {
    rows.push([
      candidate.learningRate === result.winner
        ? `${formatRate(candidate.learningRate)} *`
        : formatRate(candidate.learningRate),
      candidate.score === null ? 'diverged' : formatNumber(candidate.score),
      String(candidate.steps),
    ])
  }
  lines.push(formatTable(rows), '')
  lines.push(`bracket: ${formatRate(result.bracket.min)} … ${formatRate(result.bracket.max)}`)
  const last = sweep.learningRates.at(-1)
  const where = last === undefined ? '' : ` at ${formatRate(last)}`
  const stop: Record<FindLearningRateResult['sweep']['stoppedBy'], string> = {
    completed: 'the sweep reached its last rate',
    diverged: `the loss diverged${where}`,
    nonFinite: `the loss became non-finite after ${formatRate(last ?? options.startValue)}`,
  }
  lines.push(`sweep: ${sweep.learningRates.length} points, stopped: ${stop[sweep.stoppedBy]}`)
  lines.push(
    `steps: ${steps.sweep} sweep + ${steps.race} race = ${steps.total} total; ${result.evaluations} evaluation${result.evaluations === 1 ? '' : 's'} of the validation loss`,
  )
  lines.push(
    result.lowConfidence === undefined
      ? 'confidence: normal (enough sweep points, the winner is inside the bracket and beats the initial score)'
      : `confidence: LOW: ${result.lowConfidence.reasons.join('; ')}`,
  )
  return lines
}

/** The race's sweep: its smoothed loss against the rate, with the rate to train at marked. */
function raceChart(
  result: FindLearningRateResult,
  { height, color }: { height: number; color: boolean },
): string {
  const { learningRates, smoothed } = result.sweep
  return lossCurveChart(
    {
      learningRates: learningRates.slice(0, smoothed.length),
      losses: smoothed,
      mark:
        result.learningRate === undefined
          ? undefined
          : { learningRate: result.learningRate, label: 'train at' },
      caption: 'smoothed loss of the bracketing sweep against the learning rate (log scale)',
    },
    { height, color },
  )
}

/** The smoothed loss against the sweep, with the rate axis under it and the suggestion marked. */
export function rangeTestChart(
  result: RangeTestResult,
  { height, color }: { height: number; color: boolean },
): string {
  const rate = result.suggestion.learningRate
  return lossCurveChart(
    {
      learningRates: result.curve.learningRates,
      losses: result.curve.losses,
      mark: rate === undefined ? undefined : { learningRate: rate, label: result.suggestion.rule },
      caption: 'smoothed loss against the learning rate (log scale)',
    },
    { height, color },
  )
}

/** A loss curve over a log-spaced rate axis, with one rate marked under it and a caption. */
function lossCurveChart(
  {
    learningRates,
    losses,
    mark,
    caption,
  }: {
    learningRates: readonly number[]
    losses: readonly number[]
    mark: { learningRate: number; label: string } | undefined
    caption: string
  },
  { height, color }: { height: number; color: boolean },
): string {
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
  if (mark !== undefined) {
    const logFirst = Math.log(learningRates[0] as number)
    const logLast = Math.log(learningRates[learningRates.length - 1] as number)
    const span = logLast - logFirst
    const position =
      span > 0 ? Math.round(((Math.log(mark.learningRate) - logFirst) / span) * (width - 1)) : 0
    lines.push(
      `${pad}${' '.repeat(Math.max(0, Math.min(width - 1, position)))}^ ${formatRate(mark.learningRate)} (${mark.label})`,
    )
  }
  lines.push(`${pad}${caption}`)
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
