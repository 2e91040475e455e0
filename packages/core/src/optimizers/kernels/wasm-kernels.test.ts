import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../../errors/invalid-argument-error'
import { InvalidStateError } from '../../errors/invalid-state-error'
import { jsKernels } from './js-kernels'
import { selectKernels } from './select-kernels'
import type { AdagradHyper, AdamHyper, LionHyper, OptimizerKernels, RmspropHyper, SgdHyper } from './types'
import { createWasmKernels, wasmSimdSupported } from './wasm-kernels'

/** Deterministic uniform values in [−scale, scale) (mulberry32). */
function random(length: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(length)
  let state = seed >>> 0
  for (let index = 0; index < length; index++) {
    state = (state + 0x6d2b79f5) >>> 0
    let mixed = Math.imul(state ^ (state >>> 15), state | 1)
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61)
    out[index] = (((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296 - 0.5) * 2 * scale
  }
  return out
}

/**
 * Float32 agreement after 60 steps: 1e-6 relative to each element, or to the array's largest
 * magnitude for elements that pass near 0 (the backends round some operations differently: the JS
 * kernels round a product-plus-sum once, as PyTorch's fused CPU kernels; wasm rounds each).
 */
function agreement(expected: Float32Array): { rtol: number; atol: number } {
  let scale = 0
  for (const value of expected) scale = Math.max(scale, Math.abs(value))
  return { rtol: 1e-6, atol: 1e-6 * scale }
}
/** Float32 results against float64 reference vectors. */
const VECTOR_TOLERANCE = { rtol: 1e-6, atol: 2e-7 }
const LENGTHS = [1, 3, 4, 5, 17, 1000]
const STEPS = 60

type Case = {
  readonly name: string
  readonly states: number
  /** Run one step (1-based) on `kernels`; `state` holds `states` arrays. */
  readonly step: (
    kernels: OptimizerKernels,
    param: Float32Array,
    grad: Float32Array,
    state: Float32Array[],
    step: number,
  ) => void
  /** Scale of the random gradients. */
  readonly gradScale?: number
}

const sgd =
  (hyper: Omit<SgdHyper, 'firstStep'>): Case['step'] =>
  (kernels, param, grad, state, step) =>
    kernels.sgd(param, grad, hyper.momentum === 0 ? undefined : state[0], { ...hyper, firstStep: step === 1 })

const adam =
  (hyper: Omit<AdamHyper, 'step'>): Case['step'] =>
  (kernels, param, grad, state, step) =>
    kernels.adam(param, grad, state[0]!, state[1]!, hyper.amsgrad ? state[2] : undefined, { ...hyper, step })

const rmsprop =
  (hyper: RmspropHyper): Case['step'] =>
  (kernels, param, grad, state) =>
    kernels.rmsprop(
      param,
      grad,
      state[0]!,
      hyper.centered ? state[1] : undefined,
      hyper.momentum > 0 ? state[2] : undefined,
      hyper,
    )

const adagrad =
  (hyper: AdagradHyper, lrDecay = 0): Case['step'] =>
  (kernels, param, grad, state, step) =>
    kernels.adagrad(param, grad, state[0]!, {
      ...hyper,
      learningRate: hyper.learningRate / (1 + (step - 1) * lrDecay),
    })

const lion =
  (hyper: LionHyper): Case['step'] =>
  (kernels, param, grad, state) =>
    kernels.lion(param, grad, state[0]!, hyper)

const adamDefaults = {
  learningRate: 1e-2,
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  decoupledWeightDecay: false,
  amsgrad: false,
}
const rmspropDefaults = {
  learningRate: 1e-2,
  alpha: 0.99,
  eps: 1e-8,
  weightDecay: 0,
  momentum: 0,
  centered: false,
}

const cases: readonly Case[] = [
  {
    name: 'SGD',
    states: 0,
    step: sgd({ learningRate: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 }),
  },
  {
    name: 'SGD weight decay',
    states: 0,
    step: sgd({ learningRate: 0.1, momentum: 0, dampening: 0, nesterov: false, weightDecay: 0.01 }),
  },
  {
    name: 'SGD momentum',
    states: 1,
    step: sgd({ learningRate: 0.05, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 }),
  },
  {
    name: 'SGD momentum dampening weight decay',
    states: 1,
    step: sgd({ learningRate: 0.05, momentum: 0.9, dampening: 0.1, nesterov: false, weightDecay: 1e-3 }),
  },
  {
    name: 'SGD Nesterov',
    states: 1,
    step: sgd({ learningRate: 0.05, momentum: 0.9, dampening: 0, nesterov: true, weightDecay: 1e-3 }),
  },
  { name: 'Adam', states: 2, step: adam(adamDefaults) },
  { name: 'Adam L2', states: 2, step: adam({ ...adamDefaults, weightDecay: 0.01 }) },
  {
    name: 'AdamW',
    states: 2,
    step: adam({ ...adamDefaults, weightDecay: 0.01, decoupledWeightDecay: true }),
  },
  { name: 'Adam AMSGrad', states: 3, step: adam({ ...adamDefaults, amsgrad: true }) },
  { name: 'Adam AMSGrad L2', states: 3, step: adam({ ...adamDefaults, amsgrad: true, weightDecay: 0.01 }) },
  {
    name: 'AdamW AMSGrad',
    states: 3,
    step: adam({ ...adamDefaults, amsgrad: true, weightDecay: 0.01, decoupledWeightDecay: true }),
  },
  {
    name: 'Adam beta1 0.3 eps 1e-3',
    states: 2,
    step: adam({ ...adamDefaults, beta1: 0.3, beta2: 0.9, eps: 1e-3 }),
  },
  { name: 'RMSProp', states: 1, step: rmsprop(rmspropDefaults) },
  { name: 'RMSProp weight decay', states: 1, step: rmsprop({ ...rmspropDefaults, weightDecay: 0.01 }) },
  {
    name: 'RMSProp centered',
    states: 2,
    step: rmsprop({ ...rmspropDefaults, alpha: 0.9, eps: 1e-2, centered: true }),
  },
  { name: 'RMSProp momentum', states: 3, step: rmsprop({ ...rmspropDefaults, momentum: 0.9 }) },
  {
    name: 'RMSProp centered momentum weight decay',
    states: 3,
    step: rmsprop({
      ...rmspropDefaults,
      alpha: 0.9,
      eps: 1e-2,
      centered: true,
      momentum: 0.9,
      weightDecay: 0.01,
    }),
  },
  { name: 'Adagrad', states: 1, step: adagrad({ learningRate: 1e-2, eps: 1e-10, weightDecay: 0 }) },
  {
    name: 'Adagrad lr decay weight decay',
    states: 1,
    step: adagrad({ learningRate: 1e-2, eps: 1e-10, weightDecay: 0.01 }, 0.01),
  },
  { name: 'Lion', states: 1, step: lion({ learningRate: 1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0 }) },
  {
    name: 'Lion weight decay',
    states: 1,
    step: lion({ learningRate: 1e-3, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 }),
  },
]

/** Runs `testCase` on both backends from the same random start; returns [wasm, js] arrays per step. */
function runBoth(
  testCase: Case,
  length: number,
  seed: number,
  rounding: 'exact' | 'fast' = 'exact',
): { wasm: Float32Array[]; js: Float32Array[] } {
  const kernels = createWasmKernels({ initialMemoryBytes: 1 << 20, rounding })
  const initial = random(length, seed, 1)
  const wasmParam = kernels.allocate(length)
  wasmParam.set(initial)
  const wasmGrad = kernels.allocate(length)
  const wasmState = Array.from({ length: Math.max(testCase.states, 3) }, () => kernels.allocate(length))
  const jsParam = Float32Array.from(initial)
  const jsGrad = new Float32Array(length)
  const jsState = Array.from({ length: Math.max(testCase.states, 3) }, () => new Float32Array(length))
  for (let step = 1; step <= STEPS; step++) {
    const grad = random(length, seed * 7919 + step, testCase.gradScale ?? 0.5)
    wasmGrad.set(grad)
    jsGrad.set(grad)
    testCase.step(kernels, wasmParam, wasmGrad, wasmState, step)
    testCase.step(jsKernels, jsParam, jsGrad, jsState, step)
    expect(Array.from(wasmGrad), 'the gradient is read only').toEqual(Array.from(grad))
  }
  return { wasm: [wasmParam, ...wasmState], js: [jsParam, ...jsState] }
}

describe('wasmSimdSupported', () => {
  it('is true on Node 20 (WebAssembly SIMD since Node 16.4)', () => {
    expect(wasmSimdSupported()).toBe(true)
  })
})

describe('wasm kernels (exact rounding) are bit-identical to the JS kernels over 60 steps', () => {
  for (const testCase of cases) {
    it(`${testCase.name}, lengths ${LENGTHS.join(', ')}`, () => {
      for (const length of LENGTHS) {
        const { wasm, js } = runBoth(testCase, length, length + 11)
        wasm.forEach((array, index) => {
          expect(Array.from(array), `${testCase.name} length ${length} array ${index}`).toEqual(
            Array.from(js[index]!),
          )
        })
      }
    })
  }
})

describe("wasm kernels with rounding: 'fast' agree with the JS kernels within float32 rounding", () => {
  for (const testCase of cases) {
    it(`${testCase.name}, lengths ${LENGTHS.join(', ')}`, () => {
      for (const length of LENGTHS) {
        const { wasm, js } = runBoth(testCase, length, length + 11, 'fast')
        wasm.forEach((array, index) => {
          expectAllClose(array, js[index]!, {
            ...agreement(js[index]!),
            label: `${testCase.name} length ${length} array ${index}`,
          })
        })
      }
    })
  }
})

describe('the scalar tail reproduces the 4-lane body bit for bit', () => {
  for (const [testCase, rounding] of cases.flatMap((entry) => [
    [entry, 'exact'] as const,
    [entry, 'fast'] as const,
  ])) {
    it(`${testCase.name} (${rounding})`, () => {
      // Length 7: elements 0–3 run in one vector, 4–6 in the scalar tail with the same data as 0–2.
      const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16, rounding })
      const param = kernels.allocate(7)
      const grad = kernels.allocate(7)
      const state = Array.from({ length: 3 }, () => kernels.allocate(7))
      const start = random(4, 3, 1)
      param.set([...start, ...start.subarray(0, 3)])
      for (let step = 1; step <= 20; step++) {
        const values = random(4, 100 + step, 0.5)
        grad.set([...values, ...values.subarray(0, 3)])
        testCase.step(kernels, param, grad, state, step)
      }
      for (const array of [param, ...state]) {
        expect(Array.from(array.subarray(4, 7))).toEqual(Array.from(array.subarray(0, 3)))
      }
    })
  }
})

describe('reference vectors (PyTorch torch.optim, https://pytorch.org/docs/stable/optim.html; Lion: optax, Keras; θ₀ = 1, lr 0.1)', () => {
  const gradients = [0.5, -0.3, 0.2, 0.4, -0.1]
  /** Runs 5 steps on 6 equal elements (one vector and a 2-element tail); returns θ per step. */
  function trajectory(
    states: number,
    run: (
      kernels: OptimizerKernels,
      param: Float32Array,
      grad: Float32Array,
      state: Float32Array[],
      step: number,
    ) => void,
  ): number[] {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const param = kernels.allocate(6).fill(1)
    const grad = kernels.allocate(6)
    const state = Array.from({ length: Math.max(states, 1) }, () => kernels.allocate(6))
    return gradients.map((gradient, index) => {
      grad.fill(gradient)
      run(kernels, param, grad, state, index + 1)
      expect(new Set(param).size, 'all lanes and the tail agree').toBe(1)
      return param[0]!
    })
  }
  const sgdHyper = { learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0 }
  const vectors: [string, number[], () => number[]][] = [
    ['SGD μ 0.9', [0.95, 0.935, 0.9015, 0.83135, 0.778215], () => trajectory(1, sgd(sgdHyper))],
    [
      'SGD Nesterov',
      [0.905, 0.9215, 0.87135, 0.768215, 0.7303935],
      () => trajectory(1, sgd({ ...sgdHyper, nesterov: true })),
    ],
    [
      'SGD dampening 0.1',
      [0.95, 0.932, 0.8978, 0.83102, 0.779918],
      () => trajectory(1, sgd({ ...sgdHyper, dampening: 0.1 })),
    ],
    [
      'SGD lr 0.1 → 0.01 at the third update',
      [0.95, 0.935, 0.93165, 0.924635, 0.9193215],
      () =>
        trajectory(1, (kernels, param, grad, state, step) =>
          sgd({ ...sgdHyper, learningRate: step >= 3 ? 0.01 : 0.1 })(kernels, param, grad, state, step),
        ),
    ],
    [
      'Adam defaults',
      [0.900000002, 0.880850198942, 0.846107430791, 0.790581873163, 0.751445390182],
      () => trajectory(2, adam({ ...adamDefaults, learningRate: 0.1 })),
    ],
    [
      'Adam ε 0.1',
      [0.916666666667, 0.901255145988, 0.874134677875, 0.830489571617, 0.800422140777],
      () => trajectory(2, adam({ ...adamDefaults, learningRate: 0.1, eps: 0.1 })),
    ],
    [
      'AdamW wd 0.01',
      [0.899000002, 0.87895119894, 0.84332947959, 0.786960592483, 0.747037148909],
      () =>
        trajectory(
          2,
          adam({ ...adamDefaults, learningRate: 0.1, weightDecay: 0.01, decoupledWeightDecay: true }),
        ),
    ],
    [
      'RMSProp defaults (α 0.99, ε 1e-8)',
      [1.99999960482e-7, 0.516397890605, 0.18941761185, -0.359825762834, -0.22311880564],
      () => trajectory(1, rmsprop({ ...rmspropDefaults, learningRate: 0.1 })),
    ],
    [
      'RMSProp α 0.9, ε 1e-2, momentum 0.9',
      [0.70258256424, 0.594921897686, 0.392687107099, 0.0308220410437, -0.248120855042],
      () =>
        trajectory(
          3,
          rmsprop({ ...rmspropDefaults, learningRate: 0.1, alpha: 0.9, eps: 1e-2, momentum: 0.9 }),
        ),
    ],
    [
      'RMSProp α 0.9, ε 1e-2, momentum 0.9, centered',
      [0.6875, 0.566808837374, 0.351070952837, -0.0331310183821, -0.330586528725],
      () =>
        trajectory(
          3,
          rmsprop({
            ...rmspropDefaults,
            learningRate: 0.1,
            alpha: 0.9,
            eps: 1e-2,
            momentum: 0.9,
            centered: true,
          }),
        ),
    ],
    [
      'Adagrad defaults',
      [0.90000000002, 0.951449575554, 0.919005291333, 0.864572185945, 0.878056183193],
      () => trajectory(1, adagrad({ learningRate: 0.1, eps: 1e-10, weightDecay: 0 })),
    ],
    [
      'Lion lr 0.01, wd 1e-3 (optax)',
      [0.98999, 0.9999801001, 0.989970100299, 0.979960200598, 0.989950400996],
      () => trajectory(1, lion({ learningRate: 0.01, beta1: 0.9, beta2: 0.99, weightDecay: 1e-3 })),
    ],
    [
      'Lion lr 0.01, no weight decay (Keras)',
      [0.99, 1, 0.99, 0.98, 0.99],
      () => trajectory(1, lion({ learningRate: 0.01, beta1: 0.9, beta2: 0.99, weightDecay: 0 })),
    ],
  ]
  for (const [name, expected, actual] of vectors) {
    it(name, () => {
      expectAllClose(actual(), expected, { ...VECTOR_TOLERANCE, label: name })
    })
  }
})

describe('allocate', () => {
  it('returns zero-filled views into one memory, each starting on a 16-byte boundary, not overlapping', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const views = [1, 3, 4, 5, 17, 0, 1000].map((length) => kernels.allocate(length))
    for (const view of views) {
      expect(view.byteOffset % 16).toBe(0)
      expect(view.every((value) => value === 0)).toBe(true)
      expect(view.buffer).toBe(views[0]!.buffer)
    }
    for (let index = 1; index < views.length; index++) {
      const previous = views[index - 1]!
      expect(views[index]!.byteOffset).toBeGreaterThanOrEqual(previous.byteOffset + previous.byteLength)
    }
    expect(kernels.backend).toBe('wasm')
  })

  it('earlier views stay valid and usable after allocations grow the (shared) memory', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const param = kernels.allocate(5).fill(1)
    const grad = kernels.allocate(5).fill(0.5)
    const buffer = kernels.allocate(5)
    const big = Array.from({ length: 4 }, () => kernels.allocate(100_000)) // 1.6 MB > 64 KiB
    expect(param.length).toBe(5)
    expect(Array.from(param)).toEqual([1, 1, 1, 1, 1])
    const hyper = {
      learningRate: 0.1,
      momentum: 0.9,
      dampening: 0,
      nesterov: false,
      weightDecay: 0,
      firstStep: true,
    }
    kernels.sgd(param, grad, buffer, hyper)
    expectAllClose(param, [0.95, 0.95, 0.95, 0.95, 0.95], { rtol: 1e-7 })
    expect(Array.from(buffer)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5])
    // The new views and the old ones address the same memory.
    big[3]!.fill(2)
    big[1]!.fill(1)
    kernels.sgd(big[3]!, big[1]!, big[2]!, hyper)
    expect(big[3]![99_999]).toBeCloseTo(1.9, 6)
    expect(big[2]![0]).toBe(1)
  })

  it('unshared memory grows before the first view and refuses to grow (detaching views) after', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16, sharedMemory: false })
    const first = kernels.allocate(50_000) // 200 kB: grows the memory while no view exists
    first.fill(3)
    expect(() => kernels.allocate(100_000)).toThrowError(InvalidStateError)
    expect(() => kernels.allocate(100_000)).toThrowError(
      /these kernels hold 201024 bytes \(heap base included\) and 400000 more were requested, 601024 bytes in all.*createWasmKernels\(\{ initialMemoryBytes: 655360 \}\) or more/,
    )
    expect(first[49_999]).toBe(3)
    const fits = createWasmKernels({ initialMemoryBytes: 1_000_000, sharedMemory: false })
    expect(fits.allocate(100_000).length).toBe(100_000)
    expect(fits.allocate(100_000).byteOffset % 16).toBe(0)
  })

  it('throws when maximumMemoryBytes is exhausted', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16, maximumMemoryBytes: 1 << 17 })
    expect(() => kernels.allocate(40_000)).toThrowError(/maximumMemoryBytes allows 131072/)
  })

  it('rejects a negative or fractional length', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    expect(() => kernels.allocate(-1)).toThrowError('length must be a non-negative integer, got -1')
    expect(() => kernels.allocate(1.5)).toThrowError(InvalidArgumentError)
  })
})

describe('kernels accept only views into their own memory', () => {
  const hyper = {
    learningRate: 0.1,
    beta1: 0.9,
    beta2: 0.999,
    eps: 1e-8,
    weightDecay: 0,
    decoupledWeightDecay: false,
    amsgrad: false,
    step: 1,
  }

  it('throws InvalidArgumentError for a plain Float32Array, naming kernels.allocate()', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const [param, grad, m, v] = [0, 1, 2, 3].map(() => kernels.allocate(4)) as [
      Float32Array,
      Float32Array,
      Float32Array,
      Float32Array,
    ]
    expect(() => kernels.adam(new Float32Array(4), grad, m, v, undefined, hyper)).toThrowError(
      InvalidArgumentError,
    )
    expect(() => kernels.adam(param, new Float32Array(4), m, v, undefined, hyper)).toThrowError(
      'grad must be a Float32Array allocated with kernels.allocate() of these wasm kernels (or a subarray of one), got a Float32Array outside the kernels memory',
    )
    expect(() =>
      kernels.lion(param, grad, new Float32Array(4), {
        learningRate: 1,
        beta1: 0.9,
        beta2: 0.99,
        weightDecay: 0,
      }),
    ).toThrowError(/expAvg must be a Float32Array allocated with kernels\.allocate\(\)/)
    expect(() =>
      kernels.adagrad(param, grad, jsKernels.allocate(4), { learningRate: 1, eps: 1e-10, weightDecay: 0 }),
    ).toThrowError(/stateSum/)
  })

  it('throws for views of another wasm kernels object', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const other = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const param = kernels.allocate(4)
    expect(() =>
      kernels.sgd(param, other.allocate(4), undefined, {
        learningRate: 1,
        momentum: 0,
        dampening: 0,
        nesterov: false,
        weightDecay: 0,
        firstStep: true,
      }),
    ).toThrowError(/grad must be a Float32Array allocated with kernels\.allocate\(\)/)
  })

  it('throws when an array length differs from param', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const param = kernels.allocate(4)
    expect(() =>
      kernels.rmsprop(param, kernels.allocate(4), kernels.allocate(3), undefined, undefined, {
        ...rmspropDefaults,
      }),
    ).toThrowError('squareAvg must have the length of param (4), got 3')
  })

  it('accepts subarrays at any float offset (unaligned vectors)', () => {
    const kernels = createWasmKernels({ initialMemoryBytes: 1 << 16 })
    const whole = kernels.allocate(12)
    const param = whole.subarray(1, 10).fill(1)
    const grad = kernels.allocate(10).subarray(1).fill(0.5)
    const m = kernels.allocate(9)
    const v = kernels.allocate(9)
    kernels.adam(param, grad, m, v, undefined, hyper)
    expectAllClose(param, new Array(9).fill(0.900000002), { rtol: 1e-7 })
    expect(whole[0]).toBe(0)
    expect(whole[10]).toBe(0)
  })
})

describe('createWasmKernels options', () => {
  it('rejects unknown options and invalid sizes', () => {
    expect(() => createWasmKernels({ initialMemory: 1 } as never)).toThrowError(
      'initialMemory is not an option of createWasmKernels; allowed: initialMemoryBytes, maximumMemoryBytes, sharedMemory, rounding',
    )
    expect(() => createWasmKernels({ initialMemoryBytes: 0 })).toThrowError(
      'initialMemoryBytes must be a positive integer, got 0',
    )
    expect(() => createWasmKernels({ maximumMemoryBytes: 2 ** 33 })).toThrowError(
      /maximumMemoryBytes must be an integer with 65536 <= maximumMemoryBytes <= 4294967296/,
    )
    expect(() =>
      createWasmKernels({ initialMemoryBytes: 1 << 20, maximumMemoryBytes: 1 << 16 }),
    ).toThrowError(/initialMemoryBytes must be at most maximumMemoryBytes/)
    expect(() => createWasmKernels({ sharedMemory: 'yes' } as never)).toThrowError(
      'sharedMemory must be true or false, got "yes"',
    )
    expect(() => createWasmKernels({ rounding: 'approximate' } as never)).toThrowError(
      'rounding must be one of "exact", "fast", "float32", got "approximate"',
    )
  })
})

describe('selectKernels', () => {
  it('auto picks wasm where SIMD is supported; js returns the JS kernels', () => {
    expect(selectKernels().backend).toBe('wasm')
    expect(selectKernels('auto').backend).toBe('wasm')
    expect(selectKernels('wasm', { initialMemoryBytes: 1 << 16 }).backend).toBe('wasm')
    expect(selectKernels('js')).toBe(jsKernels)
  })

  it('rejects another backend name', () => {
    expect(() => selectKernels('gpu' as never)).toThrowError(
      'backend must be one of "auto", "wasm", "js", got "gpu"',
    )
  })
})

describe('Lion sign edge cases (wasm sign = clamp(c · 2¹²⁷ · 2¹²⁷, −1, 1))', () => {
  it('matches Math.sign bit for bit for ±0, the smallest subnormals, huge values, ±∞ and NaN', () => {
    const kernels = createWasmKernels()
    const special = [
      0,
      -0,
      1.401298464324817e-45,
      -1.401298464324817e-45,
      1.1754942106924411e-38,
      -3.4028234663852886e38,
      1e-30,
      -2.5,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]
    // 12 lanes (three full vectors) and a 3-element tail: every value runs through both paths.
    const values = [...special, 7, 0, -0, 1e-44]
    const run = (k: OptimizerKernels): Float32Array[] => {
      const param = k.allocate(values.length)
      const grad = k.allocate(values.length)
      const moment = k.allocate(values.length)
      param.fill(1)
      grad.set(values)
      // beta1 = 0: c = g exactly, so the update is sign(g) itself.
      k.lion(param, grad, moment, { learningRate: 1, beta1: 0, beta2: 0.5, weightDecay: 0 })
      return [param.slice(), moment.slice()]
    }
    const [wasmParam, wasmMoment] = run(kernels)
    const [jsParam, jsMoment] = run(jsKernels)
    expect(Array.from(wasmParam!)).toEqual(Array.from(jsParam!))
    expect(Array.from(wasmMoment!)).toEqual(Array.from(jsMoment!))
    expect(Object.is(wasmParam![1], 1)).toBe(true) // 1 − (−0) = 1
    expect(wasmParam![2]).toBe(0) // 1 − sign(smallest subnormal) = 0
    expect(Number.isNaN(wasmParam![10])).toBe(true)
  })
})
