import { existsSync, statSync } from 'node:fs'
import { basename, resolve } from 'node:path'
import {
  InvalidArgumentError,
  type LrKitConfig,
  type PlateauConfig,
  parseLrKitConfig,
  schedule,
  type VersionedScheduleSpec,
} from '@lrkit/core'
import { CliError } from '../cli-error'
import { parseJsonText, readJsonFile } from '../io/read-json-input'
import { CLI_PRESETS, findPreset, presetSpec } from './presets'
import { scheduleHorizon } from './schedule-horizon'

/** One schedule to preview, resolved from a command-line argument. */
export interface ScheduleInput {
  /** Legend name: the file name, the preset name or `inline #n`. */
  readonly name: string
  /** Where it came from: the argument as typed. */
  readonly source: string
  /** The validated spec. */
  readonly spec: VersionedScheduleSpec
  /** The steps worth showing (see `scheduleHorizon`), when the spec has a natural length. */
  readonly horizon: number | undefined
  /** Group multipliers of an `lrkit.config.json`. */
  readonly groups?: Readonly<Record<string, number>>
  /** Reduce-on-plateau options of an `lrkit.config.json`. */
  readonly plateau?: PlateauConfig
}

/** The file `lrkit schedule` reads when no argument is given. */
export const DEFAULT_CONFIG_FILE = 'lrkit.config.json'

const WHAT_IS_ALLOWED = `a spec file, an ${DEFAULT_CONFIG_FILE}, a preset (${CLI_PRESETS.map((preset) => preset.name).join(', ')}) or inline JSON`

/**
 * Resolves one argument of `lrkit schedule`: inline JSON (starts with `{`), an existing file (a spec or
 * an `lrkit.config.json`), or a preset name with options (`vision-one-cycle:peakValue=1e-3`).
 *
 * @param argument - the argument as typed.
 * @param context - the folder relative paths start in, the `--steps` value (a preset's `totalSteps`)
 *   and the argument's position (for `inline #n`).
 * @throws CliError (`input`) for a missing file, malformed JSON or an invalid spec / config, naming
 *   the argument and, for specs, the path of the offending option.
 */
export async function resolveScheduleInput(
  argument: string,
  context: { readonly cwd: string; readonly presetSteps: number; readonly index: number },
): Promise<ScheduleInput> {
  if (/^\s*[{[]/.test(argument)) {
    const name = `inline #${context.index + 1}`
    return fromJson(parseJsonText(argument, `argument ${context.index + 1} (inline JSON)`), name, argument)
  }
  const fullPath = resolve(context.cwd, argument)
  if (existsSync(fullPath) && !statSync(fullPath).isDirectory()) {
    return fromJson(await readJsonFile(argument, fullPath), basename(argument), argument)
  }
  const preset = findPreset(argument)
  if (preset !== undefined) {
    const spec = presetSpec(preset, argument, context.presetSteps)
    return { name: preset.name, source: argument, spec, horizon: scheduleHorizon(spec) }
  }
  if (existsSync(fullPath)) {
    throw new CliError({
      kind: 'input',
      problem: `${argument} is a folder`,
      fix: `pass ${WHAT_IS_ALLOWED}`,
    })
  }
  throw new CliError({
    kind: 'input',
    problem: `${argument} is neither a file nor a preset name`,
    fix: `check the path, or pass ${WHAT_IS_ALLOWED}`,
  })
}

/** A parsed JSON value: an `lrkit.config.json` (has `schedule`, no `kind`) or a schedule spec. */
function fromJson(value: unknown, name: string, source: string): ScheduleInput {
  const isConfig =
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'schedule' in value &&
    !('kind' in value)
  try {
    if (isConfig) {
      const config: LrKitConfig = parseLrKitConfig(value)
      return {
        name,
        source,
        spec: config.schedule,
        horizon: scheduleHorizon(config.schedule),
        ...(config.groups === undefined ? {} : { groups: config.groups }),
        ...(config.plateau === undefined ? {} : { plateau: config.plateau }),
      }
    }
    const compiled = schedule(value)
    return { name, source, spec: compiled.spec, horizon: scheduleHorizon(compiled.spec) }
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind: 'input',
      problem: `${name} is not a valid ${isConfig ? 'lrkit config' : 'schedule spec'}: ${error.message}`,
      fix: `fix the ${isConfig ? 'config' : 'spec'} (the JSON Schema @lrkit/core/schema.json gives editor completion)`,
      cause: error,
    })
  }
}
