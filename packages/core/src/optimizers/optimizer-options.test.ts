import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { adamOptimizer } from './adam-optimizer'
import { createWasmKernels } from './kernels/wasm-kernels'
import { readParameters } from './optimizer-options'

describe('parameters that share memory', () => {
  const sameArray = (): Record<string, Float32Array> => {
    const shared = new Float32Array(4)
    return { 'encoder.weight': shared, 'decoder.weight': shared }
  }
  const overlapping = (): Record<string, Float32Array> => {
    const buffer = new Float32Array(10)
    return { a: buffer.subarray(0, 6), b: buffer.subarray(4, 10) }
  }

  it('rejects the same Float32Array under two names, naming both', () => {
    expect(() => readParameters(sameArray())).toThrow(
      new InvalidArgumentError({
        argument: 'parameters["decoder.weight"]',
        value: 'Float32Array(4)',
        message:
          'parameters "encoder.weight" and "decoder.weight" share memory (the same array), so every update would be applied twice; give each parameter its own array (for tied weights, pass the array once under one name and add the gradients)',
      }),
    )
  })

  it('rejects overlapping views of one buffer, naming the byte ranges', () => {
    expect(() => readParameters(overlapping())).toThrow(
      'parameters "a" and "b" share memory (overlapping views of one buffer: bytes 0–24 and 16–40)',
    )
  })

  it('finds an overlap hidden behind a wide view (sorted sweep keeps the widest extent)', () => {
    const buffer = new Float32Array(100)
    const parameters = {
      wide: buffer.subarray(0, 50),
      inside: buffer.subarray(10, 20),
      tail: buffer.subarray(40, 60),
    }
    expect(() => readParameters(parameters)).toThrow(/parameters "wide" and "inside" share memory/)
  })

  it('accepts adjacent views of one buffer and empty arrays', () => {
    const buffer = new Float32Array(10)
    const parameters = {
      a: buffer.subarray(0, 5),
      b: buffer.subarray(5, 10),
      emptyOne: new Float32Array(0),
      emptyTwo: buffer.subarray(5, 5),
    }
    expect(readParameters(parameters).map(([name]) => name)).toEqual(['a', 'b', 'emptyOne', 'emptyTwo'])
  })

  it('JS and wasm optimizers reject shared memory alike, before anything is allocated or updated', () => {
    const jsError = (() => {
      try {
        adamOptimizer({ parameters: sameArray() })
      } catch (error) {
        return error as Error
      }
    })()
    const wasmError = (() => {
      try {
        adamOptimizer({ parameters: sameArray(), kernels: createWasmKernels() })
      } catch (error) {
        return error as Error
      }
    })()
    expect(jsError).toBeInstanceOf(InvalidArgumentError)
    expect(wasmError).toBeInstanceOf(InvalidArgumentError)
    expect(wasmError?.message).toBe(jsError?.message)
    expect(() => adamOptimizer({ parameters: overlapping(), kernels: createWasmKernels() })).toThrow(
      /share memory/,
    )
  })
})
