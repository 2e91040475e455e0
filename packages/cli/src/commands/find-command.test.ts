import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FindLearningRateResult } from '@lrkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../test/fake-terminal'
import { mlpModelBytes, sectorsCsv } from '../../test/onnx-model'
import { temporaryFolder } from '../../test/run-lrkit'
import type { CliIo } from '../cli-io'
import { runCli } from '../run-cli'

let folder: { path: string; remove: () => Promise<void> }

beforeAll(async () => {
  folder = await temporaryFolder()
  await writeFile(join(folder.path, 'm.onnx'), mlpModelBytes({ inputs: 2, hidden: 8, outputs: 3 }))
  await writeFile(join(folder.path, 'train.csv'), sectorsCsv(64))
})
afterAll(() => folder.remove())

/** In-memory streams; stderr is a terminal (with the cursor calls cli-progress makes). */
function terminalIo(cwd: string): CliIo & { err: () => string } {
  const terminal = fakeTerminal({ columns: 160 })
  return {
    stdout: { write: () => true },
    stderr: terminal.stream,
    cwd,
    env: { NO_COLOR: '1' },
    err: terminal.text,
  }
}

describe('lrkit find --method race (in-process)', () => {
  it("sweeps core's default 80 steps without --steps, and the progress bar covers the sweep and the race", async () => {
    const io = terminalIo(folder.path)
    const code = await runCli(
      ['find', '--method', 'race', '--model', 'm.onnx', '--data', 'train.csv', '--out', 'race.json'],
      io,
    )
    expect(code).toBe(0)
    const result = JSON.parse(
      await readFile(join(folder.path, 'race.json'), 'utf8'),
    ) as FindLearningRateResult
    expect(result.options.sweepSteps).toBe(80)
    // The bar's total is the most the race can spend: the sweep, every candidate's 40 steps of rung 0,
    // then the best ⌈5/2.4⌉ = 3 on to 96 steps.
    expect(result.options).toMatchObject({ candidates: 5, minSteps: 40, eta: 2.4, maxSteps: 96 })
    const total = result.options.sweepSteps + 5 * 40 + 3 * (96 - 40)
    const drawn = [...io.err().matchAll(/race \S+ (\d+)\/(\d+) steps \| (sweep|race) \|/g)]
    expect(drawn.length).toBeGreaterThan(1)
    expect(new Set(drawn.map((match) => Number(match[2])))).toEqual(new Set([total]))
    // It ends at the steps really spent (the sweep may stop early), in the race phase.
    const last = drawn.at(-1)
    expect(Number(last?.[1])).toBe(result.steps.total)
    expect(last?.[3]).toBe('race')
    expect(drawn.some((match) => match[3] === 'sweep')).toBe(true)
  })
})
