import { optionTable } from '../internal/option-table'
import { nonNegativeNumber } from '../internal/validate'
import { createOptimizer } from './create-optimizer'
import type { AdagradHyper } from './kernels/types'
import type { AdagradHyperparameters, Optimizer, OptimizerBaseOptions } from './types'

/** Options of {@link adagradOptimizer}. */
export interface AdagradOptimizerOptions extends OptimizerBaseOptions {
  /** Rate decay δ ≥ 0: the rate at a parameter's step t is γ/(1 + (t − 1)δ); default 0. */
  readonly lrDecay?: number
  /** L2 penalty λ ≥ 0 added to the gradient; default 0. A group's `weightDecay` overrides it. */
  readonly weightDecay?: number
  /** Initial value S₀ ≥ 0 of the sum of squared gradients; default 0. */
  readonly initialAccumulatorValue?: number
  /** ε ≥ 0 added to `√S` (outside the root); default 1e-10. */
  readonly eps?: number
}

const adagradOptions = /* @__PURE__ */ optionTable<AdagradOptimizerOptions>()('adagradOptimizer', [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
  'lrDecay',
  'weightDecay',
  'initialAccumulatorValue',
  'eps',
])

/**
 * Adagrad, exactly as PyTorch `torch.optim.Adagrad` (float32).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale` and the parameter's own 1-based step t:
 *
 * ```text
 * γₜ = γ / (1 + (t − 1)·δ)
 * g ← g + λθ                                   (weightDecay λ ≠ 0)
 * S ← S + g²                                   (S starts at initialAccumulatorValue)
 * θ ← θ − γₜ·g / (√S + ε)
 * ```
 *
 * State buffer: `sum` (PyTorch's `state['sum']`).
 *
 * @param options - the {@link AdagradOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = adagradOptimizer({ parameters: { theta } })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.1)  // theta[0] ≈ 0.9       (g/√g² = 1)
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.1) // theta[0] ≈ 0.951450
 * ```
 *
 * Equivalent: PyTorch `Adagrad(params, lr, lr_decay, weight_decay, initial_accumulator_value, eps)`.
 * optax, Keras and TF.js start the sum at 0.1 and put ε (1e-7) inside the root: pass
 * `initialAccumulatorValue: 0.1` to get close to them.
 */
export function adagradOptimizer(options: AdagradOptimizerOptions): Optimizer<AdagradHyperparameters> {
  return createOptimizer<AdagradOptimizerOptions, AdagradHyperparameters>(
    adagradOptions,
    options,
    (record) => {
      const lrDecay = record.lrDecay === undefined ? 0 : nonNegativeNumber('lrDecay', record.lrDecay)
      const weightDecay =
        record.weightDecay === undefined ? 0 : nonNegativeNumber('weightDecay', record.weightDecay)
      const initialAccumulatorValue =
        record.initialAccumulatorValue === undefined
          ? 0
          : nonNegativeNumber('initialAccumulatorValue', record.initialAccumulatorValue)
      const eps = record.eps === undefined ? 1e-10 : nonNegativeNumber('eps', record.eps)
      const hyper: AdagradHyper = { learningRate: 0, eps, weightDecay: 0 }
      return {
        kind: 'adagrad',
        hyperparameters: { lrDecay, weightDecay, initialAccumulatorValue, eps },
        defaultWeightDecay: weightDecay,
        buffers: [{ name: 'sum', initialValue: initialAccumulatorValue }],
        update(kernels, param, grad, buffers, learningRate, groupWeightDecay, step) {
          hyper.learningRate = learningRate / (1 + (step - 1) * lrDecay)
          hyper.weightDecay = groupWeightDecay
          kernels.adagrad(param, grad, buffers[0]!, hyper)
        },
      }
    },
  )
}
