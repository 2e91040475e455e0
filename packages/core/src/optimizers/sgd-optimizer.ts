import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { booleanValue, nonNegativeNumber, numberInRange } from '../internal/validate'
import { createOptimizer } from './create-optimizer'
import type { SgdHyper } from './kernels/types'
import type { Optimizer, OptimizerBaseOptions, SgdHyperparameters } from './types'

/** Options of {@link sgdOptimizer}. */
export interface SgdOptimizerOptions extends OptimizerBaseOptions {
  /** Momentum factor μ ≥ 0; default 0 (plain SGD). */
  readonly momentum?: number
  /** Dampening τ of the momentum, `0 ≤ τ ≤ 1`; default 0. */
  readonly dampening?: number
  /** Nesterov momentum; default false. Needs momentum > 0 and dampening 0. */
  readonly nesterov?: boolean
  /** L2 penalty λ ≥ 0 added to the gradient; default 0. A group's `weightDecay` overrides it. */
  readonly weightDecay?: number
}

const sgdOptions = /* @__PURE__ */ optionTable<SgdOptimizerOptions>()('sgdOptimizer', [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
  'momentum',
  'dampening',
  'nesterov',
  'weightDecay',
])

/**
 * Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, exactly as
 * PyTorch `torch.optim.SGD` (float32).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale`, gradient g and 1-based step t:
 *
 * ```text
 * g ← g + λθ                                   (weightDecay λ ≠ 0)
 * b ← g                  (t = 1)               (momentum μ ≠ 0)
 * b ← μb + (1 − τ)g      (t > 1)
 * g ← g + μb  (nesterov)   or   g ← b
 * θ ← θ − γg
 * ```
 *
 * The momentum buffer holds raw gradients and the rate is applied outside it, so a rate change
 * affects the whole step (PyTorch, TF.js `momentum`, optax `sgd`); Keras's `SGD` keeps rate-scaled
 * velocities instead. State buffer (with momentum): `momentumBuffer`.
 *
 * @param options - the {@link SgdOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = sgdOptimizer({ parameters: { theta }, momentum: 0.9 })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.1)  // theta[0] ≈ 0.95   (step 1: b = g)
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.1) // theta[0] ≈ 0.935  (b = 0.9·0.5 − 0.3)
 * ```
 *
 * Equivalent: PyTorch `SGD(params, lr, momentum, dampening, weight_decay, nesterov)` (PyTorch's
 * lr default 1e-3 is not an option here: the rate comes with every step). optax
 * `sgd(lr, momentum, nesterov)` gives the same trajectory at constant rate (no dampening, no L2).
 */
export function sgdOptimizer(options: SgdOptimizerOptions): Optimizer<SgdHyperparameters> {
  return createOptimizer<SgdOptimizerOptions, SgdHyperparameters>(sgdOptions, options, (record) => {
    const momentum = record.momentum === undefined ? 0 : nonNegativeNumber('momentum', record.momentum)
    const dampening =
      record.dampening === undefined ? 0 : numberInRange('dampening', record.dampening, { min: 0, max: 1 })
    const nesterov = record.nesterov === undefined ? false : booleanValue('nesterov', record.nesterov)
    const weightDecay =
      record.weightDecay === undefined ? 0 : nonNegativeNumber('weightDecay', record.weightDecay)
    if (nesterov && (momentum === 0 || dampening !== 0)) {
      throw new InvalidArgumentError({
        argument: 'nesterov',
        value: nesterov,
        message: `nesterov requires momentum > 0 and dampening 0, got momentum ${momentum} and dampening ${dampening}`,
      })
    }
    const hyper: SgdHyper = {
      learningRate: 0,
      momentum,
      dampening,
      nesterov,
      weightDecay: 0,
      firstStep: true,
    }
    return {
      kind: 'sgd',
      hyperparameters: { momentum, dampening, nesterov, weightDecay },
      defaultWeightDecay: weightDecay,
      buffers: momentum === 0 ? [] : [{ name: 'momentumBuffer', initialValue: 0 }],
      update(kernels, param, grad, buffers, learningRate, groupWeightDecay, step) {
        hyper.learningRate = learningRate
        hyper.weightDecay = groupWeightDecay
        hyper.firstStep = step === 1
        kernels.sgd(param, grad, buffers[0], hyper)
      },
    }
  })
}
