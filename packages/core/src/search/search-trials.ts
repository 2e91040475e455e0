import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { TrainableError } from '../errors/trainable-error'
import type { OptionRecord } from '../internal/option-table'
import { functionValue, numberInRange, positiveInteger, positiveNumber } from '../internal/validate'
import { divergenceLimit } from '../range-test/divergence-limit'
import type { SearchTrial, Trainable, TrainableFactory } from '../trainable'

/** Options shared by every learning-rate search. */
export interface SearchBaseOptions {
  /** Builds a fresh trainable per trial (same initial weights for every trial). Required. */
  readonly createTrainable: TrainableFactory
  /** Smallest learning rate searched; > 0. Required. */
  readonly minValue: number
  /** Largest learning rate searched; > minValue. Required. */
  readonly maxValue: number
  /**
   * Trials trained at the same time (interleaved `await`s); integer ≥ 1; default 1. When a call
   * into a trainable throws, no new trial starts and the trials in flight stop at their next call;
   * the search rejects once the calls already in flight (which cannot be cancelled) have settled, so
   * nothing is still training when it rejects.
   */
  readonly concurrency?: number
  /**
   * A trial diverges when a loss exceeds this × its first loss (or is non-finite); > 1; default 4.
   * With a first loss ≤ 0: when a loss rises above the first by more than (divergenceFactor − 1) ×
   * max(|first|, first − best loss so far); for a positive first loss both rules are the same.
   */
  readonly divergenceFactor?: number
  /**
   * Without `evaluate()`, a trial's `finalLoss` is the mean of its last `lossWindow` training losses;
   * integer ≥ 1; default 5. With `evaluate()`, `finalLoss` is the validation loss.
   */
  readonly lossWindow?: number
}

/** One row of a search's results table (plain JSON data). */
export interface SearchRow {
  /** 0-based trial index (order of creation). */
  readonly index: number
  /** The trial's constant learning rate. */
  readonly learningRate: number
  /** Validation loss, or the mean of the last `lossWindow` training losses; null when diverged. */
  readonly finalLoss: number | null
  /** The smallest finite training loss seen; null when none was finite. */
  readonly bestLoss: number | null
  /** Optimizer steps the trial ran (including the diverging step). */
  readonly stepsUsed: number
  /** True when the trial was stopped early: a non-finite loss or > divergenceFactor × its first loss. */
  readonly diverged: boolean
  /** Successive halving only: the last rung (0-based) the trial trained in. */
  readonly rung?: number
}

/** The result of a learning-rate search (plain JSON data). */
export interface SearchResult {
  /** Format version of the result: always 1. */
  readonly version: 1
  /** Which search produced it. */
  readonly method: 'grid' | 'random' | 'successiveHalving'
  /** The resolved options, without `createTrainable`. */
  readonly options: Readonly<Record<string, number | string>>
  /** Every trial, best first (see each search for the order). */
  readonly rows: readonly SearchRow[]
  /** The first row, unless every trial diverged. */
  readonly best?: SearchRow
  /** Optimizer steps used by all trials together. */
  readonly totalSteps: number
}

/** @internal Resolved shared options. */
export interface ResolvedBase {
  readonly createTrainable: TrainableFactory
  readonly minValue: number
  readonly maxValue: number
  readonly concurrency: number
  readonly divergenceFactor: number
  readonly lossWindow: number
}

/** @internal Validates the shared options of a record read by a search's option table. */
export function resolveBase(record: OptionRecord<SearchBaseOptions>): ResolvedBase {
  const createTrainable = functionValue<TrainableFactory>('createTrainable', record.createTrainable)
  const minValue = positiveNumber('minValue', record.minValue)
  const maxValue = positiveNumber('maxValue', record.maxValue)
  if (!(maxValue > minValue)) {
    throw new InvalidArgumentError({
      argument: 'maxValue',
      value: maxValue,
      expected: `a number > minValue (${minValue})`,
    })
  }
  const concurrency =
    record.concurrency === undefined ? 1 : positiveInteger('concurrency', record.concurrency)
  const divergenceFactor =
    record.divergenceFactor === undefined
      ? 4
      : numberInRange('divergenceFactor', record.divergenceFactor, { min: 1, minExclusive: true })
  const lossWindow = record.lossWindow === undefined ? 5 : positiveInteger('lossWindow', record.lossWindow)
  return { createTrainable, minValue, maxValue, concurrency, divergenceFactor, lossWindow }
}

/** @internal The state of one trial. */
export interface TrialState {
  readonly trial: SearchTrial
  readonly trainable: Trainable
  stepsUsed: number
  firstLoss: number | undefined
  bestLoss: number | undefined
  recent: number[]
  diverged: boolean
  rung: number
}

/**
 * @internal The stop signal a {@link pool} hands its work: set as soon as any call into user code
 * (`createTrainable`, `trainStep`, `evaluate`) throws, so the other workers stop at their next call.
 */
export interface StopSignal {
  /** True once a worker has failed. */
  stopped: boolean
}

/** @internal Thrown by a worker that sees the stop signal; never escapes {@link pool}. */
export class StoppedBySibling extends Error {
  constructor() {
    super('stopped because another trial failed')
    this.name = 'StoppedBySibling'
  }
}

/** @internal Throws {@link StoppedBySibling} when another worker has failed. */
export function throwIfStopped(signal: StopSignal | undefined): void {
  if (signal?.stopped) throw new StoppedBySibling()
}

/** @internal Creates the trainable of a trial. */
export async function createTrial(
  options: ResolvedBase,
  trial: SearchTrial,
  signal?: StopSignal,
): Promise<TrialState> {
  throwIfStopped(signal)
  let trainable: Trainable
  try {
    trainable = await options.createTrainable(trial)
  } catch (error) {
    if (signal) signal.stopped = true
    throw new TrainableError({
      message: `createTrainable threw for trial ${trial.index} (learning rate ${trial.learningRate})`,
      phase: 'create',
      cause: error,
    })
  }
  if (trainable === null || typeof trainable !== 'object' || typeof trainable.trainStep !== 'function') {
    throw new InvalidArgumentError({
      argument: 'createTrainable',
      value: trainable,
      message: `createTrainable must return a Trainable with a trainStep function, got ${trainable === null ? 'null' : typeof trainable} for trial ${trial.index}`,
    })
  }
  return {
    trial,
    trainable,
    stepsUsed: 0,
    firstLoss: undefined,
    bestLoss: undefined,
    recent: [],
    diverged: false,
    rung: 0,
  }
}

/** @internal Trains a trial at its constant learning rate until it has used `targetSteps` steps or diverged. */
export async function trainTo(
  state: TrialState,
  targetSteps: number,
  options: ResolvedBase,
  signal?: StopSignal,
): Promise<void> {
  while (!state.diverged && state.stepsUsed < targetSteps) {
    throwIfStopped(signal)
    const step = state.stepsUsed
    let loss: number
    try {
      loss = await state.trainable.trainStep(state.trial.learningRate, step)
    } catch (error) {
      if (signal) signal.stopped = true
      throw new TrainableError({
        message: `trainStep threw at step ${step} of trial ${state.trial.index} (learning rate ${state.trial.learningRate})`,
        phase: 'trainStep',
        cause: error,
        step,
        learningRate: state.trial.learningRate,
      })
    }
    state.stepsUsed += 1
    if (typeof loss !== 'number' || !Number.isFinite(loss)) {
      state.diverged = true
      return
    }
    if (state.firstLoss === undefined) state.firstLoss = loss
    if (state.bestLoss === undefined || loss < state.bestLoss) state.bestLoss = loss
    state.recent.push(loss)
    if (state.recent.length > options.lossWindow) state.recent.shift()
    const descent = state.firstLoss - state.bestLoss
    if (loss > divergenceLimit(state.firstLoss, descent, options.divergenceFactor)) state.diverged = true
  }
}

/** @internal The trial's final loss (validation loss when `evaluate` exists); null when diverged. */
export async function finalLoss(state: TrialState, signal?: StopSignal): Promise<number | null> {
  if (state.diverged || state.recent.length === 0) return null
  if (typeof state.trainable.evaluate === 'function') {
    throwIfStopped(signal)
    let value: number
    try {
      value = await state.trainable.evaluate()
    } catch (error) {
      if (signal) signal.stopped = true
      throw new TrainableError({
        message: `evaluate threw for trial ${state.trial.index}`,
        phase: 'evaluate',
        cause: error,
      })
    }
    if (!Number.isFinite(value)) {
      state.diverged = true
      return null
    }
    return value
  }
  return state.recent.reduce((sum, value) => sum + value, 0) / state.recent.length
}

/** @internal A results row. */
export function toRow(state: TrialState, loss: number | null, withRung: boolean): SearchRow {
  const row: SearchRow = {
    index: state.trial.index,
    learningRate: state.trial.learningRate,
    finalLoss: loss,
    bestLoss: state.bestLoss ?? null,
    stepsUsed: state.stepsUsed,
    diverged: state.diverged,
  }
  return withRung ? { ...row, rung: state.rung } : row
}

/** @internal Ascending final loss, diverged (null) last, ties by index. */
export function compareRows(a: SearchRow, b: SearchRow): number {
  const aLoss = a.finalLoss ?? Number.POSITIVE_INFINITY
  const bLoss = b.finalLoss ?? Number.POSITIVE_INFINITY
  if (aLoss !== bLoss) return aLoss < bLoss ? -1 : 1
  return a.index - b.index
}

/**
 * @internal Runs `work` over `items` with at most `concurrency` in flight. When one `work` throws,
 * the shared {@link StopSignal} is set (already by the failing call into user code, else here), no
 * worker takes a new item, and every worker stops at its next call into user code; the returned
 * promise rejects with the first error only once every worker has settled, so nothing is still
 * training when it rejects (a call already in flight cannot be cancelled and is awaited). Later
 * errors of other workers are dropped; none is left unhandled.
 */
export async function pool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, signal: StopSignal) => Promise<void>,
): Promise<void> {
  const signal: StopSignal = { stopped: false }
  let failure: { error: unknown } | undefined
  let next = 0
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (!signal.stopped && next < items.length) {
      const item = items[next] as T
      next += 1
      try {
        await work(item, signal)
      } catch (error) {
        signal.stopped = true
        if (failure === undefined && !(error instanceof StoppedBySibling)) failure = { error }
      }
    }
  })
  await Promise.all(workers)
  if (failure !== undefined) throw failure.error
}

/** @internal Trains independent constant-LR trials for `budgetSteps` each and tabulates them. */
export async function runFixedBudget(
  method: 'grid' | 'random',
  learningRates: readonly number[],
  budgetSteps: number,
  base: ResolvedBase,
  optionsRecord: Record<string, number | string>,
): Promise<SearchResult> {
  const rows: SearchRow[] = []
  const trials = learningRates.map((learningRate, index) => ({ learningRate, index }))
  await pool(trials, base.concurrency, async (trial, signal) => {
    const state = await createTrial(base, trial, signal)
    await trainTo(state, budgetSteps, base, signal)
    rows.push(toRow(state, await finalLoss(state, signal), false))
  })
  rows.sort(compareRows)
  const best = rows[0] && !rows[0].diverged && rows[0].finalLoss !== null ? rows[0] : undefined
  return {
    version: 1,
    method,
    options: optionsRecord,
    rows,
    ...(best ? { best } : {}),
    totalSteps: rows.reduce((sum, row) => sum + row.stepsUsed, 0),
  }
}
