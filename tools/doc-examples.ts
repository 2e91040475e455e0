/**
 * Doctests for TSDoc: extracts every ```ts block under an `@example` tag of a source tree, runs it
 * with a given scope (the package's exports) and checks the values its comments assert — the way
 * optax runs its docstring examples, so that the documented numbers cannot drift from the code.
 *
 * Assertion comments (after the statement they check, on the same line or on the comment lines right
 * below it, which may continue a long value over several lines):
 *
 * - `expr // 0.9` — the statement's value equals 0.9 up to float64 rounding (relative 1e-12).
 * - `expr // ≈ 0.880850` — approximately: within half a unit in the last written digit
 *   (here 5e-7). `≈` applies to every number of the value that follows (`// ≈ [0.0219, 0.0569, 1]`).
 * - `expr // 0.00342270…` — a number cut with `…`: within one unit in the last written digit.
 * - `expr // 'wasm'`, `// true`, `// null`, `// [1, 2]`, `// { value: 1e-4, … }` — strings, booleans,
 *   arrays (also typed arrays), objects. Without `…` objects must have exactly the listed keys
 *   (keys whose value is `undefined` ignored) and arrays exactly the listed elements; a `…` element
 *   allows more keys or trailing elements; `…` inside a string matches any text.
 * - `stmt // theta[0] ≈ 0.899` (or `= 0.899`) — after running the statement, the named variable or
 *   property path has that value.
 * - `expr // throws InvalidArgumentError` — evaluating the statement throws (or rejects with) an
 *   error of that class name (`// throws` alone accepts any error).
 *
 * Text after the value is commentary (`// 0.01  (step 0)`, `// 'wasm' on Node ≥ 16.4`). A comment
 * that starts with prose (`// changeAt: 'afterBoundary' gives …`) asserts nothing; one that starts
 * like a value (`[`, `{`, a digit, a quote, `≈`) but does not parse is an error, so that a typo in an
 * asserted value cannot pass silently.
 *
 * An illustrative block that cannot run (it uses names it does not define, or shows `…` for code) is
 * skipped when one of its lines is the marker `// doctest: skip — <reason>`.
 *
 * Run: pnpm exec tsx tools/doc-examples.ts  (prints each example's outcome; exit code 1 on failure).
 * The test packages/core/test/doc-examples.test.ts runs the same examples under vitest.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'

// ---------------------------------------------------------------------------------------------
// Extraction.
// ---------------------------------------------------------------------------------------------

/** One ```ts block found under an `@example` tag. */
export interface DocExample {
  /** Source file, relative to the root given to {@link extractExamples}. */
  readonly file: string
  /** 1-based line of the block's first code line in that file. */
  readonly line: number
  /** The declaration the TSDoc comment belongs to (`cosineSchedule`), or `?` when not found. */
  readonly symbol: string
  /** The block's code, without the comment's `*` prefixes. */
  readonly code: string
  /** The reason given by a `// doctest: skip — reason` line, if the block has one. */
  readonly skip?: string
}

const SKIP_MARKER = /^\s*\/\/\s*doctest:\s*skip\b\s*(?:[—–:-]\s*)?(.*)$/m

/** Every `.ts` file under `directory`, recursively, except tests and declaration files. */
export function sourceFiles(directory: string): string[] {
  const files: string[] = []
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name)
    if (entry.isDirectory()) files.push(...sourceFiles(path))
    else if (/\.ts$/.test(entry.name) && !/\.(test|test-d|d)\.ts$/.test(entry.name)) files.push(path)
  }
  return files.sort()
}

/** The `@example` ```ts blocks of one source text. */
export function extractExamplesFromText(text: string, file: string): DocExample[] {
  const examples: DocExample[] = []
  const commentPattern = /\/\*\*[\s\S]*?\*\//g
  for (let match = commentPattern.exec(text); match !== null; match = commentPattern.exec(text)) {
    const commentStartLine = text.slice(0, match.index).split('\n').length
    const lines = match[0]
      .split('\n')
      .map((line) => line.replace(/^\s*\/?\*+\/?\s?/, '').replace(/\s*\*\/$/, ''))
    const symbol = declaredName(text.slice(match.index + match[0].length))
    let inExample = false
    let block: string[] | undefined
    let blockLine = 0
    lines.forEach((line, index) => {
      if (block !== undefined) {
        if (/^\s*```\s*$/.test(line)) {
          const code = block.join('\n')
          const skip = SKIP_MARKER.exec(code)?.[1]?.trim()
          examples.push({
            file,
            line: blockLine,
            symbol,
            code,
            ...(skip === undefined ? {} : { skip: skip === '' ? 'no reason given' : skip }),
          })
          block = undefined
        } else block.push(line)
        return
      }
      if (/^\s*@example\b/.test(line)) inExample = true
      else if (/^\s*@\w/.test(line)) inExample = false
      if (inExample && /^\s*```(ts|typescript)\b/.test(line)) {
        block = []
        blockLine = commentStartLine + index + 1
      }
    })
  }
  return examples
}

/** The name declared right after a doc comment: a function, class, const, type, or method. */
function declaredName(after: string): string {
  const declaration =
    /^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|const|let|var|interface|type|enum)\s+([A-Za-z_$][\w$]*)/.exec(
      after,
    ) ?? /^\s*(?:(?:static|readonly|public|async|get|set)\s+)*([A-Za-z_$][\w$]*)/.exec(after)
  return declaration?.[1] ?? '?'
}

/** Every `@example` block in the `.ts` sources under `root` (tests excluded), in file order. */
export function extractExamples(root: string): DocExample[] {
  return sourceFiles(root).flatMap((path) =>
    extractExamplesFromText(readFileSync(path, 'utf8'), relative(root, path).split('\\').join('/')),
  )
}

// ---------------------------------------------------------------------------------------------
// Expected values.
// ---------------------------------------------------------------------------------------------

/** A value written in an assertion comment. */
export type ExpectedValue =
  | {
      readonly type: 'number'
      readonly value: number
      readonly text: string
      readonly unit: number
      readonly cut: boolean
    }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'literal'; readonly value: boolean | null | undefined }
  | {
      readonly type: 'array'
      readonly items: readonly ExpectedValue[]
      readonly rest: boolean
      readonly constructorName?: string
    }
  | {
      readonly type: 'object'
      readonly entries: readonly (readonly [string, ExpectedValue])[]
      readonly rest: boolean
    }

/** What one assertion comment asks for. */
export type Expectation =
  | {
      readonly kind: 'value'
      readonly approx: boolean
      readonly expected: ExpectedValue
      readonly text: string
    }
  | {
      readonly kind: 'after'
      readonly accessor: string
      readonly approx: boolean
      readonly expected: ExpectedValue
      readonly text: string
    }
  | {
      readonly kind: 'throws'
      readonly errorName: string | undefined
      /** The message as written after `throws X:`, with `…` matching any text. */
      readonly message: string | undefined
      readonly text: string
    }
  | { readonly kind: 'malformed'; readonly reason: string; readonly text: string }

class ParseFailure extends Error {}

/** A cursor-based parser of the JS-like value notation used in assertion comments. */
class ValueParser {
  position = 0
  constructor(readonly text: string) {}

  private skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position++
  }

  private fail(what: string): never {
    throw new ParseFailure(`${what} at column ${this.position + 1} of "${this.text}"`)
  }

  private eat(token: string): boolean {
    this.skipSpace()
    if (this.text.startsWith(token, this.position)) {
      this.position += token.length
      return true
    }
    return false
  }

  value(): ExpectedValue {
    this.skipSpace()
    const rest = this.text.slice(this.position)
    // A number; `−` (U+2212, as prose writes it) counts as a minus sign.
    const number = /^[-+−]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+−]?\d+)?/.exec(rest)
    if (number !== null) {
      this.position += number[0].length
      const cut = this.eat('…')
      return numberValue(number[0].replace(/−/g, '-'), cut)
    }
    const special = /^(-?Infinity|NaN|true|false|null|undefined)\b/.exec(rest)
    if (special !== null) {
      this.position += special[0].length
      const word = special[1]!
      if (word === 'true' || word === 'false') return { type: 'literal', value: word === 'true' }
      if (word === 'null') return { type: 'literal', value: null }
      if (word === 'undefined') return { type: 'literal', value: undefined }
      return { type: 'number', value: Number(word), text: word, unit: 0, cut: false }
    }
    const quote = rest[0]
    if (quote === "'" || quote === '"') return this.string(quote)
    if (rest[0] === '[') return this.array(undefined)
    if (rest[0] === '{') return this.object()
    const typed = /^([A-Z][\w$]*)\s*(?=\[)/.exec(rest)
    if (typed !== null) {
      this.position += typed[0].length
      return this.array(typed[1])
    }
    return this.fail('expected a value')
  }

  private string(quote: string): ExpectedValue {
    this.position++
    let value = ''
    while (this.position < this.text.length) {
      const char = this.text[this.position]!
      this.position++
      if (char === quote) return { type: 'string', value }
      if (char === '\\') {
        const next = this.text[this.position] ?? ''
        this.position++
        value += next === 'n' ? '\n' : next
      } else value += char
    }
    return this.fail('unterminated string')
  }

  private array(constructorName: string | undefined): ExpectedValue {
    this.eat('[')
    const items: ExpectedValue[] = []
    let rest = false
    while (!this.eat(']')) {
      if (this.eat('…')) rest = true
      else {
        if (rest) this.fail('`…` must be the last element')
        items.push(this.value())
      }
      if (!this.eat(',') && !this.text.slice(this.position).trimStart().startsWith(']')) {
        this.fail('expected `,` or `]`')
      }
    }
    return { type: 'array', items, rest, ...(constructorName === undefined ? {} : { constructorName }) }
  }

  private object(): ExpectedValue {
    this.eat('{')
    const entries: [string, ExpectedValue][] = []
    let rest = false
    while (!this.eat('}')) {
      if (this.eat('…')) rest = true
      else {
        this.skipSpace()
        const remaining = this.text.slice(this.position)
        const key = /^(?:([A-Za-z_$][\w$]*)|'([^']*)'|"([^"]*)"|(\d+))/.exec(remaining)
        if (key === null) this.fail('expected a key')
        this.position += key[0].length
        if (!this.eat(':')) this.fail('expected `:`')
        entries.push([key[1] ?? key[2] ?? key[3] ?? key[4]!, this.value()])
      }
      if (!this.eat(',') && !this.text.slice(this.position).trimStart().startsWith('}')) {
        this.fail('expected `,` or `}`')
      }
    }
    return { type: 'object', entries, rest }
  }

  /** After the value: end of text, or commentary separated by white space or punctuation. */
  end(): void {
    const rest = this.text.slice(this.position)
    if (rest !== '' && !/^[\s,;)(—–→]/.test(rest)) this.fail('unexpected text right after the value')
  }
}

/** A number as written: its value and the unit of its last written digit. */
function numberValue(text: string, cut: boolean): ExpectedValue {
  const clean = text.replace(/_/g, '')
  const [mantissa = '', exponent = '0'] = clean.toLowerCase().split('e')
  const decimals = mantissa.includes('.') ? mantissa.split('.')[1]!.length : 0
  return { type: 'number', value: Number(clean), text, unit: 10 ** (Number(exponent) - decimals), cut }
}

/** Parses one value written in an assertion comment, ignoring commentary after it. */
export function parseExpectedValue(text: string): ExpectedValue {
  const parser = new ValueParser(text)
  const value = parser.value()
  parser.end()
  return value
}

const ACCESSOR = /^([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\]\n]+\])*)\s*(≈|===|==|=)(?![=>])\s*/
const VALUE_START =
  /^(?:[-+−]?[\d.]|[[{'"]|-?Infinity\b|NaN\b|true\b|false\b|null\b|undefined\b|[A-Z][\w$]*\s*\[)/

/**
 * What an assertion comment (the text after `//`) asks for, or `undefined` when it is commentary.
 */
export function parseExpectation(comment: string): Expectation | undefined {
  const text = comment.trim()
  const throws = /^throws\b\s*(?:an?\s+)?([A-Za-z_$][\w$]*)?\s*(?::\s*(.*))?$/s.exec(text)
  if (throws !== null) {
    return { kind: 'throws', errorName: throws[1], message: throws[2]?.trim() || undefined, text }
  }
  const accessor = ACCESSOR.exec(text)
  if (accessor !== null) {
    try {
      return {
        kind: 'after',
        accessor: accessor[1]!,
        approx: accessor[2] === '≈',
        expected: parseExpectedValue(text.slice(accessor[0].length)),
        text,
      }
    } catch (error) {
      if (error instanceof ParseFailure) return { kind: 'malformed', reason: error.message, text }
      throw error
    }
  }
  const approx = text.startsWith('≈')
  const valueText = approx ? text.slice(1).trimStart() : text
  if (!approx && !VALUE_START.test(valueText)) return undefined
  try {
    return { kind: 'value', approx, expected: parseExpectedValue(valueText), text }
  } catch (error) {
    if (error instanceof ParseFailure) return { kind: 'malformed', reason: error.message, text }
    throw error
  }
}

// ---------------------------------------------------------------------------------------------
// Comparison.
// ---------------------------------------------------------------------------------------------

/** Relative tolerance of a number written in full: float64 rounding, not a written precision. */
const FULL_PRECISION = 1e-12

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value)
  if (value === undefined) return 'undefined'
  if (ArrayBuffer.isView(value))
    return `${value.constructor.name} [${Array.from(value as Float32Array).join(', ')}]`
  try {
    return JSON.stringify(value, (_key, inner: unknown) =>
      ArrayBuffer.isView(inner) ? Array.from(inner as Float32Array) : inner,
    )
  } catch {
    return String(value)
  }
}

function stringPattern(expected: string): RegExp {
  return new RegExp(
    `^${expected
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('[\\s\\S]*')}$`,
  )
}

/** A written error message: `…` matches any text, and the message may end with more text. */
function messagePattern(expected: string): RegExp {
  return new RegExp(stringPattern(expected).source.replace(/\$$/, ''))
}

/**
 * Why `actual` does not match `expected`, or `undefined` when it does. `approx` is the `≈` mode:
 * numbers within half a unit of their last written digit.
 */
export function mismatch(
  actual: unknown,
  expected: ExpectedValue,
  approx: boolean,
  path = '',
): string | undefined {
  const at = path === '' ? '' : ` at ${path}`
  switch (expected.type) {
    case 'number': {
      if (typeof actual !== 'number')
        return `expected the number ${expected.text}${at}, got ${describe(actual)}`
      if (Number.isNaN(expected.value))
        return Number.isNaN(actual) ? undefined : `expected NaN${at}, got ${actual}`
      if (actual === expected.value) return undefined
      if (!Number.isFinite(expected.value)) return `expected ${expected.text}${at}, got ${actual}`
      const rounding = FULL_PRECISION * Math.max(Math.abs(expected.value), Number.MIN_VALUE)
      const tolerance = expected.cut ? expected.unit : approx ? expected.unit / 2 : 0
      const difference = Math.abs(actual - expected.value)
      if (difference <= tolerance + rounding) return undefined
      const mode = expected.cut ? ' (cut: ± one last digit)' : approx ? ' (≈: ± half a last digit)' : ''
      return `expected ${approx ? '≈ ' : ''}${expected.text}${mode}${at}, got ${actual}`
    }
    case 'string':
      if (typeof actual !== 'string') return `expected a string${at}, got ${describe(actual)}`
      if (
        expected.value.includes('…') ? stringPattern(expected.value).test(actual) : actual === expected.value
      ) {
        return undefined
      }
      return `expected ${JSON.stringify(expected.value)}${at}, got ${JSON.stringify(actual)}`
    case 'literal':
      return actual === expected.value
        ? undefined
        : `expected ${String(expected.value)}${at}, got ${describe(actual)}`
    case 'array': {
      const isArray = Array.isArray(actual) || (ArrayBuffer.isView(actual) && !(actual instanceof DataView))
      if (!isArray) return `expected an array${at}, got ${describe(actual)}`
      const items = Array.from(actual as ArrayLike<unknown>)
      if (
        expected.constructorName !== undefined &&
        (actual as object).constructor.name !== expected.constructorName
      ) {
        return `expected a ${expected.constructorName}${at}, got a ${(actual as object).constructor.name}`
      }
      if (expected.rest ? items.length < expected.items.length : items.length !== expected.items.length) {
        return `expected ${expected.rest ? 'at least ' : ''}${expected.items.length} elements${at}, got ${items.length}: ${describe(actual)}`
      }
      for (let index = 0; index < expected.items.length; index++) {
        const problem = mismatch(items[index], expected.items[index]!, approx, `${path}[${index}]`)
        if (problem !== undefined) return problem
      }
      return undefined
    }
    case 'object': {
      if (actual === null || typeof actual !== 'object')
        return `expected an object${at}, got ${describe(actual)}`
      const record = actual as Record<string, unknown>
      for (const [key, value] of expected.entries) {
        if (!(key in record)) return `expected a key ${key}${at}, got ${describe(actual)}`
        const problem = mismatch(record[key], value, approx, `${path}.${key}`)
        if (problem !== undefined) return problem
      }
      if (!expected.rest) {
        const listed = new Set(expected.entries.map(([key]) => key))
        const extra = Object.keys(record).filter((key) => !listed.has(key) && record[key] !== undefined)
        if (extra.length > 0)
          return `unexpected keys ${extra.join(', ')}${at} (write \`…\` to allow more keys)`
      }
      return undefined
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Instrumentation and execution.
// ---------------------------------------------------------------------------------------------

/** One assertion found in an example, with its 1-based line in the block. */
export interface Assertion {
  readonly line: number
  readonly statement: string
  readonly expectation: Expectation
}

/** An example rewritten so that each asserted statement reports to the checker. */
export interface InstrumentedExample {
  readonly source: string
  readonly assertions: readonly Assertion[]
}

function containsAwait(node: ts.Node): boolean {
  if (ts.isAwaitExpression(node)) return true
  if (ts.isFunctionLike(node)) return false
  return ts.forEachChild(node, containsAwait) ?? false
}

/**
 * Finds the assertion comments of a block and wraps the statements they check:
 * `expr // 0.9` becomes `await __doc.value(0, () => (expr))`.
 */
export function instrument(code: string): InstrumentedExample {
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS)
  const assertions: Assertion[] = []
  const edits: { start: number; end: number; text: string }[] = []
  const statements = file.statements
  const declaredNames = new Set(
    statements.flatMap((statement) =>
      ts.isVariableStatement(statement)
        ? statement.declarationList.declarations.flatMap((declaration) =>
            ts.isIdentifier(declaration.name) ? [declaration.name.text] : [],
          )
        : [],
    ),
  )
  statements.forEach((statement, index) => {
    const endLine = file.getLineAndCharacterOfPosition(statement.getEnd()).line
    const nextStart = index + 1 < statements.length ? statements[index + 1]!.getStart(file) : code.length
    const commentTexts: string[] = []
    // The comment on the statement's last line, then the comment-only lines right below it.
    const ranges = ts.getTrailingCommentRanges(code, statement.getEnd()) ?? []
    const trailing = ranges.find((range) => range.kind === ts.SyntaxKind.SingleLineCommentTrivia)
    let below = file.getPositionOfLineAndCharacter(Math.min(endLine + 1, file.getLineStarts().length - 1), 0)
    if (endLine + 1 >= file.getLineStarts().length) below = code.length
    if (trailing !== undefined) commentTexts.push(code.slice(trailing.pos + 2, trailing.end))
    const continuation: string[] = []
    for (const line of code.slice(below, nextStart).split('\n')) {
      const comment = /^\s*\/\/(.*)$/.exec(line)
      if (comment === null) break
      continuation.push(comment[1]!)
    }
    let commentText: string | undefined
    if (trailing !== undefined) {
      commentText = commentTexts[0]!
      // A value opened on the statement's line and continued on the comment lines below.
      if (continuation.length > 0 && unbalanced(commentText))
        commentText = [commentText, ...continuation].join('\n')
    } else if (continuation.length > 0) {
      commentText = continuation.join('\n')
      // Only a value that starts right below the statement continues it; prose below does not.
      if (parseExpectation(continuation[0]!) === undefined) commentText = undefined
    }
    if (commentText === undefined) return
    const expectation = parseExpectation(commentText)
    if (expectation === undefined) return
    // `// g = −0.1, …` is prose unless the example declares `g`.
    if (
      expectation.kind === 'after' &&
      !declaredNames.has(/^[A-Za-z_$][\w$]*/.exec(expectation.accessor)![0])
    )
      return
    const id = assertions.length
    assertions.push({ line: endLine + 1, statement: statement.getText(file), expectation })
    const start = statement.getStart(file)
    const needsAwait = containsAwait(statement)
    const arrow = needsAwait ? 'async () =>' : '() =>'
    // `const x = expr // value` checks the declared variable.
    const declared = declaredIdentifier(statement)
    if (expectation.kind === 'value' && declared !== undefined) {
      edits.push({
        start: statement.getEnd(),
        end: statement.getEnd(),
        text: `; await __doc.value(${id}, () => (${declared}));`,
      })
      return
    }
    // `if (condition) expr // value` checks expr (and fails if the branch is never taken).
    const target =
      ts.isIfStatement(statement) &&
      statement.elseStatement === undefined &&
      ts.isExpressionStatement(statement.thenStatement)
        ? statement.thenStatement
        : statement
    if (
      expectation.kind === 'after' ||
      expectation.kind === 'malformed' ||
      !ts.isExpressionStatement(target)
    ) {
      if (expectation.kind === 'value' || expectation.kind === 'throws') {
        edits.push({
          start,
          end: statement.getEnd(),
          text: `await __doc.fail(${id}, 'only an expression statement has a value to check');`,
        })
        return
      }
      edits.push({
        start: statement.getEnd(),
        end: statement.getEnd(),
        text:
          expectation.kind === 'after'
            ? `; await __doc.value(${id}, () => (${expectation.accessor}));`
            : `; await __doc.fail(${id}, ${JSON.stringify(expectation.reason)});`,
      })
      return
    }
    const expression = target.expression.getText(file)
    edits.push({
      start: target.getStart(file),
      end: target.getEnd(),
      text:
        expectation.kind === 'throws'
          ? `await __doc.throws(${id}, ${arrow} (${expression}\n));`
          : `await __doc.value(${id}, ${arrow} (${expression}\n));`,
    })
  })
  let source = code
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    source = source.slice(0, edit.start) + edit.text + source.slice(edit.end)
  }
  return { source, assertions }
}

/** The variable a `const x = …` / `let x = …` statement declares, when it declares exactly one. */
function declaredIdentifier(statement: ts.Statement): string | undefined {
  if (!ts.isVariableStatement(statement)) return undefined
  const declarations = statement.declarationList.declarations
  if (declarations.length !== 1 || !ts.isIdentifier(declarations[0]!.name)) return undefined
  return declarations[0]!.name.text
}

/** True when a comment opens more brackets than it closes (a value continued below). */
function unbalanced(text: string): boolean {
  let depth = 0
  for (const char of text) {
    if (char === '[' || char === '{') depth++
    else if (char === ']' || char === '}') depth--
  }
  return depth > 0
}

/** The outcome of running one example. */
export interface ExampleResult {
  /** How many assertions were checked. */
  readonly checked: number
  /** One line per failed assertion or uncaught error; empty when the example passed. */
  readonly failures: readonly string[]
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...parameters: string[]
) => (...values: unknown[]) => Promise<void>

function errorName(error: unknown): string {
  if (error instanceof Error) return error.name === 'Error' ? error.constructor.name : error.name
  return typeof error
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function'
  )
}

/**
 * Runs one example with `scope` (name → value, e.g. the package's exports) in scope, checking every
 * assertion. Examples share nothing: each runs in a fresh function.
 */
export async function runExample(
  code: string,
  scope: Readonly<Record<string, unknown>>,
): Promise<ExampleResult> {
  let instrumented: InstrumentedExample
  try {
    instrumented = instrument(code)
  } catch (error) {
    return { checked: 0, failures: [`cannot parse the example: ${String(error)}`] }
  }
  const { assertions } = instrumented
  const failures: string[] = []
  const reached = new Set<number>()
  let checked = 0
  const where = (id: number) => {
    const assertion = assertions[id]!
    return `line ${assertion.line}: \`${assertion.statement.split('\n')[0]}\` // ${assertion.expectation.text.split('\n')[0]}`
  }
  const doc = {
    async value(id: number, evaluate: () => unknown) {
      reached.add(id)
      const assertion = assertions[id]!
      const expectation = assertion.expectation
      if (expectation.kind !== 'value' && expectation.kind !== 'after') return
      let actual = evaluate()
      // A promise is checked by what it resolves to, unless the comment describes the promise itself.
      if (isThenable(actual)) actual = await actual
      checked++
      const problem = mismatch(actual, expectation.expected, expectation.approx)
      if (problem !== undefined) failures.push(`${where(id)}: ${problem}`)
    },
    async throws(id: number, evaluate: () => unknown) {
      reached.add(id)
      const expectation = assertions[id]!.expectation
      if (expectation.kind !== 'throws') return
      checked++
      try {
        const result = evaluate()
        if (isThenable(result)) await result
      } catch (error) {
        const name = errorName(error)
        const message = String((error as Error)?.message)
        if (expectation.errorName !== undefined && name !== expectation.errorName) {
          failures.push(`${where(id)}: threw ${name} (${message}), expected ${expectation.errorName}`)
        } else if (expectation.message !== undefined && !messagePattern(expectation.message).test(message)) {
          failures.push(
            `${where(id)}: threw the message ${JSON.stringify(message)}, expected ${JSON.stringify(expectation.message)}`,
          )
        }
        return
      }
      failures.push(`${where(id)}: did not throw`)
    },
    async fail(id: number, reason: string) {
      reached.add(id)
      checked++
      failures.push(`${where(id)}: ${reason}`)
    },
  }
  const javascript = ts.transpileModule(instrumented.source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, removeComments: false },
    reportDiagnostics: false,
  }).outputText
  const names = Object.keys(scope).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== '__doc')
  try {
    // A block, so that the example's own `const schedule = …` may shadow an export of the same name.
    const run = new AsyncFunction(...names, '__doc', `'use strict';\n{\n${javascript}\n}`)
    await run(...names.map((name) => scope[name]), doc)
  } catch (error) {
    failures.push(`uncaught ${errorName(error)}: ${(error as Error)?.message ?? String(error)}`)
    return { checked, failures }
  }
  assertions.forEach((_assertion, id) => {
    if (!reached.has(id)) failures.push(`${where(id)}: never reached (a branch not taken?)`)
  })
  return { checked, failures }
}

// ---------------------------------------------------------------------------------------------
// Command line.
// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const root = new URL('../packages/core/src/', import.meta.url)
  const scope = (await import('../packages/core/src/index')) as Record<string, unknown>
  let failed = 0
  for (const example of extractExamples(root.pathname)) {
    const name = `${example.file}:${example.line} (${example.symbol})`
    if (example.skip !== undefined) {
      console.log(`skip  ${name} — ${example.skip}`)
      continue
    }
    const result = await runExample(example.code, scope)
    if (result.failures.length > 0) failed++
    console.log(`${result.failures.length === 0 ? 'ok   ' : 'FAIL '} ${name} (${result.checked} checked)`)
    for (const failure of result.failures) console.log(`        ${failure}`)
  }
  process.exitCode = failed > 0 ? 1 : 0
}

if (process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`)
    process.exitCode = 1
  })
}
