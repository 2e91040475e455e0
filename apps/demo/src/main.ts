/**
 * `pnpm demo`: the lrkit tour. For now it shows the schedules: each one is built from a JSON spec
 * (the same format a team shares in lrkit.config.json), drawn as a terminal chart, and written as an
 * SVG plot into the output folder it names at the end.
 */
import { mkdir } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import {
  type ScheduleSpec,
  schedule,
  transformerFineTunePreset,
  ulmfitSlantedTriangularPreset,
  visionOneCyclePreset,
  warmupStableDecayPreset,
} from '@lrkit/core'
import { plot } from 'asciichart'
import { renderSvg, type Series } from './render-svg'
import { writeFileAtomic } from './write-file-atomic'

const { values: flags } = parseArgs({
  args: process.argv.slice(2).filter((argument) => argument !== '--'),
  options: {
    out: { type: 'string', default: 'lrkit-demo-output' },
    steps: { type: 'string', default: '1000' },
    help: { type: 'boolean', default: false },
  },
})

if (flags.help) {
  console.log('Usage: pnpm demo [--out <folder>] [--steps <total optimizer steps>]')
  process.exit(0)
}

const totalSteps = Number(flags.steps)
if (!Number.isInteger(totalSteps) || totalSteps < 20) {
  console.error(`--steps must be an integer >= 20, got ${JSON.stringify(flags.steps)}`)
  process.exit(2)
}
// pnpm runs this script inside apps/demo; resolve --out against the folder the user ran pnpm from.
const outputFolder = resolve(process.env.INIT_CWD ?? process.cwd(), flags.out)

const tour: { file: string; title: string; spec: ScheduleSpec; note: string }[] = [
  {
    file: 'transformer-fine-tune',
    title: 'Transformer fine-tune preset (linear warmup 6 % + linear decay)',
    spec: transformerFineTunePreset({ peakValue: 2e-5, totalSteps }),
    note: 'HF get_linear_schedule_with_warmup with warmup_ratio 0.06 (RoBERTa GLUE recipe)',
  },
  {
    file: 'warmup-cosine',
    title: 'Linear warmup (5 %) then cosine to 1e-5',
    spec: {
      kind: 'warmup',
      warmupSteps: Math.round(totalSteps * 0.05),
      schedule: {
        kind: 'cosine',
        initValue: 1e-3,
        endValue: 1e-5,
        totalSteps: totalSteps - Math.round(totalSteps * 0.05),
      },
    },
    note: 'optax warmup_cosine_decay_schedule; Keras CosineDecay(warmup_target=...)',
  },
  {
    file: 'one-cycle',
    title: 'One-cycle (vision preset)',
    spec: visionOneCyclePreset({ peakValue: 1e-3, totalSteps }),
    note: 'fastai fit_one_cycle defaults; PyTorch OneCycleLR',
  },
  {
    file: 'sgdr',
    title: 'SGDR: cosine restarts, period x2, peak x0.7 per restart',
    spec: {
      kind: 'cosineRestarts',
      initValue: 0.1,
      endValue: 1e-3,
      periodSteps: Math.round(totalSteps / 7),
      periodMultiplier: 2,
      peakDecay: 0.7,
    },
    note: 'PyTorch CosineAnnealingWarmRestarts (+ timm cycle_decay)',
  },
  {
    file: 'cyclic-triangular2',
    title: 'Cyclic learning rate, triangular2',
    spec: {
      kind: 'cyclic',
      initValue: 1e-4,
      peakValue: 1e-2,
      stepsUp: Math.round(totalSteps / 8),
      mode: 'triangular2',
    },
    note: 'PyTorch CyclicLR(mode="triangular2")',
  },
  {
    file: 'ulmfit-slanted-triangular',
    title: 'ULMFiT slanted triangular',
    spec: ulmfitSlantedTriangularPreset({ peakValue: 1e-2, totalSteps }),
    note: 'Howard & Ruder 2018',
  },
  {
    file: 'warmup-stable-decay',
    title: 'Warmup-stable-decay with 1-sqrt cooldown',
    spec: warmupStableDecayPreset({ peakValue: 3e-4, totalSteps, warmupFraction: 0.05, decayFraction: 0.2 }),
    note: 'HF get_wsd_schedule; Hägele et al. 2024',
  },
]

function sample(specification: ScheduleSpec, points: number): Series & { compiledSteps: number[] } {
  const compiled = schedule(specification)
  const steps: number[] = []
  const values: number[] = []
  for (let index = 0; index < points; index++) {
    const step = Math.round((index * (totalSteps - 1)) / (points - 1))
    steps.push(step)
    values.push(compiled(step))
  }
  return { name: '', steps, values, compiledSteps: steps }
}

await mkdir(outputFolder, { recursive: true })
const overview: Series[] = []
for (const item of tour) {
  const terminal = sample(item.spec, 72)
  const compiled = schedule(item.spec)
  const full = sample(item.spec, Math.min(totalSteps, 400))
  console.log(`\n${item.title}`)
  console.log(`  ${item.note}`)
  console.log(`  spec: ${JSON.stringify(item.spec)}`)
  console.log(
    plot(terminal.values as number[], {
      height: 8,
      format: (value: number) => value.toExponential(2).padStart(10),
    }),
  )
  const probes = [0, 1, Math.round(totalSteps / 2), totalSteps - 1, totalSteps]
  console.log(`  ${probes.map((step) => `lr(${step}) = ${compiled(step).toPrecision(4)}`).join('   ')}`)
  const series: Series = { name: item.file, steps: full.steps, values: full.values }
  const svg = await renderSvg({ title: item.title, series: [series] })
  await writeFileAtomic(join(outputFolder, `${item.file}.svg`), svg)
  const peak = Math.max(...full.values)
  overview.push({ ...series, values: full.values.map((value) => value / peak) })
}
await writeFileAtomic(
  join(outputFolder, 'overview.svg'),
  await renderSvg({
    title: 'All schedules, normalised to their peak',
    series: overview,
    height: 320,
    yFormat: '.0%',
    yTitle: 'learning rate / peak',
  }),
)
console.log(`\nWrote ${tour.length + 1} SVG plots to ${outputFolder}`)
