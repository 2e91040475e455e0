/** A stream the CLI writes to: `process.stdout`, `process.stderr`, or a test double. */
export interface CliOutput {
  /** Writes text (no newline is added). */
  write(text: string): unknown
  /** True for a terminal; colours are on only for terminals (and `--color` / `FORCE_COLOR`). */
  readonly isTTY?: boolean
  /** Terminal width in columns, when known. */
  readonly columns?: number
}

/** Where {@link runCli} reads and writes: the process by default. */
export interface CliIo {
  /** Results: charts, tables, JSON. */
  readonly stdout: CliOutput
  /** Errors and progress messages. */
  readonly stderr: CliOutput
  /** The folder relative paths start in. */
  readonly cwd: string
  /** Environment variables (`NO_COLOR`, `FORCE_COLOR`). */
  readonly env: Readonly<Record<string, string | undefined>>
}

/** The process's streams, folder and environment. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd(), env: process.env }
}

/**
 * Whether to colour output written to `stream`: `--color` / `--no-color` win, then `NO_COLOR` (off)
 * and `FORCE_COLOR` (on unless `0`), then whether the stream is a terminal.
 */
export function useColor(stream: CliOutput, flag: boolean | undefined, env: CliIo['env']): boolean {
  if (flag !== undefined) return flag
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0'
  return stream.isTTY === true
}
