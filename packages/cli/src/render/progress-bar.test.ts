import { describe, expect, it } from 'vitest'
import { createProgressBar } from './progress-bar'

function fakeStream(isTTY: boolean) {
  const chunks: string[] = []
  return {
    chunks,
    stream: {
      isTTY,
      columns: 100,
      write: (text: string) => {
        chunks.push(text)
        return true
      },
      cursorTo: (_x: number, _y?: number, callback?: () => void) => {
        callback?.()
        return true
      },
      clearLine: (_dir: number, callback?: () => void) => {
        callback?.()
        return true
      },
      moveCursor: (_dx: number, _dy: number, callback?: () => void) => {
        callback?.()
        return true
      },
      on: () => {},
      removeListener: () => {},
    },
  }
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
