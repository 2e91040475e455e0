/**
 * A tiny seeded pseudo-random number generator (mulberry32, Tommy Ettinger's 32-bit generator) for
 * reproducible searches and tests. Internal: not exported from the package entry point.
 *
 * Not cryptographic. Period 2³²; every 32-bit seed gives a different stream. The same seed always
 * gives the same sequence on every JS engine (only 32-bit integer arithmetic via `Math.imul`).
 */

/** A source of uniform numbers in [0, 1). */
export type RandomSource = () => number

/**
 * Returns a mulberry32 generator: each call returns the next uniform number in [0, 1) (multiples
 * of 2⁻³²).
 *
 * @param seed - any finite number; it is truncated to a 32-bit unsigned integer.
 */
export function mulberry32(seed: number): RandomSource {
  let state = seed >>> 0
  return (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Standard normal deviates from a uniform source (Box–Muller; one value per call, two uniforms). */
export function normalSource(uniform: RandomSource): RandomSource {
  return (): number => {
    const u = 1 - uniform() // (0, 1]
    const v = uniform()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }
}
