import { applyFineTunePhase, applyTrainableGroups, type FineTunePhase } from '@lrkit/core'
import type { LrkitOptimizer } from '../optimizers/lrkit-optimizer'

/**
 * Core's `applyFineTunePhase` for an lrkit TensorFlow.js optimizer: sets the phase's trainable
 * groups and learning-rate scales (a scale also covers the group's `'<name>.noDecay'` half).
 *
 * @param optimizer - an lrkit optimizer whose groups are the recipe's groups
 * @param phase - one of `fineTuneRecipe(...).phases`
 * @throws InvalidArgumentError (core's) when the phase and the groups do not match
 * @example
 * ```ts
 * const recipe = fineTuneRecipe({ groups: ['body', 'head'], epochs: 3, stepsPerEpoch: 100 })
 * applyFineTunePhaseTo(optimizer, recipe.phases[0]!) // head only
 * ```
 */
export function applyFineTunePhaseTo(optimizer: LrkitOptimizer, phase: FineTunePhase): void {
  applyFineTunePhase(optimizer, phase)
}

/**
 * Core's `applyTrainableGroups` for an lrkit TensorFlow.js optimizer: the named groups (and their
 * `.noDecay` halves) train, every other group is frozen (keeping its state).
 *
 * @param optimizer - an lrkit optimizer
 * @param trainable - group names, e.g. `trainableGroupsAt(plan, epoch)`
 * @throws InvalidArgumentError (core's) when a name matches no group
 */
export function applyTrainableGroupsTo(optimizer: LrkitOptimizer, trainable: readonly string[]): void {
  applyTrainableGroups(optimizer, trainable)
}
