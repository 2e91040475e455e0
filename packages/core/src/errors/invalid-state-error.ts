import { LrKitError } from './lrkit-error'

const marker = 'lrkit.error.InvalidStateError'
const symbol = /* @__PURE__ */ Symbol.for(marker)

/**
 * Saved state cannot be used: a wrong `version`, state from a different schedule, optimizer or set of
 * parameters, or an operation called in the wrong order (e.g. a step before `init`).
 */
export class InvalidStateError extends LrKitError {
  /** @internal Marker that identifies this error class across package copies. */
  readonly [symbol] = true

  /**
   * @param options - the message and optional cause
   * @param options.message - what is wrong with the state and what to do about it
   * @param options.cause - the underlying error, if any
   */
  constructor({ message, cause }: { message: string; cause?: unknown }) {
    super({ name: 'InvalidStateError', message, cause })
  }

  /** True when `error` is an {@link InvalidStateError} from any copy of the package. */
  static override isInstance(error: unknown): error is InvalidStateError {
    return LrKitError.hasMarker(error, marker)
  }
}
