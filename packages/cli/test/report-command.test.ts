import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { FindLearningRateResult, RangeTestResult } from '@lrkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { decayingLossLog, quadraticFindLearningRate, quadraticRangeTest } from './fixtures'
import { runLrkit, temporaryFolder } from './run-lrkit'

let folder: { path: string; remove: () => Promise<void> }
const cwd = () => folder.path
let rangeTest: RangeTestResult
let race: FindLearningRateResult

beforeAll(async () => {
  folder = await temporaryFolder()
  rangeTest = await quadraticRangeTest()
  await writeFile(join(cwd(), 'range-test.json'), JSON.stringify(rangeTest))
  race = await quadraticFindLearningRate()
  await writeFile(join(cwd(), 'race.json'), JSON.stringify(race))
  const badRace = structuredClone(race) as unknown as { candidates: { score: unknown }[] }
  ;(badRace.candidates[1] as { score: unknown }).score = 'good'
  await writeFile(join(cwd(), 'bad-race.json'), JSON.stringify(badRace))
  const log: { step: number; loss: number | null; learningRate: number }[] = decayingLossLog(300)
  log[250] = { ...(log[250] as { step: number; learningRate: number }), loss: null }
  await writeFile(join(cwd(), 'log.json'), JSON.stringify(log))
  await writeFile(
    join(cwd(), 'cosine.json'),
    JSON.stringify({ kind: 'cosine', initValue: 0.1, totalSteps: 400 }),
  )
  await writeFile(
    join(cwd(), 'runs.json'),
    JSON.stringify({
      $lrkit: 'table',
      title: 'Runs',
      columns: ['run', 'accuracy'],
      rows: [
        ['constant', 0.91],
        ['one-cycle', 0.95],
      ],
    }),
  )
  const badPoint = structuredClone(rangeTest) as unknown as { points: { loss: unknown }[] }
  ;(badPoint.points[2] as { loss: unknown }).loss = 'high'
  await writeFile(join(cwd(), 'bad-range-test.json'), JSON.stringify(badPoint))
  await writeFile(
    join(cwd(), 'bad-log.json'),
    JSON.stringify([
      { step: 0, loss: 1 },
      { step: 0, loss: 0.9 },
    ]),
  )
  await writeFile(join(cwd(), 'other.json'), JSON.stringify({ hello: 'world' }))
  await writeFile(join(cwd(), 'future.json'), JSON.stringify({ $lrkit: 'fit', version: 1 }))
  await writeFile(join(cwd(), 'broken.json'), '[1, 2')
})
afterAll(() => folder.remove())

describe('lrkit report: happy paths', () => {
  it('writes one offline page from a range test, a log, a spec and a table, and summarises each', async () => {
    const run = await runLrkit(
      ['report', 'range-test.json', 'log.json', 'cosine.json', 'runs.json', '--out', 'report'],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const suggestion = Number((rangeTest.suggestion.learningRate as number).toPrecision(4)).toExponential()
    const lines = run.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(
      new RegExp(
        `^range-test\\.json: range test, suggested ${suggestion} \\(valley\\), range \\S+ … ${suggestion}`,
      ),
    )
    expect(lines[1]).toBe(
      'log.json: 300 steps, step 250: the loss diverged; multiply the learning rate by 0.1',
    )
    expect(lines[2]).toBe('cosine.json: cosine.json peak 1e-1 at step 0, end 0')
    expect(lines[3]).toBe('runs.json: table of 2 rows')
    expect(lines[4]).toBe('wrote report/index.html (4 sections; open it in a browser, no network needed)')
    expect(await readdir(join(cwd(), 'report'))).toEqual(['index.html'])
    const html = await readFile(join(cwd(), 'report/index.html'), 'utf8')
    // Self-contained: five inline scripts (charts data, vega, vega-lite, vega-embed, bootstrap) and no
    // element that loads anything (the bodies of the inline scripts are left out of the check).
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>')
    expect(markup.match(/<script\b[^>]*>/g)).toEqual([
      '<script type="application/json" id="lrkit-charts">',
      '<script>',
      '<script>',
      '<script>',
      '<script>',
    ])
    expect(markup).not.toMatch(/\s(src|href)=/i)
    expect(html).toContain('Learning-rate range test')
    expect(html).toContain('Training log log.json')
    expect(html).toContain('<td>one-cycle</td><td>0.95</td>')
    expect(html.match(/data-chart>/g)?.length).toBe(4) // range test, loss, rate, schedule
  })

  it('prints the sections as JSON with --json', async () => {
    const run = await runLrkit(['report', 'range-test.json', 'log.json', '--out', 'json-report', '--json'], {
      cwd: cwd(),
    })
    expect(run.code).toBe(0)
    const output = JSON.parse(run.stdout)
    expect(output.report).toBe(join(cwd(), 'json-report', 'index.html'))
    expect(output.sections[0]).toMatchObject({
      kind: 'rangeTest',
      source: 'range-test.json',
      suggestion: rangeTest.suggestion.learningRate,
      rule: 'valley',
      recommendedRange: rangeTest.recommendedRange,
      lowConfidence: rangeTest.lowConfidence?.reasons ?? null,
    })
    expect(output.sections[1]).toMatchObject({
      kind: 'lossLog',
      steps: 300,
      events: [{ kind: 'diverged', step: 250 }],
    })
  })

  it('shows a findLearningRate result: the pick, the sweep chart and the candidates, offline', async () => {
    const run = await runLrkit(['report', 'race.json', '--out', 'race-report'], { cwd: cwd() })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    const rate = (value: number) => Number(value.toPrecision(4)).toExponential()
    expect(run.stdout).toBe(
      `race.json: race, train at ${rate(race.learningRate as number)} (winner ${rate(race.winner as number)} ÷ 2), bracket ${rate(race.bracket.min)} … ${rate(race.bracket.max)}, ${race.steps.total} steps\nwrote race-report/index.html (1 section; open it in a browser, no network needed)\n`,
    )
    const html = await readFile(join(cwd(), 'race-report/index.html'), 'utf8')
    expect(html).toContain(`Train at <strong>${rate(race.learningRate as number)}</strong>`)
    expect(html.match(/<tr( class="chosen")?><td>\d/g)).toHaveLength(race.candidates.length)
    expect(html.match(/data-chart>/g)?.length).toBe(1)
    const markup = html.replace(/(<script\b[^>]*>)[\s\S]*?<\/script>/g, '$1</script>')
    expect(markup).not.toMatch(/\s(src|href)=/i)
    const json = await runLrkit(['report', 'race.json', '--out', 'race-report', '--json'], { cwd: cwd() })
    expect(JSON.parse(json.stdout).sections[0]).toMatchObject({
      kind: 'findLearningRate',
      source: 'race.json',
      learningRate: race.learningRate,
      winner: race.winner,
      bracket: race.bracket,
      steps: race.steps.total,
      lowConfidence: race.lowConfidence?.reasons ?? null,
    })
  })

  it('reads back a file written by lrkit schedule --out x.json', async () => {
    const written = await runLrkit(
      ['schedule', 'cosine.json', 'vision-one-cycle:peakValue=0.05', '--out', 'schedules.json'],
      { cwd: cwd() },
    )
    expect(written.code).toBe(0)
    const run = await runLrkit(['report', 'schedules.json', '--out', 'schedule-report'], { cwd: cwd() })
    expect(run.stderr).toBe('')
    expect(run.stdout).toBe(
      'schedules.json: cosine.json peak 1e-1 at step 0, end 0; vision-one-cycle peak 5e-2 at step 250, end 5e-7\nwrote schedule-report/index.html (1 section; open it in a browser, no network needed)\n',
    )
  })
})

describe('lrkit report: bad input, one line each', () => {
  it.each([
    [
      'no results file',
      ['report'],
      2,
      `lrkit report: missing required argument 'results'; run "lrkit report --help" for the usage`,
    ],
    [
      'an unknown option',
      ['report', 'log.json', '--output', 'x'],
      2,
      `lrkit report: unknown option '--output' (did you mean --out?); run "lrkit report --help" for the usage`,
    ],
    [
      'a missing file',
      ['report', 'nope.json'],
      3,
      'lrkit report: cannot read nope.json: no such file or folder; check the path (relative paths start in the current folder)',
    ],
    [
      'malformed JSON',
      ['report', 'broken.json'],
      3,
      "lrkit report: broken.json is not valid JSON: Expected ',' or ']' after array element in JSON at position 5 (line 1, column 6); fix the JSON (a validator or an editor shows the spot)",
    ],
    [
      'JSON that is no result',
      ['report', 'other.json'],
      3,
      'lrkit report: other.json: not a result lrkit report reads; expected a file written by `lrkit schedule --out x.json` or `--json`; a loss log `{ "$lrkit": "lossLog", "entries": [...], "monitor"?: {...} }`; a table `{ "$lrkit": "table", "title", "columns": [...], "rows": [[...]] }`; a range-test result (the JSON of runRangeTest); a findLearningRate result (its JSON, e.g. `lrkit find --method race --out x.json`: version 1 with sweep and candidates); an lrkit.config.json; a schedule spec `{ "kind": ... }`; a loss log `[{ "step", "loss", "learningRate" }, ...]`; pass one of those files',
    ],
    [
      'a result type of a later version',
      ['report', 'future.json'],
      3,
      'lrkit report: future.json: $lrkit must be one of "schedule", "lossLog", "table" (the result types this version reads), got "fit"; fix or regenerate the file',
    ],
    [
      'a malformed range test',
      ['report', 'bad-range-test.json'],
      3,
      'lrkit report: bad-range-test.json: points[2].loss must be a finite number, got "high"; fix or regenerate the file',
    ],
    [
      'a malformed findLearningRate result',
      ['report', 'bad-race.json'],
      3,
      'lrkit report: bad-race.json: candidates[1].score must be a finite number, got "good"; fix or regenerate the file',
    ],
    [
      'a log whose steps do not increase',
      ['report', 'bad-log.json'],
      3,
      'lrkit report: bad-log.json: [1].step must be an integer > 0 (steps must increase), got 0; fix or regenerate the file',
    ],
  ])('%s', async (_case, args, code, line) => {
    const run = await runLrkit(args, { cwd: cwd() })
    expect(run.stderr).toBe(`${line}\n`)
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
  })

  it('fails with exit code 4 when the folder cannot be created', async () => {
    const run = await runLrkit(['report', 'log.json', '--out', 'log.json/report'], { cwd: cwd() })
    expect(run.stderr).toBe(
      'lrkit report: cannot write log.json/report/index.html: a part of the path is a file, not a folder; choose a path in a folder you can write to\n',
    )
    expect(run.code).toBe(4)
  })
})
