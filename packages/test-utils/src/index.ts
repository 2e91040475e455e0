import { expect } from 'vitest'

/** Tolerances for {@link expectClose}: |actual − expected| ≤ atol + rtol·|expected|. */
export interface CloseOptions {
  /** Relative tolerance (default 1e-12). */
  rtol?: number
  /** Absolute tolerance (default 0). */
  atol?: number
  /** Text prepended to the failure message (e.g. `step 5`). */
  label?: string
}

/** Asserts |actual − expected| ≤ atol + rtol·|expected| (numpy `allclose` semantics), NaN never close. */
export function expectClose(actual: number, expected: number, options: CloseOptions = {}): void {
  const { rtol = 1e-12, atol = 0, label } = options
  const difference = Math.abs(actual - expected)
  const ok = actual === expected || difference <= atol + rtol * Math.abs(expected)
  if (!ok) {
    const where = label ? `${label}: ` : ''
    expect.fail(
      `${where}expected ${actual} to be close to ${expected} (difference ${difference}, rtol ${rtol}, atol ${atol})`,
    )
  }
}

/** {@link expectClose} element-wise; the lengths must match. */
export function expectAllClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: CloseOptions = {},
): void {
  expect(actual.length, `${options.label ?? ''} length`).toBe(expected.length)
  for (let index = 0; index < expected.length; index++) {
    expectClose(actual[index]!, expected[index]!, {
      ...options,
      label: `${options.label ? `${options.label} ` : ''}[${index}]`,
    })
  }
}

/**
 * Asserts that `make()` throws an lrkit `InvalidArgumentError` (recognised by its cross-copy marker,
 * so this package need not depend on @lrkit/core) with exactly `message`.
 */
export function expectInvalidArgument(make: () => unknown, message: string): void {
  let caught: unknown
  try {
    make()
  } catch (error) {
    caught = error
  }
  const marker = Symbol.for('lrkit.error.InvalidArgumentError')
  const branded =
    caught !== null && typeof caught === 'object' && (caught as Record<symbol, unknown>)[marker] === true
  expect(branded, `expected an InvalidArgumentError: ${message}`).toBe(true)
  expect((caught as Error).message).toBe(message)
}

/** The integers 0 … count − 1 (steps to evaluate a schedule at). */
export function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index)
}

/** Debian's chromium, the only browser the browser tests use (never a downloaded one). */
export const CHROMIUM_PATH = '/usr/bin/chromium'

/**
 * Options for playwright-core's `chromium.launchPersistentContext(userDataDir, options)`: Debian
 * chromium, headless, with the flags that keep it off the network (a closed sandbox refuses its
 * background connections) and without a GPU.
 */
export function chromiumLaunchOptions(
  viewport: { width: number; height: number } = { width: 1100, height: 900 },
) {
  return {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
