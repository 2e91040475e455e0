import { create, toBinary } from '@bufbuild/protobuf'
import {
  ModelProtoSchema,
  NodeProtoSchema,
  TensorProto_DataType,
  ValueInfoProtoSchema,
} from '../src/generated/onnx_pb'
import { type AttributeValue, makeAttribute } from '../src/graph/attributes'
import { makeTensor } from '../src/internal/tensor-data'
import { loadOnnxModel } from '../src/model/load-onnx-model'
import type { OnnxModel } from '../src/model/onnx-model'

/** A tensor type in a test model. */
export type TestDataType = 'FLOAT' | 'DOUBLE' | 'INT64' | 'BOOL'

/** A graph input or output of a test model. */
export interface TestValue {
  name: string
  dataType: TestDataType
  dims?: (number | string)[]
}

/** A node of a test model: `[opType, inputs, outputs, attributes?]`. */
export type TestNode = [string, string[], string[], Record<string, AttributeValue>?]

/** Everything a test model is built from. */
export interface TestModelSpec {
  opset?: number
  irVersion?: number
  inputs: TestValue[]
  outputs: TestValue[]
  initializers?: Record<string, { dims: number[]; values: Float32Array | Float64Array | BigInt64Array }>
  nodes: TestNode[]
  producerName?: string
}

/** Builds an ONNX model in memory and returns its bytes. */
export function buildModelBytes(spec: TestModelSpec): Uint8Array {
  const valueInfo = (value: TestValue) =>
    create(ValueInfoProtoSchema, {
      name: value.name,
      type: {
        value: {
          case: 'tensorType',
          value: {
            elemType: TensorProto_DataType[value.dataType],
            ...(value.dims
              ? {
                  shape: {
                    dim: value.dims.map((dim) => ({
                      value:
                        typeof dim === 'number'
                          ? { case: 'dimValue' as const, value: BigInt(dim) }
                          : { case: 'dimParam' as const, value: dim },
                    })),
                  },
                }
              : {}),
          },
        },
      },
    })
  const proto = create(ModelProtoSchema, {
    irVersion: BigInt(spec.irVersion ?? 8),
    producerName: spec.producerName ?? 'lrkit-test',
    opsetImport: [{ domain: '', version: BigInt(spec.opset ?? 17) }],
    graph: {
      name: 'test',
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: Object.entries(spec.initializers ?? {}).map(([name, { dims, values }]) =>
        makeTensor(name, dims, values),
      ),
      node: spec.nodes.map(([opType, input, output, attributes], i) =>
        create(NodeProtoSchema, {
          name: `${opType.toLowerCase()}_${i}`,
          opType,
          input,
          output,
          attribute: Object.entries(attributes ?? {}).map(([name, value]) => makeAttribute(name, value)),
        }),
      ),
    },
  })
  return toBinary(ModelProtoSchema, proto)
}

/** Builds an ONNX model in memory and loads it. */
export function buildModel(spec: TestModelSpec): OnnxModel {
  return loadOnnxModel(buildModelBytes(spec))
}

/** A seeded generator of uniform numbers in [lo, hi) (mulberry32). */
export function seededUniform(seed: number): (lo?: number, hi?: number) => number {
  let state = seed >>> 0
  return (lo = -1, hi = 1) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296
    return lo + (hi - lo) * unit
  }
}

/** `count` seeded uniform values as the given array type. */
export function randomArray<C extends Float32ArrayConstructor | Float64ArrayConstructor>(
  type: C,
  count: number,
  random: (lo?: number, hi?: number) => number,
  lo = -1,
  hi = 1,
): InstanceType<C> {
  const out = new type(count) as InstanceType<C>
  for (let i = 0; i < count; i++) out[i] = random(lo, hi)
  return out
}
