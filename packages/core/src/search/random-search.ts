import { optionTable } from '../internal/option-table'
import { mulberry32 } from '../internal/seeded-random'
import { nonNegativeInteger, positiveInteger } from '../internal/validate'
import { resolveBase, runFixedBudget, type SearchBaseOptions, type SearchResult } from './search-trials'

/** Options of {@link randomSearch}. */
export interface RandomSearchOptions extends SearchBaseOptions {
  /** Number of trials; integer ≥ 1. Required. */
  readonly trials: number
  /** Optimizer steps **per trial**; integer ≥ 1. Required. */
  readonly budgetSteps: number
  /** Seed of the mulberry32 generator; integer ≥ 0 (used as 32 bits); default 0. */
  readonly seed?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<RandomSearchOptions>()('randomSearch', [
  'createTrainable',
  'minValue',
  'maxValue',
  'concurrency',
  'divergenceFactor',
  'lossWindow',
  'trials',
  'budgetSteps',
  'seed',
])

/** @internal `count` log-uniform samples in [minValue, maxValue) from a seeded generator. */
export function logUniformSamples(minValue: number, maxValue: number, count: number, seed: number): number[] {
  const random = mulberry32(seed)
  const low = Math.log(minValue)
  const span = Math.log(maxValue) - low
  return Array.from({ length: count }, () => Math.min(Math.exp(low + random() * span), maxValue))
}

/**
 * Trains one fresh trainable per learning rate sampled **log-uniformly** (seeded), each at a
 * constant learning rate for `budgetSteps` steps, and ranks them.
 *
 * ```text
 * lrₖ = exp(ln minValue + uₖ · (ln maxValue − ln minValue)),   uₖ ~ U[0, 1) from mulberry32(seed)
 * ```
 *
 * Early stop, `finalLoss` and ordering as {@link gridSearch}. Random search beats a grid when few
 * hyperparameters matter (Bergstra & Bengio 2012); log-uniform sampling of the learning rate is how
 * Optuna (`suggest_float(log=True)`) and Ray Tune (`tune.loguniform`) apply it. The same seed gives
 * the same learning rates on every engine.
 *
 * @param options - the options, each documented (default, range, unit) on {@link RandomSearchOptions} and
 *   {@link SearchBaseOptions}.
 * @returns A JSON-serialisable {@link SearchResult} (`method: 'random'`).
 * @throws InvalidArgumentError for an invalid option; TrainableError when a trainable throws (the
 *   first such error, after every other trial has stopped at its next call).
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `createTrainable` builds your model
 * const result = await randomSearch({ createTrainable, minValue: 1e-5, maxValue: 1, trials: 8, budgetSteps: 200, seed: 1 })
 * result.best?.learningRate // the best of 8 log-uniform draws
 * ```
 *
 * Equivalents: Optuna `RandomSampler` with `suggest_float(..., log=True)`; Ray Tune
 * `tune.loguniform(min, max)` with the default search.
 */
export async function randomSearch(options: RandomSearchOptions): Promise<SearchResult> {
  const record = OPTIONS.read(options)
  const base = resolveBase(record)
  const trials = positiveInteger('trials', record.trials)
  const budgetSteps = positiveInteger('budgetSteps', record.budgetSteps)
  const seed = record.seed === undefined ? 0 : nonNegativeInteger('seed', record.seed)
  const learningRates = logUniformSamples(base.minValue, base.maxValue, trials, seed)
  return runFixedBudget('random', learningRates, budgetSteps, base, {
    minValue: base.minValue,
    maxValue: base.maxValue,
    trials,
    budgetSteps,
    seed,
    concurrency: base.concurrency,
    divergenceFactor: base.divergenceFactor,
    lossWindow: base.lossWindow,
  })
}
