import type { Schedule } from '@lrkit/core'

/** The learning rate at one step. */
export interface RatePoint {
  /** 0-based optimizer step. */
  readonly step: number
  /** The learning rate at that step. */
  readonly learningRate: number
}

/** The key values of a schedule over steps `0 … steps`. */
export interface ScheduleSummary {
  /** The rate at step 0. */
  readonly start: number
  /** The highest rate over the evaluated steps. */
  readonly peak: number
  /** The first step at which the peak is reached. */
  readonly peakStep: number
  /** The lowest rate over the evaluated steps. */
  readonly min: number
  /** The rate at the last step shown (`steps`). */
  readonly end: number
  /** The rate at 0, 10 %, 25 %, 50 %, 75 % and 100 % of `steps` (distinct steps only). */
  readonly probes: readonly RatePoint[]
}

/** Every step is evaluated up to this many steps; beyond, this many evenly spaced steps. */
const MAX_EVALUATED = 200_000

/** The steps `0 … steps` (all of them, or `MAX_EVALUATED + 1` evenly spaced when there are more). */
export function evaluatedSteps(steps: number, maxPoints = MAX_EVALUATED): number[] {
  if (steps <= maxPoints) return Array.from({ length: steps + 1 }, (_, step) => step)
  return Array.from({ length: maxPoints + 1 }, (_, index) => Math.round((index * steps) / maxPoints))
}

/** The rates of `schedule` at `count` evenly spaced steps from 0 to `steps` (both included). */
export function sampleSchedule(schedule: Schedule, steps: number, count: number): RatePoint[] {
  const points: RatePoint[] = []
  const n = Math.max(2, Math.min(count, steps + 1))
  let previous = -1
  for (let index = 0; index < n; index++) {
    const step = Math.round((index * steps) / (n - 1))
    if (step === previous) continue
    previous = step
    points.push({ step, learningRate: schedule(step) })
  }
  return points
}

/**
 * Start, peak (and where), minimum, end and a few probes of a schedule over steps `0 … steps`. The
 * peak and minimum are exact over every step up to 200 000 steps, and over 200 001 evenly spaced
 * steps beyond.
 */
export function summarizeSchedule(schedule: Schedule, steps: number): ScheduleSummary {
  let peak = Number.NEGATIVE_INFINITY
  let peakStep = 0
  let min = Number.POSITIVE_INFINITY
  for (const step of evaluatedSteps(steps)) {
    const value = schedule(step)
    if (value > peak) {
      peak = value
      peakStep = step
    }
    if (value < min) min = value
  }
  const probeSteps = [
    ...new Set([0, 0.1, 0.25, 0.5, 0.75, 1].map((fraction) => Math.round(fraction * steps))),
  ]
  return {
    start: schedule(0),
    peak,
    peakStep,
    min,
    end: schedule(steps),
    probes: probeSteps.map((step) => ({ step, learningRate: schedule(step) })),
  }
}
