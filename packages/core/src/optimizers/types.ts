import type { ParamGroup } from '../groups/types'
import type { OptimizerKernels } from './kernels/types'

/** The optimizers of `@lrkit/core`, by the name stored in {@link OptimizerState.optimizer}. */
export type OptimizerKind = 'sgd' | 'adam' | 'adamw' | 'adagrad' | 'rmsprop' | 'lion'

/** Named parameters or gradients: a `Map` or a plain object, keyed by parameter name. */
export type NamedArrays = ReadonlyMap<string, Float32Array> | Readonly<Record<string, Float32Array>>

/**
 * Gradient clipping, applied to the (accumulated) gradients of the trainable parameters before the
 * update. When both are given, value clipping runs first, then norm clipping.
 */
export interface GradientClippingOptions {
  /**
   * Rescale all gradients together when their global norm exceeds this (> 0), as
   * `torch.nn.utils.clip_grad_norm_`: `g ← g · min(1, maxNorm / (norm + 1e-6))`. The norm is taken
   * over every trainable parameter at once (optax `clip_by_global_norm`, Keras `global_clipnorm`).
   */
  readonly maxNorm?: number
  /** The norm for `maxNorm`: `2` (default, Euclidean) or `'inf'` (largest absolute value). */
  readonly normType?: 2 | 'inf'
  /** Clamp every gradient value to `[−maxValue, maxValue]` (> 0), as `torch.nn.utils.clip_grad_value_`. */
  readonly maxValue?: number
}

/** Options every optimizer factory accepts besides its hyperparameters. */
export interface OptimizerBaseOptions {
  /**
   * The parameters to optimise, by name. With the JS kernels (default) they are updated in place;
   * with kernels whose `backend` is not `'js'` (WebAssembly) they are copied once into buffers the
   * optimizer owns — read them from {@link Optimizer.parameters}.
   */
  readonly parameters: NamedArrays
  /**
   * Parameter groups (each parameter in at most one group). Parameters not in any group form a
   * group named `'default'` with `lrScale` 1 and `trainable` true. Default: no groups.
   */
  readonly groups?: readonly ParamGroup[]
  /** Gradient clipping; default none. */
  readonly gradientClipping?: GradientClippingOptions
  /**
   * Number of micro-batches k per update (integer ≥ 1, default 1). `step()` accumulates the mean of
   * the gradients (optax `MultiSteps`, `use_grad_mean=True`) and applies the update on every k-th
   * call; the learning rate of that k-th call is used.
   */
  readonly accumulationSteps?: number
  /** Update kernels; default the pure-JS kernels (`jsKernels`). */
  readonly kernels?: OptimizerKernels
}

/** What one {@link Optimizer.step} call did. */
export interface StepReport {
  /** True when the parameters were updated (false while accumulating, or when skipped). */
  readonly applied: boolean
  /**
   * Present when the step was skipped because a gradient of a trainable parameter was NaN or
   * infinite: nothing (parameters, moments, step counts, accumulators) was changed.
   */
  readonly skipped?: {
    /** Why the step was skipped: always `'nonFinite'` (a NaN or ±Infinity gradient entry). */
    readonly reason: 'nonFinite'
    /** Name of the first parameter (in parameter order) whose gradient is not finite. */
    readonly parameter: string
    /** 0-based index of the first non-finite entry in that parameter's flat gradient array. */
    readonly index: number
  }
  /** Global gradient norm before norm clipping; present on applied steps when `maxNorm` is set. */
  readonly gradientNorm?: number
  /** Whether clipping changed any gradient; present on applied steps when clipping is configured. */
  readonly clipped?: boolean
}

/** Saved state of one parameter: its own 1-based step count and its optimizer buffers. */
export interface ParameterState {
  /** Number of updates this parameter has received (0 before its first). */
  readonly step: number
  /** Buffers by name (PyTorch state names, camelCased: `expAvg`, `expAvgSq`, `momentumBuffer`, …). */
  readonly buffers: Readonly<Record<string, Float32Array>>
}

/** Gradients accumulated in an unfinished accumulation window. */
export interface AccumulationState {
  /** Micro-batches accumulated so far in the current window (0 ≤ microStep < accumulationSteps). */
  readonly microStep: number
  /** Running mean of the gradients, by parameter name. */
  readonly gradients: Readonly<Record<string, Float32Array>>
}

/**
 * Plain-data optimizer state, keyed by parameter and group name (never by position). Buffers are
 * copies; `load()` of this object into a fresh optimizer continues bit-exactly.
 */
export interface OptimizerState {
  /** Format version of the saved state: always 1; `load()` rejects any other value. */
  readonly version: 1
  /** Optimizer that produced the state; `load()` rejects state from a different optimizer kind. */
  readonly optimizer: OptimizerKind
  /** The hyperparameters the state was produced with (informational; not restored). */
  readonly hyperparameters: Readonly<Record<string, number | boolean>>
  /** Trainable flag of every group, by group name (restored by `load()`). */
  readonly trainable: Readonly<Record<string, boolean>>
  /** Per-parameter state, by parameter name. */
  readonly parameters: Readonly<Record<string, ParameterState>>
  /** Present when `accumulationSteps` > 1. */
  readonly accumulation?: AccumulationState
}

/**
 * A name-keyed optimizer over `Float32Array` parameters with per-group learning-rate scales,
 * weight decay and freezing. The learning rate is passed to every `step()`: group g is updated with
 * `learningRate × groups[g].lrScale`.
 */
export interface Optimizer {
  /** The resolved groups, including the implicit `'default'` group when it is needed. */
  readonly groups: readonly ParamGroup[]
  /** The parameters being optimised (the caller's arrays with JS kernels, owned copies otherwise). */
  readonly parameters: ReadonlyMap<string, Float32Array>
  /**
   * Applies one (micro-)step. Validates everything first: `learningRate` must be finite and ≥ 0,
   * every trainable parameter needs a gradient of its length, unknown names are rejected
   * (`InvalidArgumentError`). A NaN or infinite gradient skips the step without changing anything.
   */
  step(gradients: NamedArrays, learningRate: number): StepReport
  /** Copies the state out as plain data. */
  state(): OptimizerState
  /** Validates `state` completely (`InvalidStateError`), then restores it. */
  load(state: OptimizerState): void
  /**
   * Freezes (`false`) or unfreezes (`true`) a group. Frozen parameters need no gradient and keep
   * their state and step count, so an unfrozen parameter gets the bias correction of its own step 1.
   * Throws `InvalidStateError` in the middle of an accumulation window.
   */
  setTrainable(groupName: string, trainable: boolean): void
}
