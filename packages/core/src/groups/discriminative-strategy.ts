import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, nonNegativeNumber, oneOf, optionsObject } from '../internal/validate'
import { decayFactor, decaySpread } from './decay-scales'
import { geometricMinScale, geometricSpread } from './geometric-scales'
import { layerDecayMinScale, layerDecaySpread, layerDecayValue, layerDepths } from './layer-decay-scales'

/**
 * How learning-rate scales are spread over groups ordered from input to head (the head gets 1 in every
 * spread strategy). Plain data, so it can live in a shared JSON config.
 *
 * - `{ kind: 'uniform' }` — every group 1 (no discriminative rates; the default).
 * - `{ kind: 'geometric', minScale }` or `{ kind: 'geometric', lowValue, highValue }` — fastai
 *   `slice(lo, hi)`; see {@link geometricScales}.
 * - `{ kind: 'decay', factor = 2.6 }` — ULMFiT, each lower group ÷ factor; see {@link decayScales}.
 * - `{ kind: 'layerDecay', decay = 0.75, minScale = 0, depths? }` — timm / BEiT / MAE / ELECTRA LLRD;
 *   `depths` (array in group order, or a record by group name) defaults to the group index; see
 *   {@link layerDecayScales}.
 * - `{ kind: 'explicit', scales }` — one scale ≥ 0 per group (array in group order), or a record by
 *   group name where missing groups get 1 (as a PyTorch group without `lr` takes the default).
 */
export type DiscriminativeStrategy =
  | {
      /** Discriminator: always `'uniform'` (every group gets scale 1). */
      readonly kind: 'uniform'
    }
  | {
      /** Discriminator: always `'geometric'` (fastai `slice(lo, hi)` spread). */
      readonly kind: 'geometric'
      /** Scale of the input group, in (0, 1]; the head gets 1. */
      readonly minScale: number
      /** Not allowed with `minScale`: give either `minScale` or the `lowValue` / `highValue` pair. */
      readonly lowValue?: never
      /** Not allowed with `minScale`: give either `minScale` or the `lowValue` / `highValue` pair. */
      readonly highValue?: never
    }
  | {
      /** Discriminator: always `'geometric'` (fastai `slice(lo, hi)` spread). */
      readonly kind: 'geometric'
      /** Learning rate of the input group, > 0 and ≤ `highValue`; minScale = lowValue / highValue. */
      readonly lowValue: number
      /** Learning rate of the head group (the schedule's peak), > 0. */
      readonly highValue: number
      /** Not allowed with `lowValue` / `highValue`: give exactly one of the two forms. */
      readonly minScale?: never
    }
  | {
      /** Discriminator: always `'decay'` (ULMFiT: each lower group ÷ `factor`). */
      readonly kind: 'decay'
      /** Divisor per group towards the input, ≥ 1 (default 2.6, ULMFiT). */
      readonly factor?: number
    }
  | {
      /** Discriminator: always `'layerDecay'` (timm / BEiT / MAE / ELECTRA layer-wise decay). */
      readonly kind: 'layerDecay'
      /** Multiplier per layer of depth below the top, in (0, 1] (default 0.75, timm). */
      readonly decay?: number
      /** Floor on every scale, in [0, 1] (default 0). */
      readonly minScale?: number
      /**
       * Depth of each group, non-negative integers: an array in group order or a record by group name
       * covering every group (default: the group index, so the head is deepest).
       */
      readonly depths?: readonly number[] | Readonly<Record<string, number>>
    }
  | {
      /** Discriminator: always `'explicit'` (scales given directly). */
      readonly kind: 'explicit'
      /**
       * One scale ≥ 0 per group: an array in group order, or a record by group name where missing
       * groups get 1.
       */
      readonly scales: readonly number[] | Readonly<Record<string, number>>
    }

/** Options of {@link discriminativeScales}. */
export interface DiscriminativeScalesOptions {
  /** The strategy (default `{ kind: 'uniform' }`). */
  readonly strategy?: DiscriminativeStrategy
  /** Group names ordered from input to head; unique (may be empty). */
  readonly groups: readonly string[]
}

const strategyKinds = ['uniform', 'geometric', 'decay', 'layerDecay', 'explicit'] as const

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

/** Reads a per-group record, rejecting names that are not groups. */
function byGroupName(
  argument: string,
  record: Record<string, unknown>,
  groups: readonly string[],
  read: (argument: string, value: unknown) => number,
): Map<string, number> {
  const values = new Map<string, number>()
  for (const [name, value] of Object.entries(record)) {
    if (!groups.includes(name)) {
      throw new InvalidArgumentError({
        argument: `${argument}.${name}`,
        value,
        message: `${argument}.${name} names no group; groups: ${groups.join(', ')}`,
      })
    }
    values.set(name, read(`${argument}.${name}`, value))
  }
  return values
}

function perGroup(
  argument: string,
  value: unknown,
  groups: readonly string[],
  read: (argument: string, value: unknown) => number,
  missing: (name: string) => number,
): number[] {
  if (Array.isArray(value)) {
    if (value.length !== groups.length) {
      throw new InvalidArgumentError({
        argument,
        value,
        expected: `an array with one entry per group (${groups.length})`,
      })
    }
    return value.map((entry, index) => read(`${argument}[${index}]`, entry))
  }
  if (!isPlainRecord(value)) {
    throw new InvalidArgumentError({
      argument,
      value,
      expected: 'an array in group order or a record keyed by group name',
    })
  }
  const values = byGroupName(argument, value, groups, read)
  return groups.map((name) => values.get(name) ?? missing(name))
}

/**
 * Validates `strategy` and returns one scale per group. Internal form of {@link discriminativeScales}
 * with an option-path prefix for messages.
 * @internal
 */
export function resolveStrategyScales(
  argument: string,
  strategy: unknown,
  groups: readonly string[],
): number[] {
  if (strategy === undefined) return groups.map(() => 1)
  const kind = oneOf(`${argument}.kind`, optionsObject(argument, strategy).kind, strategyKinds)
  // One table per kind, named after the option path (`strategy (kind "decay")`) for messages.
  const factory = `${argument} (kind "${kind}")`
  const count = groups.length
  switch (kind) {
    case 'uniform':
      strategyTable<'uniform'>()(factory, ['kind']).read(strategy, argument)
      return groups.map(() => 1)
    case 'geometric': {
      const record = strategyTable<'geometric'>()(factory, [
        'kind',
        'minScale',
        'lowValue',
        'highValue',
      ]).read(strategy, argument)
      return geometricSpread(count, geometricMinScale(`${argument}.`, record))
    }
    case 'decay': {
      const record = strategyTable<'decay'>()(factory, ['kind', 'factor']).read(strategy, argument)
      return decaySpread(count, decayFactor(`${argument}.factor`, record.factor))
    }
    case 'layerDecay': {
      const record = strategyTable<'layerDecay'>()(factory, ['kind', 'decay', 'minScale', 'depths']).read(
        strategy,
        argument,
      )
      const decay = layerDecayValue(`${argument}.decay`, record.decay)
      const minScale = layerDecayMinScale(`${argument}.minScale`, record.minScale)
      let depths: number[]
      if (record.depths === undefined) depths = groups.map((_, index) => index)
      else if (Array.isArray(record.depths)) {
        depths = layerDepths(`${argument}.depths`, record.depths)
        if (depths.length !== count) {
          throw new InvalidArgumentError({
            argument: `${argument}.depths`,
            value: record.depths,
            expected: `an array with one entry per group (${count})`,
          })
        }
      } else {
        depths = perGroup(`${argument}.depths`, record.depths, groups, nonNegativeInteger, (name) => {
          throw new InvalidArgumentError({
            argument: `${argument}.depths`,
            value: record.depths,
            message: `${argument}.depths must give a depth for every group, missing "${name}"`,
          })
        })
      }
      return layerDecaySpread(depths, decay, minScale)
    }
    case 'explicit': {
      const record = strategyTable<'explicit'>()(factory, ['kind', 'scales']).read(strategy, argument)
      return perGroup(`${argument}.scales`, record.scales, groups, nonNegativeNumber, () => 1)
    }
  }
}

/** The option table of one strategy kind (every key of every variant of that kind). */
function strategyTable<Kind extends DiscriminativeStrategy['kind']>() {
  return optionTable<Extract<DiscriminativeStrategy, { readonly kind: Kind }>>()
}

const OPTIONS = /* @__PURE__ */ optionTable<DiscriminativeScalesOptions>()('discriminativeScales', [
  'strategy',
  'groups',
])

/**
 * Resolves a {@link DiscriminativeStrategy} against named groups: one learning-rate scale per group.
 *
 * lr_g(t) = schedule(t) × scale_g; the formula of each kind is in {@link geometricScales},
 * {@link decayScales} and {@link layerDecayScales}. {@link createParamGroups} calls this with its
 * selectors' names.
 *
 * @param options - the options, each documented (default, range, unit) on {@link DiscriminativeScalesOptions}.
 * @returns scales in group order
 * @throws InvalidArgumentError for an unknown kind, a bad option of the kind, an array of the wrong
 *   length, or a record key that names no group
 * @example
 * ```ts
 * discriminativeScales({ groups: ['body', 'neck', 'head'], strategy: { kind: 'geometric', minScale: 0.01 } })
 * // [0.01, 0.1, 1]
 * discriminativeScales({ groups: ['body', 'head'], strategy: { kind: 'explicit', scales: { body: 0.1 } } })
 * // [0.1, 1]
 * ```
 */
export function discriminativeScales(options: DiscriminativeScalesOptions): number[] {
  const record = OPTIONS.read(options)
  const groups = groupNameList('groups', record.groups)
  return resolveStrategyScales('strategy', record.strategy, groups)
}

/** Validates a list of unique, non-empty group names. @internal */
export function groupNameList(argument: string, value: unknown): string[] {
  if (!Array.isArray(value)) {
    throw new InvalidArgumentError({ argument, value, expected: 'an array of group names' })
  }
  const seen = new Set<string>()
  return value.map((name, index) => {
    if (typeof name !== 'string' || name.length === 0) {
      throw new InvalidArgumentError({
        argument: `${argument}[${index}]`,
        value: name,
        expected: 'a non-empty string',
      })
    }
    if (seen.has(name)) {
      throw new InvalidArgumentError({
        argument: `${argument}[${index}]`,
        value: name,
        expected: 'a group name not used before',
      })
    }
    seen.add(name)
    return name
  })
}
