import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildModel, randomArray, seededUniform } from '../../test/build-model'
import { checkGradients, DOUBLE_CHECK } from '../../test/gradient-check'
import { makeTensor } from '../internal/tensor-data'
import { saveOnnxModel } from '../model/save-onnx-model'
import { createGradientSession } from '../session/create-gradient-session'
import { buildTrainingGraph } from './build-training-graph'
import { listParameters } from './list-parameters'
import { promoteConstants } from './promote-constants'

function constantWeights(dataType: 'FLOAT' | 'DOUBLE') {
  const random = seededUniform(3)
  const array = dataType === 'FLOAT' ? Float32Array : Float64Array
  return buildModel({
    inputs: [{ name: 'x', dataType, dims: ['N', 3] }],
    outputs: [{ name: 'y', dataType, dims: ['N', 2] }],
    nodes: [
      [
        'Constant',
        [],
        ['weight'],
        { value: { tensor: makeTensor('w', [3, 2], randomArray(array, 6, random)) } },
      ],
      ['Constant', [], ['half'], { value: { tensor: makeTensor('h', [], array.of(0.5)) } }],
      ['MatMul', ['x', 'weight'], ['z']],
      ['Mul', ['z', 'half'], ['y']],
    ],
  })
}

describe('promoteConstants', () => {
  it('turns float Constant nodes of rank ≥ 1 into initializers and leaves scalars alone', () => {
    const model = constantWeights('FLOAT')
    expect(listParameters(model)).toEqual([])
    const promoted = promoteConstants(model)
    expect(listParameters(promoted).map((parameter) => [parameter.name, parameter.dims])).toEqual([
      ['weight', [3, 2]],
    ])
    expect(promoted.proto.graph!.node.map((node) => node.opType)).toEqual(['Constant', 'MatMul', 'Mul'])
    expect(model.proto.graph!.node.length).toBe(4)
    expect(promoteConstants(promoted)).toBe(promoted)
  })

  it('trains promoted constants: gradients match central differences; the export holds the trained values', async () => {
    const x = new ort.Tensor('float64', randomArray(Float64Array, 12, seededUniform(4)), [4, 3])
    const labels = new ort.Tensor('float64', randomArray(Float64Array, 8, seededUniform(5)), [4, 2])
    expect(() => buildTrainingGraph(constantWeights('DOUBLE'), { loss: { kind: 'mse' } })).toThrow(
      'options.trainable selects no parameter; the model has 0',
    )
    const { graph } = await checkGradients(
      constantWeights('DOUBLE'),
      { loss: { kind: 'mse' }, promoteConstants: true },
      { x, labels },
      DOUBLE_CHECK,
    )
    expect(graph.parameters.map((parameter) => parameter.name)).toEqual(['weight'])
    const session = await createGradientSession(
      buildTrainingGraph(constantWeights('FLOAT'), { loss: { kind: 'mse' }, promoteConstants: true }),
    )
    session.parameters.get('weight')!.set([1, 2, 3, 4, 5, 6])
    const plain = await ort.InferenceSession.create(saveOnnxModel(session.exportModel()))
    const row = new ort.Tensor('float32', Float32Array.of(1, 1, 1), [1, 3])
    expect(Array.from((await plain.run({ x: row })).y!.data as Float32Array)).toEqual([4.5, 6])
    await plain.release()
    await session.release()
  })
})
