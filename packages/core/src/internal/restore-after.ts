/**
 * The snapshot / run / restore discipline shared by `runRangeTest` and `findLearningRate`: the
 * trainable is always restored, and a failure of one of its calls surfaces as a
 * {@link TrainableError} that says whether the restore worked. Internal: not exported from the
 * package entry point.
 */
import { TrainableError, type TrainablePhase } from '../errors/trainable-error'
import type { Trainable } from '../trainable'

/** A call to the trainable that threw or resolved to something else than a number, with where it happened. */
export class TrainableCallFailure {
  constructor(
    readonly phase: TrainablePhase,
    readonly cause: unknown,
    readonly step?: number,
    readonly learningRate?: number,
  ) {}
}

/** Awaits `run` (one call to the trainable's `phase` method); a throw becomes a {@link TrainableCallFailure}. */
export async function callTrainable<T>(
  phase: TrainablePhase,
  run: () => Promise<T>,
  step?: number,
  learningRate?: number,
): Promise<T> {
  try {
    return await run()
  } catch (error) {
    throw new TrainableCallFailure(phase, error, step, learningRate)
  }
}

/** `trainable.trainStep(learningRate, step)`, which must resolve to a number (non-finite allowed). */
export async function trainStepLoss(
  trainable: Trainable,
  learningRate: number,
  step: number,
): Promise<number> {
  return numberFrom(
    'trainStep',
    await callTrainable('trainStep', () => trainable.trainStep(learningRate, step), step, learningRate),
    step,
    learningRate,
  )
}

/** `trainable.evaluate()` (checked to exist beforehand), which must resolve to a number (non-finite allowed). */
export async function evaluateLoss(
  trainable: Trainable,
  step?: number,
  learningRate?: number,
): Promise<number> {
  const evaluate = trainable.evaluate as () => Promise<number>
  return numberFrom(
    'evaluate',
    await callTrainable('evaluate', () => evaluate.call(trainable), step, learningRate),
    step,
    learningRate,
  )
}

function numberFrom(phase: TrainablePhase, value: unknown, step?: number, learningRate?: number): number {
  if (typeof value !== 'number') {
    throw new TrainableCallFailure(
      phase,
      new TypeError(`${phase} must resolve to a number, got ${typeof value}`),
      step,
      learningRate,
    )
  }
  return value
}

/** `trainable.snapshot()`; a throw becomes a TrainableError saying that nothing was changed. */
export async function takeSnapshot(caller: string, trainable: Trainable): Promise<unknown> {
  try {
    return await trainable.snapshot()
  } catch (error) {
    throw new TrainableError({
      message: `${caller}: trainable.snapshot() threw; nothing was changed`,
      phase: 'snapshot',
      cause: error,
    })
  }
}

/**
 * Runs `body`, then `trainable.restore(state)` whatever happened (try/finally), and returns the
 * body's result. A {@link TrainableCallFailure} (or any other throw, as a failed `trainStep`) is
 * rethrown after the restore as a TrainableError with `restored: true` ("… the trainable was
 * restored to `restoredTo`"); a restore that throws gives `restored: false`, with the body's failure
 * as the cause and the restore's error as `restoreError` when both failed.
 */
export async function restoreAfter<T>(
  caller: string,
  trainable: Trainable,
  state: unknown,
  restoredTo: string,
  body: () => Promise<T>,
): Promise<T> {
  let failure: TrainableCallFailure | undefined
  let result: T | undefined
  try {
    result = await body()
  } catch (error) {
    failure = error instanceof TrainableCallFailure ? error : new TrainableCallFailure('trainStep', error)
  } finally {
    try {
      await trainable.restore(state)
    } catch (restoreError) {
      const at = failure?.step === undefined ? '' : ` at step ${failure.step}`
      // biome-ignore lint/correctness/noUnsafeFinally: the restore failure must surface
      throw new TrainableError({
        message: failure
          ? `${caller}: trainable.${failure.phase}() threw${at} and the following restore() threw too; the trainable is in an unknown state`
          : `${caller}: trainable.restore() threw; the trainable is in an unknown state`,
        phase: failure ? failure.phase : 'restore',
        cause: failure ? failure.cause : restoreError,
        ...where(failure),
        ...(failure ? { restoreError } : {}),
        restored: false,
      })
    }
  }
  if (failure !== undefined) {
    const at =
      failure.step === undefined ? '' : ` at step ${failure.step} (learning rate ${failure.learningRate})`
    throw new TrainableError({
      message: `${caller}: trainable.${failure.phase}() threw${at}; the trainable was restored to ${restoredTo}`,
      phase: failure.phase,
      cause: failure.cause,
      ...where(failure),
      restored: true,
    })
  }
  return result as T
}

function where(failure: TrainableCallFailure | undefined): { step?: number; learningRate?: number } {
  return {
    ...(failure?.step === undefined ? {} : { step: failure.step }),
    ...(failure?.learningRate === undefined ? {} : { learningRate: failure.learningRate }),
  }
}
