import { describe, expect, it } from 'vitest'
import {
  bestOnOneSeed,
  FINALIST_TIE_TOLERANCE,
  finalistsTied,
  logGrid,
  ROUND_1_SPLIT,
  ROUND_2_SPLIT,
  ROUND_3_SPLIT,
  ROUND_4_SPLIT,
  ROUND_5_SPLIT,
  ROUND_5_TASKS,
  ROUND_6_SPLIT,
  ROUND_7_SPLIT,
  ROUND_8_SPLIT,
  ROUND_9_SPLIT,
  ROUND_10_SPLIT,
  ROUND_11_SPLIT,
  ROUND_12_SPLIT,
  ROUND_13_SPLIT,
  ROUND_14_SPLIT,
  ROUND_15_SPLIT,
  ROUND_16_SPLIT,
  ROUND_17_SPLIT,
  ROUND_18_SPLIT,
  ROUND_19_SPLIT,
  ROUND_20_SPLIT,
  ROUND_21_SPLIT,
  ROUND_22_SPLIT,
  runLrFinderEvaluation,
  splitOf,
  splitTasks,
  TASK_SPLIT,
  TEST_SETS,
  trainConstant,
} from './evaluate'
import { EVAL_TASK_NAMES, softmaxBlobsTask } from './tasks'

const log = () => {}

describe('evaluate', () => {
  it('logGrid: 25 points, 4 per decade, 1e-5 … 10', () => {
    const grid = logGrid(1e-5, 10, 4)
    expect(grid).toHaveLength(25)
    expect(grid[0]).toBe(1e-5)
    expect(grid[4]).toBe(1e-4)
    expect(grid[24]).toBe(10)
  })

  it('trainConstant: a sensible rate improves the held-out loss, a huge one diverges', () => {
    const task = softmaxBlobsTask({
      trainCount: 128,
      validationCount: 64,
      mnistTrainPerDigit: 1,
      mnistValidationPerDigit: 1,
    })
    const good = trainConstant(task, 'adam', 0, 0.01, 20)
    expect(good.diverged).toBe(false)
    expect(good.loss).toBeLessThan(Math.log(3))
    expect(trainConstant(task, 'sgdMomentum', 0, 1000, 20).diverged).toBe(true)
  })

  it('bestOnOneSeed: the grid point with the lowest loss on one seed, non-finite losses never win', () => {
    const points = [
      {
        learningRate: 1e-3,
        heldOutLosses: [0.5, 0.9, Number.POSITIVE_INFINITY],
        meanLoss: Number.POSITIVE_INFINITY,
      },
      { learningRate: 1e-2, heldOutLosses: [0.4, 0.9, Number.NaN], meanLoss: Number.NaN },
      {
        learningRate: 1e-1,
        heldOutLosses: [0.45, 0.3, Number.POSITIVE_INFINITY],
        meanLoss: Number.POSITIVE_INFINITY,
      },
    ]
    expect(bestOnOneSeed(points, 0)).toBe(1e-2)
    expect(bestOnOneSeed(points, 1)).toBe(1e-1)
    // Ties go to the first point; a seed that is non-finite everywhere gives no pick.
    expect(bestOnOneSeed(points.slice(0, 2), 1)).toBe(1e-3)
    expect(bestOnOneSeed(points, 2)).toBeUndefined()
    expect(bestOnOneSeed([], 0)).toBeUndefined()
  })

  it('finalistsTied: the candidates trained the most steps, at least two finite, within 3 % of each other', () => {
    const candidate = (learningRate: number, score: number | null, steps: number) => ({
      learningRate,
      score,
      steps,
    })
    expect(FINALIST_TIE_TOLERANCE).toBe(0.03)
    // Finalists 0.277 and 0.282 (1.8 % apart) tie; the dropped candidates do not count.
    const eggCrate = [candidate(0.0032, 0.277, 96), candidate(0.01, 0.282, 96), candidate(0.1, 0.371, 40)]
    expect(finalistsTied(eggCrate)).toBe(true)
    expect(finalistsTied(eggCrate, 0.01)).toBe(false)
    // 0.235 against 0.272 (16 % apart) is a real lead.
    expect(
      finalistsTied([candidate(0.002, 0.272, 96), candidate(0.02, 0.235, 96), candidate(0.06, 0.31, 40)]),
    ).toBe(false)
    // A probe trained fewer steps is not a finalist; one finite finalist is not a tie.
    expect(
      finalistsTied([candidate(0.01, 0.5, 96), candidate(0.03, null, 96), candidate(0.3, 0.5, 56)]),
    ).toBe(false)
    expect(finalistsTied([candidate(0.01, 0.5, 96), candidate(0.03, Number.POSITIVE_INFINITY, 96)])).toBe(
      false,
    )
    expect(finalistsTied([])).toBe(false)
    // Exactly 3 % apart is not within 3 %.
    expect(finalistsTied([candidate(0.01, 1, 96), candidate(0.03, 1.03, 96)])).toBe(false)
    expect(finalistsTied([candidate(0.01, 1, 96), candidate(0.03, 1.029, 96)])).toBe(true)
  })

  it('each invalid option throws with its message before any training', async () => {
    await expect(runLrFinderEvaluation({ log, seeds: 0 })).rejects.toThrow(
      'seeds must be a positive integer, got 0',
    )
    await expect(runLrFinderEvaluation({ log, quick: 1 as unknown as boolean })).rejects.toThrow('quick')
    await expect(runLrFinderEvaluation({ log: 1 as unknown as () => void })).rejects.toThrow('log')
    await expect(runLrFinderEvaluation({ log, jsonPath: '' })).rejects.toThrow('jsonPath')
    await expect(runLrFinderEvaluation({ log, tasks: ['nope' as 'mnist-softmax'] })).rejects.toThrow('tasks')
    await expect(runLrFinderEvaluation({ log, extra: 1 } as never)).rejects.toThrow(
      'extra is not an option of runLrFinderEvaluation',
    )
  })

  it('round 1 split T1–T12 by the seeded shuffle; rounds 2, 3 and 4 tested on N1–N6, R1–R6 and S1–S6; round 5 on S1–S6 and U1–V6; round 6 on W1–X6; round 7 on Y1–Z6; round 8 on P1–Q6; round 9 on K1–L6; round 10 on M1–O6; round 11 on A1–B6; round 12 on C1–D6; round 13 on E1–F6; round 14 on G1–H6; round 15 on I1–J6; round 16 on AA1–AB6; round 17 on AC1–AD6; round 18 on AE1–AF6; round 19 on AG1–AH6; round 20 on AI1–AJ6; round 21 on AK1–AL6; round 22 on AM1–AN6; round 23 develops on all 246 and tests on AO1–AP6', () => {
    const round1 = EVAL_TASK_NAMES.slice(0, 12)
    expect(splitTasks(round1, 8)).toEqual({
      development: [...ROUND_1_SPLIT.development],
      test: [...ROUND_1_SPLIT.test],
    })
    expect(new Set(ROUND_2_SPLIT.development)).toEqual(new Set(round1))
    expect([...ROUND_2_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(12, 18))
    expect(new Set(ROUND_3_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 18)))
    expect([...ROUND_3_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(18, 24))
    expect(new Set(ROUND_4_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 24)))
    expect([...ROUND_4_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(24, 30))
    expect([...ROUND_5_SPLIT.development]).toEqual([...ROUND_4_SPLIT.development])
    expect([...ROUND_5_TASKS]).toEqual(EVAL_TASK_NAMES.slice(30, 42))
    expect([...ROUND_5_SPLIT.test]).toEqual([...ROUND_4_SPLIT.test, ...ROUND_5_TASKS])
    expect(new Set(ROUND_6_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 42)))
    expect([...ROUND_6_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(42, 54))
    expect(new Set(ROUND_7_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 54)))
    expect([...ROUND_7_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(54, 66))
    expect(new Set(ROUND_8_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 66)))
    expect([...ROUND_8_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(66, 78))
    expect(new Set(ROUND_9_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 78)))
    expect([...ROUND_9_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(78, 90))
    expect(new Set(ROUND_10_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 90)))
    expect([...ROUND_10_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(90, 102))
    expect(new Set(ROUND_11_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 102)))
    expect([...ROUND_11_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(102, 114))
    expect(new Set(ROUND_12_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 114)))
    expect([...ROUND_12_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(114, 126))
    expect(new Set(ROUND_13_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 126)))
    expect([...ROUND_13_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(126, 138))
    expect(new Set(ROUND_14_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 138)))
    expect([...ROUND_14_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(138, 150))
    expect(new Set(ROUND_15_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 150)))
    expect([...ROUND_15_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(150, 162))
    expect(new Set(ROUND_16_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 162)))
    expect([...ROUND_16_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(162, 174))
    expect(new Set(ROUND_17_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 174)))
    expect([...ROUND_17_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(174, 186))
    expect(new Set(ROUND_18_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 186)))
    expect([...ROUND_18_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(186, 198))
    expect(new Set(ROUND_19_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 198)))
    expect([...ROUND_19_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(198, 210))
    expect(new Set(ROUND_20_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 210)))
    expect([...ROUND_20_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(210, 222))
    expect(new Set(ROUND_21_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 222)))
    expect([...ROUND_21_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(222, 234))
    expect(new Set(ROUND_22_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 234)))
    expect([...ROUND_22_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(234, 246))
    expect(new Set(TASK_SPLIT.development)).toEqual(new Set(EVAL_TASK_NAMES.slice(0, 246)))
    expect([...TASK_SPLIT.test]).toEqual(EVAL_TASK_NAMES.slice(246))
    expect(TASK_SPLIT.test).toHaveLength(12)
    // Every task in exactly one half; the test sets partition the test half.
    const halves = [...TASK_SPLIT.development, ...TASK_SPLIT.test]
    expect(halves).toHaveLength(EVAL_TASK_NAMES.length)
    expect(new Set(halves)).toEqual(new Set(EVAL_TASK_NAMES))
    expect(TEST_SETS.flatMap((set) => set.tasks)).toEqual([...TASK_SPLIT.test])
    expect(splitOf('xor-distractors')).toBe('development')
    expect(splitOf('heavy-tail-inputs')).toBe('development')
    expect(splitOf('small-batch-clusters')).toBe('development')
    expect(splitOf('cnn-transposed-mnist')).toBe('development')
    expect(splitOf('saddle-init-regression')).toBe('development')
    expect(splitOf('mnist-standardized')).toBe('development')
    expect(splitOf('checkerboard')).toBe('development')
    expect(splitOf('sparse-signal-regression')).toBe('development')
    expect(splitOf('concentric-rings')).toBe('development')
    expect(splitOf('random-walk-direction')).toBe('development')
    expect(splitOf('frequency-classes')).toBe('development')
    expect(splitOf('finetune-cnn-rotated')).toBe('development')
    expect(splitOf('narrow-checkerboard')).toBe('development')
    expect(splitOf('one-hot-fields')).toBe('development')
    expect(splitOf('gated-experts-regression')).toBe('development')
    expect(splitOf('finetune-classes-to-distance')).toBe('development')
    expect(splitOf('latent-autoencoder')).toBe('development')
    expect(splitOf('finetune-multi-task-regression')).toBe('development')
    expect(splitOf('swiss-roll-thirds')).toBe('development')
    expect(splitOf('finetune-small-correction')).toBe('development')
    expect(splitOf('alternating-sectors')).toBe('development')
    expect(splitOf('finetune-rescaled-target')).toBe('development')
    expect(splitOf('double-helix')).toBe('development')
    expect(splitOf('finetune-removed-inputs')).toBe('development')
    expect(splitOf('majority-vote')).toBe('development')
    expect(splitOf('finetune-added-classes')).toBe('development')
    expect(splitOf('input-rank-classes')).toBe('development')
    expect(splitOf('finetune-added-input')).toBe('development')
    expect(splitOf('multiplexer-classes')).toBe('development')
    expect(splitOf('finetune-skewed-classes')).toBe('development')
    expect(splitOf('sorted-triple-classes')).toBe('development')
    expect(splitOf('finetune-degraded-inputs')).toBe('development')
    expect(splitOf('triangle-inequality-classes')).toBe('development')
    expect(splitOf('finetune-bent-boundary')).toBe('development')
    expect(splitOf('nearest-input-classes')).toBe('development')
    expect(splitOf('finetune-shifted-threshold')).toBe('development')
    expect(splitOf('interval-overlap-classes')).toBe('test')
    expect(splitOf('finetune-cnn-inverted-contrast')).toBe('test')
  })
})
