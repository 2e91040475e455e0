/**
 * Reading the options every optimizer factory shares: the named parameters (rejecting names that
 * share memory), the parameter groups, gradient clipping and the kernels. Internal: not exported
 * from the package entry point.
 */
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import type { ParamGroup } from '../groups/types'
import { booleanValue, nonNegativeNumber, oneOf, optionsObject } from '../internal/validate'
import { jsKernels } from './kernels/js-kernels'
import type { OptimizerKernels } from './kernels/types'

/** Option keys every optimizer factory accepts besides its hyperparameters. */
export const BASE_OPTION_KEYS = [
  'parameters',
  'groups',
  'gradientClipping',
  'accumulationSteps',
  'missingGradients',
  'kernels',
] as const

/** Whether `key` is one of {@link BASE_OPTION_KEYS} (not a hyperparameter). */
export function isBaseOptionKey(key: string): boolean {
  return (BASE_OPTION_KEYS as readonly string[]).includes(key)
}

/** Name of the implicit group that holds the parameters not in any group. */
export const DEFAULT_GROUP = 'default'

/** Every method an {@link OptimizerKernels} object must have. */
const KERNEL_METHODS = [
  'allocate',
  'sgd',
  'adam',
  'rmsprop',
  'adagrad',
  'lion',
  'maxAbs',
  'sumOfSquares',
  'clampAndScale',
  'accumulateMean',
] as const

/** Whether `value` looks like a `Map` (has `get` and `keys`). */
export function isMapLike(value: unknown): value is ReadonlyMap<string, unknown> {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { get?: unknown }).get === 'function' &&
    typeof (value as { keys?: unknown }).keys === 'function'
  )
}

/** Up to 20 quoted names, then a count of the rest. */
export function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 20).map((name) => JSON.stringify(name))
  return names.length > 20 ? `${shown.join(', ')}, … (${names.length - 20} more)` : shown.join(', ')
}

/**
 * Reads `parameters` (a Map or a plain object of Float32Arrays) into `[name, array]` entries, in
 * order. Rejects an empty set, non-string keys, non-Float32Array values, and two names whose
 * arrays share memory (the same array or overlapping views of one buffer): updating them as two
 * parameters would apply every update twice.
 */
export function readParameters(value: unknown): Array<[string, Float32Array]> {
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
  const parameters = entries.map(([name, array]): [string, Float32Array] => {
    if (!(array instanceof Float32Array)) {
      throw new InvalidArgumentError({
        argument: `parameters["${name}"]`,
        value: array,
        expected: 'a Float32Array',
      })
    }
    return [name, array]
  })
  rejectSharedMemory(parameters)
  return parameters
}

interface Extent {
  readonly name: string
  readonly start: number
  readonly end: number
}

/** Throws when two parameters' arrays overlap in memory (O(n log n): sort by offset per buffer). */
function rejectSharedMemory(parameters: ReadonlyArray<[string, Float32Array]>): void {
  const byBuffer = new Map<ArrayBufferLike, Extent[]>()
  for (const [name, array] of parameters) {
    if (array.length === 0) continue
    const extents = byBuffer.get(array.buffer)
    const extent = { name, start: array.byteOffset, end: array.byteOffset + array.byteLength }
    if (extents === undefined) byBuffer.set(array.buffer, [extent])
    else extents.push(extent)
  }
  for (const extents of byBuffer.values()) {
    if (extents.length < 2) continue
    extents.sort((a, b) => a.start - b.start)
    let widest = extents[0]!
    for (let index = 1; index < extents.length; index++) {
      const extent = extents[index]!
      if (extent.start < widest.end) {
        const same = extent.start === widest.start && extent.end === widest.end
        throw new InvalidArgumentError({
          argument: `parameters["${extent.name}"]`,
          value: `Float32Array(${(extent.end - extent.start) / 4})`,
          message: `parameters "${widest.name}" and "${extent.name}" share memory (${same ? 'the same array' : `overlapping views of one buffer: bytes ${widest.start}–${widest.end} and ${extent.start}–${extent.end}`}), so every update would be applied twice; give each parameter its own array (for tied weights, pass the array once under one name and add the gradients)`,
        })
      }
      if (extent.end > widest.end) widest = extent
    }
  }
}

/** Reads `groups`: each a unique name, known parameters (each in at most one group), scale, flags. */
export function readGroups(value: unknown, names: readonly string[]): ParamGroup[] {
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

/**
 * The user's groups plus, when some parameters are in no group, the implicit `'default'` group
 * (lrScale 1, trainable) holding them.
 */
export function completeGroups(userGroups: readonly ParamGroup[], names: readonly string[]): ParamGroup[] {
  const grouped = new Set(userGroups.flatMap((group) => group.parameters))
  const leftovers = names.filter((name) => !grouped.has(name))
  if (leftovers.length === 0) return [...userGroups]
  const clash = userGroups.findIndex((group) => group.name === DEFAULT_GROUP)
  if (clash !== -1) {
    throw new InvalidArgumentError({
      argument: `groups[${clash}].name`,
      value: DEFAULT_GROUP,
      message: `groups[${clash}].name "${DEFAULT_GROUP}" is reserved for parameters not in any group (${listNames(leftovers)}); put them in a group or rename it`,
    })
  }
  return [
    ...userGroups,
    Object.freeze({
      name: DEFAULT_GROUP,
      parameters: Object.freeze(leftovers),
      lrScale: 1,
      trainable: true,
    }),
  ]
}

/** Reads `kernels`: default the JS kernels; otherwise an object with every kernel method. */
export function readKernels(value: unknown): OptimizerKernels {
  if (value === undefined) return jsKernels
  const record = optionsObject('kernels', value)
  oneOf('kernels.backend', record.backend, ['js', 'wasm'])
  for (const method of KERNEL_METHODS) {
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
