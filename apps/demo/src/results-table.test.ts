import type { RangeTestResult } from '@lrkit/core'
import { describe, expect, it } from 'vitest'
import { describePicks, formatTable, resultRows } from './results-table'
import type { RunResult } from './run-result'

describe('formatTable', () => {
  it('aligns the columns in Markdown pipe syntax', () => {
    expect(formatTable(['a', 'bb'], [['123', '4'], ['5']])).toBe(
      ['| a   | bb |', '|-----|----|', '| 123 | 4  |', '| 5   |    |'].join('\n'),
    )
  })
})

describe('resultRows', () => {
  it('formats framework, recipe, rate, steps, accuracy in percent and seconds from the run', () => {
    const run = {
      framework: 'tfjs',
      method: 'oneCycle',
      description: 'one-cycle to 0.0045',
      steps: 250,
      accuracy: 0.90875,
      seconds: 1.234,
    } as RunResult
    expect(resultRows([run])).toEqual([
      ['@lrkit/tfjs', '(b) range-test rate, one-cycle', 'one-cycle to 0.0045', '250', '90.9 %', '1.23 s'],
    ])
  })
})

describe('describePicks', () => {
  it('lists every rule, marks the one used, and adds the range and the confidence flag', () => {
    const result = {
      picks: {
        valley: { rule: 'valley', learningRate: 0.00251, index: 3 },
        steep: { rule: 'steep', reason: 'too few points' },
      },
      suggestion: { rule: 'valley', learningRate: 0.00251, index: 3 },
      recommendedRange: { min: 0.000251, max: 0.00251 },
      lowConfidence: { reasons: ['the rules disagree'] },
    } as unknown as RangeTestResult
    expect(describePicks(result)).toBe(
      'valley 2.5e-3 (used) · steep none; range 2.5e-4 … 2.5e-3; low confidence: the rules disagree',
    )
  })
})
