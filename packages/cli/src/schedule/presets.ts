import {
  InvalidArgumentError,
  type ScheduleSpec,
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from '@lrkit/core'
import { CliError } from '../cli-error'

/** A preset of `@lrkit/core` as the CLI names it. */
export interface CliPreset {
  /** The kebab-case name typed on the command line, e.g. `vision-one-cycle`. */
  readonly name: string
  /** The core function, for messages (e.g. `visionOneCyclePreset`). */
  readonly coreName: string
  /** One line for `--help`. */
  readonly summary: string
  /** An example option list for the preset, as typed after the colon. */
  readonly example: string
  /** Builds the spec; `options` already holds `totalSteps`. */
  readonly create: (options: Record<string, number>) => ScheduleSpec
}

/** The presets of `@lrkit/core`, in the order `--help` lists them. */
export const CLI_PRESETS: readonly CliPreset[] = [
  {
    name: 'transformer-fine-tune',
    coreName: 'transformerFineTunePreset',
    summary: 'BERT/RoBERTa: linear warmup over 6 %, then linear decay to 0 (peakValue default 2e-5)',
    example: 'peakValue=3e-5',
    create: (options) => transformerFineTunePreset(options as never),
  },
  {
    name: 'vision-one-cycle',
    coreName: 'visionOneCyclePreset',
    summary: 'fastai fit_one_cycle: cosine up to peakValue over 25 %, then cosine down (needs peakValue)',
    example: 'peakValue=1e-3',
    create: (options) => visionOneCyclePreset(options as never),
  },
  {
    name: 'ulmfit-slanted-triangular',
    coreName: 'ulmfitSlantedTriangularPreset',
    summary: 'ULMFiT slanted triangular rates (needs peakValue; cutFraction 0.1, ratio 32)',
    example: 'peakValue=0.01',
    create: (options) => ulmfitSlantedTriangularPreset(options as never),
  },
  {
    name: 'warmup-stable-decay',
    coreName: 'warmupStableDecayPreset',
    summary: 'WSD with a 1-sqrt cooldown (needs peakValue, warmupFraction, decayFraction)',
    example: 'peakValue=3e-4,warmupFraction=0.05,decayFraction=0.2',
    create: (options) => warmupStableDecayPreset(options as never),
  },
]

/** `vision-one-cycle`, `visionOneCycle` and `visionOneCyclePreset` all name the same preset. */
function normaliseName(name: string): string {
  return name
    .replace(/Preset$/, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
}

/**
 * Finds the preset named by a command-line argument `<name>[:key=value,…]`, or `undefined` when the
 * part before the colon is not a preset name.
 */
export function findPreset(argument: string): CliPreset | undefined {
  const name = normaliseName(argument.split(':', 1)[0] ?? '')
  return CLI_PRESETS.find((preset) => preset.name === name)
}

/**
 * Builds the spec of a preset argument `<name>[:key=value,…]`. `totalSteps` is the `--steps` value
 * unless the argument gives it.
 *
 * @throws CliError (`usage`) for a malformed option list, (`input`) for an option the preset rejects,
 *   naming the option and how to pass it.
 */
export function presetSpec(preset: CliPreset, argument: string, totalSteps: number): ScheduleSpec {
  const colon = argument.indexOf(':')
  const list = colon === -1 ? '' : argument.slice(colon + 1)
  const options: Record<string, number> = { totalSteps }
  for (const item of list === '' ? [] : list.split(',')) {
    const match = /^\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(item)
    const value = match === null ? Number.NaN : Number(match[2])
    if (match === null || match[2] === undefined || !Number.isFinite(value)) {
      throw new CliError({
        kind: 'usage',
        problem: `preset option "${item}" of ${preset.name} is not key=number`,
        fix: `write it as ${preset.name}:${preset.example}`,
      })
    }
    options[match[1] as string] = value
  }
  try {
    return preset.create(options)
  } catch (error) {
    if (!InvalidArgumentError.isInstance(error)) throw error
    throw new CliError({
      kind: 'input',
      problem: `preset ${preset.name}: ${error.message}`,
      fix: `pass preset options after a colon, e.g. ${preset.name}:${preset.example} (totalSteps comes from --steps)`,
      cause: error,
    })
  }
}
