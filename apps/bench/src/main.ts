/**
 * `pnpm bench`: every lrkit benchmark, each printing ratios against baselines measured in the same
 * run. `pnpm bench schedules` runs one group only.
 */
import { runScheduleBench } from './schedule-bench'

const groups: Record<string, () => Promise<void> | void> = {
  schedules: () => runScheduleBench((line) => console.log(line)),
}

const selected = process.argv.slice(2).filter((argument) => argument !== '--')
const unknown = selected.filter((name) => !(name in groups))
if (unknown.length > 0) {
  console.error(`Unknown benchmark group ${unknown.join(', ')}; known: ${Object.keys(groups).join(', ')}`)
  process.exit(2)
}
for (const name of selected.length > 0 ? selected : Object.keys(groups)) {
  console.log(`\n## ${name}\n`)
  await groups[name]!()
}
