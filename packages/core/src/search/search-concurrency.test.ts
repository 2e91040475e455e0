import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TrainableError } from '../errors/trainable-error'
import type { SearchTrial, Trainable } from '../trainable'
import { gridSearch } from './grid-search'
import { randomSearch } from './random-search'
import type { SearchBaseOptions, SearchResult } from './search-trials'
import { successiveHalving } from './successive-halving'

/** One call into a trainable, in the order it happened. */
interface CallRecord {
  readonly trial: number
  readonly phase: 'create' | 'trainStep' | 'evaluate'
  readonly event: 'start' | 'end' | 'throw'
  readonly step?: number
  readonly at: number
}

const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds))

/**
 * A recorder of every call into the trainables of a search. Each `trainStep` takes `delay` ms (a
 * timer, so the trials really interleave) and returns a slowly decreasing loss; `failAt` makes one
 * trial's call throw.
 */
function recorder(failAt: { trial: number; phase: 'create' | 'trainStep' | 'evaluate'; step?: number }) {
  const log: CallRecord[] = []
  let inFlight = 0
  const record = (entry: Omit<CallRecord, 'at'>) => log.push({ ...entry, at: performance.now() })
  const createTrainable = async (trial: SearchTrial): Promise<Trainable> => {
    const index = trial.index
    record({ trial: index, phase: 'create', event: 'start' })
    inFlight += 1
    await sleep(1 + (index % 3))
    inFlight -= 1
    if (failAt.phase === 'create' && failAt.trial === index) {
      record({ trial: index, phase: 'create', event: 'throw' })
      throw new Error(`create ${index} failed`)
    }
    record({ trial: index, phase: 'create', event: 'end' })
    return {
      snapshot: async () => 0,
      restore: async () => {},
      trainStep: async (_learningRate, step) => {
        record({ trial: index, phase: 'trainStep', event: 'start', step })
        inFlight += 1
        await sleep(1 + (index % 3))
        inFlight -= 1
        if (failAt.phase === 'trainStep' && failAt.trial === index && failAt.step === step) {
          record({ trial: index, phase: 'trainStep', event: 'throw', step })
          throw new Error(`step ${step} of trial ${index} failed`)
        }
        record({ trial: index, phase: 'trainStep', event: 'end', step })
        return 1 / (1 + step)
      },
      evaluate: async () => {
        record({ trial: index, phase: 'evaluate', event: 'start' })
        inFlight += 1
        await sleep(1)
        inFlight -= 1
        if (failAt.phase === 'evaluate' && failAt.trial === index) {
          record({ trial: index, phase: 'evaluate', event: 'throw' })
          throw new Error(`evaluate ${index} failed`)
        }
        record({ trial: index, phase: 'evaluate', event: 'end' })
        return 1
      },
    }
  }
  return {
    log,
    createTrainable,
    get inFlight() {
      return inFlight
    },
  }
}

let unhandled: unknown[] = []
const onUnhandled = (reason: unknown) => {
  unhandled.push(reason)
}
beforeEach(() => {
  unhandled = []
  process.on('unhandledRejection', onUnhandled)
})
afterEach(() => {
  process.off('unhandledRejection', onUnhandled)
})

async function rejectionOf(promise: Promise<SearchResult>): Promise<{ error: unknown; at: number }> {
  try {
    await promise
  } catch (error) {
    return { error, at: performance.now() }
  }
  throw new Error('expected the search to reject')
}

type Search = (base: Omit<SearchBaseOptions, 'minValue' | 'maxValue'>) => Promise<SearchResult>

/** Each search with six trials, and the trials created before training starts. */
const searches: readonly (readonly [string, Search, readonly number[]])[] = [
  [
    'gridSearch',
    (base) => gridSearch({ ...base, minValue: 1e-3, maxValue: 1, points: 6, budgetSteps: 40 }),
    [0, 1, 2],
  ],
  [
    'randomSearch',
    (base) => randomSearch({ ...base, minValue: 1e-3, maxValue: 1, trials: 6, budgetSteps: 40, seed: 3 }),
    [0, 1, 2],
  ],
  [
    // Successive halving creates every trial of rung 0 first, then trains them.
    'successiveHalving',
    (base) => successiveHalving({ ...base, minValue: 1e-3, maxValue: 1, trials: 6, minSteps: 40, eta: 2 }),
    [0, 1, 2, 3, 4, 5],
  ],
]

/** Checks that nothing ran after the failure and nothing runs after the rejection. */
async function expectStoppedAfter(
  tracker: ReturnType<typeof recorder>,
  rejection: { error: unknown; at: number },
): Promise<void> {
  const failure = tracker.log.findIndex((entry) => entry.event === 'throw')
  expect(failure).toBeGreaterThanOrEqual(0)
  // The other workers stop at their next call: no call into any trainable starts after the failure.
  expect(tracker.log.slice(failure + 1).filter((entry) => entry.event === 'start')).toEqual([])
  // Every call started was finished before the promise rejected: nothing is in flight.
  expect(tracker.inFlight).toBe(0)
  const starts = tracker.log.filter((entry) => entry.event === 'start').length
  const ends = tracker.log.filter((entry) => entry.event !== 'start').length
  expect(ends).toBe(starts)
  expect(tracker.log.every((entry) => entry.at <= rejection.at)).toBe(true)
  // Nothing keeps training after the rejection.
  const length = tracker.log.length
  await sleep(30)
  expect(tracker.log.length).toBe(length)
  expect(unhandled).toEqual([])
}

describe('searches with concurrency > 1 stop every worker when one trial throws', () => {
  it.each(searches)(
    '%s: a trainStep that throws stops the other trials at their next step',
    async (_, run, created) => {
      const tracker = recorder({ trial: 1, phase: 'trainStep', step: 4 })
      const rejection = await rejectionOf(run({ createTrainable: tracker.createTrainable, concurrency: 3 }))
      expect(rejection.error).toBeInstanceOf(TrainableError)
      expect((rejection.error as TrainableError).message).toMatch(
        /^trainStep threw at step 4 of trial 1 \(learning rate /,
      )
      expect(((rejection.error as TrainableError).cause as Error).message).toBe('step 4 of trial 1 failed')
      await expectStoppedAfter(tracker, rejection)
      // The other two trials in flight had started training and were stopped long before their budget.
      const otherSteps = tracker.log.filter(
        (entry) => entry.phase === 'trainStep' && entry.event === 'start' && entry.trial !== 1,
      )
      expect(new Set(otherSteps.map((entry) => entry.trial))).toEqual(new Set([0, 2]))
      expect(otherSteps.length).toBeLessThanOrEqual(2 * 10)
      // No trial was created after the failure: only those in flight (or all of rung 0), each once.
      const creations = tracker.log.filter((entry) => entry.phase === 'create' && entry.event === 'end')
      expect(creations.map((entry) => entry.trial).sort()).toEqual(created)
    },
  )

  it.each(searches)('%s: a createTrainable that throws stops the other workers', async (_, run) => {
    const tracker = recorder({ trial: 2, phase: 'create' })
    const rejection = await rejectionOf(run({ createTrainable: tracker.createTrainable, concurrency: 3 }))
    expect(rejection.error).toBeInstanceOf(TrainableError)
    expect((rejection.error as TrainableError).message).toMatch(
      /^createTrainable threw for trial 2 \(learning rate /,
    )
    await expectStoppedAfter(tracker, rejection)
  })

  it('gridSearch: an evaluate() that throws stops the other trials at their next step', async () => {
    const tracker = recorder({ trial: 0, phase: 'evaluate' })
    // Trial 0 ends first (shortest steps), while trials 1 and 2 are still training.
    const rejection = await rejectionOf(
      gridSearch({
        createTrainable: tracker.createTrainable,
        minValue: 1e-3,
        maxValue: 1,
        points: 4,
        budgetSteps: 10,
        concurrency: 3,
      }),
    )
    expect((rejection.error as TrainableError).message).toBe('evaluate threw for trial 0')
    await expectStoppedAfter(tracker, rejection)
    const laterSteps = tracker.log.filter((entry) => entry.phase === 'trainStep' && entry.trial !== 0)
    expect(laterSteps.filter((entry) => entry.event === 'start').length).toBeLessThan(2 * 10)
  })

  it('keeps the first error when several trials throw, and leaves no unhandled rejection', async () => {
    const thrown: number[] = []
    const rejection = await rejectionOf(
      gridSearch({
        createTrainable: ({ index }) => ({
          snapshot: async () => 0,
          restore: async () => {},
          trainStep: async (_learningRate, step) => {
            await sleep(1)
            if (step === 2) {
              thrown.push(index)
              throw new Error(`trial ${index}`)
            }
            return 1
          },
        }),
        minValue: 1e-3,
        maxValue: 1,
        points: 3,
        budgetSteps: 10,
        concurrency: 3,
      }),
    )
    // All three were in step 2 when the first failed; all three throw and settle, the first one wins.
    expect(thrown).toEqual([0, 1, 2])
    expect(((rejection.error as TrainableError).cause as Error).message).toBe('trial 0')
    await sleep(20)
    expect(unhandled).toEqual([])
  })

  it('with fast (microtask-only) trainables no step starts after the failing one settles', async () => {
    const calls: { trial: number; step: number }[] = []
    let failed = -1
    const rejection = await rejectionOf(
      randomSearch({
        createTrainable: ({ index }) => ({
          snapshot: async () => 0,
          restore: async () => {},
          trainStep: async (_learningRate, step) => {
            calls.push({ trial: index, step })
            if (index === 1 && step === 50) {
              failed = calls.length
              throw new Error('boom')
            }
            return 1
          },
        }),
        minValue: 1e-3,
        maxValue: 1,
        trials: 4,
        budgetSteps: 1000,
        concurrency: 4,
      }),
    )
    expect((rejection.error as TrainableError).step).toBe(50)
    // At most one more step per other worker was already queued when the failure surfaced.
    expect(calls.length - failed).toBeLessThanOrEqual(3)
    const length = calls.length
    await sleep(20)
    expect(calls.length).toBe(length)
    expect(unhandled).toEqual([])
  })
})
