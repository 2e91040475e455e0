import { expectAllClose, expectClose } from '@lrkit/test-utils'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import type { ParamGroup } from '../groups/types'
import { adagradOptimizer } from './adagrad-optimizer'
import { adamOptimizer } from './adam-optimizer'
import { adamwOptimizer } from './adamw-optimizer'
import { jsKernels } from './kernels/js-kernels'
import type { OptimizerKernels } from './kernels/types'
import { lionOptimizer } from './lion-optimizer'
import { rmspropOptimizer } from './rmsprop-optimizer'
import { sgdOptimizer } from './sgd-optimizer'
import type { NamedArrays, Optimizer, OptimizerBaseOptions, OptimizerState } from './types'

/** Two parameters as in the PyTorch fixture: `layer.weight` (12 values) and `layer.bias` (4). */
function makeParameters(): Record<string, Float32Array> {
  return {
    'layer.weight': Float32Array.from({ length: 12 }, (_, index) => Math.sin(index + 1)),
    'layer.bias': Float32Array.from({ length: 4 }, (_, index) => 0.1 * (index - 1.5)),
  }
}

/** A deterministic gradient for step t (never zero, both signs). */
function gradientsAt(step: number): Record<string, Float32Array> {
  return {
    'layer.weight': Float32Array.from({ length: 12 }, (_, index) => Math.cos(0.7 * step + index) * 0.5),
    'layer.bias': Float32Array.from({ length: 4 }, (_, index) => Math.sin(1.3 * step - index) * 0.3),
  }
}

function snapshot(parameters: ReadonlyMap<string, Float32Array>): Record<string, number[]> {
  return Object.fromEntries([...parameters].map(([name, values]) => [name, Array.from(values)]))
}

function captureError(action: () => unknown): unknown {
  try {
    action()
  } catch (error) {
    return error
  }
  return expect.unreachable('expected an error')
}

type Factory = (options: OptimizerBaseOptions) => Optimizer

/** Every optimizer with a non-trivial configuration (all buffers in use). */
const factories: Record<string, Factory> = {
  sgd: (options) => sgdOptimizer({ ...options, momentum: 0.9, nesterov: true }),
  adam: (options) => adamOptimizer({ ...options, amsgrad: true, weightDecay: 0.01 }),
  adamw: (options) => adamwOptimizer(options),
  adagrad: (options) => adagradOptimizer({ ...options, lrDecay: 0.01, initialAccumulatorValue: 0.1 }),
  rmsprop: (options) => rmspropOptimizer({ ...options, momentum: 0.9, centered: true }),
  lion: (options) => lionOptimizer({ ...options, weightDecay: 0.1 }),
}

describe('parameters and groups', () => {
  it('updates the caller arrays in place with the JS kernels, for a Map or a Record', () => {
    const parameters = makeParameters()
    const optimizer = sgdOptimizer({ parameters: new Map(Object.entries(parameters)) })
    expect(optimizer.parameters.get('layer.bias')).toBe(parameters['layer.bias'])
    const before = Array.from(parameters['layer.bias']!)
    optimizer.step(new Map(Object.entries(gradientsAt(0))), 0.1)
    expect(Array.from(parameters['layer.bias']!)).not.toEqual(before)
  })

  it('puts parameters that are in no group into a trainable group "default" with lrScale 1', () => {
    const optimizer = sgdOptimizer({
      parameters: makeParameters(),
      groups: [{ name: 'body', parameters: ['layer.weight'], lrScale: 0.1, trainable: true }],
    })
    expect(optimizer.groups).toEqual([
      { name: 'body', parameters: ['layer.weight'], lrScale: 0.1, trainable: true },
      { name: 'default', parameters: ['layer.bias'], lrScale: 1, trainable: true },
    ])
  })

  it('runs group g at learningRate × lrScale', () => {
    const parameters = makeParameters()
    const initial = snapshot(new Map(Object.entries(parameters)))
    const optimizer = sgdOptimizer({
      parameters,
      groups: [
        { name: 'body', parameters: ['layer.weight'], lrScale: 0.25, trainable: true },
        { name: 'head', parameters: ['layer.bias'], lrScale: 1, trainable: true },
      ],
    })
    const gradients = gradientsAt(0)
    optimizer.step(gradients, 0.1)
    for (const [name, scale] of [
      ['layer.weight', 0.25],
      ['layer.bias', 1],
    ] as const) {
      const expected = initial[name]!.map((value, index) => value - 0.1 * scale * gradients[name]![index]!)
      expectAllClose(parameters[name]!, expected, { rtol: 1e-6, atol: 1e-7 })
    }
  })

  it("uses a group's weightDecay instead of the optimizer's (decay exclusion)", () => {
    const parameters = { kernel: new Float32Array([1]), bias: new Float32Array([1]) }
    const optimizer = adamwOptimizer({
      parameters,
      weightDecay: 0.5,
      groups: [{ name: 'noDecay', parameters: ['bias'], lrScale: 1, weightDecay: 0, trainable: true }],
    })
    optimizer.step({ kernel: new Float32Array([0.5]), bias: new Float32Array([0.5]) }, 0.1)
    expectClose(parameters.bias[0]!, 0.9, { rtol: 1e-6 })
    expectClose(parameters.kernel[0]!, 1 * (1 - 0.1 * 0.5) - 0.1, { rtol: 1e-6 })
  })
})

describe('freezing and late unfreezing', () => {
  const groups: ParamGroup[] = [
    { name: 'body', parameters: ['layer.weight'], lrScale: 1, trainable: false },
    { name: 'head', parameters: ['layer.bias'], lrScale: 1, trainable: true },
  ]

  it('needs no gradient for a frozen group and leaves it and its state untouched', () => {
    const parameters = makeParameters()
    const weight = Array.from(parameters['layer.weight']!)
    const optimizer = adamOptimizer({ parameters, groups })
    for (let step = 0; step < 10; step++)
      optimizer.step({ 'layer.bias': gradientsAt(step)['layer.bias']! }, 0.01)
    optimizer.step(gradientsAt(10), 0.01) // a gradient for a frozen parameter is accepted and ignored
    expect(Array.from(parameters['layer.weight']!)).toEqual(weight)
    const state = optimizer.state()
    expect(state.parameters['layer.weight']!.step).toBe(0)
    expect(state.parameters['layer.bias']!.step).toBe(11)
    expect(Array.from(state.parameters['layer.weight']!.buffers.expAvg!)).toEqual(new Array(12).fill(0))
  })

  it('a parameter frozen for 10 steps then unfrozen gets the bias correction of its own step 1', () => {
    const parameters = makeParameters()
    const optimizer = adamOptimizer({ parameters, groups })
    for (let step = 0; step < 10; step++)
      optimizer.step({ 'layer.bias': gradientsAt(step)['layer.bias']! }, 0.01)
    optimizer.setTrainable('body', true)
    expect(optimizer.groups[0]!.trainable).toBe(true)
    const before = Array.from(parameters['layer.weight']!)
    const gradient = gradientsAt(10)
    optimizer.step(gradient, 0.01)

    // Adam's first step moves every coordinate by lr·sign(g) (m̂ = g, √v̂ = |g|).
    const expected = before.map((value, index) => value - 0.01 * Math.sign(gradient['layer.weight']![index]!))
    expectAllClose(parameters['layer.weight']!, expected, { rtol: 1e-6, atol: 1e-7 })
    // …bit-identical to a fresh optimizer's first step.
    const fresh = { 'layer.weight': Float32Array.from(before) }
    adamOptimizer({ parameters: fresh }).step({ 'layer.weight': gradient['layer.weight']! }, 0.01)
    expect(Array.from(parameters['layer.weight']!)).toEqual(Array.from(fresh['layer.weight']))
    expect(optimizer.state().parameters['layer.weight']!.step).toBe(1)
  })

  it('freezes a group again with setTrainable(name, false)', () => {
    const parameters = makeParameters()
    const optimizer = sgdOptimizer({ parameters })
    optimizer.setTrainable('default', false)
    const before = snapshot(optimizer.parameters)
    expect(optimizer.step({}, 0.1)).toEqual({ applied: true })
    expect(snapshot(optimizer.parameters)).toEqual(before)
  })

  it('setTrainable rejects an unknown group and a non-boolean', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), groups })
    expect(() => optimizer.setTrainable('neck', true)).toThrow(
      'groupName must name a group, got "neck"; groups: "body", "head"',
    )
    expect(() => optimizer.setTrainable('body', 'yes' as unknown as boolean)).toThrow(
      'trainable must be true or false, got "yes"',
    )
  })

  it('setTrainable in the middle of an accumulation window throws InvalidStateError', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), groups, accumulationSteps: 2 })
    optimizer.step({ 'layer.bias': gradientsAt(0)['layer.bias']! }, 0.1)
    const error = captureError(() => optimizer.setTrainable('body', true))
    expect(InvalidStateError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(
      'cannot change whether group "body" is trainable in the middle of an accumulation window (1 of 2 micro-batches accumulated); change it right after an applied step',
    )
    optimizer.setTrainable('body', false) // no change: allowed
    optimizer.step({ 'layer.bias': gradientsAt(1)['layer.bias']! }, 0.1)
    optimizer.setTrainable('body', true) // right after the applied step
  })
})

describe('NaN / Inf guard', () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`skips the whole step on ${bad} and names the parameter and index`, () => {
      const parameters = makeParameters()
      const optimizer = adamOptimizer({ parameters })
      optimizer.step(gradientsAt(0), 0.01)
      const before = snapshot(optimizer.parameters)
      const state = optimizer.state()
      const gradients = gradientsAt(1)
      gradients['layer.bias']![2] = bad
      expect(optimizer.step(gradients, 0.01)).toEqual({
        applied: false,
        skipped: { reason: 'nonFinite', parameter: 'layer.bias', index: 2 },
      })
      expect(snapshot(optimizer.parameters)).toEqual(before)
      expect(optimizer.state()).toEqual(state)
    })
  }

  it('ignores non-finite gradients of frozen parameters', () => {
    const optimizer = sgdOptimizer({
      parameters: makeParameters(),
      groups: [{ name: 'body', parameters: ['layer.weight'], lrScale: 1, trainable: false }],
    })
    const gradients = gradientsAt(0)
    gradients['layer.weight']![0] = Number.NaN
    expect(optimizer.step(gradients, 0.1)).toEqual({ applied: true })
  })

  it('does not count a skipped micro-batch towards the accumulation window', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), accumulationSteps: 2 })
    expect(optimizer.step(gradientsAt(0), 0.1)).toEqual({ applied: false })
    const bad = gradientsAt(1)
    bad['layer.weight']![5] = Number.NaN
    expect(optimizer.step(bad, 0.1).skipped).toEqual({
      reason: 'nonFinite',
      parameter: 'layer.weight',
      index: 5,
    })
    expect(optimizer.state().accumulation?.microStep).toBe(1)
    expect(optimizer.step(gradientsAt(1), 0.1)).toEqual({ applied: true })
  })
})

describe('gradient clipping', () => {
  const parameters = () => ({ a: new Float32Array([0, 0]), b: new Float32Array([0]) })
  const gradients = () => ({ a: new Float32Array([3, 0]), b: new Float32Array([-4]) })

  it('maxNorm rescales by maxNorm / (norm + 1e-6) over all trainable parameters (clip_grad_norm_)', () => {
    const params = parameters()
    const given = gradients()
    const optimizer = sgdOptimizer({ parameters: params, gradientClipping: { maxNorm: 1 } })
    expect(optimizer.step(given, 1)).toEqual({ applied: true, gradientNorm: 5, clipped: true })
    const coefficient = Math.fround(1 / (5 + 1e-6))
    expectAllClose(params.a, [-3 * coefficient, 0], { rtol: 1e-7 })
    expectAllClose(params.b, [4 * coefficient], { rtol: 1e-7 })
    expect(Array.from(given.a)).toEqual([3, 0]) // the caller's gradients are never modified
  })

  it('maxNorm above the norm leaves the gradients alone', () => {
    const params = parameters()
    const optimizer = sgdOptimizer({ parameters: params, gradientClipping: { maxNorm: 10 } })
    expect(optimizer.step(gradients(), 1)).toEqual({ applied: true, gradientNorm: 5, clipped: false })
    expect(Array.from(params.a)).toEqual([-3, 0])
  })

  it("normType 'inf' uses the largest absolute value", () => {
    const params = parameters()
    const optimizer = sgdOptimizer({ parameters: params, gradientClipping: { maxNorm: 2, normType: 'inf' } })
    expect(optimizer.step(gradients(), 1)).toEqual({ applied: true, gradientNorm: 4, clipped: true })
    expectClose(params.b[0]!, 4 * Math.fround(2 / (4 + 1e-6)), { rtol: 1e-7 })
  })

  it('leaves frozen parameters out of the norm', () => {
    const optimizer = sgdOptimizer({
      parameters: parameters(),
      groups: [{ name: 'frozen', parameters: ['b'], lrScale: 1, trainable: false }],
      gradientClipping: { maxNorm: 10 },
    })
    expect(optimizer.step(gradients(), 1).gradientNorm).toBe(3)
  })

  it('maxValue clamps every value to [−maxValue, maxValue] (clip_grad_value_), then maxNorm applies', () => {
    const params = parameters()
    const optimizer = sgdOptimizer({ parameters: params, gradientClipping: { maxValue: 1 } })
    expect(optimizer.step(gradients(), 1)).toEqual({ applied: true, clipped: true })
    expect(Array.from(params.a)).toEqual([-1, 0])
    expect(Array.from(params.b)).toEqual([1])
    const both = sgdOptimizer({ parameters: parameters(), gradientClipping: { maxValue: 1, maxNorm: 10 } })
    expect(both.step(gradients(), 1)).toEqual({ applied: true, gradientNorm: Math.SQRT2, clipped: true })
  })

  it('rejects invalid clipping options', () => {
    const base = { parameters: parameters() }
    expect(() => sgdOptimizer({ ...base, gradientClipping: {} })).toThrow(
      'gradientClipping must be an object with maxNorm and/or maxValue, got {}',
    )
    expect(() => sgdOptimizer({ ...base, gradientClipping: { maxNorm: 0 } })).toThrow(
      'gradientClipping.maxNorm must be a finite number > 0, got 0',
    )
    expect(() => sgdOptimizer({ ...base, gradientClipping: { maxValue: -1 } })).toThrow(
      'gradientClipping.maxValue must be a finite number > 0, got -1',
    )
    expect(() => sgdOptimizer({ ...base, gradientClipping: { maxNorm: 1, normType: 1 as 2 } })).toThrow(
      'gradientClipping.normType must be 2 or "inf", got 1',
    )
    expect(() => sgdOptimizer({ ...base, gradientClipping: { maxValue: 1, normType: 'inf' } })).toThrow(
      'gradientClipping.normType needs gradientClipping.maxNorm',
    )
    expect(() =>
      sgdOptimizer({ ...base, gradientClipping: { maxNorm: 1, norm: 2 } as unknown as { maxNorm: number } }),
    ).toThrow('norm is not an option of gradientClipping; allowed: maxNorm, normType, maxValue')
  })
})

describe('gradient accumulation', () => {
  it('applies the mean of k micro-batch gradients on every k-th call, at that call’s learning rate', () => {
    const accumulated = makeParameters()
    const single = makeParameters()
    const optimizer = adamOptimizer({ parameters: accumulated, accumulationSteps: 3 })
    const reference = adamOptimizer({ parameters: single })
    const initial = snapshot(optimizer.parameters)
    expect(optimizer.step(gradientsAt(0), 1)).toEqual({ applied: false })
    expect(optimizer.step(gradientsAt(1), 1)).toEqual({ applied: false })
    expect(snapshot(optimizer.parameters)).toEqual(initial)
    expect(optimizer.step(gradientsAt(2), 0.01)).toEqual({ applied: true })

    const mean: Record<string, Float32Array> = {}
    for (const name of Object.keys(single)) {
      mean[name] = Float32Array.from(
        gradientsAt(0)[name]!,
        (value, index) => (value + gradientsAt(1)[name]![index]! + gradientsAt(2)[name]![index]!) / 3,
      )
    }
    reference.step(mean, 0.01)
    for (const name of Object.keys(single)) {
      expectAllClose(accumulated[name]!, single[name]!, { rtol: 1e-6, atol: 1e-7, label: name })
    }
    expect(optimizer.state().parameters['layer.bias']!.step).toBe(1)
    expect(optimizer.state().accumulation).toEqual({
      microStep: 0,
      gradients: { 'layer.weight': new Float32Array(12), 'layer.bias': new Float32Array(4) },
    })
  })

  it('clips the accumulated mean, not the micro-batches', () => {
    const params = { a: new Float32Array([0]) }
    const optimizer = sgdOptimizer({
      parameters: params,
      accumulationSteps: 2,
      gradientClipping: { maxNorm: 1 },
    })
    optimizer.step({ a: new Float32Array([3]) }, 1)
    expect(optimizer.step({ a: new Float32Array([-1]) }, 1)).toEqual({
      applied: true,
      gradientNorm: 1,
      clipped: true,
    })
  })

  it('rejects accumulationSteps that are not positive integers', () => {
    expect(() => sgdOptimizer({ parameters: makeParameters(), accumulationSteps: 0 })).toThrow(
      'accumulationSteps must be a positive integer, got 0',
    )
    expect(() => sgdOptimizer({ parameters: makeParameters(), accumulationSteps: 1.5 })).toThrow(
      'accumulationSteps must be a positive integer, got 1.5',
    )
  })
})

describe('state() and load()', () => {
  it('returns copies keyed by name with each parameter’s step and buffers', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters(), amsgrad: true })
    optimizer.step(gradientsAt(0), 0.01)
    const state = optimizer.state()
    expect(state).toMatchObject({
      version: 1,
      optimizer: 'adam',
      hyperparameters: { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: true },
      trainable: { default: true },
    })
    expect(Object.keys(state.parameters['layer.weight']!.buffers)).toEqual([
      'expAvg',
      'expAvgSq',
      'maxExpAvgSq',
    ])
    expect(state.parameters['layer.weight']!.step).toBe(1)
    const copy = Array.from(state.parameters['layer.bias']!.buffers.expAvg!)
    optimizer.step(gradientsAt(1), 0.01)
    expect(Array.from(state.parameters['layer.bias']!.buffers.expAvg!)).toEqual(copy)
  })

  it('continuing after load() into a fresh optimizer is bit-exact, for every optimizer and cut point', () => {
    const total = 12
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(factories)),
        fc.integer({ min: 0, max: total }),
        fc.constantFrom(1, 3),
        fc.boolean(),
        (kind, cut, accumulationSteps, unfreezeLate) => {
          const factory = factories[kind]!
          const groups: ParamGroup[] = [
            { name: 'body', parameters: ['layer.weight'], lrScale: 0.5, trainable: !unfreezeLate },
          ]
          const options = { groups, accumulationSteps, gradientClipping: { maxNorm: 1 } }
          const schedule = (step: number) => 0.01 * (1 - step / (2 * total))
          const drive = (optimizer: Optimizer, from: number, to: number) => {
            for (let step = from; step < to; step++) {
              if (unfreezeLate && step === 6) optimizer.setTrainable('body', true)
              optimizer.step(gradientsAt(step), schedule(step))
            }
          }
          const uninterrupted = factory({ ...options, parameters: makeParameters() })
          drive(uninterrupted, 0, total)

          const first = factory({ ...options, parameters: makeParameters() })
          drive(first, 0, cut)
          const saved = first.state()
          const resumedParameters: Record<string, Float32Array> = {}
          for (const [name, values] of first.parameters) resumedParameters[name] = values.slice()
          const resumed = factory({ ...options, parameters: resumedParameters })
          resumed.load(saved)
          drive(resumed, cut, total)
          expect(snapshot(resumed.parameters)).toEqual(snapshot(uninterrupted.parameters))
          expect(resumed.state()).toEqual(uninterrupted.state())
        },
      ),
      { numRuns: 30 },
    )
  })

  it('restores the trainable flags of the groups', () => {
    const groups: ParamGroup[] = [
      { name: 'body', parameters: ['layer.weight'], lrScale: 1, trainable: false },
    ]
    const first = sgdOptimizer({ parameters: makeParameters(), groups })
    first.setTrainable('body', true)
    const second = sgdOptimizer({ parameters: makeParameters(), groups })
    second.load(first.state())
    expect(second.groups[0]!.trainable).toBe(true)
  })

  describe('load() rejects state it cannot use, before changing anything', () => {
    const valid = () => {
      const optimizer = adamOptimizer({ parameters: makeParameters() })
      optimizer.step(gradientsAt(0), 0.01)
      return optimizer.state()
    }
    const mutate = (edit: (state: Record<string, unknown>) => void): OptimizerState => {
      const state = structuredClone(valid()) as unknown as Record<string, unknown>
      edit(state)
      return state as unknown as OptimizerState
    }
    const parameterEntry = (state: Record<string, unknown>, name: string) =>
      (state.parameters as Record<string, Record<string, unknown>>)[name]!
    const cases: Array<[string, OptimizerState, string]> = [
      [
        'a wrong version',
        mutate((state) => {
          state.version = 2
        }),
        'state.version must be 1, got 2',
      ],
      [
        'another optimizer',
        { ...valid(), optimizer: 'sgd' },
        'the state is for optimizer "sgd", this optimizer is "adam"',
      ],
      [
        'a missing parameter',
        mutate((state) => {
          delete (state.parameters as Record<string, unknown>)['layer.bias']
        }),
        'state.parameters has no entry for parameter "layer.bias"',
      ],
      [
        'an unknown parameter',
        mutate((state) => {
          ;(state.parameters as Record<string, unknown>)['layer.extra'] = parameterEntry(state, 'layer.bias')
        }),
        'state.parameters has an entry for unknown parameter "layer.extra"; known: "layer.weight", "layer.bias"',
      ],
      [
        'a buffer of the wrong length',
        mutate((state) => {
          ;(parameterEntry(state, 'layer.bias').buffers as Record<string, unknown>).expAvg = new Float32Array(
            3,
          )
        }),
        'state.parameters["layer.bias"].buffers.expAvg has length 3, but parameter "layer.bias" has length 4',
      ],
      [
        'a missing buffer',
        mutate((state) => {
          delete (parameterEntry(state, 'layer.bias').buffers as Record<string, unknown>).expAvgSq
        }),
        'state.parameters["layer.bias"].buffers has no entry for buffer "expAvgSq"',
      ],
      [
        'a buffer that is not a Float32Array',
        mutate((state) => {
          ;(parameterEntry(state, 'layer.bias').buffers as Record<string, unknown>).expAvg = [0, 0, 0, 0]
        }),
        'state.parameters["layer.bias"].buffers.expAvg must be a Float32Array',
      ],
      [
        'a negative step',
        mutate((state) => {
          parameterEntry(state, 'layer.weight').step = -1
        }),
        'state.parameters["layer.weight"].step must be a non-negative integer, got -1',
      ],
      [
        'a missing group',
        mutate((state) => {
          state.trainable = {}
        }),
        'state.trainable has no entry for group "default"',
      ],
      [
        'accumulated micro-batches without accumulation',
        mutate((state) => {
          state.accumulation = { microStep: 1, gradients: {} }
        }),
        'state.accumulation.microStep must be an integer with 0 <= microStep < 1 (accumulationSteps), got 1',
      ],
      ['not an object', null as unknown as OptimizerState, 'state must be an object'],
    ]
    for (const [name, state, message] of cases) {
      it(name, () => {
        const optimizer = adamOptimizer({ parameters: makeParameters() })
        const before = optimizer.state()
        const error = captureError(() => optimizer.load(state))
        expect(InvalidStateError.isInstance(error)).toBe(true)
        expect((error as Error).message).toBe(`cannot load optimizer state: ${message}`)
        expect(optimizer.state()).toEqual(before)
      })
    }
  })
})

describe('step() validation (before any change)', () => {
  const optimizer = () => sgdOptimizer({ parameters: makeParameters(), momentum: 0.9 })

  for (const learningRate of [Number.NaN, -0.1, Number.POSITIVE_INFINITY]) {
    it(`rejects learningRate ${learningRate}`, () => {
      expect(() => optimizer().step(gradientsAt(0), learningRate)).toThrow(
        `learningRate must be a finite number >= 0, got ${learningRate}`,
      )
    })
  }

  it('accepts learningRate 0 (the step still counts)', () => {
    const instance = optimizer()
    const before = snapshot(instance.parameters)
    expect(instance.step(gradientsAt(0), 0)).toEqual({ applied: true })
    expect(snapshot(instance.parameters)).toEqual(before)
    expect(instance.state().parameters['layer.bias']!.step).toBe(1)
  })

  const invalid: Array<[string, (gradients: Record<string, Float32Array>) => unknown, string]> = [
    [
      'a missing gradient of a trainable parameter',
      (gradients) => ({ 'layer.weight': gradients['layer.weight'] }),
      'gradients has no entry for trainable parameter "layer.bias" (group "default")',
    ],
    [
      'an unknown gradient name',
      (gradients) => ({ ...gradients, 'layer.bais': new Float32Array(4) }),
      'gradients has an entry for unknown parameter "layer.bais"; known: "layer.weight", "layer.bias"',
    ],
    [
      'an unknown name in a Map',
      (gradients) => new Map([...Object.entries(gradients), ['head', new Float32Array(1)]]),
      'gradients has an entry for unknown parameter "head"; known: "layer.weight", "layer.bias"',
    ],
    [
      'a length mismatch',
      (gradients) => ({ ...gradients, 'layer.bias': new Float32Array(3) }),
      'gradients["layer.bias"] has length 3, but parameter "layer.bias" has length 4',
    ],
    [
      'a gradient that is not a Float32Array',
      (gradients) => ({ ...gradients, 'layer.bias': [1, 2, 3, 4] }),
      'gradients["layer.bias"] must be a Float32Array, got [1,2,3,4]',
    ],
    ['gradients that are not an object', () => 5, 'gradients must be an options object, got 5'],
  ]
  for (const [name, build, message] of invalid) {
    it(`rejects ${name}`, () => {
      const instance = optimizer()
      instance.step(gradientsAt(0), 0.1)
      const before = snapshot(instance.parameters)
      const state = instance.state()
      const error = captureError(() => instance.step(build(gradientsAt(1)) as NamedArrays, 0.1))
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect((error as Error).message).toBe(message)
      expect(snapshot(instance.parameters)).toEqual(before)
      expect(instance.state()).toEqual(state)
    })
  }
})

describe('factory option validation (shared options)', () => {
  const invalid: Array<[string, unknown, string]> = [
    ['options that are not an object', 3, 'options must be an options object, got 3'],
    ['missing parameters', {}, 'parameters must be named Float32Arrays, got undefined'],
    ['no parameters', { parameters: {} }, 'parameters must be at least one named Float32Array, got {}'],
    [
      'a parameter that is not a Float32Array',
      { parameters: { w: [1, 2] } },
      'parameters["w"] must be a Float32Array, got [1,2]',
    ],
    [
      'an unknown option',
      { parameters: { w: new Float32Array(1) }, learningRate: 0.1 },
      'learningRate is not an option of sgdOptimizer; allowed: parameters, groups, gradientClipping, accumulationSteps, missingGradients, kernels, momentum, dampening, nesterov, weightDecay',
    ],
    [
      'groups that are not an array',
      { parameters: { w: new Float32Array(1) }, groups: {} },
      'groups must be an array of parameter groups, got {}',
    ],
    [
      'a group naming an unknown parameter',
      {
        parameters: { w: new Float32Array(1) },
        groups: [{ name: 'g', parameters: ['v'], lrScale: 1, trainable: true }],
      },
      'groups[0].parameters names an unknown parameter "v"; known: "w"',
    ],
    [
      'a parameter in two groups',
      {
        parameters: { w: new Float32Array(1) },
        groups: [
          { name: 'a', parameters: ['w'], lrScale: 1, trainable: true },
          { name: 'b', parameters: ['w'], lrScale: 1, trainable: true },
        ],
      },
      'parameter "w" is in two groups, "a" and "b"; each parameter belongs to at most one group',
    ],
    [
      'duplicate group names',
      {
        parameters: { w: new Float32Array(1) },
        groups: [
          { name: 'a', parameters: [], lrScale: 1, trainable: true },
          { name: 'a', parameters: [], lrScale: 1, trainable: true },
        ],
      },
      'groups[1].name must be unique, got "a" twice',
    ],
    [
      'an empty group name',
      {
        parameters: { w: new Float32Array(1) },
        groups: [{ name: '', parameters: [], lrScale: 1, trainable: true }],
      },
      'groups[0].name must be a non-empty string, got ""',
    ],
    [
      'a negative lrScale',
      {
        parameters: { w: new Float32Array(1) },
        groups: [{ name: 'a', parameters: ['w'], lrScale: -1, trainable: true }],
      },
      'groups[0].lrScale must be a finite number >= 0, got -1',
    ],
    [
      'a negative group weightDecay',
      {
        parameters: { w: new Float32Array(1) },
        groups: [{ name: 'a', parameters: ['w'], lrScale: 1, weightDecay: -1, trainable: true }],
      },
      'groups[0].weightDecay must be a finite number >= 0, got -1',
    ],
    [
      'a missing trainable flag',
      { parameters: { w: new Float32Array(1) }, groups: [{ name: 'a', parameters: ['w'], lrScale: 1 }] },
      'groups[0].trainable must be true or false, got undefined',
    ],
    [
      'a group named "default" while some parameters are in no group',
      {
        parameters: { w: new Float32Array(1), v: new Float32Array(1) },
        groups: [{ name: 'default', parameters: ['w'], lrScale: 1, trainable: true }],
      },
      'groups[0].name "default" is reserved for parameters not in any group ("v"); put them in a group or rename it',
    ],
    [
      'kernels with an unknown backend',
      { parameters: { w: new Float32Array(1) }, kernels: { ...jsKernels, backend: 'gpu' } },
      'kernels.backend must be one of "js", "wasm", got "gpu"',
    ],
    [
      'kernels without a method',
      { parameters: { w: new Float32Array(1) }, kernels: { ...jsKernels, lion: undefined } },
      'kernels.lion must be a function, got undefined',
    ],
  ]
  for (const [name, options, message] of invalid) {
    it(`rejects ${name}`, () => {
      const error = captureError(() => sgdOptimizer(options as never))
      expect(InvalidArgumentError.isInstance(error)).toBe(true)
      expect((error as Error).message).toBe(message)
    })
  }

  it('accepts a group named "default" when it holds every ungrouped parameter', () => {
    const optimizer = sgdOptimizer({
      parameters: { w: new Float32Array(1) },
      groups: [{ name: 'default', parameters: ['w'], lrScale: 1, trainable: true }],
    })
    expect(optimizer.groups.map((group) => group.name)).toEqual(['default'])
  })
})

describe('pluggable kernels', () => {
  /** A kernel set that owns its memory (like WebAssembly) and checks every array it is given. */
  function ownedKernels(): { kernels: OptimizerKernels; allocated: Float32Array[] } {
    const allocated: Float32Array[] = []
    const owned = (arrays: readonly (Float32Array | undefined)[]) => {
      for (const array of arrays)
        if (array !== undefined && !allocated.some((block) => block.buffer === array.buffer))
          throw new Error('foreign array')
    }
    const kernels: OptimizerKernels = {
      backend: 'wasm',
      allocate(length) {
        const array = new Float32Array(length)
        allocated.push(array)
        return array
      },
      sgd: (param, grad, buffer, hyper) => {
        owned([param, grad, buffer])
        jsKernels.sgd(param, grad, buffer, hyper)
      },
      adam: (param, grad, expAvg, expAvgSq, maxExpAvgSq, hyper) => {
        owned([param, grad, expAvg, expAvgSq, maxExpAvgSq])
        jsKernels.adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, hyper)
      },
      rmsprop: (param, grad, squareAvg, gradAvg, momentumBuffer, hyper) => {
        owned([param, grad, squareAvg, gradAvg, momentumBuffer])
        jsKernels.rmsprop(param, grad, squareAvg, gradAvg, momentumBuffer, hyper)
      },
      adagrad: (param, grad, sum, hyper) => {
        owned([param, grad, sum])
        jsKernels.adagrad(param, grad, sum, hyper)
      },
      lion: (param, grad, expAvg, hyper) => {
        owned([param, grad, expAvg])
        jsKernels.lion(param, grad, expAvg, hyper)
      },
      maxAbs: (array) => {
        owned([array])
        return jsKernels.maxAbs(array)
      },
      sumOfSquares: (array, clamp) => {
        owned([array])
        return jsKernels.sumOfSquares(array, clamp)
      },
      clampAndScale: (array, clamp, scale) => {
        owned([array])
        jsKernels.clampAndScale(array, clamp, scale)
      },
      accumulateMean: (mean, grad, count) => {
        owned([mean, grad])
        jsKernels.accumulateMean(mean, grad, count)
      },
    }
    return { kernels, allocated }
  }

  for (const [kind, factory] of Object.entries(factories)) {
    it(`${kind}: copies the parameters once into kernel-allocated buffers and runs on them only`, () => {
      const { kernels } = ownedKernels()
      const given = makeParameters()
      const initial = snapshot(new Map(Object.entries(given)))
      const owned = factory({ parameters: given, kernels })
      const reference = factory({ parameters: makeParameters() })
      expect(owned.parameters.get('layer.weight')).not.toBe(given['layer.weight'])
      for (let step = 0; step < 3; step++) {
        owned.step(gradientsAt(step), 0.01)
        reference.step(gradientsAt(step), 0.01)
      }
      expect(snapshot(new Map(Object.entries(given)))).toEqual(initial)
      expect(snapshot(owned.parameters)).toEqual(snapshot(reference.parameters))
    })
  }

  it('allocates everything at construction, nothing per step', () => {
    const { kernels, allocated } = ownedKernels()
    const optimizer = adamOptimizer({ parameters: makeParameters(), kernels, amsgrad: true })
    // One block: parameters, gradients and 3 buffers, each arena the parameters' total length.
    const total = [...optimizer.parameters.values()].reduce((sum, array) => sum + array.length, 0)
    expect(allocated).toHaveLength(1)
    expect(allocated[0]!.length).toBeGreaterThanOrEqual(5 * total)
    optimizer.step(gradientsAt(0), 0.01)
    optimizer.step(optimizer.gradients, 0.01)
    expect(allocated).toHaveLength(1)
  })
})
