import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { checkTrainable } from '../internal/check-trainable'
import { optionTable } from '../internal/option-table'
import {
  callTrainable,
  evaluateLoss,
  restoreAfter,
  takeSnapshot,
  trainStepLoss,
} from '../internal/restore-after'
import { booleanValue, numberInRange, oneOf, positiveInteger, positiveNumber } from '../internal/validate'
import type { Trainable } from '../trainable'
import { divergenceLimit } from './divergence-limit'
import { zeroPhaseEma } from './lag-corrected-smooth-losses'
import { rangeTestSchedule } from './range-test-schedule'

/** Options of {@link findLearningRate}. */
export interface FindLearningRateOptions {
  /** First learning rate of the bracketing sweep; > 0; default 1e-7. */
  readonly startValue?: number
  /** Last learning rate of the bracketing sweep; > startValue; default 10. */
  readonly endValue?: number
  /** Steps of the bracketing sweep (one learning rate per step, exponential ladder); integer ≥ 10; default 80 (10 per decade over the default 8 decades). */
  readonly sweepSteps?: number
  /**
   * Early divergence stop of the sweep: stop when the median of the last 5 raw losses exceeds this
   * × the lowest level so far, a level being the median of the last 15 raw losses (of all of them
   * before the 15th; a negative level: see `divergenceFactor` of `runRangeTest`), or a loss is
   * non-finite; > 1; default 4. Also the divergence rule of the race: the median of the candidate's
   * last 5 losses above this × the larger of its first loss and the initial loss level (the median
   * of the sweep's first 10 losses) ends the candidate.
   */
  readonly divergenceFactor?: number
  /** EMA β of each pass of the lag-corrected smoothing of the sweep ({@link lagCorrectedSmoothLosses}); 0 ≤ β < 1; default 0.9. */
  readonly beta?: number
  /** Candidates raced, log-spaced over the bracket; integer ≥ 2; default 5. */
  readonly candidates?: number
  /** Width of the bracket in decades: the lowest candidate is the highest / 10^spanDecades; > 0; default 2. */
  readonly spanDecades?: number
  /**
   * Position of the highest candidate relative to the top of the usable interval (`sweep.topIndex`),
   * in decades (−0.5 = half a decade below it); finite; default 0.
   */
  readonly topOffsetDecades?: number
  /** Steps every candidate trains in rung 0 of the race; integer ≥ 1; default 40. */
  readonly minSteps?: number
  /**
   * Race reduction factor η: ⌈survivors / η⌉ survive each rung, and rung k ends at minSteps·η^k
   * steps (at most maxSteps); > 1; default 2.4 — with the default 5 candidates and maxSteps two
   * rungs: all 5 train 40 steps, the best ⌈5/2.4⌉ = 3 continue to 96 steps, and the best of those wins.
   */
  readonly eta?: number
  /**
   * Steps at which the race ends: the rung whose end would reach it ends there instead, and the best
   * candidate of that rung wins (Hyperband's maximum resource R); integer ≥ minSteps, or Infinity
   * (the race runs until one candidate survives; `JSON.stringify` writes it as null); default 96, or
   * minSteps when that is larger. Chosen with minSteps and eta on the
   * evaluation's development data only (round 6, 42 tasks, 252 picks: one 5 × 64-step rung had 12
   * picks with regret over 25 % and 1 catastrophic, this 40 → 96-step race 6 and 0, at ≤ 448 steps
   * instead of ≤ 400): a longer last rung ranks the candidates closer to how a real run ranks them,
   * and keeping 3 of 5 after 40 steps rarely drops the best one (a 30-step rung keeping 2 did, in
   * round 3).
   */
  readonly maxSteps?: number
  /**
   * The recommended rate is the race winner divided by this; ≥ 1; default 2. A race lasts
   * min(minSteps·η^(rungs − 1), maxSteps) steps (96 by default), a fraction of a real run, and short races favour
   * rates that are too large for longer constant-rate training (a higher noise floor; overfitting
   * that starts later; a divergence edge that a longer run reaches). Chosen on the evaluation's
   * development data only (round 3, 18 tasks: dividing every winner — also the highest candidate,
   * which round 2 kept as is — took the picks with regret over 25 % from 9 to 6 and the catastrophic
   * ones from 1 to 0; factors 1.5 and 3 did worse).
   */
  readonly shrinkFactor?: number
  /**
   * A flat rung 0 sends a probe above the bracket: when the best score after rung 0 is ≥ this × the
   * initial score (`evaluate()` before training, or the median first training loss of the
   * candidates; in general: initial − best ≤ (1 − this) · |initial|), no candidate has visibly learned — a plateau (noisy parity, a saddle) or a bracket
   * placed too low — and ranking them is ranking noise. Rung 1 then continues the best
   * ⌈candidates/η⌉ − 1 of them (2 by default) beside one new candidate, the probe, at the highest
   * candidate · 10^probeDecades, trained from the initial state for as many steps as a continuing
   * candidate trains in rung 1 (56 by default against their 96 in all), so it wins only by a
   * margin; the best score wins (the same shape as the probe of `probeAbove`). Needs a second rung
   * that continues at least 2 candidates (true with the defaults; the probe never raises the step
   * count). Until round 15 the probe trained to the end of rung 1 beside the best candidate alone;
   * the shorter probe beside the best two was chosen on the development data of round 16 (162
   * tasks, 972 picks, tuning harness): picks that diverged or had regret ≥ 100 % 30 → 26, picks
   * with regret over 25 % 88 → 86, median regret 1.85 → 1.80 % — it fixed 8 such picks, most on
   * tasks with little to gain where the longer probe won and ended above the initial loss, and
   * broke 4, 2 of them on noisy parity, a plateau the shorter probe does not leave. On round 16's
   * test set all 6 flat races were on one CNN that learns only after a plateau, with best rates ½–1
   * decade above the bracket's top: 5 of the 6 picks were catastrophic (4 with the longer probe,
   * checked after the run). On round 17's, 5 of 6 races on a CNN telling "+" from "×" were flat, the
   * probe won 3 of them, and 3 of the 5 picks were catastrophic (best rates 0.1 with SGD and 1.8e-2
   * with Adam; picks 7.9e-4–5.6e-3). On round 18's, 5 races were flat, 4 of them on a CNN telling
   * horizontally from vertically correlated noise: the probe won 4 (regret −1–22 %), and the one
   * it lost was the round's only catastrophic flat pick (2e-4 against a best rate of 5.6e-2). On
   * round 19's, 1 race was flat and the probe lost (regret 13 %). On round 20's, 2 races were flat,
   * both on a CNN telling an L-shaped corner from a straight line: the probe won both, but its rate
   * was still 0.6–0.8 decades under the best one (regret 319 % and 479 %, flagged). On round 21's, 3
   * races were flat and the probe won 2 (regret 4.4 % and 51 %); on round 22's, 3, and the probe
   * won all 3 (regret −6 %, and 207 % and 239 % on a CNN whose best rate lay above it, flagged); on
   * round 23's none was flat. > 0, or Infinity (no probe; `JSON.stringify` writes it as null);
   * default 0.95. Chosen with probeDecades on the evaluation's development data
   * only (round 7, 54 tasks, 324 picks: catastrophic picks 6 → 3, picks with regret over 25 % 12 →
   * 11, median regret 1.08 % either way). On round 7's test set it fired on 6 of 72 picks, all on
   * one CNN fine-tuning task whose loss is worse than at the start for mid-range rates: the probe
   * won 3 times and, halved, landed there (3 catastrophic picks, where the race without the probe
   * had none). Turn it off where the rates above a plateau are known not to help. A flat rung 0 is
   * also a `lowConfidence` reason, with or without the probe (not with Infinity).
   */
  readonly flatThreshold?: number
  /**
   * How far above the highest candidate the probe of a flat rung 0 sits, in decades (see
   * flatThreshold), and how far below the lowest candidate the probe of a rung 0 led by its lowest
   * candidate sits (see probeBelow); > 0; default 0.75. Plateaus are left sooner at higher rates, and often only at
   * rates past the sweep's divergence point, where the first steps spike before the loss falls:
   * the probe is therefore ended as diverged only on the median of a full window of 5 losses.
   */
  readonly probeDecades?: number
  /**
   * A rung 0 led by its lowest candidate sends a probe below the bracket: the best rate may lie
   * below it. Rung 1 then continues only the lowest candidate, beside a probe at the lowest
   * candidate / 10^probeDecades trained from the initial state to the end of rung 1; the better of
   * the two wins. Not after a flat rung 0 (its probe goes above), except a harmful one: a rung 0
   * whose best `evaluate()` score is more than 2 % above the score before training (every candidate
   * pulled a pretrained network away from its optimum) sends its probe a whole bracket below, to the
   * lowest candidate / 10^spanDecades (never with training-loss scoring, where the mean of noisy
   * losses against the first ones would read noise as harm). Needs a second rung and a budget
   * that fits the probe beside the lowest candidate (both hold with the defaults; it never raises
   * the step count). Default true. A sweep whose fall ends on a floor that every higher rate
   * shares — a fine-tuned network collapsing to uniform predictions — puts the whole bracket on
   * that floor: chosen on the evaluation's development data only (round 11, 102 tasks, 612 picks:
   * the probe fired on 35, changed 8 picks, all for the better, and removed the 3 catastrophic
   * picks of CNN fine-tuning to rotated digits, where the bracket sat a decade too high; probes at
   * 0.5 and 1 decade did the same for those 3, with 2 picks worse at 0.5). It never fired on round
   * 11's 72 test picks. The probe of a harmful rung 0 was chosen on round 13's development data
   * (126 tasks, 756 picks): it fired on the 6 picks of few-shot fine-tuning on 60 rows, all
   * catastrophic before (regret 15–23 %, ending above the initial loss), all under 2.1 % after; a
   * probe ¾ decade below would still have ended above the initial loss.
   */
  readonly probeBelow?: boolean
  /**
   * A rung 0 led by its highest candidate (not flat) sends a probe above the bracket: the best rate
   * may lie above it. Rung 1 then continues the best ⌈candidates/η⌉ − 1 of rung 0 (2 by default)
   * beside a probe one candidate spacing above the highest candidate (10^(spanDecades/(candidates −
   * 1)), ½ decade by default: the next rate of the candidates' ladder), trained from the initial
   * state for as many steps as a continuing candidate trains in rung 1 (56 by default against their
   * 96 in all), so it wins only by a margin, and ended as diverged only on a full window of 5
   * losses; the best score wins. It costs what the candidate it replaces would (never more steps).
   * Needs a second rung that continues at least 2 candidates (true with the defaults). Default true.
   * Chosen on the evaluation's development data only (round 15, 150 tasks, 900 picks, in the tuning
   * harness): picks that diverged or had regret ≥ 100 % 29 → 24, picks with regret over 25 % 84 →
   * 80, median regret 1.89 → 1.91 %; it changed 16 picks, 12 for the better — all 5 such picks it
   * touched were SGD on a bracket placed too low (nested arcs, two moons, MNIST under a brightness
   * gradient, a batch-128 regression). On round 15's 72 test picks it fired on 3 and lost each
   * time; on round 16's it fired on 17 and won 2 (those picks' regret: 6.9 % and 50 %); on round
   * 17's it fired on 9 and won none; on round 18's it fired on 11 and won 3 (regret −0.8–3.2 %); on
   * round 19's it fired on 8 and won none; on round 20's it fired on 16 and won 2 (regret 0 % and
   * 66 %; 4 of the 14 picks where it lost were catastrophic, 3 on a CNN whose best rate lay above
   * the probe); on round 21's it fired on 13 and won 4 (regret 3.9–25 %); on round 22's on 12,
   * winning 4 (regret 2.7–87 %); on round 23's on 10, winning 6 (regret −2 % to 81 %, and 574 % and
   * 1169 % on a CNN telling a chevron's direction whose best rate lay 0.7–0.9 decades above the
   * probe, both flagged). A probe trained as long as the continuing candidates (96
   * steps) and raced against the leader
   * alone did worse (median 2.10 %): the rung-0 leader at the top of the bracket often loses rung 1
   * to a lower rate, so the continuing candidates must stay in the race.
   */
  readonly probeAbove?: boolean
  /**
   * What ranks the candidates: `'evaluate'` (the validation loss from `trainable.evaluate()`),
   * `'trainingLoss'` (mean of the candidate's last 5 training losses) or `'auto'` (default:
   * `'evaluate'` when the trainable has `evaluate`, else `'trainingLoss'`).
   */
  readonly score?: 'auto' | 'evaluate' | 'trainingLoss'
}

/** The resolved options of {@link findLearningRate} (plain data). */
export type ResolvedFindLearningRateOptions = Required<Omit<FindLearningRateOptions, 'score'>> & {
  /** The scoring actually used (`'auto'` resolved). */
  readonly score: 'evaluate' | 'trainingLoss'
}

/** One candidate of the race of {@link findLearningRate}. */
export interface LearningRateCandidate {
  /** The candidate's constant learning rate. */
  readonly learningRate: number
  /** Its score after its last rung (validation or mean training loss); null when it diverged. */
  readonly score: number | null
  /** Training steps it ran (including a diverging step). */
  readonly steps: number
  /** The last rung (0-based) it trained in. */
  readonly rung: number
  /**
   * True when a loss was non-finite or the median of its last 5 rose above divergenceFactor × the
   * larger of its first loss and the initial loss level (the median of the sweep's first 10 losses).
   */
  readonly diverged: boolean
}

/** The result of {@link findLearningRate}: plain JSON data. */
export interface FindLearningRateResult {
  /** Format version: always 1. */
  readonly version: 1
  /** The resolved options. */
  readonly options: ResolvedFindLearningRateOptions
  /** The recommended constant learning rate: the race winner / shrinkFactor; absent when every candidate diverged. */
  readonly learningRate?: number
  /** The race winner's learning rate; absent when every candidate diverged. */
  readonly winner?: number
  /** The raced interval: the lowest and highest candidate. */
  readonly bracket: {
    /** Lowest candidate learning rate. */
    readonly min: number
    /** Highest candidate learning rate. */
    readonly max: number
  }
  /** The bracketing sweep. */
  readonly sweep: {
    /** Learning rate of each recorded (finite) step. */
    readonly learningRates: readonly number[]
    /** Raw training loss of each recorded step. */
    readonly losses: readonly number[]
    /**
     * The lag-corrected smoothed losses of the usable prefix: the recorded steps before the first raw
     * loss after the first 5 above divergenceFactor × their median that starts a rise (the median of
     * the 5 losses from it on is above that too; all of them when none is).
     */
    readonly smoothed: readonly number[]
    /** Why the sweep ended. */
    readonly stoppedBy: 'completed' | 'diverged' | 'nonFinite'
    /** Index (into the recorded steps) of the smoothed minimum. */
    readonly minimumIndex: number
    /**
     * Index (into the recorded steps) of the top of the usable interval: the last step of the run of
     * steps from `minimumIndex` on whose smoothed loss stays within the sweep's noise of the minimum
     * (see {@link findLearningRate}, step 2); the highest candidate is its rate · 10^topOffsetDecades.
     */
    readonly topIndex: number
  }
  /** Every candidate, in ascending learning rate (a probe above the bracket is the last, a probe below it the first). */
  readonly candidates: readonly LearningRateCandidate[]
  /**
   * True when rung 0 was flat and a probe above the bracket raced in rung 1 (see
   * `flatThreshold`): the task barely trained at any rate of the bracket.
   */
  readonly flatRace: boolean
  /**
   * True when rung 0 was led by its lowest candidate, or was harmful, and a probe below the bracket
   * raced in rung 1 (see `probeBelow`): the best rate may lie below the bracket.
   */
  readonly probedBelow: boolean
  /**
   * True when rung 0 was led by its highest candidate (not flat) and a probe above the bracket
   * raced in rung 1 (see `probeAbove`): the best rate may lie above the bracket.
   */
  readonly probedAbove: boolean
  /** Training steps spent: sweep (including a non-finite step), race, and their sum. */
  readonly steps: {
    /** Steps of the bracketing sweep. */
    readonly sweep: number
    /** Steps of the race. */
    readonly race: number
    /** sweep + race: the whole cost in training steps. */
    readonly total: number
  }
  /** Calls to `evaluate()` (0 with training-loss scoring). */
  readonly evaluations: number
  /** Present when the pick should not be trusted blindly, with one reason per failed check. */
  readonly lowConfidence?: {
    /** Human-readable reasons. */
    readonly reasons: readonly string[]
  }
}

const OPTIONS = /* @__PURE__ */ optionTable<FindLearningRateOptions>()('findLearningRate', [
  'startValue',
  'endValue',
  'sweepSteps',
  'divergenceFactor',
  'beta',
  'candidates',
  'spanDecades',
  'topOffsetDecades',
  'minSteps',
  'eta',
  'maxSteps',
  'shrinkFactor',
  'flatThreshold',
  'probeDecades',
  'probeBelow',
  'probeAbove',
  'score',
])

const STOP_WINDOW = 5
const LOSS_WINDOW = 5
/** Losses behind each level of the sweep that its divergence stop compares against (1.5 decades of the default ladder). */
const LEVEL_WINDOW = 15
/** Leading sweep losses whose median is the initial loss level that race candidates are held to. */
const INITIAL_LEVEL_POINTS = 10
/** A rung 0 whose best score is above the initial score by more than this fraction is harmful. */
const HARMFUL_MARGIN = 0.02
const MIN_POINTS = 20

function positiveFlatThreshold(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({
      argument: 'flatThreshold',
      value,
      expected: 'a number > 0, or Infinity (never probe above the bracket)',
    })
  }
  return value
}

/** `options` resolved; without `trainable` (a step limit), `score: 'auto'` resolves as if it had no `evaluate`. */
function resolveOptions(options: unknown, trainable?: Trainable): ResolvedFindLearningRateOptions {
  const record = OPTIONS.read(options)
  const startValue = record.startValue === undefined ? 1e-7 : positiveNumber('startValue', record.startValue)
  const endValue = record.endValue === undefined ? 10 : positiveNumber('endValue', record.endValue)
  if (!(endValue > startValue)) {
    throw new InvalidArgumentError({
      argument: 'endValue',
      value: endValue,
      expected: `a number > startValue (${startValue})`,
    })
  }
  const sweepSteps =
    record.sweepSteps === undefined
      ? 80
      : numberInRange('sweepSteps', positiveInteger('sweepSteps', record.sweepSteps), { min: 10 })
  const divergenceFactor =
    record.divergenceFactor === undefined
      ? 4
      : numberInRange('divergenceFactor', record.divergenceFactor, { min: 1, minExclusive: true })
  const beta =
    record.beta === undefined
      ? 0.9
      : numberInRange('beta', record.beta, { min: 0, max: 1, maxExclusive: true })
  const candidates =
    record.candidates === undefined
      ? 5
      : numberInRange('candidates', positiveInteger('candidates', record.candidates), { min: 2 })
  const spanDecades = record.spanDecades === undefined ? 2 : positiveNumber('spanDecades', record.spanDecades)
  const topOffsetDecades =
    record.topOffsetDecades === undefined ? 0 : numberInRange('topOffsetDecades', record.topOffsetDecades, {})
  const minSteps = record.minSteps === undefined ? 40 : positiveInteger('minSteps', record.minSteps)
  const eta =
    record.eta === undefined ? 2.4 : numberInRange('eta', record.eta, { min: 1, minExclusive: true })
  const maxSteps =
    record.maxSteps === undefined
      ? Math.max(96, minSteps)
      : record.maxSteps === Number.POSITIVE_INFINITY
        ? record.maxSteps
        : numberInRange('maxSteps', positiveInteger('maxSteps', record.maxSteps), { min: minSteps })
  const shrinkFactor =
    record.shrinkFactor === undefined ? 2 : numberInRange('shrinkFactor', record.shrinkFactor, { min: 1 })
  const flatThreshold =
    record.flatThreshold === undefined
      ? 0.95
      : record.flatThreshold === Number.POSITIVE_INFINITY
        ? record.flatThreshold
        : positiveFlatThreshold(record.flatThreshold)
  const probeDecades =
    record.probeDecades === undefined ? 0.75 : positiveNumber('probeDecades', record.probeDecades)
  const probeBelow = record.probeBelow === undefined ? true : booleanValue('probeBelow', record.probeBelow)
  const probeAbove = record.probeAbove === undefined ? true : booleanValue('probeAbove', record.probeAbove)
  const requested =
    record.score === undefined ? 'auto' : oneOf('score', record.score, ['auto', 'evaluate', 'trainingLoss'])
  const hasEvaluate = typeof trainable?.evaluate === 'function'
  if (trainable !== undefined && requested === 'evaluate' && !hasEvaluate) {
    throw new InvalidArgumentError({
      argument: 'trainable.evaluate',
      value: trainable.evaluate,
      expected: 'a function (score is "evaluate")',
    })
  }
  const score = requested === 'auto' ? (hasEvaluate ? 'evaluate' : 'trainingLoss') : requested
  return {
    startValue,
    endValue,
    sweepSteps,
    divergenceFactor,
    beta,
    candidates,
    spanDecades,
    topOffsetDecades,
    minSteps,
    eta,
    maxSteps,
    shrinkFactor,
    flatThreshold,
    probeDecades,
    probeBelow,
    probeAbove,
    score,
  }
}

/** The step count at which rung `rung` of the race ends: min(round(minSteps·η^rung), maxSteps). */
function rungEnd(options: ResolvedFindLearningRateOptions, rung: number): number {
  return Math.min(Math.round(options.minSteps * options.eta ** rung), options.maxSteps)
}

/** The most training steps {@link findLearningRate} can spend. */
export interface FindLearningRateStepLimit {
  /** The sweep's length: sweepSteps. */
  readonly sweep: number
  /** The race run in full: every candidate to the end of rung 0, the survivors to the end of each later rung. */
  readonly race: number
  /** sweep + race: `result.steps.total` never exceeds it. */
  readonly total: number
}

/**
 * The most training steps {@link findLearningRate} can spend with `options` — what a progress bar or
 * a compute budget needs before the run (the run reports what it spent in `steps`). Candidates
 * added below the bracket are funded from rung 0's budget, and the probes from rung 1's, so they
 * never raise it.
 *
 * @param options - as for {@link findLearningRate} (validated the same way; `score` does not matter).
 * @returns `{ sweep, race, total }`; with the defaults `{ sweep: 80, race: 368, total: 448 }`
 *   (5 × 40 + 3 × 56 race steps).
 * @throws InvalidArgumentError for an invalid or unknown option, with the messages of
 *   {@link findLearningRate}.
 *
 * @example
 * ```ts
 * findLearningRateStepLimit() // { sweep: 80, race: 368, total: 448 }
 * findLearningRateStepLimit({ sweepSteps: 40, maxSteps: 40 }).total // 240  (40 sweep + 5 × 40 race steps)
 * ```
 */
export function findLearningRateStepLimit(options: FindLearningRateOptions = {}): FindLearningRateStepLimit {
  const resolved = resolveOptions(options)
  let survivors = resolved.candidates
  let race = 0
  for (let rung = 0, done = 0; ; rung++) {
    const end = rungEnd(resolved, rung)
    race += survivors * (end - done)
    done = end
    const keep = Math.ceil(survivors / resolved.eta)
    if (keep <= 1 || end >= resolved.maxSteps) break
    survivors = keep
  }
  return { sweep: resolved.sweepSteps, race, total: resolved.sweepSteps + race }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

interface SweepOutcome {
  readonly learningRates: number[]
  readonly losses: number[]
  readonly stoppedBy: 'completed' | 'diverged' | 'nonFinite'
  readonly steps: number
}

async function sweep(
  trainable: Trainable,
  ladder: readonly number[],
  divergenceFactor: number,
): Promise<SweepOutcome> {
  const learningRates: number[] = []
  const losses: number[] = []
  let best = Number.POSITIVE_INFINITY
  let first: number | undefined
  for (let step = 0; step < ladder.length; step++) {
    const learningRate = ladder[step]!
    const loss = await trainStepLoss(trainable, learningRate, step)
    if (!Number.isFinite(loss)) return { learningRates, losses, stoppedBy: 'nonFinite', steps: step + 1 }
    learningRates.push(learningRate)
    losses.push(loss)
    if (losses.length < STOP_WINDOW) continue
    // The level to rise above is the median of up to 15 losses, the test a median of 5: a short run
    // of lucky mini-batches (heavy-tailed losses) cannot set a level that ordinary ones exceed 4-fold.
    const level = median(losses.slice(-LEVEL_WINDOW))
    if (first === undefined) first = level
    if (level < best) best = level
    const recent = median(losses.slice(-STOP_WINDOW))
    if (recent > divergenceLimit(best, first - best, divergenceFactor)) {
      return { learningRates, losses, stoppedBy: 'diverged', steps: step + 1 }
    }
  }
  return { learningRates, losses, stoppedBy: 'completed', steps: ladder.length }
}

/**
 * @internal True when a race candidate has diverged: the median of its recent raw losses (the last
 * `LOSS_WINDOW`) is above the divergence limit of its reference ({@link divergenceLimit}): the
 * candidate's first loss, or the initial loss level where that is larger (`findLearningRate` passes
 * the larger of the two as `first`). The
 * median makes one noisy mini-batch loss harmless once the window is full: it takes ⌈window/2⌉ high
 * losses in it. Before that the median is of fewer losses (of 2: their mean), so a blow-up in the
 * first steps ends a candidate at once; a probe above the bracket waits for a full window.
 */
export function raceDiverged(
  recent: readonly number[],
  first: number,
  best: number,
  divergenceFactor: number,
): boolean {
  return median(recent) > divergenceLimit(first, first - best, divergenceFactor)
}

/**
 * @internal How many leading sweep losses to smooth: all of them up to (excluding) the first raw loss
 * after the first 5 above the divergence limit of their median ({@link divergenceLimit} with
 * divergenceFactor, the descent measured to the lowest loss) that starts a rise: the median of the
 * 5 raw losses from it on (fewer at the end of the sweep) is above the limit too. The zero-phase
 * smoothing's backward pass would otherwise carry the blow-up at the end of a diverged sweep a
 * decade back and lift a noisy plateau above an early dip. A single spike is not a blow-up (as in
 * the sweep's own stop, a median of 5): heavy-tailed losses (log-normal regression targets) spike
 * far above the limit early in the sweep, and cutting there put the bracket's top 1.7 decades low
 * (round-7 evaluation; on its 66 development tasks this rule took the catastrophic picks from 7 to
 * 6 and those with regret over 25 % from 15 to 13).
 */
export function usablePrefix(losses: readonly number[], divergenceFactor: number): number {
  if (losses.length === 0) return 0
  const reference = median(losses.slice(0, STOP_WINDOW))
  const limit = divergenceLimit(reference, reference - Math.min(...losses), divergenceFactor)
  const index = losses.findIndex(
    (loss, i) => i >= STOP_WINDOW && loss > limit && median(losses.slice(i, i + STOP_WINDOW)) > limit,
  )
  return index === -1 ? losses.length : index
}

/** @internal ⌈β/(1 − β)⌉, or 0 when the sweep is not longer than twice that (see {@link smoothedMinimumIndex}). */
export function firstReliableIndex(length: number, beta: number): number {
  const skip = Math.max(0, Math.ceil(beta / (1 - beta) - 1e-9))
  return length > 2 * skip ? skip : 0
}

/**
 * @internal The index of the minimum of the smoothed sweep, searched from index ⌈β/(1 − β)⌉ on (9
 * for β = 0.9; all of it when the sweep is shorter than twice that). The first points of a
 * zero-phase EMA rest on fewer raw losses than its window — the very first one is the first raw
 * loss, through the backward pass only — so one lucky mini-batch at the start of a flat, noisy
 * curve (label noise) could otherwise make the minimum, and the bracket would sit at startValue.
 */
export function smoothedMinimumIndex(smoothed: readonly number[], beta: number): number {
  const from = firstReliableIndex(smoothed.length, beta)
  let minimumIndex = from
  for (let i = from + 1; i < smoothed.length; i++)
    if (smoothed[i]! < smoothed[minimumIndex]!) minimumIndex = i
  return minimumIndex
}

/**
 * @internal The top of the usable interval of a sweep: from the smoothed minimum, step right while the
 * smoothed loss stays within the noise of the smoothed curve of that minimum. Tolerance = σ ·
 * √((1 − β)/(1 + β)): σ = 1.4826 × the median absolute residual |raw − smoothed| (a robust σ of one
 * mini-batch loss), the square root the factor by which one EMA pass of β shrinks the σ of white
 * noise. A minimum that the noise alone made (a dip on a plateau) thus extends to the end of the
 * plateau, where the loss really starts to rise; on a clean curve the tolerance is ≈ 0 and the top
 * stays at the minimum. A flat sweep — the smoothed curve never falls by one σ below its value at
 * `firstIndex` (the first reliable point; {@link smoothedMinimumIndex}) — gets the tolerance σ:
 * nothing in it shows where training starts to work, and its minimum is wherever the noise put
 * it, so the top moves to where the loss has risen by one mini-batch σ (noisy labels, a task
 * that barely trains in a sweep).
 */
export function bracketTopIndex(
  losses: readonly number[],
  smoothed: readonly number[],
  minimumIndex: number,
  beta: number,
  firstIndex = 0,
): number {
  if (smoothed.length === 0) return 0
  const residuals = losses.map((loss, i) => Math.abs(loss - smoothed[i]!))
  const sigma = 1.4826 * median(residuals)
  const descent = smoothed[Math.min(firstIndex, minimumIndex)]! - smoothed[minimumIndex]!
  const tolerance = descent < sigma ? sigma : sigma * Math.sqrt((1 - beta) / (1 + beta))
  const limit = smoothed[minimumIndex]! + tolerance
  let top = minimumIndex
  while (top + 1 < smoothed.length && smoothed[top + 1]! <= limit) top += 1
  return top
}

interface CandidateState {
  readonly learningRate: number
  snapshot: unknown
  steps: number
  first: number | undefined
  best: number | undefined
  recent: number[]
  diverged: boolean
  score: number | null
  rung: number
  /** Diverges only on a full window of losses (a probe above the bracket). */
  fullWindow: boolean
  /** Steps it trails each rung's end by (the probe of a rung 0 led by its highest candidate: rung 0's). */
  behind: number
}

/**
 * Finds a constant learning rate in two stages, at a small fraction of a grid search's compute:
 * a range test brackets the usable interval, then a short race among a few candidates in that
 * bracket picks the one that trains best — ranked on `evaluate()` (validation loss) when the
 * trainable has it, so a rate that overfits or sits past the divergence edge loses the race.
 *
 * Procedure:
 * 1. `snapshot()` once (the initial state).
 * 2. **Bracket.** Sweep lr(i) = startValue·(endValue/startValue)^(i/sweepSteps), one step each
 *    ({@link rangeTestSchedule}); stop early when the median of the last 5 raw losses exceeds
 *    divergenceFactor × the lowest level so far, a level being the median of the last 15 raw losses
 *    (a 2–3-step lag, where fastai's β = 0.98 EMA lags ≈ 50 steps; the longer window of the level
 *    keeps a run of three lucky mini-batches from setting it), or a loss is non-finite. `restore()`. Smooth the recorded losses before the blow-up
 *    (up to the first raw loss after the first 5 above divergenceFactor × their median that starts a
 *    rise — the median of the 5 losses from it on is above that too, so one spike does not cut the
 *    curve — and the backward pass cannot carry the blow-up a decade back) with {@link lagCorrectedSmoothLosses}
 *    (β) and find the smoothed minimum (from the ⌈β/(1 − β)⌉-th point on: the first points of the
 *    smoothing rest on too few losses); then walk right from it while the smoothed loss stays
 *    within the smoothed curve's noise of the minimum (robust σ of raw − smoothed × √((1−β)/(1+β))):
 *    lr_top is the rate there. A minimum made by a noise dip on a plateau thus moves to the end of
 *    the plateau; on a clean curve lr_top is the minimum. A flat sweep (no descent of one raw σ)
 *    walks up to one raw σ above its minimum instead: where the loss starts rising.
 * 3. **Candidates.** `candidates` log-spaced rates from top / 10^spanDecades to top =
 *    lr_top · 10^topOffsetDecades.
 * 4. **Race** (successive halving; with the defaults two rungs: all 5 candidates train 40
 *    steps, the best 3 continue to 96 steps, and the best of those wins). Rung k: every surviving
 *    candidate trains, from the initial state (rung 0) or from its own saved state, at its constant
 *    rate until it has run min(minSteps·η^k, maxSteps) steps (`trainStep(rate, j)`, j = 0-based
 *    step of the candidate); a candidate
 *    diverges when a loss is non-finite or the median of its last 5 losses exceeds divergenceFactor
 *    × the larger of its first loss and the initial loss level, the median of the sweep's first 10
 *    losses (one noisy mini-batch above the limit does not end it once 5 losses are in, nor does
 *    a lucky first one; a blow-up in the first steps does). Score =
 *    `evaluate()` or the mean of its last 5 training losses; ⌈survivors/η⌉ of the best survive
 *    (each `snapshot()`ed to continue later); the race ends when one survives or a rung reaches
 *    maxSteps. The winner is the
 *    best-scored candidate of the last rung; the recommended rate is winner / shrinkFactor.
 *    In rung 0, while the lowest candidate scores best or no candidate has scored, each diverged
 *    candidate (whose rung ended early) funds one more candidate one spacing below the lowest, as
 *    long as the rung-0 budget (candidates × minSteps steps) allows: a bracket placed too high
 *    (every rate above the lowest blows up, or every rate of it) extends downwards at no extra cost.
 *    A flat rung 0 — its best score ≥ flatThreshold × the initial score (0.95 by default: no
 *    candidate has visibly learned; a plateau, or a bracket too low) — sends its best
 *    ⌈candidates/η⌉ − 1 candidates on, beside a probe at the highest candidate · 10^probeDecades
 *    trained from the initial state for only as many steps as each of them trains in rung 1 (ended
 *    as diverged only on a full window of 5 losses, since rates that leave a plateau often spike
 *    first); the best score wins. With the defaults this costs rung 1's 3 × 56 steps, as without
 *    the probe. A rung 0 that is not flat but led by its lowest
 *    candidate (the best rate may lie below the bracket) likewise sends only that candidate on,
 *    beside a probe at the lowest candidate / 10^probeDecades (`probeBelow`, on by default). A
 *    harmful rung 0 — with `evaluate()` scoring, its best score more than 2 % above the initial
 *    score: every candidate made the held-out loss worse — sends its probe a whole bracket below
 *    instead: the lowest candidate / 10^spanDecades (also `probeBelow`). A rung 0 that is not flat
 *    but led by its highest candidate (the best rate may lie above the bracket) sends the best
 *    ⌈candidates/η⌉ − 1 candidates on, beside a probe one candidate spacing above the highest,
 *    trained from the initial state for only as many steps as each of them trains in rung 1 (56 of
 *    their 96 with the defaults: it wins only by a margin; `probeAbove`, on by default).
 * 5. `restore()` the initial state — always, also when a call throws (try/finally); a failure is
 *    rethrown as a {@link TrainableError} after the restore (`restored: true`).
 *
 * Cost with the defaults: ≤ 80 sweep steps + 5 × 40 + 3 × 56 = 368 race steps (also with added
 * candidates) ≤ 448 steps — under 10 % of a 25-point grid of 300-step runs (7 500 steps) even
 * counting the final 300-step run (9.97 %). `steps.total` reports the exact count.
 *
 * `lowConfidence` reasons (each checked on the evaluation's development set): the sweep recorded
 * fewer than 20 points; rung 0 was flat (see `flatThreshold`; added after round 9, where all 8
 * catastrophic test picks came from its 16 flat races and none from the 56 others; with it, the
 * flag caught 12 of 18 catastrophic and 19 of 40 bad picks among round 10's 540 development picks,
 * at a precision of 20 %, and none of round 10's 3 catastrophic test picks, which came from a
 * bracket placed too high, not from a flat race; on round 11's test set the flag as a whole caught
 * all 10 catastrophic picks, at a precision of 59 %, on round 13's only 1 of 7: six came from a
 * short race that ranked the best rate below lower ones, which no reason reads; on round 14's all
 * 3, at a precision of 13 %; on round 15's 5 of 6, at a precision of 38 %: the five flat races on
 * tasks with almost nothing to gain, not the short race's bias; on round 16's all 5, at a precision
 * of 33 %: flat races on a CNN that learns only after a plateau; on round 17's 3 of 8, at a
 * precision of 43 %: the flat races on a CNN that learns only after a plateau, not the other five,
 * 0.3–1.25 decades below the best rate, four from the short race's bias and one from ÷ 2; on
 * round 18's 1 of 9, at a precision of 8 %: the one flat race, not the eight picks from the short
 * race's bias, where the race's leaders had improved on the initial loss; on round 19's none of 7,
 * six from the short race's bias and one from ÷ 2 after a near tie; on round 20's 2 of 11, at a
 * precision of 50 %: the two flat races, not the three picks on the same CNN whose rung 0 was led
 * by its highest candidate and whose probe above lost, nor the six SGD picks that ÷ 2 or the short
 * race moved off the best rate; on round 21's none of 6, five from the short race's bias and one
 * from a bracket under the best rate whose probe above lost narrowly; on round 22's 3 of 11, at a
 * precision of 33 %: the two flat races and one winning top candidate; on round 23's 2 of 6, at a
 * precision of 29 %: two winning probes above, 0.7–0.9 decades under the best rate on a CNN, not
 * the three picks 1.2–1.6 decades above the best rate on a fine-tuning task whose high rates lead
 * the race and end above the pretrained loss after 300 steps, nor one from ÷ 2); the
 * winner is the highest candidate (the best rate may lie above the bracket; "the winner is the
 * lowest candidate" fired on good picks only and was dropped); the winner's score is no better than
 * the initial score (`evaluate()` before any training, or the winner's first training loss); every
 * candidate diverged.
 *
 * Memory: a race of several rungs holds up to `candidates` snapshots at once (one per candidate
 * that finished rung 0, 5 by default) besides the initial state; a single rung holds none.
 *
 * @param trainable - the model to tune; restored bit-exactly afterwards (as {@link runRangeTest}).
 * @param options - the options, each documented (default, range, unit) on {@link FindLearningRateOptions}.
 * @returns A JSON-serialisable {@link FindLearningRateResult}.
 * @throws InvalidArgumentError (before any call to the trainable) for an invalid or unknown option,
 *   a trainable without the required methods, or `score: 'evaluate'` without `evaluate`;
 *   TrainableError when the trainable throws (after the restore).
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: `trainable` is your model with an evaluate()
 * const found = await findLearningRate(trainable)
 * found.winner         // e.g. 6.4e-3: the race winner
 * found.learningRate   // e.g. 3.2e-3 = winner / 2: train at this constant rate
 * found.steps.total    // e.g. 437: sweep (69, stopped at divergence) + race (5 × 40 + 3 × 56)
 * found.lowConfidence  // undefined, or { reasons: ['the winner is the highest candidate …'] }
 * ```
 *
 * Equivalents: none in fastai, torch-lr-finder or Lightning (range test only); Optuna or Ray Tune
 * successive halving over a log-uniform range, here restricted to the bracket the range test found.
 */
export async function findLearningRate(
  trainable: Trainable,
  options: FindLearningRateOptions = {},
): Promise<FindLearningRateResult> {
  const checked = checkTrainable(trainable)
  const resolved = resolveOptions(options, checked)
  const ladder = rangeTestSchedule({
    startValue: resolved.startValue,
    endValue: resolved.endValue,
    steps: resolved.sweepSteps,
  }).values

  const initial = await takeSnapshot('findLearningRate', checked)
  return restoreAfter('findLearningRate', checked, initial, 'its initial state', () =>
    search(checked, resolved, ladder, initial),
  )
}

async function search(
  trainable: Trainable,
  options: ResolvedFindLearningRateOptions,
  ladder: readonly number[],
  initial: unknown,
): Promise<FindLearningRateResult> {
  const reasons: string[] = []
  let evaluations = 0
  // 1. Bracket.
  const swept = await sweep(trainable, ladder, options.divergenceFactor)
  // The initial loss level, measured over several mini-batches at the sweep's lowest rates: a race
  // candidate is held to the larger of it and its own first loss, so one lucky first mini-batch
  // does not make ordinary losses look like a blow-up.
  const initialLevel =
    swept.losses.length > 0 ? median(swept.losses.slice(0, INITIAL_LEVEL_POINTS)) : Number.NEGATIVE_INFINITY
  await callTrainable('restore', () => trainable.restore(initial))
  const usable = usablePrefix(swept.losses, options.divergenceFactor)
  const smoothed = zeroPhaseEma(swept.losses.slice(0, usable), options.beta)
  const minimumIndex = smoothedMinimumIndex(smoothed, options.beta)
  const topIndex = bracketTopIndex(
    swept.losses.slice(0, usable),
    smoothed,
    minimumIndex,
    options.beta,
    firstReliableIndex(smoothed.length, options.beta),
  )
  if (swept.losses.length < MIN_POINTS) {
    reasons.push(`the sweep stopped after ${swept.losses.length} points (fewer than ${MIN_POINTS})`)
  }
  const topRate = swept.learningRates[topIndex] ?? options.startValue
  const top = topRate * 10 ** options.topOffsetDecades
  const rates = Array.from(
    { length: options.candidates },
    (_, i) => top * 10 ** (-options.spanDecades * (1 - i / (options.candidates - 1))),
  )

  // 2. Initial score.
  let initialScore: number | undefined
  if (options.score === 'evaluate') {
    initialScore = await evaluateLoss(trainable)
    evaluations += 1
  }

  // 3. Race.
  const fresh = (learningRate: number): CandidateState => ({
    learningRate,
    snapshot: initial,
    steps: 0,
    first: undefined,
    best: undefined,
    recent: [],
    diverged: false,
    score: null,
    rung: 0,
    fullWindow: false,
    behind: 0,
  })
  const states: CandidateState[] = rates.map(fresh)
  let raceSteps = 0
  const runCandidate = async (state: CandidateState, rung: number, budget: number, last: boolean) => {
    state.rung = rung
    await callTrainable('restore', () => trainable.restore(state.snapshot))
    while (!state.diverged && state.steps < budget - state.behind) {
      const step = state.steps
      const loss = await trainStepLoss(trainable, state.learningRate, step)
      state.steps += 1
      raceSteps += 1
      if (!Number.isFinite(loss)) {
        state.diverged = true
        break
      }
      if (state.first === undefined) state.first = loss
      if (state.best === undefined || loss < state.best) state.best = loss
      state.recent.push(loss)
      if (state.recent.length > LOSS_WINDOW) state.recent.shift()
      if (
        (!state.fullWindow || state.recent.length >= LOSS_WINDOW) &&
        raceDiverged(state.recent, Math.max(state.first, initialLevel), state.best, options.divergenceFactor)
      ) {
        state.diverged = true
      }
    }
    state.score = null
    if (!state.diverged) {
      if (options.score === 'evaluate') {
        const value = await evaluateLoss(trainable)
        evaluations += 1
        if (Number.isFinite(value)) state.score = value
        else state.diverged = true
      } else {
        state.score = state.recent.reduce((sum, value) => sum + value, 0) / state.recent.length
      }
    }
    if (!last && !state.diverged) state.snapshot = await callTrainable('snapshot', () => trainable.snapshot())
  }
  const bestScored = (list: readonly CandidateState[]) =>
    list.reduce<CandidateState | undefined>(
      (best, state) =>
        state.score !== null && (best === undefined || state.score < (best.score as number)) ? state : best,
      undefined,
    )
  // The ratio between neighbouring candidates.
  const spacing = 10 ** (options.spanDecades / (options.candidates - 1))
  let survivors = states
  let flatRace = false
  let probedBelow = false
  let probedAbove = false
  for (let rung = 0; ; rung++) {
    const budget = rungEnd(options, rung)
    const keep = Math.ceil(survivors.length / options.eta)
    const last = keep <= 1 || budget >= options.maxSteps
    for (const state of survivors) await runCandidate(state, rung, budget, last)
    if (rung === 0) {
      // Diverged candidates leave most of their rung-0 budget unspent: while the lowest candidate
      // scores best, or none scored at all (the best rate may lie below the bracket), it funds one
      // more candidate below, one candidate spacing down, up to one per diverged candidate and
      // within the budget.
      const diverged = states.filter((state) => state.diverged).length
      for (let added = 0; added < diverged; added++) {
        const lowest = states[0]!
        const leader = bestScored(states)
        if ((leader !== undefined && leader !== lowest) || options.candidates * budget - raceSteps < budget)
          break
        const below = fresh(lowest.learningRate / spacing)
        states.unshift(below)
        await runCandidate(below, rung, budget, last)
      }
    }
    const ranked = survivors
      .filter((state) => state.score !== null)
      .sort((a, b) => (a.score as number) - (b.score as number))
    if (last || ranked.length <= 1) {
      survivors = ranked
      break
    }
    survivors = ranked.slice(0, keep)
    if (rung === 0) {
      // A flat rung 0 (no candidate visibly learned) ranks noise: the best continues alone and a
      // probe above the bracket takes the rest of rung 1's budget, from the initial state.
      const next = rungEnd(options, 1)
      const fits = next - budget + next <= keep * (next - budget)
      const reference = initialScore ?? median(states.flatMap((state) => state.first ?? []))
      const gain = reference - (ranked[0]!.score as number)
      const flat = gain <= (1 - options.flatThreshold) * Math.abs(reference)
      if (flat) {
        reasons.push(
          `rung 0 was flat (best score ${(ranked[0]!.score as number).toPrecision(3)} against the initial ${reference.toPrecision(3)} after ${budget} steps): the task may learn only after a plateau, with a best rate far above the pick, or have little to gain`,
        )
      }
      // A harmful rung 0 (every candidate ended with a held-out loss worse than before training: a
      // pretrained network that every rate of the bracket pulls away from its optimum) sends its
      // probe a bracket lower. Only on evaluate(): a mean of noisy training losses against their
      // first ones would read heavy-tailed noise as harm.
      const harmful =
        initialScore !== undefined &&
        initialScore > 0 &&
        (ranked[0]!.score as number) > initialScore * (1 + HARMFUL_MARGIN)
      // A rung 0 led by its lowest candidate (not flat): the best rate may lie below the bracket.
      const below = options.probeBelow && (harmful || (!flat && ranked[0] === states[0]))
      if (fits && below) {
        const decades = harmful ? options.spanDecades : options.probeDecades
        const probe = fresh(states[0]!.learningRate / 10 ** decades)
        states.unshift(probe)
        survivors = [ranked[0]!, probe]
        probedBelow = true
      } else if (keep >= 2 && (flat || (options.probeAbove && ranked[0] === states[states.length - 1]))) {
        // A probe above the bracket: after a flat rung 0 (no candidate visibly learned: a plateau,
        // or a bracket too low) probeDecades above the highest candidate; after a rung 0 led by its
        // highest candidate, the next rate of the candidates' ladder. It takes the place of the
        // last continuing candidate and trains as many steps as each of them does in rung 1, so it
        // wins only by a margin.
        const probe = fresh(
          states[states.length - 1]!.learningRate * (flat ? 10 ** options.probeDecades : spacing),
        )
        probe.fullWindow = true
        probe.behind = budget
        states.push(probe)
        survivors = [...ranked.slice(0, keep - 1), probe]
        if (flat) flatRace = true
        else probedAbove = true
      }
    }
  }
  for (const state of states) state.snapshot = undefined

  const winner = survivors[0]
  if (winner === undefined) {
    reasons.push('every candidate diverged')
  } else {
    const index = states.indexOf(winner)
    if (index === states.length - 1) {
      reasons.push(
        `the winner is the highest candidate (${winner.learningRate.toPrecision(3)}): the best rate may lie above the bracket`,
      )
    }
    const reference = initialScore ?? winner.first
    if (reference !== undefined && !((winner.score as number) < reference)) {
      reasons.push(
        `the winner's score ${(winner.score as number).toPrecision(3)} is no better than the initial ${reference.toPrecision(3)}`,
      )
    }
  }

  const candidates: LearningRateCandidate[] = states.map((state) => ({
    learningRate: state.learningRate,
    score: state.score,
    steps: state.steps,
    rung: state.rung,
    diverged: state.diverged,
  }))
  return {
    version: 1,
    options,
    ...(winner === undefined
      ? {}
      : {
          learningRate: winner.learningRate / options.shrinkFactor,
          winner: winner.learningRate,
        }),
    bracket: { min: states[0]!.learningRate, max: states[states.length - 1]!.learningRate },
    sweep: {
      learningRates: swept.learningRates,
      losses: swept.losses,
      smoothed,
      stoppedBy: swept.stoppedBy,
      minimumIndex,
      topIndex,
    },
    candidates,
    flatRace,
    probedBelow,
    probedAbove,
    steps: { sweep: swept.steps, race: raceSteps, total: swept.steps + raceSteps },
    evaluations,
    ...(reasons.length > 0 ? { lowConfidence: { reasons } } : {}),
  }
}
