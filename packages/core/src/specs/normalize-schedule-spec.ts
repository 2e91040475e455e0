/**
 * The normal form of a schedule spec, for comparing specs by meaning rather than by spelling: the
 * scheduler's resume fingerprint is the canonical JSON of this form. Internal: not exported from the
 * package entry point. Plain data and no validator, so that `createScheduler` does not pull the spec
 * schemas (or zod) into a bundle.
 */

/**
 * The default of every optional option that has one, per kind: the values the factories use when
 * the option is absent (a test compiles every kind with and without them and compares the values).
 * Options without a default that can be written in JSON (clamp's bounds, exponential's `endValue`,
 * cosineRestarts' `maxCycles`) stay absent.
 */
const DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  linear: { transitionBegin: 0 },
  step: { factor: 0.1 },
  multiStep: { factor: 0.1, changeAt: 'boundary' },
  exponential: { transitionSteps: 1, transitionBegin: 0, staircase: false },
  polynomial: { endValue: 0, exponent: 1, transitionBegin: 0 },
  cosine: { endValue: 0, exponent: 1, afterEnd: 'clamp' },
  cosineRestarts: { periodMultiplier: 1, peakDecay: 1, endValue: 0 },
  cyclic: { stepsUp: 2000, mode: 'triangular', gamma: 1 },
  oneCycle: {
    pctStart: 0.3,
    annealStrategy: 'cos',
    divFactor: 25,
    finalDivFactor: 1e4,
    threePhase: false,
    convention: 'pytorch',
    afterEnd: 'clamp',
  },
  inverseSqrt: { timescale: 10000, transitionBegin: 0 },
  warmupStableDecay: { initValue: 0, endValue: 0, warmupType: 'linear', decayType: 'cosine' },
  piecewiseConstant: { changeAt: 'boundary' },
  piecewiseInterpolate: { interpolation: 'linear' },
  warmup: { shape: 'linear', placement: 'prepend' },
}

/**
 * Returns a new spec with the same meaning in normal form: the root `version` dropped, keys whose
 * value is `undefined` dropped, and every option with a default written out (including the
 * defaults that depend on other options: cyclic `stepsDown` = `stepsUp`, warmup `initValue` 0 when
 * no `startFactor` is given, oneCycle `pctFinal` 0.85 under the optax three-phase convention).
 * Nested specs (`schedule`, `schedules`) of the combinator kinds are normalized too; unknown kinds
 * and unknown keys are kept as they are. The input must already be depth-checked
 * (`specDepthError`); it is not modified.
 *
 * @param spec - a schedule spec (validated or not).
 * @returns The normal form; a non-object input is returned unchanged.
 * @internal
 */
export function normalizeScheduleSpec(spec: unknown): unknown {
  return normalize(spec, true)
}

function normalize(spec: unknown, isRoot: boolean): unknown {
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) return spec
  const source = spec as Readonly<Record<string, unknown>>
  const kind = source.kind
  // Null prototype: a key named "__proto__" stays an ordinary key (and in the fingerprint).
  const result: Record<string, unknown> = Object.create(null)
  for (const key of Object.keys(source)) {
    const value = source[key]
    if (value === undefined || (isRoot && key === 'version')) continue
    result[key] = value
  }
  if (typeof kind !== 'string') return result
  const defaults = Object.hasOwn(DEFAULTS, kind) ? DEFAULTS[kind] : undefined
  if (defaults !== undefined) {
    for (const key of Object.keys(defaults)) {
      if (!Object.hasOwn(result, key)) result[key] = defaults[key]
    }
  }
  switch (kind) {
    case 'cyclic':
      if (!Object.hasOwn(result, 'stepsDown')) result.stepsDown = result.stepsUp
      break
    case 'warmup':
      if (!Object.hasOwn(result, 'initValue') && !Object.hasOwn(result, 'startFactor')) result.initValue = 0
      break
    case 'oneCycle':
      if (result.convention === 'optax' && result.threePhase === true && !Object.hasOwn(result, 'pctFinal')) {
        result.pctFinal = 0.85
      }
      break
  }
  if ((kind === 'warmup' || kind === 'scale' || kind === 'clamp') && Object.hasOwn(result, 'schedule')) {
    result.schedule = normalize(result.schedule, false)
  }
  if (kind === 'sequence' && Array.isArray(result.schedules)) {
    result.schedules = result.schedules.map((child: unknown) => normalize(child, false))
  }
  return result
}
