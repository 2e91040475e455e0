import { describe, expect, it } from 'vitest'
import {
  bootstrapMedianInterval,
  checkTarget,
  formatSummaryTable,
  isCatastrophic,
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
    regret,
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
})
