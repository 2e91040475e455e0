import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from '../internal/option-table'
import { nonNegativeInteger, numberInRange, positiveInteger } from '../internal/validate'

/**
 * Options of {@link layerDecayScales}: either `groups` (depth = group index) or explicit `depths` (one
 * per group, several groups may share a depth), plus `decay` and `minScale`.
 */
export type LayerDecayScalesOptions = (
  | {
      /** Number of groups n, a positive integer; group g has depth g (input → head). */
      readonly groups: number
      /** Not allowed with `groups`: give exactly one of `groups` and `depths`. */
      readonly depths?: never
    }
  | {
      /** One depth per group, non-negative integers (input → head); several groups may share one. */
      readonly depths: readonly number[]
      /** Not allowed with `depths`: give exactly one of `groups` and `depths`. */
      readonly groups?: never
    }
) & {
  /** Multiplier per layer of depth below the top, in (0, 1] (default 0.75, timm). */
  readonly decay?: number
  /** Floor on every scale, in [0, 1] (default 0, timm `layer_decay_min_scale`). */
  readonly minScale?: number
}

/** LLRD with validated inputs: scale = max(minScale, decay^(maxDepth − depth)). @internal */
export function layerDecaySpread(depths: readonly number[], decay: number, minScale: number): number[] {
  const maxDepth = Math.max(...depths)
  return depths.map((depth) => Math.max(minScale, decay ** (maxDepth - depth)))
}

/** Validates `decay` (default 0.75). @internal */
export function layerDecayValue(argument: string, value: unknown): number {
  return value === undefined ? 0.75 : numberInRange(argument, value, { min: 0, minExclusive: true, max: 1 })
}

/** Validates `minScale` (default 0). @internal */
export function layerDecayMinScale(argument: string, value: unknown): number {
  return value === undefined ? 0 : numberInRange(argument, value, { min: 0, max: 1 })
}

/** Validates a non-empty array of non-negative integer depths. @internal */
export function layerDepths(argument: string, value: unknown): number[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new InvalidArgumentError({
      argument,
      value,
      expected: 'a non-empty array of non-negative integers',
    })
  }
  return value.map((depth, index) => nonNegativeInteger(`${argument}[${index}]`, depth))
}

const OPTIONS = /* @__PURE__ */ optionTable<LayerDecayScalesOptions>()('layerDecayScales', [
  'groups',
  'depths',
  'decay',
  'minScale',
])

/**
 * Layer-wise learning-rate decay (LLRD) scales, as timm, BEiT, MAE and ELECTRA compute them.
 *
 * ```text
 * scale_g = max(minScale, decay^(maxDepth − depth_g))      maxDepth = max_g depth_g
 * ```
 *
 * With `groups: n` the depth of group g is g, so the head (g = n − 1) gets 1. timm
 * `param_groups_layer_decay` (`timm/optim/_param_groups.py`): `layer_max = num_layers − 1`,
 * `layer_scales[i] = max(min_scale, layer_decay ** (layer_max − i))`, with a ViT mapped as stem
 * (`cls_token`, `pos_embed`, `patch_embed`) → 0, `blocks.i` → i + 1, everything else (final norm, head)
 * → `layer_max`. For 12 blocks that is 14 groups: embeddings 0.75¹³ ≈ 0.0238, block i 0.75^(12 − i),
 * head 1 — the same numbers as BEiT `LayerDecayValueAssigner` (decay^(num_layers + 1 − i)) and MAE
 * `param_groups_lrd` (decay^(num_layers − id), num_layers = blocks + 1). ELECTRA `_get_layer_lrs` maps
 * embeddings → 0, `layer_k` → k + 1 and the task head → n + 2 (depth n + 1 unused, so its top encoder
 * layer gets decay²): reproduce it with `depths`. Sun et al. 2019 (BERT) use ξ^(L − l) with ξ = 0.95.
 *
 * Differences: timm can drop groups whose scale falls below `layer_decay_no_opt_scale` (freeze them
 * with the trainable flag instead); HF, PyTorch, optax and Keras have no built-in LLRD.
 *
 * @param options - either `groups` (number of groups n, a positive integer; depths 0 … n − 1) or
 *   `depths` (one depth per group, non-negative integers, input → head), plus `decay` (factor per
 *   layer, in (0, 1], default 0.75) and `minScale` (floor, in [0, 1], default 0); see
 *   {@link LayerDecayScalesOptions}
 * @returns one scale per group; groups at the maximum depth get 1
 * @throws InvalidArgumentError for both / neither of `groups` and `depths`, a bad depth, or `decay` /
 *   `minScale` outside their ranges
 * @example
 * ```ts
 * layerDecayScales({ groups: 4, decay: 0.5 })                 // [0.125, 0.25, 0.5, 1]
 * layerDecayScales({ groups: 4, decay: 0.5, minScale: 0.2 })  // [0.2, 0.25, 0.5, 1]
 * layerDecayScales({ depths: [0, 1, 2, 4], decay: 0.8 })      // [0.4096, 0.512, 0.64, 1] (ELECTRA-style)
 * ```
 */
export function layerDecayScales(options: LayerDecayScalesOptions): number[] {
  const record = OPTIONS.read(options)
  if ((record.groups === undefined) === (record.depths === undefined)) {
    throw new InvalidArgumentError({
      argument: 'groups',
      value: record.groups,
      message: `groups or depths must be given (exactly one), got ${record.groups === undefined ? 'neither' : 'both'}`,
    })
  }
  const depths =
    record.depths === undefined
      ? Array.from({ length: positiveInteger('groups', record.groups) }, (_, group) => group)
      : layerDepths('depths', record.depths)
  return layerDecaySpread(
    depths,
    layerDecayValue('decay', record.decay),
    layerDecayMinScale('minScale', record.minScale),
  )
}
