import {
  createParamGroups,
  type DiscriminativeStrategy,
  type FineTuneRecipe,
  fineTuneRecipe,
  InvalidArgumentError,
  oneCycleSchedule,
  type ParamGroup,
} from '@lrkit/core'
import type { Tensor } from '@tensorflow/tfjs-core'
import type { CustomCallback, History, LayersModel, ModelFitArgs } from '@tensorflow/tfjs-layers'
import { composeCallbacks, type FitCallback } from '../callbacks/compose-callbacks'
import { scheduleCallback } from '../callbacks/schedule-callback'
import { applyFineTunePhaseTo } from '../groups/apply-fine-tune-phase-to'
import { layerGroupSelectors, modelParameters } from '../groups/model-parameters'
import { batchNormInference } from '../internal/batch-norm-inference'
import { LrkitAdamW } from '../optimizers/lrkit-adamw'
import type { LrkitOptimizer } from '../optimizers/lrkit-optimizer'
import type { BatchDataset, ModelTensors, TensorData } from '../trainable/create-layers-model-trainable'

/** Options of {@link fineTune}. */
export interface FineTuneOptions {
  /** A LayersModel with pretrained layers and a new head (the last layer with weights). Compiled by `fineTune`. */
  readonly model: LayersModel
  /** Training data: `{ xs, ys }` tensors (`model.fit`) or a dataset of `{ xs, ys }` batches (`model.fitDataset`). */
  readonly data: TensorData | BatchDataset
  /** The loss passed to `model.compile` (e.g. `'categoricalCrossentropy'`). Required. */
  readonly loss: string | ((yTrue: Tensor, yPred: Tensor) => Tensor)
  /** Metrics passed to `model.compile`; default none. */
  readonly metrics?: string[]
  /** Epochs of the unfrozen phase, integer ≥ 1 (fastai `epochs`). */
  readonly epochs: number
  /** Epochs of the head-only phase, integer ≥ 0; default 1 (fastai `freeze_epochs`). */
  readonly frozenEpochs?: number
  /** Head rate of the frozen phase, > 0; default 2e-3, halved for the unfrozen phase (fastai `base_lr`). */
  readonly baseLearningRate?: number
  /**
   * Depth groups, input → head, as names for {@link layerGroupSelectors} (the last is the head,
   * the model's last layer with weights); default `['body', 'head']`.
   */
  readonly groups?: readonly string[]
  /** Layer index where each group after the first starts ({@link layerGroupSelectors}); default even split. */
  readonly boundaries?: readonly number[]
  /** Rate spread of the unfrozen phase (core's); default geometric with minScale 1/100 (fastai `lr_mult=100`). */
  readonly strategy?: DiscriminativeStrategy
  /** Warmup fraction of the unfrozen phase's one-cycle, in (0, 1); default 0.3. */
  readonly pctStart?: number
  /** Peak / start of the unfrozen phase's one-cycle, > 0; default 5. */
  readonly divFactor?: number
  /** Decoupled weight decay of the default optimizer (biases and 1-D parameters excluded), ≥ 0; default 0.01. */
  readonly weightDecay?: number
  /**
   * Builds the optimizer from the parameter groups (`createParamGroups` output over the model's
   * variables, with `.noDecay` halves); default `new LrkitAdamW({ groups, weightDecay })`.
   */
  readonly optimizer?: (groups: readonly ParamGroup[]) => LrkitOptimizer
  /** Rows per batch for tensor data, integer ≥ 1; default 32. */
  readonly batchSize?: number
  /** Batches per epoch of a dataset; default its `size`. Required for a dataset without `size`. */
  readonly stepsPerEpoch?: number
  /**
   * BatchNorm layers of frozen groups: `'inference'` (default) runs them in inference mode while
   * their group is frozen (moving statistics used and left unchanged, as Keras does for
   * `trainable = false`); `'train'` keeps tfjs's behaviour (batch statistics, moving averages
   * updated even while frozen).
   */
  readonly frozenBatchNorm?: 'inference' | 'train'
  /**
   * More `model.fit` / `fitDataset` arguments for both phases (`validationData`, `verbose`,
   * `shuffle`, your `callbacks`, …); `epochs`, `initialEpoch` and `batchSize` are set by
   * `fineTune`.
   */
  readonly fitArgs?: Omit<ModelFitArgs, 'epochs' | 'initialEpoch' | 'batchSize' | 'callbacks'> & {
    /** Your callbacks (class-based or plain objects), run after lrkit's in both phases. */
    readonly callbacks?: readonly FitCallback[]
  }
}

/** The result of {@link fineTune}. */
export interface FineTuneResult {
  /** The optimizer the model was compiled with (its groups now in the last phase's state). */
  readonly optimizer: LrkitOptimizer
  /** The core recipe that ran (groups, phases, schedules with `totalSteps`). */
  readonly recipe: FineTuneRecipe
  /** One `History` per phase (`history.history.lr` holds the head rate at each epoch end). */
  readonly histories: readonly History[]
}

interface LayerLike {
  name: string
  trainable: boolean
  readonly _trainableWeights?: ReadonlyArray<{ readonly name: string }>
}

function isDataset(data: unknown): data is BatchDataset {
  return data !== null && typeof data === 'object' && typeof (data as BatchDataset).iterator === 'function'
}

function rowsOf(value: ModelTensors): number {
  const first = Array.isArray(value)
    ? value[0]
    : 'shape' in value
      ? (value as Tensor)
      : Object.values(value as Record<string, Tensor>)[0]
  return (first as Tensor | undefined)?.shape[0] ?? 0
}

/**
 * fastai's `fine_tune` for a TensorFlow.js LayersModel in one call: core's `fineTuneRecipe` run
 * with `model.fit` (or `fitDataset`). Groups come from the model's layers
 * ({@link layerGroupSelectors}: the last layer with weights is the head); the model is compiled
 * once with every layer trainable and an lrkit optimizer over those groups (AdamW by default,
 * no weight decay on biases and 1-D parameters). Then:
 *
 * 1. **frozen** (`frozenEpochs`, default 1): only the head trains, one-cycle to
 *    `baseLearningRate` (pctStart 0.99, div 25); the body's layers get `trainable = false` (no
 *    gradients computed) and, by default, its BatchNorm layers run in inference mode.
 * 2. **unfrozen** (`epochs`): every group trains with discriminative rates (default geometric
 *    from 1/100 of the head rate), one-cycle to `baseLearningRate / 2` (pctStart 0.3, div 5).
 *
 * The schedules are per batch (`scheduleCallback`); optimizer state is kept per variable by name,
 * so the head's moments carry over and the body starts with its own bias-corrected first step.
 * Afterwards every layer is trainable (the unfrozen state) and BatchNorm layers are back to tfjs's
 * own behaviour; on error the layers' `trainable` flags are put back as they were.
 *
 * @param options - see {@link FineTuneOptions}
 * @returns the optimizer, the recipe and one `History` per phase
 * @throws InvalidArgumentError for invalid options (core's recipe checks included), or a dataset
 *   without `size` and without `stepsPerEpoch`
 * @example
 * ```ts
 * const base = await tf.loadLayersModel('file://pretrained/model.json')
 * const model = tf.sequential({ layers: [...base.layers.slice(0, -1), tf.layers.dense({ units: 5, activation: 'softmax', name: 'head' })] })
 * const { histories } = await fineTune({ model, data: { xs, ys }, loss: 'categoricalCrossentropy', epochs: 3, batchSize: 64 })
 * ```
 */
export async function fineTune(options: FineTuneOptions): Promise<FineTuneResult> {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
  }
  const { model, data } = options
  const batchSize = options.batchSize ?? 32
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError({ argument: 'batchSize', value: batchSize, expected: 'an integer >= 1' })
  }
  const frozenBatchNorm = options.frozenBatchNorm ?? 'inference'
  if (frozenBatchNorm !== 'inference' && frozenBatchNorm !== 'train') {
    throw new InvalidArgumentError({
      argument: 'frozenBatchNorm',
      value: frozenBatchNorm,
      expected: '"inference" or "train"',
    })
  }
  let stepsPerEpoch: number
  if (isDataset(data)) {
    const size = options.stepsPerEpoch ?? (data as { size?: number | null }).size
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 1) {
      throw new InvalidArgumentError({
        argument: 'stepsPerEpoch',
        value: options.stepsPerEpoch,
        message:
          'stepsPerEpoch must be an integer >= 1 for a dataset without a finite size (the schedules need the number of batches per epoch)',
      })
    }
    stepsPerEpoch = size
  } else if (data !== null && typeof data === 'object' && 'xs' in data && 'ys' in data) {
    stepsPerEpoch = Math.ceil(rowsOf(data.xs) / batchSize)
  } else {
    throw new InvalidArgumentError({
      argument: 'data',
      value: Array.isArray(data) ? 'an array' : data,
      expected: '{ xs, ys } tensors or a tf.data.Dataset of { xs, ys } batches',
    })
  }

  const names = options.groups ?? ['body', 'head']
  const selectors = layerGroupSelectors(model, {
    names,
    ...(options.boundaries === undefined ? {} : { boundaries: options.boundaries }),
  })
  const recipe = fineTuneRecipe({
    groups: names,
    epochs: options.epochs,
    stepsPerEpoch,
    ...(options.frozenEpochs === undefined ? {} : { frozenEpochs: options.frozenEpochs }),
    ...(options.baseLearningRate === undefined ? {} : { baseLearningRate: options.baseLearningRate }),
    ...(options.strategy === undefined ? {} : { strategy: options.strategy }),
    ...(options.pctStart === undefined ? {} : { pctStart: options.pctStart }),
    ...(options.divFactor === undefined ? {} : { divFactor: options.divFactor }),
  })
  const groups = createParamGroups({
    parameters: modelParameters(model),
    groups: selectors,
    weightDecay: options.weightDecay ?? 0.01,
  })
  const optimizer =
    options.optimizer === undefined
      ? new LrkitAdamW({ groups, weightDecay: options.weightDecay ?? 0.01 })
      : options.optimizer(groups)

  const layers = (model.layers as unknown as LayerLike[]).filter(
    (layer) => (layer._trainableWeights ?? []).length > 0,
  )
  const savedTrainable = new Map(layers.map((layer) => [layer, layer.trainable]))
  for (const layer of layers) layer.trainable = true
  const batchNorm = batchNormInference()
  const histories: History[] = []
  try {
    model.compile({
      optimizer,
      loss: options.loss,
      ...(options.metrics === undefined ? {} : { metrics: options.metrics }),
    })
    for (const phase of recipe.phases) {
      applyFineTunePhaseTo(optimizer, phase)
      const frozen = new Set<string>()
      for (const group of optimizer.groups) {
        if (!group.trainable) for (const name of group.parameters) frozen.add(name)
      }
      for (const layer of layers) {
        const isFrozen = (layer._trainableWeights ?? []).every((weight) => frozen.has(weight.name))
        layer.trainable = !isFrozen
        batchNorm.set(layer, isFrozen && frozenBatchNorm === 'inference')
      }
      const spec = phase.schedule
      const schedule = oneCycleSchedule({
        peakValue: spec.peakValue,
        totalSteps: spec.totalSteps!,
        pctStart: spec.pctStart,
        divFactor: spec.divFactor,
        finalDivFactor: spec.finalDivFactor,
        annealStrategy: spec.annealStrategy,
        convention: spec.convention,
      })
      const { callbacks: userCallbacks = [], ...fitArgs } = options.fitArgs ?? {}
      const callbacks = composeCallbacks(
        scheduleCallback({ optimizer, schedule }) as CustomCallback,
        ...(userCallbacks as FitCallback[]),
      )
      const history = isDataset(data)
        ? await model.fitDataset(data as never, {
            ...(fitArgs as object),
            epochs: phase.epochs,
            batchesPerEpoch: stepsPerEpoch,
            callbacks,
          })
        : await model.fit((data as TensorData).xs, (data as TensorData).ys, {
            ...fitArgs,
            epochs: phase.epochs,
            batchSize,
            callbacks,
          })
      histories.push(history)
    }
  } catch (error) {
    for (const [layer, flag] of savedTrainable) if (layer.trainable !== flag) layer.trainable = flag
    throw error
  } finally {
    batchNorm.releaseAll()
  }
  return { optimizer, recipe, histories }
}
