import type { FindLearningRateResult, RangeTestResult } from '@lrkit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { quadraticFindLearningRate, quadraticRangeTest } from '../../test/fixtures'
import { formatNumber } from '../render/terminal-chart'
import { createReport, escapeHtml } from './create-report'

let rangeTest: RangeTestResult
let race: FindLearningRateResult
beforeAll(async () => {
  rangeTest = await quadraticRangeTest()
  race = await quadraticFindLearningRate()
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

describe('createReport: a findLearningRate race', () => {
  it('shows the pick first, the sweep with the bracket and the two rates, the candidates and the steps', async () => {
    const withDiverged = {
      ...race,
      candidates: race.candidates.map((candidate, index) =>
        index === race.candidates.length - 1
          ? { ...candidate, score: null, diverged: true, steps: 7 }
          : candidate,
      ),
    }
    const html = await createReport({
      sections: [{ kind: 'findLearningRate', title: 'Race', result: withDiverged }],
    })
    const rate = (value: number) => Number(value.toPrecision(4)).toExponential()
    const section = html.slice(html.indexOf('<section class="findLearningRate"'))
    expect(section).toMatch(
      new RegExp(
        `^<section class="findLearningRate" id="section-1"><h2>Race</h2><p class="headline">Train at <strong>${rate(race.learningRate!)}</strong> · race winner ${rate(race.winner!)} ÷ shrink factor 2</p>`,
      ),
    )
    expect(section).toContain('data-confidence="ok"')
    expect(section).toContain('<th>score: validation loss</th>')
    const winner = race.candidates.find((candidate) => candidate.learningRate === race.winner)!
    expect(race.candidates.indexOf(winner)).toBeLessThan(race.candidates.length - 1) // not the one made to diverge
    expect(winner.steps).toBe(96) // the last rung of the default race
    expect(section).toContain(
      `<tr class="chosen"><td>${rate(winner.learningRate)}</td><td>${formatNumber(winner.score!)}</td><td>${winner.steps}</td><td>the winner</td></tr>`,
    )
    expect(section).toContain(
      `<tr><td>${rate(race.candidates[4]!.learningRate)}</td><td>diverged</td><td>7</td><td></td></tr>`,
    )
    expect(section).toContain(
      `Steps spent: ${race.steps.sweep} sweep + ${race.steps.race} race = ${race.steps.total}; ${race.evaluations} evaluations of the validation loss.`,
    )
    expect(section).toContain('stopped: the loss diverged (divergence stop)')
    const [chart] = chartsOf(html)
    const layers = chart?.spec.layer as {
      mark: { type: string } | undefined
      data: { values: Record<string, unknown>[] }
      layer?: unknown[]
    }[]
    expect(layers.map((layer) => layer.mark?.type ?? 'marks')).toEqual(['rect', 'line', 'marks'])
    expect(layers[0]?.data.values).toEqual([race.bracket])
    // Raw and smoothed sweep, as the range test draws them.
    expect(layers[1]?.data.values).toHaveLength(race.sweep.losses.length + race.sweep.smoothed.length)
    expect(layers[2]?.data.values).toEqual([
      { rule: 'learning rate (the pick)', learningRate: race.learningRate },
      { rule: 'race winner', learningRate: race.winner },
    ])
    expect(layers[2]?.layer).toHaveLength(1) // rules only: the candidates are not points of the sweep
  })

  it('says when every candidate diverged, with the reasons, and marks no rate', async () => {
    const { learningRate: _rate, winner: _winner, ...rest } = race
    const none: FindLearningRateResult = {
      ...rest,
      options: { ...race.options, score: 'trainingLoss' },
      candidates: race.candidates.map((candidate) => ({ ...candidate, score: null, diverged: true })),
      evaluations: 0,
      lowConfidence: { reasons: ['every candidate <diverged>'] },
    }
    const html = await createReport({ sections: [{ kind: 'findLearningRate', title: 'Race', result: none }] })
    expect(html).toContain('No learning rate found: every candidate of the race diverged.')
    expect(html).toContain('<li>every candidate &#60;diverged&#62;</li>')
    expect(html).toContain('<th>score: training loss (mean of the last 5)</th>')
    expect(html).toContain('0 evaluations of the validation loss')
    const layers = chartsOf(html)[0]?.spec.layer as { mark?: { type: string } }[]
    expect(layers.map((layer) => layer.mark?.type)).toEqual(['rect', 'line'])
  })
})

describe('escapeHtml', () => {
  it('escapes the five special characters', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;')
  })
})
