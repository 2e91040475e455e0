/**
 * The optimizer as a scheduler target, the owned-gradient fast path, contiguous per-group kernel
 * calls, changes between phases and the float32 rate check (createOptimizer).
 */
import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import { createScheduler } from '../scheduler/create-scheduler'
import { adamOptimizer } from './adam-optimizer'
import { adamwOptimizer } from './adamw-optimizer'
import { jsKernels } from './kernels/js-kernels'
import type { OptimizerKernels } from './kernels/types'
import { createWasmKernels } from './kernels/wasm-kernels'
import { lionOptimizer } from './lion-optimizer'
import { rmspropOptimizer } from './rmsprop-optimizer'
import { sgdOptimizer } from './sgd-optimizer'
import type { Optimizer, OptimizerBaseOptions } from './types'

const names = [
  'embed.weight',
  'encoder.0.weight',
  'encoder.0.bias',
  'encoder.1.weight',
  'head.weight',
  'head.bias',
]
const lengths = [24, 16, 4, 16, 8, 2]

function makeParameters(): Record<string, Float32Array> {
  return Object.fromEntries(
    names.map((name, p) => [name, Float32Array.from({ length: lengths[p]! }, (_, i) => Math.sin(p * 7 + i))]),
  )
}

function gradientsAt(step: number, scale = 1): Record<string, Float32Array> {
  return Object.fromEntries(
    names.map((name, p) => [
      name,
      Float32Array.from({ length: lengths[p]! }, (_, i) => scale * Math.cos(0.3 * step + p + 0.5 * i)),
    ]),
  )
}

const groups = [
  { name: 'embed', parameters: ['embed.weight'], lrScale: 0.01, trainable: false },
  { name: 'encoder', parameters: ['encoder.0.weight', 'encoder.1.weight'], lrScale: 0.1, trainable: true },
  { name: 'encoder.noDecay', parameters: ['encoder.0.bias'], lrScale: 0.1, trainable: true, weightDecay: 0 },
  { name: 'head', parameters: ['head.weight', 'head.bias'], lrScale: 1, trainable: true },
]

const values = (optimizer: Optimizer<object>): Record<string, number[]> =>
  Object.fromEntries([...optimizer.parameters].map(([name, array]) => [name, Array.from(array)]))

/** Kernels that delegate to `inner` and count calls per kernel. */
function countingKernels(inner: OptimizerKernels): { kernels: OptimizerKernels; calls: Map<string, number> } {
  const calls = new Map<string, number>()
  const wrap =
    <A extends unknown[], R>(name: string, fn: (...args: A) => R) =>
    (...args: A): R => {
      calls.set(name, (calls.get(name) ?? 0) + 1)
      return fn(...args)
    }
  return {
    calls,
    kernels: {
      backend: inner.backend,
      allocate: inner.allocate,
      sgd: wrap('sgd', inner.sgd),
      adam: wrap('adam', inner.adam),
      rmsprop: wrap('rmsprop', inner.rmsprop),
      adagrad: wrap('adagrad', inner.adagrad),
      lion: wrap('lion', inner.lion),
      maxAbs: wrap('maxAbs', inner.maxAbs),
      sumOfSquares: wrap('sumOfSquares', inner.sumOfSquares),
      clampAndScale: wrap('clampAndScale', inner.clampAndScale),
      accumulateMean: wrap('accumulateMean', inner.accumulateMean),
    },
  }
}

describe('owned gradient buffers (the zero-copy path)', () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`${backend}: step(optimizer.gradients) equals step(copies), bit for bit, with clipping and groups`, () => {
      const make = () =>
        adamwOptimizer({
          parameters: makeParameters(),
          groups,
          gradientClipping: { maxNorm: 0.5, maxValue: 0.8 },
          ...(backend === 'wasm' ? { kernels: createWasmKernels() } : {}),
        })
      const owned = make()
      const copied = make()
      for (let step = 0; step < 20; step++) {
        const gradients = gradientsAt(step)
        for (const [name, buffer] of owned.gradients) buffer.set(gradients[name]!)
        const ownedReport = owned.step(owned.gradients, 0.01)
        const copiedReport = copied.step(gradients, 0.01)
        expect(ownedReport).toEqual(copiedReport)
        expect(ownedReport.clipped).toBe(true)
      }
      expect(values(owned)).toEqual(values(copied))
      // The caller's arrays are never clipped; the owned buffers are (as torch clip_grad_norm_).
      const gradients = gradientsAt(99)
      const before = gradients['head.weight']!.slice()
      copied.step(gradients, 0.01)
      expect(gradients['head.weight']).toEqual(before)
    })
  }

  it('the gradients map is stable, in parameter order, with each buffer the length of its parameter', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters(), kernels: createWasmKernels() })
    expect(optimizer.gradients).toBe(optimizer.gradients)
    expect([...optimizer.gradients.keys()]).toEqual(names)
    expect([...optimizer.gradients.values()].map((array) => array.length)).toEqual(lengths)
  })

  it('skips a step whose owned gradient holds NaN and reports the parameter in parameter order', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters(), groups, kernels: createWasmKernels() })
    const before = values(optimizer)
    optimizer.gradients.get('head.bias')![1] = Number.NaN
    optimizer.gradients.get('encoder.1.weight')![3] = Number.POSITIVE_INFINITY
    optimizer.gradients.get('embed.weight')![0] = Number.NaN // frozen: ignored
    expect(optimizer.step(optimizer.gradients, 0.1)).toEqual({
      applied: false,
      skipped: { reason: 'nonFinite', parameter: 'encoder.1.weight', index: 3 },
    })
    expect(values(optimizer)).toEqual(before)
    expect(optimizer.stepCount).toBe(0)
  })

  it('wasm: one kernel call and one check per group, however many tensors the group has', () => {
    const { kernels, calls } = countingKernels(createWasmKernels())
    const parameters: Record<string, Float32Array> = {}
    for (let index = 0; index < 1000; index++)
      parameters[`layer${index}.weight`] = new Float32Array(10).fill(1)
    const optimizer = adamOptimizer({
      parameters,
      groups: [
        { name: 'low', parameters: Object.keys(parameters).slice(0, 500), lrScale: 0.1, trainable: true },
        { name: 'high', parameters: Object.keys(parameters).slice(500), lrScale: 1, trainable: true },
      ],
      kernels,
    })
    for (const buffer of optimizer.gradients.values()) buffer.fill(0.5)
    optimizer.step(optimizer.gradients, 0.01)
    expect(Object.fromEntries(calls)).toEqual({ adam: 2, maxAbs: 2 })
    expect(optimizer.parameters.get('layer0.weight')![0]).toBeCloseTo(1 - 0.001, 6)
    expect(optimizer.parameters.get('layer999.weight')![9]).toBeCloseTo(1 - 0.01, 6)
  })

  it('JS kernels: one kernel call per parameter on the caller arrays (updated in place)', () => {
    const { kernels, calls } = countingKernels(jsKernels)
    const parameters = makeParameters()
    const optimizer = sgdOptimizer({ parameters, kernels, momentum: 0.9 })
    optimizer.step(gradientsAt(0), 0.1)
    expect(calls.get('sgd')).toBe(names.length)
    expect(optimizer.parameters.get('head.bias')).toBe(parameters['head.bias'])
  })
})

describe('wasm and JS optimizers agree on everything the pipeline does', () => {
  const configurations: Record<string, (options: OptimizerBaseOptions) => Optimizer<object>> = {
    'adamw + clipping + accumulation': (options) =>
      adamwOptimizer({ ...options, gradientClipping: { maxNorm: 1 }, accumulationSteps: 3 }),
    'sgd nesterov + value clipping': (options) =>
      sgdOptimizer({ ...options, momentum: 0.9, nesterov: true, gradientClipping: { maxValue: 0.5 } }),
    'rmsprop centered + inf-norm': (options) =>
      rmspropOptimizer({
        ...options,
        centered: true,
        momentum: 0.5,
        gradientClipping: { maxNorm: 0.3, normType: 'inf' },
      }),
    lion: (options) => lionOptimizer({ ...options, weightDecay: 0.1 }),
  }
  for (const [name, make] of Object.entries(configurations)) {
    it(`${name}: 30 steps with groups, a group unfrozen at step 10, within 1e-6`, () => {
      const js = make({ parameters: makeParameters(), groups })
      const wasm = make({
        parameters: makeParameters(),
        groups,
        kernels: createWasmKernels({ rounding: 'exact' }),
      })
      for (let step = 0; step < 30; step++) {
        if (step === 9) {
          js.setTrainable('embed', true)
          wasm.setTrainable('embed', true)
        }
        const jsReport = js.step(gradientsAt(step, 3), 0.02)
        const wasmReport = wasm.step(gradientsAt(step, 3), 0.02)
        expect(wasmReport.applied).toBe(jsReport.applied)
        expect(wasmReport.clipped).toBe(jsReport.clipped)
      }
      for (const [parameter, array] of js.parameters) {
        expectAllClose(wasm.parameters.get(parameter)!, array, { rtol: 1e-6, atol: 1e-7 })
      }
      expect(wasm.state().parameters['embed.weight']!.step).toBe(js.state().parameters['embed.weight']!.step)
    })
  }
})

describe('the optimizer as the scheduler target', () => {
  it('takes the rates from the scheduler: group rate = scheduled rate × lrScale', () => {
    const driven = adamOptimizer({ parameters: makeParameters(), groups })
    const manual = adamOptimizer({ parameters: makeParameters(), groups })
    const schedule = (step: number): number => 0.1 / (1 + step)
    const scheduler = createScheduler({ schedule, target: driven })
    for (let step = 0; step < 5; step++) {
      driven.step(gradientsAt(step))
      manual.step(gradientsAt(step), schedule(step))
      scheduler.advance()
    }
    expect(values(driven)).toEqual(values(manual))
    expect(driven.stepCount).toBe(5)
  })

  it("feeds the scheduler's call-order check: advance() without an optimizer step throws", () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters() })
    const scheduler = createScheduler({ schedule: () => 0.1, target: optimizer })
    optimizer.step(gradientsAt(0))
    scheduler.advance()
    expect(() => scheduler.advance()).toThrow(InvalidStateError)
  })

  it('counts applied updates only (accumulating and skipped steps do not count)', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), accumulationSteps: 2 })
    optimizer.step(gradientsAt(0), 0.1)
    expect(optimizer.getStepCount?.()).toBe(0)
    optimizer.step(gradientsAt(1), 0.1)
    expect(optimizer.getStepCount?.()).toBe(1)
    const bad = gradientsAt(2)
    bad['head.bias']![0] = Number.NaN
    optimizer.step(bad, 0.1)
    expect(optimizer.stepCount).toBe(1)
  })

  it('refuses scales defined twice: scheduler groups and optimizer lrScale would multiply', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters(), groups })
    const expected = new InvalidStateError({
      message:
        'learning-rate scales are defined twice: the scheduler sends one rate per group and group "embed" of the optimizer has lrScale 0.01, so they would multiply. Keep the scales in one place: createScheduler({ schedule, target: optimizer }) without groups (the optimizer\'s lrScale applies), or a scheduler with groups and optimizer groups with lrScale 1',
    })
    expect(() =>
      createScheduler({
        schedule: () => 0.1,
        groups: { embed: 0.01, encoder: 0.1, 'encoder.noDecay': 0.1, head: 1 },
        target: optimizer,
      }),
    ).toThrow(expected)
  })

  it('accepts per-group rates when the optimizer groups all have lrScale 1', () => {
    const plain = groups.map((group) => ({ ...group, lrScale: 1, trainable: true }))
    const driven = adamOptimizer({ parameters: makeParameters(), groups: plain })
    const manual = adamOptimizer({ parameters: makeParameters(), groups })
    const scales = { embed: 0.01, encoder: 0.1, 'encoder.noDecay': 0.1, head: 1 }
    manual.setTrainable('embed', true)
    const scheduler = createScheduler({ schedule: () => 0.05, groups: scales, target: driven })
    for (let step = 0; step < 3; step++) {
      driven.step(gradientsAt(step))
      manual.step(gradientsAt(step), 0.05)
      scheduler.advance()
    }
    for (const [name, array] of manual.parameters) {
      expectAllClose(driven.parameters.get(name)!, array, { rtol: 1e-12, atol: 0 })
    }
  })

  it('rejects scheduler groups that are not the optimizer groups, naming the difference', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters() })
    expect(() => optimizer.setLearningRates({ encoder: 0.1, head: 1 })).toThrow(
      'the scheduler\'s groups ("encoder", "head") must be the optimizer\'s groups ("default") or none: no rate for group "default". Give the scheduler no groups and keep the scales in the optimizer\'s groups',
    )
    const grouped = adamOptimizer({
      parameters: makeParameters(),
      groups: groups.map((g) => ({ ...g, lrScale: 1 })),
    })
    expect(() =>
      grouped.setLearningRates({ embed: 1, encoder: 1, 'encoder.noDecay': 1, head: 1, extra: 1 }),
    ).toThrow(
      'the scheduler sends a rate for group "extra", which the optimizer does not have; optimizer groups: "embed", "encoder", "encoder.noDecay", "head"',
    )
  })

  it('without a rate and without a scheduler, step() says how to give one', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters() })
    expect(() => optimizer.step(gradientsAt(0))).toThrow(
      new InvalidStateError({
        message:
          'no learning rate: pass it as optimizer.step(gradients, learningRate), or make the optimizer the target of a scheduler (createScheduler({ schedule, target: optimizer }))',
      }),
    )
  })
})

describe('changes between phases', () => {
  it('updateGroup changes a group rate scale, weight decay and trainable flag', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), groups, weightDecay: 0.5 })
    optimizer.updateGroup('head', { lrScale: 0.5, weightDecay: 0 })
    optimizer.updateGroup('embed', { trainable: true, lrScale: 1 })
    const head = optimizer.groups.find((group) => group.name === 'head')!
    expect(head).toMatchObject({ lrScale: 0.5, weightDecay: 0, trainable: true })
    const before = values(optimizer)
    optimizer.step(gradientsAt(0), 0.2)
    const gradient = gradientsAt(0)['head.bias']![0]!
    expect(optimizer.parameters.get('head.bias')![0]).toBeCloseTo(
      before['head.bias']![0]! - 0.1 * gradient,
      6,
    )
    const embed = gradientsAt(0)['embed.weight']![2]!
    const theta = before['embed.weight']![2]!
    expect(optimizer.parameters.get('embed.weight')![2]).toBeCloseTo(theta - 0.2 * (embed + 0.5 * theta), 6)
  })

  it('updateGroup rejects unknown groups and options, and invalid values', () => {
    const optimizer = sgdOptimizer({ parameters: makeParameters(), groups })
    expect(() => optimizer.updateGroup('decoder', { lrScale: 1 })).toThrow(
      'groupName must name a group, got "decoder"; groups: "embed", "encoder", "encoder.noDecay", "head"',
    )
    expect(() => optimizer.updateGroup('head', { lrScal: 1 } as never)).toThrow(
      'lrScal is not an option of updateGroup; allowed: lrScale, weightDecay, trainable',
    )
    expect(() => optimizer.updateGroup('head', { lrScale: -1 })).toThrow(
      new InvalidArgumentError({ argument: 'changes.lrScale', value: -1, expected: 'a finite number >= 0' }),
    )
  })

  it("setHyperparameters changes Adam's beta1 between steps (one-cycle momentum cycling)", () => {
    const cycled = adamOptimizer({ parameters: makeParameters() })
    const reference = adamOptimizer({ parameters: makeParameters() })
    cycled.step(gradientsAt(0), 0.01)
    reference.step(gradientsAt(0), 0.01)
    cycled.setHyperparameters({ beta1: 0.85 })
    expect(cycled.hyperparameters.beta1).toBe(0.85)
    const rebuilt = adamOptimizer({ parameters: makeParameters(), beta1: 0.85 })
    rebuilt.load({ ...reference.state(), hyperparameters: {} })
    for (const [name, array] of reference.parameters) rebuilt.parameters.get(name)!.set(array)
    cycled.step(gradientsAt(1), 0.01)
    rebuilt.step(gradientsAt(1), 0.01)
    expect(values(cycled)).toEqual(values(rebuilt))
    expect(cycled.state().hyperparameters.beta1).toBe(0.85)
  })

  it('setHyperparameters validates like the factory and refuses changes to the state buffers', () => {
    const adam = adamOptimizer({ parameters: makeParameters() })
    expect(() => adam.setHyperparameters({ beta1: 1 })).toThrow(
      new InvalidArgumentError({ argument: 'beta1', value: 1, expected: 'a number with 0 <= beta1 < 1' }),
    )
    expect(() => adam.setHyperparameters({ momentum: 0.9 } as never)).toThrow(
      'momentum is not an option of setHyperparameters; allowed: beta1, beta2, eps, weightDecay, amsgrad',
    )
    expect(() => adam.setHyperparameters({ amsgrad: true })).toThrow(
      'setHyperparameters({"amsgrad":true}) would change the optimizer\'s state buffers (expAvg=0, expAvgSq=0 → expAvg=0, expAvgSq=0, maxExpAvgSq=0), which only a new optimizer can do; create the optimizer with these settings instead',
    )
    const sgd = sgdOptimizer({ parameters: makeParameters() })
    expect(() => sgd.setHyperparameters({ momentum: 0.9 })).toThrow(/\(none → momentumBuffer=0\)/)
    expect(adam.hyperparameters.beta1).toBe(0.9)
  })
})

describe('learning rates that overflow float32', () => {
  it('refuses an Adam rate whose step size lr / (1 − β₁ᵗ) overflows, before changing anything', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters() })
    const before = values(optimizer)
    expect(() => optimizer.step(gradientsAt(0), 1e38)).toThrow(
      'learningRate of group "default" (rate × lrScale 1) is 1e+38 and gives a step size of 1.0000000000000002e+39, which overflows float32 (largest float32 3.4028234663852886e+38); the update would write ±Infinity. Use a smaller learning rate',
    )
    expect(values(optimizer)).toEqual(before)
    expect(optimizer.stepCount).toBe(0)
    expect(optimizer.state().parameters['head.bias']!.step).toBe(0)
  })

  it('refuses a rate above the float32 range for every optimizer, and a rate × weight decay that overflows', () => {
    const sgd = sgdOptimizer({ parameters: makeParameters() })
    expect(() => sgd.step(gradientsAt(0), 1e39)).toThrow(/is 1e\+39 and overflows float32/)
    const adamw = adamwOptimizer({ parameters: makeParameters(), weightDecay: 1e3 })
    expect(() => adamw.step(gradientsAt(0), 1e36)).toThrow(/times its weight decay overflows float32/)
    expect(adamw.step(gradientsAt(0), 1e-3).applied).toBe(true)
  })
})

describe('wasm memory (unshared: no growth once arrays are handed out)', () => {
  it('an optimizer allocates everything in one call, so a fresh memory grows to fit it', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16, sharedMemory: false })
    const parameters = { w: new Float32Array(200_000).fill(1) }
    const optimizer = adamOptimizer({ parameters, kernels })
    expect(optimizer.step({ w: new Float32Array(200_000).fill(0.5) }, 0.1).applied).toBe(true)
  })

  it('the memory-full error states the total needed, and following it works at once', () => {
    const parameters = () => ({ w: new Float32Array(200_000).fill(1), b: new Float32Array(10) })
    const small = createWasmKernels({ initialMemoryBytes: 1 << 16, sharedMemory: false })
    adamOptimizer({ parameters: parameters(), kernels: small })
    let message = ''
    try {
      adamOptimizer({ parameters: parameters(), kernels: small })
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidStateError)
      message = (error as Error).message
    }
    const advised = /createWasmKernels\(\{ initialMemoryBytes: (\d+) \}\) or more/.exec(message)
    expect(advised, message).not.toBeNull()
    const kernels = createWasmKernels({ initialMemoryBytes: Number(advised![1]), sharedMemory: false })
    adamOptimizer({ parameters: parameters(), kernels })
    const second = adamOptimizer({ parameters: parameters(), kernels })
    expect(second.step({ w: new Float32Array(200_000), b: new Float32Array(10) }, 0.1).applied).toBe(true)
  })
})

describe("missingGradients: 'skip' (frameworks that omit frozen variables' gradients)", () => {
  for (const backend of ['js', 'wasm'] as const) {
    it(`${backend}: a parameter without a gradient keeps its value, state and step count; the others update`, () => {
      const kernels = backend === 'wasm' ? { kernels: createWasmKernels({ rounding: 'exact' }) } : {}
      const skipping = adamOptimizer({
        parameters: makeParameters(),
        groups,
        missingGradients: 'skip',
        ...kernels,
      })
      const reference = adamOptimizer({ parameters: makeParameters(), groups, ...kernels })
      for (let step = 0; step < 6; step++) {
        const gradients = gradientsAt(step)
        const partial = { ...gradients }
        if (step < 3) delete partial['encoder.0.bias']
        if (step % 2 === 0) delete partial['encoder.1.weight']
        expect(skipping.step(partial, 0.01).applied).toBe(true)
      }
      const state = skipping.state().parameters
      expect(state['encoder.0.bias']!.step).toBe(3)
      expect(state['encoder.1.weight']!.step).toBe(3)
      expect(state['encoder.0.weight']!.step).toBe(6)
      // The parameters that always had a gradient follow an optimizer that always got them all.
      for (let step = 0; step < 6; step++) reference.step(gradientsAt(step), 0.01)
      expect(Array.from(skipping.parameters.get('head.weight')!)).toEqual(
        Array.from(reference.parameters.get('head.weight')!),
      )
      expect(Array.from(skipping.parameters.get('encoder.0.weight')!)).toEqual(
        Array.from(reference.parameters.get('encoder.0.weight')!),
      )
      // A skipped parameter's first update is the bias-corrected step 1 of its own (≈ lr · sign).
      const first = makeParameters()['encoder.0.bias']!
      const fresh = adamOptimizer({ parameters: { b: first.slice() } })
      for (let step = 3; step < 6; step++) fresh.step({ b: gradientsAt(step)['encoder.0.bias']! }, 0.01 * 0.1)
      expectAllClose(skipping.parameters.get('encoder.0.bias')!, fresh.parameters.get('b')!, {
        rtol: 1e-6,
        atol: 0,
      })
    })
  }

  it('the default still names a missing gradient; skip cannot be combined with accumulation', () => {
    const optimizer = adamOptimizer({ parameters: makeParameters() })
    const partial: Record<string, Float32Array> = gradientsAt(0)
    delete partial['head.bias']
    expect(() => optimizer.step(partial, 0.1)).toThrow(
      'gradients has no entry for trainable parameter "head.bias" (group "default")',
    )
    expect(() =>
      adamOptimizer({ parameters: makeParameters(), missingGradients: 'skip', accumulationSteps: 2 }),
    ).toThrow(/missingGradients "skip" cannot be combined with accumulationSteps 2/)
    expect(() =>
      adamOptimizer({ parameters: makeParameters(), missingGradients: 'ignore' as never }),
    ).toThrow(
      new InvalidArgumentError({
        argument: 'missingGradients',
        value: 'ignore',
        expected: 'one of "error", "skip"',
      }),
    )
  })
})

describe('stepCount in the saved state', () => {
  it('is saved and restored by load(), and validated', () => {
    const source = sgdOptimizer({ parameters: makeParameters() })
    for (let step = 0; step < 4; step++) source.step(gradientsAt(step), 0.1)
    const state = source.state()
    expect(state.stepCount).toBe(4)
    const target = sgdOptimizer({ parameters: makeParameters() })
    target.load(state)
    expect(target.stepCount).toBe(4)
    const { stepCount: _dropped, ...older } = state
    const untouched = sgdOptimizer({ parameters: makeParameters() })
    untouched.load(older)
    expect(untouched.stepCount).toBe(0)
    expect(() => target.load({ ...state, stepCount: -1 })).toThrow(
      'cannot load optimizer state: state.stepCount must be a non-negative integer, got -1',
    )
  })
})
