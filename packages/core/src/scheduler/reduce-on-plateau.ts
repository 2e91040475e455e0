import { formatValue, InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import { optionTable } from '../internal/option-table'
import {
  finiteNumber,
  nonNegativeInteger,
  nonNegativeNumber,
  numberInRange,
  oneOf,
} from '../internal/validate'

/**
 * The library whose plateau semantics a {@link reduceOnPlateau} controller follows by default.
 *
 * | convention | `trigger`         | `cooldownMode` | `thresholdMode` | `eps`  |
 * | ---------- | ----------------- | -------------- | --------------- | ------ |
 * | `pytorch`  | `'afterPatience'` | `'pytorch'`    | `'rel'`         | `1e-8` |
 * | `keras`    | `'atPatience'`    | `'keras'`      | `'abs'`         | `0`    |
 * | `optax`    | `'atPatience'`    | `'pytorch'`    | `'rel'`         | `0`    |
 *
 * HF transformers (`reduce_lr_on_plateau`) and timm (`PlateauLRScheduler`) wrap PyTorch's
 * `ReduceLROnPlateau`, so they are `'pytorch'`.
 */
export type PlateauConvention = 'pytorch' | 'keras' | 'optax'

/**
 * Options of {@link reduceOnPlateau}. Every option is optional; the defaults are PyTorch's
 * `ReduceLROnPlateau` defaults. The counters (`patience`, `cooldown`) count metric reports, i.e.
 * calls of `update` (PyTorch's "epochs"), not optimizer steps.
 */
export interface ReduceOnPlateauOptions {
  /**
   * Anchor library whose semantics set the defaults of `trigger`, `cooldownMode`, `thresholdMode`
   * and `eps` (see {@link PlateauConvention}); any of those given explicitly overrides it.
   * Default `'pytorch'`.
   */
  readonly convention?: PlateauConvention
  /**
   * `'min'`: reduce when the metric stops decreasing (a loss); `'max'`: when it stops increasing
   * (an accuracy). Default `'min'`. optax is min-only; Keras' `'auto'` is not offered (say which).
   */
  readonly mode?: 'min' | 'max'
  /** Multiplier applied to the factor at each reduction, `0 < factor < 1`. Default `0.1`. */
  readonly factor?: number
  /**
   * Number of non-improving reports tolerated (non-negative integer, in reports). With `trigger`
   * `'afterPatience'` the reduction happens at the `patience + 1`-th consecutive bad report, with
   * `'atPatience'` at the `patience`-th. Default `10`.
   */
  readonly patience?: number
  /** Minimal improvement that counts, `>= 0` (relative or absolute, see `thresholdMode`). Default `1e-4`. */
  readonly threshold?: number
  /**
   * How `threshold` is applied. `'rel'`: better ⇔ `metric < best·(1 − threshold)` (min) or
   * `metric > best·(1 + threshold)` (max). `'abs'`: better ⇔ `metric < best − threshold` (min) or
   * `metric > best + threshold` (max); Keras' `min_delta` is `'abs'`. As in PyTorch, `'rel'`
   * assumes positive metrics (for a negative best, `best·(1 − threshold)` lies above it); use
   * `'abs'` for metrics that can be negative. Default from `convention` (`'rel'` for PyTorch and
   * optax, `'abs'` for Keras).
   */
  readonly thresholdMode?: 'rel' | 'abs'
  /**
   * Number of reports after a reduction during which bad reports are not counted (non-negative
   * integer, in reports). Default `0`.
   */
  readonly cooldown?: number
  /**
   * When the cooldown counter is decremented. `'pytorch'` (also optax, HF, timm): after the
   * metric is compared; a report inside the cooldown never counts as bad and never reduces.
   * `'keras'`: before the comparison, so the last cooldown report already counts as bad
   * (`cooldown: 1` protects nothing). Default from `convention`.
   */
  readonly cooldownMode?: 'pytorch' | 'keras'
  /**
   * When a reduction fires. `'afterPatience'` (PyTorch, HF, timm): when the number of
   * consecutive bad reports exceeds `patience` (`bad > patience`). `'atPatience'` (Keras, optax):
   * when it reaches `patience` (`bad >= patience`). Default from `convention`.
   */
  readonly trigger?: 'afterPatience' | 'atPatience'
  /**
   * Floor on the factor, `0 <= minFactor <= 1` (optax `min_scale`). Default `0`.
   */
  readonly minFactor?: number
  /**
   * Floor on the **learning rate**, in learning-rate units, `>= 0` (PyTorch `min_lr`, Keras
   * `min_lr`). The factor itself does not know the learning rate; {@link PlateauController.apply}
   * (which `createScheduler` uses) applies it: `min(value, max(value × factor, minValue))`, so a
   * plateau never takes the scheduled value below `minValue` and never raises a value that the
   * schedule itself put below it (warmup). It acts on the base (head) learning rate, before
   * group scales, so discriminative ratios survive (PyTorch's per-group `min_lr` collapses them).
   * Default `0`.
   */
  readonly minValue?: number
  /**
   * A reduction that lowers the factor by `eps` or less is ignored, `>= 0` (PyTorch `eps`).
   * PyTorch compares learning rates, lrkit compares factors: PyTorch's `eps` with base learning
   * rate `b` is `eps / b` here. Default from `convention` (`1e-8` for PyTorch, `0` otherwise).
   */
  readonly eps?: number
}

/** The options of a {@link PlateauController}, with every default filled in. */
export interface ResolvedReduceOnPlateauOptions {
  /** See {@link ReduceOnPlateauOptions.convention}. */
  readonly convention: PlateauConvention
  /** See {@link ReduceOnPlateauOptions.mode}. */
  readonly mode: 'min' | 'max'
  /** See {@link ReduceOnPlateauOptions.factor}. */
  readonly factor: number
  /** See {@link ReduceOnPlateauOptions.patience}. */
  readonly patience: number
  /** See {@link ReduceOnPlateauOptions.threshold}. */
  readonly threshold: number
  /** See {@link ReduceOnPlateauOptions.thresholdMode}. */
  readonly thresholdMode: 'rel' | 'abs'
  /** See {@link ReduceOnPlateauOptions.cooldown}. */
  readonly cooldown: number
  /** See {@link ReduceOnPlateauOptions.cooldownMode}. */
  readonly cooldownMode: 'pytorch' | 'keras'
  /** See {@link ReduceOnPlateauOptions.trigger}. */
  readonly trigger: 'afterPatience' | 'atPatience'
  /** See {@link ReduceOnPlateauOptions.minFactor}. */
  readonly minFactor: number
  /** See {@link ReduceOnPlateauOptions.minValue}. */
  readonly minValue: number
  /** See {@link ReduceOnPlateauOptions.eps}. */
  readonly eps: number
}

/**
 * The state of a {@link PlateauController}: plain JSON, safe to `JSON.stringify` and restore.
 * Never mutated: `update` returns a new object.
 */
export interface PlateauState {
  /** Format version of this state; always `1`. */
  readonly version: 1
  /** The current global multiplier, in `[minFactor, 1]`; starts at 1. */
  readonly factor: number
  /** Best metric seen so far; `null` before the first report (PyTorch's ±inf, Keras' `None`). */
  readonly best: number | null
  /** Consecutive non-improving reports counted towards `patience` (PyTorch `num_bad_epochs`). */
  readonly badCount: number
  /** Reports left in the cooldown after the last reduction (PyTorch `cooldown_counter`). */
  readonly cooldownLeft: number
  /** Number of metric reports so far (PyTorch `last_epoch`); saturates at `Number.MAX_SAFE_INTEGER`. */
  readonly updateCount: number
}

/**
 * A reduce-on-plateau controller: a pure, stateful multiplier in the optax `StatefulSchedule`
 * style. All state is explicit ({@link PlateauState}); nothing is mutated.
 */
export interface PlateauController {
  /** The options with every default filled in. */
  readonly options: ResolvedReduceOnPlateauOptions
  /** The state before any report: factor 1, no best metric, counters 0. */
  init(): PlateauState
  /**
   * Feeds one metric report and returns the new state; the argument is not modified.
   * Throws `InvalidArgumentError` for a NaN or infinite metric and `InvalidStateError` for a state
   * that is not valid for this controller.
   */
  update(state: PlateauState, metric: number): PlateauState
  /** The global multiplier of `state` (1 until the first reduction). */
  factor(state: PlateauState): number
  /**
   * Applies the plateau to a scheduled value: `min(value, max(value × factor, minValue))`; with
   * the default `minValue: 0` this is `value × factor`.
   */
  apply(state: PlateauState, value: number): number
  /**
   * Validates plain data (e.g. from `JSON.parse`) as a state of this controller and returns it as
   * a fresh {@link PlateauState}; throws `InvalidStateError` naming the offending field under
   * `path` (default `'state'`).
   */
  parseState(value: unknown, path?: string): PlateauState
}

const OPTIONS = /* @__PURE__ */ optionTable<ReduceOnPlateauOptions>()('reduceOnPlateau', [
  'convention',
  'mode',
  'factor',
  'patience',
  'threshold',
  'thresholdMode',
  'cooldown',
  'cooldownMode',
  'trigger',
  'minFactor',
  'minValue',
  'eps',
])

const conventionDefaults: Record<
  PlateauConvention,
  Pick<ResolvedReduceOnPlateauOptions, 'trigger' | 'cooldownMode' | 'thresholdMode' | 'eps'>
> = {
  pytorch: { trigger: 'afterPatience', cooldownMode: 'pytorch', thresholdMode: 'rel', eps: 1e-8 },
  keras: { trigger: 'atPatience', cooldownMode: 'keras', thresholdMode: 'abs', eps: 0 },
  optax: { trigger: 'atPatience', cooldownMode: 'pytorch', thresholdMode: 'rel', eps: 0 },
}

const stateKeys = ['version', 'factor', 'best', 'badCount', 'cooldownLeft', 'updateCount'] as const

/**
 * Reduce on plateau: a global learning-rate multiplier that drops by `factor` when a monitored
 * metric stops improving.
 *
 * Per report `a` (PyTorch order, the default):
 *
 * ```text
 * better  = best is null or (min/rel: a < best·(1 − threshold); min/abs: a < best − threshold;
 *                            max/rel: a > best·(1 + threshold); max/abs: a > best + threshold)
 * best    = better ? a : best;      bad = better ? 0 : bad + 1
 * if cooldownLeft > 0:  cooldownLeft −= 1; bad = 0           (no reduction inside the cooldown)
 * else if not better and bad > patience   ('atPatience': bad ≥ patience):
 *     next = max(factor·f, minFactor); if factor − next > eps: factor = next
 *     cooldownLeft = cooldown; bad = 0
 * ```
 *
 * With `cooldownMode: 'keras'` the cooldown counter is decremented (and `bad` reset) **before**
 * the comparison, and a bad report is counted whenever the counter is then 0. The learning rate
 * is `apply(state, schedule(t)) = min(s, max(s × factor, minValue))`, applied to the base rate
 * before group scales (`createScheduler` does this).
 *
 * @param options - see {@link ReduceOnPlateauOptions}: `convention` (`'pytorch'`), `mode`
 *   (`'min'`), `factor` (0.1, 0 < f < 1), `patience` (10 reports, integer ≥ 0), `threshold` (1e-4,
 *   ≥ 0), `thresholdMode` (`'rel'`; `'abs'` for Keras), `cooldown` (0 reports, integer ≥ 0),
 *   `cooldownMode` (`'pytorch'`), `trigger` (`'afterPatience'`), `minFactor` (0, in [0, 1]),
 *   `minValue` (0, learning-rate units, ≥ 0), `eps` (1e-8; 0 for Keras/optax, ≥ 0).
 * @returns a pure {@link PlateauController}; every option is validated now, never at report time.
 * @throws InvalidArgumentError for an invalid or unknown option.
 *
 * @example
 * ```ts
 * const plateau = reduceOnPlateau({ factor: 0.5, patience: 2, cooldown: 1 })
 * let state = plateau.init()
 * for (const loss of [1.0, 0.9, 0.95, 0.95, 0.95]) state = plateau.update(state, loss)
 * plateau.factor(state) // 0.5 — the third bad report (> patience 2) reduced it
 * // with convention: 'keras' or 'optax' the reduction happens one report earlier (bad ≥ 2)
 * ```
 *
 * Equivalents: PyTorch `ReduceLROnPlateau(mode, factor, patience, threshold, threshold_mode,
 * cooldown, min_lr, eps)` (the default convention; `min_lr` → `minValue`, a single floor on the
 * base rate rather than one per group); HF `reduce_lr_on_plateau` and timm `PlateauLRScheduler`
 * (= PyTorch); Keras `ReduceLROnPlateau(factor, patience, min_delta, cooldown, min_lr)` →
 * `convention: 'keras', threshold: min_delta`; optax `contrib.reduce_on_plateau(factor, patience,
 * rtol, cooldown, min_scale)` → `convention: 'optax', threshold: rtol, minFactor: min_scale`
 * (optax's `atol` and `accumulation_size` are not offered; optax with `patience: 0` reduces on
 * improving reports, lrkit on every non-improving one under both triggers). Differences from all
 * three: a NaN or infinite metric throws instead of counting as a bad report; PyTorch's `eps`
 * compares learning rates, lrkit's compares factors.
 */
export function reduceOnPlateau(options: ReduceOnPlateauOptions = {}): PlateauController {
  const raw = OPTIONS.read(options)
  const convention =
    raw.convention === undefined
      ? 'pytorch'
      : oneOf('convention', raw.convention, ['pytorch', 'keras', 'optax'])
  const defaults = conventionDefaults[convention]
  const resolved: ResolvedReduceOnPlateauOptions = Object.freeze({
    convention,
    mode: raw.mode === undefined ? 'min' : oneOf('mode', raw.mode, ['min', 'max']),
    factor:
      raw.factor === undefined
        ? 0.1
        : numberInRange('factor', raw.factor, { min: 0, max: 1, minExclusive: true, maxExclusive: true }),
    patience: raw.patience === undefined ? 10 : nonNegativeInteger('patience', raw.patience),
    threshold: raw.threshold === undefined ? 1e-4 : nonNegativeNumber('threshold', raw.threshold),
    thresholdMode:
      raw.thresholdMode === undefined
        ? defaults.thresholdMode
        : oneOf('thresholdMode', raw.thresholdMode, ['rel', 'abs']),
    cooldown: raw.cooldown === undefined ? 0 : nonNegativeInteger('cooldown', raw.cooldown),
    cooldownMode:
      raw.cooldownMode === undefined
        ? defaults.cooldownMode
        : oneOf('cooldownMode', raw.cooldownMode, ['pytorch', 'keras']),
    trigger:
      raw.trigger === undefined
        ? defaults.trigger
        : oneOf('trigger', raw.trigger, ['afterPatience', 'atPatience']),
    minFactor:
      raw.minFactor === undefined ? 0 : numberInRange('minFactor', raw.minFactor, { min: 0, max: 1 }),
    minValue: raw.minValue === undefined ? 0 : nonNegativeNumber('minValue', raw.minValue),
    eps: raw.eps === undefined ? defaults.eps : nonNegativeNumber('eps', raw.eps),
  })
  const {
    mode,
    factor: reduction,
    patience,
    threshold,
    thresholdMode,
    cooldown,
    cooldownMode,
    trigger,
    minFactor,
    minValue,
    eps,
  } = resolved

  const isBetter = (metric: number, best: number | null): boolean => {
    if (best === null) return true
    if (mode === 'min') {
      return thresholdMode === 'rel' ? metric < best * (1 - threshold) : metric < best - threshold
    }
    return thresholdMode === 'rel' ? metric > best * (1 + threshold) : metric > best + threshold
  }
  const triggered = (badCount: number): boolean =>
    trigger === 'afterPatience' ? badCount > patience : badCount >= patience

  const parseState = (value: unknown, path = 'state'): PlateauState => {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new InvalidStateError({
        message: `${path} must be a plateau state object ({ version: 1, factor, best, badCount, cooldownLeft, updateCount }), got ${formatValue(value)}`,
      })
    }
    const record = value as Record<string, unknown>
    for (const key of Object.keys(record)) {
      if (!(stateKeys as readonly string[]).includes(key)) {
        throw new InvalidStateError({
          message: `${path}.${key} is not a field of a plateau state; allowed: ${stateKeys.join(', ')}`,
        })
      }
    }
    const fail = (field: string, expected: string): never => {
      throw new InvalidStateError({
        message: `${path}.${field} must be ${expected}, got ${formatValue(record[field])}`,
      })
    }
    if (record.version !== 1) fail('version', '1')
    const factor = record.factor
    if (typeof factor !== 'number' || !(factor >= minFactor && factor <= 1)) {
      fail('factor', `a number with ${minFactor} <= factor <= 1 (minFactor <= factor <= 1)`)
    }
    const best = record.best
    if (best !== null && (typeof best !== 'number' || !Number.isFinite(best))) {
      fail('best', 'a finite number or null')
    }
    const badCount = record.badCount
    if (
      typeof badCount !== 'number' ||
      !Number.isSafeInteger(badCount) ||
      badCount < 0 ||
      badCount > patience
    ) {
      fail('badCount', `an integer with 0 <= badCount <= patience (${patience})`)
    }
    const cooldownLeft = record.cooldownLeft
    if (
      typeof cooldownLeft !== 'number' ||
      !Number.isSafeInteger(cooldownLeft) ||
      cooldownLeft < 0 ||
      cooldownLeft > cooldown
    ) {
      fail('cooldownLeft', `an integer with 0 <= cooldownLeft <= cooldown (${cooldown})`)
    }
    const updateCount = record.updateCount
    if (typeof updateCount !== 'number' || !Number.isSafeInteger(updateCount) || updateCount < 0) {
      fail('updateCount', 'a non-negative integer')
    }
    return {
      version: 1,
      factor: factor as number,
      best: best as number | null,
      badCount: badCount as number,
      cooldownLeft: cooldownLeft as number,
      updateCount: updateCount as number,
    }
  }

  const update = (state: PlateauState, metric: number): PlateauState => {
    if (typeof metric !== 'number' || !Number.isFinite(metric)) {
      throw new InvalidArgumentError({
        argument: 'metric',
        value: metric,
        message: `metric must be a finite number, got ${formatValue(metric)}; a NaN or infinite metric means training diverged, which a plateau controller must not treat as a plateau`,
      })
    }
    const current = parseState(state)
    const better = isBetter(metric, current.best)
    const best = better ? metric : current.best
    let { factor, badCount, cooldownLeft } = current
    let check: boolean
    if (cooldownMode === 'keras') {
      if (cooldownLeft > 0) {
        cooldownLeft -= 1
        badCount = 0
      }
      if (better) {
        badCount = 0
        check = false
      } else if (cooldownLeft === 0) {
        badCount += 1
        check = true
      } else {
        check = false
      }
    } else {
      badCount = better ? 0 : badCount + 1
      if (cooldownLeft > 0) {
        cooldownLeft -= 1
        badCount = 0
        check = false
      } else {
        check = !better
      }
    }
    if (check && triggered(badCount)) {
      const next = Math.max(factor * reduction, minFactor)
      if (factor - next > eps) factor = next
      cooldownLeft = cooldown
      badCount = 0
    }
    return {
      version: 1,
      factor,
      best,
      badCount,
      cooldownLeft,
      updateCount: Math.min(current.updateCount + 1, Number.MAX_SAFE_INTEGER),
    }
  }

  const factorOf = (state: PlateauState): number => parseState(state).factor

  const apply = (state: PlateauState, value: number): number => {
    finiteNumber('value', value)
    return Math.min(value, Math.max(value * factorOf(state), minValue))
  }

  return Object.freeze({
    options: resolved,
    init: (): PlateauState => ({
      version: 1,
      factor: 1,
      best: null,
      badCount: 0,
      cooldownLeft: 0,
      updateCount: 0,
    }),
    update,
    factor: factorOf,
    apply,
    parseState,
  })
}
