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
  learningRate: number
  momentum: number
  dampening: number
  nesterov: boolean
  weightDecay: number
  /** True on this parameter's first step: the momentum buffer is set to the gradient (no dampening). */
  firstStep: boolean
}

/** Adam / AdamW (PyTorch `torch.optim.Adam`, `torch.optim.AdamW`). */
export interface AdamHyper {
  learningRate: number
  beta1: number
  beta2: number
  eps: number
  weightDecay: number
  /** AdamW: θ ← θ(1 − lr·wd) before the update, instead of L2 added to the gradient. */
  decoupledWeightDecay: boolean
  amsgrad: boolean
  /** 1-based step count of this parameter (after increment). */
  step: number
}

/** RMSProp (PyTorch `torch.optim.RMSprop`, ε outside the square root). */
export interface RmspropHyper {
  learningRate: number
  alpha: number
  eps: number
  weightDecay: number
  momentum: number
  centered: boolean
}

/** Adagrad (PyTorch `torch.optim.Adagrad`); `learningRate` already includes `lr_decay`. */
export interface AdagradHyper {
  learningRate: number
  eps: number
  weightDecay: number
}

/** Lion (Chen et al. 2023; optax `lion`): decoupled weight decay. */
export interface LionHyper {
  learningRate: number
  beta1: number
  beta2: number
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
  sgd(
    param: Float32Array,
    grad: Float32Array,
    momentumBuffer: Float32Array | undefined,
    hyper: SgdHyper,
  ): void
  adam(
    param: Float32Array,
    grad: Float32Array,
    expAvg: Float32Array,
    expAvgSq: Float32Array,
    maxExpAvgSq: Float32Array | undefined,
    hyper: AdamHyper,
  ): void
  rmsprop(
    param: Float32Array,
    grad: Float32Array,
    squareAvg: Float32Array,
    gradAvg: Float32Array | undefined,
    momentumBuffer: Float32Array | undefined,
    hyper: RmspropHyper,
  ): void
  adagrad(param: Float32Array, grad: Float32Array, stateSum: Float32Array, hyper: AdagradHyper): void
  lion(param: Float32Array, grad: Float32Array, expAvg: Float32Array, hyper: LionHyper): void
}
