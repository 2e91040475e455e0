import { LrKitError } from './lrkit-error'

const marker = 'lrkit.error.InvalidArgumentError'
const symbol = /* @__PURE__ */ Symbol.for(marker)

/**
 * An option, argument or spec field has a value that is not allowed.
 *
 * `argument` is the path of the offending value (`warmupSteps`, `schedules[1].totalSteps`), `value`
 * the value received. The message names both and what is allowed, e.g.
 * `totalSteps must be a positive integer, got -5`.
 */
export class InvalidArgumentError extends LrKitError {
  /** @internal Marker that identifies this error class across package copies. */
  readonly [symbol] = true
  /** Path of the offending argument, e.g. `schedules[1].totalSteps`. */
  readonly argument: string
  /** The value that was received. */
  readonly value: unknown

  /**
   * @param options - the offending argument, its value, and what is allowed (or a full message)
   * @param options.argument - path of the offending argument
   * @param options.value - the value received
   * @param options.expected - what is allowed, used to build the default message (default `'valid'`)
   * @param options.message - full message; by default `<argument> must be <expected>, got <value>`
   * @param options.cause - the underlying error, if this one wraps another
   */
  constructor({
    argument,
    value,
    expected,
    message,
    cause,
  }: { argument: string; value: unknown; expected?: string; message?: string; cause?: unknown }) {
    super({
      name: 'InvalidArgumentError',
      message: message ?? `${argument} must be ${expected ?? 'valid'}, got ${formatValue(value)}`,
      cause,
    })
    this.argument = argument
    this.value = value
  }

  /** True when `error` is an {@link InvalidArgumentError} from any copy of the package. */
  static override isInstance(error: unknown): error is InvalidArgumentError {
    return LrKitError.hasMarker(error, marker)
  }
}

/**
 * Formats a received value for an error message: strings quoted, arrays and objects as short JSON.
 * @internal
 */
export function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  if (value === undefined) return 'undefined'
  if (typeof value === 'function') return 'a function'
  try {
    const text = JSON.stringify(value)
    return text.length > 80 ? `${text.slice(0, 77)}...` : text
  } catch {
    return String(value)
  }
}
