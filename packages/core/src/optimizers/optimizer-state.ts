/**
 * Saving and loading optimizer state as plain data keyed by parameter and group name. Loading
 * validates everything (names, versions, lengths, finiteness) before anything changes, in time
 * linear in the number of parameters. Internal: not exported from the package entry point.
 */
import { InvalidStateError } from '../errors/invalid-state-error'
import { listNames } from './optimizer-options'
import type { AccumulationState, OptimizerKind, OptimizerState, ParameterState } from './types'

/** What saving and loading need to know about one parameter. */
export interface StateSlot {
  readonly name: string
  readonly length: number
  readonly step: number
  readonly buffers: readonly Float32Array[]
  readonly accumulator: Float32Array | undefined
}

/** The optimizer-wide facts state is checked against. */
export interface StateLayout {
  readonly kind: OptimizerKind
  readonly bufferNames: readonly string[]
  readonly groupNames: readonly string[]
  readonly accumulationSteps: number
}

/** State validated by {@link parseOptimizerState}, in the optimizer's parameter order. */
export interface ParsedOptimizerState {
  readonly steps: readonly number[]
  readonly buffers: readonly (readonly Float32Array[])[]
  readonly trainable: ReadonlyMap<string, boolean>
  readonly microStep: number
  /** Applied updates, when the state records them. */
  readonly stepCount: number | undefined
  /** Accumulated means per parameter, or undefined to reset them to zero. */
  readonly accumulated: readonly Float32Array[] | undefined
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

/** Own property or undefined (so a key named `__proto__` reads the entry, never the prototype). */
function own(record: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

function checkArray(path: string, value: unknown, parameter: string, length: number): Float32Array {
  if (!(value instanceof Float32Array)) throw stateError(`${path} must be a Float32Array`)
  if (value.length !== length) {
    throw stateError(`${path} has length ${value.length}, but parameter "${parameter}" has length ${length}`)
  }
  for (let index = 0; index < value.length; index++) {
    if (!Number.isFinite(value[index]!)) {
      throw stateError(
        `${path}[${index}] is ${value[index]}; optimizer state must be finite (a NaN or infinite moment would turn the next update into NaN)`,
      )
    }
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
  const keys = Object.keys(record)
  if (keys.length === expected.length) return
  const known = new Set(expected)
  for (const name of keys) {
    if (!known.has(name)) {
      throw stateError(`${path} has an entry for unknown ${what} "${name}"; known: ${listNames(expected)}`)
    }
  }
}

/** Copies the state out as plain data (`Object.fromEntries`, so every name, `__proto__` too, is kept). */
export function saveOptimizerState(
  layout: StateLayout,
  hyperparameters: Readonly<Record<string, number | boolean>>,
  trainable: ReadonlyMap<string, boolean>,
  slots: readonly StateSlot[],
  microStep: number,
  stepCount: number,
): OptimizerState {
  const parameters: Record<string, ParameterState> = Object.fromEntries(
    slots.map((slot) => [
      slot.name,
      {
        step: slot.step,
        buffers: Object.fromEntries(
          layout.bufferNames.map((name, index) => [name, slot.buffers[index]!.slice()]),
        ),
      },
    ]),
  )
  const state: OptimizerState = {
    version: 1,
    optimizer: layout.kind,
    hyperparameters: { ...hyperparameters },
    trainable: Object.fromEntries(layout.groupNames.map((name) => [name, trainable.get(name)!])),
    parameters,
    stepCount,
  }
  if (layout.accumulationSteps === 1) return state
  const accumulation: AccumulationState = {
    microStep,
    gradients: Object.fromEntries(slots.map((slot) => [slot.name, slot.accumulator!.slice()])),
  }
  return { ...state, accumulation }
}

/**
 * Validates saved state completely against this optimizer (`InvalidStateError` naming the first
 * problem) and returns it in parameter order; nothing is changed.
 */
export function parseOptimizerState(
  saved: unknown,
  layout: StateLayout,
  slots: readonly StateSlot[],
): ParsedOptimizerState {
  const root = stateRecord('state', saved)
  if (root.version !== 1) throw stateError(`state.version must be 1, got ${JSON.stringify(root.version)}`)
  if (root.optimizer !== layout.kind) {
    throw stateError(
      `the state is for optimizer ${JSON.stringify(root.optimizer)}, this optimizer is "${layout.kind}"`,
    )
  }
  const savedTrainable = stateRecord('state.trainable', root.trainable)
  checkNames('state.trainable', savedTrainable, layout.groupNames, 'group')
  const trainable = new Map<string, boolean>()
  for (const name of layout.groupNames) {
    const flag = own(savedTrainable, name)
    if (typeof flag !== 'boolean') throw stateError(`state.trainable["${name}"] must be true or false`)
    trainable.set(name, flag)
  }
  const parameterStates = stateRecord('state.parameters', root.parameters)
  checkNames(
    'state.parameters',
    parameterStates,
    slots.map((slot) => slot.name),
    'parameter',
  )
  const steps: number[] = []
  const buffers = slots.map((slot) => {
    const path = `state.parameters["${slot.name}"]`
    const entry = stateRecord(path, own(parameterStates, slot.name))
    const savedStep = entry.step
    if (typeof savedStep !== 'number' || !Number.isSafeInteger(savedStep) || savedStep < 0) {
      throw stateError(`${path}.step must be a non-negative integer, got ${JSON.stringify(savedStep)}`)
    }
    steps.push(savedStep)
    const savedBuffers = stateRecord(`${path}.buffers`, entry.buffers)
    checkNames(`${path}.buffers`, savedBuffers, layout.bufferNames, 'buffer')
    return layout.bufferNames.map((name) =>
      checkArray(`${path}.buffers.${name}`, own(savedBuffers, name), slot.name, slot.length),
    )
  })
  const savedCount = root.stepCount
  if (
    savedCount !== undefined &&
    (typeof savedCount !== 'number' || !Number.isSafeInteger(savedCount) || savedCount < 0)
  ) {
    throw stateError(`state.stepCount must be a non-negative integer, got ${JSON.stringify(savedCount)}`)
  }
  let microStep = 0
  let accumulated: Float32Array[] | undefined
  if (root.accumulation !== undefined) {
    const accumulation = stateRecord('state.accumulation', root.accumulation)
    const count = accumulation.microStep
    if (
      typeof count !== 'number' ||
      !Number.isSafeInteger(count) ||
      count < 0 ||
      count >= layout.accumulationSteps
    ) {
      throw stateError(
        `state.accumulation.microStep must be an integer with 0 <= microStep < ${layout.accumulationSteps} (accumulationSteps), got ${JSON.stringify(count)}`,
      )
    }
    microStep = count
    if (layout.accumulationSteps > 1) {
      const gradients = stateRecord('state.accumulation.gradients', accumulation.gradients)
      checkNames(
        'state.accumulation.gradients',
        gradients,
        slots.map((slot) => slot.name),
        'parameter',
      )
      accumulated = slots.map((slot) =>
        checkArray(
          `state.accumulation.gradients["${slot.name}"]`,
          own(gradients, slot.name),
          slot.name,
          slot.length,
        ),
      )
    }
  }
  return { steps, buffers, trainable, microStep, stepCount: savedCount, accumulated }
}
