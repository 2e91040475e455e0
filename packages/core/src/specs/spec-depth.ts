import { InvalidArgumentError } from '../errors/invalid-argument-error'

/**
 * The deepest nesting a schedule spec may have: a spec may sit at most this many `schedule` /
 * `schedules[i]` levels below the root (warmup, sequence, scale and clamp inside each other). Real
 * specs nest two or three levels; the limit only exists so that a hostile or generated spec nested
 * thousands of levels deep is rejected with a clear error instead of overflowing the call stack in
 * validation, compilation, freezing, evaluation or the scheduler's fingerprint. @internal
 */
export const MAX_SPEC_DEPTH = 64

/**
 * Checks, without recursion, that no spec inside `input` is nested deeper than
 * {@link MAX_SPEC_DEPTH} levels (following `schedule` and `schedules[i]` of any object, whatever
 * its kind, so that neither the validator nor anything after it recurses deeper). Cycles are
 * reported as too deep too. Returns the error to throw, or `undefined` when the depth is fine.
 *
 * @param input - the candidate spec (any value; non-objects pass).
 * @param rootPath - the path of `input` in error messages (`''` for a root spec, `'schedule'` in a
 *   config, `'schedule.spec'` in the scheduler).
 * @internal
 */
export function specDepthError(input: unknown, rootPath: string): InvalidArgumentError | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [
    { value: input, path: rootPath, depth: 0 },
  ]
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop() as { value: unknown; path: string; depth: number }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) continue
    const record = value as { readonly schedule?: unknown; readonly schedules?: unknown }
    const children: Array<{ value: unknown; path: string }> = []
    if (record.schedule !== null && typeof record.schedule === 'object') {
      children.push({ value: record.schedule, path: joinPath(path, 'schedule') })
    }
    if (Array.isArray(record.schedules)) {
      const base = joinPath(path, 'schedules')
      record.schedules.forEach((child, index) => {
        children.push({ value: child, path: `${base}[${index}]` })
      })
    }
    for (const child of children) {
      if (depth + 1 > MAX_SPEC_DEPTH) {
        return new InvalidArgumentError({
          argument: child.path,
          value: child.value,
          message: `${child.path} is nested more than ${MAX_SPEC_DEPTH} levels deep; a schedule spec may nest at most ${MAX_SPEC_DEPTH} levels of warmup, sequence, scale and clamp specs inside each other`,
        })
      }
      stack.push({ value: child.value, path: child.path, depth: depth + 1 })
    }
  }
  return undefined
}

function joinPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`
}
