/**
 * @lrkit/cli — the `lrkit` command line, and the pieces of it that programs can reuse: building the
 * offline HTML report from results (the demo writes its report with these) and running the command
 * line in-process.
 *
 * @packageDocumentation
 */
export type { CliIo, CliOutput } from './cli-io'
export type { ExitCodeName } from './exit-codes'
export { EXIT_CODES } from './exit-codes'
export type { ChartSeries, LossLogEntry } from './render/chart-specs'
export type { CreateReportOptions } from './report/create-report'
export { createReport } from './report/create-report'
export type {
  FindLearningRateSection,
  LossLogSection,
  RangeTestSection,
  ReportSchedule,
  ReportSection,
  SchedulesSection,
  TableSection,
} from './report/report-section'
export { resultsToSections } from './report/results-to-sections'
export { runCli } from './run-cli'
export type { RatePoint } from './schedule/summarize-schedule'
