import { formatValue, InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { functionValue, nonNegativeInteger, scheduleStep } from '../internal/validate'
import type { Schedule } from './types'
import { largestBound, upperBoundOf, withUpperBound } from './upper-bound'

/** Options of {@link sequenceSchedule}. */
export interface SequenceScheduleOptions {
  /** The schedules to run one after the other; at least one. Required. */
  readonly schedules: readonly Schedule[]
  /** Step at which each later schedule takes over; `schedules.length − 1` strictly increasing non-negative integers. Required. */
  readonly boundaries: readonly number[]
}

const OPTIONS = /* @__PURE__ */ optionTable<SequenceScheduleOptions>()('sequenceSchedule', [
  'schedules',
  'boundaries',
])

/**
 * Runs schedules one after the other; each later schedule starts at its own step 0 at its boundary.
 *
 * Formula, with schedules `s_0 … s_n` and boundaries `b_1 < … < b_n` (`boundaries[i − 1] = b_i`):
 *
 * ```text
 * f(t) = s_0(t)          for t < b_1
 * f(t) = s_i(t − b_i)    for b_i ≤ t < b_(i+1)
 * f(t) = s_n(t − b_n)    for t ≥ b_n
 * ```
 *
 * The sequence is continuous at `b_i` only if `s_(i−1)(b_i − b_(i−1))` equals `s_i(0)`; nothing is
 * adjusted. `sequenceSchedule({ schedules: [s], boundaries: [] })` equals `s`.
 *
 * @param options - the options, each documented (default, range, unit) on {@link SequenceScheduleOptions}.
 * @returns A {@link Schedule}.
 * @throws InvalidArgumentError for an invalid or unknown option, naming the offending entry
 *   (`schedules[1]`, `boundaries[0]`) (eagerly), and at call time for a negative, NaN or infinite
 *   step.
 *
 * @example
 * ```ts
 * const warmup: Schedule = (step) => 0.1 * (step / 4)
 * const decay: Schedule = (step) => 0.1 * 0.9 ** step
 * const schedule = sequenceSchedule({ schedules: [warmup, decay], boundaries: [4] })
 * schedule(0) // 0      (warmup(0))
 * schedule(3) // 0.075  (warmup(3), last step of the first schedule)
 * schedule(4) // 0.1    (decay(0), first step of the second schedule)
 * schedule(6) // 0.081  (decay(2))
 * ```
 *
 * Equivalents:
 * - optax `join_schedules(schedules, boundaries)`: identical (optax does not validate the
 *   boundaries).
 * - PyTorch `SequentialLR(schedulers, milestones)`: at each milestone PyTorch restarts the next
 *   scheduler at its epoch-0 value (its base value, not where the previous one ended) and then steps
 *   it from there, i.e. it sees `t − milestone` — exactly this combinator when each schedule starts
 *   at its own initial value (e.g. `[ConstantLR(0.1, 2), ExponentialLR(0.9)]` at `[2]` with base 1:
 *   0.1, 0.1, 1, 0.9, 0.81). PyTorch's milestone 0 bug (pytorch/pytorch#185872) does not exist here.
 * - Keras and HF have no sequential composition.
 */
export function sequenceSchedule(options: SequenceScheduleOptions): Schedule {
  const record = OPTIONS.read(options)
  const schedulesOption = record.schedules
  if (!Array.isArray(schedulesOption) || schedulesOption.length === 0) {
    throw new InvalidArgumentError({
      argument: 'schedules',
      value: schedulesOption,
      expected: 'a non-empty array of schedules',
    })
  }
  const schedules: Schedule[] = schedulesOption.map((entry: unknown, index) =>
    functionValue<Schedule>(`schedules[${index}]`, entry),
  )
  const boundariesOption = record.boundaries
  const count = schedules.length - 1
  if (!Array.isArray(boundariesOption) || boundariesOption.length !== count) {
    throw new InvalidArgumentError({
      argument: 'boundaries',
      value: boundariesOption,
      message: `boundaries must be an array of ${count} step${count === 1 ? '' : 's'} (schedules.length - 1), got ${formatValue(boundariesOption)}`,
    })
  }
  const boundaries: number[] = []
  boundariesOption.forEach((entry: unknown, index) => {
    const boundary = nonNegativeInteger(`boundaries[${index}]`, entry)
    const previous = boundaries[index - 1]
    if (previous !== undefined && boundary <= previous) {
      throw new InvalidArgumentError({
        argument: `boundaries[${index}]`,
        value: boundary,
        expected: `an integer > boundaries[${index - 1}] (${previous})`,
      })
    }
    boundaries.push(boundary)
  })

  if (count === 0) {
    const only = schedules[0]!
    return withUpperBound((step: number): number => only(scheduleStep(step)), upperBoundOf(only))
  }

  return withUpperBound(
    (step: number): number => {
      scheduleStep(step)
      let index = count
      while (index > 0 && step < boundaries[index - 1]!) index -= 1
      const offset = index === 0 ? 0 : boundaries[index - 1]!
      return schedules[index]!(step - offset)
    },
    largestBound(schedules.map(upperBoundOf)),
  )
}
