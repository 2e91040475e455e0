import {
  type DiscriminativeStrategy,
  type GradientClippingOptions,
  InvalidArgumentError,
  type LrKitConfig,
  type OptimizerKind,
  parseLrKitConfig,
} from '@lrkit/core'
import type { LossSpec } from '@lrkit/onnx'
import { CliError } from '../cli-error'
import { LOSS_KINDS, OPTIMIZER_KINDS } from '../train/onnx-training'

/** The `lrkit fit` part of `lrkit.config.json`, with defaults filled in. */
export interface FitConfig {
  /** The ONNX model to fine-tune. */
  readonly model: string
  /** Training and validation data. */
  readonly data: {
    readonly train: string
    readonly validation?: string
    readonly target?: string
    readonly batchSize: number
    readonly seed: number
    readonly shuffle: boolean
  }
  /** The loss. */
  readonly loss: LossSpec
  /** `'all'` or parameter-name prefixes. */
  readonly trainable: 'all' | readonly string[]
  /** Parameter groups: by name prefixes, or by depth; with a strategy. */
  readonly paramGroups?: {
    readonly groups?: readonly { readonly name: string; readonly match: string | readonly string[] }[]
    readonly byDepth?: { readonly layers?: number }
    readonly strategy?: DiscriminativeStrategy
    readonly unmatched?: 'error' | 'head' | 'ownGroup'
  }
  /** The optimizer. */
  readonly optimizer: {
    readonly kind: OptimizerKind
    readonly hyperparameters: Readonly<Record<string, number | boolean>>
    readonly gradientClipping?: GradientClippingOptions
    readonly accumulationSteps?: number
  }
  /** Epochs to train. */
  readonly epochs: number
  /** Where and how often to checkpoint. */
  readonly checkpoint: { readonly path: string; readonly everySteps?: number }
  /** Outputs. */
  readonly output: { readonly model: string; readonly log: string }
  /** The core part: schedule, plateau, group multipliers. */
  readonly core: LrKitConfig
}

const CLI_KEYS = [
  'model',
  'data',
  'loss',
  'trainable',
  'paramGroups',
  'optimizer',
  'epochs',
  'checkpoint',
  'output',
]
const CORE_KEYS = ['$schema', 'version', 'schedule', 'plateau', 'groups']

type Json = Record<string, unknown>

class ConfigProblem extends Error {}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return 'an array'
  if (value !== null && typeof value === 'object') return 'an object'
  return JSON.stringify(value)
}

function fail(path: string, expected: string, value: unknown): never {
  throw new ConfigProblem(`${path} must be ${expected}, got ${describe(value)}`)
}

function object(
  value: unknown,
  path: string,
  keys: readonly string[],
  required: readonly string[] = [],
): Json {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) fail(path, 'an object', value)
  const record = value as Json
  const unknown = Object.keys(record).find((key) => !keys.includes(key))
  if (unknown !== undefined) {
    throw new ConfigProblem(
      `${path === '' ? '' : `${path}.`}${unknown} is not a known key${path === '' ? '' : ` of ${path}`}; the keys are ${keys.join(', ')}`,
    )
  }
  for (const key of required) {
    if (record[key] === undefined)
      throw new ConfigProblem(`${path === '' ? '' : `${path}.`}${key} is required`)
  }
  return record
}

function string(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') fail(path, 'a non-empty string', value)
  return value
}

function integer(value: unknown, path: string, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    fail(path, `an integer >= ${min}`, value)
  }
  return value
}

/**
 * Validates a `lrkit.config.json` for `lrkit fit`: the CLI's keys (model, data, loss, trainable,
 * paramGroups, optimizer, epochs, checkpoint, output) here, then the core keys (version, schedule,
 * plateau, groups) with `@lrkit/core`'s `parseLrKitConfig`. The JSON Schema of the whole file is
 * `schema/lrkit-cli.schema.json`.
 *
 * @param value - the parsed JSON.
 * @param source - the file, for messages.
 * @throws CliError (`input`) naming the path of the first problem, e.g.
 *   `lrkit.config.json: data.batchSize must be an integer >= 1, got 0`.
 */
export function parseFitConfig(value: unknown, source: string): FitConfig {
  try {
    return parse(value)
  } catch (error) {
    if (!(error instanceof ConfigProblem) && !InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind: 'input',
      problem: `${source}: ${error.message}`,
      fix: 'fix the config (its JSON Schema: @lrkit/cli/schema/lrkit-cli.schema.json)',
      cause: error,
    })
  }
}

function parse(value: unknown): FitConfig {
  const root = object(
    value,
    '',
    [...CORE_KEYS, ...CLI_KEYS],
    ['version', 'model', 'data', 'epochs', 'schedule'],
  )
  const model = string(root.model, 'model')
  const data = object(
    root.data,
    'data',
    ['train', 'validation', 'target', 'batchSize', 'seed', 'shuffle'],
    ['train'],
  )
  if (data.target !== undefined && typeof data.target !== 'string' && typeof data.target !== 'number') {
    fail('data.target', 'a column name or index', data.target)
  }
  if (data.shuffle !== undefined && typeof data.shuffle !== 'boolean')
    fail('data.shuffle', 'true or false', data.shuffle)
  const loss =
    root.loss === undefined
      ? { kind: 'softmaxCrossEntropy' }
      : object(root.loss, 'loss', ['kind', 'labelSmoothing'], ['kind'])
  if (!(LOSS_KINDS as readonly unknown[]).includes(loss.kind))
    fail('loss.kind', `one of ${LOSS_KINDS.join(', ')}`, loss.kind)
  if (
    loss.labelSmoothing !== undefined &&
    (typeof loss.labelSmoothing !== 'number' || !(loss.labelSmoothing >= 0 && loss.labelSmoothing < 1))
  ) {
    fail('loss.labelSmoothing', 'a number with 0 <= labelSmoothing < 1', loss.labelSmoothing)
  }
  let trainable: FitConfig['trainable'] = 'all'
  if (root.trainable !== undefined && root.trainable !== 'all') {
    if (!Array.isArray(root.trainable) || root.trainable.length === 0) {
      fail('trainable', '"all" or a non-empty array of parameter-name prefixes', root.trainable)
    }
    trainable = root.trainable.map((prefix, index) => string(prefix, `trainable[${index}]`))
  }
  let paramGroups: FitConfig['paramGroups']
  if (root.paramGroups !== undefined) {
    const groups = object(root.paramGroups, 'paramGroups', ['groups', 'byDepth', 'strategy', 'unmatched'])
    if ((groups.groups === undefined) === (groups.byDepth === undefined)) {
      throw new ConfigProblem('paramGroups needs exactly one of paramGroups.groups and paramGroups.byDepth')
    }
    const list = groups.groups === undefined ? undefined : groups.groups
    if (list !== undefined && (!Array.isArray(list) || list.length === 0)) {
      fail('paramGroups.groups', 'a non-empty array of { name, match }', list)
    }
    const selectors = list?.map((item: unknown, index: number) => {
      const path = `paramGroups.groups[${index}]`
      const entry = object(item, path, ['name', 'match'], ['name', 'match'])
      const match = entry.match
      if (Array.isArray(match)) {
        for (const [at, prefix] of match.entries()) string(prefix, `${path}.match[${at}]`)
      } else string(match, `${path}.match`)
      return { name: string(entry.name, `${path}.name`), match: match as string | string[] }
    })
    const byDepth =
      groups.byDepth === undefined ? undefined : object(groups.byDepth, 'paramGroups.byDepth', ['layers'])
    if (byDepth?.layers !== undefined) integer(byDepth.layers, 'paramGroups.byDepth.layers', 1)
    if (groups.strategy !== undefined)
      object(
        groups.strategy,
        'paramGroups.strategy',
        ['kind', 'minScale', 'lowValue', 'highValue', 'factor', 'decay', 'depths', 'scales'],
        ['kind'],
      )
    if (
      groups.unmatched !== undefined &&
      !['error', 'head', 'ownGroup'].includes(groups.unmatched as string)
    ) {
      fail('paramGroups.unmatched', 'one of error, head, ownGroup', groups.unmatched)
    }
    if (groups.strategy !== undefined && root.groups !== undefined) {
      throw new ConfigProblem(
        'give the group rates once: paramGroups.strategy or groups (explicit multipliers), not both',
      )
    }
    paramGroups = {
      ...(selectors === undefined ? {} : { groups: selectors }),
      ...(byDepth === undefined ? {} : { byDepth: byDepth as { layers?: number } }),
      ...(groups.strategy === undefined
        ? {}
        : { strategy: groups.strategy as unknown as DiscriminativeStrategy }),
      ...(groups.unmatched === undefined ? {} : { unmatched: groups.unmatched as 'error' }),
    }
  } else if (root.groups !== undefined) {
    throw new ConfigProblem(
      'groups (learning-rate multipliers by group name) needs paramGroups to say which parameters each group holds',
    )
  }
  const optimizerRecord = root.optimizer === undefined ? { kind: 'adamw' } : (root.optimizer as Json)
  const {
    kind = 'adamw',
    gradientClipping,
    accumulationSteps,
    ...hyperparameters
  } = object(optimizerRecord, 'optimizer', [
    'kind',
    'weightDecay',
    'beta1',
    'beta2',
    'eps',
    'amsgrad',
    'momentum',
    'dampening',
    'nesterov',
    'alpha',
    'centered',
    'lrDecay',
    'initialAccumulatorValue',
    'gradientClipping',
    'accumulationSteps',
  ])
  if (!(OPTIMIZER_KINDS as readonly unknown[]).includes(kind))
    fail('optimizer.kind', `one of ${OPTIMIZER_KINDS.join(', ')}`, kind)
  for (const [key, setting] of Object.entries(hyperparameters)) {
    if (typeof setting !== 'number' && typeof setting !== 'boolean')
      fail(`optimizer.${key}`, 'a number or a boolean', setting)
  }
  if (gradientClipping !== undefined)
    object(gradientClipping, 'optimizer.gradientClipping', ['maxNorm', 'normType', 'maxValue'])
  if (accumulationSteps !== undefined) integer(accumulationSteps, 'optimizer.accumulationSteps', 1)
  const epochs = integer(root.epochs, 'epochs', 1)
  const checkpoint =
    root.checkpoint === undefined ? {} : object(root.checkpoint, 'checkpoint', ['path', 'everySteps'])
  const output = root.output === undefined ? {} : object(root.output, 'output', ['model', 'log'])
  const core = parseLrKitConfig(
    Object.fromEntries(CORE_KEYS.filter((key) => root[key] !== undefined).map((key) => [key, root[key]])),
  )
  return {
    model,
    data: {
      train: string(data.train, 'data.train'),
      ...(data.validation === undefined ? {} : { validation: string(data.validation, 'data.validation') }),
      ...(data.target === undefined ? {} : { target: String(data.target) }),
      batchSize: data.batchSize === undefined ? 32 : integer(data.batchSize, 'data.batchSize', 1),
      seed: data.seed === undefined ? 0 : integer(data.seed, 'data.seed', 0),
      shuffle: data.shuffle === undefined ? true : (data.shuffle as boolean),
    },
    loss: loss as unknown as LossSpec,
    trainable,
    ...(paramGroups === undefined ? {} : { paramGroups }),
    optimizer: {
      kind: kind as OptimizerKind,
      hyperparameters: hyperparameters as Record<string, number | boolean>,
      ...(gradientClipping === undefined
        ? {}
        : { gradientClipping: gradientClipping as GradientClippingOptions }),
      ...(accumulationSteps === undefined ? {} : { accumulationSteps: accumulationSteps as number }),
    },
    epochs,
    checkpoint: {
      path:
        checkpoint.path === undefined ? 'lrkit-checkpoint.ckpt' : string(checkpoint.path, 'checkpoint.path'),
      ...(checkpoint.everySteps === undefined
        ? {}
        : { everySteps: integer(checkpoint.everySteps, 'checkpoint.everySteps', 1) }),
    },
    output: {
      model: output.model === undefined ? 'fine-tuned.onnx' : string(output.model, 'output.model'),
      log: output.log === undefined ? 'fit-log.json' : string(output.log, 'output.log'),
    },
    core,
  }
}
