import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { writeFileAtomic } from './write-file-atomic'

describe('writeFileAtomic', () => {
  let folder = ''
  afterEach(async () => {
    if (folder) await rm(folder, { recursive: true, force: true })
  })

  it('writes the contents and leaves no temporary file', async () => {
    folder = await mkdtemp(join(tmpdir(), 'lrkit-demo-'))
    await writeFileAtomic(join(folder, 'a.svg'), '<svg/>')
    await writeFileAtomic(join(folder, 'a.svg'), '<svg>2</svg>')
    expect(await readFile(join(folder, 'a.svg'), 'utf8')).toBe('<svg>2</svg>')
    expect(await readdir(folder)).toEqual(['a.svg'])
  })

  it('fails without leaving a partial file when the folder does not exist', async () => {
    folder = await mkdtemp(join(tmpdir(), 'lrkit-demo-'))
    await expect(writeFileAtomic(join(folder, 'missing', 'a.svg'), 'x')).rejects.toThrow()
    expect(await readdir(folder)).toEqual([])
  })
})
