import { InvalidArgumentError, InvalidStateError, trainableGroupsAt, type UnfreezePlan } from '@lrkit/core'
import { CustomCallback, type LayersModel } from '@tensorflow/tfjs-layers'
import { applyTrainableGroupsTo } from '../groups/apply-fine-tune-phase-to'
import { batchNormInference } from '../internal/batch-norm-inference'
import type { LrkitOptimizer } from '../optimizers/lrkit-optimizer'

/** Options of {@link unfreezeCallback}. */
export interface UnfreezeCallbackOptions {
  /** The lrkit optimizer the model was compiled with; its groups are the plan's groups. */
  readonly optimizer: LrkitOptimizer
  /** Core's plan (`gradualUnfreezingPlan`), in epochs or in steps (global batch index). */
  readonly plan: UnfreezePlan
  /**
   * The model: when given, layers whose every trainable variable is in a frozen group get
   * `layer.trainable = false` (no gradient is computed for them: faster) and the others `true`.
   * The model must have been compiled with all these layers trainable (tfjs collects the trainable
   * variables at compile time). Default: only the optimizer's groups are frozen (gradients are
   * still computed but not applied).
   */
  readonly model?: LayersModel
  /**
   * With `model`: BatchNorm layers whose variables are all in frozen groups run in inference mode
   * while frozen (`'inference'`, default: moving statistics used and not updated, as Keras does
   * for `trainable = false`), or keep tfjs's behaviour (`'train'`: batch statistics, moving
   * averages updated even while frozen). Released at the end of each `fit`.
   */
  readonly frozenBatchNorm?: 'inference' | 'train'
}

interface LayerLike {
  name: string
  trainable: boolean
  readonly _trainableWeights?: ReadonlyArray<{ readonly name: string }>
}

/**
 * Gradual unfreezing (ULMFiT; core's `gradualUnfreezingPlan`) inside `model.fit`, **without
 * recompiling**: at each epoch (or batch) start it applies `trainableGroupsAt(plan, at)` to the
 * optimizer's groups and, with `model`, to the layers. Frozen variables keep their optimizer state
 * and step counts, so a group unfrozen later starts with its own bias-corrected first step.
 * tfjs prints "Discrepancy between trainableweights and collected trainable weights" at each `fit`
 * while layers are frozen; that warning is expected here. With `model`, the BatchNorm layers of
 * frozen groups run in inference mode while frozen (see `frozenBatchNorm`).
 *
 * @param options - see {@link UnfreezeCallbackOptions}
 * @returns the callback
 * @throws InvalidStateError during `fit` when a layer to unfreeze was not trainable at compile time
 * @example
 * ```ts
 * const plan = gradualUnfreezingPlan({ groups: ['body', 'head'], unit: 'epoch', every: 1 })
 * await model.fit(xs, ys, { epochs: 3, callbacks: [unfreezeCallback({ optimizer, plan, model })] })
 * ```
 */
export function unfreezeCallback(options: UnfreezeCallbackOptions): CustomCallback {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
  }
  const { optimizer, plan, model } = options
  const frozenBatchNorm = options.frozenBatchNorm ?? 'inference'
  if (frozenBatchNorm !== 'inference' && frozenBatchNorm !== 'train') {
    throw new InvalidArgumentError({
      argument: 'frozenBatchNorm',
      value: frozenBatchNorm,
      expected: '"inference" or "train"',
    })
  }
  const batchNorm = batchNormInference()
  trainableGroupsAt(plan, 0)
  let batches = 0
  const apply = (at: number): void => {
    applyTrainableGroupsTo(optimizer, trainableGroupsAt(plan, at))
    if (model === undefined) return
    const frozen = new Set<string>()
    for (const group of optimizer.groups)
      if (!group.trainable) for (const name of group.parameters) frozen.add(name)
    // A Sequential compiles its inner functional model, which holds the collected list.
    type Compiled = { collectedTrainableWeights?: ReadonlyArray<{ name: string }>; model?: Compiled }
    const compiled = model as unknown as Compiled
    const list = compiled.model?.collectedTrainableWeights ?? compiled.collectedTrainableWeights
    const collected = list === undefined ? undefined : new Set(list.map((weight) => weight.name))
    for (const layer of model.layers as unknown as LayerLike[]) {
      const weights = layer._trainableWeights ?? []
      if (weights.length === 0) continue
      const trainable = !weights.every((weight) => frozen.has(weight.name))
      if (trainable && !layer.trainable && collected !== undefined) {
        const missing = weights.find((weight) => !collected.has(weight.name))
        if (missing !== undefined) {
          throw new InvalidStateError({
            message: `cannot unfreeze layer "${layer.name}" without recompiling: its variable "${missing.name}" was not trainable when the model was compiled. Compile with every layer trainable and let the callback freeze them`,
          })
        }
      }
      if (layer.trainable !== trainable) layer.trainable = trainable
      batchNorm.set(layer, !trainable && frozenBatchNorm === 'inference')
    }
  }
  return new CustomCallback({
    onEpochBegin: async (epoch: number) => {
      if (plan.unit === 'epoch') apply(epoch)
    },
    onBatchBegin: async () => {
      if (plan.unit === 'step') apply(batches)
      batches += 1
    },
    onTrainEnd: async () => {
      batchNorm.releaseAll()
    },
  })
}
