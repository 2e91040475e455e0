import { describe, expect, expectTypeOf, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { optionTable } from './option-table'

interface DemoOptions {
  readonly initValue: number
  readonly totalSteps?: number
}

const table = optionTable<DemoOptions>()('demoSchedule', ['initValue', 'totalSteps'])

describe('optionTable', () => {
  it('reads a typed record and rejects unknown keys with the factory name', () => {
    const record = table.read({ initValue: 1 })
    expect(record.initValue).toBe(1)
    expect(record.totalSteps).toBeUndefined()
    expectTypeOf(record.initValue).toEqualTypeOf<unknown>()
    expect(() => table.read({ initValue: 1, totalStep: 3 })).toThrow(
      new InvalidArgumentError({
        argument: 'totalStep',
        value: 3,
        message: 'totalStep is not an option of demoSchedule; allowed: initValue, totalSteps',
      }),
    )
    expect(() => table.read(null)).toThrow(/options must be an options object/)
  })

  it('does not compile when a key is missing, extra or misspelt', () => {
    // @ts-expect-error totalSteps missing from the table
    optionTable<DemoOptions>()('demoSchedule', ['initValue'])
    // @ts-expect-error 'totalStep' is not an option
    optionTable<DemoOptions>()('demoSchedule', ['initValue', 'totalSteps', 'totalStep'])
    const record = table.read({ initValue: 1 })
    // @ts-expect-error misspelt option read
    void record.totalStep
  })
})
