import {
  constantSchedule,
  createParamGroups,
  gradualUnfreezingPlan,
  type MonitorEvent,
  reduceOnPlateau,
} from '@lrkit/core'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { useBackend } from '../../test/backends'
import { batchDataset, classificationData, denseModel, weightValues } from '../../test/models'
import {
  composeCallbacks,
  getLearningRate,
  LrkitAdam,
  LrkitSGD,
  layerGroupSelectors,
  lossMonitorCallback,
  modelParameters,
  scheduleCallback,
  unfreezeCallback,
} from '../index'

beforeAll(async () => {
  await useBackend('cpu')
})
afterEach(() => {
  tf.disposeVariables()
})

/** Records the optimizer's rate at every update. */
function recordRates(optimizer: tf.Optimizer): number[] {
  const rates: number[] = []
  const apply = optimizer.applyGradients.bind(optimizer)
  optimizer.applyGradients = (gradients) => {
    rates.push(getLearningRate(optimizer))
    apply(gradients)
  }
  return rates
}

const schedule = (step: number) => 0.01 / (1 + step)

describe('scheduleCallback', () => {
  it('per batch: the rate of step t applies to batch t, across epochs and fit calls; history.lr records it', async () => {
    const { model } = denseModel()
    const optimizer = new LrkitAdam({ learningRate: 1 })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const rates = recordRates(optimizer)
    const { xs, ys } = classificationData()
    const callback = scheduleCallback({ optimizer, schedule })
    const history = await model.fit(xs, ys, { epochs: 2, batchSize: 8, verbose: 0, callbacks: [callback] })
    await model.fitDataset(batchDataset(xs, ys, 16) as never, {
      epochs: 1,
      verbose: 0,
      callbacks: [callback],
    })
    expect(rates).toEqual(Array.from({ length: 10 }, (_, step) => schedule(step)))
    expect(history.history.lr).toEqual([schedule(3), schedule(7)])
    expect(callback.scheduler.step).toBe(9)
    xs.dispose()
    ys.dispose()
  })

  it('per epoch, on a stock tf.train.sgd (whose rate lives in a cached tensor)', async () => {
    const { model } = denseModel()
    const optimizer = tf.train.sgd(1)
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const rates = recordRates(optimizer)
    const { xs, ys } = classificationData()
    const history = await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 16,
      verbose: 0,
      callbacks: [scheduleCallback({ optimizer, schedule, unit: 'epoch' })],
    })
    expect(rates).toEqual([0, 0, 1, 1, 2, 2].map(schedule))
    expect(history.history.lr).toEqual([0, 1, 2].map(schedule))
    xs.dispose()
    ys.dispose()
  })

  it('reduces on plateau of a logged metric, and names a missing one', async () => {
    const { model } = denseModel()
    const optimizer = new LrkitSGD({ learningRate: 1 })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const { xs, ys } = classificationData()
    // A rate too small to change the loss: every epoch is a plateau.
    const history = await model.fit(xs, ys, {
      epochs: 3,
      batchSize: 32,
      verbose: 0,
      callbacks: [
        scheduleCallback({
          optimizer,
          schedule: constantSchedule({ value: 1e-12 }),
          plateau: reduceOnPlateau({ factor: 0.5, patience: 0, threshold: 0.1 }),
        }),
      ],
    })
    // Epoch 0 sets the best; epoch 1 does not improve, so the rate halves for epoch 2.
    expect(history.history.lr).toEqual([1e-12, 1e-12, 5e-13])
    await expect(
      model.fit(xs, ys, {
        epochs: 1,
        verbose: 0,
        callbacks: [
          scheduleCallback({
            optimizer,
            schedule,
            plateau: reduceOnPlateau({ patience: 0 }),
            monitor: 'val_acc',
          }),
        ],
      }),
    ).rejects.toThrow('monitor "val_acc" is not in the epoch logs; available: loss')
    xs.dispose()
    ys.dispose()
  })
})

describe('unfreezeCallback', () => {
  it('unfreezes body after head without recompiling; the body is untouched while frozen; composes with plain callbacks', async () => {
    const { model, body, head } = denseModel()
    const groups = createParamGroups({
      parameters: modelParameters(model),
      groups: layerGroupSelectors(model, { names: ['body', 'head'] }),
    })
    expect(groups.map((group) => group.name)).toEqual(['body', 'body.noDecay', 'head', 'head.noDecay'])
    const optimizer = new LrkitAdam({ learningRate: 0.01, groups })
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const plan = gradualUnfreezingPlan({ groups: ['body', 'head'], unit: 'epoch', every: 1 })
    const { xs, ys } = classificationData()
    const snapshots: Map<string, Float32Array>[] = [weightValues(model)]
    const trainableAtEnd: boolean[] = []
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await model.fit(xs, ys, {
      epochs: 2,
      batchSize: 16,
      verbose: 0,
      callbacks: composeCallbacks(unfreezeCallback({ optimizer, plan, model }), {
        onEpochEnd: async () => {
          snapshots.push(weightValues(model))
          trainableAtEnd.push(model.getLayer(body).trainable)
        },
      }),
    })
    warn.mockRestore()
    expect(trainableAtEnd).toEqual([false, true])
    expect(snapshots[1]!.get(`${body}/kernel`)).toEqual(snapshots[0]!.get(`${body}/kernel`))
    expect(snapshots[2]!.get(`${body}/kernel`)).not.toEqual(snapshots[1]!.get(`${body}/kernel`))
    expect(snapshots[1]!.get(`${head}/kernel`)).not.toEqual(snapshots[0]!.get(`${head}/kernel`))
    const state = optimizer.state()
    expect(state.parameters[`${body}/kernel`]!.step).toBe(2)
    expect(state.parameters[`${head}/kernel`]!.step).toBe(4)
    xs.dispose()
    ys.dispose()
  })

  it.each(['inference', 'train'] as const)(
    'frozenBatchNorm %s: BatchNorm moving statistics of a frozen group stay put only in inference mode',
    async (frozenBatchNorm) => {
      const { model } = denseModel({ batchNorm: true })
      const bn = model.layers[1]!.name
      const groups = createParamGroups({
        parameters: modelParameters(model),
        groups: layerGroupSelectors(model, { names: ['body', 'head'] }),
        excludeFromWeightDecay: false,
      })
      // body = the dense layer and the BatchNorm layer; head = the last layer.
      expect(groups.find((group) => group.name === 'body')!.parameters).toContain(`${bn}/gamma`)
      const optimizer = new LrkitAdam({ learningRate: 0.01, groups })
      model.compile({ optimizer, loss: 'categoricalCrossentropy' })
      const plan = gradualUnfreezingPlan({ groups: ['body', 'head'], unit: 'epoch', every: 1 })
      const { xs, ys } = classificationData()
      const snapshots: Map<string, Float32Array>[] = [weightValues(model)]
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
      await model.fit(xs, ys, {
        epochs: 2,
        batchSize: 16,
        verbose: 0,
        callbacks: composeCallbacks(unfreezeCallback({ optimizer, plan, model, frozenBatchNorm }), {
          onEpochEnd: async () => void snapshots.push(weightValues(model)),
        }),
      })
      warn.mockRestore()
      const moved = (from: number, to: number) =>
        snapshots[to]!.get(`${bn}/moving_mean`)!.some(
          (value, index) => value !== snapshots[from]!.get(`${bn}/moving_mean`)![index],
        )
      expect(moved(0, 1)).toBe(frozenBatchNorm === 'train')
      expect(moved(1, 2)).toBe(true)
      expect(snapshots[1]!.get(`${bn}/gamma`)).toEqual(snapshots[0]!.get(`${bn}/gamma`))
      // Released at the end of fit: tfjs's own call again.
      expect(Object.hasOwn(model.getLayer(bn), 'call')).toBe(false)
      expect(() => unfreezeCallback({ optimizer, plan, model, frozenBatchNorm: 'off' as never })).toThrow(
        'frozenBatchNorm must be "inference" or "train", got "off"',
      )
      xs.dispose()
      ys.dispose()
    },
  )

  it('refuses to unfreeze a layer that was frozen at compile time', async () => {
    const { model, body } = denseModel()
    const optimizer = new LrkitAdam({
      groups: createParamGroups({
        parameters: modelParameters(model),
        groups: layerGroupSelectors(model, { names: ['body', 'head'] }),
        excludeFromWeightDecay: false,
      }),
    })
    model.getLayer(body).trainable = false
    model.compile({ optimizer, loss: 'categoricalCrossentropy' })
    const plan = gradualUnfreezingPlan({ groups: ['body', 'head'], unit: 'epoch', every: 1, startWith: 2 })
    const { xs, ys } = classificationData()
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    await expect(
      model.fit(xs, ys, { epochs: 1, verbose: 0, callbacks: [unfreezeCallback({ optimizer, plan, model })] }),
    ).rejects.toThrow(
      `cannot unfreeze layer "${body}" without recompiling: its variable "${body}/kernel" was not trainable when the model was compiled. Compile with every layer trainable and let the callback freeze them`,
    )
    warn.mockRestore()
    xs.dispose()
    ys.dispose()
  })
})

describe('lossMonitorCallback', () => {
  it('reports a diverging or oscillating loss with the rate, and stops training on it', async () => {
    // A linear model (no softmax to saturate, whatever the random init): rate 50 diverges.
    const model = tfl.sequential({
      layers: [tfl.layers.dense({ inputShape: [4], units: 8 }), tfl.layers.dense({ units: 3 })],
    })
    const optimizer = new LrkitSGD({ learningRate: 50 })
    model.compile({ optimizer, loss: 'meanSquaredError' })
    const { xs, ys } = classificationData()
    const events: MonitorEvent[] = []
    const losses: number[] = []
    const history = await model.fit(xs, tf.mul(ys, 100), {
      epochs: 20,
      batchSize: 4,
      verbose: 0,
      callbacks: composeCallbacks(
        lossMonitorCallback({
          onEvent: (event) => events.push(event),
          monitor: { window: 8, warmupSteps: 2 },
          stopOn: ['diverged', 'oscillating'],
          model: model as tfl.LayersModel,
          optimizer,
        }),
        { onBatchEnd: async (_batch: number, logs?: tfl.Logs) => void losses.push(logs!.loss as number) },
      ),
    })
    expect(['diverged', 'oscillating']).toContain(events[0]!.kind)
    expect(events[0]!.learningRate).toBe(50)
    expect(losses.length).toBe(events[0]!.step + 1)
    expect((history.history.loss as number[]).length).toBeLessThan(20)
    xs.dispose()
    ys.dispose()
  })
})
