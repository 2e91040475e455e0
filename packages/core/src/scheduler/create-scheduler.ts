import { formatValue, InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import { optionTable } from '../internal/option-table'
import { functionValue, nonNegativeNumber, optionsObject } from '../internal/validate'
import type { Schedule } from '../schedules/types'
import { normalizeScheduleSpec } from '../specs/normalize-schedule-spec'
import { specDepthError } from '../specs/spec-depth'
import type { LearningRateTarget } from './learning-rate-target'
import type { PlateauController, PlateauState } from './reduce-on-plateau'

/**
 * The saved state of a {@link Scheduler}: plain JSON (`JSON.stringify` / `JSON.parse` round-trip
 * it exactly), passed back as `resumeFrom` to continue where it stopped.
 */
export interface SchedulerState {
  /** Format version of this state; always `1`. */
  readonly version: 1
  /** The 0-based optimizer step whose learning rate was current. */
  readonly step: number
  /** The plateau controller's state; present exactly when the scheduler has a plateau controller. */
  readonly plateau?: PlateauState
  /**
   * Canonical JSON (keys sorted) of the schedule's `spec` in normal form (the root `version`
   * dropped, every default written out), present when the schedule carries a spec (compiled specs
   * do). Resuming with a schedule whose spec means something else is rejected; the same spec
   * written with `version: 1`, with defaults spelt out or in another key order resumes.
   */
  readonly fingerprint?: string
}

/** Options of {@link createScheduler}. */
export interface CreateSchedulerOptions {
  /**
   * The base (head) learning rate as a pure function of the 0-based optimizer step; it must return
   * finite values ≥ 0. Required.
   */
  readonly schedule: Schedule
  /** Optional plateau controller (from `reduceOnPlateau`); its factor multiplies the schedule. Default none. */
  readonly plateau?: PlateauController
  /**
   * Parameter groups: group name → learning-rate scale (finite, ≥ 0; 1 for the head). At least
   * one group. Default `{ default: 1 }`.
   */
  readonly groups?: Readonly<Record<string, number>>
  /** Optional adapter that receives the group rates (see {@link LearningRateTarget}). Default none. */
  readonly target?: LearningRateTarget
  /**
   * State from `toJSON()` (possibly through `JSON.parse`) to continue an interrupted run; continuing
   * after a resume is bit-exact equal to an uninterrupted run. Default: start at step 0.
   */
  readonly resumeFrom?: SchedulerState
}

/**
 * The stateful joiner of a schedule, an optional plateau controller and parameter-group scales.
 * The only state is the step counter and the plateau state; everything else is recomputed.
 */
export interface Scheduler {
  /** The 0-based optimizer step whose learning rate is current: the next update uses it. */
  readonly step: number
  /** Base (head) learning rate of the current step: `schedule(step)` × plateau factor (floored). */
  readonly learningRate: number
  /** Learning rate of every group for the current step: `learningRate × scale_g`. Frozen. */
  readonly learningRates: Readonly<Record<string, number>>
  /**
   * Moves to the next step (saturating at `Number.MAX_SAFE_INTEGER`), pushes the new rates to the
   * target and returns the new base learning rate. Call it once after every optimizer update.
   */
  advance(): number
  /**
   * Feeds a metric (e.g. the validation loss) to the plateau controller. A reduction takes effect
   * at once: `learningRate` / `learningRates` of the current step change and are pushed to the
   * target, so the next optimizer update uses them.
   */
  reportMetric(value: number): void
  /** The state to save: `{ version: 1, step, plateau?, fingerprint? }`, plain JSON. */
  toJSON(): SchedulerState
}

const OPTIONS = /* @__PURE__ */ optionTable<CreateSchedulerOptions>()('createScheduler', [
  'schedule',
  'plateau',
  'groups',
  'target',
  'resumeFrom',
])
const stateKeys = ['version', 'step', 'plateau', 'fingerprint'] as const
const orderAdvice = 'Call them in this order for every update: optimizer.step(); scheduler.advance()'

/**
 * Creates the scheduler: the one small stateful object that joins a schedule, an optional
 * plateau controller and parameter-group scales, and pushes the result to an optimizer target.
 *
 * ```text
 * learningRate(t) = schedule(t) × ρ                           (ρ = plateau factor, 1 without one)
 *                 = min(s, max(s × ρ, minValue))              when the plateau has minValue > 0
 * lr_g(t)         = learningRate(t) × scale_g
 * ```
 *
 * `step` is the 0-based optimizer step whose rate is current: update k runs at `lr_g(k)`. The
 * constructor does **not** advance (unlike PyTorch's initial `step()`): it computes step 0 (or the
 * resumed step) and pushes those rates to the target. Then, for every update:
 * `optimizer.step(); scheduler.advance()`; and whenever a metric is available (e.g. per epoch):
 * `scheduler.reportMetric(validationLoss)`, which changes the rate used by the next update.
 *
 * When the target has `getStepCount()`, `advance()` throws `InvalidStateError` unless the
 * optimizer applied exactly one update since the previous `advance()` (or since construction):
 * zero means `advance()` was called before `optimizer.step()` (pytorch/pytorch#20124), more than
 * one means `advance()` calls were missed.
 *
 * @param options - the options, each documented (default, range, unit) on {@link CreateSchedulerOptions}.
 * @returns a {@link Scheduler}.
 * @throws InvalidArgumentError for invalid options; InvalidStateError for an invalid or mismatched
 *   `resumeFrom` (wrong version, bad step, plateau state without a controller or vice versa,
 *   different schedule spec), and from `advance()` for a wrong call order.
 *
 * @example
 * ```ts
 * const scheduler = createScheduler({
 *   schedule: (t) => Math.min(1, (t + 1) / 5) * 0.1,        // warmup to 0.1 over 5 steps
 *   plateau: reduceOnPlateau({ factor: 0.5, patience: 2 }),
 *   groups: { head: 1, body: 0.1 },
 * })
 * scheduler.learningRate        // ≈ 0.02 (step 0: 0.1 × 1/5)
 * scheduler.advance()           // ≈ 0.04 (step 1)
 * // … step 4 and later: 0.1; after a reduction: 0.05, body 0.005
 * JSON.stringify(scheduler)     // '{"version":1,"step":1,"plateau":{…}}'
 * ```
 *
 * Equivalents: PyTorch `LambdaLR` + `ReduceLROnPlateau` (which PyTorch cannot combine:
 * `SequentialLR`/`ChainedScheduler` reject `ReduceLROnPlateau`); optax `chain(inject_hyperparams(
 * ...)(learning_rate=schedule), contrib.reduce_on_plateau(...))` with `partition` for groups; timm
 * `group["lr"] = value × lr_scale`. Differences: no step at construction, the counter is `step`
 * (not `last_epoch`), the plateau reduces one global factor so group ratios survive.
 */
export function createScheduler(options: CreateSchedulerOptions): Scheduler {
  const raw = OPTIONS.read(options)
  const schedule = functionValue<Schedule>('schedule', raw.schedule)
  const plateau = raw.plateau === undefined ? undefined : plateauValue(raw.plateau)
  const groupEntries = groupsValue(raw.groups)
  const target = raw.target === undefined ? undefined : targetValue(raw.target)
  const fingerprint = specFingerprint(schedule)

  let step = 0
  let plateauState: PlateauState | undefined = plateau?.init()
  if (raw.resumeFrom !== undefined) {
    const resumed = resumeState(raw.resumeFrom, plateau, fingerprint)
    step = resumed.step
    plateauState = resumed.plateau
  }

  const baseRate = (atStep: number, state: PlateauState | undefined): number => {
    const value = schedule(atStep)
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new InvalidArgumentError({
        argument: `schedule(${atStep})`,
        value,
        expected: 'a finite number >= 0 (a Schedule returns finite values >= 0)',
      })
    }
    return plateau === undefined || state === undefined ? value : plateau.apply(state, value)
  }
  // A plain assignment loop is several times faster than Object.fromEntries, but would set the
  // prototype for a group named "__proto__"; such (rare) names take the fromEntries path.
  const assignable = groupEntries.every(([name]) => name !== '__proto__')
  const ratesFor = (base: number): Readonly<Record<string, number>> => {
    if (!assignable)
      return Object.freeze(Object.fromEntries(groupEntries.map(([name, scale]) => [name, base * scale])))
    const rates: Record<string, number> = {}
    for (const [name, scale] of groupEntries) rates[name] = base * scale
    return Object.freeze(rates)
  }

  let learningRate = baseRate(step, plateauState)
  // The per-group record is built only when something reads it (a target or the getter).
  let learningRates: Readonly<Record<string, number>> | undefined = ratesFor(learningRate)
  target?.setLearningRates(learningRates)
  let lastStepCount = target === undefined ? undefined : readStepCount(target)

  const scheduler: Scheduler = {
    get step() {
      return step
    },
    get learningRate() {
      return learningRate
    },
    get learningRates() {
      learningRates ??= ratesFor(learningRate)
      return learningRates
    },
    advance() {
      let stepCount: number | undefined
      if (target !== undefined && lastStepCount !== undefined) {
        stepCount = readStepCount(target) as number
        checkOrder(lastStepCount, stepCount, step)
      }
      const nextStep = Math.min(step + 1, Number.MAX_SAFE_INTEGER)
      const nextRate = baseRate(nextStep, plateauState)
      const nextRates = target === undefined ? undefined : ratesFor(nextRate)
      if (nextRates !== undefined) target?.setLearningRates(nextRates)
      step = nextStep
      learningRate = nextRate
      learningRates = nextRates
      if (stepCount !== undefined) lastStepCount = stepCount
      return learningRate
    },
    reportMetric(value: number) {
      if (plateau === undefined || plateauState === undefined) {
        throw new InvalidStateError({
          message:
            'reportMetric() needs a plateau controller; pass plateau: reduceOnPlateau({ ... }) to createScheduler',
        })
      }
      const nextState = plateau.update(plateauState, value)
      const nextRate = baseRate(step, nextState)
      if (nextRate !== learningRate) {
        const nextRates = ratesFor(nextRate)
        target?.setLearningRates(nextRates)
        learningRates = nextRates
        learningRate = nextRate
      }
      plateauState = nextState
    },
    toJSON(): SchedulerState {
      return {
        version: 1,
        step,
        ...(plateauState === undefined ? {} : { plateau: { ...plateauState } }),
        ...(fingerprint === undefined ? {} : { fingerprint }),
      }
    },
  }
  return Object.freeze(scheduler)
}

function plateauValue(value: unknown): PlateauController {
  const candidate = value as Partial<Record<keyof PlateauController, unknown>> | null
  const ok =
    candidate !== null &&
    typeof candidate === 'object' &&
    typeof candidate.init === 'function' &&
    typeof candidate.update === 'function' &&
    typeof candidate.factor === 'function' &&
    typeof candidate.apply === 'function' &&
    typeof candidate.parseState === 'function'
  if (!ok) {
    throw new InvalidArgumentError({
      argument: 'plateau',
      value,
      expected: 'a PlateauController from reduceOnPlateau() (init, update, factor, apply, parseState)',
    })
  }
  return value as PlateauController
}

function groupsValue(value: unknown): ReadonlyArray<readonly [string, number]> {
  if (value === undefined) return [['default', 1]]
  const groups = optionsObject('groups', value)
  const entries = Object.entries(groups)
  if (entries.length === 0) {
    throw new InvalidArgumentError({
      argument: 'groups',
      value,
      expected: 'an object with at least one group (name → learning-rate scale)',
    })
  }
  return entries.map(([name, scale]) => [name, nonNegativeNumber(`groups.${name}`, scale)] as const)
}

function targetValue(value: unknown): LearningRateTarget {
  const candidate = value as Partial<Record<keyof LearningRateTarget, unknown>> | null
  const ok =
    candidate !== null &&
    typeof candidate === 'object' &&
    candidate.specificationVersion === 'v1' &&
    typeof candidate.setLearningRates === 'function' &&
    (candidate.getStepCount === undefined || typeof candidate.getStepCount === 'function')
  if (!ok) {
    throw new InvalidArgumentError({
      argument: 'target',
      value,
      expected:
        "a LearningRateTarget ({ specificationVersion: 'v1', setLearningRates(rates), getStepCount?() })",
    })
  }
  return value as LearningRateTarget
}

function readStepCount(target: LearningRateTarget): number | undefined {
  if (target.getStepCount === undefined) return undefined
  const count = target.getStepCount()
  if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 0) {
    throw new InvalidStateError({
      message: `target.getStepCount() must return a non-negative integer, got ${formatValue(count)}`,
    })
  }
  return count
}

function checkOrder(last: number, current: number, step: number): void {
  if (current === last) {
    throw new InvalidStateError({
      message: `scheduler.advance() was called but the optimizer has not stepped since the last advance() (its step count is still ${current}); advancing now would skip the learning rate of step ${step} (the scheduler-before-optimizer mistake, pytorch/pytorch#20124). ${orderAdvice}`,
    })
  }
  if (current < last) {
    throw new InvalidStateError({
      message: `the optimizer's step count went back from ${last} to ${current} since the last advance() (was the optimizer reset or reloaded?); after loading an optimizer, create the scheduler again with resumeFrom. ${orderAdvice}`,
    })
  }
  if (current > last + 1) {
    const missed = current - last - 1
    throw new InvalidStateError({
      message: `the optimizer stepped ${current - last} times since the last advance() (step count ${last} → ${current}): ${missed} scheduler.advance() call${missed === 1 ? ' was' : 's were'} missed, so those updates ran at a stale learning rate. ${orderAdvice}`,
    })
  }
}

function resumeState(
  value: unknown,
  plateau: PlateauController | undefined,
  fingerprint: string | undefined,
): { step: number; plateau: PlateauState | undefined } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidStateError({
      message: `resumeFrom must be a scheduler state ({ version: 1, step, plateau?, fingerprint? }) from scheduler.toJSON(), got ${formatValue(value)}`,
    })
  }
  const state = value as Record<string, unknown>
  for (const key of Object.keys(state)) {
    if (!(stateKeys as readonly string[]).includes(key)) {
      throw new InvalidStateError({
        message: `resumeFrom.${key} is not a field of a scheduler state; allowed: ${stateKeys.join(', ')}`,
      })
    }
  }
  if (state.version !== 1) {
    throw new InvalidStateError({
      message: `resumeFrom.version must be 1, got ${formatValue(state.version)}`,
    })
  }
  const step = state.step
  if (typeof step !== 'number' || !Number.isSafeInteger(step) || step < 0) {
    throw new InvalidStateError({
      message: `resumeFrom.step must be a non-negative integer, got ${formatValue(step)}`,
    })
  }
  let plateauState: PlateauState | undefined
  if (state.plateau !== undefined && plateau === undefined) {
    throw new InvalidStateError({
      message:
        'resumeFrom.plateau is set but no plateau controller was passed; pass the same plateau: reduceOnPlateau({ ... }) that produced the state',
    })
  }
  if (plateau !== undefined) {
    if (state.plateau === undefined) {
      throw new InvalidStateError({
        message:
          'resumeFrom.plateau is missing but a plateau controller was passed; the state was saved by a scheduler without a plateau',
      })
    }
    plateauState = plateau.parseState(state.plateau, 'resumeFrom.plateau')
  }
  const saved = state.fingerprint
  if (saved !== undefined) {
    if (typeof saved !== 'string') {
      throw new InvalidStateError({
        message: `resumeFrom.fingerprint must be a string (the schedule spec's JSON), got ${formatValue(saved)}`,
      })
    }
    if (fingerprint === undefined) {
      throw new InvalidStateError({
        message: `resumeFrom.fingerprint is set (the state was saved with schedule spec ${shorten(saved)}) but this schedule has no spec to compare it with; compile the same spec with schedule(spec), or remove the fingerprint to resume anyway`,
      })
    }
    if (saved !== fingerprint && normalizedFingerprint(saved) !== fingerprint) {
      throw new InvalidStateError({
        message: `resumeFrom.fingerprint does not match the schedule: the state was saved with spec ${shorten(saved)}, this schedule's spec is ${shorten(fingerprint)}`,
      })
    }
  }
  return { step, plateau: plateauState }
}

function specFingerprint(schedule: Schedule): string | undefined {
  const spec = (schedule as Schedule & { readonly spec?: unknown }).spec
  if (spec === undefined) return undefined
  const depthError = specDepthError(spec, 'schedule.spec')
  if (depthError !== undefined) throw depthError
  try {
    return canonicalJson(normalizeScheduleSpec(spec))
  } catch (error) {
    throw new InvalidArgumentError({
      argument: 'schedule.spec',
      value: spec,
      expected: 'JSON-serialisable data',
      cause: error,
    })
  }
}

/**
 * The fingerprint a saved fingerprint would have today: states saved before fingerprints were
 * normalized (or edited by hand) carry the spec as written, e.g. with `version: 1` or without a
 * default. `undefined` when the text is not a spec's JSON.
 */
function normalizedFingerprint(saved: string): string | undefined {
  let spec: unknown
  try {
    spec = JSON.parse(saved)
  } catch {
    return undefined
  }
  if (specDepthError(spec, '') !== undefined) return undefined
  try {
    return canonicalJson(normalizeScheduleSpec(spec))
  } catch {
    return undefined
  }
}

/** JSON with object keys sorted at every level, so equal specs give equal fingerprints. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return entry
    const record = entry as Record<string, unknown>
    return Object.fromEntries(
      Object.keys(record)
        .sort()
        .map((key) => [key, record[key]]),
    )
  })
}

function shorten(text: string): string {
  return text.length > 200 ? `${text.slice(0, 197)}...` : text
}
