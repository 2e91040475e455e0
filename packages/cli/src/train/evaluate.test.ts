import type { GradientBatch } from '@lrkit/onnx'
import { describe, expect, it } from 'vitest'
import { evaluate } from './evaluate'

/** A batch whose first input has `rows` rows (only `dims` is read). */
const batch = (rows: number, id: number): GradientBatch =>
  ({ inputs: { x: { dims: [rows, 2] } }, labels: [id] }) as unknown as GradientBatch

describe('evaluate', () => {
  it('weights each batch-mean loss by its rows', async () => {
    const losses = new Map([
      [1, 1],
      [2, 5],
    ])
    const session = {
      computeGradients: async (input: GradientBatch) => ({
        loss: losses.get((input.labels as number[])[0] as number) as number,
        gradients: new Map(),
      }),
    }
    // (3 rows × 1 + 1 row × 5) / 4 rows = 2, not the unweighted mean 3.
    expect(await evaluate(session, [batch(3, 1), batch(1, 2)])).toBe(2)
  })

  it('is NaN without batches', async () => {
    const session = { computeGradients: async () => ({ loss: 1, gradients: new Map() }) }
    expect(await evaluate(session, [])).toBeNaN()
  })
})
