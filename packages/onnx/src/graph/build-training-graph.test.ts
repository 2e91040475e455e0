import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import { buildModel, randomArray, seededUniform } from '../../test/build-model'
import { checkGradients, DOUBLE_CHECK } from '../../test/gradient-check'
import { saveOnnxModel } from '../model/save-onnx-model'
import { buildTrainingGraph } from './build-training-graph'
import { listParameters } from './list-parameters'

/** x[N,4] → Gemm(w1,b1) → Relu → Gemm(w2,b2) → Tanh → MatMul(w3) + b3 → logits[N,3]. */
function mlp(dataType: 'FLOAT' | 'DOUBLE' = 'DOUBLE') {
  const random = seededUniform(42)
  const array = dataType === 'DOUBLE' ? Float64Array : Float32Array
  const tensor = (dims: number[]) => ({
    dims,
    values: randomArray(
      array,
      dims.reduce((a, b) => a * b, 1),
      random,
      -0.8,
      0.8,
    ),
  })
  return buildModel({
    inputs: [{ name: 'x', dataType, dims: [1, 4] }],
    outputs: [{ name: 'logits', dataType, dims: [1, 3] }],
    initializers: {
      'fc1.weight': tensor([6, 4]),
      'fc1.bias': tensor([6]),
      'fc2.weight': tensor([5, 6]),
      'fc2.bias': tensor([5]),
      'head.weight': tensor([5, 3]),
      'head.bias': tensor([3]),
    },
    nodes: [
      ['Gemm', ['x', 'fc1.weight', 'fc1.bias'], ['h1'], { transB: { int: 1 } }],
      ['Relu', ['h1'], ['a1']],
      ['Gemm', ['a1', 'fc2.weight', 'fc2.bias'], ['h2'], { transB: { int: 1 } }],
      ['Tanh', ['h2'], ['a2']],
      ['MatMul', ['a2', 'head.weight'], ['h3']],
      ['Add', ['h3', 'head.bias'], ['logits']],
    ],
  })
}

function batch(rows: number, dataType: 'float32' | 'float64' = 'float64') {
  const random = seededUniform(7)
  const array = dataType === 'float64' ? Float64Array : Float32Array
  return {
    x: new ort.Tensor(dataType, randomArray(array, rows * 4, random), [rows, 4]),
    labels: new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: rows }, (_, i) => BigInt(i % 3)),
      [rows],
    ),
  }
}

describe('buildTrainingGraph', () => {
  it('whole-MLP gradients match central differences, with a batch size the export did not fix', async () => {
    const { graph } = await checkGradients(
      mlp(),
      { loss: { kind: 'softmaxCrossEntropy' } },
      batch(5),
      DOUBLE_CHECK,
    )
    expect(graph.parameters.map((parameter) => parameter.name)).toEqual([
      'fc1.weight',
      'fc1.bias',
      'fc2.weight',
      'fc2.bias',
      'head.weight',
      'head.bias',
    ])
    expect(graph.model.inputs.find((input) => input.name === 'x')?.dims).toEqual(['batch', 4])
  })

  it('trainable parameters become graph inputs; frozen ones stay initializers', () => {
    const graph = buildTrainingGraph(mlp(), {
      loss: { kind: 'softmaxCrossEntropy' },
      trainable: { prefixes: ['head.'] },
    })
    expect(graph.parameters.map((parameter) => parameter.name)).toEqual(['head.weight', 'head.bias'])
    expect(graph.frozen).toEqual(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'])
    expect(graph.model.inputs.map((input) => input.name)).toEqual(['x', 'head.weight', 'head.bias', 'labels'])
    const initializers = graph.model.initializers.map((tensor) => tensor.name)
    expect(initializers).toEqual(expect.arrayContaining(['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias']))
    expect(initializers).not.toContain('head.weight')
    expect(graph.model.outputs.map((output) => output.name)).toEqual([
      'loss',
      'head.weight.grad',
      'head.bias.grad',
    ])
    expect(graph.evalModel.inputs.map((input) => input.name)).toEqual(['x', 'head.weight', 'head.bias'])
    expect(graph.evalModel.outputs.map((output) => output.name)).toEqual(['logits'])
  })

  it('emits no backward work into a frozen prefix', () => {
    const headOnly = buildTrainingGraph(mlp(), {
      loss: { kind: 'softmaxCrossEntropy' },
      trainable: ['head.weight', 'head.bias'],
    })
    const all = buildTrainingGraph(mlp(), { loss: { kind: 'softmaxCrossEntropy' } })
    const backwardOps = (graph: typeof all) =>
      graph.model.proto.graph!.node.slice(-graph.backwardNodeCount).map((node) => node.opType)
    const count = (ops: string[], op: string) => ops.filter((name) => name === op).length
    // Head only: one Gemm for head.weight (the MatMul weight rule), nothing through Tanh or Relu.
    expect(count(backwardOps(headOnly), 'Gemm')).toBe(1)
    expect(backwardOps(headOnly)).not.toContain('Where')
    // All: head.weight 1, fc2 weight and input 2, fc1 weight 1 (no gradient for the data input x).
    expect(count(backwardOps(all), 'Gemm')).toBe(4)
    expect(backwardOps(all)).toContain('Where')
    expect(headOnly.backwardNodeCount).toBeLessThan(all.backwardNodeCount)
  })

  it('gradients of a head-only graph match central differences', async () => {
    await checkGradients(
      mlp(),
      { loss: { kind: 'softmaxCrossEntropy' }, trainable: /^head\./ },
      batch(3),
      DOUBLE_CHECK,
    )
  })

  it('selects by depth, regex, function and name', () => {
    const model = mlp()
    expect(listParameters(model).map((parameter) => [parameter.name, parameter.depth])).toEqual([
      ['fc1.weight', 0],
      ['fc1.bias', 0],
      ['fc2.weight', 1],
      ['fc2.bias', 1],
      ['head.weight', 2],
      ['head.bias', 3],
    ])
    const names = (trainable: Parameters<typeof buildTrainingGraph>[1]['trainable']) =>
      buildTrainingGraph(model, {
        loss: { kind: 'softmaxCrossEntropy' },
        ...(trainable ? { trainable } : {}),
      }).parameters.map((parameter) => parameter.name)
    expect(names({ minDepth: 1 })).toEqual(['fc2.weight', 'fc2.bias', 'head.weight', 'head.bias'])
    expect(names({ pattern: /bias$/, minDepth: 1 })).toEqual(['fc2.bias', 'head.bias'])
    expect(names({ names: ['fc1.weight'], prefixes: ['head.'] })).toEqual([
      'fc1.weight',
      'head.weight',
      'head.bias',
    ])
    expect(names(/weight/)).toEqual(['fc1.weight', 'fc2.weight', 'head.weight'])
    expect(names((parameter) => parameter.dims.length === 1)).toEqual(['fc1.bias', 'fc2.bias', 'head.bias'])
    expect(names('all')).toHaveLength(6)
  })

  it('rejects unknown names, empty selections and bad depths', () => {
    const model = mlp()
    const loss = { kind: 'softmaxCrossEntropy' } as const
    expect(() => buildTrainingGraph(model, { loss, trainable: ['fc1.weight', 'fc9.weight'] })).toThrow(
      'options.trainable names "fc9.weight", which is not a parameter of the model (parameters: "fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "head.weight", "head.bias")',
    )
    expect(() => buildTrainingGraph(model, { loss, trainable: { prefixes: ['encoder.'] } })).toThrow(
      'options.trainable selects no parameter; the model has 6 ("fc1.weight", "fc1.bias", "fc2.weight", "fc2.bias", "head.weight", "head.bias")',
    )
    expect(() => buildTrainingGraph(model, { loss, trainable: { minDepth: -1 } })).toThrow(
      'options.trainable.minDepth must be an integer ≥ 0, got -1',
    )
  })

  it('rejects a bad loss, an unknown output, a taken labels name and an old opset', () => {
    const model = mlp()
    expect(() => buildTrainingGraph(model, { loss: { kind: 'hinge' } as never })).toThrow(
      'options.loss.kind must be one of "softmaxCrossEntropy", "mse", "binaryCrossEntropyWithLogits", "output", got "hinge"',
    )
    expect(() => buildTrainingGraph(model, { loss: { kind: 'mse', output: 'h2' } })).toThrow(
      'options.loss.output must be one of the model outputs ("logits"), got "h2"',
    )
    expect(() => buildTrainingGraph(model, { loss: { kind: 'mse' }, labelsName: 'x' })).toThrow(
      'options.labelsName must be a name the model does not use already, got "x"',
    )
    expect(() =>
      buildTrainingGraph(model, { loss: { kind: 'softmaxCrossEntropy', labelSmoothing: 1 } }),
    ).toThrow('options.loss.labelSmoothing must be a number in [0, 1), got 1')
    const old = buildModel({
      opset: 12,
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: [1, 2] }],
      outputs: [{ name: 'y', dataType: 'FLOAT' }],
      initializers: { w: { dims: [2], values: new Float32Array(2) } },
      nodes: [['Mul', ['x', 'w'], ['y']]],
    })
    expect(() => buildTrainingGraph(old, { loss: { kind: 'mse' } })).toThrow(
      'model.opsetVersion must be at least 13 to build a training graph (re-export the model with opset 13 or later), got 12',
    )
  })

  it('reports every unsupported op between a parameter and the loss before anything runs', () => {
    const model = buildModel({
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['N', 4] }],
      outputs: [{ name: 'y', dataType: 'FLOAT' }],
      initializers: { w: { dims: [4], values: new Float32Array(4) } },
      nodes: [
        ['Cos', ['x'], ['frozen_path']],
        ['Mul', ['frozen_path', 'w'], ['h']],
        ['Sin', ['h'], ['s']],
        ['CumSum', ['s', 'axis'], ['y']],
        ['Constant', [], ['axis'], { value_int: { int: 1 } }],
      ],
    })
    expect(() => buildTrainingGraph(model, { loss: { kind: 'mse' } })).toThrow(
      /^cannot differentiate these 2 nodes between a trainable parameter and the loss: "sin_2" \(Sin\), "cumsum_3" \(CumSum\); supported ops: Abs, Add, /,
    )
  })

  it('MSE on a model whose output feeds the loss through broadcasting biases', async () => {
    const random = seededUniform(3)
    const model = buildModel({
      inputs: [{ name: 'x', dataType: 'DOUBLE', dims: ['N', 3] }],
      outputs: [{ name: 'y', dataType: 'DOUBLE', dims: ['N', 2] }],
      initializers: {
        w: { dims: [3, 2], values: randomArray(Float64Array, 6, random) },
        b: { dims: [2], values: randomArray(Float64Array, 2, random) },
      },
      nodes: [
        ['MatMul', ['x', 'w'], ['h']],
        ['Add', ['h', 'b'], ['y']],
      ],
    })
    const { loss } = await checkGradients(
      model,
      { loss: { kind: 'mse' } },
      {
        x: new ort.Tensor('float64', randomArray(Float64Array, 12, random), [4, 3]),
        labels: new ort.Tensor('float64', randomArray(Float64Array, 8, random), [4, 2]),
      },
      DOUBLE_CHECK,
    )
    expect(loss).toBeGreaterThan(0)
  })
})

describe('auto_pad SAME lowering', () => {
  it('computes what onnxruntime computes for Conv and AveragePool with SAME_UPPER / SAME_LOWER', async () => {
    const random = seededUniform(77)
    for (const [opType, autoPad, attributes] of [
      ['Conv', 'SAME_UPPER', { strides: { ints: [2, 2] } }],
      ['Conv', 'SAME_LOWER', { strides: { ints: [2, 1] } }],
      [
        'AveragePool',
        'SAME_LOWER',
        { kernel_shape: { ints: [3, 2] }, strides: { ints: [2, 2] }, count_include_pad: { int: 1 } },
      ],
    ] as const) {
      const model = buildModel({
        inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['N', 2, 7, 6] }],
        outputs: [{ name: 'y', dataType: 'FLOAT' }],
        initializers: { s: { dims: [2, 1, 1], values: randomArray(Float32Array, 2, random) } },
        nodes: [
          ['Mul', ['x', 's'], ['h']],
          opType === 'Conv'
            ? ['Conv', ['h', 'w'], ['y'], { auto_pad: { string: autoPad }, ...attributes }]
            : ['AveragePool', ['h'], ['y'], { auto_pad: { string: autoPad }, ...attributes }],
        ],
      })
      if (opType === 'Conv') {
        model.proto.graph!.initializer.push(
          ...buildModel({
            inputs: [],
            outputs: [],
            initializers: { w: { dims: [3, 2, 3, 3], values: randomArray(Float32Array, 54, random) } },
            nodes: [],
          }).proto.graph!.initializer,
        )
      }
      const graph = buildTrainingGraph(model, {
        loss: { kind: 'output', output: 'y' },
        includeModelOutputs: true,
      })
      expect(graph.model.proto.graph!.node.some((node) => node.opType === 'Pad')).toBe(true)
      const x = new ort.Tensor('float32', randomArray(Float32Array, 2 * 2 * 7 * 6, random), [2, 2, 7, 6])
      const plain = await ort.InferenceSession.create(saveOnnxModel(model), { logSeverityLevel: 3 })
      const training = await ort.InferenceSession.create(saveOnnxModel(graph.model), { logSeverityLevel: 3 })
      const feeds: Record<string, ort.Tensor> = { x }
      for (const parameter of graph.parameters) {
        feeds[parameter.name] = new ort.Tensor('float32', parameter.initialValues as Float32Array, [
          ...parameter.dims,
        ])
      }
      const expected = (await plain.run({ x })).y!
      const actual = (await training.run(feeds)).y!
      expect(actual.dims).toEqual(expected.dims)
      // Same values up to float32 summation order (the padded Conv may run another kernel).
      const want = expected.data as Float32Array
      ;(actual.data as Float32Array).forEach((value, i) => {
        expect(Math.abs(value - want[i]!)).toBeLessThan(1e-5 * (1 + Math.abs(want[i]!)))
      })
      await plain.release()
      await training.release()
    }
  })
})

describe('opset of the training graph', () => {
  it('raises opset 13–15 training graphs to 16; the eval graph and the export keep the source opset', () => {
    const model = buildModel({
      opset: 13,
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['N', 2] }],
      outputs: [{ name: 'y', dataType: 'FLOAT', dims: ['N', 3] }],
      initializers: { w: { dims: [2, 3], values: new Float32Array(6) } },
      nodes: [['MatMul', ['x', 'w'], ['y']]],
    })
    const graph = buildTrainingGraph(model, { loss: { kind: 'mse' } })
    const opsetOf = (proto: typeof model.proto) =>
      Number(proto.opsetImport.find((entry) => entry.domain === '')!.version)
    expect(opsetOf(graph.model.proto)).toBe(16)
    expect(opsetOf(graph.evalModel.proto)).toBe(13)
    expect(opsetOf(graph.source.proto)).toBe(13)
    // RoiAlign changed its default coordinate mode in opset 16: such a graph keeps opset 13.
    const withRoiAlign = buildModel({
      opset: 13,
      inputs: [
        { name: 'x', dataType: 'FLOAT', dims: [1, 1, 4, 4] },
        { name: 'rois', dataType: 'FLOAT', dims: [1, 4] },
        { name: 'index', dataType: 'INT64', dims: [1] },
      ],
      outputs: [{ name: 'y', dataType: 'FLOAT', dims: [1, 2] }],
      initializers: {
        w: { dims: [4, 2], values: new Float32Array(8) },
        shape: { dims: [2], values: BigInt64Array.of(1n, 4n) },
      },
      nodes: [
        ['RoiAlign', ['x', 'rois', 'index'], ['r'], { output_height: { int: 2 }, output_width: { int: 2 } }],
        ['Reshape', ['r', 'shape'], ['f']],
        ['Gemm', ['f', 'w'], ['y'], { transB: { int: 0 } }],
      ],
    })
    const kept = buildTrainingGraph(withRoiAlign, { loss: { kind: 'mse' }, trainable: ['w'] })
    expect(opsetOf(kept.model.proto)).toBe(13)
  })
})
