import { existsSync } from 'node:fs'
import { extname, resolve } from 'node:path'
import { type CompiledSchedule, schedule } from '@lrkit/core'
import type { Command } from 'commander'
import pc from 'picocolors'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { integerFlag } from '../flags'
import { writeFileAtomic } from '../io/write-file-atomic'
import { type ChartSeries, scheduleChartSpec } from '../render/chart-specs'
import { renderPng, renderSvg } from '../render/render-svg'
import { formatRate, terminalChart, terminalLegend } from '../render/terminal-chart'
import { createReport } from '../report/create-report'
import type { SchedulesSection } from '../report/report-section'
import { CLI_PRESETS } from '../schedule/presets'
import {
  DEFAULT_CONFIG_FILE,
  resolveScheduleInput,
  type ScheduleInput,
} from '../schedule/resolve-schedule-input'
import {
  evaluatedSteps,
  type ScheduleSummary,
  sampleSchedule,
  summarizeSchedule,
} from '../schedule/summarize-schedule'
import { formatTable } from '../text-table'

/** The formats `--out` writes, by file extension. */
export const SCHEDULE_OUTPUT_FORMATS = ['.svg', '.png', '.html', '.csv', '.json'] as const

/** Steps shown when no spec has a natural length and `--steps` is not given. */
const DEFAULT_STEPS = 1000
/** CSV rows: every step up to this many steps, else this many + 1 evenly spaced steps. */
const CSV_MAX_ROWS = 100_000
/** Points per curve in SVG, PNG and HTML charts. */
const PLOT_POINTS = 500

/** The JSON that `lrkit schedule --json` prints and `--out x.json` writes (read back by `lrkit report`). */
export interface ScheduleDocument {
  /** Tag of files written by lrkit commands. */
  readonly $lrkit: 'schedule'
  /** Format version: 1. */
  readonly version: 1
  /** The steps shown: `0 … steps`. */
  readonly steps: number
  /** One entry per argument. */
  readonly schedules: readonly {
    readonly name: string
    readonly source: string
    readonly spec: ScheduleInput['spec']
    readonly groups?: Readonly<Record<string, number>>
    readonly plateau?: ScheduleInput['plateau']
    readonly summary: ScheduleSummary
  }[]
}

interface ScheduleFlags {
  readonly steps?: string
  readonly out?: readonly string[]
  readonly json?: boolean
  readonly log?: boolean
  readonly height?: string
}

/** Adds `lrkit schedule` to the program. */
export function registerScheduleCommand(
  program: Command,
  context: { readonly io: CliIo; readonly color: () => boolean },
): void {
  program
    .command('schedule')
    .summary('preview learning-rate schedules: a terminal chart, or SVG / PNG / HTML / CSV / JSON files')
    .description(
      `Preview one or more learning-rate schedules on one chart, with their start, peak, end and the rate at a few steps.

Each <input> is one of:
  a spec file             cosine.json: {"kind":"cosine","initValue":0.1,"totalSteps":5000}
  an ${DEFAULT_CONFIG_FILE}     its "schedule" (and its group multipliers)
  inline JSON             '{"kind":"oneCycle","peakValue":1e-3,"totalSteps":2000}'
  a preset                <name>[:key=value,...], totalSteps from --steps:
${CLI_PRESETS.map((preset) => `    ${preset.name.padEnd(26)}${preset.summary}`).join('\n')}
With no <input>, ./${DEFAULT_CONFIG_FILE} is read.`,
    )
    .argument('[inputs...]', 'spec files, lrkit.config.json, presets or inline JSON')
    .option(
      '--steps <n>',
      `steps to show, and the presets' totalSteps (default: the longest spec's own length, else ${DEFAULT_STEPS})`,
    )
    .option(
      '--out <file>',
      'write a file: .svg, .png, .html, .csv or .json by extension (repeatable)',
      collect,
      [],
    )
    .option('--json', 'print the schedules, their key values and specs as JSON (for scripts)')
    .option('--log', 'logarithmic learning-rate axis in SVG and PNG charts')
    .option('--height <rows>', 'rows of the terminal chart', '12')
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit schedule cosine.json
  $ lrkit schedule vision-one-cycle:peakValue=1e-3 transformer-fine-tune --steps 2000
  $ lrkit schedule lrkit.config.json --out schedule.svg --out schedule.csv
  $ lrkit schedule '{"kind":"cosine","initValue":0.1,"totalSteps":500}' --json`,
    )
    .action(async (inputs: string[], flags: ScheduleFlags) => {
      await runSchedule(inputs, flags, context.io, context.color())
    })
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value]
}

async function runSchedule(
  arguments_: readonly string[],
  flags: ScheduleFlags,
  io: CliIo,
  color: boolean,
): Promise<void> {
  const stepsFlag =
    flags.steps === undefined
      ? undefined
      : integerFlag('--steps', flags.steps, { min: 1, max: 1_000_000_000 })
  const height = integerFlag('--height', flags.height ?? '12', { min: 2, max: 100 })
  const outputs = (flags.out ?? []).map((path) => {
    const extension = extname(path).toLowerCase()
    if (!(SCHEDULE_OUTPUT_FORMATS as readonly string[]).includes(extension)) {
      throw new CliError({
        kind: 'usage',
        problem: `--out ${path}: unknown format "${extension || '(no extension)'}"`,
        fix: `end the file name in ${SCHEDULE_OUTPUT_FORMATS.join(', ')}`,
      })
    }
    return { path, fullPath: resolve(io.cwd, path), extension }
  })
  let inputArguments = arguments_
  if (inputArguments.length === 0) {
    if (!existsSync(resolve(io.cwd, DEFAULT_CONFIG_FILE))) {
      throw new CliError({
        kind: 'usage',
        problem: `no schedule given and no ${DEFAULT_CONFIG_FILE} in ${io.cwd}`,
        fix: 'pass a spec file, a preset or inline JSON, e.g. lrkit schedule vision-one-cycle:peakValue=1e-3',
      })
    }
    inputArguments = [DEFAULT_CONFIG_FILE]
  }
  const inputs: ScheduleInput[] = []
  for (const [index, argument] of inputArguments.entries()) {
    inputs.push(
      await resolveScheduleInput(argument, { cwd: io.cwd, presetSteps: stepsFlag ?? DEFAULT_STEPS, index }),
    )
  }
  const horizons = inputs.flatMap((input) =>
    input.horizon === undefined || input.horizon < 1 ? [] : [input.horizon],
  )
  const steps = stepsFlag ?? (horizons.length > 0 ? Math.max(...horizons) : DEFAULT_STEPS)
  const compiled = inputs.map((input) => schedule(input.spec))
  const summaries = compiled.map((lr) => summarizeSchedule(lr, steps))
  const document: ScheduleDocument = {
    $lrkit: 'schedule',
    version: 1,
    steps,
    schedules: inputs.map((input, index) => ({
      name: input.name,
      source: input.source,
      spec: input.spec,
      ...(input.groups === undefined ? {} : { groups: input.groups }),
      ...(input.plateau === undefined ? {} : { plateau: input.plateau }),
      summary: summaries[index] as ScheduleSummary,
    })),
  }

  const report = flags.json === true ? io.stderr : io.stdout
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`)
  } else {
    const columns = io.stdout.columns ?? 80
    const points = Math.max(20, Math.min(columns - 14, 100))
    const series = inputs.map((input, index) => ({
      name: input.name,
      points: sampleSchedule(compiled[index] as CompiledSchedule, steps, points),
    }))
    const note =
      stepsFlag === undefined && horizons.length === 0
        ? ` (no end in the spec${inputs.length === 1 ? '' : 's'}; set --steps to change)`
        : ''
    const colors = pc.createColors(color)
    io.stdout.write(`\n${colors.bold(`Learning rate over steps 0 … ${steps}`)}${note}\n\n`)
    io.stdout.write(`${terminalChart(series, { height, color })}\n`)
    if (series.length > 1) io.stdout.write(`${terminalLegend(series, color)}\n`)
    io.stdout.write(`\n${summaryTable(inputs, summaries)}\n`)
    for (const input of inputs) {
      if (input.groups !== undefined) {
        const peak = summaries[inputs.indexOf(input)]?.peak ?? 0
        const groups = Object.entries(input.groups).map(
          ([group, scale]) => `${group} ×${scale} (peak ${formatRate(peak * scale)})`,
        )
        io.stdout.write(`${input.name} groups: ${groups.join(', ')}\n`)
      }
      if (input.plateau !== undefined) {
        io.stdout.write(
          `${input.name}: reduce-on-plateau is configured (it acts on the metric, so it is not drawn)\n`,
        )
      }
    }
  }

  for (const output of outputs) {
    const contents = await renderOutput(output.extension, document, compiled, flags.log === true)
    await writeFileAtomic(output.fullPath, contents, output.path)
    report.write(`wrote ${output.path}\n`)
  }
}

function summaryTable(inputs: readonly ScheduleInput[], summaries: readonly ScheduleSummary[]): string {
  const probeSteps = summaries[0]?.probes.map((probe) => probe.step) ?? []
  const header = ['schedule', 'start', 'peak', 'at step', 'end', ...probeSteps.map((step) => `@${step}`)]
  const rows = inputs.map((input, index) => {
    const summary = summaries[index] as ScheduleSummary
    return [
      input.name,
      formatRate(summary.start),
      formatRate(summary.peak),
      String(summary.peakStep),
      formatRate(summary.end),
      ...summary.probes.map((probe) => formatRate(probe.learningRate)),
    ]
  })
  return formatTable([header, ...rows])
}

async function renderOutput(
  extension: string,
  document: ScheduleDocument,
  compiled: readonly CompiledSchedule[],
  logScale: boolean,
): Promise<string | Uint8Array> {
  const series = (): ChartSeries[] =>
    document.schedules.map((item, index) => ({
      name: item.name,
      points: sampleSchedule(compiled[index] as CompiledSchedule, document.steps, PLOT_POINTS),
    }))
  const title =
    document.schedules.length === 1 ? `Learning rate: ${document.schedules[0]?.name}` : 'Learning rates'
  switch (extension) {
    case '.json':
      return `${JSON.stringify(document, null, 2)}\n`
    case '.csv': {
      const steps = evaluatedSteps(document.steps, CSV_MAX_ROWS)
      const header = ['step', ...document.schedules.map((item) => csvCell(item.name))].join(',')
      const lines = steps.map((step) => [step, ...compiled.map((lr) => lr(step))].join(','))
      return `${header}\n${lines.join('\n')}\n`
    }
    case '.svg':
      return renderSvg(scheduleChartSpec({ title, series: series(), logScale }))
    case '.png':
      return renderPng(await renderSvg(scheduleChartSpec({ title, series: series(), logScale })))
    default: {
      const section: SchedulesSection = {
        kind: 'schedules',
        title,
        steps: document.steps,
        schedules: document.schedules.map((item) => ({
          name: item.name,
          spec: item.spec,
          ...(item.groups === undefined ? {} : { groups: item.groups }),
        })),
      }
      return createReport({ title: 'lrkit schedule', sections: [section] })
    }
  }
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}
