import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { schedule } from '@lrkit/core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runLrkit, temporaryFolder } from './run-lrkit'

let folder: { path: string; remove: () => Promise<void> }
const cwd = () => folder.path

beforeAll(async () => {
  folder = await temporaryFolder()
  await writeFile(
    join(cwd(), 'cosine.json'),
    JSON.stringify({ kind: 'cosine', initValue: 0.1, endValue: 1e-4, totalSteps: 400 }),
  )
  await writeFile(
    join(cwd(), 'lrkit.config.json'),
    JSON.stringify({
      version: 1,
      schedule: {
        kind: 'warmup',
        warmupSteps: 50,
        schedule: { kind: 'linear', initValue: 2e-3, endValue: 0, transitionSteps: 150 },
      },
      groups: { head: 1, encoder: 0.1 },
    }),
  )
  await writeFile(
    join(cwd(), 'invalid.json'),
    JSON.stringify({ kind: 'cosine', initValue: 0.1, totalSteps: -5 }),
  )
  await writeFile(join(cwd(), 'broken.json'), '{\n  "kind": "cosine",\n}\n')
})
afterAll(() => folder.remove())

/** One line on stderr, no stack trace. */
function expectOneLine(stderr: string, line: string): void {
  expect(stderr).toBe(`${line}\n`)
}

describe('lrkit schedule: happy paths', () => {
  it('draws a spec file as a terminal chart with its key values, over the spec’s own length', async () => {
    const run = await runLrkit(['schedule', 'cosine.json'], { cwd: cwd() })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Learning rate over steps 0 … 400')
    expect(run.stdout).toMatch(/┼/) // the asciichart axis
    expect(run.stdout).toMatch(/\n\s+step 0\s+\d+\s+400\n/)
    // The summary row: start, peak, peak step, end, then the rate at 0, 10 %, 25 %, 50 %, 75 %, 100 %.
    const lr = schedule({ kind: 'cosine', initValue: 0.1, endValue: 1e-4, totalSteps: 400 })
    const expected = (step: number) => Number(lr(step).toPrecision(4)).toExponential()
    expect(run.stdout).toMatch(
      new RegExp(
        `cosine\\.json\\s+1e-1\\s+1e-1\\s+0\\s+1e-4\\s+1e-1\\s+${expected(40)}\\s+${expected(100)}\\s+${expected(200)}\\s+${expected(300)}\\s+1e-4\\n`,
      ),
    )
  })

  it('reads ./lrkit.config.json when no input is given, and lists the group peaks', async () => {
    const run = await runLrkit(['schedule'], { cwd: cwd() })
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Learning rate over steps 0 … 200')
    expect(run.stdout).toMatch(/lrkit\.config\.json\s+0\s+2e-3\s+50\s+0\s/)
    expect(run.stdout).toContain('lrkit.config.json groups: head ×1 (peak 2e-3), encoder ×0.1 (peak 2e-4)')
  })

  it('compares presets and inline JSON on one chart, --steps setting the presets’ totalSteps', async () => {
    const run = await runLrkit(
      [
        'schedule',
        'vision-one-cycle:peakValue=1e-3',
        'transformer-fine-tune',
        '{"kind":"constant","value":5e-4}',
        '--steps',
        '2000',
      ],
      { cwd: cwd() },
    )
    expect(run.code).toBe(0)
    expect(run.stdout).toContain('Learning rate over steps 0 … 2000')
    expect(run.stdout).toContain('── vision-one-cycle\n  ── transformer-fine-tune\n  ── inline #3\n')
    // fastai one-cycle peaks at 25 %; the transformer preset at its 6 % warmup.
    expect(run.stdout).toMatch(/vision-one-cycle\s+4e-5\s+1e-3\s+500\s+1e-8\s/)
    expect(run.stdout).toMatch(/transformer-fine-tune\s+0\s+2e-5\s+120\s+0\s/)
    expect(run.stdout).toMatch(/inline #3\s+5e-4\s+5e-4\s+0\s+5e-4\s/)
  })

  it('prints the schedule document with --json (what `lrkit report` reads back)', async () => {
    const run = await runLrkit(['schedule', 'cosine.json', '--json', '--steps', '800'], { cwd: cwd() })
    expect(run.code).toBe(0)
    const document = JSON.parse(run.stdout)
    expect(document).toMatchObject({
      $lrkit: 'schedule',
      version: 1,
      steps: 800,
      schedules: [
        {
          name: 'cosine.json',
          source: 'cosine.json',
          spec: { kind: 'cosine', initValue: 0.1, endValue: 1e-4, totalSteps: 400 },
          summary: { start: 0.1, peak: 0.1, peakStep: 0, min: 1e-4, end: 1e-4 },
        },
      ],
    })
    expect(document.schedules[0].summary.probes.map((probe: { step: number }) => probe.step)).toEqual([
      0, 80, 200, 400, 600, 800,
    ])
  })

  it('writes svg, png, html, csv and json files atomically, creating the folder', async () => {
    const run = await runLrkit(
      [
        'schedule',
        'cosine.json',
        'vision-one-cycle:peakValue=0.05',
        '--out',
        'out/a.svg',
        '--out',
        'out/a.png',
        '--out',
        'out/a.html',
        '--out',
        'out/a.csv',
        '--out',
        'out/a.json',
      ],
      { cwd: cwd() },
    )
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(run.stdout).toContain(
      'wrote out/a.svg\nwrote out/a.png\nwrote out/a.html\nwrote out/a.csv\nwrote out/a.json\n',
    )
    expect((await readdir(join(cwd(), 'out'))).sort()).toEqual([
      'a.csv',
      'a.html',
      'a.json',
      'a.png',
      'a.svg',
    ])
    const svg = await readFile(join(cwd(), 'out/a.svg'), 'utf8')
    expect(svg.startsWith('<svg')).toBe(true)
    expect(svg.match(/mark-line role-mark/g)?.length).toBe(2) // one line per schedule
    expect(svg.match(/<path[^>]*d="M[^"]+"/g)?.length).toBeGreaterThanOrEqual(2)
    const png = await readFile(join(cwd(), 'out/a.png'))
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.readUInt32BE(16)).toBeGreaterThan(1000) // width at 2× scale
    const csv = (await readFile(join(cwd(), 'out/a.csv'), 'utf8')).trimEnd().split('\n')
    expect(csv[0]).toBe('step,cosine.json,vision-one-cycle')
    expect(csv).toHaveLength(1002) // header + steps 0 … 1000
    expect(csv[1]).toBe(
      `0,0.1,${schedule({ kind: 'oneCycle', peakValue: 0.05, totalSteps: 1000, pctStart: 0.25, annealStrategy: 'cos', divFactor: 25, finalDivFactor: 4000, convention: 'optax' })(0)}`,
    )
    const html = await readFile(join(cwd(), 'out/a.html'), 'utf8')
    expect(html).toContain('<!doctype html>')
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(JSON.parse(await readFile(join(cwd(), 'out/a.json'), 'utf8')).steps).toBe(1000)
  })

  it('prints --help with the inputs, options, presets and exit codes', async () => {
    const run = await runLrkit(['schedule', '--help'], { cwd: cwd() })
    expect(run.code).toBe(0)
    for (const text of [
      '--steps <n>',
      '--out <file>',
      '--json',
      'vision-one-cycle',
      'warmup-stable-decay',
      'Exit codes:',
      '130',
    ]) {
      expect(run.stdout).toContain(text)
    }
  })
})

describe('lrkit schedule: bad input, one line each', () => {
  it.each([
    [
      'an unknown option',
      ['schedule', 'cosine.json', '--stpes', '10'],
      2,
      `lrkit schedule: unknown option '--stpes' (did you mean --steps?); run "lrkit schedule --help" for the usage`,
    ],
    [
      'a bad --steps value',
      ['schedule', 'cosine.json', '--steps', 'ten'],
      2,
      'lrkit schedule: --steps must be an integer from 1 to 1000000000, got "ten"; e.g. --steps 1000',
    ],
    [
      'a --steps value of 0',
      ['schedule', 'cosine.json', '--steps', '0'],
      2,
      'lrkit schedule: --steps must be an integer from 1 to 1000000000, got "0"; e.g. --steps 1000',
    ],
    [
      'a missing --out value',
      ['schedule', 'cosine.json', '--out'],
      2,
      `lrkit schedule: option '--out <file>' argument missing; run "lrkit schedule --help" for the usage`,
    ],
    [
      'an unknown output format',
      ['schedule', 'cosine.json', '--out', 'plot.pdf'],
      2,
      'lrkit schedule: --out plot.pdf: unknown format ".pdf"; end the file name in .svg, .png, .html, .csv, .json',
    ],
    [
      'an unknown command',
      ['schedul', 'cosine.json'],
      2,
      `lrkit: unknown command 'schedul' (did you mean schedule?); run "lrkit --help" for the usage`,
    ],
    [
      'a missing file',
      ['schedule', 'missing.json'],
      3,
      'lrkit schedule: missing.json is neither a file nor a preset name; check the path, or pass a spec file, an lrkit.config.json, a preset (transformer-fine-tune, vision-one-cycle, ulmfit-slanted-triangular, warmup-stable-decay) or inline JSON',
    ],
    [
      'malformed JSON',
      ['schedule', 'broken.json'],
      3,
      'lrkit schedule: broken.json is not valid JSON: Expected double-quoted property name in JSON at position 22 (line 3, column 1); fix the JSON (a validator or an editor shows the spot)',
    ],
    [
      'malformed inline JSON',
      ['schedule', '{"kind":'],
      3,
      'lrkit schedule: argument 1 (inline JSON) is not valid JSON: Unexpected end of JSON input; fix the JSON (a validator or an editor shows the spot)',
    ],
    [
      'an invalid spec',
      ['schedule', 'invalid.json'],
      3,
      'lrkit schedule: invalid.json is not a valid schedule spec: totalSteps must be a positive integer, got -5; fix the spec (the JSON Schema @lrkit/core/schema.json gives editor completion)',
    ],
    [
      'an unknown kind',
      ['schedule', '{"kind":"cosin"}'],
      3,
      'lrkit schedule: inline #1 is not a valid schedule spec: kind must be one of "constant", "linear", "step", "multiStep", "exponential", "polynomial", "cosine", "cosineRestarts", "cyclic", "oneCycle", "inverseSqrt", "warmupStableDecay", "piecewiseConstant", "piecewiseInterpolate", "warmup", "sequence", "scale", "clamp", got "cosin"; fix the spec (the JSON Schema @lrkit/core/schema.json gives editor completion)',
    ],
    [
      'an invalid config',
      ['schedule', '{"version":1,"schedule":{"kind":"constant","value":1},"plateau":{"factor":2}}'],
      3,
      'lrkit schedule: inline #1 is not a valid lrkit config: plateau.factor must be a number with 0 < factor < 1, got 2; fix the config (the JSON Schema @lrkit/core/schema.json gives editor completion)',
    ],
    [
      'a preset missing a required option',
      ['schedule', 'vision-one-cycle'],
      3,
      'lrkit schedule: preset vision-one-cycle: peakValue must be a finite number >= 0, got undefined; pass preset options after a colon, e.g. vision-one-cycle:peakValue=1e-3 (totalSteps comes from --steps)',
    ],
    [
      'a malformed preset option',
      ['schedule', 'vision-one-cycle:peakValue'],
      2,
      'lrkit schedule: preset option "peakValue" of vision-one-cycle is not key=number; write it as vision-one-cycle:peakValue=1e-3',
    ],
  ])('%s', async (_case, args, code, line) => {
    const run = await runLrkit(args, { cwd: cwd() })
    expectOneLine(run.stderr, line)
    expect(run.code).toBe(code)
    expect(run.stdout).toBe('')
  })

  it('reports a missing input when there is no lrkit.config.json', async () => {
    const empty = await temporaryFolder()
    try {
      const run = await runLrkit(['schedule'], { cwd: empty.path })
      expectOneLine(
        run.stderr,
        `lrkit schedule: no schedule given and no lrkit.config.json in ${empty.path}; pass a spec file, a preset or inline JSON, e.g. lrkit schedule vision-one-cycle:peakValue=1e-3`,
      )
      expect(run.code).toBe(2)
    } finally {
      await empty.remove()
    }
  })

  it('fails with exit code 4 when the output cannot be written, and leaves no temporary file', async () => {
    const run = await runLrkit(['schedule', 'cosine.json', '--out', 'cosine.json/plot.svg'], { cwd: cwd() })
    expect(run.code).toBe(4)
    expect(run.stderr).toBe(
      'lrkit schedule: cannot write cosine.json/plot.svg: a part of the path is a file, not a folder; choose a path in a folder you can write to\n',
    )
    expect((await readdir(cwd())).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('prints the stack trace only with --debug', async () => {
    const run = await runLrkit(['schedule', 'invalid.json', '--debug'], { cwd: cwd() })
    expect(run.code).toBe(3)
    const lines = run.stderr.split('\n')
    expect(lines[0]).toBe(
      'lrkit schedule: invalid.json is not a valid schedule spec: totalSteps must be a positive integer, got -5; fix the spec (the JSON Schema @lrkit/core/schema.json gives editor completion)',
    )
    expect(run.stderr).toContain('CliError: invalid.json is not a valid schedule spec')
    expect(run.stderr).toContain('Caused by:')
    expect(run.stderr).toMatch(/InvalidArgumentError: totalSteps must be a positive integer, got -5\n\s+at /)
  })
})
