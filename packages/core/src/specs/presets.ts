import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, numberInRange, positiveInteger } from '../internal/validate'
import type {
  OneCycleSpec,
  PiecewiseInterpolateSpec,
  WarmupSpec,
  WarmupStableDecaySpec,
} from './schedule-spec-schema'

/** Options of {@link transformerFineTunePreset}. */
export interface TransformerFineTunePresetOptions {
  /** Peak learning rate, reached at the end of the warmup. Default `2e-5`; finite, ≥ 0. */
  readonly peakValue?: number
  /**
   * Training length in optimizer steps, warmup included. Required; a positive integer with
   * `⌈totalSteps · warmupFraction⌉ < totalSteps`.
   */
  readonly totalSteps: number
  /** Fraction of `totalSteps` spent warming up. Default `0.06`; `0 <= warmupFraction < 1`. */
  readonly warmupFraction?: number
}

const TRANSFORMER_FINE_TUNE_PRESET_OPTIONS = /* @__PURE__ */ optionTable<TransformerFineTunePresetOptions>()(
  'transformerFineTunePreset',
  ['peakValue', 'totalSteps', 'warmupFraction'],
)

/**
 * Transformer fine-tuning (BERT / RoBERTa): linear warmup from 0 to `peakValue` over the first 6 %
 * of training, then linear decay to 0 at `totalSteps`.
 *
 * Formula, with `P = peakValue`, `T = totalSteps`, `W = ⌈T · warmupFraction⌉` (HF
 * `TrainingArguments.get_warmup_steps`):
 *
 * ```text
 * t < W:  f(t) = P · t / W
 * t ≥ W:  f(t) = P · max(0, (T − t) / (T − W))
 * ```
 *
 * Sources: HF transformers `get_linear_schedule_with_warmup(optimizer, num_warmup_steps,
 * num_training_steps)` (the `"linear"` scheduler of `Trainer`), identical at every step; RoBERTa
 * (Liu et al. 2019, arXiv:1907.11692, GLUE fine-tuning: warmup for the first 6 % of steps, then
 * linear decay to 0); BERT (Devlin et al. 2019) fine-tunes with rates from 2e-5 to 5e-5 and linear
 * decay. Tune `peakValue` per task; `2e-5` is the low end of those grids.
 *
 * @param options - the options, each documented (default, range, unit) on {@link TransformerFineTunePresetOptions}.
 * @returns A `warmup` spec wrapping a `linear` spec.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const spec = transformerFineTunePreset({ peakValue: 2e-5, totalSteps: 1000 })
 * // { kind: 'warmup', warmupSteps: 60, initValue: 0,
 * //   schedule: { kind: 'linear', initValue: 2e-5, endValue: 0, transitionSteps: 940 } }
 * const lr = schedule(spec)
 * lr(0) // 0
 * lr(30) // 1e-5
 * lr(60) // 2e-5 (peak)
 * lr(530) // 1e-5
 * lr(1000) // 0
 * ```
 */
export function transformerFineTunePreset(options: TransformerFineTunePresetOptions): WarmupSpec {
  const record = TRANSFORMER_FINE_TUNE_PRESET_OPTIONS.read(options)
  const peakValue = record.peakValue === undefined ? 2e-5 : nonNegativeNumber('peakValue', record.peakValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  const warmupFraction =
    record.warmupFraction === undefined
      ? 0.06
      : numberInRange('warmupFraction', record.warmupFraction, { min: 0, max: 1, maxExclusive: true })
  const warmupSteps = Math.ceil(totalSteps * warmupFraction)
  if (warmupSteps >= totalSteps) {
    throw new InvalidArgumentError({
      argument: 'totalSteps',
      value: totalSteps,
      expected: `an integer with ceil(totalSteps × warmupFraction) < totalSteps (warmupFraction = ${warmupFraction}), so that the decay has a positive length`,
    })
  }
  return {
    kind: 'warmup',
    warmupSteps,
    initValue: 0,
    schedule: {
      kind: 'linear',
      initValue: peakValue,
      endValue: 0,
      transitionSteps: totalSteps - warmupSteps,
    },
  }
}

/** Options of {@link visionOneCyclePreset}. */
export interface VisionOneCyclePresetOptions {
  /** Peak learning rate (fastai `lr_max`). Required; finite, ≥ 0. */
  readonly peakValue: number
  /** Training length in optimizer steps. Required; an integer ≥ 4 (so the rise has at least one step). */
  readonly totalSteps: number
}

const VISION_ONE_CYCLE_PRESET_OPTIONS = /* @__PURE__ */ optionTable<VisionOneCyclePresetOptions>()(
  'visionOneCyclePreset',
  ['peakValue', 'totalSteps'],
)

/**
 * fastai's `fit_one_cycle` learning-rate schedule (the vision fine-tuning default): cosine rise from
 * `peakValue / 25` to `peakValue` over the first 25 % of training, then cosine anneal to
 * `peakValue / 1e5`.
 *
 * Formula, with `P = peakValue`, `T = totalSteps`, `W = ⌊T / 4⌋`:
 *
 * ```text
 * t < W:       f(t) = P/25 + (P − P/25) · (1 − cos(π·t/W)) / 2
 * W ≤ t ≤ T:   f(t) = P/1e5 + (P − P/1e5) · (1 + cos(π·(t − W)/(T − W))) / 2
 * t > T:       f(t) = P/1e5
 * ```
 *
 * Source: fastai `Learner.fit_one_cycle(n_epoch, lr_max, div=25., div_final=1e5, pct_start=0.25)`
 * (`fastai/callback/schedule.py`), whose `lr` schedule is `combined_cos(pct_start, lr_max/div,
 * lr_max, lr_max/div_final)` evaluated at `pos = t / T`. The spec is a `oneCycle` spec with
 * `convention: 'optax'` (peak at `⌊pctStart · T⌋`) and `finalDivFactor: 4000`, because lrkit's (and
 * PyTorch's) final value is `P / divFactor / finalDivFactor` while fastai's is `P / div_final`
 * (25 · 4000 = 1e5). It equals fastai at every step when `T` is a multiple of 4; otherwise fastai's
 * continuous `pos` puts the peak between two steps and the values differ slightly in the first
 * phase. fastai also cycles momentum (0.95 → 0.85 → 0.95), which a learning-rate spec does not cover.
 * PyTorch `OneCycleLR` differs in defaults (`pct_start=0.3`, `final_div_factor=1e4`) and peaks one
 * step earlier.
 *
 * @param options - the options, each documented (default, range, unit) on {@link VisionOneCyclePresetOptions}.
 * @returns A `oneCycle` spec.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const lr = schedule(visionOneCyclePreset({ peakValue: 1e-3, totalSteps: 100 }))
 * lr(0) // 4e-5 (1e-3 / 25)
 * lr(25) // 1e-3 (peak)
 * lr(100) // 1e-8 (1e-3 / 1e5)
 * ```
 */
export function visionOneCyclePreset(options: VisionOneCyclePresetOptions): OneCycleSpec {
  const record = VISION_ONE_CYCLE_PRESET_OPTIONS.read(options)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  if (totalSteps < 4) {
    throw new InvalidArgumentError({ argument: 'totalSteps', value: totalSteps, expected: 'an integer >= 4' })
  }
  return {
    kind: 'oneCycle',
    peakValue,
    totalSteps,
    pctStart: 0.25,
    annealStrategy: 'cos',
    divFactor: 25,
    finalDivFactor: 1e5 / 25,
    convention: 'optax',
  }
}

/** Options of {@link ulmfitSlantedTriangularPreset}. */
export interface UlmfitSlantedTriangularPresetOptions {
  /** Peak learning rate `η_max`. Required; finite, ≥ 0 (the paper uses 0.01). */
  readonly peakValue: number
  /** Training length `T` in optimizer steps. Required; an integer ≥ 2. */
  readonly totalSteps: number
  /** Fraction of `T` spent rising (`cut_frac`). Default `0.1`; `0 < cutFraction < 1`. */
  readonly cutFraction?: number
  /** How much smaller the lowest value is than the peak (`ratio`). Default `32`; ≥ 1. */
  readonly ratio?: number
}

const ULMFIT_SLANTED_TRIANGULAR_PRESET_OPTIONS =
  /* @__PURE__ */ optionTable<UlmfitSlantedTriangularPresetOptions>()('ulmfitSlantedTriangularPreset', [
    'peakValue',
    'totalSteps',
    'cutFraction',
    'ratio',
  ])

/**
 * ULMFiT's slanted triangular learning rates (STLR): a short linear rise from `peakValue / ratio`
 * to `peakValue`, then a long linear decay back to `peakValue / ratio` at `totalSteps`.
 *
 * Formula (Howard & Ruder 2018, eq. 3), with `T = totalSteps`, `cut = ⌊T · cutFraction⌋`:
 *
 * ```text
 * p = t / cut                                       (t < cut)
 * p = 1 − (t − cut) / (cut · (1/cutFraction − 1))   (t ≥ cut)
 * f(t) = peakValue · (1 + p · (ratio − 1)) / ratio
 * ```
 *
 * As a spec: `piecewiseInterpolate` with knots `[0, cut, T]` and values `[peakValue / ratio,
 * peakValue, peakValue / ratio]`, holding `peakValue / ratio` after `T`. This is the paper's formula
 * at every step when `T · cutFraction` is an integer (then `cut · (1/cutFraction − 1) = T − cut`);
 * otherwise the paper's decay would overshoot below `peakValue / ratio` before `T` and this one
 * ends exactly at `T`. `cut` is at least 1.
 *
 * Source: J. Howard and S. Ruder, "Universal Language Model Fine-tuning for Text Classification",
 * ACL 2018 (arXiv:1801.06146), §3.2: "We generally use cut_frac = 0.1, ratio = 32 and η_max = 0.01".
 * Close relatives: optax `piecewise_interpolate_schedule('linear', …)`; PyTorch `OneCycleLR` with
 * `anneal_strategy='linear'` (different defaults and end value).
 *
 * @param options - the options, each documented (default, range, unit) on {@link UlmfitSlantedTriangularPresetOptions}.
 * @returns A `piecewiseInterpolate` spec.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const lr = schedule(ulmfitSlantedTriangularPreset({ peakValue: 0.01, totalSteps: 1000 }))
 * lr(0) // 0.0003125 (0.01 / 32)
 * lr(100) // 0.01 (cut = 100)
 * lr(550) // 0.00515625
 * lr(1000) // 0.0003125
 * ```
 */
export function ulmfitSlantedTriangularPreset(
  options: UlmfitSlantedTriangularPresetOptions,
): PiecewiseInterpolateSpec {
  const record = ULMFIT_SLANTED_TRIANGULAR_PRESET_OPTIONS.read(options)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  if (totalSteps < 2) {
    throw new InvalidArgumentError({ argument: 'totalSteps', value: totalSteps, expected: 'an integer >= 2' })
  }
  const cutFraction =
    record.cutFraction === undefined
      ? 0.1
      : numberInRange('cutFraction', record.cutFraction, {
          min: 0,
          max: 1,
          minExclusive: true,
          maxExclusive: true,
        })
  const ratio = record.ratio === undefined ? 32 : numberInRange('ratio', record.ratio, { min: 1 })
  const cut = Math.max(1, Math.floor(totalSteps * cutFraction))
  const lowest = peakValue / ratio
  return {
    kind: 'piecewiseInterpolate',
    boundaries: [0, cut, totalSteps],
    values: [lowest, peakValue, lowest],
    interpolation: 'linear',
  }
}

/** Options of {@link warmupStableDecayPreset}. */
export interface WarmupStableDecayPresetOptions {
  /** Learning rate of the stable phase. Required; finite, ≥ 0. */
  readonly peakValue: number
  /** Training length in optimizer steps, all three phases included. Required; a positive integer. */
  readonly totalSteps: number
  /** Warmup share of `totalSteps`. Required; `0 <= warmupFraction < 1`. */
  readonly warmupFraction: number
  /**
   * Decay (cooldown) share of `totalSteps`; Hägele et al. use 0.2. Required; `0 < decayFraction <= 1`
   * and `warmupFraction + decayFraction <= 1`.
   */
  readonly decayFraction: number
}

const WARMUP_STABLE_DECAY_PRESET_OPTIONS = /* @__PURE__ */ optionTable<WarmupStableDecayPresetOptions>()(
  'warmupStableDecayPreset',
  ['peakValue', 'totalSteps', 'warmupFraction', 'decayFraction'],
)

/**
 * Warmup-stable-decay (WSD) with the 1 − √ cooldown: linear warmup from 0, a constant stable phase
 * at `peakValue`, then `peakValue · (1 − √p)` down to 0 over the last `decayFraction` of training.
 *
 * Formula, with `P = peakValue`, `T = totalSteps`, `W = round(T · warmupFraction)`,
 * `D = min(round(T · decayFraction), T − W)`, `S = T − W − D`:
 *
 * ```text
 * t < W:            f(t) = P · t / W
 * W ≤ t < W + S:    f(t) = P
 * W + S ≤ t < T:    f(t) = P · (1 − √((t − W − S) / D))
 * t ≥ T:            f(t) = 0
 * ```
 *
 * Sources: the WSD schedule of MiniCPM (S. Hu et al. 2024, arXiv:2404.06395, which decays in about
 * the last 10 % of training); the 1 − sqrt cooldown of A. Hägele et al., "Scaling Laws and
 * Compute-Optimal Training Beyond Fixed Training Durations" (NeurIPS 2024, arXiv:2405.18392), which
 * finds it better than linear and a 20 % cooldown on par with cosine. HF transformers
 * `get_wsd_schedule(…, decay_type='1-sqrt')` computes the same values from step counts.
 *
 * @param options - the options, each documented (default, range, unit) on {@link WarmupStableDecayPresetOptions}.
 * @returns A `warmupStableDecay` spec with `decayType: 'sqrt'`.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const lr = schedule(
 *   warmupStableDecayPreset({ peakValue: 1e-3, totalSteps: 1000, warmupFraction: 0.01, decayFraction: 0.2 }),
 * )
 * lr(0) // 0
 * lr(10) // 1e-3 (stable from step 10)
 * lr(800) // 1e-3 (decay starts, p = 0)
 * lr(850) // 5e-4 (p = 0.25)
 * lr(1000) // 0
 * ```
 */
export function warmupStableDecayPreset(options: WarmupStableDecayPresetOptions): WarmupStableDecaySpec {
  const record = WARMUP_STABLE_DECAY_PRESET_OPTIONS.read(options)
  const peakValue = nonNegativeNumber('peakValue', record.peakValue)
  const totalSteps = positiveInteger('totalSteps', record.totalSteps)
  const warmupFraction = numberInRange('warmupFraction', record.warmupFraction, {
    min: 0,
    max: 1,
    maxExclusive: true,
  })
  const decayFraction = numberInRange('decayFraction', record.decayFraction, {
    min: 0,
    max: 1,
    minExclusive: true,
  })
  if (warmupFraction + decayFraction > 1) {
    throw new InvalidArgumentError({
      argument: 'decayFraction',
      value: decayFraction,
      expected: `a number with decayFraction <= 1 - warmupFraction (${1 - warmupFraction})`,
    })
  }
  const warmupSteps = Math.round(totalSteps * warmupFraction)
  const decaySteps = Math.min(Math.round(totalSteps * decayFraction), totalSteps - warmupSteps)
  return {
    kind: 'warmupStableDecay',
    peakValue,
    warmupSteps,
    stableSteps: totalSteps - warmupSteps - decaySteps,
    decaySteps,
    initValue: 0,
    endValue: 0,
    warmupType: 'linear',
    decayType: 'sqrt',
  }
}
