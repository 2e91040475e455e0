/**
 * `pnpm demo`: the lrkit tour. Pretrains a small model on MNIST digits 0–4, fine-tunes it on digits
 * 5–9 three ways (a default constant rate; the range test's rate with one-cycle; discriminative rates
 * with gradual unfreezing) with @lrkit/onnx and with @lrkit/tfjs, prints a table of accuracy, steps
 * and time measured in this run, and writes an HTML report (range tests, schedules, loss and rate
 * curves, the table) into the folder it names at the end.
 */
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { runDemo } from './run-demo'
import type { TfjsBackend } from './tfjs-runs'

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    out: { type: 'string', default: 'lrkit-report' },
    backend: { type: 'string', default: 'wasm' },
    help: { type: 'boolean', default: false },
  },
})

if (flags.help) {
  console.log('Usage: pnpm demo [--out <folder>] [--backend wasm|cpu]')
  process.exit(0)
}
if (flags.backend !== 'wasm' && flags.backend !== 'cpu') {
  console.error(`--backend must be wasm or cpu, got ${JSON.stringify(flags.backend)}`)
  process.exit(2)
}
// pnpm runs this script inside apps/demo; resolve --out against the folder the user ran pnpm from.
const outputFolder = resolve(process.env.INIT_CWD ?? process.cwd(), flags.out)

const start = performance.now()
const { reportPath } = await runDemo({
  log: (line) => console.log(line),
  outputFolder,
  backend: flags.backend as TfjsBackend,
})
console.log(`\nReport (range tests, schedules, loss and rate curves, the table): ${reportPath}`)
console.log(`Done in ${((performance.now() - start) / 1000).toFixed(1)} s.`)
