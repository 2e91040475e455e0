/**
 * The page's shareable state and its URL form: JSON compressed with lz-string into the fragment
 * (`#s=…`), so a link carries the schedules and the chart settings and never reaches a server.
 * Decoding validates every spec with core, so a damaged link gives core's message, not a broken page.
 */
import { InvalidArgumentError, type LrKitConfig, parseScheduleSpec, type ScheduleSpec } from '@lrkit/core'
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string'

/** At most this many schedules are compared on one chart. */
export const MAX_COMPARED = 3

/** What a link restores. */
export interface ShareState {
  /** The compared schedules (1 to {@link MAX_COMPARED}); the first is the one trained with. */
  readonly schedules: readonly ScheduleSpec[]
  /** Index of the schedule open in the editor. */
  readonly active: number
  /** Logarithmic rate axis. */
  readonly logScale: boolean
  /** Steps shown on the chart; `undefined` = chosen from the schedules. */
  readonly steps?: number
  /** Learning-rate scale of the body group in training (the head's is 1). */
  readonly bodyScale: number
}

const PREFIX = 's='

/**
 * The URL fragment (without `#`) of a state.
 *
 * @param state - the state.
 * @returns `s=<lz-string of the JSON>`.
 */
export function encodeShareState(state: ShareState): string {
  const payload = {
    v: 1,
    schedules: state.schedules,
    active: state.active,
    log: state.logScale,
    ...(state.steps === undefined ? {} : { steps: state.steps }),
    bodyScale: state.bodyScale,
  }
  return PREFIX + compressToEncodedURIComponent(JSON.stringify(payload))
}

function fail(argument: string, value: unknown, expected: string): never {
  throw new InvalidArgumentError({ argument, value, expected })
}

/**
 * The state in a URL fragment.
 *
 * @param fragment - `location.hash` with or without the leading `#`.
 * @returns The state, or `undefined` for a fragment without `s=`.
 * @throws InvalidArgumentError naming the first bad part: the compressed text, a field of the state,
 *   or (with core's message and path) a schedule, e.g. `schedules[0].totalSteps must be a positive integer, got 0`.
 */
export function decodeShareState(fragment: string): ShareState | undefined {
  const hash = fragment.startsWith('#') ? fragment.slice(1) : fragment
  const part = hash.split('&').find((entry) => entry.startsWith(PREFIX))
  if (part === undefined) return undefined
  const text = decompressFromEncodedURIComponent(part.slice(PREFIX.length))
  let payload: unknown
  try {
    payload = text === null || text === '' ? undefined : JSON.parse(text)
  } catch {
    payload = undefined
  }
  if (payload === null || typeof payload !== 'object') {
    fail(
      'link',
      `${part.slice(PREFIX.length, PREFIX.length + 24)}…`,
      'a link made by the playground (compressed JSON after #s=)',
    )
  }
  const record = payload as Record<string, unknown>
  if (record.v !== 1) fail('v', record.v, '1')
  const list = record.schedules
  if (!Array.isArray(list) || list.length < 1 || list.length > MAX_COMPARED) {
    fail('schedules', list, `an array of 1 to ${MAX_COMPARED} schedule specs`)
  }
  const schedules = list.map((spec, index) => {
    try {
      const { version: _version, ...parsed } = parseScheduleSpec(spec)
      return parsed as ScheduleSpec
    } catch (error) {
      if (InvalidArgumentError.isInstance(error)) {
        throw new InvalidArgumentError({
          argument: `schedules[${index}].${error.argument}`,
          value: error.value,
          message: `schedules[${index}].${error.message}`,
        })
      }
      throw error
    }
  })
  const active = record.active
  if (typeof active !== 'number' || !Number.isInteger(active) || active < 0 || active >= schedules.length) {
    fail('active', active, `an integer from 0 to ${schedules.length - 1}`)
  }
  if (typeof record.log !== 'boolean') fail('log', record.log, 'true or false')
  const steps = record.steps
  if (steps !== undefined && (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1)) {
    fail('steps', steps, 'a positive integer')
  }
  const bodyScale = record.bodyScale
  if (typeof bodyScale !== 'number' || !Number.isFinite(bodyScale) || bodyScale < 0) {
    fail('bodyScale', bodyScale, 'a finite number >= 0')
  }
  return {
    schedules,
    active,
    logScale: record.log,
    ...(steps === undefined ? {} : { steps: steps as number }),
    bodyScale,
  }
}

/**
 * The `lrkit.config.json` of a state: the active schedule and, for the two training groups, their
 * learning-rate scales.
 *
 * @param state - the state.
 * @returns The config (valid for core's `parseLrKitConfig`).
 */
export function configOf(state: ShareState): LrKitConfig {
  return {
    $schema: './node_modules/@lrkit/core/schema/lrkit.schema.json',
    version: 1,
    schedule: { version: 1, ...(state.schedules[state.active] as ScheduleSpec) },
    groups: { body: state.bodyScale, head: 1 },
  }
}
