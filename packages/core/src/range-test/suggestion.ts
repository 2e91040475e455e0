import { InvalidArgumentError } from '../errors/invalid-argument-error'
import type { OptionRecord } from '../internal/option-table'
import { nonNegativeInteger } from '../internal/validate'

/** The suggestion rules of the range test. */
export type SuggestionRule = 'valley' | 'steep' | 'minimum' | 'slide' | 'steepestGradient'

/** Every {@link SuggestionRule}, default (`'valley'`) first. */
export const SUGGESTION_RULES: readonly SuggestionRule[] = [
  'valley',
  'steep',
  'minimum',
  'slide',
  'steepestGradient',
]

/**
 * A loss-versus-learning-rate curve, usually the smoothed curve of a range test: `losses[i]` was
 * recorded at `learningRates[i]` (same length, rates > 0, increasing for a sweep).
 */
export interface LossCurve {
  /** The learning rate of each point. */
  readonly learningRates: readonly number[]
  /** The (smoothed) loss of each point. */
  readonly losses: readonly number[]
}

/**
 * The result of a suggestion rule: a learning rate and the index of the curve point it comes from
 * (index into the untrimmed curve), or no learning rate and the reason why. Plain JSON data.
 */
export type Suggestion =
  | {
      /** The rule that produced the suggestion. */
      readonly rule: SuggestionRule
      /** The suggested learning rate. */
      readonly learningRate: number
      /** Index of the curve point the suggestion is derived from (untrimmed curve). */
      readonly index: number
      /** For `valley`: the longest decreasing run as fastai computes it (untrimmed indices). */
      readonly bounds?: {
        /** Start of the run (fastai `max_start`, clamped to ≥ 0), index into the untrimmed curve. */
        readonly startIndex: number
        /** Last point of the run (fastai `max_end`), index into the untrimmed curve. */
        readonly endIndex: number
      }
    }
  | {
      /** The rule that was applied. */
      readonly rule: SuggestionRule
      /** Always absent: no learning rate could be suggested (see `reason`). */
      readonly learningRate?: undefined
      /** Why no learning rate could be suggested. */
      readonly reason: string
    }

/** Trimming options shared by every rule. */
export interface TrimOptions {
  /** Points dropped from the start before the rule runs; integer ≥ 0 (default per rule). */
  readonly skipStart?: number
  /** Points dropped from the end before the rule runs; integer ≥ 0 (default per rule). */
  readonly skipEnd?: number
}

/** @internal A validated, trimmed curve cut at its first non-finite loss. */
export interface PreparedCurve {
  readonly learningRates: readonly number[]
  readonly losses: readonly number[]
  /** Index in the original curve of the first kept point. */
  readonly offset: number
}

/** @internal Validates a {@link LossCurve}. */
export function validateCurve(curve: unknown): LossCurve {
  if (curve === null || typeof curve !== 'object') {
    throw new InvalidArgumentError({
      argument: 'curve',
      value: curve,
      expected: 'an object { learningRates, losses }',
    })
  }
  const { learningRates, losses } = curve as Record<string, unknown>
  if (
    !Array.isArray(learningRates) ||
    learningRates.some((value) => typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
  ) {
    throw new InvalidArgumentError({
      argument: 'curve.learningRates',
      value: learningRates,
      expected: 'an array of finite numbers > 0',
    })
  }
  if (!Array.isArray(losses) || losses.some((value) => typeof value !== 'number')) {
    throw new InvalidArgumentError({
      argument: 'curve.losses',
      value: losses,
      expected: 'an array of numbers',
    })
  }
  if (losses.length !== learningRates.length) {
    throw new InvalidArgumentError({
      argument: 'curve.losses',
      value: losses.length,
      message: `curve.losses must have the length of curve.learningRates (${learningRates.length}), got ${losses.length}`,
    })
  }
  return { learningRates, losses }
}

/**
 * @internal Trims `skipStart` / `skipEnd` points, then cuts at the first non-finite loss (fastai
 * cuts at the first NaN after trimming, PR fastai#3477; lrkit also cuts at ±Infinity).
 */
export function prepareCurve(
  curve: unknown,
  record: OptionRecord<TrimOptions>,
  defaults: { skipStart: number; skipEnd: number },
): PreparedCurve {
  const { learningRates, losses } = validateCurve(curve)
  const skipStart =
    record.skipStart === undefined ? defaults.skipStart : nonNegativeInteger('skipStart', record.skipStart)
  const skipEnd =
    record.skipEnd === undefined ? defaults.skipEnd : nonNegativeInteger('skipEnd', record.skipEnd)
  const end = Math.max(skipStart, losses.length - skipEnd)
  let keptLosses = losses.slice(skipStart, end)
  const firstBad = keptLosses.findIndex((loss) => !Number.isFinite(loss))
  if (firstBad >= 0) keptLosses = keptLosses.slice(0, firstBad)
  return {
    learningRates: learningRates.slice(skipStart, skipStart + keptLosses.length),
    losses: keptLosses,
    offset: skipStart,
  }
}

/** @internal The fastai default start trim: `num_it // 10` (here: curve length // 10). */
export function fastaiSkipStart(curve: unknown): number {
  const losses = (curve as { losses?: unknown } | null)?.losses
  return Array.isArray(losses) ? Math.floor(losses.length / 10) : 0
}

/** @internal `np.gradient` with unit spacing (central inside, one-sided first order at the ends). */
export function indexGradient(values: readonly number[]): number[] {
  const n = values.length
  return values.map((_, i) => {
    if (i === 0) return values[1]! - values[0]!
    if (i === n - 1) return values[n - 1]! - values[n - 2]!
    return (values[i + 1]! - values[i - 1]!) / 2
  })
}

/** @internal Index of the smallest value (first on ties, NaN ignored); −1 for none. */
export function argmin(values: readonly number[]): number {
  let best = -1
  for (let i = 0; i < values.length; i++) {
    if (best < 0 || values[i]! < values[best]!) best = i
  }
  return best
}

/** @internal A failed {@link Suggestion}. */
export function noSuggestion(rule: SuggestionRule, reason: string): Suggestion {
  return { rule, reason }
}
