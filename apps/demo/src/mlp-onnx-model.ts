import { InvalidArgumentError } from '@lrkit/core'
import type { MlpLayer } from './mlp-weights'

/**
 * A plain `.onnx` file of an MLP, as an exporter would write it (IR 8, opset 17): input
 * `x` [batch, inputs] → `Gemm` (transB) → `Relu` → … → `Gemm` → output `logits` [batch, classes],
 * every parameter an initializer named `<layer>.weight` / `<layer>.bias`. `@lrkit/onnx` then reads
 * it with `loadOnnxModel` like any exported model. Written by hand (a few protobuf fields) because
 * `@lrkit/onnx` reads and trains models but does not build them.
 *
 * @param layers - the layers, input → head
 * @param weights - every parameter by name (`mlpWeights`), weights [outputs, inputs] row-major
 * @returns the model's bytes
 * @throws InvalidArgumentError when `weights` lacks a parameter of `layers`
 * @example
 * ```ts
 * const model = loadOnnxModel(mlpOnnxModel(demoMlp(5), mlpWeights(demoMlp(5), 1)))
 * model.initializers.map((tensor) => tensor.name) // ['fc1.weight', 'fc1.bias', …, 'head.bias']
 * ```
 */
export function mlpOnnxModel(
  layers: readonly MlpLayer[],
  weights: ReadonlyMap<string, Float32Array>,
): Uint8Array {
  const nodes: number[][] = []
  const initializers: number[][] = []
  let previous = 'x'
  layers.forEach((layer, index) => {
    for (const [name, dims] of [
      [`${layer.name}.weight`, [layer.outputs, layer.inputs]],
      [`${layer.name}.bias`, [layer.outputs]],
    ] as const) {
      const values = weights.get(name)
      if (values === undefined) {
        throw new InvalidArgumentError({
          argument: 'weights',
          value: [...weights.keys()],
          message: `weights must have ${name}, got only ${[...weights.keys()].join(', ')}`,
        })
      }
      const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength)
      initializers.push(
        message(...dims.map((dim) => field(1, dim)), field(2, FLOAT), field(8, name), field(9, bytes)),
      )
    }
    const last = index === layers.length - 1
    const output = last ? 'logits' : `${layer.name}.out`
    nodes.push(
      message(
        field(1, previous),
        field(1, `${layer.name}.weight`),
        field(1, `${layer.name}.bias`),
        field(2, output),
        field(3, `${layer.name}.gemm`),
        field(4, 'Gemm'),
        field(5, message(field(1, 'transB'), field(3, 1), field(20, ATTRIBUTE_INT))),
      ),
    )
    previous = output
    if (!last) {
      nodes.push(
        message(
          field(1, output),
          field(2, `${layer.name}.relu`),
          field(3, `${layer.name}.relu`),
          field(4, 'Relu'),
        ),
      )
      previous = `${layer.name}.relu`
    }
  })
  const graph = message(
    ...nodes.map((node) => field(1, node)),
    field(2, 'lrkit-demo-mlp'),
    ...initializers.map((tensor) => field(5, tensor)),
    field(11, valueInfo('x', ['batch', layers[0]!.inputs])),
    field(12, valueInfo('logits', ['batch', layers[layers.length - 1]!.outputs])),
  )
  return Uint8Array.from(
    message(
      field(1, 8),
      field(2, 'lrkit-demo'),
      field(7, graph),
      field(8, message(field(1, ''), field(2, 17))),
    ),
  )
}

// ---- the few protobuf fields of onnx.proto an MLP needs ----

/** TensorProto.DataType.FLOAT */
const FLOAT = 1
/** AttributeProto.AttributeType.INT */
const ATTRIBUTE_INT = 2

function varint(value: number): number[] {
  const out: number[] = []
  let rest = value
  do {
    let byte = rest % 128
    rest = Math.floor(rest / 128)
    if (rest > 0) byte += 128
    out.push(byte)
  } while (rest > 0)
  return out
}

/** One field: a varint for a number, length-delimited bytes for a string or a message. */
function field(number: number, payload: number[] | Uint8Array | string | number): number[] {
  if (typeof payload === 'number') return [...varint(number * 8), ...varint(payload)]
  const bytes = typeof payload === 'string' ? new TextEncoder().encode(payload) : payload
  const out = [...varint(number * 8 + 2), ...varint(bytes.length)]
  for (const byte of bytes) out.push(byte)
  return out
}

const message = (...fields: number[][]): number[] => fields.flat()

/** ValueInfoProto of a FLOAT tensor with the given dims (a string dim is symbolic). */
function valueInfo(name: string, dims: readonly (number | string)[]): number[] {
  const shape = message(
    ...dims.map((dim) => field(1, typeof dim === 'number' ? field(1, dim) : field(2, dim))),
  )
  return message(field(1, name), field(2, field(1, message(field(1, FLOAT), field(2, shape)))))
}
