import { describe, expect, it } from 'vitest'
import { buildModel, buildModelBytes } from '../../test/build-model'
import { loadOnnxModel, MAX_IR_VERSION, MAX_OPSET_VERSION } from './load-onnx-model'
import { saveOnnxModel } from './save-onnx-model'

/** A minimal protobuf writer, independent of the library under test. */
class Writer {
  readonly bytes: number[] = []
  varint(value: number): this {
    let v = value
    while (v >= 0x80) {
      this.bytes.push((v & 0x7f) | 0x80)
      v = Math.floor(v / 128)
    }
    this.bytes.push(v)
    return this
  }
  tag(field: number, wireType: number): this {
    return this.varint(field * 8 + wireType)
  }
  int(field: number, value: number): this {
    return this.tag(field, 0).varint(value)
  }
  bytesField(field: number, content: ArrayLike<number>): this {
    this.tag(field, 2).varint(content.length)
    for (let i = 0; i < content.length; i++) this.bytes.push(content[i]!)
    return this
  }
  string(field: number, text: string): this {
    return this.bytesField(field, new TextEncoder().encode(text))
  }
  message(field: number, inner: Writer): this {
    return this.bytesField(field, inner.bytes)
  }
}

function tensorType(elemType: number, dims: (number | string)[]): Writer {
  const shape = new Writer()
  for (const dim of dims) {
    shape.message(1, typeof dim === 'number' ? new Writer().int(1, dim) : new Writer().string(2, dim))
  }
  return new Writer().message(1, new Writer().int(1, elemType).message(2, shape))
}

/** Y = Relu(X·W) encoded field by field in ascending field order, as protobuf's C++ writer does. */
function handEncodedModel({ irVersion = 7, opset = 13, unknownField = true } = {}): Uint8Array {
  const weights = new Float32Array([0.5, -1, 2, 0.25, -0.75, 1.5])
  const initializer = new Writer()
    .int(1, 3)
    .int(1, 2)
    .int(2, 1)
    .string(8, 'W')
    .bytesField(9, new Uint8Array(weights.buffer))
  const matmul = new Writer()
    .string(1, 'X')
    .string(1, 'W')
    .string(2, 'H')
    .string(3, 'matmul')
    .string(4, 'MatMul')
  const relu = new Writer().string(1, 'H').string(2, 'Y').string(3, 'relu').string(4, 'Relu')
  const graph = new Writer()
    .message(1, matmul)
    .message(1, relu)
    .string(2, 'hand')
    .message(5, initializer)
    .message(11, new Writer().string(1, 'X').message(2, tensorType(1, ['N', 3])))
    .message(12, new Writer().string(1, 'Y').message(2, tensorType(1, ['N', 2])))
  const model = new Writer()
    .int(1, irVersion)
    .string(2, 'hand-writer')
    .string(3, '1.0')
    .message(7, graph)
    .message(8, new Writer().string(1, '').int(2, opset))
  if (unknownField) model.string(999, 'a field this schema does not know')
  return Uint8Array.from(model.bytes)
}

describe('loadOnnxModel / saveOnnxModel', () => {
  it('round-trips a model written by another encoder byte for byte, unknown fields included', () => {
    const bytes = handEncodedModel()
    const model = loadOnnxModel(bytes)
    expect(saveOnnxModel(model)).toEqual(bytes)
  })

  it('round-trips a model built in memory byte for byte', () => {
    const bytes = buildModelBytes({
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: ['batch', 2] }],
      outputs: [{ name: 'y', dataType: 'FLOAT', dims: ['batch', 2] }],
      initializers: { b: { dims: [2], values: new Float32Array([1, 2]) } },
      nodes: [['Add', ['x', 'b'], ['y']]],
    })
    expect(saveOnnxModel(loadOnnxModel(bytes))).toEqual(bytes)
  })

  it('describes the inputs, outputs, initializers and versions', () => {
    const model = loadOnnxModel(handEncodedModel())
    expect(model.irVersion).toBe(7)
    expect(model.opsetVersion).toBe(13)
    expect(model.producerName).toBe('hand-writer')
    expect(model.inputs).toEqual([{ name: 'X', dataType: 'FLOAT', dims: ['N', 3] }])
    expect(model.outputs).toEqual([{ name: 'Y', dataType: 'FLOAT', dims: ['N', 2] }])
    expect(model.initializers).toEqual([{ name: 'W', dataType: 'FLOAT', dims: [3, 2] }])
  })

  it('accepts the newest versions onnxruntime-node 1.30 loads', () => {
    const model = loadOnnxModel(handEncodedModel({ irVersion: MAX_IR_VERSION, opset: MAX_OPSET_VERSION }))
    expect([model.irVersion, model.opsetVersion]).toEqual([13, 26])
  })

  it('rejects an IR version above 13, naming it', () => {
    expect(() => loadOnnxModel(handEncodedModel({ irVersion: 14 }))).toThrow(
      'model.irVersion must be an IR version from 3 to 13 (what onnxruntime-node 1.30 loads), got 14',
    )
  })

  it('rejects an IR version below 3', () => {
    expect(() => loadOnnxModel(handEncodedModel({ irVersion: 2 }))).toThrow(
      'model.irVersion must be an IR version from 3 to 13',
    )
  })

  it('rejects an ai.onnx opset above 26, naming it', () => {
    expect(() => loadOnnxModel(handEncodedModel({ opset: 27 }))).toThrow(
      'model.opsetVersion must be an ai.onnx opset from 1 to 26 (what onnxruntime-node 1.30 loads), got 27',
    )
  })

  it('rejects a model without the default operator set', () => {
    const bytes = buildModelBytes({
      inputs: [{ name: 'x', dataType: 'FLOAT', dims: [1] }],
      outputs: [{ name: 'y', dataType: 'FLOAT', dims: [1] }],
      nodes: [['Identity', ['x'], ['y']]],
    })
    const model = loadOnnxModel(bytes)
    model.proto.opsetImport[0]!.domain = 'com.example'
    model.proto.opsetImport[0]!.version = 1n
    expect(() => loadOnnxModel(saveOnnxModel(model))).toThrow(
      'model.opsetImport must be an import of the default ai.onnx operator set, got ["com.example:1"]',
    )
  })

  it('rejects bytes that are not a model', () => {
    expect(() => loadOnnxModel(new Uint8Array([0xff, 0xff, 0xff]))).toThrow(/^bytes is not an ONNX model/)
    expect(() => loadOnnxModel(new Uint8Array([]))).toThrow('bytes is not an ONNX model: it has no graph')
    expect(() => loadOnnxModel('model.onnx' as unknown as Uint8Array)).toThrow(
      'bytes must be a Uint8Array (or Buffer), got "model.onnx"',
    )
  })

  it('saveOnnxModel rejects what is not a model', () => {
    expect(() => saveOnnxModel({} as never)).toThrow('model must be a model from loadOnnxModel, got {}')
  })

  it('loads a model with a symbolic batch through buildModel', () => {
    const model = buildModel({
      inputs: [{ name: 'x', dataType: 'DOUBLE', dims: ['batch', 2] }],
      outputs: [{ name: 'y', dataType: 'DOUBLE' }],
      nodes: [['Relu', ['x'], ['y']]],
    })
    expect(model.outputs).toEqual([{ name: 'y', dataType: 'DOUBLE', dims: null }])
  })
})
