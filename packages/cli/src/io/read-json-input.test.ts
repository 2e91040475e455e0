import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CliError } from '../cli-error'
import { parseJsonText, readJsonFile } from './read-json-input'

function lineOf(make: () => unknown): string {
  try {
    make()
  } catch (error) {
    if (error instanceof CliError) return `${error.kind}: ${error.line}`
    throw error
  }
  throw new Error('expected a CliError')
}

describe('parseJsonText', () => {
  it('parses JSON and ignores a byte-order mark', () => {
    expect(parseJsonText('\ufeff{"a": [1, 2]}', 'x')).toEqual({ a: [1, 2] })
  })

  it('adds the line and column to a syntax error', () => {
    expect(lineOf(() => parseJsonText('{\n  "a": 1,\n  oops\n}', 'spec.json'))).toBe(
      'input: spec.json is not valid JSON: Expected double-quoted property name in JSON at position 14 (line 3, column 3); fix the JSON (a validator or an editor shows the spot)',
    )
  })

  it('says that empty text is empty', () => {
    expect(lineOf(() => parseJsonText('  \n', 'empty.json'))).toBe(
      'input: empty.json is not valid JSON: the text is empty; fix the JSON (a validator or an editor shows the spot)',
    )
  })
})

describe('readJsonFile', () => {
  it('reads a file and reports a missing one as an input error', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'lrkit-cli-'))
    try {
      await writeFile(join(folder, 'a.json'), '[1]')
      expect(await readJsonFile('a.json', join(folder, 'a.json'))).toEqual([1])
      await expect(readJsonFile('b.json', join(folder, 'b.json'))).rejects.toMatchObject({
        kind: 'input',
        line: 'cannot read b.json: no such file or folder; check the path (relative paths start in the current folder)',
      })
      await expect(readJsonFile('.', folder)).rejects.toMatchObject({
        line: 'cannot read .: it is a folder, not a file; check the path (relative paths start in the current folder)',
      })
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })
})
