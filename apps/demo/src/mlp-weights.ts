import { InvalidArgumentError } from '@lrkit/core'
import { seededRandom } from './seeded-random'

/** One fully connected layer of the demo's MLP. */
export interface MlpLayer {
  /** Layer name; its parameters are `<name>.weight` and `<name>.bias`. */
  readonly name: string
  /** Input features. */
  readonly inputs: number
  /** Output features. */
  readonly outputs: number
}

/**
 * The demo's model: 784 → 128 → 64 → `classes`, ReLU between layers, logits out. `fc1` and `fc2` are
 * the body that pretraining learns; `head` is replaced for fine-tuning.
 *
 * @param classes - output classes (5: digits 0–4, then digits 5–9)
 * @param hidden - widths of the two hidden layers; default [128, 64]
 * @returns the layers, input → head
 */
export function demoMlp(classes: number, hidden: readonly [number, number] = [128, 64]): MlpLayer[] {
  return [
    { name: 'fc1', inputs: 784, outputs: hidden[0] },
    { name: 'fc2', inputs: hidden[0], outputs: hidden[1] },
    { name: 'head', inputs: hidden[1], outputs: classes },
  ]
}

/**
 * Initial weights of an MLP, seeded: `<name>.weight` ([outputs, inputs], row-major, as ONNX `Gemm`
 * with `transB` and PyTorch `nn.Linear` store it) and `<name>.bias`, both uniform in ±1/√inputs
 * (PyTorch's `nn.Linear` default). Values given in `keep` replace the fresh ones (pretrained layers).
 *
 * @param layers - the layers, input → head
 * @param seed - seed of the fresh values
 * @param keep - pretrained values by parameter name (same lengths)
 * @returns every parameter by name, in layer order
 * @throws InvalidArgumentError when a kept array has the wrong length
 * @example
 * ```ts
 * const fresh = mlpWeights(demoMlp(5), 1)
 * const transferred = mlpWeights(demoMlp(5), 2, new Map([['fc1.weight', pretrained.get('fc1.weight')!]]))
 * ```
 */
export function mlpWeights(
  layers: readonly MlpLayer[],
  seed: number,
  keep: ReadonlyMap<string, Float32Array> = new Map(),
): Map<string, Float32Array> {
  const random = seededRandom(seed)
  const weights = new Map<string, Float32Array>()
  for (const layer of layers) {
    const bound = 1 / Math.sqrt(layer.inputs)
    for (const [name, length] of [
      [`${layer.name}.weight`, layer.inputs * layer.outputs],
      [`${layer.name}.bias`, layer.outputs],
    ] as const) {
      const fresh = Float32Array.from({ length }, () => (random() * 2 - 1) * bound)
      const kept = keep.get(name)
      if (kept !== undefined && kept.length !== length) {
        throw new InvalidArgumentError({
          argument: `keep.${name}`,
          value: kept.length,
          message: `keep.${name} must have ${length} values (${layer.outputs === length ? 'outputs' : 'outputs × inputs'}), got ${kept.length}`,
        })
      }
      weights.set(name, kept === undefined ? fresh : Float32Array.from(kept))
    }
  }
  return weights
}
