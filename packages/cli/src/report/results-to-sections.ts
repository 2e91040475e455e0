import {
  type FindLearningRateResult,
  InvalidArgumentError,
  type LossMonitorOptions,
  parseLrKitConfig,
  type RangeTestResult,
  type ScheduleSpec,
  SUGGESTION_RULES,
  schedule,
} from '@lrkit/core'
import type { LossLogEntry } from '../render/chart-specs'
import { scheduleHorizon } from '../schedule/schedule-horizon'
import type { ReportSchedule, ReportSection } from './report-section'

/**
 * How one kind of results file is recognised and turned into report sections. Files written by lrkit
 * commands carry `"$lrkit": "<tag>"` and are recognised by their tag; the plain outputs of core
 * (a `runRangeTest` result, a spec, a config, a loss log) by their shape. A new command adds its
 * reader here.
 */
interface ResultsReader {
  /** What the file is, for messages (`a range-test result (runRangeTest output)`). */
  readonly description: string
  /** The `$lrkit` tag of files written by an lrkit command, if any. */
  readonly tag?: string
  /** True when the value has this reader's shape (readers without a tag). */
  readonly matches?: (value: unknown) => boolean
  /** Validates the value and builds its sections; throws `InvalidArgumentError` with the path. */
  readonly read: (value: unknown, source: string) => ReportSection[]
}

type JsonObject = Readonly<Record<string, unknown>>

const isObject = (value: unknown): value is JsonObject =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

const READERS: readonly ResultsReader[] = [
  {
    description: 'a file written by `lrkit schedule --out x.json` or `--json`',
    tag: 'schedule',
    read: readScheduleDocument,
  },
  {
    description: 'a loss log `{ "$lrkit": "lossLog", "entries": [...], "monitor"?: {...} }`',
    tag: 'lossLog',
    read: (value, source) => {
      const record = value as JsonObject
      const monitor = record.monitor
      if (monitor !== undefined && !isObject(monitor)) {
        throw new InvalidArgumentError({
          argument: 'monitor',
          value: monitor,
          expected: 'an object of createLossMonitor options',
        })
      }
      return [lossLogSection(record.entries, 'entries', source, monitor as LossMonitorOptions | undefined)]
    },
  },
  {
    description: 'a table `{ "$lrkit": "table", "title", "columns": [...], "rows": [[...]] }`',
    tag: 'table',
    read: readTable,
  },
  {
    description: 'a range-test result (the JSON of runRangeTest)',
    matches: (value) => isObject(value) && 'curve' in value && 'picks' in value && 'points' in value,
    read: (value, source) => [
      { kind: 'rangeTest', title: 'Learning-rate range test', source, result: checkRangeTest(value) },
    ],
  },
  {
    description:
      'a findLearningRate result (its JSON, e.g. `lrkit find --method race --out x.json`: version 1 with sweep and candidates)',
    matches: (value) => isObject(value) && 'version' in value && 'candidates' in value && 'sweep' in value,
    read: (value, source) => [
      {
        kind: 'findLearningRate',
        title: 'Learning rate found by a race (findLearningRate)',
        source,
        result: checkFindLearningRate(value),
      },
    ],
  },
  {
    description: 'an lrkit.config.json',
    matches: (value) => isObject(value) && 'schedule' in value && !('kind' in value),
    read: (value, source) => {
      const config = parseLrKitConfig(value)
      const item: ReportSchedule = {
        name: source,
        spec: config.schedule,
        ...(config.groups === undefined ? {} : { groups: config.groups }),
      }
      return [schedulesSection([item], `Schedule of ${source}`, source)]
    },
  },
  {
    description: 'a schedule spec `{ "kind": ... }`',
    matches: (value) => isObject(value) && 'kind' in value,
    read: (value, source) => [
      schedulesSection([{ name: source, spec: schedule(value).spec }], `Schedule ${source}`, source),
    ],
  },
  {
    description: 'a loss log `[{ "step", "loss", "learningRate" }, ...]`',
    matches: (value) =>
      Array.isArray(value) && (value.length === 0 || (isObject(value[0]) && 'loss' in value[0])),
    read: (value, source) => [lossLogSection(value, '', source, undefined)],
  },
]

/** The kinds of results `lrkit report` reads, for messages and `--help`. */
export const RESULT_DESCRIPTIONS: readonly string[] = READERS.map((reader) => reader.description)

/**
 * Recognises a parsed results file and turns it into report sections: a range-test result (the JSON
 * of `runRangeTest`), a `findLearningRate` result (recognised by `version`, `sweep` and
 * `candidates`; `version` must be 1), a schedule spec, an `lrkit.config.json`, a loss log (an array of
 * `{ step, loss, learningRate }`, a non-finite loss written as `null`, `"NaN"`, `"Infinity"` or
 * `"-Infinity"`), or a file an lrkit command wrote (`"$lrkit": "schedule" | "lossLog" | "table"`).
 *
 * @param value - the parsed JSON.
 * @param source - the file name, used in headings and legends.
 * @returns One or more sections for {@link createReport}.
 * @throws InvalidArgumentError when the value is none of these (the message lists what is read), or
 *   when it is one of them but malformed (the `argument` is the path of the offending value, e.g.
 *   `points[3].loss`, `candidates[2].score` or `[2].step`).
 *
 * @example
 * ```ts
 * resultsToSections([{ step: 0, loss: 2.3, learningRate: 1e-3 }], 'log.json')
 * // [{ kind: 'lossLog', title: 'Training log log.json', source: 'log.json', entries: [...] }]
 * ```
 */
export function resultsToSections(value: unknown, source: string): ReportSection[] {
  if (isObject(value) && '$lrkit' in value) {
    const tag = value.$lrkit
    const reader = READERS.find((candidate) => candidate.tag !== undefined && candidate.tag === tag)
    if (reader === undefined) {
      const known = READERS.flatMap((candidate) =>
        candidate.tag === undefined ? [] : [`"${candidate.tag}"`],
      )
      throw new InvalidArgumentError({
        argument: '$lrkit',
        value: tag,
        message: `$lrkit must be one of ${known.join(', ')} (the result types this version reads), got ${JSON.stringify(tag)}`,
      })
    }
    return reader.read(value, source)
  }
  const reader = READERS.find((candidate) => candidate.matches?.(value) === true)
  if (reader === undefined) {
    throw new InvalidArgumentError({
      argument: 'results',
      value,
      message: `not a result lrkit report reads; expected ${READERS.map((candidate) => candidate.description).join('; ')}`,
    })
  }
  return reader.read(value, source)
}

// ---------------------------------------------------------------------------------------------

function schedulesSection(
  schedules: readonly ReportSchedule[],
  title: string,
  source: string,
  steps?: number,
): ReportSection {
  const horizon = Math.max(0, ...schedules.map((item) => scheduleHorizon(item.spec) ?? 0))
  return { kind: 'schedules', title, source, steps: steps ?? (horizon > 0 ? horizon : 1000), schedules }
}

function readScheduleDocument(value: unknown, source: string): ReportSection[] {
  const record = value as JsonObject
  const steps = record.steps
  if (typeof steps !== 'number' || !Number.isInteger(steps) || steps < 1) {
    throw new InvalidArgumentError({ argument: 'steps', value: steps, expected: 'a positive integer' })
  }
  const list = array(record.schedules, 'schedules')
  const schedules = list.map((item, index): ReportSchedule => {
    const path = `schedules[${index}]`
    if (!isObject(item))
      throw new InvalidArgumentError({ argument: path, value: item, expected: 'an object { name, spec }' })
    if (typeof item.name !== 'string') {
      throw new InvalidArgumentError({ argument: `${path}.name`, value: item.name, expected: 'a string' })
    }
    let spec: ScheduleSpec
    try {
      spec = schedule(item.spec).spec
    } catch (error) {
      throw prefixed(error, `${path}.spec`)
    }
    const groups = item.groups
    return {
      name: item.name,
      spec,
      ...(isObject(groups) ? { groups: groups as Record<string, number> } : {}),
    }
  })
  return [schedulesSection(schedules, `Schedules of ${source}`, source, steps)]
}

function readTable(value: unknown, source: string): ReportSection[] {
  const record = value as JsonObject
  const columns = array(record.columns, 'columns').map((column, index) => {
    if (typeof column !== 'string')
      throw new InvalidArgumentError({ argument: `columns[${index}]`, value: column, expected: 'a string' })
    return column
  })
  const rows = array(record.rows, 'rows').map((row, index) => {
    const cells = array(row, `rows[${index}]`)
    if (cells.length !== columns.length) {
      throw new InvalidArgumentError({
        argument: `rows[${index}]`,
        value: cells.length,
        message: `rows[${index}] must have ${columns.length} cells (one per column), got ${cells.length}`,
      })
    }
    return cells.map((cell, column) => {
      if (typeof cell !== 'string' && (typeof cell !== 'number' || !Number.isFinite(cell))) {
        throw new InvalidArgumentError({
          argument: `rows[${index}][${column}]`,
          value: cell,
          expected: 'a string or a finite number',
        })
      }
      return cell
    })
  })
  const title = typeof record.title === 'string' ? record.title : `Table ${source}`
  return [
    {
      kind: 'table',
      title,
      source,
      columns,
      rows,
      ...(typeof record.note === 'string' ? { note: record.note } : {}),
    },
  ]
}

const NON_FINITE: Readonly<Record<string, number>> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
}

function lossLogSection(
  value: unknown,
  path: string,
  source: string,
  monitor: LossMonitorOptions | undefined,
): ReportSection {
  const list = array(value, path || 'log')
  let previous = -1
  const entries = list.map((item, index): LossLogEntry => {
    const at = `${path}[${index}]`
    if (!isObject(item))
      throw new InvalidArgumentError({
        argument: at,
        value: item,
        expected: 'an object { step, loss, learningRate }',
      })
    const { step, loss, learningRate } = item
    if (typeof step !== 'number' || !Number.isInteger(step) || step <= previous) {
      throw new InvalidArgumentError({
        argument: `${at}.step`,
        value: step,
        expected: previous < 0 ? 'an integer >= 0' : `an integer > ${previous} (steps must increase)`,
      })
    }
    previous = step
    let lossValue: number
    if (typeof loss === 'number') lossValue = loss
    else if (loss === null) lossValue = Number.NaN
    else if (typeof loss === 'string' && loss in NON_FINITE) lossValue = NON_FINITE[loss] as number
    else {
      throw new InvalidArgumentError({
        argument: `${at}.loss`,
        value: loss,
        expected: 'a number, or null / "NaN" / "Infinity" / "-Infinity" for a non-finite loss',
      })
    }
    if (
      learningRate !== undefined &&
      (typeof learningRate !== 'number' || !Number.isFinite(learningRate) || learningRate < 0)
    ) {
      throw new InvalidArgumentError({
        argument: `${at}.learningRate`,
        value: learningRate,
        expected: 'a finite number >= 0',
      })
    }
    return learningRate === undefined ? { step, loss: lossValue } : { step, loss: lossValue, learningRate }
  })
  if (entries.length === 0) {
    throw new InvalidArgumentError({
      argument: path || 'log',
      value: list,
      expected: 'a non-empty array of { step, loss, learningRate }',
    })
  }
  return {
    kind: 'lossLog',
    title: `Training log ${source}`,
    source,
    entries,
    ...(monitor === undefined ? {} : { monitor }),
  }
}

/** Checks the parts of a range-test result the report draws; the message names the path. */
function checkRangeTest(value: unknown): RangeTestResult {
  const record = value as JsonObject
  const points = array(record.points, 'points')
  points.forEach((point, index) => {
    if (!isObject(point))
      throw new InvalidArgumentError({
        argument: `points[${index}]`,
        value: point,
        expected: 'an object { step, learningRate, loss }',
      })
    positiveNumber(point.learningRate, `points[${index}].learningRate`)
    finiteNumber(point.loss, `points[${index}].loss`)
  })
  const curve = record.curve
  if (!isObject(curve))
    throw new InvalidArgumentError({
      argument: 'curve',
      value: curve,
      expected: 'an object { learningRates, losses }',
    })
  const rates = array(curve.learningRates, 'curve.learningRates')
  const losses = array(curve.losses, 'curve.losses')
  for (const [index, rate] of rates.entries()) positiveNumber(rate, `curve.learningRates[${index}]`)
  for (const [index, loss] of losses.entries()) finiteNumber(loss, `curve.losses[${index}]`)
  if (losses.length !== rates.length) {
    throw new InvalidArgumentError({
      argument: 'curve.losses',
      value: losses.length,
      message: `curve.losses must have the length of curve.learningRates (${rates.length}), got ${losses.length}`,
    })
  }
  const picks = record.picks
  if (!isObject(picks))
    throw new InvalidArgumentError({
      argument: 'picks',
      value: picks,
      expected: 'an object with one pick per rule',
    })
  for (const [rule, pick] of Object.entries(picks)) checkPick(pick, `picks.${rule}`, rates.length)
  checkPick(record.suggestion, 'suggestion', rates.length)
  const range = record.recommendedRange
  if (range !== undefined) {
    if (!isObject(range))
      throw new InvalidArgumentError({
        argument: 'recommendedRange',
        value: range,
        expected: 'an object { min, max }',
      })
    positiveNumber(range.min, 'recommendedRange.min')
    positiveNumber(range.max, 'recommendedRange.max')
  }
  checkLowConfidence(record.lowConfidence)
  if (typeof record.stoppedBy !== 'string') {
    throw new InvalidArgumentError({
      argument: 'stoppedBy',
      value: record.stoppedBy,
      expected: '"completed", "diverged" or "nonFinite"',
    })
  }
  if (!isObject(record.options))
    throw new InvalidArgumentError({
      argument: 'options',
      value: record.options,
      expected: 'the resolved options object',
    })
  return value as RangeTestResult
}

const SWEEP_STOPS = ['completed', 'diverged', 'nonFinite'] as const

/** Checks the parts of a findLearningRate result the report draws; the message names the path. */
function checkFindLearningRate(value: unknown): FindLearningRateResult {
  const record = value as JsonObject
  if (record.version !== 1) {
    throw new InvalidArgumentError({
      argument: 'version',
      value: record.version,
      message: `version must be 1 (the findLearningRate result format this version reads), got ${JSON.stringify(record.version)}`,
    })
  }
  if (!isObject(record.options))
    throw new InvalidArgumentError({
      argument: 'options',
      value: record.options,
      expected: 'the resolved options object',
    })
  for (const key of ['learningRate', 'winner'] as const) {
    if (record[key] !== undefined) positiveNumber(record[key], key)
  }
  if ((record.learningRate === undefined) !== (record.winner === undefined)) {
    throw new InvalidArgumentError({
      argument: record.learningRate === undefined ? 'learningRate' : 'winner',
      value: undefined,
      message:
        'learningRate and winner must be both present (a winner) or both absent (every candidate diverged)',
    })
  }
  const bracket = record.bracket
  if (!isObject(bracket))
    throw new InvalidArgumentError({
      argument: 'bracket',
      value: bracket,
      expected: 'an object { min, max }',
    })
  positiveNumber(bracket.min, 'bracket.min')
  positiveNumber(bracket.max, 'bracket.max')
  const sweep = record.sweep
  if (!isObject(sweep))
    throw new InvalidArgumentError({
      argument: 'sweep',
      value: sweep,
      expected: 'an object { learningRates, losses, smoothed, stoppedBy, minimumIndex, topIndex }',
    })
  const rates = array(sweep.learningRates, 'sweep.learningRates')
  const losses = array(sweep.losses, 'sweep.losses')
  const smoothed = array(sweep.smoothed, 'sweep.smoothed')
  for (const [index, rate] of rates.entries()) positiveNumber(rate, `sweep.learningRates[${index}]`)
  for (const [index, loss] of losses.entries()) finiteNumber(loss, `sweep.losses[${index}]`)
  for (const [index, loss] of smoothed.entries()) finiteNumber(loss, `sweep.smoothed[${index}]`)
  if (losses.length !== rates.length) {
    throw new InvalidArgumentError({
      argument: 'sweep.losses',
      value: losses.length,
      message: `sweep.losses must have the length of sweep.learningRates (${rates.length}), got ${losses.length}`,
    })
  }
  if (smoothed.length > rates.length) {
    throw new InvalidArgumentError({
      argument: 'sweep.smoothed',
      value: smoothed.length,
      message: `sweep.smoothed must not be longer than sweep.learningRates (${rates.length}), got ${smoothed.length}`,
    })
  }
  if (typeof sweep.stoppedBy !== 'string' || !(SWEEP_STOPS as readonly string[]).includes(sweep.stoppedBy)) {
    throw new InvalidArgumentError({
      argument: 'sweep.stoppedBy',
      value: sweep.stoppedBy,
      expected: SWEEP_STOPS.map((stop) => `"${stop}"`).join(', '),
    })
  }
  for (const key of ['minimumIndex', 'topIndex'] as const) {
    const index = sweep[key]
    const top = Math.max(0, smoothed.length - 1)
    if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > top) {
      throw new InvalidArgumentError({
        argument: `sweep.${key}`,
        value: index,
        expected: `an integer index into the smoothed sweep (0 … ${top})`,
      })
    }
  }
  const candidates = array(record.candidates, 'candidates')
  if (candidates.length === 0) {
    throw new InvalidArgumentError({
      argument: 'candidates',
      value: candidates,
      expected: 'a non-empty array of { learningRate, score, steps, rung, diverged }',
    })
  }
  candidates.forEach((candidate, index) => {
    const path = `candidates[${index}]`
    if (!isObject(candidate))
      throw new InvalidArgumentError({
        argument: path,
        value: candidate,
        expected: 'an object { learningRate, score, steps, rung, diverged }',
      })
    positiveNumber(candidate.learningRate, `${path}.learningRate`)
    if (typeof candidate.diverged !== 'boolean') {
      throw new InvalidArgumentError({
        argument: `${path}.diverged`,
        value: candidate.diverged,
        expected: 'a boolean',
      })
    }
    if (candidate.score !== null) finiteNumber(candidate.score, `${path}.score`)
    if (candidate.diverged && candidate.score !== null) {
      throw new InvalidArgumentError({
        argument: `${path}.score`,
        value: candidate.score,
        expected: 'null (the candidate diverged)',
      })
    }
    nonNegativeInteger(candidate.steps, `${path}.steps`)
    nonNegativeInteger(candidate.rung, `${path}.rung`)
  })
  const steps = record.steps
  if (!isObject(steps))
    throw new InvalidArgumentError({
      argument: 'steps',
      value: steps,
      expected: 'an object { sweep, race, total }',
    })
  for (const key of ['sweep', 'race', 'total'] as const) nonNegativeInteger(steps[key], `steps.${key}`)
  nonNegativeInteger(record.evaluations, 'evaluations')
  checkLowConfidence(record.lowConfidence)
  return value as FindLearningRateResult
}

function checkLowConfidence(lowConfidence: unknown): void {
  if (lowConfidence === undefined) return
  if (
    !isObject(lowConfidence) ||
    !Array.isArray(lowConfidence.reasons) ||
    lowConfidence.reasons.some((reason) => typeof reason !== 'string')
  ) {
    throw new InvalidArgumentError({
      argument: 'lowConfidence',
      value: lowConfidence,
      expected: 'an object { reasons: string[] }',
    })
  }
}

function checkPick(pick: unknown, path: string, length: number): void {
  if (!isObject(pick))
    throw new InvalidArgumentError({
      argument: path,
      value: pick,
      expected: 'an object { rule, learningRate, index } or { rule, reason }',
    })
  if (typeof pick.rule !== 'string' || !(SUGGESTION_RULES as readonly string[]).includes(pick.rule)) {
    throw new InvalidArgumentError({
      argument: `${path}.rule`,
      value: pick.rule,
      expected: `one of ${SUGGESTION_RULES.map((rule) => `"${rule}"`).join(', ')}`,
    })
  }
  if (pick.learningRate === undefined) {
    if (typeof pick.reason !== 'string')
      throw new InvalidArgumentError({
        argument: `${path}.reason`,
        value: pick.reason,
        expected: 'a string (a pick without learningRate says why)',
      })
    return
  }
  positiveNumber(pick.learningRate, `${path}.learningRate`)
  if (
    typeof pick.index !== 'number' ||
    !Number.isInteger(pick.index) ||
    pick.index < 0 ||
    pick.index >= length
  ) {
    throw new InvalidArgumentError({
      argument: `${path}.index`,
      value: pick.index,
      expected: `an integer index into the curve (0 … ${length - 1})`,
    })
  }
}

function array(value: unknown, path: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new InvalidArgumentError({ argument: path, value, expected: 'an array' })
  return value
}

function finiteNumber(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidArgumentError({ argument: path, value, expected: 'a finite number' })
  }
}

function nonNegativeInteger(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new InvalidArgumentError({ argument: path, value, expected: 'an integer >= 0' })
  }
}

function positiveNumber(value: unknown, path: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new InvalidArgumentError({ argument: path, value, expected: 'a finite number > 0' })
  }
}

/** Re-throws a spec error with `prefix` in front of its path. */
function prefixed(error: unknown, prefix: string): unknown {
  if (!InvalidArgumentError.isInstance(error)) return error
  const argument = error.argument === 'spec' ? prefix : `${prefix}.${error.argument}`
  const message = error.message.startsWith(error.argument)
    ? `${argument}${error.message.slice(error.argument.length)}`
    : `${prefix}: ${error.message}`
  return new InvalidArgumentError({ argument, value: error.value, message, cause: error })
}
