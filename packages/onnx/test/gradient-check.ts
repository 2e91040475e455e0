import * as ort from 'onnxruntime-node'
import { expect } from 'vitest'
import {
  type BuildTrainingGraphOptions,
  buildTrainingGraph,
  type TrainingGraph,
} from '../src/graph/build-training-graph'
import type { OnnxModel } from '../src/model/onnx-model'
import { saveOnnxModel } from '../src/model/save-onnx-model'

/** Tolerances of a finite-difference check. */
export interface GradientCheckOptions {
  /** Step of the central difference. */
  eps: number
  /** |analytic − numeric| ≤ atol + rtol·|numeric|. */
  rtol: number
  atol: number
}

/** float64 defaults (ORT runs the graph in double). */
export const DOUBLE_CHECK: GradientCheckOptions = { eps: 1e-6, rtol: 1e-5, atol: 1e-8 }
/** float32 defaults (ops without double kernels in ORT). */
export const FLOAT_CHECK: GradientCheckOptions = { eps: 1e-2, rtol: 2e-2, atol: 2e-3 }

/**
 * Builds the training graph, runs it once for the analytic gradients, and compares every element of
 * every trainable parameter's gradient with the central difference (L(p + ε) − L(p − ε)) / 2ε of the
 * loss the same graph computes, evaluated in float64 in the test. Returns the graph and the largest
 * error seen.
 */
export async function checkGradients(
  model: OnnxModel,
  options: BuildTrainingGraphOptions,
  feeds: Record<string, ort.Tensor>,
  check: GradientCheckOptions,
): Promise<{ graph: TrainingGraph; loss: number; gradients: Map<string, Float64Array> }> {
  const graph = buildTrainingGraph(model, options)
  const session = await ort.InferenceSession.create(saveOnnxModel(graph.model), { logSeverityLevel: 3 })
  try {
    const values = new Map<string, Float32Array | Float64Array>()
    const parameterFeeds: Record<string, ort.Tensor> = {}
    for (const parameter of graph.parameters) {
      const copy = parameter.initialValues.slice()
      values.set(parameter.name, copy)
      parameterFeeds[parameter.name] = new ort.Tensor(
        copy instanceof Float64Array ? 'float64' : 'float32',
        copy,
        [...parameter.dims],
      )
    }
    const allFeeds = { ...feeds, ...parameterFeeds }
    const lossAt = async () =>
      Number((await session.run(allFeeds, [graph.lossOutput]))[graph.lossOutput]!.data[0])
    const result = await session.run(allFeeds)
    const loss = Number(result[graph.lossOutput]!.data[0])
    expect(Number.isFinite(loss), 'loss is finite').toBe(true)
    const gradients = new Map<string, Float64Array>()
    for (const parameter of graph.parameters) {
      const output = result[graph.gradientOutputs.get(parameter.name)!]!
      expect(output.dims, `${parameter.name} gradient dims`).toEqual(parameter.dims)
      const analytic = Float64Array.from(output.data as Float32Array | Float64Array)
      gradients.set(parameter.name, analytic)
      const array = values.get(parameter.name)!
      for (let i = 0; i < array.length; i++) {
        const original = array[i]!
        array[i] = original + check.eps
        const plus = await lossAt()
        array[i] = original - check.eps
        const minus = await lossAt()
        array[i] = original
        const numeric = (plus - minus) / (2 * check.eps)
        const error = Math.abs(analytic[i]! - numeric)
        if (error > check.atol + check.rtol * Math.abs(numeric)) {
          expect.fail(
            `${parameter.name}[${i}]: analytic ${analytic[i]} vs numeric ${numeric} (error ${error}, loss ${loss})`,
          )
        }
      }
    }
    return { graph, loss, gradients }
  } finally {
    await session.release()
  }
}
