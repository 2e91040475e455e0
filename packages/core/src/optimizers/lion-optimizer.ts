import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, numberInRange } from '../internal/validate'
import { createOptimizer } from './create-optimizer'
import type { LionHyper } from './kernels/types'
import type { LionHyperparameters, Optimizer, OptimizerBaseOptions } from './types'

/** Options of {@link lionOptimizer}. */
export interface LionOptimizerOptions extends OptimizerBaseOptions {
  /** Interpolation β₁ between momentum and gradient for the update sign, `0 ≤ β₁ ≤ 1`; default 0.9. */
  readonly beta1?: number
  /** Decay β₂ of the momentum, `0 ≤ β₂ ≤ 1`; default 0.99. */
  readonly beta2?: number
  /**
   * Decoupled weight decay λ ≥ 0 (added to the sign update, times the rate); default 0. A group's
   * `weightDecay` overrides it. optax's `lion` defaults to 1e-3.
   */
  readonly weightDecay?: number
}

const lionOptions = /* @__PURE__ */ optionTable<LionOptimizerOptions>()('lionOptimizer', [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
  'beta1',
  'beta2',
  'weightDecay',
])

/**
 * Lion (EvoLved Sign Momentum, Chen et al. 2023), as optax `lion` (float32).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale`:
 *
 * ```text
 * c = β₁m + (1 − β₁)g
 * θ ← θ − γ(sign(c) + λθ)
 * m ← β₂m + (1 − β₂)g
 * ```
 *
 * Every coordinate moves by exactly γ (plus decay), so Lion wants a rate 3–10× smaller than AdamW
 * and a correspondingly larger weight decay (paper). State buffer: `expAvg`.
 *
 * @param options - the {@link LionOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = lionOptimizer({ parameters: { theta }, weightDecay: 1e-3 })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.01)  // theta[0] ≈ 0.98999    (1 − 0.01·(1 + 0.001))
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.01) // theta[0] ≈ 0.9999801  (sign(0.9·0.005 − 0.1·0.3) = −1)
 * ```
 *
 * Equivalent: optax `lion(learning_rate, b1=0.9, b2=0.99, weight_decay=1e-3)` with
 * `weightDecay: 1e-3`; Keras `Lion` has no weight decay of its own (its generic `weight_decay`
 * decays before the update). PyTorch has no Lion.
 */
export function lionOptimizer(options: LionOptimizerOptions): Optimizer<LionHyperparameters> {
  return createOptimizer<LionOptimizerOptions, LionHyperparameters>(lionOptions, options, (record) => {
    const beta1 = record.beta1 === undefined ? 0.9 : numberInRange('beta1', record.beta1, { min: 0, max: 1 })
    const beta2 = record.beta2 === undefined ? 0.99 : numberInRange('beta2', record.beta2, { min: 0, max: 1 })
    const weightDecay =
      record.weightDecay === undefined ? 0 : nonNegativeNumber('weightDecay', record.weightDecay)
    const hyper: LionHyper = { learningRate: 0, beta1, beta2, weightDecay: 0 }
    return {
      kind: 'lion',
      hyperparameters: { beta1, beta2, weightDecay },
      defaultWeightDecay: weightDecay,
      buffers: [{ name: 'expAvg', initialValue: 0 }],
      update(kernels, param, grad, buffers, learningRate, groupWeightDecay) {
        hyper.learningRate = learningRate
        hyper.weightDecay = groupWeightDecay
        kernels.lion(param, grad, buffers[0]!, hyper)
      },
    }
  })
}
