/**
 * What the learning-rate range test (`runRangeTest`) and the learning-rate searches (`gridSearch`,
 * `randomSearch`, `successiveHalving`) drive: a model plus its optimizer and data, seen only through
 * four async calls. Framework adapters (`@lrkit/tfjs`, `@lrkit/onnx`) implement it; so can any
 * hand-written loop.
 *
 * Contract:
 * - `snapshot()` captures everything a later `restore()` needs to make the next `trainStep` behave
 *   exactly as if the steps in between never ran: weights (cloned, not live views — TF.js
 *   `getWeights()` returns live variables), optimizer slots and step counters, non-trainable state
 *   (BatchNorm moving statistics), and ideally the RNG and data-iterator position. The snapshot
 *   is opaque to lrkit and is not serialised.
 * - `restore(snapshot)` brings all of that back **bit-exactly**; it may be called several times with
 *   the same snapshot. The test "range test, then train" must give the same weights, bit for bit,
 *   as "train alone".
 * - `trainStep(learningRate, step)` runs one optimizer step (one mini-batch) at the given learning
 *   rate and resolves to that batch's training loss (before the update, as every framework reports
 *   it). `step` is the 0-based index of the call within the current sweep or trial. It may resolve
 *   to NaN/±Infinity (reported, not thrown); a thrown error is wrapped in a `TrainableError`.
 * - `evaluate()` (optional) resolves to a validation loss without changing any state.
 *
 * Losses may be negative (a negative log-likelihood of a density, a shifted loss): the divergence
 * rules compare against a multiple of the best (range test, monitor) or first (searches) loss when
 * it is positive, and otherwise against the rise above it measured in units of max(|it|, the descent
 * from the first loss to the best); see each `divergenceFactor`.
 *
 * Equivalents: fastai `Learner` (`lr_find` saves/loads the model with `with_opt=True`);
 * torch-lr-finder's `LRFinder(model, optimizer, criterion)` with `reset()`; Lightning's checkpoint
 * restore in `_lr_find`.
 *
 * @typeParam S - the snapshot type, opaque to lrkit.
 *
 * @example
 * ```ts
 * const trainable: Trainable<Float32Array> = {
 *   async snapshot() { return weights.slice() },
 *   async restore(saved) { weights.set(saved) },
 *   async trainStep(learningRate) { const loss = lossOf(weights); sgdUpdate(weights, learningRate); return loss },
 * }
 * ```
 */
export interface Trainable<S = unknown> {
  /** Captures weights, optimizer state and any other mutable training state (copies, not views). */
  snapshot(): Promise<S>
  /** Restores a snapshot bit-exactly: weights and optimizer state (slots, step counters). */
  restore(snapshot: S): Promise<void>
  /**
   * Runs one optimizer step at `learningRate` (finite, > 0) and resolves to the mini-batch loss.
   * `step` is the 0-based index of this call in the sweep or trial.
   */
  trainStep(learningRate: number, step: number): Promise<number>
  /** Optional: resolves to a validation loss; must not change the training state. */
  evaluate?(): Promise<number>
}

/** A trial of a learning-rate search: the learning rate to train at and the trial's 0-based index. */
export interface SearchTrial {
  /** The (constant) learning rate of this trial. */
  readonly learningRate: number
  /** 0-based index of the trial in the search. */
  readonly index: number
}

/**
 * Builds a fresh {@link Trainable} for one search trial (same initial weights for every trial, for a
 * fair comparison). Called once per trial.
 */
export type TrainableFactory = (trial: SearchTrial) => Trainable | Promise<Trainable>
