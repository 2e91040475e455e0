/**
 * Runs the README's fine-tuning example as written (only the data declaration and the file paths
 * are filled in), so the example users paste stays correct.
 */
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as ort from 'onnxruntime-node'
import { expect, it } from 'vitest'
import { readOnnxCheckpoint } from '../src/checkpoint/onnx-checkpoint'
import { saveOnnxModel } from '../src/model/save-onnx-model'
import { mlp, task } from './tiny-classifier'

it('the README example runs: range test, one-cycle training with checkpoints, export', async () => {
  const readme = await readFile(join(import.meta.dirname, '..', 'README.md'), 'utf8')
  const block = /<!-- example:start[^>]*-->\s*```ts\n([\s\S]*?)```\s*<!-- example:end -->/.exec(readme)
  expect(block, 'the README has the marked example').not.toBeNull()
  const directory = await mkdtemp(join(tmpdir(), 'lrkit-onnx-readme-'))
  const generated = join(import.meta.dirname, `readme-example.${process.pid}.generated.ts`)
  try {
    await writeFile(join(directory, 'classifier.onnx'), saveOnnxModel(mlp()))
    const declaration =
      'declare const batches: { inputs: Record<string, ort.Tensor>; labels: BigInt64Array }[]'
    const code = block![1]!
    expect(code).toContain(declaration)
    const path = (name: string) => JSON.stringify(join(directory, name))
    await writeFile(
      generated,
      code
        .replace("from '@lrkit/onnx'", "from '../src/index'")
        .replace(declaration, "import { batchesForReadme as batches } from './tiny-classifier'")
        .replaceAll("'classifier.onnx'", path('classifier.onnx'))
        .replaceAll("'classifier.ckpt'", path('classifier.ckpt'))
        .replaceAll("'fine-tuned.onnx'", path('fine-tuned.onnx')),
    )
    await import(generated)
    const saved = await readOnnxCheckpoint(join(directory, 'classifier.ckpt'))
    expect(saved.metadata).toEqual({ epoch: 2 })
    expect(saved.scheduler?.step).toBe(3 * 4)
    const plain = await ort.InferenceSession.create(join(directory, 'fine-tuned.onnx'))
    const test = task(8, 99)
    expect((await plain.run({ x: test.x })).logits!.dims).toEqual([8, 3])
    await plain.release()
    expect((await stat(join(directory, 'fine-tuned.onnx'))).size).toBeGreaterThan(0)
  } finally {
    await unlink(generated).catch(() => undefined)
    await rm(directory, { recursive: true, force: true })
  }
})
