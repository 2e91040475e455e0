import { InvalidArgumentError, type Optimizer, type Scheduler, type StepReport } from '@lrkit/core'
import { writeOnnxCheckpoint } from '../checkpoint/onnx-checkpoint'
import type { GradientBatch, GradientSession } from '../session/create-gradient-session'

/** Options of {@link createOnnxTrainer}. */
export interface OnnxTrainerOptions {
  /** The gradient session whose parameters train. */
  readonly session: GradientSession
  /**
   * A `@lrkit/core` optimizer over the session's trainable parameters (same names and lengths, e.g.
   * created with `parameters: session.parameters`). The session then feeds `optimizer.parameters`
   * to onnxruntime as zero-copy views, and onnxruntime writes the gradients straight into
   * `optimizer.gradients`. With WebAssembly kernels use `createWasmKernels({ sharedMemory: false })`:
   * onnxruntime-node cannot read or write shared memory.
   */
  readonly optimizer: Optimizer<object>
  /**
   * A `@lrkit/core` scheduler created with `target: optimizer` (it pushes every group's rate to the
   * optimizer, so `optimizer.step` needs no rate); advanced after every applied update. Give exactly
   * one of `scheduler` and `learningRate`.
   */
  readonly scheduler?: Scheduler
  /** A constant base learning rate (finite, ≥ 0), when there is no scheduler. */
  readonly learningRate?: number
}

/** Options of one {@link OnnxTrainer.step} call. */
export interface OnnxTrainStepOptions {
  /**
   * Base learning rate of this update only (finite, ≥ 0; group scales still apply). It wins over the
   * scheduler's rate, and the scheduler is then not advanced: the range test and searches step this
   * way.
   */
  readonly learningRate?: number
}

/** Wall-clock time of one training step's two parts, in milliseconds. */
export interface OnnxStepTimings {
  /** `session.run`: forward and backward in onnxruntime, gradients written into the optimizer. */
  readonly run: number
  /** `optimizer.step`: non-finite check, accumulation, clipping and the update. */
  readonly update: number
}

/** What one training step did. */
export interface OnnxTrainStep {
  /** The batch loss before the update. */
  readonly loss: number
  /**
   * The base learning rate of the update: the step's own rate, the scheduler's `learningRate`, or
   * the constant rate.
   */
  readonly learningRate: number
  /** The optimizer's report (applied, accumulating, skipped for a non-finite gradient, clipping). */
  readonly report: StepReport
  /** Where the time went. */
  readonly timings: OnnxStepTimings
}

/**
 * A training loop step: one `session.run` that writes the loss and every gradient (into the
 * optimizer's own buffers), then one `optimizer.step`, then `scheduler.advance()` when the update was
 * applied.
 */
export interface OnnxTrainer {
  /** The session (read `session.parameters`, `predict`, `exportModel`). */
  readonly session: GradientSession
  /** The optimizer. */
  readonly optimizer: Optimizer<object>
  /** The scheduler, when there is one. */
  readonly scheduler: Scheduler | undefined
  /**
   * Trains on one batch. A non-finite gradient skips the update (`report.skipped`), leaving the
   * parameters, the optimizer state and the scheduler unchanged. Blocks the event loop while
   * onnxruntime runs.
   */
  step(batch: GradientBatch, options?: OnnxTrainStepOptions): Promise<OnnxTrainStep>
  /**
   * Writes the parameters, `optimizer.state()` and `scheduler.toJSON()` atomically to `path` (see
   * `writeOnnxCheckpoint`; resume with `readOnnxCheckpoint`). `metadata` is stored as JSON.
   */
  saveCheckpoint(path: string, options?: { readonly metadata?: unknown }): Promise<void>
}

/**
 * Joins a gradient session, a `@lrkit/core` optimizer and a scheduler (or a constant rate) into the
 * fast training path: parameters are fed to onnxruntime as zero-copy views of `optimizer.parameters`,
 * gradients are written by onnxruntime into `optimizer.gradients` (pre-allocated outputs), and
 * `optimizer.step(optimizer.gradients)` copies and validates nothing. Parameter groups
 * (discriminative rates, weight-decay exclusions, freezing), clipping, gradient accumulation and the
 * non-finite guard are the optimizer's; schedules and plateau reduction are the scheduler's.
 *
 * @param options - the session, the optimizer and the learning rate (a scheduler targeting the
 *   optimizer, or a constant)
 * @returns the trainer
 * @throws InvalidArgumentError when neither or both of `scheduler` and `learningRate` are given,
 *   when `learningRate` is not finite and ≥ 0, or when the optimizer's parameters are not the
 *   session's (names, lengths, plain memory)
 *
 * @example
 * ```ts
 * const session = await createGradientSession(graph)
 * const optimizer = adamwOptimizer({
 *   parameters: session.parameters,
 *   kernels: createWasmKernels({ sharedMemory: false }),
 * })
 * const scheduler = createScheduler({
 *   schedule: cosineSchedule({ initValue: 1e-3, endValue: 0, steps: 1000 }),
 *   target: optimizer,
 * })
 * const trainer = createOnnxTrainer({ session, optimizer, scheduler })
 * const { loss, timings } = await trainer.step({ inputs: { x }, labels })
 * ```
 */
export function createOnnxTrainer(options: OnnxTrainerOptions): OnnxTrainer {
  if (typeof options !== 'object' || options === null) {
    throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
  }
  const { session, optimizer, scheduler, learningRate } = options
  if ((scheduler === undefined) === (learningRate === undefined)) {
    throw new InvalidArgumentError({
      argument: 'options',
      value: { scheduler: scheduler ? 'a scheduler' : undefined, learningRate },
      message: 'createOnnxTrainer needs exactly one of options.scheduler and options.learningRate',
    })
  }
  if (learningRate !== undefined) checkRate('options.learningRate', learningRate)
  checkSameParameters(session, optimizer)
  session.useParameters(optimizer.parameters)
  const gradients = optimizer.gradients
  return {
    session,
    optimizer,
    scheduler,
    async step(batch, stepOptions) {
      const explicit = stepOptions?.learningRate
      if (explicit !== undefined) checkRate('options.learningRate', explicit)
      const start = performance.now()
      const loss = await session.computeGradientsInto(batch, gradients)
      const middle = performance.now()
      let rate: number
      let report: StepReport
      if (explicit !== undefined) {
        rate = explicit
        report = optimizer.step(gradients, explicit)
      } else if (scheduler !== undefined) {
        rate = scheduler.learningRate
        report = optimizer.step(gradients)
        if (report.applied) scheduler.advance()
      } else {
        rate = learningRate!
        report = optimizer.step(gradients, rate)
      }
      const end = performance.now()
      return { loss, learningRate: rate, report, timings: { run: middle - start, update: end - middle } }
    },
    saveCheckpoint(path, saveOptions) {
      return writeOnnxCheckpoint(path, {
        parameters: optimizer.parameters,
        optimizer: optimizer.state(),
        ...(scheduler === undefined ? {} : { scheduler: scheduler.toJSON() }),
        ...(saveOptions?.metadata === undefined ? {} : { metadata: saveOptions.metadata }),
      })
    },
  }
}

function checkRate(argument: string, value: unknown): void {
  if (typeof value !== 'number' || !(Number.isFinite(value) && value >= 0)) {
    throw new InvalidArgumentError({ argument, value, expected: 'a finite number ≥ 0' })
  }
}

function checkSameParameters(session: GradientSession, optimizer: Optimizer<object>): void {
  const expected = session.graph.parameters.map((parameter) => parameter.name)
  const actual = [...optimizer.parameters.keys()]
  const missing = expected.filter((name) => !optimizer.parameters.has(name))
  const extra = actual.filter((name) => !session.parameters.has(name))
  if (missing.length > 0 || extra.length > 0) {
    throw new InvalidArgumentError({
      argument: 'options.optimizer',
      value: actual,
      message: `options.optimizer must optimise exactly the session's trainable parameters; ${[
        missing.length > 0 ? `missing ${missing.map((name) => `"${name}"`).join(', ')}` : '',
        extra.length > 0 ? `not trainable in the graph ${extra.map((name) => `"${name}"`).join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ')}`,
    })
  }
}
