import { toBinary } from '@bufbuild/protobuf'
import { InvalidArgumentError } from '@lrkit/core'
import { ModelProtoSchema } from '../generated/onnx_pb'
import type { OnnxModel } from './onnx-model'

/**
 * Encodes a model as `.onnx` bytes. A model from {@link loadOnnxModel} that was not changed is
 * written back byte for byte (fields unknown to the schema are kept).
 *
 * @param model - a model from {@link loadOnnxModel}, a training graph's model, or an exported one
 * @returns the file's contents
 */
export function saveOnnxModel(model: OnnxModel): Uint8Array {
  if (typeof model !== 'object' || model === null || typeof model.proto !== 'object') {
    throw new InvalidArgumentError({
      argument: 'model',
      value: model,
      expected: 'a model from loadOnnxModel',
    })
  }
  return toBinary(ModelProtoSchema, model.proto)
}
