import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { positiveInteger } from '../internal/validate'
import { resolveBase, runFixedBudget, type SearchBaseOptions, type SearchResult } from './search-trials'

/** Options of {@link gridSearch}. */
export interface GridSearchOptions extends SearchBaseOptions {
  /** Number of learning rates, log-spaced from minValue to maxValue inclusive; integer ≥ 2. Required. */
  readonly points: number
  /** Optimizer steps **per trial**; integer ≥ 1. Required. */
  readonly budgetSteps: number
}

const OPTIONS = /* @__PURE__ */ optionTable<GridSearchOptions>()('gridSearch', [
  'createTrainable',
  'minValue',
  'maxValue',
  'concurrency',
  'divergenceFactor',
  'lossWindow',
  'points',
  'budgetSteps',
])

/**
 * Trains one fresh trainable per learning rate of a log-spaced grid, each at a constant learning
 * rate for `budgetSteps` steps, and ranks them.
 *
 * ```text
 * lrₖ = minValue · (maxValue / minValue)^(k / (points − 1)),   k = 0 … points − 1
 * ```
 *
 * A trial stops early when a loss is non-finite or exceeds `divergenceFactor` × its first loss
 * (`diverged: true`, `finalLoss: null`). `finalLoss` = `evaluate()` when the trainable has it, else
 * the mean of the last `lossWindow` training losses. Rows are sorted by `finalLoss` ascending,
 * diverged last; `best` is the first row unless every trial diverged. Total cost ≤ points ×
 * budgetSteps steps. The lr-finder evaluation protocol's ground truth is this grid with 4 points per
 * decade.
 *
 * @param options - the options, each documented (default, range, unit) on {@link GridSearchOptions} and
 *   {@link SearchBaseOptions}.
 * @returns A JSON-serialisable {@link SearchResult} (`method: 'grid'`).
 * @throws InvalidArgumentError for an invalid option; TrainableError when a trainable throws (the
 *   first such error, after every other trial has stopped at its next call).
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `createTrainable` builds your model
 * const result = await gridSearch({ createTrainable, minValue: 1e-4, maxValue: 1, points: 5, budgetSteps: 200 })
 * result.rows.map((row) => row.learningRate) // sorted by loss; the grid is 1e-4, 1e-3, 1e-2, 1e-1, 1
 * result.best?.learningRate                  // e.g. 1e-2
 * ```
 *
 * Equivalents: Optuna `GridSampler`, Ray Tune `tune.grid_search` over a log-spaced list.
 */
export async function gridSearch(options: GridSearchOptions): Promise<SearchResult> {
  const record = OPTIONS.read(options)
  const base = resolveBase(record)
  const points = positiveInteger('points', record.points)
  if (points < 2)
    throw new InvalidArgumentError({ argument: 'points', value: points, expected: 'an integer >= 2' })
  const budgetSteps = positiveInteger('budgetSteps', record.budgetSteps)
  const ratio = base.maxValue / base.minValue
  const learningRates = Array.from({ length: points }, (_, k) =>
    k === points - 1 ? base.maxValue : base.minValue * ratio ** (k / (points - 1)),
  )
  return runFixedBudget('grid', learningRates, budgetSteps, base, {
    minValue: base.minValue,
    maxValue: base.maxValue,
    points,
    budgetSteps,
    concurrency: base.concurrency,
    divergenceFactor: base.divergenceFactor,
    lossWindow: base.lossWindow,
  })
}
