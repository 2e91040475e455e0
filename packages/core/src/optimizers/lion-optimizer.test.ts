import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type LionOptimizerOptions, lionOptimizer } from './lion-optimizer'

/**
 * [V] vectors: the values optax `lion` (https://optax.readthedocs.io/en/latest/api/optimizers.html#optax.lion)
 * and Keras `Lion` give (PyTorch has no Lion); θ₀ = 1, these gradients, lr 0.01, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]
const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

function trajectory(options: Omit<LionOptimizerOptions, 'parameters'>) {
  const theta = new Float32Array([1])
  const optimizer = lionOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient) => {
    optimizer.step({ theta: new Float32Array([gradient]) }, 0.01)
    return theta[0]!
  })
}

/** Lion in float64, written from the paper's Algorithm 2 (independent of the kernel). */
function closedForm(beta1: number, beta2: number, weightDecay: number): number[] {
  let theta = 1
  let moment = 0
  return GRADIENTS.map((gradient) => {
    const direction = Math.sign(beta1 * moment + (1 - beta1) * gradient)
    theta -= 0.01 * (direction + weightDecay * theta)
    moment = beta2 * moment + (1 - beta2) * gradient
    return theta
  })
}

describe('lionOptimizer', () => {
  it('weightDecay 1e-3 matches the optax [V] vector', () => {
    expectAllClose(
      trajectory({ weightDecay: 1e-3 }),
      [0.98999, 0.9999801001, 0.989970100299, 0.979960200598, 0.989950400996],
      FLOAT32,
    )
  })

  it('the default (no weight decay) matches the Keras [V] vector: every step moves by exactly γ', () => {
    expectAllClose(trajectory({}), [0.99, 1, 0.99, 0.98, 0.99], FLOAT32)
  })

  it('matches the closed form for other betas and decay', () => {
    expectAllClose(
      trajectory({ beta1: 0.5, beta2: 0.8, weightDecay: 0.1 }),
      closedForm(0.5, 0.8, 0.1),
      FLOAT32,
    )
    expectAllClose(trajectory({ beta1: 0.99, beta2: 0.9 }), closedForm(0.99, 0.9, 0), FLOAT32)
  })

  it('a zero gradient with a zero moment does not move θ (sign(0) = 0)', () => {
    const theta = new Float32Array([1])
    lionOptimizer({ parameters: { theta } }).step({ theta: new Float32Array([0]) }, 0.1)
    expect(theta[0]).toBe(1)
  })

  it('records its defaults (weightDecay 0; optax uses 1e-3) in the state', () => {
    const state = lionOptimizer({ parameters: { theta: new Float32Array(1) } }).state()
    expect(state.optimizer).toBe('lion')
    expect(state.hyperparameters).toEqual({ beta1: 0.9, beta2: 0.99, weightDecay: 0 })
    expect(Object.keys(state.parameters.theta!.buffers)).toEqual(['expAvg'])
  })

  const parameters = { theta: new Float32Array(1) }
  const invalid: Array<[Partial<LionOptimizerOptions>, string]> = [
    [{ beta1: 1.5 }, 'beta1 must be a number with 0 <= beta1 <= 1, got 1.5'],
    [{ beta2: -0.5 }, 'beta2 must be a number with 0 <= beta2 <= 1, got -0.5'],
    [{ weightDecay: -1e-3 }, 'weightDecay must be a finite number >= 0, got -0.001'],
  ]
  for (const [options, message] of invalid) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expect(() => lionOptimizer({ parameters, ...options })).toThrow(message)
    })
  }
})
