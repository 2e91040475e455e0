import type { Schedule } from './types'

/**
 * The largest value (or a finite number above it) that each schedule made by an lrkit factory can
 * return, computed at construction from its options. Combinators read it to reject, at
 * construction, options whose values would overflow: `scaleSchedule` checks `factor × bound`.
 * A WeakMap rather than a property, so schedules stay plain functions and nothing leaks into the
 * public shape. Internal: not exported from the package entry point.
 */
const upperBounds = /* @__PURE__ */ new WeakMap<Schedule, number>()

/**
 * Records `bound` as the upper bound of `schedule` and returns the schedule.
 * @internal
 */
export function withUpperBound<S extends Schedule>(schedule: S, bound: number | undefined): S {
  if (bound !== undefined) upperBounds.set(schedule, bound)
  return schedule
}

/**
 * The recorded upper bound of `schedule`, or `undefined` for a schedule not made by an lrkit factory
 * (a plain user function) or built from one.
 * @internal
 */
export function upperBoundOf(schedule: Schedule): number | undefined {
  return upperBounds.get(schedule)
}

/**
 * The largest of `bounds`, or `undefined` when any of them is unknown.
 * @internal
 */
export function largestBound(bounds: readonly (number | undefined)[]): number | undefined {
  let largest = 0
  for (const bound of bounds) {
    if (bound === undefined) return undefined
    if (bound > largest) largest = bound
  }
  return largest
}
