/**
 * How many steps the chart shows by default: where a spec's interesting part ends (the end of a
 * decay, the last boundary, a few periods of a cycle), with a margin so the clamped tail shows.
 */
import type { ScheduleSpec } from '@lrkit/core'

/** Steps shown for a schedule without a natural end (constant, inverse square root without timescale). */
export const FALLBACK_STEPS = 1000

/**
 * The step where a spec's shape has played out, or undefined when it has no end (a constant).
 *
 * @param spec - the spec.
 * @returns A step count ≥ 1, or undefined.
 */
export function naturalEnd(spec: ScheduleSpec): number | undefined {
  switch (spec.kind) {
    case 'constant':
      return undefined
    case 'linear':
    case 'polynomial':
      return (spec.transitionBegin ?? 0) + spec.transitionSteps
    case 'exponential':
      return (spec.transitionBegin ?? 0) + 10 * (spec.transitionSteps ?? 1)
    case 'step':
      return 4 * spec.stepSize
    case 'multiStep': {
      const last = spec.milestones.at(-1)
      return last === undefined ? undefined : Math.ceil(last * 1.25) + 1
    }
    case 'cosine':
    case 'oneCycle':
      return spec.totalSteps
    case 'cosineRestarts': {
      const multiplier = spec.periodMultiplier ?? 1
      const cycles = spec.maxCycles ?? 3
      let total = 0
      let period = spec.periodSteps
      for (let cycle = 0; cycle < Math.min(cycles, 3); cycle++) {
        total += period
        period *= multiplier
      }
      return Math.ceil(total)
    }
    case 'cyclic': {
      const up = spec.stepsUp ?? 2000
      return 3 * (up + (spec.stepsDown ?? up))
    }
    case 'inverseSqrt':
      return (spec.transitionBegin ?? 0) + 20 * (spec.timescale ?? 50)
    case 'warmupStableDecay':
      return spec.warmupSteps + spec.stableSteps + spec.decaySteps
    case 'piecewiseConstant':
    case 'piecewiseInterpolate':
      return spec.boundaries.at(-1)
    case 'warmup': {
      const inner = naturalEnd(spec.schedule)
      if ((spec.placement ?? 'prepend') === 'overlay') return Math.max(spec.warmupSteps, inner ?? 0)
      return spec.warmupSteps + (inner ?? 0)
    }
    case 'sequence': {
      const last = spec.schedules.at(-1)
      const start = spec.boundaries.at(-1) ?? 0
      const inner = last === undefined ? undefined : naturalEnd(last)
      return start + (inner ?? 0)
    }
    case 'scale':
    case 'clamp':
      return naturalEnd(spec.schedule)
  }
}

/**
 * The default number of steps shown for a set of compared schedules: the latest natural end plus 10 %,
 * or {@link FALLBACK_STEPS}.
 *
 * @param specs - the schedules.
 * @returns A positive integer.
 */
export function defaultSteps(specs: readonly ScheduleSpec[]): number {
  const ends = specs
    .map((spec) => naturalEnd(spec))
    .filter((end): end is number => end !== undefined && end > 0)
  if (ends.length === 0) return FALLBACK_STEPS
  return Math.max(10, Math.ceil(Math.max(...ends) * 1.1))
}

/**
 * The steps at which the chart samples a schedule: every step from 0 to `steps` when that is at most
 * `maxPoints` points, else `maxPoints` integer steps spread evenly (first and last included).
 *
 * @param steps - the last step shown (≥ 1).
 * @param maxPoints - the most points drawn (≥ 2).
 * @returns Increasing integer steps.
 */
export function sampleSteps(steps: number, maxPoints = 2001): number[] {
  if (steps + 1 <= maxPoints) return Array.from({ length: steps + 1 }, (_, step) => step)
  const result: number[] = []
  for (let index = 0; index < maxPoints; index++) {
    const step = Math.round((index * steps) / (maxPoints - 1))
    if (result.at(-1) !== step) result.push(step)
  }
  return result
}
