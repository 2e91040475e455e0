import { describe, expect, it } from 'vitest'
import { compileParameterMatch, matchesPrefix } from './parameter-matcher'

describe('matchesPrefix', () => {
  it('matches on a . or / segment boundary only', () => {
    expect(matchesPrefix('encoder.0.weight', 'encoder.0')).toBe(true)
    expect(matchesPrefix('encoder.0', 'encoder.0')).toBe(true)
    expect(matchesPrefix('encoder.01.weight', 'encoder.0')).toBe(false)
    expect(matchesPrefix('dense_Dense1/kernel', 'dense_Dense1')).toBe(true)
    expect(matchesPrefix('dense_Dense10/kernel', 'dense_Dense1')).toBe(false)
    expect(matchesPrefix('encoder.x', 'encoder.')).toBe(true)
    expect(matchesPrefix('decoder.0', 'encoder')).toBe(false)
  })
})

describe('compileParameterMatch', () => {
  it('exact mode compares the whole name', () => {
    const match = compileParameterMatch('match', 'fc', 'exact')
    expect(match('fc')).toBe(true)
    expect(match('fc.weight')).toBe(false)
  })

  it('a global RegExp is tested statelessly', () => {
    const match = compileParameterMatch('match', /bias/g, 'prefix')
    expect([match('a.bias'), match('b.bias'), match('c.bias')]).toEqual([true, true, true])
  })

  it('arrays match any entry; predicates must return true', () => {
    const match = compileParameterMatch('match', ['pooler', /^classifier\./], 'prefix')
    expect(match('pooler.dense.weight')).toBe(true)
    expect(match('classifier.bias')).toBe(true)
    expect(match('encoder.layer.0.x')).toBe(false)
    const truthy = compileParameterMatch('match', () => 1, 'prefix')
    expect(truthy('x')).toBe(false)
  })

  it('rejects empty strings, empty arrays and other values', () => {
    expect(() => compileParameterMatch('groups[0].match', '', 'prefix')).toThrow(
      'groups[0].match must be a non-empty string or a RegExp, got ""',
    )
    expect(() => compileParameterMatch('groups[0].match', [], 'prefix')).toThrow(
      'groups[0].match must be a string, a RegExp, a non-empty array of them or a function, got []',
    )
    expect(() => compileParameterMatch('groups[0].match', ['a', 3], 'prefix')).toThrow(
      'groups[0].match[1] must be a non-empty string or a RegExp, got 3',
    )
    expect(() => compileParameterMatch('groups[0].match', 7, 'prefix')).toThrow(
      'groups[0].match must be a string, a RegExp, a non-empty array of them or a function, got 7',
    )
  })
})
