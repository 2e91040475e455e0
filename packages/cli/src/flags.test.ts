import { describe, expect, it } from 'vitest'
import { integerFlag } from './flags'

describe('integerFlag', () => {
  it('accepts integers, also written 1e3 or 2.0', () => {
    expect(integerFlag('--steps', '250', { min: 1 })).toBe(250)
    expect(integerFlag('--steps', '1e3', { min: 1 })).toBe(1000)
    expect(integerFlag('--steps', '2.0', { min: 1 })).toBe(2)
  })

  it.each([
    ['ten', '--steps must be an integer >= 1, got "ten"; e.g. --steps 1000'],
    ['2.5', '--steps must be an integer >= 1, got "2.5"; e.g. --steps 1000'],
    ['0', '--steps must be an integer >= 1, got "0"; e.g. --steps 1000'],
    ['', '--steps must be an integer >= 1, got ""; e.g. --steps 1000'],
    ['0x10', '--steps must be an integer >= 1, got "0x10"; e.g. --steps 1000'],
  ])('rejects %j naming the flag and the range', (value, line) => {
    expect(() => integerFlag('--steps', value, { min: 1 })).toThrow(
      expect.objectContaining({ kind: 'usage', line }),
    )
  })

  it('states both bounds when there is a maximum', () => {
    expect(() => integerFlag('--height', '500', { min: 2, max: 100 })).toThrow(
      expect.objectContaining({
        line: '--height must be an integer from 2 to 100, got "500"; e.g. --height 100',
      }),
    )
  })
})
