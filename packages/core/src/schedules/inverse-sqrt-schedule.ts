import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, nonNegativeNumber, positiveNumber, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { withUpperBound } from './upper-bound'

/** Options of {@link inverseSqrtSchedule}. */
export interface InverseSqrtScheduleOptions {
  /** Value up to and including step `transitionBegin`; a finite number ≥ 0. Required. */
  readonly initValue: number
  /** Time scale `τ` in steps: the value halves after `3τ` steps of decay; a finite number > 0. Default 10000. */
  readonly timescale?: number
  /** Step `B` at which the decay starts; a non-negative integer (steps). Default 0. */
  readonly transitionBegin?: number
}

const OPTIONS = /* @__PURE__ */ optionTable<InverseSqrtScheduleOptions>()('inverseSqrtSchedule', [
  'initValue',
  'timescale',
  'transitionBegin',
])

/**
 * Inverse-square-root decay ("rsqrt", as in the Transformer paper), starting at `transitionBegin`.
 *
 * Formula, with `I = initValue`, `τ = timescale`, `B = transitionBegin`:
 *
 * ```text
 * f(t) = I                        for t < B
 *      = I / √((t − B + τ)/τ)     for t ≥ B      (f(B) = I exactly)
 * ```
 *
 * @param options - the options, each documented (default, range, unit) on {@link InverseSqrtScheduleOptions}.
 * @returns A {@link Schedule}; non-increasing, in `(0, I]` for `I > 0`, never reaching 0 (finite for
 *   huge steps).
 * @throws InvalidArgumentError for an invalid or unknown option (eagerly), and at call time for a
 *   negative, NaN or infinite step.
 *
 * @example
 * ```ts
 * const schedule = inverseSqrtSchedule({ initValue: 1, timescale: 4, transitionBegin: 4 })
 * schedule(0) // 1
 * schedule(4) // 1              (decay begins)
 * schedule(5) // 0.894427191    (1/√1.25)
 * schedule(8) // ≈ 0.7071067812 (1/√2)
 * schedule(16) // 0.5           (t − B = 3τ)
 * ```
 *
 * Equivalents:
 * - HF `get_inverse_sqrt_schedule(optimizer, num_warmup_steps=W, timescale=τ)` with peak rate `p`
 *   (HF default `τ = W`, or 10000 when `W = 0`) ≡ a linear warmup from 0 to `p` over `W` steps
 *   followed by this schedule: `sequenceSchedule({ schedules: [linearSchedule({ initValue: 0,
 *   endValue: p, transitionSteps: W }), inverseSqrtSchedule({ initValue: p, timescale: τ })],
 *   boundaries: [W] })` (the later schedule sees `t − W`, which is HF's `(t + τ − W)/τ`). Equivalently,
 *   `inverseSqrtSchedule({ initValue: p, timescale: τ, transitionBegin: W })` for the steps `t ≥ W`.
 * - PyTorch, optax and Keras have no built-in inverse-square-root schedule (PyTorch: `LambdaLR`).
 */
export function inverseSqrtSchedule(options: InverseSqrtScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const initValue = nonNegativeNumber('initValue', record.initValue)
  const timescale = record.timescale === undefined ? 10000 : positiveNumber('timescale', record.timescale)
  const transitionBegin =
    record.transitionBegin === undefined ? 0 : nonNegativeInteger('transitionBegin', record.transitionBegin)

  return withUpperBound((step: number): number => {
    scheduleStep(step)
    if (step <= transitionBegin) return initValue
    return initValue / Math.sqrt((step - transitionBegin + timescale) / timescale)
  }, initValue)
}
