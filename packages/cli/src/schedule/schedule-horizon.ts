import type { ScheduleSpec } from '@lrkit/core'

/**
 * The number of steps worth showing for a (validated) spec: the step where its last change ends
 * (cosine `totalSteps`, warmup + decay, the last milestone, …), or three cycles of a periodic
 * schedule; `undefined` for schedules that keep changing forever with no natural length (`step`,
 * `exponential` without `endValue`, `inverseSqrt`) or never change (`constant`).
 *
 * Step-wise schedules (multiStep, piecewiseConstant) get 10 % more than their last boundary so that
 * the last value shows on the chart.
 */
export function scheduleHorizon(spec: ScheduleSpec): number | undefined {
  switch (spec.kind) {
    case 'constant':
    case 'step':
    case 'inverseSqrt':
      return undefined
    case 'exponential':
      return spec.transitionSteps !== undefined && spec.endValue !== undefined && spec.factor > 0
        ? exponentialEnd(
            spec.initValue,
            spec.factor,
            spec.endValue,
            spec.transitionSteps,
            spec.transitionBegin,
          )
        : undefined
    case 'linear':
    case 'polynomial':
      return (spec.transitionBegin ?? 0) + spec.transitionSteps
    case 'cosine':
    case 'oneCycle':
      return spec.totalSteps
    case 'warmupStableDecay':
      return spec.warmupSteps + spec.stableSteps + spec.decaySteps
    case 'cosineRestarts': {
      const multiplier = spec.periodMultiplier ?? 1
      const cycles = Math.min(spec.maxCycles ?? 3, 3)
      let total = 0
      for (let cycle = 0; cycle < cycles; cycle++) total += spec.periodSteps * multiplier ** cycle
      return Math.round(total)
    }
    case 'cyclic': {
      const up = spec.stepsUp ?? 2000
      return 3 * (up + (spec.stepsDown ?? up))
    }
    case 'multiStep':
      return withMargin(Math.max(0, ...spec.milestones))
    case 'piecewiseConstant':
      return withMargin(Math.max(0, ...spec.boundaries))
    case 'piecewiseInterpolate':
      return Math.max(0, ...spec.boundaries)
    case 'warmup': {
      const inner = scheduleHorizon(spec.schedule)
      if (inner === undefined) return undefined
      return spec.placement === 'overlay' ? Math.max(spec.warmupSteps, inner) : spec.warmupSteps + inner
    }
    case 'sequence': {
      const lastBoundary = spec.boundaries.at(-1) ?? 0
      const last = spec.schedules.at(-1)
      const inner = last === undefined ? undefined : scheduleHorizon(last)
      return inner === undefined ? withMargin(lastBoundary) || undefined : lastBoundary + inner
    }
    case 'scale':
    case 'clamp':
      return scheduleHorizon(spec.schedule)
  }
}

function withMargin(step: number): number {
  return step === 0 ? 0 : Math.ceil((step * 11) / 10)
}

/** The step at which `init · factor^((t − begin)/T)` reaches `end` (rounded up), or undefined. */
function exponentialEnd(
  init: number,
  factor: number,
  end: number,
  transitionSteps: number,
  begin = 0,
): number | undefined {
  if (init <= 0 || end <= 0 || factor === 1) return undefined
  const periods = Math.log(end / init) / Math.log(factor)
  return periods > 0 && Number.isFinite(periods) ? begin + Math.ceil(periods * transitionSteps) : undefined
}
