/**
 * The argument check every entry point that drives a {@link Trainable} shares. Internal: not
 * exported from the package entry point.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import type { Trainable } from '../trainable'

/**
 * Throws unless `value` is an object with `snapshot`, `restore` and `trainStep` functions and an
 * `evaluate` that is a function — required when `evaluateNeededBecause` says why, else optional.
 */
export function checkTrainable(value: unknown, evaluateNeededBecause?: string): Trainable {
  if (value === null || typeof value !== 'object') {
    throw new InvalidArgumentError({ argument: 'trainable', value, expected: 'a Trainable object' })
  }
  const record = value as Record<string, unknown>
  for (const method of ['snapshot', 'restore', 'trainStep'] as const) {
    if (typeof record[method] !== 'function') {
      throw new InvalidArgumentError({
        argument: `trainable.${method}`,
        value: record[method],
        expected: 'a function',
      })
    }
  }
  const evaluate = record.evaluate
  if (
    evaluateNeededBecause !== undefined
      ? typeof evaluate !== 'function'
      : evaluate !== undefined && typeof evaluate !== 'function'
  ) {
    throw new InvalidArgumentError({
      argument: 'trainable.evaluate',
      value: evaluate,
      expected:
        evaluateNeededBecause === undefined
          ? 'a function or undefined'
          : `a function (${evaluateNeededBecause})`,
    })
  }
  return value as Trainable
}
