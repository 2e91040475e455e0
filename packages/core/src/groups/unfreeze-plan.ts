import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, nonNegativeNumber, oneOf, positiveInteger } from '../internal/validate'
import { NO_DECAY_SUFFIX } from './create-param-groups'
import { groupNameList } from './discriminative-strategy'
import type { ParamGroup } from './types'

/** One stage of an {@link UnfreezePlan}: from `at` on (in the plan's unit), exactly `trainable` train. */
export interface UnfreezeStage {
  /** Start of the stage: a non-negative integer count of epochs or steps (0-based). */
  readonly at: number
  /** Names of the trainable groups (base names, without {@link NO_DECAY_SUFFIX}). */
  readonly trainable: readonly string[]
}

/**
 * Which groups train when, as plain data (JSON-serialisable). Stages are sorted by `at`, strictly
 * increasing, and the first starts at 0; a stage lasts until the next one starts, the last forever.
 */
export interface UnfreezePlan {
  /** Unit of `at`: `'epoch'` (0-based epoch index) or `'step'` (0-based optimizer step). */
  readonly unit: 'epoch' | 'step'
  /** The stages, first at 0. */
  readonly stages: readonly UnfreezeStage[]
}

/** Options of {@link gradualUnfreezingPlan}. */
export interface GradualUnfreezingPlanOptions {
  /** Group names ordered from input to head (unique, at least one). */
  readonly groups: readonly string[]
  /** Unit of `every` and of the stages' `at`. */
  readonly unit: 'epoch' | 'step'
  /** Epochs or steps between two unfreezings, a positive integer. */
  readonly every: number
  /** Number of head groups trainable in the first stage, 1 … groups.length (default 1: head only). */
  readonly startWith?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<GradualUnfreezingPlanOptions>()('gradualUnfreezingPlan', [
  'groups',
  'unit',
  'every',
  'startWith',
])

/**
 * Gradual unfreezing (ULMFiT): start with the top group(s) trainable and unfreeze one more group,
 * towards the input, every `every` epochs or steps, until all train.
 *
 * ```text
 * stage k (k = 0 … n − startWith):  at = k × every,  trainable = the last startWith + k groups
 * ```
 *
 * Howard & Ruder 2018 (ULMFiT, §3.3 "gradual unfreezing") unfreeze the last layer and train one epoch,
 * then unfreeze the next lower layer and repeat until all layers train — `{ unit: 'epoch', every: 1 }`. fastai's notebook recipe (`freeze_to(-1)`, `freeze_to(-2)`,
 * `freeze_to(-3)`, `unfreeze()`) is the same plan over 4+ groups; AllenNLP `SlantedTriangular
 * (gradual_unfreezing=True)` toggles `requires_grad` per epoch the same way. Unlike fastai, lrkit's
 * optimizers keep each parameter's moments and step count across freezing (fastai `clear_state` drops
 * them).
 *
 * @param options - the options, each documented (default, range, unit) on {@link GradualUnfreezingPlanOptions}.
 * @returns the plan; `stages.length = n − startWith + 1`
 * @throws InvalidArgumentError for an empty or duplicated group list, a bad unit, `every` < 1, or
 *   `startWith` outside 1 … n
 * @example
 * ```ts
 * gradualUnfreezingPlan({ groups: ['embeddings', 'rnn', 'head'], unit: 'epoch', every: 1 })
 * // { unit: 'epoch', stages: [{ at: 0, trainable: ['head'] }, { at: 1, trainable: ['rnn', 'head'] },
 * //                           { at: 2, trainable: ['embeddings', 'rnn', 'head'] }] }
 * ```
 */
export function gradualUnfreezingPlan(options: GradualUnfreezingPlanOptions): UnfreezePlan {
  const record = OPTIONS.read(options)
  const groups = groupNameList('groups', record.groups)
  if (groups.length === 0) {
    throw new InvalidArgumentError({
      argument: 'groups',
      value: record.groups,
      expected: 'a non-empty array of group names',
    })
  }
  const unit = oneOf('unit', record.unit, ['epoch', 'step'])
  const every = positiveInteger('every', record.every)
  const startWith = record.startWith === undefined ? 1 : positiveInteger('startWith', record.startWith)
  if (startWith > groups.length) {
    throw new InvalidArgumentError({
      argument: 'startWith',
      value: startWith,
      expected: `an integer from 1 to the number of groups (${groups.length})`,
    })
  }
  const stages: UnfreezeStage[] = []
  for (let trainable = startWith; trainable <= groups.length; trainable++) {
    stages.push({ at: (trainable - startWith) * every, trainable: groups.slice(groups.length - trainable) })
  }
  return { unit, stages }
}

/** Validates a plan (it may come from JSON). @internal */
export function validateUnfreezePlan(argument: string, plan: unknown): UnfreezePlan {
  const record = optionTable<UnfreezePlan>()(argument, ['unit', 'stages']).read(plan, argument)
  oneOf(`${argument}.unit`, record.unit, ['epoch', 'step'])
  const stages = record.stages
  if (!Array.isArray(stages) || stages.length === 0) {
    throw new InvalidArgumentError({
      argument: `${argument}.stages`,
      value: stages,
      expected: 'a non-empty array',
    })
  }
  let previous = -1
  stages.forEach((stage, index) => {
    const path = `${argument}.stages[${index}]`
    const entry = optionTable<UnfreezeStage>()(path, ['at', 'trainable']).read(stage, path)
    const at = nonNegativeInteger(`${path}.at`, entry.at)
    if (index === 0 && at !== 0) {
      throw new InvalidArgumentError({
        argument: `${path}.at`,
        value: at,
        expected: '0 (the first stage starts at 0)',
      })
    }
    if (at <= previous) {
      throw new InvalidArgumentError({
        argument: `${path}.at`,
        value: at,
        expected: `an integer > ${previous} (stages strictly increasing)`,
      })
    }
    previous = at
    groupNameList(`${path}.trainable`, entry.trainable)
  })
  return plan as UnfreezePlan
}

/**
 * The groups a plan makes trainable at a point in time: those of the last stage with `stage.at ≤ at`.
 *
 * @param plan - an {@link UnfreezePlan} (validated: unit, stages sorted, first at 0)
 * @param at - the current epoch or step (plan's unit), a finite number ≥ 0; fractional values (an epoch
 *   in progress) select the stage that started last
 * @returns the trainable group names (a copy)
 * @throws InvalidArgumentError for a malformed plan or a negative / non-finite `at`
 * @example
 * ```ts
 * const plan = gradualUnfreezingPlan({ groups: ['a', 'b', 'c'], unit: 'epoch', every: 2 })
 * trainableGroupsAt(plan, 0)   // ['c']
 * trainableGroupsAt(plan, 1.5) // ['c']
 * trainableGroupsAt(plan, 2)   // ['b', 'c']
 * trainableGroupsAt(plan, 1e9) // ['a', 'b', 'c']
 * ```
 */
export function trainableGroupsAt(plan: UnfreezePlan, at: number): string[] {
  const valid = validateUnfreezePlan('plan', plan)
  const time = nonNegativeNumber('at', at)
  let current = valid.stages[0]!
  for (const stage of valid.stages) {
    if (stage.at <= time) current = stage
    else break
  }
  return [...current.trainable]
}

/**
 * Returns copies of `paramGroups` with `trainable` set from a list of group names; a name also covers its
 * weight-decay-free half (`'<name>.noDecay'`, see {@link createParamGroups}).
 *
 * ```text
 * trainable(g) = baseName(g) ∈ trainable      baseName('x.noDecay') = 'x'
 * ```
 *
 * @param paramGroups - the groups (unchanged)
 * @param trainable - names of the groups to train, e.g. from {@link trainableGroupsAt}; each must name a
 *   group (a split group by its base name)
 * @returns new group objects, same order, every other field kept
 * @throws InvalidArgumentError when a name matches no group
 * @example
 * ```ts
 * const groups = createParamGroups({
 *   parameters: { 'body.weight': { shape: [4, 4] }, 'head.weight': { shape: [2, 4] }, 'head.bias': { shape: [2] } },
 *   groups: [{ name: 'body', match: 'body' }, { name: 'head', match: 'head' }],
 *   weightDecay: 0.01,
 * })
 * const plan = gradualUnfreezingPlan({ groups: ['body', 'head'], unit: 'epoch', every: 1 })
 * withTrainableGroups(groups, trainableGroupsAt(plan, 0)).map((group) => [group.name, group.trainable])
 * // [['body', false], ['head', true], ['head.noDecay', true]]  (epoch 0: the head and its noDecay half)
 * ```
 */
export function withTrainableGroups(
  paramGroups: readonly ParamGroup[],
  trainable: readonly string[],
): ParamGroup[] {
  if (!Array.isArray(paramGroups)) {
    throw new InvalidArgumentError({
      argument: 'paramGroups',
      value: paramGroups,
      expected: 'an array of ParamGroup',
    })
  }
  const names = groupNameList('trainable', trainable)
  const baseName = (name: string): string =>
    name.endsWith(NO_DECAY_SUFFIX) ? name.slice(0, -NO_DECAY_SUFFIX.length) : name
  const known = new Set(paramGroups.flatMap((group) => [group.name, baseName(group.name)]))
  names.forEach((name, index) => {
    if (!known.has(name)) {
      throw new InvalidArgumentError({
        argument: `trainable[${index}]`,
        value: name,
        message: `trainable[${index}] must name a group, got ${JSON.stringify(name)}; groups: ${paramGroups.map((group) => group.name).join(', ')}`,
      })
    }
  })
  const wanted = new Set(names)
  return paramGroups.map((group) => ({
    ...group,
    trainable: wanted.has(group.name) || wanted.has(baseName(group.name)),
  }))
}
