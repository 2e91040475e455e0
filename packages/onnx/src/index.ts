/**
 * @lrkit/onnx — fine-tune ONNX models in Node.js: load and save `.onnx` files, build a training
 * graph (trainable parameters as inputs, a loss, gradients in standard ONNX ops), run it with
 * onnxruntime-node.
 *
 * @packageDocumentation
 */
export type { OnnxCheckpoint } from './checkpoint/onnx-checkpoint'
export { readOnnxCheckpoint, writeOnnxCheckpoint } from './checkpoint/onnx-checkpoint'
export type {
  BinaryCrossEntropyWithLogitsLossSpec,
  BuildTrainingGraphOptions,
  LossSpec,
  MseLossSpec,
  OutputLossSpec,
  SoftmaxCrossEntropyLossSpec,
  TrainableSelection,
  TrainableSelector,
  TrainingGraph,
  TrainingParameter,
} from './graph/build-training-graph'
export { buildTrainingGraph } from './graph/build-training-graph'
export type { OnnxParameter } from './graph/list-parameters'
export { listParameters } from './graph/list-parameters'
export { promoteConstants } from './graph/promote-constants'
export { loadOnnxModel, MAX_IR_VERSION, MAX_OPSET_VERSION } from './model/load-onnx-model'
export type { OnnxModel, OnnxTensorInfo } from './model/onnx-model'
export { saveOnnxModel } from './model/save-onnx-model'
export type {
  GradientBatch,
  GradientResult,
  GradientSession,
  GradientSessionOptions,
} from './session/create-gradient-session'
export { createGradientSession } from './session/create-gradient-session'
export type { OnnxSnapshot, OnnxTrainableOptions } from './trainer/create-onnx-trainable'
export { createOnnxTrainable } from './trainer/create-onnx-trainable'
export type {
  OnnxStepTimings,
  OnnxTrainer,
  OnnxTrainerOptions,
  OnnxTrainStep,
  OnnxTrainStepOptions,
} from './trainer/create-onnx-trainer'
export { createOnnxTrainer } from './trainer/create-onnx-trainer'
export type { ParamGroupsByDepthOptions } from './trainer/param-groups-by-depth'
export { parameterShapes, paramGroupsByDepth } from './trainer/param-groups-by-depth'
