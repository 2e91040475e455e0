/**
 * The spec kinds and their options, read from core's published JSON Schema
 * (`@lrkit/core/schedule-spec.schema.json`): the form of the composer is generated from this
 * catalog, so a kind or an option added to core appears in the page without a change here.
 */
import type { ScheduleSpecKind } from '@lrkit/core'
import specSchema from '@lrkit/core/schedule-spec.schema.json'

/** How an option is edited and converted between form text and spec value. */
export type OptionType =
  | 'number'
  | 'integer'
  | 'boolean'
  | 'enum'
  | 'numberList'
  | 'integerList'
  | 'spec'
  | 'specList'

/** One option of a spec kind, as the JSON Schema describes it. */
export interface OptionDescriptor {
  /** The option's key in the spec. */
  readonly name: string
  /** How it is edited. */
  readonly type: OptionType
  /** Whether the schema requires it. */
  readonly required: boolean
  /** The schema's description (shown as help text). */
  readonly description: string
  /** The allowed values of an `enum` option. */
  readonly values?: readonly string[]
  /** Inclusive lower bound of a number, or of each list item. */
  readonly minimum?: number
}

/** One spec kind: its name, its description and its options in schema order. */
export interface KindDescriptor {
  /** The `kind` value. */
  readonly kind: ScheduleSpecKind
  /** The schema's description of the kind (formula and equivalents). */
  readonly description: string
  /** The options, `kind` and `version` excluded. */
  readonly options: readonly OptionDescriptor[]
  /** True for the combinators (warmup, sequence, scale, clamp), which nest specs. */
  readonly combinator: boolean
}

interface JsonSchemaProperty {
  readonly type?: string
  readonly const?: string
  readonly enum?: readonly string[]
  readonly $ref?: string
  readonly items?: JsonSchemaProperty
  readonly description?: string
  readonly minimum?: number
}

interface JsonSchemaObject {
  readonly properties: Readonly<Record<string, JsonSchemaProperty>>
  readonly required?: readonly string[]
  readonly description?: string
}

interface SpecJsonSchema {
  readonly $defs: Readonly<Record<string, JsonSchemaObject | { readonly oneOf: readonly { $ref: string }[] }>>
}

function optionType(name: string, property: JsonSchemaProperty): OptionType {
  if (property.$ref !== undefined) return 'spec'
  if (property.enum !== undefined) return 'enum'
  switch (property.type) {
    case 'number':
      return 'number'
    case 'integer':
      return 'integer'
    case 'boolean':
      return 'boolean'
    case 'array': {
      const items = property.items ?? {}
      if (items.$ref !== undefined) return 'specList'
      if (items.type === 'integer') return 'integerList'
      if (items.type === 'number') return 'numberList'
      break
    }
  }
  throw new Error(`option ${name}: unsupported JSON Schema ${JSON.stringify(property)}`)
}

/**
 * Builds the catalog from a schedule-spec JSON Schema (the shape of core's
 * `schema/schedule-spec.schema.json`: `$defs.ScheduleSpec.oneOf` lists one `$ref` per kind).
 *
 * @param schema - the JSON Schema document.
 * @returns One descriptor per kind, in the schema's order.
 */
export function catalogFromJsonSchema(schema: unknown): readonly KindDescriptor[] {
  const defs = (schema as SpecJsonSchema).$defs
  const union = defs.ScheduleSpec as { readonly oneOf: readonly { $ref: string }[] }
  return union.oneOf.map(({ $ref }) => {
    const definition = defs[$ref.replace('#/$defs/', '')] as JsonSchemaObject
    const required = new Set(definition.required ?? [])
    const kind = definition.properties.kind?.const as ScheduleSpecKind
    const options = Object.entries(definition.properties)
      .filter(([name]) => name !== 'kind' && name !== 'version')
      .map(([name, property]): OptionDescriptor => {
        const type = optionType(name, property)
        const minimum = property.minimum ?? property.items?.minimum
        return {
          name,
          type,
          required: required.has(name),
          description: property.description ?? '',
          ...(property.enum === undefined ? {} : { values: property.enum }),
          ...(minimum === undefined ? {} : { minimum }),
        }
      })
    return {
      kind,
      description: definition.description ?? '',
      options,
      combinator: options.some((option) => option.type === 'spec' || option.type === 'specList'),
    }
  })
}

/** The catalog of core's published schedule-spec JSON Schema. */
export const KINDS: readonly KindDescriptor[] = catalogFromJsonSchema(specSchema)

const BY_KIND = new Map(KINDS.map((descriptor) => [descriptor.kind, descriptor]))

/**
 * The descriptor of one kind.
 *
 * @param kind - a spec kind.
 * @returns Its descriptor.
 * @throws Error when the kind is not in the catalog.
 */
export function kindDescriptor(kind: string): KindDescriptor {
  const descriptor = BY_KIND.get(kind as ScheduleSpecKind)
  if (descriptor === undefined) throw new Error(`unknown schedule kind "${kind}"`)
  return descriptor
}
