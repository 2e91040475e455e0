/**
 * The exit codes of `lrkit`, one per class of outcome, so that scripts and CI can tell a bad flag from
 * a bad input file from a full disk without parsing messages.
 *
 * | code | name          | meaning                                                                          |
 * | ---- | ------------- | -------------------------------------------------------------------------------- |
 * | 0    | `ok`          | the command did what was asked                                                   |
 * | 1    | `internal`    | an unexpected error (a bug in lrkit): rerun with `--debug` and report the stack  |
 * | 2    | `usage`       | unknown command or option, missing argument, a flag value that is not allowed    |
 * | 3    | `input`       | an input is missing, unreadable, not JSON, or not a valid spec / config / result |
 * | 4    | `output`      | an output file or folder could not be written                                    |
 * | 130  | `interrupted` | stopped by Ctrl-C (SIGINT), the shell convention 128 + 2                         |
 */
export const EXIT_CODES = {
  /** The command did what was asked. */
  ok: 0,
  /** An unexpected error (a bug in lrkit); `--debug` prints the stack. */
  internal: 1,
  /** Unknown command or option, missing argument, or a flag value that is not allowed. */
  usage: 2,
  /** An input is missing, unreadable, not JSON, or not a valid spec, config or result file. */
  input: 3,
  /** An output file or folder could not be written. */
  output: 4,
  /** Stopped by Ctrl-C (SIGINT): 128 + 2, the shell convention. */
  interrupted: 130,
} as const

/** The name of an exit code: a key of {@link EXIT_CODES}. */
export type ExitCodeName = keyof typeof EXIT_CODES
