import { describe, expect, it } from 'vitest'
import { npyBytes } from '../../test/npy'
import { CliError } from '../cli-error'
import { parseCsvDataset, parseJsonDataset, parseNpyDataset } from './read-dataset'

function failure(make: () => unknown): string {
  try {
    make()
  } catch (error) {
    if (error instanceof CliError) return `${error.kind}: ${error.line}`
    throw error
  }
  throw new Error('expected a CliError')
}

describe('parseCsvDataset', () => {
  it('reads the header, numbers and the target (last column by default, or --target)', () => {
    const text = 'x1,x2,label\n0.5,1,2\n\n-1, 3e-1 ,0\n'
    const last = parseCsvDataset(text, 'a.csv')
    expect(last).toMatchObject({ rows: 2, featureNames: ['x1', 'x2'], targetName: 'label' })
    expect([...last.features]).toEqual([0.5, 1, -1, Math.fround(0.3)])
    expect([...last.targets]).toEqual([2, 0])
    const named = parseCsvDataset(text, 'a.csv', 'x1')
    expect(named.featureNames).toEqual(['x2', 'label'])
    expect([...named.targets]).toEqual([0.5, -1])
  })

  it('names the line and column of a cell that is not a number', () => {
    expect(failure(() => parseCsvDataset('x1,x2,y\n1,2,3\n4,abc,6\n', 'train.csv'))).toBe(
      'input: train.csv: line 3, column 2 ("x2"): "abc" is not a finite number; lrkit reads numeric columns only: encode categories as numbers',
    )
    expect(failure(() => parseCsvDataset('x1,y\n1,\n', 'train.csv'))).toBe(
      'input: train.csv: line 2, column 2 ("y"): "" is not a finite number; lrkit reads numeric columns only: encode categories as numbers',
    )
  })

  it('reports malformed CSV with csv-parse’s line', () => {
    expect(failure(() => parseCsvDataset('a,b\n1,2\n3\n', 'bad.csv'))).toBe(
      'input: bad.csv is not valid CSV: Invalid Record Length: expect 2, got 1 on line 3; fix the data file',
    )
    expect(failure(() => parseCsvDataset('a,b\n1,"2\n', 'bad.csv'))).toBe(
      'input: bad.csv is not valid CSV: Quote Not Closed: the parsing is finished with an opening quote at line 2; fix the data file',
    )
  })

  it('rejects empty files, missing rows, duplicate names and unknown targets', () => {
    expect(failure(() => parseCsvDataset('', 'e.csv'))).toBe(
      'input: e.csv is empty; it needs a header row and data rows; fix the data file',
    )
    expect(failure(() => parseCsvDataset('a,b\n', 'e.csv'))).toBe(
      'input: e.csv has a header but no data rows; fix the data file',
    )
    expect(failure(() => parseCsvDataset('a,a\n1,2\n', 'd.csv'))).toBe(
      'input: d.csv: the header names column "a" twice; give every column its own name',
    )
    expect(failure(() => parseCsvDataset('a,b\n1,2\n', 'd.csv', 'label'))).toBe(
      'usage: --target "label" is not a column of d.csv; its columns are a, b; pass one of them (the default is the last column)',
    )
    expect(failure(() => parseCsvDataset('a\n1\n', 'one.csv'))).toBe(
      'input: one.csv has 1 column; lrkit needs at least one feature and a target; fix the data file',
    )
  })
})

describe('parseNpyDataset', () => {
  const values = new Float32Array([1, 2, 0, 3, 4, 1, 5, 6, 2])

  it('reads a 2-D float32 array; the target is a column index (default the last)', () => {
    const dataset = parseNpyDataset(npyBytes({ descr: '<f4', shape: [3, 3], values }), 'a.npy')
    expect(dataset).toMatchObject({ rows: 3, featureNames: ['column 0', 'column 1'], targetName: 'column 2' })
    expect([...dataset.features]).toEqual([1, 2, 3, 4, 5, 6])
    expect([...dataset.targets]).toEqual([0, 1, 2])
    expect([
      ...parseNpyDataset(npyBytes({ descr: '<f4', shape: [3, 3], values }), 'a.npy', '0').targets,
    ]).toEqual([1, 3, 5])
    expect([
      ...parseNpyDataset(npyBytes({ descr: '<f4', shape: [3, 3], values }), 'a.npy', '-2').targets,
    ]).toEqual([2, 4, 6])
  })

  it('reads float64, int64 and Fortran-ordered arrays', () => {
    const f8 = parseNpyDataset(
      npyBytes({ descr: '<f8', shape: [3, 3], values: Float64Array.from(values) }),
      'a',
    )
    expect([...f8.targets]).toEqual([0, 1, 2])
    const i8 = parseNpyDataset(
      npyBytes({ descr: '<i8', shape: [3, 3], values: BigInt64Array.from([...values].map(BigInt)) }),
      'a',
    )
    expect([...i8.features]).toEqual([1, 2, 3, 4, 5, 6])
    // Fortran order: column after column.
    const fortran = parseNpyDataset(
      npyBytes({
        descr: '<f4',
        shape: [3, 3],
        values: new Float32Array([1, 3, 5, 2, 4, 6, 0, 1, 2]),
        fortranOrder: true,
      }),
      'a',
    )
    expect([...fortran.features]).toEqual([1, 2, 3, 4, 5, 6])
    expect([...fortran.targets]).toEqual([0, 1, 2])
  })

  it('rejects what is not a 2-D numeric NPY array, naming the problem', () => {
    expect(failure(() => parseNpyDataset(new TextEncoder().encode('x1,x2\n1,2\n'), 'a.npy'))).toBe(
      'input: a.npy is not an NPY file (it does not start with "\\x93NUMPY"); save it with numpy.save',
    )
    expect(failure(() => parseNpyDataset(npyBytes({ descr: '<f4', shape: [9], values }), 'v.npy'))).toBe(
      'input: v.npy has shape (9); lrkit needs a 2-D array (rows, columns) with the target in one column; reshape it, e.g. numpy.column_stack([features, target])',
    )
    expect(failure(() => parseNpyDataset(npyBytes({ descr: '>f4', shape: [3, 3], values }), 'b.npy'))).toBe(
      `input: b.npy has dtype ">f4"; lrkit reads little-endian float32, float64 and integer arrays; convert it, e.g. numpy.save(path, array.astype('<f4'))`,
    )
    expect(
      failure(() =>
        parseNpyDataset(
          npyBytes({ descr: '|b1', shape: [2, 2], values: new Uint8Array([1, 0, 0, 1]) }),
          'b.npy',
        ),
      ),
    ).toBe(
      `input: b.npy has dtype "b1"; lrkit reads little-endian float32, float64 and integer arrays; convert it, e.g. numpy.save(path, array.astype('<f4'))`,
    )
    const whole = npyBytes({ descr: '<f4', shape: [3, 3], values })
    expect(failure(() => parseNpyDataset(whole.subarray(0, whole.length - 4), 't.npy'))).toBe(
      't.npy is truncated: shape (3, 3) needs 9 values, the file holds 8; write the file again'.replace(
        /^/,
        'input: ',
      ),
    )
    expect(failure(() => parseNpyDataset(whole.subarray(0, whole.length - 2), 't.npy'))).toBe(
      'input: t.npy is not a readable NPY file: the header or the data is truncated; fix the data file',
    )
    expect(failure(() => parseNpyDataset(whole, 'a.npy', '3'))).toBe(
      'usage: --target for a.npy must be a column index from -3 to 2, got "3"; NPY columns have no names: pass an index (the default is the last column, -1)',
    )
    const nan = npyBytes({ descr: '<f4', shape: [1, 2], values: new Float32Array([1, Number.NaN]) })
    expect(failure(() => parseNpyDataset(nan, 'n.npy'))).toBe(
      'input: n.npy: row 0, column 1 is NaN; lrkit needs finite numbers; fix the data file',
    )
  })
})

describe('parseJsonDataset', () => {
  it('reads an array of records and { features, targets }', () => {
    const records = parseJsonDataset(
      [
        { a: 1, b: 2, y: 0 },
        { a: 3, b: 4, y: 1 },
      ],
      'r.json',
      'a',
    )
    expect(records).toMatchObject({ featureNames: ['b', 'y'], targetName: 'a' })
    expect([...records.targets]).toEqual([1, 3])
    const arrays = parseJsonDataset(
      {
        features: [
          [1, 2],
          [3, 4],
        ],
        targets: [0, 1],
      },
      'f.json',
    )
    expect([...arrays.features]).toEqual([1, 2, 3, 4])
    expect([...arrays.targets]).toEqual([0, 1])
    expect(arrays.targetName).toBe('targets')
  })

  it('names the JSON path of the first bad value', () => {
    expect(
      failure(() =>
        parseJsonDataset(
          [
            { a: 1, y: 0 },
            { a: 'x', y: 1 },
          ],
          'r.json',
        ),
      ),
    ).toBe('input: r.json: [1].a must be a finite number, got "x"; fix the data file')
    expect(
      failure(() =>
        parseJsonDataset(
          [
            { a: 1, y: 0 },
            { a: 1, y: 1, z: 2 },
          ],
          'r.json',
        ),
      ),
    ).toBe(
      'input: r.json: [1] has key "z", which [0] does not have; every row needs the keys a, y; fix the data file',
    )
    expect(failure(() => parseJsonDataset({ features: [[1, 2], [3]], targets: [0, 1] }, 'f.json'))).toBe(
      'input: f.json: features[1] must be an array of 2 numbers (as features[0]), got an array of 1; fix the data file',
    )
    expect(failure(() => parseJsonDataset({ features: [[1, 2]], targets: [] }, 'f.json'))).toBe(
      'input: f.json: targets must be an array of 1 numbers (one per row of features), got an array of 0; fix the data file',
    )
    expect(failure(() => parseJsonDataset({ rows: [] }, 'o.json'))).toBe(
      'input: o.json: (the top level) must be an array of records or { "features": [[...], ...], "targets": [...] }, got an object; fix the data file',
    )
    expect(failure(() => parseJsonDataset({ features: [[1, 2]], targets: [0] }, 'f.json', 'y'))).toBe(
      'usage: --target does not apply to f.json: its targets are the "targets" array; leave --target out',
    )
  })
})
