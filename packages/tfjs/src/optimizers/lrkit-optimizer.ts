import {
  type AccumulationState,
  type Optimizer as CoreOptimizer,
  type GradientClippingOptions,
  InvalidArgumentError,
  InvalidStateError,
  jsKernels,
  type KernelBackend,
  type OptimizerBaseOptions,
  type OptimizerKind,
  type OptimizerState,
  type ParameterState,
  type ParamGroup,
  type ParamGroupUpdate,
  type StepReport,
  selectKernels,
} from '@lrkit/core'
import {
  abs,
  add,
  all,
  cast,
  clipByValue,
  variable as createVariable,
  div,
  engine,
  fill,
  getBackend,
  isFinite as isFiniteOp,
  max,
  minimum,
  mul,
  type NamedTensorMap,
  Optimizer,
  scalar,
  type serialization,
  square,
  stack,
  sub,
  sum,
  type Tensor,
  tensor,
  tidy,
  type Variable,
  zerosLike,
} from '@tensorflow/tfjs-core'

/** A tensor with a name, as tfjs-core's (unexported) `NamedTensor`: optimizer weights and gradient lists. */
export interface NamedTensor {
  /** The variable or slot name. */
  readonly name: string
  /** The value. */
  readonly tensor: Tensor
}

import { type Hyperparameters, opsBufferNames, opsUpdate } from './ops-update'

/** Where an lrkit tfjs optimizer computes its updates (see {@link LrkitOptimizerOptions.updatePath}). */
export type UpdatePath = 'auto' | 'kernels' | 'ops'

/**
 * Everything an lrkit optimizer changes while it trains, copied by {@link LrkitOptimizer.snapshot}
 * and put back by {@link LrkitOptimizer.restore}: the state (per-variable buffers and step counts,
 * accumulation, update count), the base and pushed rates and each group's settings. Plain data,
 * not meant to be edited.
 */
export interface LrkitOptimizerSnapshot {
  /** {@link LrkitOptimizer.state} at the time of the snapshot (copies). */
  readonly state: OptimizerState
  /** The base learning rate. */
  readonly learningRate: number
  /** Rates a scheduler pushed per group, if any. */
  readonly pushedRates: Readonly<Record<string, number>> | undefined
  /** Each group's rate scale, weight decay and trainable flag, by group name. */
  readonly groups: Readonly<
    Record<
      string,
      {
        /** The group's rate scale. */
        readonly lrScale: number
        /** The group's weight decay (undefined: the optimizer's). */
        readonly weightDecay: number | undefined
        /** Whether the group trains. */
        readonly trainable: boolean
      }
    >
  >
}

/**
 * Options every lrkit TensorFlow.js optimizer accepts besides its hyperparameters (which are
 * core's, with core's defaults and validation).
 */
export interface LrkitOptimizerOptions {
  /**
   * Base (head) learning rate, finite and ≥ 0; default 1e-3. Group g is updated with
   * `learningRate × lrScale_g`. A scheduler (`createScheduler({ schedule, target: optimizer })` or
   * the callbacks of this package) overrides it by pushing rates.
   */
  readonly learningRate?: number
  /**
   * Parameter groups over **variable names** (the unique `variable.name` that `applyGradients`
   * receives, e.g. `dense_Dense1/kernel`), usually `createParamGroups({ parameters:
   * modelParameters(model), groups: [...] })`. Variables in no group join a group named
   * `'default'` (lrScale 1, the optimizer's weight decay). Default: no groups.
   */
  readonly groups?: readonly ParamGroup[]
  /** Gradient clipping over all updated variables at once, as core's. Default none. */
  readonly gradientClipping?: GradientClippingOptions
  /** Micro-batches per update (integer ≥ 1, default 1), as core's `accumulationSteps`. */
  readonly accumulationSteps?: number
  /**
   * `'kernels'`: read gradients with `dataSync`, update with core's kernels, write each variable
   * back once (measured faster on the cpu and wasm backends). `'ops'`: tf ops inside `tidy`
   * (no per-variable download; for webgl / webgpu). `'auto'` (default): `'kernels'` on the `cpu`,
   * `wasm` and `tensorflow` (tfjs-node) backends, `'ops'` otherwise. Decided at the first update.
   */
  readonly updatePath?: UpdatePath
  /** Kernels of the `'kernels'` path: `'auto'` (default: WebAssembly SIMD when available), `'wasm'`, `'js'`. */
  readonly kernels?: KernelBackend
  /**
   * Called after an update that was skipped because a gradient was NaN or infinite (nothing
   * changed); the report names the variable and the index. Default: none (see
   * {@link LrkitOptimizer.lastStep}).
   */
  readonly onNonFinite?: (report: StepReport) => void
}

/** A core optimizer factory (`adamwOptimizer`, …). */
export type CoreOptimizerFactory = (
  options: OptimizerBaseOptions & Record<string, unknown>,
) => CoreOptimizer<object>

const OWN_KEYS = ['learningRate', 'groups', 'updatePath', 'kernels', 'onNonFinite'] as const
const DEFAULT_GROUP = 'default'
const ITER = 'iter'
const PREFIX = 'lrkit:'
const STEP = 'step'
const ACCUMULATED = 'accumulated'

interface UserGroup {
  readonly name: string
  lrScale: number
  weightDecay: number | undefined
  trainable: boolean
  readonly configured: readonly string[]
}

interface OpsSlot {
  step: number
  readonly buffers: Variable[]
  accumulator: Variable | undefined
}

interface Present {
  readonly name: string
  readonly variable: Variable
  readonly grad: Tensor
}

function nonNegative(argument: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new InvalidArgumentError({ argument, value, expected: 'a finite number >= 0' })
  }
  return value
}

function stateError(message: string): InvalidStateError {
  return new InvalidStateError({ message: `cannot load optimizer state: ${message}` })
}

const LRKIT_OPTIMIZER = Symbol.for('lrkit.tfjs.LrkitOptimizer')

/**
 * Whether `value` is an lrkit TensorFlow.js optimizer, also one created by another copy of this
 * package (checked by a `Symbol.for` brand, not by `instanceof`).
 *
 * @param value - any value
 * @returns true for {@link LrkitOptimizer} instances
 */
export function isLrkitOptimizer(value: unknown): value is LrkitOptimizer {
  return (
    value !== null &&
    typeof value === 'object' &&
    (value as Record<symbol, unknown>)[LRKIT_OPTIMIZER] === true
  )
}

/**
 * The base of the lrkit `tf.Optimizer` subclasses ({@link LrkitAdamW}, {@link LrkitSGD}, …):
 * core's optimizers with state keyed by variable name and a step count per variable, parameter
 * groups with their own rate scale, weight decay and trainable flag, clipping, accumulation and
 * a NaN/Inf guard — usable with `model.compile({ optimizer })`, `fit`, `fitDataset`,
 * `trainOnBatch` and `optimizer.minimize(f, true, varList)`.
 *
 * It is also a core `LearningRateTarget`: `createScheduler({ schedule, target: optimizer })`
 * pushes the rates, and `getStepCount()` (the number of `applyGradients` calls, one per batch)
 * feeds the scheduler's call-order check.
 *
 * Variables are bound by name at their first gradient. A variable that has no gradient in a call
 * (a layer with `trainable = false`, or one that has no path to the loss) is not touched: no
 * update, no state change, no step-count increment — so freezing, unfreezing and recompiling
 * never pair a moment with the wrong variable (tensorflow/tfjs#4290) and an unfrozen variable
 * gets the bias correction of its own first step.
 */
export abstract class LrkitOptimizer extends Optimizer {
  /**
   * `instanceof` with ordinary prototype semantics. tfjs-core's `Optimizer` defines a duck-typed
   * `Symbol.hasInstance` (any object with `minimize`, `computeGradients` and `applyGradients`), which
   * subclasses would inherit: without this, `tf.train.adam() instanceof LrkitAdamW` is true. Use
   * {@link isLrkitOptimizer} to recognise an lrkit optimizer from another copy of this package.
   *
   * @param instance - the value on the left of `instanceof`
   */
  static override [Symbol.hasInstance](instance: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the subclass on the right of instanceof
    return Function.prototype[Symbol.hasInstance].call(this, instance)
  }

  /** Brand checked by {@link isLrkitOptimizer} (survives duplicate package copies). */
  readonly [LRKIT_OPTIMIZER]: true = true

  /** Contract version of core's `LearningRateTarget`: always `'v1'`. */
  readonly specificationVersion = 'v1' as const
  /** The core optimizer kind this class wraps. */
  readonly kind: OptimizerKind

  private readonly factory: CoreOptimizerFactory
  private readonly probe: CoreOptimizer<object>
  private readonly userGroups: UserGroup[]
  private readonly groupOf = new Map<string, number>()
  private readonly coreOptions: Record<string, unknown>
  private readonly clipping: GradientClippingOptions | undefined
  private readonly accumulationSteps: number
  /** Core groups = user groups with `missingGradients: 'skip'` (no accumulation), else one per variable. */
  private readonly skipMissing: boolean
  private readonly requestedPath: UpdatePath
  private readonly kernelBackend: KernelBackend
  private readonly onNonFinite: ((report: StepReport) => void) | undefined
  private baseRate: number
  private pushedRates: Readonly<Record<string, number>> | undefined
  private path: 'kernels' | 'ops' | undefined
  private report: StepReport | undefined
  /** Variables seen so far, in binding order. */
  private readonly bound: string[] = []
  private readonly boundSet = new Set<string>()
  /** State loaded for variables not bound yet. */
  private pending = new Map<string, ParameterState>()
  // kernels path
  private core: CoreOptimizer<object> | undefined
  private readonly coreTrainable = new Map<string, boolean>()
  private readonly written = new Map<string, unknown>()
  private ratesDirty = true
  // ops path
  private readonly opsSlots = new Map<string, OpsSlot>()
  private opsMicroStep = 0
  private pendingMicroStep = 0
  private pendingAccumulated: Readonly<Record<string, Float32Array>> | undefined

  /**
   * @param kind - the core optimizer kind
   * @param factory - the matching core factory (used for validation, defaults and the kernels path)
   * @param options - {@link LrkitOptimizerOptions} plus the factory's hyperparameters
   */
  protected constructor(kind: OptimizerKind, factory: CoreOptimizerFactory, options: object | undefined) {
    super()
    this.kind = kind
    this.factory = factory
    const record = (options ?? {}) as Record<string, unknown>
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
    }
    if (record.missingGradients !== undefined) {
      throw new InvalidArgumentError({
        argument: 'missingGradients',
        value: record.missingGradients,
        message: `missingGradients is not an option of lrkit TensorFlow.js optimizers, got ${JSON.stringify(record.missingGradients)}: variables without a gradient (frozen layers) are always left unchanged`,
      })
    }
    const coreOptions: Record<string, unknown> = {}
    for (const key of Object.keys(record)) {
      if (!(OWN_KEYS as readonly string[]).includes(key)) coreOptions[key] = record[key]
    }
    this.baseRate =
      record.learningRate === undefined ? 1e-3 : nonNegative('learningRate', record.learningRate)
    const path = record.updatePath ?? 'auto'
    if (path !== 'auto' && path !== 'kernels' && path !== 'ops') {
      throw new InvalidArgumentError({
        argument: 'updatePath',
        value: path,
        expected: '"auto", "kernels" or "ops"',
      })
    }
    this.requestedPath = path
    const kernels = record.kernels ?? 'auto'
    if (kernels !== 'auto' && kernels !== 'wasm' && kernels !== 'js') {
      throw new InvalidArgumentError({
        argument: 'kernels',
        value: kernels,
        expected: '"auto", "wasm" or "js"',
      })
    }
    this.kernelBackend = kernels
    if (record.onNonFinite !== undefined && typeof record.onNonFinite !== 'function') {
      throw new InvalidArgumentError({
        argument: 'onNonFinite',
        value: record.onNonFinite,
        expected: 'a function',
      })
    }
    this.onNonFinite = record.onNonFinite as ((report: StepReport) => void) | undefined

    // Core validates the hyperparameters, clipping, accumulation and the groups (names unique,
    // each variable in at most one group, scales and decays ≥ 0) on a probe with one element per
    // variable named in the groups.
    const groups = record.groups as readonly ParamGroup[] | undefined
    const named = new Set<string>()
    if (Array.isArray(groups)) {
      for (const group of groups) {
        const parameters = (group as { parameters?: unknown } | null)?.parameters
        if (Array.isArray(parameters))
          for (const name of parameters) if (typeof name === 'string') named.add(name)
      }
    }
    const probeParameters = new Map<string, Float32Array>()
    for (const name of named) probeParameters.set(name, new Float32Array(1))
    if (probeParameters.size === 0) probeParameters.set('probe', new Float32Array(1))
    this.probe = factory({
      ...coreOptions,
      parameters: probeParameters,
      ...(groups === undefined ? {} : { groups }),
      kernels: jsKernels,
    })
    delete coreOptions.groups
    this.coreOptions = coreOptions
    this.clipping = coreOptions.gradientClipping as GradientClippingOptions | undefined
    this.accumulationSteps = (coreOptions.accumulationSteps as number | undefined) ?? 1
    this.skipMissing = this.accumulationSteps === 1
    this.userGroups = (groups ?? []).map((group) => ({
      name: group.name,
      lrScale: group.lrScale,
      weightDecay: group.weightDecay,
      trainable: group.trainable,
      configured: [...group.parameters],
    }))
    this.userGroups.forEach((group, index) => {
      for (const name of group.configured) this.groupOf.set(name, index)
    })
  }

  // ---- rates and groups ----

  /** The base (head) learning rate used when no scheduler has pushed rates (finite, ≥ 0). */
  get learningRate(): number {
    return this.baseRate
  }

  /** Sets the base rate (finite, ≥ 0) and drops rates a scheduler pushed per group. */
  set learningRate(value: number) {
    this.baseRate = nonNegative('learningRate', value)
    this.pushedRates = undefined
    this.ratesDirty = true
  }

  /** The resolved hyperparameters (core's names and defaults, e.g. `beta1`, `eps`, `weightDecay`). */
  get hyperparameters(): Hyperparameters {
    return this.probe.hyperparameters as Hyperparameters
  }

  /** Where updates run: `'kernels'` or `'ops'` once the first update chose it, else undefined. */
  get updatePath(): 'kernels' | 'ops' | undefined {
    return this.path
  }

  /** What the last `applyGradients` did (core's report), or undefined before the first. */
  get lastStep(): StepReport | undefined {
    return this.report
  }

  /**
   * The groups: the configured ones, then `'default'` with the bound variables no group names
   * (present when there are such variables or no groups were configured). `parameters` of a
   * configured group lists its configured variable names.
   */
  get groups(): readonly ParamGroup[] {
    const result: ParamGroup[] = this.userGroups.map((group) => this.describe(group, group.configured))
    const hasDefault = this.userGroups.some((group) => group.name === DEFAULT_GROUP)
    const unassigned = this.bound.filter((name) => !this.groupOf.has(name))
    if (!hasDefault && (unassigned.length > 0 || this.userGroups.length === 0)) {
      result.push(this.describe(this.defaultGroup(), unassigned))
    }
    return result
  }

  private describe(group: UserGroup, parameters: readonly string[]): ParamGroup {
    return group.weightDecay === undefined
      ? { name: group.name, parameters: [...parameters], lrScale: group.lrScale, trainable: group.trainable }
      : {
          name: group.name,
          parameters: [...parameters],
          lrScale: group.lrScale,
          weightDecay: group.weightDecay,
          trainable: group.trainable,
        }
  }

  private implicitDefault: UserGroup | undefined

  private defaultGroup(): UserGroup {
    const configured = this.userGroups.find((group) => group.name === DEFAULT_GROUP)
    if (configured !== undefined) return configured
    this.implicitDefault ??= {
      name: DEFAULT_GROUP,
      lrScale: 1,
      weightDecay: undefined,
      trainable: true,
      configured: [],
    }
    return this.implicitDefault
  }

  private groupFor(name: string): UserGroup {
    const index = this.groupOf.get(name)
    return index === undefined ? this.defaultGroup() : this.userGroups[index]!
  }

  private findGroup(groupName: unknown): UserGroup {
    const group =
      this.userGroups.find((entry) => entry.name === groupName) ??
      (groupName === DEFAULT_GROUP ? this.defaultGroup() : undefined)
    if (group === undefined) {
      throw new InvalidArgumentError({
        argument: 'groupName',
        value: groupName,
        message: `groupName must name a group, got ${JSON.stringify(groupName)}; groups: ${this.groups.map((entry) => JSON.stringify(entry.name)).join(', ')}`,
      })
    }
    return group
  }

  /**
   * Changes a group between steps: its rate scale, weight decay or trainable flag (a frozen
   * group's variables keep their state and step counts). Same contract as core's
   * `Optimizer.updateGroup`, so core's `applyFineTunePhase` / `applyTrainableGroups` recipes apply
   * through {@link applyFineTunePhaseTo} / {@link applyTrainableGroupsTo}.
   *
   * @param groupName - a name from {@link LrkitOptimizer.groups}
   * @param changes - `lrScale` (≥ 0), `weightDecay` (≥ 0) and/or `trainable`
   * @throws InvalidArgumentError for an unknown group, an unknown key or an invalid value
   */
  updateGroup(groupName: string, changes: ParamGroupUpdate): void {
    const group = this.findGroup(groupName)
    if (changes === null || typeof changes !== 'object') {
      throw new InvalidArgumentError({ argument: 'changes', value: changes, expected: 'an object' })
    }
    for (const key of Object.keys(changes)) {
      if (key !== 'lrScale' && key !== 'weightDecay' && key !== 'trainable') {
        throw new InvalidArgumentError({
          argument: 'changes',
          value: key,
          message: `updateGroup does not accept option "${key}"; accepted: lrScale, weightDecay, trainable`,
        })
      }
    }
    const lrScale =
      changes.lrScale === undefined ? group.lrScale : nonNegative('changes.lrScale', changes.lrScale)
    const weightDecay =
      changes.weightDecay === undefined
        ? group.weightDecay
        : nonNegative('changes.weightDecay', changes.weightDecay)
    if (changes.trainable !== undefined && typeof changes.trainable !== 'boolean') {
      throw new InvalidArgumentError({
        argument: 'changes.trainable',
        value: changes.trainable,
        expected: 'a boolean',
      })
    }
    group.lrScale = lrScale
    if (weightDecay !== group.weightDecay) {
      group.weightDecay = weightDecay
      if (this.core !== undefined && weightDecay !== undefined) {
        const keys = new Set(
          this.bound.filter((name) => this.groupFor(name) === group).map((name) => this.coreGroupOf(name)),
        )
        for (const key of keys) this.core.updateGroup(key, { weightDecay })
      }
    }
    if (changes.trainable !== undefined) group.trainable = changes.trainable
    this.ratesDirty = true
  }

  /**
   * Freezes (`false`) or unfreezes (`true`) a group: its variables are not updated and keep their
   * state while frozen, whether or not they receive gradients.
   *
   * @param groupName - a name from {@link LrkitOptimizer.groups}
   * @param trainable - the new flag
   */
  setTrainable(groupName: string, trainable: boolean): void {
    this.updateGroup(groupName, { trainable })
  }

  /**
   * Changes hyperparameters between steps (e.g. `beta1` for momentum cycling), validated by core.
   * A change that adds or drops a state buffer (AMSGrad, centered, SGD momentum from 0) throws.
   *
   * @param values - hyperparameters by core's names
   */
  setHyperparameters(values: Hyperparameters): void {
    this.probe.setHyperparameters(values)
    this.core?.setHyperparameters(values)
    Object.assign(this.coreOptions, values)
  }

  /**
   * `LearningRateTarget`: receives the rates from a scheduler. `{ default: rate }` (a scheduler
   * without groups) sets the base rate, to which each group's `lrScale` applies; one rate per
   * group (a scheduler with the optimizer's group names) sets every group's rate directly and then
   * requires every `lrScale` to be 1.
   *
   * @param rates - rates by group name
   */
  setLearningRates(rates: Readonly<Record<string, number>>): void {
    if (rates === null || typeof rates !== 'object') {
      throw new InvalidArgumentError({
        argument: 'rates',
        value: rates,
        expected: 'an object of group rates',
      })
    }
    const keys = Object.keys(rates)
    const onlyDefault = keys.length === 1 && keys[0] === DEFAULT_GROUP
    if (onlyDefault && !this.userGroups.some((group) => group.name === DEFAULT_GROUP)) {
      this.baseRate = nonNegative(`rates.${DEFAULT_GROUP}`, rates[DEFAULT_GROUP])
      this.pushedRates = undefined
      this.ratesDirty = true
      return
    }
    const names = this.groups.map((group) => group.name)
    for (const key of keys) {
      if (!names.includes(key)) {
        throw new InvalidArgumentError({
          argument: 'rates',
          value: keys,
          message: `the scheduler sends a rate for group ${JSON.stringify(key)}, which the optimizer does not have; optimizer groups: ${names.join(', ')}`,
        })
      }
      nonNegative(`rates["${key}"]`, rates[key])
    }
    const scaled = this.groups.find((group) => group.lrScale !== 1)
    if (scaled !== undefined) {
      throw new InvalidStateError({
        message: `learning-rate scales are defined twice: the scheduler sends one rate per group and group "${scaled.name}" of the optimizer has lrScale ${scaled.lrScale}, so they would multiply. Give the scheduler no groups (the optimizer's lrScale applies), or give the optimizer groups lrScale 1`,
      })
    }
    this.pushedRates = { ...rates }
    this.ratesDirty = true
  }

  /** `LearningRateTarget`: the number of `applyGradients` calls so far (one per batch). */
  getStepCount(): number {
    return this.iterations
  }

  private rateFor(name: string): number {
    const group = this.groupFor(name)
    if (this.pushedRates === undefined) return this.baseRate * group.lrScale
    const rate = this.pushedRates[group.name]
    if (rate === undefined) {
      throw new InvalidStateError({
        message: `the scheduler sent no rate for group "${group.name}" (variable "${name}"); rates: ${Object.keys(this.pushedRates).join(', ')}`,
      })
    }
    return rate
  }

  private weightDecayFor(name: string): number {
    return this.groupFor(name).weightDecay ?? (this.hyperparameters.weightDecay as number | undefined) ?? 0
  }

  // ---- applyGradients ----

  /**
   * Applies one (micro-)batch of gradients (called by `minimize`, `model.fit`, `trainOnBatch`).
   * Entries whose tensor is null or undefined (frozen or unconnected variables) are left alone.
   *
   * @param variableGradients - gradients by variable name: a `NamedTensorMap` or `NamedTensor[]`
   * @throws InvalidArgumentError for a gradient of a variable that is not registered
   */
  override applyGradients(variableGradients: NamedTensorMap | NamedTensor[]): void {
    const entries: Array<readonly [string, Tensor | null | undefined]> = Array.isArray(variableGradients)
      ? variableGradients.map((entry) => [entry.name, entry.tensor] as const)
      : Object.keys(variableGradients).map((name) => [name, variableGradients[name]] as const)
    const registered = engine().registeredVariables
    const present: Present[] = []
    for (const [name, grad] of entries) {
      if (grad == null) continue
      const variable = registered[name]
      if (variable === undefined) {
        throw new InvalidArgumentError({
          argument: 'variableGradients',
          value: name,
          message: `variableGradients has a gradient for "${name}", which is not a registered variable`,
        })
      }
      if (grad.size !== variable.size) {
        throw new InvalidArgumentError({
          argument: `variableGradients["${name}"]`,
          value: grad.shape,
          message: `the gradient of "${name}" has shape [${grad.shape.join(', ')}], but the variable has shape [${variable.shape.join(', ')}]`,
        })
      }
      present.push({ name, variable, grad })
    }
    if (this.path === undefined) {
      const backend = getBackend()
      this.path =
        this.requestedPath === 'auto'
          ? backend === 'cpu' || backend === 'wasm' || backend === 'tensorflow'
            ? 'kernels'
            : 'ops'
          : this.requestedPath
    }
    this.report = this.path === 'kernels' ? this.stepKernels(present) : this.stepOps(present)
    this.incrementIterations()
    if (this.report.skipped !== undefined) this.onNonFinite?.(this.report)
  }

  // ---- kernels path ----

  private bind(present: readonly Present[]): void {
    const fresh = present.filter((entry) => !this.boundSet.has(entry.name))
    if (this.core !== undefined) {
      for (const entry of present) {
        const length = this.core.parameters.get(entry.name)?.length
        if (length !== undefined && length !== entry.variable.size) {
          throw new InvalidStateError({
            message: `variable "${entry.name}" has ${entry.variable.size} elements, but the optimizer holds state for ${length}; a different variable reuses the name — use a new optimizer`,
          })
        }
      }
    }
    if (fresh.length === 0 && this.core !== undefined) return
    for (const entry of fresh) {
      this.bound.push(entry.name)
      this.boundSet.add(entry.name)
    }
    const previous = this.core
    const parameters = new Map<string, Float32Array>()
    const byName = new Map(present.map((entry) => [entry.name, entry.variable]))
    for (const name of this.bound) {
      const held = previous?.parameters.get(name)
      parameters.set(
        name,
        held === undefined ? Float32Array.from(byName.get(name)!.dataSync()) : held.slice(),
      )
    }
    // Core groups: the user's groups (one kernel call per group and step; variables without a
    // gradient are skipped by core), or one per variable with accumulation, where core cannot skip.
    const members = new Map<string, string[]>()
    for (const name of this.bound) {
      const key = this.coreGroupOf(name)
      const list = members.get(key)
      if (list === undefined) members.set(key, [name])
      else list.push(name)
    }
    const groups: ParamGroup[] = [...members].map(([key, names]) => {
      const weightDecay = this.groupFor(names[0]!).weightDecay
      return weightDecay === undefined
        ? { name: key, parameters: names, lrScale: 1, trainable: false }
        : { name: key, parameters: names, lrScale: 1, weightDecay, trainable: false }
    })
    const next = this.factory({
      ...this.coreOptions,
      parameters,
      groups,
      ...(this.skipMissing ? { missingGradients: 'skip' } : {}),
      kernels: selectKernels(this.kernelBackend),
    })
    const fresher = next.state()
    const saved = previous?.state()
    const merged: Record<string, ParameterState> = { ...fresher.parameters }
    for (const name of this.bound) {
      const kept = saved?.parameters[name] ?? this.pending.get(name)
      if (kept !== undefined) merged[name] = kept
      this.pending.delete(name)
    }
    let accumulation: AccumulationState | undefined = fresher.accumulation
    if (accumulation !== undefined) {
      const microStep = saved?.accumulation?.microStep ?? this.pendingMicroStep
      const source = saved?.accumulation?.gradients ?? this.pendingAccumulated ?? {}
      const gradients: Record<string, Float32Array> = { ...accumulation.gradients }
      for (const name of this.bound) if (source[name] !== undefined) gradients[name] = source[name]
      accumulation = { microStep, gradients }
      this.pendingMicroStep = 0
      this.pendingAccumulated = undefined
    }
    const state: OptimizerState =
      accumulation === undefined
        ? { ...fresher, parameters: merged }
        : { ...fresher, parameters: merged, accumulation }
    next.load(state)
    this.core = next
    this.coreTrainable.clear()
    this.written.clear()
    for (const key of members.keys()) this.coreTrainable.set(key, false)
    for (const name of this.bound) {
      const variable = byName.get(name)
      // Values copied from a variable this step are current; held values are re-read when the
      // variable's data changed since the last write-back (its dataId).
      if (variable !== undefined && previous?.parameters.get(name) === undefined)
        this.written.set(name, variable.dataId)
    }
    this.ratesDirty = true
  }

  /** The core group of a variable: its user group, or itself in the per-variable layout. */
  private coreGroupOf(name: string): string {
    return this.skipMissing ? this.groupFor(name).name : name
  }

  private stepKernels(present: readonly Present[]): StepReport {
    this.bind(present)
    const core = this.core!
    const active = present.filter((entry) => this.groupFor(entry.name).trainable)
    const activeSet = new Set(active.map((entry) => entry.name))
    const wanted = new Map<string, boolean>()
    for (const name of this.bound) {
      const key = this.coreGroupOf(name)
      // Skip layout: a core group trains when its user group does (core skips the variables
      // without a gradient); per-variable layout: when the variable has a gradient and trains.
      const flag = this.skipMissing ? this.groupFor(name).trainable : activeSet.has(name)
      wanted.set(key, flag)
    }
    for (const [key, flag] of wanted) {
      if (this.coreTrainable.get(key) !== flag) {
        core.updateGroup(key, { trainable: flag })
        this.coreTrainable.set(key, flag)
      }
    }
    const gradients = core.gradients
    for (const entry of active) {
      if (this.written.get(entry.name) !== entry.variable.dataId) {
        core.parameters.get(entry.name)!.set(entry.variable.dataSync() as Float32Array)
        this.written.set(entry.name, entry.variable.dataId)
      }
      gradients.get(entry.name)!.set(entry.grad.dataSync() as Float32Array)
    }
    // Every variable of a training group has a gradient: hand core its own views (no validation,
    // no copy); otherwise the views of the present ones (not copied either).
    const complete =
      !this.skipMissing || this.bound.every((name) => activeSet.has(name) || !this.groupFor(name).trainable)
    const given: ReadonlyMap<string, Float32Array> = complete
      ? gradients
      : new Map(active.map((entry) => [entry.name, gradients.get(entry.name)!]))
    if (this.ratesDirty) {
      const rates: Record<string, number> = {}
      for (const name of this.bound) rates[this.coreGroupOf(name)] = this.rateFor(name)
      core.setLearningRates(rates)
      this.ratesDirty = false
    }
    const report = core.step(given)
    if (report.applied && active.length > 0) {
      tidy(() => {
        for (const entry of active) {
          entry.variable.assign(
            tensor(core.parameters.get(entry.name)!.slice(), entry.variable.shape, 'float32'),
          )
        }
      })
      for (const entry of active) this.written.set(entry.name, entry.variable.dataId)
    }
    return report
  }

  // ---- ops path ----

  private opsSlot(name: string, variable: Variable): OpsSlot {
    let slot = this.opsSlots.get(name)
    if (slot === undefined) {
      const specs = opsBufferNames(this.kind, this.hyperparameters)
      const saved = this.pending.get(name)
      this.pending.delete(name)
      const buffers = specs.map((spec) =>
        tidy(() => {
          const data = saved?.buffers[spec.name]
          const initial =
            data === undefined
              ? fill(variable.shape, spec.initialValue)
              : tensor(data.slice(), variable.shape, 'float32')
          return createVariable(initial, false)
        }),
      )
      const accumulated = this.pendingAccumulated?.[name]
      const accumulator =
        this.accumulationSteps > 1
          ? tidy(() =>
              createVariable(
                accumulated === undefined
                  ? zerosLike(variable)
                  : tensor(accumulated.slice(), variable.shape, 'float32'),
                false,
              ),
            )
          : undefined
      slot = { step: saved?.step ?? 0, buffers, accumulator }
      this.opsSlots.set(name, slot)
      if (!this.boundSet.has(name)) {
        this.bound.push(name)
        this.boundSet.add(name)
      }
    }
    return slot
  }

  private stepOps(present: readonly Present[]): StepReport {
    for (const entry of present) this.opsSlot(entry.name, entry.variable)
    if (this.pendingMicroStep > 0) {
      this.opsMicroStep = this.pendingMicroStep
      this.pendingMicroStep = 0
    }
    this.pendingAccumulated = undefined
    const active = present.filter((entry) => this.groupFor(entry.name).trainable)
    if (active.length === 0) {
      if (this.accumulationSteps > 1) {
        this.opsMicroStep += 1
        if (this.opsMicroStep < this.accumulationSteps) return { applied: false }
        this.opsMicroStep = 0
      }
      return { applied: true }
    }
    const finite = tidy(() =>
      stack(active.map((entry) => cast(all(isFiniteOp(entry.grad)), 'float32'))).dataSync(),
    )
    const bad = finite.indexOf(0)
    if (bad >= 0) {
      const entry = active[bad]!
      const values = entry.grad.dataSync()
      const index = values.findIndex((value) => !Number.isFinite(value))
      return { applied: false, skipped: { reason: 'nonFinite', parameter: entry.name, index } }
    }
    let sources: Tensor[] = active.map((entry) => entry.grad)
    if (this.accumulationSteps > 1) {
      this.opsMicroStep += 1
      const count = this.opsMicroStep
      tidy(() => {
        for (const entry of active) {
          const accumulator = this.opsSlots.get(entry.name)!.accumulator!
          accumulator.assign(add(accumulator, div(sub(entry.grad, accumulator), scalar(count))))
        }
      })
      if (count < this.accumulationSteps) return { applied: false }
      this.opsMicroStep = 0
      sources = active.map((entry) => this.opsSlots.get(entry.name)!.accumulator!)
    }
    const clip = this.clipPlan(sources)
    tidy(() => {
      active.forEach((entry, index) => {
        const slot = this.opsSlots.get(entry.name)!
        let grad = sources[index]!
        if (clip.clamp !== undefined) grad = clipByValue(grad, -clip.clamp, clip.clamp)
        if (clip.scale !== 1) grad = mul(grad, scalar(clip.scale))
        const step = slot.step + 1
        const result = opsUpdate(this.kind, this.hyperparameters, {
          param: entry.variable,
          grad,
          buffers: slot.buffers,
          learningRate: this.rateFor(entry.name),
          weightDecay: this.weightDecayFor(entry.name),
          step,
        })
        result.buffers.forEach((buffer, bufferIndex) => {
          slot.buffers[bufferIndex]!.assign(buffer)
        })
        entry.variable.assign(result.param)
        slot.step = step
      })
      if (this.accumulationSteps > 1) {
        for (const slot of this.opsSlots.values()) slot.accumulator?.assign(zerosLike(slot.accumulator))
      }
    })
    return clip.report
  }

  private clipPlan(sources: readonly Tensor[]): {
    readonly clamp: number | undefined
    readonly scale: number
    readonly report: StepReport
  } {
    const settings = this.clipping
    if (settings === undefined) return { clamp: undefined, scale: 1, report: { applied: true } }
    const maxValue = settings.maxValue === undefined ? undefined : Math.fround(settings.maxValue)
    const [maxAbs, sumOfSquares] = tidy(() => {
      const largest = max(stack(sources.map((source) => max(abs(source)))))
      const clamped = sources.map((source) =>
        maxValue === undefined ? source : minimum(abs(source), scalar(maxValue)),
      )
      const squares = sum(stack(clamped.map((source) => sum(square(source)))))
      return stack([largest, squares]).dataSync()
    }) as unknown as [number, number]
    const valueClipped = maxValue !== undefined && maxAbs > settings.maxValue!
    const clamp = valueClipped ? maxValue : undefined
    if (settings.maxNorm === undefined)
      return { clamp, scale: 1, report: { applied: true, clipped: valueClipped } }
    const norm =
      settings.normType === 'inf'
        ? Math.min(maxAbs, maxValue ?? Number.POSITIVE_INFINITY)
        : Math.sqrt(sumOfSquares)
    const coefficient = settings.maxNorm / (norm + 1e-6)
    return {
      clamp,
      scale: coefficient < 1 ? Math.fround(coefficient) : 1,
      report: { applied: true, gradientNorm: norm, clipped: valueClipped || coefficient < 1 },
    }
  }

  // ---- state ----

  /**
   * The state as core's plain data, keyed by variable name (never by position): each variable's
   * step count and buffers (`expAvg`, `expAvgSq`, …), the groups' trainable flags, the update count
   * (`stepCount` = `iterations`) and, with accumulation, the running means. Includes state loaded for variables not seen yet.
   */
  state(): OptimizerState {
    const parameters: Record<string, ParameterState> = Object.fromEntries(this.pending)
    let accumulation: AccumulationState | undefined
    if (this.core !== undefined) {
      const saved = this.core.state()
      Object.assign(parameters, saved.parameters)
      accumulation = saved.accumulation
    } else if (this.opsSlots.size > 0) {
      const specs = opsBufferNames(this.kind, this.hyperparameters)
      const gradients: Record<string, Float32Array> = {}
      for (const [name, slot] of this.opsSlots) {
        const buffers: Record<string, Float32Array> = {}
        specs.forEach((spec, index) => {
          buffers[spec.name] = Float32Array.from(slot.buffers[index]!.dataSync())
        })
        parameters[name] = { step: slot.step, buffers }
        if (slot.accumulator !== undefined) gradients[name] = Float32Array.from(slot.accumulator.dataSync())
      }
      if (this.accumulationSteps > 1) accumulation = { microStep: this.opsMicroStep, gradients }
    }
    if (accumulation === undefined && this.accumulationSteps > 1) {
      accumulation = { microStep: this.pendingMicroStep, gradients: { ...this.pendingAccumulated } }
    }
    const trainable: Record<string, boolean> = {}
    for (const group of this.groups) trainable[group.name] = group.trainable
    const base = {
      version: 1 as const,
      optimizer: this.kind,
      hyperparameters: { ...this.hyperparameters },
      trainable,
      parameters,
      stepCount: this.iterations,
    }
    return accumulation === undefined ? base : { ...base, accumulation }
  }

  /**
   * Restores {@link LrkitOptimizer.state} output (possibly from another model instance with the
   * same variable names, or saved before a recompile). State for variables not seen yet is kept
   * and applied when they first receive a gradient. A `stepCount` (the number of
   * `applyGradients` calls, `optimizer.iterations`) is restored when present.
   *
   * @param state - core-format optimizer state keyed by variable name
   * @throws InvalidStateError when the state is from another optimizer kind or version, names an
   *   unknown group, lacks a variable this optimizer already holds, or has buffers of the wrong
   *   names, lengths or values (core's checks)
   */
  load(state: OptimizerState): void {
    if (state === null || typeof state !== 'object') throw stateError('state must be an object')
    if (state.version !== 1) throw stateError(`version must be 1, got ${JSON.stringify(state.version)}`)
    if (state.optimizer !== this.kind) {
      throw stateError(`the state is from a "${state.optimizer}" optimizer; this optimizer is "${this.kind}"`)
    }
    const parameters = state.parameters
    if (parameters === null || typeof parameters !== 'object')
      throw stateError('parameters must be an object')
    const stepCount = state.stepCount
    if (stepCount !== undefined && (!Number.isSafeInteger(stepCount) || stepCount < 0)) {
      throw stateError(`stepCount must be a non-negative integer, got ${JSON.stringify(stepCount)}`)
    }
    const names = this.groups.map((group) => group.name)
    for (const key of Object.keys(state.trainable ?? {})) {
      if (!names.includes(key) && key !== DEFAULT_GROUP) {
        throw stateError(
          `trainable names group "${key}", which this optimizer does not have; groups: ${names.join(', ')}`,
        )
      }
    }
    const missing = this.bound.filter((name) => !Object.hasOwn(parameters, name))
    if (missing.length > 0) {
      throw stateError(
        `the state has no entry for variable${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')}, which this optimizer already updates; a checkpoint of a different model?`,
      )
    }
    const expected = opsBufferNames(this.kind, this.hyperparameters).map((spec) => spec.name)
    for (const [name, entry] of Object.entries(parameters)) {
      const buffers = Object.keys(entry?.buffers ?? {})
      if (buffers.length !== expected.length || !expected.every((buffer) => buffers.includes(buffer))) {
        throw stateError(
          `variable "${name}" has buffers ${JSON.stringify(buffers)}; this optimizer keeps ${JSON.stringify(expected)}`,
        )
      }
    }
    if (this.core !== undefined) {
      const current = this.core.state()
      const own: Record<string, ParameterState> = {}
      for (const name of this.bound) own[name] = parameters[name]!
      const accumulation =
        current.accumulation === undefined
          ? undefined
          : {
              microStep: state.accumulation?.microStep ?? 0,
              gradients: {
                ...current.accumulation.gradients,
                ...pick(state.accumulation?.gradients, this.bound),
              },
            }
      this.core.load(
        accumulation === undefined
          ? { ...current, parameters: own }
          : { ...current, parameters: own, accumulation },
      )
    } else if (this.opsSlots.size > 0) {
      for (const [name, slot] of this.opsSlots) {
        const entry = parameters[name]!
        this.checkLength(name, entry, slot.buffers[0]?.size)
        expected.forEach((buffer, index) => {
          const variable = slot.buffers[index]!
          const values = entry.buffers[buffer]!
          if (values.length !== variable.size) {
            throw stateError(
              `variable "${name}" buffer "${buffer}" has length ${values.length}, expected ${variable.size}`,
            )
          }
          tidy(() => variable.assign(tensor(values.slice(), variable.shape, 'float32')))
        })
        slot.step = entry.step
        const accumulated = state.accumulation?.gradients[name]
        if (slot.accumulator !== undefined) {
          const accumulator = slot.accumulator
          tidy(() =>
            accumulator.assign(
              accumulated === undefined
                ? zerosLike(accumulator)
                : tensor(accumulated.slice(), accumulator.shape, 'float32'),
            ),
          )
        }
      }
      this.opsMicroStep = state.accumulation?.microStep ?? 0
    } else {
      this.pendingMicroStep = state.accumulation?.microStep ?? 0
      this.pendingAccumulated = state.accumulation?.gradients
    }
    this.pending = new Map()
    for (const [name, entry] of Object.entries(parameters)) {
      if (!this.boundSet.has(name)) this.pending.set(name, entry)
    }
    for (const [groupName, flag] of Object.entries(state.trainable ?? {})) {
      if (typeof flag === 'boolean' && names.includes(groupName)) this.findGroup(groupName).trainable = flag
    }
    if (stepCount !== undefined) this.iterations_ = stepCount
  }

  /**
   * Copies everything this optimizer changes while training (see {@link LrkitOptimizerSnapshot}),
   * for {@link LrkitOptimizer.restore}: the range test and the searches (`createLayersModelTrainable`)
   * use the pair to undo their steps bit-exactly.
   *
   * @returns the snapshot (copies; later steps do not change it)
   */
  snapshot(): LrkitOptimizerSnapshot {
    const groups: Record<string, { lrScale: number; weightDecay: number | undefined; trainable: boolean }> =
      {}
    for (const group of [...this.userGroups, this.defaultGroup()]) {
      groups[group.name] = {
        lrScale: group.lrScale,
        weightDecay: group.weightDecay,
        trainable: group.trainable,
      }
    }
    return {
      state: this.state(),
      learningRate: this.baseRate,
      pushedRates: this.pushedRates === undefined ? undefined : { ...this.pushedRates },
      groups,
    }
  }

  /**
   * Puts back a {@link LrkitOptimizer.snapshot} of this optimizer, bit-exactly: the next update is
   * the one that would have followed the snapshot. Unlike {@link LrkitOptimizer.load}, variables
   * first updated after the snapshot lose their state again (they start fresh at their next
   * gradient, as they did the first time).
   *
   * @param snapshot - a snapshot of this optimizer
   * @throws InvalidStateError for a snapshot of another optimizer kind or with other groups
   */
  restore(snapshot: LrkitOptimizerSnapshot): void {
    const state = snapshot?.state
    if (state === undefined || state.optimizer !== this.kind) {
      throw stateError(
        `restore() needs a snapshot() of a "${this.kind}" optimizer, got ${state === undefined ? JSON.stringify(snapshot) : `one of a "${state.optimizer}" optimizer`}`,
      )
    }
    const targets = [...this.userGroups, this.defaultGroup()]
    const unknown = Object.keys(snapshot.groups).find((name) => !targets.some((group) => group.name === name))
    if (unknown !== undefined)
      throw stateError(`the snapshot has group "${unknown}", which this optimizer does not have`)
    this.probe.setHyperparameters(state.hyperparameters as Hyperparameters)
    Object.assign(this.coreOptions, state.hyperparameters)
    for (const slot of this.opsSlots.values()) {
      for (const buffer of slot.buffers) buffer.dispose()
      slot.accumulator?.dispose()
    }
    this.opsSlots.clear()
    this.opsMicroStep = 0
    this.core = undefined
    this.bound.length = 0
    this.boundSet.clear()
    this.coreTrainable.clear()
    this.written.clear()
    // Rebound at their next gradient, from this state, exactly as after load() into a fresh optimizer.
    this.pending = new Map(Object.entries(state.parameters))
    this.pendingMicroStep = state.accumulation?.microStep ?? 0
    this.pendingAccumulated = state.accumulation?.gradients
    for (const group of targets) {
      const saved = snapshot.groups[group.name]
      if (saved === undefined) continue
      group.lrScale = saved.lrScale
      group.weightDecay = saved.weightDecay
      group.trainable = saved.trainable
    }
    this.baseRate = snapshot.learningRate
    this.pushedRates = snapshot.pushedRates === undefined ? undefined : { ...snapshot.pushedRates }
    this.ratesDirty = true
    this.report = undefined
    if (state.stepCount !== undefined) this.iterations_ = state.stepCount
  }

  private checkLength(name: string, entry: ParameterState, length: number | undefined): void {
    if (!Number.isSafeInteger(entry.step) || entry.step < 0) {
      throw stateError(`variable "${name}" has step ${JSON.stringify(entry.step)}; expected an integer >= 0`)
    }
    for (const [buffer, values] of Object.entries(entry.buffers)) {
      if (!(values instanceof Float32Array))
        throw stateError(`variable "${name}" buffer "${buffer}" must be a Float32Array`)
      if (length !== undefined && values.length !== length) {
        throw stateError(
          `variable "${name}" buffer "${buffer}" has length ${values.length}, expected ${length}`,
        )
      }
      if (!values.every(Number.isFinite))
        throw stateError(`variable "${name}" buffer "${buffer}" is not finite`)
    }
  }

  /**
   * The state as named tensors for `model.save(…, { includeOptimizer: true })`: `iter`, then per
   * variable (sorted by name) `<variable>/step` and `<variable>/<buffer>`, the groups' flags as
   * `lrkit:trainable/<group>` and, with accumulation, `lrkit:microStep` and
   * `<variable>/accumulated`. Restored **by name** by {@link LrkitOptimizer.setWeights}.
   */
  override async getWeights(): Promise<NamedTensor[]> {
    const state = this.state()
    const result: NamedTensor[] = [{ name: ITER, tensor: scalar(this.iterations, 'int32') }]
    for (const [group, flag] of Object.entries(state.trainable)) {
      result.push({ name: `${PREFIX}trainable/${group}`, tensor: scalar(flag ? 1 : 0, 'int32') })
    }
    for (const name of Object.keys(state.parameters).sort()) {
      const entry = state.parameters[name]!
      result.push({ name: `${name}/${STEP}`, tensor: scalar(entry.step, 'int32') })
      for (const buffer of Object.keys(entry.buffers).sort()) {
        result.push({
          name: `${name}/${buffer}`,
          tensor: tensor(entry.buffers[buffer]!, undefined, 'float32'),
        })
      }
    }
    if (state.accumulation !== undefined) {
      result.push({ name: `${PREFIX}microStep`, tensor: scalar(state.accumulation.microStep, 'int32') })
      for (const name of Object.keys(state.accumulation.gradients).sort()) {
        result.push({
          name: `${name}/${ACCUMULATED}`,
          tensor: tensor(state.accumulation.gradients[name]!, undefined, 'float32'),
        })
      }
    }
    return result
  }

  /**
   * Restores {@link LrkitOptimizer.getWeights} output by name (`tf.loadLayersModel` calls it).
   *
   * @param weightValues - the named tensors
   * @throws InvalidStateError as {@link LrkitOptimizer.load}, or for a name it cannot read
   */
  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const buffers = new Set(opsBufferNames(this.kind, this.hyperparameters).map((spec) => spec.name))
    const parameters: Record<string, { step: number; buffers: Record<string, Float32Array> }> = {}
    const trainable: Record<string, boolean> = {}
    const gradients: Record<string, Float32Array> = {}
    let microStep: number | undefined
    let iterations: number | undefined
    const entry = (name: string) => {
      parameters[name] ??= { step: Number.NaN, buffers: {} }
      return parameters[name]
    }
    for (const { name, tensor: value } of weightValues) {
      const data = await value.data()
      if (name === ITER) iterations = data[0]
      else if (name === `${PREFIX}microStep`) microStep = data[0]
      else if (name.startsWith(`${PREFIX}trainable/`))
        trainable[name.slice(`${PREFIX}trainable/`.length)] = data[0] === 1
      else {
        const cut = name.lastIndexOf('/')
        const variable = name.slice(0, cut)
        const key = name.slice(cut + 1)
        if (cut <= 0) throw stateError(`cannot read weight "${name}": expected "<variable>/<buffer>"`)
        if (key === STEP) entry(variable).step = data[0]!
        else if (key === ACCUMULATED) gradients[variable] = Float32Array.from(data as Float32Array)
        else if (buffers.has(key)) entry(variable).buffers[key] = Float32Array.from(data as Float32Array)
        else {
          throw stateError(
            `weight "${name}" names buffer "${key}", which a "${this.kind}" optimizer with these hyperparameters does not keep (${[...buffers].join(', ') || 'no buffers'})`,
          )
        }
      }
    }
    for (const [name, value] of Object.entries(parameters)) {
      if (Number.isNaN(value.step)) throw stateError(`weight "${name}/${STEP}" is missing`)
    }
    const base = {
      version: 1 as const,
      optimizer: this.kind,
      hyperparameters: { ...this.hyperparameters },
      trainable,
      parameters,
    }
    this.load(
      microStep === undefined && Object.keys(gradients).length === 0
        ? base
        : { ...base, accumulation: { microStep: microStep ?? 0, gradients } },
    )
    if (iterations !== undefined) this.iterations_ = iterations
  }

  /**
   * The configuration for `model.save`: numbers, booleans and short strings only (tfjs-layers
   * camelCases every string with an underscore on load, so no variable or group names). Groups
   * are not part of it: pass them again (`optimizer.setGroups` does not exist; build the optimizer
   * with `groups`) after `tf.loadLayersModel`.
   */
  override getConfig(): serialization.ConfigDict {
    const config: serialization.ConfigDict = {
      learningRate: this.baseRate,
      ...this.hyperparameters,
      accumulationSteps: this.accumulationSteps,
      updatePath: this.requestedPath,
      kernels: this.kernelBackend,
    }
    if (this.clipping?.maxNorm !== undefined) config.maxNorm = this.clipping.maxNorm
    if (this.clipping?.normType !== undefined) config.normType = this.clipping.normType
    if (this.clipping?.maxValue !== undefined) config.maxValue = this.clipping.maxValue
    return config
  }

  /**
   * Rebuilds an optimizer from {@link LrkitOptimizer.getConfig} output (`tf.loadLayersModel`
   * calls it through the class registered by {@link registerLrkitOptimizers}); ignores the
   * `customObjects` key tfjs-layers injects.
   *
   * @param cls - the registered class
   * @param config - the saved config
   */
  static override fromConfig<T extends serialization.Serializable>(
    cls: serialization.SerializableConstructor<T>,
    config: serialization.ConfigDict,
  ): T {
    return new cls(optionsFromConfig(config))
  }

  /** Frees the state variables of the `'ops'` path and the iteration counter. */
  override dispose(): void {
    for (const slot of this.opsSlots.values()) {
      for (const buffer of slot.buffers) buffer.dispose()
      slot.accumulator?.dispose()
    }
    this.opsSlots.clear()
    super.dispose()
  }
}

function pick(
  record: Readonly<Record<string, Float32Array>> | undefined,
  names: readonly string[],
): Record<string, Float32Array> {
  const result: Record<string, Float32Array> = {}
  if (record === undefined) return result
  for (const name of names) if (record[name] !== undefined) result[name] = record[name]
  return result
}

/**
 * Turns a config from {@link LrkitOptimizer.getConfig} (after tfjs-layers' key conversion, with
 * its injected `customObjects`) back into constructor options.
 *
 * @param config - the saved config
 */
export function optionsFromConfig(config: serialization.ConfigDict): Record<string, unknown> {
  const { customObjects: _ignored, maxNorm, normType, maxValue, ...rest } = config as Record<string, unknown>
  const options: Record<string, unknown> = { ...rest }
  if (options.accumulationSteps === 1) delete options.accumulationSteps
  if (maxNorm !== undefined || maxValue !== undefined) {
    options.gradientClipping = {
      ...(maxNorm === undefined ? {} : { maxNorm }),
      ...(normType === undefined ? {} : { normType }),
      ...(maxValue === undefined ? {} : { maxValue }),
    }
  }
  return options
}
