import type { FindLearningRateResult, LossMonitorOptions, RangeTestResult, ScheduleSpec } from '@lrkit/core'
import type { LossLogEntry } from '../render/chart-specs'

/** A range-test result (`runRangeTest`'s output) shown as the loss curve with every rule's pick. */
export interface RangeTestSection {
  /** Discriminator. */
  readonly kind: 'rangeTest'
  /** Heading of the section. */
  readonly title: string
  /** Where it came from (a file name), shown under the heading. */
  readonly source?: string
  /** The result, as `runRangeTest` returns it (or `JSON.parse` of its JSON). */
  readonly result: RangeTestResult
}

/**
 * A `findLearningRate` result (`lrkit find --method race`) shown as its bracketing sweep with the
 * raced bracket, the candidates with their scores, and the recommended rate.
 */
export interface FindLearningRateSection {
  /** Discriminator. */
  readonly kind: 'findLearningRate'
  /** Heading of the section. */
  readonly title: string
  /** Where it came from (a file name), shown under the heading. */
  readonly source?: string
  /** The result, as `findLearningRate` returns it (or `JSON.parse` of its JSON). */
  readonly result: FindLearningRateResult
}

/** One schedule of a {@link SchedulesSection}. */
export interface ReportSchedule {
  /** Legend name. */
  readonly name: string
  /** The schedule spec (validated again when the report is built). */
  readonly spec: ScheduleSpec
  /** Learning-rate multiplier per parameter group (`lrkit.config.json` `groups`), listed with the peaks. */
  readonly groups?: Readonly<Record<string, number>>
}

/** One or more schedules on one chart, with their key values. */
export interface SchedulesSection {
  /** Discriminator. */
  readonly kind: 'schedules'
  /** Heading of the section. */
  readonly title: string
  /** Where it came from (a file name), shown under the heading. */
  readonly source?: string
  /** The steps shown: `0 … steps`; a positive integer. */
  readonly steps: number
  /** The schedules, drawn on one chart. */
  readonly schedules: readonly ReportSchedule[]
}

/** A training log (loss and rate per step) with the loss monitor's diagnosis. */
export interface LossLogSection {
  /** Discriminator. */
  readonly kind: 'lossLog'
  /** Heading of the section. */
  readonly title: string
  /** Where it came from (a file name), shown under the heading. */
  readonly source?: string
  /** The log, steps strictly increasing; a non-finite loss is `NaN` or `±Infinity`. */
  readonly entries: readonly LossLogEntry[]
  /** Options of `createLossMonitor` for the diagnosis (e.g. `totalSteps` enables `tooSlow`). */
  readonly monitor?: LossMonitorOptions
}

/** A table of results (e.g. a comparison of runs, or a search's trials). */
export interface TableSection {
  /** Discriminator. */
  readonly kind: 'table'
  /** Heading of the section. */
  readonly title: string
  /** Where it came from (a file name), shown under the heading. */
  readonly source?: string
  /** Column headings. */
  readonly columns: readonly string[]
  /** Rows, each with one cell per column. */
  readonly rows: readonly (readonly (string | number)[])[]
  /** A sentence shown under the table. */
  readonly note?: string
}

/** A section of the HTML report; {@link createReport} renders each kind. */
export type ReportSection =
  | RangeTestSection
  | FindLearningRateSection
  | SchedulesSection
  | LossLogSection
  | TableSection
