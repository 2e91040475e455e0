import { InvalidArgumentError, InvalidStateError, type Trainable } from '@lrkit/core'
import {
  tensor as createTensor,
  type DataType,
  dispose,
  type Optimizer,
  slice,
  type Tensor,
  tidy,
  type Variable,
} from '@tensorflow/tfjs-core'
import type { LayersModel } from '@tensorflow/tfjs-layers'
import {
  isLrkitOptimizer,
  type LrkitOptimizerSnapshot,
  type NamedTensor,
} from '../optimizers/lrkit-optimizer'
import { getLearningRate, setLearningRate } from '../stock/set-learning-rate'

/** Model inputs or targets as `model.fit` / `trainOnBatch` take them. */
export type ModelTensors = Tensor | Tensor[] | { [name: string]: Tensor }

/** In-memory training data: inputs and targets with the same number of rows (axis 0). */
export interface TensorData {
  /** Inputs (a tensor, an array of tensors, or tensors by input name). */
  readonly xs: ModelTensors
  /** Targets, as `xs`. */
  readonly ys: ModelTensors
}

/**
 * A `tf.data.Dataset` of `{ xs, ys }` batches (what `model.fitDataset` takes), or any object with
 * the same `iterator()`. Only `iterator()` is used; each call must yield the same batches in the
 * same order (no reshuffling per iteration) for restores to replay the same data.
 */
export interface BatchDataset {
  /** A fresh iterator over the batches. */
  iterator(): Promise<BatchIterator>
}

/** An iterator over `{ xs, ys }` batches, as `tf.data.Dataset.iterator()` returns. */
export interface BatchIterator {
  /** The next batch, or `done`. The trainable disposes the batch tensors after use. */
  next(): Promise<IteratorResult<TensorData>>
}

/** Options of {@link createLayersModelTrainable}. */
export interface LayersModelTrainableOptions {
  /**
   * A compiled LayersModel (`model.compile({ optimizer, loss })`): its optimizer trains, an lrkit
   * optimizer (group scales apply to the rate of each step) or a stock `tf.train.*` one.
   */
  readonly model: LayersModel
  /** Training batches: tensors (sliced into batches of `batchSize`, in order) or a dataset of batches. */
  readonly data: TensorData | BatchDataset
  /** Rows per batch for tensor data, integer ≥ 1; default 32 (as `model.fit`). Not used with a dataset. */
  readonly batchSize?: number
  /**
   * Validation data for `evaluate()` (the range test's `validation: 'record' | 'use'`): the mean loss
   * of `model.evaluate` (inference mode, no state change). Default none (no `evaluate`).
   */
  readonly validationData?: TensorData
}

/** A tensor's values copied out of tfjs (plain data). */
export interface SavedTensor {
  /** The variable or optimizer-weight name. */
  readonly name: string
  /** The values (a copy). */
  readonly values: ArrayLike<number>
  /** The shape. */
  readonly shape: readonly number[]
  /** The data type. */
  readonly dtype: DataType
}

/** A stock `tf.train.*` optimizer's rate and `getWeights()` output, copied. */
export interface StockOptimizerSnapshot {
  /** Discriminator: always `'stock'`. */
  readonly kind: 'stock'
  /** The learning rate. */
  readonly learningRate: number
  /** `iter` and the slots, as `getWeights()` lists them. */
  readonly weights: readonly SavedTensor[]
  /**
   * The optimizer's other state variables by field name (Adam's `accBeta1`/`accBeta2` running
   * products, which `setWeights` would recompute as powers, not bit-identical).
   */
  readonly fields: readonly SavedTensor[]
}

/** An lrkit optimizer's snapshot, tagged. */
export interface LrkitSnapshotEntry {
  /** Discriminator: always `'lrkit'`. */
  readonly kind: 'lrkit'
  /** `optimizer.snapshot()`. */
  readonly snapshot: LrkitOptimizerSnapshot
}

/** What the trainable's `snapshot()` captures (opaque; plain copies, nothing to dispose). */
export interface LayersModelSnapshot {
  /** Every weight (trainable, frozen, and BatchNorm moving statistics), in `model.weights` order. */
  readonly weights: readonly SavedTensor[]
  /** The optimizer's state. */
  readonly optimizer: LrkitSnapshotEntry | StockOptimizerSnapshot
}

interface CompiledModel {
  readonly optimizer?: Optimizer
  readonly weights: ReadonlyArray<{ readonly name: string; read(): Tensor }>
  trainOnBatch(x: ModelTensors, y: ModelTensors): Promise<number | number[]>
  evaluate(x: ModelTensors, y: ModelTensors, args?: { batchSize?: number }): Tensor | Tensor[]
}

function rows(value: ModelTensors): number {
  const first = Array.isArray(value) ? value[0] : isTensor(value) ? value : Object.values(value)[0]
  return first?.shape[0] ?? 0
}

function isTensor(value: unknown): value is Tensor {
  return value !== null && typeof value === 'object' && 'dataId' in value && 'shape' in value
}

function sliceRows(value: ModelTensors, start: number, size: number): ModelTensors {
  const cut = (t: Tensor) => slice(t, [start], [size])
  if (Array.isArray(value)) return value.map(cut)
  if (isTensor(value)) return cut(value)
  return Object.fromEntries(Object.entries(value).map(([name, t]) => [name, cut(t)]))
}

function isDataset(data: unknown): data is BatchDataset {
  return data !== null && typeof data === 'object' && typeof (data as BatchDataset).iterator === 'function'
}

function isTensorData(data: unknown): data is TensorData {
  return data !== null && typeof data === 'object' && 'xs' in data && 'ys' in data
}

/** Batch k of the data (k counted from the start, wrapping around), as a function of k. */
function batchSource(
  data: TensorData | BatchDataset,
  batchSize: number,
): (step: number) => Promise<{ xs: ModelTensors; ys: ModelTensors; owned: boolean }> {
  if (isDataset(data)) {
    let iterator: Awaited<ReturnType<BatchDataset['iterator']>> | undefined
    // Global index of the next batch the iterator yields (wrap-arounds keep counting).
    let position = 0
    // Whether the current iterator has yielded a batch (an iterator that ends at once: empty).
    let yielded = false
    return async (step) => {
      // A step before the iterator's position (a restored sweep starts at 0 again): start over.
      if (iterator === undefined || step < position) {
        iterator = await data.iterator()
        position = 0
        yielded = false
      }
      for (;;) {
        const next = await iterator.next()
        if (next.done === true) {
          if (!yielded) {
            throw new InvalidArgumentError({
              argument: 'data',
              value: 'an empty dataset',
              expected: 'a dataset with at least one batch',
            })
          }
          // Past the end: iterate again from the first batch, keeping the step numbering.
          iterator = await data.iterator()
          yielded = false
          continue
        }
        yielded = true
        position += 1
        if (position - 1 === step) return { ...next.value, owned: true }
        dispose(next.value as never)
      }
    }
  }
  const count = rows(data.xs)
  if (count === 0 || rows(data.ys) !== count) {
    throw new InvalidArgumentError({
      argument: 'data',
      value: `${count} input rows and ${rows(data.ys)} target rows`,
      expected: 'inputs and targets with the same number of rows, at least one',
    })
  }
  const batches = Math.ceil(count / batchSize)
  return async (step) => {
    const start = (step % batches) * batchSize
    const size = Math.min(batchSize, count - start)
    return { xs: sliceRows(data.xs, start, size), ys: sliceRows(data.ys, start, size), owned: true }
  }
}

/** A stock optimizer's own `tf.Variable` fields (Adam's `accBeta1`, `accBeta2`), by name. */
function stateFields(optimizer: Optimizer): Array<[string, Variable]> {
  return Object.entries(optimizer).filter(
    (entry): entry is [string, Variable] =>
      entry[1] !== null &&
      typeof entry[1] === 'object' &&
      typeof (entry[1] as Variable).assign === 'function' &&
      'dataId' in (entry[1] as object),
  )
}

function copyValues(t: Tensor): ArrayLike<number> {
  return (t.dataSync() as Float32Array | Int32Array | Uint8Array).slice()
}

/**
 * A `@lrkit/core` `Trainable` over a compiled TensorFlow.js LayersModel, so core's `runRangeTest`
 * and searches run on it (and {@link findLearningRate} in one call). `trainStep(learningRate,
 * step)` sets the optimizer's base rate (an lrkit optimizer's group scales apply) and runs
 * `model.trainOnBatch` on batch `step` of the data; `snapshot()` copies every weight (trainable,
 * frozen, BatchNorm moving statistics) and the optimizer's state; `restore()` writes them back bit
 * for bit, so "range test, then fit" gives the same weights as "fit" alone.
 *
 * Batches are a function of the step: tensor data is cut into `batchSize` rows in order (batch k =
 * rows k·batchSize…, wrapping around, as `fit` with `shuffle: false`); a dataset is iterated from
 * its start again after a restore. Not restored: the global random state of layers that draw
 * random numbers while training (dropout, gaussian noise), which tfjs does not expose.
 *
 * @param options - see {@link LayersModelTrainableOptions}
 * @returns the trainable
 * @throws InvalidArgumentError for a model without an optimizer (not compiled), data that are
 *   neither tensors nor a dataset, mismatched rows, or an invalid `batchSize`
 * @example
 * ```ts
 * model.compile({ optimizer: new LrkitAdamW({ groups }), loss: 'categoricalCrossentropy' })
 * const trainable = createLayersModelTrainable({ model, data: { xs, ys }, batchSize: 64 })
 * const result = await runRangeTest(trainable, { startValue: 1e-6, endValue: 1, steps: 100 })
 * // model and optimizer are exactly as before: fit at result.suggestion.learningRate
 * ```
 */
export function createLayersModelTrainable(
  options: LayersModelTrainableOptions,
): Trainable<LayersModelSnapshot> {
  if (options === null || typeof options !== 'object') {
    throw new InvalidArgumentError({ argument: 'options', value: options, expected: 'an options object' })
  }
  const model = options.model as unknown as CompiledModel
  if (model === null || typeof model !== 'object' || typeof model.trainOnBatch !== 'function') {
    throw new InvalidArgumentError({ argument: 'model', value: model, expected: 'a tfjs-layers LayersModel' })
  }
  const optimizer = model.optimizer
  if (optimizer === undefined || optimizer === null) {
    throw new InvalidArgumentError({
      argument: 'model',
      value: 'a model without an optimizer',
      message: 'model has no optimizer: call model.compile({ optimizer, loss }) first',
    })
  }
  const batchSize = options.batchSize ?? 32
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new InvalidArgumentError({ argument: 'batchSize', value: batchSize, expected: 'an integer >= 1' })
  }
  const data = options.data
  if (!isDataset(data) && !isTensorData(data)) {
    throw new InvalidArgumentError({
      argument: 'data',
      value: Array.isArray(data) ? 'an array' : data,
      expected: '{ xs, ys } tensors or a tf.data.Dataset of { xs, ys } batches',
    })
  }
  const batch = batchSource(data, batchSize)
  const variables = () =>
    model.weights.map((weight) => ({ name: weight.name, variable: weight.read() as Variable }))

  const trainable: Trainable<LayersModelSnapshot> = {
    async snapshot() {
      const weights = variables().map(({ name, variable }) => ({
        name,
        values: copyValues(variable),
        shape: [...variable.shape],
        dtype: variable.dtype,
      }))
      if (isLrkitOptimizer(optimizer))
        return { weights, optimizer: { kind: 'lrkit', snapshot: optimizer.snapshot() } }
      const named = (await optimizer.getWeights()) as NamedTensor[]
      const saved = named.map(({ name, tensor }) => ({
        name,
        values: copyValues(tensor),
        shape: [...tensor.shape],
        dtype: tensor.dtype,
      }))
      // `iter` is a fresh scalar; the slots are the optimizer's live variables.
      if (named[0]?.name === 'iter') named[0].tensor.dispose()
      return {
        weights,
        optimizer: {
          kind: 'stock',
          learningRate: getLearningRate(optimizer),
          weights: saved,
          fields: stateFields(optimizer).map(([name, variable]) => ({
            name,
            values: copyValues(variable),
            shape: [...variable.shape],
            dtype: variable.dtype,
          })),
        },
      }
    },
    async restore(snapshot) {
      const current = variables()
      if (
        current.length !== snapshot.weights.length ||
        current.some((entry, index) => entry.name !== snapshot.weights[index]!.name)
      ) {
        throw new InvalidStateError({
          message: 'cannot restore the snapshot: the model has other weights than when it was taken',
        })
      }
      tidy(() => {
        current.forEach(({ variable }, index) => {
          const saved = snapshot.weights[index]!
          variable.assign(createTensor(saved.values as Float32Array, variable.shape, saved.dtype))
        })
      })
      const saved = snapshot.optimizer
      if (saved.kind === 'lrkit') {
        if (!isLrkitOptimizer(optimizer))
          throw new InvalidStateError({
            message: 'cannot restore the snapshot: the model has another optimizer',
          })
        optimizer.restore(saved.snapshot)
        return
      }
      // Stock optimizers rebuild their slots from setWeights (by position); free the old ones.
      const old = (await optimizer.getWeights()) as NamedTensor[]
      const fresh = saved.weights.map(({ name, values, shape, dtype }) => ({
        name,
        tensor: createTensor(values as Float32Array, shape as number[], dtype),
      }))
      await optimizer.setWeights(fresh)
      dispose(fresh.map((entry) => entry.tensor))
      dispose(old.map((entry) => entry.tensor))
      setLearningRate(optimizer, saved.learningRate)
      const fields = new Map(stateFields(optimizer))
      tidy(() => {
        for (const field of saved.fields) {
          const variable = fields.get(field.name)
          if (variable !== undefined)
            variable.assign(createTensor(field.values as Float32Array, variable.shape, field.dtype))
        }
      })
    },
    async trainStep(learningRate, step) {
      if (isLrkitOptimizer(optimizer)) optimizer.learningRate = learningRate
      else setLearningRate(optimizer, learningRate)
      const { xs, ys } = await batch(step)
      try {
        const result = await model.trainOnBatch(xs, ys)
        return Array.isArray(result) ? result[0]! : result
      } finally {
        dispose([xs, ys] as never)
      }
    },
  }
  const validation = options.validationData
  if (validation !== undefined) {
    if (!isTensorData(validation)) {
      throw new InvalidArgumentError({
        argument: 'validationData',
        value: validation,
        expected: '{ xs, ys } tensors',
      })
    }
    trainable.evaluate = async () => {
      const result = model.evaluate(validation.xs, validation.ys, { batchSize })
      const loss = Array.isArray(result) ? result[0]! : result
      const value = (await loss.data())[0]!
      dispose(result)
      return value
    }
  }
  return trainable
}
