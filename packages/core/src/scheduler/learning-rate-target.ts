/**
 * What an adapter exposes so that a scheduler (`createScheduler`) can drive a framework optimizer:
 * it receives the learning rate of every parameter group and, optionally, reports how many
 * updates the optimizer has applied so that the scheduler can check the call order.
 *
 * Contract version `'v1'`; a change to this interface is a breaking change for every adapter.
 *
 * @example
 * ```ts
 * let updates = 0
 * const rates: Record<string, number> = {}
 * const target: LearningRateTarget = {
 *   specificationVersion: 'v1',
 *   setLearningRates: (next) => Object.assign(rates, next),
 *   getStepCount: () => updates, // incremented by the optimizer's step()
 * }
 * ```
 *
 * Equivalents: PyTorch writes `group["lr"]` of each `optimizer.param_groups` entry; optax reads
 * the rate from `inject_hyperparams` state; Keras assigns `optimizer.learning_rate`.
 */
export interface LearningRateTarget {
  /** Version of this contract; always `'v1'`. */
  readonly specificationVersion: 'v1'
  /**
   * Sets the learning rate of every parameter group, keyed by group name (the keys of the
   * scheduler's `groups`, `default` when none were given). Called by the scheduler at
   * construction, after each `advance()`, and after a `reportMetric()` that changed the rates.
   * The object is frozen; copy what you keep.
   */
  setLearningRates(rates: Readonly<Record<string, number>>): void
  /**
   * Number of updates the optimizer has applied so far (a non-negative integer). When present,
   * `advance()` checks that exactly one optimizer update happened since the previous `advance()`
   * (or since the scheduler was created). Omit it when the framework cannot tell.
   */
  getStepCount?(): number
}
