import * as z from 'zod/mini'
import { specSchemas } from './schedule-spec-schema'

/** `$id` of `schema/lrkit.schema.json`: a URN, so that it names no host. */
export const LRKIT_CONFIG_SCHEMA_ID = 'urn:lrkit:schema:lrkit-config:1'
/** `$id` of `schema/schedule-spec.schema.json`. */
export const SCHEDULE_SPEC_SCHEMA_ID = 'urn:lrkit:schema:schedule-spec:1'

function generate(schema: z.ZodMiniType, id: string, title: string): Record<string, unknown> {
  const generated = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    metadata: specSchemas().metadata,
    unrepresentable: 'throw',
  }) as Record<string, unknown>
  const { $schema, ...rest } = generated
  return { $schema, $id: id, title, ...rest }
}

/**
 * The JSON Schema (draft 2020-12) of `lrkit.config.json`, generated from the zod schema of the
 * config with the option descriptions as hover docs. Written to `schema/lrkit.schema.json` by
 * `scripts/generate-json-schema.ts`.
 *
 * @returns A fresh JSON Schema object.
 *
 * @example
 * ```ts
 * const schema = lrKitConfigJsonSchema()
 * schema.$id // 'urn:lrkit:schema:lrkit-config:1'
 * ```
 */
export function lrKitConfigJsonSchema(): Record<string, unknown> {
  return generate(specSchemas().lrKitConfigSchema, LRKIT_CONFIG_SCHEMA_ID, 'lrkit config (lrkit.config.json)')
}

/**
 * The JSON Schema (draft 2020-12) of a root schedule spec, generated from its zod schema.
 * Written to `schema/schedule-spec.schema.json` by `scripts/generate-json-schema.ts`.
 *
 * @returns A fresh JSON Schema object.
 *
 * @example
 * ```ts
 * const schema = scheduleSpecJsonSchema()
 * schema.$id // 'urn:lrkit:schema:schedule-spec:1'
 * ```
 */
export function scheduleSpecJsonSchema(): Record<string, unknown> {
  return generate(specSchemas().scheduleSpecSchema, SCHEDULE_SPEC_SCHEMA_ID, 'lrkit schedule spec')
}
