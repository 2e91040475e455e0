import { describe, expect, it } from 'vitest'
import { createScheduler } from '../scheduler/create-scheduler'
import { constantSchedule } from '../schedules/constant-schedule'
import { parseLrKitConfig, safeParseScheduleSpec, schedule } from './schedule'

const config = (groups: string) =>
  JSON.parse(`{"version":1,"schedule":{"kind":"constant","value":0.1},"groups":${groups}}`) as unknown

describe('a group or key named __proto__ is kept or rejected, never dropped', () => {
  it('parseLrKitConfig keeps a group named __proto__ as an ordinary key, in input order', () => {
    const parsed = parseLrKitConfig(config('{"head":1,"__proto__":0.5,"body":0.1}'))
    const groups = parsed.groups as Record<string, number>
    expect(Object.keys(groups)).toEqual(['head', '__proto__', 'body'])
    expect(Object.hasOwn(groups, '__proto__')).toBe(true)
    expect(Object.getOwnPropertyDescriptor(groups, '__proto__')?.value).toBe(0.5)
    expect(JSON.stringify(groups)).toBe('{"head":1,"__proto__":0.5,"body":0.1}')
    expect(Object.isFrozen(groups)).toBe(true)
  })

  it('parseLrKitConfig keeps a config whose only group is __proto__', () => {
    const groups = parseLrKitConfig(config('{"__proto__":2}')).groups as Record<string, number>
    expect(Object.entries(groups)).toEqual([['__proto__', 2]])
  })

  it('parseLrKitConfig checks the value of a __proto__ group like any other', () => {
    expect(() => parseLrKitConfig(config('{"__proto__":-1}'))).toThrow(
      'groups.__proto__ must be a finite number >= 0, got -1',
    )
    expect(() => parseLrKitConfig(config('{"__proto__":"a"}'))).toThrow(
      'groups.__proto__ must be a finite number >= 0, got "a"',
    )
  })

  it('a config key or spec option named __proto__ is rejected as unknown, with its path', () => {
    expect(() =>
      parseLrKitConfig(JSON.parse('{"version":1,"schedule":{"kind":"constant","value":0.1},"__proto__":{}}')),
    ).toThrow(
      '__proto__ is not an option of lrkit.config; allowed: $schema, version, schedule, plateau, groups',
    )
    expect(() => schedule(JSON.parse('{"kind":"constant","value":0.1,"__proto__":{"value":1}}'))).toThrow(
      '__proto__ is not an option of a "constant" spec; allowed: kind, value, version',
    )
    const result = safeParseScheduleSpec(
      JSON.parse('{"kind":"scale","factor":1,"schedule":{"kind":"constant","value":0.1,"__proto__":1}}'),
    )
    expect(result.success).toBe(false)
    if (!result.success) {
      expect(result.error.message).toBe(
        'schedule.__proto__ is not an option of a "constant" spec; allowed: kind, value',
      )
    }
  })

  it('the scheduler keeps a __proto__ group in learningRates and pushes it to the target', () => {
    const pushed: Array<Readonly<Record<string, number>>> = []
    const scheduler = createScheduler({
      schedule: constantSchedule({ value: 0.1 }),
      groups: parseLrKitConfig(config('{"__proto__":0.5,"head":1}')).groups as Record<string, number>,
      target: { specificationVersion: 'v1', setLearningRates: (rates) => pushed.push(rates) },
    })
    expect(Object.keys(scheduler.learningRates)).toEqual(['__proto__', 'head'])
    expect(Object.getOwnPropertyDescriptor(scheduler.learningRates, '__proto__')?.value).toBe(0.05)
    scheduler.advance()
    expect(pushed).toHaveLength(2)
    expect(JSON.stringify(pushed[1])).toBe('{"__proto__":0.05,"head":0.1}')
  })

  it('the scheduler checks a __proto__ group scale', () => {
    expect(() =>
      createScheduler({ schedule: constantSchedule({ value: 0.1 }), groups: JSON.parse('{"__proto__":-1}') }),
    ).toThrow('groups.__proto__ must be a finite number >= 0, got -1')
  })
})
