import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import { parse as parseCsv } from 'csv-parse/sync'
import { parse as parseNpy } from 'npyjs'
import { CliError } from '../cli-error'
import { parseJsonText } from '../io/read-json-input'
import { describeFileError } from '../io/write-file-atomic'

/**
 * A table of numeric rows read from a CSV, NPY or JSON file: the feature columns, row-major, and
 * one target column.
 */
export interface Dataset {
  /** The file, as the user gave it. */
  readonly source: string
  /** Number of rows. */
  readonly rows: number
  /** Names of the feature columns (NPY: `column <i>`). */
  readonly featureNames: readonly string[]
  /** The features, `rows × featureNames.length`, row-major. */
  readonly features: Float32Array
  /** Name of the target column. */
  readonly targetName: string
  /** The target of every row. */
  readonly targets: Float64Array
}

/** The data formats `lrkit` reads, by file extension. */
export const DATA_FORMATS = ['.csv', '.npy', '.json'] as const

const FIX = 'fix the data file'

function inputError(problem: string, fix = FIX, cause?: unknown): CliError {
  return new CliError({ kind: 'input', problem, fix, ...(cause === undefined ? {} : { cause }) })
}

/**
 * Reads a data file: `.csv` (a header row, then numbers), `.npy` (a 2-D numeric array) or `.json`
 * (an array of records, or `{ "features": [[...]], "targets": [...] }`).
 *
 * @param path - the file, as the user gave it (used in messages).
 * @param fullPath - the resolved path to read.
 * @param target - the target column: a column name (CSV, JSON records) or index (NPY; negative
 *   counts from the end); default the last column.
 * @throws CliError (`input`) naming the file and the line and column (CSV), the index (NPY) or the
 *   JSON path of the first problem; (`usage`) for an unknown extension.
 */
export async function readDataset(path: string, fullPath: string, target?: string): Promise<Dataset> {
  const extension = extname(path).toLowerCase()
  if (!(DATA_FORMATS as readonly string[]).includes(extension)) {
    throw new CliError({
      kind: 'usage',
      problem: `cannot tell the format of ${path}: the extension must be ${DATA_FORMATS.join(', ')}`,
      fix: 'rename the file or convert it',
    })
  }
  let bytes: Buffer
  try {
    bytes = await readFile(fullPath)
  } catch (error) {
    throw inputError(
      `cannot read ${path}: ${describeFileError(error)}`,
      'check the path (relative paths start in the current folder)',
      error,
    )
  }
  if (extension === '.npy') return parseNpyDataset(bytes, path, target)
  const text = bytes.toString('utf8')
  if (extension === '.csv') return parseCsvDataset(text, path, target)
  return parseJsonDataset(parseJsonText(text, path), path, target)
}

/**
 * Parses CSV text with a header row; every cell of every other row must be a number.
 *
 * @throws CliError (`input`) for malformed CSV (with csv-parse's line), a cell that is not a number
 *   (`line 4, column 2 ("x2")`), or an unknown target column.
 */
export function parseCsvDataset(text: string, source: string, target?: string): Dataset {
  let records: { record: string[]; info: { lines: number } }[]
  try {
    records = parseCsv(text, { info: true, skip_empty_lines: true, trim: true, bom: true }) as never
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw inputError(`${source} is not valid CSV: ${reason}`, FIX, error)
  }
  const [header, ...body] = records
  if (header === undefined) throw inputError(`${source} is empty; it needs a header row and data rows`)
  if (body.length === 0) throw inputError(`${source} has a header but no data rows`)
  const names = header.record
  const duplicate = names.find((name, index) => names.indexOf(name) !== index)
  if (duplicate !== undefined) {
    throw inputError(
      `${source}: the header names column "${duplicate}" twice`,
      'give every column its own name',
    )
  }
  const targetIndex = columnByName(names, target, source)
  const cells = body.map(({ record, info }) =>
    record.map((cell, column) => {
      const value = cell === '' ? Number.NaN : Number(cell)
      if (!Number.isFinite(value)) {
        throw inputError(
          `${source}: line ${info.lines}, column ${column + 1} ("${names[column]}"): ${JSON.stringify(cell)} is not a finite number`,
          'lrkit reads numeric columns only: encode categories as numbers',
        )
      }
      return value
    }),
  )
  return toDataset(source, names, cells, targetIndex)
}

/**
 * Parses a `.npy` file (read by `npyjs`): a 2-D array `[rows, columns]` of floats or integers, in C
 * or Fortran order; the target is one of its columns.
 *
 * @throws CliError (`input`) for a file that is not NPY, a dtype other than float/int, a shape that
 *   is not 2-D, truncated data, or a target index out of range.
 */
export function parseNpyDataset(bytes: Uint8Array, source: string, target?: string): Dataset {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
  if (buffer.byteLength < 10 || new TextDecoder('latin1').decode(bytes.subarray(0, 6)) !== '\x93NUMPY') {
    throw inputError(
      `${source} is not an NPY file (it does not start with "\\x93NUMPY")`,
      'save it with numpy.save',
    )
  }
  let array: ReturnType<typeof parseNpy>
  try {
    array = parseNpy(buffer)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    const dtype = /^Unsupported dtype: (.*)$/.exec(reason)?.[1]
    if (dtype !== undefined) throw unsupportedDtype(source, dtype, error)
    throw inputError(`${source} is not a readable NPY file: ${describeNpyFailure(reason)}`, FIX, error)
  }
  const { shape, dtype, fortranOrder } = array
  if (!/^[iuf][1248]$/.test(dtype) || dtype === 'f2') throw unsupportedDtype(source, dtype)
  if (shape.length !== 2 || shape.some((dim) => !Number.isInteger(dim) || dim < 0)) {
    throw inputError(
      `${source} has shape (${shape.join(', ')}); lrkit needs a 2-D array (rows, columns) with the target in one column`,
      'reshape it, e.g. numpy.column_stack([features, target])',
    )
  }
  const [rows, columns] = shape as [number, number]
  const data = array.data as unknown as ArrayLike<number | bigint>
  if (data.length !== rows * columns) {
    throw inputError(
      `${source} is truncated: shape (${rows}, ${columns}) needs ${rows * columns} values, the file holds ${data.length}`,
      'write the file again',
    )
  }
  if (rows === 0) throw inputError(`${source} has no rows`)
  const names = Array.from({ length: columns }, (_, index) => `column ${index}`)
  const targetIndex = columnByIndex(columns, target, source)
  const cells: number[][] = []
  for (let row = 0; row < rows; row++) {
    const values: number[] = []
    for (let column = 0; column < columns; column++) {
      const value = Number(data[fortranOrder ? column * rows + row : row * columns + column])
      if (!Number.isFinite(value)) {
        throw inputError(`${source}: row ${row}, column ${column} is ${value}; lrkit needs finite numbers`)
      }
      values.push(value)
    }
    cells.push(values)
  }
  return toDataset(source, names, cells, targetIndex)
}

function unsupportedDtype(source: string, dtype: string, cause?: unknown): CliError {
  return inputError(
    `${source} has dtype ${JSON.stringify(dtype)}; lrkit reads little-endian float32, float64 and integer arrays`,
    "convert it, e.g. numpy.save(path, array.astype('<f4'))",
    cause,
  )
}

function describeNpyFailure(reason: string): string {
  return /byte length|out of bounds|Offset is outside/i.test(reason)
    ? 'the header or the data is truncated'
    : reason
}

/**
 * Reads a parsed JSON data file: an array of records with the same numeric keys
 * (`[{ "x1": 0.5, "x2": 1, "label": 2 }, …]`), or `{ "features": [[…], …], "targets": […] }`.
 *
 * @throws CliError (`input`) with the JSON path of the first problem (`[3].x2 must be a finite number, got "a"`).
 */
export function parseJsonDataset(value: unknown, source: string, target?: string): Dataset {
  const bad = (path: string, expected: string, got: unknown) =>
    inputError(`${source}: ${path} must be ${expected}, got ${describeValue(got)}`)
  const isRecord = (item: unknown): item is Record<string, unknown> =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
  if (Array.isArray(value)) {
    if (value.length === 0) throw inputError(`${source} has no rows (an empty array)`)
    const first = value[0]
    if (!isRecord(first)) throw bad('[0]', 'an object of numbers (one key per column)', first)
    const names = Object.keys(first)
    if (names.length < 2) throw bad('[0]', 'an object with at least two keys (features and a target)', first)
    const targetIndex = columnByName(names, target, source)
    const cells = value.map((item, row) => {
      if (!isRecord(item)) throw bad(`[${row}]`, 'an object of numbers', item)
      const extra = Object.keys(item).find((key) => !names.includes(key))
      if (extra !== undefined) {
        throw inputError(
          `${source}: [${row}] has key "${extra}", which [0] does not have; every row needs the keys ${names.join(', ')}`,
        )
      }
      return names.map((name) => {
        const cell = item[name]
        if (typeof cell !== 'number' || !Number.isFinite(cell)) {
          throw bad(`[${row}]${pathKey(name)}`, 'a finite number', cell)
        }
        return cell
      })
    })
    return toDataset(source, names, cells, targetIndex)
  }
  if (!isRecord(value) || !('features' in value)) {
    throw bad(
      '(the top level)',
      'an array of records or { "features": [[...], ...], "targets": [...] }',
      value,
    )
  }
  if (target !== undefined) {
    throw new CliError({
      kind: 'usage',
      problem: `--target does not apply to ${source}: its targets are the "targets" array`,
      fix: 'leave --target out',
    })
  }
  const { features, targets } = value
  if (!Array.isArray(features) || features.length === 0) {
    throw bad('features', 'a non-empty array of rows', features)
  }
  if (!Array.isArray(targets) || targets.length !== features.length) {
    throw bad('targets', `an array of ${features.length} numbers (one per row of features)`, targets)
  }
  const width = Array.isArray(features[0]) ? features[0].length : 0
  if (width === 0) throw bad('features[0]', 'a non-empty array of numbers', features[0])
  const cells = features.map((row, index) => {
    if (!Array.isArray(row) || row.length !== width) {
      throw bad(`features[${index}]`, `an array of ${width} numbers (as features[0])`, row)
    }
    const values = row.map((cell, column) => {
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        throw bad(`features[${index}][${column}]`, 'a finite number', cell)
      }
      return cell
    })
    const label = targets[index]
    if (typeof label !== 'number' || !Number.isFinite(label)) {
      throw bad(`targets[${index}]`, 'a finite number', label)
    }
    return [...values, label]
  })
  const names = [...Array.from({ length: width }, (_, index) => `features[${index}]`), 'targets']
  return toDataset(source, names, cells, width)
}

function pathKey(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing'
  if (Array.isArray(value)) return `an array of ${value.length}`
  if (value !== null && typeof value === 'object') return 'an object'
  const text = JSON.stringify(value)
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}

function columnByName(names: readonly string[], target: string | undefined, source: string): number {
  if (target === undefined) return names.length - 1
  const index = names.indexOf(target)
  if (index < 0) {
    throw new CliError({
      kind: 'usage',
      problem: `--target ${JSON.stringify(target)} is not a column of ${source}; its columns are ${names.join(', ')}`,
      fix: 'pass one of them (the default is the last column)',
    })
  }
  return index
}

function columnByIndex(columns: number, target: string | undefined, source: string): number {
  if (target === undefined) return columns - 1
  const index = /^-?\d+$/.test(target) ? Number(target) : Number.NaN
  const resolved = index < 0 ? columns + index : index
  if (!Number.isInteger(resolved) || resolved < 0 || resolved >= columns) {
    throw new CliError({
      kind: 'usage',
      problem: `--target for ${source} must be a column index from ${-columns} to ${columns - 1}, got ${JSON.stringify(target)}`,
      fix: 'NPY columns have no names: pass an index (the default is the last column, -1)',
    })
  }
  return resolved
}

function toDataset(
  source: string,
  names: readonly string[],
  cells: readonly (readonly number[])[],
  targetIndex: number,
): Dataset {
  if (names.length < 2) {
    throw inputError(`${source} has ${names.length} column; lrkit needs at least one feature and a target`)
  }
  const width = names.length - 1
  const features = new Float32Array(cells.length * width)
  const targets = new Float64Array(cells.length)
  cells.forEach((row, index) => {
    let column = 0
    row.forEach((value, position) => {
      if (position === targetIndex) targets[index] = value
      else features[index * width + column++] = value
    })
  })
  return {
    source,
    rows: cells.length,
    featureNames: names.filter((_, position) => position !== targetIndex),
    features,
    targetName: names[targetIndex] as string,
    targets,
  }
}
