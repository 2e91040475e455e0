import { describe, expect, it } from 'vitest'
import { scheduleHorizon } from './schedule-horizon'

describe('scheduleHorizon', () => {
  it.each([
    ['constant has no end', { kind: 'constant', value: 0.1 }, undefined],
    ['step never stops changing', { kind: 'step', initValue: 0.1, stepSize: 30 }, undefined],
    ['inverseSqrt never stops changing', { kind: 'inverseSqrt', initValue: 0.1 }, undefined],
    [
      'exponential without endValue',
      { kind: 'exponential', initValue: 0.1, factor: 0.5, transitionSteps: 100 },
      undefined,
    ],
    [
      'exponential reaching endValue',
      { kind: 'exponential', initValue: 0.1, factor: 0.1, transitionSteps: 100, endValue: 1e-3 },
      200,
    ],
    [
      'linear ends after begin + transition',
      { kind: 'linear', initValue: 1, endValue: 0, transitionSteps: 80, transitionBegin: 20 },
      100,
    ],
    ['polynomial', { kind: 'polynomial', initValue: 1, transitionSteps: 300 }, 300],
    ['cosine', { kind: 'cosine', initValue: 1, totalSteps: 700 }, 700],
    ['oneCycle', { kind: 'oneCycle', peakValue: 1, totalSteps: 900 }, 900],
    [
      'warmupStableDecay',
      { kind: 'warmupStableDecay', peakValue: 1, warmupSteps: 10, stableSteps: 70, decaySteps: 20 },
      100,
    ],
    [
      'cosineRestarts: three cycles',
      { kind: 'cosineRestarts', initValue: 1, periodSteps: 100, periodMultiplier: 2 },
      700,
    ],
    [
      'cosineRestarts: maxCycles below three',
      { kind: 'cosineRestarts', initValue: 1, periodSteps: 100, maxCycles: 2 },
      200,
    ],
    [
      'cyclic: three cycles, stepsDown defaulting to stepsUp',
      { kind: 'cyclic', initValue: 0, peakValue: 1, stepsUp: 50 },
      300,
    ],
    ['cyclic: PyTorch default stepsUp 2000', { kind: 'cyclic', initValue: 0, peakValue: 1 }, 12_000],
    ['multiStep: last milestone + 10 %', { kind: 'multiStep', initValue: 1, milestones: [30, 100] }, 110],
    [
      'piecewiseConstant: last boundary + 10 %',
      { kind: 'piecewiseConstant', boundaries: [50, 200], values: [1, 0.1, 0.01] },
      220,
    ],
    [
      'piecewiseInterpolate: last knot',
      { kind: 'piecewiseInterpolate', boundaries: [0, 10, 100], values: [0, 1, 0] },
      100,
    ],
    [
      'warmup prepends its steps',
      { kind: 'warmup', warmupSteps: 50, schedule: { kind: 'cosine', initValue: 1, totalSteps: 100 } },
      150,
    ],
    [
      'warmup overlaid',
      {
        kind: 'warmup',
        warmupSteps: 50,
        placement: 'overlay',
        schedule: { kind: 'cosine', initValue: 1, totalSteps: 100 },
      },
      100,
    ],
    [
      'warmup over an endless schedule',
      { kind: 'warmup', warmupSteps: 50, schedule: { kind: 'constant', value: 1 } },
      undefined,
    ],
    [
      'sequence: last boundary + the last schedule’s length',
      {
        kind: 'sequence',
        boundaries: [100],
        schedules: [
          { kind: 'constant', value: 1 },
          { kind: 'cosine', initValue: 1, totalSteps: 400 },
        ],
      },
      500,
    ],
    [
      'sequence ending in an endless schedule: last boundary + 10 %',
      {
        kind: 'sequence',
        boundaries: [100],
        schedules: [
          { kind: 'cosine', initValue: 1, totalSteps: 100 },
          { kind: 'constant', value: 0 },
        ],
      },
      110,
    ],
    [
      'scale and clamp pass through',
      {
        kind: 'scale',
        factor: 2,
        schedule: {
          kind: 'clamp',
          minValue: 0.1,
          schedule: { kind: 'cosine', initValue: 1, totalSteps: 60 },
        },
      },
      60,
    ],
  ] as const)('%s', (_name, spec, expected) => {
    expect(scheduleHorizon(spec as never)).toBe(expected)
  })
})
