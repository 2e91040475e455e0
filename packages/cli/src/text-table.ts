/** Left-aligned text columns separated by two spaces; the first row is the header, underlined. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = []
  for (const row of rows) {
    for (const [index, cell] of row.entries()) widths[index] = Math.max(widths[index] ?? 0, cell.length)
  }
  const line = (row: readonly string[]) =>
    row
      .map((cell, index) => cell.padEnd(widths[index] ?? 0))
      .join('  ')
      .trimEnd()
  const [header, ...body] = rows
  if (header === undefined) return ''
  return [line(header), line(widths.map((width) => '─'.repeat(width))), ...body.map(line)].join('\n')
}
