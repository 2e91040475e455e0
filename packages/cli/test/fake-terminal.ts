/**
 * An in-memory stream that passes for a terminal (`isTTY`, `columns` and the cursor calls
 * cli-progress makes) or for a pipe; every write lands in `chunks`.
 */
export function fakeTerminal(options: { readonly isTTY?: boolean; readonly columns?: number } = {}) {
  const chunks: string[] = []
  const stream = {
    isTTY: options.isTTY ?? true,
    columns: options.columns ?? 100,
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
  }
  return { stream, chunks, text: () => chunks.join('') }
}
