import { type FindLearningRateResult, InvalidArgumentError, type RangeTestResult } from '@lrkit/core'
import { beforeAll, describe, expect, it } from 'vitest'
import { quadraticFindLearningRate, quadraticRangeTest } from '../../test/fixtures'
import { resultsToSections } from './results-to-sections'

let rangeTest: RangeTestResult
beforeAll(async () => {
  rangeTest = JSON.parse(JSON.stringify(await quadraticRangeTest()))
})

function errorOf(make: () => unknown): InvalidArgumentError {
  try {
    make()
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return error
    throw error
  }
  throw new Error('expected an InvalidArgumentError')
}

describe('resultsToSections: recognition', () => {
  it('reads the JSON of runRangeTest as a range-test section', () => {
    expect(resultsToSections(rangeTest, 'rt.json')).toEqual([
      { kind: 'rangeTest', title: 'Learning-rate range test', source: 'rt.json', result: rangeTest },
    ])
  })

  it('reads a schedule spec over its own length', () => {
    expect(resultsToSections({ kind: 'cosine', initValue: 0.1, totalSteps: 300 }, 'c.json')).toEqual([
      {
        kind: 'schedules',
        title: 'Schedule c.json',
        source: 'c.json',
        steps: 300,
        schedules: [{ name: 'c.json', spec: { kind: 'cosine', initValue: 0.1, totalSteps: 300 } }],
      },
    ])
  })

  it('reads an lrkit.config.json with its groups, and shows 1000 steps of a schedule without an end', () => {
    const [section] = resultsToSections(
      { version: 1, schedule: { kind: 'constant', value: 0.1 }, groups: { head: 1 } },
      'lrkit.config.json',
    )
    expect(section).toMatchObject({
      kind: 'schedules',
      steps: 1000,
      schedules: [{ name: 'lrkit.config.json', groups: { head: 1 } }],
    })
  })

  it('reads a loss log, with null, "NaN" and "Infinity" as non-finite losses and learningRate optional', () => {
    const [section] = resultsToSections(
      [
        { step: 0, loss: 2, learningRate: 0.1 },
        { step: 1, loss: null },
        { step: 3, loss: 'NaN' },
        { step: 4, loss: '-Infinity', learningRate: 0 },
      ],
      'log.json',
    )
    expect(section).toEqual({
      kind: 'lossLog',
      title: 'Training log log.json',
      source: 'log.json',
      entries: [
        { step: 0, loss: 2, learningRate: 0.1 },
        { step: 1, loss: Number.NaN },
        { step: 3, loss: Number.NaN },
        { step: 4, loss: Number.NEGATIVE_INFINITY, learningRate: 0 },
      ],
    })
  })

  it('reads tagged files: a schedule document, a loss log with monitor options, a table', () => {
    expect(
      resultsToSections(
        {
          $lrkit: 'schedule',
          version: 1,
          steps: 50,
          schedules: [{ name: 'a', spec: { kind: 'constant', value: 1 }, groups: { x: 2 } }],
        },
        's.json',
      ),
    ).toEqual([
      {
        kind: 'schedules',
        title: 'Schedules of s.json',
        source: 's.json',
        steps: 50,
        schedules: [{ name: 'a', spec: { kind: 'constant', value: 1 }, groups: { x: 2 } }],
      },
    ])
    expect(
      resultsToSections(
        { $lrkit: 'lossLog', entries: [{ step: 0, loss: 1 }], monitor: { totalSteps: 10 } },
        'l.json',
      ),
    ).toEqual([
      {
        kind: 'lossLog',
        title: 'Training log l.json',
        source: 'l.json',
        entries: [{ step: 0, loss: 1 }],
        monitor: { totalSteps: 10 },
      },
    ])
    expect(
      resultsToSections(
        { $lrkit: 'table', title: 'T', columns: ['a', 'b'], rows: [['x', 1]], note: 'n' },
        't.json',
      ),
    ).toEqual([
      { kind: 'table', title: 'T', source: 't.json', columns: ['a', 'b'], rows: [['x', 1]], note: 'n' },
    ])
  })
})

describe('resultsToSections: errors name the path', () => {
  it.each([
    [
      'an unrecognised object',
      { hello: 1 },
      'results',
      /^not a result lrkit report reads; expected a file written by `lrkit schedule/,
    ],
    [
      'an unknown tag',
      { $lrkit: 'fit' },
      '$lrkit',
      /^\$lrkit must be one of "schedule", "lossLog", "table" \(the result types this version reads\), got "fit"$/,
    ],
    [
      'an invalid spec',
      { kind: 'cosine', initValue: 0.1, totalSteps: 0 },
      'totalSteps',
      /^totalSteps must be a positive integer, got 0$/,
    ],
    [
      'an empty log',
      [],
      'log',
      /^log must be a non-empty array of \{ step, loss, learningRate \}, got \[\]$/,
    ],
    [
      'a log step that goes back',
      [
        { step: 5, loss: 1 },
        { step: 4, loss: 1 },
      ],
      '[1].step',
      /^\[1\]\.step must be an integer > 5 \(steps must increase\), got 4$/,
    ],
    [
      'a log loss that is text',
      [{ step: 0, loss: 'low' }],
      '[0].loss',
      /^\[0\]\.loss must be a number, or null \/ "NaN" \/ "Infinity" \/ "-Infinity" for a non-finite loss, got "low"$/,
    ],
    [
      'a negative rate',
      [{ step: 0, loss: 1, learningRate: -1 }],
      '[0].learningRate',
      /^\[0\]\.learningRate must be a finite number >= 0, got -1$/,
    ],
    [
      'a schedule document with an invalid spec',
      {
        $lrkit: 'schedule',
        version: 1,
        steps: 10,
        schedules: [
          { name: 'a', spec: { kind: 'warmup', warmupSteps: -1, schedule: { kind: 'constant', value: 1 } } },
        ],
      },
      'schedules[0].spec.warmupSteps',
      /^schedules\[0\]\.spec\.warmupSteps must be a non-negative integer, got -1$/,
    ],
    [
      'a table row of the wrong length',
      { $lrkit: 'table', columns: ['a', 'b'], rows: [['x']] },
      'rows[0]',
      /^rows\[0\] must have 2 cells \(one per column\), got 1$/,
    ],
  ])('%s', (_name, value, argument, message) => {
    const error = errorOf(() => resultsToSections(value, 'f.json'))
    expect(error.argument).toBe(argument)
    expect(error.message).toMatch(message)
  })

  it.each([
    [
      'a raw loss that is not finite',
      (result: Record<string, unknown>) => ((result.points as Record<string, unknown>[])[3]!.loss = null),
      'points[3].loss',
    ],
    [
      'a curve of the wrong length',
      (result: Record<string, unknown>) => (result.curve as { losses: number[] }).losses.pop(),
      'curve.losses',
    ],
    [
      'a pick whose index is outside the curve',
      (result: Record<string, unknown>) =>
        ((result.picks as Record<string, { index: number }>).valley!.index = 10_000),
      'picks.valley.index',
    ],
    [
      'a pick of an unknown rule',
      (result: Record<string, unknown>) => ((result.suggestion as { rule: string }).rule = 'guess'),
      'suggestion.rule',
    ],
    [
      'a recommended range that is not positive',
      (result: Record<string, unknown>) => ((result.recommendedRange as { min: number }).min = 0),
      'recommendedRange.min',
    ],
    [
      'reasons that are not text',
      (result: Record<string, unknown>) => (result.lowConfidence = { reasons: [1] }),
      'lowConfidence',
    ],
  ])('a range test with %s', (_name, mutate, argument) => {
    const broken = structuredClone(rangeTest) as unknown as Record<string, unknown>
    mutate(broken)
    expect(errorOf(() => resultsToSections(broken, 'rt.json')).argument).toBe(argument)
  })
})

describe('resultsToSections: findLearningRate results', () => {
  let race: FindLearningRateResult
  beforeAll(async () => {
    race = JSON.parse(JSON.stringify(await quadraticFindLearningRate()))
  })

  it('reads the JSON of findLearningRate as a race section', () => {
    expect(resultsToSections(race, 'race.json')).toEqual([
      {
        kind: 'findLearningRate',
        title: 'Learning rate found by a race (findLearningRate)',
        source: 'race.json',
        result: race,
      },
    ])
  })

  it('reads a race in which every candidate diverged (no learningRate, no winner)', () => {
    const { learningRate: _rate, winner: _winner, ...rest } = race
    const none = {
      ...rest,
      candidates: race.candidates.map((candidate) => ({ ...candidate, score: null, diverged: true })),
      lowConfidence: { reasons: ['every candidate diverged'] },
    }
    expect(resultsToSections(none, 'none.json')[0]).toMatchObject({ kind: 'findLearningRate', result: none })
  })

  it.each([
    [
      'another version',
      (result: Record<string, unknown>) => (result.version = 2),
      'version',
      /^version must be 1 \(the findLearningRate result format this version reads\), got 2$/,
    ],
    [
      'a candidate score that is text',
      (result: Record<string, unknown>) =>
        ((result.candidates as Record<string, unknown>[])[2]!.score = 'low'),
      'candidates[2].score',
      /^candidates\[2\]\.score must be a finite number, got "low"$/,
    ],
    [
      'a diverged candidate with a score',
      (result: Record<string, unknown>) =>
        ((result.candidates as Record<string, unknown>[])[0]!.diverged = true),
      'candidates[0].score',
      /^candidates\[0\]\.score must be null \(the candidate diverged\), got /,
    ],
    [
      'candidate steps that are not an integer',
      (result: Record<string, unknown>) => ((result.candidates as Record<string, unknown>[])[1]!.steps = 1.5),
      'candidates[1].steps',
      /^candidates\[1\]\.steps must be an integer >= 0, got 1\.5$/,
    ],
    [
      'no candidates',
      (result: Record<string, unknown>) => (result.candidates = []),
      'candidates',
      /^candidates must be a non-empty array of \{ learningRate, score, steps, rung, diverged \}, got \[\]$/,
    ],
    [
      'a sweep of losses without rates',
      (result: Record<string, unknown>) => (result.sweep as { losses: number[] }).losses.push(1),
      'sweep.losses',
      /^sweep\.losses must have the length of sweep\.learningRates \(\d+\), got \d+$/,
    ],
    [
      'a minimum outside the smoothed sweep',
      (result: Record<string, unknown>) => ((result.sweep as { minimumIndex: number }).minimumIndex = 999),
      'sweep.minimumIndex',
      /^sweep\.minimumIndex must be an integer index into the smoothed sweep \(0 … \d+\), got 999$/,
    ],
    [
      'an unknown stop',
      (result: Record<string, unknown>) => ((result.sweep as { stoppedBy: string }).stoppedBy = 'bored'),
      'sweep.stoppedBy',
      /^sweep\.stoppedBy must be "completed", "diverged", "nonFinite", got "bored"$/,
    ],
    [
      'a bracket that is not positive',
      (result: Record<string, unknown>) => ((result.bracket as { max: number }).max = -1),
      'bracket.max',
      /^bracket\.max must be a finite number > 0, got -1$/,
    ],
    [
      'a winner without a learning rate',
      (result: Record<string, unknown>) => delete result.learningRate,
      'learningRate',
      /^learningRate and winner must be both present \(a winner\) or both absent \(every candidate diverged\)$/,
    ],
    [
      'steps without a total',
      (result: Record<string, unknown>) => delete (result.steps as Record<string, unknown>).total,
      'steps.total',
      /^steps\.total must be an integer >= 0, got undefined$/,
    ],
  ])('a race with %s', (_name, mutate, argument, message) => {
    const broken = structuredClone(race) as unknown as Record<string, unknown>
    mutate(broken)
    const error = errorOf(() => resultsToSections(broken, 'race.json'))
    expect(error.argument).toBe(argument)
    expect(error.message).toMatch(message)
  })
})
