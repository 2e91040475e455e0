import { type GraphProto, type NodeProto, type TensorProto, TensorProto_DataType } from '../generated/onnx_pb'
import { tensorDims } from '../internal/tensor-data'
import { attrInt, attrInts, attrTensor } from './attributes'

/** What is known statically about a tensor. @internal */
export interface TensorType {
  /** Rank, when known. */
  rank?: number | undefined
  /** ONNX element type, when known. */
  dataType?: number | undefined
}

/** Values of constant int64/int32 tensors (initializers and Constant nodes), by name. @internal */
export type ConstantInts = ReadonlyMap<string, number[]>

const COMPARISONS = new Set(['Equal', 'Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'And', 'Or', 'Xor'])
const SAME_AS_FIRST = new Set([
  'Identity',
  'Relu',
  'LeakyRelu',
  'Sigmoid',
  'Tanh',
  'Erf',
  'Gelu',
  'Exp',
  'Log',
  'Neg',
  'Abs',
  'Sqrt',
  'Reciprocal',
  'Softplus',
  'HardSigmoid',
  'Clip',
  'Softmax',
  'LogSoftmax',
  'Dropout',
  'LayerNormalization',
  'BatchNormalization',
  'Conv',
  'ConvTranspose',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'Transpose',
  'Sign',
  'Floor',
  'Ceil',
  'Round',
  'Split',
  'Slice',
  'Pad',
  'Concat',
  'Sin',
  'Cos',
])
const BROADCASTING = new Set(['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Max', 'Min', 'Sum', 'Mean', 'PRelu'])
const REDUCTIONS = new Set([
  'ReduceSum',
  'ReduceMean',
  'ReduceMax',
  'ReduceMin',
  'ReduceProd',
  'ReduceL2',
  'ReduceSumSquare',
])

/** Reads the integer values of a constant tensor, if it is INT64 or INT32 and stored inline. @internal */
export function tensorInts(tensor: TensorProto): number[] | undefined {
  if (tensor.dataType === TensorProto_DataType.INT64) {
    if (tensor.rawData.length > 0) {
      const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength)
      return Array.from({ length: tensor.rawData.byteLength / 8 }, (_, i) =>
        Number(view.getBigInt64(i * 8, true)),
      )
    }
    return tensor.int64Data.map((v) => Number(v))
  }
  if (tensor.dataType === TensorProto_DataType.INT32) {
    if (tensor.rawData.length > 0) {
      const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength)
      return Array.from({ length: tensor.rawData.byteLength / 4 }, (_, i) => view.getInt32(i * 4, true))
    }
    return [...tensor.int32Data]
  }
  return undefined
}

/**
 * Propagates ranks and element types through the graph, op by op, as far as the graph allows.
 * Returns the types and the values of integer constants (axes, shapes).
 * @internal
 */
export function inferTensorTypes(graph: GraphProto): {
  types: Map<string, TensorType>
  ints: Map<string, number[]>
} {
  const types = new Map<string, TensorType>()
  const ints = new Map<string, number[]>()
  for (const info of [...graph.input, ...graph.valueInfo, ...graph.output]) {
    if (info.type?.value.case !== 'tensorType') continue
    const tensorType = info.type.value.value
    types.set(info.name, {
      ...(tensorType.shape ? { rank: tensorType.shape.dim.length } : {}),
      ...(tensorType.elemType ? { dataType: tensorType.elemType } : {}),
    })
  }
  for (const tensor of graph.initializer) {
    types.set(tensor.name, { rank: tensor.dims.length, dataType: tensor.dataType })
    const values = tensorInts(tensor)
    if (values) ints.set(tensor.name, values)
  }
  const lengths = new Map<string, number>()
  for (const node of graph.node) {
    inferNode(node, types, ints, lengths)
    inferLength(node, types, ints, lengths)
  }
  return { types, ints }
}

/**
 * Tracks the static length of 1-D integer tensors whose values are not known (shapes assembled
 * from `Shape`, `Gather`, `Unsqueeze` and `Concat`, as exporters emit for a symbolic batch), so
 * that a `Reshape` or `Expand` by such a shape still has a known rank.
 */
function inferLength(
  node: NodeProto,
  types: Map<string, TensorType>,
  ints: ReadonlyMap<string, number[]>,
  lengths: Map<string, number>,
): void {
  const output = node.output[0]
  if (!output) return
  const lengthOf = (name: string | undefined): number | undefined => {
    if (!name) return undefined
    const known = ints.get(name)
    if (known) return types.get(name)?.rank === 1 ? known.length : undefined
    return lengths.get(name)
  }
  let length: number | undefined
  switch (node.opType) {
    case 'Shape': {
      const rank = types.get(node.input[0] ?? '')?.rank
      if (rank === undefined) return
      const clamp = (value: number) => Math.min(rank, Math.max(0, value < 0 ? value + rank : value))
      length = Math.max(0, clamp(attrInt(node, 'end', rank)) - clamp(attrInt(node, 'start', 0)))
      break
    }
    case 'Unsqueeze':
      if (types.get(node.input[0] ?? '')?.rank === 0 && types.get(output)?.rank === 1) length = 1
      break
    case 'Concat': {
      if (types.get(output)?.rank !== 1) return
      const parts = node.input.map(lengthOf)
      if (parts.every((part) => part !== undefined)) length = (parts as number[]).reduce((a, b) => a + b, 0)
      break
    }
    case 'Cast':
    case 'Identity':
      length = lengthOf(node.input[0])
      break
    case 'Gather':
      if (types.get(output)?.rank === 1) length = lengthOf(node.input[1])
      break
  }
  if (length !== undefined) lengths.set(output, length)
}

function inferNode(
  node: NodeProto,
  types: Map<string, TensorType>,
  ints: Map<string, number[]>,
  lengths: ReadonlyMap<string, number>,
): void {
  const input = (i: number): TensorType => types.get(node.input[i] ?? '') ?? {}
  const set = (i: number, type: TensorType) => {
    const name = node.output[i]
    if (name) types.set(name, { ...types.get(name), ...definedOnly(type) })
  }
  const first = input(0)
  const op = node.opType
  if (op === 'Constant') {
    const value = attrTensor(node, 'value')
    if (value) {
      set(0, { rank: value.dims.length, dataType: value.dataType })
      const values = tensorInts(value)
      if (values && node.output[0]) ints.set(node.output[0], values)
    }
    return
  }
  if (SAME_AS_FIRST.has(op)) {
    for (let i = 0; i < node.output.length; i++) set(i, first)
    if (op === 'MaxPool' && node.output[1]) set(1, { rank: first.rank, dataType: TensorProto_DataType.INT64 })
    if (op === 'Dropout' && node.output[1]) set(1, { rank: first.rank, dataType: TensorProto_DataType.BOOL })
    return
  }
  if (BROADCASTING.has(op) || COMPARISONS.has(op) || op === 'Where') {
    const ranks = node.input.map((_, i) => input(i).rank)
    const rank = ranks.every((r) => r !== undefined) ? Math.max(...(ranks as number[])) : undefined
    const dataType = COMPARISONS.has(op)
      ? TensorProto_DataType.BOOL
      : op === 'Where'
        ? input(1).dataType
        : first.dataType
    set(0, { rank, dataType })
    return
  }
  switch (op) {
    case 'Not':
      set(0, { rank: first.rank, dataType: TensorProto_DataType.BOOL })
      return
    case 'Cast':
      set(0, { rank: first.rank, dataType: attrInt(node, 'to', 0) })
      return
    case 'Gemm':
      set(0, { rank: 2, dataType: first.dataType })
      return
    case 'MatMul': {
      const a = first.rank
      const b = input(1).rank
      const rank =
        a === undefined || b === undefined ? undefined : a === 1 ? b - 1 : b === 1 ? a - 1 : Math.max(a, b)
      set(0, { rank, dataType: first.dataType })
      return
    }
    case 'Flatten':
      set(0, { rank: 2, dataType: first.dataType })
      return
    case 'Reshape':
    case 'Expand': {
      const shapeLength = ints.get(node.input[1] ?? '')?.length ?? lengths.get(node.input[1] ?? '')
      const rank =
        shapeLength === undefined
          ? undefined
          : op === 'Reshape'
            ? shapeLength
            : first.rank === undefined
              ? undefined
              : Math.max(first.rank, shapeLength)
      set(0, { rank, dataType: first.dataType })
      return
    }
    case 'Squeeze':
    case 'Unsqueeze': {
      const axes = attrInts(node, 'axes') ?? ints.get(node.input[1] ?? '')
      const rank =
        axes === undefined || first.rank === undefined
          ? undefined
          : op === 'Squeeze'
            ? first.rank - axes.length
            : first.rank + axes.length
      set(0, { rank, dataType: first.dataType })
      return
    }
    case 'Shape':
      set(0, { rank: 1, dataType: TensorProto_DataType.INT64 })
      return
    case 'Size':
      set(0, { rank: 0, dataType: TensorProto_DataType.INT64 })
      return
    case 'Gather': {
      const indices = input(1).rank
      set(0, {
        rank: first.rank === undefined || indices === undefined ? undefined : first.rank + indices - 1,
        dataType: first.dataType,
      })
      return
    }
    case 'ConstantOfShape': {
      const value = attrTensor(node, 'value')
      set(0, {
        rank: ints.get(node.input[0] ?? '')?.length ?? lengths.get(node.input[0] ?? ''),
        dataType: value?.dataType ?? TensorProto_DataType.FLOAT,
      })
      return
    }
    case 'SoftmaxCrossEntropyLoss':
      set(0, { rank: 0, dataType: first.dataType })
      set(1, first)
      return
    case 'Range':
      set(0, { rank: 1, dataType: first.dataType })
      return
    case 'NonZero':
      set(0, { rank: 2, dataType: TensorProto_DataType.INT64 })
      return
  }
  if (REDUCTIONS.has(op)) {
    const keepdims = attrInt(node, 'keepdims', 1) === 1
    const axes = attrInts(node, 'axes') ?? (node.input[1] ? ints.get(node.input[1]) : [])
    const rank =
      first.rank === undefined
        ? undefined
        : keepdims
          ? first.rank
          : axes === undefined
            ? undefined
            : axes.length === 0
              ? 0
              : first.rank - axes.length
    set(0, { rank, dataType: first.dataType })
  }
}

function definedOnly(type: TensorType): TensorType {
  const out: TensorType = {}
  if (type.rank !== undefined) out.rank = type.rank
  if (type.dataType !== undefined) out.dataType = type.dataType
  return out
}

/** Dims of an initializer as numbers (re-exported for the graph builders). @internal */
export { tensorDims }
