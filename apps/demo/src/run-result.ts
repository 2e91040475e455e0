import type { LossLogEntry, ReportSchedule } from '@lrkit/cli'
import type { DigitSet } from './mnist-digits'

/** The three ways the demo fine-tunes, and pretraining. */
export type RunMethod = 'pretrain' | 'constant' | 'oneCycle' | 'discriminative'

/** The frameworks the demo trains with. */
export type Framework = 'onnx' | 'tfjs'

/** What one training run did, measured in this run. */
export interface RunResult {
  /** `@lrkit/onnx` or `@lrkit/tfjs`. */
  readonly framework: Framework
  /** Which recipe ran. */
  readonly method: RunMethod
  /** One line saying how the rate was set (`constant 1e-3 (AdamW default)`, …). */
  readonly description: string
  /** The head's peak learning rate. */
  readonly learningRate: number
  /** Optimizer steps (batches) trained. */
  readonly steps: number
  /** Accuracy on the held-out examples, in [0, 1]. */
  readonly accuracy: number
  /** Wall time of the training steps, seconds (model building and evaluation excluded). */
  readonly seconds: number
  /** Loss and head rate of every step. */
  readonly log: readonly LossLogEntry[]
  /** The schedule that ran (and the groups' rate multipliers), for the report. */
  readonly schedule: ReportSchedule
}

/** The data and batching every run of one stage shares. */
export interface StageData {
  /** Training examples. */
  readonly train: DigitSet
  /** Held-out examples (accuracy). */
  readonly test: DigitSet
  /** Rows per batch, integer ≥ 1. */
  readonly batchSize: number
}

/** How each recipe is named in the table, the report and the progress lines. */
export const METHOD_LABELS: Readonly<Record<RunMethod, string>> = {
  pretrain: 'pretrain on digits 0–4',
  constant: '(a) default constant rate',
  oneCycle: '(b) range-test rate, one-cycle',
  discriminative: '(c) discriminative + unfreezing',
}
