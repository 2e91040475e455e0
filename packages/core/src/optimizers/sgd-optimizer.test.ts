import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type SgdOptimizerOptions, sgdOptimizer } from './sgd-optimizer'

/**
 * [V] vectors: the values PyTorch `torch.optim.SGD` (https://pytorch.org/docs/stable/optim.html) gives;
 * θ₀ = 1, these gradients, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]

function trajectory(
  options: Omit<SgdOptimizerOptions, 'parameters'>,
  learningRates = [0.1, 0.1, 0.1, 0.1, 0.1],
) {
  const theta = new Float32Array([1])
  const optimizer = sgdOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient, step) => {
    expect(optimizer.step({ theta: new Float32Array([gradient]) }, learningRates[step]!).applied).toBe(true)
    return theta[0]!
  })
}

const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

describe('sgdOptimizer', () => {
  it('plain SGD: θ ← θ − γg', () => {
    expectAllClose(trajectory({}), [0.95, 0.98, 0.96, 0.92, 0.93], FLOAT32)
  })

  it('momentum 0.9 matches the [V] vector (step 1 sets the buffer to g)', () => {
    expectAllClose(trajectory({ momentum: 0.9 }), [0.95, 0.935, 0.9015, 0.83135, 0.778215], FLOAT32)
  })

  it('Nesterov matches the [V] vector', () => {
    expectAllClose(
      trajectory({ momentum: 0.9, nesterov: true }),
      [0.905, 0.9215, 0.87135, 0.768215, 0.7303935],
      FLOAT32,
    )
  })

  it('dampening 0.1 matches the PyTorch [V] vector (no dampening on step 1)', () => {
    expectAllClose(
      trajectory({ momentum: 0.9, dampening: 0.1 }),
      [0.95, 0.932, 0.8978, 0.83102, 0.779918],
      FLOAT32,
    )
  })

  it('a rate change 0.1 → 0.01 at the third step scales the whole step (buffer holds raw gradients)', () => {
    expectAllClose(
      trajectory({ momentum: 0.9 }, [0.1, 0.1, 0.01, 0.01, 0.01]),
      [0.95, 0.935, 0.93165, 0.924635, 0.9193215],
      FLOAT32,
    )
  })

  it('weight decay adds λθ to the gradient (first step: 1 − 0.1·(0.5 + 0.1·1))', () => {
    expectAllClose(trajectory({ weightDecay: 0.1 }).slice(0, 1), [0.94], FLOAT32)
  })

  it('defaults follow PyTorch and momentum 0 keeps no buffer', () => {
    const optimizer = sgdOptimizer({ parameters: { theta: new Float32Array(1) } })
    const state = optimizer.state()
    expect(state.hyperparameters).toEqual({ momentum: 0, dampening: 0, nesterov: false, weightDecay: 0 })
    expect(state.parameters.theta!.buffers).toEqual({})
    const withMomentum = sgdOptimizer({ parameters: { theta: new Float32Array(1) }, momentum: 0.5 }).state()
    expect(Object.keys(withMomentum.parameters.theta!.buffers)).toEqual(['momentumBuffer'])
  })

  const parameters = { theta: new Float32Array(1) }
  const invalid: Array<[Partial<SgdOptimizerOptions>, string]> = [
    [{ momentum: -0.1 }, 'momentum must be a finite number >= 0, got -0.1'],
    [{ dampening: 1.5 }, 'dampening must be a number with 0 <= dampening <= 1, got 1.5'],
    [{ nesterov: 1 as unknown as boolean }, 'nesterov must be true or false, got 1'],
    [{ weightDecay: Number.NaN }, 'weightDecay must be a finite number >= 0, got NaN'],
    [{ nesterov: true }, 'nesterov requires momentum > 0 and dampening 0, got momentum 0 and dampening 0'],
    [
      { nesterov: true, momentum: 0.9, dampening: 0.1 },
      'nesterov requires momentum > 0 and dampening 0, got momentum 0.9 and dampening 0.1',
    ],
  ]
  for (const [options, message] of invalid) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expect(() => sgdOptimizer({ parameters, ...options })).toThrow(message)
    })
  }
})
