import { optionTable } from '../internal/option-table'
import { type AdamOptimizerOptions, adamDefinition } from './adam-optimizer'
import { createOptimizer } from './create-optimizer'
import type { AdamHyperparameters, Optimizer } from './types'

/** Options of {@link adamwOptimizer}: those of Adam, with `weightDecay` decoupled. */
export interface AdamwOptimizerOptions extends Omit<AdamOptimizerOptions, 'weightDecay'> {
  /** Decoupled weight decay λ ≥ 0 (θ ← θ(1 − γλ)); default 1e-2. A group's `weightDecay` overrides it. */
  readonly weightDecay?: number
}

const adamwOptions = /* @__PURE__ */ optionTable<AdamwOptimizerOptions>()('adamwOptimizer', [
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
 * AdamW: Adam with decoupled weight decay, exactly as PyTorch `torch.optim.AdamW` (float32).
 *
 * Per parameter, with group rate γ = `learningRate × lrScale` and the parameter's own 1-based step t:
 *
 * ```text
 * θ ← θ(1 − γλ)                                (decoupled; uses the group's scheduled rate)
 * m ← β₁m + (1 − β₁)g          v ← β₂v + (1 − β₂)g²
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v / √(1 − β₂ᵗ) + ε)      (amsgrad: max of v instead of v)
 * ```
 *
 * Weight decay is per group: give bias and norm parameters a group with `weightDecay: 0` (the
 * usual exclusion rule). State buffers: `expAvg`, `expAvgSq` and, with AMSGrad, `maxExpAvgSq`.
 *
 * @param options - the {@link AdamwOptimizerOptions} (each option documented there, with its default)
 * @returns An {@link Optimizer}; call `step(gradients, learningRate)` once per (micro-)batch.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const theta = new Float32Array([1])
 * const optimizer = adamwOptimizer({ parameters: { theta }, weightDecay: 0.01 })
 * optimizer.step({ theta: new Float32Array([0.5]) }, 0.1)  // theta[0] ≈ 0.899    (1·(1 − 0.001) − 0.1)
 * optimizer.step({ theta: new Float32Array([-0.3]) }, 0.1) // theta[0] ≈ 0.878951
 * ```
 *
 * Equivalent: PyTorch `AdamW(params, lr, betas, eps, weight_decay=1e-2, amsgrad)` and
 * `Adam(..., decoupled_weight_decay=True)`. optax `adamw` gives the same numbers (its default
 * weight decay is 1e-4 and it decays the pre-update θ inside the update); Keras decays with the
 * current rate before the update and uses ε-hat; TF.js has no AdamW.
 */
export function adamwOptimizer(options: AdamwOptimizerOptions): Optimizer<AdamHyperparameters> {
  return createOptimizer<AdamwOptimizerOptions, AdamHyperparameters>(adamwOptions, options, (record) =>
    adamDefinition(record, 'adamw', 1e-2),
  )
}
