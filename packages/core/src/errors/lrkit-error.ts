const marker = 'lrkit.error'
const symbol = /* @__PURE__ */ Symbol.for(marker)

/**
 * Base class of every error lrkit throws.
 *
 * Identification survives duplicate or dual (ESM + CJS) copies of the package: use
 * {@link LrKitError.isInstance} rather than `instanceof` when the error may come from another copy.
 *
 * @example
 * ```ts
 * let caught: unknown
 * try { cosineSchedule({ initValue: 0.1, totalSteps: -1 }) } catch (error) { caught = error }
 * LrKitError.isInstance(caught) // true (an InvalidArgumentError, from whichever copy of lrkit)
 * if (LrKitError.isInstance(caught)) caught.message // 'totalSteps must be a positive integer, got -1'
 * ```
 */
export class LrKitError extends Error {
  /** @internal Marker that identifies this error class across package copies. */
  readonly [symbol] = true

  /**
   * @param options - the error's name, message and optional cause
   * @param options.name - the error's name (the subclass name)
   * @param options.message - what went wrong and what to do about it
   * @param options.cause - the underlying error, if this one wraps another
   */
  constructor({ name, message, cause }: { name: string; message: string; cause?: unknown }) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = name
  }

  /** True when `error` is an lrkit error from any copy of the package. */
  static isInstance(error: unknown): error is LrKitError {
    return LrKitError.hasMarker(error, marker)
  }

  /** @internal */
  protected static hasMarker(error: unknown, markerName: string): boolean {
    const markerSymbol = Symbol.for(markerName)
    return (
      error != null &&
      typeof error === 'object' &&
      markerSymbol in error &&
      (error as Record<symbol, unknown>)[markerSymbol] === true
    )
  }
}
