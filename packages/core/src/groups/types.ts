/**
 * A parameter group: named parameters that share a learning-rate scale, a weight decay and a
 * trainable flag. The learning rate of the group at step t is `schedule(t) × lrScale`.
 */
export interface ParamGroup {
  /** Group name, e.g. `'embeddings'`, `'encoder.0'`, `'head'`. */
  readonly name: string
  /** Names of the parameters in this group (each parameter belongs to at most one group). */
  readonly parameters: readonly string[]
  /** Multiplier on the scheduled learning rate (1 for the head). */
  readonly lrScale: number
  /** Weight decay for this group; `undefined` means the optimizer's default. */
  readonly weightDecay?: number
  /** When false the group's parameters are frozen: no update and no state change. */
  readonly trainable: boolean
}
