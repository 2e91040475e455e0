import { describe, expect, it } from 'vitest'
import { fakeTerminal } from '../../test/fake-terminal'
import { createProgressBar } from './progress-bar'

function fakeStream(isTTY: boolean) {
  const { stream, chunks } = fakeTerminal({ isTTY })
  return { stream, chunks }
}

describe('createProgressBar', () => {
  it('draws the bar with its payload on a terminal', () => {
    const { stream, chunks } = fakeStream(true)
    const bar = createProgressBar({
      stream,
      total: 10,
      format: '{bar} {value}/{total} loss {loss}',
      payload: { loss: '-' },
    })
    bar.update(10, { loss: '0.25' })
    bar.stop()
    bar.stop()
    expect(chunks.join('')).toContain('10/10 loss 0.25')
  })

  it('writes nothing when the stream is not a terminal or the bar is off', () => {
    for (const [isTTY, enabled] of [
      [false, true],
      [true, false],
    ] as const) {
      const { stream, chunks } = fakeStream(isTTY)
      const bar = createProgressBar({ stream, total: 5, format: '{bar}', enabled })
      bar.update(3)
      bar.stop()
      expect(chunks).toEqual([])
    }
  })
})
