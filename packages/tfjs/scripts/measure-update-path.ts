/**
 * Measures one AdamW update of an MLP 784-512-512-10 (669,706 parameters) on the 'kernels' path
 * (dataSync → core's WebAssembly kernels → one assign per variable) against the 'ops' path (tf ops
 * in tidy) and stock tf.train.adam, on the cpu and wasm backends. `pnpm exec tsx scripts/measure-update-path.ts`
 */
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-wasm'
import * as tf from '@tensorflow/tfjs-core'
import { LrkitAdamW } from '../src/index'

const shapes: number[][] = [[784, 512], [512], [512, 512], [512], [512, 10], [10]]
const STEPS = 15

async function measure(backend: string, label: string, make: () => tf.Optimizer): Promise<number> {
  await tf.setBackend(backend)
  await tf.ready()
  const variables = shapes.map((shape, index) =>
    tf.variable(tf.randomNormal(shape), true, `${label}${backend}/v${index}`),
  )
  const grads = shapes.map((shape) => tf.randomNormal(shape, 0, 0.01))
  const optimizer = make()
  const run = () =>
    optimizer.applyGradients(variables.map((v, index) => ({ name: v.name, tensor: grads[index]! })))
  run()
  await variables[0]!.data()
  const start = performance.now()
  for (let step = 0; step < STEPS; step++) run()
  await Promise.all(variables.map((v) => v.data()))
  const ms = (performance.now() - start) / STEPS
  optimizer.dispose()
  tf.dispose([...variables, ...grads])
  return ms
}

for (const backend of ['cpu', 'wasm']) {
  const kernels = await measure(backend, 'k', () => new LrkitAdamW({ updatePath: 'kernels' }))
  const ops = await measure(backend, 'o', () => new LrkitAdamW({ updatePath: 'ops' }))
  const stock = await measure(backend, 's', () => tf.train.adam(1e-3))
  // biome-ignore lint/suspicious/noConsole: a measurement script prints its figures
  console.log(
    `${backend}: kernels ${kernels.toFixed(2)} ms, ops ${ops.toFixed(2)} ms, stock adam ${stock.toFixed(2)} ms per update (669,706 params)`,
  )
}
