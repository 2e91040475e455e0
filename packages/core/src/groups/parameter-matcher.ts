/**
 * Matching of parameter names against group selectors and name lists. Internal to `src/groups/`:
 * the public types are re-exported by the modules that use them.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'

/** One name pattern: a string (see {@link MatchMode}) or a regular expression tested against the full name. */
export type ParameterPattern = string | RegExp

/**
 * What a group selector matches: one pattern, a non-empty list of patterns (any of them), or a predicate
 * receiving the full parameter name and returning `true` for the parameters of the group.
 */
export type ParameterMatch =
  | ParameterPattern
  | readonly ParameterPattern[]
  | ((parameterName: string) => boolean)

/**
 * How string patterns match.
 *
 * - `'prefix'` (default): the name equals the pattern, or starts with it followed by a segment separator
 *   (`.` as in PyTorch / HF `named_parameters()`, `/` as in TF.js variable names). `'encoder.0'` matches
 *   `'encoder.0'`, `'encoder.0.weight'` and `'encoder.0/kernel'`, but not `'encoder.01.weight'`. A pattern
 *   ending in a separator (`'encoder.'`) matches every name that starts with it.
 * - `'exact'`: the name equals the pattern.
 *
 * Regular expressions are always tested against the full name (`RegExp.prototype.test`, without the
 * `g` / `y` flags so that repeated tests are stateless); anchor them (`^…$`) when you mean it.
 */
export type MatchMode = 'exact' | 'prefix'

function isSeparator(character: string | undefined): boolean {
  return character === '.' || character === '/'
}

/** True when `name` equals `prefix` or continues it at a segment boundary (`.` or `/`). */
export function matchesPrefix(name: string, prefix: string): boolean {
  if (name === prefix) return true
  if (!name.startsWith(prefix)) return false
  return isSeparator(prefix[prefix.length - 1]) || isSeparator(name[prefix.length])
}

function compilePattern(argument: string, pattern: unknown, mode: MatchMode): (name: string) => boolean {
  if (typeof pattern === 'string') {
    if (pattern.length === 0) {
      throw new InvalidArgumentError({ argument, value: pattern, expected: 'a non-empty string or a RegExp' })
    }
    return mode === 'exact' ? (name) => name === pattern : (name) => matchesPrefix(name, pattern)
  }
  if (pattern instanceof RegExp) {
    const stateless = new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''))
    return (name) => stateless.test(name)
  }
  throw new InvalidArgumentError({ argument, value: pattern, expected: 'a non-empty string or a RegExp' })
}

/**
 * Validates `match` and returns a predicate over parameter names.
 * @param argument - the option path used in error messages, e.g. `groups[2].match`
 */
export function compileParameterMatch(
  argument: string,
  match: unknown,
  mode: MatchMode,
): (parameterName: string) => boolean {
  if (typeof match === 'function') {
    const predicate = match as (parameterName: string) => unknown
    return (name) => predicate(name) === true
  }
  if (Array.isArray(match)) {
    if (match.length === 0) {
      throw new InvalidArgumentError({
        argument,
        value: match,
        expected: 'a string, a RegExp, a non-empty array of them or a function',
      })
    }
    const predicates = match.map((pattern, index) => compilePattern(`${argument}[${index}]`, pattern, mode))
    return (name) => predicates.some((predicate) => predicate(name))
  }
  if (typeof match === 'string' || match instanceof RegExp) return compilePattern(argument, match, mode)
  throw new InvalidArgumentError({
    argument,
    value: match,
    expected: 'a string, a RegExp, a non-empty array of them or a function',
  })
}
