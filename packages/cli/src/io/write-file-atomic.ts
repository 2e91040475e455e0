import { randomBytes } from 'node:crypto'
import { mkdir, rename, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { CliError } from '../cli-error'

/**
 * Writes `contents` to `path` atomically: the parent folders are created, the data goes to a
 * temporary file in the same folder, which is then renamed over `path` (a rename within one file
 * system is atomic), so a reader never sees a half-written file and an interrupted write leaves the
 * previous file intact.
 *
 * @param shownPath - the path as the user typed it, for the message (default `path`).
 * @throws CliError (`output`) naming the path and the reason when the folder cannot be created or the
 *   file cannot be written; the temporary file is removed.
 */
export async function writeFileAtomic(
  path: string,
  contents: string | Uint8Array,
  shownPath: string = path,
): Promise<void> {
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await mkdir(dirname(path), { recursive: true })
    await writeFile(temporary, contents)
    await rename(temporary, path)
  } catch (error) {
    // The temporary file may not exist (or its folder may not): nothing to clean up then.
    await rm(temporary, { force: true }).catch(() => {})
    throw new CliError({
      kind: 'output',
      problem: `cannot write ${shownPath}: ${describeFileError(error)}`,
      fix: 'choose a path in a folder you can write to',
      cause: error,
    })
  }
}

/** A short, human reason for a file-system error (`no such file or folder`, `permission denied`, …). */
export function describeFileError(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOTDIR':
    case 'EEXIST': // mkdir found a file where a folder is needed
      return 'a part of the path is a file, not a folder'
    case 'EISDIR':
      return 'it is a folder, not a file'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EROFS':
      return 'the file system is read-only'
    default:
      return error instanceof Error ? error.message : String(error)
  }
}
