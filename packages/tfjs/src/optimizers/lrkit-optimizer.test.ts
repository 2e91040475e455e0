import { expectAllClose } from '@lrkit/test-utils'
import * as tf from '@tensorflow/tfjs-core'
import { afterEach, describe, expect, it } from 'vitest'
import { BACKENDS, useBackend } from '../../test/backends'
import { CASES, gradient, INITIAL, makeVariables, testGroups } from '../../test/trajectory'

const STEPS = 50

afterEach(() => {
  tf.disposeVariables()
})

describe.each(BACKENDS)('on the %s backend', (backend) => {
  describe.each(['kernels', 'ops'] as const)('the %s path', (updatePath) => {
    it.each(CASES)(
      '$label follows core over 50 steps with groups, clipping and a schedule',
      async (entry) => {
        await useBackend(backend)
        const { a, b } = makeVariables()
        const options = { ...entry.hyper, gradientClipping: { maxNorm: 2 } }
        const optimizer = entry.tfjs({ ...options, updatePath, groups: testGroups(a.name, b.name) })
        const reference = entry.core({
          ...options,
          parameters: { a: INITIAL.a.slice(), b: INITIAL.b.slice() },
          groups: testGroups('a', 'b'),
        })
        for (let step = 0; step < STEPS; step++) {
          const rate = 0.05 * (1 - step / STEPS) + 0.001
          optimizer.learningRate = rate
          const ga = gradient(step, 1, 6)
          const gb = gradient(step, 2, 3)
          tf.tidy(() => {
            optimizer.applyGradients([
              { name: a.name, tensor: tf.tensor(ga, [2, 3]) },
              { name: b.name, tensor: tf.tensor(gb, [3]) },
            ])
          })
          const report = reference.step({ a: ga, b: gb }, rate)
          expect(optimizer.lastStep?.clipped).toBe(report.clipped)
        }
        expect(optimizer.updatePath).toBe(updatePath)
        const tolerance = { rtol: 1e-6, atol: 1e-7 }
        expectAllClose(a.dataSync(), reference.parameters.get('a')!, { ...tolerance, label: 'a' })
        expectAllClose(b.dataSync(), reference.parameters.get('b')!, { ...tolerance, label: 'b' })
        const state = optimizer.state()
        const expected = reference.state()
        expect(state.parameters[a.name]!.step).toBe(STEPS)
        for (const [name, values] of Object.entries(expected.parameters.a!.buffers)) {
          expectAllClose(state.parameters[a.name]!.buffers[name]!, values, { ...tolerance, label: name })
        }
        optimizer.dispose()
      },
    )
  })
})
