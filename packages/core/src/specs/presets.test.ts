import { expectAllClose, expectClose } from '@lrkit/test-utils'
import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import {
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from './presets'
import { parseScheduleSpec, schedule } from './schedule'

function messageOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    expect(InvalidArgumentError.isInstance(error)).toBe(true)
    return (error as Error).message
  }
  return 'ok'
}

/** HF `get_linear_schedule_with_warmup` multiplier, transcribed from its documented formula. */
function hfLinearWithWarmup(step: number, warmup: number, total: number): number {
  if (step < warmup) return step / Math.max(1, warmup)
  return Math.max(0, (total - step) / Math.max(1, total - warmup))
}

/** fastai `combined_cos(0.25, lr/25, lr, lr/1e5)` at `pos = step / total`. */
function fastaiOneCycle(step: number, total: number, peak: number): number {
  const pos = step / total
  const cos = (start: number, end: number, p: number) =>
    start + ((1 + Math.cos(Math.PI * (1 - p))) * (end - start)) / 2
  return pos < 0.25 ? cos(peak / 25, peak, pos / 0.25) : cos(peak, peak / 1e5, (pos - 0.25) / 0.75)
}

/** ULMFiT STLR, Howard & Ruder 2018 eq. 3. */
function stlr(step: number, total: number, peak: number, cutFraction = 0.1, ratio = 32): number {
  const cut = Math.floor(total * cutFraction)
  const p = step < cut ? step / cut : 1 - (step - cut) / (cut * (1 / cutFraction - 1))
  return (peak * (1 + p * (ratio - 1))) / ratio
}

describe('transformerFineTunePreset', () => {
  it('produces a valid spec with HF warmup steps ceil(T · 0.06)', () => {
    const spec = transformerFineTunePreset({ totalSteps: 1000 })
    expect(parseScheduleSpec(spec)).toEqual(spec)
    expect(spec).toEqual({
      kind: 'warmup',
      warmupSteps: 60,
      initValue: 0,
      schedule: { kind: 'linear', initValue: 2e-5, endValue: 0, transitionSteps: 940 },
    })
  })

  it('equals HF get_linear_schedule_with_warmup × peak: step 0, last warmup step, peak, end, past end', () => {
    for (const totalSteps of [10, 100, 1000, 1234]) {
      const lr = schedule(transformerFineTunePreset({ peakValue: 3e-5, totalSteps }))
      const warmup = Math.ceil(totalSteps * 0.06)
      const steps = [
        0,
        warmup - 1,
        warmup,
        warmup + 1,
        Math.floor(totalSteps / 2),
        totalSteps - 1,
        totalSteps,
        totalSteps + 5,
      ]
      expectAllClose(
        steps.map(lr),
        steps.map((step) => 3e-5 * hfLinearWithWarmup(step, warmup, totalSteps)),
        { rtol: 1e-12, atol: 1e-18 },
      )
    }
  })

  it('documented example values', () => {
    const lr = schedule(transformerFineTunePreset({ peakValue: 2e-5, totalSteps: 1000 }))
    expectAllClose([0, 30, 60, 530, 1000].map(lr), [0, 1e-5, 2e-5, 1e-5, 0], { rtol: 1e-12, atol: 1e-18 })
  })

  it('invalid options', () => {
    expect(messageOf(() => transformerFineTunePreset({ totalSteps: 0 }))).toBe(
      'totalSteps must be a positive integer, got 0',
    )
    expect(messageOf(() => transformerFineTunePreset({ totalSteps: 10, warmupFraction: 1 }))).toBe(
      'warmupFraction must be a number with 0 <= warmupFraction < 1, got 1',
    )
    expect(messageOf(() => transformerFineTunePreset({ totalSteps: 1 }))).toBe(
      'totalSteps must be an integer with ceil(totalSteps × warmupFraction) < totalSteps (warmupFraction = 0.06), so that the decay has a positive length, got 1',
    )
    expect(messageOf(() => transformerFineTunePreset({ totalSteps: 10, warmup: 1 } as never))).toBe(
      'warmup is not an option of transformerFineTunePreset; allowed: peakValue, totalSteps, warmupFraction',
    )
  })
})

describe('visionOneCyclePreset', () => {
  it('produces a valid oneCycle spec with fastai defaults', () => {
    const spec = visionOneCyclePreset({ peakValue: 1e-3, totalSteps: 100 })
    expect(parseScheduleSpec(spec)).toEqual(spec)
    expect(spec).toMatchObject({ pctStart: 0.25, divFactor: 25, finalDivFactor: 4000, annealStrategy: 'cos' })
  })

  it('equals fastai fit_one_cycle when T is a multiple of 4: step 0, peak, phase boundaries, last step', () => {
    for (const totalSteps of [4, 40, 100, 1000]) {
      const lr = schedule(visionOneCyclePreset({ peakValue: 1e-3, totalSteps }))
      const peakStep = totalSteps / 4
      const steps = [
        0,
        1,
        peakStep - 1,
        peakStep,
        peakStep + 1,
        Math.floor((3 * totalSteps) / 5),
        totalSteps - 1,
      ]
      expectAllClose(
        steps.map(lr),
        steps.map((step) => fastaiOneCycle(step, totalSteps, 1e-3)),
        { rtol: 1e-9, atol: 1e-18 },
      )
    }
  })

  it('boundary values: start peak/25, peak at T/4, end peak/1e5 and held after', () => {
    const lr = schedule(visionOneCyclePreset({ peakValue: 1e-3, totalSteps: 100 }))
    expectClose(lr(0), 4e-5, { rtol: 1e-12 })
    expectClose(lr(25), 1e-3, { rtol: 1e-12 })
    expectClose(lr(100), 1e-8, { rtol: 1e-9 })
    expectClose(lr(1e12), 1e-8, { rtol: 1e-9 })
  })

  it('invalid options', () => {
    expect(messageOf(() => visionOneCyclePreset({ peakValue: 1e-3, totalSteps: 3 }))).toBe(
      'totalSteps must be an integer >= 4, got 3',
    )
    expect(messageOf(() => visionOneCyclePreset({ peakValue: -1, totalSteps: 8 }))).toBe(
      'peakValue must be a finite number >= 0, got -1',
    )
  })
})

describe('ulmfitSlantedTriangularPreset', () => {
  it('produces a valid piecewiseInterpolate spec with knots [0, cut, T]', () => {
    const spec = ulmfitSlantedTriangularPreset({ peakValue: 0.01, totalSteps: 1000 })
    expect(parseScheduleSpec(spec)).toEqual(spec)
    expect(spec).toEqual({
      kind: 'piecewiseInterpolate',
      boundaries: [0, 100, 1000],
      values: [0.01 / 32, 0.01, 0.01 / 32],
      interpolation: 'linear',
    })
  })

  it('equals Howard & Ruder eq. 3 at every step when T · cut_frac is an integer', () => {
    for (const [totalSteps, cutFraction, ratio] of [
      [1000, 0.1, 32],
      [50, 0.2, 10],
      [30, 0.1, 32],
    ] as const) {
      const lr = schedule(ulmfitSlantedTriangularPreset({ peakValue: 0.01, totalSteps, cutFraction, ratio }))
      const steps = Array.from({ length: totalSteps + 1 }, (_, step) => step)
      expectAllClose(
        steps.map(lr),
        steps.map((step) => stlr(step, totalSteps, 0.01, cutFraction, ratio)),
        {
          rtol: 1e-12,
          atol: 1e-15,
        },
      )
    }
  })

  it('documented example values; holds peak/ratio past the end', () => {
    const lr = schedule(ulmfitSlantedTriangularPreset({ peakValue: 0.01, totalSteps: 1000 }))
    expectAllClose([0, 100, 550, 1000, 1e12].map(lr), [0.0003125, 0.01, 0.00515625, 0.0003125, 0.0003125], {
      rtol: 1e-12,
    })
  })

  it('cut is at least 1 step', () => {
    expect(ulmfitSlantedTriangularPreset({ peakValue: 1, totalSteps: 5 }).boundaries).toEqual([0, 1, 5])
  })

  it('invalid options', () => {
    expect(messageOf(() => ulmfitSlantedTriangularPreset({ peakValue: 1, totalSteps: 1 }))).toBe(
      'totalSteps must be an integer >= 2, got 1',
    )
    expect(
      messageOf(() => ulmfitSlantedTriangularPreset({ peakValue: 1, totalSteps: 10, cutFraction: 1 })),
    ).toBe('cutFraction must be a number with 0 < cutFraction < 1, got 1')
    expect(messageOf(() => ulmfitSlantedTriangularPreset({ peakValue: 1, totalSteps: 10, ratio: 0.5 }))).toBe(
      'ratio must be a number with 1 <= ratio, got 0.5',
    )
  })
})

describe('warmupStableDecayPreset', () => {
  const options = { peakValue: 1e-3, totalSteps: 1000, warmupFraction: 0.01, decayFraction: 0.2 }

  it('produces a valid warmupStableDecay spec with the 1-sqrt decay', () => {
    const spec = warmupStableDecayPreset(options)
    expect(parseScheduleSpec(spec)).toEqual(spec)
    expect(spec).toMatchObject({
      warmupSteps: 10,
      stableSteps: 790,
      decaySteps: 200,
      decayType: 'sqrt',
      endValue: 0,
    })
  })

  it('matches Hägele et al. 1-sqrt cooldown: step 0, end of warmup, decay start, mid decay, end, past end', () => {
    const lr = schedule(warmupStableDecayPreset(options))
    const reference = (step: number) =>
      step < 10
        ? (1e-3 * step) / 10
        : step < 800
          ? 1e-3
          : step < 1000
            ? 1e-3 * (1 - Math.sqrt((step - 800) / 200))
            : 0
    const steps = [0, 5, 9, 10, 500, 799, 800, 850, 999, 1000, 1e12]
    expectAllClose(steps.map(lr), steps.map(reference), { rtol: 1e-12, atol: 1e-18 })
    expectClose(lr(850), 5e-4, { rtol: 1e-12 })
  })

  it('HF warmup_stable_decay reference vector (W=2, S=4, D=4, 1-sqrt, r=0) up to the min ratio', () => {
    const lr = schedule(
      warmupStableDecayPreset({ peakValue: 1, totalSteps: 10, warmupFraction: 0.2, decayFraction: 0.4 }),
    )
    const expected = [
      0,
      0.5,
      1,
      1,
      1,
      1,
      1,
      1 - Math.sqrt(0.25),
      1 - Math.sqrt(0.5),
      1 - Math.sqrt(0.75),
      0,
      0,
    ]
    expectAllClose(
      Array.from({ length: 12 }, (_, step) => lr(step)),
      expected,
      { rtol: 1e-12, atol: 1e-15 },
    )
  })

  it('invalid options', () => {
    expect(messageOf(() => warmupStableDecayPreset({ ...options, decayFraction: 0 }))).toBe(
      'decayFraction must be a number with 0 < decayFraction <= 1, got 0',
    )
    expect(
      messageOf(() => warmupStableDecayPreset({ ...options, warmupFraction: 0.9, decayFraction: 0.2 })),
    ).toBe(
      'decayFraction must be a number with decayFraction <= 1 - warmupFraction (0.09999999999999998), got 0.2',
    )
  })
})
