import { findLearningRate as coreFindLearningRate, createParamGroups } from '@lrkit/core'
import { expectInvalidArgument } from '@lrkit/test-utils'
import * as tf from '@tensorflow/tfjs-core'
import type * as tfl from '@tensorflow/tfjs-layers'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKENDS, useBackend } from '../../test/backends'
import { batchDataset, classificationData, denseModel, weightValues } from '../../test/models'
import { createLayersModelTrainable, findLearningRate, LrkitAdamW, modelParameters } from '../index'

afterEach(() => {
  tf.disposeVariables()
})

function setValues(model: tfl.LayersModel, values: Map<string, Float32Array>): void {
  for (const weight of model.weights) {
    const variable = weight.read() as tf.Variable
    tf.tidy(() => variable.assign(tf.tensor(values.get(weight.name)!, variable.shape)))
  }
}

const groupedAdamW = (model: tfl.LayersModel, body: string, head: string) =>
  new LrkitAdamW({
    learningRate: 0.01,
    weightDecay: 0.01,
    groups: createParamGroups({
      parameters: modelParameters(model),
      groups: [
        { name: 'body', match: [body, /^bn/] },
        { name: 'head', match: head },
      ],
      strategy: { kind: 'explicit', scales: [0.1, 1] },
    }),
  })

describe.each(BACKENDS)('on the %s backend', (backend) => {
  it('range test, then fit gives the same weights as fit alone, bit for bit (BatchNorm, groups, AdamW)', async () => {
    await useBackend(backend)
    const { model, body, head } = denseModel({ batchNorm: true })
    const { xs, ys } = classificationData()
    const initial = weightValues(model)
    const fitArgs = { epochs: 2, batchSize: 8, shuffle: false, verbose: 0 as const }

    model.compile({ optimizer: groupedAdamW(model, body, head), loss: 'categoricalCrossentropy' })
    await model.fit(xs, ys, fitArgs)
    const alone = weightValues(model)

    setValues(model, initial)
    const optimizer = groupedAdamW(model, body, head)
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const result = await findLearningRate(model, { xs, ys }, { steps: 30, endValue: 100, batchSize: 8 })
    expect(result.version).toBe(1)
    expect(result.points.length).toBeGreaterThan(10)
    // Everything is back: trainable weights, BatchNorm moving statistics, optimizer state and rate.
    expect(weightValues(model)).toEqual(initial)
    expect(optimizer.iterations).toBe(0)
    expect(optimizer.learningRate).toBe(0.01)
    await model.fit(xs, ys, fitArgs)
    const after = weightValues(model)
    expect([...after.keys()]).toEqual([...alone.keys()])
    for (const [name, values] of alone) expect(after.get(name), name).toEqual(values)
    tf.dispose([xs, ys])
  })

  it('restore undoes trained steps (weights, moving statistics, optimizer) so the same steps repeat exactly', async () => {
    await useBackend(backend)
    const { model } = denseModel({ batchNorm: true })
    const { xs, ys } = classificationData()
    model.compile({ optimizer: new LrkitAdamW({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' })
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 })
    const trainable = createLayersModelTrainable({ model, data: { xs, ys }, batchSize: 8 })
    const snapshot = await trainable.snapshot()
    const before = weightValues(model)
    const losses = [await trainable.trainStep(0.05, 0), await trainable.trainStep(0.05, 1)]
    const changed = weightValues(model)
    for (const [name, values] of before) {
      // every weight moved, the BatchNorm moving statistics included
      expect(changed.get(name), name).not.toEqual(values)
    }
    await trainable.restore(snapshot)
    expect(weightValues(model)).toEqual(before)
    expect([await trainable.trainStep(0.05, 0), await trainable.trainStep(0.05, 1)]).toEqual(losses)
    expect(weightValues(model)).toEqual(changed)
    tf.dispose([xs, ys])
  })
})

describe('createLayersModelTrainable', () => {
  it('restores a stock tf.train.adam exactly, without leaking tensors', async () => {
    await useBackend('cpu')
    const { model } = denseModel()
    const { xs, ys } = classificationData()
    const optimizer = tf.train.adam(0.01)
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const trainable = createLayersModelTrainable({ model, data: { xs, ys }, batchSize: 8 })
    // Several steps first: Adam's bias-correction powers (accBeta1/2) are running products.
    for (let step = 0; step < 13; step++) await trainable.trainStep(0.01, step)
    const snapshot = await trainable.snapshot()
    const before = weightValues(model)
    await trainable.trainStep(0.5, 1)
    await trainable.trainStep(0.5, 2)
    const expected = weightValues(model)
    const tensors = tf.memory().numTensors
    await trainable.restore(snapshot)
    expect(weightValues(model)).toEqual(before)
    expect(optimizer.getConfig().learningRate).toBe(0.01)
    await trainable.trainStep(0.5, 1)
    await trainable.trainStep(0.5, 2)
    expect(weightValues(model)).toEqual(expected)
    await trainable.restore(snapshot)
    expect(tf.memory().numTensors).toBe(tensors)
    tf.dispose([xs, ys])
  })

  it('replays a dataset from its first batch after a restore and wraps around at its end', async () => {
    await useBackend('cpu')
    const { model } = denseModel()
    const { xs, ys } = classificationData()
    model.compile({ optimizer: new LrkitAdamW({ learningRate: 0.01 }), loss: 'categoricalCrossentropy' })
    // 32 rows in batches of 16: 2 batches, so step 2 is batch 0 again.
    const fromDataset = createLayersModelTrainable({ model, data: batchDataset(xs, ys, 16) })
    const fromTensors = createLayersModelTrainable({ model, data: { xs, ys }, batchSize: 16 })
    const snapshot = await fromDataset.snapshot()
    const losses: number[] = []
    for (let step = 0; step < 3; step++) losses.push(await fromDataset.trainStep(0.01, step))
    const trained = weightValues(model)
    await fromDataset.restore(snapshot)
    const again: number[] = []
    for (let step = 0; step < 3; step++) again.push(await fromTensors.trainStep(0.01, step))
    expect(again).toEqual(losses)
    expect(weightValues(model)).toEqual(trained)
    await fromDataset.restore(snapshot)
    expect(await fromDataset.trainStep(0.01, 0)).toBe(losses[0])
    const tensors = tf.memory().numTensors
    await fromDataset.trainStep(0.01, 1)
    expect(tf.memory().numTensors).toBe(tensors)
    tf.dispose([xs, ys])
  })

  it("core's findLearningRate (opt-in race) ranks on the validation loss and restores the model bit for bit", async () => {
    await useBackend('cpu')
    const { model, body, head } = denseModel({ batchNorm: true })
    const { xs, ys } = classificationData()
    const initial = weightValues(model)
    const optimizer = groupedAdamW(model, body, head)
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const trainable = createLayersModelTrainable({
      model,
      data: { xs, ys },
      batchSize: 8,
      validationData: { xs, ys },
    })
    const result = await coreFindLearningRate(trainable, { sweepSteps: 20, minSteps: 5 })
    expect(result.options.score).toBe('evaluate')
    expect(result.evaluations).toBeGreaterThan(1)
    expect(result.learningRate).toBe(result.winner! / 2)
    expect(result.steps.race).toBe(result.candidates.reduce((sum, candidate) => sum + candidate.steps, 0))
    expect(weightValues(model)).toEqual(initial)
    expect(optimizer.iterations).toBe(0)
    expect(optimizer.learningRate).toBe(0.01)
    tf.dispose([xs, ys])
  })

  it('evaluate() returns the validation loss and changes nothing', async () => {
    await useBackend('cpu')
    const { model } = denseModel({ batchNorm: true })
    const { xs, ys } = classificationData()
    model.compile({ optimizer: new LrkitAdamW(), loss: 'categoricalCrossentropy' })
    const trainable = createLayersModelTrainable({ model, data: { xs, ys }, validationData: { xs, ys } })
    const before = weightValues(model)
    const loss = await trainable.evaluate!()
    const reference = model.evaluate(xs, ys, { batchSize: 32 }) as tf.Scalar
    expect(loss).toBe(reference.dataSync()[0])
    expect(weightValues(model)).toEqual(before)
    tf.dispose([xs, ys, reference])
  })

  it('rejects a model without an optimizer, bad data and a bad batchSize', async () => {
    await useBackend('cpu')
    const { model } = denseModel()
    const { xs, ys } = classificationData()
    expectInvalidArgument(
      () => createLayersModelTrainable({ model, data: { xs, ys } }),
      'model has no optimizer: call model.compile({ optimizer, loss }) first',
    )
    model.compile({ optimizer: new LrkitAdamW(), loss: 'categoricalCrossentropy' })
    expectInvalidArgument(
      () => createLayersModelTrainable({ model, data: [xs, ys] as never }),
      'data must be { xs, ys } tensors or a tf.data.Dataset of { xs, ys } batches, got "an array"',
    )
    expectInvalidArgument(
      () => createLayersModelTrainable({ model, data: { xs, ys: tf.slice(ys, 0, 4) } }),
      'data must be inputs and targets with the same number of rows, at least one, got "32 input rows and 4 target rows"',
    )
    expectInvalidArgument(
      () => createLayersModelTrainable({ model, data: { xs, ys }, batchSize: 0 }),
      'batchSize must be an integer >= 1, got 0',
    )
    tf.dispose([xs, ys])
  })
})
