/**
 * A small convolutional network for the learning-rate finder evaluation, with a hand-written
 * forward and backward pass on typed arrays (same interface as `DenseNetwork`):
 *
 * ```text
 * x (side × side, 1 channel) → conv k×k, F filters, stride 1, valid → ReLU → flatten → dense → softmax CE
 * ```
 *
 * (or, with `loss: 'mse'`, the dense outputs regressed on the targets by mean squared error).
 */
import type { DataSplit, NetworkArrays, SeededRandom } from './tasks'

/** Shape of a {@link ConvNetwork}. */
export interface ConvSpec {
  readonly kind: 'conv'
  /** Image side (square, one channel); inputs are row-major side × side. */
  readonly side: number
  /** Kernel side k. */
  readonly kernel: number
  /** Filters F. */
  readonly filters: number
  /** Classes (cross-entropy) or regression outputs (mean squared error). */
  readonly outputSize: number
  /**
   * Softmax cross-entropy on `labels` (the default) or mean squared error `mean(Σ_c (out_c − y_c)²)`
   * on `targets` (`outputSize` per row), as `DenseNetwork`'s.
   */
  readonly loss?: 'crossEntropy' | 'mse'
}

/** Parameters: `cw` [F, k, k], `cb` [F], `w` [F·o·o, C] (o = side − k + 1), `b` [C]. */
export class ConvNetwork {
  readonly spec: ConvSpec
  readonly parameterSizes: Readonly<Record<string, number>>
  private readonly maxRows: number
  private readonly outSide: number
  private readonly features: number
  private readonly pre: Float64Array
  private readonly act: Float64Array
  private readonly out: Float64Array
  private readonly dOut: Float64Array
  private readonly dAct: Float64Array

  constructor(spec: ConvSpec, maxRows: number) {
    this.spec = spec
    this.maxRows = maxRows
    this.outSide = spec.side - spec.kernel + 1
    this.features = spec.filters * this.outSide * this.outSide
    this.parameterSizes = {
      cw: spec.filters * spec.kernel * spec.kernel,
      cb: spec.filters,
      w: this.features * spec.outputSize,
      b: spec.outputSize,
    }
    this.pre = new Float64Array(maxRows * this.features)
    this.act = new Float64Array(maxRows * this.features)
    this.out = new Float64Array(maxRows * spec.outputSize)
    this.dOut = new Float64Array(maxRows * spec.outputSize)
    this.dAct = new Float64Array(this.features)
  }

  /** Fresh zero arrays, one per parameter. */
  zeros(): NetworkArrays {
    const arrays: NetworkArrays = {}
    for (const [name, size] of Object.entries(this.parameterSizes)) arrays[name] = new Float32Array(size)
    return arrays
  }

  /** He-initialised filters, N(0, 0.01²) dense weights, zero biases. */
  initialParameters(random: SeededRandom): NetworkArrays {
    const parameters = this.zeros()
    const fanIn = this.spec.kernel * this.spec.kernel
    const cw = parameters.cw!
    for (let i = 0; i < cw.length; i++) cw[i] = random.normal() * Math.sqrt(2 / fanIn)
    const w = parameters.w!
    for (let i = 0; i < w.length; i++) w[i] = random.normal() * 0.01
    return parameters
  }

  /** Mean loss (cross-entropy or MSE) over `count` rows (as `DenseNetwork.loss`); writes gradients when given. */
  loss(
    parameters: NetworkArrays,
    data: DataSplit,
    rows: Int32Array | null,
    start: number,
    count: number,
    gradients?: NetworkArrays,
  ): number {
    if (count > this.maxRows) throw new RangeError(`count must be <= ${this.maxRows}, got ${count}`)
    const { side, kernel, filters, outputSize } = this.spec
    const o = this.outSide
    const features = this.features
    const { pre, act, out, dOut, dAct } = this
    const cw = parameters.cw!
    const cb = parameters.cb!
    const w = parameters.w!
    const b = parameters.b!
    const x = data.inputs
    const pixels = side * side
    for (let n = 0; n < count; n++) {
      const row = rows === null ? start + n : rows[n]!
      const xOffset = row * pixels
      const fOffset = n * features
      for (let f = 0; f < filters; f++) {
        for (let i = 0; i < o; i++) {
          for (let j = 0; j < o; j++) {
            let sum = cb[f]!
            for (let u = 0; u < kernel; u++) {
              const xRow = xOffset + (i + u) * side + j
              const wRow = (f * kernel + u) * kernel
              for (let v = 0; v < kernel; v++) sum += x[xRow + v]! * cw[wRow + v]!
            }
            const index = fOffset + (f * o + i) * o + j
            pre[index] = sum
            act[index] = Math.max(sum, 0)
          }
        }
      }
      const oOffset = n * outputSize
      for (let c = 0; c < outputSize; c++) out[oOffset + c] = b[c]!
      for (let q = 0; q < features; q++) {
        const a = act[fOffset + q]!
        if (a === 0) continue
        const wOffset = q * outputSize
        for (let c = 0; c < outputSize; c++) out[oOffset + c]! += a * w[wOffset + c]!
      }
    }
    let total = 0
    const scale = 1 / count
    for (let n = 0; n < count; n++) {
      const row = rows === null ? start + n : rows[n]!
      const oOffset = n * outputSize
      if (this.spec.loss === 'mse') {
        for (let c = 0; c < outputSize; c++) {
          const error = out[oOffset + c]! - data.targets![row * outputSize + c]!
          total += error * error
          dOut[oOffset + c] = 2 * error * scale
        }
        continue
      }
      const label = data.labels![row]!
      let max = Number.NEGATIVE_INFINITY
      for (let c = 0; c < outputSize; c++) if (out[oOffset + c]! > max) max = out[oOffset + c]!
      let sum = 0
      for (let c = 0; c < outputSize; c++) sum += Math.exp(out[oOffset + c]! - max)
      const logSum = max + Math.log(sum)
      total += logSum - out[oOffset + label]!
      for (let c = 0; c < outputSize; c++) {
        dOut[oOffset + c] = (Math.exp(out[oOffset + c]! - logSum) - (c === label ? 1 : 0)) * scale
      }
    }
    if (gradients === undefined) return total * scale
    const gcw = gradients.cw!
    const gcb = gradients.cb!
    const gw = gradients.w!
    const gb = gradients.b!
    gcw.fill(0)
    gcb.fill(0)
    gw.fill(0)
    gb.fill(0)
    for (let n = 0; n < count; n++) {
      const row = rows === null ? start + n : rows[n]!
      const xOffset = row * pixels
      const fOffset = n * features
      const oOffset = n * outputSize
      for (let c = 0; c < outputSize; c++) gb[c]! += dOut[oOffset + c]!
      for (let q = 0; q < features; q++) {
        const a = act[fOffset + q]!
        const wOffset = q * outputSize
        let back = 0
        for (let c = 0; c < outputSize; c++) {
          const d = dOut[oOffset + c]!
          if (a !== 0) gw[wOffset + c]! += a * d
          back += d * w[wOffset + c]!
        }
        dAct[q] = pre[fOffset + q]! > 0 ? back : 0
      }
      for (let f = 0; f < filters; f++) {
        for (let i = 0; i < o; i++) {
          for (let j = 0; j < o; j++) {
            const d = dAct[(f * o + i) * o + j]!
            if (d === 0) continue
            gcb[f]! += d
            for (let u = 0; u < kernel; u++) {
              const xRow = xOffset + (i + u) * side + j
              const wRow = (f * kernel + u) * kernel
              for (let v = 0; v < kernel; v++) gcw[wRow + v]! += d * x[xRow + v]!
            }
          }
        }
      }
    }
    return total * scale
  }

  /** Mean loss over every row of `data`, in chunks of at most `maxRows` rows. */
  meanLoss(parameters: NetworkArrays, data: DataSplit): number {
    let total = 0
    for (let start = 0; start < data.count; start += this.maxRows) {
      const count = Math.min(this.maxRows, data.count - start)
      total += this.loss(parameters, data, null, start, count) * count
    }
    return total / data.count
  }
}
