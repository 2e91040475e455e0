import type { FindLearningRateResult, RangeTestResult } from '@lrkit/core'
import { schedule } from '@lrkit/core'
import type { TopLevelSpec } from 'vega-lite'
import { version } from '../../package.json'
import {
  findLearningRateChartSpec,
  lossChartSpec,
  rangeTestChartSpec,
  scheduleChartSpec,
} from '../render/chart-specs'
import { formatNumber, formatRate } from '../render/terminal-chart'
import { sampleSchedule } from '../schedule/summarize-schedule'
import { analyzeLossLog, analyzeSchedules, describeEvent } from './analyze-section'
import { loadReportAssets } from './report-assets'
import type { LossLogSection, ReportSection, SchedulesSection, TableSection } from './report-section'

/** Options of {@link createReport}. */
export interface CreateReportOptions {
  /** The page title. Default `lrkit report`. */
  readonly title?: string
  /** The sections, in page order (see {@link resultsToSections} to build them from results files). */
  readonly sections: readonly ReportSection[]
  /** The time printed in the page header. Default: now. */
  readonly generatedAt?: Date
}

interface Chart {
  readonly id: string
  readonly spec: TopLevelSpec
}

/** Points per schedule curve in the report's charts. */
const CURVE_POINTS = 500

/**
 * Builds the HTML report: one self-contained page with a section per input — the range test (raw and
 * smoothed loss, every rule's pick, the recommended range shaded, the confidence flag and its
 * reasons), a `findLearningRate` race (the recommended rate, the bracketing sweep with the raced
 * bracket shaded, the candidates and their scores, the steps spent, the confidence flag), schedules (curves and key values), training logs (loss and rate curves and the loss
 * monitor's diagnosis) and tables. The charts are Vega-Lite specs rendered in the page by vega-embed;
 * vega, vega-lite and vega-embed are inlined, so the page needs no network.
 *
 * @param options - the sections and the title; see {@link CreateReportOptions}.
 * @returns The HTML document.
 * @throws InvalidArgumentError (from `@lrkit/core`) when a schedule spec or loss-monitor option of a
 *   section is invalid.
 *
 * @example
 * ```ts
 * const html = await createReport({
 *   title: 'Fine-tuning run 12',
 *   sections: resultsToSections(JSON.parse(readFileSync('range-test.json', 'utf8')), 'range-test.json'),
 * })
 * ```
 */
export async function createReport(options: CreateReportOptions): Promise<string> {
  const title = options.title ?? 'lrkit report'
  const charts: Chart[] = []
  const addChart = (spec: TopLevelSpec): string => {
    const id = `chart-${charts.length + 1}`
    charts.push({ id, spec })
    return `<div class="chart" id="${id}" data-chart></div>`
  }
  const body = options.sections
    .map((section, index) => {
      const heading = `<h2>${escapeHtml(section.title)}</h2>${
        section.source === undefined
          ? ''
          : `<p class="source">from <code>${escapeHtml(section.source)}</code></p>`
      }`
      return `<section class="${section.kind}" id="section-${index + 1}">${heading}${renderSection(section, addChart)}</section>`
    })
    .join('\n')
  const assets = await loadReportAssets()
  const generatedAt = (options.generatedAt ?? new Date()).toISOString()
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="@lrkit/cli ${version}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header><h1>${escapeHtml(title)}</h1><p class="meta">Generated ${escapeHtml(generatedAt)} by @lrkit/cli ${version} · ${options.sections.length} section${options.sections.length === 1 ? '' : 's'} · works offline</p></header>
<main>
${body}
</main>
<script type="application/json" id="lrkit-charts">${jsonForScript(charts)}</script>
<script>${inlineScript(assets.vega)}</script>
<script>${inlineScript(assets.vegaLite)}</script>
<script>${inlineScript(assets.vegaEmbed)}</script>
<script>${BOOTSTRAP}</script>
</body>
</html>
`
}

function renderSection(section: ReportSection, addChart: (spec: TopLevelSpec) => string): string {
  switch (section.kind) {
    case 'rangeTest':
      return renderRangeTest(section.result, section.title, addChart)
    case 'findLearningRate':
      return renderFindLearningRate(section.result, section.title, addChart)
    case 'schedules':
      return renderSchedules(section, addChart)
    case 'lossLog':
      return renderLossLog(section, addChart)
    case 'table':
      return renderTable(section)
  }
}

function renderRangeTest(
  result: RangeTestResult,
  title: string,
  addChart: (spec: TopLevelSpec) => string,
): string {
  const suggestion = result.suggestion
  const headline =
    suggestion.learningRate === undefined
      ? `<p class="headline">No learning rate suggested (${escapeHtml(suggestion.rule)}): ${escapeHtml(suggestion.reason)}</p>`
      : `<p class="headline">Suggested learning rate <strong>${formatRate(suggestion.learningRate)}</strong> (rule <code>${escapeHtml(suggestion.rule)}</code>)${
          result.recommendedRange === undefined
            ? ''
            : ` · recommended range for one-cycle / cyclic schedules <strong>${formatRate(result.recommendedRange.min)} … ${formatRate(result.recommendedRange.max)}</strong>`
        }</p>`
  const confidence =
    result.lowConfidence === undefined
      ? '<p class="confidence ok" data-confidence="ok">Confidence: no warning (enough points, a clear descent, rules and repeats agree).</p>'
      : `<div class="confidence low" data-confidence="low"><p><strong>Low confidence</strong>: check the curve before using the suggestion.</p><ul>${result.lowConfidence.reasons
          .map((reason) => `<li>${escapeHtml(reason)}</li>`)
          .join('')}</ul></div>`
  const options = result.options
  const sweep = `<p class="meta">Sweep: ${options.mode} from ${formatRate(options.startValue)} to ${formatRate(options.endValue)} over ${options.steps} steps, smoothing β ${options.beta}, ${options.repeats} repeat${options.repeats === 1 ? '' : 's'}; ${result.points.length} points recorded; stopped: ${escapeHtml(describeStop(result))}.</p>`
  const rows = Object.values(result.picks)
    .map(
      (pick) =>
        `<tr${pick.rule === suggestion.rule ? ' class="chosen"' : ''}><td><code>${escapeHtml(pick.rule)}</code></td><td>${
          pick.learningRate === undefined ? '—' : formatRate(pick.learningRate)
        }</td><td>${pick.learningRate === undefined ? escapeHtml(pick.reason) : pick.rule === suggestion.rule ? 'the suggestion' : ''}</td></tr>`,
    )
    .join('')
  const table = `<table><thead><tr><th>rule</th><th>learning rate</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
  return `${headline}${confidence}${addChart(rangeTestChartSpec(result, title))}${table}${sweep}`
}

function renderFindLearningRate(
  result: FindLearningRateResult,
  title: string,
  addChart: (spec: TopLevelSpec) => string,
): string {
  const { options, sweep, steps } = result
  const headline =
    result.learningRate === undefined || result.winner === undefined
      ? '<p class="headline">No learning rate found: every candidate of the race diverged.</p>'
      : `<p class="headline">Train at <strong>${formatRate(result.learningRate)}</strong> · race winner ${formatRate(result.winner)} ÷ shrink factor ${options.shrinkFactor}</p>`
  const confidence =
    result.lowConfidence === undefined
      ? '<p class="confidence ok" data-confidence="ok">Confidence: no warning (enough sweep points, the winner is inside the bracket and beats the initial score).</p>'
      : `<div class="confidence low" data-confidence="low"><p><strong>Low confidence</strong>: check the sweep and the candidates before using the pick.</p><ul>${result.lowConfidence.reasons
          .map((reason) => `<li>${escapeHtml(reason)}</li>`)
          .join('')}</ul></div>`
  const chart =
    sweep.losses.length === 0
      ? '<p class="meta">The sweep recorded no finite loss: no curve to draw.</p>'
      : addChart(findLearningRateChartSpec(result, title))
  const scoreName = options.score === 'evaluate' ? 'validation loss' : 'training loss (mean of the last 5)'
  const rows = result.candidates
    .map((candidate) => {
      const won = candidate.learningRate === result.winner
      return `<tr${won ? ' class="chosen"' : ''}><td>${formatRate(candidate.learningRate)}</td><td>${
        candidate.score === null ? 'diverged' : formatNumber(candidate.score)
      }</td><td>${candidate.steps}</td><td>${won ? 'the winner' : ''}</td></tr>`
    })
    .join('')
  const table = `<table><thead><tr><th>candidate rate</th><th>score: ${escapeHtml(scoreName)}</th><th>steps</th><th></th></tr></thead><tbody>${rows}</tbody></table>`
  const stops: Record<FindLearningRateResult['sweep']['stoppedBy'], string> = {
    completed: 'the sweep completed',
    diverged: 'the loss diverged (divergence stop)',
    nonFinite: 'a non-finite loss',
  }
  const meta = `<p class="meta">Bracket ${formatRate(result.bracket.min)} … ${formatRate(result.bracket.max)} (${result.candidates.length} candidates, log-spaced). Sweep: exponential from ${formatRate(options.startValue)} to ${formatRate(options.endValue)} over ${options.sweepSteps} steps, ${sweep.losses.length} points recorded; stopped: ${stops[sweep.stoppedBy]}. Steps spent: ${steps.sweep} sweep + ${steps.race} race = ${steps.total}; ${result.evaluations} evaluation${result.evaluations === 1 ? '' : 's'} of the validation loss.</p>`
  return `${headline}${confidence}${chart}${table}${meta}`
}

function describeStop(result: RangeTestResult): string {
  if (result.stoppedBy === 'completed') return 'the sweep completed'
  if (result.stoppedBy === 'diverged') return 'the loss diverged (divergence stop)'
  const nonFinite = result.runs.find((run) => run.nonFinite !== undefined)?.nonFinite
  return nonFinite === undefined
    ? 'a non-finite loss'
    : `a non-finite ${nonFinite.which} (${nonFinite.value}) at step ${nonFinite.step}, rate ${formatRate(nonFinite.learningRate)}`
}

function renderSchedules(section: SchedulesSection, addChart: (spec: TopLevelSpec) => string): string {
  const series = section.schedules.map((item) => ({
    name: item.name,
    points: sampleSchedule(schedule(item.spec), section.steps, CURVE_POINTS),
  }))
  const chart = addChart(scheduleChartSpec({ title: section.title, series }))
  const rows = analyzeSchedules(section)
    .map(({ name, summary, groups }) => {
      const groupText =
        groups === undefined
          ? ''
          : `<div class="groups">${Object.entries(groups)
              .map(
                ([group, scale]) =>
                  `${escapeHtml(group)} ×${scale} (peak ${formatRate(summary.peak * scale)})`,
              )
              .join(' · ')}</div>`
      return `<tr><td>${escapeHtml(name)}${groupText}</td><td>${formatRate(summary.start)}</td><td>${formatRate(summary.peak)} at step ${summary.peakStep}</td><td>${formatRate(summary.min)}</td><td>${formatRate(summary.end)}</td></tr>`
    })
    .join('')
  const table = `<table><thead><tr><th>schedule</th><th>start</th><th>peak</th><th>min</th><th>end (step ${section.steps})</th></tr></thead><tbody>${rows}</tbody></table>`
  const specs = section.schedules
    .map(
      (item) =>
        `<details><summary>spec of ${escapeHtml(item.name)}</summary><pre>${escapeHtml(JSON.stringify(item.spec, null, 2))}</pre></details>`,
    )
    .join('')
  return `${chart}${table}${specs}`
}

function renderLossLog(section: LossLogSection, addChart: (spec: TopLevelSpec) => string): string {
  const { events, smoothed } = analyzeLossLog(section)
  const charts = [
    addChart(lossChartSpec({ title: `Loss — ${section.title}`, entries: section.entries, smoothed, events })),
  ]
  const rates = section.entries.flatMap((entry) =>
    entry.learningRate === undefined ? [] : [{ step: entry.step, learningRate: entry.learningRate }],
  )
  if (rates.length > 0) {
    charts.push(
      addChart(
        scheduleChartSpec({
          title: `Learning rate — ${section.title}`,
          series: [{ name: 'learning rate', points: rates }],
        }),
      ),
    )
  }
  const last = section.entries.at(-1)
  const diagnosis =
    events.length === 0
      ? `<p class="confidence ok" data-diagnosis="ok">Loss monitor: no problem detected over ${section.entries.length} steps${
          section.monitor?.totalSteps === undefined
            ? ' (the “too slow” check needs the planned total steps)'
            : ''
        }.</p>`
      : `<div class="confidence low" data-diagnosis="events"><p><strong>Loss monitor: ${events.length} warning${events.length === 1 ? '' : 's'}</strong></p><ul>${events
          .map(
            (event) =>
              `<li>${escapeHtml(describeEvent(event))} <span class="evidence">(${Object.entries(
                event.evidence,
              )
                .map(([key, value]) => `${escapeHtml(key)} ${formatNumber(value)}`)
                .join(', ')})</span></li>`,
          )
          .join('')}</ul></div>`
  const meta = `<p class="meta">${section.entries.length} steps logged, last step ${last?.step ?? 0}.</p>`
  return `${diagnosis}${charts.join('')}${meta}`
}

function renderTable(section: TableSection): string {
  const head = section.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('')
  const rows = section.rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td>${escapeHtml(typeof cell === 'number' ? formatNumber(cell) : cell)}</td>`).join('')}</tr>`,
    )
    .join('')
  const note = section.note === undefined ? '' : `<p class="meta">${escapeHtml(section.note)}</p>`
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>${note}`
}

/** Escapes the five HTML special characters. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`)
}

/** JSON that is safe inside a `<script>` element (no `</script>`, no `<!--`). */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

/** Library code that is safe inside a `<script>` element. */
function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--')
}

/**
 * Renders every chart with vega-embed (SVG renderer), then records the outcome on
 * `window.lrkitReport` and `<html data-lrkit-rendered>` for tests and scripts.
 */
const BOOTSTRAP = `
(function () {
  var status = { charts: 0, rendered: 0, errors: [] };
  window.lrkitReport = status;
  function done() { document.documentElement.setAttribute('data-lrkit-rendered', status.errors.length === 0 ? 'ok' : 'error'); }
  var charts;
  try { charts = JSON.parse(document.getElementById('lrkit-charts').textContent); }
  catch (error) { status.errors.push('charts: ' + error.message); done(); return; }
  status.charts = charts.length;
  if (typeof vegaEmbed !== 'function') { status.errors.push('vega-embed did not load'); done(); return; }
  Promise.all(charts.map(function (chart) {
    return vegaEmbed('#' + chart.id, chart.spec, { renderer: 'svg', actions: { export: true, source: true, compiled: true, editor: false } })
      .then(function () { status.rendered += 1; })
      .catch(function (error) {
        status.errors.push(chart.id + ': ' + error.message);
        document.getElementById(chart.id).textContent = 'This chart could not be drawn: ' + error.message;
        console.error(error);
      });
  })).then(done);
})();
`

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d1f; margin: 0; background: #fafafa; }
header, main { max-width: 980px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 24px; }
h1 { margin: 0 0 4px; font-size: 26px; }
h2 { margin: 0; font-size: 20px; }
section { background: #fff; border: 1px solid #e3e3e3; border-radius: 8px; padding: 18px 22px; margin: 18px 0; }
.meta, .source { color: #666; font-size: 13px; margin: 4px 0 12px; }
.headline { font-size: 16px; }
.confidence { border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.confidence p { margin: 0; }
.confidence ul { margin: 6px 0 0; padding-left: 20px; }
.confidence.ok { background: #eef8ee; border: 1px solid #b9dfb9; }
.confidence.low { background: #fff6e5; border: 1px solid #f0cf85; }
.evidence { color: #666; font-size: 13px; }
.chart { margin: 12px 0; min-height: 40px; }
table { border-collapse: collapse; margin: 10px 0; font-size: 14px; }
th, td { text-align: left; padding: 4px 14px 4px 0; border-bottom: 1px solid #eee; vertical-align: top; }
tr.chosen td { font-weight: 600; }
.groups { color: #666; font-size: 12px; }
code, pre { font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; }
pre { background: #f5f5f5; padding: 8px; overflow: auto; }
details { margin: 4px 0; }
`
