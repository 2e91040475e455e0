import { LrKitError } from './lrkit-error'

const marker = 'lrkit.error.TrainableError'
const symbol = /* @__PURE__ */ Symbol.for(marker)

/** The `Trainable` call that failed. */
export type TrainablePhase = 'snapshot' | 'restore' | 'trainStep' | 'evaluate' | 'create'

/**
 * A user-supplied `Trainable` (or a trainable factory) threw while lrkit drove it — in the range test
 * or a learning-rate search. The original error is the ES2022 `cause`.
 *
 * When the range test wraps a failing `trainStep` / `evaluate`, the trainable has already been
 * restored to its snapshot (`restored: true`); if the restore itself failed too, `restored` is false
 * and `restoreError` holds that second error.
 */
export class TrainableError extends LrKitError {
  /** @internal Marker that identifies this error class across package copies. */
  readonly [symbol] = true
  /** Which call failed. */
  readonly phase: TrainablePhase
  /** 0-based step of the failing call, when it was a step. */
  readonly step: number | undefined
  /** Learning rate passed to the failing call, when it was a step. */
  readonly learningRate: number | undefined
  /** True when the trainable was restored to its snapshot before this error was thrown. */
  readonly restored: boolean
  /** The error thrown by `restore()` when restoring after the failure also failed. */
  readonly restoreError: unknown

  /**
   * @param options - the failing call, its step and learning rate, the cause, and the restore outcome
   * @param options.message - what failed and what state the trainable was left in
   * @param options.phase - which call failed
   * @param options.cause - the error thrown by the trainable
   * @param options.step - the step of the failing call
   * @param options.learningRate - the learning rate of the failing call
   * @param options.restored - whether the snapshot was restored afterwards (default false)
   * @param options.restoreError - the error of a failed restore
   */
  constructor({
    message,
    phase,
    cause,
    step,
    learningRate,
    restored = false,
    restoreError,
  }: {
    message: string
    phase: TrainablePhase
    cause: unknown
    step?: number
    learningRate?: number
    restored?: boolean
    restoreError?: unknown
  }) {
    super({ name: 'TrainableError', message, cause })
    this.phase = phase
    this.step = step
    this.learningRate = learningRate
    this.restored = restored
    this.restoreError = restoreError
  }

  /** True when `error` is a {@link TrainableError} from any copy of the package. */
  static override isInstance(error: unknown): error is TrainableError {
    return LrKitError.hasMarker(error, marker)
  }
}
