import { describe, expect, it } from 'vitest'
import { formatNumber, formatRate, terminalChart, terminalLegend } from './terminal-chart'

describe('formatRate', () => {
  it.each([
    [0, '0'],
    [1e-3, '1e-3'],
    [0.1, '1e-1'],
    [9.99449e-4, '9.994e-4'],
    [2.5, '2.5e+0'],
    [Number.NaN, 'NaN'],
  ])('%d → %s', (value, text) => {
    expect(formatRate(value)).toBe(text)
  })
})

describe('formatNumber', () => {
  it.each([
    [0.3262, '0.3262'],
    [2.345678, '2.346'],
    [12345, '1.235e+4'],
    [0.0001234, '1.234e-4'],
    [0, '0'],
  ])('%d → %s', (value, text) => {
    expect(formatNumber(value)).toBe(text)
  })
})

describe('terminalChart', () => {
  const series = [
    { name: 'up', points: [0, 1, 2, 3].map((step) => ({ step: step * 10, learningRate: step })) },
    { name: 'flat', points: [0, 1, 2, 3].map((step) => ({ step: step * 10, learningRate: 1 })) },
  ]

  it('draws height + 1 rows with rate labels, then a step axis ending at the last step', () => {
    const lines = terminalChart(series, { height: 3, color: false }).split('\n')
    expect(lines).toHaveLength(5)
    expect(lines[0]).toMatch(/^\s+3e\+0 ┼/)
    expect(lines[3]).toMatch(/^\s+0 ┼/)
    expect(lines[4]).toMatch(/^\s+step 0\s+30$/)
    expect(lines.join('\n')).not.toContain('\u001b[')
  })

  it('colours each series only when asked', () => {
    expect(terminalChart(series, { height: 3, color: true })).toContain('\u001b[')
    expect(terminalLegend(series, false)).toBe('  ── up\n  ── flat')
    expect(terminalLegend(series, true)).toContain('\u001b[')
  })

  it('draws nothing without points', () => {
    expect(terminalChart([], { height: 3, color: false })).toBe('')
  })
})
