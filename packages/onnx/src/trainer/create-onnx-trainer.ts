import { InvalidArgumentError, type Optimizer, type Scheduler, type StepReport } from '@lrkit/core'
import type { GradientBatch, GradientSession } from '../session/create-gradient-session'

/** Options of {@link createOnnxTrainer}. */
export interface OnnxTrainerOptions {
  /** The gradient session whose parameters train. */
  readonly session: GradientSession
  /**
   * A `@lrkit/core` optimizer created over `session.parameters`; the session then feeds
   * `optimizer.parameters` (the same arrays with JS kernels, the optimizer's copies otherwise).
   */
  readonly optimizer: Optimizer
  /** A `@lrkit/core` scheduler giving the base learning rate; advanced after every applied update. */
  readonly scheduler?: Scheduler
  /** A constant base learning rate, when there is no scheduler. */
  readonly learningRate?: number
}

/** What one training step did. */
export interface OnnxTrainStep {
  /** The batch loss before the update. */
  readonly loss: number
  /** The base learning rate the update used. */
  readonly learningRate: number
  /** The optimizer's report (applied, skipped for a non-finite gradient, clipping). */
  readonly report: StepReport
}

/** A minimal training loop step: one `session.run` for loss and gradients, one optimizer step. */
export interface OnnxTrainer {
  /** The session (read `session.parameters`, `predict`, `exportModel`). */
  readonly session: GradientSession
  /** Trains on one batch. */
  step(batch: GradientBatch): Promise<OnnxTrainStep>
}

/**
 * Joins a gradient session, a `@lrkit/core` optimizer and an optional scheduler.
 *
 * @param options - the session, the optimizer and the learning rate (scheduler or constant)
 * @returns the trainer
 */
export function createOnnxTrainer(options: OnnxTrainerOptions): OnnxTrainer {
  const { session, optimizer, scheduler, learningRate } = options
  if ((scheduler === undefined) === (learningRate === undefined)) {
    throw new InvalidArgumentError({
      argument: 'options',
      value: { scheduler: scheduler ? 'a scheduler' : undefined, learningRate },
      message: 'createOnnxTrainer needs exactly one of options.scheduler and options.learningRate',
    })
  }
  if (learningRate !== undefined && !(Number.isFinite(learningRate) && learningRate >= 0)) {
    throw new InvalidArgumentError({
      argument: 'options.learningRate',
      value: learningRate,
      expected: 'a finite number ≥ 0',
    })
  }
  session.useParameters(optimizer.parameters)
  return {
    session,
    async step(batch) {
      const { loss, gradients } = await session.computeGradients(batch)
      const rate = scheduler ? scheduler.learningRate : learningRate!
      const report = optimizer.step(gradients, rate)
      if (scheduler && report.applied) scheduler.advance()
      return { loss, learningRate: rate, report }
    },
  }
}
