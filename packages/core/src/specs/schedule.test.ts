import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { clampSchedule } from '../schedules/clamp-schedule'
import { constantSchedule } from '../schedules/constant-schedule'
import { cosineRestartsSchedule } from '../schedules/cosine-restarts-schedule'
import { cosineSchedule } from '../schedules/cosine-schedule'
import { cyclicSchedule } from '../schedules/cyclic-schedule'
import { exponentialSchedule } from '../schedules/exponential-schedule'
import { inverseSqrtSchedule } from '../schedules/inverse-sqrt-schedule'
import { linearSchedule } from '../schedules/linear-schedule'
import { multiStepSchedule } from '../schedules/multi-step-schedule'
import { oneCycleSchedule } from '../schedules/one-cycle-schedule'
import { piecewiseConstantSchedule } from '../schedules/piecewise-constant-schedule'
import { piecewiseInterpolateSchedule } from '../schedules/piecewise-interpolate-schedule'
import { polynomialSchedule } from '../schedules/polynomial-schedule'
import { scaleSchedule } from '../schedules/scale-schedule'
import { sequenceSchedule } from '../schedules/sequence-schedule'
import { stepSchedule } from '../schedules/step-schedule'
import type { Schedule } from '../schedules/types'
import { warmupSchedule } from '../schedules/warmup-schedule'
import { warmupStableDecaySchedule } from '../schedules/warmup-stable-decay-schedule'
import { parseLrKitConfig, parseScheduleSpec, safeParseScheduleSpec, schedule } from './schedule'
import { SCHEDULE_SPEC_KINDS, type ScheduleSpec } from './schedule-spec-schema'

const STEPS = [0, 1, 2, 3, 5, 7, 10, 25, 50, 99, 100, 101, 250, 1e6, 1e12]

const cosine = { kind: 'cosine', initValue: 0.1, totalSteps: 100, endValue: 0.001 } as const
const cosineDirect = (): Schedule => cosineSchedule({ initValue: 0.1, totalSteps: 100, endValue: 0.001 })

/** One case per kind: the spec and the same schedule built by calling the factories directly. */
const CASES: ReadonlyArray<{ spec: ScheduleSpec; direct: () => Schedule }> = [
  { spec: { kind: 'constant', value: 0.1 }, direct: () => constantSchedule({ value: 0.1 }) },
  {
    spec: { kind: 'linear', initValue: 1, endValue: 0.1, transitionSteps: 50, transitionBegin: 5 },
    direct: () => linearSchedule({ initValue: 1, endValue: 0.1, transitionSteps: 50, transitionBegin: 5 }),
  },
  {
    spec: { kind: 'step', initValue: 1, stepSize: 30, factor: 0.5 },
    direct: () => stepSchedule({ initValue: 1, stepSize: 30, factor: 0.5 }),
  },
  {
    spec: {
      kind: 'multiStep',
      initValue: 1,
      milestones: [10, 50, 50],
      factor: 0.1,
      changeAt: 'afterBoundary',
    },
    direct: () =>
      multiStepSchedule({ initValue: 1, milestones: [10, 50, 50], factor: 0.1, changeAt: 'afterBoundary' }),
  },
  {
    spec: {
      kind: 'exponential',
      initValue: 1,
      factor: 0.5,
      transitionSteps: 2,
      transitionBegin: 1,
      staircase: true,
      endValue: 0.2,
    },
    direct: () =>
      exponentialSchedule({
        initValue: 1,
        factor: 0.5,
        transitionSteps: 2,
        transitionBegin: 1,
        staircase: true,
        endValue: 0.2,
      }),
  },
  {
    spec: {
      kind: 'polynomial',
      initValue: 1,
      endValue: 0.01,
      exponent: 2,
      transitionSteps: 100,
      transitionBegin: 5,
    },
    direct: () =>
      polynomialSchedule({
        initValue: 1,
        endValue: 0.01,
        exponent: 2,
        transitionSteps: 100,
        transitionBegin: 5,
      }),
  },
  {
    spec: { kind: 'cosine', initValue: 1, totalSteps: 10, endValue: 0.1, exponent: 2, afterEnd: 'periodic' },
    direct: () =>
      cosineSchedule({ initValue: 1, totalSteps: 10, endValue: 0.1, exponent: 2, afterEnd: 'periodic' }),
  },
  {
    spec: {
      kind: 'cosineRestarts',
      initValue: 1,
      periodSteps: 3,
      periodMultiplier: 2,
      peakDecay: 0.5,
      endValue: 0,
      maxCycles: 4,
    },
    direct: () =>
      cosineRestartsSchedule({
        initValue: 1,
        periodSteps: 3,
        periodMultiplier: 2,
        peakDecay: 0.5,
        endValue: 0,
        maxCycles: 4,
      }),
  },
  {
    spec: {
      kind: 'cyclic',
      initValue: 0.001,
      peakValue: 0.01,
      stepsUp: 4,
      stepsDown: 6,
      mode: 'expRange',
      gamma: 0.99,
    },
    direct: () =>
      cyclicSchedule({
        initValue: 0.001,
        peakValue: 0.01,
        stepsUp: 4,
        stepsDown: 6,
        mode: 'expRange',
        gamma: 0.99,
      }),
  },
  {
    spec: {
      kind: 'oneCycle',
      peakValue: 0.1,
      totalSteps: 100,
      pctStart: 0.25,
      annealStrategy: 'linear',
      threePhase: true,
    },
    direct: () =>
      oneCycleSchedule({
        peakValue: 0.1,
        totalSteps: 100,
        pctStart: 0.25,
        annealStrategy: 'linear',
        threePhase: true,
      }),
  },
  {
    spec: { kind: 'inverseSqrt', initValue: 1, timescale: 4, transitionBegin: 2 },
    direct: () => inverseSqrtSchedule({ initValue: 1, timescale: 4, transitionBegin: 2 }),
  },
  {
    spec: {
      kind: 'warmupStableDecay',
      peakValue: 1,
      warmupSteps: 2,
      stableSteps: 4,
      decaySteps: 4,
      endValue: 0.1,
      warmupType: 'cosine',
      decayType: 'sqrt',
    },
    direct: () =>
      warmupStableDecaySchedule({
        peakValue: 1,
        warmupSteps: 2,
        stableSteps: 4,
        decaySteps: 4,
        endValue: 0.1,
        warmupType: 'cosine',
        decayType: 'sqrt',
      }),
  },
  {
    spec: { kind: 'piecewiseConstant', boundaries: [3, 6], values: [1, 0.5, 0.05], changeAt: 'boundary' },
    direct: () =>
      piecewiseConstantSchedule({ boundaries: [3, 6], values: [1, 0.5, 0.05], changeAt: 'boundary' }),
  },
  {
    spec: {
      kind: 'piecewiseInterpolate',
      boundaries: [0, 4, 8],
      values: [1, 0.1, 0.01],
      interpolation: 'cosine',
    },
    direct: () =>
      piecewiseInterpolateSchedule({
        boundaries: [0, 4, 8],
        values: [1, 0.1, 0.01],
        interpolation: 'cosine',
      }),
  },
  {
    spec: {
      kind: 'warmup',
      schedule: cosine,
      warmupSteps: 5,
      initValue: 0.01,
      shape: 'exponential',
      placement: 'overlay',
    },
    direct: () =>
      warmupSchedule({
        schedule: cosineDirect(),
        warmupSteps: 5,
        initValue: 0.01,
        shape: 'exponential',
        placement: 'overlay',
      }),
  },
  {
    spec: {
      kind: 'sequence',
      schedules: [{ kind: 'linear', initValue: 0, endValue: 0.1, transitionSteps: 10 }, cosine],
      boundaries: [10],
    },
    direct: () =>
      sequenceSchedule({
        schedules: [linearSchedule({ initValue: 0, endValue: 0.1, transitionSteps: 10 }), cosineDirect()],
        boundaries: [10],
      }),
  },
  {
    spec: { kind: 'scale', schedule: cosine, factor: 0.5 },
    direct: () => scaleSchedule({ schedule: cosineDirect(), factor: 0.5 }),
  },
  {
    spec: { kind: 'clamp', schedule: cosine, minValue: 0.01, maxValue: 0.05 },
    direct: () => clampSchedule({ schedule: cosineDirect(), minValue: 0.01, maxValue: 0.05 }),
  },
]

function messageOf(run: () => unknown): { argument: string; message: string } | 'ok' {
  try {
    run()
    return 'ok'
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    const invalid = error as InvalidArgumentError
    return { argument: invalid.argument, message: invalid.message }
  }
}

function expectError(spec: unknown, argument: string, message: string): void {
  expect(messageOf(() => schedule(spec))).toEqual({ argument, message })
}

const KIND_LIST = SCHEDULE_SPEC_KINDS.map((kind) => `"${kind}"`).join(', ')

describe('schedule(spec): every kind', () => {
  it('covers every kind of the contract', () => {
    expect(CASES.map((entry) => entry.spec.kind)).toEqual([...SCHEDULE_SPEC_KINDS])
  })

  for (const { spec, direct } of CASES) {
    it(`${spec.kind}: compiled values equal the direct factory call at every test step`, () => {
      const compiled = schedule(spec)
      const reference = direct()
      expect(STEPS.map((step) => compiled(step))).toEqual(STEPS.map((step) => reference(step)))
    })

    it(`${spec.kind}: JSON round trip (spec → JSON.stringify → schedule) gives identical values`, () => {
      const compiled = schedule(spec)
      const roundTripped = schedule(JSON.parse(JSON.stringify(compiled.spec)))
      expect(roundTripped.spec).toEqual(spec)
      expect(STEPS.map((step) => roundTripped(step))).toEqual(STEPS.map((step) => compiled(step)))
    })
  }

  it('keeps the validated spec, deep-frozen, on .spec', () => {
    const compiled = schedule({ version: 1, ...CASES[15]!.spec })
    expect(compiled.spec).toEqual({ version: 1, ...CASES[15]!.spec })
    expect(Object.isFrozen(compiled.spec)).toBe(true)
    expect(Object.isFrozen((compiled.spec as { schedules: readonly object[] }).schedules[1])).toBe(true)
    expect(Object.isFrozen(compiled)).toBe(true)
  })

  it('does not alias the input spec', () => {
    const input = { kind: 'constant', value: 0.1 }
    const compiled = schedule(input)
    input.value = 0.5
    expect(compiled(0)).toBe(0.1)
    expect(compiled.spec).toEqual({ kind: 'constant', value: 0.1 })
  })

  it('warmup of cosine: step 0, last warmup step, first decay step, end, past end, 1e12 steps', () => {
    const compiled = schedule({
      version: 1,
      kind: 'warmup',
      warmupSteps: 2,
      schedule: { kind: 'cosine', initValue: 1, totalSteps: 8 },
    })
    expectAllClose([0, 1, 2, 3, 10, 11, 1e12].map(compiled), [0, 0.5, 1, 0.9619397663, 0, 0, 0], {
      rtol: 1e-9,
      atol: 1e-12,
    })
  })

  it('nested sequence inside warmup inside clamp compiles and matches the factories', () => {
    const spec = {
      kind: 'clamp',
      maxValue: 0.08,
      schedule: {
        kind: 'warmup',
        warmupSteps: 3,
        schedule: {
          kind: 'sequence',
          boundaries: [20],
          schedules: [cosine, { kind: 'constant', value: 0.001 }],
        },
      },
    }
    const direct = clampSchedule({
      maxValue: 0.08,
      schedule: warmupSchedule({
        warmupSteps: 3,
        schedule: sequenceSchedule({
          boundaries: [20],
          schedules: [cosineDirect(), constantSchedule({ value: 0.001 })],
        }),
      }),
    })
    const compiled = schedule(spec)
    expect(STEPS.map((step) => compiled(step))).toEqual(STEPS.map((step) => direct(step)))
  })
})

describe('schedule(spec): errors', () => {
  it('nested transitionSteps in a sequence names the full path', () => {
    expectError(
      {
        kind: 'sequence',
        boundaries: [10],
        schedules: [cosine, { kind: 'linear', initValue: 1, endValue: 0, transitionSteps: -5 }],
      },
      'schedules[1].transitionSteps',
      'schedules[1].transitionSteps must be a positive integer, got -5',
    )
  })

  it('a cross-option factory error inside warmup gets the spec path prefixed', () => {
    expectError(
      {
        kind: 'warmup',
        warmupSteps: 2,
        schedule: { kind: 'piecewiseConstant', boundaries: [5], values: [1] },
      },
      'schedule.values',
      'schedule.values must be an array of 2 numbers (boundaries.length + 1), got [1]',
    )
  })

  it('a factory error at a deeper path: sequence in warmup', () => {
    expectError(
      {
        kind: 'warmup',
        warmupSteps: 2,
        schedule: {
          kind: 'sequence',
          boundaries: [10],
          schedules: [cosine, { kind: 'sequence', boundaries: [5, 3], schedules: [cosine, cosine, cosine] }],
        },
      },
      'schedule.schedules[1].boundaries[1]',
      'schedule.schedules[1].boundaries[1] must be an integer > boundaries[0] (5), got 3',
    )
  })

  it('initValue and startFactor together (warmup factory rule) at the root keeps the factory message', () => {
    const result = messageOf(() =>
      schedule({ kind: 'warmup', warmupSteps: 2, initValue: 0, startFactor: 0.5, schedule: cosine }),
    )
    const direct = messageOf(() =>
      warmupSchedule({ warmupSteps: 2, initValue: 0, startFactor: 0.5, schedule: cosineDirect() }),
    )
    expect(result).toEqual(direct)
  })

  it('unknown kind at the root lists every kind', () => {
    expectError({ kind: 'cosin' }, 'kind', `kind must be one of ${KIND_LIST}, got "cosin"`)
  })

  it('unknown kind in warmup.schedule lists every kind', () => {
    expectError(
      { kind: 'warmup', warmupSteps: 2, schedule: { kind: 'cosin' } },
      'schedule.kind',
      `schedule.kind must be one of ${KIND_LIST}, got "cosin"`,
    )
  })

  it('missing kind', () => {
    expectError({ initValue: 1 }, 'kind', `kind must be one of ${KIND_LIST}, got undefined`)
  })

  it('unknown key names the key and the allowed ones (root may carry version)', () => {
    expectError(
      { kind: 'warmup', warmupStep: 2, schedule: cosine },
      'warmupStep',
      'warmupStep is not an option of a "warmup" spec; allowed: kind, warmupSteps, initValue, startFactor, shape, placement, schedule, version',
    )
  })

  it('unknown key in a nested spec', () => {
    expectError(
      { kind: 'sequence', boundaries: [5], schedules: [cosine, { ...cosine, totalStep: 3 }] },
      'schedules[1].totalStep',
      'schedules[1].totalStep is not an option of a "cosine" spec; allowed: kind, initValue, totalSteps, endValue, exponent, afterEnd',
    )
  })

  it('version is only allowed on the root spec', () => {
    expectError(
      { kind: 'scale', factor: 2, schedule: { ...cosine, version: 1 } },
      'schedule.version',
      'schedule.version is not an option of a "cosine" spec; allowed: kind, initValue, totalSteps, endValue, exponent, afterEnd',
    )
  })

  it('version other than 1', () => {
    expectError({ ...cosine, version: 2 }, 'version', 'version must be 1, got 2')
  })

  it('missing required option', () => {
    expectError(
      { kind: 'cosine', initValue: 1 },
      'totalSteps',
      'totalSteps must be a positive integer, got undefined',
    )
  })

  it('wrong type of option', () => {
    expectError(
      { ...cosine, totalSteps: '100' },
      'totalSteps',
      'totalSteps must be a positive integer, got "100"',
    )
  })

  it('invalid enum option', () => {
    expectError(
      { kind: 'scale', factor: 1, schedule: { ...cosine, afterEnd: 'wrap' } },
      'schedule.afterEnd',
      'schedule.afterEnd must be one of "clamp", "periodic", got "wrap"',
    )
  })

  it('array element', () => {
    expectError(
      { kind: 'piecewiseConstant', boundaries: [3, -1], values: [1, 0.5, 0.1] },
      'boundaries[1]',
      'boundaries[1] must be a non-negative integer, got -1',
    )
  })

  it('spec that is not an object', () => {
    expectError(5, 'spec', 'spec must be a schedule spec object { kind, ...options }, got 5')
    expectError(null, 'spec', 'spec must be a schedule spec object { kind, ...options }, got null')
  })

  it('nested spec that is not an object', () => {
    expectError(
      { kind: 'warmup', warmupSteps: 2, schedule: 0.1 },
      'schedule',
      'schedule must be a schedule spec object { kind, ...options }, got 0.1',
    )
  })

  it('empty sequence', () => {
    expectError(
      { kind: 'sequence', schedules: [], boundaries: [] },
      'schedules',
      'schedules must be a non-empty array of schedules, got []',
    )
  })

  it('NaN and Infinity (from JS, not JSON) are rejected with the factory wording', () => {
    expectError(
      { kind: 'constant', value: Number.NaN },
      'value',
      'value must be a finite number >= 0, got NaN',
    )
    expectError(
      { ...cosine, initValue: Number.POSITIVE_INFINITY },
      'initValue',
      'initValue must be a finite number >= 0, got Infinity',
    )
  })

  it('throws exactly one InvalidArgumentError even with several problems', () => {
    const result = safeParseScheduleSpec({ kind: 'cosine', initValue: -1, totalSteps: -1, extra: 1 })
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(result.error.message).toBe(
        'extra is not an option of a "cosine" spec; allowed: kind, initValue, totalSteps, endValue, exponent, afterEnd, version',
      )
    }
  })
})

/**
 * The spec schema and the factories must agree on every range: for each option of each leaf kind,
 * a bad value gives the same error through `schedule()` as through the factory.
 */
describe('spec ranges agree with the factories', () => {
  const PROBES: readonly unknown[] = [-1, 0, 0.5, 1.5, 2, 'x', true, null]
  const leafCases = CASES.filter(
    (entry) => !['warmup', 'sequence', 'scale', 'clamp'].includes(entry.spec.kind),
  )
  const factories: Record<string, (options: Record<string, unknown>) => Schedule> = {
    constant: constantSchedule as never,
    linear: linearSchedule as never,
    step: stepSchedule as never,
    multiStep: multiStepSchedule as never,
    exponential: exponentialSchedule as never,
    polynomial: polynomialSchedule as never,
    cosine: cosineSchedule as never,
    cosineRestarts: cosineRestartsSchedule as never,
    cyclic: cyclicSchedule as never,
    oneCycle: oneCycleSchedule as never,
    inverseSqrt: inverseSqrtSchedule as never,
    warmupStableDecay: warmupStableDecaySchedule as never,
    piecewiseConstant: piecewiseConstantSchedule as never,
    piecewiseInterpolate: piecewiseInterpolateSchedule as never,
  }
  for (const { spec } of leafCases) {
    it(`${spec.kind}: every scalar option, probe values`, () => {
      const { kind, ...options } = spec as unknown as Record<string, unknown>
      const create = factories[kind as string]!
      for (const key of Object.keys(options)) {
        if (Array.isArray(options[key])) continue
        for (const probe of PROBES) {
          const changed = { ...options, [key]: probe }
          const viaSpec = messageOf(() => schedule({ kind, ...changed }))
          const direct = messageOf(() => create(changed))
          expect({ key, probe, result: viaSpec }).toEqual({ key, probe, result: direct })
        }
      }
    })
  }
})

describe('parseScheduleSpec / safeParseScheduleSpec', () => {
  it('parse returns the spec with version', () => {
    expect(parseScheduleSpec({ version: 1, kind: 'constant', value: 0.1 })).toEqual({
      version: 1,
      kind: 'constant',
      value: 0.1,
    })
  })

  it('safeParse success and failure', () => {
    expect(safeParseScheduleSpec(cosine)).toEqual({ success: true, spec: cosine })
    const failure = safeParseScheduleSpec({ ...cosine, totalSteps: -5 })
    expect(failure.success).toBe(false)
    if (!failure.success) {
      expect(failure.error.argument).toBe('totalSteps')
      expect(failure.error.message).toBe('totalSteps must be a positive integer, got -5')
    }
  })
})

describe('parseLrKitConfig', () => {
  const config = {
    $schema: './node_modules/@lrkit/core/schema/lrkit.schema.json',
    version: 1,
    schedule: { version: 1, kind: 'warmup', warmupSteps: 10, schedule: cosine },
    plateau: {
      mode: 'min',
      factor: 0.5,
      patience: 2,
      cooldown: 1,
      thresholdMode: 'rel',
      threshold: 1e-4,
      minFactor: 0.01,
      eps: 1e-8,
    },
    groups: { head: 1, encoder: 0.1, 'layer norm': 0.05 },
  }

  it('accepts a full config and freezes it', () => {
    const parsed = parseLrKitConfig(JSON.parse(JSON.stringify(config)))
    expect(parsed).toEqual(config)
    expect(Object.isFrozen(parsed.groups)).toBe(true)
  })

  it('accepts a minimal config', () => {
    expect(parseLrKitConfig({ version: 1, schedule: cosine })).toEqual({ version: 1, schedule: cosine })
  })

  const cases: ReadonlyArray<[string, unknown, string, string]> = [
    ['missing version', { schedule: cosine }, 'version', 'version must be 1, got undefined'],
    [
      'not an object',
      [],
      'config',
      'config must be an lrkit config object { version: 1, schedule, plateau?, groups? }, got []',
    ],
    [
      'unknown top-level key',
      { version: 1, schedule: cosine, schedul: 1 },
      'schedul',
      'schedul is not an option of lrkit.config; allowed: $schema, version, schedule, plateau, groups',
    ],
    [
      'bad nested schedule option',
      { version: 1, schedule: { kind: 'scale', factor: 1, schedule: { ...cosine, totalSteps: 0 } } },
      'schedule.schedule.totalSteps',
      'schedule.schedule.totalSteps must be a positive integer, got 0',
    ],
    [
      'factory rule in schedule',
      { version: 1, schedule: { kind: 'piecewiseInterpolate', boundaries: [4, 2], values: [1, 0] } },
      'schedule.boundaries[1]',
      'schedule.boundaries[1] must be an integer > 4 (boundaries must be strictly increasing), got 2',
    ],
    [
      'unknown kind in schedule',
      { version: 1, schedule: { kind: 'cosin' } },
      'schedule.kind',
      `schedule.kind must be one of ${KIND_LIST}, got "cosin"`,
    ],
    [
      'plateau factor',
      { version: 1, schedule: cosine, plateau: { factor: 2 } },
      'plateau.factor',
      'plateau.factor must be a number with 0 < factor < 1, got 2',
    ],
    [
      'unknown plateau key',
      { version: 1, schedule: cosine, plateau: { paitence: 3 } },
      'plateau.paitence',
      'plateau.paitence is not an option of plateau; allowed: convention, mode, factor, patience, threshold, thresholdMode, cooldown, cooldownMode, trigger, minFactor, minValue, eps',
    ],
    [
      'plateau mode',
      { version: 1, schedule: cosine, plateau: { mode: 'auto' } },
      'plateau.mode',
      'plateau.mode must be one of "min", "max", got "auto"',
    ],
    [
      'negative group scale',
      { version: 1, schedule: cosine, groups: { 'layer norm': -1 } },
      'groups["layer norm"]',
      'groups["layer norm"] must be a finite number >= 0, got -1',
    ],
  ]
  for (const [name, input, argument, message] of cases) {
    it(name, () => {
      expect(messageOf(() => parseLrKitConfig(input))).toEqual({ argument, message })
    })
  }
})
