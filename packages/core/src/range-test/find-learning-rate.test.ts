import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { TrainableError } from '../errors/trainable-error'
import { mulberry32, normalSource } from '../internal/seeded-random'
import { adamOptimizer } from '../optimizers/adam-optimizer'
import { sgdOptimizer } from '../optimizers/sgd-optimizer'
import type { OptimizerState } from '../optimizers/types'
import type { Trainable } from '../trainable'
import {
  bracketTopIndex,
  findLearningRate,
  findLearningRateStepLimit,
  raceDiverged,
  smoothedMinimumIndex,
  usablePrefix,
} from './find-learning-rate'
import { lagCorrectedSmoothLosses } from './lag-corrected-smooth-losses'
import { smoothLosses } from './smooth-losses'

interface RegressionSnapshot {
  readonly weights: Float32Array
  readonly optimizer: OptimizerState
  readonly cursor: number
}

/**
 * Linear regression y = X·w* + noise (MSE, hand-written gradient, sequential batches), with an
 * `evaluate()` on held-out rows that counts its calls.
 */
function regressionTrainable(kind: 'adam' | 'sgd' = 'sgd', withEvaluate = true) {
  const features = 4
  const samples = 256
  const normal = normalSource(mulberry32(3))
  const truth = [1.5, -2, 0.5, 3]
  const rows = Array.from({ length: samples + 64 }, () => Array.from({ length: features }, () => normal()))
  const targets = rows.map((row) => row.reduce((sum, x, j) => sum + x * truth[j]!, 0) + 0.1 * normal())
  const weights = new Float32Array(features)
  const optimizer =
    kind === 'adam'
      ? adamOptimizer({ parameters: { weights } })
      : sgdOptimizer({ parameters: { weights }, momentum: 0.9 })
  let cursor = 0
  const counts = { trainSteps: 0, evaluations: 0, snapshots: 0, restores: 0 }
  const lossOf = (from: number, to: number) => {
    let loss = 0
    for (let i = from; i < to; i++) {
      const error = rows[i]!.reduce((sum, x, j) => sum + x * weights[j]!, 0) - targets[i]!
      loss += (error * error) / (to - from)
    }
    return loss
  }
  const trainable: Trainable<RegressionSnapshot> = {
    async snapshot() {
      counts.snapshots += 1
      return { weights: weights.slice(), optimizer: optimizer.state(), cursor }
    },
    async restore(saved) {
      counts.restores += 1
      weights.set(saved.weights)
      optimizer.load(saved.optimizer)
      cursor = saved.cursor
    },
    async trainStep(learningRate) {
      counts.trainSteps += 1
      const batch = 16
      const gradient = new Float32Array(features)
      let loss = 0
      for (let b = 0; b < batch; b++) {
        const index = (cursor + b) % samples
        const row = rows[index]!
        const error = row.reduce((sum, x, j) => sum + x * weights[j]!, 0) - targets[index]!
        loss += (error * error) / batch
        for (let j = 0; j < features; j++) gradient[j] = gradient[j]! + (2 * error * row[j]!) / batch
      }
      cursor = (cursor + batch) % samples
      optimizer.step({ weights: gradient }, learningRate)
      return loss
    },
    ...(withEvaluate
      ? {
          async evaluate() {
            counts.evaluations += 1
            return lossOf(samples, samples + 64)
          },
        }
      : {}),
  }
  return { trainable, weights, optimizer, counts }
}

describe('lagCorrectedSmoothLosses', () => {
  it('keeps a constant curve and returns raw losses for beta 0', () => {
    expect(lagCorrectedSmoothLosses([2, 2, 2, 2], { beta: 0.9 })).toEqual(
      [2, 2, 2, 2].map(() => expect.closeTo(2, 12)),
    )
    expect(lagCorrectedSmoothLosses([4, 2, 7])).toHaveLength(3)
    expect(lagCorrectedSmoothLosses([4, 2, 7], { beta: 0 })).toEqual([4, 2, 7])
  })

  it('equals the forward EMA run backwards over the forward EMA (zero phase)', () => {
    const losses = [5, 4, 3.5, 3, 2, 2.5, 4, 9]
    const forward = smoothLosses(losses, { beta: 0.8 })
    const expected = smoothLosses([...forward].reverse(), { beta: 0.8 }).reverse()
    expect(lagCorrectedSmoothLosses(losses, { beta: 0.8 })).toEqual(expected)
  })

  it('puts the minimum of a V-shaped curve where the raw one is, where a one-sided EMA lags', () => {
    const losses = Array.from({ length: 101 }, (_, i) => Math.abs(i - 50) + 1)
    const argmin = (values: readonly number[]) => values.indexOf(Math.min(...values))
    expect(argmin(lagCorrectedSmoothLosses(losses, { beta: 0.9 }))).toBe(50)
    expect(argmin(smoothLosses(losses, { beta: 0.9 }))).toBeGreaterThan(55)
  })

  it('rejects non-finite losses and a bad beta with the documented messages', () => {
    expect(() => lagCorrectedSmoothLosses([1, Number.NaN])).toThrow(
      'losses must be an array of finite numbers, got [1,null]',
    )
    expect(() => lagCorrectedSmoothLosses([1], { beta: 1 })).toThrow(InvalidArgumentError)
    expect(() => lagCorrectedSmoothLosses([1], { beta: 1 })).toThrow(
      'beta must be a number with 0 <= beta < 1, got 1',
    )
    expect(() => lagCorrectedSmoothLosses([1], { gamma: 1 } as never)).toThrow(
      'gamma is not an option of lagCorrectedSmoothLosses',
    )
  })
})

/**
 * A trainable whose sweep (until the first restore) has its minimum just below 1e-2 and then blows
 * up; after that, race steps return `raceLoss(learningRate, step)`.
 */
function sweepThenRace(raceLoss: (learningRate: number, step: number) => number): Trainable<number> {
  let racing = false
  return {
    async snapshot() {
      return 0
    },
    async restore() {
      racing = true
    },
    async trainStep(learningRate, step) {
      if (racing) return raceLoss(learningRate, step)
      return learningRate < 1e-2 ? 2 - learningRate * 10 : 2 + learningRate * 1e3
    },
  }
}

describe('findLearningRate', () => {
  it('restores weights and optimizer state bit-exactly: find-then-train equals train alone', async () => {
    for (const kind of ['sgd', 'adam'] as const) {
      const probe = regressionTrainable(kind)
      const reference = regressionTrainable(kind)
      await findLearningRate(probe.trainable)
      for (let i = 0; i < 10; i++) {
        await probe.trainable.trainStep(0.01, i)
        await reference.trainable.trainStep(0.01, i)
      }
      expect(Array.from(probe.weights)).toEqual(Array.from(reference.weights))
      expect(probe.optimizer.state()).toEqual(reference.optimizer.state())
    }
  })

  it('findLearningRateStepLimit: the most steps a run can spend, validated like findLearningRate', async () => {
    expect(findLearningRateStepLimit()).toEqual({ sweep: 80, race: 5 * 40 + 3 * 56, total: 448 })
    // One rung when maxSteps is minSteps; three when the cap is lifted (5 → 3 → 2 → 1 survivors).
    expect(findLearningRateStepLimit({ maxSteps: 40 }).race).toBe(200)
    expect(findLearningRateStepLimit({ maxSteps: Number.POSITIVE_INFINITY }).race).toBe(
      5 * 40 + 3 * (96 - 40) + 2 * (230 - 96),
    )
    const { trainable } = regressionTrainable('sgd')
    const result = await findLearningRate(trainable)
    expect(result.steps.total).toBeLessThanOrEqual(findLearningRateStepLimit().total)
    expect(result.steps.race).toBe(findLearningRateStepLimit().race)
    expect(() => findLearningRateStepLimit({ maxSteps: 10 })).toThrow(
      'maxSteps must be a number with 40 <= maxSteps, got 10',
    )
    expect(() => findLearningRateStepLimit({ steps: 10 } as never)).toThrow(
      'steps is not an option of findLearningRate',
    )
    // score: 'evaluate' needs a trainable with evaluate() only when there is a trainable.
    expect(findLearningRateStepLimit({ score: 'evaluate' }).total).toBe(448)
  })

  it('reports exactly the training steps and evaluations it spent', async () => {
    const { trainable, counts } = regressionTrainable('sgd')
    const result = await findLearningRate(trainable)
    expect(result.steps.total).toBe(counts.trainSteps)
    expect(result.steps.total).toBe(result.steps.sweep + result.steps.race)
    expect(result.steps.race).toBe(result.candidates.reduce((sum, candidate) => sum + candidate.steps, 0))
    expect(result.evaluations).toBe(counts.evaluations)
    // Two rungs: 5 candidates × 40 steps, then the best ⌈5/2.4⌉ = 3 on to 96 steps: 368 race steps
    // when none diverges.
    const diverged = result.candidates.filter((candidate) => candidate.diverged).length
    expect(diverged).toBe(0)
    expect(result.steps.race).toBe(5 * 40 + 3 * 56)
    expect(result.candidates.map((candidate) => candidate.steps).sort((a, b) => a - b)).toEqual([
      40, 40, 96, 96, 96,
    ])
    expect(result.candidates.filter((candidate) => candidate.rung === 1)).toHaveLength(3)
    expect(result.steps.sweep).toBeLessThanOrEqual(80)
    expect(result.steps.total).toBeLessThanOrEqual(448)
    // 1 initial evaluation + one per candidate and rung.
    expect(result.evaluations).toBe(1 + 5 + 3)
    // The initial state, then one snapshot per candidate that goes on from rung 0 (all 5 are taken
    // before the ranking: a candidate's state is saved when its rung ends).
    expect(counts.snapshots).toBe(1 + 5)
  })

  it('picks a rate in the bracket that trains: the winner scores best in the last rung', async () => {
    const { trainable } = regressionTrainable('sgd')
    const result = await findLearningRate(trainable)
    expect(result.options.score).toBe('evaluate')
    expect(result.flatRace).toBe(false)
    expect(result.candidates).toHaveLength(5)
    const rates = result.candidates.map((candidate) => candidate.learningRate)
    expect(rates[0]).toBeCloseTo(result.bracket.min, 12)
    expect(rates[4]).toBeCloseTo(result.bracket.max, 12)
    expect(result.bracket.max / result.bracket.min).toBeCloseTo(100, 6)
    expect(result.bracket.max).toBe(result.sweep.learningRates[result.sweep.topIndex])
    expect(result.sweep.topIndex).toBeGreaterThanOrEqual(result.sweep.minimumIndex)
    const lastRung = Math.max(...result.candidates.map((candidate) => candidate.rung))
    const finalists = result.candidates.filter(
      (candidate) => candidate.rung === lastRung && candidate.score !== null,
    )
    const best = finalists.reduce((a, b) => ((a.score as number) <= (b.score as number) ? a : b))
    expect(result.winner).toBe(best.learningRate)
    expect(result.learningRate).toBe(best.learningRate / 2)
    expect(result.learningRate).toBeGreaterThan(1e-3)
    expect(result.learningRate).toBeLessThan(1)
    expect(JSON.parse(JSON.stringify(result))).toEqual(result)
  })

  it('stops the sweep early at divergence, before the end of the ladder', async () => {
    const { trainable } = regressionTrainable('sgd')
    const result = await findLearningRate(trainable)
    expect(['diverged', 'nonFinite']).toContain(result.sweep.stoppedBy)
    expect(result.steps.sweep).toBeLessThan(80)
    expect(result.sweep.smoothed).toHaveLength(usablePrefix(result.sweep.losses, 4))
  })

  it('scores on the training loss without evaluate(), and never calls evaluate', async () => {
    const { trainable, counts } = regressionTrainable('adam', false)
    const result = await findLearningRate(trainable)
    expect(result.options.score).toBe('trainingLoss')
    expect(result.evaluations).toBe(0)
    expect(counts.evaluations).toBe(0)
    expect(result.learningRate).toBeDefined()
  })

  it('option values follow the options: candidates, span, offset, rungs', async () => {
    const { trainable, counts } = regressionTrainable('sgd')
    const result = await findLearningRate(trainable, {
      candidates: 3,
      spanDecades: 1,
      topOffsetDecades: -0.5,
      minSteps: 4,
      eta: 2,
      sweepSteps: 40,
      shrinkFactor: 1,
      probeAbove: false, // the rung accounting below; the probe above has its own test
    })
    expect(result.learningRate).toBe(result.winner)
    expect(result.candidates).toHaveLength(3)
    expect(result.bracket.max / result.bracket.min).toBeCloseTo(10, 6)
    expect(result.bracket.max).toBeCloseTo(
      result.sweep.learningRates[result.sweep.topIndex]! * 10 ** -0.5,
      12,
    )
    // 3 × 4 steps, then ⌈3/2⌉ = 2 survivors to 8 steps (+ 4 each), then 1: 20 race steps.
    if (result.candidates.every((candidate) => !candidate.diverged)) expect(result.steps.race).toBe(20)
    expect(result.steps.total).toBe(counts.trainSteps)
  })

  it('maxSteps ends the race at the rung that reaches it; Infinity races until one survives', async () => {
    // probeAbove: false keeps the rung accounting to the candidates (the probe has its own test).
    const options = { candidates: 4, minSteps: 4, eta: 2, sweepSteps: 40, probeAbove: false } as const
    const capped = await findLearningRate(regressionTrainable('sgd').trainable, { ...options, maxSteps: 6 })
    // 4 × 4 steps, then ⌈4/2⌉ = 2 on to min(8, 6) = 6 steps, where the race ends: 16 + 2 × 2.
    expect(capped.candidates.every((candidate) => !candidate.diverged)).toBe(true)
    expect(capped.options.maxSteps).toBe(6)
    expect(capped.steps.race).toBe(20)
    expect(capped.candidates.map((candidate) => candidate.steps).sort((a, b) => a - b)).toEqual([4, 4, 6, 6])
    const finalists = capped.candidates.filter((candidate) => candidate.rung === 1)
    expect(finalists).toHaveLength(2)
    const best = finalists.reduce((a, b) => ((a.score as number) <= (b.score as number) ? a : b))
    expect(capped.winner).toBe(best.learningRate)
    // Without a cap: 4 × 4, 2 to 8 steps, 1 survives after that rung: 16 + 2 × 4.
    const uncapped = await findLearningRate(regressionTrainable('sgd').trainable, {
      ...options,
      maxSteps: Number.POSITIVE_INFINITY,
    })
    expect(uncapped.steps.race).toBe(24)
    // findLearningRateStepLimit knows both before the run (no candidate diverged: the race ran in full).
    expect(findLearningRateStepLimit({ ...options, maxSteps: 6 })).toEqual({ sweep: 40, race: 20, total: 60 })
    expect(findLearningRateStepLimit({ ...options, maxSteps: Number.POSITIVE_INFINITY }).race).toBe(24)
    // The default cap follows a larger minSteps: one 128-step rung.
    const single = await findLearningRate(regressionTrainable('sgd').trainable, { minSteps: 128 })
    expect(single.options.maxSteps).toBe(128)
    expect(single.candidates.every((candidate) => candidate.rung === 0 && candidate.steps === 128)).toBe(true)
  })

  it('reports every candidate diverging without a learning rate, flagged', async () => {
    let racing = false
    const trainable: Trainable<number> = {
      async snapshot() {
        return 0
      },
      async restore() {
        racing = true // the first restore ends the sweep
      },
      async trainStep(learningRate, step) {
        // The sweep descends until 1e-3, then rises; in the race every loss after the first is NaN.
        if (racing && step > 0) return Number.NaN
        return learningRate < 1e-3 ? 1 - learningRate * 100 : 1 + learningRate * 1e4
      },
    }
    const result = await findLearningRate(trainable)
    expect(result.learningRate).toBeUndefined()
    expect(result.winner).toBeUndefined()
    expect(result.candidates.every((candidate) => candidate.diverged)).toBe(true)
    expect(result.lowConfidence?.reasons).toContain('every candidate diverged')
  })

  it('restores after a throwing trainStep and rethrows as TrainableError', async () => {
    const { trainable, weights } = regressionTrainable('sgd')
    const before = Array.from(weights)
    const original = trainable.trainStep.bind(trainable)
    let calls = 0
    trainable.trainStep = async (learningRate, step) => {
      calls += 1
      if (calls === 120) throw new Error('boom')
      return original(learningRate, step)
    }
    const error = await findLearningRate(trainable).catch((caught: unknown) => caught)
    expect(TrainableError.isInstance(error)).toBe(true)
    expect((error as TrainableError).phase).toBe('trainStep')
    expect((error as TrainableError).restored).toBe(true)
    expect((error as Error).message).toMatch(
      /^findLearningRate: trainable\.trainStep\(\) threw at step \d+ \(learning rate [\d.e-]+\); the trainable was restored to its initial state$/,
    )
    expect(Array.from(weights)).toEqual(before)
  })

  it('validates options and the trainable before any call, with the documented messages', async () => {
    const { trainable, counts } = regressionTrainable('sgd')
    await expect(findLearningRate(trainable, { candidates: 1 })).rejects.toThrow(
      'candidates must be a number with 2 <= candidates, got 1',
    )
    await expect(findLearningRate(trainable, { endValue: 1e-8 })).rejects.toThrow(
      'endValue must be a number > startValue (1e-7), got 1e-8',
    )
    await expect(findLearningRate(trainable, { sweepSteps: 5 })).rejects.toThrow(
      'sweepSteps must be a number with 10 <= sweepSteps, got 5',
    )
    await expect(findLearningRate(trainable, { eta: 1 })).rejects.toThrow(
      'eta must be a number with 1 < eta, got 1',
    )
    await expect(findLearningRate(trainable, { maxSteps: 10 })).rejects.toThrow(
      'maxSteps must be a number with 40 <= maxSteps, got 10',
    )
    await expect(findLearningRate(trainable, { maxSteps: 96.5 })).rejects.toThrow(
      'maxSteps must be a positive integer, got 96.5',
    )
    await expect(findLearningRate(trainable, { minSteps: 0 })).rejects.toThrow(
      'minSteps must be a positive integer, got 0',
    )
    await expect(findLearningRate(trainable, { spanDecades: 0 })).rejects.toThrow(
      'spanDecades must be a finite number > 0, got 0',
    )
    await expect(findLearningRate(trainable, { flatThreshold: 0 })).rejects.toThrow(
      'flatThreshold must be a number > 0, or Infinity (never probe above the bracket), got 0',
    )
    await expect(findLearningRate(trainable, { probeDecades: Number.POSITIVE_INFINITY })).rejects.toThrow(
      'probeDecades must be a finite number > 0, got Infinity',
    )
    await expect(findLearningRate(trainable, { score: 'accuracy' as 'evaluate' })).rejects.toThrow(
      'score must be one of "auto", "evaluate", "trainingLoss", got "accuracy"',
    )
    await expect(findLearningRate(trainable, { steps: 10 } as never)).rejects.toThrow(
      'steps is not an option of findLearningRate',
    )
    const withoutEvaluate = regressionTrainable('sgd', false).trainable
    await expect(findLearningRate(withoutEvaluate, { score: 'evaluate' })).rejects.toThrow(
      'trainable.evaluate must be a function (score is "evaluate"), got undefined',
    )
    await expect(findLearningRate(null as never)).rejects.toThrow(
      'trainable must be a Trainable object, got null',
    )
    await expect(findLearningRate({ ...trainable, restore: 1 } as never)).rejects.toThrow(
      'trainable.restore must be a function, got 1',
    )
    expect(counts.trainSteps).toBe(0)
    expect(counts.snapshots).toBe(0)
  })

  it('flags a winner at the top of the bracket with the exact reason', async () => {
    // Sweep: minimum at 1e-2, then a blow-up; race: the larger the rate, the lower the loss.
    const trainable = sweepThenRace((learningRate, step) => 1 / (1 + learningRate * (step + 1)))
    const result = await findLearningRate(trainable, { score: 'trainingLoss' })
    expect(result.winner).toBe(result.bracket.max)
    // The highest candidate won: flagged, and divided by shrinkFactor like any winner.
    expect(result.learningRate).toBe(result.winner! / 2)
    expect(result.lowConfidence?.reasons).toEqual([
      `the winner is the highest candidate (${result.bracket.max.toPrecision(3)}): the best rate may lie above the bracket`,
    ])
  })

  it('a single noisy mini-batch loss does not end a race candidate; a sustained rise does', async () => {
    // Sweep: minimum at 1e-2, then a blow-up. Race: every 7th loss is a 10× outlier (above the
    // 4× limit); the highest candidate really diverges from step 10 on.
    const trainable = sweepThenRace((learningRate, step) => {
      if (learningRate > 0.007 && step >= 10) return 100
      return step % 7 === 3 ? 10 : 1 - learningRate
    })
    const result = await findLearningRate(trainable, { score: 'trainingLoss' })
    expect(result.candidates.slice(0, 4).map((candidate) => candidate.diverged)).toEqual([
      false,
      false,
      false,
      false,
    ])
    const top = result.candidates[4]!
    expect(top.learningRate).toBeGreaterThan(0.007)
    expect(top.diverged).toBe(true)
    // Losses 0–9 are fine (one outlier at 3); 100 from step 10: the median of 5 exceeds 4 × 1 at step 12.
    expect(top.steps).toBe(13)
    expect(result.winner).toBe(result.candidates[3]!.learningRate)
    expect(result.learningRate).toBe(result.winner! / 2)
  })

  it('raceDiverged: the median of the recent losses against the limit of the first loss', () => {
    expect(raceDiverged([1, 1, 10, 1, 1], 1, 1, 4)).toBe(false)
    expect(raceDiverged([1, 10, 10, 1, 1], 1, 1, 4)).toBe(false)
    expect(raceDiverged([1, 10, 10, 10, 1], 1, 1, 4)).toBe(true)
    expect(raceDiverged([4.5], 1, 1, 4)).toBe(true)
    // A negative first loss: the limit is −1 + 3 × max(1, descent 2) = 5.
    expect(raceDiverged([5, 5, 5], -1, -3, 4)).toBe(false)
    expect(raceDiverged([6, 6, 6], -1, -3, 4)).toBe(true)
  })

  it('smoothedMinimumIndex: skips the first ⌈β/(1 − β)⌉ points unless the curve is too short', () => {
    // A lucky first mini-batch on a flat curve: the smoothed value at 0 is the lowest.
    const flat = [1.2, ...Array.from({ length: 29 }, (_, i) => 1.43 - (i === 20 ? 0.02 : 0))]
    expect(smoothedMinimumIndex(flat, 0.9)).toBe(21)
    expect(smoothedMinimumIndex([0.5, 1, 2, 3], 0.9)).toBe(0)
    // β = 0: no point is skipped; β = 0.5: one.
    expect(smoothedMinimumIndex([0, 1, 2], 0)).toBe(0)
    expect(smoothedMinimumIndex([0, 1, 0.5, 2], 0.5)).toBe(2)
  })

  it('usablePrefix: the losses before the first one after the first 5 above the limit of their median that starts a rise', () => {
    expect(usablePrefix([2, 2, 2, 2, 2, 1, 7.9, 9, 100], 4)).toBe(7)
    expect(usablePrefix([2, 2, 2, 2, 2, 1], 4)).toBe(6)
    // One spike (a heavy-tailed mini-batch) is not a blow-up: the median of the 5 from it stays low.
    expect(usablePrefix([2, 2, 2, 2, 2, 17, 2, 2, 1, 1, 2, 9, 10, 30], 4)).toBe(11)
    // Two spikes among the next 5 are not either; three are.
    expect(usablePrefix([2, 2, 2, 2, 2, 17, 2, 17, 1, 1, 1, 1], 4)).toBe(12)
    expect(usablePrefix([2, 2, 2, 2, 2, 17, 2, 17, 1, 17, 1, 1], 4)).toBe(5)
    // A blow-up in the last losses of the sweep cuts with the losses there are.
    expect(usablePrefix([2, 2, 2, 2, 2, 1, 1, 50], 4)).toBe(7)
    // An outlier among the first 5 never cuts the curve.
    expect(usablePrefix([100, 1, 1, 1, 1, 4.1], 4)).toBe(5)
    expect(usablePrefix([], 4)).toBe(0)
  })

  it('bracketTopIndex: the minimum on a clean curve, the end of the plateau on a noisy one', () => {
    const clean = [5, 4, 3, 2, 1, 2, 3, 9]
    expect(bracketTopIndex(clean, clean, 4, 0.9)).toBe(4)
    // A descent (8 → 2, far more than σ), then a plateau at 2 with ±1 noise that rises at index 6.
    const losses = [9, 7, 3, 1, 3, 1, 6, 9]
    const smoothed = [8, 6, 2.05, 2, 2.05, 2.1, 4, 8]
    // σ = 1.4826 × median |residual| (1) and √(0.1/1.9) ≈ 0.229: tolerance ≈ 0.34 above 2.
    expect(bracketTopIndex(losses, smoothed, 3, 0.9)).toBe(5)
    expect(bracketTopIndex(losses, smoothed, 3, 0.999)).toBe(3)
  })

  it('bracketTopIndex: a flat sweep (no descent of one σ from firstIndex) walks up to one raw σ', () => {
    const losses = [3, 1, 3, 1, 3, 1, 4.5, 9]
    const smoothed = [1.9, 2, 2.05, 2, 2.05, 2.1, 3.2, 8]
    // No descent: tolerance σ ≈ 1.48 whatever β, so the top is the last point under 1.9 + 1.48.
    expect(bracketTopIndex(losses, smoothed, 0, 0.999)).toBe(6)
    expect(bracketTopIndex(losses, smoothed, 0, 0.9, 0)).toBe(6)
    // Measured from firstIndex 2 the curve still falls by less than σ: flat as well.
    expect(bracketTopIndex(losses, smoothed, 3, 0.999, 2)).toBe(6)
  })

  it('a flat rung 0 sends a probe above the bracket; it survives an early spike and wins when it learns', async () => {
    // Sweep: minimum just below 1e-2, then a blow-up. Race: every rate of the bracket stays on a
    // plateau (loss ≈ 1); rates above 2e-2 spike at steps 1–2 and then leave the plateau.
    const plateau = (learningRate: number, step: number) =>
      learningRate <= 2e-2
        ? 1 + 1e-3 * Math.abs(Math.log10(learningRate) + 3)
        : step === 1 || step === 2
          ? 50
          : 1 / (1 + 0.1 * step)
    const result = await findLearningRate(sweepThenRace(plateau), { score: 'trainingLoss' })
    expect(result.flatRace).toBe(true)
    expect(result.candidates).toHaveLength(6)
    const highest = result.candidates[4]!
    const probe = result.candidates[5]!
    expect(probe.learningRate).toBeCloseTo(highest.learningRate * 10 ** 0.75, 15)
    expect(result.bracket.max).toBe(probe.learningRate)
    // The probe is judged on a full window of 5 losses: two 50s among them leave the median low. It
    // trains the 56 steps a continuing candidate adds in rung 1, from the initial state.
    expect(probe).toMatchObject({ diverged: false, steps: 56, rung: 1 })
    // Rung 1: the best two of rung 0 (the candidates nearest 1e-3) go on to 96 steps, beside the probe.
    const continued = result.candidates.filter((candidate) => candidate.rung === 1 && candidate !== probe)
    const distance = (candidate: { learningRate: number }) => Math.abs(Math.log10(candidate.learningRate) + 3)
    const nearest = [...result.candidates.slice(0, 5)].sort((a, b) => distance(a) - distance(b)).slice(0, 2)
    expect(new Set(continued)).toEqual(new Set(nearest))
    expect(continued.map((candidate) => candidate.steps)).toEqual([96, 96])
    // 5 × 40 + 3 × 56 = 368 race steps, as for the race without a probe.
    expect(result.steps.race).toBe(368)
    expect(result.steps.total).toBeLessThanOrEqual(findLearningRateStepLimit().total)
    expect(result.winner).toBe(probe.learningRate)
    expect(result.learningRate).toBe(probe.learningRate / 2)
    expect(result.lowConfidence?.reasons).toEqual([
      expect.stringMatching(
        /^rung 0 was flat \(best score 1\.00 against the initial 1\.00 after 40 steps\): the task may learn only after a plateau/,
      ),
      expect.stringMatching(/^the winner is the highest candidate/),
    ])
  })

  it('flatThreshold: Infinity never probes; a rung 0 that learns does not probe either', async () => {
    const plateau = (learningRate: number) => 1 + 1e-3 * Math.abs(Math.log10(learningRate) + 3)
    const off = await findLearningRate(sweepThenRace(plateau), {
      score: 'trainingLoss',
      flatThreshold: Number.POSITIVE_INFINITY,
    })
    expect(off.flatRace).toBe(false)
    expect(off.candidates).toHaveLength(5)
    expect(off.steps.race).toBe(5 * 40 + 3 * 56)
    // A 6 % gain is not flat at the default 0.95; a threshold of 0.9 makes it flat.
    const gain = (learningRate: number, step: number) => (step < 5 ? 1 : 0.94 + learningRate)
    const learns = await findLearningRate(sweepThenRace(gain), { score: 'trainingLoss' })
    expect(learns.flatRace).toBe(false)
    const flatAt90 = await findLearningRate(sweepThenRace(gain), {
      score: 'trainingLoss',
      flatThreshold: 0.9,
    })
    expect(flatAt90.flatRace).toBe(true)
    expect(flatAt90.options).toMatchObject({ flatThreshold: 0.9, probeDecades: 0.75 })
    // The flag follows the same threshold: only the flat race is flagged as flat.
    const flatReason = (result: { lowConfidence?: { reasons: readonly string[] } }) =>
      (result.lowConfidence?.reasons ?? []).some((reason) => reason.startsWith('rung 0 was flat'))
    expect([flatReason(off), flatReason(learns), flatReason(flatAt90)]).toEqual([false, false, true])
  })

  it('a diverged candidate funds one more below the bracket while the lowest one scores best', async () => {
    // Sweep: minimum at 1e-2, then a blow-up. Race: rates above 2e-3 blow up at once; below, the
    // loss is lowest at 1e-5 — under the bracket.
    const trainable = sweepThenRace((learningRate) =>
      learningRate > 2e-3 ? Number.NaN : 1 + Math.abs(Math.log10(learningRate) + 5),
    )
    // probeBelow: false isolates the funded candidate (the next test covers the probe below).
    const result = await findLearningRate(trainable, { score: 'trainingLoss', probeBelow: false })
    const spacing = 10 ** 0.5
    expect(result.probedBelow).toBe(false)
    expect(result.candidates).toHaveLength(6)
    const [added, lowest] = result.candidates
    expect(added!.learningRate).toBeCloseTo(lowest!.learningRate / spacing, 15)
    expect(result.bracket.min).toBe(added!.learningRate)
    expect(result.candidates.filter((candidate) => candidate.diverged)).toHaveLength(2)
    // Rung 0: 3 × 40 + 2 × 1 = 122 steps; one more candidate (40) fits the 5 × 40 budget, a second
    // not. Rung 1: the best ⌈5/2.4⌉ = 3 of the 4 that did not diverge go on to 96 steps (3 × 56).
    expect(result.steps.race).toBe(162 + 3 * 56)
    expect(result.candidates.filter((candidate) => candidate.rung === 1)).toHaveLength(3)
    expect(result.winner).toBe(added!.learningRate)
    expect(result.learningRate).toBe(added!.learningRate / 2)
  })

  it('a bracket where every candidate diverges extends below it and still picks a rate', async () => {
    // Sweep: minimum just below 1e-2. Race: every rate above 5e-5 (the whole bracket, ≈ 7.9e-5 …
    // 7.9e-3) blows up at once; below, the loss is lowest at 1e-5.
    const trainable = sweepThenRace((learningRate) =>
      learningRate > 5e-5 ? Number.NaN : 1 + Math.abs(Math.log10(learningRate) + 5),
    )
    const result = await findLearningRate(trainable, { score: 'trainingLoss', probeBelow: false })
    const spacing = 10 ** 0.5
    const bracket = result.candidates.slice(-5)
    expect(bracket.every((candidate) => candidate.diverged)).toBe(true)
    // No candidate scored, so the first one below is funded; it leads, so the next one is too; that
    // one (≈ 7.9e-6, nearer 1e-5) leads again, and the third (≈ 2.5e-6) scores worse: the funding stops.
    const added = result.candidates.slice(0, -5)
    expect(added).toHaveLength(3)
    expect(added.every((candidate) => !candidate.diverged)).toBe(true)
    expect(added[2]!.learningRate).toBeCloseTo(bracket[0]!.learningRate / spacing, 15)
    expect(added[0]!.learningRate).toBeCloseTo(bracket[0]!.learningRate / spacing ** 3, 15)
    expect(result.winner).toBe(added[1]!.learningRate)
    expect(result.learningRate).toBe(added[1]!.learningRate / 2)
    expect(result.lowConfidence?.reasons ?? []).not.toContain('every candidate diverged')
  })

  it('a rung 0 led by its lowest candidate sends a probe below the bracket; the better of the two wins', async () => {
    // Sweep: minimum just below 1e-2. Race: every rate learns (the loss falls 5-fold in 40 steps, so
    // rung 0 is not flat), and the lower the rate the lower the floor, down to 1e-5, under the
    // bracket — as when every rate of the bracket collapses onto one degenerate floor.
    const floor = (learningRate: number, step: number) =>
      (1 + 0.3 * Math.abs(Math.log10(learningRate) + 5)) / (1 + 0.1 * step)
    const result = await findLearningRate(sweepThenRace(floor), { score: 'trainingLoss' })
    expect(result.flatRace).toBe(false)
    expect(result.probedBelow).toBe(true)
    expect(result.candidates).toHaveLength(6)
    const [probe, lowest] = result.candidates
    expect(probe!.learningRate).toBeCloseTo(lowest!.learningRate / 10 ** 0.75, 15)
    expect(result.bracket.min).toBe(probe!.learningRate)
    expect(probe).toMatchObject({ diverged: false, steps: 96, rung: 1 })
    // Rung 1: only the lowest candidate goes on, beside the probe: 5 × 40 + 56 + 96 = 352 steps.
    expect(result.candidates.filter((candidate) => candidate.rung === 1)).toEqual([probe, lowest])
    expect(result.steps.race).toBe(352)
    expect(result.winner).toBe(probe!.learningRate)
    expect(result.learningRate).toBe(probe!.learningRate / 2)
    // probeBelow: false races the bracket alone; its lowest candidate wins.
    const off = await findLearningRate(sweepThenRace(floor), { score: 'trainingLoss', probeBelow: false })
    expect(off.probedBelow).toBe(false)
    expect(off.candidates).toHaveLength(5)
    expect(off.steps.race).toBe(5 * 40 + 3 * 56)
    expect(off.winner).toBe(lowest!.learningRate)
    expect(off.options.probeBelow).toBe(false)
    // A rung 0 led by another candidate sends no probe below.
    const middle = (learningRate: number, step: number) =>
      (1 + 0.3 * Math.abs(Math.log10(learningRate) + 3)) / (1 + 0.1 * step)
    const led = await findLearningRate(sweepThenRace(middle), { score: 'trainingLoss' })
    expect(led.probedBelow).toBe(false)
    expect(led.candidates).toHaveLength(5)
  })

  it('a rung 0 led by its highest candidate sends a probe one spacing above; it races beside the next best for fewer steps', async () => {
    // Sweep: minimum just below 1e-2. Race: every rate learns (1/(1 + step) falls fast, so rung 0 is
    // not flat) towards a floor that is lowest at 10^-1.5, above the bracket (≈ 7.9e-5 … 7.9e-3).
    const floor = (best: number) => (learningRate: number, step: number) =>
      0.2 * (1 + Math.abs(Math.log10(learningRate) - best)) + 1 / (1 + step)
    const result = await findLearningRate(sweepThenRace(floor(-1.5)), { score: 'trainingLoss' })
    expect(result.flatRace).toBe(false)
    expect(result.probedBelow).toBe(false)
    expect(result.probedAbove).toBe(true)
    expect(result.candidates).toHaveLength(6)
    const highest = result.candidates[4]!
    const second = result.candidates[3]!
    const probe = result.candidates[5]!
    expect(probe.learningRate).toBeCloseTo(highest.learningRate * 10 ** 0.5, 15)
    expect(result.bracket.max).toBe(probe.learningRate)
    // Rung 1: the best two of rung 0 go on to 96 steps; the probe, from the initial state, trains 56.
    expect(result.candidates.filter((candidate) => candidate.rung === 1)).toEqual([second, highest, probe])
    expect(probe).toMatchObject({ diverged: false, steps: 56 })
    expect([second.steps, highest.steps]).toEqual([96, 96])
    expect(result.steps.race).toBe(5 * 40 + 3 * 56)
    expect(result.winner).toBe(probe.learningRate)
    expect(result.learningRate).toBe(probe.learningRate / 2)
    expect(
      result.lowConfidence?.reasons.some((reason) => reason.startsWith('the winner is the highest')),
    ).toBe(true)
    // A probe that is not better than the leader by more than its 40 missing steps loses.
    const atTop = await findLearningRate(sweepThenRace(floor(Math.log10(highest.learningRate))), {
      score: 'trainingLoss',
    })
    expect(atTop.probedAbove).toBe(true)
    expect(atTop.winner).toBe(atTop.candidates[4]!.learningRate)
    // probeAbove: false races the bracket alone; its highest candidate wins, at the same cost.
    const off = await findLearningRate(sweepThenRace(floor(-1.5)), {
      score: 'trainingLoss',
      probeAbove: false,
    })
    expect(off.probedAbove).toBe(false)
    expect(off.options.probeAbove).toBe(false)
    expect(off.candidates).toHaveLength(5)
    expect(off.steps.race).toBe(5 * 40 + 3 * 56)
    expect(off.winner).toBe(highest.learningRate)
    // A rung 0 led by a middle candidate sends no probe.
    const led = await findLearningRate(sweepThenRace(floor(-3)), { score: 'trainingLoss' })
    expect(led.probedAbove).toBe(false)
    expect(led.candidates).toHaveLength(5)
  })

  it('a harmful rung 0 (every candidate ends worse than the initial evaluate()) probes a whole bracket below', async () => {
    // Sweep: minimum just below 1e-2. Race: training losses stay at 1; the held-out loss depends on
    // how far the weights moved (Σ rates): best at 2e-4, so every candidate of the bracket (the
    // lowest, ≈ 7.9e-5, moves 3.2e-3 in 40 steps) ends worse than before training — a pretrained
    // network that every rate of the bracket overfits.
    const harmful = (): Trainable<number> => {
      let racing = false
      let moved = 0
      return {
        async snapshot() {
          return moved
        },
        async restore(saved) {
          racing = true
          moved = saved
        },
        async trainStep(learningRate) {
          moved += learningRate
          if (racing) return 1
          return learningRate < 1e-2 ? 2 - learningRate * 10 : 2 + learningRate * 1e3
        },
        async evaluate() {
          return 1 + 1e4 * ((moved - 2e-4) ** 2 - 4e-8)
        },
      }
    }
    const result = await findLearningRate(harmful())
    expect(result.probedBelow).toBe(true)
    expect(result.flatRace).toBe(false)
    const [probe, lowest] = result.candidates
    expect(probe!.learningRate).toBeCloseTo(lowest!.learningRate / 10 ** 2, 15)
    expect(probe).toMatchObject({ diverged: false, steps: 96, rung: 1 })
    expect(result.candidates.filter((candidate) => candidate.rung === 1)).toEqual([probe, lowest])
    expect(lowest!.score).toBeGreaterThan(1.02)
    expect(probe!.score).toBeLessThan(1)
    expect(result.winner).toBe(probe!.learningRate)
    expect(result.steps.race).toBe(352)
    // The flag still names the rung-0 harm; the winner itself scored better than the initial 1.
    expect(result.lowConfidence?.reasons).toEqual([
      expect.stringMatching(/^rung 0 was flat \(best score 1\.\d+ against the initial 1\.00/),
    ])
    // probeBelow: false sends the probe of a flat rung 0 above instead.
    const off = await findLearningRate(harmful(), { probeBelow: false })
    expect(off.probedBelow).toBe(false)
    expect(off.flatRace).toBe(true)
    // Training-loss scoring never reads harm (it cannot see the held-out loss).
    const training = await findLearningRate(harmful(), { score: 'trainingLoss' })
    expect(training.probedBelow).toBe(false)
  })

  it('the sweep stop compares with a level of 15 losses: a run of lucky mini-batches does not stop it', async () => {
    // Heavy-tailed mini-batch losses: 20 as a rule, 2 at steps 5–7 (three lucky mini-batches in a
    // row), a blow-up above 1e-2. A level from medians of 5 would drop to 2 there and stop the
    // sweep at the next ordinary losses (20 > 4 × 2).
    let racing = false
    const trainable: Trainable<number> = {
      async snapshot() {
        return 0
      },
      async restore() {
        racing = true
      },
      async trainStep(learningRate, step) {
        if (racing) return 10
        if (learningRate > 1e-2) return 20 + learningRate * 1e5
        return step >= 5 && step <= 7 ? 2 : 20
      },
    }
    const result = await findLearningRate(trainable, { score: 'trainingLoss' })
    expect(result.sweep.stoppedBy).toBe('diverged')
    expect(result.sweep.learningRates.at(-1)).toBeGreaterThan(1e-2)
    expect(result.sweep.losses.length).toBeGreaterThan(50)
  })

  it('a race candidate is held to the initial loss level, not to a lucky first mini-batch', async () => {
    // Sweep: losses ≈ 2 at low rates. Race: every candidate's first mini-batch loss is 0.2, the
    // rest 2 — ordinary losses, 10 × the first. Against the first loss alone (limit 0.8) every
    // candidate would "diverge" on its second step; against the level of the sweep's first 10
    // losses (limit 4 × 2) none does.
    const result = await findLearningRate(
      sweepThenRace((_, step) => (step === 0 ? 0.2 : 2)),
      { score: 'trainingLoss' },
    )
    expect(result.candidates.some((candidate) => candidate.diverged)).toBe(false)
    expect(result.learningRate).toBeDefined()
    // A real blow-up still ends a candidate: 100 from step 10 on at the highest rates.
    const blowUp = await findLearningRate(
      sweepThenRace((learningRate, step) =>
        step === 0 ? 0.2 : learningRate > 0.007 && step >= 10 ? 100 : 2,
      ),
      { score: 'trainingLoss' },
    )
    for (const candidate of blowUp.candidates) {
      expect(candidate.diverged).toBe(candidate.learningRate > 0.007)
      if (candidate.diverged) expect(candidate.steps).toBe(13)
    }
    expect(blowUp.candidates.some((candidate) => candidate.diverged)).toBe(true)
  })

  it('probeAbove must be a boolean', async () => {
    await expect(
      findLearningRate(regressionTrainable('sgd').trainable, { probeAbove: 1 as never }),
    ).rejects.toThrow('probeAbove must be true or false, got 1')
  })

  it('probeBelow must be a boolean', async () => {
    await expect(
      findLearningRate(
        sweepThenRace(() => 1),
        { probeBelow: 'yes' as never },
      ),
    ).rejects.toThrow('probeBelow must be true or false, got "yes"')
  })
})
