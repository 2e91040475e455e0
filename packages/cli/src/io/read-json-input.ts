import { readFile } from 'node:fs/promises'
import { CliError } from '../cli-error'
import { describeFileError } from './write-file-atomic'

/**
 * Reads and parses a JSON file.
 *
 * @param path - the file, as the user gave it (used in messages).
 * @param fullPath - the resolved path to read.
 * @throws CliError (`input`) for a missing or unreadable file, or text that is not JSON (with the line
 *   and column of the first error).
 */
export async function readJsonFile(path: string, fullPath: string): Promise<unknown> {
  let text: string
  try {
    text = await readFile(fullPath, 'utf8')
  } catch (error) {
    throw new CliError({
      kind: 'input',
      problem: `cannot read ${path}: ${describeFileError(error)}`,
      fix: 'check the path (relative paths start in the current folder)',
      cause: error,
    })
  }
  return parseJsonText(text, path)
}

/**
 * Parses JSON text, reporting a syntax error with its line and column.
 *
 * @param text - the JSON text (a leading byte-order mark is ignored).
 * @param what - what the text is, for the message: a file name or `inline JSON`.
 * @throws CliError (`input`) when the text is not JSON.
 */
export function parseJsonText(text: string, what: string): unknown {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  try {
    return JSON.parse(source)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new CliError({
      kind: 'input',
      problem: `${what} is not valid JSON: ${describeJsonError(reason, source)}`,
      fix: 'fix the JSON (a validator or an editor shows the spot)',
      cause: error,
    })
  }
}

/** V8's message, with `(line L, column C)` added when it only gives a position. */
function describeJsonError(reason: string, text: string): string {
  const withoutPrefix = reason.replace(/^JSON\.parse: /, '')
  if (text.trim() === '') return 'the text is empty'
  const position = /at position (\d+)/.exec(withoutPrefix)
  if (position === null || /\(line \d+ column \d+\)/.test(withoutPrefix)) return withoutPrefix
  const offset = Number(position[1])
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  const column = offset - before.lastIndexOf('\n')
  return `${withoutPrefix} (line ${line}, column ${column})`
}
