import { describe, expect, it } from 'vitest'
import { jsKernels } from './js-kernels'

describe('jsKernels', () => {
  it('allocate returns a zero-filled Float32Array of the requested length', () => {
    const array = jsKernels.allocate(5)
    expect(array).toBeInstanceOf(Float32Array)
    expect(Array.from(array)).toEqual([0, 0, 0, 0, 0])
    expect(jsKernels.backend).toBe('js')
  })

  it('never writes to the gradient (weight decay and clipping work on copies)', () => {
    const grad = new Float32Array([0.5, -0.25, 2])
    const copy = Array.from(grad)
    const param = () => new Float32Array([1, -1, 0.5])
    const buffer = () => new Float32Array(3)
    jsKernels.sgd(param(), grad, buffer(), {
      learningRate: 0.1,
      momentum: 0.9,
      dampening: 0,
      nesterov: true,
      weightDecay: 0.1,
      firstStep: true,
    })
    const adam = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, amsgrad: true }
    jsKernels.adam(param(), grad, buffer(), buffer(), buffer(), {
      ...adam,
      decoupledWeightDecay: false,
      step: 1,
    })
    jsKernels.rmsprop(param(), grad, buffer(), buffer(), buffer(), {
      learningRate: 0.1,
      alpha: 0.99,
      eps: 1e-8,
      weightDecay: 0.1,
      momentum: 0.9,
      centered: true,
    })
    jsKernels.adagrad(param(), grad, buffer(), { learningRate: 0.1, eps: 1e-10, weightDecay: 0.1 })
    jsKernels.lion(param(), grad, buffer(), { learningRate: 0.1, beta1: 0.9, beta2: 0.99, weightDecay: 0.1 })
    expect(Array.from(grad)).toEqual(copy)
  })

  it('Lion by hand: c = β₁m + (1 − β₁)g, θ ← θ − γ(sign(c) + λθ), m ← β₂m + (1 − β₂)g', () => {
    const param = new Float32Array([1, 1, 1])
    const expAvg = new Float32Array([0.2, -0.2, 0])
    // c = 0.9·m + 0.1·g = [0.9·0.2 − 0.1, −0.18 − 0.1, 0] → signs [+, −, 0]
    jsKernels.lion(param, new Float32Array([-1, -1, 0]), expAvg, {
      learningRate: 0.5,
      beta1: 0.9,
      beta2: 0.5,
      weightDecay: 0.5,
    })
    expect(Array.from(param)).toEqual([1 - 0.5 * (1 + 0.5), 1 - 0.5 * (-1 + 0.5), 1 - 0.5 * 0.5])
    expect(Array.from(expAvg)).toEqual([Math.fround(-0.4), Math.fround(-0.6), 0])
  })

  it('SGD uses the gradient as the momentum buffer on the first step only', () => {
    const buffer = new Float32Array([7])
    const hyper = {
      learningRate: 1,
      momentum: 0.5,
      dampening: 0.5,
      nesterov: false,
      weightDecay: 0,
      firstStep: true,
    }
    const param = new Float32Array([0])
    jsKernels.sgd(param, new Float32Array([2]), buffer, hyper)
    expect(buffer[0]).toBe(2)
    expect(param[0]).toBe(-2)
    jsKernels.sgd(param, new Float32Array([2]), buffer, { ...hyper, firstStep: false })
    expect(buffer[0]).toBe(0.5 * 2 + 0.5 * 2)
    expect(param[0]).toBe(-4)
  })
})
