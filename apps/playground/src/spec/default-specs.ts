/**
 * A valid starting spec for every kind (what the composer shows when a kind is picked) and the
 * presets of `@lrkit/core` with the options the page offers.
 */
import {
  type ScheduleSpec,
  type ScheduleSpecKind,
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from '@lrkit/core'

const COSINE: ScheduleSpec = { kind: 'cosine', initValue: 0.01, totalSteps: 1000, endValue: 0.0001 }

/** One valid spec per kind; combinators wrap {@link COSINE}. */
export const DEFAULT_SPECS: Readonly<Record<ScheduleSpecKind, ScheduleSpec>> = {
  constant: { kind: 'constant', value: 0.01 },
  linear: { kind: 'linear', initValue: 0.01, endValue: 0.001, transitionSteps: 1000 },
  step: { kind: 'step', initValue: 0.1, stepSize: 300, factor: 0.5 },
  multiStep: { kind: 'multiStep', initValue: 0.1, milestones: [300, 600, 800], factor: 0.1 },
  exponential: { kind: 'exponential', initValue: 0.1, factor: 0.5, transitionSteps: 200 },
  polynomial: { kind: 'polynomial', initValue: 0.01, endValue: 0.0001, exponent: 2, transitionSteps: 1000 },
  cosine: COSINE,
  cosineRestarts: { kind: 'cosineRestarts', initValue: 0.01, periodSteps: 150, periodMultiplier: 2 },
  cyclic: { kind: 'cyclic', initValue: 0.001, peakValue: 0.01, stepsUp: 100 },
  oneCycle: { kind: 'oneCycle', peakValue: 0.01, totalSteps: 1000 },
  inverseSqrt: { kind: 'inverseSqrt', initValue: 0.01, timescale: 100 },
  warmupStableDecay: {
    kind: 'warmupStableDecay',
    peakValue: 0.01,
    warmupSteps: 100,
    stableSteps: 600,
    decaySteps: 300,
  },
  piecewiseConstant: { kind: 'piecewiseConstant', boundaries: [300, 700], values: [0.01, 0.003, 0.001] },
  piecewiseInterpolate: { kind: 'piecewiseInterpolate', boundaries: [0, 100, 1000], values: [0, 0.01, 0] },
  warmup: { kind: 'warmup', warmupSteps: 100, schedule: COSINE },
  sequence: {
    kind: 'sequence',
    boundaries: [300],
    schedules: [{ kind: 'constant', value: 0.01 }, COSINE],
  },
  scale: { kind: 'scale', factor: 0.5, schedule: COSINE },
  clamp: { kind: 'clamp', minValue: 0.001, schedule: COSINE },
}

/** A preset of `@lrkit/core` as the page offers it: a name and a spec for a peak rate and a length. */
export interface PresetEntry {
  /** The `<select>` value. */
  readonly id: string
  /** What the page shows. */
  readonly label: string
  /** The spec for `peakValue` and `totalSteps`. */
  readonly build: (options: { readonly peakValue: number; readonly totalSteps: number }) => ScheduleSpec
}

/** Core's four presets. */
export const PRESETS: readonly PresetEntry[] = [
  {
    id: 'transformerFineTune',
    label: 'Transformer fine-tuning (6 % warmup, linear decay)',
    build: (options) => transformerFineTunePreset(options),
  },
  {
    id: 'visionOneCycle',
    label: 'Vision one-cycle (fastai fit_one_cycle)',
    build: (options) => visionOneCyclePreset(options),
  },
  {
    id: 'ulmfitSlantedTriangular',
    label: 'ULMFiT slanted triangular',
    build: (options) => ulmfitSlantedTriangularPreset(options),
  },
  {
    id: 'warmupStableDecay',
    label: 'Warmup–stable–decay (10 % warmup, 20 % cooldown)',
    build: (options) => warmupStableDecayPreset({ ...options, warmupFraction: 0.1, decayFraction: 0.2 }),
  },
]
