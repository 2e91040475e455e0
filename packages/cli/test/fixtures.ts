import {
  type FindLearningRateResult,
  findLearningRate,
  type RangeTestResult,
  runRangeTest,
  type Trainable,
} from '@lrkit/core'

/** A small deterministic generator (mulberry32) for reproducible noise. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * A noisy quadratic: loss(w) = Σ (w_i − 3)², trained with SGD on noisy gradients. Small rates barely
 * move, rates near 0.1–1 descend, larger ones diverge. `evaluate` (when asked for) is the noiseless
 * loss.
 */
function noisyQuadratic(seed: number, { evaluate = false } = {}): Trainable<number[]> {
  const next = random(seed)
  let weights = [0, 0, 0, 0]
  const exact = () => weights.reduce((sum, weight) => sum + (weight - 3) ** 2, 0)
  return {
    snapshot: async () => [...weights],
    restore: async (snapshot) => {
      weights = [...snapshot]
    },
    trainStep: async (learningRate) => {
      const loss = exact()
      weights = weights.map((weight) => weight - learningRate * (2 * (weight - 3) + (next() - 0.5) * 0.4))
      return loss + (next() - 0.5) * 0.05
    },
    ...(evaluate ? { evaluate: async () => exact() } : {}),
  }
}

/**
 * A real range test on {@link noisyQuadratic}, so every rule has a pick and the sweep stops at
 * divergence.
 */
export async function quadraticRangeTest(
  options: { seed?: number; steps?: number } = {},
): Promise<RangeTestResult> {
  return runRangeTest(noisyQuadratic(options.seed ?? 7), {
    startValue: 1e-4,
    endValue: 10,
    steps: options.steps ?? 100,
  })
}

/**
 * A real `findLearningRate` race on {@link noisyQuadratic}, ranked on its noiseless loss (`evaluate`):
 * the sweep stops at divergence, and a middle candidate wins.
 */
export async function quadraticFindLearningRate(
  options: { seed?: number } = {},
): Promise<FindLearningRateResult> {
  return findLearningRate(noisyQuadratic(options.seed ?? 7, { evaluate: true }), {
    startValue: 1e-4,
    endValue: 10,
    sweepSteps: 60,
  })
}

/** A training log: the loss falls exponentially with a little noise; the rate follows a cosine. */
export function decayingLossLog(
  steps: number,
  seed = 3,
): { step: number; loss: number; learningRate: number }[] {
  const next = random(seed)
  return Array.from({ length: steps }, (_, step) => ({
    step,
    loss: 0.3 + 2 * Math.exp(-step / 60) + (next() - 0.5) * 0.02,
    learningRate: 1e-3 * 0.5 * (1 + Math.cos((Math.PI * step) / steps)),
  }))
}
