import type { GradientBatch, GradientSession } from '@lrkit/onnx'

/**
 * The loss of the session's current parameters over `batches`, weighted by rows: Σ loss_b · rows_b /
 * Σ rows_b (the batch-mean loss of every batch, so the result is the mean loss per row whatever the
 * batch sizes). Used for the validation loss of `lrkit fit` (after each epoch) and `lrkit find
 * --validation` (the race's ranking). Changes no training state.
 *
 * @param session - the gradient session; its current parameters are evaluated.
 * @param batches - the evaluation batches (e.g. `createBatches(…).all()`); the rows of a batch are
 *   the first dimension of its first input.
 * @returns The mean loss per row; `NaN` for no batches.
 */
export async function evaluate(
  session: Pick<GradientSession, 'computeGradients'>,
  batches: readonly GradientBatch[],
): Promise<number> {
  let total = 0
  let rows = 0
  for (const batch of batches) {
    const count = (Object.values(batch.inputs)[0]?.dims[0] as number | undefined) ?? 1
    const { loss } = await session.computeGradients(batch)
    total += loss * count
    rows += count
  }
  return total / rows
}
