import * as ort from 'onnxruntime-node'
import { describe, expect, it } from 'vitest'
import {
  buildModel,
  randomArray,
  seededUniform,
  type TestDataType,
  type TestNode,
} from '../../test/build-model'
import {
  checkGradients,
  DOUBLE_CHECK,
  FLOAT_CHECK,
  type GradientCheckOptions,
} from '../../test/gradient-check'
import { makeTensor } from '../internal/tensor-data'
import type { LossSpec, TrainableSelector } from './build-training-graph'

interface OpCase {
  /** Test title. */
  title: string
  /** Data inputs: name → dims (dim 0 is the batch). */
  inputs: Record<string, number[]>
  /** Parameters: name → dims. */
  params: Record<string, number[]>
  /** Frozen float scalars (rank 0, so never selected as parameters): name → value. */
  scalars?: Record<string, number>
  /** Which parameters train (default all). */
  trainable?: TrainableSelector
  /** Int64 constants: name → values (1-D). */
  ints?: Record<string, number[]>
  nodes: TestNode[]
  output?: string
  /** Loss; default MSE against random targets. */
  loss?: LossSpec
  /** float32 with float tolerances (ops without double kernels in ORT). */
  float?: boolean
  opset?: number
  /** Parameter values range; default [-1, 1). */
  range?: [number, number]
  /** Input values range; default [-1, 1). */
  inputRange?: [number, number]
  check?: Partial<GradientCheckOptions>
  /** Shape of the output, for the MSE targets. */
  outputDims: number[]
}

async function runCase(op: OpCase): Promise<void> {
  const random = seededUniform(op.title.length * 7919 + 13)
  const dataType: TestDataType = op.float ? 'FLOAT' : 'DOUBLE'
  const array = op.float ? Float32Array : Float64Array
  const ortType = op.float ? 'float32' : 'float64'
  const [lo, hi] = op.range ?? [-1, 1]
  const initializers: Record<
    string,
    { dims: number[]; values: Float32Array | Float64Array | BigInt64Array }
  > = {}
  for (const [name, dims] of Object.entries(op.params)) {
    initializers[name] = {
      dims,
      values: randomArray(
        array,
        dims.reduce((a, b) => a * b, 1),
        random,
        lo,
        hi,
      ),
    }
  }
  for (const [name, value] of Object.entries(op.scalars ?? {})) {
    initializers[name] = { dims: [], values: array.of(value) }
  }
  for (const [name, values] of Object.entries(op.ints ?? {})) {
    initializers[name] = { dims: [values.length], values: BigInt64Array.from(values, BigInt) }
  }
  const output = op.output ?? 'y'
  const model = buildModel({
    opset: op.opset ?? 18,
    inputs: Object.entries(op.inputs).map(([name, dims]) => ({
      name,
      dataType,
      dims: dims.map((dim, i) => (i === 0 ? 'N' : dim)),
    })),
    outputs: [{ name: output, dataType }],
    initializers,
    nodes: op.nodes,
  })
  const [inLo, inHi] = op.inputRange ?? [-1, 1]
  const feeds: Record<string, ort.Tensor> = {}
  for (const [name, dims] of Object.entries(op.inputs)) {
    feeds[name] = new ort.Tensor(
      ortType,
      randomArray(
        array,
        dims.reduce((a, b) => a * b, 1),
        random,
        inLo,
        inHi,
      ),
      dims,
    )
  }
  const loss = op.loss ?? { kind: 'mse' }
  if (loss.kind === 'mse' || loss.kind === 'binaryCrossEntropyWithLogits') {
    const count = op.outputDims.reduce((a, b) => a * b, 1)
    feeds.labels = new ort.Tensor(ortType, randomArray(array, count, random, 0, 1), op.outputDims)
  }
  if (loss.kind === 'softmaxCrossEntropy') {
    const [rows, classes] = op.outputDims as [number, number]
    feeds.labels = new ort.Tensor(
      'int64',
      BigInt64Array.from({ length: rows }, (_, i) => BigInt((i * 7 + 3) % classes)),
      [rows],
    )
  }
  const base = op.float ? FLOAT_CHECK : DOUBLE_CHECK
  const { gradients } = await checkGradients(
    model,
    { loss, ...(op.trainable ? { trainable: op.trainable } : {}) },
    feeds,
    { ...base, ...op.check },
  )
  // A check that cannot fail on all-zero gradients is no check: some entry must be non-zero.
  const largest = Math.max(...[...gradients.values()].flatMap((g) => [...g].map(Math.abs)))
  expect(largest).toBeGreaterThan(1e-6)
}

const cases: OpCase[] = [
  {
    title: 'Gemm (transB, bias broadcast over the batch)',
    inputs: { x: [3, 4] },
    params: { w: [5, 4], b: [5] },
    nodes: [['Gemm', ['x', 'w', 'b'], ['y'], { transB: { int: 1 } }]],
    outputDims: [3, 5],
  },
  {
    title: 'Gemm (transA, alpha, beta, row bias)',
    inputs: { x: [3, 2] },
    params: { a: [4, 2], w: [4, 5], b: [1, 5] },
    nodes: [
      ['Add', ['x', 'x'], ['x2']],
      ['Gemm', ['a', 'w', 'b'], ['g'], { transA: { int: 1 }, alpha: { float: 0.7 }, beta: { float: 1.3 } }],
      ['MatMul', ['x2', 'g'], ['y0']],
      ['ReduceSum', ['y0'], ['y'], { keepdims: { int: 0 } }],
    ],
    outputDims: [],
  },
  {
    title: 'Gemm (transA and transB, both operands trained)',
    inputs: { x: [2, 2] },
    params: { a: [3, 2], w: [4, 3] },
    nodes: [
      ['Gemm', ['a', 'w'], ['g'], { transA: { int: 1 }, transB: { int: 1 } }],
      ['MatMul', ['x', 'g'], ['y']],
    ],
    outputDims: [2, 4],
  },
  {
    title: 'MatMul with a 3-D activation and a 2-D weight',
    inputs: { x: [2, 3, 4] },
    params: { w: [4, 5] },
    nodes: [['MatMul', ['x', 'w'], ['y']]],
    outputDims: [2, 3, 5],
  },
  {
    title: 'MatMul of two parameters with batch broadcasting',
    inputs: { x: [2, 3, 4] },
    params: { a: [1, 3, 4], b: [4, 2] },
    nodes: [
      ['Mul', ['x', 'a'], ['h']],
      ['MatMul', ['h', 'b'], ['y']],
    ],
    outputDims: [2, 3, 2],
  },
  {
    title: 'MatMul with a trained 3-D left operand against a batched right operand',
    inputs: { x: [2, 4, 5] },
    params: { a: [3, 4] },
    nodes: [['MatMul', ['a', 'x'], ['y']]],
    outputDims: [2, 3, 5],
  },
  {
    title: 'Add / Sub / Mul / Div with broadcasting in both directions',
    inputs: { x: [2, 3, 4] },
    params: { p: [3, 1], q: [4], r: [1, 3, 4] },
    range: [0.5, 1.5],
    nodes: [
      ['Add', ['x', 'p'], ['a']],
      ['Sub', ['q', 'a'], ['b']],
      ['Mul', ['b', 'r'], ['c']],
      ['Div', ['c', 'q'], ['d']],
      ['Div', ['r', 'd'], ['y']],
    ],
    inputRange: [2, 3],
    outputDims: [2, 3, 4],
  },
  {
    title: 'Relu (away from the kink)',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Relu', ['h'], ['y']],
    ],
    outputDims: [3, 4],
  },
  {
    title: 'Sigmoid and Tanh',
    inputs: { x: [3, 4] },
    params: { w: [4], v: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Sigmoid', ['h'], ['s']],
      ['Tanh', ['s'], ['t']],
      ['Mul', ['t', 'v'], ['y']],
    ],
    outputDims: [3, 4],
  },
  {
    title: 'Softmax over the last axis',
    inputs: { x: [2, 3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Softmax', ['h'], ['y'], { axis: { int: -1 } }],
    ],
    outputDims: [2, 3, 4],
  },
  {
    title: 'Softmax and LogSoftmax over axis 1',
    inputs: { x: [2, 3, 4] },
    params: { w: [3, 1] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Softmax', ['h'], ['s'], { axis: { int: 1 } }],
      ['LogSoftmax', ['h'], ['l'], { axis: { int: 1 } }],
      ['Add', ['s', 'l'], ['y']],
    ],
    outputDims: [2, 3, 4],
  },
  {
    title: 'Reshape, Flatten and Identity',
    inputs: { x: [2, 3, 4] },
    params: { w: [12] },
    ints: { shape: [0, 12], shape3: [0, 3, 4] },
    nodes: [
      ['Reshape', ['x', 'shape'], ['r']],
      ['Mul', ['r', 'w'], ['m']],
      ['Reshape', ['m', 'shape3'], ['m3']],
      ['Flatten', ['m3'], ['f'], { axis: { int: 1 } }],
      ['Identity', ['f'], ['y']],
    ],
    outputDims: [2, 12],
  },
  {
    title: 'Constant nodes take part without gradients',
    inputs: { x: [2, 3] },
    params: { w: [3] },
    nodes: [
      ['Constant', [], ['c'], { value: { tensor: makeTensor('c', [], Float64Array.of(2.5)) } }],
      ['Mul', ['x', 'w'], ['h']],
      ['Mul', ['h', 'c'], ['y']],
    ],
    outputDims: [2, 3],
  },
  {
    title: 'softmax cross-entropy with integer labels',
    inputs: { x: [4, 3] },
    params: { w: [3, 5], b: [5] },
    nodes: [['Gemm', ['x', 'w', 'b'], ['y']]],
    loss: { kind: 'softmaxCrossEntropy' },
    outputDims: [4, 5],
  },
  {
    title: 'softmax cross-entropy with label smoothing',
    inputs: { x: [4, 3] },
    params: { w: [3, 5] },
    nodes: [['MatMul', ['x', 'w'], ['y']]],
    loss: { kind: 'softmaxCrossEntropy', labelSmoothing: 0.1 },
    outputDims: [4, 5],
  },
  {
    title: 'binary cross-entropy with logits',
    inputs: { x: [4, 3] },
    params: { w: [3, 2] },
    nodes: [['MatMul', ['x', 'w'], ['y']]],
    loss: { kind: 'binaryCrossEntropyWithLogits' },
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [4, 2],
  },
  {
    title: 'an output that already is the loss',
    inputs: { x: [4, 3] },
    params: { w: [3] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Mul', ['h', 'h'], ['s']],
      ['ReduceMean', ['s'], ['y'], { keepdims: { int: 0 } }],
    ],
    loss: { kind: 'output' },
    outputDims: [],
  },
]

const extendedCases: OpCase[] = [
  {
    title: 'LeakyRelu',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['LeakyRelu', ['h'], ['y'], { alpha: { float: 0.2 } }],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [3, 4],
  },
  {
    title: 'Max and Min of two broadcast operands',
    inputs: { x: [3, 4] },
    params: { p: [4], q: [3, 1] },
    nodes: [
      ['Max', ['x', 'p'], ['a']],
      ['Min', ['a', 'q'], ['y']],
    ],
    outputDims: [3, 4],
  },
  {
    title: 'Where, Pow, Sqrt, Exp, Log, Abs, Neg, Reciprocal',
    inputs: { x: [3, 4] },
    params: { p: [4], q: [3, 4], e: [1] },
    range: [0.5, 1.5],
    inputRange: [0.5, 1.5],
    ints: {},
    nodes: [
      ['Greater', ['x', 'q'], ['mask']],
      ['Where', ['mask', 'p', 'q'], ['w']],
      ['Pow', ['w', 'e'], ['pw']],
      ['Sqrt', ['pw'], ['sq']],
      ['Exp', ['sq'], ['ex']],
      ['Log', ['ex'], ['lg']],
      ['Neg', ['lg'], ['ng']],
      ['Abs', ['ng'], ['ab']],
      ['Reciprocal', ['ab'], ['y']],
    ],
    outputDims: [3, 4],
  },
  {
    title: 'Erf (float32)',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Erf', ['h'], ['y']],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [3, 4],
  },
  {
    title: 'Gelu, erf form (opset 20, float32)',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Gelu', ['h'], ['y']],
    ],
    opset: 20,
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [3, 4],
  },
  {
    title: 'Gelu, tanh form (opset 20, float32)',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Gelu', ['h'], ['y'], { approximate: { string: 'tanh' } }],
    ],
    opset: 20,
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [3, 4],
  },
  {
    title: 'Softplus, HardSigmoid and Clip (float32)',
    inputs: { x: [3, 4] },
    params: { w: [4] },
    scalars: { cmin: 0.6, cmax: 1.4 },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['Softplus', ['h'], ['s']],
      ['HardSigmoid', ['h'], ['hs'], { alpha: { float: 0.5 } }],
      ['Add', ['s', 'hs'], ['a']],
      ['Clip', ['a', 'cmin', 'cmax'], ['y']],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [3, 4],
  },
  {
    title: 'ReduceSum and ReduceMean with and without keepdims',
    inputs: { x: [2, 3, 4] },
    params: { w: [3, 4] },
    ints: { axes: [-1] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['ReduceSum', ['h', 'axes'], ['s'], { keepdims: { int: 0 } }],
      ['ReduceMean', ['h', 'axes'], ['m'], { keepdims: { int: 1 } }],
      ['ReduceMean', ['h'], ['all'], { keepdims: { int: 0 } }],
      ['Unsqueeze', ['s', 'axes'], ['s3']],
      ['Mul', ['s3', 'm'], ['sm']],
      ['Add', ['sm', 'all'], ['y']],
    ],
    outputDims: [2, 3, 1],
  },
  {
    title: 'Transpose, Concat, Split, Squeeze, Unsqueeze, Expand, Cast, Dropout',
    inputs: { x: [2, 3] },
    params: { p: [3, 2], q: [1, 3] },
    ints: { zero: [0], split: [1, 1], shape: [2, 3] },
    nodes: [
      ['Transpose', ['p'], ['pt'], { perm: { ints: [1, 0] } }],
      ['Concat', ['x', 'pt', 'q'], ['c'], { axis: { int: 0 } }],
      ['Split', ['pt', 'split'], ['s1', 's2'], { axis: { int: 0 } }],
      ['Squeeze', ['s1', 'zero'], ['sq']],
      ['Unsqueeze', ['sq', 'zero'], ['us']],
      ['Expand', ['us', 'shape'], ['ex']],
      ['Cast', ['ex'], ['ca'], { to: { int: 11 } }],
      ['Dropout', ['ca'], ['dr'], { seed: { int: 1 } }],
      ['Mul', ['dr', 'x'], ['m']],
      ['ReduceSum', ['c', 'zero'], ['cs'], { keepdims: { int: 1 } }],
      ['Add', ['m', 'cs'], ['y']],
    ],
    outputDims: [2, 3],
  },
  {
    title: 'LayerNormalization over the last axis (opset 17)',
    inputs: { x: [2, 3, 4] },
    params: { w: [4], scale: [4], bias: [4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['LayerNormalization', ['h', 'scale', 'bias'], ['y'], { axis: { int: -1 }, epsilon: { float: 1e-5 } }],
    ],
    opset: 17,
    outputDims: [2, 3, 4],
  },
  {
    title: 'LayerNormalization over the last two axes',
    inputs: { x: [2, 3, 4] },
    params: { w: [4], scale: [3, 4], bias: [3, 4] },
    nodes: [
      ['Mul', ['x', 'w'], ['h']],
      ['LayerNormalization', ['h', 'scale', 'bias'], ['y'], { axis: { int: 1 } }],
    ],
    outputDims: [2, 3, 4],
  },
  {
    title: 'BatchNormalization with frozen statistics',
    inputs: { x: [2, 3, 2, 2] },
    params: { scale: [3], bias: [3], mean: [3], var: [3] },
    range: [0.5, 1.5],
    trainable: ['scale', 'bias'],
    nodes: [['BatchNormalization', ['x', 'scale', 'bias', 'mean', 'var'], ['y']]],
    outputDims: [2, 3, 2, 2],
  },
  {
    title: 'Conv 3×3, stride 2, pad 1, with bias (float32)',
    inputs: { x: [2, 2, 6, 5] },
    params: { w: [3, 2, 3, 3], b: [3] },
    nodes: [
      [
        'Conv',
        ['x', 'w', 'b'],
        ['y'],
        { strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] }, kernel_shape: { ints: [3, 3] } },
      ],
    ],
    float: true,
    check: { eps: 1e-2, rtol: 2e-2, atol: 2e-3 },
    outputDims: [2, 3, 3, 3],
  },
  {
    title: 'Conv with dilation, the input gradient flowing into a trained scale (float32)',
    inputs: { x: [1, 2, 7, 7] },
    params: { s: [2, 1, 1], w: [2, 2, 2, 2] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['Conv', ['h', 'w'], ['y'], { dilations: { ints: [2, 2] } }],
    ],
    float: true,
    check: { eps: 1e-2, rtol: 2e-2, atol: 2e-3 },
    outputDims: [1, 2, 5, 5],
  },
  {
    title: 'MaxPool 2×2 stride 2 and GlobalAveragePool (float32)',
    inputs: { x: [2, 2, 4, 4] },
    params: { s: [2, 1, 1] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['MaxPool', ['h'], ['p'], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }],
      ['GlobalAveragePool', ['h'], ['g']],
      ['Add', ['p', 'g'], ['y']],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [2, 2, 2, 2],
  },
  {
    title: 'Gather embeddings with repeated and negative ids',
    inputs: { x: [3, 4] },
    params: { table: [5, 4] },
    ints: { ids: [0, 3, 3, -1], zero: [0] },
    nodes: [
      ['Gather', ['table', 'ids'], ['e'], { axis: { int: 0 } }],
      ['ReduceSum', ['e', 'zero'], ['es'], { keepdims: { int: 1 } }],
      ['Mul', ['x', 'es'], ['y']],
    ],
    outputDims: [3, 4],
  },
]

const floatCheck = { eps: 1e-2, rtol: 2e-2, atol: 2e-3 }
const convLikeCases: OpCase[] = [
  {
    title: 'opset 13: overlapping MaxPool windows and Gather (training graph raised to opset 16)',
    inputs: { x: [2, 2, 5, 5] },
    params: { s: [2, 1, 1], table: [4, 3] },
    ints: { ids: [1, 1, 3] },
    opset: 13,
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['MaxPool', ['h'], ['p'], { kernel_shape: { ints: [3, 3] }, strides: { ints: [1, 1] } }],
      ['Gather', ['table', 'ids'], ['e'], { axis: { int: 0 } }],
      ['MatMul', ['p', 'e'], ['y']],
    ],
    outputDims: [2, 2, 3, 3],
  },
  {
    title: 'Conv with 2 groups, stride 2, pad 1, bias (float32)',
    inputs: { x: [2, 4, 6, 5] },
    params: { w: [6, 2, 3, 3], b: [6] },
    nodes: [
      [
        'Conv',
        ['x', 'w', 'b'],
        ['y'],
        { group: { int: 2 }, strides: { ints: [2, 2] }, pads: { ints: [1, 1, 1, 1] } },
      ],
    ],
    float: true,
    check: floatCheck,
    outputDims: [2, 6, 3, 3],
  },
  {
    title: 'depthwise Conv (group = channels) with dilation, input gradient into a trained scale (float32)',
    inputs: { x: [2, 3, 6, 6] },
    params: { s: [3, 1, 1], w: [3, 1, 2, 2] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      [
        'Conv',
        ['h', 'w'],
        ['y'],
        { group: { int: 3 }, dilations: { ints: [2, 2] }, pads: { ints: [1, 0, 0, 1] } },
      ],
    ],
    float: true,
    check: floatCheck,
    outputDims: [2, 3, 5, 5],
  },
  {
    title: 'Conv auto_pad SAME_UPPER, stride 2, odd padding (float32)',
    inputs: { x: [2, 2, 6, 6] },
    params: { s: [2, 1, 1], w: [3, 2, 3, 3] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['Conv', ['h', 'w'], ['y'], { auto_pad: { string: 'SAME_UPPER' }, strides: { ints: [2, 2] } }],
    ],
    float: true,
    check: floatCheck,
    outputDims: [2, 3, 3, 3],
  },
  {
    title: 'Conv auto_pad SAME_LOWER with kernel_shape, stride 1 (float32)',
    inputs: { x: [1, 2, 5, 4] },
    params: { s: [2, 1, 1], w: [2, 2, 2, 3] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['Conv', ['h', 'w'], ['y'], { auto_pad: { string: 'SAME_LOWER' }, kernel_shape: { ints: [2, 3] } }],
    ],
    float: true,
    check: floatCheck,
    outputDims: [1, 2, 5, 4],
  },
  {
    title: 'AveragePool 2×2 stride 2 (float32)',
    inputs: { x: [2, 2, 4, 5] },
    params: { s: [2, 1, 1] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['AveragePool', ['h'], ['y'], { kernel_shape: { ints: [2, 2] }, strides: { ints: [2, 2] } }],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [2, 2, 2, 2],
  },
  {
    title: 'AveragePool 3×3 pads 1 without the padding in the count (float32)',
    inputs: { x: [1, 3, 4, 4] },
    params: { s: [3, 1, 1] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      ['AveragePool', ['h'], ['y'], { kernel_shape: { ints: [3, 3] }, pads: { ints: [1, 1, 1, 1] } }],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [1, 3, 4, 4],
  },
  {
    title: 'AveragePool with the padding counted, auto_pad SAME_UPPER stride 2 (float32)',
    inputs: { x: [1, 2, 5, 5] },
    params: { s: [2, 1, 1] },
    nodes: [
      ['Mul', ['x', 's'], ['h']],
      [
        'AveragePool',
        ['h'],
        ['y'],
        {
          kernel_shape: { ints: [2, 2] },
          strides: { ints: [2, 2] },
          auto_pad: { string: 'SAME_UPPER' },
          count_include_pad: { int: 1 },
        },
      ],
    ],
    float: true,
    check: { eps: 1e-3, rtol: 1e-2, atol: 1e-4 },
    outputDims: [1, 2, 3, 3],
  },
  {
    title: 'Slice with steps 2 on two axes (negative axis) and Pad',
    inputs: { x: [2, 5, 6] },
    params: { t: [2, 5, 6] },
    ints: { starts: [1, 0], ends: [5, 100], axes: [1, -1], steps: [2, 2], pads: [0, 1, 0, 0, 0, 2] },
    nodes: [
      ['Mul', ['x', 't'], ['h']],
      ['Slice', ['h', 'starts', 'ends', 'axes', 'steps'], ['s']],
      ['Pad', ['s', 'pads'], ['y']],
    ],
    outputDims: [2, 3, 5],
  },
  {
    title: 'Slice with a negative step and no axes',
    inputs: { x: [3, 4] },
    params: { t: [3, 4] },
    ints: { starts: [-1, 3], ends: [-100, 0], axes: [0, 1], steps: [-1, -2] },
    nodes: [
      ['Mul', ['x', 't'], ['h']],
      ['Slice', ['h', 'starts', 'ends', 'axes', 'steps'], ['y']],
    ],
    outputDims: [3, 2],
  },
]

describe('gradient rules against central finite differences', () => {
  for (const op of [...cases, ...extendedCases, ...convLikeCases]) {
    it(op.title, async () => {
      await runCase(op)
    })
  }
})

export { type OpCase, runCase }
