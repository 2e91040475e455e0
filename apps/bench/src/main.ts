/**
 * `pnpm bench`: every lrkit benchmark, each printing ratios against baselines measured in the same
 * run. `pnpm bench schedules` (or `optimizers`, `step`, `tfjs`, `onnx`, `demo`, `lr-finder`) runs one group only;
 * `pnpm bench lr-finder --quick` is a smoke run of the evaluation (one seed, 100 steps, smaller tasks: ≈ 7 minutes on 2 cores).
 * `pnpm bench lr-finder --split=test` runs the current round's test tasks alone (≈ 5–10 minutes):
 * every range-test rule, `findLearningRate`, the rules of thumb and the grids are deterministic per
 * task, so the development half is the previous round's full run of the same tasks with the same
 * code; random search and successive halving seed their sampling by the cell's position in the run,
 * so their picks in a partial run differ from a full run's. `--tasks=a,b` runs the named tasks.
 * `pnpm bench lr-finder-safe-rates` rereads saved evaluations (by default the committed
 * `apps/bench/results/lr-finder-evaluation*.json`, the full run first; `--from=a.json,b.json`
 * names others) and prints each method's catastrophic picks by how many grid rates of the cell are safe.
 */
import { readdirSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runDemoBench } from './demo-bench'
import { runLrFinderEvaluation, TASK_SPLIT } from './lr-finder-eval/evaluate'
import { rereadSafeRates } from './lr-finder-eval/safe-rates'
import type { EvalTaskName } from './lr-finder-eval/tasks'
import { runOnnxBench } from './onnx-bench'
import { runOptimizerBench } from './optimizer-bench'
import { runScheduleBench } from './schedule-bench'
import { runStepBench } from './step-bench'
import { runTfjsBench } from './tfjs-bench'

const argv = process.argv.slice(2).filter((argument) => argument !== '--')
const quick = argv.includes('--quick')
const jsonFlag = argv.find((argument) => argument.startsWith('--json='))
const splitFlag = argv.find((argument) => argument.startsWith('--split='))?.slice('--split='.length)
const tasksFlag = argv.find((argument) => argument.startsWith('--tasks='))?.slice('--tasks='.length)
if (splitFlag !== undefined && splitFlag !== 'test' && splitFlag !== 'development') {
  console.error(`--split must be test or development, got ${JSON.stringify(splitFlag)}`)
  process.exit(2)
}
if (splitFlag !== undefined && tasksFlag !== undefined) {
  console.error('--split and --tasks select tasks two ways: pass one of them')
  process.exit(2)
}
const evaluationTasks =
  splitFlag !== undefined
    ? TASK_SPLIT[splitFlag]
    : (tasksFlag?.split(',').filter((name) => name !== '') as EvalTaskName[] | undefined)
const fromFlag = argv.find((argument) => argument.startsWith('--from='))?.slice('--from='.length)
const log = (line: string) => console.log(line)
// pnpm runs the script in apps/bench; a relative path means the caller's directory (INIT_CWD).
const callerPath = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path)

/** The committed evaluation dumps: the full run first, then the test-only runs by round. */
function committedEvaluations(): string[] {
  const results = resolve(dirname(fileURLToPath(import.meta.url)), '../results')
  const round = (name: string) => Number(/round-(\d+)/.exec(name)?.[1] ?? 0)
  return readdirSync(results)
    .filter((name) => /^lr-finder-evaluation.*\.json$/.test(name))
    .sort((a, b) => round(a) - round(b))
    .map((name) => resolve(results, name))
}

const groups: Record<string, () => Promise<unknown> | unknown> = {
  schedules: () => runScheduleBench(log),
  optimizers: () => runOptimizerBench({ log, ...(quick ? { sizes: [1e5, 1e6] } : {}) }),
  step: () => runStepBench({ log, ...(quick ? { sizes: [1e6] } : {}) }),
  tfjs: () => runTfjsBench({ log, ...(quick ? { rounds: 2, sizes: [1e6] } : {}) }),
  demo: () => runDemoBench({ log }),
  onnx: () => runOnnxBench({ log, ...(quick ? { rounds: 3, steps: 5, skipTfjs: true } : {}) }),
  'lr-finder': () =>
    runLrFinderEvaluation({
      log,
      quick,
      ...(evaluationTasks === undefined ? {} : { tasks: evaluationTasks }),
      ...(jsonFlag ? { jsonPath: callerPath(jsonFlag.slice('--json='.length)) } : {}),
    }),
  'lr-finder-safe-rates': () =>
    rereadSafeRates(
      fromFlag === undefined
        ? committedEvaluations()
        : fromFlag
            .split(',')
            .filter((path) => path !== '')
            .map(callerPath),
      log,
    ),
}

const selected = argv.filter((argument) => !argument.startsWith('--'))
const unknown = selected.filter((name) => !(name in groups))
if (unknown.length > 0) {
  console.error(`Unknown benchmark group ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`)
  process.exit(2)
}
for (const name of selected.length > 0 ? selected : Object.keys(groups)) {
  console.log(`\n## ${name}\n`)
  await groups[name]!()
}
