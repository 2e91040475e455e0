import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { InvalidStateError } from '@lrkit/core'
import type * as ort from 'onnxruntime-node'

/** A tensor as it crosses the thread boundary. @internal */
export interface PlainTensor {
  readonly type: ort.Tensor.Type
  readonly data: ort.Tensor.DataType
  readonly dims: readonly number[]
}

/** A Float32Array region in shared memory, by position. @internal */
export interface SharedRegion {
  readonly name: string
  readonly buffer: SharedArrayBuffer
  readonly byteOffset: number
  readonly length: number
  readonly dims: readonly number[]
}

/**
 * The worker's code (plain CommonJS, evaluated by `new Worker(code, { eval: true })`, so it needs no
 * file of its own and runs unchanged from source and from the built package). It owns both
 * onnxruntime sessions; the parameters and gradients live in shared memory the main thread
 * owns. onnxruntime-node cannot read or write SharedArrayBuffers, so each run copies the
 * parameters into the worker's own arrays and the gradients back (a memcpy of each, small next to
 * the run).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const ort = require(workerData.ortPath)
let training, evaluation
let parameters = [] // { name, shared, local, tensor }
const gradientTargets = new Map() // key -> [{ output, shared, local, tensor }]
const toTensor = (plain) => new ort.Tensor(plain.type, plain.data, plain.dims)
const plain = (tensor) => ({ type: tensor.type, data: tensor.data, dims: tensor.dims })
const feedsOf = (data) => {
  const feeds = {}
  for (const [name, value] of Object.entries(data)) feeds[name] = toTensor(value)
  for (const parameter of parameters) {
    parameter.local.set(parameter.shared)
    feeds[parameter.name] = parameter.tensor
  }
  return feeds
}
const view = (region) => new Float32Array(region.buffer, region.byteOffset, region.length)
async function handle(message) {
  switch (message.type) {
    case 'init':
      training = await ort.InferenceSession.create(message.trainModel, message.sessionOptions)
      evaluation = await ort.InferenceSession.create(message.evalModel, message.sessionOptions)
      return {}
    case 'bind':
      parameters = message.parameters.map((region) => {
        const local = new Float32Array(region.length)
        return { name: region.name, shared: view(region), local, tensor: new ort.Tensor('float32', local, region.dims) }
      })
      return {}
    case 'train': {
      const feeds = feedsOf(message.data)
      if (message.targets === undefined) {
        const out = await training.run(feeds)
        const gradients = {}
        for (const output of message.gradientOutputs) gradients[output] = out[output].data
        return { loss: Number(out[message.lossOutput].data[0]), gradients }
      }
      let targets = gradientTargets.get(message.targetsKey)
      if (targets === undefined) {
        targets = message.targets.map((region) => {
          const local = new Float32Array(region.length)
          return { output: region.name, shared: view(region), local, tensor: new ort.Tensor('float32', local, region.dims) }
        })
        gradientTargets.set(message.targetsKey, targets)
      }
      const fetches = { [message.lossOutput]: null }
      for (const target of targets) fetches[target.output] = target.tensor
      const out = await training.run(feeds, fetches)
      for (const target of targets) target.shared.set(target.local)
      return { loss: Number(out[message.lossOutput].data[0]) }
    }
    case 'predict': {
      const out = await evaluation.run(feedsOf(message.data))
      const outputs = {}
      for (const [name, tensor] of Object.entries(out)) outputs[name] = plain(tensor)
      return { outputs }
    }
    case 'release':
      await training?.release()
      await evaluation?.release()
      return {}
  }
  throw new Error('unknown message ' + message.type)
}
parentPort.on('message', (message) => {
  handle(message).then(
    (result) => parentPort.postMessage({ id: message.id, ...result }),
    (error) => parentPort.postMessage({ id: message.id, error: String(error && error.message ? error.message : error) }),
  )
})
`

/** The worker thread of a gradient session and the calls it answers. @internal */
export interface WorkerRunner {
  /** Sends one request and resolves to the worker's reply. */
  call<T>(message: Record<string, unknown> & { type: string }, transfer?: ArrayBuffer[]): Promise<T>
  /** Ends the worker after releasing its sessions. */
  terminate(): Promise<void>
}

/**
 * Starts the worker that runs a gradient session's two onnxruntime sessions.
 * @internal
 */
export async function startWorkerRunner(
  trainModel: Uint8Array,
  evalModel: Uint8Array,
  sessionOptions: ort.InferenceSession.SessionOptions,
): Promise<WorkerRunner> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node')
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ortPath } })
  worker.unref()
  let nextId = 0
  let failure: Error | undefined
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>()
  const failAll = (error: Error) => {
    failure = error
    for (const entry of pending.values()) entry.reject(error)
    pending.clear()
  }
  worker.on('message', (reply: { id: number; error?: string }) => {
    const entry = pending.get(reply.id)
    if (!entry) return
    pending.delete(reply.id)
    if (reply.error !== undefined) entry.reject(new Error(reply.error))
    else entry.resolve(reply)
  })
  worker.on('error', failAll)
  worker.on('exit', (code) => {
    failAll(new InvalidStateError({ message: `the gradient session's worker thread exited (code ${code})` }))
  })
  const runner: WorkerRunner = {
    call<T>(message: Record<string, unknown> & { type: string }, transfer: ArrayBuffer[] = []) {
      if (failure) return Promise.reject(failure)
      const id = nextId++
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
        worker.ref()
        worker.postMessage({ ...message, id }, transfer)
      }).finally(() => {
        if (pending.size === 0) worker.unref()
      })
    },
    async terminate() {
      if (!failure) await runner.call({ type: 'release' })
      failure ??= new InvalidStateError({ message: 'the gradient session was released' })
      await worker.terminate()
    },
  }
  await runner.call({ type: 'init', trainModel, evalModel, sessionOptions })
  return runner
}

/** A tensor's plain form for `postMessage` (its data is copied by the structured clone). @internal */
export function plainTensor(tensor: ort.Tensor): PlainTensor {
  return { type: tensor.type, data: tensor.data, dims: tensor.dims }
}
