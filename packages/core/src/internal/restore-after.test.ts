import { describe, expect, it } from 'vitest'
import { TrainableError } from '../errors/trainable-error'
import type { Trainable } from '../trainable'
import {
  callTrainable,
  evaluateLoss,
  restoreAfter,
  TrainableCallFailure,
  trainStepLoss,
} from './restore-after'

function trainable(overrides: Partial<Trainable<number>> = {}): Trainable<number> & { restores: number } {
  const self = {
    restores: 0,
    async snapshot() {
      return 0
    },
    async restore() {
      self.restores += 1
    },
    async trainStep() {
      return 1
    },
    ...overrides,
  }
  return self
}

async function caught(promise: Promise<unknown>): Promise<TrainableError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(TrainableError.isInstance(error)).toBe(true)
  return error as TrainableError
}

describe('restoreAfter', () => {
  it('returns the body result and restores once', async () => {
    const t = trainable()
    expect(await restoreAfter('caller', t, 0, 'its snapshot', async () => 42)).toBe(42)
    expect(t.restores).toBe(1)
  })

  it('a failed call is rethrown after the restore, with where it happened', async () => {
    const t = trainable({
      async trainStep() {
        throw new Error('boom')
      },
    })
    const error = await caught(restoreAfter('caller', t, 0, 'its snapshot', () => trainStepLoss(t, 0.5, 3)))
    expect(t.restores).toBe(1)
    expect(error.message).toBe(
      'caller: trainable.trainStep() threw at step 3 (learning rate 0.5); the trainable was restored to its snapshot',
    )
    expect(error.restored).toBe(true)
    expect(error.step).toBe(3)
    expect((error.cause as Error).message).toBe('boom')
  })

  it('any other throw counts as a failed trainStep without a step', async () => {
    const error = await caught(
      restoreAfter('caller', trainable(), 0, 'its initial state', async () => {
        throw new RangeError('odd')
      }),
    )
    expect(error.message).toBe(
      'caller: trainable.trainStep() threw; the trainable was restored to its initial state',
    )
    expect(error.step).toBeUndefined()
  })

  it('a restore that throws: restored false, the body failure as cause and the restore error beside it', async () => {
    const restoreFailure = new Error('disk')
    const t = trainable({
      async restore() {
        throw restoreFailure
      },
      async evaluate() {
        return 'x' as unknown as number
      },
    })
    const error = await caught(restoreAfter('caller', t, 0, 'its snapshot', () => evaluateLoss(t, 7, 0.1)))
    expect(error.message).toBe(
      'caller: trainable.evaluate() threw at step 7 and the following restore() threw too; the trainable is in an unknown state',
    )
    expect(error.restored).toBe(false)
    expect(error.restoreError).toBe(restoreFailure)
    expect((error.cause as Error).message).toBe('evaluate must resolve to a number, got string')
    const alone = await caught(restoreAfter('caller', t, 0, 'its snapshot', async () => 1))
    expect(alone.message).toBe('caller: trainable.restore() threw; the trainable is in an unknown state')
    expect(alone.cause).toBe(restoreFailure)
  })

  it('callTrainable wraps a throw with its phase', async () => {
    const failure = await callTrainable('snapshot', async () => {
      throw new Error('x')
    }).catch((reason: unknown) => reason)
    expect(failure).toBeInstanceOf(TrainableCallFailure)
    expect((failure as TrainableCallFailure).phase).toBe('snapshot')
  })
})
