/**
 * A seeded uniform generator in [0, 1) (mulberry32): the demo's data order and initial weights come
 * from it, so every run of `pnpm demo` starts from the same numbers.
 *
 * @param seed - any integer (taken modulo 2³²)
 * @returns a function returning the next number in [0, 1)
 * @example
 * ```ts
 * const random = seededRandom(1)
 * random() // 0.6270739405881613, on every run
 * ```
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let value = state
    value = Math.imul(value ^ (value >>> 15), value | 1)
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61)
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296
  }
}
