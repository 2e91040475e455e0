import { CliError } from '../cli-error'

/**
 * Parses a finite number flag value (`1e-3`, `0.5`).
 *
 * @throws CliError (`usage`) naming the flag, the value and the allowed range, e.g.
 *   `--start must be a number > 0, got "x"`.
 */
export function numberFlag(
  flag: string,
  value: string,
  { min, exclusiveMin = false }: { min?: number; exclusiveMin?: boolean } = {},
): number {
  const number = value.trim() === '' ? Number.NaN : Number(value)
  const ok = Number.isFinite(number) && (min === undefined || (exclusiveMin ? number > min : number >= min))
  if (!ok) {
    const range = min === undefined ? '' : ` ${exclusiveMin ? '>' : '>='} ${min}`
    throw new CliError({
      kind: 'usage',
      problem: `${flag} must be a number${range}, got ${JSON.stringify(value)}`,
      fix: `e.g. ${flag} 1e-3`,
    })
  }
  return number
}
