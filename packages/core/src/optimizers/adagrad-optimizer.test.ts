import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { type AdagradOptimizerOptions, adagradOptimizer } from './adagrad-optimizer'

/**
 * [V] vectors: the values PyTorch `torch.optim.Adagrad` (https://pytorch.org/docs/stable/optim.html) gives;
 * θ₀ = 1, these gradients, lr 0.1, θ after each step.
 */
const GRADIENTS = [0.5, -0.3, 0.2, 0.4, -0.1]
const FLOAT32 = { rtol: 1e-6, atol: 1e-7 }

function trajectory(options: Omit<AdagradOptimizerOptions, 'parameters'>) {
  const theta = new Float32Array([1])
  const optimizer = adagradOptimizer({ ...options, parameters: { theta } })
  return GRADIENTS.map((gradient) => {
    optimizer.step({ theta: new Float32Array([gradient]) }, 0.1)
    return theta[0]!
  })
}

describe('adagradOptimizer', () => {
  it('defaults match the PyTorch [V] vector', () => {
    expectAllClose(
      trajectory({}),
      [0.90000000002, 0.951449575554, 0.919005291333, 0.864572185945, 0.878056183193],
      FLOAT32,
    )
  })

  it('lrDecay divides the rate by 1 + (t − 1)·δ with the parameter’s own step t', () => {
    const values = trajectory({ lrDecay: 1 })
    expectClose(values[0]!, 0.9, { rtol: 1e-6 }) // t = 1: full rate
    // t = 2: rate 0.1/2, S = 0.25 + 0.09
    expectClose(values[1]!, 0.9 + (0.05 * 0.3) / Math.sqrt(0.34), { rtol: 1e-6 })
  })

  it('initialAccumulatorValue starts the sum of squares', () => {
    const values = trajectory({ initialAccumulatorValue: 0.1 })
    expectClose(values[0]!, 1 - (0.1 * 0.5) / Math.sqrt(0.35), { rtol: 1e-6 })
    const state = adagradOptimizer({
      parameters: { theta: new Float32Array(3) },
      initialAccumulatorValue: 0.1,
    }).state()
    expect(Array.from(state.parameters.theta!.buffers.sum!)).toEqual([0.1, 0.1, 0.1].map(Math.fround))
  })

  it('records the PyTorch defaults in the state', () => {
    const state = adagradOptimizer({ parameters: { theta: new Float32Array(1) } }).state()
    expect(state.hyperparameters).toEqual({
      lrDecay: 0,
      weightDecay: 0,
      initialAccumulatorValue: 0,
      eps: 1e-10,
    })
  })

  const parameters = { theta: new Float32Array(1) }
  const invalid: Array<[Partial<AdagradOptimizerOptions>, string]> = [
    [{ lrDecay: -1 }, 'lrDecay must be a finite number >= 0, got -1'],
    [{ weightDecay: Number.POSITIVE_INFINITY }, 'weightDecay must be a finite number >= 0, got Infinity'],
    [{ initialAccumulatorValue: -0.1 }, 'initialAccumulatorValue must be a finite number >= 0, got -0.1'],
    [{ eps: -1 }, 'eps must be a finite number >= 0, got -1'],
  ]
  for (const [options, message] of invalid) {
    it(`rejects ${JSON.stringify(options)}: ${message}`, () => {
      expect(() => adagradOptimizer({ parameters, ...options })).toThrow(message)
    })
  }
})
