/**
 * `pnpm bench`: every lrkit benchmark, each printing ratios against baselines measured in the same
 * run. `pnpm bench schedules` (or `optimizers`, `step`, `tfjs`, `onnx`, `demo`, `lr-finder`) runs one group only;
 * `pnpm bench lr-finder --quick` is a smoke run of the evaluation (one seed, 100 steps, smaller tasks: ≈ 7 minutes on 2 cores).
 */
import { resolve } from 'node:path'
import { runDemoBench } from './demo-bench'
import { runLrFinderEvaluation } from './lr-finder-eval/evaluate'
import { runOnnxBench } from './onnx-bench'
import { runOptimizerBench } from './optimizer-bench'
import { runScheduleBench } from './schedule-bench'
import { runStepBench } from './step-bench'
import { runTfjsBench } from './tfjs-bench'

const argv = process.argv.slice(2).filter((argument) => argument !== '--')
const quick = argv.includes('--quick')
const jsonFlag = argv.find((argument) => argument.startsWith('--json='))
const log = (line: string) => console.log(line)

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
      // pnpm runs the script in apps/bench; a relative path means the caller's directory (INIT_CWD).
      ...(jsonFlag
        ? { jsonPath: resolve(process.env.INIT_CWD ?? process.cwd(), jsonFlag.slice('--json='.length)) }
        : {}),
    }),
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
