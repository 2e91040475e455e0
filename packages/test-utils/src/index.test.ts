import { describe, expect, it } from 'vitest'
import { expectAllClose, expectClose, expectInvalidArgument } from './index'

describe('expectClose', () => {
  it('accepts values within tolerance and rejects others', () => {
    expectClose(1 + 1e-13, 1)
    expect(() => expectClose(1.001, 1, { rtol: 1e-6 })).toThrow(/close to 1/)
    expect(() => expectClose(Number.NaN, 1, { rtol: 1 })).toThrow()
    expectAllClose([0, 1e-9], [0, 0], { atol: 1e-8 })
    expect(() => expectAllClose([1, 2], [1])).toThrow()
  })
})

describe('expectInvalidArgument', () => {
  it('accepts only a branded InvalidArgumentError with the exact message', () => {
    const branded = Object.assign(new Error('x must be 1, got 2'), {
      [Symbol.for('lrkit.error.InvalidArgumentError')]: true,
    })
    expectInvalidArgument(() => {
      throw branded
    }, 'x must be 1, got 2')
    expect(() => expectInvalidArgument(() => branded, 'x')).toThrow()
    expect(() =>
      expectInvalidArgument(() => {
        throw new Error('x must be 1, got 2')
      }, 'x must be 1, got 2'),
    ).toThrow(/InvalidArgumentError/)
    expect(() =>
      expectInvalidArgument(() => {
        throw branded
      }, 'other'),
    ).toThrow()
  })
})
