import { optionTable } from '../internal/option-table'
import { booleanValue, nonNegativeNumber, numberInRange } from '../internal/validate'
import { createOptimizer } from './create-optimizer'
import type { RmspropHyper } from './kernels/types'
import type { Optimizer, OptimizerBaseOptions, RmspropHyperparameters } from './types'

/** Options of {@link rmspropOptimizer}. */
export interface RmspropOptimizerOptions extends OptimizerBaseOptions {
  /** Smoothing constant α of the squared-gradient average, `0 ≤ α ≤ 1`; default 0.99. */
  readonly alpha?: number
  /** ε ≥ 0 added to the root (outside it); default 1e-8. */
  readonly eps?: number
  /** L2 penalty λ ≥ 0 added to the gradient; default 0. A group's `weightDecay` overrides it. */
  readonly weightDecay?: number
  /** Momentum μ ≥ 0 of the normalised step; default 0. */
  readonly momentum?: number
  /** Centered RMSProp: normalise by an estimate of the gradient's variance; default false. */
  readonly centered?: boolean
}

const rmspropOptions = /* @__PURE__ */ optionTable<RmspropOptimizerOptions>()('rmspropOptimizer', [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
  'alpha',
  'eps',
  'weightDecay',
  'momentum',
  'centered',
])

/**
 * RMSProp, exactly as PyTorch `torch.optim.RMSprop` (float32; ε outside the root, rate outside the
 * momentum buffer).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale`:
 *
 * ```text
 * g ← g + λθ                                   (weightDecay λ ≠ 0)
 * v ← αv + (1 − α)g²
 * s = √v + ε,   or centered: ḡ ← αḡ + (1 − α)g,  s = √(v − ḡ²) + ε
 * μ > 0:  b ← μb + g/s,  θ ← θ − γb        else  θ ← θ − γg/s
 * ```
 *
 * No bias correction. State buffers: `squareAvg`, `gradAvg` (centered), `momentumBuffer` (μ > 0).
 *
 * @param options - the {@link RmspropOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = rmspropOptimizer({ parameters: { theta } })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.1)  // theta[0] ≈ 2e-7     (g/√(0.01·g²) = 10)
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.1) // theta[0] ≈ 0.516398
 * ```
 *
 * Equivalent: PyTorch `RMSprop(params, lr, alpha, eps, weight_decay, momentum, centered)`. Keras,
 * TF.js and optax default to decay 0.9 with ε inside the root (optax `eps_in_sqrt=False` matches
 * PyTorch); Keras and TF.js keep rate-scaled increments in the momentum buffer, and TF.js's
 * centered variant subtracts ε inside the root.
 */
export function rmspropOptimizer(options: RmspropOptimizerOptions): Optimizer<RmspropHyperparameters> {
  return createOptimizer<RmspropOptimizerOptions, RmspropHyperparameters>(
    rmspropOptions,
    options,
    (record) => {
      const alpha =
        record.alpha === undefined ? 0.99 : numberInRange('alpha', record.alpha, { min: 0, max: 1 })
      const eps = record.eps === undefined ? 1e-8 : nonNegativeNumber('eps', record.eps)
      const weightDecay =
        record.weightDecay === undefined ? 0 : nonNegativeNumber('weightDecay', record.weightDecay)
      const momentum = record.momentum === undefined ? 0 : nonNegativeNumber('momentum', record.momentum)
      const centered = record.centered === undefined ? false : booleanValue('centered', record.centered)
      const hyper: RmspropHyper = { learningRate: 0, alpha, eps, weightDecay: 0, momentum, centered }
      const buffers = [{ name: 'squareAvg', initialValue: 0 }]
      if (centered) buffers.push({ name: 'gradAvg', initialValue: 0 })
      if (momentum > 0) buffers.push({ name: 'momentumBuffer', initialValue: 0 })
      return {
        kind: 'rmsprop',
        hyperparameters: { alpha, eps, weightDecay, momentum, centered },
        defaultWeightDecay: weightDecay,
        buffers,
        update(kernels, param, grad, state, learningRate, groupWeightDecay) {
          hyper.learningRate = learningRate
          hyper.weightDecay = groupWeightDecay
          const gradAvg = centered ? state[1] : undefined
          const momentumBuffer = momentum > 0 ? state[centered ? 2 : 1] : undefined
          kernels.rmsprop(param, grad, state[0]!, gradAvg, momentumBuffer, hyper)
        },
      }
    },
  )
}
