import type { AdagradHyper, AdamHyper, LionHyper, OptimizerKernels, RmspropHyper, SgdHyper } from './types'

const f32 = Math.fround

/**
 * The pure-JS optimizer kernels: plain loops over `Float32Array`s that reproduce PyTorch's
 * single-tensor (CPU, `foreach=False`) float32 implementations operation by operation. Every
 * intermediate is rounded to float32 (`Math.fround`) in PyTorch's order, scalar hyperparameters are
 * cast to float32 where PyTorch's kernels cast them, and where PyTorch's vectorised CPU kernels
 * fuse a multiply and an add (`add(…, alpha)`, `addcmul`) the product-plus-sum is rounded once.
 * Against real PyTorch 1.13 (`test/fixtures/pytorch-optimizers.json`: SGD, Adam, AdamW, Adagrad,
 * RMSProp, 60 steps) the trajectories are bit-identical. PyTorch ≥ 2.0 computes Adam's first moment
 * with `lerp` instead of `mul_`/`add_`, which can differ in the last bit. Lion follows optax `lion`.
 *
 * The gradient array is read only; parameters and state arrays are updated in place; no call
 * allocates. `allocate(n)` returns `new Float32Array(n)`.
 *
 * @example
 * ```ts
 * const param = new Float32Array([1]), grad = new Float32Array([0.5]), buffer = jsKernels.allocate(1)
 * jsKernels.sgd(param, grad, buffer, { learningRate: 0.1, momentum: 0.9, dampening: 0, nesterov: false, weightDecay: 0, firstStep: true })
 * param[0] // 0.949999988079071 (float32 nearest to 0.95)
 * ```
 */
export const jsKernels: OptimizerKernels = {
  backend: 'js',

  allocate(length: number): Float32Array {
    return new Float32Array(length)
  },

  /**
   * PyTorch `SGD`: `g ← g + λθ`; with momentum μ: `b ← g` on the first step, else
   * `b ← μb + (1 − τ)g`; Nesterov `g ← g + μb`, else `g ← b`; `θ ← θ − γg`.
   */
  sgd(param, grad, momentumBuffer, hyper: SgdHyper): void {
    const length = param.length
    const weightDecay = f32(hyper.weightDecay)
    const hasWeightDecay = hyper.weightDecay !== 0
    const momentum = f32(hyper.momentum)
    const useMomentum = hyper.momentum !== 0 && momentumBuffer !== undefined
    const oneMinusDampening = f32(1 - hyper.dampening)
    const nesterov = hyper.nesterov
    const firstStep = hyper.firstStep
    const negativeRate = f32(-hyper.learningRate)
    for (let index = 0; index < length; index++) {
      const value = param[index]!
      let gradient = grad[index]!
      if (hasWeightDecay) gradient = f32(gradient + weightDecay * value)
      if (useMomentum) {
        let buffer: number
        if (firstStep) {
          buffer = gradient
        } else {
          buffer = f32(f32(momentumBuffer[index]! * momentum) + oneMinusDampening * gradient)
        }
        momentumBuffer[index] = buffer
        gradient = nesterov ? f32(gradient + momentum * buffer) : buffer
      }
      param[index] = value + negativeRate * gradient
    }
  },

  /**
   * PyTorch `Adam` / `AdamW`: decoupled `θ ← θ(1 − γλ)` or L2 `g ← g + λθ`;
   * `m ← β₁m + (1 − β₁)g`, `v ← β₂v + (1 − β₂)g²` (AMSGrad: `v̂max ← max(v̂max, v)`);
   * `θ ← θ − (γ/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε)`.
   */
  adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, hyper: AdamHyper): void {
    const length = param.length
    const step = hyper.step
    const learningRate = hyper.learningRate
    const decoupled = hyper.decoupledWeightDecay
    const hasWeightDecay = hyper.weightDecay !== 0
    const weightDecay = f32(hyper.weightDecay)
    const decayFactor = f32(1 - learningRate * hyper.weightDecay)
    const beta1 = f32(hyper.beta1)
    const oneMinusBeta1 = f32(1 - hyper.beta1)
    const beta2 = f32(hyper.beta2)
    const oneMinusBeta2 = f32(1 - hyper.beta2)
    const biasCorrection1 = 1 - hyper.beta1 ** step
    const biasCorrection2Sqrt = f32(Math.sqrt(1 - hyper.beta2 ** step))
    const negativeStepSize = f32(-(learningRate / biasCorrection1))
    const eps = f32(hyper.eps)
    const amsgrad = hyper.amsgrad && maxExpAvgSq !== undefined
    // Weight decay as two multipliers so the loop has no reassigned, branch-dependent locals (V8
    // boxes such doubles after a deoptimisation: 3× slower). decoupled: θ·(1 − lr·λ), g unchanged;
    // L2: θ unchanged, g + λ·θ; none: both unchanged. Each product is exact (×1, +0·θ).
    const parameterFactor = hasWeightDecay && decoupled ? decayFactor : 1
    const gradientDecay = hasWeightDecay && !decoupled ? weightDecay : 0
    for (let index = 0; index < length; index++) {
      const original = param[index]!
      const value = f32(original * parameterFactor)
      const gradient = f32(grad[index]! + gradientDecay * original)
      const moment = f32(f32(expAvg[index]! * beta1) + oneMinusBeta1 * gradient)
      expAvg[index] = moment
      let second = f32(f32(expAvgSq[index]! * beta2) + f32(oneMinusBeta2 * gradient) * gradient)
      expAvgSq[index] = second
      if (amsgrad) {
        const previousMax = maxExpAvgSq[index]!
        if (previousMax > second) second = previousMax
        maxExpAvgSq[index] = second
      }
      const denominator = f32(f32(f32(Math.sqrt(second)) / biasCorrection2Sqrt) + eps)
      param[index] = value + f32(f32(negativeStepSize * moment) / denominator)
    }
  },

  /**
   * PyTorch `RMSprop` (ε outside the root): `g ← g + λθ`; `v ← αv + (1 − α)g²`; centered:
   * `ḡ ← αḡ + (1 − α)g`, `s = √(v − ḡ²) + ε`, else `s = √v + ε`; momentum μ > 0:
   * `b ← μb + g/s`, `θ ← θ − γb`; else `θ ← θ − γg/s`.
   */
  rmsprop(param, grad, squareAvg, gradAvg, momentumBuffer, hyper: RmspropHyper): void {
    const length = param.length
    const hasWeightDecay = hyper.weightDecay !== 0
    const weightDecay = f32(hyper.weightDecay)
    const alpha = f32(hyper.alpha)
    const oneMinusAlpha = f32(1 - hyper.alpha)
    const centered = hyper.centered && gradAvg !== undefined
    const useMomentum = hyper.momentum > 0 && momentumBuffer !== undefined
    const momentum = f32(hyper.momentum)
    const eps = f32(hyper.eps)
    const negativeRate = f32(-hyper.learningRate)
    for (let index = 0; index < length; index++) {
      const value = param[index]!
      let gradient = grad[index]!
      if (hasWeightDecay) gradient = f32(gradient + weightDecay * value)
      const square = f32(f32(squareAvg[index]! * alpha) + f32(oneMinusAlpha * gradient) * gradient)
      squareAvg[index] = square
      let average: number
      if (centered) {
        const mean = f32(f32(gradAvg[index]! * alpha) + oneMinusAlpha * gradient)
        gradAvg[index] = mean
        average = f32(Math.sqrt(f32(square - mean * mean)))
      } else {
        average = f32(Math.sqrt(square))
      }
      average = f32(average + eps)
      if (useMomentum) {
        const buffer = f32(f32(momentumBuffer[index]! * momentum) + f32(gradient / average))
        momentumBuffer[index] = buffer
        param[index] = value + negativeRate * buffer
      } else {
        param[index] = value + f32(f32(negativeRate * gradient) / average)
      }
    }
  },

  /**
   * PyTorch `Adagrad` (`learningRate` already divided by `1 + (t − 1)·lr_decay`): `g ← g + λθ`;
   * `S ← S + g²`; `θ ← θ − γg/(√S + ε)`.
   */
  adagrad(param, grad, stateSum, hyper: AdagradHyper): void {
    const length = param.length
    const hasWeightDecay = hyper.weightDecay !== 0
    const weightDecay = f32(hyper.weightDecay)
    const eps = f32(hyper.eps)
    const negativeRate = f32(-hyper.learningRate)
    for (let index = 0; index < length; index++) {
      const value = param[index]!
      let gradient = grad[index]!
      if (hasWeightDecay) gradient = f32(gradient + weightDecay * value)
      const sum = f32(stateSum[index]! + gradient * gradient)
      stateSum[index] = sum
      const deviation = f32(f32(Math.sqrt(sum)) + eps)
      param[index] = value + f32(f32(negativeRate * gradient) / deviation)
    }
  },

  /**
   * Lion (Chen et al. 2023; optax `lion`): `c = β₁m + (1 − β₁)g`; `θ ← θ − γ(sign(c) + λθ)`;
   * `m ← β₂m + (1 − β₂)g`.
   */
  lion(param, grad, expAvg, hyper: LionHyper): void {
    const length = param.length
    const beta1 = f32(hyper.beta1)
    const oneMinusBeta1 = f32(1 - hyper.beta1)
    const beta2 = f32(hyper.beta2)
    const oneMinusBeta2 = f32(1 - hyper.beta2)
    const hasWeightDecay = hyper.weightDecay !== 0
    const weightDecay = f32(hyper.weightDecay)
    const negativeRate = f32(-hyper.learningRate)
    for (let index = 0; index < length; index++) {
      const value = param[index]!
      const gradient = grad[index]!
      const moment = expAvg[index]!
      const interpolation = f32(f32(oneMinusBeta1 * gradient) + f32(beta1 * moment))
      let update = Math.sign(interpolation)
      if (hasWeightDecay) update = f32(update + f32(weightDecay * value))
      param[index] = value + f32(negativeRate * update)
      expAvg[index] = f32(f32(oneMinusBeta2 * gradient) + f32(beta2 * moment))
    }
  },
  maxAbs(array: Float32Array): number {
    let largest = 0
    for (let index = 0; index < array.length; index++) {
      const magnitude = Math.abs(array[index]!)
      if (magnitude > largest) largest = magnitude
      else if (Number.isNaN(magnitude)) return Number.NaN
    }
    return largest
  },

  sumOfSquares(array: Float32Array, clamp: number): number {
    let sum = 0
    for (let index = 0; index < array.length; index++) {
      const magnitude = Math.min(Math.abs(array[index]!), clamp)
      sum += magnitude * magnitude
    }
    return sum
  },

  clampAndScale(array: Float32Array, clamp: number, scale: number): void {
    const factor = f32(scale)
    for (let index = 0; index < array.length; index++) {
      array[index] = Math.min(Math.max(array[index]!, -clamp), clamp) * factor
    }
  },

  accumulateMean(mean: Float32Array, grad: Float32Array, count: number): void {
    for (let index = 0; index < mean.length; index++) {
      const current = mean[index]!
      mean[index] = current + f32(f32(grad[index]! - current) / count)
    }
  },
}
