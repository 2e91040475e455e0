import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { checkTrainable } from '../internal/check-trainable'
import { optionTable } from '../internal/option-table'
import { evaluateLoss, restoreAfter, takeSnapshot, trainStepLoss } from '../internal/restore-after'
import { booleanValue, nonNegativeInteger, numberInRange, oneOf, positiveInteger } from '../internal/validate'
import type { Trainable } from '../trainable'
import { divergenceLimit } from './divergence-limit'
import {
  type RangeTestScheduleOptions,
  rangeTestSchedule,
  resolveRangeTestScheduleOptions,
} from './range-test-schedule'
import { type EmaState, emaUpdate } from './smooth-losses'
import { suggestLearningRate } from './suggest-learning-rate'
import { type LossCurve, SUGGESTION_RULES, type Suggestion, type SuggestionRule } from './suggestion'

/** Options of {@link runRangeTest}. */
export interface RunRangeTestOptions extends RangeTestScheduleOptions {
  /** EMA β of the smoothed curve, `0 ≤ β < 1`; default 0.98 (debiased, fastai). */
  readonly beta?: number
  /**
   * Stop when the smoothed loss exceeds this × the best smoothed loss (fastai); > 1; default 4.
   * With a best smoothed loss ≤ 0 a multiple means nothing, so the sweep stops when the smoothed loss
   * rises above the best by more than (divergenceFactor − 1) × max(|best|, first − best), where
   * `first` is the first smoothed loss; for a positive best both rules are the same.
   */
  readonly divergenceFactor?: number
  /** Apply the divergence stop; default true (fastai `stop_div`). */
  readonly stopOnDivergence?: boolean
  /** Number of sweeps R, each from the restored snapshot; integer ≥ 1; default 1. */
  readonly repeats?: number
  /** Rule of `suggestion`; default `'valley'`. */
  readonly rule?: SuggestionRule
  /**
   * Points trimmed before every rule; integer ≥ 0; default ⌊steps/10⌋ (fastai `num_it//10`;
   * torch-lr-finder rule: 10). `steps` must be ≥ `skipStart` + `skipEnd` + 2.
   */
  readonly skipStart?: number
  /** Points trimmed at the end before every rule; integer ≥ 0; default 5. */
  readonly skipEnd?: number
  /**
   * Validation loss: `'none'` (default), `'record'` (call `evaluate()` after every step and store it)
   * or `'use'` (store it and analyse it instead of the training loss, as torch-lr-finder's
   * `val_loader` mode). Needs `trainable.evaluate`.
   */
  readonly validation?: 'none' | 'record' | 'use'
}

/** One recorded step of a sweep (finite losses only; a non-finite step is reported separately). */
export interface RangeTestPoint {
  /** 0-based step of the sweep. */
  readonly step: number
  /** The learning rate of the step. */
  readonly learningRate: number
  /** The mini-batch training loss returned by `trainStep`. */
  readonly loss: number
  /** The validation loss after the step (with `validation` `'record'` or `'use'`). */
  readonly validationLoss?: number
}

/** Why a sweep ended. */
export type RangeTestStop = 'completed' | 'diverged' | 'nonFinite'

/** One sweep of a range test. */
export interface RangeTestRun {
  /** The recorded steps. */
  readonly points: readonly RangeTestPoint[]
  /** The debiased EMA of the analysed loss, one per point. */
  readonly smoothed: readonly number[]
  /** Why the sweep ended. */
  readonly stoppedBy: RangeTestStop
  /** The step whose loss was NaN/±Infinity (`stoppedBy: 'nonFinite'`); the value as a string. */
  readonly nonFinite?: {
    /** 0-based step of the sweep whose loss was not finite (it is not among `points`). */
    readonly step: number
    /** Learning rate of that step. */
    readonly learningRate: number
    /** Which loss was not finite: the training `'loss'` or the `'validationLoss'`. */
    readonly which: 'loss' | 'validationLoss'
    /** The non-finite value, as a string so the result stays valid JSON. */
    readonly value: 'NaN' | 'Infinity' | '-Infinity'
  }
  /** Every rule's pick on this sweep's smoothed curve. */
  readonly picks: Readonly<Record<SuggestionRule, Suggestion>>
}

/** The resolved options of a range test (plain data). */
export type ResolvedRangeTestOptions = Required<Omit<RunRangeTestOptions, 'skipStart'>> & {
  /** Points trimmed before every rule, resolved: the given value or ⌊steps/10⌋; integer ≥ 0. */
  readonly skipStart: number
}

/**
 * The result of {@link runRangeTest}: plain JSON data (no functions, no typed arrays, no
 * non-finite numbers), so `JSON.parse(JSON.stringify(result))` deep-equals it.
 */
export interface RangeTestResult {
  /** Format version of the result: always 1. */
  readonly version: 1
  /** The resolved options. */
  readonly options: ResolvedRangeTestOptions
  /** The raw points of the first sweep. */
  readonly points: readonly RangeTestPoint[]
  /** The analysed curve: the smoothed loss (pointwise median over the repeats) per ladder rate. */
  readonly curve: LossCurve
  /** `'nonFinite'` if any sweep hit a non-finite loss, else `'diverged'` if any diverged, else `'completed'`. */
  readonly stoppedBy: RangeTestStop
  /** Every sweep (one per repeat). */
  readonly runs: readonly RangeTestRun[]
  /** Every rule's pick; with repeats, the geometric mean of the sweeps' picks. */
  readonly picks: Readonly<Record<SuggestionRule, Suggestion>>
  /** The pick of `options.rule`. */
  readonly suggestion: Suggestion
  /**
   * A (min, max) pair for cyclic / one-cycle schedules: `max` = the suggestion (fastai uses `valley`
   * as `fit_one_cycle`'s `lr_max`), `min` = max / 10 (Smith 2018, "A disciplined approach", min ≈
   * 1/10 of max; CLR (Smith 2017) suggests 1/3–1/4). Absent without a suggestion.
   */
  readonly recommendedRange?: {
    /** Lower learning rate of the range: `max` / 10. */
    readonly min: number
    /** Upper learning rate of the range: the suggested learning rate. */
    readonly max: number
  }
  /** Present when the suggestion should not be trusted blindly, with the reasons. */
  readonly lowConfidence?: {
    /** Human-readable reasons, one per failed check (few points, no descent, rules or repeats disagree). */
    readonly reasons: readonly string[]
  }
  /** Numbers behind `lowConfidence`. */
  readonly diagnostics: {
    /** Smoothed loss at the first analysed point minus the smallest smoothed loss. */
    readonly drop: number
    /**
     * Noise of the smoothed curve: the robust per-step σ of the raw loss (MAD of second differences
     * / √6) times √((1 − β)/(1 + β)).
     */
    readonly noise: number
    /**
     * log10(max pick / min pick) over the `valley` and `slide` picks of `picks` only (the rules whose
     * disagreement by more than a decade flags low confidence; `steep`, `minimum` and
     * `steepestGradient` are not used); 0 unless both gave a learning rate.
     */
    readonly ruleSpreadDecades: number
    /** Standard deviation of log10 of the default rule's pick across repeats (0 for one sweep). */
    readonly repeatSpreadDecades: number
  }
}

const OPTIONS = /* @__PURE__ */ optionTable<RunRangeTestOptions>()('runRangeTest', [
  'startValue',
  'endValue',
  'steps',
  'mode',
  'includeEnd',
  'beta',
  'divergenceFactor',
  'stopOnDivergence',
  'repeats',
  'rule',
  'skipStart',
  'skipEnd',
  'validation',
])

const MIN_POINTS = 20
const MIN_VALLEY = 10
/**
 * The rules whose disagreement flags low confidence. On the lr-finder evaluation (apps/bench,
 * `pnpm bench lr-finder`), valley and slide more than a decade apart marked 4 of the 6 worst valley
 * picks and few good ones, while steep and steepestGradient disagree with valley on most curves,
 * good or bad, so including them made the flag fire on 32 of 40 runs.
 */
const CONFIDENCE_RULES: readonly SuggestionRule[] = ['valley', 'slide']

function resolveOptions(options: unknown): ResolvedRangeTestOptions {
  const record = OPTIONS.read(options)
  const sweep = resolveRangeTestScheduleOptions(record)
  const beta =
    record.beta === undefined
      ? 0.98
      : numberInRange('beta', record.beta, { min: 0, max: 1, maxExclusive: true })
  const divergenceFactor =
    record.divergenceFactor === undefined
      ? 4
      : numberInRange('divergenceFactor', record.divergenceFactor, { min: 1, minExclusive: true })
  const stopOnDivergence =
    record.stopOnDivergence === undefined ? true : booleanValue('stopOnDivergence', record.stopOnDivergence)
  const repeats = record.repeats === undefined ? 1 : positiveInteger('repeats', record.repeats)
  const rule = record.rule === undefined ? 'valley' : oneOf('rule', record.rule, SUGGESTION_RULES)
  const skipStart =
    record.skipStart === undefined
      ? Math.floor(sweep.steps / 10)
      : nonNegativeInteger('skipStart', record.skipStart)
  const skipEnd = record.skipEnd === undefined ? 5 : nonNegativeInteger('skipEnd', record.skipEnd)
  const validation =
    record.validation === undefined
      ? 'none'
      : oneOf('validation', record.validation, ['none', 'record', 'use'])
  const minimumSteps = skipStart + skipEnd + 2
  if (sweep.steps < minimumSteps) {
    throw new InvalidArgumentError({
      argument: 'steps',
      value: sweep.steps,
      expected: `an integer >= ${minimumSteps} (skipStart + skipEnd + 2 points to analyse)`,
    })
  }
  return { ...sweep, beta, divergenceFactor, stopOnDivergence, repeats, rule, skipStart, skipEnd, validation }
}

function nonFiniteName(value: number): 'NaN' | 'Infinity' | '-Infinity' {
  if (Number.isNaN(value)) return 'NaN'
  return value > 0 ? 'Infinity' : '-Infinity'
}

async function sweepOnce(
  trainable: Trainable,
  learningRates: readonly number[],
  options: ResolvedRangeTestOptions,
): Promise<Omit<RangeTestRun, 'picks'>> {
  const points: RangeTestPoint[] = []
  const smoothed: number[] = []
  const ema: EmaState = { count: 0, average: 0 }
  let best = Number.POSITIVE_INFINITY
  for (let step = 0; step < learningRates.length; step++) {
    const learningRate = learningRates[step]!
    const loss = await trainStepLoss(trainable, learningRate, step)
    if (!Number.isFinite(loss)) {
      return {
        points,
        smoothed,
        stoppedBy: 'nonFinite',
        nonFinite: { step, learningRate, which: 'loss', value: nonFiniteName(loss) },
      }
    }
    let validationLoss: number | undefined
    if (options.validation !== 'none') {
      validationLoss = await evaluateLoss(trainable, step, learningRate)
      if (!Number.isFinite(validationLoss)) {
        return {
          points,
          smoothed,
          stoppedBy: 'nonFinite',
          nonFinite: { step, learningRate, which: 'validationLoss', value: nonFiniteName(validationLoss) },
        }
      }
    }
    const analysed = options.validation === 'use' ? (validationLoss as number) : loss
    const value = emaUpdate(ema, options.beta, analysed)
    points.push(
      validationLoss === undefined
        ? { step, learningRate, loss }
        : { step, learningRate, loss, validationLoss },
    )
    smoothed.push(value)
    if (value < best) best = value
    if (
      options.stopOnDivergence &&
      value > divergenceLimit(best, smoothed[0]! - best, options.divergenceFactor)
    ) {
      return { points, smoothed, stoppedBy: 'diverged' }
    }
  }
  return { points, smoothed, stoppedBy: 'completed' }
}

function allPicks(curve: LossCurve, options: ResolvedRangeTestOptions): Record<SuggestionRule, Suggestion> {
  const trim = { skipStart: options.skipStart, skipEnd: options.skipEnd }
  const picks = {} as Record<SuggestionRule, Suggestion>
  for (const rule of SUGGESTION_RULES) picks[rule] = suggestLearningRate(curve, { rule, ...trim })
  return picks
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** @internal Robust noise σ: 1.4826 · MAD(second differences) / √6 (0 with fewer than 5 values). */
export function robustNoise(values: readonly number[]): number {
  if (values.length < 5) return 0
  const second: number[] = []
  for (let i = 1; i + 1 < values.length; i++) second.push(values[i + 1]! - 2 * values[i]! + values[i - 1]!)
  const center = median(second)
  return (1.4826 * median(second.map((value) => Math.abs(value - center)))) / Math.sqrt(6)
}

function nearestIndex(learningRates: readonly number[], target: number): number {
  let best = 0
  for (let i = 1; i < learningRates.length; i++) {
    if (Math.abs(Math.log(learningRates[i]! / target)) < Math.abs(Math.log(learningRates[best]! / target)))
      best = i
  }
  return best
}

function aggregatePicks(
  rule: SuggestionRule,
  runs: readonly RangeTestRun[],
  ladder: readonly number[],
): { pick: Suggestion; spread: number } {
  const defined = runs.map((run) => run.picks[rule]).filter((pick) => pick.learningRate !== undefined)
  if (runs.length === 1) return { pick: runs[0]!.picks[rule], spread: 0 }
  if (defined.length === 0) return { pick: runs[0]!.picks[rule], spread: 0 }
  const logs = defined.map((pick) => Math.log10(pick.learningRate as number))
  const meanLog = logs.reduce((sum, value) => sum + value, 0) / logs.length
  const spread = Math.sqrt(logs.reduce((sum, value) => sum + (value - meanLog) ** 2, 0) / logs.length)
  const learningRate = 10 ** meanLog
  return { pick: { rule, learningRate, index: nearestIndex(ladder, learningRate) }, spread }
}

/**
 * Runs the learning-rate range test (LR finder) on a {@link Trainable}: sweep the learning rate
 * over a few hundred mini-batches, smooth the loss, stop at divergence, restore the model, and
 * suggest a learning rate with diagnostics.
 *
 * Procedure (fastai semantics, `Learner.lr_find`:
 * https://docs.fast.ai/callback.schedule.html#learner.lr_find):
 * 1. `snapshot()` once.
 * 2. For each of `repeats` sweeps: for i = 0 … steps − 1, `loss = trainStep(lr(i), i)` with
 *    `lr(i) = startValue·(endValue/startValue)^(i/steps)` ({@link rangeTestSchedule}); optionally
 *    `evaluate()`; smoothed = debiased EMA (β, {@link smoothLosses}); stop when the loss is
 *    non-finite (`'nonFinite'`) or smoothed > divergenceFactor × best smoothed so far
 *    (`'diverged'`; with best ≤ 0: smoothed − best > (divergenceFactor − 1) × max(|best|,
 *    first smoothed − best), see `divergenceFactor`). Then **always** `restore(snapshot)` (try/finally) — also
 *    when a step throws; the failure is rethrown as a {@link TrainableError} (`cause` = the original
 *    error, `restored: true`) after the restore.
 * 3. Every rule ({@link suggestLearningRate}) on each sweep's smoothed curve, trimmed by `skipStart`
 *    (default ⌊steps/10⌋) and `skipEnd` (5). With R > 1 sweeps, each rule's pick is the geometric
 *    mean of the sweeps' picks (log-space mean, as neural_prophet averaged log10 of repeats) and the
 *    reported `curve` is the pointwise median of the smoothed curves. Repeats only differ when the
 *    trainable draws different batches after a restore.
 * 4. `lowConfidence` reasons: fewer than 20 recorded points; no suggestion; the valley shorter than
 *    10 points; the total smoothed drop below 2 × the smoothed curve's noise (raw per-step σ from
 *    the MAD of second differences, times √((1 − β)/(1 + β))); valley and slide more than a decade
 *    apart (the pairing that best separated bad valley picks from good ones on the lr-finder
 *    evaluation); repeats spread by more than 0.5 decade (SD of log10).
 *
 * A training-loss range test is fastai's adaptation, not Smith's validation-accuracy test; a
 * `valley` suggestion is meant as the **peak** learning rate of a one-cycle schedule, the
 * `recommendedRange` as (initValue, peakValue) of a cyclic one.
 *
 * @param trainable - the model to test; restored afterwards in every case.
 * @param options - the options, each documented (default, range, unit) on {@link RunRangeTestOptions}
 *   and {@link RangeTestScheduleOptions}; `steps` must be ≥ `skipStart` + `skipEnd` + 2.
 * @returns A JSON-serialisable {@link RangeTestResult}.
 * @throws InvalidArgumentError (before any call to the trainable) for an invalid or unknown option, a
 *   sweep with a rate that is not a finite number > 0 (`endValue / startValue` overflows), or a
 *   trainable without the required methods; TrainableError when the trainable throws (after the
 *   restore).
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `trainable` is your model
 * const result = await runRangeTest(trainable, { steps: 100 })
 * result.points[0].learningRate  // 1e-7 (step 0)
 * result.suggestion.learningRate // e.g. 3.0e-3 (valley)
 * result.recommendedRange        // { min: 3.0e-4, max: 3.0e-3 }
 * ```
 *
 * Equivalents: fastai `Learner.lr_find()` (same defaults, restores with the optimizer); torch-lr-finder
 * `range_test()` + `reset()` (β 0.95 without debias, stop at 5×, restore only on `reset()`);
 * Lightning `Tuner.lr_find()` (1e-8 → 1, off-by-one debias).
 */
export async function runRangeTest(
  trainable: Trainable,
  options: RunRangeTestOptions = {},
): Promise<RangeTestResult> {
  const resolved = resolveOptions(options)
  const checked = checkTrainable(
    trainable,
    resolved.validation === 'none' ? undefined : `validation is "${resolved.validation}"`,
  )
  const ladder = rangeTestSchedule({
    startValue: resolved.startValue,
    endValue: resolved.endValue,
    steps: resolved.steps,
    mode: resolved.mode,
    includeEnd: resolved.includeEnd,
  }).values

  const snapshot = await takeSnapshot('runRangeTest', checked)

  const runs: RangeTestRun[] = []
  for (let repeat = 0; repeat < resolved.repeats; repeat++) {
    const sweep = await restoreAfter('runRangeTest', checked, snapshot, 'its snapshot', () =>
      sweepOnce(checked, ladder, resolved),
    )
    const curve = { learningRates: ladder.slice(0, sweep.smoothed.length), losses: sweep.smoothed }
    runs.push({ ...sweep, picks: allPicks(curve, resolved) })
  }

  // Aggregate.
  const length = Math.max(...runs.map((run) => run.smoothed.length))
  const losses: number[] = []
  for (let i = 0; i < length; i++) {
    losses.push(median(runs.filter((run) => run.smoothed.length > i).map((run) => run.smoothed[i]!)))
  }
  const curve: LossCurve = { learningRates: ladder.slice(0, length), losses }
  const picks = {} as Record<SuggestionRule, Suggestion>
  let repeatSpreadDecades = 0
  for (const rule of SUGGESTION_RULES) {
    const { pick, spread } = aggregatePicks(rule, runs, ladder)
    picks[rule] = pick
    if (rule === resolved.rule) repeatSpreadDecades = spread
  }
  const suggestion = picks[resolved.rule]
  const stoppedBy: RangeTestStop = runs.some((run) => run.stoppedBy === 'nonFinite')
    ? 'nonFinite'
    : runs.some((run) => run.stoppedBy === 'diverged')
      ? 'diverged'
      : 'completed'

  // Confidence.
  const reasons: string[] = []
  const shortest = Math.min(...runs.map((run) => run.points.length))
  if (shortest < MIN_POINTS)
    reasons.push(`the sweep stopped after ${shortest} points (fewer than ${MIN_POINTS})`)
  if (suggestion.learningRate === undefined)
    reasons.push(`no ${resolved.rule} suggestion: ${suggestion.reason}`)
  const valley = runs[0]!.picks.valley
  if (valley.learningRate !== undefined && valley.bounds) {
    const valleyLength = valley.bounds.endIndex - valley.bounds.startIndex + 1
    if (valleyLength < MIN_VALLEY)
      reasons.push(`the longest decreasing run has ${valleyLength} points (fewer than ${MIN_VALLEY})`)
  }
  const analysedEnd = Math.max(resolved.skipStart, losses.length - resolved.skipEnd)
  const analysed = losses.slice(resolved.skipStart, analysedEnd)
  const raw = runs[0]!.points
    .slice(resolved.skipStart, analysedEnd)
    .map((point) => (resolved.validation === 'use' ? (point.validationLoss as number) : point.loss))
  let drop = 0
  let noise = 0
  if (analysed.length > 0) {
    let minimumIndex = 0
    for (let i = 1; i < analysed.length; i++) if (analysed[i]! < analysed[minimumIndex]!) minimumIndex = i
    drop = analysed[0]! - analysed[minimumIndex]!
    // The drop is measured on the EMA-smoothed curve, whose noise is σ·√((1 − β)/(1 + β)) for
    // white per-step noise σ (≈ 0.1·σ at β = 0.98), so compare against that, not the raw σ.
    noise = robustNoise(raw.slice(0, minimumIndex + 1)) * Math.sqrt((1 - resolved.beta) / (1 + resolved.beta))
    if (!(drop > 2 * noise) || drop <= 0) {
      reasons.push(
        `no clear descent: the smoothed loss drops by ${drop.toPrecision(3)}, not more than 2 × its noise ${noise.toPrecision(3)}`,
      )
    }
  }
  const confident = CONFIDENCE_RULES.map((rule) => picks[rule].learningRate).filter(
    (value): value is number => value !== undefined,
  )
  const ruleSpreadDecades =
    confident.length > 1 ? Math.log10(Math.max(...confident) / Math.min(...confident)) : 0
  if (ruleSpreadDecades > 1) {
    const listed = CONFIDENCE_RULES.filter((rule) => picks[rule].learningRate !== undefined)
      .map((rule) => `${rule} ${(picks[rule].learningRate as number).toPrecision(3)}`)
      .join(', ')
    reasons.push(`the rules disagree by ${ruleSpreadDecades.toFixed(2)} decades (${listed})`)
  }
  if (repeatSpreadDecades > 0.5) {
    reasons.push(
      `the repeats disagree: the ${resolved.rule} pick varies by ${repeatSpreadDecades.toFixed(2)} decades (SD of log10)`,
    )
  }

  return {
    version: 1,
    options: resolved,
    points: runs[0]!.points,
    curve,
    stoppedBy,
    runs,
    picks,
    suggestion,
    ...(suggestion.learningRate === undefined
      ? {}
      : { recommendedRange: { min: suggestion.learningRate / 10, max: suggestion.learningRate } }),
    ...(reasons.length > 0 ? { lowConfidence: { reasons } } : {}),
    diagnostics: { drop, noise, ruleSpreadDecades, repeatSpreadDecades },
  }
}
