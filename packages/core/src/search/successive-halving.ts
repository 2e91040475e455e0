import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, numberInRange, positiveInteger } from '../internal/validate'
import { logUniformSamples } from './random-search'
import {
  compareRows,
  createTrial,
  finalLoss,
  pool,
  resolveBase,
  type SearchBaseOptions,
  type SearchResult,
  type SearchRow,
  type TrialState,
  toRow,
  trainTo,
} from './search-trials'

/** Options of {@link successiveHalving}. */
export interface SuccessiveHalvingOptions extends SearchBaseOptions {
  /** Number of trials n at rung 0 (log-uniform, seeded); integer ≥ 1; default 27. */
  readonly trials?: number
  /** Steps every trial has used by the end of rung 0 (r); integer ≥ 1. Required. */
  readonly minSteps: number
  /** Cap on the steps of any trial; integer ≥ minSteps; default: no cap. */
  readonly maxSteps?: number
  /** Reduction factor η: keep ⌊survivors / η⌋ (at least 1) per rung; > 1; default 3. */
  readonly eta?: number
  /** Budget growth per rung: rung k ends at round(minSteps · growthFactor^k) steps; > 1; default η. */
  readonly growthFactor?: number
  /** Seed of the log-uniform sampler (as {@link randomSearch}); default 0. */
  readonly seed?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<SuccessiveHalvingOptions>()('successiveHalving', [
  'createTrainable',
  'minValue',
  'maxValue',
  'concurrency',
  'divergenceFactor',
  'lossWindow',
  'trials',
  'minSteps',
  'maxSteps',
  'eta',
  'growthFactor',
  'seed',
])

/**
 * Synchronous successive halving over log-uniform learning rates: train every trial a little, keep
 * the best 1/η, train the survivors longer, repeat until one is left.
 *
 * ```text
 * rung k = 0, 1, …:  budget_k = min(maxSteps, round(minSteps · growthFactor^k))   (cumulative steps)
 *   train every survivor **on** (no restart) until it has used budget_k steps (or diverged)
 *   rank by finalLoss (diverged last); keep = max(1, ⌊survivors / η⌋)
 *   stop when keep = 1 or the budget cannot grow (maxSteps reached)
 * ```
 *
 * Trials continue training across rungs — the trainable returned by `createTrainable` is kept and
 * driven further, so it must persist its weights and optimizer state between `trainStep` calls
 * (nothing is snapshotted or restored). With the defaults (n = 27, η = growth = 3) this is
 * Jamieson & Talwalkar (2016) successive halving / the synchronous form of ASHA (Li et al. 2018,
 * rungs r·η^k); pass `growthFactor: 2` for doubling budgets. Total cost ≈ n·r·(rungs) steps with
 * η = growth; reported as `totalSteps`.
 *
 * Rows are sorted by the last rung reached (descending), then `finalLoss` (ascending, diverged
 * last); each row's `rung` is the last rung it trained in and `finalLoss` is measured there.
 *
 * @param options - the options, each documented (default, range, unit) on {@link SuccessiveHalvingOptions} and
 *   {@link SearchBaseOptions}.
 * @returns A JSON-serialisable {@link SearchResult} (`method: 'successiveHalving'`).
 * @throws InvalidArgumentError for an invalid option; TrainableError when a trainable throws (the
 *   first such error, after every other trial has stopped at its next call).
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `createTrainable` builds your model
 * // 27 trials: 27 × 10 steps, then 9 trained to 30, then 3 trained to 90 → best of the last 3
 * const result = await successiveHalving({ createTrainable, minValue: 1e-5, maxValue: 1, minSteps: 10 })
 * result.best?.rung // 2
 * ```
 *
 * Equivalents: Optuna `SuccessiveHalvingPruner` (asynchronous, reduction_factor 4) and
 * `HyperbandPruner(reduction_factor=3)`; Ray Tune `ASHAScheduler(reduction_factor=4)`; these promote
 * asynchronously, lrkit waits for every rung (deterministic for a given seed).
 */
export async function successiveHalving(options: SuccessiveHalvingOptions): Promise<SearchResult> {
  const record = OPTIONS.read(options)
  const base = resolveBase(record)
  const trials = record.trials === undefined ? 27 : positiveInteger('trials', record.trials)
  const minSteps = positiveInteger('minSteps', record.minSteps)
  const maxSteps =
    record.maxSteps === undefined
      ? Number.MAX_SAFE_INTEGER
      : numberInRange('maxSteps', positiveInteger('maxSteps', record.maxSteps), { min: minSteps })
  const eta = record.eta === undefined ? 3 : numberInRange('eta', record.eta, { min: 1, minExclusive: true })
  const growthFactor =
    record.growthFactor === undefined
      ? eta
      : numberInRange('growthFactor', record.growthFactor, { min: 1, minExclusive: true })
  const seed = record.seed === undefined ? 0 : nonNegativeInteger('seed', record.seed)

  const learningRates = logUniformSamples(base.minValue, base.maxValue, trials, seed)
  const states: TrialState[] = []
  const created = learningRates.map((learningRate, index) => ({ learningRate, index }))
  await pool(created, base.concurrency, async (trial, signal) => {
    states.push(await createTrial(base, trial, signal))
  })
  states.sort((a, b) => a.trial.index - b.trial.index)

  const rows = new Map<number, SearchRow>()
  let survivors = states
  let budget = 0
  for (let rung = 0; ; rung++) {
    const nextBudget = Math.min(maxSteps, Math.round(minSteps * growthFactor ** rung))
    if (rung > 0 && nextBudget <= budget) break
    budget = nextBudget
    const ranked: SearchRow[] = []
    await pool(survivors, base.concurrency, async (state, signal) => {
      state.rung = rung
      await trainTo(state, budget, base, signal)
      const row = toRow(state, await finalLoss(state, signal), true)
      rows.set(state.trial.index, row)
      ranked.push(row)
    })
    ranked.sort(compareRows)
    const keep = Math.max(1, Math.floor(survivors.length / eta))
    if (keep === 1) break
    const kept = new Set(
      ranked
        .slice(0, keep)
        .filter((row) => !row.diverged)
        .map((row) => row.index),
    )
    if (kept.size === 0) break
    survivors = survivors.filter((state) => kept.has(state.trial.index))
  }

  const sorted = [...rows.values()].sort((a, b) => (b.rung ?? 0) - (a.rung ?? 0) || compareRows(a, b))
  const first = sorted[0]
  const best = first && !first.diverged && first.finalLoss !== null ? first : undefined
  return {
    version: 1,
    method: 'successiveHalving',
    options: {
      minValue: base.minValue,
      maxValue: base.maxValue,
      trials,
      minSteps,
      ...(record.maxSteps === undefined ? {} : { maxSteps }),
      eta,
      growthFactor,
      seed,
      concurrency: base.concurrency,
      divergenceFactor: base.divergenceFactor,
      lossWindow: base.lossWindow,
    },
    rows: sorted,
    ...(best ? { best } : {}),
    totalSteps: sorted.reduce((sum, row) => sum + row.stepsUsed, 0),
  }
}
