/**
 * The update rules of core's optimizers written as TensorFlow.js ops, for backends whose tensors
 * live on a GPU (webgl, webgpu), where reading gradients into `Float32Array`s would cost a device
 * sync per variable. Same formulas, same order of operations as core's kernels (float32 rounding
 * may differ in the last bits: the ops do not round intermediate products the way core's kernels
 * do). Each function returns the new parameter and the new state tensors; the caller runs it
 * inside `tidy` and assigns the results. Internal: not exported from the package entry point.
 */

import type { OptimizerKind } from '@lrkit/core'
import {
  add,
  div,
  maximum,
  mul,
  neg,
  scalar,
  sign,
  sqrt,
  square,
  sub,
  type Tensor,
} from '@tensorflow/tfjs-core'

/** Resolved hyperparameters, as core reports them (`optimizer.hyperparameters`). */
export type Hyperparameters = Readonly<Record<string, number | boolean>>

/** One variable's update inputs. */
export interface OpsUpdateInput {
  readonly param: Tensor
  readonly grad: Tensor
  /** State tensors in the order of {@link opsBufferNames}. */
  readonly buffers: readonly Tensor[]
  /** The group's learning rate for this step. */
  readonly learningRate: number
  /** The group's weight decay. */
  readonly weightDecay: number
  /** The variable's own 1-based step count (already incremented). */
  readonly step: number
}

/** New parameter and state tensors (state in the order of {@link opsBufferNames}). */
export interface OpsUpdateResult {
  readonly param: Tensor
  readonly buffers: readonly Tensor[]
}

/**
 * The state buffers core keeps for an optimizer kind and hyperparameters, by core's state name,
 * with their initial value.
 */
export function opsBufferNames(
  kind: OptimizerKind,
  hyper: Hyperparameters,
): ReadonlyArray<{ readonly name: string; readonly initialValue: number }> {
  switch (kind) {
    case 'sgd':
      return hyper.momentum === 0 ? [] : [{ name: 'momentumBuffer', initialValue: 0 }]
    case 'adam':
    case 'adamw': {
      const buffers = [
        { name: 'expAvg', initialValue: 0 },
        { name: 'expAvgSq', initialValue: 0 },
      ]
      if (hyper.amsgrad === true) buffers.push({ name: 'maxExpAvgSq', initialValue: 0 })
      return buffers
    }
    case 'adagrad':
      return [{ name: 'sum', initialValue: hyper.initialAccumulatorValue as number }]
    case 'rmsprop': {
      const buffers = [{ name: 'squareAvg', initialValue: 0 }]
      if (hyper.centered === true) buffers.push({ name: 'gradAvg', initialValue: 0 })
      if ((hyper.momentum as number) > 0) buffers.push({ name: 'momentumBuffer', initialValue: 0 })
      return buffers
    }
    case 'lion':
      return [{ name: 'expAvg', initialValue: 0 }]
  }
}

const num = (hyper: Hyperparameters, key: string): number => hyper[key] as number

/** Adds the L2 term `λθ` to the gradient when λ ≠ 0. */
function l2(grad: Tensor, param: Tensor, weightDecay: number): Tensor {
  return weightDecay === 0 ? grad : add(grad, mul(param, scalar(weightDecay)))
}

/** Blends `a·x + b·y` with scalar coefficients. */
function blend(x: Tensor, a: number, y: Tensor, b: number): Tensor {
  return add(mul(x, scalar(a)), mul(y, scalar(b)))
}

/**
 * One update of `kind` as tf ops (call inside `tidy`).
 *
 * @param kind - the core optimizer kind
 * @param hyper - its resolved hyperparameters
 * @param input - the variable, its gradient, its state and the group's rate and decay
 */
export function opsUpdate(
  kind: OptimizerKind,
  hyper: Hyperparameters,
  input: OpsUpdateInput,
): OpsUpdateResult {
  const { param, grad, buffers, learningRate, weightDecay, step } = input
  switch (kind) {
    case 'sgd': {
      const momentum = num(hyper, 'momentum')
      let gradient = l2(grad, param, weightDecay)
      const next: Tensor[] = []
      if (momentum !== 0) {
        const buffer =
          step === 1 ? gradient : blend(buffers[0]!, momentum, gradient, 1 - num(hyper, 'dampening'))
        next.push(buffer)
        gradient = hyper.nesterov === true ? add(gradient, mul(buffer, scalar(momentum))) : buffer
      }
      return { param: sub(param, mul(gradient, scalar(learningRate))), buffers: next }
    }
    case 'adam':
    case 'adamw': {
      const beta1 = num(hyper, 'beta1')
      const beta2 = num(hyper, 'beta2')
      const decoupled = kind === 'adamw'
      const value =
        decoupled && weightDecay !== 0 ? mul(param, scalar(1 - learningRate * weightDecay)) : param
      const gradient = decoupled ? grad : l2(grad, param, weightDecay)
      const moment = blend(buffers[0]!, beta1, gradient, 1 - beta1)
      const second = add(mul(buffers[1]!, scalar(beta2)), mul(mul(gradient, scalar(1 - beta2)), gradient))
      const next = [moment, second]
      let denominatorSource = second
      if (hyper.amsgrad === true) {
        denominatorSource = maximum(buffers[2]!, second)
        next.push(denominatorSource)
      }
      const denominator = add(
        div(sqrt(denominatorSource), scalar(Math.sqrt(1 - beta2 ** step))),
        scalar(num(hyper, 'eps')),
      )
      const stepSize = learningRate / (1 - beta1 ** step)
      return { param: sub(value, div(mul(moment, scalar(stepSize)), denominator)), buffers: next }
    }
    case 'adagrad': {
      const rate = learningRate / (1 + (step - 1) * num(hyper, 'lrDecay'))
      const gradient = l2(grad, param, weightDecay)
      const sum = add(buffers[0]!, square(gradient))
      const deviation = add(sqrt(sum), scalar(num(hyper, 'eps')))
      return { param: sub(param, div(mul(gradient, scalar(rate)), deviation)), buffers: [sum] }
    }
    case 'rmsprop': {
      const alpha = num(hyper, 'alpha')
      const momentum = num(hyper, 'momentum')
      const gradient = l2(grad, param, weightDecay)
      const squareAvg = add(mul(buffers[0]!, scalar(alpha)), mul(mul(gradient, scalar(1 - alpha)), gradient))
      const next = [squareAvg]
      let average: Tensor
      let index = 1
      if (hyper.centered === true) {
        const gradAvg = blend(buffers[index]!, alpha, gradient, 1 - alpha)
        index += 1
        next.push(gradAvg)
        average = sqrt(sub(squareAvg, square(gradAvg)))
      } else {
        average = sqrt(squareAvg)
      }
      average = add(average, scalar(num(hyper, 'eps')))
      if (momentum > 0) {
        const buffer = add(mul(buffers[index]!, scalar(momentum)), div(gradient, average))
        next.push(buffer)
        return { param: sub(param, mul(buffer, scalar(learningRate))), buffers: next }
      }
      return { param: sub(param, div(mul(gradient, scalar(learningRate)), average)), buffers: next }
    }
    case 'lion': {
      const beta1 = num(hyper, 'beta1')
      const beta2 = num(hyper, 'beta2')
      const interpolation = blend(grad, 1 - beta1, buffers[0]!, beta1)
      let update = sign(interpolation)
      if (weightDecay !== 0) update = add(update, mul(param, scalar(weightDecay)))
      const moment = blend(grad, 1 - beta2, buffers[0]!, beta2)
      return { param: add(param, mul(neg(update), scalar(learningRate))), buffers: [moment] }
    }
  }
}
