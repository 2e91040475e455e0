import { type OptionRecord, optionTable } from '../internal/option-table'
import { booleanValue, nonNegativeNumber, numberInRange } from '../internal/validate'
import { createOptimizer, type OptimizerDefinition } from './create-optimizer'
import type { AdamHyper } from './kernels/types'
import type { AdamHyperparameters, Optimizer, OptimizerBaseOptions } from './types'

/** Options of {@link adamOptimizer}. */
export interface AdamOptimizerOptions extends OptimizerBaseOptions {
  /** Decay rate β₁ of the first moment, `0 ≤ β₁ < 1`; default 0.9. */
  readonly beta1?: number
  /** Decay rate β₂ of the second moment, `0 ≤ β₂ < 1`; default 0.999. */
  readonly beta2?: number
  /** ε ≥ 0 added to `√v̂` (outside the root); default 1e-8. */
  readonly eps?: number
  /** L2 penalty λ ≥ 0 added to the gradient; default 0. A group's `weightDecay` overrides it. */
  readonly weightDecay?: number
  /** AMSGrad: normalise by the running maximum of the second moment; default false. */
  readonly amsgrad?: boolean
}

const adamOptions = /* @__PURE__ */ optionTable<AdamOptimizerOptions>()('adamOptimizer', [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
  'beta1',
  'beta2',
  'eps',
  'weightDecay',
  'amsgrad',
])

/**
 * @internal Parses the Adam hyperparameters and returns the definition shared by Adam (L2 weight
 * decay) and AdamW (decoupled weight decay).
 */
export function adamDefinition(
  record: Partial<OptionRecord<AdamOptimizerOptions>>,
  kind: 'adam' | 'adamw',
  weightDecayDefault: number,
): OptimizerDefinition {
  const beta1 =
    record.beta1 === undefined
      ? 0.9
      : numberInRange('beta1', record.beta1, { min: 0, max: 1, maxExclusive: true })
  const beta2 =
    record.beta2 === undefined
      ? 0.999
      : numberInRange('beta2', record.beta2, { min: 0, max: 1, maxExclusive: true })
  const eps = record.eps === undefined ? 1e-8 : nonNegativeNumber('eps', record.eps)
  const weightDecay =
    record.weightDecay === undefined
      ? weightDecayDefault
      : nonNegativeNumber('weightDecay', record.weightDecay)
  const amsgrad = record.amsgrad === undefined ? false : booleanValue('amsgrad', record.amsgrad)
  const hyper: AdamHyper = {
    learningRate: 0,
    beta1,
    beta2,
    eps,
    weightDecay: 0,
    decoupledWeightDecay: kind === 'adamw',
    amsgrad,
    step: 1,
  }
  const buffers = [
    { name: 'expAvg', initialValue: 0 },
    { name: 'expAvgSq', initialValue: 0 },
  ]
  if (amsgrad) buffers.push({ name: 'maxExpAvgSq', initialValue: 0 })
  return {
    kind,
    hyperparameters: { beta1, beta2, eps, weightDecay, amsgrad },
    defaultWeightDecay: weightDecay,
    buffers,
    stepSize: (learningRate, step) => learningRate / (1 - beta1 ** step),
    update(kernels, param, grad, state, learningRate, groupWeightDecay, step) {
      hyper.learningRate = learningRate
      hyper.weightDecay = groupWeightDecay
      hyper.step = step
      kernels.adam(param, grad, state[0]!, state[1]!, state[2], hyper)
    },
  }
}

/**
 * Adam with L2 weight decay and optional AMSGrad, exactly as PyTorch `torch.optim.Adam` (float32,
 * single-tensor implementation).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale` and the parameter's own 1-based step t:
 *
 * ```text
 * g ← g + λθ                                   (weightDecay λ ≠ 0: L2, coupled)
 * m ← β₁m + (1 − β₁)g          v ← β₂v + (1 − β₂)g²
 * v̂max ← max(v̂max, v)          (amsgrad; used instead of v below)
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)
 * ```
 *
 * ε is outside the square root (PyTorch, optax, TF.js), unlike Keras's "ε-hat" form. Every parameter
 * keeps its own t, so a layer unfrozen late gets the bias correction of its own first step (TF.js
 * shares one counter). State buffers: `expAvg`, `expAvgSq` and, with AMSGrad, `maxExpAvgSq`.
 *
 * @param options - the {@link AdamOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = adamOptimizer({ parameters: { theta } })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.1)  // theta[0] ≈ 0.9       (step 1 moves by ≈ γ)
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.1) // theta[0] ≈ 0.880850
 * ```
 *
 * @example
 * The fast path: write each batch's gradients into the optimizer's own buffers
 * ({@link Optimizer.gradients}) and pass them back, so `step()` neither copies nor re-validates them.
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = adamOptimizer({ parameters: { theta } })
 * optimizer.gradients.get('theta')?.set([0.5]) // e.g. your backward pass writes here
 * optimizer.step(optimizer.gradients, 0.1) // theta[0] ≈ 0.9
 * optimizer.gradients.get('theta')?.set([-0.3])
 * optimizer.step(optimizer.gradients, 0.1) // theta[0] ≈ 0.880850
 * optimizer.stepCount // 2
 * ```
 *
 * Equivalent: PyTorch `Adam(params, lr, betas=(β₁, β₂), eps, weight_decay, amsgrad)`; optax
 * `adam(lr, b1, b2, eps)` (same numbers without weight decay; optax's `amsgrad` bias-corrects
 * differently); TF.js `adam` uses ε 1e-7 and running products for 1 − βᵗ; Keras uses ε-hat 1e-7.
 */
export function adamOptimizer(options: AdamOptimizerOptions): Optimizer<AdamHyperparameters> {
  return createOptimizer<AdamOptimizerOptions, AdamHyperparameters>(adamOptions, options, (record) =>
    adamDefinition(record, 'adam', 0),
  )
}
