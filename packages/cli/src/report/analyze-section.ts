import { createLossMonitor, type MonitorEvent, schedule, smoothLosses } from '@lrkit/core'
import type { LossLogEntry } from '../render/chart-specs'
import { type ScheduleSummary, summarizeSchedule } from '../schedule/summarize-schedule'
import type { LossLogSection, SchedulesSection } from './report-section'

/** The loss monitor's events over a log, and the smoothed loss (β 0.98, debiased) per entry. */
export interface LossLogAnalysis {
  /** Every event `createLossMonitor` raised, in step order. */
  readonly events: readonly MonitorEvent[]
  /** The smoothed loss per entry; `undefined` for a non-finite loss (skipped by the smoothing). */
  readonly smoothed: readonly (number | undefined)[]
}

/** Runs the loss monitor over a log and smooths its finite losses. */
export function analyzeLossLog(section: LossLogSection): LossLogAnalysis {
  const monitor = createLossMonitor(section.monitor ?? {})
  const events: MonitorEvent[] = []
  for (const entry of section.entries) {
    events.push(
      ...monitor.observe(entry.loss, {
        step: entry.step,
        ...(entry.learningRate === undefined ? {} : { learningRate: entry.learningRate }),
      }),
    )
  }
  const finite = section.entries.filter((entry) => Number.isFinite(entry.loss))
  const smoothedFinite = smoothLosses(finite.map((entry) => entry.loss))
  const byStep = new Map(finite.map((entry, index) => [entry.step, smoothedFinite[index]]))
  return { events, smoothed: section.entries.map((entry: LossLogEntry) => byStep.get(entry.step)) }
}

/** Each schedule of a section with its key values over the section's steps. */
export function analyzeSchedules(
  section: SchedulesSection,
): { name: string; summary: ScheduleSummary; groups?: Readonly<Record<string, number>> }[] {
  return section.schedules.map((item) => ({
    name: item.name,
    summary: summarizeSchedule(schedule(item.spec), section.steps),
    ...(item.groups === undefined ? {} : { groups: item.groups }),
  }))
}

/** The sentence that explains a monitor event to a person. */
export function describeEvent(event: MonitorEvent): string {
  const what: Record<MonitorEvent['kind'], string> = {
    diverged: 'the loss diverged',
    oscillating: 'the loss oscillates',
    plateaued: 'the loss stopped improving',
    tooSlow: 'the loss falls too slowly to improve much by the end',
  }
  return `step ${event.step}: ${what[event.kind]}; multiply the learning rate by ${event.suggestedFactor}`
}
