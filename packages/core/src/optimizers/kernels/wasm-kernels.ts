import { InvalidArgumentError } from '../../errors/invalid-argument-error'
import { InvalidStateError } from '../../errors/invalid-state-error'
import { booleanValue, knownKeys, oneOf, optionsObject, positiveInteger } from '../../internal/validate'
import { kernelsWasmBase64, kernelsWasmSharedBase64 } from '../wasm/kernels-wasm.generated'
import type { OptimizerKernels } from './types'

/** Options of {@link createWasmKernels}. */
export interface WasmKernelsOptions {
  /**
   * Bytes of WebAssembly memory created up front (rounded up to 64 KiB pages). Default 16 MiB; valid
   * 1 … `maximumMemoryBytes`. With unshared memory it is the arena's whole capacity (see
   * {@link createWasmKernels}), so set it to the total you will allocate.
   */
  readonly initialMemoryBytes?: number
  /**
   * Upper bound the memory may grow to (rounded down to 64 KiB pages). Default and largest value
   * 4 GiB (the wasm32 limit, 65 536 pages). Shared memory reserves this much address space (not
   * physical memory) at creation.
   */
  readonly maximumMemoryBytes?: number
  /**
   * Use a shared `WebAssembly.Memory` (backed by a `SharedArrayBuffer`), which grows without
   * detaching the views already handed out. Default: `true` where the runtime allows shared memory
   * (Node, cross-origin-isolated pages), else `false`. `true` throws where it is not available.
   */
  readonly sharedMemory?: boolean
  /**
   * Rounding of the kernels. Where PyTorch's CPU kernels fuse a multiply and an add, `'exact'`
   * computes the fused operation in float64 and rounds once: bit-identical to the JS kernels and
   * to PyTorch, at up to 3× the compute of plain float32 (float64 conversions dominate).
   * `'float32'` rounds every operation to float32 (and multiplies Adam's √v̂ by 1/√(1 − β2ᵗ)):
   * memory-bound, a few float32 ulps per step from PyTorch — within 1e-6 relative over the
   * 60-step PyTorch fixtures for Adam/AdamW, Adagrad and momentum-free SGD/RMSProp, but up to
   * ≈ 2e-5 for SGD and RMSProp with momentum, whose buffer feeds each step's rounding error
   * back. `'fast'` (default) is `'float32'` where that stays within 1e-6 of PyTorch and `'exact'`
   * for SGD and RMSProp with momentum. Lion is the same under all three (no fused operations).
   */
  readonly rounding?: 'exact' | 'fast' | 'float32'
}

interface WasmMemoryLike {
  readonly buffer: ArrayBuffer | SharedArrayBuffer
  grow(pages: number): number
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> }
  Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WasmMemoryLike
  validate(bytes: Uint8Array): boolean
}

type AdamExport = (
  p: number,
  g: number,
  m: number,
  v: number,
  mx: number,
  n: number,
  decay: number,
  wd: number,
  beta1: number,
  oneMinusBeta1: number,
  beta2: number,
  oneMinusBeta2: number,
  negStepSize: number,
  bc2Sqrt: number,
  eps: number,
) => void

interface KernelExports {
  heapBase(): number
  maxAbs(g: number, n: number): number
  sumSquares(g: number, n: number, clamp: number): number
  clampScale(g: number, n: number, clamp: number, scale: number): void
  accumulateMean(a: number, g: number, n: number, count: number): void
  sgd(
    p: number,
    g: number,
    b: number,
    n: number,
    negLr: number,
    wd: number,
    momentum: number,
    damp: number,
    flags: number,
  ): void
  sgdFast: KernelExports['sgd']
  sgdUnitDamp: KernelExports['sgd']
  adam: AdamExport
  adamFast: AdamExport
  adamL2: AdamExport
  adamL2Fast: AdamExport
  adamDecoupled: AdamExport
  adamDecoupledFast: AdamExport
  adamAmsgrad: AdamExport
  adamAmsgradFast: AdamExport
  adamAmsgradL2: AdamExport
  adamAmsgradL2Fast: AdamExport
  adamAmsgradDecoupled: AdamExport
  adamAmsgradDecoupledFast: AdamExport
  rmsprop(
    p: number,
    g: number,
    s: number,
    ga: number,
    b: number,
    n: number,
    negLr: number,
    wd: number,
    alpha: number,
    oneMinusAlpha: number,
    eps: number,
    momentum: number,
    flags: number,
  ): void
  rmspropFast: KernelExports['rmsprop']
  adagradFast: KernelExports['adagrad']
  adagrad(
    p: number,
    g: number,
    s: number,
    n: number,
    negLr: number,
    wd: number,
    eps: number,
    flags: number,
  ): void
  lion(
    p: number,
    g: number,
    m: number,
    n: number,
    negLr: number,
    wd: number,
    beta1: number,
    oneMinusBeta1: number,
    beta2: number,
    oneMinusBeta2: number,
    flags: number,
  ): void
}

const PAGE_BYTES = 65536
const MAXIMUM_PAGES = 65536
/** 16 MiB, written as a literal: bundlers keep a module-level `16 * 1024 * 1024` (not provably pure). */
const DEFAULT_INITIAL_BYTES = 16_777_216
const ALIGNMENT = 16

function webAssembly(): WasmApi | undefined {
  const candidate = (globalThis as { WebAssembly?: WasmApi }).WebAssembly
  return typeof candidate === 'object' && candidate !== null ? candidate : undefined
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'

/** Decodes standard base64 without relying on `atob` or `Buffer`. */
function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '')
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4))
  let bits = 0
  let count = 0
  let position = 0
  for (let index = 0; index < clean.length; index++) {
    bits = (bits << 6) | BASE64.indexOf(clean.charAt(index))
    count += 6
    if (count >= 8) {
      count -= 8
      out[position++] = (bits >> count) & 0xff
    }
  }
  return out
}

let unsharedBytes: Uint8Array | undefined
let sharedBytes: Uint8Array | undefined
let unsharedModule: object | undefined
let sharedModule: object | undefined
let simdSupported: boolean | undefined

function moduleBytes(shared: boolean): Uint8Array {
  if (shared) {
    sharedBytes ??= decodeBase64(kernelsWasmSharedBase64)
    return sharedBytes
  }
  unsharedBytes ??= decodeBase64(kernelsWasmBase64)
  return unsharedBytes
}

function compiledModule(api: WasmApi, shared: boolean): object {
  if (shared) {
    sharedModule ??= new api.Module(moduleBytes(true))
    return sharedModule
  }
  unsharedModule ??= new api.Module(moduleBytes(false))
  return unsharedModule
}

/**
 * Whether this runtime can run the WebAssembly SIMD kernels: WebAssembly exists and validates the
 * kernels module itself (fixed-width SIMD: Chrome/Edge 91+, Firefox 89+, Safari 16.4+, Node 16.4+).
 * Cached after the first call.
 *
 * @returns `true` when {@link createWasmKernels} can be used.
 * @example
 * ```ts
 * const kernels = wasmSimdSupported() ? createWasmKernels() : jsKernels
 * ```
 */
export function wasmSimdSupported(): boolean {
  if (simdSupported === undefined) {
    const api = webAssembly()
    try {
      simdSupported = api?.validate(moduleBytes(false)) === true
    } catch {
      simdSupported = false
    }
  }
  return simdSupported
}

function sharedMemorySupported(api: WasmApi): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false
  try {
    const probe = new api.Memory({ initial: 0, maximum: 1, shared: true })
    return probe.buffer instanceof SharedArrayBuffer
  } catch {
    return false
  }
}

function pagesFor(bytes: number): number {
  return Math.ceil(bytes / PAGE_BYTES)
}

/**
 * Creates the WebAssembly SIMD optimizer kernels: the same update rules and float32 results as the
 * JS kernels (`jsKernels`, PyTorch's float32 single-tensor order), 4 lanes at a time, with a scalar
 * tail for lengths that are not a multiple of 4.
 *
 * Memory: each call creates one `WebAssembly.Memory` and instantiates the (cached, synchronously
 * compiled, embedded) module on it; no network or file access. `allocate(length)` is a bump
 * allocator: it returns a zero-filled `Float32Array` view starting on a 16-byte boundary (the
 * length is rounded up to 4 floats so the next view is aligned too); nothing is ever freed, the
 * arena lives as long as the kernels object. The kernels accept only views into this memory
 * (`kernels.allocate()` output or subarrays of it) and throw an `InvalidArgumentError` for any other
 * array; they pass byte offsets and per-step scalars to wasm and allocate nothing per call.
 *
 * Growth without detached views: growing a normal (unshared) `WebAssembly.Memory` detaches its
 * `ArrayBuffer`, which would empty every view handed out before. So:
 * - shared memory (default where available — Node, cross-origin-isolated pages): the memory
 *   grows (at least doubling, up to `maximumMemoryBytes`) when an allocation does not fit; a shared
 *   buffer is never detached, so earlier views stay valid and keep aliasing the same bytes;
 * - unshared memory (browsers without cross-origin isolation, or `sharedMemory: false`): the
 *   memory may grow only while no non-empty view has been handed out; after that an allocation
 *   that does not fit throws an `InvalidStateError` asking for a larger `initialMemoryBytes`.
 *
 * @param options - the {@link WasmKernelsOptions} (each option documented there, with its default)
 * @returns kernels with `backend: 'wasm'`
 * @throws InvalidStateError when WebAssembly SIMD is not supported ({@link wasmSimdSupported})
 * @example
 * ```ts
 * const kernels = createWasmKernels()
 * const param = kernels.allocate(3) // Float32Array [0, 0, 0], byteOffset % 16 === 0
 * param.set([1, 1, 1])
 * const grad = kernels.allocate(3)
 * grad.set([0.5, 0.5, 0.5])
 * const m = kernels.allocate(3), v = kernels.allocate(3)
 * const hyper = {
 *   learningRate: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0,
 *   decoupledWeightDecay: false, amsgrad: false, step: 1,
 * }
 * kernels.adam(param, grad, m, v, undefined, hyper)
 * param[0] // 0.9000000357627869 (float32 nearest to PyTorch's 0.900000002)
 * kernels.adam(new Float32Array(3), grad, m, v, undefined, hyper) // throws InvalidArgumentError
 * ```
 * PyTorch has no equivalent (its CPU kernels are C++/AVX); tfjs's wasm backend runs its own Adam
 * kernel on tensors. With `rounding: 'exact'` every result is bit-identical to the JS kernels, and
 * so to PyTorch's float32 single-tensor kernels: where PyTorch fuses a multiply and an add the wasm
 * code computes it in float64 and rounds once, as the JS kernels do. The default `'fast'` differs
 * from them (for Adam and AdamW only) by a few float32 ulps per step.
 */
export function createWasmKernels(options: WasmKernelsOptions = {}): OptimizerKernels {
  const record = optionsObject('options', options)
  knownKeys('createWasmKernels', record, [
    'initialMemoryBytes',
    'maximumMemoryBytes',
    'sharedMemory',
    'rounding',
  ])
  const rounding =
    record.rounding === undefined ? 'fast' : oneOf('rounding', record.rounding, ['exact', 'fast', 'float32'])
  const maximumBytes =
    record.maximumMemoryBytes === undefined
      ? MAXIMUM_PAGES * PAGE_BYTES
      : positiveInteger('maximumMemoryBytes', record.maximumMemoryBytes)
  if (maximumBytes < PAGE_BYTES || maximumBytes > MAXIMUM_PAGES * PAGE_BYTES) {
    throw new InvalidArgumentError({
      argument: 'maximumMemoryBytes',
      value: maximumBytes,
      expected: `an integer with ${PAGE_BYTES} <= maximumMemoryBytes <= ${MAXIMUM_PAGES * PAGE_BYTES}`,
    })
  }
  const maximumPages = Math.floor(maximumBytes / PAGE_BYTES)
  const initialBytes =
    record.initialMemoryBytes === undefined
      ? Math.min(DEFAULT_INITIAL_BYTES, maximumPages * PAGE_BYTES)
      : positiveInteger('initialMemoryBytes', record.initialMemoryBytes)
  const initialPages = pagesFor(initialBytes)
  if (initialPages > maximumPages) {
    throw new InvalidArgumentError({
      argument: 'initialMemoryBytes',
      value: initialBytes,
      expected: `at most maximumMemoryBytes (${maximumPages * PAGE_BYTES} after rounding to 64 KiB pages)`,
    })
  }
  const api = webAssembly()
  if (api === undefined || !wasmSimdSupported()) {
    throw new InvalidStateError({
      message:
        'WebAssembly SIMD is not supported in this runtime: use the JS kernels (selectKernels("auto") picks them)',
    })
  }
  const sharedRequested =
    record.sharedMemory === undefined ? undefined : booleanValue('sharedMemory', record.sharedMemory)
  const sharedAvailable = sharedMemorySupported(api)
  if (sharedRequested === true && !sharedAvailable) {
    throw new InvalidStateError({
      message:
        'sharedMemory: true needs shared WebAssembly memory (SharedArrayBuffer; in browsers a cross-origin-isolated page)',
    })
  }
  const shared = sharedRequested ?? sharedAvailable
  const memory = new api.Memory(
    shared
      ? { initial: initialPages, maximum: maximumPages, shared: true }
      : { initial: initialPages, maximum: maximumPages },
  )
  const instance = new api.Instance(compiledModule(api, shared), { env: { memory } })
  const wasm = instance.exports as unknown as KernelExports
  return createKernelsOnMemory(wasm, memory, shared, maximumPages, rounding)
}

function createKernelsOnMemory(
  wasm: KernelExports,
  memory: WasmMemoryLike,
  shared: boolean,
  maximumPages: number,
  rounding: 'exact' | 'fast' | 'float32',
): OptimizerKernels {
  // float32 rounding for kernels without a momentum buffer under 'fast', for all under 'float32'.
  const fast = rounding !== 'exact'
  const float32Momentum = rounding === 'float32'
  // Adam entry points by [amsgrad][decoupled / L2 / none], for the chosen rounding.
  const adamExports = fast
    ? [
        [wasm.adamDecoupledFast, wasm.adamL2Fast, wasm.adamFast],
        [wasm.adamAmsgradDecoupledFast, wasm.adamAmsgradL2Fast, wasm.adamAmsgradFast],
      ]
    : [
        [wasm.adamDecoupled, wasm.adamL2, wasm.adam],
        [wasm.adamAmsgradDecoupled, wasm.adamAmsgradL2, wasm.adamAmsgrad],
      ]
  const adagradExport = fast ? wasm.adagradFast : wasm.adagrad
  /** Every buffer object views were made on: a shared memory's `buffer` is a new object per growth. */
  const buffers = new Set<ArrayBufferLike>([memory.buffer])
  let top = Math.ceil(wasm.heapBase() / ALIGNMENT) * ALIGNMENT
  let viewsHandedOut = false

  function ensureCapacity(end: number, bytes: number): void {
    const current = memory.buffer.byteLength
    if (end <= current) return
    const neededPages = pagesFor(end)
    if (neededPages > maximumPages) {
      throw new InvalidStateError({
        message: `wasm kernel memory exhausted: ${end} bytes needed, maximumMemoryBytes allows ${maximumPages * PAGE_BYTES}; pass a larger maximumMemoryBytes to createWasmKernels`,
      })
    }
    if (!shared && viewsHandedOut) {
      throw new InvalidStateError({
        message: `wasm kernel memory full: these kernels hold ${top} bytes (heap base included) and ${bytes} more were requested, ${end} bytes in all, but the memory has ${current} and, unshared, cannot grow without detaching the arrays already allocated. Create the kernels with createWasmKernels({ initialMemoryBytes: ${neededPages * PAGE_BYTES} }) or more (the total for everything allocated from them so far, this allocation included; an optimizer allocates all of its memory in one call), or use shared memory`,
      })
    }
    const currentPages = current / PAGE_BYTES
    const targetPages = Math.min(maximumPages, Math.max(neededPages, currentPages * 2))
    memory.grow(targetPages - currentPages)
    if (!shared) buffers.clear()
    buffers.add(memory.buffer)
  }

  function allocate(length: number): Float32Array {
    if (typeof length !== 'number' || !Number.isSafeInteger(length) || length < 0) {
      throw new InvalidArgumentError({
        argument: 'length',
        value: length,
        expected: 'a non-negative integer',
      })
    }
    const bytes = Math.ceil((length * 4) / ALIGNMENT) * ALIGNMENT
    ensureCapacity(top + bytes, bytes)
    const view = new Float32Array(memory.buffer, top, length)
    top += bytes
    if (length > 0) viewsHandedOut = true
    return view
  }

  function check(argument: string, array: unknown, length: number): number {
    if (!(array instanceof Float32Array) || !buffers.has(array.buffer)) {
      throw new InvalidArgumentError({
        argument,
        value: array instanceof Float32Array ? `Float32Array(${array.length})` : array,
        message: `${argument} must be a Float32Array allocated with kernels.allocate() of these wasm kernels (or a subarray of one), got ${array instanceof Float32Array ? 'a Float32Array outside the kernels memory' : typeof array}`,
      })
    }
    if (array.length !== length) {
      throw new InvalidArgumentError({
        argument,
        value: array.length,
        message: `${argument} must have the length of param (${length}), got ${array.length}`,
      })
    }
    return array.byteOffset
  }

  return {
    backend: 'wasm',
    allocate,

    sgd(param, grad, momentumBuffer, hyper): void {
      const length = param.length
      const p = check('param', param, length)
      const g = check('grad', grad, length)
      const useMomentum = hyper.momentum !== 0 && momentumBuffer !== undefined
      const b = useMomentum ? check('momentumBuffer', momentumBuffer, length) : 0
      const flags =
        (hyper.weightDecay !== 0 ? 1 : 0) |
        (useMomentum ? 2 : 0) |
        (useMomentum && hyper.firstStep ? 4 : 0) |
        (useMomentum && hyper.nesterov ? 8 : 0)
      // Exact momentum with dampening 0 takes the cheaper export (same bits: the product 1·g is exact).
      const exactMomentum = hyper.dampening === 0 ? wasm.sgdUnitDamp : wasm.sgd
      const run = useMomentum
        ? float32Momentum
          ? wasm.sgdFast
          : exactMomentum
        : fast
          ? wasm.sgdFast
          : wasm.sgd
      run(p, g, b, length, -hyper.learningRate, hyper.weightDecay, hyper.momentum, 1 - hyper.dampening, flags)
    },

    adam(param, grad, expAvg, expAvgSq, maxExpAvgSq, hyper): void {
      const length = param.length
      const p = check('param', param, length)
      const g = check('grad', grad, length)
      const m = check('expAvg', expAvg, length)
      const v = check('expAvgSq', expAvgSq, length)
      const amsgrad = hyper.amsgrad && maxExpAvgSq !== undefined
      const mx = amsgrad ? check('maxExpAvgSq', maxExpAvgSq, length) : 0
      const learningRate = hyper.learningRate
      const hasWeightDecay = hyper.weightDecay !== 0
      const decoupled = hyper.decoupledWeightDecay && hasWeightDecay
      const l2 = !hyper.decoupledWeightDecay && hasWeightDecay
      const biasCorrection1 = 1 - hyper.beta1 ** hyper.step
      const biasCorrection2Sqrt = Math.sqrt(1 - hyper.beta2 ** hyper.step)
      const run = adamExports[amsgrad ? 1 : 0]![decoupled ? 0 : l2 ? 1 : 2]!
      run(
        p,
        g,
        m,
        v,
        mx,
        length,
        1 - learningRate * hyper.weightDecay,
        hyper.weightDecay,
        hyper.beta1,
        1 - hyper.beta1,
        hyper.beta2,
        1 - hyper.beta2,
        -(learningRate / biasCorrection1),
        biasCorrection2Sqrt,
        hyper.eps,
      )
    },

    rmsprop(param, grad, squareAvg, gradAvg, momentumBuffer, hyper): void {
      const length = param.length
      const p = check('param', param, length)
      const g = check('grad', grad, length)
      const s = check('squareAvg', squareAvg, length)
      const centered = hyper.centered && gradAvg !== undefined
      const ga = centered ? check('gradAvg', gradAvg, length) : 0
      const useMomentum = hyper.momentum > 0 && momentumBuffer !== undefined
      const b = useMomentum ? check('momentumBuffer', momentumBuffer, length) : 0
      const flags = (hyper.weightDecay !== 0 ? 1 : 0) | (centered ? 2 : 0) | (useMomentum ? 4 : 0)
      const run = useMomentum
        ? float32Momentum
          ? wasm.rmspropFast
          : wasm.rmsprop
        : fast
          ? wasm.rmspropFast
          : wasm.rmsprop
      run(
        p,
        g,
        s,
        ga,
        b,
        length,
        -hyper.learningRate,
        hyper.weightDecay,
        hyper.alpha,
        1 - hyper.alpha,
        hyper.eps,
        hyper.momentum,
        flags,
      )
    },

    adagrad(param, grad, stateSum, hyper): void {
      const length = param.length
      const p = check('param', param, length)
      const g = check('grad', grad, length)
      const s = check('stateSum', stateSum, length)
      const flags = hyper.weightDecay !== 0 ? 1 : 0
      adagradExport(p, g, s, length, -hyper.learningRate, hyper.weightDecay, hyper.eps, flags)
    },

    lion(param, grad, expAvg, hyper): void {
      const length = param.length
      const p = check('param', param, length)
      const g = check('grad', grad, length)
      const m = check('expAvg', expAvg, length)
      const flags = hyper.weightDecay !== 0 ? 1 : 0
      wasm.lion(
        p,
        g,
        m,
        length,
        -hyper.learningRate,
        hyper.weightDecay,
        hyper.beta1,
        1 - hyper.beta1,
        hyper.beta2,
        1 - hyper.beta2,
        flags,
      )
    },

    maxAbs(array): number {
      return wasm.maxAbs(check('array', array, array.length), array.length)
    },

    sumOfSquares(array, clamp): number {
      return wasm.sumSquares(check('array', array, array.length), array.length, clamp)
    },

    clampAndScale(array, clamp, scale): void {
      wasm.clampScale(check('array', array, array.length), array.length, clamp, scale)
    },

    accumulateMean(mean, grad, count): void {
      const length = mean.length
      wasm.accumulateMean(check('mean', mean, length), check('grad', grad, length), length, count)
    },
  }
}
