import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, numberInRange, positiveInteger, positiveNumber } from '../internal/validate'
import { type DiscriminativeStrategy, groupNameList, resolveStrategyScales } from './discriminative-strategy'

/**
 * A one-cycle schedule spec as {@link fineTuneRecipe} emits it: the `oneCycle` kind of `ScheduleSpec`
 * (docs/architecture/core-api.md), with `totalSteps` present only when `stepsPerEpoch` was given (an
 * adapter that knows its epoch length fills it in: totalSteps = epochs × stepsPerEpoch).
 */
export interface FineTuneOneCycleSpec {
  /** Discriminator: always `'oneCycle'`. */
  readonly kind: 'oneCycle'
  /** Peak (head) learning rate. */
  readonly peakValue: number
  /** Steps of the phase, when `stepsPerEpoch` was given. */
  readonly totalSteps?: number
  /** Fraction of the phase spent warming up. */
  readonly pctStart: number
  /** Start value = peakValue / divFactor. */
  readonly divFactor: number
  /** End value = peakValue / (divFactor × finalDivFactor), PyTorch's definition. */
  readonly finalDivFactor: number
  /** Cosine annealing in both phases, as fastai `combined_cos`. */
  readonly annealStrategy: 'cos'
  /** Peak at ⌊pctStart × totalSteps⌋, as fastai's position `step / totalSteps`. */
  readonly convention: 'optax'
}

/** One phase of a {@link FineTuneRecipe}; phases run one after the other, each schedule from step 0. */
export interface FineTunePhase {
  /** `'frozen'` (head only) or `'unfrozen'` (every group). */
  readonly name: 'frozen' | 'unfrozen'
  /** First epoch of the phase (0-based, counted over the whole recipe). */
  readonly startEpoch: number
  /** Number of epochs. */
  readonly epochs: number
  /** First optimizer step of the phase, when `stepsPerEpoch` was given. */
  readonly startStep?: number
  /** Groups that train in this phase. */
  readonly trainable: readonly string[]
  /** Learning-rate scale per group name (lr_g = schedule(t) × scale_g). */
  readonly lrScales: Readonly<Record<string, number>>
  /** The phase's base (head) learning-rate schedule. */
  readonly schedule: FineTuneOneCycleSpec
}

/** The fastai `fine_tune` recipe as data: the groups and one or two phases. */
export interface FineTuneRecipe {
  /** Group names, input → head. */
  readonly groups: readonly string[]
  /** `[frozen, unfrozen]`, or `[unfrozen]` when `frozenEpochs` is 0. */
  readonly phases: readonly FineTunePhase[]
}

/** Options of {@link fineTuneRecipe}. */
export interface FineTuneRecipeOptions {
  /** Group names ordered from input to head (the last one is the head), at least one. */
  readonly groups: readonly string[]
  /** Epochs of the unfrozen phase, a positive integer (fastai `epochs`). */
  readonly epochs: number
  /** Epochs of the head-only phase, a non-negative integer (default 1, fastai `freeze_epochs`). */
  readonly frozenEpochs?: number
  /** Head learning rate of the frozen phase, > 0 (default 2e-3, fastai `base_lr`); halved afterwards. */
  readonly baseLearningRate?: number
  /** Spread of the unfrozen phase (default geometric, minScale 1/100 = fastai `lr_mult=100`). */
  readonly strategy?: DiscriminativeStrategy
  /** Warmup fraction of the unfrozen phase, in (0, 1) (default 0.3, fastai `pct_start`). */
  readonly pctStart?: number
  /** peak / start of the unfrozen phase, > 0 (default 5, fastai `div`). */
  readonly divFactor?: number
  /**
   * Optimizer steps per epoch, a positive integer; gives every schedule its `totalSteps`. Default
   * unset: the specs have no `totalSteps`.
   */
  readonly stepsPerEpoch?: number
}

/** fastai `fit_one_cycle` defaults that `fine_tune` does not override. */
const fastaiDivFinal = 1e5
const frozenPctStart = 0.99
const frozenDivFactor = 25

const OPTIONS = /* @__PURE__ */ optionTable<FineTuneRecipeOptions>()('fineTuneRecipe', [
  'groups',
  'epochs',
  'frozenEpochs',
  'baseLearningRate',
  'strategy',
  'pctStart',
  'divFactor',
  'stepsPerEpoch',
])

/**
 * fastai's `Learner.fine_tune` as data an adapter can run: train the head, then everything with
 * discriminative learning rates, each phase under a one-cycle schedule.
 *
 * fastai (`fastai/callback/schedule.py`, `fine_tune(epochs, base_lr=2e-3, freeze_epochs=1,
 * lr_mult=100, pct_start=0.3, div=5.0)`):
 *
 * ```text
 * phase 'frozen'   (frozenEpochs):  freeze(); fit_one_cycle(freeze_epochs, slice(base_lr), pct_start=0.99)
 *   trainable = [head]; scales: head 1, others 0.1 (fastai slice(hi)); oneCycle peak = base_lr,
 *   pctStart 0.99, divFactor 25, end = peak / 1e5
 * phase 'unfrozen' (epochs):        base_lr /= 2; unfreeze(); fit_one_cycle(epochs,
 *                                   slice(base_lr/lr_mult, base_lr), pct_start=0.3, div=5)
 *   trainable = all; scales = strategy (default geometric 1/100 … 1); oneCycle peak = base_lr / 2,
 *   pctStart, divFactor, end = peak / 1e5
 * ```
 *
 * With the defaults and 3 groups (a fastai ResNet split) the unfrozen phase peaks at 1e-5, 1e-4, 1e-3.
 * fastai's `div_final=1e5` is relative to the peak; lrkit's `finalDivFactor` is PyTorch's (relative to the
 * start value), so the specs carry finalDivFactor = 1e5 / divFactor (4000 frozen, 2e4 unfrozen).
 * Not reproduced: fastai's momentum cycle (0.95 → 0.85 → 0.95, drive β₁ yourself), its `train_bn` rule
 * (norm layers of frozen groups keep training — they would use the 0.1 scale), and `clear_state` on
 * freeze / unfreeze (lrkit keeps per-parameter optimizer state). Keras's transfer-learning guide does the
 * same two phases by hand (train the new head, then unfreeze with a ~100× smaller learning rate).
 *
 * @param options - the options, each documented (default, range, unit) on {@link FineTuneRecipeOptions}.
 * @returns the recipe
 * @throws InvalidArgumentError for any option outside its range
 * @example
 * ```ts
 * fineTuneRecipe({ groups: ['body0', 'body1', 'head'], epochs: 3, stepsPerEpoch: 100 })
 * // phases[0]: frozen, epochs 0–1, steps 0–99, trainable ['head'],
 * //   schedule { kind: 'oneCycle', peakValue: 2e-3, totalSteps: 100, pctStart: 0.99, divFactor: 25, finalDivFactor: 4000, … }
 * // phases[1]: unfrozen, startEpoch 1, startStep 100, trainable all, lrScales { body0: 0.01, body1: 0.1, head: 1 },
 * //   schedule { kind: 'oneCycle', peakValue: 1e-3, totalSteps: 300, pctStart: 0.3, divFactor: 5, finalDivFactor: 20000, … }
 * ```
 */
export function fineTuneRecipe(options: FineTuneRecipeOptions): FineTuneRecipe {
  const record = OPTIONS.read(options)
  const groups = groupNameList('groups', record.groups)
  if (groups.length === 0) {
    throw new InvalidArgumentError({
      argument: 'groups',
      value: record.groups,
      expected: 'a non-empty array of group names',
    })
  }
  const epochs = positiveInteger('epochs', record.epochs)
  const frozenEpochs =
    record.frozenEpochs === undefined ? 1 : nonNegativeInteger('frozenEpochs', record.frozenEpochs)
  const baseLearningRate =
    record.baseLearningRate === undefined ? 2e-3 : positiveNumber('baseLearningRate', record.baseLearningRate)
  const scales = resolveStrategyScales(
    'strategy',
    record.strategy ?? { kind: 'geometric', minScale: 0.01 },
    groups,
  )
  const pctStart =
    record.pctStart === undefined
      ? 0.3
      : numberInRange('pctStart', record.pctStart, { min: 0, max: 1, minExclusive: true, maxExclusive: true })
  const divFactor = record.divFactor === undefined ? 5 : positiveNumber('divFactor', record.divFactor)
  const stepsPerEpoch =
    record.stepsPerEpoch === undefined ? undefined : positiveInteger('stepsPerEpoch', record.stepsPerEpoch)

  const head = groups[groups.length - 1]!
  const phases: FineTunePhase[] = []
  const phase = (
    name: FineTunePhase['name'],
    startEpoch: number,
    phaseEpochs: number,
    trainable: readonly string[],
    groupScales: readonly number[],
    schedule: Omit<FineTuneOneCycleSpec, 'kind' | 'totalSteps' | 'annealStrategy' | 'convention'>,
  ): FineTunePhase => {
    const lrScales = Object.fromEntries(groups.map((group, index) => [group, groupScales[index]!]))
    const spec: FineTuneOneCycleSpec = {
      kind: 'oneCycle',
      ...schedule,
      ...(stepsPerEpoch === undefined ? {} : { totalSteps: phaseEpochs * stepsPerEpoch }),
      annealStrategy: 'cos',
      convention: 'optax',
    }
    return {
      name,
      startEpoch,
      epochs: phaseEpochs,
      ...(stepsPerEpoch === undefined ? {} : { startStep: startEpoch * stepsPerEpoch }),
      trainable,
      lrScales,
      schedule: spec,
    }
  }
  if (frozenEpochs > 0) {
    phases.push(
      phase(
        'frozen',
        0,
        frozenEpochs,
        [head],
        groups.map((_, index) => (index === groups.length - 1 ? 1 : 0.1)),
        {
          peakValue: baseLearningRate,
          pctStart: frozenPctStart,
          divFactor: frozenDivFactor,
          finalDivFactor: fastaiDivFinal / frozenDivFactor,
        },
      ),
    )
  }
  phases.push(
    phase('unfrozen', frozenEpochs, epochs, [...groups], scales, {
      peakValue: baseLearningRate / 2,
      pctStart,
      divFactor,
      finalDivFactor: fastaiDivFinal / divFactor,
    }),
  )
  return { groups, phases }
}
