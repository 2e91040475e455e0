import { create } from '@bufbuild/protobuf'
import { InvalidArgumentError } from '@lrkit/core'
import { type NodeProto, NodeProtoSchema, type TensorProto, TensorProto_DataType } from '../generated/onnx_pb'
import { type FloatDataType, makeTensor } from '../internal/tensor-data'
import { type AttributeValue, makeAttribute } from './attributes'

/**
 * Appends nodes and constant initializers to a graph under construction, with fresh names and
 * emitters for the ops whose signature changed between opsets.
 * @internal
 */
export class GraphEmitter {
  readonly nodes: NodeProto[] = []
  readonly initializers: TensorProto[] = []
  private readonly constants = new Map<string, string>()
  private readonly shapes = new Map<string, string>()
  private counter = 0

  constructor(
    readonly opset: number,
    readonly dataType: FloatDataType,
    private readonly usedNames: Set<string>,
    private readonly prefix: string,
  ) {}

  /** A name not used anywhere in the graph. */
  fresh(base: string): string {
    let name: string
    do name = `${this.prefix}${base}_${this.counter++}`
    while (this.usedNames.has(name))
    this.usedNames.add(name)
    return name
  }

  /** Emits one node and returns its output names. */
  emit(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
    outputCount = 1,
  ): string[] {
    const outputs = Array.from({ length: outputCount }, () => this.fresh(opType))
    this.nodes.push(
      create(NodeProtoSchema, {
        name: this.fresh(`${opType}_node`),
        opType,
        input: [...inputs],
        output: outputs,
        attribute: Object.entries(attributes).map(([name, value]) => makeAttribute(name, value)),
      }),
    )
    return outputs
  }

  /** Emits one single-output node and returns its output name. */
  op(
    opType: string,
    inputs: readonly string[],
    attributes: Readonly<Record<string, AttributeValue>> = {},
  ): string {
    return this.emit(opType, inputs, attributes)[0]!
  }

  /** A scalar constant of the graph's float type. */
  scalar(value: number): string {
    return this.constant(`f:${value}`, () =>
      makeTensor(
        this.fresh('const'),
        [],
        this.dataType === TensorProto_DataType.DOUBLE ? Float64Array.of(value) : Float32Array.of(value),
      ),
    )
  }

  /** An int64 constant: a 1-D tensor, or a scalar when `scalar` is set. */
  int64(values: readonly number[], scalar = false): string {
    if (scalar && values.length !== 1) throw new Error('a scalar int64 constant needs exactly one value')
    return this.constant(`i:${scalar ? 's' : ''}${values.join(',')}`, () =>
      makeTensor(
        this.fresh('const'),
        scalar ? [] : [values.length],
        BigInt64Array.from(values, (v) => BigInt(v)),
      ),
    )
  }

  private constant(key: string, make: () => TensorProto): string {
    const existing = this.constants.get(key)
    if (existing !== undefined) return existing
    const tensor = make()
    this.initializers.push(tensor)
    this.constants.set(key, tensor.name)
    return tensor.name
  }

  /** `Shape(x)`, emitted once per tensor. */
  shape(x: string): string {
    let shape = this.shapes.get(x)
    if (shape === undefined) {
      shape = this.op('Shape', [x])
      this.shapes.set(x, shape)
    }
    return shape
  }

  /** `ReduceSum` over constant axes (all axes when `axes` is undefined). */
  reduceSum(x: string, axes: readonly number[] | undefined, keepdims: boolean): string {
    if (axes === undefined) return this.op('ReduceSum', [x], { keepdims: { int: keepdims ? 1 : 0 } })
    return this.opset >= 13
      ? this.op('ReduceSum', [x, this.int64(axes)], { keepdims: { int: keepdims ? 1 : 0 } })
      : this.op('ReduceSum', [x], { axes: { ints: axes }, keepdims: { int: keepdims ? 1 : 0 } })
  }

  /** `ReduceMean` over constant axes (all axes when `axes` is undefined). */
  reduceMean(x: string, axes: readonly number[] | undefined, keepdims: boolean): string {
    if (axes === undefined) return this.op('ReduceMean', [x], { keepdims: { int: keepdims ? 1 : 0 } })
    return this.opset >= 18
      ? this.op('ReduceMean', [x, this.int64(axes)], { keepdims: { int: keepdims ? 1 : 0 } })
      : this.op('ReduceMean', [x], { axes: { ints: axes }, keepdims: { int: keepdims ? 1 : 0 } })
  }

  /** `Unsqueeze` at constant axes. */
  unsqueeze(x: string, axes: readonly number[]): string {
    return this.opset >= 13
      ? this.op('Unsqueeze', [x, this.int64(axes)])
      : this.op('Unsqueeze', [x], { axes: { ints: axes } })
  }

  /** `Cast` to the graph's float type. */
  toFloat(x: string): string {
    return this.op('Cast', [x], { to: { int: this.dataType } })
  }

  /** Zeros of the graph's float type shaped like `x`. */
  zerosLike(x: string): string {
    const value = this.dataType === TensorProto_DataType.DOUBLE ? Float64Array.of(0) : Float32Array.of(0)
    return this.op('ConstantOfShape', [this.shape(x)], { value: { tensor: makeTensor('value', [1], value) } })
  }

  /**
   * Reduces `g` (the gradient of a broadcast result) to the shape of `x`: sums over the axes `x` was
   * broadcast along, then reshapes to `Shape(x)`. Shape-agnostic (symbolic batch dimension); needs
   * `ReduceSum` with an axes input (opset 13).
   */
  sumTo(
    g: string,
    x: string,
    rankOfG: number | undefined,
    rankOfX: number | undefined,
    dimsOfX?: readonly number[],
  ): string {
    if (this.opset < 13) {
      throw new InvalidArgumentError({
        argument: 'model.opsetVersion',
        value: this.opset,
        expected: 'at least 13 to differentiate broadcasting ops',
      })
    }
    if (rankOfX === 0) return this.reduceSum(g, undefined, false)
    if (dimsOfX !== undefined && rankOfG !== undefined && rankOfG >= dimsOfX.length) {
      // Static shape of x (a parameter or initializer): reduce the leading axes x lacks and the axes
      // where x has size 1 (summing an axis of size 1 is harmless when g did not broadcast there).
      const leading = rankOfG - dimsOfX.length
      const axes = Array.from({ length: leading }, (_, i) => i)
      const ones = dimsOfX.flatMap((dim, i) => (dim === 1 ? [leading + i] : []))
      if (ones.length === 0) return axes.length === 0 ? g : this.reduceSum(g, axes, false)
      return this.op('Reshape', [this.reduceSum(g, [...axes, ...ones], true), this.int64([...dimsOfX])])
    }
    const shapeOfX = this.shape(x)
    const shapeOfG = this.shape(g)
    let padded = shapeOfX
    if (rankOfG === undefined || rankOfX === undefined) {
      const missing = this.op('Sub', [this.op('Shape', [shapeOfG]), this.op('Shape', [shapeOfX])])
      const ones = this.op('ConstantOfShape', [missing], {
        value: { tensor: makeTensor('value', [1], BigInt64Array.of(1n)) },
      })
      padded = this.op('Concat', [ones, shapeOfX], { axis: { int: 0 } })
    } else if (rankOfG > rankOfX) {
      padded = this.op('Concat', [this.int64(new Array(rankOfG - rankOfX).fill(1)), shapeOfX], {
        axis: { int: 0 },
      })
    }
    const broadcastAxes = this.op('Not', [this.op('Equal', [padded, shapeOfG])])
    const axes = this.op('Reshape', [this.op('NonZero', [broadcastAxes]), this.int64([-1])])
    const summed = this.op('ReduceSum', [g, axes], { keepdims: { int: 1 }, noop_with_empty_axes: { int: 1 } })
    return this.op('Reshape', [summed, shapeOfX])
  }
}
