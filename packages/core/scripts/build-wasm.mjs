/**
 * Compiles the WebAssembly SIMD optimizer kernels (src/optimizers/wasm/kernels.ts, AssemblyScript)
 * and writes src/optimizers/wasm/kernels-wasm.generated.ts, which embeds the module as base64 so the
 * package instantiates it synchronously, with no network or file access, in Node and browsers.
 *
 *   node scripts/build-wasm.mjs          # rewrite the generated file
 *   node scripts/build-wasm.mjs --check  # exit 1 if the committed file differs from a fresh compile
 *
 * Deterministic: one in-memory asc compile with fixed flags (no debug names, no source map, paths
 * relative to the package), then the shared-memory variant is derived from the same bytes by
 * rewriting only the memory import's limits. Same AssemblyScript version + same source = same file.
 */
import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const sourcePath = 'src/optimizers/wasm/kernels.ts'
export const generatedPath = join(packageDir, 'src/optimizers/wasm/kernels-wasm.generated.ts')

/** Maximum pages (64 KiB each) declared by the shared-memory variant: the wasm32 limit, 4 GiB. */
export const sharedMaximumPages = 65536

/** The asc command line (after the entry file). Changing it changes the generated module. */
export const ascFlags = [
  '--runtime',
  'stub',
  '--noAssert',
  '--optimizeLevel',
  '3',
  '--shrinkLevel',
  '0',
  '--enable',
  'simd',
  '--importMemory',
  '--noExportMemory',
  '--initialMemory',
  '1',
]

/**
 * Compiles the AssemblyScript source with the installed `assemblyscript` and returns the module
 * bytes (memory imported from `env.memory`, not shared) and the compiler version.
 */
export async function compileKernels() {
  const { default: asc } = await import('assemblyscript/asc')
  const outputs = new Map()
  const stderr = asc.createMemoryStream()
  const { error } = await asc.main([sourcePath, ...ascFlags, '--outFile', 'kernels.wasm'], {
    readFile: async (name, baseDir) => {
      try {
        return await readFile(resolve(packageDir, baseDir, name), 'utf8')
      } catch {
        return null
      }
    },
    writeFile: (name, contents) => {
      outputs.set(name, contents)
    },
    listFiles: () => [],
    stdout: asc.createMemoryStream(),
    stderr,
    baseDir: packageDir,
  })
  if (error) throw new Error(`asc failed: ${error.message}\n${stderr.toString()}`)
  const bytes = outputs.get('kernels.wasm')
  if (!(bytes instanceof Uint8Array)) throw new Error('asc produced no kernels.wasm')
  return { bytes: Uint8Array.from(bytes), version: asc.version }
}

function readUnsigned(bytes, offset) {
  let result = 0
  let shift = 0
  let position = offset
  for (;;) {
    const byte = bytes[position++]
    result += (byte & 0x7f) * 2 ** shift
    shift += 7
    if ((byte & 0x80) === 0) return { value: result, next: position }
  }
}

function writeUnsigned(value) {
  const out = []
  let rest = value
  do {
    let byte = rest % 128
    rest = Math.floor(rest / 128)
    if (rest > 0) byte |= 0x80
    out.push(byte)
  } while (rest > 0)
  return out
}

/**
 * Returns a copy of `bytes` whose memory import is declared shared with `maximumPages` (flags 0x03,
 * the threads proposal's encoding). Nothing else changes: plain loads and stores work on shared
 * memory, and a shared memory grows without detaching the views made before.
 */
export function toSharedMemoryVariant(bytes, maximumPages = sharedMaximumPages) {
  let offset = 8
  while (offset < bytes.length) {
    const sectionId = bytes[offset]
    const size = readUnsigned(bytes, offset + 1)
    const start = size.next
    const end = start + size.value
    if (sectionId === 2) {
      let position = start
      const count = readUnsigned(bytes, position)
      position = count.next
      for (let index = 0; index < count.value; index++) {
        for (let name = 0; name < 2; name++) {
          const length = readUnsigned(bytes, position)
          position = length.next + length.value
        }
        const kind = bytes[position++]
        if (kind === 0x02) {
          const flags = bytes[position]
          const minimum = readUnsigned(bytes, position + 1)
          let limitsEnd = minimum.next
          if (flags & 1) limitsEnd = readUnsigned(bytes, limitsEnd).next
          const limits = [0x03, ...writeUnsigned(minimum.value), ...writeUnsigned(maximumPages)]
          const section = [...bytes.subarray(start, position), ...limits, ...bytes.subarray(limitsEnd, end)]
          return Uint8Array.from([
            ...bytes.subarray(0, offset),
            2,
            ...writeUnsigned(section.length),
            ...section,
            ...bytes.subarray(end),
          ])
        }
        if (kind === 0x00) position = readUnsigned(bytes, position).next
        else if (kind === 0x01) throw new Error('table imports are not expected')
        else if (kind === 0x03) position += 2
        else throw new Error(`unexpected import kind ${kind}`)
      }
    }
    offset = end
  }
  throw new Error('the module imports no memory')
}

function base64Lines(bytes) {
  const text = Buffer.from(bytes).toString('base64')
  const lines = []
  for (let index = 0; index < text.length; index += 96) lines.push(text.slice(index, index + 96))
  // String literals joined with + (not [...].join('')), so bundlers see a constant and drop it when
  // the kernels are not imported.
  return lines.map((line) => `  '${line}'`).join(' +\n')
}

/** The text of kernels-wasm.generated.ts for the given module bytes. */
export function renderGeneratedFile({ bytes, version }) {
  const shared = toSharedMemoryVariant(bytes)
  return `// Generated by scripts/build-wasm.mjs from ${sourcePath} with AssemblyScript ${version}.
// Do not edit: run \`node scripts/build-wasm.mjs\` in packages/core after changing the kernels.
// asc flags: ${ascFlags.join(' ')}

/**
 * The optimizer kernels module (${bytes.length} bytes), memory imported from \`env.memory\`, not shared.
 * @internal
 */
export const kernelsWasmBase64: string =
${base64Lines(bytes)}

/**
 * The same module with its memory import declared shared (maximum ${sharedMaximumPages} pages), for a
 * \`WebAssembly.Memory({ shared: true })\` that grows without detaching earlier views.
 * @internal
 */
export const kernelsWasmSharedBase64: string =
${base64Lines(shared)}
`
}

async function main() {
  const compiled = await compileKernels()
  const text = renderGeneratedFile(compiled)
  if (process.argv.includes('--check')) {
    const committed = await readFile(generatedPath, 'utf8').catch(() => '')
    if (committed !== text) {
      process.stderr.write(`${generatedPath} is stale: run node scripts/build-wasm.mjs\n`)
      process.exit(1)
    }
    process.stdout.write(`${generatedPath} is up to date (${compiled.bytes.length} bytes)\n`)
    return
  }
  await writeFile(generatedPath, text)
  process.stdout.write(`wrote ${generatedPath} (${compiled.bytes.length} bytes)\n`)
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main()
}
