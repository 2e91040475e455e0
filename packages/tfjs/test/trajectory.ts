/**
 * Test helper: runs an lrkit tfjs optimizer and the matching core optimizer on the same gradients.
 */
import {
  adagradOptimizer,
  adamOptimizer,
  adamwOptimizer,
  lionOptimizer,
  type Optimizer,
  type ParamGroup,
  rmspropOptimizer,
  sgdOptimizer,
} from '@lrkit/core'
import * as tf from '@tensorflow/tfjs-core'
import {
  LrkitAdagrad,
  LrkitAdam,
  LrkitAdamW,
  LrkitLion,
  type LrkitOptimizer,
  LrkitRMSProp,
  LrkitSGD,
} from '../src/index'

/** One optimizer configuration, built both ways. */
export interface Case {
  readonly label: string
  readonly tfjs: (options: Record<string, unknown>) => LrkitOptimizer
  readonly core: (options: Record<string, unknown>) => Optimizer<object>
  readonly hyper: Record<string, unknown>
}

const c = (f: unknown) => f as (options: Record<string, unknown>) => Optimizer<object>

/** Every optimizer kind with non-default hyperparameters that exercise each branch. */
export const CASES: readonly Case[] = [
  {
    label: 'sgd nesterov + L2',
    tfjs: (o) => new LrkitSGD(o),
    core: c(sgdOptimizer),
    hyper: { momentum: 0.9, nesterov: true, weightDecay: 0.01 },
  },
  {
    label: 'sgd dampening',
    tfjs: (o) => new LrkitSGD(o),
    core: c(sgdOptimizer),
    hyper: { momentum: 0.8, dampening: 0.3 },
  },
  {
    label: 'adam amsgrad',
    tfjs: (o) => new LrkitAdam(o),
    core: c(adamOptimizer),
    hyper: { amsgrad: true, weightDecay: 0.01 },
  },
  {
    label: 'adamw',
    tfjs: (o) => new LrkitAdamW(o),
    core: c(adamwOptimizer),
    hyper: { weightDecay: 0.05, beta2: 0.99 },
  },
  {
    label: 'adagrad',
    tfjs: (o) => new LrkitAdagrad(o),
    core: c(adagradOptimizer),
    hyper: { lrDecay: 0.01, initialAccumulatorValue: 0.1, weightDecay: 0.01 },
  },
  {
    label: 'rmsprop centered + momentum',
    tfjs: (o) => new LrkitRMSProp(o),
    core: c(rmspropOptimizer),
    hyper: { centered: true, momentum: 0.5, weightDecay: 0.01 },
  },
  { label: 'lion', tfjs: (o) => new LrkitLion(o), core: c(lionOptimizer), hyper: { weightDecay: 0.1 } },
]

/** A deterministic gradient stream (a small LCG), different per variable and step. */
export function gradient(step: number, salt: number, length: number): Float32Array {
  const out = new Float32Array(length)
  let state = (step * 7919 + salt * 104729 + 17) >>> 0
  for (let index = 0; index < length; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    out[index] = (state / 2 ** 32 - 0.45) * 2
  }
  return out
}

/** Initial values of the test variables. */
export const INITIAL = {
  a: new Float32Array([0.5, -1, 1.5, 2, -0.25, 0.75]),
  b: new Float32Array([0.1, -0.2, 0.3]),
}

/** Groups over the two test variables: `a` at full rate with decay, `b` at a tenth without. */
export function testGroups(a: string, b: string): ParamGroup[] {
  return [
    { name: 'body', parameters: [b], lrScale: 0.1, weightDecay: 0, trainable: true },
    { name: 'head', parameters: [a], lrScale: 1, trainable: true },
  ]
}

let serial = 0

/** Two fresh variables with unique names. */
export function makeVariables(): { a: tf.Variable; b: tf.Variable } {
  serial += 1
  return {
    a: tf.variable(tf.tensor(INITIAL.a, [2, 3]), true, `traj${serial}/a`),
    b: tf.variable(tf.tensor(INITIAL.b, [3]), true, `traj${serial}/b`),
  }
}
