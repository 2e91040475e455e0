import { SCHEDULE_SPEC_KINDS, type ScheduleSpec, schedule } from '@lrkit/core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SPECS, PRESETS } from './default-specs'
import { KINDS, kindDescriptor } from './schema-catalog'
import { decodeShareState, encodeShareState } from './share-state'
import { changeKind, formToSpec, nodeAt, specToForm, unwrapNode, updateNode, wrapNode } from './spec-form'

/** Every option of every kind set at least once (checked below), with awkward numbers. */
const FULL_SPECS: readonly ScheduleSpec[] = [
  { kind: 'constant', value: 0.1 + 0.2 },
  { kind: 'linear', initValue: 1e-7, endValue: 3.14159e-3, transitionSteps: 1000, transitionBegin: 7 },
  { kind: 'step', initValue: 0.1, stepSize: 30, factor: 1 / 3 },
  { kind: 'multiStep', initValue: 0.1, milestones: [30, 30, 80], factor: 0.5, changeAt: 'afterBoundary' },
  {
    kind: 'exponential',
    initValue: 0.1,
    factor: 0.96,
    transitionSteps: 10,
    transitionBegin: 5,
    staircase: true,
    endValue: 0.001,
  },
  {
    kind: 'polynomial',
    initValue: 0.1,
    endValue: 1e-5,
    exponent: 0.9,
    transitionSteps: 500,
    transitionBegin: 3,
  },
  { kind: 'cosine', initValue: 0.1, totalSteps: 100, endValue: 1e-3, exponent: 2, afterEnd: 'periodic' },
  {
    kind: 'cosineRestarts',
    initValue: 0.1,
    periodSteps: 10,
    periodMultiplier: 2,
    peakDecay: 0.5,
    endValue: 1e-4,
    maxCycles: 4,
  },
  {
    kind: 'cyclic',
    initValue: 1e-3,
    peakValue: 6e-3,
    stepsUp: 20,
    stepsDown: 30,
    mode: 'expRange',
    gamma: 0.999,
  },
  {
    kind: 'oneCycle',
    peakValue: 0.01,
    totalSteps: 100,
    pctStart: 0.3,
    annealStrategy: 'linear',
    divFactor: 25,
    finalDivFactor: 1e4,
    threePhase: true,
    convention: 'pytorch',
    afterEnd: 'clamp',
  },
  {
    kind: 'oneCycle',
    peakValue: 0.01,
    totalSteps: 100,
    convention: 'optax',
    threePhase: true,
    pctFinal: 0.9,
    afterEnd: 'extrapolate',
  },
  { kind: 'inverseSqrt', initValue: 0.01, timescale: 1e4, transitionBegin: 10 },
  {
    kind: 'warmupStableDecay',
    peakValue: 3e-4,
    warmupSteps: 10,
    stableSteps: 60,
    decaySteps: 30,
    initValue: 0,
    endValue: 1e-6,
    warmupType: 'cosine',
    decayType: 'sqrt',
  },
  { kind: 'piecewiseConstant', boundaries: [10, 20], values: [0.1, 0.01, 0.001], changeAt: 'boundary' },
  { kind: 'piecewiseInterpolate', boundaries: [0, 10, 100], values: [0, 1, 0.5], interpolation: 'cosine' },
  {
    kind: 'warmup',
    warmupSteps: 5,
    initValue: 1e-4,
    shape: 'exponential',
    placement: 'overlay',
    schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 100 },
  },
  {
    kind: 'warmup',
    warmupSteps: 5,
    startFactor: 0.25,
    schedule: { kind: 'constant', value: 0.1 },
  },
  {
    kind: 'sequence',
    boundaries: [10, 50],
    schedules: [
      { kind: 'linear', initValue: 0, endValue: 0.1, transitionSteps: 10 },
      { kind: 'constant', value: 0.1 },
      {
        kind: 'clamp',
        minValue: 1e-3,
        maxValue: 0.05,
        schedule: {
          kind: 'scale',
          factor: 0.5,
          schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 50 },
        },
      },
    ],
  },
]

function roundTrip(spec: ScheduleSpec): ScheduleSpec {
  const result = formToSpec(specToForm(spec))
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.spec
}

describe('the JSON Schema catalog', () => {
  it('has every kind of core, in core order', () => {
    expect(KINDS.map((descriptor) => descriptor.kind)).toEqual([...SCHEDULE_SPEC_KINDS])
  })

  it('marks exactly the four combinators and reads option types and requirements', () => {
    expect(KINDS.filter((descriptor) => descriptor.combinator).map((descriptor) => descriptor.kind)).toEqual([
      'warmup',
      'sequence',
      'scale',
      'clamp',
    ])
    const cosine = kindDescriptor('cosine')
    expect(cosine.options.map((option) => [option.name, option.type, option.required])).toEqual([
      ['initValue', 'number', true],
      ['totalSteps', 'integer', true],
      ['endValue', 'number', false],
      ['exponent', 'number', false],
      ['afterEnd', 'enum', false],
    ])
    expect(cosine.options[4]?.values).toEqual(['clamp', 'periodic'])
    expect(kindDescriptor('sequence').options.map((option) => option.type)).toEqual([
      'integerList',
      'specList',
    ])
    expect(() => kindDescriptor('cosin')).toThrow('unknown schedule kind "cosin"')
  })

  it('is covered by the round-trip specs: every option of every kind is set in one of them', () => {
    const seen = new Set<string>()
    const visit = (spec: ScheduleSpec) => {
      for (const key of Object.keys(spec)) seen.add(`${spec.kind}.${key}`)
      if ('schedule' in spec) visit(spec.schedule)
      if ('schedules' in spec) for (const child of spec.schedules) visit(child)
    }
    for (const spec of FULL_SPECS) visit(spec)
    const missing = KINDS.flatMap((descriptor) =>
      descriptor.options.map((option) => `${descriptor.kind}.${option.name}`),
    ).filter((key) => !seen.has(key))
    expect(missing).toEqual([])
  })
})

describe('spec ↔ form ↔ URL round trip', () => {
  it.each(FULL_SPECS.map((spec, index) => [`${spec.kind} #${index}`, spec] as const))(
    'spec → form → spec is the identity for %s',
    (_name, spec) => {
      expect(roundTrip(spec)).toEqual(spec)
    },
  )

  it.each(SCHEDULE_SPEC_KINDS.map((kind) => [kind] as const))(
    'the default %s spec compiles and survives form and URL',
    (kind) => {
      const spec = DEFAULT_SPECS[kind]
      expect(() => schedule(spec)).not.toThrow()
      expect(roundTrip(spec)).toEqual(spec)
      const state = { schedules: [spec], active: 0, logScale: false, bodyScale: 0.1 }
      expect(decodeShareState(encodeShareState(state))).toEqual(state)
    },
  )

  it('keeps every spec, the active index, log scale, steps and body scale through the URL', () => {
    const state = {
      schedules: [FULL_SPECS[17]!, FULL_SPECS[9]!, FULL_SPECS[1]!],
      active: 2,
      logScale: true,
      steps: 1234,
      bodyScale: 0.03,
    }
    const fragment = encodeShareState(state)
    expect(fragment).toMatch(/^s=[A-Za-z0-9+\-$]+$/)
    expect(decodeShareState(`#${fragment}`)).toEqual(state)
    // The form of each decoded spec gives the same spec again.
    for (const spec of decodeShareState(fragment)!.schedules) expect(roundTrip(spec)).toEqual(spec)
  })

  it('gives core values for every step of a decoded schedule', () => {
    const spec = FULL_SPECS[17]!
    const decoded = decodeShareState(
      encodeShareState({ schedules: [spec], active: 0, logScale: false, bodyScale: 1 }),
    )
    const original = schedule(spec)
    const restored = schedule(decoded!.schedules[0])
    for (let step = 0; step <= 120; step++) expect(restored(step)).toBe(original(step))
  })

  it('writes the presets of core into forms that give the same spec', () => {
    for (const preset of PRESETS) {
      const spec = preset.build({ peakValue: 3e-4, totalSteps: 1000 })
      expect(roundTrip(spec)).toEqual(spec)
    }
  })
})

describe('the form', () => {
  it('shows numbers as String writes them and lists comma-separated', () => {
    const form = specToForm({ kind: 'piecewiseConstant', boundaries: [10, 20], values: [0.1, 1e-7, 3] })
    expect(form).toEqual({
      kind: 'piecewiseConstant',
      values: { boundaries: '10, 20', values: '0.1, 1e-7, 3', changeAt: '' },
    })
  })

  it('reports text that is not a number at its path, before core runs', () => {
    const form = specToForm(FULL_SPECS[17]!)
    const broken = updateNode(form, ['schedules', 2, 'schedule'], (node) => ({
      ...node,
      values: { ...node.values, factor: '0.5x' },
    }))
    expect(formToSpec(broken)).toEqual({
      ok: false,
      errors: [
        {
          path: 'schedules[2].schedule.factor',
          message: 'schedules[2].schedule.factor must be a number, got "0.5x"',
        },
      ],
    })
    const list = updateNode(form, [], (node) => ({ ...node, values: { boundaries: '10, ten' } }))
    expect(formToSpec(list)).toEqual({
      ok: false,
      errors: [{ path: 'boundaries', message: 'boundaries must be numbers separated by commas, got "ten"' }],
    })
  })

  it("passes core's own message and path for a rule core checks", () => {
    const form = specToForm({
      kind: 'warmup',
      warmupSteps: 5,
      schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 10 },
    })
    const zeroSteps = updateNode(form, ['schedule'], (node) => ({
      ...node,
      values: { ...node.values, totalSteps: '0' },
    }))
    expect(formToSpec(zeroSteps)).toEqual({
      ok: false,
      errors: [
        { path: 'schedule.totalSteps', message: 'schedule.totalSteps must be a positive integer, got 0' },
      ],
    })
    const missing = updateNode(form, ['schedule'], (node) => ({
      ...node,
      values: { ...node.values, initValue: '' },
    }))
    expect(formToSpec(missing)).toEqual({
      ok: false,
      errors: [
        {
          path: 'schedule.initValue',
          message: 'schedule.initValue must be a finite number >= 0, got undefined',
        },
      ],
    })
    const pieces = specToForm({ kind: 'piecewiseConstant', boundaries: [10], values: [1, 2] })
    const short = { ...pieces, values: { ...pieces.values, values: '1' } }
    expect(formToSpec(short)).toEqual({
      ok: false,
      errors: [
        { path: 'values', message: 'values must be an array of 2 numbers (boundaries.length + 1), got [1]' },
      ],
    })
  })

  it('finds and replaces nested nodes by path', () => {
    const form = specToForm(FULL_SPECS[17]!)
    expect(nodeAt(form, ['schedules', 2, 'schedule', 'schedule'])?.kind).toBe('cosine')
    expect(nodeAt(form, ['schedules', 5])).toBeUndefined()
    const changed = updateNode(form, ['schedules', 1], (node) => ({ ...node, values: { value: '0.2' } }))
    const result = formToSpec(changed)
    expect(result.ok && result.spec.kind === 'sequence' && result.spec.schedules[1]).toEqual({
      kind: 'constant',
      value: 0.2,
    })
    expect(changed.schedules?.[0]).toBe(form.schedules?.[0])
  })

  it('changes kind keeping same-named options, and a combinator wraps the node', () => {
    const cosine = specToForm({ kind: 'cosine', initValue: 0.5, totalSteps: 40 })
    const linear = changeKind(cosine, 'linear')
    expect(formToSpec(linear)).toEqual({
      ok: true,
      spec: { kind: 'linear', initValue: 0.5, endValue: 0.001, transitionSteps: 1000 },
    })
    const warm = changeKind(cosine, 'warmup')
    expect(formToSpec(warm)).toEqual({
      ok: true,
      spec: {
        kind: 'warmup',
        warmupSteps: 100,
        schedule: { kind: 'cosine', initValue: 0.5, totalSteps: 40 },
      },
    })
    const sequence = wrapNode(cosine, 'sequence')
    expect(formToSpec(sequence)).toEqual({
      ok: true,
      spec: {
        kind: 'sequence',
        boundaries: [300],
        schedules: [{ kind: 'cosine', initValue: 0.5, totalSteps: 40 }, DEFAULT_SPECS.cosine],
      },
    })
    expect(unwrapNode(warm)).toBe(cosine)
    expect(unwrapNode(cosine)).toBe(cosine)
    expect(formToSpec(wrapNode(cosine, 'clamp'))).toEqual({
      ok: true,
      spec: { kind: 'clamp', minValue: 0.001, schedule: { kind: 'cosine', initValue: 0.5, totalSteps: 40 } },
    })
  })
})

describe('decoding a link', () => {
  it('names the schedule and the option of a bad spec with core’s message', () => {
    const fragment = encodeShareState({
      schedules: [{ kind: 'cosine', initValue: 0.1, totalSteps: 0 }],
      active: 0,
      logScale: false,
      bodyScale: 1,
    })
    expect(() => decodeShareState(fragment)).toThrow(
      'schedules[0].totalSteps must be a positive integer, got 0',
    )
  })

  it('rejects damaged text and bad fields, and ignores a fragment without s=', () => {
    expect(decodeShareState('')).toBeUndefined()
    expect(decodeShareState('#other=1')).toBeUndefined()
    expect(() => decodeShareState('#s=%%%')).toThrow(
      'link must be a link made by the playground (compressed JSON after #s=), got "%%%…"',
    )
    const good = { schedules: [DEFAULT_SPECS.cosine], active: 0, logScale: false, bodyScale: 1 }
    expect(() => decodeShareState(encodeShareState({ ...good, active: 1 }))).toThrow(
      'active must be an integer from 0 to 0, got 1',
    )
    expect(() => decodeShareState(encodeShareState({ ...good, steps: 0 }))).toThrow(
      'steps must be a positive integer, got 0',
    )
    expect(() => decodeShareState(encodeShareState({ ...good, bodyScale: -1 }))).toThrow(
      'bodyScale must be a finite number >= 0, got -1',
    )
    expect(() =>
      decodeShareState(
        encodeShareState({
          ...good,
          schedules: [good.schedules[0]!, good.schedules[0]!, good.schedules[0]!, good.schedules[0]!],
        }),
      ),
    ).toThrow('schedules must be an array of 1 to 3 schedule specs')
  })
})
