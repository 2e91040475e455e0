import { describe, expect, it } from 'vitest'
import { normalizeScheduleSpec } from './normalize-schedule-spec'
import { schedule } from './schedule'
import { SCHEDULE_SPEC_KINDS } from './schedule-spec-schema'

const leaf = { kind: 'constant', value: 0.1 }

/** Specs with every optional option left out (plus the variants whose defaults depend on others). */
const minimalSpecs: ReadonlyArray<Record<string, unknown>> = [
  leaf,
  { kind: 'linear', initValue: 0.1, endValue: 0.01, transitionSteps: 100 },
  { kind: 'step', initValue: 0.1, stepSize: 10 },
  { kind: 'multiStep', initValue: 0.1, milestones: [10, 20] },
  { kind: 'exponential', initValue: 0.1, factor: 0.9 },
  { kind: 'polynomial', initValue: 0.1, transitionSteps: 100 },
  { kind: 'cosine', initValue: 0.1, totalSteps: 100 },
  { kind: 'cosineRestarts', initValue: 0.1, periodSteps: 10 },
  { kind: 'cyclic', initValue: 0.01, peakValue: 0.1 },
  { kind: 'cyclic', initValue: 0.01, peakValue: 0.1, stepsUp: 7 },
  { kind: 'oneCycle', peakValue: 0.1, totalSteps: 100 },
  { kind: 'oneCycle', peakValue: 0.1, totalSteps: 100, convention: 'optax', threePhase: true },
  { kind: 'inverseSqrt', initValue: 0.1 },
  { kind: 'warmupStableDecay', peakValue: 0.1, warmupSteps: 10, stableSteps: 10, decaySteps: 10 },
  { kind: 'piecewiseConstant', boundaries: [10], values: [0.1, 0.01] },
  { kind: 'piecewiseInterpolate', boundaries: [0, 10], values: [0.1, 0.01] },
  { kind: 'warmup', warmupSteps: 10, schedule: leaf },
  { kind: 'warmup', warmupSteps: 10, startFactor: 0.5, schedule: leaf },
  {
    kind: 'sequence',
    boundaries: [10],
    schedules: [leaf, { kind: 'cosine', initValue: 0.1, totalSteps: 10 }],
  },
  { kind: 'scale', factor: 2, schedule: { kind: 'step', initValue: 0.1, stepSize: 10 } },
  { kind: 'clamp', maxValue: 0.05, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 10 } },
]

const steps = [0, 1, 5, 9.5, 10, 11, 29, 30, 31, 50, 70, 99, 100, 101, 1000, 4321, 1e9]

describe('normalizeScheduleSpec', () => {
  it('the table covers every kind', () => {
    const kinds = new Set(minimalSpecs.map((spec) => spec.kind))
    expect([...kinds].sort()).toEqual([...SCHEDULE_SPEC_KINDS].sort())
  })

  it.each(minimalSpecs.map((spec) => [spec.kind, spec] as const))(
    "%s: the normal form compiles to the same values (the defaults are the factories' defaults)",
    (_kind, spec) => {
      const normal = normalizeScheduleSpec(spec)
      const original = schedule(spec)
      const filled = schedule(normal)
      for (const step of steps) expect(filled(step)).toBe(original(step))
    },
  )

  it('writes out every default, including the dependent ones', () => {
    expect({
      ...(normalizeScheduleSpec({ kind: 'cosine', initValue: 0.1, totalSteps: 10 }) as object),
    }).toEqual({
      kind: 'cosine',
      initValue: 0.1,
      totalSteps: 10,
      endValue: 0,
      exponent: 1,
      afterEnd: 'clamp',
    })
    expect(normalizeScheduleSpec({ kind: 'cyclic', initValue: 0, peakValue: 1, stepsUp: 7 })).toMatchObject({
      stepsUp: 7,
      stepsDown: 7,
    })
    expect(normalizeScheduleSpec({ kind: 'warmup', warmupSteps: 2, schedule: leaf })).toMatchObject({
      initValue: 0,
    })
    expect(
      normalizeScheduleSpec({ kind: 'warmup', warmupSteps: 2, startFactor: 0.5, schedule: leaf }),
    ).not.toHaveProperty('initValue')
    expect(
      normalizeScheduleSpec({
        kind: 'oneCycle',
        peakValue: 1,
        totalSteps: 100,
        convention: 'optax',
        threePhase: true,
      }),
    ).toMatchObject({ pctFinal: 0.85 })
    expect(normalizeScheduleSpec({ kind: 'oneCycle', peakValue: 1, totalSteps: 100 })).not.toHaveProperty(
      'pctFinal',
    )
  })

  it('drops the root version and undefined values, keeps explicit values and normalizes nested specs', () => {
    const normal = normalizeScheduleSpec({
      version: 1,
      kind: 'warmup',
      warmupSteps: 5,
      shape: undefined,
      schedule: { kind: 'step', initValue: 0.1, stepSize: 10, factor: 0.5 },
    })
    expect(JSON.parse(JSON.stringify(normal))).toEqual({
      kind: 'warmup',
      warmupSteps: 5,
      shape: 'linear',
      placement: 'prepend',
      initValue: 0,
      schedule: { kind: 'step', initValue: 0.1, stepSize: 10, factor: 0.5 },
    })
  })

  it('keeps unknown kinds, unknown keys and non-objects as they are, and does not modify its input', () => {
    const input = Object.freeze({ kind: 'mine', a: [1, { b: 2 }] })
    expect(JSON.parse(JSON.stringify(normalizeScheduleSpec(input)))).toEqual({
      kind: 'mine',
      a: [1, { b: 2 }],
    })
    expect(normalizeScheduleSpec(5)).toBe(5)
    expect(normalizeScheduleSpec(null)).toBe(null)
  })

  it('keeps a key named __proto__ as an ordinary key', () => {
    const normal = normalizeScheduleSpec(JSON.parse('{"kind":"mine","__proto__":{"x":1}}')) as object
    expect(Object.keys(normal)).toEqual(['kind', '__proto__'])
    expect(JSON.stringify(normal)).toBe('{"kind":"mine","__proto__":{"x":1}}')
  })
})
