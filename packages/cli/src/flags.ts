import { CliError } from './cli-error'

/**
 * Parses an integer flag value.
 *
 * @throws CliError (`usage`) naming the flag, the value and the allowed range, e.g.
 *   `--steps must be an integer >= 1, got "ten"`.
 */
export function integerFlag(
  flag: string,
  value: string,
  { min, max }: { min: number; max?: number },
): number {
  const number = /^\s*[+-]?\d+(\.0*)?\s*$|^\s*\d+(\.\d+)?e\+?\d+\s*$/i.test(value)
    ? Number(value)
    : Number.NaN
  if (!Number.isSafeInteger(number) || number < min || (max !== undefined && number > max)) {
    const range = max === undefined ? `>= ${min}` : `from ${min} to ${max}`
    throw new CliError({
      kind: 'usage',
      problem: `${flag} must be an integer ${range}, got ${JSON.stringify(value)}`,
      fix: `e.g. ${flag} ${Math.max(min, Math.min(max ?? 1000, 1000))}`,
    })
  }
  return number
}
