import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type AdamOptimizerOptions, adamOptimizer } from './adam-optimizer'

/**
 * [V] vectors: the values PyTorch `torch.optim.Adam` (https://pytorch.org/docs/stable/optim.html) gives;
 * θ₀ = 1, these gradients, lr 0.1, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]
const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

function trajectory(options: Omit<AdamOptimizerOptions, 'parameters'>) {
  const theta = new Float32Array([1])
  const optimizer = adamOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient) => {
    optimizer.step({ theta: new Float32Array([gradient]) }, 0.1)
    return theta[0]!
  })
}

describe('adamOptimizer', () => {
  it('defaults match the PyTorch (= optax) [V] vector', () => {
    expectAllClose(
      trajectory({}),
      [0.900000002, 0.880850198942, 0.846107430791, 0.790581873163, 0.751445390182],
      FLOAT32,
    )
  })

  it('eps 0.1 (outside the root) matches the [V] vector', () => {
    expectAllClose(
      trajectory({ eps: 0.1 }),
      [0.916666666667, 0.901255145988, 0.874134677875, 0.830489571617, 0.800422140777],
      FLOAT32,
    )
  })

  it('step 1 moves by the learning rate: m̂ = g, √v̂ = |g|', () => {
    expectClose(trajectory({})[0]!, 0.9, { rtol: 1e-7 })
  })

  it('L2 weight decay adds λθ to the gradient before the moments (step 1 still moves by γ)', () => {
    const values = trajectory({ weightDecay: 0.1 })
    expectClose(values[0]!, 0.9, { rtol: 1e-7 })
    expect(values[1]).not.toBe(trajectory({})[1])
  })

  it('AMSGrad normalises by the running maximum of v (bias-corrected as PyTorch)', () => {
    const theta = new Float32Array([0])
    const optimizer = adamOptimizer({ parameters: { theta }, amsgrad: true, beta1: 0, beta2: 0.5, eps: 0 })
    optimizer.step({ theta: new Float32Array([2]) }, 1) // v = 2, max = 2 → θ = −2/(√2/√0.5) = −1
    expectClose(theta[0]!, -1, { rtol: 1e-7 })
    optimizer.step({ theta: new Float32Array([1]) }, 1) // v = 1.5 < max 2 → θ −= 1/(√2/√0.75)
    expectClose(theta[0]!, -1 - 1 / (Math.SQRT2 / Math.sqrt(0.75)), { rtol: 1e-6 })
    expect(optimizer.state().parameters.theta!.buffers.maxExpAvgSq![0]).toBe(2)
  })

  it('records PyTorch defaults in the state', () => {
    const state = adamOptimizer({ parameters: { theta: new Float32Array(1) } }).state()
    expect(state.optimizer).toBe('adam')
    expect(state.hyperparameters).toEqual({
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0,
      amsgrad: false,
    })
    expect(Object.keys(state.parameters.theta!.buffers)).toEqual(['expAvg', 'expAvgSq'])
  })

  const parameters = { theta: new Float32Array(1) }
  const invalid: Array<[Partial<AdamOptimizerOptions>, string]> = [
    [{ beta1: 1 }, 'beta1 must be a number with 0 <= beta1 < 1, got 1'],
    [{ beta2: -0.1 }, 'beta2 must be a number with 0 <= beta2 < 1, got -0.1'],
    [{ eps: -1e-8 }, 'eps must be a finite number >= 0, got -1e-8'],
    [{ weightDecay: -1 }, 'weightDecay must be a finite number >= 0, got -1'],
    [{ amsgrad: 'yes' as unknown as boolean }, 'amsgrad must be true or false, got "yes"'],
  ]
  for (const [options, message] of invalid) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expect(() => adamOptimizer({ parameters, ...options })).toThrow(message)
    })
  }
})
