/**
 * The learning-rate finder evaluation (CPU-sized): how close does each
 * suggestion rule of `runRangeTest` come to the best-of-grid learning rate for a constant-LR
 * training run, how often does it fail badly, and at what compute — next to default learning rates,
 * random search and successive halving given the same compute.
 *
 * Protocol:
 * - Tasks × optimizers (SGD-momentum 0.9, Adam) — see `tasks.ts`. Recipe R1: constant learning
 *   rate for B steps (`trainingSteps`), batch 32; score = final held-out loss. Every suggestion is
 *   scored as a **constant** learning rate (fastai's `valley` is meant as a one-cycle peak; this
 *   evaluation measures the constant-LR use).
 * - Ground truth: a log grid (default 25 points, 1e-5 … 10, 4 per decade) trained on the held-out
 *   seeds; L* = min over the grid of the seed-mean held-out loss (non-finite = +∞).
 * - Rules: one range test per finder seed (`runRangeTest` defaults: 1e-7 → 10, 100 steps, EMA 0.98,
 *   stop at 4×), every rule's pick trained on the held-out seeds (finder seeds ≠ held-out seeds).
 * - Baselines at the same compute: default learning rates; random search and successive halving
 *   spending the range test's 100 steps on short trials, then the winner trained for B steps on the
 *   held-out seeds, scored like the rules.
 */

import { rename, writeFile } from 'node:fs/promises'
import type { SearchResult } from '@lrkit/core'
import {
  InvalidArgumentError,
  randomSearch,
  runRangeTest,
  SUGGESTION_RULES,
  successiveHalving,
} from '@lrkit/core'
import {
  booleanValue,
  functionValue,
  knownKeys,
  optionsObject,
  positiveInteger,
} from '../../../../packages/core/src/internal/validate'
import {
  checkTarget,
  formatCellTable,
  formatSummaryTable,
  type MethodSummary,
  quantile,
  type ScoredPick,
  summarizeMethods,
  type TargetCheck,
} from './report'
import {
  createEvalTasks,
  createTaskTrainable,
  DEFAULT_TASK_SIZES,
  EVAL_OPTIMIZERS,
  EVAL_TASK_NAMES,
  type EvalOptimizer,
  type EvalTask,
  type EvalTaskName,
  type TaskSizes,
  type TaskTrainable,
} from './tasks'

/** Options of {@link runLrFinderEvaluation}. */
export interface LrFinderEvaluationOptions {
  /** Smoke-test size (≈ 10 s on 2 cores, well under 1 min): B = 100, a 13-point grid, smaller data; default false. */
  readonly quick?: boolean
  /** Finder seeds, and as many held-out seeds; default 5 (1 with `quick`). */
  readonly seeds?: number
  /** Receives the report lines (markdown) and progress. */
  readonly log: (line: string) => void
  /** Write all raw results as JSON here (temp file + rename); default: no file. */
  readonly jsonPath?: string
  /** Only these tasks (default: all four). */
  readonly tasks?: readonly EvalTaskName[]
}

/** One point of the ground-truth grid. */
export interface GridPoint {
  readonly learningRate: number
  readonly heldOutLosses: readonly number[]
  readonly meanLoss: number
}

/** Ground truth of one (task, optimizer) cell. */
export interface GridCell {
  readonly task: string
  readonly optimizer: EvalOptimizer
  readonly grid: readonly GridPoint[]
  readonly bestLearningRate: number
  readonly bestLoss: number
  /** Learning rates whose seed-mean loss is within 10 % of L*. */
  readonly nearOptimal: readonly number[]
}

/** Everything {@link runLrFinderEvaluation} measured (also the JSON dump). */
export interface LrFinderEvaluationResult {
  readonly config: {
    readonly quick: boolean
    readonly finderSeeds: readonly number[]
    readonly heldOutSeeds: readonly number[]
    readonly trainingSteps: number
    readonly rangeTestSteps: number
    readonly grid: readonly number[]
    readonly sizes: TaskSizes
    readonly tasks: readonly { readonly name: string; readonly description: string }[]
  }
  readonly cells: readonly GridCell[]
  readonly rangeTests: readonly {
    readonly task: string
    readonly optimizer: EvalOptimizer
    readonly finderSeed: number
    readonly stoppedBy: string
    readonly points: number
    readonly picks: Readonly<Record<string, number | null>>
    readonly lowConfidence: readonly string[]
  }[]
  readonly picks: readonly ScoredPick[]
  readonly summaries: readonly MethodSummary[]
  readonly target: TargetCheck
  readonly table: string
  readonly wallSeconds: number
}

interface RunOutcome {
  readonly loss: number
  readonly diverged: boolean
}

/** The learning-rate grid: `perDecade` log-spaced points per decade from `low` to `high`. */
export function logGrid(low: number, high: number, perDecade: number): number[] {
  const decades = Math.round(Math.log10(high / low) * perDecade)
  return Array.from({ length: decades + 1 }, (_, i) => Number((low * 10 ** (i / perDecade)).toPrecision(6)))
}

/**
 * Trains `task` with `optimizer` on `seed` at a constant `learningRate` for `steps` steps and
 * returns the final held-out loss (Infinity when a training loss went non-finite) and whether the
 * run diverged (non-finite, or ending above its initial held-out loss).
 */
export function trainConstant(
  task: EvalTask,
  optimizer: EvalOptimizer,
  seed: number,
  learningRate: number,
  steps: number,
): RunOutcome {
  const trainable = createTaskTrainable(task, optimizer, seed)
  const initial = trainable.evaluateSync()
  for (let step = 0; step < steps; step++) {
    if (!Number.isFinite(trainable.trainStepSync(learningRate)))
      return { loss: Number.POSITIVE_INFINITY, diverged: true }
  }
  const loss = trainable.evaluateSync()
  if (!Number.isFinite(loss)) return { loss: Number.POSITIVE_INFINITY, diverged: true }
  return { loss, diverged: loss > initial }
}

/** The same-compute searches: `@lrkit/core`'s random search and successive halving, configured to a step budget. */
interface SearchBaseline {
  readonly name: string
  run(createTrainable: () => TaskTrainable, seed: number): Promise<SearchResult>
}

/** Learning-rate range the searches sample (log-uniform). */
const SEARCH_RANGE = { minValue: 1e-6, maxValue: 10 } as const

/**
 * Random search with 4 trials × 25 steps (= the range test's 100 steps) and successive halving
 * with 9 trials, η = 3, rungs at 6 and 18 steps (9 × 6 + 3 × 12 = 90 steps), plus a 27-trial
 * successive halving at ≈ 4× that budget (27 × 6 + 9 × 12 + 3 × 36 = 378 steps). Trials are
 * ranked by held-out loss (`evaluate()`), the winner is then trained for B steps like a rule's pick.
 */
const SEARCH_BASELINES: readonly SearchBaseline[] = [
  {
    name: 'random search (4 × 25 steps)',
    run: (createTrainable, seed) =>
      randomSearch({ createTrainable, ...SEARCH_RANGE, trials: 4, budgetSteps: 25, seed }),
  },
  {
    name: 'successive halving (9 trials, η = 3)',
    run: (createTrainable, seed) =>
      successiveHalving({ createTrainable, ...SEARCH_RANGE, trials: 9, minSteps: 6, eta: 3, seed }),
  },
  {
    name: 'successive halving (27 trials, η = 3, ≈ 4× budget)',
    run: (createTrainable, seed) =>
      successiveHalving({ createTrainable, ...SEARCH_RANGE, trials: 27, minSteps: 6, eta: 3, seed }),
  },
]

async function writeJsonAtomically(path: string, value: unknown): Promise<void> {
  const temporary = `${path}.${process.pid}.${Date.now()}.tmp`
  await writeFile(
    temporary,
    `${JSON.stringify(value, (_key, item) => (typeof item === 'number' && !Number.isFinite(item) ? String(item) : item), 2)}\n`,
  )
  await rename(temporary, path)
}

/**
 * Runs the evaluation and logs the markdown report: one results table (median regret vs
 * best-of-grid, IQR, hit rate within 10 %, catastrophic rate, |log10 error|, cost vs a one-seed
 * grid) per method, a per-cell table for the default rule, and the target check as PASS/FAIL.
 *
 * Cost: ≈ 4 tasks × 2 optimizers × (25 grid + ≈ 20 pick) learning rates × 5 held-out seeds × 300
 * steps, plus range tests and searches — ≈ 2–3 minutes on 2 busy cores; `quick` ≈ 10 s.
 *
 * @param options.quick - smoke-test size; default false.
 * @param options.seeds - finder seeds = held-out seeds count; default 5 (quick: 1); integer ≥ 1.
 * @param options.log - line sink.
 * @param options.jsonPath - raw-results JSON path (atomic write); default none.
 * @param options.tasks - task names to run; default all.
 * @returns The {@link LrFinderEvaluationResult}.
 */
export async function runLrFinderEvaluation(
  options: LrFinderEvaluationOptions,
): Promise<LrFinderEvaluationResult> {
  const started = performance.now()
  const record = optionsObject('options', options)
  knownKeys('runLrFinderEvaluation', record, ['quick', 'seeds', 'log', 'jsonPath', 'tasks'])
  const quick = record.quick === undefined ? false : booleanValue('quick', record.quick)
  const seedCount = record.seeds === undefined ? (quick ? 1 : 5) : positiveInteger('seeds', record.seeds)
  const log = functionValue<(line: string) => void>('log', record.log)
  if (record.jsonPath !== undefined && (typeof record.jsonPath !== 'string' || record.jsonPath === '')) {
    throw new InvalidArgumentError({
      argument: 'jsonPath',
      value: record.jsonPath,
      expected: 'a non-empty path string',
    })
  }
  const trainingSteps = quick ? 100 : 300
  const rangeTestSteps = 100
  const grid = quick ? logGrid(1e-5, 10, 2) : logGrid(1e-5, 10, 4)
  const sizes: TaskSizes = quick
    ? { trainCount: 1000, validationCount: 500, mnistTrainPerDigit: 100, mnistValidationPerDigit: 50 }
    : DEFAULT_TASK_SIZES
  const finderSeeds = Array.from({ length: seedCount }, (_, i) => i)
  const heldOutSeeds = Array.from({ length: seedCount }, (_, i) => 1000 + i)
  if (
    record.tasks !== undefined &&
    !(
      Array.isArray(record.tasks) &&
      record.tasks.length > 0 &&
      record.tasks.every((name) => (EVAL_TASK_NAMES as readonly unknown[]).includes(name))
    )
  ) {
    throw new InvalidArgumentError({
      argument: 'tasks',
      value: record.tasks,
      expected: `a non-empty array of ${EVAL_TASK_NAMES.join(', ')}`,
    })
  }
  const tasks = createEvalTasks(
    sizes,
    (record.tasks as readonly EvalTaskName[] | undefined) ?? EVAL_TASK_NAMES,
  )
  const gridStepsPerSeed = grid.length * trainingSteps

  log(
    `lr-finder evaluation: ${tasks.length} tasks × ${EVAL_OPTIMIZERS.length} optimizers, grid ${grid.length} points ` +
      `${grid[0]}…${grid[grid.length - 1]}, B = ${trainingSteps} constant-LR steps, finder seeds ${finderSeeds.join(',')}, ` +
      `held-out seeds ${heldOutSeeds.join(',')}`,
  )

  const cache = new Map<string, RunOutcome>()
  const run = (task: EvalTask, optimizer: EvalOptimizer, seed: number, learningRate: number): RunOutcome => {
    const key = `${task.name}|${optimizer}|${seed}|${learningRate}`
    let outcome = cache.get(key)
    if (outcome === undefined) {
      outcome = trainConstant(task, optimizer, seed, learningRate, trainingSteps)
      cache.set(key, outcome)
    }
    return outcome
  }

  const cells: GridCell[] = []
  const rangeTests: LrFinderEvaluationResult['rangeTests'][number][] = []
  const picks: ScoredPick[] = []
  for (const task of tasks) {
    for (const optimizer of EVAL_OPTIMIZERS) {
      const cellStart = performance.now()
      // Ground truth on the held-out seeds.
      const points: GridPoint[] = grid.map((learningRate) => {
        const outcomes = heldOutSeeds.map((seed) => run(task, optimizer, seed, learningRate))
        const heldOutLosses = outcomes.map((outcome) => outcome.loss)
        const meanLoss = heldOutLosses.reduce((sum, loss) => sum + loss, 0) / heldOutLosses.length
        return { learningRate, heldOutLosses, meanLoss }
      })
      let best = points[0]!
      for (const point of points) if (point.meanLoss < best.meanLoss) best = point
      const cell: GridCell = {
        task: task.name,
        optimizer,
        grid: points,
        bestLearningRate: best.learningRate,
        bestLoss: best.meanLoss,
        nearOptimal: points
          .filter((point) => point.meanLoss <= best.meanLoss * 1.1)
          .map((point) => point.learningRate),
      }
      cells.push(cell)

      const score = (
        method: string,
        finderSeed: number,
        learningRate: number | undefined,
        searchSteps: number,
      ): void => {
        const outcomes =
          learningRate === undefined
            ? []
            : heldOutSeeds.map((seed) => run(task, optimizer, seed, learningRate))
        const heldOutLosses = outcomes.map((outcome) => outcome.loss)
        const meanLoss =
          learningRate === undefined
            ? Number.POSITIVE_INFINITY
            : heldOutLosses.reduce((sum, loss) => sum + loss, 0) / heldOutLosses.length
        picks.push({
          method,
          task: task.name,
          optimizer,
          finderSeed,
          learningRate,
          searchSteps,
          trainingSteps,
          heldOutLosses,
          meanLoss,
          bestLoss: cell.bestLoss,
          bestLearningRate: cell.bestLearningRate,
          regret: (meanLoss - cell.bestLoss) / cell.bestLoss,
          diverged: learningRate === undefined || outcomes.some((outcome) => outcome.diverged),
          gridStepsPerSeed,
        })
      }

      for (const finderSeed of finderSeeds) {
        // Range test with the defaults of runRangeTest, on the finder seed.
        const result = await runRangeTest(createTaskTrainable(task, optimizer, finderSeed), {
          steps: rangeTestSteps,
        })
        const rangeTestCost = result.points.length + (result.stoppedBy === 'nonFinite' ? 1 : 0)
        const pickedRates: Record<string, number | null> = {}
        for (const rule of SUGGESTION_RULES) {
          const learningRate = result.picks[rule].learningRate
          pickedRates[rule] = learningRate ?? null
          score(
            rule === result.options.rule ? `${rule} (default)` : rule,
            finderSeed,
            learningRate,
            rangeTestCost,
          )
        }
        rangeTests.push({
          task: task.name,
          optimizer,
          finderSeed,
          stoppedBy: result.stoppedBy,
          points: result.points.length,
          picks: pickedRates,
          lowConfidence: result.lowConfidence?.reasons ?? [],
        })
        // Searches at the range test's compute (and one at ≈ 4×): short trials, then B steps.
        for (const baseline of SEARCH_BASELINES) {
          // A different sampling seed per cell and finder seed, so the cells do not share trial rates.
          const searchSeed = (cells.length - 1) * 1009 + finderSeed
          const search = await baseline.run(
            () => createTaskTrainable(task, optimizer, finderSeed),
            searchSeed,
          )
          score(baseline.name, finderSeed, search.best?.learningRate, search.totalSteps)
        }
      }
      // Default learning rates (no search): Adam 1e-3; SGD 0.1 and 0.01.
      const defaults = optimizer === 'adam' ? [1e-3] : [1e-1, 1e-2]
      for (const learningRate of defaults) {
        for (const finderSeed of finderSeeds)
          score(
            `default lr (${optimizer === 'adam' ? 'Adam 1e-3' : `SGD ${learningRate}`})`,
            finderSeed,
            learningRate,
            0,
          )
      }
      log(
        `  ${task.name} / ${optimizer}: best lr ${cell.bestLearningRate} (L* ${cell.bestLoss.toPrecision(4)}), ` +
          `${((performance.now() - cellStart) / 1000).toFixed(1)} s`,
      )
    }
  }

  const summaries = summarizeMethods(picks)
  const defaultSummary = summaries.find((summary) => summary.method.endsWith('(default)')) ?? summaries[0]!
  const target = checkTarget(defaultSummary)
  const table = formatSummaryTable(summaries)
  const wallSeconds = (performance.now() - started) / 1000
  log('')
  log(
    `Constant-LR recipe, B = ${trainingSteps} steps; regret = (L(pick) − L*)/L* on held-out seeds; catastrophic = ` +
      `no pick, diverged, or ≥ 2× L*; cost = (search steps + B) / (${grid.length} grid points × B).`,
  )
  log('')
  log(table)
  log('')
  log(`Default rule by cell (${defaultSummary.method}):`)
  log('')
  log(formatCellTable(defaultSummary.method, picks))
  log('')
  const defaultRule = defaultSummary.method.replace(' (default)', '')
  const flagged = new Set(
    rangeTests
      .filter((test) => test.lowConfidence.length > 0)
      .map((test) => `${test.task}|${test.optimizer}|${test.finderSeed}`),
  )
  const defaultPicks = picks.filter((pick) => pick.method === defaultSummary.method)
  const flaggedPicks = defaultPicks.filter((pick) =>
    flagged.has(`${pick.task}|${pick.optimizer}|${pick.finderSeed}`),
  )
  const unflaggedPicks = defaultPicks.filter(
    (pick) => !flagged.has(`${pick.task}|${pick.optimizer}|${pick.finderSeed}`),
  )
  const medianOf = (list: readonly ScoredPick[]): string =>
    list.length === 0
      ? '–'
      : `${(
          quantile(
            list.map((pick) => pick.regret),
            0.5,
          ) * 100
        ).toFixed(1)}%`
  log(
    `lowConfidence: ${flaggedPicks.length} of ${defaultPicks.length} range tests flagged; median ${defaultRule} regret ` +
      `${medianOf(flaggedPicks)} when flagged, ${medianOf(unflaggedPicks)} when not.`,
  )
  log('')
  log(target.line)
  log(`Wall time: ${wallSeconds.toFixed(1)} s`)

  const result: LrFinderEvaluationResult = {
    config: {
      quick,
      finderSeeds,
      heldOutSeeds,
      trainingSteps,
      rangeTestSteps,
      grid,
      sizes,
      tasks: tasks.map((task) => ({ name: task.name, description: task.description })),
    },
    cells,
    rangeTests,
    picks,
    summaries,
    target,
    table,
    wallSeconds,
  }
  if (typeof record.jsonPath === 'string') {
    await writeJsonAtomically(record.jsonPath, result)
    log(`Raw results: ${record.jsonPath}`)
  }
  return result
}
