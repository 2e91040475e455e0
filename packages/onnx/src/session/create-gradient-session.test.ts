import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildModel, randomArray, seededUniform } from '../../test/build-model'
import { buildTrainingGraph } from '../graph/build-training-graph'
import { loadOnnxModel } from '../model/load-onnx-model'
import { saveOnnxModel } from '../model/save-onnx-model'
import { createGradientSession } from './create-gradient-session'

function classifier(dataType: 'FLOAT' | 'DOUBLE' = 'FLOAT') {
  const random = seededUniform(11)
  const array = dataType === 'FLOAT' ? Float32Array : Float64Array
  return buildModel({
    inputs: [{ name: 'x', dataType, dims: [1, 3] }],
    outputs: [{ name: 'logits', dataType, dims: [1, 4] }],
    initializers: {
      w: { dims: [3, 4], values: randomArray(array, 12, random) },
      b: { dims: [4], values: randomArray(array, 4, random) },
    },
    nodes: [['Gemm', ['x', 'w', 'b'], ['logits']]],
  })
}

const x = new ort.Tensor('float32', randomArray(Float32Array, 15, seededUniform(5)), [5, 3])

describe('createGradientSession', () => {
  it('computes loss and gradients that match central differences, feeding parameters zero-copy', async () => {
    const session = await createGradientSession(
      buildTrainingGraph(classifier(), { loss: { kind: 'softmaxCrossEntropy' } }),
    )
    const labels = [0, 1, 2, 3, 1]
    const { loss, gradients } = await session.computeGradients({ inputs: { x }, labels })
    expect(loss).toBeGreaterThan(0)
    expect([...gradients.keys()]).toEqual(['w', 'b'])
    // Perturb the session's own arrays in place: the next run must see the change.
    const w = session.parameters.get('w')!
    const eps = 1e-2
    for (const i of [0, 5, 11]) {
      const original = w[i]!
      w[i] = original + eps
      const plus = (await session.computeGradients({ inputs: { x }, labels })).loss
      w[i] = original - eps
      const minus = (await session.computeGradients({ inputs: { x }, labels })).loss
      w[i] = original
      const numeric = (plus - minus) / (2 * eps)
      expect(Math.abs(gradients.get('w')![i]! - numeric)).toBeLessThan(1e-3 + 1e-2 * Math.abs(numeric))
    }
    await session.release()
  })

  it('predicts with the eval graph and exports a model that reloads and predicts the same', async () => {
    const session = await createGradientSession(buildTrainingGraph(classifier(), { loss: { kind: 'mse' } }))
    session.parameters.get('w')!.fill(0.25)
    session.parameters.get('b')!.set([1, 2, 3, 4])
    // The export keeps the source's own input shape ([1, 3]); the eval graph takes any batch.
    const row = new ort.Tensor('float32', (x.data as Float32Array).slice(3, 6), [1, 3])
    const predicted = (await session.predict({ x: row })).logits!
    expect(Array.from(predicted.data as Float32Array)).toEqual(
      [
        ...[0, 1, 2, 3].map((j) =>
          Math.fround(
            0.25 *
              ((x.data as Float32Array)[3]! + (x.data as Float32Array)[4]! + (x.data as Float32Array)[5]!) +
              j +
              1,
          ),
        ),
      ].map((v) => expect.closeTo(v, 5)),
    )
    const exported = saveOnnxModel(session.exportModel())
    const plain = await ort.InferenceSession.create(exported, { logSeverityLevel: 3 })
    const reloaded = (await plain.run({ x: row })).logits!
    // Same values up to float32 rounding (ORT prepacks initializer weights, not input ones).
    const expected = Array.from(predicted.data as Float32Array, (v) => expect.closeTo(v, 6))
    expect(Array.from(reloaded.data as Float32Array)).toEqual(expected)
    expect(loadOnnxModel(exported).initializers.map((tensor) => tensor.name)).toEqual(['w', 'b'])
    // The untouched source is unchanged.
    expect(saveOnnxModel(session.graph.source)).toEqual(saveOnnxModel(classifier()))
    await plain.release()
    await session.release()
  })

  it('accepts float targets as a Float32Array shaped like the output', async () => {
    const session = await createGradientSession(buildTrainingGraph(classifier(), { loss: { kind: 'mse' } }))
    const targets = new Float32Array(20).fill(0.5)
    const fromArray = await session.computeGradients({ inputs: { x }, labels: targets })
    const fromTensor = await session.computeGradients({
      inputs: { x },
      labels: new ort.Tensor('float32', targets, [5, 4]),
    })
    expect(fromArray.loss).toBe(fromTensor.loss)
    await expect(session.computeGradients({ inputs: { x }, labels: new Float32Array(7) })).rejects.toThrow(
      "batch.labels: pass an ort.Tensor; the output's shape is not known statically or does not hold 7 values for a batch of 5",
    )
    await session.release()
  })

  it('rejects missing inputs and labels, bad parameter arrays, float64 graphs and use after release', async () => {
    const graph = buildTrainingGraph(classifier(), { loss: { kind: 'softmaxCrossEntropy' } })
    const session = await createGradientSession(graph)
    await expect(session.computeGradients({ inputs: {}, labels: [0] })).rejects.toThrow(
      'batch.inputs needs an ort.Tensor for "x"',
    )
    await expect(session.computeGradients({ inputs: { x } })).rejects.toThrow(
      'batch.labels must be labels for this loss, got undefined',
    )
    expect(() => session.useParameters({ w: new Float32Array(12), b: new Float32Array(3) })).toThrow(
      'parameters["b"] must be a Float32Array of length 4, got "a Float32Array of length 3"',
    )
    await session.release()
    await expect(session.predict({ x })).rejects.toThrow('the gradient session was released')
    await expect(
      createGradientSession(buildTrainingGraph(classifier('DOUBLE'), { loss: { kind: 'mse' } })),
    ).rejects.toThrow('createGradientSession trains FLOAT parameters; "w" is DOUBLE')
  })
})
