import { expectAllClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type RmspropOptimizerOptions, rmspropOptimizer } from './rmsprop-optimizer'

/**
 * [V] vectors: the values PyTorch `torch.optim.RMSprop` (https://pytorch.org/docs/stable/optim.html) gives;
 * θ₀ = 1, these gradients, lr 0.1, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]
const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

function trajectory(options: Omit<RmspropOptimizerOptions, 'parameters'>) {
  const theta = new Float32Array([1])
  const optimizer = rmspropOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient) => {
    optimizer.step({ theta: new Float32Array([gradient]) }, 0.1)
    return theta[0]!
  })
}

describe('rmspropOptimizer', () => {
  it('defaults (α 0.99, ε 1e-8 outside the root) match the PyTorch [V] vector', () => {
    expectAllClose(
      trajectory({}),
      [1.99999960482e-7, 0.516397890605, 0.18941761185, -0.359825762834, -0.22311880564],
      FLOAT32,
    )
  })

  it('α 0.9, ε 1e-2, momentum 0.9 matches the PyTorch [V] vector (rate outside the buffer)', () => {
    expectAllClose(
      trajectory({ alpha: 0.9, eps: 1e-2, momentum: 0.9 }),
      [0.70258256424, 0.594921897686, 0.392687107099, 0.0308220410437, -0.248120855042],
      FLOAT32,
    )
  })

  it('centered, α 0.9, ε 1e-2, momentum 0.9 matches the PyTorch [V] vector', () => {
    expectAllClose(
      trajectory({ alpha: 0.9, eps: 1e-2, momentum: 0.9, centered: true }),
      [0.6875, 0.566808837374, 0.351070952837, -0.0331310183821, -0.330586528725],
      FLOAT32,
    )
  })

  it('keeps only the buffers its options need', () => {
    const parameters = { theta: new Float32Array(1) }
    const buffers = (options: Omit<RmspropOptimizerOptions, 'parameters'>) =>
      Object.keys(rmspropOptimizer({ parameters, ...options }).state().parameters.theta!.buffers)
    expect(buffers({})).toEqual(['squareAvg'])
    expect(buffers({ centered: true, momentum: 0.9 })).toEqual(['squareAvg', 'gradAvg', 'momentumBuffer'])
    expect(buffers({ momentum: 0.9 })).toEqual(['squareAvg', 'momentumBuffer'])
  })

  it('records the PyTorch defaults in the state', () => {
    const state = rmspropOptimizer({ parameters: { theta: new Float32Array(1) } }).state()
    expect(state.hyperparameters).toEqual({
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0,
      momentum: 0,
      centered: false,
    })
  })

  const parameters = { theta: new Float32Array(1) }
  const invalid: Array<[Partial<RmspropOptimizerOptions>, string]> = [
    [{ alpha: 1.1 }, 'alpha must be a number with 0 <= alpha <= 1, got 1.1'],
    [{ eps: -1 }, 'eps must be a finite number >= 0, got -1'],
    [{ weightDecay: -1 }, 'weightDecay must be a finite number >= 0, got -1'],
    [{ momentum: -0.9 }, 'momentum must be a finite number >= 0, got -0.9'],
    [{ centered: 'no' as unknown as boolean }, 'centered must be true or false, got "no"'],
  ]
  for (const [options, message] of invalid) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expect(() => rmspropOptimizer({ parameters, ...options })).toThrow(message)
    })
  }
})
