import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeNumber, oneOf } from '../internal/validate'
import { type DiscriminativeStrategy, resolveStrategyScales } from './discriminative-strategy'
import {
  compileWeightDecayExclusion,
  validateShape,
  type WeightDecayExclusion,
} from './is-excluded-from-weight-decay'
import { compileParameterMatch, type MatchMode, type ParameterMatch } from './parameter-matcher'
import type { ParamGroup } from './types'

export type { MatchMode, ParameterMatch, ParameterPattern } from './parameter-matcher'

/** Suffix of the weight-decay-free half of a split group: `'encoder.layer.0'` → `'encoder.layer.0.noDecay'`. */
export const NO_DECAY_SUFFIX = '.noDecay'

/** Name of the group that collects unmatched parameters when `unmatched` is `'ownGroup'`. */
export const UNMATCHED_GROUP_NAME = 'unmatched'

/** One layer group: a name and what it matches. */
export interface GroupSelector {
  /** Unique group name; must not end in {@link NO_DECAY_SUFFIX}. */
  readonly name: string
  /** Names, patterns or a predicate selecting the group's parameters (see {@link MatchMode}). */
  readonly match: ParameterMatch
  /** How string patterns match (default `'prefix'`, on a `.` or `/` segment boundary). */
  readonly matchMode?: MatchMode
}

/**
 * What is known about a parameter besides its name. Only `shape` is used (for the one-dimensional
 * weight-decay rule); any object with an optional `shape` is accepted, so a map of tensors or
 * `Float32Array`s can be passed as is (a `Float32Array` has a `length` but no rank).
 */
export interface ParameterInfo {
  /** The parameter's shape, e.g. `[768]` for a LayerNorm weight. */
  readonly shape?: readonly number[]
  /** Number of elements (informational). */
  readonly length?: number
}

/** What to do with parameters no selector matches. */
export type UnmatchedPolicy = 'error' | 'head' | 'ownGroup'

/** Options of {@link createParamGroups}. */
export interface CreateParamGroupsOptions {
  /**
   * Parameter names (unique, non-empty) in model order, or a record name → {@link ParameterInfo}
   * (the record's key order).
   */
  readonly parameters: readonly string[] | Readonly<Record<string, ParameterInfo>>
  /** Group selectors ordered from input to head (the last one is the head). First match wins. */
  readonly groups: readonly GroupSelector[]
  /** Parameters no selector matches: `'error'` (default), `'head'` or `'ownGroup'`. */
  readonly unmatched?: UnmatchedPolicy
  /**
   * A selector that ends up with no parameters: `'error'` (default; usually a typo) or `'drop'`
   * (dropped selectors keep their place in the strategy's spread).
   */
  readonly emptyGroups?: 'error' | 'drop'
  /** Learning-rate spread over the selectors (default uniform: every scale 1). */
  readonly strategy?: DiscriminativeStrategy
  /** Weight decay of the groups that decay, ≥ 0 (default: unset, i.e. the optimizer's default). */
  readonly weightDecay?: number
  /** Split off parameters that get no weight decay (default `true`: bias, norm and 1-D). */
  readonly excludeFromWeightDecay?: WeightDecayExclusion
}

const OPTIONS = /* @__PURE__ */ optionTable<CreateParamGroupsOptions>()('createParamGroups', [
  'parameters',
  'groups',
  'unmatched',
  'emptyGroups',
  'strategy',
  'weightDecay',
  'excludeFromWeightDecay',
])

interface ParameterEntry {
  readonly name: string
  readonly shape: readonly number[] | undefined
}

function readParameters(value: unknown): ParameterEntry[] {
  if (Array.isArray(value)) {
    const seen = new Set<string>()
    return value.map((name, index) => {
      if (typeof name !== 'string' || name.length === 0) {
        throw new InvalidArgumentError({
          argument: `parameters[${index}]`,
          value: name,
          expected: 'a non-empty string',
        })
      }
      if (seen.has(name)) {
        throw new InvalidArgumentError({
          argument: `parameters[${index}]`,
          value: name,
          expected: 'a parameter name not listed before',
        })
      }
      seen.add(name)
      return { name, shape: undefined }
    })
  }
  if (value === null || typeof value !== 'object') {
    throw new InvalidArgumentError({
      argument: 'parameters',
      value,
      expected: 'an array of parameter names or a record of name → { shape? }',
    })
  }
  return Object.entries(value).map(([name, info]) => {
    if (name.length === 0) {
      throw new InvalidArgumentError({ argument: 'parameters', value: name, expected: 'non-empty names' })
    }
    if (info === null || typeof info !== 'object') {
      throw new InvalidArgumentError({
        argument: `parameters.${name}`,
        value: info,
        expected: 'an object with an optional shape',
      })
    }
    const shape = (info as { shape?: unknown }).shape
    return { name, shape: shape === undefined ? undefined : validateShape(`parameters.${name}.shape`, shape) }
  })
}

interface CompiledSelector {
  readonly name: string
  readonly matches: (parameterName: string) => boolean
}

function readSelectors(value: unknown, reserved: string | undefined): CompiledSelector[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidArgumentError({
      argument: 'groups',
      value,
      expected: 'a non-empty array of { name, match } ordered from input to head',
    })
  }
  const seen = new Map<string, number>()
  return value.map((entry, index) => {
    const path = `groups[${index}]`
    const selector = optionTable<GroupSelector>()(`createParamGroups ${path}`, [
      'name',
      'match',
      'matchMode',
    ]).read(entry, path)
    const name = selector.name
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        expected: 'a non-empty string',
      })
    }
    if (name.endsWith(NO_DECAY_SUFFIX)) {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        expected: `a name not ending in "${NO_DECAY_SUFFIX}" (reserved for the weight-decay split)`,
      })
    }
    if (name === reserved) {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        expected: `a name other than "${reserved}" (reserved for unmatched parameters when unmatched is "ownGroup")`,
      })
    }
    const previous = seen.get(name)
    if (previous !== undefined) {
      throw new InvalidArgumentError({
        argument: `${path}.name`,
        value: name,
        expected: `a unique group name (groups[${previous}] has it too)`,
      })
    }
    seen.set(name, index)
    const mode =
      selector.matchMode === undefined
        ? 'prefix'
        : oneOf(`${path}.matchMode`, selector.matchMode, ['exact', 'prefix'])
    return { name, matches: compileParameterMatch(`${path}.match`, selector.match, mode) }
  })
}

function listNames(names: readonly string[]): string {
  const shown = names.slice(0, 10).join(', ')
  return names.length > 10 ? `${shown} (and ${names.length - 10} more)` : shown
}

/**
 * Builds parameter groups from parameter names: layer groups, discriminative learning-rate scales and
 * weight-decay exclusion in one pass.
 *
 * ```text
 * group(p)  = the first selector (in `groups` order) whose match accepts p
 * lrScale_g = strategy scale of selector g (input → head; the head is the last selector)
 * split     = excluded(p) ? '<name>.noDecay' (weightDecay 0) : '<name>' (weightDecay)
 * ```
 *
 * The learning rate of a group at step t is `schedule(t) × lrScale` (timm `lr_scale`, BEiT/MAE,
 * fastai per-group `lr`). Matching: strings match exactly or as a prefix on a `.`/`/` boundary
 * (`'encoder.0'` takes `'encoder.0.weight'`, not `'encoder.01.weight'`; `matchMode: 'exact'` turns the
 * prefix rule off), RegExps test the full name, functions receive it. **First match wins**: each
 * parameter joins the first listed selector that matches it, and a later selector only gets what earlier
 * ones left. As the list is also the depth order, make each selector specific enough not to take a deeper
 * group's parameters (`'encoder.layer.1'` does not take `'encoder.layer.10.…'`; a RegExp
 * `/^encoder\./` would). A parameter is never in two groups (ELECTRA silently double-updates a variable
 * matching two of its keys). Output order: selectors in order, each as
 * its decay group then its `.noDecay` group; empty halves are omitted; parameters keep input order.
 *
 * Unmatched parameters: `'error'` (default) throws listing them (ELECTRA: "No learning rate specified
 * for variable"); `'head'` adds them to the last selector's group (timm: `layer_map.get(name,
 * layer_max)`); `'ownGroup'` puts them in a group named `'unmatched'` appended after the head with
 * scale 1 and outside the strategy's spread.
 *
 * Weight decay: with `excludeFromWeightDecay` (default `true`, for every optimizer — timm, HF Trainer
 * and fastai all exclude bias and norm parameters by default; where the optimizer has no decay the
 * split is harmless) each group is split into `'<name>'` (weightDecay = `weightDecay`, or unset = the
 * optimizer's default, e.g. 1e-2 for AdamW) and `'<name>.noDecay'` (weightDecay 0) with the same
 * `lrScale` and trainable flag. Rules: see {@link isExcludedFromWeightDecay}. Pass `false` for one group
 * per selector (PyTorch's plain parameter list).
 *
 * Every group starts trainable; freeze with a plan ({@link gradualUnfreezingPlan},
 * {@link withTrainableGroups}).
 *
 * @param options - the options, each documented (default, range, unit) on {@link CreateParamGroupsOptions}.
 * @returns the groups, every parameter in exactly one
 * @throws InvalidArgumentError for any malformed option, unmatched parameters with `'error'`, or an
 *   empty selector with `emptyGroups: 'error'`
 * @example
 * ```ts
 * createParamGroups({
 *   parameters: { 'conv1.weight': { shape: [64, 3, 7, 7] }, 'bn1.weight': { shape: [64] },
 *                 'layer1.0.conv1.weight': { shape: [64, 64, 3, 3] }, 'fc.weight': { shape: [10, 512] },
 *                 'fc.bias': { shape: [10] } },
 *   groups: [{ name: 'stem', match: ['conv1', 'bn1'] }, { name: 'body', match: 'layer1' },
 *            { name: 'head', match: 'fc' }],
 *   strategy: { kind: 'geometric', lowValue: 1e-5, highValue: 1e-3 },
 *   weightDecay: 0.01,
 * })
 * // [{ name: 'stem', parameters: ['conv1.weight'], lrScale: 0.01, weightDecay: 0.01, trainable: true },
 * //  { name: 'stem.noDecay', parameters: ['bn1.weight'], lrScale: 0.01, weightDecay: 0, trainable: true },
 * //  { name: 'body', parameters: ['layer1.0.conv1.weight'], lrScale: 0.1, weightDecay: 0.01, … },
 * //  { name: 'head', parameters: ['fc.weight'], lrScale: 1, weightDecay: 0.01, … },
 * //  { name: 'head.noDecay', parameters: ['fc.bias'], lrScale: 1, weightDecay: 0, … }]
 * ```
 */
export function createParamGroups(options: CreateParamGroupsOptions): ParamGroup[] {
  const record = OPTIONS.read(options)
  const unmatched =
    record.unmatched === undefined
      ? 'error'
      : oneOf('unmatched', record.unmatched, ['error', 'head', 'ownGroup'])
  const emptyGroups =
    record.emptyGroups === undefined ? 'error' : oneOf('emptyGroups', record.emptyGroups, ['error', 'drop'])
  const parameters = readParameters(record.parameters)
  const selectors = readSelectors(record.groups, unmatched === 'ownGroup' ? UNMATCHED_GROUP_NAME : undefined)
  const scales = resolveStrategyScales(
    'strategy',
    record.strategy,
    selectors.map((selector) => selector.name),
  )
  const weightDecay =
    record.weightDecay === undefined ? undefined : nonNegativeNumber('weightDecay', record.weightDecay)
  const excluded = compileWeightDecayExclusion(
    'excludeFromWeightDecay',
    record.excludeFromWeightDecay ?? true,
  )

  const members: ParameterEntry[][] = selectors.map(() => [])
  const rest: ParameterEntry[] = []
  for (const parameter of parameters) {
    const index = selectors.findIndex((selector) => selector.matches(parameter.name))
    if (index >= 0) members[index]!.push(parameter)
    else rest.push(parameter)
  }

  if (rest.length > 0 && unmatched === 'error') {
    const names = rest.map((parameter) => parameter.name)
    throw new InvalidArgumentError({
      argument: 'parameters',
      value: names,
      message: `parameters must each match a group; no group matches ${listNames(names)} (add a selector, or set unmatched to "head" or "ownGroup")`,
    })
  }
  if (rest.length > 0 && unmatched === 'head') members[members.length - 1]!.push(...rest)

  if (emptyGroups === 'error') {
    selectors.forEach((selector, index) => {
      if (members[index]!.length > 0) return
      const shadowed = parameters.filter((parameter) => selector.matches(parameter.name)).map((p) => p.name)
      const why =
        shadowed.length === 0
          ? 'it matches no parameter'
          : `every parameter it matches is taken by an earlier group (first match wins): ${listNames(shadowed)}`
      throw new InvalidArgumentError({
        argument: `groups[${index}].match`,
        value: selector.name,
        message: `groups[${index}].match must select at least one parameter for group "${selector.name}"; ${why} (fix the selector, or set emptyGroups to "drop")`,
      })
    })
  }

  const result: ParamGroup[] = []
  const emit = (name: string, entries: readonly ParameterEntry[], lrScale: number): void => {
    const decay: string[] = []
    const noDecay: string[] = []
    for (const entry of entries) (excluded(entry.name, entry.shape) ? noDecay : decay).push(entry.name)
    if (decay.length > 0) {
      result.push(
        weightDecay === undefined
          ? { name, parameters: decay, lrScale, trainable: true }
          : { name, parameters: decay, lrScale, weightDecay, trainable: true },
      )
    }
    if (noDecay.length > 0) {
      result.push({
        name: `${name}${NO_DECAY_SUFFIX}`,
        parameters: noDecay,
        lrScale,
        weightDecay: 0,
        trainable: true,
      })
    }
  }
  selectors.forEach((selector, index) => {
    emit(selector.name, members[index]!, scales[index]!)
  })
  if (rest.length > 0 && unmatched === 'ownGroup') emit(UNMATCHED_GROUP_NAME, rest, 1)
  return result
}
