import { mkdir, readFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import {
  createLossMonitor,
  createParamGroups,
  createScheduler,
  InvalidArgumentError,
  InvalidStateError,
  type ParamGroup,
  reduceOnPlateau,
  schedule,
} from '@lrkit/core'
import type { OnnxCheckpoint } from '@lrkit/onnx'
import type { Command } from 'commander'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { type FitConfig, parseFitConfig } from '../config/parse-fit-config'
import { readDataset } from '../data/read-dataset'
import { readJsonFile } from '../io/read-json-input'
import { describeFileError, writeFileAtomic } from '../io/write-file-atomic'
import { createProgressBar } from '../render/progress-bar'
import { formatNumber, formatRate } from '../render/terminal-chart'
import { describeEvent } from '../report/analyze-section'
import { evaluate } from '../train/evaluate'
import {
  buildGraph,
  createBatches,
  createOptimizer,
  createSession,
  loadOnnxRuntime,
  readOnnxModel,
} from '../train/onnx-training'

interface FitFlags {
  readonly config: string
  readonly resume?: boolean
  readonly json?: boolean
  readonly progress: boolean
}

/** One entry of the loss log `lrkit fit` writes. */
interface LogEntry {
  step: number
  loss: number | null
  learningRate: number
}

/** Adds `lrkit fit` to the program. */
export function registerFitCommand(program: Command, context: { readonly io: CliIo }): void {
  program
    .command('fit')
    .summary('fine-tune an ONNX model from lrkit.config.json')
    .description(
      `Fine-tune the ONNX model that lrkit.config.json names: its data, trainable parameters, parameter groups
and their rates, optimizer, schedule, epochs and checkpoints (JSON Schema: @lrkit/cli/schema/lrkit-cli.schema.json).
Shows a progress bar with the loss and the rate, warns when the loss monitor sees divergence, oscillation
or a plateau, writes a checkpoint atomically every checkpoint.everySteps steps (default: every epoch),
then exports the fine-tuned model and a loss log that "lrkit report" reads. Ctrl-C stops after the
current step, saves the checkpoint and says how to resume.`,
    )
    .option('--config <file>', 'the config file', 'lrkit.config.json')
    .option('--resume', 'continue from the checkpoint the config names')
    .option('--json', 'print a JSON summary at the end instead of text')
    .option('--no-progress', 'no progress bar')
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit fit
  $ lrkit fit --config runs/12.json --resume
  $ lrkit report fit-log.json`,
    )
    .action(async (flags: FitFlags) => {
      await runFit(flags, context.io)
    })
}

async function runFit(flags: FitFlags, io: CliIo): Promise<void> {
  const config = parseFitConfig(await readJsonFile(flags.config, resolve(io.cwd, flags.config)), flags.config)
  const at = (path: string) => resolve(io.cwd, path)
  const runtime = await loadOnnxRuntime()
  const { onnx } = runtime
  const dataset = await readDataset(config.data.train, at(config.data.train), config.data.target)
  const validationData =
    config.data.validation === undefined
      ? undefined
      : await readDataset(config.data.validation, at(config.data.validation), config.data.target)
  const model = await readOnnxModel(runtime, config.model, at(config.model))
  const graph = buildGraph(runtime, model, {
    modelPath: config.model,
    loss: config.loss,
    trainable: config.trainable === 'all' ? 'all' : { prefixes: config.trainable },
  })
  const batchOptions = { batchSize: config.data.batchSize, seed: config.data.seed, modelPath: config.model }
  const batches = createBatches(runtime, graph, dataset, { ...batchOptions, shuffle: config.data.shuffle })
  const validation =
    validationData === undefined
      ? undefined
      : createBatches(runtime, graph, validationData, { ...batchOptions, shuffle: false }).all()
  const groups = configGroups(config, runtime.onnx, graph)
  const checkpointPath = at(config.checkpoint.path)
  const totalSteps = config.epochs * batches.stepsPerEpoch
  let saved: OnnxCheckpoint | undefined
  if (flags.resume === true) saved = await readCheckpoint(onnx, config, checkpointPath, totalSteps)
  const session = await createSession(runtime, graph, config.model)
  const resumeHint = `lrkit fit${flags.config === 'lrkit.config.json' ? '' : ` --config ${flags.config}`} --resume`
  try {
    const optimizer = createOptimizer(
      config.optimizer,
      saved?.parameters ?? new Map([...session.parameters].map(([name, values]) => [name, values.slice()])),
      { ...(groups === undefined ? {} : { groups }), where: 'optimizer', kind: 'input' },
    )
    if (saved !== undefined) optimizer.load(saved.optimizer)
    const scheduler = configError(
      () =>
        createScheduler({
          schedule: schedule(config.core.schedule),
          ...(config.core.plateau === undefined ? {} : { plateau: reduceOnPlateau(config.core.plateau) }),
          target: optimizer,
          ...(saved?.scheduler === undefined ? {} : { resumeFrom: saved.scheduler }),
        }),
      flags.config,
    )
    const trainer = onnx.createOnnxTrainer({ session, optimizer, scheduler })
    const startStep = (saved?.metadata as { step?: number } | undefined)?.step ?? 0
    const log: LogEntry[] = saved === undefined ? [] : await readLog(at(config.output.log), startStep)
    const monitor = createLossMonitor({ totalSteps })
    for (const entry of log) {
      monitor.observe(entry.loss ?? Number.NaN, { step: entry.step, learningRate: entry.learningRate })
    }
    const everySteps = config.checkpoint.everySteps ?? batches.stepsPerEpoch
    const warned = new Set<string>()
    const validationLosses: { epoch: number; loss: number }[] = []
    const writeLog = () =>
      writeFileAtomic(
        at(config.output.log),
        `${JSON.stringify({ $lrkit: 'lossLog', entries: log, monitor: { totalSteps }, validation: validationLosses })}\n`,
        config.output.log,
      )
    const checkpoint = async (step: number) => {
      try {
        await mkdir(dirname(checkpointPath), { recursive: true })
        await trainer.saveCheckpoint(checkpointPath, { metadata: { $lrkit: 'fit', step, totalSteps } })
      } catch (error) {
        throw new CliError({
          kind: 'output',
          problem: `cannot write ${config.checkpoint.path}: ${describeFileError(error)}`,
          fix: 'choose a checkpoint.path in a folder you can write to',
          cause: error,
        })
      }
      await writeLog()
    }
    let interrupted = false
    const onSignal = () => {
      if (interrupted) process.exit(130) // a second Ctrl-C: the last checkpoint is still whole (atomic writes)
      interrupted = true
    }
    process.on('SIGINT', onSignal)
    const bar = createProgressBar({
      stream: io.stderr,
      total: totalSteps,
      format: 'fit {bar} {value}/{total} steps | epoch {epoch} | loss {loss} | rate {rate}',
      payload: { epoch: '1', loss: '-', rate: formatRate(scheduler.learningRate) },
      enabled: flags.progress && flags.json !== true,
    })
    bar.update(startStep)
    const say = (line: string) => {
      if (flags.json !== true) io.stderr.write(`${line}\n`)
    }
    try {
      if (saved !== undefined)
        say(`resumed from ${config.checkpoint.path} at step ${startStep} of ${totalSteps}`)
      for (let step = startStep; step < totalSteps; step++) {
        const epoch = Math.floor(step / batches.stepsPerEpoch)
        const result = await trainer.step(batches.batchAt(step))
        log.push({
          step,
          loss: Number.isFinite(result.loss) ? result.loss : null,
          learningRate: result.learningRate,
        })
        for (const event of monitor.observe(result.loss, { step, learningRate: result.learningRate })) {
          if (warned.has(event.kind)) continue
          warned.add(event.kind)
          bar.stop()
          say(`warning: ${describeEvent(event)}`)
        }
        bar.update(step + 1, {
          epoch: String(epoch + 1),
          loss: formatNumber(result.loss),
          rate: formatRate(result.learningRate),
        })
        const endOfEpoch = (step + 1) % batches.stepsPerEpoch === 0
        if (endOfEpoch) {
          const lossOfEpoch = mean(log.slice(-batches.stepsPerEpoch).map((entry) => entry.loss ?? Number.NaN))
          const validationLoss = validation === undefined ? undefined : await evaluate(session, validation)
          if (validationLoss !== undefined) validationLosses.push({ epoch: epoch + 1, loss: validationLoss })
          if (config.core.plateau !== undefined) scheduler.reportMetric(validationLoss ?? lossOfEpoch)
          if (io.stderr.isTTY !== true || flags.progress === false) {
            say(
              `epoch ${epoch + 1}/${config.epochs}: loss ${formatNumber(lossOfEpoch)}${validationLoss === undefined ? '' : `, validation loss ${formatNumber(validationLoss)}`}, rate ${formatRate(result.learningRate)}`,
            )
          }
        }
        if ((step + 1) % everySteps === 0 || step + 1 === totalSteps) await checkpoint(step + 1)
        // Ctrl-C is handled between steps, when the event loop runs the handler.
        await new Promise((next) => setImmediate(next))
        if (interrupted) {
          await checkpoint(step + 1)
          bar.stop()
          throw new CliError({
            kind: 'interrupted',
            problem: `interrupted at step ${step + 1} of ${totalSteps}; the checkpoint ${config.checkpoint.path} (step ${step + 1}) is complete`,
            fix: `resume with: ${resumeHint}`,
          })
        }
      }
    } finally {
      bar.stop()
      process.removeListener('SIGINT', onSignal)
    }
    const exported = onnx.saveOnnxModel(session.exportModel())
    await writeFileAtomic(at(config.output.model), exported, config.output.model)
    await writeLog()
    const last = log.at(-1)
    const summary = {
      steps: totalSteps,
      epochs: config.epochs,
      finalLoss: last?.loss ?? null,
      finalLearningRate: last?.learningRate ?? null,
      validation: validationLosses,
      warnings: [...warned],
      model: config.output.model,
      log: config.output.log,
      checkpoint: config.checkpoint.path,
    }
    if (flags.json === true) {
      io.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
      return
    }
    io.stdout.write(
      `fine-tuned ${config.model}: ${totalSteps} steps (${config.epochs} epochs × ${batches.stepsPerEpoch}), final loss ${last?.loss === null || last === undefined ? '-' : formatNumber(last.loss)}\n`,
    )
    io.stdout.write(
      `wrote ${config.output.model} (the model), ${config.output.log} (open it with: lrkit report ${config.output.log}), ${config.checkpoint.path} (the last checkpoint)\n`,
    )
  } finally {
    await session.release()
  }
}

function configError<T>(make: () => T, source: string): T {
  try {
    return make()
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind: 'input',
      problem: `${source}: ${error.message}`,
      fix: 'fix the config',
      cause: error,
    })
  }
}

function configGroups(
  config: FitConfig,
  onnx: typeof import('@lrkit/onnx'),
  graph: import('@lrkit/onnx').TrainingGraph,
): ParamGroup[] | undefined {
  const spec = config.paramGroups
  if (spec === undefined) return undefined
  const weightDecay = config.optimizer.hyperparameters.weightDecay
  const strategy =
    spec.strategy ??
    (config.core.groups === undefined ? undefined : { kind: 'explicit' as const, scales: config.core.groups })
  return configError(
    () =>
      spec.byDepth !== undefined
        ? onnx.paramGroupsByDepth({
            graph,
            ...(spec.byDepth.layers === undefined ? {} : { layers: spec.byDepth.layers }),
            ...(strategy === undefined ? {} : { strategy }),
            ...(typeof weightDecay === 'number' ? { weightDecay } : {}),
          })
        : createParamGroups({
            parameters: onnx.parameterShapes(graph),
            groups: spec.groups ?? [],
            ...(strategy === undefined ? {} : { strategy }),
            ...(spec.unmatched === undefined ? {} : { unmatched: spec.unmatched }),
            ...(typeof weightDecay === 'number' ? { weightDecay } : {}),
          }),
    'paramGroups',
  )
}

async function readCheckpoint(
  onnx: typeof import('@lrkit/onnx'),
  config: FitConfig,
  path: string,
  totalSteps: number,
): Promise<OnnxCheckpoint> {
  let saved: OnnxCheckpoint
  try {
    saved = await onnx.readOnnxCheckpoint(path)
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code
    throw new CliError({
      kind: 'input',
      problem:
        code === 'ENOENT'
          ? `there is no checkpoint ${config.checkpoint.path} to resume from`
          : `cannot resume from ${config.checkpoint.path}: ${InvalidStateError.isInstance(error) ? error.message : describeFileError(error)}`,
      fix: code === 'ENOENT' ? 'run lrkit fit without --resume to start' : 'start again without --resume',
      cause: error,
    })
  }
  const metadata = saved.metadata as { $lrkit?: unknown; step?: unknown; totalSteps?: unknown } | undefined
  if (metadata?.$lrkit !== 'fit' || typeof metadata.step !== 'number') {
    throw new CliError({
      kind: 'input',
      problem: `${config.checkpoint.path} was not written by lrkit fit`,
      fix: 'point checkpoint.path at a checkpoint of lrkit fit, or start again without --resume',
    })
  }
  if (metadata.totalSteps !== totalSteps) {
    throw new CliError({
      kind: 'input',
      problem: `${config.checkpoint.path} belongs to a run of ${String(metadata.totalSteps)} steps; this config makes ${totalSteps}`,
      fix: 'resume with the config the run started with, or start again without --resume',
    })
  }
  return saved
}

async function readLog(path: string, before: number): Promise<LogEntry[]> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as { entries?: LogEntry[] }
    return (value.entries ?? []).filter((entry) => entry.step < before)
  } catch {
    return [] // no log (or an unreadable one): the resumed log starts at the checkpoint
  }
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length)
}
