import { EXIT_CODES, type ExitCodeName } from './exit-codes'

/**
 * An error the CLI reports to the user as one line (`lrkit <command>: <problem>; <fix>`) with the
 * exit code of its class, without a stack trace unless `--debug` is given.
 */
export class CliError extends Error {
  /** The class of the error, a key of {@link EXIT_CODES}; decides the exit code. */
  readonly kind: Exclude<ExitCodeName, 'ok'>
  /** What the user can do about it, e.g. `check the path` (appended after the problem). */
  readonly fix: string | undefined

  /**
   * @param options - the class, the problem and the fix
   * @param options.kind - the class of the error (`usage`, `input`, `output`, …)
   * @param options.problem - what went wrong, naming the offending flag, file or value
   * @param options.fix - what to do about it; optional
   * @param options.cause - the underlying error, shown with `--debug`
   */
  constructor({
    kind,
    problem,
    fix,
    cause,
  }: { kind: Exclude<ExitCodeName, 'ok'>; problem: string; fix?: string; cause?: unknown }) {
    super(problem, cause === undefined ? undefined : { cause })
    this.name = 'CliError'
    this.kind = kind
    this.fix = fix
  }

  /** The exit code of this error's class. */
  get exitCode(): number {
    return EXIT_CODES[this.kind]
  }

  /** The one-line message: the problem, then the fix after a semicolon. */
  get line(): string {
    return oneLine(this.fix === undefined ? this.message : `${this.message}; ${this.fix}`)
  }
}

/** Collapses whitespace runs (newlines included) so that a message always fits on one line. */
export function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim()
}
