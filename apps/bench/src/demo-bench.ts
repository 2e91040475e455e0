/**
 * The full `pnpm demo`, timed: builds the packages it needs (turbo; cached after the first run
 * unless `force`) and runs the demo in a child process, as a user would, with its report written to
 * a temporary folder. The budget: under 3 minutes on 2 cores from a fresh clone
 * (`force: true` rebuilds as a fresh clone would).
 *
 *   pnpm exec tsx apps/bench/src/demo-bench.ts [--force]
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

/** Options of {@link runDemoBench}. */
export interface DemoBenchOptions {
  /** Receives each output line (the demo's own lines, indented, then the timings). */
  readonly log: (line: string) => void
  /** Rebuild the packages without turbo's cache (a fresh clone's build); default false. */
  readonly force?: boolean
}

/** Wall times of the full demo, in seconds. */
export interface DemoBenchResult {
  /** `turbo run build --filter=@lrkit/demo...`. */
  readonly build: number
  /** `pnpm --filter @lrkit/demo start`. */
  readonly demo: number
  /** build + demo. */
  readonly total: number
  /** True when the demo wrote its report. */
  readonly report: boolean
}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..')

async function timed(command: string, args: readonly string[], log: (line: string) => void): Promise<number> {
  const start = performance.now()
  const child = spawn(command, args, {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0' },
  })
  const lines = [createInterface({ input: child.stdout }), createInterface({ input: child.stderr })]
  for (const reader of lines) reader.on('line', (line) => log(`    ${line}`))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`)
  return (performance.now() - start) / 1000
}

/** Runs the build and the demo (the two halves of the root `pnpm demo` script) and prints their times. */
export async function runDemoBench(options: DemoBenchOptions): Promise<DemoBenchResult> {
  const { log } = options
  const folder = mkdtempSync(join(tmpdir(), 'lrkit-demo-bench-'))
  try {
    const build = await timed(
      'pnpm',
      ['exec', 'turbo', 'run', 'build', '--filter=@lrkit/demo...', ...(options.force ? ['--force'] : [])],
      () => {},
    )
    log(`build (turbo${options.force ? ', --force' : ', cache allowed'}): ${build.toFixed(1)} s`)
    const demo = await timed('pnpm', ['--filter', '@lrkit/demo', 'start', '--out', folder], log)
    const report = existsSync(join(folder, 'index.html'))
    const total = build + demo
    log(
      `pnpm demo: build ${build.toFixed(1)} s + demo ${demo.toFixed(1)} s = ${total.toFixed(1)} s (budget 180 s on 2 cores); report written: ${report}`,
    )
    return { build, demo, total, report }
  } finally {
    rmSync(folder, { recursive: true, force: true })
  }
}

const isMain = (() => {
  try {
    return realpathSync(process.argv[1] ?? '') === realpathSync(fileURLToPath(import.meta.url))
  } catch {
    return false
  }
})()
if (isMain) {
  await runDemoBench({ log: (line) => console.log(line), force: process.argv.includes('--force') })
}
