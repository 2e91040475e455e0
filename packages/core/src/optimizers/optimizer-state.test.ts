import { describe, expect, it } from 'vitest'
import { InvalidStateError } from '../errors/invalid-state-error'
import { adamOptimizer } from './adam-optimizer'
import { createWasmKernels } from './kernels/wasm-kernels'
import { sgdOptimizer } from './sgd-optimizer'
import type { OptimizerState } from './types'

const parameters = (): Record<string, Float32Array> => ({
  w: Float32Array.from([0.5, -0.25, 1]),
  b: Float32Array.from([0.1]),
})
const gradients = (): Record<string, Float32Array> => ({
  w: Float32Array.from([0.1, 0.2, -0.3]),
  b: Float32Array.from([0.05]),
})

describe('load() rejects non-finite state', () => {
  for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
    it(`a moment buffer holding ${bad}: InvalidStateError naming the entry, nothing restored`, () => {
      const source = adamOptimizer({ parameters: parameters() })
      source.step(gradients(), 0.1)
      const state = source.state()
      state.parameters.w!.buffers.expAvgSq![1] = bad
      const target = adamOptimizer({ parameters: parameters() })
      expect(() => target.load(state)).toThrow(
        new InvalidStateError({
          message: `cannot load optimizer state: state.parameters["w"].buffers.expAvgSq[1] is ${bad}; optimizer state must be finite (a NaN or infinite moment would turn the next update into NaN)`,
        }),
      )
      expect(target.state().parameters.w!.step).toBe(0)
      expect(Array.from(target.state().parameters.w!.buffers.expAvg!)).toEqual([0, 0, 0])
    })
  }

  it('an accumulated gradient holding NaN', () => {
    const source = sgdOptimizer({ parameters: parameters(), accumulationSteps: 3 })
    source.step(gradients(), 0.1)
    const state = source.state()
    state.accumulation!.gradients.b![0] = Number.NaN
    const target = sgdOptimizer({ parameters: parameters(), accumulationSteps: 3 })
    expect(() => target.load(state)).toThrow(
      'cannot load optimizer state: state.accumulation.gradients["b"][0] is NaN; optimizer state must be finite',
    )
  })
})

describe('names that are object keys with special meaning', () => {
  it('keeps a parameter and a group named __proto__ through step, state() and load()', () => {
    const make = () =>
      adamOptimizer({
        parameters: new Map([
          ['__proto__', Float32Array.from([1, 2])],
          ['constructor', Float32Array.from([3])],
        ]),
        groups: [{ name: '__proto__', parameters: ['__proto__'], lrScale: 0.5, trainable: true }],
        kernels: createWasmKernels(),
      })
    const optimizer = make()
    const step = new Map([
      ['__proto__', Float32Array.from([0.1, -0.1])],
      ['constructor', Float32Array.from([0.2])],
    ])
    optimizer.step(step, 0.1)
    // A record with an own "__proto__" key (as JSON.parse makes) works as gradients too.
    const record = JSON.parse('{"__proto__": [0.1, -0.1], "constructor": [0.2]}') as Record<string, number[]>
    optimizer.step(
      Object.fromEntries(Object.entries(record).map(([name, list]) => [name, Float32Array.from(list)])),
      0.1,
    )
    const state = optimizer.state()
    expect(Object.keys(state.parameters)).toEqual(['__proto__', 'constructor'])
    expect(Object.keys(state.trainable)).toEqual(['__proto__', 'default'])
    expect(Object.getPrototypeOf(state.parameters)).toBe(Object.prototype)
    // An own data property named __proto__ (as JSON.parse makes), not the prototype.
    expect(Object.getOwnPropertyDescriptor(state.parameters, '__proto__')?.value.step).toBe(2)
    const restored = make()
    restored.load(state)
    expect(restored.state()).toEqual(state)
    for (const [name, array] of optimizer.parameters) restored.parameters.get(name)!.set(array)
    optimizer.step(step, 0.1)
    restored.step(step, 0.1)
    expect(Array.from(restored.parameters.get('__proto__')!)).toEqual(
      Array.from(optimizer.parameters.get('__proto__')!),
    )
  })
})

describe('load() at scale', () => {
  it('restores the state of 80,000 parameters (linear in the number of parameters)', () => {
    const many = (): Map<string, Float32Array> =>
      new Map(Array.from({ length: 80_000 }, (_, index) => [`p${index}`, new Float32Array(2).fill(index)]))
    const source = adamOptimizer({ parameters: many() })
    const grads = new Map([...source.parameters.keys()].map((name) => [name, new Float32Array(2).fill(0.5)]))
    source.step(grads, 0.01)
    const state: OptimizerState = source.state()
    const target = adamOptimizer({ parameters: many() })
    target.load(state)
    expect(target.state().parameters.p79999!.step).toBe(1)
    expect(target.state().parameters.p123!.buffers.expAvg![0]).toBeCloseTo(0.05, 7)
  })
})
