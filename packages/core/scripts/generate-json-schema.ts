/**
 * Writes the published JSON Schemas, generated from the zod spec schemas:
 * `schema/lrkit.schema.json` (a whole `lrkit.config.json`) and `schema/schedule-spec.schema.json`
 * (one schedule spec). Run with `pnpm exec tsx scripts/generate-json-schema.ts` from
 * `packages/core`; `src/specs/json-schema.test.ts` fails when the committed files are stale.
 */
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { lrKitConfigJsonSchema, scheduleSpecJsonSchema } from '../src/specs/json-schema'

const schemaDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', 'schema')

const outputs: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ['lrkit.schema.json', lrKitConfigJsonSchema()],
  ['schedule-spec.schema.json', scheduleSpecJsonSchema()],
]

for (const [file, schema] of outputs) {
  const path = join(schemaDirectory, file)
  writeFileSync(path, `${JSON.stringify(schema, null, 2)}\n`)
  process.stdout.write(`wrote ${path}\n`)
}
