import { clone } from '@bufbuild/protobuf'
import { ModelProtoSchema, type NodeProto, TensorProto_DataType } from '../generated/onnx_pb'
import { wrapModelProto } from '../model/load-onnx-model'
import type { OnnxModel } from '../model/onnx-model'

/**
 * Turns float `Constant` nodes into initializers so they can be trained: every `Constant` of the
 * default domain whose `value` is a FLOAT or DOUBLE tensor of rank ≥ 1 is removed and its tensor
 * becomes an initializer named after the node's output (exporters such as PaddlePaddle's and some
 * TensorFlow converters store all weights this way). Rank-0 constants (epsilons, exponents) and
 * integer constants stay nodes. The model is not changed; a new one is returned.
 *
 * `buildTrainingGraph(model, { promoteConstants: true })` applies it first; apply it yourself to see
 * the promoted names in `listParameters(promoteConstants(model))`.
 *
 * @param model - a model from `loadOnnxModel`
 * @returns the model with promoted constants (the same model when there is nothing to promote)
 * @example
 * ```ts
 * const promoted = promoteConstants(model)
 * listParameters(promoted).map((parameter) => parameter.name) // now includes the Constant outputs
 * ```
 */
export function promoteConstants(model: OnnxModel): OnnxModel {
  const isPromotable = (node: NodeProto): boolean => {
    if (node.opType !== 'Constant' || (node.domain !== '' && node.domain !== 'ai.onnx')) return false
    if (node.attribute.length !== 1 || node.attribute[0]!.name !== 'value') return false
    const tensor = node.attribute[0]!.t
    return (
      tensor !== undefined &&
      (tensor.dataType === TensorProto_DataType.FLOAT || tensor.dataType === TensorProto_DataType.DOUBLE) &&
      tensor.dims.length >= 1 &&
      node.output.length === 1 &&
      node.output[0] !== ''
    )
  }
  if (!model.proto.graph!.node.some(isPromotable)) return model
  const proto = clone(ModelProtoSchema, model.proto)
  const graph = proto.graph!
  const promoted = graph.node.filter(isPromotable)
  graph.node = graph.node.filter((node) => !isPromotable(node))
  for (const node of promoted) {
    const tensor = node.attribute[0]!.t!
    tensor.name = node.output[0]!
    graph.initializer.push(tensor)
  }
  return wrapModelProto(proto)
}
