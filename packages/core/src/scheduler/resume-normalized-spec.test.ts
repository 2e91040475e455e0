import { describe, expect, it } from 'vitest'
import { InvalidStateError } from '../errors/invalid-state-error'
import { schedule } from '../specs/schedule'
import type { SchedulerState } from './create-scheduler'
import { createScheduler } from './create-scheduler'

const spec = {
  kind: 'warmup',
  warmupSteps: 5,
  schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 100 },
} as const

/** Runs `steps` advances on `spec` and returns the saved state, through JSON as a file would. */
function savedAfter(specToRun: unknown, steps: number): SchedulerState {
  const scheduler = createScheduler({ schedule: schedule(specToRun) })
  for (let step = 0; step < steps; step++) scheduler.advance()
  return JSON.parse(JSON.stringify(scheduler)) as SchedulerState
}

describe('resumeFrom compares normalized specs', () => {
  it('resumes the same spec with version: 1 added', () => {
    const resumed = createScheduler({
      schedule: schedule({ version: 1, ...spec }),
      resumeFrom: savedAfter(spec, 3),
    })
    expect(resumed.step).toBe(3)
    expect(resumed.learningRate).toBe(schedule(spec)(3))
  })

  it('resumes the same spec with its defaults written out (and version dropped) either way round', () => {
    const explicit = {
      kind: 'warmup',
      warmupSteps: 5,
      initValue: 0,
      shape: 'linear',
      placement: 'prepend',
      schedule: {
        kind: 'cosine',
        initValue: 0.1,
        totalSteps: 100,
        endValue: 0,
        exponent: 1,
        afterEnd: 'clamp',
      },
    }
    expect(createScheduler({ schedule: schedule(explicit), resumeFrom: savedAfter(spec, 4) }).step).toBe(4)
    expect(
      createScheduler({ schedule: schedule(spec), resumeFrom: savedAfter({ version: 1, ...explicit }, 2) })
        .step,
    ).toBe(2)
  })

  it('resumes a state saved before normalization (fingerprint with version: 1 and no defaults)', () => {
    const legacy: SchedulerState = {
      version: 1,
      step: 7,
      fingerprint:
        '{"kind":"warmup","schedule":{"initValue":0.1,"kind":"cosine","totalSteps":100},"version":1,"warmupSteps":5}',
    }
    expect(createScheduler({ schedule: schedule(spec), resumeFrom: legacy }).step).toBe(7)
  })

  it('still rejects a really different spec, and a default changed to another value', () => {
    const different = { ...spec, schedule: { kind: 'cosine', initValue: 0.1, totalSteps: 200 } }
    expect(() => createScheduler({ schedule: schedule(different), resumeFrom: savedAfter(spec, 1) })).toThrow(
      'resumeFrom.fingerprint does not match the schedule: the state was saved with spec {"initValue":0,"kind":"warmup","placement":"prepend","schedule":{"afterEnd":"clamp","endValue":0,"exponent":1,"initValue":0.1,"kind":"cosine","totalSteps":100},"shape":"linear","warmupSteps":5}, this schedule\'s spec is {"initValue":0,"kind":"warmup","placement":"prepend","schedule":{"afterEnd":"clamp","endValue":0,"exponent":1,"initValue":0.1,"kind":"cosine","totalSteps":200},"shape":"linear","warmupSteps":5}',
    )
    const otherDefault = { ...spec, shape: 'exponential', initValue: 0.001 }
    expect(() =>
      createScheduler({ schedule: schedule(otherDefault), resumeFrom: savedAfter(spec, 1) }),
    ).toThrow(InvalidStateError)
  })

  it('rejects a saved fingerprint that is not a spec JSON with the mismatch error', () => {
    expect(() =>
      createScheduler({
        schedule: schedule(spec),
        resumeFrom: { version: 1, step: 0, fingerprint: 'not json' },
      }),
    ).toThrow('resumeFrom.fingerprint does not match the schedule: the state was saved with spec not json')
  })
})
