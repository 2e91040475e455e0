import type { ModelProto } from '../generated/onnx_pb'

/** Element type, dims and name of one graph input, output or initializer. */
export interface OnnxTensorInfo {
  /** The tensor's name in the graph. */
  readonly name: string
  /** ONNX element type name (`'FLOAT'`, `'INT64'`, …), `'UNDEFINED'` when the graph does not say. */
  readonly dataType: string
  /**
   * Dimensions: a number for a fixed size, a string for a symbolic one (`'batch'`), `null` for an
   * unknown one; `null` for the whole shape when the graph gives no shape.
   */
  readonly dims: readonly (number | string | null)[] | null
}

/**
 * A loaded ONNX model. Read it with {@link loadOnnxModel}, write it with {@link saveOnnxModel}; an
 * untouched model is written back byte for byte.
 */
export interface OnnxModel {
  /** The model's IR version (ORT 1.30 loads 3–13). */
  readonly irVersion: number
  /** The version of the default `ai.onnx` operator set the graph uses. */
  readonly opsetVersion: number
  /** Name of the tool that produced the model (`pytorch`, `tf2onnx`, …), `''` when not set. */
  readonly producerName: string
  /** The graph inputs that are not initializers (what a user feeds). */
  readonly inputs: readonly OnnxTensorInfo[]
  /** The graph outputs. */
  readonly outputs: readonly OnnxTensorInfo[]
  /** The initializers (weights), in file order. */
  readonly initializers: readonly OnnxTensorInfo[]
  /** @internal The decoded protobuf message; treat it as read-only. */
  readonly proto: ModelProto
}
