import { expectClose, expectInvalidArgument } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { minimumSuggestion } from './minimum-suggestion'
import { rangeTestSchedule } from './range-test-schedule'
import { slideSuggestion } from './slide-suggestion'
import { steepSuggestion } from './steep-suggestion'
import { steepestGradientSuggestion } from './steepest-gradient-suggestion'
import { suggestLearningRate } from './suggest-learning-rate'
import type { LossCurve } from './suggestion'
import { valleySuggestion } from './valley-suggestion'

const noTrim = { skipStart: 0, skipEnd: 0 }
const small: LossCurve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.9, 0.4, 0.3] }
const ladder = rangeTestSchedule().values

/** An S-shaped range-test curve on the default ladder: flat, descent centred at 1e-3, blow-up after 1e-1. */
function sCurve(): LossCurve {
  const losses = ladder.map((learningRate) => {
    const x = Math.log10(learningRate)
    const descent = 2 - 1.5 / (1 + Math.exp(-(x + 3) * 2.5))
    const blowUp = x > -1 ? 3 * (x + 1) ** 2 : 0
    return descent + blowUp
  })
  return { learningRates: [...ladder], losses }
}

describe('valleySuggestion', () => {
  it('picks index 3 on 10, 9, …, 1 then rising (fastai arithmetic: maxStart −1, L 10, −1 + 3 + 1)', () => {
    const losses = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]
    const curve = { learningRates: losses.map((_, i) => 10 ** (i - 10)), losses }
    const pick = valleySuggestion(curve, noTrim)
    expect(pick).toEqual({
      rule: 'valley',
      learningRate: 1e-7,
      index: 3,
      bounds: { startIndex: 0, endIndex: 9 },
    })
  })

  it('picks the middle of the descent of an S-curve, ignoring the blow-up', () => {
    const pick = valleySuggestion(sCurve())
    expect(pick.learningRate).toBeDefined()
    const log = Math.log10(pick.learningRate as number)
    expect(log).toBeGreaterThan(-4.5)
    expect(log).toBeLessThan(-2)
  })

  it('reproduces the stale maxStart quirk of fastai (maxStart is set when maxEnd moves)', () => {
    // i = 3: lds[3] reaches 2 at j = 0 (maxEnd 3, maxStart 1), then 3 at j = 2 without updating maxStart
    const losses = [5, 1, 4, 3]
    const curve = { learningRates: [1, 2, 3, 4], losses }
    // lds = [1, 2, 2, 3]: maxEnd moves to 1 (maxStart −1), then to 3 when lds[3] = 3 > 2 (maxStart 0)
    const pick = valleySuggestion(curve, noTrim)
    expect(pick.learningRate !== undefined && pick.index).toBe(1)
  })

  it('trims ⌊n/10⌋ and 5 points by default and reports indices into the untrimmed curve', () => {
    const pick = valleySuggestion(sCurve())
    expect(pick.learningRate !== undefined && pick.index >= 10).toBe(true)
  })

  it('returns a reason when fewer than 2 points remain', () => {
    expect(valleySuggestion({ learningRates: [1, 2, 3], losses: [3, 2, 1] })).toEqual({
      rule: 'valley',
      reason: 'valley needs at least 2 finite points after trimming, got 0',
    })
  })

  it('cuts the curve at the first NaN (fastai #3477)', () => {
    const pick = valleySuggestion(
      { learningRates: [1, 2, 3, 4, 5], losses: [5, 4, Number.NaN, 1, 0] },
      noTrim,
    )
    // [5, 4] remain: maxStart −1, L 2, idx −1 → Python's last element
    expect(pick).toEqual({
      rule: 'valley',
      learningRate: 2,
      index: 1,
      bounds: { startIndex: 0, endIndex: 1 },
    })
  })
})

describe('steepSuggestion', () => {
  it('picks the left end of the steepest segment against ln lr', () => {
    expect(steepSuggestion(small, noTrim)).toEqual({ rule: 'steep', learningRate: 1e-2, index: 1 })
  })

  it('uses ln-lr spacing, not index spacing', () => {
    // equal loss steps, but the second interval is 10× wider in ln lr
    const curve = { learningRates: [1, 2, 20, 40], losses: [3, 2, 1, 0.5] }
    expect(steepSuggestion(curve, noTrim)).toMatchObject({ index: 0 })
  })
})

describe('minimumSuggestion', () => {
  it('returns the lr of the lowest loss divided by 10', () => {
    const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.5, 0.2, 3] }
    const pick = minimumSuggestion(curve, noTrim)
    expect(pick.learningRate !== undefined && pick.index).toBe(2)
    expectClose(pick.learningRate as number, 1e-2, { rtol: 1e-12 })
  })

  it('honours divisor', () => {
    const pick = minimumSuggestion(small, { ...noTrim, divisor: 1 })
    expect(pick.learningRate).toBe(1)
  })
})

describe('slideSuggestion', () => {
  it('walks to the leftmost point on a large-scale MSE curve (6.3e-7 = lr[10] of the default sweep)', () => {
    const losses = ladder.map((_, i) => 60 - 0.3 * i + 0.01 * i * i)
    const pick = slideSuggestion({ learningRates: [...ladder], losses })
    expect(pick.learningRate !== undefined && pick.index).toBe(10)
    expectClose(pick.learningRate as number, 6.309573444801943e-7, { rtol: 1e-12 })
  })

  it('stops at once when the gradients agree (straight line)', () => {
    const losses = ladder.map((_, i) => 2 - 0.01 * i)
    const pick = slideSuggestion({ learningRates: [...ladder], losses }, noTrim)
    expect(pick).toEqual({ rule: 'slide', learningRate: ladder[99 - 15], index: 84 })
  })

  it('applies adjustValue', () => {
    const losses = ladder.map((_, i) => 2 - 0.01 * i)
    const pick = slideSuggestion({ learningRates: [...ladder], losses }, { ...noTrim, adjustValue: 0.5 })
    expect(pick.learningRate).toBe((ladder[84] as number) * 0.5)
  })

  it('returns a reason with fewer than lrDiff + 1 points', () => {
    expect(slideSuggestion(small, noTrim)).toEqual({
      rule: 'slide',
      reason: 'slide needs at least lrDiff + 1 = 16 finite points after trimming, got 4',
    })
  })
})

describe('steepestGradientSuggestion', () => {
  it('takes argmin of the central index gradient', () => {
    const curve = { learningRates: [1e-3, 1e-2, 1e-1, 1], losses: [1, 0.9, 0.3, 0.25] }
    expect(steepestGradientSuggestion(curve, noTrim)).toEqual({
      rule: 'steepestGradient',
      learningRate: 1e-2,
      index: 1,
    })
  })

  it('trims 10 and 5 by default (torch-lr-finder) and finds the steepest point of the S-curve near 1e-3', () => {
    const pick = steepestGradientSuggestion(sCurve())
    expect(pick.learningRate !== undefined && Math.abs(Math.log10(pick.learningRate) + 3) < 0.1).toBe(true)
  })

  it('returns a reason when fewer than 2 points remain', () => {
    expect(steepestGradientSuggestion(small)).toEqual({
      rule: 'steepestGradient',
      reason: 'steepestGradient needs at least 2 finite points after trimming, got 0',
    })
  })
})

describe('suggestLearningRate', () => {
  it('defaults to valley', () => {
    expect(suggestLearningRate(sCurve())).toEqual(valleySuggestion(sCurve()))
  })

  it('dispatches to each rule', () => {
    expect(suggestLearningRate(small, { rule: 'steep', ...noTrim })).toEqual(steepSuggestion(small, noTrim))
    expect(suggestLearningRate(small, { rule: 'minimum', divisor: 2, ...noTrim })).toEqual(
      minimumSuggestion(small, { divisor: 2, ...noTrim }),
    )
  })

  it.each([
    [
      { rule: 'median' },
      'rule must be one of "valley", "steep", "minimum", "slide", "steepestGradient", got "median"',
    ],
    [
      { divisor: 3 },
      'divisor is not an option of suggestLearningRate (rule "valley"); allowed: skipStart, skipEnd',
    ],
    [{ skipStart: -1 }, 'skipStart must be a non-negative integer, got -1'],
    [{ rule: 'slide', thresh: -1 }, 'thresh must be a finite number >= 0, got -1'],
    [{ rule: 'slide', lrDiff: 0 }, 'lrDiff must be a positive integer, got 0'],
    [{ rule: 'minimum', divisor: 0 }, 'divisor must be a finite number > 0, got 0'],
  ])('rejects %j', (options, message) => {
    expectInvalidArgument(() => suggestLearningRate(small, options as never), message)
  })

  it.each([
    [
      { rule: 'slide', divisor: 2 },
      'divisor is not an option of suggestLearningRate (rule "slide"); allowed: skipStart, skipEnd, lrDiff, thresh, adjustValue',
    ],
    [
      { rule: 'minimum', lrDiff: 2 },
      'lrDiff is not an option of suggestLearningRate (rule "minimum"); allowed: skipStart, skipEnd, divisor',
    ],
    [
      { rule: 'steep', divisor: 2 },
      'divisor is not an option of suggestLearningRate (rule "steep"); allowed: skipStart, skipEnd',
    ],
    [
      { rule: 'steepestGradient', skip: 2 },
      'skip is not an option of suggestLearningRate (rule "steepestGradient"); allowed: skipStart, skipEnd',
    ],
  ])('names the rule when an option belongs to another rule: %j', (options, message) => {
    expectInvalidArgument(() => suggestLearningRate(small, options as never), message)
  })

  it.each([
    [
      'valleySuggestion',
      valleySuggestion,
      'divisor is not an option of valleySuggestion; allowed: skipStart, skipEnd',
    ],
    [
      'steepSuggestion',
      steepSuggestion,
      'divisor is not an option of steepSuggestion; allowed: skipStart, skipEnd',
    ],
    [
      'steepestGradientSuggestion',
      steepestGradientSuggestion,
      'divisor is not an option of steepestGradientSuggestion; allowed: skipStart, skipEnd',
    ],
    [
      'slideSuggestion',
      slideSuggestion,
      'divisor is not an option of slideSuggestion; allowed: skipStart, skipEnd, lrDiff, thresh, adjustValue',
    ],
  ])('%s rejects an unknown option', (_, rule, message) => {
    expectInvalidArgument(() => rule(small, { divisor: 2 } as never), message)
  })

  it('minimumSuggestion rejects an unknown option; every rule rejects options that are not an object', () => {
    expectInvalidArgument(
      () => minimumSuggestion(small, { lrDiff: 2 } as never),
      'lrDiff is not an option of minimumSuggestion; allowed: skipStart, skipEnd, divisor',
    )
    for (const rule of [
      valleySuggestion,
      steepSuggestion,
      steepestGradientSuggestion,
      slideSuggestion,
      minimumSuggestion,
      suggestLearningRate,
    ]) {
      expectInvalidArgument(() => rule(small, [] as never), 'options must be an options object, got []')
    }
  })

  it.each([
    [
      { learningRates: [1, 2], losses: [1] },
      'curve.losses must have the length of curve.learningRates (2), got 1',
    ],
    [
      { learningRates: [0, 2], losses: [1, 2] },
      'curve.learningRates must be an array of finite numbers > 0, got [0,2]',
    ],
    [{ learningRates: [1], losses: 'x' }, 'curve.losses must be an array of numbers, got "x"'],
    [null, 'curve must be an object { learningRates, losses }, got null'],
  ])('rejects the malformed curve %j', (curve, message) => {
    expectInvalidArgument(() => suggestLearningRate(curve as never), message)
  })
})
