import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { createScheduler } from '../scheduler/create-scheduler'
import { parseLrKitConfig, parseScheduleSpec, safeParseScheduleSpec, schedule } from './schedule'
import { MAX_SPEC_DEPTH, specDepthError } from './spec-depth'

const leaf = { kind: 'constant', value: 0.1 }

/** `levels` scale specs around a constant: the constant sits `levels` levels below the root. */
function nestedScales(levels: number): Record<string, unknown> {
  let spec: Record<string, unknown> = leaf
  for (let level = 0; level < levels; level++) spec = { kind: 'scale', factor: 1, schedule: spec }
  return spec
}

const pathAt = (levels: number, root = '') =>
  [root, ...Array.from({ length: levels }, () => 'schedule')].filter((part) => part !== '').join('.')

const tooDeep = (path: string) =>
  `${path} is nested more than 64 levels deep; a schedule spec may nest at most 64 levels of warmup, sequence, scale and clamp specs inside each other`

describe('spec nesting depth', () => {
  it('the limit is 64 levels', () => {
    expect(MAX_SPEC_DEPTH).toBe(64)
  })

  it('64 levels compile and evaluate', () => {
    const lr = schedule(nestedScales(64))
    expect(lr(0)).toBe(0.1)
    expect(safeParseScheduleSpec(nestedScales(64)).success).toBe(true)
  })

  it('65 levels are rejected at the path of the first spec too deep', () => {
    const message = tooDeep(pathAt(65))
    expect(() => schedule(nestedScales(65))).toThrow(message)
    expect(() => parseScheduleSpec(nestedScales(65))).toThrow(message)
  })

  it.each([5000, 100_000])(
    'safeParseScheduleSpec returns a failure at %i levels, never a RangeError',
    (levels) => {
      const result = safeParseScheduleSpec(nestedScales(levels))
      expect(result.success).toBe(false)
      if (result.success) return
      expect(result.error).toBeInstanceOf(InvalidArgumentError)
      expect(result.error.message).toBe(tooDeep(pathAt(65)))
      expect(result.error.argument).toBe(pathAt(65))
    },
  )

  it('schedule() throws the InvalidArgumentError, not a RangeError, at 5000 levels', () => {
    expect(() => schedule(nestedScales(5000))).toThrow(InvalidArgumentError)
    expect(() => schedule(nestedScales(5000))).toThrow(tooDeep(pathAt(65)))
  })

  it('a JSON text nested thousands of levels deep is rejected too', () => {
    const text = `${'{"kind":"scale","factor":1,"schedule":'.repeat(5000)}{"kind":"constant","value":0.1}${'}'.repeat(5000)}`
    const result = safeParseScheduleSpec(JSON.parse(text))
    expect(result.success).toBe(false)
  })

  it('counts sequence levels and names the array index', () => {
    let spec: Record<string, unknown> = leaf
    for (let level = 0; level < 70; level++) {
      spec = { kind: 'sequence', boundaries: [10], schedules: [leaf, spec] }
    }
    // 64 sequences down, the 65th level's first child (schedules[0]) is the first spec too deep.
    const path = [...Array.from({ length: 64 }, () => 'schedules[1]'), 'schedules[0]'].join('.')
    expect(() => schedule(spec)).toThrow(tooDeep(path))
  })

  it('a cyclic object is reported as too deep', () => {
    const cyclic: Record<string, unknown> = { kind: 'scale', factor: 1 }
    cyclic.schedule = cyclic
    const wide: Record<string, unknown> = { kind: 'sequence', boundaries: [1] }
    wide.schedules = [wide, wide]
    expect(safeParseScheduleSpec(cyclic)).toMatchObject({ success: false })
    expect(safeParseScheduleSpec(wide)).toMatchObject({ success: false })
  })

  it('parseLrKitConfig prefixes the config path', () => {
    expect(() => parseLrKitConfig({ version: 1, schedule: nestedScales(5000) })).toThrow(
      tooDeep(pathAt(65, 'schedule')),
    )
  })

  it('the scheduler rejects a schedule whose .spec is too deep, naming schedule.spec', () => {
    const handMade = Object.assign((_step: number) => 0.1, { spec: nestedScales(5000) })
    expect(() => createScheduler({ schedule: handMade })).toThrow(tooDeep(pathAt(65, 'schedule.spec')))
  })

  it('non-objects and shallow values pass the depth check', () => {
    expect(specDepthError(undefined, '')).toBeUndefined()
    expect(specDepthError([leaf], '')).toBeUndefined()
    expect(specDepthError(nestedScales(3), '')).toBeUndefined()
  })
})
