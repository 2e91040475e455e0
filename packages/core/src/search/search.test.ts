import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { TrainableError } from '../errors/trainable-error'
import type { Trainable } from '../trainable'
import { gridSearch } from './grid-search'
import { randomSearch } from './random-search'
import { successiveHalving } from './successive-halving'

/**
 * Gradient descent on f(w) = ½·a·w² from w = 1: wₜ₊₁ = (1 − lr·a)·wₜ, loss ½·a·wₜ² (reported before
 * the update). The best constant learning rate is 1/a (one-step convergence); lr > 2/a diverges.
 */
const curvature = 2
function quadratic({ learningRate }: { learningRate: number }): Trainable<number> {
  let w = 1
  return {
    snapshot: async () => w,
    restore: async (saved) => {
      w = saved
    },
    trainStep: async () => {
      const loss = 0.5 * curvature * w * w
      w -= learningRate * curvature * w
      return loss
    },
  }
}
const contraction = (learningRate: number) => Math.abs(1 - learningRate * curvature)

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('gridSearch', () => {
  it('finds the analytic optimum 1/a on a toy quadratic and marks divergent rates', async () => {
    const result = await gridSearch({
      createTrainable: quadratic,
      minValue: 0.005,
      maxValue: 50,
      points: 5,
      budgetSteps: 20,
    })
    expect(result.rows.map((row) => row.learningRate)).toHaveLength(5)
    expect(result.best?.learningRate).toBeCloseTo(0.5, 12)
    expect(result.best?.finalLoss).toBe(0)
    const diverged = result.rows.filter((row) => row.diverged)
    expect(diverged.map((row) => row.learningRate).sort((a, b) => a - b)).toEqual([5, 50])
    expect(diverged.every((row) => row.finalLoss === null && row.stepsUsed < 20)).toBe(true)
    expect(result.rows.at(-1)?.diverged).toBe(true)
    expect(result.totalSteps).toBe(result.rows.reduce((sum, row) => sum + row.stepsUsed, 0))
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result)
  })

  it('gives the same rows with concurrency 3', async () => {
    const options = { createTrainable: quadratic, minValue: 0.005, maxValue: 50, points: 9, budgetSteps: 10 }
    const sequential = await gridSearch(options)
    const concurrent = await gridSearch({ ...options, concurrency: 3 })
    expect(concurrent.rows).toEqual(sequential.rows)
  })

  it('uses evaluate() for finalLoss when the trainable has it', async () => {
    const result = await gridSearch({
      createTrainable: (trial) => ({ ...quadratic(trial), evaluate: async () => trial.learningRate }),
      minValue: 0.01,
      maxValue: 0.1,
      points: 2,
      budgetSteps: 3,
    })
    expect(result.rows.map((row) => row.finalLoss)).toEqual([0.01, 0.1])
  })

  it('wraps a throwing trainStep in a TrainableError', async () => {
    const failure = new Error('boom')
    const error = await rejection(
      gridSearch({
        createTrainable: () => ({
          snapshot: async () => 0,
          restore: async () => {},
          trainStep: async () => Promise.reject(failure),
        }),
        minValue: 0.01,
        maxValue: 0.1,
        points: 2,
        budgetSteps: 3,
      }),
    )
    expect(TrainableError.isInstance(error)).toBe(true)
    expect((error as TrainableError).cause).toBe(failure)
  })

  it('stops trials whose negative losses blow up (first loss ≤ 0) and keeps the stable ones', async () => {
    // A negative log-likelihood: starts at −1; a small rate descends towards −3, a large one blows up.
    const negative = ({ learningRate }: { learningRate: number }): Trainable<number> => {
      let loss = -1
      return {
        snapshot: async () => loss,
        restore: async () => {},
        trainStep: async () => {
          const current = loss
          loss = learningRate < 0.1 ? -3 + (loss + 3) * 0.5 : loss + 2 ** current + 1
          return current
        },
      }
    }
    const result = await gridSearch({
      createTrainable: negative,
      minValue: 0.01,
      maxValue: 1,
      points: 2,
      budgetSteps: 20,
    })
    const stable = result.rows.find((row) => row.learningRate === 0.01)!
    const unstable = result.rows.find((row) => row.learningRate === 1)!
    expect(stable).toMatchObject({ diverged: false, stepsUsed: 20 })
    expect(stable.finalLoss).toBeLessThan(-2.99)
    // Losses −1, 0.5, 2.9142…: first −1, best −1, scale max(1, 0) = 1, limit −1 + 3 × 1 = 2.
    expect(unstable).toMatchObject({ diverged: true, stepsUsed: 3, finalLoss: null, bestLoss: -1 })
    expect(result.best?.learningRate).toBe(0.01)
  })

  it('measures a negative first loss against the descent when it is larger than |first loss|', async () => {
    // −0.5, −2.5 (best; descent 2), then a rise: limit −0.5 + 3 × max(0.5, 2) = 5.5.
    const losses = [-0.5, -2.5, 5.4, 5.6, 0]
    const result = await gridSearch({
      createTrainable: () => {
        let step = 0
        return { snapshot: async () => 0, restore: async () => {}, trainStep: async () => losses[step++]! }
      },
      minValue: 0.01,
      maxValue: 1,
      points: 2,
      budgetSteps: 5,
    })
    expect(result.rows.map((row) => [row.diverged, row.stepsUsed, row.bestLoss])).toEqual([
      [true, 4, -2.5],
      [true, 4, -2.5],
    ])
  })

  it('omits best when every trial diverged', async () => {
    const result = await gridSearch({
      createTrainable: quadratic,
      minValue: 5,
      maxValue: 50,
      points: 2,
      budgetSteps: 10,
    })
    expect(result.best).toBeUndefined()
  })

  it.each([
    [{ minValue: 0 }, 'minValue must be a finite number > 0, got 0'],
    [{ maxValue: 0.001 }, 'maxValue must be a number > minValue (0.005), got 0.001'],
    [{ points: 1 }, 'points must be an integer >= 2, got 1'],
    [{ budgetSteps: 0 }, 'budgetSteps must be a positive integer, got 0'],
    [{ concurrency: 0 }, 'concurrency must be a positive integer, got 0'],
    [{ divergenceFactor: 0.5 }, 'divergenceFactor must be a number with 1 < divergenceFactor, got 0.5'],
    [{ lossWindow: 1.5 }, 'lossWindow must be a positive integer, got 1.5'],
    [{ createTrainable: 3 }, 'createTrainable must be a function, got 3'],
    [
      { trials: 3 },
      'trials is not an option of gridSearch; allowed: createTrainable, minValue, maxValue, concurrency, divergenceFactor, lossWindow, points, budgetSteps',
    ],
  ])('rejects %j', async (override, message) => {
    const error = await rejection(
      gridSearch({
        createTrainable: quadratic,
        minValue: 0.005,
        maxValue: 50,
        points: 5,
        budgetSteps: 20,
        ...(override as object),
      }),
    )
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(message)
  })
})

describe('randomSearch', () => {
  it.each([
    [
      { points: 3 },
      'points is not an option of randomSearch; allowed: createTrainable, minValue, maxValue, concurrency, divergenceFactor, lossWindow, trials, budgetSteps, seed',
    ],
    [{ seed: -1 }, 'seed must be a non-negative integer, got -1'],
  ])('rejects %j', async (override, message) => {
    const error = await rejection(
      randomSearch({
        createTrainable: quadratic,
        minValue: 0.01,
        maxValue: 1,
        trials: 2,
        budgetSteps: 2,
        ...(override as object),
      }),
    )
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(message)
  })

  it('rejects options that are not an object, in every search', async () => {
    for (const search of [gridSearch, randomSearch, successiveHalving]) {
      const error = await rejection(search(null as never))
      expect((error as Error).message).toBe('options must be an options object, got null')
    }
  })

  it('samples log-uniformly within the bounds, reproducibly for a seed', async () => {
    const options = {
      createTrainable: quadratic,
      minValue: 1e-3,
      maxValue: 10,
      trials: 200,
      budgetSteps: 1,
      seed: 7,
    }
    const a = await randomSearch(options)
    const b = await randomSearch(options)
    expect(a.rows).toEqual(b.rows)
    const logs = a.rows.map((row) => Math.log10(row.learningRate))
    expect(logs.every((value) => value >= -3 && value < 1)).toBe(true)
    const belowZero = logs.filter((value) => value < -1).length / logs.length
    expect(Math.abs(belowZero - 0.5)).toBeLessThan(0.1)
    const other = await randomSearch({ ...options, seed: 8 })
    expect(other.rows).not.toEqual(a.rows)
  })

  it('ranks the sampled rates by the analytic contraction on the quadratic', async () => {
    const result = await randomSearch({
      createTrainable: quadratic,
      minValue: 1e-2,
      maxValue: 10,
      trials: 12,
      budgetSteps: 10,
      seed: 3,
    })
    const finite = result.rows.filter((row) => !row.diverged)
    const best = Math.min(...result.rows.map((row) => contraction(row.learningRate)))
    expect(contraction(result.best?.learningRate as number)).toBe(best)
    for (let i = 1; i < finite.length; i++) {
      expect(contraction(finite[i]!.learningRate)).toBeGreaterThanOrEqual(
        contraction(finite[i - 1]!.learningRate),
      )
    }
    expect(result.rows.filter((row) => row.diverged).every((row) => contraction(row.learningRate) > 1)).toBe(
      true,
    )
  })

  it.each([
    [{ trials: 0 }, 'trials must be a positive integer, got 0'],
    [{ seed: -1 }, 'seed must be a non-negative integer, got -1'],
  ])('rejects %j', async (override, message) => {
    const error = await rejection(
      randomSearch({
        createTrainable: quadratic,
        minValue: 0.005,
        maxValue: 50,
        trials: 5,
        budgetSteps: 20,
        ...(override as object),
      }),
    )
    expect((error as Error).message).toBe(message)
  })
})

describe('successiveHalving', () => {
  it('runs 27 → 9 → 3 trials with budgets 10, 30, 90 and keeps training the survivors', async () => {
    const calls = new Map<number, number[]>()
    const result = await successiveHalving({
      createTrainable: (trial) => {
        const inner = quadratic(trial)
        return {
          ...inner,
          trainStep: async (learningRate, step) => {
            calls.set(trial.index, [...(calls.get(trial.index) ?? []), step])
            return inner.trainStep(learningRate, step)
          },
        }
      },
      minValue: 1e-3,
      maxValue: 0.9,
      minSteps: 10,
      seed: 11,
    })
    const byRung = [0, 1, 2].map((rung) => result.rows.filter((row) => row.rung === rung).length)
    expect(byRung).toEqual([18, 6, 3])
    const top = result.rows.filter((row) => row.rung === 2)
    expect(top.every((row) => row.stepsUsed === 90 || row.diverged)).toBe(true)
    // trials continue: steps 0 … 89 in one sequence, never restarted
    const winnerSteps = calls.get(result.best?.index as number) as number[]
    expect(winnerSteps).toEqual(Array.from({ length: 90 }, (_, i) => i))
    // the noise-free quadratic ranks consistently at every rung → the global best contraction wins
    const best = Math.min(...result.rows.map((row) => contraction(row.learningRate)))
    expect(contraction(result.best?.learningRate as number)).toBe(best)
    expect(result.totalSteps).toBe(27 * 10 + 9 * 20 + 3 * 60)
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result)
  })

  it('doubles budgets with growthFactor 2 and respects maxSteps', async () => {
    const result = await successiveHalving({
      createTrainable: quadratic,
      minValue: 1e-3,
      maxValue: 0.9,
      trials: 8,
      eta: 2,
      growthFactor: 2,
      minSteps: 4,
      maxSteps: 10,
    })
    // rungs: 8 × 4, 4 × 8, 2 × 10 (capped), keep 1 → stop
    expect(result.rows.filter((row) => row.rung === 2).every((row) => row.stepsUsed === 10)).toBe(true)
    expect(result.totalSteps).toBe(8 * 4 + 4 * 4 + 2 * 2)
  })

  it.each([
    [{ minSteps: 0 }, 'minSteps must be a positive integer, got 0'],
    [{ maxSteps: 5 }, 'maxSteps must be a number with 10 <= maxSteps, got 5'],
    [{ eta: 1 }, 'eta must be a number with 1 < eta, got 1'],
    [{ growthFactor: 1 }, 'growthFactor must be a number with 1 < growthFactor, got 1'],
    [
      { budgetSteps: 5 },
      'budgetSteps is not an option of successiveHalving; allowed: createTrainable, minValue, maxValue, concurrency, divergenceFactor, lossWindow, trials, minSteps, maxSteps, eta, growthFactor, seed',
    ],
  ])('rejects %j', async (override, message) => {
    const error = await rejection(
      successiveHalving({
        createTrainable: quadratic,
        minValue: 0.005,
        maxValue: 50,
        minSteps: 10,
        ...(override as object),
      }),
    )
    expect((error as Error).message).toBe(message)
  })
})
