import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, numberInRange, positiveInteger } from '../internal/validate'
import { divergenceLimit } from '../range-test/divergence-limit'

/** What a {@link LossMonitor} detected. */
export type MonitorEventKind = 'diverged' | 'oscillating' | 'plateaued' | 'tooSlow'

/** One diagnosis, with the numbers behind it and a suggested learning-rate factor (plain JSON). */
export interface MonitorEvent {
  /** The diagnosis. */
  readonly kind: MonitorEventKind
  /** The step of the observation that triggered it. */
  readonly step: number
  /** The learning rate passed with that observation, when given. */
  readonly learningRate?: number
  /** The statistics behind the diagnosis (finite numbers only). */
  readonly evidence: Readonly<Record<string, number>>
  /** Multiply the learning rate by this: diverged 0.1, oscillating 0.5, plateaued 0.1, tooSlow 2–3. */
  readonly suggestedFactor: number
}

/** Options of {@link createLossMonitor}. */
export interface LossMonitorOptions {
  /** Planned length of the run in steps (enables `tooSlow`); integer ≥ 1; default none. */
  readonly totalSteps?: number
  /**
   * `diverged` when the fast EMA (β 0.7) exceeds this × its running minimum; > 1; default 4. With a
   * running minimum ≤ 0: when the fast EMA rises above it by more than (divergenceFactor − 1) ×
   * max(|minimum|, first fast EMA − minimum); for a positive minimum both rules are the same.
   */
  readonly divergenceFactor?: number
  /** Window W of the noise and oscillation statistics, in steps; integer ≥ 8; default 32. */
  readonly window?: number
  /** `oscillating` when the window's noise σ exceeds this × the reference σ; > 1; default 3. */
  readonly oscillationFactor?: number
  /** Plateau window P in steps; integer ≥ 2; default 100. */
  readonly patience?: number
  /** Relative improvement over P steps below which the run has plateaued; ≥ 0; default 0.01. */
  readonly plateauThreshold?: number
  /** `tooSlow` when past + projected relative improvement by `totalSteps` is below this; (0, 1); default 0.1. */
  readonly minImprovement?: number
  /** EMA β of the slow smoothed loss used by `plateaued` and `tooSlow`; [0, 1); default 0.98. */
  readonly beta?: number
  /** Steps before any event other than a non-finite loss; integer ≥ 0; default `window`. */
  readonly warmupSteps?: number
}

/** Extra information about an observation. */
export interface ObserveInfo {
  /** The 0-based step of the loss; default: one more than the previous observation's step. */
  readonly step?: number
  /** The learning rate the step used (copied into events). */
  readonly learningRate?: number
}

/** An online loss-curve diagnosis; feed it one training loss per step. */
export interface LossMonitor {
  /** Records one loss; returns the events it triggered (usually none). */
  observe(loss: number, info?: ObserveInfo): MonitorEvent[]
  /** Number of losses observed so far. */
  readonly observed: number
}

const OPTIONS = /* @__PURE__ */ optionTable<LossMonitorOptions>()('createLossMonitor', [
  'totalSteps',
  'divergenceFactor',
  'window',
  'oscillationFactor',
  'patience',
  'plateauThreshold',
  'minImprovement',
  'beta',
  'warmupSteps',
])

const FAST_BETA = 0.7
const REFERENCE_BLOCKS = 4

/** Median of a typed array (sorted in place). */
function median(values: Float64Array): number {
  values.sort()
  const middle = values.length >> 1
  return values.length % 2 === 1 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2
}

/** Robust noise σ of a window: 1.4826 · MAD(second differences) / √6 (exact for i.i.d. Gaussian noise on a locally linear trend). */
function windowNoise(values: readonly number[]): number {
  const second = new Float64Array(values.length - 2)
  for (let i = 1; i + 1 < values.length; i++) second[i - 1] = values[i + 1]! - 2 * values[i]! + values[i - 1]!
  const center = median(second.slice())
  for (let i = 0; i < second.length; i++) second[i] = Math.abs(second[i]! - center)
  return (1.4826 * median(second)) / Math.sqrt(6)
}

/** Least-squares slope of `values` against their index, with its standard error. */
function slopeWithError(values: readonly number[]): { slope: number; error: number } {
  const n = values.length
  const meanX = (n - 1) / 2
  const meanY = values.reduce((sum, value) => sum + value, 0) / n
  let sxx = 0
  let sxy = 0
  for (let i = 0; i < n; i++) {
    sxx += (i - meanX) ** 2
    sxy += (i - meanX) * (values[i]! - meanY)
  }
  const slope = sxy / sxx
  let residual = 0
  for (let i = 0; i < n; i++) residual += (values[i]! - meanY - slope * (i - meanX)) ** 2
  return { slope, error: Math.sqrt(residual / (n - 2) / sxx) }
}

/**
 * Creates an online loss-curve monitor: feed it the training loss of every step and it reports when
 * the learning rate looks wrong — `diverged`, `oscillating`, `plateaued` or `tooSlow` — with the
 * evidence and a suggested learning-rate factor. Designed not to cry wolf on minibatch noise: every
 * test compares against a noise σ estimated from the loss itself, and every event has hysteresis.
 *
 * Statistics (W = `window`, P = `patience`, T = `totalSteps`):
 * - noise σ_w: 1.4826·MAD(second differences of the last W raw losses)/√6; reference σ_ref = median
 *   of σ over the last 4 completed, non-overlapping W-blocks before the current window (floored at
 *   1e-3 × the loss level).
 * - **diverged** (factor 0.1): a non-finite loss (at once, once per non-finite streak), or after
 *   warmup the fast EMA (β 0.7, debiased) > `divergenceFactor` × its running minimum m (evidence
 *   `smoothedLoss`, `runningMinimum`, `factor`); re-armed when it falls back below half that margin.
 *   With m ≤ 0 (losses that go negative, e.g. a negative log-likelihood) a multiple of m means
 *   nothing, so the rule becomes: fast EMA − m > (`divergenceFactor` − 1) × s with the scale
 *   s = max(|m|, first fast EMA − m), the same rule as the ratio for m > 0 (evidence
 *   `smoothedLoss`, `runningMinimum`, `scale` s and `limit` = m + (`divergenceFactor` − 1)·s);
 *   re-armed below m + (`divergenceFactor` − 1)/2 × s.
 * - **oscillating** (factor 0.5): σ_w > `oscillationFactor` × σ_ref **and** at least W/4 sign changes
 *   of consecutive first differences that both exceed 2σ_ref (up-and-down, not a drift); re-armed
 *   when σ_w < half the threshold, and at most once per W steps. Needs a calm reference period, so
 *   a run that oscillates from its first step shows up as a plateau instead.
 * - **plateaued** (factor 0.1, PyTorch `ReduceLROnPlateau`'s default): best slow-EMA loss (β; tracked
 *   from the ⌈2/(1−β)⌉-th loss on, when the debiased EMA is warm) now vs P steps ago improved by less than max(`plateauThreshold` × |best then|, 1.5 × the EMA's noise
 *   σ_w·√((1−β)/(1+β))); then silent for P steps.
 * - **tooSlow** (factor 2–3; only with `totalSteps`): checked every W steps between 0.1·T and
 *   0.5·T: the slope of a least-squares line through the last max(W, 2P) raw losses is
 *   significantly negative (t < −3) and (first loss − (smoothed + slope·(T − t)))/first loss <
 *   `minImprovement`, where first loss is the mean of the first 10 finite losses; fires once.
 *   Factor = clamp(minImprovement / projected improvement, 2, 3). A relative improvement needs a
 *   first loss > 0, so `tooSlow` never fires on a run whose first loss is ≤ 0 (e.g. a negative
 *   log-likelihood that starts below zero).
 *
 * Detection (tested, seeded synthetic runs): a non-finite loss at its step; a 10 %/step blow-up
 * within 25 steps; an alternating oscillation of ≥ 10 σ within W steps of its onset; a flat run by
 * warmup + P + W steps; a run on course for < 10 % improvement at the first check after 0.1·T. Clean
 * exponential decays with Gaussian noise (σ from 0.4 % to 20 % of the final loss) raise no event.
 *
 * @param options - the options, each documented (default, range, unit) on {@link LossMonitorOptions}.
 * @returns A {@link LossMonitor}.
 * @throws InvalidArgumentError for an invalid or unknown option; `observe` throws for a loss that is
 *   not a number or a step that is not a non-negative integer.
 *
 * @example
 * ```ts
 * const monitor = createLossMonitor({ totalSteps: 10_000 })
 * monitor.observe(2.3, { step: 0, learningRate: 1e-3 }) // []
 * monitor.observe(Number.NaN, { step: 1 })             // [{ kind: 'diverged', step: 1, suggestedFactor: 0.1, evidence: { nonFinite: 1, … } }]
 * ```
 *
 * Equivalents: none of PyTorch / Keras / optax ships a diagnosis; PyTorch `ReduceLROnPlateau` and
 * Keras `ReduceLROnPlateau` act on a plateau only (mode min, factor 0.1, patience 10 epochs) and
 * `TerminateOnNaN` stops on NaN.
 */
export function createLossMonitor(options: LossMonitorOptions = {}): LossMonitor {
  const record = OPTIONS.read(options)
  const totalSteps =
    record.totalSteps === undefined ? undefined : positiveInteger('totalSteps', record.totalSteps)
  const divergenceFactor =
    record.divergenceFactor === undefined
      ? 4
      : numberInRange('divergenceFactor', record.divergenceFactor, { min: 1, minExclusive: true })
  const window =
    record.window === undefined
      ? 32
      : numberInRange('window', positiveInteger('window', record.window), { min: 8 })
  const oscillationFactor =
    record.oscillationFactor === undefined
      ? 3
      : numberInRange('oscillationFactor', record.oscillationFactor, { min: 1, minExclusive: true })
  const patience =
    record.patience === undefined
      ? 100
      : numberInRange('patience', positiveInteger('patience', record.patience), { min: 2 })
  const plateauThreshold =
    record.plateauThreshold === undefined
      ? 0.01
      : numberInRange('plateauThreshold', record.plateauThreshold, { min: 0 })
  const minImprovement =
    record.minImprovement === undefined
      ? 0.1
      : numberInRange('minImprovement', record.minImprovement, {
          min: 0,
          max: 1,
          minExclusive: true,
          maxExclusive: true,
        })
  const beta =
    record.beta === undefined
      ? 0.98
      : numberInRange('beta', record.beta, { min: 0, max: 1, maxExclusive: true })
  const warmupSteps =
    record.warmupSteps === undefined ? window : nonNegativeInteger('warmupSteps', record.warmupSteps)

  let observed = 0
  let nextStep = 0
  // fast EMA (divergence)
  let fastAverage = 0
  let fastCount = 0
  let fastMinimum = Number.POSITIVE_INFINITY
  let fastFirst = 0
  let divergedArmed = true
  let inNonFinite = false
  // slow EMA (plateau, tooSlow)
  let slowAverage = 0
  let slowCount = 0
  const slowBest: number[] = [] // running best of the slow EMA, one per finite observation (last P + 1)
  let plateauQuietUntil = -1
  // windows
  const raw: number[] = [] // last max(W, 2P) finite losses
  const blockNoise: number[] = []
  let finiteCount = 0
  let oscillationArmed = true
  let oscillationQuietUntil = -1
  let firstLosses = 0
  let firstLossSum = 0
  let tooSlowFired = false
  const rawCapacity = Math.max(window, 2 * patience)
  const slowWarmup = Math.ceil(2 / (1 - beta))

  const observe = (loss: number, info: ObserveInfo = {}): MonitorEvent[] => {
    if (typeof loss !== 'number') {
      throw new InvalidArgumentError({ argument: 'loss', value: loss, expected: 'a number' })
    }
    const step = info.step === undefined ? nextStep : nonNegativeInteger('step', info.step)
    nextStep = step + 1
    observed += 1
    const learningRate = info.learningRate
    const event = (
      kind: MonitorEventKind,
      evidence: Record<string, number>,
      suggestedFactor: number,
    ): MonitorEvent =>
      learningRate === undefined
        ? { kind, step, evidence, suggestedFactor }
        : { kind, step, learningRate, evidence, suggestedFactor }
    const events: MonitorEvent[] = []

    if (!Number.isFinite(loss)) {
      if (!inNonFinite) {
        inNonFinite = true
        const evidence: Record<string, number> = { nonFinite: 1 }
        if (raw.length > 0) evidence.lastFiniteLoss = raw[raw.length - 1]!
        events.push(event('diverged', evidence, 0.1))
      }
      return events
    }
    inNonFinite = false
    finiteCount += 1
    raw.push(loss)
    if (raw.length > rawCapacity) raw.shift()
    if (firstLosses < 10) {
      firstLosses += 1
      firstLossSum += loss
    }

    // Fast EMA: blow-up.
    fastCount += 1
    fastAverage = FAST_BETA * fastAverage + (1 - FAST_BETA) * loss
    const fast = fastAverage / (1 - FAST_BETA ** fastCount)
    if (fastCount === 1) fastFirst = fast
    if (finiteCount > Math.min(warmupSteps, 10)) {
      const descent = fastFirst - fastMinimum
      const limit = divergenceLimit(fastMinimum, descent, divergenceFactor)
      if (divergedArmed && fast > limit) {
        divergedArmed = false
        events.push(
          event(
            'diverged',
            fastMinimum > 0
              ? { smoothedLoss: fast, runningMinimum: fastMinimum, factor: fast / fastMinimum }
              : {
                  smoothedLoss: fast,
                  runningMinimum: fastMinimum,
                  scale: Math.max(-fastMinimum, descent),
                  limit,
                },
            0.1,
          ),
        )
      } else if (
        !divergedArmed &&
        fast < divergenceLimit(fastMinimum, descent, 1 + (divergenceFactor - 1) / 2)
      ) {
        divergedArmed = true
      }
    }
    if (fast < fastMinimum) fastMinimum = fast

    // Slow EMA.
    slowCount += 1
    slowAverage = beta * slowAverage + (1 - beta) * loss
    const slow = slowAverage / (1 - beta ** slowCount)
    if (slowCount >= slowWarmup) {
      // Track the best only once the EMA has ≈ 2/(1 − β) samples: earlier debiased values are too noisy.
      const previousBest = slowBest.length > 0 ? slowBest[slowBest.length - 1]! : Number.POSITIVE_INFINITY
      slowBest.push(Math.min(previousBest, slow))
      if (slowBest.length > patience + 1) slowBest.shift()
    }

    // Noise of the current window and of the reference blocks.
    let noise = 0
    let level = 0
    const current = raw.length >= window ? raw.slice(raw.length - window) : []
    if (current.length > 0) {
      noise = windowNoise(current)
      for (const value of current) level += Math.abs(value) / window
      if (finiteCount % window === 0) {
        blockNoise.push(noise)
        if (blockNoise.length > REFERENCE_BLOCKS + 1) blockNoise.shift()
      }
    }
    // Reference: blocks that ended at least W steps ago (the newest block overlaps the current window).
    const reference = blockNoise.slice(0, -1).slice(-REFERENCE_BLOCKS)
    const referenceNoise =
      reference.length > 0 ? Math.max(median(Float64Array.from(reference)), 1e-3 * level) : 0
    const pastWarmup = finiteCount > warmupSteps

    // Oscillation.
    if (pastWarmup && reference.length > 0 && current.length > 0) {
      const ratio = noise / referenceNoise
      if (oscillationArmed && ratio > oscillationFactor && finiteCount >= oscillationQuietUntil) {
        let reversals = 0
        for (let i = 2; i < current.length; i++) {
          const before = current[i - 1]! - current[i - 2]!
          const after = current[i]! - current[i - 1]!
          if (
            before * after < 0 &&
            Math.abs(before) > 2 * referenceNoise &&
            Math.abs(after) > 2 * referenceNoise
          )
            reversals += 1
        }
        if (reversals >= window / 4) {
          oscillationArmed = false
          oscillationQuietUntil = finiteCount + window
          events.push(event('oscillating', { noise, referenceNoise, ratio, reversals, window }, 0.5))
        }
      } else if (!oscillationArmed && ratio < oscillationFactor / 2) {
        oscillationArmed = true
      }
    }

    // Plateau.
    if (
      pastWarmup &&
      slowBest.length === patience + 1 &&
      finiteCount >= plateauQuietUntil &&
      current.length > 0
    ) {
      const bestThen = slowBest[0]!
      const bestNow = slowBest[slowBest.length - 1]!
      const improvement = bestThen - bestNow
      const smoothedNoise = noise * Math.sqrt((1 - beta) / (1 + beta))
      const required = Math.max(plateauThreshold * Math.abs(bestThen), 1.5 * smoothedNoise)
      if (improvement < required) {
        plateauQuietUntil = finiteCount + patience
        events.push(
          event(
            'plateaued',
            { bestLoss: bestNow, bestLossBefore: bestThen, improvement, required, patience },
            0.1,
          ),
        )
      }
    }

    // Too slow.
    if (
      totalSteps !== undefined &&
      !tooSlowFired &&
      pastWarmup &&
      step >= 0.1 * totalSteps &&
      step <= 0.5 * totalSteps &&
      finiteCount % window === 0 &&
      raw.length >= 2 * window
    ) {
      const { slope, error } = slopeWithError(raw)
      const first = firstLossSum / firstLosses
      if (error > 0 && slope / error < -3 && first > 0) {
        const projected = slow + slope * (totalSteps - step)
        const projectedImprovement = (first - projected) / first
        if (projectedImprovement < minImprovement) {
          tooSlowFired = true
          const factor = Math.min(3, Math.max(2, minImprovement / Math.max(projectedImprovement, 1e-12)))
          events.push(
            event(
              'tooSlow',
              {
                slope,
                slopeError: error,
                projectedLoss: projected,
                projectedImprovement,
                minImprovement,
                firstLoss: first,
              },
              factor,
            ),
          )
        }
      }
    }
    return events
  }

  return {
    observe,
    get observed() {
      return observed
    },
  }
}
