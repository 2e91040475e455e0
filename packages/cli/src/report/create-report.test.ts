import type { RangeTestResult } from '@lrkit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { quadraticRangeTest } from '../../test/fixtures'
import { createReport, escapeHtml } from './create-report'

let rangeTest: RangeTestResult
beforeAll(async () => {
  rangeTest = await quadraticRangeTest()
})

/** The chart specs embedded in a report page. */
function chartsOf(html: string): { id: string; spec: Record<string, unknown> }[] {
  const match = /<script type="application\/json" id="lrkit-charts">([\s\S]*?)<\/script>/.exec(html)
  return JSON.parse(match?.[1] ?? 'null')
}

describe('createReport', () => {
  it('escapes the title and inlines vega, vega-lite and vega-embed', async () => {
    const html = await createReport({
      title: 'Run <1> & "2"',
      sections: [],
      generatedAt: new Date('2026-01-02T03:04:05Z'),
    })
    expect(html).toContain('<title>Run &#60;1&#62; &#38; &#34;2&#34;</title>')
    expect(html).toContain('Generated 2026-01-02T03:04:05.000Z')
    expect(html).toMatch(/<script>!function\(t,e\)\{"object"==typeof exports/) // vega's UMD build
    expect(html).toContain('vegaEmbed')
    expect(chartsOf(html)).toEqual([])
  })

  it('shows a range test: suggestion, range, confidence flag, every pick, and its chart', async () => {
    const { lowConfidence: _dropped, ...confident } = rangeTest
    const html = await createReport({ sections: [{ kind: 'rangeTest', title: 'RT', result: confident }] })
    expect(html).toContain('data-confidence="ok"')
    expect(html).toContain(
      `Suggested learning rate <strong>${Number(rangeTest.suggestion.learningRate!.toPrecision(4)).toExponential()}</strong>`,
    )
    for (const rule of ['valley', 'steep', 'minimum', 'slide', 'steepestGradient'])
      expect(html).toContain(`<td><code>${rule}</code></td>`)
    const [chart] = chartsOf(html)
    const layers = chart?.spec.layer as { mark: { type: string } | undefined; data: { values: unknown[] } }[]
    expect(layers.map((layer) => layer.mark?.type ?? 'picks')).toEqual(['rect', 'line', 'picks'])
    expect(layers[0]?.data.values).toEqual([rangeTest.recommendedRange])
    expect(layers[2]?.data.values).toHaveLength(5)

    const unsure = await createReport({
      sections: [
        {
          kind: 'rangeTest',
          title: 'RT',
          result: { ...rangeTest, lowConfidence: { reasons: ['few <points>'] } },
        },
      ],
    })
    expect(unsure).toContain('data-confidence="low"')
    expect(unsure).toContain('<li>few &#60;points&#62;</li>')
  })

  it('says why there is no suggestion, and leaves out the range and the picks layer', async () => {
    const none = {
      ...rangeTest,
      suggestion: { rule: 'valley', reason: 'the curve has no descent' },
      picks: Object.fromEntries(
        Object.keys(rangeTest.picks).map((rule) => [rule, { rule, reason: 'no descent' }]),
      ),
      recommendedRange: undefined,
    } as unknown as RangeTestResult
    const html = await createReport({ sections: [{ kind: 'rangeTest', title: 'RT', result: none }] })
    expect(html).toContain('No learning rate suggested (valley): the curve has no descent')
    const layers = chartsOf(html)[0]?.spec.layer as { mark?: { type: string } }[]
    expect(layers.map((layer) => layer.mark?.type)).toEqual(['line'])
  })

  it('runs the loss monitor over a log and lists its events', async () => {
    const entries = Array.from({ length: 60 }, (_, step) => ({
      step,
      loss: step === 40 ? Number.NaN : 1 / (step + 1),
      learningRate: 0.01,
    }))
    const html = await createReport({ sections: [{ kind: 'lossLog', title: 'Log', entries }] })
    expect(html).toContain('data-diagnosis="events"')
    expect(html).toContain('step 40: the loss diverged; multiply the learning rate by 0.1')
    expect(chartsOf(html).map((chart) => chart.spec.title)).toEqual(['Loss — Log', 'Learning rate — Log'])
    const calm = await createReport({
      sections: [
        {
          kind: 'lossLog',
          title: 'Log',
          entries: entries.slice(0, 30).map(({ step, loss }) => ({ step, loss })),
        },
      ],
    })
    expect(calm).toContain(
      'Loss monitor: no problem detected over 30 steps (the “too slow” check needs the planned total steps).',
    )
    expect(chartsOf(calm)).toHaveLength(1) // no rates logged: no rate chart
  })

  it('shows schedules with their group peaks, and tables', async () => {
    const html = await createReport({
      sections: [
        {
          kind: 'schedules',
          title: 'S',
          steps: 100,
          schedules: [{ name: 'c', spec: { kind: 'constant', value: 0.01 }, groups: { encoder: 0.1 } }],
        },
        { kind: 'table', title: 'T', columns: ['run', 'acc'], rows: [['<a>', 0.912345]], note: 'measured' },
      ],
    })
    expect(html).toContain('encoder ×0.1 (peak 1e-3)')
    expect(html).toContain('<td>&#60;a&#62;</td><td>0.9123</td>')
    expect(html).toContain('<p class="meta">measured</p>')
  })
})

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })
})
