import { createParamGroups } from '@lrkit/core'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useBackend } from '../../test/backends'
import { batchDataset, classificationData, denseModel, weightValues } from '../../test/models'
import { LrkitAdam, LrkitAdamW, LrkitSGD, modelParameters, registerLrkitOptimizers } from '../index'

beforeAll(async () => {
  await useBackend('cpu')
})

afterEach(() => {
  tf.disposeVariables()
})

const groupsFor = (model: tfl.LayersModel, body: string, head: string) =>
  createParamGroups({
    parameters: modelParameters(model),
    groups: [
      { name: 'body', match: body },
      { name: 'head', match: head },
    ],
    strategy: { kind: 'explicit', scales: [0.1, 1] },
  })

describe('with tfjs-layers models', () => {
  it('trains with compile + fit, fitDataset and trainOnBatch, and the loss goes down', async () => {
    const { model } = denseModel()
    const optimizer = new LrkitAdamW({ learningRate: 0.02 })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const { xs, ys } = classificationData()
    const history = await model.fit(xs, ys, { epochs: 5, batchSize: 8, verbose: 0 })
    const losses = history.history.loss as number[]
    expect(losses[4]!).toBeLessThan(losses[0]!)
    expect(optimizer.iterations).toBe(20)
    const dataset = batchDataset(xs, ys, 16)
    // biome-ignore lint/suspicious/noExplicitAny: tfjs-layers' Dataset type is its own stub interface
    await model.fitDataset(dataset as any, { epochs: 2, verbose: 0 })
    expect(optimizer.iterations).toBe(24)
    const loss = (await model.trainOnBatch(xs, ys)) as number
    expect(Number.isFinite(loss)).toBe(true)
    expect(optimizer.iterations).toBe(25)
    xs.dispose()
    ys.dispose()
  })

  it('minimize(f, true, varList) updates exactly the listed variables', () => {
    const w = tf.variable(tf.tensor1d([1, 2]), true, 'minimize/w')
    const other = tf.variable(tf.tensor1d([5]), true, 'minimize/other')
    const optimizer = new LrkitSGD({ learningRate: 0.5 })
    const cost = optimizer.minimize(() => tf.sum(tf.mul(w, w)), true, [w])
    expect(cost!.dataSync()[0]).toBe(5)
    expect(Array.from(w.dataSync())).toEqual([0, 0])
    expect(Array.from(other.dataSync())).toEqual([5])
    cost!.dispose()
  })

  it('applies group rates: Adam moves each group by its own rate on step 1', async () => {
    const { model, body, head } = denseModel()
    const groups = groupsFor(model, body, head)
    const optimizer = new LrkitAdam({ learningRate: 0.01, groups })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const before = weightValues(model)
    const { xs, ys } = classificationData()
    await model.trainOnBatch(xs, ys)
    const after = weightValues(model)
    const largest = (name: string) =>
      Math.max(...Array.from(after.get(name)!, (value, index) => Math.abs(value - before.get(name)![index]!)))
    // Adam's first step is ±rate wherever the gradient is not tiny.
    expect(largest(`${head}/kernel`)).toBeCloseTo(0.01, 5)
    expect(largest(`${body}/kernel`)).toBeCloseTo(0.001, 6)
    xs.dispose()
    ys.dispose()
  })

  it('freeze without recompiling: a frozen layer is untouched and keeps its state; unfrozen it gets a step-1 update', async () => {
    const { model, body, head } = denseModel()
    const optimizer = new LrkitAdam({ learningRate: 0.01 })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const { xs, ys } = classificationData()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await model.trainOnBatch(xs, ys)
    model.getLayer(body).trainable = false
    const frozen = weightValues(model).get(`${body}/kernel`)!
    for (let step = 0; step < 10; step++) await model.trainOnBatch(xs, ys)
    expect(weightValues(model).get(`${body}/kernel`)).toEqual(frozen)
    expect(optimizer.state().parameters[`${body}/kernel`]!.step).toBe(1)
    expect(optimizer.state().parameters[`${head}/kernel`]!.step).toBe(11)
    model.getLayer(body).trainable = true
    await model.trainOnBatch(xs, ys)
    expect(optimizer.state().parameters[`${body}/kernel`]!.step).toBe(2)
    warn.mockRestore()
    xs.dispose()
    ys.dispose()
  })

  it('recompiling after unfreezing with the same optimizer neither crashes nor mixes state (tensorflow/tfjs#4290)', async () => {
    const { model, body, head } = denseModel()
    model.getLayer(body).trainable = false
    const optimizer = new LrkitAdam({ learningRate: 0.01 })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const { xs, ys } = classificationData()
    await model.fit(xs, ys, { epochs: 2, batchSize: 16, verbose: 0 })
    const headState = optimizer.state().parameters[`${head}/kernel`]!
    expect(headState.step).toBe(4)
    expect(optimizer.state().parameters[`${body}/kernel`]).toBeUndefined()
    model.getLayer(body).trainable = true
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const before = weightValues(model).get(`${body}/kernel`)!
    await model.trainOnBatch(xs, ys)
    const state = optimizer.state()
    expect(state.parameters[`${head}/kernel`]!.step).toBe(5)
    expect(state.parameters[`${body}/kernel`]!.step).toBe(1)
    // The body's first update is a bias-corrected step 1: at most the rate per element.
    const after = weightValues(model).get(`${body}/kernel`)!
    const largest = Math.max(...Array.from(after, (value, index) => Math.abs(value - before[index]!)))
    expect(largest).toBeCloseTo(0.01, 5)
    xs.dispose()
    ys.dispose()
  })

  it('saves and loads with the model (includeOptimizer) after registerLrkitOptimizers', async () => {
    expect(registerLrkitOptimizers()).toEqual([
      'LrkitSGD',
      'LrkitAdam',
      'LrkitAdamW',
      'LrkitAdagrad',
      'LrkitRMSProp',
      'LrkitLion',
    ])
    const { model } = denseModel()
    const optimizer = new LrkitAdamW({
      learningRate: 0.003,
      weightDecay: 0.02,
      gradientClipping: { maxNorm: 1 },
    })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const { xs, ys } = classificationData()
    await model.fit(xs, ys, { epochs: 1, batchSize: 8, verbose: 0 })
    let saved: tf.io.ModelArtifacts | undefined
    await model.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }
      }),
      { includeOptimizer: true },
    )
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(saved!))
    const restored = loaded.optimizer as LrkitAdamW
    expect(restored).toBeInstanceOf(LrkitAdamW)
    expect(tf.train.adam() instanceof LrkitAdamW).toBe(false)
    expect(optimizer instanceof tf.Optimizer).toBe(true)
    expect(restored.getConfig()).toEqual(optimizer.getConfig())
    expect(restored.iterations).toBe(4)
    const original = optimizer.state()
    const copy = restored.state()
    expect(Object.keys(copy.parameters).sort()).toEqual(Object.keys(original.parameters).sort())
    for (const [name, entry] of Object.entries(original.parameters)) {
      expect(copy.parameters[name]!.step).toBe(entry.step)
      expect(copy.parameters[name]!.buffers).toEqual(entry.buffers)
    }
    xs.dispose()
    ys.dispose()
  })
})
