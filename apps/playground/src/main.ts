/**
 * The playground page: state, rendering (lit-html) and wiring of the three panels.
 */
import {
  type MonitorEvent,
  parseLrKitConfig,
  type RangeTestResult,
  type ScheduleSpec,
  type SuggestionRule,
  safeParseScheduleSpec,
  schedule,
} from '@lrkit/core'
import { html, nothing, render, type TemplateResult } from 'lit-html'
import { DEFAULT_SPECS, PRESETS } from './spec/default-specs'
import { defaultSteps, sampleSteps } from './spec/horizon'
import { KINDS, kindDescriptor, type OptionDescriptor } from './spec/schema-catalog'
import {
  configOf,
  decodeShareState,
  encodeShareState,
  MAX_COMPARED,
  type ShareState,
} from './spec/share-state'
import {
  changeKind,
  type FieldError,
  type FormNode,
  type FormResult,
  formToSpec,
  type NodePath,
  optionPath,
  specToForm,
  unwrapNode,
  updateNode,
  wrapNode,
} from './spec/spec-form'
import { formatNumber, LineChart } from './ui/line-chart'
import './style.css'
import type { BackendChoice, TrainingPoint } from './ml/engine'

const COLORS = ['#1f6feb', '#d62728', '#2ca02c'] as const
const NAMES = ['A', 'B', 'C'] as const
const PICK_COLORS: Record<SuggestionRule, string> = {
  valley: '#d62728',
  steep: '#ff7f0e',
  minimum: '#9467bd',
  slide: '#2ca02c',
  steepestGradient: '#8c564b',
}
const PICK_HELP: Record<SuggestionRule, string> = {
  valley: 'middle of the longest descent of the smoothed curve (fastai default)',
  steep: 'steepest descent of the smoothed curve',
  minimum: 'rate at the lowest loss, divided by 10',
  slide: 'last rate before the loss stops falling (interval slide rule)',
  steepestGradient: 'largest negative gradient (torch-lr-finder)',
}

const byId = (id: string): HTMLElement => document.getElementById(id) as HTMLElement

// ---------------------------------------------------------------------------------------------
// State
// ---------------------------------------------------------------------------------------------

interface RangeState {
  running: boolean
  stopRequested: boolean
  backend?: string
  error?: string
  points: { learningRate: number; loss: number; smoothed: number }[]
  result?: RangeTestResult
}

interface TrainState {
  running: boolean
  stopRequested: boolean
  backend?: string
  error?: string
  points: TrainingPoint[]
  events: MonitorEvent[]
  summary?: { steps: number; stopped: boolean; testAccuracy: number }
}

const state = {
  forms: [specToForm(DEFAULT_SPECS.warmup)] as FormNode[],
  active: 0,
  logScale: false,
  stepsText: '',
  bodyScaleText: '0.1',
  jsonDraft: undefined as string | undefined,
  jsonError: undefined as string | undefined,
  shareLink: '',
  notice: undefined as string | undefined,
  backend: 'auto' as BackendChoice,
  rangeStart: '1e-5',
  rangeEnd: '1',
  rangeSteps: '100',
  trainSteps: '200',
  batchSize: '64',
  range: { running: false, stopRequested: false, points: [] } as RangeState,
  train: { running: false, stopRequested: false, points: [], events: [] } as TrainState,
}

const results = (): FormResult[] => state.forms.map((form) => formToSpec(form))

function validSpecs(): ScheduleSpec[] {
  return results().flatMap((result) => (result.ok ? [result.spec] : []))
}

function bodyScale(): number | undefined {
  const value = Number(state.bodyScaleText)
  return state.bodyScaleText.trim() !== '' && Number.isFinite(value) && value >= 0 ? value : undefined
}

function stepsShown(): number {
  const typed = Number(state.stepsText)
  if (state.stepsText.trim() !== '' && Number.isInteger(typed) && typed >= 1) return typed
  return defaultSteps(validSpecs())
}

function shareState(): ShareState | undefined {
  const all = results()
  if (!all.every((result) => result.ok)) return undefined
  const scale = bodyScale()
  if (scale === undefined) return undefined
  const typed = Number(state.stepsText)
  const steps = state.stepsText.trim() !== '' && Number.isInteger(typed) && typed >= 1 ? typed : undefined
  return {
    schedules: all.map((result) => (result as { spec: ScheduleSpec }).spec),
    active: state.active,
    logScale: state.logScale,
    ...(steps === undefined ? {} : { steps }),
    bodyScale: scale,
  }
}

function applyShareState(shared: ShareState): void {
  state.forms = shared.schedules.map((spec) => specToForm(spec))
  state.active = shared.active
  state.logScale = shared.logScale
  state.stepsText = shared.steps === undefined ? '' : String(shared.steps)
  state.bodyScaleText = String(shared.bodyScale)
}

// ---------------------------------------------------------------------------------------------
// Composer
// ---------------------------------------------------------------------------------------------

function setForm(update: (form: FormNode) => FormNode): void {
  state.forms = state.forms.map((form, index) => (index === state.active ? update(form) : form))
  state.jsonDraft = undefined
  state.jsonError = undefined
  refresh()
}

function fieldId(path: NodePath, option: string): string {
  return `f${state.active}-${optionPath(path, option).replace(/[^A-Za-z0-9]+/g, '-')}`
}

function fieldTemplate(
  node: FormNode,
  path: NodePath,
  option: OptionDescriptor,
  errors: readonly FieldError[],
) {
  const id = fieldId(path, option.name)
  const value = node.values[option.name] ?? ''
  const error = errors.find((entry) => entry.path === optionPath(path, option.name))
  const set = (text: string) =>
    setForm((form) =>
      updateNode(form, path, (target) => ({ ...target, values: { ...target.values, [option.name]: text } })),
    )
  const describedBy = `${id}-help${error === undefined ? '' : ` ${id}-error`}`
  let control: TemplateResult
  if (option.type === 'enum' || option.type === 'boolean') {
    const values = option.type === 'boolean' ? ['true', 'false'] : (option.values ?? [])
    control = html`<select id=${id} aria-describedby=${describedBy} @change=${(event: Event) => set((event.target as HTMLSelectElement).value)}>
      <option value="" ?selected=${value === ''}>default</option>
      ${values.map((entry) => html`<option value=${entry} ?selected=${value === entry}>${entry}</option>`)}
    </select>`
  } else {
    const list = option.type === 'numberList' || option.type === 'integerList'
    control = html`<input
      type="text"
      id=${id}
      name=${option.name}
      inputmode=${list ? 'text' : 'decimal'}
      autocomplete="off"
      spellcheck="false"
      placeholder=${option.required ? 'required' : 'default'}
      aria-invalid=${error === undefined ? 'false' : 'true'}
      aria-describedby=${describedBy}
      .value=${value}
      @input=${(event: Event) => set((event.target as HTMLInputElement).value)}
    />`
  }
  return html`<div class="field">
    <label for=${id}>${option.name}${option.required ? html`<span aria-hidden="true"> *</span>` : nothing}</label>
    ${control}
    <small id=${`${id}-help`}>${option.description}</small>
    ${error === undefined ? nothing : html`<p class="error" id=${`${id}-error`}>${error.message}</p>`}
  </div>`
}

function nodeTemplate(
  node: FormNode,
  path: NodePath,
  errors: readonly FieldError[],
  title: string,
): TemplateResult {
  const descriptor = kindDescriptor(node.kind)
  const kindId = fieldId(path, 'kind')
  const scalar = descriptor.options.filter((option) => option.type !== 'spec' && option.type !== 'specList')
  const replace = (next: FormNode) => setForm((form) => updateNode(form, path, () => next))
  return html`<fieldset class="node" data-path=${optionPath(path, '') || 'root'}>
    <legend>${title}</legend>
    <div class="field">
      <label for=${kindId}>kind</label>
      <select id=${kindId} data-kind-select @change=${(event: Event) => replace(changeKind(node, (event.target as HTMLSelectElement).value))}>
        ${KINDS.map((entry) => html`<option value=${entry.kind} ?selected=${entry.kind === node.kind}>${entry.kind}</option>`)}
      </select>
    </div>
    <p class="kind-help">${descriptor.description}</p>
    <div class="fields">${scalar.map((option) => fieldTemplate(node, path, option, errors))}</div>
    ${
      node.schedule === undefined
        ? nothing
        : nodeTemplate(node.schedule, [...path, 'schedule'], errors, `${node.kind} → schedule`)
    }
    ${
      node.schedules === undefined
        ? nothing
        : html`${node.schedules.map(
            (
              child,
              index,
            ) => html`${nodeTemplate(child, [...path, 'schedules', index], errors, `sequence → schedules[${index}]`)}
              ${
                (node.schedules?.length ?? 0) > 1
                  ? html`<button type="button" @click=${() =>
                      replace({
                        ...node,
                        schedules: node.schedules!.filter((_, position) => position !== index),
                      })}>
                      Remove schedules[${index}]
                    </button>`
                  : nothing
              }`,
          )}
          <button type="button" @click=${() => replace({ ...node, schedules: [...node.schedules!, specToForm(DEFAULT_SPECS.constant)] })}>
            Add a schedule to the sequence
          </button>`
    }
    <div class="node-actions" role="group" aria-label=${`Nest ${title}`}>
      ${(['warmup', 'scale', 'clamp', 'sequence'] as const).map(
        (kind) =>
          html`<button type="button" data-wrap=${kind} @click=${() => replace(wrapNode(node, kind))}>Wrap in ${kind}</button>`,
      )}
      ${descriptor.combinator ? html`<button type="button" data-unwrap @click=${() => replace(unwrapNode(node))}>Unwrap</button>` : nothing}
    </div>
  </fieldset>`
}

function applyJson(text: string): void {
  state.jsonDraft = text
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    state.jsonError = `JSON: ${(error as Error).message}`
    refresh()
    return
  }
  const result = safeParseScheduleSpec(parsed)
  if (!result.success) {
    state.jsonError = result.error.message
    refresh()
    return
  }
  try {
    schedule(result.spec)
  } catch (error) {
    state.jsonError = (error as Error).message
    refresh()
    return
  }
  const { version: _version, ...spec } = result.spec
  state.forms = state.forms.map((form, index) =>
    index === state.active ? specToForm(spec as ScheduleSpec) : form,
  )
  state.jsonError = undefined
  refresh()
}

function applyPreset(id: string): void {
  const preset = PRESETS.find((entry) => entry.id === id)
  if (preset === undefined) return
  const peak = Number((byId('preset-peak') as HTMLInputElement).value)
  const total = Number((byId('preset-steps') as HTMLInputElement).value)
  try {
    const spec = preset.build({ peakValue: peak, totalSteps: total })
    setForm(() => specToForm(spec))
  } catch (error) {
    state.notice = `Preset: ${(error as Error).message}`
    refresh()
  }
}

function composerTemplate(): TemplateResult {
  const all = results()
  const current = all[state.active]!
  const errors = current.ok ? [] : current.errors
  const form = state.forms[state.active]!
  const json = state.jsonDraft ?? (current.ok ? JSON.stringify(current.spec, null, 2) : '')
  return html`
    <div class="tabs" role="tablist" aria-label="Compared schedules">
      ${state.forms.map(
        (_, index) => html`<button
          type="button"
          role="tab"
          id=${`tab-${index}`}
          aria-selected=${index === state.active ? 'true' : 'false'}
          style=${`border-left: 6px solid ${COLORS[index]}`}
          @click=${() => {
            state.active = index
            state.jsonDraft = undefined
            refresh()
          }}
        >
          Schedule ${NAMES[index]}${all[index]!.ok ? '' : ' (invalid)'}
        </button>`,
      )}
      ${
        state.forms.length < MAX_COMPARED
          ? html`<button type="button" id="add-compare" @click=${() => {
              state.forms = [...state.forms, form]
              state.active = state.forms.length - 1
              refresh()
            }}>Compare: add a copy</button>`
          : nothing
      }
      ${
        state.forms.length > 1
          ? html`<button type="button" @click=${() => {
              state.forms = state.forms.filter((_, index) => index !== state.active)
              state.active = Math.max(0, state.active - 1)
              refresh()
            }}>Remove schedule ${NAMES[state.active]}</button>`
          : nothing
      }
    </div>
    <div class="row" role="group" aria-label="Start from a preset">
      <label>Preset
        <select id="preset">
          ${PRESETS.map((preset) => html`<option value=${preset.id}>${preset.label}</option>`)}
        </select>
      </label>
      <label>peak rate <input type="text" id="preset-peak" value="0.001" inputmode="decimal" size="8" /></label>
      <label>total steps <input type="text" id="preset-steps" value="1000" inputmode="numeric" size="8" /></label>
      <button type="button" @click=${() => applyPreset((byId('preset') as HTMLSelectElement).value)}>Use preset</button>
    </div>
    <form id="spec-form" @submit=${(event: Event) => event.preventDefault()} aria-label=${`Schedule ${NAMES[state.active]}`}>
      ${nodeTemplate(form, [], errors, `Schedule ${NAMES[state.active]}`)}
    </form>
    ${
      errors.length > 0
        ? html`<div class="error" role="alert" id="spec-errors">${errors.map((error) => html`<div>${error.message}</div>`)}</div>`
        : nothing
    }
    <details>
      <summary>Edit as JSON</summary>
      <label for="spec-json">Spec of schedule ${NAMES[state.active]} (validated by @lrkit/core)</label>
      <textarea
        id="spec-json"
        spellcheck="false"
        aria-describedby="spec-json-error"
        .value=${json}
        @input=${(event: Event) => applyJson((event.target as HTMLTextAreaElement).value)}
        @blur=${() => {
          if (state.jsonError === undefined) {
            state.jsonDraft = undefined
            refresh()
          }
        }}
      ></textarea>
      <p class="error" id="spec-json-error" role="alert">${state.jsonError ?? ''}</p>
    </details>`
}

function chartToolsTemplate(): TemplateResult {
  return html`<div class="row">
    <label style="flex-direction: row; gap: 0.4rem; align-items: center">
      <input type="checkbox" id="log-scale" .checked=${state.logScale} @change=${(event: Event) => {
        state.logScale = (event.target as HTMLInputElement).checked
        scheduleChart.setLog({ yLog: state.logScale })
        refresh()
      }} />
      Logarithmic rate axis
    </label>
    <label>Steps shown
      <input type="text" id="steps-shown" inputmode="numeric" size="8" placeholder=${`auto (${defaultSteps(validSpecs())})`}
        .value=${state.stepsText} @input=${(event: Event) => {
          state.stepsText = (event.target as HTMLInputElement).value
          refresh()
        }} />
    </label>
    ${state.logScale ? html`<small>Rates of 0 are not drawn on a log axis.</small>` : nothing}
  </div>`
}

function download(): void {
  const shared = shareState()
  if (shared === undefined) return
  const config = parseLrKitConfig(configOf(shared))
  const blob = new Blob([`${JSON.stringify(config, null, 2)}\n`], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = 'lrkit.config.json'
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}

async function openConfig(file: File): Promise<void> {
  try {
    const config = parseLrKitConfig(JSON.parse(await file.text()))
    const { version: _version, ...spec } = config.schedule
    state.forms = [specToForm(spec as ScheduleSpec)]
    state.active = 0
    const body = config.groups?.body
    if (body !== undefined) state.bodyScaleText = String(body)
    state.notice = undefined
  } catch (error) {
    state.notice = `${file.name}: ${(error as Error).message}`
  }
  refresh()
}

function shareTemplate(): TemplateResult {
  const shared = shareState()
  return html`<div class="row">
      <button type="button" id="share-button" class="primary" ?disabled=${shared === undefined} @click=${async () => {
        state.shareLink = location.href
        refresh()
        const input = byId('share-link') as HTMLInputElement
        input.focus()
        input.select()
        try {
          await navigator.clipboard.writeText(state.shareLink)
        } catch {
          // No clipboard permission: the link stays selected in the field for Ctrl+C.
        }
      }}>Copy link</button>
      <button type="button" id="download-config" ?disabled=${shared === undefined} @click=${download}>Download lrkit.config.json</button>
      <label>Open an lrkit.config.json
        <input type="file" id="open-config" accept="application/json,.json" @change=${(event: Event) => {
          const file = (event.target as HTMLInputElement).files?.[0]
          if (file !== undefined) void openConfig(file)
        }} />
      </label>
    </div>
    <label for="share-link">Link to this page (the schedules are in the part after #)</label>
    <input type="text" readonly id="share-link" class="share-link" .value=${state.shareLink} />`
}

// ---------------------------------------------------------------------------------------------
// Schedule chart
// ---------------------------------------------------------------------------------------------

const scheduleReadout = byId('schedule-readout')
const scheduleChart = new LineChart({
  container: byId('schedule-chart'),
  readout: scheduleReadout,
  label: 'Learning rate per step of the compared schedules',
  xLabel: 'step',
  yLabel: 'learning rate',
  series: NAMES.map((name, index) => ({ label: `Schedule ${name}`, stroke: COLORS[index]! })),
  describe: (x, ys) =>
    `step ${x} → ${ys
      .map((value, index) =>
        value === undefined || index >= state.forms.length ? '' : `${NAMES[index]} ${formatNumber(value)}`,
      )
      .filter((entry) => entry !== '')
      .join(' · ')}`,
})

function updateScheduleChart(): void {
  const steps = sampleSteps(stepsShown())
  const ys = results().map((result) => {
    if (!result.ok) return steps.map(() => null)
    const compiled = schedule(result.spec)
    return steps.map((step) => {
      const value = compiled(step)
      return state.logScale && value <= 0 ? null : value
    })
  })
  while (ys.length < MAX_COMPARED) ys.push(steps.map(() => null))
  scheduleChart.setData(steps, ys)
  for (let index = 0; index < MAX_COMPARED; index++)
    scheduleChart.showSeries(index, index < state.forms.length)
}

// ---------------------------------------------------------------------------------------------
// Range test
// ---------------------------------------------------------------------------------------------

const rangeChart = new LineChart({
  container: byId('range-chart'),
  readout: byId('range-readout'),
  label: 'Range test: loss against learning rate, with the picks of every rule',
  xLabel: 'learning rate',
  yLabel: 'loss',
  xLog: true,
  series: [
    { label: 'loss', stroke: '#9bb7e0', width: 1 },
    { label: 'smoothed', stroke: '#1f3f8a', width: 2 },
  ],
  describe: (x, ys) =>
    `rate ${formatNumber(x)} → loss ${formatNumber(ys[0])} (smoothed ${formatNumber(ys[1])})`,
  draw: (chart) => {
    const result = state.range.result
    if (result === undefined) return
    const context = chart.ctx
    const { top, height } = chart.bbox
    context.save()
    if (result.recommendedRange !== undefined) {
      const left = chart.valToPos(result.recommendedRange.min, 'x', true)
      const right = chart.valToPos(result.recommendedRange.max, 'x', true)
      context.fillStyle = 'rgba(46, 160, 67, 0.15)'
      context.fillRect(left, top, right - left, height)
    }
    for (const pick of Object.values(result.picks)) {
      if (pick.learningRate === undefined) continue
      const x = chart.valToPos(pick.learningRate, 'x', true)
      context.strokeStyle = PICK_COLORS[pick.rule]
      context.lineWidth = 2 * devicePixelRatio
      context.setLineDash([6 * devicePixelRatio, 4 * devicePixelRatio])
      context.beginPath()
      context.moveTo(x, top)
      context.lineTo(x, top + height)
      context.stroke()
    }
    context.restore()
  },
})

function updateRangeChart(): void {
  const result = state.range.result
  if (result !== undefined) {
    const points = result.points
    rangeChart.setData(
      points.map((point) => point.learningRate),
      [points.map((point) => point.loss), result.curve.losses.map((loss) => loss)],
    )
    return
  }
  const points = state.range.points
  rangeChart.setData(
    points.map((point) => point.learningRate),
    [points.map((point) => point.loss), points.map((point) => point.smoothed)],
  )
}

async function loadEngine() {
  return import('./ml/engine')
}

async function startRangeTest(): Promise<void> {
  const range = state.range
  if (range.running || state.train.running) return
  const startValue = Number(state.rangeStart)
  const endValue = Number(state.rangeEnd)
  const steps = Number(state.rangeSteps)
  state.range = { running: true, stopRequested: false, points: [] }
  refresh()
  let average = 0
  try {
    const engine = await loadEngine()
    const backend = await engine.useBackend(state.backend)
    state.range.backend =
      backend.backend + (backend.failed.length > 0 ? ` (${backend.failed.join(', ')} unavailable)` : '')
    refresh()
    const result = await engine.rangeTestInPage({
      startValue,
      endValue,
      steps,
      batchSize: Number(state.batchSize),
      stopped: () => state.range.stopRequested,
      onStep: ({ step, learningRate, loss }) => {
        average = 0.98 * average + 0.02 * loss
        state.range.points.push({ learningRate, loss, smoothed: average / (1 - 0.98 ** (step + 1)) })
        updateRangeChart()
        renderRangeResults()
      },
    })
    state.range.result = result
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause
    const stopped =
      (cause as Error | undefined)?.name === 'StoppedError' || (error as Error).name === 'StoppedError'
    state.range.error = stopped
      ? 'Stopped. The model was restored; run again to get picks.'
      : (error as Error).message
  }
  state.range.running = false
  refresh()
  updateRangeChart()
  rangeChart.redraw()
}

function useSpec(spec: ScheduleSpec): void {
  setForm(() => specToForm(spec))
  byId('composer').scrollIntoView({ behavior: 'smooth' })
  byId('composer').focus({ preventScroll: true })
}

function backendTemplate(id: string): TemplateResult {
  const busy = state.range.running || state.train.running
  return html`<label>Backend
    <select id=${id} ?disabled=${busy} @change=${(event: Event) => {
      state.backend = (event.target as HTMLSelectElement).value as BackendChoice
      refresh()
    }}>
      ${(['auto', 'webgl', 'wasm', 'cpu'] as const).map(
        (choice) =>
          html`<option value=${choice} ?selected=${state.backend === choice}>${
            choice === 'auto' ? 'auto (webgl → wasm → cpu)' : choice
          }</option>`,
      )}
    </select>
  </label>`
}

function rangeControlsTemplate(): TemplateResult {
  const range = state.range
  const text = (id: string, label: string, key: 'rangeStart' | 'rangeEnd' | 'rangeSteps' | 'batchSize') =>
    html`<label>${label}<input type="text" id=${id} size="7" .value=${state[key]} ?disabled=${range.running}
      @input=${(event: Event) => {
        state[key] = (event.target as HTMLInputElement).value
      }} /></label>`
  return html`<p>
      A two-layer network (784 → 64 → 10) on 2,000 MNIST digits shipped with the page, compiled with
      <code>LrkitAdam</code>, while the rate grows exponentially: <code>runRangeTest</code> from
      <code>@lrkit/core</code> over <code>createLayersModelTrainable</code> from <code>@lrkit/tfjs</code> smooths
      the loss, stops at divergence, restores the model bit for bit and applies every rule.
    </p>
    <div class="row">
      ${backendTemplate('backend')} ${text('range-start', 'from rate', 'rangeStart')} ${text('range-end', 'to rate', 'rangeEnd')}
      ${text('range-steps', 'steps', 'rangeSteps')} ${text('batch-size', 'batch size', 'batchSize')}
      <button type="button" class="primary" id="run-range-test" ?disabled=${range.running || state.train.running} @click=${startRangeTest}>
        Run range test
      </button>
      <button type="button" id="stop-range-test" ?disabled=${!range.running} @click=${() => {
        state.range.stopRequested = true
      }}>Stop</button>
    </div>`
}

function renderRangeResults(): void {
  render(rangeResultsTemplate(), byId('range-results'))
}

function rangeResultsTemplate(): TemplateResult {
  const range = state.range
  const result = range.result
  const steps = Number(state.trainSteps) >= 1 ? Math.round(Number(state.trainSteps)) : 200
  const status = range.running
    ? `Running on ${range.backend ?? '…'}: step ${range.points.length} of ${state.rangeSteps}`
    : result !== undefined
      ? `Done on ${range.backend}: ${result.points.length} steps, stopped by ${result.stoppedBy}.`
      : ''
  const rounded = (value: number) => Number(value.toPrecision(3))
  return html`<p class="status" id="range-status" aria-live="polite" data-points=${range.points.length}>${status}</p>
    ${range.error === undefined ? nothing : html`<p class="error" role="alert">${range.error}</p>`}
    ${
      result === undefined
        ? nothing
        : html`<h3>Picks</h3>
          <ul class="picks" id="picks">
            ${Object.values(result.picks).map(
              (pick) => html`<li data-pick=${pick.rule} data-rate=${pick.learningRate ?? ''}>
                <span class="swatch" style=${`background:${PICK_COLORS[pick.rule]}`}></span>
                <strong>${pick.rule}${pick.rule === result.options.rule ? ' (default)' : ''}</strong>
                ${
                  pick.learningRate === undefined
                    ? html`<span>no pick: ${pick.reason}</span>`
                    : html`<span>${formatNumber(pick.learningRate)}</span> <small>${PICK_HELP[pick.rule]}</small>
                        <button type="button" data-use="oneCycle" @click=${() =>
                          useSpec({
                            kind: 'oneCycle',
                            peakValue: rounded(pick.learningRate!),
                            totalSteps: steps,
                          })}>
                          One-cycle with this peak</button>
                        <button type="button" data-use="cosine" @click=${() =>
                          useSpec({
                            kind: 'cosine',
                            initValue: rounded(pick.learningRate!),
                            totalSteps: steps,
                          })}>
                          Cosine from this rate</button>`
                }
              </li>`,
            )}
          </ul>
          ${
            result.recommendedRange === undefined
              ? nothing
              : html`<p id="recommended-range">
                  Recommended range (shaded) for cyclic and one-cycle schedules:
                  ${formatNumber(result.recommendedRange.min)} – ${formatNumber(result.recommendedRange.max)}
                  (the suggestion and a tenth of it).
                </p>`
          }
          <div class=${`confidence${result.lowConfidence === undefined ? '' : ' low'}`} id="confidence"
            data-confidence=${result.lowConfidence === undefined ? 'ok' : 'low'}>
            ${
              result.lowConfidence === undefined
                ? html`<strong>Confidence: ok.</strong> The curve falls clearly above its noise, and the valley and
                    slide picks agree within a decade (${result.diagnostics.ruleSpreadDecades.toFixed(2)} decades apart).`
                : html`<strong>Low confidence.</strong> Look at the curve before trusting a pick:
                    <ul>${result.lowConfidence.reasons.map((reason) => html`<li>${reason}</li>`)}</ul>`
            }
            <small>Loss drop ${formatNumber(result.diagnostics.drop)} against a smoothed noise of
              ${formatNumber(result.diagnostics.noise)}.</small>
          </div>`
    }`
}

// ---------------------------------------------------------------------------------------------
// Training
// ---------------------------------------------------------------------------------------------

const lossChart = new LineChart({
  container: byId('loss-chart'),
  readout: byId('loss-readout'),
  label: 'Training loss per step',
  xLabel: 'step',
  yLabel: 'loss',
  height: 220,
  series: [
    { label: 'loss', stroke: '#9bb7e0', width: 1 },
    { label: 'smoothed', stroke: '#1f3f8a', width: 2 },
  ],
  describe: (x, ys) => `step ${x} → loss ${formatNumber(ys[0])} (smoothed ${formatNumber(ys[1])})`,
})
const rateChart = new LineChart({
  container: byId('rate-chart'),
  readout: byId('rate-readout'),
  label: 'Learning rate of each parameter group per step',
  xLabel: 'step',
  yLabel: 'learning rate',
  height: 200,
  series: [
    { label: 'head', stroke: COLORS[0] },
    { label: 'body', stroke: '#ff7f0e', dash: [6, 4] },
  ],
  describe: (x, ys) => `step ${x} → head ${formatNumber(ys[0])} · body ${formatNumber(ys[1])}`,
})

const EVENT_TEXT: Record<MonitorEvent['kind'], string> = {
  diverged: 'the loss diverged',
  oscillating: 'the loss oscillates',
  plateaued: 'the loss has plateaued',
  tooSlow: 'the loss falls too slowly to improve much by the end',
}

function updateTrainCharts(): void {
  const points = state.train.points
  const smoothed: number[] = []
  let average = 0
  points.forEach((point, index) => {
    average = 0.9 * average + 0.1 * point.loss
    smoothed.push(average / (1 - 0.9 ** (index + 1)))
  })
  const steps = points.map((point) => point.step)
  lossChart.setData(steps, [points.map((point) => point.loss), smoothed])
  rateChart.setData(steps, [points.map((point) => point.headRate), points.map((point) => point.bodyRate)])
}

async function startTraining(): Promise<void> {
  if (state.train.running || state.range.running) return
  const current = results()[state.active]!
  const scale = bodyScale()
  if (!current.ok || scale === undefined) return
  state.train = { running: true, stopRequested: false, points: [], events: [] }
  refresh()
  try {
    const engine = await loadEngine()
    const backend = await engine.useBackend(state.backend)
    state.train.backend =
      backend.backend + (backend.failed.length > 0 ? ` (${backend.failed.join(', ')} unavailable)` : '')
    const summary = await engine.trainInPage({
      schedule: schedule(current.spec),
      bodyScale: scale,
      steps: Math.round(Number(state.trainSteps)),
      batchSize: Math.round(Number(state.batchSize)),
      stopped: () => state.train.stopRequested,
      onStep: (point) => {
        state.train.points.push(point)
        updateTrainCharts()
        renderTrainResults()
      },
      onEvent: (event) => {
        state.train.events.push(event)
        renderTrainResults()
      },
    })
    state.train.summary = summary
  } catch (error) {
    state.train.error = (error as Error).message
  }
  state.train.running = false
  refresh()
}

function trainControlsTemplate(): TemplateResult {
  const train = state.train
  const current = results()[state.active]!
  return html`<p>
      The same network trained with schedule ${NAMES[state.active]} (the one open in the composer) in two parameter
      groups: the head (output layer) at the schedule's rate and the body (hidden layer) at that rate × the body scale,
      pushed by <code>createScheduler</code> to <code>LrkitAdam</code>; <code>createLossMonitor</code> watches the loss.
    </p>
    <div class="row">
      ${backendTemplate('train-backend')}
      <label>steps<input type="text" id="train-steps" size="6" .value=${state.trainSteps} ?disabled=${train.running}
        @input=${(event: Event) => {
          state.trainSteps = (event.target as HTMLInputElement).value
        }} /></label>
      <label>body scale<input type="text" id="body-scale" size="6" .value=${state.bodyScaleText} ?disabled=${train.running}
        aria-invalid=${bodyScale() === undefined ? 'true' : 'false'}
        @input=${(event: Event) => {
          state.bodyScaleText = (event.target as HTMLInputElement).value
          refresh()
        }} /></label>
      <button type="button" class="primary" id="start-training"
        ?disabled=${train.running || state.range.running || !current.ok || bodyScale() === undefined} @click=${startTraining}>
        Train
      </button>
      <button type="button" id="stop-training" ?disabled=${!train.running} @click=${() => {
        state.train.stopRequested = true
      }}>Stop</button>
    </div>
    ${bodyScale() === undefined ? html`<p class="error">body scale must be a finite number >= 0</p>` : nothing}`
}

function renderTrainResults(): void {
  render(trainResultsTemplate(), byId('train-results'))
}

function trainResultsTemplate(): TemplateResult {
  const train = state.train
  const points = train.points
  const first = points[0]
  const last = points.at(-1)
  const status =
    last === undefined
      ? train.running
        ? 'Starting…'
        : ''
      : `${train.running ? 'Training' : 'Trained'} on ${train.backend}: step ${last.step + 1}, loss ${formatNumber(last.loss)} (first ${formatNumber(first!.loss)})`
  return html`<p class="status" id="train-status" aria-live="polite" data-steps=${points.length}
      data-losses=${JSON.stringify(points.map((point) => point.loss))}>${status}</p>
    ${train.error === undefined ? nothing : html`<p class="error" role="alert">${train.error}</p>`}
    ${
      train.summary === undefined
        ? nothing
        : html`<p id="train-summary">${train.summary.stopped ? 'Stopped' : 'Finished'} after ${train.summary.steps} steps; accuracy on
          500 held-out digits: ${(train.summary.testAccuracy * 100).toFixed(1)} %.</p>`
    }
    <h3>Loss monitor</h3>
    ${
      train.events.length === 0
        ? html`<p id="monitor-none">No warning${train.running || points.length > 0 ? ' so far' : ''}.</p>`
        : html`<ul class="warnings" id="warnings" role="log">
            ${train.events.map(
              (
                event,
              ) => html`<li data-event=${event.kind}>step ${event.step}: ${EVENT_TEXT[event.kind]}; multiply the rate by
                ${event.suggestedFactor}. <small>${Object.entries(event.evidence)
                  .map(([key, value]) => `${key} ${formatNumber(value)}`)
                  .join(', ')}</small></li>`,
            )}
          </ul>`
    }`
}

// ---------------------------------------------------------------------------------------------
// Rendering
// ---------------------------------------------------------------------------------------------

function refresh(): void {
  render(composerTemplate(), byId('composer-controls'))
  render(chartToolsTemplate(), byId('chart-tools'))
  render(shareTemplate(), byId('share'))
  render(rangeControlsTemplate(), byId('range-controls'))
  render(trainControlsTemplate(), byId('train-controls'))
  renderRangeResults()
  renderTrainResults()
  render(
    state.notice === undefined ? nothing : html`<p class="notice-error" role="alert">${state.notice}</p>`,
    byId('notice'),
  )
  updateScheduleChart()
  const shared = shareState()
  if (shared !== undefined) {
    const url = `${location.pathname}${location.search}#${encodeShareState(shared)}`
    if (`${location.pathname}${location.search}${location.hash}` !== url) history.replaceState(null, '', url)
    document.documentElement.dataset.shareReady = 'true'
  }
}

function restoreFromUrl(): void {
  try {
    const shared = decodeShareState(location.hash)
    if (shared !== undefined) {
      applyShareState(shared)
      if (state.logScale) scheduleChart.setLog({ yLog: true })
    }
  } catch (error) {
    state.notice = `This link could not be restored: ${(error as Error).message}. Showing the default schedule.`
  }
}

restoreFromUrl()
window.addEventListener('hashchange', () => {
  const before = shareState()
  const fragment = before === undefined ? '' : `#${encodeShareState(before)}`
  if (location.hash !== fragment) {
    restoreFromUrl()
    scheduleChart.setLog({ yLog: state.logScale })
    refresh()
  }
})
refresh()
document.documentElement.dataset.ready = 'true'
