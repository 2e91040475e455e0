/**
 * Tiny ONNX models for the CLI tests, encoded here with the protobuf wire format (the CLI may use
 * only `@lrkit/onnx`'s public API, which reads models but does not build them). Only the fields of
 * onnx.proto that a small MLP needs are written; `loadOnnxModel` checks the result in the tests.
 */

/** A seeded generator of uniform numbers in [lo, hi) (mulberry32). */
export function seededUniform(seed: number): (lo: number, hi: number) => number {
  let state = seed >>> 0
  return (lo, hi) => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return lo + (hi - lo) * (((t ^ (t >>> 14)) >>> 0) / 4294967296)
  }
}

type Field = Uint8Array

function varint(value: number | bigint): number[] {
  let rest = BigInt.asUintN(64, BigInt(value))
  const bytes: number[] = []
  do {
    const low = Number(rest & 0x7fn)
    rest >>= 7n
    bytes.push(rest === 0n ? low : low | 0x80)
  } while (rest !== 0n)
  return bytes
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0))
  let offset = 0
  for (const part of parts) {
    out.set(part, offset)
    offset += part.length
  }
  return out
}

const int = (field: number, value: number | bigint): Field =>
  new Uint8Array([...varint(field << 3), ...varint(value)])
const bytes = (field: number, value: Uint8Array): Field =>
  concat([new Uint8Array([...varint((field << 3) | 2), ...varint(value.length)]), value])
const text = (field: number, value: string): Field => bytes(field, new TextEncoder().encode(value))
const message = (field: number, ...fields: Field[]): Field => bytes(field, concat(fields))

const FLOAT = 1

function valueInfo(field: number, name: string, dims: readonly (number | string)[]): Field {
  const dimensions = dims.map((dim) => message(1, typeof dim === 'number' ? int(1, dim) : text(2, dim)))
  // ValueInfoProto { name = 1, type = 2 { tensor_type = 1 { elem_type = 1, shape = 2 { dim = 1 } } } }
  return message(field, text(1, name), message(2, message(1, int(1, FLOAT), message(2, ...dimensions))))
}

function tensor(name: string, dims: readonly number[], values: Float32Array): Field {
  // TensorProto { dims = 1, data_type = 2, name = 8, raw_data = 9 } (raw data little-endian)
  const raw = new Uint8Array(values.length * 4)
  const view = new DataView(raw.buffer)
  for (const [index, value] of values.entries()) view.setFloat32(index * 4, value, true)
  return message(5, ...dims.map((dim) => int(1, dim)), int(2, FLOAT), text(8, name), bytes(9, raw))
}

function node(
  name: string,
  opType: string,
  inputs: readonly string[],
  outputs: readonly string[],
  intAttributes: Readonly<Record<string, number>> = {},
): Field {
  // NodeProto { input = 1, output = 2, name = 3, op_type = 4, attribute = 5 { name = 1, i = 3, type = 20 } }
  return message(
    1,
    ...inputs.map((input) => text(1, input)),
    ...outputs.map((output) => text(2, output)),
    text(3, name),
    text(4, opType),
    ...Object.entries(intAttributes).map(([key, value]) =>
      message(5, text(1, key), int(3, value), int(20, 2)),
    ),
  )
}

/** Options of {@link mlpModelBytes}. */
export interface MlpModelOptions {
  /** Features per row (the input is `x: [N, inputs]`). */
  readonly inputs: number
  /** Hidden units. */
  readonly hidden: number
  /** Outputs per row (`logits: [N, outputs]`). */
  readonly outputs: number
  /** Seed of the initial weights. */
  readonly seed?: number
}

/**
 * The bytes of an MLP `x → Gemm(fc1) → Relu → Gemm(fc2) → logits` (opset 17) with seeded weights:
 * parameters `fc1.weight` `[hidden, inputs]`, `fc1.bias`, `fc2.weight` `[outputs, hidden]`, `fc2.bias`.
 */
export function mlpModelBytes({ inputs, hidden, outputs, seed = 1 }: MlpModelOptions): Uint8Array {
  const random = seededUniform(seed)
  const uniform = (count: number, scale: number) =>
    Float32Array.from({ length: count }, () => random(-scale, scale))
  const graph = message(
    7,
    node('gemm_0', 'Gemm', ['x', 'fc1.weight', 'fc1.bias'], ['h'], { transB: 1 }),
    node('relu_1', 'Relu', ['h'], ['a']),
    node('gemm_2', 'Gemm', ['a', 'fc2.weight', 'fc2.bias'], ['logits'], { transB: 1 }),
    text(2, 'mlp'),
    tensor('fc1.weight', [hidden, inputs], uniform(hidden * inputs, 1 / Math.sqrt(inputs))),
    tensor('fc1.bias', [hidden], new Float32Array(hidden)),
    tensor('fc2.weight', [outputs, hidden], uniform(outputs * hidden, 1 / Math.sqrt(hidden))),
    tensor('fc2.bias', [outputs], new Float32Array(outputs)),
    valueInfo(11, 'x', ['N', inputs]),
    valueInfo(12, 'logits', ['N', outputs]),
  )
  // ModelProto { ir_version = 1, producer_name = 2, graph = 7, opset_import = 8 { domain = 1, version = 2 } }
  return concat([int(1, 8), text(2, 'lrkit-cli-test'), graph, message(8, text(1, ''), int(2, 17))])
}

/**
 * A classification task the MLP learns: 2-D points labelled by their angular sector (0, 1, 2), as
 * CSV text with the header `x1,x2,label`.
 */
export function sectorsCsv(rows: number, seed = 5): string {
  const random = seededUniform(seed)
  const lines = ['x1,x2,label']
  for (let row = 0; row < rows; row++) {
    const angle = random(0, 2 * Math.PI)
    const radius = random(0.5, 1.5)
    const label = Math.min(2, Math.floor((angle / (2 * Math.PI)) * 3))
    lines.push(`${(radius * Math.cos(angle)).toFixed(4)},${(radius * Math.sin(angle)).toFixed(4)},${label}`)
  }
  return `${lines.join('\n')}\n`
}
