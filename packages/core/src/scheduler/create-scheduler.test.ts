import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import type { Schedule } from '../schedules/types'
import type { CreateSchedulerOptions, Scheduler, SchedulerState } from './create-scheduler'
import { createScheduler } from './create-scheduler'
import type { LearningRateTarget } from './learning-rate-target'
import { reduceOnPlateau } from './reduce-on-plateau'

/** Linear warmup to 0.1 over 5 steps, then constant. */
const warmup: Schedule = (t) => Math.min(1, (t + 1) / 5) * 0.1

/** A target that records every push and counts optimizer updates. */
function recordingTarget(options: { counting?: boolean } = {}) {
  const pushes: Readonly<Record<string, number>>[] = []
  let updates = 0
  const target: LearningRateTarget = {
    specificationVersion: 'v1',
    setLearningRates: (rates) => {
      pushes.push(rates)
    },
    ...(options.counting ? { getStepCount: () => updates } : {}),
  }
  return {
    target,
    pushes,
    optimizerStep: () => {
      updates += 1
    },
  }
}

function captureError(call: () => unknown): unknown {
  try {
    call()
  } catch (error) {
    return error
  }
  return expect.unreachable('expected the call to throw')
}

describe('createScheduler', () => {
  it('step 0: rate = schedule(0) for the default group, no advance in the constructor', () => {
    const scheduler = createScheduler({ schedule: warmup })
    expect(scheduler.step).toBe(0)
    expect(scheduler.learningRate).toBe(warmup(0))
    expect(scheduler.learningRates).toEqual({ default: warmup(0) })
    expect(Object.isFrozen(scheduler.learningRates)).toBe(true)
  })

  it('advance(): step += 1 and returns the new base rate (last warmup step, first constant step)', () => {
    const scheduler = createScheduler({ schedule: warmup })
    const rates = [scheduler.learningRate]
    for (let index = 0; index < 6; index += 1) rates.push(scheduler.advance())
    expect(scheduler.step).toBe(6)
    expectAllClose(rates, [0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1], { rtol: 1e-12 })
  })

  it('group scales multiply the base rate', () => {
    const scheduler = createScheduler({
      schedule: warmup,
      groups: { embeddings: 0.01, body: 0.1, head: 1, frozen: 0 },
    })
    scheduler.advance()
    const base = warmup(1)
    expect(scheduler.learningRate).toBe(base)
    expect(scheduler.learningRates).toEqual({
      embeddings: base * 0.01,
      body: base * 0.1,
      head: base,
      frozen: 0,
    })
    expect(Object.keys(scheduler.learningRates)).toEqual(['embeddings', 'body', 'head', 'frozen'])
  })

  it('warmup + plateau: lr = schedule(t) × factor; a reduction takes effect for the current step', () => {
    const plateau = reduceOnPlateau({ factor: 0.5, patience: 1 })
    const scheduler = createScheduler({ schedule: warmup, plateau, groups: { head: 1, body: 0.1 } })
    const observed: number[] = []
    // one "epoch" = 2 updates, then a validation loss
    const losses = [1.0, 0.9, 0.9, 0.9, 0.9, 0.9]
    for (const loss of losses) {
      for (let update = 0; update < 2; update += 1) {
        observed.push(scheduler.learningRate)
        scheduler.advance()
      }
      scheduler.reportMetric(loss)
    }
    observed.push(scheduler.learningRate)
    // factor after each report: 1, 1, 1, 0.5 (bad 2 > 1), 0.5, 0.5 → 0.25 (bad 2 again)
    const factors = [1, 1, 1, 1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.25, 0.25]
    // observed[k] is the rate update k used; reports happen after updates 1, 3, 5, …
    const expected = observed.map((_, k) => warmup(k) * (factors[k - 1] ?? 1))
    expectAllClose(observed, expected, { rtol: 1e-15 })
    expect(scheduler.learningRates.body).toBe(scheduler.learningRate * 0.1)
  })

  it('warmup + plateau with minValue: reductions stop at minValue, warmup values below it are kept', () => {
    const plateau = reduceOnPlateau({ factor: 0.1, patience: 0, minValue: 0.03 })
    const scheduler = createScheduler({ schedule: warmup, plateau, groups: { head: 1, body: 0.1 } })
    scheduler.reportMetric(1)
    scheduler.reportMetric(1) // factor 0.1
    expect(scheduler.learningRate).toBe(warmup(0)) // 0.02 < minValue: kept
    scheduler.advance() // 0.04 × 0.1 = 0.004 → floored at 0.03
    expect(scheduler.learningRate).toBe(0.03)
    expect(scheduler.learningRates).toEqual({ head: 0.03, body: 0.03 * 0.1 }) // ratio survives
  })

  it('PyTorch min_lr is reachable: constant 0.1, factor 0.5, patience 0, min_lr 0.02', () => {
    const scheduler = createScheduler({
      schedule: () => 0.1,
      plateau: reduceOnPlateau({ factor: 0.5, patience: 0, minValue: 0.02 }),
    })
    const rates = [1, 1, 1, 1, 1].map((metric) => {
      scheduler.reportMetric(metric)
      return scheduler.learningRate
    })
    expectAllClose(rates, [0.1, 0.05, 0.025, 0.02, 0.02], { rtol: 1e-12 })
  })

  it('§3 [V] ReduceLROnPlateau vector through the scheduler (constant LR 1.0)', () => {
    const scheduler = createScheduler({
      schedule: () => 1.0,
      plateau: reduceOnPlateau({ factor: 0.5, patience: 2, cooldown: 1 }),
    })
    const stream = [1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85]
    const rates = stream.map((metric) => {
      scheduler.advance()
      scheduler.reportMetric(metric)
      return scheduler.learningRate
    })
    expect(rates).toEqual([1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25])
  })

  describe('target', () => {
    it('receives the step-0 rates at construction and the new rates after each advance', () => {
      const { target, pushes, optimizerStep } = recordingTarget({ counting: true })
      const scheduler = createScheduler({ schedule: warmup, groups: { head: 1, body: 0.5 }, target })
      expect(pushes).toEqual([{ head: warmup(0), body: warmup(0) * 0.5 }])
      for (let step = 1; step <= 6; step += 1) {
        optimizerStep()
        scheduler.advance()
        expect(pushes.at(-1)).toEqual({ head: warmup(step), body: warmup(step) * 0.5 })
        expect(pushes.at(-1)).toBe(scheduler.learningRates)
      }
      expect(pushes).toHaveLength(7)
    })

    it('receives new rates when reportMetric reduces them, and nothing otherwise', () => {
      const { target, pushes } = recordingTarget()
      const scheduler = createScheduler({
        schedule: () => 0.1,
        plateau: reduceOnPlateau({ factor: 0.5, patience: 0 }),
        target,
      })
      scheduler.reportMetric(1)
      expect(pushes).toHaveLength(1)
      scheduler.reportMetric(2)
      expect(pushes).toHaveLength(2)
      expect(pushes[1]).toEqual({ default: 0.05 })
      scheduler.reportMetric(0.5)
      expect(pushes).toHaveLength(2)
    })

    it('receives the resumed step rates at construction', () => {
      const { target, pushes } = recordingTarget()
      createScheduler({ schedule: warmup, target, resumeFrom: { version: 1, step: 3 } })
      expect(pushes).toEqual([{ default: warmup(3) }])
    })
  })

  describe('step order', () => {
    it('advance() before optimizer.step() throws InvalidStateError with the right order', () => {
      const { target, optimizerStep } = recordingTarget({ counting: true })
      const scheduler = createScheduler({ schedule: warmup, target })
      const error = captureError(() => scheduler.advance())
      expect(InvalidStateError.isInstance(error)).toBe(true)
      expect((error as Error).message).toContain('the optimizer has not stepped since the last advance()')
      expect((error as Error).message).toContain('pytorch/pytorch#20124')
      expect((error as Error).message).toContain('optimizer.step(); scheduler.advance()')
      expect(scheduler.step).toBe(0)
      optimizerStep()
      expect(scheduler.advance()).toBe(warmup(1))
      expect(() => scheduler.advance()).toThrow('its step count is still 1')
      expect(scheduler.step).toBe(1)
    })

    it('a missed advance() throws InvalidStateError naming how many were missed', () => {
      const { target, optimizerStep } = recordingTarget({ counting: true })
      const scheduler = createScheduler({ schedule: warmup, target })
      optimizerStep()
      optimizerStep()
      optimizerStep()
      const error = captureError(() => scheduler.advance())
      expect(InvalidStateError.isInstance(error)).toBe(true)
      expect((error as Error).message).toBe(
        'the optimizer stepped 3 times since the last advance() (step count 0 → 3): 2 scheduler.advance() calls were missed, so those updates ran at a stale learning rate. Call them in this order for every update: optimizer.step(); scheduler.advance()',
      )
      expect(scheduler.step).toBe(0)
    })

    it('a step count that goes backwards throws InvalidStateError', () => {
      let count = 5
      const scheduler = createScheduler({
        schedule: warmup,
        target: { specificationVersion: 'v1', setLearningRates: () => {}, getStepCount: () => count },
      })
      count = 2
      expect(() => scheduler.advance()).toThrow("the optimizer's step count went back from 5 to 2")
    })

    it('accepts an optimizer that had already stepped before the scheduler was created', () => {
      let count = 40
      const scheduler = createScheduler({
        schedule: warmup,
        target: { specificationVersion: 'v1', setLearningRates: () => {}, getStepCount: () => count },
        resumeFrom: { version: 1, step: 40 },
      })
      count += 1
      expect(scheduler.advance()).toBe(warmup(41))
    })

    it('an invalid getStepCount() result throws InvalidStateError', () => {
      expect(() =>
        createScheduler({
          schedule: warmup,
          target: { specificationVersion: 'v1', setLearningRates: () => {}, getStepCount: () => -1 },
        }),
      ).toThrow('target.getStepCount() must return a non-negative integer, got -1')
    })

    it('without getStepCount() the order is not checked', () => {
      const { target } = recordingTarget()
      const scheduler = createScheduler({ schedule: warmup, target })
      scheduler.advance()
      scheduler.advance()
      expect(scheduler.step).toBe(2)
    })
  })

  describe('resume', () => {
    it('toJSON is plain JSON with version 1', () => {
      const scheduler = createScheduler({ schedule: warmup, plateau: reduceOnPlateau({ patience: 0 }) })
      scheduler.advance()
      scheduler.reportMetric(0.5)
      const state = scheduler.toJSON()
      expect(state).toEqual({
        version: 1,
        step: 1,
        plateau: { version: 1, factor: 1, best: 0.5, badCount: 0, cooldownLeft: 0, updateCount: 1 },
      })
      expect(JSON.parse(JSON.stringify(scheduler))).toEqual(state)
      expect(createScheduler({ schedule: warmup }).toJSON()).toEqual({ version: 1, step: 0 })
    })

    it('toJSON returns a copy', () => {
      const scheduler = createScheduler({ schedule: warmup, plateau: reduceOnPlateau() })
      const state = scheduler.toJSON() as { plateau: { factor: number } }
      state.plateau.factor = 0.001
      expect(scheduler.toJSON().plateau?.factor).toBe(1)
    })

    it('continuing after resume is bit-exact equal to an uninterrupted run (random cut points)', () => {
      type Operation = { kind: 'advance' } | { kind: 'metric'; value: number }
      const operation = fc.oneof(
        fc.constant<Operation>({ kind: 'advance' }),
        fc
          .double({ min: 0, max: 2, noNaN: true, noDefaultInfinity: true })
          .map((value): Operation => ({ kind: 'metric', value })),
      )
      fc.assert(
        fc.property(
          fc.array(operation, { minLength: 1, maxLength: 60 }),
          fc.nat(),
          fc.record({
            factor: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
            patience: fc.integer({ min: 0, max: 3 }),
            cooldown: fc.integer({ min: 0, max: 2 }),
            convention: fc.constantFrom('pytorch' as const, 'keras' as const, 'optax' as const),
            minValue: fc.constantFrom(0, 0.01),
          }),
          (operations, cutSeed, plateauOptions) => {
            const cut = cutSeed % (operations.length + 1)
            const make = (resumeFrom?: SchedulerState): Scheduler =>
              createScheduler({
                schedule: (t) => Math.min(1, (t + 1) / 5) * 0.1 * (1 + Math.cos(t / 7)),
                plateau: reduceOnPlateau(plateauOptions),
                groups: { head: 1, body: 0.3 },
                ...(resumeFrom === undefined ? {} : { resumeFrom }),
              })
            const run = (scheduler: Scheduler, slice: readonly Operation[]) =>
              slice.map((entry) => {
                if (entry.kind === 'advance') scheduler.advance()
                else scheduler.reportMetric(entry.value)
                return { step: scheduler.step, rates: scheduler.learningRates }
              })
            const uninterrupted = make()
            const expected = run(uninterrupted, operations)
            const first = make()
            const before = run(first, operations.slice(0, cut))
            const saved = JSON.parse(JSON.stringify(first.toJSON())) as SchedulerState
            const resumed = make(saved)
            expect(resumed.learningRates).toEqual(first.learningRates)
            const after = run(resumed, operations.slice(cut))
            expect([...before, ...after]).toEqual(expected)
            expect(resumed.toJSON()).toEqual(uninterrupted.toJSON())
            for (const [index, entry] of [...before, ...after].entries()) {
              // bit-exact, not only close
              expect(Object.is(entry.rates.head, expected[index]?.rates.head)).toBe(true)
              expect(Object.is(entry.rates.body, expected[index]?.rates.body)).toBe(true)
            }
          },
        ),
        { numRuns: 150 },
      )
    })

    it('step saturates at Number.MAX_SAFE_INTEGER', () => {
      const scheduler = createScheduler({
        schedule: warmup,
        resumeFrom: { version: 1, step: Number.MAX_SAFE_INTEGER },
      })
      expect(scheduler.advance()).toBe(0.1)
      expect(scheduler.step).toBe(Number.MAX_SAFE_INTEGER)
    })

    it('1e12 steps: resumes far into training with a finite rate', () => {
      const scheduler = createScheduler({ schedule: warmup, resumeFrom: { version: 1, step: 1e12 } })
      expect(scheduler.learningRate).toBe(0.1)
      expect(scheduler.advance()).toBe(0.1)
      expect(scheduler.step).toBe(1e12 + 1)
    })

    describe('invalid states', () => {
      const plateau = reduceOnPlateau({ patience: 2 })
      const plateauState = plateau.init()
      const cases: [string, Partial<CreateSchedulerOptions>, unknown, string][] = [
        ['not an object', {}, 'step 3', 'resumeFrom must be a scheduler state'],
        ['null', {}, null, 'resumeFrom must be a scheduler state'],
        ['wrong version', {}, { version: 2, step: 0 }, 'resumeFrom.version must be 1, got 2'],
        ['missing version', {}, { step: 0 }, 'resumeFrom.version must be 1, got undefined'],
        [
          'negative step',
          {},
          { version: 1, step: -1 },
          'resumeFrom.step must be a non-negative integer, got -1',
        ],
        [
          'fractional step',
          {},
          { version: 1, step: 1.5 },
          'resumeFrom.step must be a non-negative integer, got 1.5',
        ],
        [
          'step as a string',
          {},
          { version: 1, step: '3' },
          'resumeFrom.step must be a non-negative integer, got "3"',
        ],
        [
          'unknown field',
          {},
          { version: 1, step: 0, lastEpoch: 3 },
          'resumeFrom.lastEpoch is not a field of a scheduler state',
        ],
        [
          'plateau state without a plateau controller',
          {},
          { version: 1, step: 0, plateau: plateauState },
          'resumeFrom.plateau is set but no plateau controller was passed',
        ],
        [
          'plateau controller without plateau state',
          { plateau },
          { version: 1, step: 0 },
          'resumeFrom.plateau is missing but a plateau controller was passed',
        ],
        [
          'invalid plateau field',
          { plateau },
          { version: 1, step: 0, plateau: { ...plateauState, badCount: 7 } },
          'resumeFrom.plateau.badCount must be an integer with 0 <= badCount <= patience (2), got 7',
        ],
        [
          'plateau state of another version',
          { plateau },
          { version: 1, step: 0, plateau: { ...plateauState, version: 0 } },
          'resumeFrom.plateau.version must be 1, got 0',
        ],
        [
          'fingerprint without a spec on the schedule',
          {},
          { version: 1, step: 0, fingerprint: '{"kind":"constant","value":1}' },
          'resumeFrom.fingerprint is set (the state was saved with schedule spec {"kind":"constant","value":1}) but this schedule has no spec',
        ],
        [
          'fingerprint not a string',
          {},
          { version: 1, step: 0, fingerprint: 5 },
          'resumeFrom.fingerprint must be a string',
        ],
      ]
      for (const [name, extra, resumeFrom, message] of cases) {
        it(`throws InvalidStateError for ${name}`, () => {
          const error = captureError(() =>
            createScheduler({ schedule: warmup, ...extra, resumeFrom: resumeFrom as SchedulerState }),
          )
          expect(InvalidStateError.isInstance(error)).toBe(true)
          expect((error as Error).message).toContain(message)
        })
      }
    })
  })

  describe('schedule spec fingerprint', () => {
    const withSpec = (spec: unknown): Schedule => Object.assign((t: number) => 0.1 / (1 + t), { spec })

    it('stores the canonical JSON of the normalized spec (keys sorted, version dropped, defaults filled)', () => {
      const scheduler = createScheduler({
        schedule: withSpec({ kind: 'inverseSqrt', initValue: 0.1, timescale: 100, version: 1 }),
      })
      expect(scheduler.toJSON().fingerprint).toBe(
        '{"initValue":0.1,"kind":"inverseSqrt","timescale":100,"transitionBegin":0}',
      )
    })

    it('resumes with the same spec written in another key order', () => {
      const first = createScheduler({
        schedule: withSpec({ kind: 'a', nested: { y: 1, x: [2, { b: 1, a: 0 }] } }),
      })
      first.advance()
      const saved = JSON.parse(JSON.stringify(first)) as SchedulerState
      const resumed = createScheduler({
        schedule: withSpec({ nested: { x: [2, { a: 0, b: 1 }], y: 1 }, kind: 'a' }),
        resumeFrom: saved,
      })
      expect(resumed.step).toBe(1)
    })

    it('rejects resuming with a different spec', () => {
      const first = createScheduler({ schedule: withSpec({ kind: 'constant', value: 0.1 }) })
      const error = captureError(() =>
        createScheduler({ schedule: withSpec({ kind: 'constant', value: 0.2 }), resumeFrom: first.toJSON() }),
      )
      expect(InvalidStateError.isInstance(error)).toBe(true)
      expect((error as Error).message).toBe(
        'resumeFrom.fingerprint does not match the schedule: the state was saved with spec {"kind":"constant","value":0.1}, this schedule\'s spec is {"kind":"constant","value":0.2}',
      )
    })

    it('accepts a state without fingerprint for a schedule with a spec', () => {
      const scheduler = createScheduler({
        schedule: withSpec({ kind: 'constant', value: 0.1 }),
        resumeFrom: { version: 1, step: 2 },
      })
      expect(scheduler.step).toBe(2)
      expect(scheduler.toJSON().fingerprint).toBe('{"kind":"constant","value":0.1}')
    })

    it('rejects a spec that is not JSON-serialisable', () => {
      const cyclic: Record<string, unknown> = { kind: 'x' }
      cyclic.self = cyclic
      expect(() => createScheduler({ schedule: withSpec(cyclic) })).toThrow(
        'schedule.spec must be JSON-serialisable data',
      )
    })
  })

  describe('reportMetric', () => {
    it('without a plateau controller throws InvalidStateError', () => {
      const scheduler = createScheduler({ schedule: warmup })
      const error = captureError(() => scheduler.reportMetric(1))
      expect(InvalidStateError.isInstance(error)).toBe(true)
      expect((error as Error).message).toContain('reportMetric() needs a plateau controller')
    })

    it('NaN metric throws InvalidArgumentError and leaves the state unchanged', () => {
      const scheduler = createScheduler({ schedule: warmup, plateau: reduceOnPlateau() })
      const before = scheduler.toJSON()
      const error = captureError(() => scheduler.reportMetric(Number.NaN))
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect(scheduler.toJSON()).toEqual(before)
    })
  })

  it('a schedule returning NaN or a negative value throws InvalidArgumentError without advancing', () => {
    const broken: Schedule = (t) => (t >= 2 ? Number.NaN : t === 1 ? -1 : 0.1)
    const scheduler = createScheduler({ schedule: (t) => (t === 1 ? 0.1 : broken(t)) })
    scheduler.advance()
    expect(() => scheduler.advance()).toThrow('schedule(2) must be a finite number >= 0')
    expect(scheduler.step).toBe(1)
    expect(() => createScheduler({ schedule: (t) => broken(t + 1) })).toThrow(
      'schedule(0) must be a finite number >= 0 (a Schedule returns finite values >= 0), got -1',
    )
  })

  it('a plateau factor of 1 leaves the schedule value bit-exact', () => {
    const scheduler = createScheduler({ schedule: warmup, plateau: reduceOnPlateau({ minValue: 0.05 }) })
    for (let step = 1; step < 8; step += 1) expectClose(scheduler.advance(), warmup(step), { rtol: 0 })
  })

  describe('invalid options', () => {
    const cases: [string, unknown, string, string][] = [
      ['schedule missing', {}, 'schedule', 'schedule must be a function, got undefined'],
      ['schedule not a function', { schedule: 0.1 }, 'schedule', 'schedule must be a function, got 0.1'],
      [
        'plateau not a controller',
        { schedule: warmup, plateau: { factor: 0.1 } },
        'plateau',
        'plateau must be a PlateauController from reduceOnPlateau()',
      ],
      [
        'groups not an object',
        { schedule: warmup, groups: [1] },
        'groups',
        'groups must be an options object, got [1]',
      ],
      [
        'groups empty',
        { schedule: warmup, groups: {} },
        'groups',
        'groups must be an object with at least one group',
      ],
      [
        'negative group scale',
        { schedule: warmup, groups: { head: 1, body: -0.1 } },
        'groups.body',
        'groups.body must be a finite number >= 0, got -0.1',
      ],
      [
        'NaN group scale',
        { schedule: warmup, groups: { head: Number.NaN } },
        'groups.head',
        'groups.head must be a finite number >= 0, got NaN',
      ],
      [
        'target of another specification version',
        { schedule: warmup, target: { specificationVersion: 'v2', setLearningRates: () => {} } },
        'target',
        "target must be a LearningRateTarget ({ specificationVersion: 'v1', setLearningRates(rates), getStepCount?() })",
      ],
      [
        'target without setLearningRates',
        { schedule: warmup, target: { specificationVersion: 'v1' } },
        'target',
        'target must be a LearningRateTarget',
      ],
      [
        'target with a non-function getStepCount',
        {
          schedule: warmup,
          target: { specificationVersion: 'v1', setLearningRates: () => {}, getStepCount: 3 },
        },
        'target',
        'target must be a LearningRateTarget',
      ],
      [
        'unknown option',
        { schedule: warmup, minLr: 0.1 },
        'minLr',
        'minLr is not an option of createScheduler; allowed: schedule, plateau, groups, target, resumeFrom',
      ],
      ['options not an object', undefined, 'options', 'options must be an options object, got undefined'],
    ]
    for (const [name, options, argument, message] of cases) {
      it(`throws InvalidArgumentError for ${name}`, () => {
        const error = captureError(() => createScheduler(options as CreateSchedulerOptions))
        expect(InvalidArgumentError.isInstance(error)).toBe(true)
        expect((error as InvalidArgumentError).argument).toBe(argument)
        expect((error as Error).message).toContain(message)
      })
    }
  })

  it('a group named __proto__ is an ordinary group', () => {
    const groups = JSON.parse('{"__proto__": 0.5, "head": 1}') as Record<string, number>
    const scheduler = createScheduler({ schedule: () => 0.1, groups })
    expect(Object.keys(scheduler.learningRates)).toEqual(['__proto__', 'head'])
    expect(Object.getOwnPropertyDescriptor(scheduler.learningRates, '__proto__')?.value).toBe(0.05)
  })
})
