import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './write-file-atomic'

describe('writeFileAtomic', () => {
  let folder = ''
  afterEach(async () => {
    if (folder !== '') await rm(folder, { recursive: true, force: true })
  })

  it('replaces the file, creates missing folders and leaves no temporary file', async () => {
    folder = await mkdtemp(join(tmpdir(), 'lrkit-cli-'))
    await writeFileAtomic(join(folder, 'a', 'b', 'c.txt'), 'one')
    await writeFileAtomic(join(folder, 'a', 'b', 'c.txt'), new Uint8Array([116, 119, 111]))
    expect(await readFile(join(folder, 'a', 'b', 'c.txt'), 'utf8')).toBe('two')
    expect(await readdir(join(folder, 'a', 'b'))).toEqual(['c.txt'])
  })

  it('fails with an output error naming the path as shown, and keeps the previous file', async () => {
    folder = await mkdtemp(join(tmpdir(), 'lrkit-cli-'))
    await writeFile(join(folder, 'keep.txt'), 'old')
    await expect(
      writeFileAtomic(join(folder, 'keep.txt', 'x.svg'), 'new', 'keep.txt/x.svg'),
    ).rejects.toMatchObject({
      kind: 'output',
      exitCode: 4,
      line: 'cannot write keep.txt/x.svg: a part of the path is a file, not a folder; choose a path in a folder you can write to',
    })
    await expect(writeFileAtomic(folder, 'new', 'the folder')).rejects.toMatchObject({
      line: 'cannot write the folder: it is a folder, not a file; choose a path in a folder you can write to',
    })
    expect(await readFile(join(folder, 'keep.txt'), 'utf8')).toBe('old')
    expect(await readdir(folder)).toEqual(['keep.txt'])
  })
})
