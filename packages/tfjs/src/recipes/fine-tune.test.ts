import { oneCycleSchedule } from '@lrkit/core'
import { expectClose } from '@lrkit/test-utils'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKENDS, useBackend } from '../../test/backends'
import { batchDataset, classificationData, weightValues } from '../../test/models'
import { fineTune } from '../index'

afterEach(() => {
  tf.disposeVariables()
})

let serial = 0

/** dense → BatchNorm → softmax head, unique names. */
function bnModel(): { model: tfl.Sequential; body: string; bn: string; head: string } {
  serial += 1
  const body = `ftbody${serial}`
  const bn = `ftbn${serial}`
  const head = `fthead${serial}`
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 8, activation: 'relu', name: body }),
      tfl.layers.batchNormalization({ name: bn }),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: head }),
    ],
  })
  return { model, body, bn, head }
}

const changed = (before: Map<string, Float32Array>, after: Map<string, Float32Array>, name: string) =>
  before.get(name)!.some((value, index) => value !== after.get(name)![index])

describe.each(BACKENDS)('fineTune on the %s backend', (backend) => {
  it('trains the head only (BatchNorm frozen in inference mode), then every group with discriminative one-cycle rates', async () => {
    await useBackend(backend)
    const { model, body, bn, head } = bnModel()
    const { xs, ys } = classificationData()
    const snapshots: Map<string, Float32Array>[] = [weightValues(model)]
    const { optimizer, recipe, histories } = await fineTune({
      model,
      data: { xs, ys },
      loss: 'categoricalCrossentropy',
      epochs: 2,
      batchSize: 8,
      baseLearningRate: 0.01,
      fitArgs: {
        verbose: 0,
        callbacks: [{ onEpochEnd: async () => void snapshots.push(weightValues(model)) }],
      },
    })
    // 1 frozen epoch + 2 unfrozen epochs.
    expect(snapshots.length).toBe(4)
    const [start, frozen, , end] = snapshots as [
      Map<string, Float32Array>,
      Map<string, Float32Array>,
      unknown,
      Map<string, Float32Array>,
    ]
    for (const name of [
      `${body}/kernel`,
      `${body}/bias`,
      `${bn}/gamma`,
      `${bn}/beta`,
      `${bn}/moving_mean`,
      `${bn}/moving_variance`,
    ]) {
      expect(frozen.get(name), `${name} frozen`).toEqual(start.get(name))
      expect(changed(frozen, end, name), `${name} trains once unfrozen`).toBe(true)
    }
    expect(changed(start, frozen, `${head}/kernel`)).toBe(true)
    // The recipe: 4 steps per epoch, head peak 0.01 then 0.005 with body at 1/100.
    expect(recipe.phases.map((phase) => phase.schedule.totalSteps)).toEqual([4, 8])
    expect(optimizer.groups.find((group) => group.name === 'body')!.lrScale).toBe(0.01)
    expect(optimizer.groups.find((group) => group.name === 'head')!.lrScale).toBe(1)
    const { kind: _kind, ...unfrozen } = recipe.phases[1]!.schedule
    expect(unfrozen.peakValue).toBe(0.005)
    const schedule = oneCycleSchedule({ ...unfrozen, totalSteps: 8 })
    expectClose(histories[1]!.history.lr![1] as number, schedule(7), { rtol: 1e-12 })
    expect(histories[0]!.history.loss!.length).toBe(1)
    // Afterwards: every layer trainable, BatchNorm back to tfjs's own call.
    expect(model.layers.every((layer) => layer.trainable)).toBe(true)
    expect(Object.hasOwn(model.getLayer(bn), 'call')).toBe(false)
    tf.dispose([xs, ys])
  })
})

describe('fineTune', () => {
  it("frozenBatchNorm 'train' keeps tfjs's behaviour: moving statistics move while the group is frozen", async () => {
    await useBackend('cpu')
    const { model, bn } = bnModel()
    const { xs, ys } = classificationData()
    const before = weightValues(model)
    let afterFrozen: Map<string, Float32Array> | undefined
    await fineTune({
      model,
      data: batchDataset(xs, ys, 8) as never,
      loss: 'categoricalCrossentropy',
      epochs: 1,
      frozenBatchNorm: 'train',
      fitArgs: {
        verbose: 0,
        callbacks: [
          {
            onEpochEnd: async () => {
              afterFrozen ??= weightValues(model)
            },
          },
        ],
      },
    })
    expect(changed(before, afterFrozen!, `${bn}/moving_mean`)).toBe(true)
    expect(afterFrozen!.get(`${bn}/gamma`)).toEqual(before.get(`${bn}/gamma`))
    tf.dispose([xs, ys])
  })

  it('rejects a dataset without a size, bad data and a bad frozenBatchNorm', async () => {
    await useBackend('cpu')
    const { model } = bnModel()
    const { xs, ys } = classificationData()
    const dataset = { iterator: batchDataset(xs, ys, 8).iterator }
    await expect(
      fineTune({ model, data: dataset as never, loss: 'meanSquaredError', epochs: 1 }),
    ).rejects.toThrow(
      'stepsPerEpoch must be an integer >= 1 for a dataset without a finite size (the schedules need the number of batches per epoch)',
    )
    await expect(
      fineTune({ model, data: [xs, ys] as never, loss: 'meanSquaredError', epochs: 1 }),
    ).rejects.toThrow(
      'data must be { xs, ys } tensors or a tf.data.Dataset of { xs, ys } batches, got "an array"',
    )
    await expect(
      fineTune({
        model,
        data: { xs, ys },
        loss: 'meanSquaredError',
        epochs: 1,
        frozenBatchNorm: 'off' as never,
      }),
    ).rejects.toThrow('frozenBatchNorm must be "inference" or "train", got "off"')
    tf.dispose([xs, ys])
  })
})
