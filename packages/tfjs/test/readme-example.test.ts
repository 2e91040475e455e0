/**
 * The README's fine-tuning example, run as written (the pretrained model is built in memory
 * instead of loaded from a URL): pretrained layers + new head → discriminative AdamW → one-cycle
 * per batch → fit.
 */
import { createParamGroups, oneCycleSchedule } from '@lrkit/core'
import * as tf from '@tensorflow/tfjs-core'
import * as tfl from '@tensorflow/tfjs-layers'
import { afterEach, expect, it } from 'vitest'
import { LrkitAdamW, layerGroupSelectors, modelParameters, scheduleCallback } from '../src/index'
import { useBackend } from './backends'
import { classificationData } from './models'

afterEach(() => {
  tf.disposeVariables()
})

it('runs the README fine-tuning example', async () => {
  await useBackend('cpu')
  const { xs, ys } = classificationData(64)
  const base = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [4], units: 16, activation: 'relu' }),
      tfl.layers.dense({ units: 16, activation: 'relu' }),
      tfl.layers.dense({ units: 7, activation: 'softmax' }),
    ],
  })

  // --- README example (tf = the union package: tf.sequential, tf.layers) ---
  const model = tfl.sequential({
    layers: [
      ...base.layers.slice(0, -1),
      tfl.layers.dense({ units: 3, activation: 'softmax', name: 'head' }),
    ],
  })
  const groups = createParamGroups({
    parameters: modelParameters(model),
    groups: layerGroupSelectors(model, { names: ['body', 'head'] }),
    strategy: { kind: 'explicit', scales: [0.1, 1] },
    weightDecay: 0.01,
  })
  const optimizer = new LrkitAdamW({ learningRate: 1e-3, groups })
  model.compile({ optimizer, loss: 'categoricalCrossentropy', metrics: ['accuracy'] })

  const epochs = 5
  const batchSize = 32
  const totalSteps = epochs * Math.ceil(xs.shape[0] / batchSize)
  const history = await model.fit(xs, ys, {
    epochs,
    batchSize,
    verbose: 0,
    callbacks: [scheduleCallback({ optimizer, schedule: oneCycleSchedule({ peakValue: 1e-2, totalSteps }) })],
  })
  // --- end of the example ---

  expect(groups.map((group) => [group.name, group.lrScale])).toEqual([
    ['body', 0.1],
    ['body.noDecay', 0.1],
    ['head', 1],
    ['head.noDecay', 1],
  ])
  const schedule = oneCycleSchedule({ peakValue: 1e-2, totalSteps })
  expect(history.history.lr).toEqual([1, 3, 5, 7, 9].map((step) => schedule(step)))
  expect(optimizer.iterations).toBe(totalSteps)
  tf.dispose([xs, ys])
})
