import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { clampSchedule } from '../schedules/clamp-schedule'
import { constantSchedule } from '../schedules/constant-schedule'
import { cosineRestartsSchedule } from '../schedules/cosine-restarts-schedule'
import { cosineSchedule } from '../schedules/cosine-schedule'
import { cyclicSchedule } from '../schedules/cyclic-schedule'
import { exponentialSchedule } from '../schedules/exponential-schedule'
import { inverseSqrtSchedule } from '../schedules/inverse-sqrt-schedule'
import { linearSchedule } from '../schedules/linear-schedule'
import { multiStepSchedule } from '../schedules/multi-step-schedule'
import { oneCycleSchedule } from '../schedules/one-cycle-schedule'
import { piecewiseConstantSchedule } from '../schedules/piecewise-constant-schedule'
import { piecewiseInterpolateSchedule } from '../schedules/piecewise-interpolate-schedule'
import { polynomialSchedule } from '../schedules/polynomial-schedule'
import { scaleSchedule } from '../schedules/scale-schedule'
import { sequenceSchedule } from '../schedules/sequence-schedule'
import { stepSchedule } from '../schedules/step-schedule'
import type { Schedule } from '../schedules/types'
import { upperBoundOf, withUpperBound } from '../schedules/upper-bound'
import { warmupSchedule } from '../schedules/warmup-schedule'
import { warmupStableDecaySchedule } from '../schedules/warmup-stable-decay-schedule'
import {
  type LrKitConfig,
  SCHEDULE_SPEC_KINDS,
  type ScheduleSpec,
  type ScheduleSpecKind,
  specKindOptionKeys,
  specSchemas,
  type VersionedScheduleSpec,
} from './schedule-spec-schema'
import { specDepthError } from './spec-depth'

/**
 * A schedule compiled from a spec: the schedule function itself, carrying the (validated, frozen)
 * spec it was built from, so it can be saved, shown or rebuilt.
 */
export type CompiledSchedule = Schedule & {
  /** The validated, deep-frozen spec the schedule was compiled from (enumerable; JSON-serialisable). */
  readonly spec: ScheduleSpec
}

/** The result of {@link safeParseScheduleSpec}: the spec, or the error {@link parseScheduleSpec} would throw. */
export type SafeParseScheduleSpecResult =
  | {
      /** Discriminator: `true` when the input is a valid spec. */
      readonly success: true
      /** The validated spec, a deep-frozen copy of the input. */
      readonly spec: VersionedScheduleSpec
    }
  | {
      /** Discriminator: `false` when the input is not a valid spec. */
      readonly success: false
      /** The error {@link parseScheduleSpec} would throw, naming the offending option path. */
      readonly error: InvalidArgumentError
    }

/**
 * Validates a JSON schedule spec and compiles it to a schedule by calling the matching factories.
 *
 * `spec` is `{ kind: '<kind>', ...options }` with the options of the factory of that kind
 * (`cosine` → `cosineSchedule`, …; see `docs/architecture/core-api.md`); combinators nest specs in
 * `schedule` / `schedules`; the root may carry `version: 1`. Validation is complete before the first
 * step: structure, kinds, option names and types by the spec schema, cross-option rules by the
 * factories themselves.
 *
 * @param spec - the spec, typically `JSON.parse`d from a file, a CLI flag or a URL.
 * @returns The compiled schedule, with the validated spec frozen on `.spec`; values are identical to
 *   calling the factories directly.
 * @throws InvalidArgumentError — exactly one, whose `argument` is the full path of the offending value
 *   and whose message reads `<path> must be <allowed>, got <value>`, e.g.
 *   `schedules[1].transitionSteps must be a positive integer, got -5`; an unknown kind lists every
 *   kind (`kind must be one of "constant", "linear", …, got "cosin"`); an unknown key names the key
 *   and the allowed ones. A spec nested more than 64 levels deep (warmup, sequence, scale and clamp
 *   inside each other) is rejected at the path of the first spec too deep.
 *
 * @example
 * ```ts
 * const lr = schedule({
 *   version: 1,
 *   kind: 'warmup',
 *   warmupSteps: 2,
 *   schedule: { kind: 'cosine', initValue: 1, totalSteps: 8 },
 * })
 * lr(0) // 0
 * lr(1) // 0.5
 * lr(2) // 1 (warmup done, cosine step 0)
 * lr(10) // 0 (cosine end, clamped)
 * lr(1e12) // 0
 * ```
 *
 * Equivalents: Keras `learning_rate_schedule.deserialize(config)` / `from_config`, tfjs
 * `getConfig`/`fromConfig`; neither validates unknown keys or reports a nested path, and both resolve
 * class names through a global registry, where lrkit uses a fixed table of kinds.
 */
export function schedule(spec: unknown): CompiledSchedule {
  const parsed = parseScheduleSpec(spec)
  const compiled = compileSpec(parsed, '')
  // The wrapper keeps the compiled schedule's upper bound, so combinators of it check overflow too.
  const result = withUpperBound((step: number): number => compiled(step), upperBoundOf(compiled))
  Object.defineProperty(result, 'spec', { value: parsed, enumerable: true })
  return Object.freeze(result) as CompiledSchedule
}

/**
 * Validates the structure of a schedule spec without compiling it: kinds, option names, option types
 * and simple ranges. Cross-option rules (e.g. `values.length = boundaries.length + 1`) are checked by
 * {@link schedule}.
 *
 * @param input - the candidate spec.
 * @returns A deep-frozen copy of the spec.
 * @throws InvalidArgumentError with the full path of the first problem (see {@link schedule}).
 *
 * @example
 * ```ts
 * parseScheduleSpec({ kind: 'constant', value: 0.1 }) // { kind: 'constant', value: 0.1 }
 * parseScheduleSpec({ kind: 'cosin' }) // throws: kind must be one of "constant", …, got "cosin"
 * ```
 */
export function parseScheduleSpec(input: unknown): VersionedScheduleSpec {
  const result = safeParseScheduleSpec(input)
  if (!result.success) throw result.error
  return result.spec
}

/**
 * The non-throwing pair of {@link parseScheduleSpec}.
 *
 * @param input - the candidate spec.
 * @returns `{ success: true, spec }` or `{ success: false, error }` with the {@link InvalidArgumentError}
 *   that {@link parseScheduleSpec} would throw; never throws, also not for a spec nested thousands of
 *   levels deep (a failure: at most 64 levels of nesting).
 *
 * @example
 * ```ts
 * const result = safeParseScheduleSpec({ kind: 'cosine', initValue: 0.1, totalSteps: -5 })
 * if (!result.success) result.error.message // 'totalSteps must be a positive integer, got -5'
 * ```
 */
export function safeParseScheduleSpec(input: unknown): SafeParseScheduleSpecResult {
  const depthError = specDepthError(input, '')
  if (depthError !== undefined) return { success: false, error: depthError }
  const result = specSchemas().scheduleSpecSchema.safeParse(input)
  if (result.success) return { success: true, spec: deepFreeze(result.data) }
  return {
    success: false,
    error: issueToError(result.error.issues as readonly Issue[], input, 'spec', 'spec'),
  }
}

/**
 * Validates a `lrkit.config.json` object: `{ $schema?, version: 1, schedule, plateau?, groups? }`,
 * including every check of {@link schedule} on `schedule` (paths start with `schedule.`).
 *
 * @param input - the parsed JSON.
 * @returns A deep-frozen copy of the config.
 * @throws InvalidArgumentError with the full path of the first problem, e.g.
 *   `schedule.schedules[0].totalSteps must be a positive integer, got 0` or
 *   `plateau.factor must be a number with 0 < factor < 1, got 2`.
 *
 * @example
 * ```ts
 * // doctest: skip — illustrative: reads lrkit.config.json from disk
 * const config = parseLrKitConfig(JSON.parse(readFileSync('lrkit.config.json', 'utf8')))
 * const lr = schedule(config.schedule)
 * ```
 */
export function parseLrKitConfig(input: unknown): LrKitConfig {
  if (input !== null && typeof input === 'object') {
    const depthError = specDepthError((input as { readonly schedule?: unknown }).schedule, 'schedule')
    if (depthError !== undefined) throw depthError
  }
  const result = specSchemas().lrKitConfigSchema.safeParse(input)
  if (!result.success) throw issueToError(result.error.issues as readonly Issue[], input, 'config', 'config')
  keepProtoGroup((input as { readonly groups?: unknown }).groups, result.data)
  compileSpec(result.data.schedule, 'schedule')
  return deepFreeze(result.data)
}

/**
 * zod's record parser skips a key named `__proto__` (unchecked and absent from the output), so a
 * group of that name would be lost silently. Such a group is checked like any other and kept as an
 * ordinary own key of the (null-prototype) `groups` record.
 */
function keepProtoGroup(inputGroups: unknown, config: LrKitConfig): void {
  if (inputGroups === null || typeof inputGroups !== 'object' || !Object.hasOwn(inputGroups, '__proto__')) {
    return
  }
  const value: unknown = Object.getOwnPropertyDescriptor(inputGroups, '__proto__')?.value
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError({ argument: 'groups.__proto__', value, expected: 'a finite number >= 0' })
  }
  // Rebuilt in the input's key order; a null prototype makes `__proto__` an ordinary own key.
  const parsed = config.groups as Record<string, number>
  const groups: Record<string, number> = Object.create(null)
  for (const key of Object.keys(inputGroups)) {
    const entry = key === '__proto__' ? value : parsed[key]
    Object.defineProperty(groups, key, { value: entry, enumerable: true, writable: true, configurable: true })
  }
  config.groups = groups
}

// ---------------------------------------------------------------------------------------------
// Compilation
// ---------------------------------------------------------------------------------------------

type Factory = (options: Record<string, unknown>) => Schedule

type CombinatorKind = 'warmup' | 'sequence' | 'scale' | 'clamp'

// Plain references, no calls: a table a bundler can drop when `schedule()` is unused.
const LEAF_FACTORIES: Readonly<
  Record<Exclude<ScheduleSpecKind, CombinatorKind>, (options: never) => Schedule>
> = {
  constant: constantSchedule,
  linear: linearSchedule,
  step: stepSchedule,
  multiStep: multiStepSchedule,
  exponential: exponentialSchedule,
  polynomial: polynomialSchedule,
  cosine: cosineSchedule,
  cosineRestarts: cosineRestartsSchedule,
  cyclic: cyclicSchedule,
  oneCycle: oneCycleSchedule,
  inverseSqrt: inverseSqrtSchedule,
  warmupStableDecay: warmupStableDecaySchedule,
  piecewiseConstant: piecewiseConstantSchedule,
  piecewiseInterpolate: piecewiseInterpolateSchedule,
}

const COMBINATOR_FACTORIES: Readonly<Record<CombinatorKind, (options: never) => Schedule>> = {
  warmup: warmupSchedule,
  sequence: sequenceSchedule,
  scale: scaleSchedule,
  clamp: clampSchedule,
}

/** Compiles a validated spec; nested specs first, so their errors carry their own full path. */
function compileSpec(spec: VersionedScheduleSpec, path: string): Schedule {
  const options: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(spec)) {
    if (key !== 'kind' && key !== 'version' && value !== undefined) options[key] = value
  }
  switch (spec.kind) {
    case 'warmup':
    case 'scale':
    case 'clamp':
      options.schedule = compileSpec(spec.schedule, joinPath(path, 'schedule'))
      return callFactory(COMBINATOR_FACTORIES[spec.kind] as Factory, options, path)
    case 'sequence':
      options.schedules = spec.schedules.map((child, index) =>
        compileSpec(child, `${joinPath(path, 'schedules')}[${index}]`),
      )
      return callFactory(COMBINATOR_FACTORIES.sequence as Factory, options, path)
    default:
      return callFactory(LEAF_FACTORIES[spec.kind] as Factory, options, path)
  }
}

/** Calls a factory and prefixes the spec path to the `argument` (and message) of its error. */
function callFactory(create: Factory, options: Record<string, unknown>, path: string): Schedule {
  try {
    return create(options)
  } catch (error) {
    if (path === '' || !InvalidArgumentError.isInstance(error)) throw error
    const argument = joinPath(path, error.argument)
    const message = error.message.startsWith(error.argument)
      ? `${argument}${error.message.slice(error.argument.length)}`
      : `${path}: ${error.message}`
    throw new InvalidArgumentError({ argument, value: error.value, message, cause: error })
  }
}

// ---------------------------------------------------------------------------------------------
// Error messages
// ---------------------------------------------------------------------------------------------

interface Issue {
  readonly code: string
  readonly path: readonly PropertyKey[]
  readonly message: string
  readonly keys?: readonly string[]
  readonly discriminator?: string
}

const CONFIG_KEYS = ['$schema', 'version', 'schedule', 'plateau', 'groups'] as const

/**
 * Turns the first zod issue into lrkit's single `InvalidArgumentError`. Unknown keys win over other
 * issues of the same parse, since a misspelt option also shows up as a missing one.
 */
function issueToError(
  issues: readonly Issue[],
  input: unknown,
  rootName: string,
  context: 'spec' | 'config',
): InvalidArgumentError {
  const issue = issues.find((candidate) => candidate.code === 'unrecognized_keys') ?? issues[0]
  if (issue === undefined) {
    return new InvalidArgumentError({ argument: rootName, value: input, expected: 'valid' })
  }
  if (issue.code === 'unrecognized_keys' && issue.keys !== undefined && issue.keys.length > 0) {
    const container = valueAt(input, issue.path)
    const key = issue.keys[0] as string
    const argument = joinPath(formatPath(issue.path), key)
    const { owner, allowed } = allowedKeys(container, issue.path, context)
    return new InvalidArgumentError({
      argument,
      value: (container as Record<string, unknown>)[key],
      message: `${argument} is not an option of ${owner}; allowed: ${allowed.join(', ')}`,
    })
  }
  const argument = formatPath(issue.path) || rootName
  const value = valueAt(input, issue.path)
  const expected =
    issue.code === 'invalid_union' && issue.discriminator !== undefined
      ? `one of ${SCHEDULE_SPEC_KINDS.map((kind) => `"${kind}"`).join(', ')}`
      : issue.message
  return new InvalidArgumentError({ argument, value, expected })
}

function allowedKeys(
  container: unknown,
  path: readonly PropertyKey[],
  context: 'spec' | 'config',
): { owner: string; allowed: readonly string[] } {
  const kind = (container as { kind?: unknown }).kind
  if (typeof kind === 'string' && (SCHEDULE_SPEC_KINDS as readonly string[]).includes(kind)) {
    const isRoot = context === 'spec' ? path.length === 0 : path.length === 1 && path[0] === 'schedule'
    const keys = specKindOptionKeys(kind as ScheduleSpecKind)
    return { owner: `a "${kind}" spec`, allowed: isRoot ? [...keys, 'version'] : keys }
  }
  if (context === 'config' && path.length === 1 && path[0] === 'plateau') {
    return { owner: 'plateau', allowed: specKindOptionKeys('plateau') }
  }
  return { owner: 'lrkit.config', allowed: CONFIG_KEYS }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = input
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined
    current = (current as Record<PropertyKey, unknown>)[segment]
  }
  return current
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `['schedules', 1, 'transitionSteps']` → `schedules[1].transitionSteps`. */
function formatPath(path: readonly PropertyKey[]): string {
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else text = joinPath(text, String(segment))
  }
  return text
}

function joinPath(path: string, key: string): string {
  if (!IDENTIFIER.test(key.split(/[.[]/, 1)[0] ?? '')) return `${path}[${JSON.stringify(key)}]`
  return path === '' ? key : `${path}.${key}`
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const entry of Object.values(value)) deepFreeze(entry)
    Object.freeze(value)
  }
  return value
}
