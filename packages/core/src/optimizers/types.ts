import type { ParamGroup } from '../groups/types'
import type { LearningRateTarget } from '../scheduler/learning-rate-target'
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
  /**
   * What `step()` does when a parameter of a trainable group has no gradient: `'error'` (default,
   * an `InvalidArgumentError` naming it) or `'skip'` (leave that parameter, its state and step
   * count unchanged, as PyTorch skips parameters whose `.grad` is `None`; clipping then covers the
   * gradients given). Adapters whose frameworks omit gradients of frozen variables use `'skip'`.
   * Not combinable with `accumulationSteps` > 1.
   */
  readonly missingGradients?: 'error' | 'skip'
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
  /**
   * Applied updates ({@link Optimizer.stepCount}); restored by `load()` when present (state saved
   * before it was recorded has none, and leaves the count unchanged).
   */
  readonly stepCount?: number
  /** Present when `accumulationSteps` > 1. */
  readonly accumulation?: AccumulationState
}

/** Changes to one parameter group between training phases ({@link Optimizer.updateGroup}). */
export interface ParamGroupUpdate {
  /** New learning-rate scale (finite, ≥ 0): the group's rate becomes `rate × lrScale`. */
  readonly lrScale?: number
  /** New weight decay (finite, ≥ 0) for the group, overriding the optimizer's default. */
  readonly weightDecay?: number
  /** Freeze (`false`) or unfreeze (`true`) the group; see {@link Optimizer.setTrainable}. */
  readonly trainable?: boolean
}

/** Hyperparameters of Adam and AdamW ({@link Optimizer.hyperparameters}). */
export interface AdamHyperparameters {
  /** β₁, the first-moment decay (the "momentum" one-cycle cycles). */
  readonly beta1: number
  /** β₂, the second-moment decay. */
  readonly beta2: number
  /** ε added to the denominator. */
  readonly eps: number
  /** Default weight decay of groups that set none. */
  readonly weightDecay: number
  /** AMSGrad (fixed after construction: it decides the state buffers). */
  readonly amsgrad: boolean
}

/** Hyperparameters of SGD ({@link Optimizer.hyperparameters}). */
export interface SgdHyperparameters {
  /** Momentum μ (cannot change between 0 and > 0 after construction: that adds or drops a buffer). */
  readonly momentum: number
  /** Dampening τ. */
  readonly dampening: number
  /** Nesterov momentum. */
  readonly nesterov: boolean
  /** Default weight decay of groups that set none. */
  readonly weightDecay: number
}

/** Hyperparameters of RMSProp ({@link Optimizer.hyperparameters}). */
export interface RmspropHyperparameters {
  /** Smoothing constant α. */
  readonly alpha: number
  /** ε added to the denominator. */
  readonly eps: number
  /** Default weight decay of groups that set none. */
  readonly weightDecay: number
  /** Momentum μ (cannot change between 0 and > 0 after construction). */
  readonly momentum: number
  /** Centered RMSProp (fixed after construction). */
  readonly centered: boolean
}

/** Hyperparameters of Adagrad ({@link Optimizer.hyperparameters}). */
export interface AdagradHyperparameters {
  /** Learning-rate decay per step. */
  readonly lrDecay: number
  /** Default weight decay of groups that set none. */
  readonly weightDecay: number
  /** Initial value of the accumulator (fixed after construction). */
  readonly initialAccumulatorValue: number
  /** ε added to the denominator. */
  readonly eps: number
}

/** Hyperparameters of Lion ({@link Optimizer.hyperparameters}). */
export interface LionHyperparameters {
  /** β₁, the interpolation rate of the update direction. */
  readonly beta1: number
  /** β₂, the momentum decay. */
  readonly beta2: number
  /** Default weight decay of groups that set none. */
  readonly weightDecay: number
}

/**
 * A name-keyed optimizer over `Float32Array` parameters with per-group learning-rate scales,
 * weight decay and freezing. Group g is updated with `learningRate × groups[g].lrScale`, where the
 * learning rate is passed to `step()` or pushed by a scheduler: the optimizer is a
 * {@link LearningRateTarget}, so `createScheduler({ schedule, target: optimizer })` drives it and
 * checks the call order against {@link Optimizer.stepCount}.
 *
 * @typeParam Hyperparameters - the optimizer's hyperparameters (e.g. {@link AdamHyperparameters})
 */
export interface Optimizer<Hyperparameters extends object = Readonly<Record<string, number | boolean>>>
  extends LearningRateTarget {
  /** The resolved groups, including the implicit `'default'` group when it is needed. */
  readonly groups: readonly ParamGroup[]
  /** The parameters being optimised (the caller's arrays with JS kernels, owned copies otherwise). */
  readonly parameters: ReadonlyMap<string, Float32Array>
  /**
   * Gradient buffers owned by the optimizer, one per parameter (in the kernels' memory, laid out
   * so that one kernel call updates a whole group). Write each batch's gradients into them and call
   * `step(optimizer.gradients)`: no copy and no per-parameter validation (the fast path adapters
   * use). Clipping rewrites them in place, as PyTorch's `clip_grad_norm_` rewrites `.grad`.
   * Allocated on first access with the JS kernels.
   */
  readonly gradients: ReadonlyMap<string, Float32Array>
  /** Number of applied updates (skipped steps and accumulating micro-steps do not count). */
  readonly stepCount: number
  /** The current hyperparameters (change them with {@link Optimizer.setHyperparameters}). */
  readonly hyperparameters: Readonly<Hyperparameters>
  /**
   * Applies one (micro-)step. Validates everything first: the learning rate must be finite and ≥ 0
   * and its float32 step size finite, every trainable parameter needs a gradient of its length,
   * unknown names are rejected (`InvalidArgumentError`). A NaN or infinite gradient skips the step
   * without changing anything.
   *
   * @param gradients - the gradients by parameter name, or {@link Optimizer.gradients} itself
   * @param learningRate - the base (head) rate of this step; omit it when a scheduler pushes the
   *   rates (`createScheduler({ target: optimizer })`). A rate given here wins over pushed rates.
   */
  step(gradients: NamedArrays, learningRate?: number): StepReport
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
  /**
   * Changes a group between phases: its learning-rate scale, weight decay or trainable flag (the
   * last as {@link Optimizer.setTrainable}). Unknown groups or options are `InvalidArgumentError`s.
   */
  updateGroup(groupName: string, changes: ParamGroupUpdate): void
  /**
   * Changes hyperparameters between steps, validated as at construction — e.g. Adam's `beta1` for
   * one-cycle momentum cycling (fastai `moms`, PyTorch `OneCycleLR(cycle_momentum=True)`). A change
   * that would add or drop a state buffer (SGD momentum from 0, AMSGrad, centered) is rejected.
   */
  setHyperparameters(values: Partial<Hyperparameters>): void
}
