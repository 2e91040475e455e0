import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { createParamGroups } from '../groups/create-param-groups'
import { fineTuneRecipe } from '../groups/fine-tune-recipe'
import { gradualUnfreezingPlan, trainableGroupsAt } from '../groups/unfreeze-plan'
import { createScheduler } from '../scheduler/create-scheduler'
import { schedule } from '../specs/schedule'
import { adamwOptimizer } from './adamw-optimizer'
import { applyFineTunePhase, applyTrainableGroups } from './apply-fine-tune-phase'
import { createWasmKernels } from './kernels/wasm-kernels'

const add = (array: Float32Array, index: number, value: number): void => {
  array[index] = array[index]! + value
}

/**
 * A tiny "pretrained" linear model y = head · tanh(body · x) on a regression task, with the body
 * already near its target: the recipe should fine-tune it without wrecking the body.
 */
function task() {
  const shapes = {
    'body.weight': { shape: [3, 4] },
    'body.bias': { shape: [3] },
    'head.weight': { shape: [1, 3] },
    'head.bias': { shape: [1] },
  }
  const target = {
    body: Float32Array.from({ length: 12 }, (_, i) => Math.sin(i + 1)),
    head: Float32Array.from([0.8, -0.5, 0.3]),
  }
  const parameters = {
    'body.weight': target.body.map((value, i) => value + 0.05 * Math.cos(3 * i)),
    'body.bias': new Float32Array(3),
    'head.weight': new Float32Array(3),
    'head.bias': new Float32Array(1),
  }
  const inputs = Array.from({ length: 32 }, (_, n) =>
    Float64Array.from({ length: 4 }, (_, i) => Math.sin(n * 1.7 + i)),
  )
  const hidden = (body: Float32Array, bias: Float32Array | undefined, x: Float64Array) =>
    Array.from({ length: 3 }, (_, j) => {
      let sum = bias?.[j] ?? 0
      for (let i = 0; i < 4; i++) sum += body[j * 4 + i]! * x[i]!
      return Math.tanh(sum)
    })
  const labels = inputs.map((x) =>
    hidden(target.body, undefined, x).reduce((s, h, j) => s + h * target.head[j]!, 0),
  )
  /** Loss and gradients (mean squared error over the batch) at the current parameters. */
  function lossAndGradients(p: ReadonlyMap<string, Float32Array>) {
    const body = p.get('body.weight')!
    const bodyBias = p.get('body.bias')!
    const head = p.get('head.weight')!
    const headBias = p.get('head.bias')!
    const g = {
      'body.weight': new Float32Array(12),
      'body.bias': new Float32Array(3),
      'head.weight': new Float32Array(3),
      'head.bias': new Float32Array(1),
    }
    let loss = 0
    inputs.forEach((x, n) => {
      const h = hidden(body, bodyBias, x)
      const y = h.reduce((s, value, j) => s + value * head[j]!, headBias[0]!)
      const error = y - labels[n]!
      loss += (error * error) / inputs.length
      const dy = (2 * error) / inputs.length
      add(g['head.bias'], 0, dy)
      h.forEach((value, j) => {
        add(g['head.weight'], j, dy * value)
        const dz = dy * head[j]! * (1 - value * value)
        add(g['body.bias'], j, dz)
        for (let i = 0; i < 4; i++) add(g['body.weight'], j * 4 + i, dz * x[i]!)
      })
    })
    return { loss, gradients: g }
  }
  return { shapes, parameters, lossAndGradients }
}

describe('fineTuneRecipe on a core optimizer, end to end', () => {
  it('frozen phase trains the head only; unfrozen phase trains all at slice(base/100, base/2); loss falls', () => {
    const { shapes, parameters, lossAndGradients } = task()
    const groups = createParamGroups({
      parameters: shapes,
      groups: [
        { name: 'body', match: 'body' },
        { name: 'head', match: 'head' },
      ],
      strategy: { kind: 'explicit', scales: [1, 1] },
    })
    const optimizer = adamwOptimizer({ parameters, groups, kernels: createWasmKernels() })
    const stepsPerEpoch = 20
    const recipe = fineTuneRecipe({
      groups: ['body', 'head'],
      epochs: 2,
      frozenEpochs: 1,
      stepsPerEpoch,
      baseLearningRate: 0.05,
    })
    const initialLoss = lossAndGradients(optimizer.parameters).loss
    const bodyBefore = optimizer.parameters.get('body.weight')!.slice()
    const losses: number[] = []
    for (const phase of recipe.phases) {
      applyFineTunePhase(optimizer, phase)
      const scheduler = createScheduler({ schedule: schedule(phase.schedule), target: optimizer })
      for (let step = 0; step < phase.epochs * stepsPerEpoch; step++) {
        const { loss, gradients } = lossAndGradients(optimizer.parameters)
        losses.push(loss)
        for (const [name, buffer] of optimizer.gradients)
          buffer.set(gradients[name as keyof typeof gradients])
        expect(optimizer.step(optimizer.gradients).applied).toBe(true)
        scheduler.advance()
      }
      if (phase.name === 'frozen') {
        expect(optimizer.parameters.get('body.weight')).toEqual(bodyBefore)
        expect(optimizer.groups.map((g) => [g.name, g.trainable])).toEqual([
          ['body', false],
          ['body.noDecay', false],
          ['head', true],
          ['head.noDecay', true],
        ])
      } else {
        expect(optimizer.groups.map((g) => [g.name, g.lrScale])).toEqual([
          ['body', phase.lrScales.body],
          ['body.noDecay', phase.lrScales.body],
          ['head', 1],
          ['head.noDecay', 1],
        ])
        expect(phase.lrScales.body).toBeCloseTo(1 / 100, 12)
      }
    }
    expect(optimizer.parameters.get('body.weight')).not.toEqual(bodyBefore)
    expect(optimizer.stepCount).toBe(3 * stepsPerEpoch)
    // Body parameters were first updated in the unfrozen phase: their own step counts are 40.
    expect(optimizer.state().parameters['body.weight']!.step).toBe(2 * stepsPerEpoch)
    expect(losses.at(-1)!).toBeLessThan(initialLoss / 4)
  })

  it('applyFineTunePhase rejects a recipe whose groups are not the optimizer groups', () => {
    const optimizer = adamwOptimizer({
      parameters: { 'encoder.w': new Float32Array(2), 'head.w': new Float32Array(2) },
      groups: [
        { name: 'encoder', parameters: ['encoder.w'], lrScale: 1, trainable: true },
        { name: 'head', parameters: ['head.w'], lrScale: 1, trainable: true },
      ],
    })
    const recipe = fineTuneRecipe({ groups: ['body', 'head'], epochs: 1 })
    expect(() => applyFineTunePhase(optimizer, recipe.phases[0]!)).toThrow(InvalidArgumentError)
    const phase = { ...recipe.phases[1]!, trainable: ['encoder', 'head'] }
    expect(() => applyFineTunePhase(optimizer, phase)).toThrow(
      'phase.lrScales has no scale for optimizer group "encoder" (base name "encoder"); the recipe\'s groups must be the optimizer\'s groups: body, head',
    )
  })
})

describe('gradualUnfreezingPlan on a core optimizer, end to end', () => {
  it('unfreezes one group per epoch from the head down; each group starts with its own step 1', () => {
    const parameters = {
      'embed.w': new Float32Array(4).fill(1),
      'encoder.w': new Float32Array(4).fill(1),
      'head.w': new Float32Array(4).fill(1),
    }
    const optimizer = adamwOptimizer({
      parameters,
      groups: ['embed', 'encoder', 'head'].map((name) => ({
        name,
        parameters: [`${name}.w`],
        lrScale: 1,
        trainable: true,
      })),
      weightDecay: 0,
    })
    const plan = gradualUnfreezingPlan({ groups: ['embed', 'encoder', 'head'], unit: 'epoch', every: 1 })
    const stepsPerEpoch = 3
    const trainableByEpoch: string[][] = []
    for (let epoch = 0; epoch < 4; epoch++) {
      applyTrainableGroups(optimizer, trainableGroupsAt(plan, epoch))
      trainableByEpoch.push(optimizer.groups.filter((g) => g.trainable).map((g) => g.name))
      for (let step = 0; step < stepsPerEpoch; step++) {
        const gradients = Object.fromEntries(
          [...optimizer.parameters.keys()].map((n) => [n, new Float32Array(4).fill(0.5)]),
        )
        optimizer.step(gradients, 0.01)
      }
    }
    expect(trainableByEpoch).toEqual([
      ['head'],
      ['encoder', 'head'],
      ['embed', 'encoder', 'head'],
      ['embed', 'encoder', 'head'],
    ])
    const steps = optimizer.state().parameters
    expect([steps['embed.w']!.step, steps['encoder.w']!.step, steps['head.w']!.step]).toEqual([6, 9, 12])
    // Adam's first update moves every unfrozen parameter by ≈ lr, whenever it is unfrozen.
    expect(parameters['embed.w'][0]).toBeCloseTo(1 - 6 * 0.01, 3)
    expect(() => applyTrainableGroups(optimizer, ['decoder'])).toThrow(InvalidArgumentError)
  })
})
