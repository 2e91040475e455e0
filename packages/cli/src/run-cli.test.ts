import { describe, expect, it } from 'vitest'
import { version } from '../package.json'
import type { CliIo } from './cli-io'
import { runCli } from './run-cli'

function memoryIo(
  options: { isTTY?: boolean; env?: Record<string, string> } = {},
): CliIo & { out: () => string; err: () => string } {
  let out = ''
  let err = ''
  return {
    stdout: { write: (text: string) => (out += text), isTTY: options.isTTY ?? false, columns: 80 },
    stderr: { write: (text: string) => (err += text), isTTY: options.isTTY ?? false },
    cwd: process.cwd(),
    env: options.env ?? {},
    out: () => out,
    err: () => err,
  }
}

describe('runCli (in-process)', () => {
  it('prints the version', async () => {
    const io = memoryIo()
    expect(await runCli(['--version'], io)).toBe(0)
    expect(io.out()).toBe(`${version}\n`)
  })

  it('prints the help with the commands and exit codes on --help (exit 0) and with no command (exit 2, on stderr)', async () => {
    const help = memoryIo()
    expect(await runCli(['--help'], help)).toBe(0)
    for (const text of [
      'schedule [options] [inputs...]',
      'report [options] <results...>',
      'Exit codes:',
      '4    output',
    ]) {
      expect(help.out()).toContain(text)
    }
    const bare = memoryIo()
    expect(await runCli([], bare)).toBe(2)
    expect(bare.out()).toBe('')
    expect(bare.err()).toContain('Usage: lrkit [options] [command]')
  })

  it('colours the chart on a terminal, not with NO_COLOR or --no-color, and with --color anywhere', async () => {
    const args = ['schedule', '{"kind":"constant","value":1}', '{"kind":"constant","value":2}']
    const terminal = memoryIo({ isTTY: true })
    expect(await runCli(args, terminal)).toBe(0)
    expect(terminal.out()).toContain('\u001b[')
    const noColor = memoryIo({ isTTY: true, env: { NO_COLOR: '1' } })
    await runCli(args, noColor)
    expect(noColor.out()).not.toContain('\u001b[')
    const flagOff = memoryIo({ isTTY: true })
    await runCli([...args, '--no-color'], flagOff)
    expect(flagOff.out()).not.toContain('\u001b[')
    const flagOn = memoryIo({ env: { NO_COLOR: '1' } })
    await runCli(['--color', ...args], flagOn)
    expect(flagOn.out()).toContain('\u001b[')
  })

  it('colours the error prefix on a terminal, but not with --no-color', async () => {
    const terminal = memoryIo({ isTTY: true })
    expect(await runCli(['schedule', '--steps', 'x', '{"kind":"constant","value":1}'], terminal)).toBe(2)
    expect(terminal.err()).toBe(
      '\u001b[31mlrkit schedule:\u001b[39m --steps must be an integer from 1 to 1000000000, got "x"; e.g. --steps 1000\n',
    )
    const plain = memoryIo({ isTTY: true })
    await runCli(['schedule', '--no-color', '--steps', 'x', '{"kind":"constant","value":1}'], plain)
    expect(plain.err()).toBe(
      'lrkit schedule: --steps must be an integer from 1 to 1000000000, got "x"; e.g. --steps 1000\n',
    )
  })

  it('reports an unexpected error as an internal error (exit 1) with the stack only under --debug', async () => {
    const failing: CliIo = {
      ...memoryIo(),
      stdout: {
        write: () => {
          throw new Error('disk\nexploded')
        },
      },
    }
    let err = ''
    const io = { ...failing, stderr: { write: (text: string) => (err += text) } }
    expect(await runCli(['schedule', '{"kind":"constant","value":1}'], io)).toBe(1)
    expect(err).toBe(
      'lrkit schedule: internal error: disk exploded; this is a bug in lrkit: rerun with --debug and report the stack trace\n',
    )
    err = ''
    expect(await runCli(['schedule', '{"kind":"constant","value":1}', '--debug'], io)).toBe(1)
    expect(err).toMatch(/^lrkit schedule: internal error: disk exploded; .*\nError: disk\nexploded\n\s+at /)
  })
})
