/**
 * zod keeps two globals, `globalThis.__zod_globalConfig` and `globalThis.__zod_globalRegistry`,
 * created with `??=` when zod's core module is evaluated. lrkit must never write into them (its
 * schema metadata lives in a private `z.registry()`). Importing the entry loads zod, so the entry
 * files are declared in `package.json` `sideEffects` (the claim the last checks pin); every other
 * module-level statement is pure, so bundlers still drop what is not used (test/tree-shake.test.ts).
 * Each check runs the built entry (dist/, so `pnpm build` comes first) in a fresh Node process.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const distEntry = fileURLToPath(new URL('../dist/index.js', import.meta.url))
const zodMini = pathToFileURL(createRequire(import.meta.url).resolve('zod/mini')).href
const distRequire = fileURLToPath(new URL('../dist/index.cjs', import.meta.url))
const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  sideEffects: unknown
  exports: Record<string, unknown>
}

/** Runs an ES module script in a fresh Node process and returns what it printed, parsed as JSON. */
function runFresh(script: string, inputType: 'module' | 'commonjs' = 'module'): unknown {
  const output = execFileSync(process.execPath, [`--input-type=${inputType}`, '-e', script], {
    encoding: 'utf8',
  })
  return JSON.parse(output)
}

/** Globals created by loading the built entry, and what they hold. */
const reportGlobals = `
  const created = Object.getOwnPropertyNames(globalThis).filter((name) => !before.has(name)).sort()
  console.log(JSON.stringify({
    created,
    configKeys: Object.keys(globalThis.__zod_globalConfig ?? {}),
    registryIds: [...(globalThis.__zod_globalRegistry?._idmap.keys() ?? [])],
  }))
`

const useLrkit = `
  const lrkit = await import(${JSON.stringify(pathToFileURL(distEntry).href)})
  lrkit.parseScheduleSpec({ kind: 'cosine', initValue: 0.1, totalSteps: 10 })
  lrkit.safeParseScheduleSpec({ kind: 'cosin' })
  lrkit.parseLrKitConfig({ version: 1, schedule: { kind: 'constant', value: 0.1 } })
  lrkit.scheduleSpecJsonSchema()
  lrkit.lrKitConfigJsonSchema()
`

describe.skipIf(!existsSync(distEntry))('zod globals and the built package', () => {
  it("leaves an application's zod config and global registry as they were", () => {
    const result = runFresh(`
      const z = await import(${JSON.stringify(zodMini)})
      const customError = () => 'app message'
      z.config({ customError })
      const appSchema = z.string()
      z.globalRegistry.add(appSchema, { id: 'app-schema', description: 'the app' })
      const config = globalThis.__zod_globalConfig
      const registry = globalThis.__zod_globalRegistry
      const configBefore = Object.keys(config)
      const idsBefore = [...registry._idmap.keys()]
      ${useLrkit}
      console.log(JSON.stringify({
        sameConfig: globalThis.__zod_globalConfig === config,
        configKeys: [configBefore, Object.keys(config)],
        sameCustomError: config.customError === customError,
        sameRegistry: globalThis.__zod_globalRegistry === registry,
        ids: [idsBefore, [...registry._idmap.keys()]],
        appMetadata: registry.get(appSchema),
      }))
    `)
    expect(result).toEqual({
      sameConfig: true,
      configKeys: [['customError'], ['customError']],
      sameCustomError: true,
      sameRegistry: true,
      ids: [['app-schema'], ['app-schema']],
      appMetadata: { id: 'app-schema', description: 'the app' },
    })
  })

  it('using the built package registers nothing in zod’s global registry', () => {
    const result = runFresh(`
      ${useLrkit}
      const registry = globalThis.__zod_globalRegistry
      console.log(JSON.stringify({ ids: [...registry._idmap.keys()], config: Object.keys(globalThis.__zod_globalConfig) }))
    `)
    expect(result).toEqual({ ids: [], config: [] })
  })

  it('sideEffects lists exactly the built entry files that `exports` points to', () => {
    const entry = packageJson.exports['.'] as Record<'import' | 'require', { default: string }>
    expect(packageJson.sideEffects).toEqual([entry.import.default, entry.require.default])
    expect(packageJson.sideEffects).toEqual(['./dist/index.js', './dist/index.cjs'])
  })

  it('importing the ESM entry creates zod’s two globals, empty, and no other global', () => {
    const result = runFresh(`
      const before = new Set(Object.getOwnPropertyNames(globalThis))
      await import(${JSON.stringify(pathToFileURL(distEntry).href)})
      ${reportGlobals}
    `)
    expect(result).toEqual({
      created: ['__zod_globalConfig', '__zod_globalRegistry'],
      configKeys: [],
      registryIds: [],
    })
  })

  it('requiring the CommonJS entry creates the same two globals and nothing else', () => {
    const result = runFresh(
      `
      const before = new Set(Object.getOwnPropertyNames(globalThis))
      require(${JSON.stringify(distRequire)})
      ${reportGlobals}
    `,
      'commonjs',
    )
    expect(result).toEqual({
      created: ['__zod_globalConfig', '__zod_globalRegistry'],
      configKeys: [],
      registryIds: [],
    })
  })
})
