import { create } from '@bufbuild/protobuf'
import { InvalidArgumentError } from '@lrkit/core'
import {
  type TensorProto,
  TensorProto_DataLocation,
  TensorProto_DataType,
  TensorProtoSchema,
} from '../generated/onnx_pb'

/** Float element types the differentiator handles. @internal */
export type FloatDataType = TensorProto_DataType.FLOAT | TensorProto_DataType.DOUBLE

/** Dims of a tensor as numbers. @internal */
export function tensorDims(tensor: TensorProto): number[] {
  return tensor.dims.map((dim) => Number(dim))
}

/** Number of elements of a tensor with the given dims. @internal */
export function elementCount(dims: readonly number[]): number {
  let count = 1
  for (const dim of dims) count *= dim
  return count
}

/** True when the tensor's data lives in an external file. @internal */
export function isExternal(tensor: TensorProto): boolean {
  return tensor.dataLocation === TensorProto_DataLocation.EXTERNAL || tensor.externalData.length > 0
}

/**
 * Reads the values of a FLOAT or DOUBLE tensor (raw_data little-endian, or the typed repeated field).
 * @internal
 */
export function readFloatTensor(tensor: TensorProto, what: string): Float32Array | Float64Array {
  if (isExternal(tensor)) {
    throw new InvalidArgumentError({
      argument: what,
      value: tensor.name,
      message: `${what} "${tensor.name}" stores its data in an external file; external data is not supported yet (save the model with its weights inside the .onnx file)`,
    })
  }
  const count = elementCount(tensorDims(tensor))
  if (tensor.dataType === TensorProto_DataType.FLOAT) {
    const out = new Float32Array(count)
    if (tensor.rawData.length > 0) {
      const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength)
      for (let i = 0; i < count; i++) out[i] = view.getFloat32(i * 4, true)
    } else out.set(tensor.floatData)
    return out
  }
  if (tensor.dataType === TensorProto_DataType.DOUBLE) {
    const out = new Float64Array(count)
    if (tensor.rawData.length > 0) {
      const view = new DataView(tensor.rawData.buffer, tensor.rawData.byteOffset, tensor.rawData.byteLength)
      for (let i = 0; i < count; i++) out[i] = view.getFloat64(i * 8, true)
    } else out.set(tensor.doubleData)
    return out
  }
  throw new InvalidArgumentError({
    argument: what,
    value: tensor.name,
    message: `${what} "${tensor.name}" has data type ${TensorProto_DataType[tensor.dataType] ?? tensor.dataType}; only FLOAT and DOUBLE tensors can be read as parameters`,
  })
}

/** Little-endian bytes of a typed array (a copy). @internal */
export function littleEndianBytes(values: Float32Array | Float64Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(values.byteLength)
  const view = new DataView(bytes.buffer)
  if (values instanceof Float32Array)
    for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true)
  else if (values instanceof Float64Array)
    for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i]!, true)
  else for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, values[i]!, true)
  return bytes
}

/** A float, double or int64 initializer tensor stored as raw_data. @internal */
export function makeTensor(
  name: string,
  dims: readonly number[],
  values: Float32Array | Float64Array | BigInt64Array,
): TensorProto {
  const dataType =
    values instanceof Float32Array
      ? TensorProto_DataType.FLOAT
      : values instanceof Float64Array
        ? TensorProto_DataType.DOUBLE
        : TensorProto_DataType.INT64
  return create(TensorProtoSchema, {
    name,
    dims: dims.map((dim) => BigInt(dim)),
    dataType,
    rawData: littleEndianBytes(values),
  })
}
