import { buildTrainingGraph, createGradientSession, loadOnnxModel } from '@lrkit/onnx'
import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { mlpOnnxModel } from './mlp-onnx-model'
import { demoMlp, type MlpLayer, mlpWeights } from './mlp-weights'

const layers: MlpLayer[] = [
  { name: 'fc1', inputs: 3, outputs: 4 },
  { name: 'head', inputs: 4, outputs: 2 },
]

describe('mlpWeights', () => {
  it('draws seeded weights within ±1/√inputs and keeps the given ones', () => {
    const weights = mlpWeights(demoMlp(5), 1)
    expect([...weights.keys()]).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
      'head.weight',
      'head.bias',
    ])
    expect(weights.get('fc1.weight')!.length).toBe(128 * 784)
    expect(Math.max(...weights.get('fc1.weight')!.map(Math.abs))).toBeLessThanOrEqual(1 / Math.sqrt(784))
    expect(mlpWeights(demoMlp(5), 1)).toEqual(weights)
    const kept = new Float32Array(64).fill(0.5)
    const transferred = mlpWeights(demoMlp(5), 2, new Map([['fc2.bias', kept]]))
    expect(transferred.get('fc2.bias')).toEqual(kept)
    expect(transferred.get('fc1.bias')).not.toEqual(weights.get('fc1.bias'))
  })

  it('rejects a kept array of the wrong length', () => {
    expect(() => mlpWeights(layers, 1, new Map([['head.bias', new Float32Array(3)]]))).toThrow(
      'keep.head.bias must have 2 values (outputs), got 3',
    )
  })
})

describe('mlpOnnxModel', () => {
  it('writes a model @lrkit/onnx loads and onnxruntime runs: Gemm, ReLU, Gemm', async () => {
    const weights = mlpWeights(layers, 3)
    const model = loadOnnxModel(mlpOnnxModel(layers, weights))
    expect(model.opsetVersion).toBe(17)
    expect(model.inputs).toEqual([{ name: 'x', dataType: 'FLOAT', dims: ['batch', 3] }])
    expect(model.outputs).toEqual([{ name: 'logits', dataType: 'FLOAT', dims: ['batch', 2] }])
    expect(model.initializers.map((tensor) => [tensor.name, tensor.dims])).toEqual([
      ['fc1.weight', [4, 3]],
      ['fc1.bias', [4]],
      ['head.weight', [2, 4]],
      ['head.bias', [2]],
    ])
    const session = await createGradientSession(
      buildTrainingGraph(model, { loss: { kind: 'softmaxCrossEntropy' } }),
    )
    const x = [0.5, -1, 2]
    const { logits } = await session.predict({ x: new ort.Tensor('float32', Float32Array.from(x), [1, 3]) })
    await session.release()
    const dense = (input: number[], name: string, outputs: number) =>
      Array.from({ length: outputs }, (_, out) =>
        input.reduce(
          (sum, value, i) => sum + value * weights.get(`${name}.weight`)![out * input.length + i]!,
          weights.get(`${name}.bias`)![out]!,
        ),
      )
    const expected = dense(
      dense(x, 'fc1', 4).map((value) => Math.max(0, value)),
      'head',
      2,
    )
    const actual = [...(logits!.data as Float32Array)]
    for (const [index, value] of actual.entries()) expect(value).toBeCloseTo(expected[index]!, 5)
  })

  it('rejects weights that miss a parameter', () => {
    const weights = mlpWeights(layers, 3)
    weights.delete('head.bias')
    expect(() => mlpOnnxModel(layers, weights)).toThrow(
      'weights must have head.bias, got only fc1.weight, fc1.bias, head.weight',
    )
  })
})
