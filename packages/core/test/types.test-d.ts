/**
 * Type-level contract tests (vitest typecheck): option objects reject unknown keys and wrong
 * vocabularies, specs are discriminated by `kind`, and results have the documented shapes.
 */
import { describe, expectTypeOf, it } from 'vitest'
import {
  type AdamHyperparameters,
  adamwOptimizer,
  type CompiledSchedule,
  cosineSchedule,
  createScheduler,
  type LrKitConfig,
  type Optimizer,
  type RangeTestResult,
  type Schedule,
  type ScheduleSpec,
  type StepReport,
  schedule,
  warmupSchedule,
} from '../src/index'

describe('types', () => {
  it('a schedule is a function of the step', () => {
    expectTypeOf(cosineSchedule({ initValue: 0.1, totalSteps: 100 })).toEqualTypeOf<Schedule>()
    expectTypeOf<Schedule>().parameters.toEqualTypeOf<[step: number]>()
    expectTypeOf<Schedule>().returns.toEqualTypeOf<number>()
  })

  it('factory options reject unknown keys and misspelt vocabulary', () => {
    // @ts-expect-error — `decaySteps` is not lrkit vocabulary (the horizon is `totalSteps`)
    cosineSchedule({ initValue: 0.1, decaySteps: 100 })
    // @ts-expect-error — `afterEnd` is 'clamp' | 'periodic'
    cosineSchedule({ initValue: 0.1, totalSteps: 100, afterEnd: 'wrap' })
    // @ts-expect-error — give initValue or startFactor, not a string
    warmupSchedule({ schedule: (step: number) => step, warmupSteps: 5, initValue: '0' })
  })

  it('specs are discriminated by kind and compile to a schedule that keeps its spec', () => {
    const spec = { kind: 'cosine', initValue: 0.1, totalSteps: 100 } as const satisfies ScheduleSpec
    const compiled = schedule(spec)
    expectTypeOf(compiled).toEqualTypeOf<CompiledSchedule>()
    expectTypeOf(compiled.spec).toEqualTypeOf<ScheduleSpec>()
    // @ts-expect-error — a cosine spec has no `milestones`
    const wrong: ScheduleSpec = { kind: 'cosine', initValue: 0.1, totalSteps: 100, milestones: [1] }
    void wrong
    expectTypeOf<LrKitConfig['version']>().toEqualTypeOf<1>()
  })

  it('optimizers and the scheduler expose the documented shapes', () => {
    const optimizer = adamwOptimizer({ parameters: { w: new Float32Array(2) } })
    expectTypeOf(optimizer).toEqualTypeOf<Optimizer<AdamHyperparameters>>()
    expectTypeOf(optimizer.hyperparameters.beta1).toEqualTypeOf<number>()
    // @ts-expect-error — Adam has no `momentum` hyperparameter
    optimizer.setHyperparameters({ momentum: 0.9 })
    expectTypeOf(optimizer.step).returns.toEqualTypeOf<StepReport>()
    const scheduler = createScheduler({ schedule: (step: number) => 0.1 / (1 + step) })
    expectTypeOf(scheduler.advance()).toEqualTypeOf<number>()
    expectTypeOf(scheduler.learningRates).toEqualTypeOf<Readonly<Record<string, number>>>()
    expectTypeOf<RangeTestResult['suggestion']['rule']>().toEqualTypeOf<
      'valley' | 'steep' | 'minimum' | 'slide' | 'steepestGradient'
    >()
  })
})
