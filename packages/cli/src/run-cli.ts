import { Command, type CommanderError } from 'commander'
import pc from 'picocolors'
import { version } from '../package.json'
import { CliError, oneLine } from './cli-error'
import { type CliIo, processIo, useColor } from './cli-io'
import { registerFindCommand } from './commands/find-command'
import { registerFitCommand } from './commands/fit-command'
import { registerReportCommand } from './commands/report-command'
import { registerScheduleCommand } from './commands/schedule-command'
import { registerSearchCommand } from './commands/search-command'
import { EXIT_CODES } from './exit-codes'

const EXIT_CODE_HELP = `
Exit codes:
  0    done
  1    internal error (a bug in lrkit): rerun with --debug and report the stack trace
  2    usage: unknown command or option, missing argument, flag value not allowed
  3    input: file missing or unreadable, not JSON, invalid spec, config or results
  4    output: a file or folder could not be written
  130  interrupted (Ctrl-C)
Every error is one line on stderr naming the problem and the fix; --debug adds the stack trace.`

/** A commander error, with the command it happened in. */
class UsageFailure extends Error {
  constructor(
    readonly command: Command,
    readonly error: CommanderError,
  ) {
    super(error.message)
  }
}

/**
 * Runs the `lrkit` command line: parses `argv` (the arguments after `lrkit`), runs the command, and
 * reports any error as one line on `io.stderr` (`lrkit <command>: <problem>; <fix>`) — with the stack
 * trace only under `--debug`.
 *
 * @param argv - the arguments, e.g. `['schedule', 'cosine.json', '--steps', '500']`.
 * @param io - where to read and write; the process's streams, folder and environment by default.
 * @returns The exit code (see {@link EXIT_CODES}); the caller sets `process.exitCode`.
 *
 * @example
 * ```ts
 * const code = await runCli(['schedule', 'vision-one-cycle:peakValue=1e-3', '--json'])
 * ```
 */
export async function runCli(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes('--debug')
  let active = 'lrkit'
  // `--no-color` wins over `--color`; read from argv so that errors before the action obey it too.
  const colorFlag = argv.includes('--no-color') ? false : argv.includes('--color') ? true : undefined
  const program = new Command('lrkit')
  program
    .description('lrkit: learning-rate schedules, range-test results and reports from the command line')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .option('--debug', 'print stack traces of errors')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output (also: NO_COLOR=1)')
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: () => {},
    })
    .showSuggestionAfterError(true)
    .helpCommand('help [command]', 'show help for a command')
    .addHelpText(
      'after',
      `${EXIT_CODE_HELP}\n\nRun "lrkit <command> --help" for a command's inputs and options.`,
    )
    .hook('preAction', (_program, command) => {
      active = `lrkit ${command.name()}`
    })
  const context = { io, color: () => useColor(io.stdout, colorFlag, io.env) }
  registerScheduleCommand(program, context)
  registerFindCommand(program, context)
  registerFitCommand(program, context)
  registerReportCommand(program, context)
  registerSearchCommand(program, context)
  for (const command of [program, ...program.commands]) {
    command.exitOverride((error) => {
      throw new UsageFailure(command, error)
    })
    if (command !== program) command.addHelpText('after', EXIT_CODE_HELP)
  }

  try {
    await program.parseAsync(argv, { from: 'user' })
    return EXIT_CODES.ok
  } catch (caught) {
    return report(caught, { io, debug, active, colorFlag })
  }
}

function report(
  caught: unknown,
  {
    io,
    debug,
    active,
    colorFlag,
  }: { io: CliIo; debug: boolean; active: string; colorFlag: boolean | undefined },
): number {
  const colors = pc.createColors(useColor(io.stderr, colorFlag, io.env))
  const write = (prefix: string, line: string) => io.stderr.write(`${colors.red(`${prefix}:`)} ${line}\n`)
  if (caught instanceof UsageFailure) {
    const { error, command } = caught
    if (error.exitCode === 0) return EXIT_CODES.ok
    const name = command.parent === null ? 'lrkit' : `lrkit ${command.name()}`
    if (error.code === 'commander.help' || error.code === 'commander.helpDisplayed') {
      return EXIT_CODES.usage
    }
    const problem = oneLine(
      error.message.replace(/^error:\s*/, '').replace(/\n\(Did you mean/, ' (did you mean'),
    )
    write(name, `${problem}; run "${name} --help" for the usage`)
    if (debug && error.stack !== undefined) io.stderr.write(`${error.stack}\n`)
    return EXIT_CODES.usage
  }
  if (caught instanceof CliError) {
    write(active, caught.line)
    if (debug) io.stderr.write(`${stackOf(caught)}\n`)
    return caught.exitCode
  }
  const message = caught instanceof Error ? caught.message : String(caught)
  write(
    active,
    `internal error: ${oneLine(message)}; this is a bug in lrkit: rerun with --debug and report the stack trace`,
  )
  if (debug) io.stderr.write(`${stackOf(caught)}\n`)
  return EXIT_CODES.internal
}

function stackOf(error: unknown): string {
  const lines: string[] = []
  let current: unknown = error
  for (let depth = 0; current !== undefined && depth < 5; depth++) {
    lines.push(
      depth === 0 ? '' : 'Caused by:',
      current instanceof Error ? (current.stack ?? current.message) : String(current),
    )
    current = current instanceof Error ? current.cause : undefined
  }
  return lines.filter((line) => line !== '').join('\n')
}
