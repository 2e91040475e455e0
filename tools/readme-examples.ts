/**
 * Prints, for every spec kind, the example spec used in the README and its values at boundary
 * steps, computed by the library itself — so the README's numbers are generated, not typed.
 * Run: pnpm exec tsx tools/readme-examples.ts
 */
import { schedule } from '../packages/core/src/index'

const examples: [unknown, number[]][] = [
  [{ kind: 'constant', value: 0.1 }, [0, 1000]],
  [{ kind: 'linear', initValue: 0.1, endValue: 0.01, transitionSteps: 100 }, [0, 50, 100, 200]],
  [{ kind: 'step', initValue: 0.1, stepSize: 30, factor: 0.1 }, [0, 29, 30, 60]],
  [{ kind: 'multiStep', initValue: 0.1, milestones: [30, 80], factor: 0.1 }, [0, 29, 30, 80]],
  [
    {
      kind: 'exponential',
      initValue: 0.1,
      factor: 0.5,
      transitionSteps: 100,
      staircase: true,
      endValue: 0.01,
    },
    [0, 99, 100, 400],
  ],
  [
    { kind: 'polynomial', initValue: 0.1, endValue: 0.001, exponent: 2, transitionSteps: 100 },
    [0, 50, 100, 150],
  ],
  [{ kind: 'cosine', initValue: 0.1, endValue: 0.001, totalSteps: 100 }, [0, 50, 100, 150]],
  [
    { kind: 'cosine', initValue: 0.1, endValue: 0.001, totalSteps: 100, afterEnd: 'periodic' },
    [0, 100, 150, 200],
  ],
  [
    { kind: 'cosineRestarts', initValue: 0.1, periodSteps: 10, periodMultiplier: 2, peakDecay: 0.5 },
    [0, 5, 10, 30],
  ],
  [
    { kind: 'cyclic', initValue: 0.001, peakValue: 0.01, stepsUp: 100, mode: 'triangular2' },
    [0, 100, 200, 300],
  ],
  [{ kind: 'oneCycle', peakValue: 0.01, totalSteps: 1000 }, [0, 299, 999, 1500]],
  [{ kind: 'inverseSqrt', initValue: 0.001, timescale: 4000 }, [0, 4000, 12000]],
  [
    {
      kind: 'warmupStableDecay',
      peakValue: 3e-4,
      warmupSteps: 100,
      stableSteps: 800,
      decaySteps: 100,
      decayType: 'sqrt',
    },
    [0, 100, 900, 950, 1000],
  ],
  [{ kind: 'piecewiseConstant', boundaries: [100, 200], values: [0.1, 0.01, 0.001] }, [0, 99, 100, 200]],
  [
    { kind: 'piecewiseInterpolate', boundaries: [0, 100, 1000], values: [0, 0.01, 0.0001] },
    [0, 50, 100, 550, 1000],
  ],
  [
    { kind: 'warmup', warmupSteps: 100, schedule: { kind: 'cosine', initValue: 0.001, totalSteps: 900 } },
    [0, 50, 100, 550, 1000],
  ],
  [
    {
      kind: 'sequence',
      boundaries: [500],
      schedules: [
        { kind: 'constant', value: 0.01 },
        { kind: 'exponential', initValue: 0.01, factor: 0.99 },
      ],
    },
    [0, 499, 500, 600],
  ],
  [
    { kind: 'scale', factor: 0.1, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 100 } },
    [0, 50, 100],
  ],
  [
    { kind: 'clamp', minValue: 0.001, schedule: { kind: 'exponential', initValue: 0.1, factor: 0.9 } },
    [0, 10, 100],
  ],
]

for (const [spec, steps] of examples) {
  const compiled = schedule(spec)
  const values = steps.map((step) => `${step}: ${Number(compiled(step).toPrecision(6))}`).join(', ')
  console.log(`${JSON.stringify(spec)}\n  → ${values}`)
}
