/**
 * The machinery every optimizer shares: parameter and group resolution, gradient validation, the
 * NaN/Inf guard, gradient accumulation, clipping, per-parameter step counts and state save/load.
 * Each optimizer file only parses its hyperparameters and says which buffers it needs and which
 * kernel to call. Internal: not exported from the package entry point.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { InvalidStateError } from '../errors/invalid-state-error'
import type { ParamGroup } from '../groups/types'
import {
  booleanValue,
  knownKeys,
  nonNegativeNumber,
  oneOf,
  optionsObject,
  positiveInteger,
  positiveNumber,
} from '../internal/validate'
import { jsKernels } from './kernels/js-kernels'
import type { OptimizerKernels } from './kernels/types'
import type {
  AccumulationState,
  NamedArrays,
  Optimizer,
  OptimizerKind,
  OptimizerState,
  ParameterState,
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
  /** Resolved hyperparameters, recorded in the state. */
  readonly hyperparameters: Readonly<Record<string, number | boolean>>
  /** Weight decay of groups that do not set their own. */
  readonly defaultWeightDecay: number
  /** Buffers per parameter, in the order `update` receives them. */
  readonly buffers: readonly BufferSpec[]
  /**
   * Updates one parameter. `learningRate` is the group's rate, `weightDecay` the group's decay,
   * `step` this parameter's 1-based step count (already incremented).
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

/** Option keys every optimizer factory accepts besides its hyperparameters. */
export const BASE_OPTION_KEYS = [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'kernels',
] as const

const DEFAULT_GROUP = 'default'
/** `torch.nn.utils.clip_grad_norm_` adds this to the norm before dividing. */
const CLIP_EPSILON = 1e-6
const f32 = Math.fround

interface Slot {
  readonly name: string
  readonly param: Float32Array
  readonly group: number
  readonly buffers: readonly Float32Array[]
  step: number
  /** Running mean of the window's gradients (accumulationSteps > 1). */
  readonly accumulator: Float32Array | undefined
  /** Copy of the gradient the kernels run on (owned buffers or clipping, without accumulation). */
  readonly scratch: Float32Array | undefined
  /** The gradient of the current step (set during `step()`). */
  gradient: Float32Array | undefined
}

interface Clipping {
  readonly maxNorm: number | undefined
  readonly normType: 2 | 'inf'
  readonly maxValue: number | undefined
}

function isMapLike(value: unknown): value is ReadonlyMap<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { get?: unknown }).get === 'function' &&
    typeof (value as { keys?: unknown }).keys === 'function'
  )
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => JSON.stringify(name))
  return names.length > 20 ? `${shown.join(', ')}, … (${names.length - 20} more)` : shown.join(', ')
}

function readParameters(value: unknown): Array<[string, Float32Array]> {
  const entries: Array<[string, unknown]> = []
  if (isMapLike(value)) {
    for (const key of value.keys()) {
      if (typeof key !== 'string' || key === '') {
        throw new InvalidArgumentError({
          argument: 'parameters',
          value: key,
          expected: 'keyed by non-empty strings',
        })
      }
      entries.push([key, value.get(key)])
    }
  } else {
    const record = optionsObject('parameters', value)
    for (const key of Object.keys(record)) entries.push([key, record[key]])
  }
  if (entries.length === 0) {
    throw new InvalidArgumentError({
      argument: 'parameters',
      value,
      expected: 'at least one named Float32Array',
    })
  }
  return entries.map(([name, array]) => {
    if (!(array instanceof Float32Array)) {
      throw new InvalidArgumentError({
        argument: `parameters["${name}"]`,
        value: array,
        expected: 'a Float32Array',
      })
    }
    return [name, array]
  })
}

function readGroups(value: unknown, names: readonly string[]): ParamGroup[] {
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError({ argument: 'groups', value, expected: 'an array of parameter groups' })
  }
  const known = new Set(names)
  const owner = new Map<string, string>()
  const groupNames = new Set<string>()
  return value.map((entry: unknown, index): ParamGroup => {
    const path = `groups[${index}]`
    const record = optionsObject(path, entry)
    const name = record.name
    if (typeof name !== 'string' || name === '') {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        expected: 'a non-empty string',
      })
    }
    if (groupNames.has(name)) {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        message: `${path}.name must be unique, got "${name}" twice`,
      })
    }
    groupNames.add(name)
    const members = record.parameters
    if (!Array.isArray(members)) {
      throw new InvalidArgumentError({
        argument: `${path}.parameters`,
        value: members,
        expected: 'an array of parameter names',
      })
    }
    for (const member of members as unknown[]) {
      if (typeof member !== 'string' || !known.has(member)) {
        throw new InvalidArgumentError({
          argument: `${path}.parameters`,
          value: member,
          message: `${path}.parameters names an unknown parameter ${JSON.stringify(member)}; known: ${listNames(names)}`,
        })
      }
      const previous = owner.get(member)
      if (previous !== undefined) {
        throw new InvalidArgumentError({
          argument: `${path}.parameters`,
          value: member,
          message: `parameter "${member}" is in two groups, "${previous}" and "${name}"; each parameter belongs to at most one group`,
        })
      }
      owner.set(member, name)
    }
    const lrScale = nonNegativeNumber(`${path}.lrScale`, record.lrScale)
    const trainable = booleanValue(`${path}.trainable`, record.trainable)
    const base = { name, parameters: Object.freeze([...(members as string[])]), lrScale, trainable }
    if (record.weightDecay === undefined) return Object.freeze(base)
    return Object.freeze({
      ...base,
      weightDecay: nonNegativeNumber(`${path}.weightDecay`, record.weightDecay),
    })
  })
}

function readClipping(value: unknown): Clipping | undefined {
  if (value === undefined) return undefined
  const record = optionsObject('gradientClipping', value)
  knownKeys('gradientClipping', record, ['maxNorm', 'normType', 'maxValue'])
  const maxNorm =
    record.maxNorm === undefined ? undefined : positiveNumber('gradientClipping.maxNorm', record.maxNorm)
  const maxValue =
    record.maxValue === undefined ? undefined : positiveNumber('gradientClipping.maxValue', record.maxValue)
  let normType: 2 | 'inf' = 2
  if (record.normType !== undefined) {
    if (record.normType !== 2 && record.normType !== 'inf') {
      throw new InvalidArgumentError({
        argument: 'gradientClipping.normType',
        value: record.normType,
        expected: '2 or "inf"',
      })
    }
    if (maxNorm === undefined) {
      throw new InvalidArgumentError({
        argument: 'gradientClipping.normType',
        value: record.normType,
        message: 'gradientClipping.normType needs gradientClipping.maxNorm',
      })
    }
    normType = record.normType
  }
  if (maxNorm === undefined && maxValue === undefined) {
    throw new InvalidArgumentError({
      argument: 'gradientClipping',
      value,
      expected: 'an object with maxNorm and/or maxValue',
    })
  }
  return { maxNorm, normType, maxValue }
}

function readKernels(value: unknown): OptimizerKernels {
  if (value === undefined) return jsKernels
  const record = optionsObject('kernels', value)
  oneOf('kernels.backend', record.backend, ['js', 'wasm'])
  for (const method of ['allocate', 'sgd', 'adam', 'rmsprop', 'adagrad', 'lion']) {
    if (typeof record[method] !== 'function') {
      throw new InvalidArgumentError({
        argument: `kernels.${method}`,
        value: record[method],
        expected: 'a function',
      })
    }
  }
  return value as OptimizerKernels
}

function stateError(message: string): InvalidStateError {
  return new InvalidStateError({ message: `cannot load optimizer state: ${message}` })
}

function stateRecord(path: string, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw stateError(`${path} must be an object`)
  }
  return value as Record<string, unknown>
}

function checkArray(path: string, value: unknown, parameter: string, length: number): Float32Array {
  if (!(value instanceof Float32Array)) throw stateError(`${path} must be a Float32Array`)
  if (value.length !== length) {
    throw stateError(`${path} has length ${value.length}, but parameter "${parameter}" has length ${length}`)
  }
  return value
}

function checkNames(
  path: string,
  record: Record<string, unknown>,
  expected: readonly string[],
  what: string,
): void {
  for (const name of expected) {
    if (!Object.hasOwn(record, name)) throw stateError(`${path} has no entry for ${what} "${name}"`)
  }
  for (const name of Object.keys(record)) {
    if (!expected.includes(name)) {
      throw stateError(`${path} has an entry for unknown ${what} "${name}"; known: ${listNames(expected)}`)
    }
  }
}

/**
 * Builds an optimizer from its options: validates the shared options, lets `define` parse the
 * optimizer's own hyperparameters, allocates every buffer once (from `kernels.allocate`) and returns
 * the {@link Optimizer}.
 */
export function createOptimizer(
  factory: string,
  options: unknown,
  hyperparameterKeys: readonly string[],
  define: (record: Record<string, unknown>) => OptimizerDefinition,
): Optimizer {
  const record = optionsObject('options', options)
  knownKeys(factory, record, [...BASE_OPTION_KEYS, ...hyperparameterKeys])
  if (record.parameters === undefined) {
    throw new InvalidArgumentError({
      argument: 'parameters',
      value: undefined,
      expected: 'named Float32Arrays',
    })
  }
  const entries = readParameters(record.parameters)
  const names = entries.map(([name]) => name)
  const userGroups = readGroups(record.groups, names)
  const clipping = readClipping(record.gradientClipping)
  const accumulationSteps =
    record.accumulationSteps === undefined
      ? 1
      : positiveInteger('accumulationSteps', record.accumulationSteps)
  const kernels = readKernels(record.kernels)
  const definition = define(record)

  const grouped = new Set(userGroups.flatMap((group) => group.parameters))
  const leftovers = names.filter((name) => !grouped.has(name))
  let groups: readonly ParamGroup[] = userGroups
  if (leftovers.length > 0) {
    const clash = userGroups.findIndex((group) => group.name === DEFAULT_GROUP)
    if (clash !== -1) {
      throw new InvalidArgumentError({
        argument: `groups[${clash}].name`,
        value: DEFAULT_GROUP,
        message: `groups[${clash}].name "${DEFAULT_GROUP}" is reserved for parameters not in any group (${listNames(leftovers)}); put them in a group or rename it`,
      })
    }
    groups = [
      ...userGroups,
      Object.freeze({
        name: DEFAULT_GROUP,
        parameters: Object.freeze(leftovers),
        lrScale: 1,
        trainable: true,
      }),
    ]
  }
  const groupOf = new Map<string, number>()
  groups.forEach((group, index) => {
    for (const name of group.parameters) groupOf.set(name, index)
  })

  const ownsBuffers = kernels.backend !== 'js'
  const needsScratch = accumulationSteps === 1 && (ownsBuffers || clipping !== undefined)
  const slots: Slot[] = entries.map(([name, given]) => {
    const length = given.length
    let param = given
    if (ownsBuffers) {
      param = kernels.allocate(length)
      param.set(given)
    }
    const buffers = definition.buffers.map((spec) => {
      const buffer = kernels.allocate(length)
      if (spec.initialValue !== 0) buffer.fill(spec.initialValue)
      return buffer
    })
    return {
      name,
      param,
      group: groupOf.get(name)!,
      buffers,
      step: 0,
      accumulator: accumulationSteps > 1 ? kernels.allocate(length) : undefined,
      scratch: needsScratch ? kernels.allocate(length) : undefined,
      gradient: undefined,
    }
  })
  const knownNames = new Set(names)
  const parameters: ReadonlyMap<string, Float32Array> = new Map(slots.map((slot) => [slot.name, slot.param]))
  const bufferNames = definition.buffers.map((spec) => spec.name)
  let microStep = 0

  function validateGradients(gradients: unknown): void {
    const mapLike = isMapLike(gradients)
    const lookup = mapLike
      ? (name: string): unknown => (gradients as ReadonlyMap<string, unknown>).get(name)
      : (name: string): unknown => {
          const gradientRecord = gradients as Record<string, unknown>
          return Object.hasOwn(gradientRecord, name) ? gradientRecord[name] : undefined
        }
    if (mapLike) {
      for (const key of (gradients as ReadonlyMap<unknown, unknown>).keys()) {
        if (typeof key !== 'string' || !knownNames.has(key)) unknownGradient(key)
      }
    } else {
      optionsObject('gradients', gradients)
      for (const key in gradients as Record<string, unknown>) {
        if (Object.hasOwn(gradients as object, key) && !knownNames.has(key)) unknownGradient(key)
      }
    }
    for (const slot of slots) {
      const gradient = lookup(slot.name)
      const trainable = groups[slot.group]!.trainable
      if (gradient === undefined) {
        slot.gradient = undefined
        if (trainable) {
          throw new InvalidArgumentError({
            argument: `gradients["${slot.name}"]`,
            value: undefined,
            message: `gradients has no entry for trainable parameter "${slot.name}" (group "${groups[slot.group]!.name}")`,
          })
        }
        continue
      }
      if (!(gradient instanceof Float32Array)) {
        throw new InvalidArgumentError({
          argument: `gradients["${slot.name}"]`,
          value: gradient,
          expected: 'a Float32Array',
        })
      }
      if (gradient.length !== slot.param.length) {
        throw new InvalidArgumentError({
          argument: `gradients["${slot.name}"]`,
          value: gradient.length,
          message: `gradients["${slot.name}"] has length ${gradient.length}, but parameter "${slot.name}" has length ${slot.param.length}`,
        })
      }
      slot.gradient = trainable ? gradient : undefined
    }
  }

  function unknownGradient(key: unknown): never {
    throw new InvalidArgumentError({
      argument: 'gradients',
      value: key,
      message: `gradients has an entry for unknown parameter ${JSON.stringify(key)}; known: ${listNames(names)}`,
    })
  }

  function findNonFinite(): StepReport | undefined {
    for (const slot of slots) {
      const gradient = slot.gradient
      if (gradient === undefined) continue
      for (let index = 0; index < gradient.length; index++) {
        if (!Number.isFinite(gradient[index]!)) {
          return { applied: false, skipped: { reason: 'nonFinite', parameter: slot.name, index } }
        }
      }
    }
    return undefined
  }

  /** Applies value then norm clipping in place on the working gradients; returns the report fields. */
  function clip(settings: Clipping, working: readonly (Float32Array | undefined)[]): Partial<StepReport> {
    let clipped = false
    const { maxValue, maxNorm } = settings
    if (maxValue !== undefined) {
      for (const gradient of working) {
        if (gradient === undefined) continue
        for (let index = 0; index < gradient.length; index++) {
          const value = gradient[index]!
          if (value > maxValue) {
            gradient[index] = maxValue
            clipped = true
          } else if (value < -maxValue) {
            gradient[index] = -maxValue
            clipped = true
          }
        }
      }
    }
    if (maxNorm === undefined) return { clipped }
    let norm = 0
    for (const gradient of working) {
      if (gradient === undefined) continue
      for (let index = 0; index < gradient.length; index++) {
        const value = gradient[index]!
        if (settings.normType === 'inf') norm = Math.max(norm, Math.abs(value))
        else norm += value * value
      }
    }
    if (settings.normType === 2) norm = Math.sqrt(norm)
    const coefficient = maxNorm / (norm + CLIP_EPSILON)
    if (coefficient < 1) {
      clipped = true
      const factor = f32(coefficient)
      for (const gradient of working) {
        if (gradient === undefined) continue
        for (let index = 0; index < gradient.length; index++) gradient[index] = gradient[index]! * factor
      }
    }
    return { gradientNorm: norm, clipped }
  }

  const working: (Float32Array | undefined)[] = slots.map(() => undefined)

  function step(gradients: NamedArrays, learningRate: number): StepReport {
    nonNegativeNumber('learningRate', learningRate)
    validateGradients(gradients)
    const skipped = findNonFinite()
    if (skipped !== undefined) return skipped

    if (accumulationSteps > 1) {
      const divisor = microStep + 1
      for (const slot of slots) {
        const gradient = slot.gradient
        if (gradient === undefined) continue
        const accumulator = slot.accumulator!
        for (let index = 0; index < gradient.length; index++) {
          const mean = accumulator[index]!
          accumulator[index] = mean + f32(f32(gradient[index]! - mean) / divisor)
        }
      }
      microStep += 1
      if (microStep < accumulationSteps) return { applied: false }
      microStep = 0
    }

    slots.forEach((slot, index) => {
      const gradient = slot.gradient
      if (gradient === undefined) {
        working[index] = undefined
      } else if (slot.accumulator !== undefined) {
        working[index] = slot.accumulator
      } else if (slot.scratch !== undefined) {
        slot.scratch.set(gradient)
        working[index] = slot.scratch
      } else {
        working[index] = gradient
      }
    })
    const clipReport = clipping === undefined ? {} : clip(clipping, working)

    slots.forEach((slot, index) => {
      const gradient = working[index]
      if (gradient === undefined) return
      const group = groups[slot.group]!
      slot.step += 1
      definition.update(
        kernels,
        slot.param,
        gradient,
        slot.buffers,
        learningRate * group.lrScale,
        group.weightDecay ?? definition.defaultWeightDecay,
        slot.step,
      )
      slot.accumulator?.fill(0)
      slot.gradient = undefined
      working[index] = undefined
    })
    return { applied: true, ...clipReport }
  }

  function state(): OptimizerState {
    const parameterStates: Record<string, ParameterState> = {}
    for (const slot of slots) {
      const buffers: Record<string, Float32Array> = {}
      bufferNames.forEach((name, index) => {
        buffers[name] = slot.buffers[index]!.slice()
      })
      parameterStates[slot.name] = { step: slot.step, buffers }
    }
    const trainable: Record<string, boolean> = {}
    for (const group of groups) trainable[group.name] = group.trainable
    const result: OptimizerState = {
      version: 1,
      optimizer: definition.kind,
      hyperparameters: { ...definition.hyperparameters },
      trainable,
      parameters: parameterStates,
    }
    if (accumulationSteps === 1) return result
    const accumulated: Record<string, Float32Array> = {}
    for (const slot of slots) accumulated[slot.name] = slot.accumulator!.slice()
    const accumulation: AccumulationState = { microStep, gradients: accumulated }
    return { ...result, accumulation }
  }

  function load(saved: OptimizerState): void {
    const root = stateRecord('state', saved)
    if (root.version !== 1) throw stateError(`state.version must be 1, got ${JSON.stringify(root.version)}`)
    if (root.optimizer !== definition.kind) {
      throw stateError(
        `the state is for optimizer ${JSON.stringify(root.optimizer)}, this optimizer is "${definition.kind}"`,
      )
    }
    const trainable = stateRecord('state.trainable', root.trainable)
    checkNames(
      'state.trainable',
      trainable,
      groups.map((group) => group.name),
      'group',
    )
    for (const group of groups) {
      if (typeof trainable[group.name] !== 'boolean') {
        throw stateError(`state.trainable["${group.name}"] must be true or false`)
      }
    }
    const parameterStates = stateRecord('state.parameters', root.parameters)
    checkNames('state.parameters', parameterStates, names, 'parameter')
    const restored = slots.map((slot) => {
      const path = `state.parameters["${slot.name}"]`
      const entry = stateRecord(path, parameterStates[slot.name])
      const savedStep = entry.step
      if (typeof savedStep !== 'number' || !Number.isSafeInteger(savedStep) || savedStep < 0) {
        throw stateError(`${path}.step must be a non-negative integer, got ${JSON.stringify(savedStep)}`)
      }
      const buffers = stateRecord(`${path}.buffers`, entry.buffers)
      checkNames(`${path}.buffers`, buffers, bufferNames, 'buffer')
      const arrays = bufferNames.map((name) =>
        checkArray(`${path}.buffers.${name}`, buffers[name], slot.name, slot.param.length),
      )
      return { step: savedStep, arrays }
    })
    let savedMicroStep = 0
    let accumulated: Float32Array[] | undefined
    if (root.accumulation !== undefined) {
      const accumulation = stateRecord('state.accumulation', root.accumulation)
      const count = accumulation.microStep
      if (
        typeof count !== 'number' ||
        !Number.isSafeInteger(count) ||
        count < 0 ||
        count >= accumulationSteps
      ) {
        throw stateError(
          `state.accumulation.microStep must be an integer with 0 <= microStep < ${accumulationSteps} (accumulationSteps), got ${JSON.stringify(count)}`,
        )
      }
      savedMicroStep = count
      if (accumulationSteps > 1) {
        const gradients = stateRecord('state.accumulation.gradients', accumulation.gradients)
        checkNames('state.accumulation.gradients', gradients, names, 'parameter')
        accumulated = slots.map((slot) =>
          checkArray(
            `state.accumulation.gradients["${slot.name}"]`,
            gradients[slot.name],
            slot.name,
            slot.param.length,
          ),
        )
      }
    }

    slots.forEach((slot, index) => {
      const { step: savedStep, arrays } = restored[index]!
      slot.step = savedStep
      arrays.forEach((array, bufferIndex) => {
        slot.buffers[bufferIndex]!.set(array)
      })
      if (slot.accumulator !== undefined) {
        if (accumulated === undefined) slot.accumulator.fill(0)
        else slot.accumulator.set(accumulated[index]!)
      }
    })
    microStep = savedMicroStep
    groups = groups.map((group) =>
      group.trainable === trainable[group.name]
        ? group
        : Object.freeze({ ...group, trainable: !group.trainable }),
    )
  }

  function setTrainable(groupName: string, trainable: boolean): void {
    booleanValue('trainable', trainable)
    const index = groups.findIndex((group) => group.name === groupName)
    if (index === -1) {
      throw new InvalidArgumentError({
        argument: 'groupName',
        value: groupName,
        message: `groupName must name a group, got ${JSON.stringify(groupName)}; groups: ${listNames(groups.map((group) => group.name))}`,
      })
    }
    const group = groups[index]!
    if (group.trainable === trainable) return
    if (microStep > 0) {
      throw new InvalidStateError({
        message: `cannot change whether group "${groupName}" is trainable in the middle of an accumulation window (${microStep} of ${accumulationSteps} micro-batches accumulated); change it right after an applied step`,
      })
    }
    groups = groups.map((entry, position) =>
      position === index ? Object.freeze({ ...entry, trainable }) : entry,
    )
  }

  return {
    get groups() {
      return groups
    },
    parameters,
    step,
    state,
    load,
    setTrainable,
  }
}
