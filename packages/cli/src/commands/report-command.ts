import { join, relative, resolve } from 'node:path'
import { InvalidArgumentError } from '@lrkit/core'
import type { Command } from 'commander'
import { CliError } from '../cli-error'
import type { CliIo } from '../cli-io'
import { readJsonFile } from '../io/read-json-input'
import { writeFileAtomic } from '../io/write-file-atomic'
import { formatRate } from '../render/terminal-chart'
import { analyzeLossLog, analyzeSchedules, describeEvent } from '../report/analyze-section'
import { createReport } from '../report/create-report'
import type { ReportSection } from '../report/report-section'
import { RESULT_DESCRIPTIONS, resultsToSections } from '../report/results-to-sections'

interface ReportFlags {
  readonly out: string
  readonly title?: string
  readonly json?: boolean
}

/** Adds `lrkit report` to the program. */
export function registerReportCommand(program: Command, context: { readonly io: CliIo }): void {
  program
    .command('report')
    .summary('one self-contained HTML page from range-test results, schedules and training logs')
    .description(
      `Build one HTML page (<dir>/index.html) that opens offline: the range-test curve with every rule's pick,
the recommended range and the confidence flag; a findLearningRate race (lrkit find --method race): the
sweep, the bracket, the candidates and the pick; schedules; loss and rate curves with the loss monitor's
diagnosis; tables. Each <results> file is one of:
${RESULT_DESCRIPTIONS.map((description) => `  - ${description}`).join('\n')}
A non-finite loss in a log is written as null, "NaN", "Infinity" or "-Infinity".`,
    )
    .argument('<results...>', 'JSON results files')
    .option('--out <dir>', 'folder to write index.html into (created if needed)', 'lrkit-report')
    .option('--title <text>', 'page title', 'lrkit report')
    .option('--json', "print what was written and each section's key numbers as JSON")
    .addHelpText(
      'after',
      `
Examples:
  $ lrkit report range-test.json
  $ lrkit report range-test.json schedule.json training-log.json --out reports/run-12 --title "Run 12"`,
    )
    .action(async (files: string[], flags: ReportFlags) => {
      await runReport(files, flags, context.io)
    })
}

async function runReport(files: readonly string[], flags: ReportFlags, io: CliIo): Promise<void> {
  const sections: ReportSection[] = []
  for (const file of files) {
    const value = await readJsonFile(file, resolve(io.cwd, file))
    try {
      sections.push(...resultsToSections(value, file))
    } catch (error) {
      if (!InvalidArgumentError.isInstance(error)) throw error
      throw new CliError({
        kind: 'input',
        problem: `${file}: ${error.message}`,
        fix: error.argument === 'results' ? 'pass one of those files' : 'fix or regenerate the file',
        cause: error,
      })
    }
  }
  let html: string
  try {
    html = await createReport({ title: flags.title ?? 'lrkit report', sections })
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({ kind: 'input', problem: error.message, fix: 'fix the input file', cause: error })
  }
  const folder = resolve(io.cwd, flags.out)
  const path = join(folder, 'index.html')
  const shown = relative(io.cwd, path) || path
  await writeFileAtomic(path, html, shown)
  const summaries = sections.map(summarizeSection)
  if (flags.json === true) {
    io.stdout.write(`${JSON.stringify({ report: path, sections: summaries }, null, 2)}\n`)
    return
  }
  for (const summary of summaries) io.stdout.write(`${summary.text}\n`)
  io.stdout.write(
    `wrote ${shown} (${sections.length} section${sections.length === 1 ? '' : 's'}; open it in a browser, no network needed)\n`,
  )
}

/** One line per section for the terminal, and the same facts as data for `--json`. */
function summarizeSection(section: ReportSection): {
  kind: string
  source?: string
  text: string
  [key: string]: unknown
} {
  const where = section.source ?? section.title
  switch (section.kind) {
    case 'rangeTest': {
      const { suggestion, recommendedRange, lowConfidence } = section.result
      const pick =
        suggestion.learningRate === undefined
          ? `no suggestion (${suggestion.reason})`
          : `suggested ${formatRate(suggestion.learningRate)} (${suggestion.rule})`
      const range =
        recommendedRange === undefined
          ? ''
          : `, range ${formatRate(recommendedRange.min)} … ${formatRate(recommendedRange.max)}`
      const confidence =
        lowConfidence === undefined ? '' : `; low confidence: ${lowConfidence.reasons.join('; ')}`
      return {
        kind: section.kind,
        source: where,
        suggestion: suggestion.learningRate ?? null,
        rule: suggestion.rule,
        recommendedRange: recommendedRange ?? null,
        lowConfidence: lowConfidence?.reasons ?? null,
        text: `${where}: range test, ${pick}${range}${confidence}`,
      }
    }
    case 'findLearningRate': {
      const { learningRate, winner, bracket, steps, lowConfidence, options } = section.result
      const pick =
        learningRate === undefined || winner === undefined
          ? 'no pick (every candidate diverged)'
          : `train at ${formatRate(learningRate)} (winner ${formatRate(winner)} ÷ ${options.shrinkFactor})`
      const confidence =
        lowConfidence === undefined ? '' : `; low confidence: ${lowConfidence.reasons.join('; ')}`
      return {
        kind: section.kind,
        source: where,
        learningRate: learningRate ?? null,
        winner: winner ?? null,
        bracket,
        steps: steps.total,
        lowConfidence: lowConfidence?.reasons ?? null,
        text: `${where}: race, ${pick}, bracket ${formatRate(bracket.min)} … ${formatRate(bracket.max)}, ${steps.total} steps${confidence}`,
      }
    }
    case 'schedules': {
      const schedules = analyzeSchedules(section)
      const text = schedules
        .map(
          ({ name, summary }) =>
            `${name} peak ${formatRate(summary.peak)} at step ${summary.peakStep}, end ${formatRate(summary.end)}`,
        )
        .join('; ')
      return {
        kind: section.kind,
        source: where,
        steps: section.steps,
        schedules: schedules.map(({ name, summary }) => ({ name, ...summary })),
        text: `${where}: ${text}`,
      }
    }
    case 'lossLog': {
      const { events } = analyzeLossLog(section)
      const text =
        events.length === 0
          ? `${section.entries.length} steps, the loss monitor found no problem`
          : `${section.entries.length} steps, ${events.map(describeEvent).join('; ')}`
      return {
        kind: section.kind,
        source: where,
        steps: section.entries.length,
        events,
        text: `${where}: ${text}`,
      }
    }
    case 'table':
      return {
        kind: section.kind,
        source: where,
        rows: section.rows.length,
        text: `${where}: table of ${section.rows.length} rows`,
      }
  }
}
