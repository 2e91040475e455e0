import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { TrainableError } from '../errors/trainable-error'
import { mulberry32, normalSource } from '../internal/seeded-random'
import { adamOptimizer } from '../optimizers/adam-optimizer'
import { sgdOptimizer } from '../optimizers/sgd-optimizer'
import type { OptimizerState } from '../optimizers/types'
import type { Trainable } from '../trainable'
import { runRangeTest } from './run-range-test'

interface RegressionSnapshot {
  readonly weights: Float32Array
  readonly optimizer: OptimizerState
  readonly cursor: number
}

/** Linear regression y = X·w* + noise, MSE, hand-written gradient, lrkit's Adam, sequential batches. */
function regressionTrainable(
  seed = 1,
  kind: 'adam' | 'sgd' = 'adam',
  batch = 16,
): Trainable<RegressionSnapshot> & { weights: Float32Array; optimizerState(): OptimizerState } {
  const features = 4
  const samples = 256
  const normal = normalSource(mulberry32(seed))
  const truth = [1.5, -2, 0.5, 3]
  const inputs = Array.from({ length: samples }, () => Array.from({ length: features }, () => normal()))
  const targets = inputs.map((row) => row.reduce((sum, x, j) => sum + x * truth[j]!, 0) + 0.1 * normal())
  const weights = new Float32Array(features)
  const optimizer =
    kind === 'adam' ? adamOptimizer({ parameters: { weights } }) : sgdOptimizer({ parameters: { weights } })
  let cursor = 0
  return {
    weights,
    optimizerState: () => optimizer.state(),
    async snapshot() {
      return { weights: weights.slice(), optimizer: optimizer.state(), cursor }
    },
    async restore(saved) {
      weights.set(saved.weights)
      optimizer.load(saved.optimizer)
      cursor = saved.cursor
    },
    async trainStep(learningRate) {
      const gradient = new Float32Array(features)
      let loss = 0
      for (let b = 0; b < batch; b++) {
        const row = inputs[(cursor + b) % samples]!
        const error = row.reduce((sum, x, j) => sum + x * weights[j]!, 0) - targets[(cursor + b) % samples]!
        loss += (error * error) / batch
        for (let j = 0; j < features; j++) gradient[j] = gradient[j]! + (2 * error * row[j]!) / batch
      }
      cursor = (cursor + batch) % samples
      optimizer.step({ weights: gradient }, learningRate)
      return loss
    },
  }
}

/** A fake whose loss is a function of the learning rate and a per-step state counter. */
function fakeTrainable(lossAt: (learningRate: number, step: number) => number) {
  const state = { value: 0, restores: 0, snapshots: 0 }
  const trainable: Trainable<number> = {
    async snapshot() {
      state.snapshots += 1
      return state.value
    },
    async restore(saved) {
      state.restores += 1
      state.value = saved
    },
    async trainStep(learningRate, step) {
      state.value += 1
      return lossAt(learningRate, step)
    },
  }
  return { trainable, state }
}

/** An S-shaped range-test loss: flat, descent around 1e-3, blow-up above 0.1. */
function sLoss(learningRate: number): number {
  const x = Math.log10(learningRate)
  return 2 - 1.5 / (1 + Math.exp(-(x + 3) * 2.5)) + (x > -1 ? 30 * (x + 1) ** 2 : 0)
}

/** {@link sLoss} with 5 % seeded multiplicative minibatch noise. */
function noisySLoss(seed: number): (learningRate: number) => number {
  const normal = normalSource(mulberry32(seed))
  return (learningRate) => sLoss(learningRate) * (1 + 0.05 * normal())
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise
  } catch (error) {
    return error
  }
  throw new Error('expected a rejection')
}

describe('runRangeTest', () => {
  it('restores weights and Adam state bit-exactly: finder-then-train equals train-alone bit for bit', async () => {
    const tested = regressionTrainable()
    const alone = regressionTrainable()
    const result = await runRangeTest(tested, { steps: 100 })
    expect(result.points.length).toBeGreaterThan(20)
    expect(Array.from(tested.weights)).toEqual([0, 0, 0, 0])
    for (let step = 0; step < 60; step++) {
      const a = await tested.trainStep(0.05, step)
      const b = await alone.trainStep(0.05, step)
      expect(Object.is(a, b)).toBe(true)
    }
    expect(Buffer.from(tested.weights.buffer).equals(Buffer.from(alone.weights.buffer))).toBe(true)
    expect(tested.optimizerState()).toEqual(alone.optimizerState())
  })

  it('finds a sensible learning rate on the regression task (SGD, batch 32) and stops at divergence', async () => {
    const result = await runRangeTest(regressionTrainable(1, 'sgd', 32), {})
    expect(result.stoppedBy).toBe('diverged')
    expect(result.suggestion.rule).toBe('valley')
    const learningRate = result.suggestion.learningRate as number
    // E[xxᵀ] = I: the MSE Hessian is 2I, one-step optimum 0.5, divergence above ≈ 1
    expect(learningRate).toBeGreaterThan(1e-3)
    expect(learningRate).toBeLessThan(1)
    expect(result.points.at(-1)?.learningRate).toBeGreaterThan(0.5)
    expect(result.recommendedRange).toEqual({ min: learningRate / 10, max: learningRate })
  })

  it('records the fastai ladder at step 0 and the last step of a completed sweep', async () => {
    const { trainable } = fakeTrainable(() => 1)
    const result = await runRangeTest(trainable, { steps: 30, stopOnDivergence: false })
    expect(result.stoppedBy).toBe('completed')
    expect(result.points[0]).toEqual({ step: 0, learningRate: 1e-7, loss: 1 })
    expect(result.points[29]?.learningRate).toBe(1e-7 * 1e8 ** (29 / 30))
  })

  it('stops when the smoothed loss exceeds 4 × the best, and restores', async () => {
    const { trainable, state } = fakeTrainable(noisySLoss(5))
    const result = await runRangeTest(trainable)
    expect(result.stoppedBy).toBe('diverged')
    const last = result.runs[0]!.smoothed.at(-1) as number
    const best = Math.min(...result.runs[0]!.smoothed)
    expect(last).toBeGreaterThan(4 * best)
    expect(result.runs[0]!.smoothed.slice(0, -1).every((value) => value <= 4 * best)).toBe(true)
    expect(state).toEqual({ value: 0, restores: 1, snapshots: 1 })
    const learningRate = result.suggestion.learningRate as number
    expect(Math.log10(learningRate)).toBeGreaterThan(-3.5)
    expect(Math.log10(learningRate)).toBeLessThan(-2)
    expect(result.lowConfidence).toBeUndefined()
    expect(result.diagnostics.ruleSpreadDecades).toBeLessThan(1)
  })

  it('stops at exactly the first step where the smoothed loss exceeds 4 × the running best (positive losses)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const { trainable } = fakeTrainable(noisySLoss(seed))
      const result = await runRangeTest(trainable)
      const smoothed = result.runs[0]!.smoothed
      // Independent replay of fastai's rule: stop at the first value > 4 × min so far.
      let best = Number.POSITIVE_INFINITY
      let stop = -1
      for (let i = 0; i < smoothed.length && stop < 0; i++) {
        best = Math.min(best, smoothed[i]!)
        if (smoothed[i]! > 4 * best) stop = i
      }
      expect(result.stoppedBy).toBe('diverged')
      expect(stop).toBe(smoothed.length - 1)
    }
  })

  it('stops a sweep of negative losses that blows up (best < 0)', async () => {
    // A negative log-likelihood-like curve: −1.5 at the start, down to −3 past 1e-2, blow-up above 0.1.
    const negative = (learningRate: number) => sLoss(learningRate) - 3.5
    const { trainable, state } = fakeTrainable(negative)
    const result = await runRangeTest(trainable)
    expect(result.stoppedBy).toBe('diverged')
    const smoothed = result.runs[0]!.smoothed
    const first = smoothed[0]!
    // The stop is the first step where smoothed − best > 3 × max(|best|, first − best).
    let best = Number.POSITIVE_INFINITY
    let stop = -1
    for (let i = 0; i < smoothed.length && stop < 0; i++) {
      best = Math.min(best, smoothed[i]!)
      if (smoothed[i]! - best > 3 * Math.max(-best, first - best)) stop = i
    }
    expect(stop).toBe(smoothed.length - 1)
    // The smoothed best (≈ −2.27) sets the scale: the stop is above −2.27 + 3 × 2.27.
    expect(best).toBeLessThan(-2)
    expect(-best).toBeGreaterThan(first - best)
    expect(smoothed.at(-1)).toBeGreaterThan(best + 3 * -best)
    expect(result.points.length).toBeLessThan(100)
    expect(state).toEqual({ value: 0, restores: 1, snapshots: 1 })
    // The suggestion is found as on the positive curve (the rules only look at differences).
    const shifted = await runRangeTest(fakeTrainable(sLoss).trainable, { stopOnDivergence: false })
    expect(Math.log10(result.suggestion.learningRate as number)).toBeCloseTo(
      Math.log10(shifted.suggestion.learningRate as number),
      6,
    )
  })

  it('stops a sweep whose loss crosses zero and then blows up (best ≤ 0, scale = the descent)', async () => {
    // From ≈ 0.7 down to a smoothed best just below 0, then up: the descent sets the scale.
    const crossing = (learningRate: number) => sLoss(learningRate) - 1.3
    const result = await runRangeTest(fakeTrainable(crossing).trainable)
    expect(result.stoppedBy).toBe('diverged')
    const smoothed = result.runs[0]!.smoothed
    const best = Math.min(...smoothed)
    expect(best).toBeLessThanOrEqual(0)
    const scale = Math.max(-best, smoothed[0]! - best)
    expect(scale).toBe(smoothed[0]! - best)
    expect(scale).toBeGreaterThan(0.5)
    expect(smoothed.at(-1)! - best).toBeGreaterThan(3 * scale)
    expect(smoothed.slice(0, -1).every((value) => value - best <= 3 * scale)).toBe(true)
  })

  it('does not stop a negative-loss sweep that only descends and flattens', async () => {
    const flat = (learningRate: number) => 2 - 1.5 / (1 + Math.exp(-(Math.log10(learningRate) + 3) * 2.5)) - 4
    const result = await runRangeTest(fakeTrainable(flat).trainable)
    expect(result.stoppedBy).toBe('completed')
    expect(result.points).toHaveLength(100)
  })

  it('rejects a sweep whose end/start ratio overflows before calling the trainable (not a TrainableError)', async () => {
    const { trainable, state } = fakeTrainable(() => 1)
    const error = await rejection(runRangeTest(trainable, { startValue: 1e-300, endValue: 1e300 }))
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect(TrainableError.isInstance(error)).toBe(false)
    expect((error as InvalidArgumentError).argument).toBe('endValue')
    expect((error as Error).message).toBe(
      'endValue / startValue overflows (1e+300 / 1e-300 = Infinity): the exponential sweep from startValue 1e-300 to endValue 1e+300 over 100 steps would use the learning rate Infinity at step 1; every rate must be a finite number > 0, so lower endValue or raise startValue',
    )
    expect(state).toEqual({ value: 0, restores: 0, snapshots: 0 })
  })

  it('computes ruleSpreadDecades from the valley and slide picks only', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await runRangeTest(fakeTrainable(noisySLoss(seed)).trainable, { repeats: 1 })
      const valley = result.picks.valley.learningRate as number
      const slide = result.picks.slide.learningRate as number
      expect(result.diagnostics.ruleSpreadDecades).toBe(
        Math.log10(Math.max(valley, slide) / Math.min(valley, slide)),
      )
    }
    // A curve on which slide finds nothing: no spread, whatever steep and steepestGradient say.
    const short = await runRangeTest(fakeTrainable(sLoss).trainable, {
      steps: 15,
      skipStart: 0,
      skipEnd: 0,
      stopOnDivergence: false,
    })
    expect(short.picks.slide.learningRate).toBeUndefined()
    expect(short.picks.steep.learningRate).toBeDefined()
    expect(short.diagnostics.ruleSpreadDecades).toBe(0)
  })

  it('restores and rethrows a TrainableError with the cause when trainStep throws', async () => {
    const boom = new Error('out of memory')
    const { trainable, state } = fakeTrainable((_, step) => {
      if (step === 30) throw boom
      return 1
    })
    const error = await rejection(runRangeTest(trainable))
    expect(TrainableError.isInstance(error)).toBe(true)
    const wrapped = error as TrainableError
    expect(wrapped.cause).toBe(boom)
    expect(wrapped.phase).toBe('trainStep')
    expect(wrapped.step).toBe(30)
    expect(wrapped.restored).toBe(true)
    expect(wrapped.message).toMatch(
      /^runRangeTest: trainable.trainStep\(\) threw at step 30 \(learning rate 0\.0000251\d+\); the trainable was restored/,
    )
    expect(state.value).toBe(0)
    expect(state.restores).toBe(1)
  })

  it('reports a restore that fails after a failed step (restored: false, restoreError)', async () => {
    const boom = new Error('step failed')
    const restoreFailure = new Error('restore failed')
    const trainable: Trainable<number> = {
      snapshot: async () => 0,
      restore: async () => {
        throw restoreFailure
      },
      trainStep: async () => {
        throw boom
      },
    }
    const error = (await rejection(runRangeTest(trainable))) as TrainableError
    expect(TrainableError.isInstance(error)).toBe(true)
    expect(error.restored).toBe(false)
    expect(error.cause).toBe(boom)
    expect(error.restoreError).toBe(restoreFailure)
  })

  it('wraps a throwing snapshot without calling anything else', async () => {
    const failure = new Error('cannot clone')
    const { trainable, state } = fakeTrainable(() => 1)
    trainable.snapshot = async () => {
      throw failure
    }
    const error = (await rejection(runRangeTest(trainable))) as TrainableError
    expect(error.phase).toBe('snapshot')
    expect(error.cause).toBe(failure)
    expect(state.value).toBe(0)
  })

  it('reports NaN from the first trainStep, restores, and flags low confidence', async () => {
    const { trainable, state } = fakeTrainable(() => Number.NaN)
    const result = await runRangeTest(trainable)
    expect(result.stoppedBy).toBe('nonFinite')
    expect(result.runs[0]!.nonFinite).toEqual({ step: 0, learningRate: 1e-7, which: 'loss', value: 'NaN' })
    expect(result.points).toEqual([])
    expect(result.suggestion.learningRate).toBeUndefined()
    expect(result.recommendedRange).toBeUndefined()
    expect(result.lowConfidence?.reasons).toContain('the sweep stopped after 0 points (fewer than 20)')
    expect(state).toEqual({ value: 0, restores: 1, snapshots: 1 })
  })

  it('stops at an infinite loss mid-sweep', async () => {
    const { trainable } = fakeTrainable((learningRate) =>
      learningRate > 1e-2 ? Number.POSITIVE_INFINITY : sLoss(learningRate),
    )
    const result = await runRangeTest(trainable)
    expect(result.stoppedBy).toBe('nonFinite')
    expect(result.runs[0]!.nonFinite?.value).toBe('Infinity')
  })

  it('flags a flat curve as low confidence (no descent beyond the noise)', async () => {
    const normal = normalSource(mulberry32(3))
    const { trainable } = fakeTrainable(() => 1 + 0.05 * normal())
    const result = await runRangeTest(trainable, { stopOnDivergence: false })
    expect(result.lowConfidence?.reasons.some((reason) => reason.startsWith('no clear descent'))).toBe(true)
  })

  it('round-trips through JSON unchanged', async () => {
    const { trainable } = fakeTrainable((learningRate) => sLoss(learningRate))
    const result = await runRangeTest(trainable, { repeats: 2 })
    expect(JSON.parse(JSON.stringify(result))).toStrictEqual(result)
    const { trainable: broken } = fakeTrainable((_, step) => (step === 25 ? Number.NaN : 1))
    const failed = await runRangeTest(broken)
    expect(JSON.parse(JSON.stringify(failed))).toStrictEqual(failed)
  })

  it('aggregates repeats by the geometric mean of picks and the median of curves', async () => {
    let repeat = -1
    const shifts = [1, 4, 16]
    const trainable: Trainable<null> = {
      snapshot: async () => null,
      restore: async () => {},
      trainStep: async (learningRate, step) => {
        if (step === 0) repeat += 1
        return sLoss(learningRate / (shifts[repeat] as number))
      },
    }
    const result = await runRangeTest(trainable, { repeats: 3 })
    expect(result.runs).toHaveLength(3)
    const picks = result.runs.map((run) => run.picks.valley.learningRate as number)
    const geometric = Math.cbrt(picks[0]! * picks[1]! * picks[2]!)
    expect(result.suggestion.learningRate).toBeCloseTo(geometric, 12)
    expect(result.curve.losses[50]).toBe(
      [...result.runs.map((run) => run.smoothed[50] as number)].sort((a, b) => a - b)[1],
    )
    expect(result.diagnostics.repeatSpreadDecades).toBeGreaterThan(0.2)
  })

  it('records and analyses the validation loss with validation "use"', async () => {
    const { trainable } = fakeTrainable((learningRate) => sLoss(learningRate))
    let last = 0
    const original = trainable.trainStep
    trainable.trainStep = async (learningRate, step) => {
      last = learningRate
      return original(learningRate, step)
    }
    trainable.evaluate = async () => sLoss(last * 2)
    const result = await runRangeTest(trainable, { validation: 'use' })
    expect(result.points[0]?.validationLoss).toBe(sLoss(2e-7))
    expect(result.runs[0]!.smoothed[0]).toBe(sLoss(2e-7))
  })

  it.each([
    [{ startValue: 1, endValue: 0.1 }, 'endValue must be a number > startValue (1), got 0.1'],
    [{ startValue: 0 }, 'startValue must be a finite number > 0, got 0'],
    [{ endValue: -1 }, 'endValue must be a finite number > 0, got -1'],
    [{ steps: 4 }, 'steps must be an integer >= 7 (skipStart + skipEnd + 2 points to analyse), got 4'],
    [
      { steps: 20, skipStart: 10, skipEnd: 10 },
      'steps must be an integer >= 22 (skipStart + skipEnd + 2 points to analyse), got 20',
    ],
    [{ beta: 1 }, 'beta must be a number with 0 <= beta < 1, got 1'],
    [{ divergenceFactor: 1 }, 'divergenceFactor must be a number with 1 < divergenceFactor, got 1'],
    [{ repeats: 0 }, 'repeats must be a positive integer, got 0'],
    [
      { rule: 'lightning' },
      'rule must be one of "valley", "steep", "minimum", "slide", "steepestGradient", got "lightning"',
    ],
    [{ validation: 'yes' }, 'validation must be one of "none", "record", "use", got "yes"'],
    [{ stopOnDivergence: 'no' }, 'stopOnDivergence must be true or false, got "no"'],
    [
      { numIt: 100 },
      'numIt is not an option of runRangeTest; allowed: startValue, endValue, steps, mode, includeEnd, beta, divergenceFactor, stopOnDivergence, repeats, rule, skipStart, skipEnd, validation',
    ],
  ])('rejects %j before touching the trainable', async (options, message) => {
    const { trainable, state } = fakeTrainable(() => 1)
    const error = await rejection(runRangeTest(trainable, options as never))
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toBe(message)
    expect(state.snapshots).toBe(0)
  })

  const zero = async (): Promise<number> => 0
  const nothing = async (): Promise<void> => {}
  const one = async (): Promise<number> => 1
  it.each<[unknown, string]>([
    [null, 'trainable must be a Trainable object, got null'],
    [{ snapshot: zero, restore: nothing, trainStep: 5 }, 'trainStep'],
    [{ snapshot: zero, trainStep: one }, 'restore'],
  ])('rejects an invalid trainable %#', async (trainable, fragment) => {
    const error = await rejection(runRangeTest(trainable as never))
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    expect((error as Error).message).toContain(fragment)
  })

  it('names the non-function trainStep in the message', async () => {
    const error = await rejection(
      runRangeTest({ snapshot: async () => 0, restore: async () => {}, trainStep: 5 } as never),
    )
    expect((error as Error).message).toBe('trainable.trainStep must be a function, got 5')
  })

  it('requires evaluate for validation "record"', async () => {
    const { trainable } = fakeTrainable(() => 1)
    const error = await rejection(runRangeTest(trainable, { validation: 'record' }))
    expect((error as Error).message).toBe(
      'trainable.evaluate must be a function (validation is "record"), got undefined',
    )
  })
})
