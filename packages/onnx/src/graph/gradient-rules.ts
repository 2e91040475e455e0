import type { NodeProto } from '../generated/onnx_pb'
import { TensorProto_DataType } from '../generated/onnx_pb'
import { makeTensor } from '../internal/tensor-data'
import { attrFloat, attrInt, attrInts, attrString } from './attributes'
import type { GraphEmitter } from './graph-emitter'

/** What a gradient rule sees of the node it differentiates. @internal */
export interface GradientContext {
  /** The emitter the rule appends backward nodes to. */
  readonly e: GraphEmitter
  /** The forward node (a copy in the training graph; rules may add outputs to it). */
  readonly node: NodeProto
  /** Name of input `i` (`''` when absent). */
  x(i: number): string
  /** Name of output `i`. */
  y(i: number): string
  /** Gradient of output `i`, undefined when no gradient flows into it. */
  dy(i: number): string | undefined
  /** Whether the gradient of input `i` is needed. */
  needs(i: number): boolean
  /** Rank of a tensor, when known. */
  rank(name: string): number | undefined
  /** Element type of a tensor, when known. */
  dataType(name: string): number | undefined
  /** Values of an integer constant, when the tensor is one. */
  ints(name: string): number[] | undefined
  /** Static dimensions of an initializer or trainable parameter, when the tensor is one. */
  dims(name: string): readonly number[] | undefined
  /** Throws the "cannot differentiate" error for this node with a reason. */
  fail(reason: string): never
}

/** A gradient rule: input gradients (undefined where not needed) from output gradients. @internal */
export type GradientRule = (c: GradientContext) => (string | undefined)[]

function dy0(c: GradientContext): string {
  const g = c.dy(0)
  if (g === undefined) throw new Error(`internal: no gradient for the output of ${c.node.opType}`)
  return g
}

function sumTo(c: GradientContext, g: string, i: number, gRank: number | undefined): string {
  return c.e.sumTo(g, c.x(i), gRank, c.rank(c.x(i)), c.dims(c.x(i)))
}

function rankOf(c: GradientContext, name: string, why: string): number {
  const rank = c.rank(name)
  if (rank === undefined)
    c.fail(`the rank of "${name}" is not known (${why}); give the graph value_info or static shapes`)
  return rank
}

function normalizeAxes(axes: readonly number[], rank: number): number[] {
  return axes.map((axis) => (axis < 0 ? axis + rank : axis)).sort((a, b) => a - b)
}

const passThrough: GradientRule = (c) => [dy0(c)]

const reshapeBack: GradientRule = (c) => [c.e.op('Reshape', [dy0(c), c.e.shape(c.x(0))])]

function binary(
  c: GradientContext,
  makeA: (g: string) => string,
  makeB: (g: string) => string,
): (string | undefined)[] {
  const g = dy0(c)
  const rankY = c.rank(c.y(0))
  return [
    c.needs(0) ? sumTo(c, makeA(g), 0, rankY) : undefined,
    c.needs(1) ? sumTo(c, makeB(g), 1, rankY) : undefined,
  ]
}

function gemm(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const alpha = attrFloat(c.node, 'alpha', 1)
  const beta = attrFloat(c.node, 'beta', 1)
  const transA = attrInt(c.node, 'transA', 0) === 1
  const transB = attrInt(c.node, 'transB', 0) === 1
  const a = c.x(0)
  const b = c.x(1)
  const scale = alpha === 1 ? {} : { alpha: { float: alpha } }
  const gemmOf = (p: string, q: string, tp: boolean, tq: boolean) =>
    e.op('Gemm', [p, q], {
      ...scale,
      ...(tp ? { transA: { int: 1 } } : {}),
      ...(tq ? { transB: { int: 1 } } : {}),
    })
  let da: string | undefined
  let db: string | undefined
  if (c.needs(0)) da = transA ? gemmOf(b, g, transB, true) : gemmOf(g, b, false, !transB)
  if (c.needs(1)) db = transB ? gemmOf(g, a, true, transA) : gemmOf(a, g, !transA, false)
  let dc: string | undefined
  if (c.needs(2)) {
    const scaled = beta === 1 ? g : e.op('Mul', [g, e.scalar(beta)])
    dc = sumTo(c, scaled, 2, 2)
  }
  return [da, db, dc]
}

function lastTwoSwapped(c: GradientContext, x: string): string {
  const rank = rankOf(c, x, 'MatMul transposes its last two axes')
  const perm = Array.from({ length: rank }, (_, i) => i)
  perm[rank - 1] = rank - 2
  perm[rank - 2] = rank - 1
  return c.e.op('Transpose', [x], { perm: { ints: perm } })
}

function matMul(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const a = c.x(0)
  const b = c.x(1)
  const rankA = rankOf(c, a, 'MatMul')
  const rankB = rankOf(c, b, 'MatMul')
  if (rankA < 2 || rankB < 2) c.fail('MatMul with a 1-D operand is not supported yet')
  const rankY = Math.max(rankA, rankB)
  let da: string | undefined
  let db: string | undefined
  if (c.needs(0)) {
    const full = e.op('MatMul', [g, lastTwoSwapped(c, b)])
    da = rankB === 2 ? full : sumTo(c, full, 0, rankY)
  }
  if (c.needs(1)) {
    if (rankB === 2) {
      // Fold every leading axis into the rows: dB = A2ᵀ·dY2, one Gemm, no broadcast reduction.
      const k = e.op('Gather', [e.shape(b), e.int64([0])], { axis: { int: 0 } })
      const n = e.op('Gather', [e.shape(b), e.int64([1])], { axis: { int: 0 } })
      const a2 = e.op('Reshape', [a, e.op('Concat', [e.int64([-1]), k], { axis: { int: 0 } })])
      const g2 = e.op('Reshape', [g, e.op('Concat', [e.int64([-1]), n], { axis: { int: 0 } })])
      db = e.op('Gemm', [a2, g2], { transA: { int: 1 } })
    } else {
      db = sumTo(c, e.op('MatMul', [lastTwoSwapped(c, a), g]), 1, rankY)
    }
  }
  return [da, db]
}

function softmaxAxis(c: GradientContext): number {
  const axis = attrInt(c.node, 'axis', c.e.opset >= 13 ? -1 : 1)
  if (c.e.opset < 13)
    c.fail('Softmax and LogSoftmax before opset 13 flatten their input; re-export with opset 13 or later')
  return axis
}

function reduceAxes(c: GradientContext): number[] | undefined {
  const fromAttribute = attrInts(c.node, 'axes')
  if (fromAttribute) return fromAttribute
  const input = c.x(1)
  if (!input) return undefined
  const values = c.ints(input)
  if (!values) c.fail('its axes are not a constant')
  return values
}

function reduce(c: GradientContext, mean: boolean): (string | undefined)[] {
  const { e } = c
  let g = dy0(c)
  const keepdims = attrInt(c.node, 'keepdims', 1) === 1
  const axes = reduceAxes(c)
  const x = c.x(0)
  if (axes !== undefined && axes.length === 0 && attrInt(c.node, 'noop_with_empty_axes', 0) === 1) return [g]
  if (!keepdims && axes !== undefined && axes.length > 0) {
    g = e.unsqueeze(g, normalizeAxes(axes, rankOf(c, x, 'to restore the reduced axes')))
  }
  if (mean) {
    const count = e.op('Div', [e.toFloat(e.op('Size', [x])), e.toFloat(e.op('Size', [c.y(0)]))])
    g = e.op('Div', [g, count])
  }
  return [e.op('Expand', [g, e.shape(x)])]
}

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI)
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI)

function gelu(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const x = c.x(0)
  if (attrString(c.node, 'approximate', 'none') === 'tanh') {
    // y = ½x(1 + t), t = tanh(u), u = √(2/π)(x + 0.044715x³)
    const x2 = e.op('Mul', [x, x])
    const inner = e.op('Add', [e.scalar(1), e.op('Mul', [e.scalar(0.044715), x2])])
    const t = e.op('Tanh', [e.op('Mul', [e.scalar(SQRT_2_OVER_PI), e.op('Mul', [x, inner])])])
    const du = e.op('Mul', [
      e.scalar(SQRT_2_OVER_PI),
      e.op('Add', [e.scalar(1), e.op('Mul', [e.scalar(3 * 0.044715), x2])]),
    ])
    const left = e.op('Mul', [e.scalar(0.5), e.op('Add', [e.scalar(1), t])])
    const right = e.op('Mul', [
      e.op('Mul', [e.scalar(0.5), x]),
      e.op('Mul', [e.op('Sub', [e.scalar(1), e.op('Mul', [t, t])]), du]),
    ])
    return [e.op('Mul', [g, e.op('Add', [left, right])])]
  }
  // Φ(x) + x·φ(x)
  const cdf = e.op('Mul', [
    e.scalar(0.5),
    e.op('Add', [e.scalar(1), e.op('Erf', [e.op('Mul', [x, e.scalar(Math.SQRT1_2)])])]),
  ])
  const pdf = e.op('Mul', [
    e.scalar(INV_SQRT_2PI),
    e.op('Exp', [e.op('Mul', [e.scalar(-0.5), e.op('Mul', [x, x])])]),
  ])
  return [e.op('Mul', [g, e.op('Add', [cdf, e.op('Mul', [x, pdf])])])]
}

function layerNormalization(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const x = c.x(0)
  const rank = rankOf(c, x, 'LayerNormalization normalises the trailing axes')
  const axis = attrInt(c.node, 'axis', -1)
  const first = axis < 0 ? axis + rank : axis
  const axes = Array.from({ length: rank - first }, (_, i) => first + i)
  const epsilon = attrFloat(c.node, 'epsilon', 1e-5)
  const mean = e.reduceMean(x, axes, true)
  const centered = e.op('Sub', [x, mean])
  const variance = e.reduceMean(e.op('Mul', [centered, centered]), axes, true)
  const inverse = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [variance, e.scalar(epsilon)])])])
  const normalized = e.op('Mul', [centered, inverse])
  let dx: string | undefined
  if (c.needs(0)) {
    const gs = e.op('Mul', [g, c.x(1)])
    const meanG = e.reduceMean(gs, axes, true)
    const meanGx = e.reduceMean(e.op('Mul', [gs, normalized]), axes, true)
    dx = e.op('Mul', [inverse, e.op('Sub', [e.op('Sub', [gs, meanG]), e.op('Mul', [normalized, meanGx])])])
  }
  return [
    dx,
    c.needs(1) ? sumTo(c, e.op('Mul', [g, normalized]), 1, rank) : undefined,
    c.needs(2) ? sumTo(c, g, 2, rank) : undefined,
  ]
}

function maxMin(c: GradientContext, isMax: boolean): (string | undefined)[] {
  const { e } = c
  if (c.node.input.length === 1) return [dy0(c)]
  if (c.node.input.length > 2) c.fail(`${c.node.opType} with more than two inputs is not supported yet`)
  // The first operand takes the gradient on ties.
  const firstWins = e.op('Not', [e.op(isMax ? 'Less' : 'Greater', [c.x(0), c.x(1)])])
  const zero = e.scalar(0)
  return binary(
    c,
    (g) => e.op('Where', [firstWins, g, zero]),
    (g) => e.op('Where', [firstWins, zero, g]),
  )
}

/** Pads `partial` at the end of every axis up to `Shape(x)` (rows no window reached get zero gradient). */
function padUpTo(c: GradientContext, partial: string, x: string, rank: number): string {
  const { e } = c
  const missing = e.op('Sub', [e.shape(x), e.shape(partial)])
  const zeros = e.int64(new Array(rank).fill(0))
  return e.op('Pad', [partial, e.op('Concat', [zeros, missing], { axis: { int: 0 } })])
}

function checkExplicitPads(c: GradientContext): void {
  const autoPad = attrString(c.node, 'auto_pad', 'NOTSET')
  // SAME_* is lowered to an explicit Pad before differentiation (see lowerAutoPad).
  if (autoPad !== 'NOTSET' && autoPad !== 'VALID')
    c.fail(
      c.node.opType === 'AveragePool'
        ? `AveragePool with auto_pad ${autoPad} needs count_include_pad 1 (a static kernel_shape too)`
        : `${c.node.opType} with auto_pad ${autoPad} needs a static kernel size (kernel_shape, or a weight initializer)`,
    )
}

function explicitPads(c: GradientContext, spatial: number): number[] {
  return attrString(c.node, 'auto_pad', 'NOTSET') === 'VALID'
    ? new Array(2 * spatial).fill(0)
    : (attrInts(c.node, 'pads') ?? new Array(2 * spatial).fill(0))
}

function conv(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const x = c.x(0)
  const w = c.x(1)
  const rank = rankOf(c, x, 'Conv')
  const spatial = rank - 2
  const group = attrInt(c.node, 'group', 1)
  checkExplicitPads(c)
  const strides = attrInts(c.node, 'strides') ?? new Array(spatial).fill(1)
  const dilations = attrInts(c.node, 'dilations') ?? new Array(spatial).fill(1)
  const pads = explicitPads(c, spatial)
  const swap = [1, 0, ...Array.from({ length: spatial }, (_, i) => i + 2)]
  const groupAttribute = group === 1 ? {} : { group: { int: group } }
  let dx: string | undefined
  let dw: string | undefined
  if (c.needs(0)) {
    // ConvTranspose's weight layout [C_in, C_out / group, k…] is the forward weight [C_out, C_in / group, k…].
    const partial = e.op('ConvTranspose', [g, w], {
      strides: { ints: strides },
      dilations: { ints: dilations },
      pads: { ints: pads },
      ...groupAttribute,
    })
    dx = padUpTo(c, partial, x, rank)
  }
  const kernel = attrInts(c.node, 'kernel_shape') ?? c.dims(w)?.slice(2) ?? undefined
  if (c.needs(1) && group === 1 && spatial === 2 && kernel !== undefined && kernel.length === 2) {
    dw = convWeightGradientByPatches(c, x, g, kernel, strides, dilations, pads)
  } else if (c.needs(1)) {
    // dW[o, i, k] = Σ_n,p X[n, g·Cin_g + i, p·s + k·d] · dY[n, o, p]: a convolution of X (batch and
    // channels swapped) with dY as the kernel, strides and dilations exchanged. For groups, the batch
    // axis is folded into the channels group by group ([Cin_g, G·N, …] and [G·Cout_g, N, …]) so one
    // grouped Conv computes every group's block.
    const restOf = (v: string) => e.op('Slice', [e.shape(v), e.int64([2]), e.int64([rank])])
    let input: string
    let kernel: string
    if (group === 1) {
      input = e.op('Transpose', [x], { perm: { ints: swap } })
      kernel = e.op('Transpose', [g], { perm: { ints: swap } })
    } else {
      const axis0 = { axis: { int: 0 } }
      const grouped = e.op('Reshape', [x, e.op('Concat', [e.int64([0, group, -1]), restOf(x)], axis0)]) // [N, G, Cin_g, s…]
      const inputPerm = [2, 1, 0, ...Array.from({ length: spatial }, (_, i) => i + 3)]
      input = e.op('Reshape', [
        e.op('Transpose', [grouped], { perm: { ints: inputPerm } }), // [Cin_g, G, N, s…]
        e.op('Concat', [e.int64([0, -1]), restOf(x)], axis0),
      ])
      const batch = e.op('Gather', [e.shape(g), e.int64([0])], axis0)
      const groupedG = e.op('Reshape', [g, e.op('Concat', [e.int64([0, group, -1]), restOf(g)], axis0)])
      const kernelPerm = [1, 2, 0, ...Array.from({ length: spatial }, (_, i) => i + 3)]
      kernel = e.op('Reshape', [
        e.op('Transpose', [groupedG], { perm: { ints: kernelPerm } }), // [G, Cout_g, N, o…]
        e.op('Concat', [e.int64([-1]), batch, restOf(g)], axis0),
      ])
    }
    const full = e.op('Conv', [input, kernel], {
      strides: { ints: dilations },
      dilations: { ints: strides },
      pads: { ints: pads },
      ...groupAttribute,
    })
    const transposed = e.op('Transpose', [full], { perm: { ints: swap } })
    const size = e.op('Slice', [e.shape(w), e.int64([2]), e.int64([rank])])
    dw = e.op('Slice', [transposed, e.int64(new Array(spatial).fill(0)), size, e.int64(swap.slice(2))])
  }
  const db = c.needs(2) ? e.reduceSum(g, [0, ...swap.slice(2)], false) : undefined
  return [dx, dw, db]
}

/** A one-element tensor holding 1 in the graph's float type (ConstantOfShape's `value`). */
function one(e: GraphEmitter) {
  return makeTensor(
    'value',
    [1],
    e.dataType === TensorProto_DataType.DOUBLE ? Float64Array.of(1) : Float32Array.of(1),
  )
}

/**
 * dW of a 2-D, group-1 Conv from image patches (im2col in standard ops): each of the kh·kw kernel
 * offsets is a strided Slice of the padded input; concatenated along the channels they form
 * P[N, K·C, L] (K = kh·kw, L = Ho·Wo), and dW = Σ_n P_n·dY_nᵀ, one batched MatMul and a sum over
 * the batch, reordered from [kh, kw, C, Cout] to [Cout, C, kh, kw] at the end (a tiny tensor).
 * onnxruntime's Conv with dY as a huge kernel (the transposed-convolution form) spends most of a
 * CNN's backward pass in its im2col; this form avoids it.
 */
function convWeightGradientByPatches(
  c: GradientContext,
  x: string,
  g: string,
  kernel: readonly number[],
  strides: readonly number[],
  dilations: readonly number[],
  pads: readonly number[],
): string {
  const { e } = c
  const axis0 = { axis: { int: 0 } }
  const padded = pads.some((pad) => pad !== 0)
    ? e.op('Pad', [x, e.int64([0, 0, pads[0]!, pads[1]!, 0, 0, pads[2]!, pads[3]!])])
    : x
  const outputSize = e.op('Slice', [e.shape(g), e.int64([2]), e.int64([4])]) // [Ho, Wo]
  // A window starting at offset o covers o, o + s, …, o + (Ho − 1)·s.
  const span = e.op('Add', [
    e.op('Mul', [e.op('Sub', [outputSize, e.int64([1, 1])]), e.int64([...strides])]),
    e.int64([1, 1]),
  ])
  const patches: string[] = []
  for (let kh = 0; kh < kernel[0]!; kh++) {
    for (let kw = 0; kw < kernel[1]!; kw++) {
      const starts = e.int64([kh * dilations[0]!, kw * dilations[1]!])
      const ends = e.op('Add', [starts, span])
      patches.push(e.op('Slice', [padded, starts, ends, e.int64([2, 3]), e.int64([...strides])]))
    }
  }
  const flat = e.int64([0, 0, -1])
  const stacked = patches.length === 1 ? patches[0]! : e.op('Concat', patches, { axis: { int: 1 } })
  const p3 = e.op('Reshape', [stacked, flat]) // [N, K·C, L]
  const gt = e.op('Transpose', [e.op('Reshape', [g, flat])], { perm: { ints: [0, 2, 1] } }) // [N, L, Cout]
  const summed = e.reduceSum(e.op('MatMul', [p3, gt]), [0], false) // [K·C, Cout]
  const outChannels = e.op('Gather', [e.shape(g), e.int64([1])], axis0)
  const blocks = e.op('Reshape', [
    summed,
    e.op('Concat', [e.int64([kernel[0]!, kernel[1]!, -1]), outChannels], axis0),
  ]) // [kh, kw, C, Cout]
  return e.op('Transpose', [blocks], { perm: { ints: [3, 2, 0, 1] } })
}

function averagePool(c: GradientContext): (string | undefined)[] {
  const { e, node } = c
  const x = c.x(0)
  const rank = rankOf(c, x, 'AveragePool')
  const spatial = rank - 2
  checkExplicitPads(c)
  if (attrInt(node, 'ceil_mode', 0) !== 0) c.fail('AveragePool with ceil_mode 1 is not supported')
  const kernelShape = attrInts(node, 'kernel_shape')
  if (!kernelShape) c.fail('AveragePool needs kernel_shape')
  const strides = attrInts(node, 'strides') ?? new Array(spatial).fill(1)
  const dilations = attrInts(node, 'dilations') ?? new Array(spatial).fill(1)
  const pads = explicitPads(c, spatial)
  const windowSize = kernelShape.reduce((a, b) => a * b, 1)
  let g = e.op('Div', [dy0(c), e.scalar(windowSize)])
  if (attrInt(node, 'count_include_pad', 0) === 0 && pads.some((pad) => pad !== 0)) {
    // Windows that overlap the padding average fewer values: divide by the fraction of real ones,
    // which the same pooling of ones with count_include_pad = 1 computes.
    const ones = e.op('ConstantOfShape', [e.shape(x)], { value: { tensor: one(e) } })
    const fraction = e.op('AveragePool', [ones], {
      kernel_shape: { ints: kernelShape },
      strides: { ints: strides },
      pads: { ints: pads },
      count_include_pad: { int: 1 },
      ...(e.opset >= 19 ? { dilations: { ints: dilations } } : {}),
    })
    g = e.op('Div', [g, fraction])
  }
  // Spread every output's gradient evenly over its window: a ConvTranspose with a kernel of ones, run
  // on every (sample, channel) plane as its own batch entry (so the channel count need not be static).
  const axis0 = { axis: { int: 0 } }
  const restOf = (v: string) => e.op('Slice', [e.shape(v), e.int64([2]), e.int64([rank])])
  const planes = e.op('Reshape', [g, e.op('Concat', [e.int64([-1, 1]), restOf(g)], axis0)])
  const onesKernel = e.op('ConstantOfShape', [e.int64([1, 1, ...kernelShape])], { value: { tensor: one(e) } })
  const spread = e.op('ConvTranspose', [planes, onesKernel], {
    strides: { ints: strides },
    dilations: { ints: dilations },
    pads: { ints: pads },
  })
  const leading = e.op('Slice', [e.shape(x), e.int64([0]), e.int64([2])])
  const partial = e.op('Reshape', [spread, e.op('Concat', [leading, restOf(spread)], axis0)])
  return [padUpTo(c, partial, x, rank)]
}

function maxPool(c: GradientContext): (string | undefined)[] {
  const { e, node } = c
  if (attrInt(node, 'storage_order', 0) !== 0) c.fail('MaxPool with storage_order 1 is not supported')
  if (e.opset < 16)
    c.fail('the MaxPool gradient needs ScatterElements with reduction "add" (opset 16 or later)')
  let indices = node.output[1]
  if (!indices) {
    indices = e.fresh('MaxPool_indices')
    node.output[1] = indices
  }
  const x = c.x(0)
  const flatZeros = e.op('Reshape', [e.zerosLike(x), e.int64([-1])])
  const scattered = e.op(
    'ScatterElements',
    [flatZeros, e.op('Reshape', [indices, e.int64([-1])]), e.op('Reshape', [dy0(c), e.int64([-1])])],
    { reduction: { string: 'add' } },
  )
  return [e.op('Reshape', [scattered, e.shape(x)])]
}

function slice(c: GradientContext): (string | undefined)[] {
  const { e } = c
  if ([1, 2, 3, 4].some((i) => c.needs(i)))
    c.fail('the starts, ends, axes and steps of Slice cannot be trained')
  // Slice an index tensor the same way, then scatter dY back to the selected positions (any steps,
  // negative ones too; the positions are distinct, so no reduction is needed).
  const x = c.x(0)
  const indices = e.op('Reshape', [
    e.op('Range', [e.int64([0], true), e.op('Size', [x]), e.int64([1], true)]),
    e.shape(x),
  ])
  const selected = e.op('Slice', [indices, ...c.node.input.slice(1)])
  const flatZeros = e.op('Reshape', [e.zerosLike(x), e.int64([-1])])
  const scattered = e.op('ScatterElements', [
    flatZeros,
    e.op('Reshape', [selected, e.int64([-1])]),
    e.op('Reshape', [dy0(c), e.int64([-1])]),
  ])
  return [e.op('Reshape', [scattered, e.shape(x)]), undefined, undefined, undefined, undefined]
}

function pad(c: GradientContext): (string | undefined)[] {
  const { e, node } = c
  if (attrString(node, 'mode', 'constant') !== 'constant') c.fail('only constant-mode Pad is differentiable')
  if (c.needs(1) || c.needs(2)) c.fail('the pads and constant value of Pad cannot be trained')
  if (node.input[3]) c.fail('Pad with an axes input is not supported yet')
  const x = c.x(0)
  const rank = rankOf(c, x, 'Pad')
  // Non-negative pads: the gradient is the un-padded window of dY.
  const begins = e.op('Slice', [c.x(1), e.int64([0]), e.int64([rank])])
  const ends = e.op('Add', [begins, e.shape(x)])
  return [
    e.op('Slice', [dy0(c), begins, ends, e.int64(Array.from({ length: rank }, (_, i) => i))]),
    undefined,
    undefined,
  ]
}

function gather(c: GradientContext): (string | undefined)[] {
  const { e } = c
  if (c.needs(0) === false) return [undefined]
  const axis = attrInt(c.node, 'axis', 0)
  if (axis !== 0) c.fail('Gather is differentiable along axis 0 only (embeddings)')
  if (e.opset < 16) c.fail('the Gather gradient needs ScatterND with reduction "add" (opset 16 or later)')
  const data = c.x(0)
  const indices = e.op('Cast', [c.x(1)], { to: { int: TensorProto_DataType.INT64 } })
  const rows = e.op('Gather', [e.shape(data), e.int64([0])], { axis: { int: 0 } })
  // Negative ids count from the end, as in the forward Gather.
  const wrapped = e.op('Where', [
    e.op('Less', [indices, e.int64([0], true)]),
    e.op('Add', [indices, e.op('Reshape', [rows, e.int64([])])]),
    indices,
  ])
  return [
    e.op('ScatterND', [e.zerosLike(data), e.unsqueeze(wrapped, [-1]), dy0(c)], {
      reduction: { string: 'add' },
    }),
    undefined,
  ]
}

function concat(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const g = dy0(c)
  const axis = attrInt(c.node, 'axis', 0)
  const out: (string | undefined)[] = []
  let offset = e.int64([0])
  for (let i = 0; i < c.node.input.length; i++) {
    const size = e.op('Gather', [e.shape(c.x(i)), e.int64([axis])], { axis: { int: 0 } })
    const end = e.op('Add', [offset, size])
    out.push(c.needs(i) ? e.op('Slice', [g, offset, end, e.int64([axis])]) : undefined)
    offset = end
  }
  return out
}

function split(c: GradientContext): (string | undefined)[] {
  const { e } = c
  const parts = c.node.output.map((name, i) => c.dy(i) ?? e.zerosLike(name))
  return [e.op('Concat', parts, { axis: { int: attrInt(c.node, 'axis', 0) } })]
}

function transpose(c: GradientContext): (string | undefined)[] {
  const rank = rankOf(c, c.x(0), 'Transpose without perm reverses the axes')
  const perm = attrInts(c.node, 'perm') ?? Array.from({ length: rank }, (_, i) => rank - 1 - i)
  const inverse = new Array<number>(perm.length)
  perm.forEach((axis, i) => {
    inverse[axis] = i
  })
  return [c.e.op('Transpose', [dy0(c)], { perm: { ints: inverse } })]
}

function batchNormalization(c: GradientContext): (string | undefined)[] {
  const { e } = c
  if (attrInt(c.node, 'training_mode', 0) === 1)
    c.fail('BatchNormalization in training mode is not supported (statistics stay frozen)')
  if (c.needs(3) || c.needs(4))
    c.fail('the running mean and variance of BatchNormalization cannot be trained')
  const g = dy0(c)
  const x = c.x(0)
  const rank = rankOf(c, x, 'BatchNormalization')
  const trailing = Array.from({ length: rank - 2 }, (_, i) => i + 1)
  const perChannel = (v: string) => (trailing.length ? e.unsqueeze(v, trailing) : v)
  const epsilon = attrFloat(c.node, 'epsilon', 1e-5)
  const inverse = e.op('Reciprocal', [e.op('Sqrt', [e.op('Add', [c.x(4), e.scalar(epsilon)])])])
  const reduceAxes = [0, ...trailing.map((a) => a + 1)]
  let normalized: string | undefined
  const norm = () => {
    normalized ??= e.op('Mul', [e.op('Sub', [x, perChannel(c.x(3))]), perChannel(inverse)])
    return normalized
  }
  return [
    c.needs(0) ? e.op('Mul', [g, perChannel(e.op('Mul', [c.x(1), inverse]))]) : undefined,
    c.needs(1) ? e.reduceSum(e.op('Mul', [g, norm()]), reduceAxes, false) : undefined,
    c.needs(2) ? e.reduceSum(g, reduceAxes, false) : undefined,
    undefined,
    undefined,
  ]
}

function clip(c: GradientContext): (string | undefined)[] {
  const { e } = c
  if (c.needs(1) || c.needs(2)) c.fail('the bounds of Clip cannot be trained')
  const x = c.x(0)
  let mask: string | undefined
  const lower = c.x(1)
  const upper = c.x(2)
  if (lower) mask = e.op('Not', [e.op('Less', [x, lower])])
  if (upper) {
    const below = e.op('Not', [e.op('Greater', [x, upper])])
    mask = mask ? e.op('And', [mask, below]) : below
  }
  return [mask ? e.op('Where', [mask, dy0(c), e.scalar(0)]) : dy0(c), undefined, undefined]
}

/**
 * The gradient rule of every supported op, by ONNX op type (default domain). Ops listed in
 * {@link NON_DIFFERENTIABLE_OPS} pass no gradient.
 * @internal
 */
export const GRADIENT_RULES: Readonly<Record<string, GradientRule>> = {
  Identity: passThrough,
  Dropout: (c) => {
    if (c.x(2))
      c.fail(
        'Dropout with a training_mode input is not supported (fine-tuning runs dropout in inference mode)',
      )
    return [dy0(c)]
  },
  Reshape: reshapeBack,
  Flatten: reshapeBack,
  Squeeze: reshapeBack,
  Unsqueeze: reshapeBack,
  Expand: (c) => [sumTo(c, dy0(c), 0, c.rank(c.y(0)))],
  Transpose: transpose,
  Concat: concat,
  Split: split,
  Cast: (c) => {
    const source = c.dataType(c.x(0))
    if (source !== TensorProto_DataType.FLOAT && source !== TensorProto_DataType.DOUBLE) return [undefined]
    return [c.e.op('Cast', [dy0(c)], { to: { int: source } })]
  },
  Add: (c) =>
    binary(
      c,
      (g) => g,
      (g) => g,
    ),
  Sub: (c) =>
    binary(
      c,
      (g) => g,
      (g) => c.e.op('Neg', [g]),
    ),
  Mul: (c) =>
    binary(
      c,
      (g) => c.e.op('Mul', [g, c.x(1)]),
      (g) => c.e.op('Mul', [g, c.x(0)]),
    ),
  Div: (c) =>
    binary(
      c,
      (g) => c.e.op('Div', [g, c.x(1)]),
      (g) => c.e.op('Neg', [c.e.op('Div', [c.e.op('Mul', [g, c.y(0)]), c.x(1)])]),
    ),
  Pow: (c) => {
    const { e } = c
    let exponent = c.x(1)
    if (c.dataType(exponent) !== e.dataType) exponent = e.toFloat(exponent)
    return binary(
      c,
      (g) =>
        e.op('Mul', [
          g,
          e.op('Mul', [exponent, e.op('Pow', [c.x(0), e.op('Sub', [exponent, e.scalar(1)])])]),
        ]),
      (g) => e.op('Mul', [g, e.op('Mul', [c.y(0), e.op('Log', [c.x(0)])])]),
    )
  },
  Max: (c) => maxMin(c, true),
  Min: (c) => maxMin(c, false),
  Where: (c) => {
    const { e } = c
    const zero = e.scalar(0)
    const g = dy0(c)
    const rankY = c.rank(c.y(0))
    return [
      undefined,
      c.needs(1) ? sumTo(c, e.op('Where', [c.x(0), g, zero]), 1, rankY) : undefined,
      c.needs(2) ? sumTo(c, e.op('Where', [c.x(0), zero, g]), 2, rankY) : undefined,
    ]
  },
  Neg: (c) => [c.e.op('Neg', [dy0(c)])],
  Exp: (c) => [c.e.op('Mul', [dy0(c), c.y(0)])],
  Log: (c) => [c.e.op('Div', [dy0(c), c.x(0)])],
  Abs: (c) => [c.e.op('Mul', [dy0(c), c.e.op('Sign', [c.x(0)])])],
  Sqrt: (c) => [c.e.op('Div', [c.e.op('Mul', [dy0(c), c.e.scalar(0.5)]), c.y(0)])],
  Reciprocal: (c) => [c.e.op('Neg', [c.e.op('Mul', [dy0(c), c.e.op('Mul', [c.y(0), c.y(0)])])])],
  Relu: (c) => [c.e.op('Where', [c.e.op('Greater', [c.x(0), c.e.scalar(0)]), dy0(c), c.e.scalar(0)])],
  LeakyRelu: (c) => {
    const { e } = c
    const g = dy0(c)
    const alpha = attrFloat(c.node, 'alpha', 0.01)
    return [e.op('Where', [e.op('Greater', [c.x(0), e.scalar(0)]), g, e.op('Mul', [g, e.scalar(alpha)])])]
  },
  Sigmoid: (c) => {
    const { e } = c
    return [e.op('Mul', [dy0(c), e.op('Mul', [c.y(0), e.op('Sub', [e.scalar(1), c.y(0)])])])]
  },
  HardSigmoid: (c) => {
    const { e } = c
    const alpha = attrFloat(c.node, 'alpha', 0.2)
    const beta = attrFloat(c.node, 'beta', 0.5)
    const linear = e.op('Add', [e.op('Mul', [c.x(0), e.scalar(alpha)]), e.scalar(beta)])
    const inside = e.op('And', [e.op('Greater', [linear, e.scalar(0)]), e.op('Less', [linear, e.scalar(1)])])
    return [e.op('Where', [inside, e.op('Mul', [dy0(c), e.scalar(alpha)]), e.scalar(0)])]
  },
  Softplus: (c) => [c.e.op('Mul', [dy0(c), c.e.op('Sigmoid', [c.x(0)])])],
  Tanh: (c) => {
    const { e } = c
    return [e.op('Mul', [dy0(c), e.op('Sub', [e.scalar(1), e.op('Mul', [c.y(0), c.y(0)])])])]
  },
  Erf: (c) => {
    const { e } = c
    const x = c.x(0)
    const bell = e.op('Exp', [e.op('Neg', [e.op('Mul', [x, x])])])
    return [e.op('Mul', [dy0(c), e.op('Mul', [bell, e.scalar(2 / Math.sqrt(Math.PI))])])]
  },
  Gelu: gelu,
  Clip: clip,
  Softmax: (c) => {
    const { e } = c
    const axis = softmaxAxis(c)
    const g = dy0(c)
    const y = c.y(0)
    return [e.op('Mul', [y, e.op('Sub', [g, e.reduceSum(e.op('Mul', [g, y]), [axis], true)])])]
  },
  LogSoftmax: (c) => {
    const { e } = c
    const axis = softmaxAxis(c)
    const g = dy0(c)
    return [e.op('Sub', [g, e.op('Mul', [e.op('Exp', [c.y(0)]), e.reduceSum(g, [axis], true)])])]
  },
  ReduceSum: (c) => reduce(c, false),
  ReduceMean: (c) => reduce(c, true),
  GlobalAveragePool: (c) => {
    const { e } = c
    const x = c.x(0)
    const count = e.op('Div', [e.toFloat(e.op('Size', [x])), e.toFloat(e.op('Size', [c.y(0)]))])
    return [e.op('Expand', [e.op('Div', [dy0(c), count]), e.shape(x)])]
  },
  Gemm: gemm,
  MatMul: matMul,
  LayerNormalization: layerNormalization,
  BatchNormalization: batchNormalization,
  Conv: conv,
  MaxPool: maxPool,
  AveragePool: averagePool,
  Slice: slice,
  Pad: pad,
  Gather: gather,
}

/** Ops whose outputs carry no gradient (integer, boolean or piecewise-constant results). @internal */
export const NON_DIFFERENTIABLE_OPS: ReadonlySet<string> = new Set([
  'Shape',
  'Size',
  'Constant',
  'ConstantOfShape',
  'Range',
  'Equal',
  'Greater',
  'Less',
  'GreaterOrEqual',
  'LessOrEqual',
  'Not',
  'And',
  'Or',
  'Xor',
  'NonZero',
  'ArgMax',
  'ArgMin',
  'Sign',
  'Floor',
  'Ceil',
  'Round',
  'OneHot',
  'IsNaN',
  'IsInf',
])
