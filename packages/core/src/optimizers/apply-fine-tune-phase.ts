import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { NO_DECAY_SUFFIX } from '../groups/create-param-groups'
import type { FineTunePhase } from '../groups/fine-tune-recipe'
import { withTrainableGroups } from '../groups/unfreeze-plan'
import type { Optimizer } from './types'

/** What the phase helpers need of an optimizer: its groups and `updateGroup`. */
export type GroupedOptimizer = Pick<Optimizer<object>, 'groups' | 'updateGroup'>

const baseName = (name: string): string =>
  name.endsWith(NO_DECAY_SUFFIX) ? name.slice(0, -NO_DECAY_SUFFIX.length) : name

/**
 * Sets which of an optimizer's groups train, from a list of group names (e.g. an unfreezing plan's
 * `trainableGroupsAt(plan, epoch)`); a name also covers its weight-decay-free half
 * (`'<name>.noDecay'`). Every other group is frozen. Frozen groups keep their state and step
 * counts, so a group unfrozen later gets the bias correction of its own first step.
 *
 * @param optimizer - a core optimizer (its groups from `createParamGroups` or your own)
 * @param trainable - names of the groups to train; each must name a group
 * @throws InvalidArgumentError when a name matches no group; InvalidStateError in the middle of an
 *   accumulation window
 * @example
 * ```ts
 * const optimizer = sgdOptimizer({
 *   parameters: { encoder: new Float32Array(4), head: new Float32Array(2) },
 *   groups: [
 *     { name: 'encoder', parameters: ['encoder'], lrScale: 0.1, trainable: true },
 *     { name: 'head', parameters: ['head'], lrScale: 1, trainable: true },
 *   ],
 * })
 * const plan = gradualUnfreezingPlan({ groups: ['encoder', 'head'], unit: 'epoch', every: 1 })
 * applyTrainableGroups(optimizer, trainableGroupsAt(plan, 0)) // epoch 0: head only
 * optimizer.groups.map((group) => group.trainable) // [false, true]
 * applyTrainableGroups(optimizer, trainableGroupsAt(plan, 1)) // epoch 1: both
 * optimizer.groups.map((group) => group.trainable) // [true, true]
 * applyTrainableGroups(optimizer, ['decoder']) // throws InvalidArgumentError
 * ```
 */
export function applyTrainableGroups(optimizer: GroupedOptimizer, trainable: readonly string[]): void {
  const next = withTrainableGroups(optimizer.groups, trainable)
  for (const group of next) optimizer.updateGroup(group.name, { trainable: group.trainable })
}

/**
 * Configures an optimizer for one phase of a {@link fineTuneRecipe}: the phase's trainable groups
 * and its learning-rate scales (a scale also covers the group's `'<name>.noDecay'` half). Drive the
 * phase's schedule with `createScheduler({ schedule: schedule(phase.schedule), target: optimizer })`
 * (fill in `totalSteps` when the recipe was made without `stepsPerEpoch`).
 *
 * @param optimizer - a core optimizer whose groups are the recipe's groups (possibly split by
 *   `createParamGroups` into `<name>` and `<name>.noDecay`)
 * @param phase - one of `recipe.phases`
 * @throws InvalidArgumentError when the phase names a group the optimizer does not have, or an
 *   optimizer group has no scale in the phase
 * @example
 * ```ts
 * const body = new Float32Array([1]) // a two-parameter "model"
 * const head = new Float32Array([1])
 * const optimizer = sgdOptimizer({
 *   parameters: { body, head },
 *   groups: [
 *     { name: 'body', parameters: ['body'], lrScale: 1, trainable: true },
 *     { name: 'head', parameters: ['head'], lrScale: 1, trainable: true },
 *   ],
 * })
 * const recipe = fineTuneRecipe({ groups: ['body', 'head'], epochs: 1, stepsPerEpoch: 10 })
 * function train(phase: FineTunePhase): void {
 *   applyFineTunePhase(optimizer, phase)
 *   const scheduler = createScheduler({ schedule: schedule(phase.schedule), target: optimizer })
 *   for (let batch = 0; batch < phase.epochs * 10; batch++) {
 *     optimizer.gradients.get('body')?.fill(1) // your backward pass writes the gradients here
 *     optimizer.gradients.get('head')?.fill(1)
 *     optimizer.step(optimizer.gradients) // no rate: the scheduler pushes it
 *     scheduler.advance()
 *   }
 * }
 * train(recipe.phases[0]) // frozen phase: the head trains alone
 * optimizer.groups.map((group) => [group.trainable, group.lrScale]) // [[false, 0.1], [true, 1]]
 * body[0] // 1
 * head[0] // ≈ 0.98960
 * train(recipe.phases[1]) // unfrozen phase: the body at 1/100 of the head's rate
 * optimizer.groups.map((group) => [group.trainable, group.lrScale]) // [[true, 0.01], [true, 1]]
 * body[0] // ≈ 0.999946
 * ```
 */
export function applyFineTunePhase(optimizer: GroupedOptimizer, phase: FineTunePhase): void {
  const next = withTrainableGroups(optimizer.groups, phase.trainable)
  const scales = phase.lrScales
  for (const group of next) {
    const name = baseName(group.name)
    const scale = Object.hasOwn(scales, name) ? scales[name] : undefined
    if (scale === undefined) {
      throw new InvalidArgumentError({
        argument: 'phase.lrScales',
        value: Object.keys(scales),
        message: `phase.lrScales has no scale for optimizer group "${group.name}" (base name "${name}"); the recipe's groups must be the optimizer's groups: ${Object.keys(scales).join(', ')}`,
      })
    }
    optimizer.updateGroup(group.name, { trainable: group.trainable, lrScale: scale })
  }
}
