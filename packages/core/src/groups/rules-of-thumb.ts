import { optionTable } from '../internal/option-table'
import { numberInRange, oneOf, positiveNumber } from '../internal/validate'

/** Optimizers {@link defaultLearningRate} knows. `'sgdMomentum'` is SGD with momentum ≈ 0.9. */
export type RuleOfThumbOptimizer = 'sgd' | 'sgdMomentum' | 'adam' | 'adamw' | 'rmsprop' | 'adagrad' | 'lion'

/** A starting learning rate with the span practice uses and where the numbers come from. */
export interface LearningRateRuleOfThumb {
  /** The suggested starting value. */
  readonly value: number
  /** The span published defaults and recipes cover, [low, high]. */
  readonly range?: readonly [number, number]
  /** Where the numbers come from (papers and framework defaults). */
  readonly source: string
}

const optimizers = ['sgd', 'sgdMomentum', 'adam', 'adamw', 'rmsprop', 'adagrad', 'lion'] as const

const rules: Readonly<Record<RuleOfThumbOptimizer, LearningRateRuleOfThumb>> = {
  sgd: {
    value: 0.01,
    range: [0.01, 0.1],
    source:
      'Bengio 2012, "Practical recommendations for gradient-based training of deep architectures" (0.01 a typical default for standard networks, to be tuned); Keras SGD and TF.js layers "sgd" default 0.01; PyTorch SGD defaults to 1e-3 (pytorch/pytorch#114467)',
  },
  sgdMomentum: {
    value: 0.01,
    range: [0.01, 0.1],
    source:
      'He et al. 2016 (ResNet: 0.1 with momentum 0.9, batch 256, batch norm); Goyal et al. 2017 (0.1 × batch/256, linear scaling with warmup); 0.01 is the safer start without normalization layers',
  },
  adam: {
    value: 1e-3,
    range: [1e-4, 1e-3],
    source:
      'Kingma & Ba 2015, "Adam" (α = 0.001 as the default setting); PyTorch, Keras and TF.js Adam default 1e-3',
  },
  adamw: {
    value: 1e-3,
    range: [1e-4, 1e-3],
    source:
      'Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization"; PyTorch AdamW default lr 1e-3 (weight decay 1e-2)',
  },
  rmsprop: {
    value: 1e-3,
    range: [1e-3, 1e-2],
    source:
      'Keras and TF.js RMSprop default 1e-3 (rho 0.9); PyTorch RMSprop default 1e-2 (alpha 0.99); Tieleman & Hinton 2012 (lecture 6.5)',
  },
  adagrad: {
    value: 1e-2,
    range: [1e-3, 1e-2],
    source:
      'Duchi et al. 2011, "Adaptive Subgradient Methods"; PyTorch Adagrad and TF.js layers "adagrad" default 1e-2; Keras Adagrad default 1e-3',
  },
  lion: {
    value: 1e-4,
    range: [1e-4, 3.333333333333333e-4], // 1e-3 / 3, written out so bundlers can drop it
    source:
      'Chen et al. 2023, "Symbolic Discovery of Optimization Algorithms" (Lion): a learning rate 3–10× smaller than AdamW\'s (and weight decay 3–10× larger), i.e. 1e-4 … 3.3e-4 against AdamW 1e-3; Keras Lion defaults to 1e-3',
  },
}

/**
 * A starting learning rate for training from scratch with a given optimizer, with its source.
 *
 * These are starting points, not tuned values: prefer a learning-rate range test on your model. Values
 * are in the units of each framework's update rule (lrkit's optimizers follow PyTorch's).
 *
 * | optimizer     | value | range         | source |
 * | ------------- | ----- | ------------- | ------ |
 * | `sgd`         | 1e-2  | 1e-2 … 1e-1   | Bengio 2012; Keras 0.01; PyTorch default 1e-3 |
 * | `sgdMomentum` | 1e-2  | 1e-2 … 1e-1   | He et al. 2016, Goyal et al. 2017 (0.1 per 256 samples with BN) |
 * | `adam`        | 1e-3  | 1e-4 … 1e-3   | Kingma & Ba 2015 (α = 0.001) |
 * | `adamw`       | 1e-3  | 1e-4 … 1e-3   | Loshchilov & Hutter 2019; PyTorch default |
 * | `rmsprop`     | 1e-3  | 1e-3 … 1e-2   | Keras / TF.js 1e-3, PyTorch 1e-2 |
 * | `adagrad`     | 1e-2  | 1e-3 … 1e-2   | PyTorch 1e-2, Keras 1e-3 |
 * | `lion`        | 1e-4  | 1e-4 … 3.3e-4 | Chen et al. 2023: 3–10× smaller than AdamW |
 *
 * @param optimizer - one of `'sgd'`, `'sgdMomentum'`, `'adam'`, `'adamw'`, `'rmsprop'`, `'adagrad'`, `'lion'`
 * @returns `{ value, range, source }` (a fresh object)
 * @throws InvalidArgumentError for an unknown optimizer
 * @example
 * ```ts
 * defaultLearningRate('adam') // { value: 0.001, range: [0.0001, 0.001], source: 'Kingma & Ba 2015, …' }
 * defaultLearningRate('lion') // { value: 0.0001, range: [0.0001, 0.000333…], source: 'Chen et al. 2023, …' }
 * ```
 */
export function defaultLearningRate(optimizer: RuleOfThumbOptimizer): LearningRateRuleOfThumb {
  const rule = rules[oneOf('optimizer', optimizer, optimizers)]
  return rule.range === undefined ? { ...rule } : { ...rule, range: [rule.range[0], rule.range[1]] }
}

/** Options of {@link fineTuneLearningRate}. */
export interface FineTuneLearningRateOptions {
  /** The learning rate that works (or would work) when training the same model from scratch, > 0. */
  readonly fromScratch: number
  /** How many times smaller to fine-tune, ≥ 1 (default 10). */
  readonly reduction?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<FineTuneLearningRateOptions>()('fineTuneLearningRate', [
  'fromScratch',
  'reduction',
])

/**
 * A fine-tuning learning rate from a from-scratch one: 10–100× smaller, 10× by default.
 *
 * ```text
 * value = fromScratch / reduction          range = [fromScratch / 100, fromScratch / 10]
 * ```
 *
 * Sources: BERT (Devlin et al. 2019) pre-trains at 1e-4 and fine-tunes at 5e-5, 3e-5 or 2e-5 (2–5×
 * smaller, with warmup); the Keras transfer-learning guide fine-tunes the unfrozen model with
 * Adam(1e-5) after training the new head at the default 1e-3 (100×); fastai `fine_tune` gives the lowest
 * group base_lr/2/100 (ULMFiT's discriminative rates divide by 2.6 per layer below the head). Use
 * discriminative rates ({@link fineTuneRecipe}, {@link createParamGroups}) rather than one reduced rate
 * where you can.
 *
 * @param options - the options, each documented (default, range, unit) on {@link FineTuneLearningRateOptions}.
 * @returns `{ value, range, source }`
 * @throws InvalidArgumentError for `fromScratch` ≤ 0 or `reduction` < 1
 * @example
 * ```ts
 * fineTuneLearningRate({ fromScratch: 1e-3 })                  // { value: 1e-4, range: [1e-5, 1e-4], … }
 * fineTuneLearningRate({ fromScratch: 1e-3, reduction: 100 })  // { value: 1e-5, … }
 * ```
 */
export function fineTuneLearningRate(options: FineTuneLearningRateOptions): LearningRateRuleOfThumb {
  const record = OPTIONS.read(options)
  const fromScratch = positiveNumber('fromScratch', record.fromScratch)
  const reduction =
    record.reduction === undefined ? 10 : numberInRange('reduction', record.reduction, { min: 1 })
  return {
    value: fromScratch / reduction,
    range: [fromScratch / 100, fromScratch / 10],
    source:
      'Rule of thumb: fine-tune 10–100× below the from-scratch rate. BERT (Devlin et al. 2019): pre-training 1e-4, fine-tuning 2e-5 … 5e-5; Keras transfer-learning guide: Adam(1e-5) for the unfrozen model after 1e-3 for the head; fastai fine_tune: lowest group at base_lr / 2 / 100; ULMFiT (Howard & Ruder 2018): ÷2.6 per layer below the head',
  }
}
