/**
 * The per-parameter update kernels every optimizer runs on. Two implementations share this
 * interface: the pure-JS fallback (`js-kernels.ts`) and the WebAssembly SIMD kernels
 * (`wasm-kernels.ts`). All arrays passed to one call have the same length; kernels update `param`
 * and the state arrays in place and never allocate.
 *
 * Hyperparameters arrive already resolved for this step (scheduled learning rate × group scale,
 * Adagrad's decayed rate, the 1-based per-parameter step count for bias correction).
 */

/** SGD with momentum, dampening, Nesterov and L2 weight decay (PyTorch `torch.optim.SGD`). */
export interface SgdHyper {
  /** Step size γ for this step (scheduled learning rate × group scale), ≥ 0. */
  learningRate: number
  /** Momentum factor μ ≥ 0; 0 disables the momentum buffer (PyTorch `momentum`). */
  momentum: number
  /** Dampening τ in [0, 1]: the gradient enters the buffer as (1 − τ)·g after the first step. */
  dampening: number
  /** Nesterov momentum: step along g + μ·b instead of b (requires momentum > 0 and dampening 0). */
  nesterov: boolean
  /** L2 penalty λ ≥ 0 added to the gradient as g + λθ (coupled, PyTorch `weight_decay`); 0 disables. */
  weightDecay: number
  /** True on this parameter's first step: the momentum buffer is set to the gradient (no dampening). */
  firstStep: boolean
}

/** Adam / AdamW (PyTorch `torch.optim.Adam`, `torch.optim.AdamW`). */
export interface AdamHyper {
  /** Step size γ for this step (scheduled learning rate × group scale), ≥ 0. */
  learningRate: number
  /** Decay rate β₁ of the first-moment (mean) estimate, in [0, 1). */
  beta1: number
  /** Decay rate β₂ of the second-moment (uncentered variance) estimate, in [0, 1). */
  beta2: number
  /** ε added to the bias-corrected √v in the denominator, ≥ 0 (outside the root, as PyTorch). */
  eps: number
  /** Weight decay λ ≥ 0: L2 on the gradient, or decoupled when `decoupledWeightDecay`; 0 disables. */
  weightDecay: number
  /** AdamW: θ ← θ(1 − lr·wd) before the update, instead of L2 added to the gradient. */
  decoupledWeightDecay: boolean
  /** AMSGrad: divide by the running maximum of v (kept in `maxExpAvgSq`) instead of v itself. */
  amsgrad: boolean
  /** 1-based step count of this parameter (after increment). */
  step: number
}

/** RMSProp (PyTorch `torch.optim.RMSprop`, ε outside the square root). */
export interface RmspropHyper {
  /** Step size γ for this step (scheduled learning rate × group scale), ≥ 0. */
  learningRate: number
  /** Smoothing constant α of the squared-gradient average, in [0, 1] (PyTorch `alpha`). */
  alpha: number
  /** ε added to the root in the denominator, ≥ 0 (outside the root, as PyTorch). */
  eps: number
  /** L2 penalty λ ≥ 0 added to the gradient as g + λθ (coupled); 0 disables. */
  weightDecay: number
  /** Momentum factor μ ≥ 0 applied to g/s through `momentumBuffer`; 0 disables. */
  momentum: number
  /** Centered RMSProp: normalise by the estimated variance v − ḡ² (ḡ kept in `gradAvg`). */
  centered: boolean
}

/** Adagrad (PyTorch `torch.optim.Adagrad`); `learningRate` already includes `lr_decay`. */
export interface AdagradHyper {
  /** Step size for this step, already divided by 1 + (t − 1)·lr_decay, ≥ 0. */
  learningRate: number
  /** ε added to √S in the denominator, ≥ 0. */
  eps: number
  /** L2 penalty λ ≥ 0 added to the gradient as g + λθ (coupled); 0 disables. */
  weightDecay: number
}

/** Lion (Chen et al. 2023; optax `lion`): decoupled weight decay. */
export interface LionHyper {
  /** Step size γ for this step (scheduled learning rate × group scale), ≥ 0. */
  learningRate: number
  /** Interpolation rate β₁ of the update direction sign(β₁m + (1 − β₁)g), in [0, 1]. */
  beta1: number
  /** Decay rate β₂ of the momentum m ← β₂m + (1 − β₂)g, in [0, 1]. */
  beta2: number
  /** Decoupled weight decay λ ≥ 0: θ ← θ − γ(sign(c) + λθ); 0 disables. */
  weightDecay: number
}

/** One implementation of the update kernels. */
export interface OptimizerKernels {
  /** `'js'` or `'wasm'`. */
  readonly backend: 'js' | 'wasm'
  /**
   * Allocates a zero-filled Float32Array the kernels can run on (for wasm: a view into the module's
   * memory, which the optimizer owns). Views stay valid for the kernels' lifetime.
   */
  allocate(length: number): Float32Array
  /**
   * One SGD step in place on `param` (and `momentumBuffer`, which is used only when momentum ≠ 0).
   * @param param - parameters θ, updated in place
   * @param grad - gradient g, read only
   * @param momentumBuffer - momentum buffer b, or undefined without momentum
   * @param hyper - resolved hyperparameters of this step
   */
  sgd(
    param: Float32Array,
    grad: Float32Array,
    momentumBuffer: Float32Array | undefined,
    hyper: SgdHyper,
  ): void
  /**
   * One Adam / AdamW step in place on `param`, `expAvg`, `expAvgSq` (and `maxExpAvgSq` with AMSGrad).
   * @param param - parameters θ, updated in place
   * @param grad - gradient g, read only
   * @param expAvg - first-moment estimate m
   * @param expAvgSq - second-moment estimate v
   * @param maxExpAvgSq - running maximum of v for AMSGrad, or undefined without it
   * @param hyper - resolved hyperparameters of this step
   */
  adam(
    param: Float32Array,
    grad: Float32Array,
    expAvg: Float32Array,
    expAvgSq: Float32Array,
    maxExpAvgSq: Float32Array | undefined,
    hyper: AdamHyper,
  ): void
  /**
   * One RMSProp step in place on `param`, `squareAvg` (and `gradAvg` when centered, `momentumBuffer`
   * when momentum > 0).
   * @param param - parameters θ, updated in place
   * @param grad - gradient g, read only
   * @param squareAvg - running average v of g²
   * @param gradAvg - running average ḡ of g for centered RMSProp, or undefined
   * @param momentumBuffer - momentum buffer b, or undefined without momentum
   * @param hyper - resolved hyperparameters of this step
   */
  rmsprop(
    param: Float32Array,
    grad: Float32Array,
    squareAvg: Float32Array,
    gradAvg: Float32Array | undefined,
    momentumBuffer: Float32Array | undefined,
    hyper: RmspropHyper,
  ): void
  /**
   * One Adagrad step in place on `param` and `stateSum`.
   * @param param - parameters θ, updated in place
   * @param grad - gradient g, read only
   * @param stateSum - accumulated sum S of g²
   * @param hyper - resolved hyperparameters of this step
   */
  adagrad(param: Float32Array, grad: Float32Array, stateSum: Float32Array, hyper: AdagradHyper): void
  /**
   * One Lion step in place on `param` and `expAvg`.
   * @param param - parameters θ, updated in place
   * @param grad - gradient g, read only
   * @param expAvg - momentum m
   * @param hyper - resolved hyperparameters of this step
   */
  lion(param: Float32Array, grad: Float32Array, expAvg: Float32Array, hyper: LionHyper): void
  /**
   * The largest absolute value of `array` (0 when empty); NaN when an element is NaN and +∞ when
   * one is infinite, so the result is finite exactly when every element is. The optimizer's
   * non-finite check (PyTorch `found_inf`, optax `apply_if_finite`) and ∞-norm, in one read.
   * @param array - gradients, read only
   */
  maxAbs(array: Float32Array): number
  /**
   * Σ min(|g|, clamp)² in float64: the squared L2 norm of the gradients after value clipping
   * (`clamp` = +∞ for none). Finite inputs only (the optimizer checks them first).
   * @param array - gradients, read only
   * @param clamp - value-clipping bound > 0, or `Infinity`
   */
  sumOfSquares(array: Float32Array, clamp: number): number
  /**
   * In place `g ← fround(clamp(g, −clamp, clamp) × scale)` with `scale` a float32 value: PyTorch's
   * `clip_grad_value_` followed by `clip_grad_norm_`'s multiplication.
   * @param array - gradients, rewritten in place
   * @param clamp - value-clipping bound > 0, or `Infinity`
   * @param scale - norm-clipping coefficient in (0, 1], already rounded to float32
   */
  clampAndScale(array: Float32Array, clamp: number, scale: number): void
  /**
   * In place running mean `mean ← mean + (grad − mean) / count`, every operation in float32 (optax
   * `MultiSteps` with `use_grad_mean`): after k calls with counts 1…k, `mean` is the mean of the k
   * gradients.
   * @param mean - the running mean, updated in place
   * @param grad - this micro-batch's gradients, read only (same length)
   * @param count - 1-based number of micro-batches including this one
   */
  accumulateMean(mean: Float32Array, grad: Float32Array, count: number): void
}
