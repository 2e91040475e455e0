import { transformerFineTunePreset, warmupStableDecayPreset } from '@lrkit/core'
import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error'
import { CLI_PRESETS, findPreset, presetSpec } from './presets'

describe('findPreset', () => {
  it('accepts kebab-case, camelCase and the core function name, with or without options', () => {
    for (const name of [
      'vision-one-cycle',
      'visionOneCycle',
      'visionOneCyclePreset',
      'vision-one-cycle:peakValue=1',
    ]) {
      expect(findPreset(name)?.coreName).toBe('visionOneCyclePreset')
    }
    expect(findPreset('cosine.json')).toBeUndefined()
  })

  it('knows every preset of core', () => {
    expect(CLI_PRESETS.map((preset) => preset.coreName)).toEqual([
      'transformerFineTunePreset',
      'visionOneCyclePreset',
      'ulmfitSlantedTriangularPreset',
      'warmupStableDecayPreset',
    ])
  })
})

describe('presetSpec', () => {
  const preset = (name: string) => findPreset(name)!

  it('passes --steps as totalSteps and the options after the colon', () => {
    expect(presetSpec(preset('transformer-fine-tune'), 'transformer-fine-tune', 500)).toEqual(
      transformerFineTunePreset({ totalSteps: 500 }),
    )
    expect(
      presetSpec(
        preset('warmup-stable-decay'),
        'warmup-stable-decay:peakValue=3e-4, warmupFraction=0.05,decayFraction=0.2',
        1000,
      ),
    ).toEqual(
      warmupStableDecayPreset({
        peakValue: 3e-4,
        totalSteps: 1000,
        warmupFraction: 0.05,
        decayFraction: 0.2,
      }),
    )
  })

  it('lets the options override totalSteps', () => {
    expect(presetSpec(preset('transformer-fine-tune'), 'transformer-fine-tune:totalSteps=200', 500)).toEqual(
      transformerFineTunePreset({ totalSteps: 200 }),
    )
  })

  it('rejects an option that is not key=number as a usage error', () => {
    let caught: unknown
    try {
      presetSpec(preset('vision-one-cycle'), 'vision-one-cycle:peakValue=high', 100)
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(CliError)
    expect((caught as CliError).kind).toBe('usage')
    expect((caught as CliError).line).toBe(
      'preset option "peakValue=high" of vision-one-cycle is not key=number; write it as vision-one-cycle:peakValue=1e-3',
    )
  })

  it('reports the option core rejects as an input error naming the preset', () => {
    expect(() => presetSpec(preset('warmup-stable-decay'), 'warmup-stable-decay:peakValue=1', 100)).toThrow(
      'preset warmup-stable-decay: warmupFraction must be a number with 0 <= warmupFraction < 1, got undefined',
    )
  })
})
