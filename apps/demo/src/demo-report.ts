import type { ReportSection } from '@lrkit/cli'
import type { RangeTestResult } from '@lrkit/core'
import { RESULT_COLUMNS, resultRows } from './results-table'
import { type Framework, METHOD_LABELS, type RunResult } from './run-result'

/** What the report shows: every run, each framework's range test, and the table's note. */
export interface DemoReportInput {
  /** Pretraining runs (one per framework). */
  readonly pretrain: readonly RunResult[]
  /** The fine-tuning runs, in table order. */
  readonly runs: readonly RunResult[]
  /** Each framework's range test. */
  readonly rangeTests: readonly { readonly framework: Framework; readonly result: RangeTestResult }[]
  /** A sentence under the table (data sizes, what was measured). */
  readonly note: string
}

/**
 * The sections of the demo's HTML report, for `@lrkit/cli`'s `createReport`: the results table,
 * each range test (curve and every rule's pick), the schedules of the fine-tuning runs, and the loss
 * and rate log of every run (pretraining included).
 *
 * @param input - the runs, the range tests and the table's note
 * @returns the sections, in page order
 */
export function demoReportSections(input: DemoReportInput): ReportSection[] {
  const steps = Math.max(1, ...input.runs.map((run) => run.steps))
  return [
    {
      kind: 'table',
      title: 'Fine-tuning on digits 5–9: accuracy, steps and time',
      columns: [...RESULT_COLUMNS],
      rows: resultRows(input.runs),
      note: input.note,
    },
    ...input.rangeTests.map(
      ({ framework, result }): ReportSection => ({
        kind: 'rangeTest',
        title: `Range test, @lrkit/${framework} (pretrained body, new head)`,
        result,
      }),
    ),
    {
      kind: 'schedules',
      title: 'Schedules of the fine-tuning runs (head rate; group multipliers listed)',
      steps,
      schedules: input.runs.map((run) => run.schedule),
    },
    ...[...input.pretrain, ...input.runs].map(
      (run): ReportSection => ({
        kind: 'lossLog',
        title: `Training log: @lrkit/${run.framework}, ${METHOD_LABELS[run.method]} (${run.description})`,
        entries: run.log,
      }),
    ),
  ]
}
