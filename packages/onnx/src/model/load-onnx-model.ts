import { fromBinary } from '@bufbuild/protobuf'
import { InvalidArgumentError } from '@lrkit/core'
import {
  type ModelProto,
  ModelProtoSchema,
  TensorProto_DataType,
  type TensorShapeProto,
  type ValueInfoProto,
} from '../generated/onnx_pb'
import { tensorDims } from '../internal/tensor-data'
import type { OnnxModel, OnnxTensorInfo } from './onnx-model'

/** The highest ONNX IR version onnxruntime-node 1.30 loads. */
export const MAX_IR_VERSION = 13
/** The highest `ai.onnx` opset onnxruntime-node 1.30 loads. */
export const MAX_OPSET_VERSION = 26

/**
 * Decodes an `.onnx` file. Checks what onnxruntime-node 1.30 can load: IR version 3 to
 * {@link MAX_IR_VERSION} and an `ai.onnx` opset of at most {@link MAX_OPSET_VERSION}; anything else
 * throws an `InvalidArgumentError` naming the version found.
 *
 * @param bytes - the file's contents
 * @returns the model; {@link saveOnnxModel} writes it back byte for byte
 *
 * @example
 * ```ts
 * const model = loadOnnxModel(await readFile('model.onnx'))
 * console.log(model.opsetVersion, model.initializers.map((tensor) => tensor.name))
 * ```
 */
export function loadOnnxModel(bytes: Uint8Array): OnnxModel {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidArgumentError({ argument: 'bytes', value: bytes, expected: 'a Uint8Array (or Buffer)' })
  }
  let proto: ModelProto
  try {
    proto = fromBinary(ModelProtoSchema, bytes)
  } catch (cause) {
    throw new InvalidArgumentError({
      argument: 'bytes',
      value: `${bytes.length} bytes`,
      message: `bytes is not an ONNX model (protobuf decoding failed: ${(cause as Error).message})`,
      cause,
    })
  }
  return wrapModelProto(proto)
}

/**
 * Validates a decoded model and wraps it as an {@link OnnxModel}.
 * @internal
 */
export function wrapModelProto(proto: ModelProto): OnnxModel {
  const irVersion = Number(proto.irVersion)
  if (!proto.graph) {
    throw new InvalidArgumentError({
      argument: 'bytes',
      value: 'a model without a graph',
      message: 'bytes is not an ONNX model: it has no graph',
    })
  }
  if (!Number.isInteger(irVersion) || irVersion < 3 || irVersion > MAX_IR_VERSION) {
    throw new InvalidArgumentError({
      argument: 'model.irVersion',
      value: irVersion,
      expected: `an IR version from 3 to ${MAX_IR_VERSION} (what onnxruntime-node 1.30 loads)`,
    })
  }
  const defaultOpset = proto.opsetImport.find((entry) => entry.domain === '' || entry.domain === 'ai.onnx')
  if (!defaultOpset) {
    throw new InvalidArgumentError({
      argument: 'model.opsetImport',
      value: proto.opsetImport.map((entry) => `${entry.domain}:${entry.version}`),
      expected: 'an import of the default ai.onnx operator set',
    })
  }
  const opsetVersion = Number(defaultOpset.version)
  if (opsetVersion < 1 || opsetVersion > MAX_OPSET_VERSION) {
    throw new InvalidArgumentError({
      argument: 'model.opsetVersion',
      value: opsetVersion,
      expected: `an ai.onnx opset from 1 to ${MAX_OPSET_VERSION} (what onnxruntime-node 1.30 loads)`,
    })
  }
  const graph = proto.graph
  const initializerNames = new Set(graph.initializer.map((tensor) => tensor.name))
  return {
    irVersion,
    opsetVersion,
    producerName: proto.producerName,
    inputs: graph.input.filter((input) => !initializerNames.has(input.name)).map(valueInfo),
    outputs: graph.output.map(valueInfo),
    initializers: graph.initializer.map((tensor) => ({
      name: tensor.name,
      dataType: dataTypeName(tensor.dataType),
      dims: tensorDims(tensor),
    })),
    proto,
  }
}

/** The ONNX name of an element type. @internal */
export function dataTypeName(dataType: number): string {
  return TensorProto_DataType[dataType] ?? `data type ${dataType}`
}

function valueInfo(info: ValueInfoProto): OnnxTensorInfo {
  const tensorType = info.type?.value.case === 'tensorType' ? info.type.value.value : undefined
  return {
    name: info.name,
    dataType: dataTypeName(tensorType?.elemType ?? 0),
    dims: tensorType?.shape ? shapeDims(tensorType.shape) : null,
  }
}

function shapeDims(shape: TensorShapeProto): (number | string | null)[] {
  return shape.dim.map((dim) =>
    dim.value.case === 'dimValue'
      ? Number(dim.value.value)
      : dim.value.case === 'dimParam'
        ? dim.value.value
        : null,
  )
}
