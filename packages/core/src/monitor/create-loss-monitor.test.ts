import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { mulberry32, normalSource } from '../internal/seeded-random'
import { createLossMonitor, type LossMonitorOptions, type MonitorEvent } from './create-loss-monitor'

type Generator = (step: number, normal: () => number) => number

/** Feeds `steps` losses; returns every event. */
function run(
  generate: Generator,
  seed: number,
  steps: number,
  options: LossMonitorOptions = {},
): MonitorEvent[] {
  const normal = normalSource(mulberry32(seed * 7919 + 1))
  const monitor = createLossMonitor(options)
  const events: MonitorEvent[] = []
  for (let step = 0; step < steps; step++)
    events.push(...monitor.observe(generate(step, normal), { step, learningRate: 0.01 }))
  return events
}

const clean =
  (tau: number, sigma: number, multiplicative: boolean): Generator =>
  (step, normal) => {
    const value = 0.5 + 2 * Math.exp(-step / tau)
    return multiplicative ? value * (1 + (sigma / 0.5) * normal()) : value + sigma * normal()
  }

/** First step ≥ `onset` at which an event of `kind` fired, minus the onset (Infinity if none). */
function latency(events: readonly MonitorEvent[], kind: MonitorEvent['kind'], onset: number): number {
  const hit = events.find((event) => event.kind === kind && event.step >= onset)
  return hit ? hit.step - onset : Number.POSITIVE_INFINITY
}

describe('createLossMonitor', () => {
  it('raises no false alarm on clean exponential decays with Gaussian noise (144 seeded runs, ≤ 1 %)', () => {
    const totalSteps = 500
    let runs = 0
    let alarmed = 0
    const kinds: string[] = []
    for (const tau of [totalSteps / 4, totalSteps / 2, totalSteps]) {
      // σ = 0.4 %, 4 % and 20 % of the final loss 0.5 (additive), or the same fraction of the loss (multiplicative)
      for (const sigma of [0.002, 0.02, 0.1]) {
        for (const multiplicative of [false, true]) {
          for (let seed = 0; seed < 8; seed++) {
            const events = run(clean(tau, sigma, multiplicative), seed, totalSteps, { totalSteps })
            runs += 1
            if (events.length > 0) {
              alarmed += 1
              kinds.push(...events.map((event) => event.kind))
            }
          }
        }
      }
    }
    expect(runs).toBe(144)
    expect(alarmed / runs, `false alarms: ${kinds.join(', ')}`).toBeLessThanOrEqual(0.01)
    expect(alarmed).toBe(0)
  })

  it('reports a NaN loss at its step, once per non-finite streak', () => {
    const monitor = createLossMonitor()
    for (let step = 0; step < 50; step++) expect(monitor.observe(1 - step * 0.001)).toEqual([])
    const events = monitor.observe(Number.NaN, { learningRate: 0.3 })
    expect(events).toEqual([
      {
        kind: 'diverged',
        step: 50,
        learningRate: 0.3,
        evidence: { nonFinite: 1, lastFiniteLoss: 1 - 49 * 0.001 },
        suggestedFactor: 0.1,
      },
    ])
    expect(monitor.observe(Number.POSITIVE_INFINITY)).toEqual([])
    expect(monitor.observe(0.9)).toEqual([])
    expect(monitor.observe(Number.NaN)).toHaveLength(1)
    expect(monitor.observed).toBe(54)
  })

  it('detects a 10 %/step blow-up within 25 steps, and fires once (10 seeds)', () => {
    const onset = 150
    for (let seed = 0; seed < 10; seed++) {
      const events = run(
        (step, normal) =>
          (0.5 + 2 * Math.exp(-step / 100)) * (step > onset ? 1.1 ** (step - onset) : 1) + 0.02 * normal(),
        seed,
        260,
      )
      expect(latency(events, 'diverged', onset)).toBeLessThanOrEqual(25)
      expect(events.filter((event) => event.kind === 'diverged')).toHaveLength(1)
      expect(events.filter((event) => event.step < onset)).toEqual([])
    }
  })

  it('reports the same diverged event, to the bit, as the ratio rule on positive losses', () => {
    const onset = 150
    const events = run(
      (step, normal) =>
        (0.5 + 2 * Math.exp(-step / 100)) * (step > onset ? 1.1 ** (step - onset) : 1) + 0.02 * normal(),
      3,
      260,
    )
    const diverged = events.find((event) => event.kind === 'diverged')!
    expect(Object.keys(diverged.evidence)).toEqual(['smoothedLoss', 'runningMinimum', 'factor'])
    const { smoothedLoss, runningMinimum, factor } = diverged.evidence as Record<string, number>
    expect(smoothedLoss).toBeGreaterThan(4 * runningMinimum!)
    expect(factor).toBe(smoothedLoss! / runningMinimum!)
  })

  it('detects a blow-up of negative losses (running minimum < 0) and reports the scale it used (10 seeds)', () => {
    const onset = 150
    for (let seed = 0; seed < 10; seed++) {
      // −1 down to ≈ −5 (a negative log-likelihood), then a blow-up growing 10 %/step.
      const events = run(
        (step, normal) =>
          -5 +
          4 * Math.exp(-step / 40) +
          (step > onset ? 0.5 * (1.1 ** (step - onset) - 1) : 0) +
          0.02 * normal(),
        seed,
        260,
      )
      expect(events.filter((event) => event.step < onset)).toEqual([])
      expect(latency(events, 'diverged', onset)).toBeLessThanOrEqual(45)
      const diverged = events.filter((event) => event.kind === 'diverged')
      expect(diverged).toHaveLength(1)
      const { smoothedLoss, runningMinimum, scale, limit } = diverged[0]!.evidence as Record<string, number>
      expect(Object.keys(diverged[0]!.evidence)).toEqual(['smoothedLoss', 'runningMinimum', 'scale', 'limit'])
      expect(runningMinimum).toBeLessThan(-4.8)
      // |minimum| ≈ 5 exceeds the descent ≈ 4 from the first loss −1: it is the scale.
      expect(scale).toBe(-runningMinimum!)
      expect(limit).toBe(runningMinimum! + 3 * scale!)
      expect(smoothedLoss).toBeGreaterThan(limit!)
      expect(diverged[0]!.suggestedFactor).toBe(0.1)
    }
  })

  it('detects a blow-up after the loss crossed zero, with the descent as the scale, and re-arms', () => {
    const monitor = createLossMonitor()
    const events: MonitorEvent[] = []
    // 2 → −0.2 (a smoothed minimum just below 0; descent ≈ 2.2), blow-up, recovery, second blow-up.
    const loss = (step: number) => {
      if (step < 100) return -0.2 + 2.2 * Math.exp(-step / 10)
      if (step < 140) return -0.2 + 0.1 * 1.2 ** (step - 100)
      if (step < 200) return -0.2
      return -0.2 + 0.1 * 1.2 ** (step - 200)
    }
    for (let step = 0; step < 240; step++) events.push(...monitor.observe(loss(step), { step }))
    const diverged = events.filter((event) => event.kind === 'diverged')
    expect(diverged.map((event) => event.step)).toHaveLength(2)
    expect(diverged[0]!.step).toBeGreaterThan(100)
    expect(diverged[0]!.step).toBeLessThan(140)
    expect(diverged[1]!.step).toBeGreaterThan(200)
    for (const event of diverged) {
      const { smoothedLoss, runningMinimum, scale, limit } = event.evidence as Record<string, number>
      expect(runningMinimum).toBeCloseTo(-0.2, 3)
      // The scale is the descent from the first loss 2 to the minimum, not |minimum| = 0.2.
      expect(scale).toBeCloseTo(2.2, 3)
      expect(limit).toBe(runningMinimum! + 3 * scale!)
      expect(smoothedLoss).toBeGreaterThan(limit!)
    }
  })

  it('raises no false alarm on clean decays shifted below zero (48 seeded runs)', () => {
    const totalSteps = 500
    for (const shift of [-3, -0.6]) {
      for (const sigma of [0.002, 0.02, 0.1]) {
        for (let seed = 0; seed < 8; seed++) {
          const base = clean(totalSteps / 2, sigma, false)
          const events = run((step, normal) => base(step, normal) + shift, seed, totalSteps)
          expect(events.filter((event) => event.kind === 'diverged')).toEqual([])
        }
      }
    }
  })

  it('detects an lr-too-high oscillation (±0.3 around the loss, 15 σ) within one window of 32 steps (10 seeds)', () => {
    const onset = 200
    for (let seed = 0; seed < 10; seed++) {
      const rng = mulberry32(seed)
      const events = run(
        (step, normal) => {
          const base = 0.5 + 2 * Math.exp(-Math.min(step, onset) / 100) + 0.02 * normal()
          return step >= onset ? base + 0.3 * (step % 2 === 0 ? 1 : -1) * (0.5 + rng()) : base
        },
        seed,
        400,
      )
      expect(latency(events, 'oscillating', onset)).toBeLessThanOrEqual(32)
      expect(events.filter((event) => event.step < onset)).toEqual([])
      const oscillating = events.filter((event) => event.kind === 'oscillating')
      expect(oscillating[0]?.suggestedFactor).toBe(0.5)
      // hysteresis: not every step
      expect(oscillating.length).toBeLessThanOrEqual(3)
    }
  })

  it('detects a flat run as plateaued by step 300 (warm EMA 100 + patience 100 + noise), with factor 0.1 (10 seeds)', () => {
    for (let seed = 0; seed < 10; seed++) {
      const events = run((_, normal) => 1 + 0.05 * normal(), seed, 400)
      const plateaus = events.filter((event) => event.kind === 'plateaued')
      expect(latency(events, 'plateaued', 0)).toBeLessThanOrEqual(300)
      expect(plateaus[0]?.suggestedFactor).toBe(0.1)
      // hysteresis: at most once per patience window
      for (let i = 1; i < plateaus.length; i++)
        expect(plateaus[i]!.step - plateaus[i - 1]!.step).toBeGreaterThanOrEqual(100)
    }
  })

  it('detects a too-slow run (8 % over the budget) within two checks after 0.1 · totalSteps (10 seeds)', () => {
    const totalSteps = 1000
    for (let seed = 0; seed < 10; seed++) {
      const events = run((step, normal) => 2.5 - 0.0002 * step + 0.02 * normal(), seed, 500, { totalSteps })
      const slow = events.filter((event) => event.kind === 'tooSlow')
      expect(slow).toHaveLength(1)
      expect(slow[0]!.step).toBeLessThanOrEqual(100 + 2 * 32)
      expect(slow[0]!.suggestedFactor).toBeGreaterThanOrEqual(2)
      expect(slow[0]!.suggestedFactor).toBeLessThanOrEqual(3)
      expect(slow[0]!.evidence.projectedImprovement).toBeLessThan(0.1)
    }
  })

  it('never reports tooSlow when the first loss is ≤ 0 (relative improvement undefined)', () => {
    const totalSteps = 1000
    for (let seed = 0; seed < 10; seed++) {
      // the too-slow run above, shifted below zero: first loss ≈ −0.5
      const events = run((step, normal) => -0.5 - 0.0002 * step + 0.02 * normal(), seed, 500, { totalSteps })
      expect(events.filter((event) => event.kind === 'tooSlow')).toEqual([])
    }
  })

  it('does not report tooSlow without totalSteps', () => {
    const events = run((step, normal) => 2.5 - 0.0002 * step + 0.02 * normal(), 1, 500)
    expect(events.filter((event) => event.kind === 'tooSlow')).toEqual([])
  })

  it('produces JSON-serialisable events', () => {
    const events = run((_, normal) => 1 + 0.05 * normal(), 1, 300)
    expect(events.length).toBeGreaterThan(0)
    expect(JSON.parse(JSON.stringify(events))).toStrictEqual(events)
  })

  it.each([
    [{ totalSteps: 0 }, 'totalSteps must be a positive integer, got 0'],
    [{ divergenceFactor: 1 }, 'divergenceFactor must be a number with 1 < divergenceFactor, got 1'],
    [{ window: 4 }, 'window must be a number with 8 <= window, got 4'],
    [{ oscillationFactor: 0.5 }, 'oscillationFactor must be a number with 1 < oscillationFactor, got 0.5'],
    [{ patience: 1 }, 'patience must be a number with 2 <= patience, got 1'],
    [{ plateauThreshold: -0.1 }, 'plateauThreshold must be a number with 0 <= plateauThreshold, got -0.1'],
    [{ minImprovement: 1 }, 'minImprovement must be a number with 0 < minImprovement < 1, got 1'],
    [{ beta: 1 }, 'beta must be a number with 0 <= beta < 1, got 1'],
    [{ warmupSteps: -1 }, 'warmupSteps must be a non-negative integer, got -1'],
    [[], 'options must be an options object, got []'],
    [
      { factor: 0.5 },
      'factor is not an option of createLossMonitor; allowed: totalSteps, divergenceFactor, window, oscillationFactor, patience, plateauThreshold, minImprovement, beta, warmupSteps',
    ],
  ])('rejects %j', (options, message) => {
    let caught: unknown
    try {
      createLossMonitor(options as never)
    } catch (error) {
      caught = error
    }
    expect(InvalidArgumentError.isInstance(caught)).toBe(true)
    expect((caught as Error).message).toBe(message)
  })

  it('rejects a loss that is not a number and a negative step', () => {
    const monitor = createLossMonitor()
    expect(() => monitor.observe('1' as never)).toThrow('loss must be a number, got "1"')
    expect(() => monitor.observe(1, { step: -1 })).toThrow('step must be a non-negative integer, got -1')
  })
})
