import { open, readFile, rename, unlink } from 'node:fs/promises'
import { endianness } from 'node:os'
import {
  InvalidArgumentError,
  InvalidStateError,
  type OptimizerState,
  type SchedulerState,
} from '@lrkit/core'

/**
 * Everything needed to continue a training run exactly where it stopped: the parameter values, the
 * optimizer's state (moments, per-parameter step counts, an unfinished accumulation window) and the
 * scheduler's state (step, plateau), plus optional JSON metadata (epoch, data position, …).
 */
export interface OnnxCheckpoint {
  /** Parameter values by initializer name. */
  readonly parameters: ReadonlyMap<string, Float32Array>
  /** `optimizer.state()`. */
  readonly optimizer: OptimizerState
  /** `scheduler.toJSON()`, when a scheduler drives the rate. */
  readonly scheduler?: SchedulerState
  /** Plain JSON data of your own (e.g. `{ epoch: 3 }`). */
  readonly metadata?: unknown
}

const MAGIC = 'LRKITCKP'
const FORMAT_VERSION = 1
const PREAMBLE_BYTES = 16
const FLOAT_KEY = '$float32'

/**
 * Writes a checkpoint atomically: to a temporary file next to `path`, flushed to disk, then renamed
 * over `path` — a crash leaves either the previous checkpoint or the new one, never a torn file.
 *
 * Format (version 1): the 8 ASCII bytes `LRKITCKP`, the format version and the header length as
 * little-endian uint32, a UTF-8 JSON header (parameter names and lengths, the optimizer state with
 * each `Float32Array` replaced by a reference, the scheduler state, the metadata), then every array's
 * float32 values, little-endian, in header order.
 *
 * @param path - the checkpoint file (its directory must exist)
 * @param checkpoint - what to save
 * @returns resolves when the file is in place
 * @throws InvalidArgumentError for a checkpoint without parameters or optimizer state
 * @example
 * ```ts
 * await writeOnnxCheckpoint('run/last.ckpt', {
 *   parameters: optimizer.parameters,
 *   optimizer: optimizer.state(),
 *   scheduler: scheduler.toJSON(),
 *   metadata: { epoch },
 * })
 * ```
 */
export async function writeOnnxCheckpoint(path: string, checkpoint: OnnxCheckpoint): Promise<void> {
  checkEndianness()
  if (typeof path !== 'string' || path.length === 0) {
    throw new InvalidArgumentError({ argument: 'path', value: path, expected: 'a file path' })
  }
  if (!(checkpoint?.parameters instanceof Map)) {
    throw new InvalidArgumentError({
      argument: 'checkpoint.parameters',
      value: checkpoint?.parameters,
      expected: 'a Map of parameter name → Float32Array',
    })
  }
  if (typeof checkpoint.optimizer !== 'object' || checkpoint.optimizer === null) {
    throw new InvalidArgumentError({
      argument: 'checkpoint.optimizer',
      value: checkpoint.optimizer,
      expected: 'the state from optimizer.state()',
    })
  }
  const arrays: Float32Array[] = []
  const parameters: [string, number][] = []
  for (const [name, values] of checkpoint.parameters) {
    if (!(values instanceof Float32Array)) {
      throw new InvalidArgumentError({
        argument: `checkpoint.parameters["${name}"]`,
        value: values,
        expected: 'a Float32Array',
      })
    }
    parameters.push([name, values.length])
    arrays.push(values)
  }
  const optimizerJson = encode(checkpoint.optimizer, arrays)
  const header = {
    arrays: arrays.map((array) => array.length),
    parameters,
    optimizer: optimizerJson,
    ...(checkpoint.scheduler === undefined ? {} : { scheduler: checkpoint.scheduler }),
    ...(checkpoint.metadata === undefined ? {} : { metadata: checkpoint.metadata }),
  }
  const headerBytes = new TextEncoder().encode(JSON.stringify(header))
  const preamble = new Uint8Array(PREAMBLE_BYTES)
  preamble.set(new TextEncoder().encode(MAGIC))
  const view = new DataView(preamble.buffer)
  view.setUint32(8, FORMAT_VERSION, true)
  view.setUint32(12, headerBytes.length, true)
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`
  const file = await open(temporary, 'w')
  try {
    await file.write(preamble)
    await file.write(headerBytes)
    for (const array of arrays)
      await file.write(new Uint8Array(array.buffer, array.byteOffset, array.byteLength))
    await file.sync()
    await file.close()
    await rename(temporary, path)
  } catch (error) {
    await file.close().catch(() => undefined)
    await unlink(temporary).catch(() => undefined)
    throw error
  }
}

/**
 * Reads a checkpoint written by {@link writeOnnxCheckpoint} (or `trainer.saveCheckpoint`). Resume by
 * creating the optimizer over `checkpoint.parameters`, loading `checkpoint.optimizer` into it and
 * creating the scheduler with `resumeFrom: checkpoint.scheduler`: the run then continues bit for bit
 * as if it had never stopped.
 *
 * @param path - the checkpoint file
 * @returns the checkpoint (fresh arrays)
 * @throws InvalidStateError when the file is not a checkpoint of a version this package reads, or is
 *   truncated
 * @example
 * ```ts
 * const saved = await readOnnxCheckpoint('run/last.ckpt')
 * const optimizer = adamwOptimizer({ parameters: saved.parameters, kernels })
 * optimizer.load(saved.optimizer)
 * const scheduler = createScheduler({ schedule, target: optimizer, resumeFrom: saved.scheduler })
 * const trainer = createOnnxTrainer({ session, optimizer, scheduler })
 * ```
 */
export async function readOnnxCheckpoint(path: string): Promise<OnnxCheckpoint> {
  checkEndianness()
  const bytes = await readFile(path)
  const broken = (reason: string): never => {
    throw new InvalidStateError({ message: `"${path}" is not a readable lrkit ONNX checkpoint: ${reason}` })
  }
  if (bytes.length < PREAMBLE_BYTES || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    broken(`it does not start with "${MAGIC}"`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getUint32(8, true)
  if (version !== FORMAT_VERSION) broken(`format version ${version}; this version reads ${FORMAT_VERSION}`)
  const headerLength = view.getUint32(12, true)
  if (PREAMBLE_BYTES + headerLength > bytes.length) broken('the header is truncated')
  let header: {
    arrays: unknown[]
    parameters: [string, number][]
    optimizer: unknown
    scheduler?: SchedulerState
    metadata?: unknown
  }
  try {
    header = JSON.parse(
      new TextDecoder().decode(bytes.subarray(PREAMBLE_BYTES, PREAMBLE_BYTES + headerLength)),
    )
  } catch (error) {
    return broken(`the header is not JSON (${(error as Error).message})`)
  }
  if (!Array.isArray(header?.parameters) || !Array.isArray(header.arrays)) {
    broken('the header lists no parameters or arrays')
  }
  let offset = PREAMBLE_BYTES + headerLength
  const take = (length: unknown): Float32Array => {
    if (!Number.isInteger(length) || (length as number) < 0) broken(`bad array length ${String(length)}`)
    const byteLength = (length as number) * 4
    if (offset + byteLength > bytes.length) broken('the data is truncated')
    const array = new Float32Array(length as number)
    new Uint8Array(array.buffer).set(bytes.subarray(offset, offset + byteLength))
    offset += byteLength
    return array
  }
  const arrays = header.arrays.map(take)
  if (offset !== bytes.length) broken(`${bytes.length - offset} bytes follow the last array`)
  const parameters = new Map<string, Float32Array>()
  header.parameters.forEach((entry, index) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || arrays[index]?.length !== entry[1]) {
      broken(`parameter entry ${index} is malformed`)
    }
    parameters.set(entry[0], arrays[index]!)
  })
  const reference = (index: unknown): Float32Array => {
    const array = Number.isInteger(index) ? arrays[index as number] : undefined
    if (array === undefined) return broken(`bad array reference ${String(index)}`)
    return array
  }
  const optimizer = decode(header.optimizer, reference) as OptimizerState
  return {
    parameters,
    optimizer,
    ...(header.scheduler === undefined ? {} : { scheduler: header.scheduler }),
    ...(header.metadata === undefined ? {} : { metadata: header.metadata }),
  }
}

/** JSON form of a value: each Float32Array becomes `{ $float32: index }` into `arrays`, where its data goes. */
function encode(value: unknown, arrays: Float32Array[]): unknown {
  if (value instanceof Float32Array) {
    arrays.push(value)
    return { [FLOAT_KEY]: arrays.length - 1 }
  }
  if (Array.isArray(value)) return value.map((item) => encode(item, arrays))
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, {
        value: encode(item, arrays),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }
  return value
}

function decode(value: unknown, take: (index: unknown) => Float32Array): unknown {
  if (Array.isArray(value)) return value.map((item) => decode(item, take))
  if (typeof value === 'object' && value !== null) {
    const keys = Object.keys(value)
    if (keys.length === 1 && keys[0] === FLOAT_KEY) return take((value as Record<string, unknown>)[FLOAT_KEY])
    const out: Record<string, unknown> = {}
    for (const key of keys) {
      Object.defineProperty(out, key, {
        value: decode((value as Record<string, unknown>)[key], take),
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return out
  }
  return value
}

function checkEndianness(): void {
  if (endianness() !== 'LE') {
    throw new InvalidStateError({ message: 'lrkit ONNX checkpoints need a little-endian machine' })
  }
}
