/**
 * Schedule benchmark: evaluations per second of every schedule kind over 1e6 steps, next to
 * baselines measured in the same run — a trivial closure `(t) => c` (the cost floor of any call) and,
 * for the kinds PyTorch has, a stateful recursive implementation written the way
 * `torch.optim.lr_scheduler` computes it. Then the scheduler's per-step overhead.
 */
import { createScheduler, type ScheduleSpec, schedule } from '@lrkit/core'
import { formatTable, medianMilliseconds } from './measure'
import {
  type RecursiveScheduler,
  recursiveCosine,
  recursiveExponential,
  recursiveLinear,
  recursiveMultiStep,
  recursivePolynomial,
  recursiveStep,
  recursiveWarmRestarts,
  statefulCyclic,
  statefulOneCycle,
} from './pytorch-style-schedulers'

const STEPS = 1_000_000
const T = STEPS

interface Case {
  spec: ScheduleSpec
  baseline?: () => RecursiveScheduler
}

const cases: Case[] = [
  { spec: { kind: 'constant', value: 0.1 } },
  {
    spec: { kind: 'linear', initValue: 0.1, endValue: 0.001, transitionSteps: T },
    baseline: () => recursiveLinear(0.1, 1, 0.01, T),
  },
  {
    spec: { kind: 'step', initValue: 0.1, stepSize: 1000, factor: 0.999 },
    baseline: () => recursiveStep(0.1, 1000, 0.999),
  },
  {
    spec: { kind: 'multiStep', initValue: 0.1, milestones: [T * 0.3, T * 0.6, T * 0.9], factor: 0.1 },
    baseline: () => recursiveMultiStep(0.1, [T * 0.3, T * 0.6, T * 0.9], 0.1),
  },
  {
    spec: { kind: 'exponential', initValue: 0.1, factor: 0.999999 },
    baseline: () => recursiveExponential(0.1, 0.999999),
  },
  {
    spec: { kind: 'polynomial', initValue: 0.1, exponent: 2, transitionSteps: T },
    baseline: () => recursivePolynomial(0.1, T, 2),
  },
  {
    spec: { kind: 'cosine', initValue: 0.1, endValue: 0.001, totalSteps: T, afterEnd: 'periodic' },
    baseline: () => recursiveCosine(0.1, 0.001, T),
  },
  {
    spec: { kind: 'cosineRestarts', initValue: 0.1, endValue: 0.001, periodSteps: 1000, periodMultiplier: 2 },
    baseline: () => recursiveWarmRestarts(0.1, 0.001, 1000, 2),
  },
  {
    spec: { kind: 'cyclic', initValue: 0.001, peakValue: 0.1, stepsUp: 2000, stepsDown: 2000 },
    baseline: () => statefulCyclic(0.001, 0.1, 2000, 2000),
  },
  {
    spec: { kind: 'oneCycle', peakValue: 0.1, totalSteps: T + 1 },
    baseline: () => statefulOneCycle(0.1, T + 1, 0.3),
  },
  { spec: { kind: 'inverseSqrt', initValue: 0.1, timescale: 10_000 } },
  {
    spec: {
      kind: 'warmupStableDecay',
      peakValue: 0.1,
      warmupSteps: T / 10,
      stableSteps: T * 0.7,
      decaySteps: T * 0.2,
      decayType: 'sqrt',
    },
  },
  { spec: { kind: 'piecewiseConstant', boundaries: [T * 0.3, T * 0.6], values: [0.1, 0.01, 0.001] } },
  {
    spec: {
      kind: 'piecewiseInterpolate',
      boundaries: [0, T * 0.5, T],
      values: [0.1, 0.01, 0.001],
      interpolation: 'cosine',
    },
  },
  {
    spec: {
      kind: 'warmup',
      warmupSteps: T / 20,
      schedule: { kind: 'cosine', initValue: 0.1, totalSteps: T },
    },
  },
  {
    spec: {
      kind: 'sequence',
      boundaries: [T / 2],
      schedules: [
        { kind: 'linear', initValue: 0, endValue: 0.1, transitionSteps: T / 2 },
        { kind: 'exponential', initValue: 0.1, factor: 0.99999 },
      ],
    },
  },
  { spec: { kind: 'scale', factor: 0.5, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: T } } },
  { spec: { kind: 'clamp', minValue: 1e-4, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: T } } },
]

let sink = 0

/**
 * A fresh copy of the measuring loop per case (`new Function` gives it its own feedback), so the
 * call inside stays monomorphic: one shared loop would see every schedule, go megamorphic and slow
 * down whichever kinds are measured later.
 */
function freshLoop(): (fn: (step: number) => number, steps: number) => number {
  return new Function(
    'fn',
    'steps',
    'let total = 0; for (let step = 0; step < steps; step++) total += fn(step); return total',
  ) as (fn: (step: number) => number, steps: number) => number
}

function evaluateAll(compiled: (step: number) => number, loop = freshLoop()): () => void {
  return () => {
    sink += loop(compiled, STEPS)
  }
}

function stepAll(factory: () => RecursiveScheduler): () => void {
  const loop = freshLoop()
  return () => {
    const scheduler = factory()
    sink += loop(() => scheduler.step(), STEPS)
  }
}

const millions = (milliseconds: number) => ((STEPS / milliseconds) * 1e3) / 1e6

/** Runs the schedule benchmarks and returns the printed tables. */
export function runScheduleBench(log: (line: string) => void): void {
  const floorValue = 0.1
  const floor = (step: number) => floorValue + step * 0
  const floorMs = medianMilliseconds('floor', evaluateAll(floor))
  const rows: string[][] = []
  for (const item of cases) {
    const compiled = schedule(item.spec)
    const lrkitMs = medianMilliseconds(item.spec.kind, evaluateAll(compiled))
    const baselineMs = item.baseline
      ? medianMilliseconds(`${item.spec.kind} (PyTorch-style)`, stepAll(item.baseline))
      : undefined
    rows.push([
      item.spec.kind,
      millions(lrkitMs).toFixed(1),
      (lrkitMs / floorMs).toFixed(2),
      baselineMs === undefined ? '—' : millions(baselineMs).toFixed(1),
      baselineMs === undefined ? '—' : (lrkitMs / baselineMs).toFixed(2),
    ])
  }
  log(
    `Schedules: 1e6 evaluations per run, median of 7 runs (trivial closure: ${millions(floorMs).toFixed(0)} M/s)`,
  )
  log(
    formatTable(
      [
        'kind',
        'lrkit M evals/s',
        'time vs trivial closure',
        'PyTorch-style recursive M steps/s',
        'time vs PyTorch-style',
      ],
      rows,
    ),
  )

  // Scheduler overhead: advance() per step, against calling the schedule directly.
  const cosine = schedule({
    kind: 'warmup',
    warmupSteps: 1000,
    schedule: { kind: 'cosine', initValue: 0.1, totalSteps: STEPS },
  })
  const directMs = medianMilliseconds('direct', evaluateAll(cosine))
  const groups = { embeddings: 0.1, encoder: 0.3, head: 1 }
  const target = {
    specificationVersion: 'v1' as const,
    rates: {} as Readonly<Record<string, number>>,
    setLearningRates(rates: Readonly<Record<string, number>>) {
      this.rates = rates
    },
  }
  const schedulerMs = medianMilliseconds('scheduler', () => {
    const scheduler = createScheduler({ schedule: cosine, groups, target })
    let total = 0
    for (let step = 0; step < STEPS; step++) total += scheduler.advance()
    sink += total
  })
  const perStepNs = ((schedulerMs - directMs) * 1e6) / STEPS
  log('')
  log('Scheduler per-step overhead (warmup + cosine, 3 groups, pushing rates to a target), 1e6 steps')
  log(
    formatTable(
      ['path', 'ns/step', 'ratio'],
      [
        ['schedule(t) called directly', ((directMs * 1e6) / STEPS).toFixed(1), '1.00'],
        [
          'scheduler.advance()',
          ((schedulerMs * 1e6) / STEPS).toFixed(1),
          (schedulerMs / directMs).toFixed(2),
        ],
        ['overhead of advance()', perStepNs.toFixed(1), '—'],
      ],
    ),
  )
  if (sink === 42) log('')
}
