import cliProgress from 'cli-progress'
import type { CliOutput } from '../cli-io'

/** A progress bar on a terminal, or nothing elsewhere. */
export interface ProgressBar {
  /** Moves the bar to `value` and updates the payload tokens of the format (`{loss}`, `{rate}`). */
  update(value: number, payload?: Readonly<Record<string, string>>): void
  /** Draws the last state and releases the terminal line. */
  stop(): void
}

/**
 * A `cli-progress` bar on `stream` when it is a terminal (and `enabled`); a no-op otherwise, so
 * pipes, CI logs and `--json` output stay clean.
 *
 * @param options.format - cli-progress format, e.g. `'{bar} {value}/{total} loss {loss}'`.
 * @param options.payload - the initial values of the format's own tokens.
 */
export function createProgressBar({
  stream,
  total,
  format,
  payload = {},
  enabled = true,
}: {
  stream: CliOutput
  total: number
  format: string
  payload?: Readonly<Record<string, string>>
  enabled?: boolean
}): ProgressBar {
  if (!enabled || stream.isTTY !== true) return { update() {}, stop() {} }
  const bar = new cliProgress.SingleBar(
    {
      stream: stream as unknown as NodeJS.WritableStream,
      format,
      hideCursor: true,
      clearOnComplete: false,
      barsize: 24,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  )
  bar.start(total, 0, payload)
  let stopped = false
  return {
    update(value, next) {
      if (!stopped) bar.update(value, next ?? {})
    },
    stop() {
      if (stopped) return
      stopped = true
      bar.stop()
    },
  }
}
