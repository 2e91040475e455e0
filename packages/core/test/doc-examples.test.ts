/**
 * Doctests: every ```ts block under an `@example` tag in src/ runs against the package's exports, and
 * the values its comments assert (`// 0.9`, `// ≈ 0.880850`, `// throws InvalidArgumentError`, …)
 * are checked. The notation and the runner are in tools/doc-examples.ts.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  type DocExample,
  extractExamples,
  extractExamplesFromText,
  runExample,
  sourceFiles,
} from '../../../tools/doc-examples'
import * as core from '../src/index'

const sourceRoot = fileURLToPath(new URL('../src/', import.meta.url))
const examples = extractExamples(sourceRoot)
const scope = core as unknown as Record<string, unknown>

const key = (example: DocExample) => `${example.file}#${example.symbol}`
const title = (example: DocExample) => `${example.file}:${example.line} ${example.symbol}`

/**
 * Examples known to be wrong, waiting for a fix in a file this test does not own. Each runs as
 * `it.fails`: once the example is fixed (or marked `// doctest: skip — …`) the entry fails and must be
 * removed, so the list cannot go stale.
 */
const PENDING_DOC_FIXES: Readonly<Record<string, string>> = {}

async function expectExamplePasses(example: DocExample): Promise<void> {
  const result = await runExample(example.code, scope)
  expect(result.failures, `${title(example)}\n${example.code}`).toEqual([])
}

function defineExampleTests(group: readonly DocExample[]): void {
  for (const example of group) {
    if (example.skip !== undefined) {
      it.skip(`${title(example)} (doctest: skip — ${example.skip})`, () => {})
    } else if (PENDING_DOC_FIXES[key(example)] !== undefined) {
      it.fails(`${title(example)} [pending doc fix: ${PENDING_DOC_FIXES[key(example)]}]`, () =>
        expectExamplePasses(example))
    } else {
      it(title(example), () => expectExamplePasses(example))
    }
  }
}

describe('TSDoc @example blocks', () => {
  it('finds every @example block of src/ (none lost to an unusual fence)', () => {
    let tags = 0
    for (const path of sourceFiles(sourceRoot)) {
      for (const comment of readFileSync(path, 'utf8').match(/\/\*\*[\s\S]*?\*\//g) ?? []) {
        tags += comment.match(/^\s*\*\s*@example\b/gm)?.length ?? 0
      }
    }
    expect(examples.length).toBeGreaterThanOrEqual(60)
    expect(examples.length).toBe(tags)
  })

  it('every pending fix names an existing example', () => {
    const keys = new Set(examples.map(key))
    expect(Object.keys(PENDING_DOC_FIXES).filter((name) => !keys.has(name))).toEqual([])
  })

  defineExampleTests(examples)
})

describe('docs/architecture/core-api.md', () => {
  it('names every export of src/index.ts', () => {
    const index = readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8')
    const doc = readFileSync(new URL('../../../docs/architecture/core-api.md', import.meta.url), 'utf8')
    const exported = [...index.matchAll(/export (?:type )?\{([^}]*)\}/g)].flatMap((match) =>
      match[1]!
        .split(',')
        .map((name) =>
          name
            .trim()
            .replace(/^type /, '')
            .split(' as ')
            .pop()!
            .trim(),
        )
        .filter((name) => name !== ''),
    )
    expect(exported.length).toBeGreaterThan(200)
    expect(exported.filter((name) => !doc.includes(`\`${name}\``))).toEqual([])
  })
})

// ---------------------------------------------------------------------------------------------
// The runner itself: a wrong asserted value must fail.
// ---------------------------------------------------------------------------------------------

async function failuresOf(code: string): Promise<readonly string[]> {
  return (await runExample(code, scope)).failures
}

describe('doctest runner', () => {
  it('fails a real example whose asserted value is wrong, and passes it as written', async () => {
    const cosine = examples.find((example) => example.symbol === 'cosineSchedule')!
    expect(cosine.code).toContain('schedule(5) // 0.0505')
    expect(await failuresOf(cosine.code)).toEqual([])
    const wrong = cosine.code.replace('schedule(5) // 0.0505', 'schedule(5) // 0.0506')
    const failures = await failuresOf(wrong)
    expect(failures).toHaveLength(1)
    expect(failures[0]).toMatch(/^line 3: `schedule\(5\)` \/\/ 0\.0506: expected 0\.0506, got 0\.0505/)
  })

  it('exact numbers: equal up to float64 rounding only', async () => {
    expect(await failuresOf('0.1 + 0.2 // 0.3')).toEqual([])
    expect(await failuresOf('0.3000001 // 0.3')).toEqual([
      'line 1: `0.3000001` // 0.3: expected 0.3, got 0.3000001',
    ])
    expect(await failuresOf('Math.SQRT1_2 // 0.7071067812')).toHaveLength(1)
  })

  it('≈ numbers: within half a unit of the last written digit', async () => {
    expect(await failuresOf('0.8808504 // ≈ 0.880850')).toEqual([])
    expect(await failuresOf('0.8808496 // ≈ 0.880850')).toEqual([])
    expect(await failuresOf('0.8808506 // ≈ 0.880850')).toEqual([
      'line 1: `0.8808506` // ≈ 0.880850: expected ≈ 0.880850 (≈: ± half a last digit), got 0.8808506',
    ])
    expect(await failuresOf('[0.021883, 1] // ≈ [0.0219, 1]')).toEqual([])
    expect(await failuresOf('[0.021883, 1] // ≈ [0.0218, 1]')).toHaveLength(1)
  })

  it('numbers cut with …: within one unit of the last written digit', async () => {
    expect(await failuresOf('2 / 3 // 0.6666…')).toEqual([])
    expect(await failuresOf('0.6677 // 0.6666…')).toHaveLength(1)
  })

  it('throws: checks the error class and, when written, the message', async () => {
    const bad = 'cosineSchedule({ initValue: 0.1, totalSteps: -1 })'
    expect(await failuresOf(`${bad} // throws InvalidArgumentError`)).toEqual([])
    expect(await failuresOf(`${bad} // throws: totalSteps must be a positive integer, got -1`)).toEqual([])
    expect(await failuresOf(`${bad} // throws InvalidStateError`)).toEqual([
      `line 1: \`${bad}\` // throws InvalidStateError: threw InvalidArgumentError (totalSteps must be a positive integer, got -1), expected InvalidStateError`,
    ])
    expect(await failuresOf(`${bad} // throws: totalSteps must be …, got -2`)).toHaveLength(1)
    expect(await failuresOf('Math.max(1, 2) // throws')).toEqual([
      'line 1: `Math.max(1, 2)` // throws: did not throw',
    ])
  })

  it('strings, booleans, arrays and objects', async () => {
    expect(await failuresOf("'wasm' // 'wasm' on most platforms")).toEqual([])
    expect(await failuresOf("'js' // 'wasm'")).toHaveLength(1)
    expect(await failuresOf("'Kingma & Ba 2015, p. 2' // 'Kingma & Ba 2015, …'")).toEqual([])
    expect(await failuresOf('1 < 2 // true')).toEqual([])
    expect(await failuresOf('1 > 2 // true')).toHaveLength(1)
    expect(await failuresOf('[1, 2, 3] // [1, 2]')).toHaveLength(1)
    expect(await failuresOf('[1, 2, 3] // [1, 2, …]')).toEqual([])
    expect(await failuresOf('new Float32Array([0.5, 1]) // Float32Array [0.5, 1]')).toEqual([])
    expect(await failuresOf('new Float64Array([0.5, 1]) // Float32Array [0.5, 1]')).toHaveLength(1)
    expect(await failuresOf("({ a: 1, b: 'x' }) // { a: 1 }")).toEqual([
      "line 1: `({ a: 1, b: 'x' })` // { a: 1 }: unexpected keys b (write `…` to allow more keys)",
    ])
    expect(await failuresOf("({ a: 1, b: 'x' }) // { a: 1, … }")).toEqual([])
    expect(await failuresOf('({ a: { b: [1, 2] } }) // { a: { b: [1, 3] } }')).toHaveLength(1)
  })

  it('a value continued over the comment lines below its statement', async () => {
    const code = "({ unit: 'epoch', stages: [1, 2] })\n// { unit: 'epoch',\n//   stages: [1, 2] }"
    expect(await failuresOf(code)).toEqual([])
    expect(await failuresOf(code.replace('[1, 2] }', '[1, 3] }'))).toHaveLength(1)
  })

  it('checks a variable after a statement, a declared constant, and an if branch', async () => {
    expect(await failuresOf('const a = [1]\na[0] = 2 // a[0] = 2')).toEqual([])
    expect(await failuresOf('const a = [1]\na[0] = 2 // a[0] ≈ 3')).toHaveLength(1)
    expect(await failuresOf('const x = 2 ** 10 // 1024')).toEqual([])
    expect(await failuresOf('const x = 2 ** 10 // 1000')).toHaveLength(1)
    expect(await failuresOf('const r = { ok: true }\nif (r.ok) 1 + 1 // 2')).toEqual([])
    expect(await failuresOf('const r = { ok: false }\nif (r.ok) 1 + 1 // 2')).toEqual([
      'line 2: `if (r.ok) 1 + 1` // 2: never reached (a branch not taken?)',
    ])
  })

  it('awaits promises and lets examples use await and TypeScript syntax', async () => {
    expect(await failuresOf('Promise.resolve(3) // 3')).toEqual([])
    expect(await failuresOf('const n: number = await Promise.resolve(4)\nn * 2 // 8')).toEqual([])
    expect(
      await failuresOf('Promise.reject(new InvalidStateError({ message: "m" })) // throws InvalidStateError'),
    ).toEqual([])
  })

  it('prose comments assert nothing; a comment that looks like a value but does not parse fails', async () => {
    expect(await runExample('Math.max(1, 2) // gives the larger one', scope)).toEqual({
      checked: 0,
      failures: [],
    })
    expect(await failuresOf('Math.max(1, 2) // [1/2, 1]')).toHaveLength(1)
    expect(await failuresOf('Math.max(1, 2) // 2abc')).toHaveLength(1)
  })

  it('reads − (U+2212) as a minus sign; `name = …` asserts only for a name the example declares', async () => {
    expect(await failuresOf('-0.5 // −0.5')).toEqual([])
    expect(await failuresOf('-0.5 // −0.6')).toHaveLength(1)
    expect(await runExample('const c = 1\nMath.max(c, 2) // g = −0.1, −0.35 per index', scope)).toEqual({
      checked: 0,
      failures: [],
    })
    expect(await failuresOf('const g = [1]\ng[0] = 2 // g = −0.1')).toHaveLength(1)
  })

  it('reports an example that throws or uses undefined names', async () => {
    expect(await failuresOf('undefinedThing(1)')).toEqual([
      'uncaught ReferenceError: undefinedThing is not defined',
    ])
  })

  it('reads the skip marker and the declaration an example documents', () => {
    const text = [
      '/**',
      ' * Adds.',
      ' * @example',
      ' * ```ts',
      ' * // doctest: skip — needs a GPU',
      ' * add(1, 2) // 3',
      ' * ```',
      ' * @example',
      ' * ```ts',
      ' * add(2, 2) // 4',
      ' * ```',
      ' */',
      'export function add(a: number, b: number): number {',
      '  return a + b',
      '}',
    ].join('\n')
    expect(extractExamplesFromText(text, 'add.ts')).toEqual([
      {
        file: 'add.ts',
        line: 5,
        symbol: 'add',
        code: '// doctest: skip — needs a GPU\nadd(1, 2) // 3',
        skip: 'needs a GPU',
      },
      { file: 'add.ts', line: 10, symbol: 'add', code: 'add(2, 2) // 4' },
    ])
  })
})
