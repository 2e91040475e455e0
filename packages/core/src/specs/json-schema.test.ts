import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { lrKitConfigJsonSchema, scheduleSpecJsonSchema } from './json-schema'
import {
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from './presets'
import { safeParseScheduleSpec } from './schedule'

const schemaDirectory = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'schema')

function committed(file: string): unknown {
  return JSON.parse(readFileSync(join(schemaDirectory, file), 'utf8'))
}

const cosine = { kind: 'cosine', initValue: 0.1, totalSteps: 100 }

const VALID_CONFIGS: readonly unknown[] = [
  { version: 1, schedule: cosine },
  {
    $schema: './node_modules/@lrkit/core/schema/lrkit.schema.json',
    version: 1,
    schedule: { version: 1, kind: 'warmup', warmupSteps: 10, schedule: cosine },
    plateau: { mode: 'max', factor: 0.5, patience: 3, cooldown: 1, minFactor: 0.01, trigger: 'atPatience' },
    groups: { head: 1, encoder: 0.25 },
  },
  {
    version: 1,
    schedule: {
      kind: 'sequence',
      boundaries: [100],
      schedules: [
        { kind: 'linear', initValue: 0, endValue: 0.1, transitionSteps: 100 },
        { kind: 'clamp', minValue: 0.001, schedule: cosine },
      ],
    },
  },
  { version: 1, schedule: transformerFineTunePreset({ totalSteps: 1000 }) },
  { version: 1, schedule: visionOneCyclePreset({ peakValue: 1e-3, totalSteps: 100 }) },
  { version: 1, schedule: ulmfitSlantedTriangularPreset({ peakValue: 0.01, totalSteps: 1000 }) },
  {
    version: 1,
    schedule: warmupStableDecayPreset({
      peakValue: 1e-3,
      totalSteps: 1000,
      warmupFraction: 0.01,
      decayFraction: 0.2,
    }),
  },
]

const INVALID_CONFIGS: ReadonlyArray<[string, unknown]> = [
  ['missing version', { schedule: cosine }],
  ['version 2', { version: 2, schedule: cosine }],
  ['unknown top-level key', { version: 1, schedule: cosine, extra: true }],
  ['unknown kind', { version: 1, schedule: { kind: 'cosin', initValue: 0.1, totalSteps: 100 } }],
  ['unknown option', { version: 1, schedule: { ...cosine, warmupSteps: 3 } }],
  ['missing required option', { version: 1, schedule: { kind: 'cosine', initValue: 0.1 } }],
  ['negative totalSteps', { version: 1, schedule: { ...cosine, totalSteps: -5 } }],
  ['fractional totalSteps', { version: 1, schedule: { ...cosine, totalSteps: 1.5 } }],
  ['bad enum', { version: 1, schedule: { ...cosine, afterEnd: 'wrap' } }],
  [
    'nested version',
    { version: 1, schedule: { kind: 'scale', factor: 2, schedule: { ...cosine, version: 1 } } },
  ],
  [
    'nested bad option',
    {
      version: 1,
      schedule: { kind: 'sequence', boundaries: [5], schedules: [cosine, { ...cosine, totalSteps: 0 }] },
    },
  ],
  ['plateau factor out of range', { version: 1, schedule: cosine, plateau: { factor: 1 } }],
  ['unknown plateau key', { version: 1, schedule: cosine, plateau: { paitence: 3 } }],
  ['negative group scale', { version: 1, schedule: cosine, groups: { head: -1 } }],
]

describe('JSON Schema files', () => {
  it('schema/lrkit.schema.json is up to date (run scripts/generate-json-schema.ts)', () => {
    expect(committed('lrkit.schema.json')).toEqual(lrKitConfigJsonSchema())
  })

  it('schema/schedule-spec.schema.json is up to date (run scripts/generate-json-schema.ts)', () => {
    expect(committed('schedule-spec.schema.json')).toEqual(scheduleSpecJsonSchema())
  })

  it('is draft 2020-12 with a host-free $id and option descriptions for hover docs', () => {
    const schema = lrKitConfigJsonSchema() as {
      $schema: string
      $id: string
      $defs: Record<string, { description?: string; properties?: Record<string, { description?: string }> }>
    }
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(schema.$id.startsWith('urn:')).toBe(true)
    expect(schema.$defs.CosineSpec?.description).toContain('cosineSchedule')
    expect(schema.$defs.CosineSpec?.properties?.totalSteps?.description).toContain('positive integer')
  })
})

describe('ajv validation of example configs', () => {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  const validateConfig = ajv.compile(lrKitConfigJsonSchema())
  const validateSpec = new Ajv2020({ strict: false }).compile(scheduleSpecJsonSchema())

  VALID_CONFIGS.forEach((config, index) => {
    it(`valid config ${index} passes ajv and lrkit`, () => {
      expect(validateConfig(config), JSON.stringify(validateConfig.errors)).toBe(true)
      const schedule = (config as { schedule: unknown }).schedule
      expect(validateSpec(schedule)).toBe(true)
      expect(safeParseScheduleSpec(schedule).success).toBe(true)
    })
  })

  for (const [name, config] of INVALID_CONFIGS) {
    it(`invalid config fails ajv: ${name}`, () => {
      expect(validateConfig(config)).toBe(false)
    })
  }
})
