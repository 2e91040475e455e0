import { describe, expect, it } from 'vitest'
import {
  bootstrapMedianDifference,
  bootstrapMedianInterval,
  checkTarget,
  flagQuality,
  formatFlagQuality,
  formatSummaryTable,
  isBad,
  isCatastrophic,
  pickRegret,
  quantile,
  type ScoredPick,
  summarizeMethod,
} from './report'

function pick(regret: number, overrides: Partial<ScoredPick> = {}): ScoredPick {
  return {
    method: 'valley (default)',
    task: 't',
    optimizer: 'adam',
    finderSeed: 0,
    learningRate: 0.01,
    searchSteps: 100,
    trainingSteps: 300,
    heldOutLosses: [1 + regret],
    meanLoss: 1 + regret,
    bestLoss: 1,
    bestLearningRate: 0.001,
    initialLoss: 3,
    regret,
    relativeRegret: regret,
    diverged: false,
    gridStepsPerSeed: 25 * 300,
    ...overrides,
  }
}

describe('report', () => {
  it('quantile interpolates like numpy and sorts Infinity last', () => {
    expect(quantile([3, 1, 2, 4], 0.5)).toBe(2.5)
    expect(quantile([1, Number.POSITIVE_INFINITY, 2], 0.5)).toBe(2)
    expect(quantile([], 0.5)).toBeNaN()
  })

  it('catastrophic = no pick, diverged, or regret >= 100 %', () => {
    expect(isCatastrophic(pick(0.99))).toBe(false)
    expect(isCatastrophic(pick(1))).toBe(true)
    expect(isCatastrophic(pick(0, { diverged: true }))).toBe(true)
    expect(isCatastrophic(pick(Number.POSITIVE_INFINITY, { learningRate: undefined }))).toBe(true)
  })

  it('catastrophic also when the pick recovered less than 10 % of the achievable improvement', () => {
    // L0 = 3, L* = 1: a loss of 2.8 keeps 90 % of the gap (1.8 of 2) — fine; 2.85 is catastrophic.
    expect(isCatastrophic(pick(0.5, { meanLoss: 2.8, initialLoss: 3 }))).toBe(false)
    expect(isCatastrophic(pick(0.5, { meanLoss: 2.85, initialLoss: 3 }))).toBe(true)
  })

  it('pickRegret: relative to L*, or to 1 % of the initial loss when L* is below it', () => {
    expect(pickRegret(1.5, 1, 3)).toBe(0.5)
    expect(pickRegret(0.02, 0, 2)).toBe(1)
    expect(pickRegret(0.015, 0.005, 2)).toBeCloseTo(0.5, 12)
  })

  it('summary: median regret, hit rate within 10 %, log error, cost against a one-seed grid', () => {
    const summary = summarizeMethod('valley (default)', [pick(0.02), pick(0.04), pick(0.5), pick(2)])
    expect(summary.medianRegret).toBeCloseTo(0.27, 12)
    expect(summary.hitRate10).toBe(0.5)
    expect(summary.catastrophic).toBe(1)
    expect(summary.medianLogError).toBeCloseTo(1, 12)
    expect(summary.relativeCost).toBeCloseTo(400 / 7500, 12)
    const [header, , row] = formatSummaryTable([summary]).split('\n')
    expect(row).toContain('| valley (default)')
    expect(row!.split('|')).toHaveLength(header!.split('|').length)
  })

  it('bootstrap interval brackets the median and is reproducible', () => {
    const values = [0.01, 0.02, 0.03, 0.05, 0.08, 0.13, 0.21]
    const [low, high] = bootstrapMedianInterval(values)
    expect(low).toBeLessThanOrEqual(0.05)
    expect(high).toBeGreaterThanOrEqual(0.05)
    expect(bootstrapMedianInterval(values)).toEqual([low, high])
  })

  it('target: PASS only with median ≤ 5 %, no catastrophic pick and cost ≤ 10 %', () => {
    expect(checkTarget(summarizeMethod('v', [pick(0.01), pick(0.04), pick(0.05)])).pass).toBe(true)
    expect(checkTarget(summarizeMethod('v', [pick(0.01), pick(0.06), pick(0.07)])).pass).toBe(false)
    expect(checkTarget(summarizeMethod('v', [pick(0.01), pick(0.02), pick(3)])).line).toContain('**FAIL**')
    expect(checkTarget(summarizeMethod('v', [pick(0.01, { searchSteps: 800 })])).pass).toBe(false)
  })

  it('bad = catastrophic or regret > 25 %', () => {
    expect(isBad(pick(0.25))).toBe(false)
    expect(isBad(pick(0.26))).toBe(true)
    expect(isBad(pick(0, { diverged: true }))).toBe(true)
  })

  it('paired bootstrap of the median difference: exact point value, interval brackets it, pairing checked', () => {
    const worse = [0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1]
    const better = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07]
    const { difference, interval } = bootstrapMedianDifference(worse, better)
    expect(difference).toBeCloseTo(0.8 - 0.04, 12)
    expect(interval[0]).toBeGreaterThan(0)
    expect(interval[0]).toBeLessThanOrEqual(difference)
    expect(interval[1]).toBeGreaterThanOrEqual(difference)
    expect(() => bootstrapMedianDifference([1], [1, 2])).toThrow('a and b must be non-empty and paired')
  })

  it('flag quality: recall over positives, precision over flagged, NaN when undefined', () => {
    const quality = flagQuality([true, true, false, false, true], [true, false, true, false, true])
    expect(quality).toEqual({ flagged: 3, positives: 3, caught: 2, recall: 2 / 3, precision: 2 / 3 })
    expect(formatFlagQuality(quality)).toBe('recall 2/3 = 67%, precision 2/3 = 67%')
    const none = flagQuality([false], [false])
    expect(none.recall).toBeNaN()
    expect(formatFlagQuality(none)).toBe('recall 0/0, precision 0/0')
  })
})
