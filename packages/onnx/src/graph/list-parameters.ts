import { TensorProto_DataType } from '../generated/onnx_pb'
import { tensorDims } from '../internal/tensor-data'
import { dataTypeName } from '../model/load-onnx-model'
import type { OnnxModel } from '../model/onnx-model'

/** A float initializer that can be trained. */
export interface OnnxParameter {
  /** The initializer's name. */
  readonly name: string
  /** Its dimensions. */
  readonly dims: readonly number[]
  /** `'FLOAT'` or `'DOUBLE'`. */
  readonly dataType: 'FLOAT' | 'DOUBLE'
  /**
   * 0-based layer depth from the input: parameters consumed first by the same node share a depth,
   * and depths follow the graph's (topological) node order. Unused initializers get depth −1.
   */
  readonly depth: number
}

/**
 * The model's trainable candidates: FLOAT and DOUBLE initializers of rank ≥ 1 (rank-0 scalars such as
 * `epsilon` or a `Pow` exponent are constants, not parameters), with their layer depth.
 *
 * @param model - a model from `loadOnnxModel`
 * @returns the parameters in initializer order
 */
export function listParameters(model: OnnxModel): OnnxParameter[] {
  const graph = model.proto.graph!
  const candidates = graph.initializer.filter(
    (tensor) =>
      (tensor.dataType === TensorProto_DataType.FLOAT || tensor.dataType === TensorProto_DataType.DOUBLE) &&
      tensor.dims.length >= 1,
  )
  const names = new Set(candidates.map((tensor) => tensor.name))
  const depthOf = new Map<string, number>()
  let depth = 0
  for (const node of graph.node) {
    let newLayer = false
    for (const input of node.input) {
      if (names.has(input) && !depthOf.has(input)) {
        depthOf.set(input, depth)
        newLayer = true
      }
    }
    if (newLayer) depth++
  }
  return candidates.map((tensor) => ({
    name: tensor.name,
    dims: tensorDims(tensor),
    dataType: dataTypeName(tensor.dataType) as 'FLOAT' | 'DOUBLE',
    depth: depthOf.get(tensor.name) ?? -1,
  }))
}
