import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import type { PlateauController, PlateauState, ReduceOnPlateauOptions } from './reduce-on-plateau'
import { reduceOnPlateau } from './reduce-on-plateau'

/** Feeds `metrics` one by one and returns the factor after each report. */
function factorsAfter(controller: PlateauController, metrics: readonly number[]): number[] {
  let state = controller.init()
  return metrics.map((metric) => {
    state = controller.update(state, metric)
    return controller.factor(state)
  })
}

/** §8 of schedules-and-optimizers.md: one metric stream, patience 2, factor 0.5, cooldown 1. */
const section8Stream = [1.0, 0.9, 0.95, 0.95, 0.95, 0.95, 0.95, 0.95, 0.8, 0.85, 0.85, 0.85]
const section8Options = { factor: 0.5, patience: 2, cooldown: 1 } as const

describe('reduceOnPlateau', () => {
  it('defaults to PyTorch ReduceLROnPlateau', () => {
    expect(reduceOnPlateau().options).toEqual({
      convention: 'pytorch',
      mode: 'min',
      factor: 0.1,
      patience: 10,
      threshold: 1e-4,
      thresholdMode: 'rel',
      cooldown: 0,
      cooldownMode: 'pytorch',
      trigger: 'afterPatience',
      minFactor: 0,
      minValue: 0,
      eps: 1e-8,
    })
  })

  it('sets trigger, cooldownMode, thresholdMode and eps from the convention', () => {
    expect(reduceOnPlateau({ convention: 'keras' }).options).toMatchObject({
      trigger: 'atPatience',
      cooldownMode: 'keras',
      thresholdMode: 'abs',
      eps: 0,
    })
    expect(reduceOnPlateau({ convention: 'optax' }).options).toMatchObject({
      trigger: 'atPatience',
      cooldownMode: 'pytorch',
      thresholdMode: 'rel',
      eps: 0,
    })
  })

  it('lets individual options override the convention', () => {
    expect(
      reduceOnPlateau({ convention: 'keras', trigger: 'afterPatience', thresholdMode: 'rel', eps: 1e-8 })
        .options,
    ).toMatchObject({ trigger: 'afterPatience', cooldownMode: 'keras', thresholdMode: 'rel', eps: 1e-8 })
  })

  it('starts at factor 1 with plain JSON state', () => {
    const controller = reduceOnPlateau()
    const state = controller.init()
    expect(state).toEqual({ version: 1, factor: 1, best: null, badCount: 0, cooldownLeft: 0, updateCount: 0 })
    expect(JSON.parse(JSON.stringify(state))).toEqual(state)
    expect(controller.factor(state)).toBe(1)
  })

  describe('§8 [V] plateau semantics side by side', () => {
    it('PyTorch ReduceLROnPlateau (rel 1e-4): reduces after patience + 1 bad reports', () => {
      expect(factorsAfter(reduceOnPlateau(section8Options), section8Stream)).toEqual([
        1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25,
      ])
    })

    it('Keras ReduceLROnPlateau (abs min_delta 1e-4): at patience, cooldown decremented first', () => {
      expect(
        factorsAfter(reduceOnPlateau({ ...section8Options, convention: 'keras' }), section8Stream),
      ).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.25, 0.125, 0.125, 0.125, 0.0625, 0.0625])
    })

    it('optax reduce_on_plateau (rtol 1e-4): at patience, cooldown suppresses counting', () => {
      expect(
        factorsAfter(reduceOnPlateau({ ...section8Options, convention: 'optax' }), section8Stream),
      ).toEqual([1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.25, 0.125, 0.125])
    })

    it('the individual options reproduce each convention without it', () => {
      const keras = reduceOnPlateau({
        ...section8Options,
        trigger: 'atPatience',
        cooldownMode: 'keras',
        thresholdMode: 'abs',
      })
      expect(factorsAfter(keras, section8Stream)).toEqual(
        factorsAfter(reduceOnPlateau({ ...section8Options, convention: 'keras' }), section8Stream),
      )
      const optax = reduceOnPlateau({ ...section8Options, trigger: 'atPatience' })
      expect(factorsAfter(optax, section8Stream)).toEqual(
        factorsAfter(reduceOnPlateau({ ...section8Options, convention: 'optax' }), section8Stream),
      )
    })
  })

  it('§3 [V] ReduceLROnPlateau(min, factor 0.5, patience 2, cooldown 1) at LR 1.0', () => {
    const controller = reduceOnPlateau({ mode: 'min', factor: 0.5, patience: 2, cooldown: 1 })
    let state = controller.init()
    const learningRates = section8Stream.map((metric) => {
      state = controller.update(state, metric)
      return controller.apply(state, 1.0)
    })
    expectAllClose(learningRates, [1, 1, 1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.25], { rtol: 1e-12 })
  })

  it('max mode reduces when the metric stops increasing', () => {
    const controller = reduceOnPlateau({ mode: 'max', factor: 0.5, patience: 1 })
    // 0.70004 is not > 0.7·(1 + 1e-4) = 0.70007, so it is a bad report
    expect(factorsAfter(controller, [0.5, 0.7, 0.70004, 0.69, 0.8, 0.8, 0.8])).toEqual([
      1, 1, 1, 0.5, 0.5, 0.5, 0.25,
    ])
  })

  it('max mode with abs threshold', () => {
    const controller = reduceOnPlateau({
      mode: 'max',
      thresholdMode: 'abs',
      threshold: 0.1,
      factor: 0.5,
      patience: 0,
    })
    // 0.65 is not > 0.6 + 0.1; 0.71 is
    expect(factorsAfter(controller, [0.6, 0.65, 0.71, 0.75])).toEqual([1, 0.5, 0.5, 0.25])
  })

  it('abs mode compares against best − threshold', () => {
    const controller = reduceOnPlateau({ thresholdMode: 'abs', threshold: 0.1, factor: 0.5, patience: 0 })
    // 0.95 is not < 1.0 − 0.1; 0.85 is; 0.8 is not < 0.85 − 0.1
    expect(factorsAfter(controller, [1.0, 0.95, 0.85, 0.8])).toEqual([1, 0.5, 0.5, 0.25])
  })

  it('rel mode keeps PyTorch behaviour for negative metrics (best·(1 − threshold))', () => {
    const controller = reduceOnPlateau({ threshold: 0.1, factor: 0.5, patience: 0 })
    // best −1 → bar −0.9: −0.95 counts as better although it is larger (PyTorch does the same)
    let state = controller.update(controller.init(), -1)
    state = controller.update(state, -0.95)
    expect(state.best).toBe(-0.95)
    expect(controller.factor(state)).toBe(1)
  })

  it('ignores a reduction of eps or less, but still resets the counters', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 0, cooldown: 1, eps: 0.3 })
    let state = controller.update(controller.init(), 1)
    state = controller.update(state, 1) // 1 → 0.5 (0.5 > eps)
    expect(state).toMatchObject({ factor: 0.5, cooldownLeft: 1, badCount: 0 })
    state = controller.update(state, 1) // cooldown
    state = controller.update(state, 1) // 0.5 → 0.25 is a reduction of 0.25 ≤ eps: ignored
    expect(state).toMatchObject({ factor: 0.5, cooldownLeft: 1, badCount: 0 })
  })

  it('default eps ignores reductions of 1e-8 or less (PyTorch eps at base LR 1)', () => {
    const controller = reduceOnPlateau({ factor: 0.1, patience: 0 })
    let state = controller.init()
    for (let index = 0; index < 12; index += 1) state = controller.update(state, 1)
    // 1 → 0.1 → … → 1e-8 (reduction 9e-8 > 1e-8), then 1e-9 would be a reduction of 9e-9: ignored
    expectClose(controller.factor(state), 1e-8, { rtol: 1e-12 })
  })

  it('minFactor floors the factor (optax min_scale)', () => {
    const controller = reduceOnPlateau({ factor: 0.1, patience: 0, minFactor: 0.05 })
    expectAllClose(factorsAfter(controller, [1, 1, 1, 1]), [1, 0.1, 0.05, 0.05], { rtol: 1e-12 })
  })

  it('minValue reproduces PyTorch min_lr (lr 0.1, factor 0.5, patience 0, min_lr 0.02)', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 0, minValue: 0.02 })
    let state = controller.init()
    const learningRates = [1, 1, 1, 1, 1].map((metric) => {
      state = controller.update(state, metric)
      return controller.apply(state, 0.1)
    })
    // PyTorch: 0.1, 0.05, 0.025, max(0.0125, 0.02) = 0.02, 0.02
    expectAllClose(learningRates, [0.1, 0.05, 0.025, 0.02, 0.02], { rtol: 1e-12 })
  })

  it('minValue never raises a value the schedule put below it (warmup)', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 0, minValue: 0.02 })
    let state = controller.update(controller.init(), 1)
    state = controller.update(state, 1)
    expect(controller.apply(state, 0.01)).toBe(0.01)
    expect(controller.apply(state, 0)).toBe(0)
    expect(controller.apply(state, 0.03)).toBe(0.02)
    expect(controller.apply(state, 0.1)).toBe(0.05)
  })

  describe('patience 0', () => {
    for (const trigger of ['afterPatience', 'atPatience'] as const) {
      it(`reduces on every non-improving report and never on an improving one (${trigger})`, () => {
        const controller = reduceOnPlateau({ factor: 0.5, patience: 0, trigger })
        expect(factorsAfter(controller, [1, 0.5, 0.6, 0.4, 0.3, 0.3])).toEqual([1, 1, 0.5, 0.5, 0.5, 0.25])
      })
    }
  })

  it('cooldown 1 protects one report in PyTorch mode and none in Keras mode', () => {
    const stream = [1, 1, 1, 1]
    const pytorch = reduceOnPlateau({ factor: 0.5, patience: 0, cooldown: 1 })
    const keras = reduceOnPlateau({ factor: 0.5, patience: 0, cooldown: 1, cooldownMode: 'keras' })
    expect(factorsAfter(pytorch, stream)).toEqual([1, 0.5, 0.5, 0.25])
    expect(factorsAfter(keras, stream)).toEqual([1, 0.5, 0.25, 0.125])
  })

  it('updates the best metric during the cooldown', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 0, cooldown: 2 })
    let state = controller.update(controller.init(), 1)
    state = controller.update(state, 1) // reduce, cooldown 2
    state = controller.update(state, 0.5) // in cooldown, improving
    expect(state).toMatchObject({ best: 0.5, cooldownLeft: 1, badCount: 0, factor: 0.5 })
  })

  it('never mutates the state it is given', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 0, cooldown: 1 })
    const first = Object.freeze(controller.update(controller.init(), 1))
    const snapshot = { ...first }
    const second = controller.update(first, 2)
    expect(first).toEqual(snapshot)
    expect(second).not.toBe(first)
    expect(second.factor).toBe(0.5)
  })

  it('state survives a JSON round trip with identical results', () => {
    const controller = reduceOnPlateau({ factor: 0.5, patience: 1, cooldown: 1 })
    let direct: PlateauState = controller.init()
    let roundTripped: PlateauState = controller.init()
    for (const metric of section8Stream) {
      direct = controller.update(direct, metric)
      roundTripped = controller.update(JSON.parse(JSON.stringify(roundTripped)) as PlateauState, metric)
    }
    expect(roundTripped).toEqual(direct)
  })

  it('counts reports and saturates updateCount at Number.MAX_SAFE_INTEGER', () => {
    const controller = reduceOnPlateau()
    expect(controller.update(controller.init(), 1).updateCount).toBe(1)
    const state = { ...controller.init(), updateCount: Number.MAX_SAFE_INTEGER }
    expect(controller.update(state, 1).updateCount).toBe(Number.MAX_SAFE_INTEGER)
  })

  describe('invalid metrics', () => {
    for (const metric of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      it(`throws InvalidArgumentError for ${metric}`, () => {
        const controller = reduceOnPlateau()
        expect(() => controller.update(controller.init(), metric)).toThrow(
          `metric must be a finite number, got ${metric}`,
        )
        try {
          controller.update(controller.init(), metric)
        } catch (error) {
          expect(InvalidArgumentError.isInstance(error)).toBe(true)
          expect((error as InvalidArgumentError).argument).toBe('metric')
        }
      })
    }
    it('throws for a non-number metric', () => {
      const controller = reduceOnPlateau()
      expect(() => controller.update(controller.init(), '1' as unknown as number)).toThrow(
        'metric must be a finite number, got "1"',
      )
    })
  })

  describe('invalid options', () => {
    const cases: [string, unknown, string][] = [
      ['factor', 0, 'factor must be a number with 0 < factor < 1, got 0'],
      ['factor', 1, 'factor must be a number with 0 < factor < 1, got 1'],
      ['factor', -0.5, 'factor must be a number with 0 < factor < 1, got -0.5'],
      ['factor', Number.NaN, 'factor must be a number with 0 < factor < 1, got NaN'],
      ['factor', '0.1', 'factor must be a number with 0 < factor < 1, got "0.1"'],
      ['patience', -1, 'patience must be a non-negative integer, got -1'],
      ['patience', 1.5, 'patience must be a non-negative integer, got 1.5'],
      ['threshold', -1e-4, 'threshold must be a finite number >= 0, got -0.0001'],
      ['threshold', Number.POSITIVE_INFINITY, 'threshold must be a finite number >= 0, got Infinity'],
      ['thresholdMode', 'relative', 'thresholdMode must be one of "rel", "abs", got "relative"'],
      ['cooldown', -1, 'cooldown must be a non-negative integer, got -1'],
      ['cooldown', 0.5, 'cooldown must be a non-negative integer, got 0.5'],
      ['cooldownMode', 'optax', 'cooldownMode must be one of "pytorch", "keras", got "optax"'],
      ['trigger', 'onPatience', 'trigger must be one of "afterPatience", "atPatience", got "onPatience"'],
      ['minFactor', -0.1, 'minFactor must be a number with 0 <= minFactor <= 1, got -0.1'],
      ['minFactor', 1.5, 'minFactor must be a number with 0 <= minFactor <= 1, got 1.5'],
      ['minValue', -1e-5, 'minValue must be a finite number >= 0, got -0.00001'],
      ['eps', -1, 'eps must be a finite number >= 0, got -1'],
      ['mode', 'auto', 'mode must be one of "min", "max", got "auto"'],
      ['convention', 'tf', 'convention must be one of "pytorch", "keras", "optax", got "tf"'],
    ]
    for (const [option, value, message] of cases) {
      it(`${option}: ${String(value)}`, () => {
        const call = () => reduceOnPlateau({ [option]: value } as ReduceOnPlateauOptions)
        expect(call).toThrow(message)
        try {
          call()
        } catch (error) {
          expect(InvalidArgumentError.isInstance(error)).toBe(true)
          expect((error as InvalidArgumentError).argument).toBe(option)
        }
      })
    }

    it('rejects an unknown option (min_lr)', () => {
      expect(() => reduceOnPlateau({ min_lr: 0.1 } as ReduceOnPlateauOptions)).toThrow(
        'min_lr is not an option of reduceOnPlateau; allowed: convention, mode, factor, patience, threshold, thresholdMode, cooldown, cooldownMode, trigger, minFactor, minValue, eps',
      )
    })

    it('rejects options that are not an object', () => {
      expect(() => reduceOnPlateau(null as unknown as ReduceOnPlateauOptions)).toThrow(
        'options must be an options object, got null',
      )
    })
  })

  describe('invalid states', () => {
    const controller = reduceOnPlateau({ patience: 2, cooldown: 1, minFactor: 0.01 })
    const valid = controller.init()
    const cases: [string, unknown, string][] = [
      ['not an object', 5, 'state must be a plateau state object'],
      ['version 2', { ...valid, version: 2 }, 'state.version must be 1, got 2'],
      ['factor above 1', { ...valid, factor: 2 }, 'state.factor must be a number with 0.01 <= factor <= 1'],
      ['factor below minFactor', { ...valid, factor: 0.001 }, 'state.factor must be a number with 0.01'],
      ['best NaN', { ...valid, best: Number.NaN }, 'state.best must be a finite number or null, got NaN'],
      ['best a string', { ...valid, best: '1' }, 'state.best must be a finite number or null, got "1"'],
      [
        'badCount above patience',
        { ...valid, badCount: 3 },
        'state.badCount must be an integer with 0 <= badCount <= patience (2), got 3',
      ],
      [
        'cooldownLeft above cooldown',
        { ...valid, cooldownLeft: 2 },
        'state.cooldownLeft must be an integer with 0 <= cooldownLeft <= cooldown (1), got 2',
      ],
      [
        'negative updateCount',
        { ...valid, updateCount: -1 },
        'state.updateCount must be a non-negative integer, got -1',
      ],
      [
        'missing field',
        { version: 1, factor: 1, best: null, badCount: 0, cooldownLeft: 0 },
        'state.updateCount must be a non-negative integer, got undefined',
      ],
      ['unknown field', { ...valid, extra: 1 }, 'state.extra is not a field of a plateau state'],
    ]
    for (const [name, state, message] of cases) {
      it(`throws InvalidStateError for ${name}`, () => {
        expect(() => controller.update(state as PlateauState, 1)).toThrow(message)
        expect(() => controller.factor(state as PlateauState)).toThrow(message)
        try {
          controller.factor(state as PlateauState)
        } catch (error) {
          expect(InvalidStateError.isInstance(error)).toBe(true)
        }
      })
    }

    it('parseState names the field under the given path', () => {
      expect(() => controller.parseState({ ...valid, badCount: -1 }, 'resumeFrom.plateau')).toThrow(
        'resumeFrom.plateau.badCount must be an integer',
      )
    })

    it('parseState returns a fresh copy', () => {
      const parsed = controller.parseState(valid)
      expect(parsed).toEqual(valid)
      expect(parsed).not.toBe(valid)
    })
  })
})
