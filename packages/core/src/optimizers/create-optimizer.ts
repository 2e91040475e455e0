/**
 * The stateful wrapper every optimizer shares. Each optimizer file only parses its
 * hyperparameters and says which buffers it needs and which kernel to call; this file lays the
 * parameters out, runs the step pipeline and keeps the step counts. Option reading lives in
 * `optimizer-options.ts`, clipping in `gradient-clipping.ts`, state in `optimizer-state.ts`.
 * Internal: not exported from the package entry point.
 *
 * Memory layout: every per-parameter array (parameters with non-JS kernels, gradients, each state
 * buffer, the accumulator) lives in one arena per kind, with the parameters ordered by group, so
 * that with the WebAssembly kernels one kernel call updates a whole group (PyTorch's multi-tensor
 * `foreach` apply) and one pass checks all its gradients. The JS kernels update the caller's
 * arrays in place, so there each parameter is its own run.
 *
 * One step: gradients (the optimizer's own buffers, or the caller's arrays copied in where the
 * kernels need their memory) → non-finite check (one `maxAbs` pass) → accumulation → clipping →
 * rate checks → one kernel call per run.
 */
import { formatValue, InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import type { ParamGroup } from '../groups/types'
import type { OptionRecord, OptionTable } from '../internal/option-table'
import {
  booleanValue,
  knownKeys,
  nonNegativeNumber,
  oneOf,
  optionsObject,
  positiveInteger,
} from '../internal/validate'
import { type ClippingOutcome, clipGradients, readGradientClipping } from './gradient-clipping'
import type { OptimizerKernels } from './kernels/types'
import {
  completeGroups,
  DEFAULT_GROUP,
  isBaseOptionKey,
  isMapLike,
  listNames,
  readGroups,
  readKernels,
  readParameters,
} from './optimizer-options'
import { parseOptimizerState, type StateLayout, saveOptimizerState } from './optimizer-state'
import type {
  NamedArrays,
  Optimizer,
  OptimizerBaseOptions,
  OptimizerKind,
  OptimizerState,
  ParamGroupUpdate,
  StepReport,
} from './types'

/** A state buffer of an optimizer: its name in {@link OptimizerState} and its initial value. */
export interface BufferSpec {
  readonly name: string
  readonly initialValue: number
}

/** What an optimizer file contributes: hyperparameters, buffers and the kernel call. */
export interface OptimizerDefinition {
  readonly kind: OptimizerKind
  /** Resolved hyperparameters, keyed by option name; recorded in the state. */
  readonly hyperparameters: Readonly<Record<string, number | boolean>>
  /** Weight decay of groups that do not set their own. */
  readonly defaultWeightDecay: number
  /** Buffers per parameter, in the order `update` receives them. */
  readonly buffers: readonly BufferSpec[]
  /**
   * The largest multiplier of the gradient direction this step uses, for the float32 overflow
   * check (Adam: `learningRate / (1 − β₁ᵗ)`). Default: the learning rate itself.
   */
  stepSize?(learningRate: number, step: number): number
  /**
   * Updates one run of parameters (one parameter, or a contiguous run of one group with the same
   * step count). `learningRate` is the group's rate, `weightDecay` the group's decay, `step` the
   * run's 1-based step count (already incremented).
   */
  update(
    kernels: OptimizerKernels,
    param: Float32Array,
    grad: Float32Array,
    buffers: readonly Float32Array[],
    learningRate: number,
    weightDecay: number,
    step: number,
  ): void
}

const FLOAT32_MAX = 3.4028234663852886e38
const ALIGN = 4

interface Slot {
  readonly name: string
  /** Index in parameter order. */
  readonly position: number
  readonly group: number
  readonly length: number
  /** Element offset in the arenas. */
  readonly offset: number
  readonly param: Float32Array
  readonly buffers: readonly Float32Array[]
  readonly accumulator: Float32Array | undefined
  step: number
  /** This step's gradient (set while a step runs). */
  gradient: Float32Array | undefined
}

/** Slots updated by one kernel call: consecutive in one group's arena range, same step count. */
interface Run {
  readonly group: number
  readonly slots: readonly Slot[]
  readonly param: Float32Array
  /** The run's range of the gradient arena (contiguous layout only). */
  readonly gradient: Float32Array | undefined
  readonly buffers: readonly Float32Array[]
  readonly accumulator: Float32Array | undefined
}

/** Rounds a length up so the next array starts on a 16-byte boundary. */
function aligned(length: number): number {
  return Math.ceil(length / ALIGN) * ALIGN
}

/**
 * Builds an optimizer from its options: validates the shared options, lets `define` parse the
 * optimizer's own hyperparameters, lays out and allocates every buffer once and returns the
 * {@link Optimizer}.
 *
 * @param table - the factory's option table (base options plus its hyperparameters)
 * @param options - the user's options
 * @param define - parses the hyperparameters (also called again by `setHyperparameters`)
 */
export function createOptimizer<Options extends OptimizerBaseOptions, Hyper extends object>(
  table: OptionTable<Options>,
  options: unknown,
  define: (record: Partial<OptionRecord<Options>>) => OptimizerDefinition,
): Optimizer<Hyper> {
  const record = table.read(options)
  if (record.parameters === undefined) {
    throw new InvalidArgumentError({
      argument: 'parameters',
      value: undefined,
      expected: 'named Float32Arrays',
    })
  }
  const entries = readParameters(record.parameters)
  const names = entries.map(([name]) => name)
  let groups: readonly ParamGroup[] = completeGroups(readGroups(record.groups, names), names)
  const clipping = readGradientClipping(record.gradientClipping)
  const accumulationSteps =
    record.accumulationSteps === undefined
      ? 1
      : positiveInteger('accumulationSteps', record.accumulationSteps)
  const skipMissing =
    record.missingGradients === undefined
      ? false
      : oneOf('missingGradients', record.missingGradients, ['error', 'skip']) === 'skip'
  if (skipMissing && accumulationSteps > 1) {
    throw new InvalidArgumentError({
      argument: 'missingGradients',
      value: 'skip',
      message: `missingGradients "skip" cannot be combined with accumulationSteps ${accumulationSteps}: the mean over a window is undefined for a parameter missing from some micro-batches; accumulate in your training loop or use missingGradients "error"`,
    })
  }
  const kernels = readKernels(record.kernels)
  let definition = define(record)
  const hyperparameterKeys = table.keys.filter((key) => !isBaseOptionKey(key))

  // ---- layout: parameters ordered by group, one arena per kind of array ----
  const contiguous = kernels.backend !== 'js'
  const groupIndex = new Map<string, number>()
  groups.forEach((group, index) => {
    for (const name of group.parameters) groupIndex.set(name, index)
  })
  const order = entries
    .map(([name, array], index) => ({ name, array, index, group: groupIndex.get(name)! }))
    .sort((a, b) => a.group - b.group || a.index - b.index)
  const offsets = new Map<string, number>()
  let total = 0
  order.forEach((entry, position) => {
    offsets.set(entry.name, total)
    // Contiguous layout packs a group's parameters tightly (one kernel call per group); groups
    // start 16-byte aligned.
    total += entry.array.length
    const next = order[position + 1]
    if (!contiguous || next === undefined || next.group !== entry.group) total = aligned(total)
  })
  const bufferSpecs = definition.buffers
  const arenaCount = (contiguous ? 2 : 0) + bufferSpecs.length + (accumulationSteps > 1 ? 1 : 0)
  // One allocation for everything: an out-of-memory error then states the total needed.
  const block = kernels.allocate(total * arenaCount)
  let nextArena = 0
  const arena = (): Float32Array => block.subarray(total * nextArena, total * ++nextArena)
  const paramArena = contiguous ? arena() : undefined
  let gradientArena = contiguous ? arena() : undefined
  const bufferArenas = bufferSpecs.map((spec) => {
    const buffer = arena()
    if (spec.initialValue !== 0) buffer.fill(spec.initialValue)
    return buffer
  })
  const accumulatorArena = accumulationSteps > 1 ? arena() : undefined

  const slots: Slot[] = entries.map(([name, given], position) => {
    const offset = offsets.get(name)!
    const length = given.length
    const view = (array: Float32Array): Float32Array => array.subarray(offset, offset + length)
    let param = given
    if (paramArena !== undefined) {
      param = view(paramArena)
      param.set(given)
    }
    return {
      name,
      position,
      group: groupIndex.get(name)!,
      length,
      offset,
      param,
      buffers: bufferArenas.map(view),
      accumulator: accumulatorArena === undefined ? undefined : view(accumulatorArena),
      step: 0,
      gradient: undefined,
    }
  })
  const slotsInLayout = [...slots].sort((a, b) => a.offset - b.offset || a.group - b.group)
  const parameters: ReadonlyMap<string, Float32Array> = new Map(slots.map((slot) => [slot.name, slot.param]))
  const slotByName = new Map(slots.map((slot) => [slot.name, slot]))
  let ownedGradients: Map<string, Float32Array> | undefined
  let ownedViews: Float32Array[] | undefined

  function gradientViews(): Float32Array[] {
    if (ownedViews === undefined) {
      gradientArena ??= kernels.allocate(total)
      const gradients = gradientArena
      ownedViews = slots.map((slot) => gradients.subarray(slot.offset, slot.offset + slot.length))
      ownedGradients = new Map(slots.map((slot, index) => [slot.name, ownedViews![index]!]))
    }
    return ownedViews
  }

  let runs: Run[] = []
  function buildRuns(): void {
    runs = []
    let current: Slot[] = []
    const flush = (): void => {
      if (current.length === 0) return
      const first = current[0]!
      const last = current[current.length - 1]!
      const start = first.offset
      const end = last.offset + last.length
      const range = (array: Float32Array | undefined): Float32Array | undefined => array?.subarray(start, end)
      runs.push({
        group: first.group,
        slots: current,
        param: contiguous ? range(paramArena)! : first.param,
        gradient: contiguous ? range(gradientArena) : undefined,
        buffers: bufferArenas.map((buffer) => range(buffer)!),
        accumulator: range(accumulatorArena),
      })
      current = []
    }
    for (const slot of slotsInLayout) {
      const previous = current[current.length - 1]
      if (
        previous !== undefined &&
        (!contiguous || previous.group !== slot.group || previous.step !== slot.step)
      ) {
        flush()
      }
      current.push(slot)
    }
    flush()
  }
  buildRuns()

  let microStep = 0
  let stepCount = 0
  /** Rates pushed by a scheduler: the base rate, or one rate per group (by group index). */
  let pushed: { readonly base: number } | { readonly perGroup: Float64Array } | undefined
  const groupRates = new Float64Array(groups.length)
  const stateLayout = (): StateLayout => ({
    kind: definition.kind,
    bufferNames: bufferSpecs.map((spec) => spec.name),
    groupNames: groups.map((group) => group.name),
    accumulationSteps,
  })

  // ---- step ----

  function unknownGradient(key: unknown): never {
    throw new InvalidArgumentError({
      argument: 'gradients',
      value: key,
      message: `gradients has an entry for unknown parameter ${JSON.stringify(key)}; known: ${listNames(names)}`,
    })
  }

  /**
   * Validates the caller's gradients and points each trainable slot at its gradient array; returns
   * true for the optimizer's own buffers (nothing to validate or copy, no per-slot work).
   */
  function gatherGradients(gradients: unknown): boolean {
    if (ownedGradients !== undefined && gradients === ownedGradients) return true
    const mapLike = isMapLike(gradients)
    const lookup = mapLike
      ? (name: string): unknown => (gradients as ReadonlyMap<string, unknown>).get(name)
      : (name: string): unknown => {
          const gradientRecord = gradients as Record<string, unknown>
          return Object.hasOwn(gradientRecord, name) ? gradientRecord[name] : undefined
        }
    if (mapLike) {
      for (const key of (gradients as ReadonlyMap<unknown, unknown>).keys()) {
        if (typeof key !== 'string' || !slotByName.has(key)) unknownGradient(key)
      }
    } else {
      optionsObject('gradients', gradients)
      for (const key of Object.keys(gradients as object)) {
        if (!slotByName.has(key)) unknownGradient(key)
      }
    }
    // Kernels that need their own memory get a copy; so do clipped JS gradients (never the caller's).
    const copy = contiguous || (clipping !== undefined && accumulationSteps === 1)
    const views = copy ? gradientViews() : undefined
    slots.forEach((slot) => {
      const gradient = lookup(slot.name)
      const group = groups[slot.group]!
      if (gradient === undefined) {
        slot.gradient = undefined
        if (group.trainable && !skipMissing) {
          throw new InvalidArgumentError({
            argument: `gradients["${slot.name}"]`,
            value: undefined,
            message: `gradients has no entry for trainable parameter "${slot.name}" (group "${group.name}")`,
          })
        }
        return
      }
      if (!(gradient instanceof Float32Array)) {
        throw new InvalidArgumentError({
          argument: `gradients["${slot.name}"]`,
          value: gradient,
          expected: 'a Float32Array',
        })
      }
      if (gradient.length !== slot.length) {
        throw new InvalidArgumentError({
          argument: `gradients["${slot.name}"]`,
          value: gradient.length,
          message: `gradients["${slot.name}"] has length ${gradient.length}, but parameter "${slot.name}" has length ${slot.length}`,
        })
      }
      slot.gradient = group.trainable ? gradient : undefined
    })
    if (views !== undefined) {
      slots.forEach((slot, index) => {
        const gradient = slot.gradient
        if (gradient === undefined) return
        const view = views[index]!
        if (gradient !== view) view.set(gradient)
        slot.gradient = view
      })
    }
    return false
  }

  /** The gradient arrays of this step's trainable runs (one per run with contiguous kernels). */
  function runGradients(active: readonly Run[], owned: boolean): Float32Array[] {
    if (contiguous) return active.map((run) => run.gradient!)
    return active.map((run) => {
      const slot = run.slots[0]!
      return owned ? ownedViews![slot.position]! : slot.gradient!
    })
  }

  function findNonFinite(owned: boolean): StepReport {
    for (const slot of slots) {
      const gradient = owned
        ? groups[slot.group]!.trainable
          ? ownedViews![slot.position]
          : undefined
        : slot.gradient
      if (gradient === undefined) continue
      for (let index = 0; index < gradient.length; index++) {
        if (!Number.isFinite(gradient[index]!)) {
          return { applied: false, skipped: { reason: 'nonFinite', parameter: slot.name, index } }
        }
      }
    }
    throw new InvalidStateError({ message: 'internal error: non-finite gradient reported but not found' })
  }

  function resolveRates(learningRate: number | undefined): void {
    if (learningRate !== undefined) {
      nonNegativeNumber('learningRate', learningRate)
      groups.forEach((group, index) => {
        groupRates[index] = learningRate * group.lrScale
      })
      return
    }
    if (pushed === undefined) {
      throw new InvalidStateError({
        message:
          'no learning rate: pass it as optimizer.step(gradients, learningRate), or make the optimizer the target of a scheduler (createScheduler({ schedule, target: optimizer }))',
      })
    }
    if ('base' in pushed) {
      const base = pushed.base
      groups.forEach((group, index) => {
        groupRates[index] = base * group.lrScale
      })
      return
    }
    checkSingleHomeForScales()
    groupRates.set(pushed.perGroup)
  }

  /** Per-group rates from a scheduler and group scales in the optimizer would multiply: refuse. */
  function checkSingleHomeForScales(): void {
    const scaled = groups.find((group) => group.lrScale !== 1)
    if (scaled === undefined) return
    throw new InvalidStateError({
      message: `learning-rate scales are defined twice: the scheduler sends one rate per group and group "${scaled.name}" of the optimizer has lrScale ${scaled.lrScale}, so they would multiply. Keep the scales in one place: createScheduler({ schedule, target: optimizer }) without groups (the optimizer's lrScale applies), or a scheduler with groups and optimizer groups with lrScale 1`,
    })
  }

  function checkRates(active: readonly Run[]): void {
    for (const run of active) {
      const group = groups[run.group]!
      const rate = groupRates[run.group]!
      const step = run.slots[0]!.step + 1
      const size = definition.stepSize?.(rate, step) ?? rate
      const decay = rate * (group.weightDecay ?? definition.defaultWeightDecay)
      if (Math.abs(size) > FLOAT32_MAX || decay > FLOAT32_MAX) {
        const what =
          size === rate
            ? 'overflows float32'
            : `gives a step size of ${formatValue(size)}, which overflows float32`
        throw new InvalidArgumentError({
          argument: 'learningRate',
          value: rate,
          message: `learningRate of group "${group.name}" (rate × lrScale ${group.lrScale}) is ${formatValue(rate)} and ${decay > FLOAT32_MAX ? 'times its weight decay overflows float32' : what} (largest float32 ${FLOAT32_MAX}); the update would write ±Infinity. Use a smaller learning rate`,
        })
      }
    }
  }

  /**
   * The runs to update this step: every trainable run, or, when parameters may lack a gradient
   * (`missingGradients: 'skip'`), the stretches of each run whose parameters have one.
   */
  function activeRuns(owned: boolean): { active: Run[]; partial: boolean } {
    const trainable = runs.filter((run) => groups[run.group]!.trainable)
    if (owned || !skipMissing) return { active: trainable, partial: false }
    const active: Run[] = []
    let partial = false
    for (const run of trainable) {
      if (run.slots.every((slot) => slot.gradient !== undefined)) {
        active.push(run)
        continue
      }
      partial = true
      let stretch: Slot[] = []
      const flush = (): void => {
        if (stretch.length > 0) active.push(subRun(run, stretch))
        stretch = []
      }
      for (const slot of run.slots) {
        if (slot.gradient === undefined) flush()
        else stretch.push(slot)
      }
      flush()
    }
    return { active, partial }
  }

  /** A run over some consecutive slots of `run` (views into the same arenas). */
  function subRun(run: Run, stretch: readonly Slot[]): Run {
    if (!contiguous) return run
    const base = run.slots[0]!.offset
    const start = stretch[0]!.offset - base
    const last = stretch[stretch.length - 1]!
    const end = last.offset + last.length - base
    return {
      group: run.group,
      slots: stretch,
      param: run.param.subarray(start, end),
      gradient: run.gradient?.subarray(start, end),
      buffers: run.buffers.map((buffer) => buffer.subarray(start, end)),
      accumulator: run.accumulator?.subarray(start, end),
    }
  }

  function step(gradients: NamedArrays, learningRate?: number): StepReport {
    resolveRates(learningRate)
    const owned = gatherGradients(gradients)
    const { active, partial } = activeRuns(owned)
    try {
      let sources = runGradients(active, owned)
      let maxAbs = 0
      for (const source of sources) {
        const magnitude = kernels.maxAbs(source)
        if (!(magnitude <= FLOAT32_MAX)) return findNonFinite(owned)
        if (magnitude > maxAbs) maxAbs = magnitude
      }
      checkRates(active)

      if (accumulationSteps > 1) {
        microStep += 1
        active.forEach((run, index) => {
          kernels.accumulateMean(run.accumulator!, sources[index]!, microStep)
        })
        if (microStep < accumulationSteps) return { applied: false }
        microStep = 0
        sources = active.map((run) => run.accumulator!)
        if (clipping !== undefined) {
          maxAbs = 0
          for (const source of sources) maxAbs = Math.max(maxAbs, kernels.maxAbs(source))
        }
      }
      let outcome: ClippingOutcome | undefined
      if (clipping !== undefined) outcome = clipGradients(kernels, clipping, sources, maxAbs)

      active.forEach((run, index) => {
        const group = groups[run.group]!
        const runStep = run.slots[0]!.step + 1
        definition.update(
          kernels,
          run.param,
          sources[index]!,
          run.buffers,
          groupRates[run.group]!,
          group.weightDecay ?? definition.defaultWeightDecay,
          runStep,
        )
        for (const slot of run.slots) slot.step = runStep
      })
      // Parameters skipped this step now lag their run's step count: split the runs.
      if (partial) buildRuns()
      accumulatorArena?.fill(0)
      stepCount += 1
      if (outcome === undefined) return { applied: true }
      return outcome.gradientNorm === undefined
        ? { applied: true, clipped: outcome.clipped }
        : { applied: true, gradientNorm: outcome.gradientNorm, clipped: outcome.clipped }
    } finally {
      if (!owned) for (const slot of slots) slot.gradient = undefined
    }
  }

  // ---- state ----

  function trainableFlags(): Map<string, boolean> {
    return new Map(groups.map((group) => [group.name, group.trainable]))
  }

  function state(): OptimizerState {
    return saveOptimizerState(
      stateLayout(),
      definition.hyperparameters,
      trainableFlags(),
      slots,
      microStep,
      stepCount,
    )
  }

  function load(saved: OptimizerState): void {
    const parsed = parseOptimizerState(saved, stateLayout(), slots)
    slots.forEach((slot, index) => {
      slot.step = parsed.steps[index]!
      parsed.buffers[index]!.forEach((array, bufferIndex) => {
        slot.buffers[bufferIndex]!.set(array)
      })
      if (slot.accumulator !== undefined) {
        if (parsed.accumulated === undefined) slot.accumulator.fill(0)
        else slot.accumulator.set(parsed.accumulated[index]!)
      }
    })
    microStep = parsed.microStep
    if (parsed.stepCount !== undefined) stepCount = parsed.stepCount
    groups = groups.map((group) =>
      group.trainable === parsed.trainable.get(group.name)
        ? group
        : Object.freeze({ ...group, trainable: !group.trainable }),
    )
    buildRuns()
  }

  // ---- changes between phases ----

  function groupPosition(groupName: unknown): number {
    const index = groups.findIndex((group) => group.name === groupName)
    if (index === -1) {
      throw new InvalidArgumentError({
        argument: 'groupName',
        value: groupName,
        message: `groupName must name a group, got ${JSON.stringify(groupName)}; groups: ${listNames(groups.map((group) => group.name))}`,
      })
    }
    return index
  }

  function updateGroup(groupName: string, changes: ParamGroupUpdate): void {
    const index = groupPosition(groupName)
    const record = optionsObject('changes', changes)
    knownKeys('updateGroup', record, ['lrScale', 'weightDecay', 'trainable'])
    const group = groups[index]!
    const lrScale =
      record.lrScale === undefined ? group.lrScale : nonNegativeNumber('changes.lrScale', record.lrScale)
    const weightDecay =
      record.weightDecay === undefined
        ? group.weightDecay
        : nonNegativeNumber('changes.weightDecay', record.weightDecay)
    const trainable =
      record.trainable === undefined ? group.trainable : booleanValue('changes.trainable', record.trainable)
    if (trainable !== group.trainable && microStep > 0) {
      throw new InvalidStateError({
        message: `cannot change whether group "${groupName}" is trainable in the middle of an accumulation window (${microStep} of ${accumulationSteps} micro-batches accumulated); change it right after an applied step`,
      })
    }
    const next: ParamGroup =
      weightDecay === undefined
        ? { name: group.name, parameters: group.parameters, lrScale, trainable }
        : { name: group.name, parameters: group.parameters, lrScale, trainable, weightDecay }
    groups = groups.map((entry, position) => (position === index ? Object.freeze(next) : entry))
  }

  function setHyperparameters(changes: Partial<Hyper>): void {
    const record = optionsObject('hyperparameters', changes)
    knownKeys('setHyperparameters', record, hyperparameterKeys)
    const next = define({ ...definition.hyperparameters, ...record } as Partial<OptionRecord<Options>>)
    const before = definition.buffers.map((spec) => `${spec.name}=${spec.initialValue}`).join(', ')
    const after = next.buffers.map((spec) => `${spec.name}=${spec.initialValue}`).join(', ')
    if (before !== after) {
      throw new InvalidArgumentError({
        argument: 'hyperparameters',
        value: changes,
        message: `setHyperparameters(${formatValue(changes)}) would change the optimizer's state buffers (${before || 'none'} → ${after || 'none'}), which only a new optimizer can do; create the optimizer with these settings instead`,
      })
    }
    definition = next
  }

  function setLearningRates(rates: Readonly<Record<string, number>>): void {
    const record = optionsObject('rates', rates)
    const keys = Object.keys(record)
    if (keys.length === 1 && keys[0] === DEFAULT_GROUP) {
      pushed = { base: nonNegativeNumber(`rates.${DEFAULT_GROUP}`, record[DEFAULT_GROUP]) }
      return
    }
    const perGroup = new Float64Array(groups.length)
    groups.forEach((group, index) => {
      if (!Object.hasOwn(record, group.name)) {
        throw new InvalidArgumentError({
          argument: 'rates',
          value: keys,
          message: `the scheduler's groups (${listNames(keys)}) must be the optimizer's groups (${listNames(groups.map((entry) => entry.name))}) or none: no rate for group "${group.name}". Give the scheduler no groups and keep the scales in the optimizer's groups`,
        })
      }
      perGroup[index] = nonNegativeNumber(`rates["${group.name}"]`, record[group.name])
    })
    if (keys.length !== groups.length) {
      const known = new Set(groups.map((group) => group.name))
      const unknown = keys.find((key) => !known.has(key))
      throw new InvalidArgumentError({
        argument: 'rates',
        value: keys,
        message: `the scheduler sends a rate for group ${JSON.stringify(unknown)}, which the optimizer does not have; optimizer groups: ${listNames([...known])}`,
      })
    }
    pushed = { perGroup }
    checkSingleHomeForScales()
  }

  return {
    specificationVersion: 'v1',
    get groups() {
      return groups
    },
    parameters,
    get gradients() {
      gradientViews()
      return ownedGradients!
    },
    get stepCount() {
      return stepCount
    },
    get hyperparameters() {
      return definition.hyperparameters as Readonly<Hyper>
    },
    step,
    state,
    load,
    setTrainable(groupName: string, trainable: boolean): void {
      booleanValue('trainable', trainable)
      groupPosition(groupName)
      updateGroup(groupName, { trainable })
    },
    updateGroup,
    setHyperparameters,
    setLearningRates,
    getStepCount: () => stepCount,
  }
}
