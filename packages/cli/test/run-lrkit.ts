import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const require = createRequire(import.meta.url)
/** tsx's loader: the tests run the CLI from source, so they never see a stale build. */
const TSX_LOADER = require.resolve('tsx')
const CLI_SOURCE = resolve(import.meta.dirname, '../src/cli.ts')

/** What a run of `lrkit` printed and returned. */
export interface LrkitRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

/** Runs `file args` in `cwd` with a minimal environment (colours off unless `env` says otherwise). */
function runProcess(
  file: string,
  args: readonly string[],
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): Promise<LrkitRun> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      {
        cwd,
        // TSX_DISABLE_CACHE: tsx writes its transform cache non-atomically into one shared folder, so
        // subprocesses started in parallel by several test files can read a half-written entry and
        // crash (exit 1) under load; every run transforms the sources itself instead.
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? '',
          NO_COLOR: '1',
          TSX_DISABLE_CACHE: '1',
          ...env,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1
        done({ code, stdout, stderr })
      },
    )
  })
}

const LRKIT = [process.execPath, '--import', TSX_LOADER, CLI_SOURCE] as const

/**
 * Runs `lrkit <args>` as a subprocess (`node --import tsx src/cli.ts`) in `cwd`, with colours off
 * unless `env` says otherwise.
 */
export function runLrkit(
  args: readonly string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<LrkitRun> {
  const [node, ...rest] = LRKIT
  return runProcess(node, [...rest, ...args], options)
}

/** `value` as one POSIX shell word (single-quoted). */
function shellWord(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`
}

/**
 * Runs `lrkit <args>` on a real pseudo-terminal: util-linux `script` (Debian's essential `bsdutils`)
 * gives the CLI a tty on stdin, stdout and stderr, so `isTTY` is what a user's terminal reports.
 * The terminal's output (stdout and stderr interleaved, as a user sees it) is `stdout`.
 */
export function runLrkitInTerminal(
  args: readonly string[],
  { cwd, env = {} }: { cwd: string; env?: Record<string, string> },
): Promise<LrkitRun> {
  const command = [...LRKIT, ...args].map(shellWord).join(' ')
  return runProcess('script', ['--quiet', '--return', '--command', command, '/dev/null'], {
    cwd,
    env: { TERM: 'xterm', COLUMNS: '120', ...env },
  })
}

/** A fresh temporary folder, and a function that removes it. */
export async function temporaryFolder(): Promise<{ path: string; remove: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), 'lrkit-cli-'))
  return { path, remove: () => rm(path, { recursive: true, force: true }) }
}
