import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type AdamwOptimizerOptions, adamwOptimizer } from './adamw-optimizer'

/**
 * [V] vectors: the values PyTorch `torch.optim.AdamW` (https://pytorch.org/docs/stable/optim.html) gives;
 * θ₀ = 1, these gradients, lr 0.1, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]
const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

function trajectory(options: Omit<AdamwOptimizerOptions, 'parameters'>) {
  const theta = new Float32Array([1])
  const optimizer = adamwOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient) => {
    optimizer.step({ theta: new Float32Array([gradient]) }, 0.1)
    return theta[0]!
  })
}

describe('adamwOptimizer', () => {
  it('weight decay 0.01 (the default) matches the PyTorch (= optax) [V] vector', () => {
    const expected = [0.899000002, 0.87895119894, 0.84332947959, 0.786960592483, 0.747037148909]
    expectAllClose(trajectory({}), expected, FLOAT32)
    expectAllClose(trajectory({ weightDecay: 0.01 }), expected, FLOAT32)
  })

  it('decays θ by (1 − γλ) before the Adam step: step 1 gives 1·(1 − 0.1·0.5) − 0.1', () => {
    expectClose(trajectory({ weightDecay: 0.5 })[0]!, 0.85, { rtol: 1e-6 })
  })

  it('weight decay 0 equals Adam', () => {
    expectAllClose(
      trajectory({ weightDecay: 0 }),
      [0.900000002, 0.880850198942, 0.846107430791, 0.790581873163, 0.751445390182],
      FLOAT32,
    )
  })

  it('records the PyTorch AdamW defaults in the state', () => {
    const state = adamwOptimizer({ parameters: { theta: new Float32Array(1) } }).state()
    expect(state.optimizer).toBe('adamw')
    expect(state.hyperparameters).toEqual({
      beta1: 0.9,
      beta2: 0.999,
      eps: 1e-8,
      weightDecay: 0.01,
      amsgrad: false,
    })
  })

  it('rejects an invalid weightDecay and unknown options with the adamwOptimizer name', () => {
    const parameters = { theta: new Float32Array(1) }
    expect(() => adamwOptimizer({ parameters, weightDecay: -0.01 })).toThrow(
      'weightDecay must be a finite number >= 0, got -0.01',
    )
    expect(() => adamwOptimizer({ parameters, betas: [0.9, 0.999] } as never)).toThrow(
      'betas is not an option of adamwOptimizer; allowed: parameters, groups, gradientClipping, accumulationSteps, missingGradients, kernels, beta1, beta2, eps, weightDecay, amsgrad',
    )
  })
})
