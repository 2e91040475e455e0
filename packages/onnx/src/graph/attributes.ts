import { create } from '@bufbuild/protobuf'
import {
  type AttributeProto,
  AttributeProto_AttributeType,
  AttributeProtoSchema,
  type NodeProto,
  type TensorProto,
} from '../generated/onnx_pb'

/** An attribute value for an emitted node. @internal */
export type AttributeValue =
  | { readonly int: number }
  | { readonly float: number }
  | { readonly ints: readonly number[] }
  | { readonly floats: readonly number[] }
  | { readonly string: string }
  | { readonly tensor: TensorProto }

/** Builds an AttributeProto. @internal */
export function makeAttribute(name: string, value: AttributeValue): AttributeProto {
  if ('int' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.INT,
      i: BigInt(value.int),
    })
  if ('float' in value)
    return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.FLOAT, f: value.float })
  if ('ints' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.INTS,
      ints: value.ints.map((v) => BigInt(v)),
    })
  if ('floats' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.FLOATS,
      floats: [...value.floats],
    })
  if ('string' in value)
    return create(AttributeProtoSchema, {
      name,
      type: AttributeProto_AttributeType.STRING,
      s: new TextEncoder().encode(value.string),
    })
  return create(AttributeProtoSchema, { name, type: AttributeProto_AttributeType.TENSOR, t: value.tensor })
}

function find(node: NodeProto, name: string): AttributeProto | undefined {
  return node.attribute.find((attribute) => attribute.name === name)
}

/** An INT attribute, or `fallback`. @internal */
export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const attribute = find(node, name)
  return attribute ? Number(attribute.i) : fallback
}

/** A FLOAT attribute, or `fallback`. @internal */
export function attrFloat(node: NodeProto, name: string, fallback: number): number {
  const attribute = find(node, name)
  return attribute ? attribute.f : fallback
}

/** An INTS attribute, or `undefined`. @internal */
export function attrInts(node: NodeProto, name: string): number[] | undefined {
  const attribute = find(node, name)
  return attribute ? attribute.ints.map((v) => Number(v)) : undefined
}

/** A STRING attribute, or `fallback`. @internal */
export function attrString(node: NodeProto, name: string, fallback: string): string {
  const attribute = find(node, name)
  return attribute ? new TextDecoder().decode(attribute.s) : fallback
}

/** A TENSOR attribute, or `undefined`. @internal */
export function attrTensor(node: NodeProto, name: string): TensorProto | undefined {
  return find(node, name)?.t
}
