/**
 * Eager argument checks shared by every factory. Each throws an {@link InvalidArgumentError} whose
 * message names the argument, the value received and what is allowed. Internal: not exported from
 * the package entry point.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'

/** Throws unless `value` is a finite number; returns it typed. */
export function finiteNumber(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError({ argument, value, expected: 'a finite number' })
  }
  return value
}

/** Throws unless `value` is a finite number ≥ 0. */
export function nonNegativeNumber(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError({ argument, value, expected: 'a finite number >= 0' })
  }
  return value
}

/** Throws unless `value` is a finite number > 0. */
export function positiveNumber(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({ argument, value, expected: 'a finite number > 0' })
  }
  return value
}

/** Throws unless `value` is an integer ≥ 0 (and a safe integer). */
export function nonNegativeInteger(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new InvalidArgumentError({ argument, value, expected: 'a non-negative integer' })
  }
  return value
}

/** Throws unless `value` is an integer ≥ 1 (and a safe integer). */
export function positiveInteger(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidArgumentError({ argument, value, expected: 'a positive integer' })
  }
  return value
}

/** Throws unless `value` is a finite number in the interval described by the bounds. */
export function numberInRange(
  argument: string,
  value: unknown,
  range: { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean },
): number {
  const { min, max, minExclusive = false, maxExclusive = false } = range
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (min === undefined || (minExclusive ? value > min : value >= min)) &&
    (max === undefined || (maxExclusive ? value < max : value <= max))
  if (!ok) {
    const lower = min === undefined ? '' : `${min} ${minExclusive ? '<' : '<='} `
    const upper = max === undefined ? '' : ` ${maxExclusive ? '<' : '<='} ${max}`
    throw new InvalidArgumentError({
      argument,
      value,
      expected: `a number with ${lower}${argument}${upper}`,
    })
  }
  return value as number
}

/** Throws unless `value` is one of `allowed`. */
export function oneOf<const T extends string>(argument: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      expected: `one of ${allowed.map((entry) => `"${entry}"`).join(', ')}`,
    })
  }
  return value as T
}

/** Throws unless `value` is a boolean. */
export function booleanValue(argument: string, value: unknown): boolean {
  if (typeof value !== 'boolean') {
    throw new InvalidArgumentError({ argument, value, expected: 'true or false' })
  }
  return value
}

/** Throws unless `value` is a function. */
export function functionValue<T extends (...args: never[]) => unknown>(argument: string, value: unknown): T {
  if (typeof value !== 'function') {
    throw new InvalidArgumentError({ argument, value, expected: 'a function' })
  }
  return value as T
}

/** Throws unless `value` is a plain options object (not null, not an array). */
export function optionsObject(argument: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidArgumentError({ argument, value, expected: 'an options object' })
  }
  return value as Record<string, unknown>
}

/**
 * Validates a schedule step at evaluation time: a finite number ≥ 0 (fractional steps are allowed,
 * as PyTorch's `CosineAnnealingWarmRestarts.step(epoch)` allows fractional epochs). Anything that is
 * not of type `number` is rejected before any comparison, so `'30'`, `null`, `true` or `[5]` are
 * never coerced (`null >= 0` is true in JavaScript); the check stays one `typeof` on the hot path.
 */
export function scheduleStep(value: number): number {
  if (typeof value !== 'number' || !(value >= 0) || value === Number.POSITIVE_INFINITY) {
    throw new InvalidArgumentError({
      argument: 'step',
      value,
      expected: 'a finite number >= 0 (0-based optimizer step)',
    })
  }
  return value
}

/**
 * Throws unless every own key of `options` is one of `allowed`, so that a misspelt option
 * (`warmupStep`) is an error instead of a silently ignored default.
 */
export function knownKeys(
  factory: string,
  options: Record<string, unknown>,
  allowed: readonly string[],
): void {
  for (const key of Object.keys(options)) {
    if (!allowed.includes(key)) {
      throw new InvalidArgumentError({
        argument: key,
        value: options[key],
        message: `${key} is not an option of ${factory}; allowed: ${allowed.join(', ')}`,
      })
    }
  }
}

/**
 * Reads an array of non-negative integer steps that must be strictly increasing (`order: 'strict'`,
 * boundaries, knots) or non-decreasing (`order: 'nonDecreasing'`, PyTorch milestones, where a
 * repeat counts twice). Errors name the element (`boundaries[2] must be an integer > 5 …`).
 */
export function stepSequence(
  argument: string,
  value: unknown,
  {
    order,
    minLength = 0,
    length,
  }: { order: 'strict' | 'nonDecreasing'; minLength?: number; length?: number },
): Float64Array {
  const words = order === 'strict' ? 'strictly increasing' : 'non-decreasing'
  const expected =
    length !== undefined
      ? `an array of ${length} ${words} non-negative integers`
      : `${minLength > 0 ? 'a non-empty' : 'an'} array of ${words} non-negative integers`
  if (
    !Array.isArray(value) ||
    value.length < minLength ||
    (length !== undefined && value.length !== length)
  ) {
    throw new InvalidArgumentError({ argument, value, expected })
  }
  const steps = new Float64Array(value.length)
  for (let index = 0; index < value.length; index++) {
    const step = nonNegativeInteger(`${argument}[${index}]`, value[index])
    const previous = index > 0 ? steps[index - 1]! : undefined
    if (previous !== undefined && (order === 'strict' ? step <= previous : step < previous)) {
      throw new InvalidArgumentError({
        argument: `${argument}[${index}]`,
        value: step,
        expected: `an integer ${order === 'strict' ? '>' : '>='} ${previous} (${argument} must be ${words})`,
      })
    }
    steps[index] = step
  }
  return steps
}

/** Reads an array of exactly `length` finite numbers ≥ 0; `expected` describes the length rule. */
export function nonNegativeNumbers(
  argument: string,
  value: unknown,
  length: number,
  expected: string,
): Float64Array {
  if (!Array.isArray(value) || value.length !== length) {
    throw new InvalidArgumentError({ argument, value, expected })
  }
  const numbers = new Float64Array(length)
  for (let index = 0; index < length; index++) {
    numbers[index] = nonNegativeNumber(`${argument}[${index}]`, value[index])
  }
  return numbers
}
