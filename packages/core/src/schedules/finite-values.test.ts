/**
 * Property: every schedule a factory accepts returns finite values ≥ 0 at every step, including
 * under extreme (but accepted) options; options whose curve would overflow are rejected at
 * construction with an InvalidArgumentError instead.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { InvalidArgumentError } from '../errors/invalid-argument-error'
import { clampSchedule as clampScheduleFactory } from './clamp-schedule'
import { constantSchedule as constantScheduleFactory } from './constant-schedule'
import { cosineRestartsSchedule as cosineRestartsScheduleFactory } from './cosine-restarts-schedule'
import { cosineSchedule as cosineScheduleFactory } from './cosine-schedule'
import { cyclicSchedule as cyclicScheduleFactory } from './cyclic-schedule'
import { exponentialSchedule as exponentialScheduleFactory } from './exponential-schedule'
import { inverseSqrtSchedule as inverseSqrtScheduleFactory } from './inverse-sqrt-schedule'
import { linearSchedule as linearScheduleFactory } from './linear-schedule'
import { multiStepSchedule as multiStepScheduleFactory } from './multi-step-schedule'
import { oneCycleSchedule as oneCycleScheduleFactory } from './one-cycle-schedule'
import { piecewiseConstantSchedule as piecewiseConstantScheduleFactory } from './piecewise-constant-schedule'
import { piecewiseInterpolateSchedule as piecewiseInterpolateScheduleFactory } from './piecewise-interpolate-schedule'
import { polynomialSchedule as polynomialScheduleFactory } from './polynomial-schedule'
import { scaleSchedule as scaleScheduleFactory } from './scale-schedule'
import { sequenceSchedule as sequenceScheduleFactory } from './sequence-schedule'
import { stepSchedule as stepScheduleFactory } from './step-schedule'
import type { Schedule } from './types'
import { upperBoundOf, withUpperBound } from './upper-bound'
import { warmupSchedule as warmupScheduleFactory } from './warmup-schedule'
import { warmupStableDecaySchedule as warmupStableDecayScheduleFactory } from './warmup-stable-decay-schedule'

/** The options of the last factory call, shown when a value is not finite. */
let lastCall = ''

/** Wraps a factory so that its options are recorded (inner schedules shown by their description). */
function traced<Options>(
  name: string,
  factory: (options: Options) => Schedule,
): (options: Options) => Schedule {
  return (options) => {
    lastCall = `${name}(${JSON.stringify(options, (_key, value: unknown) => (typeof value === 'function' ? String(value) : value))})`
    const schedule = factory(options)
    const text = lastCall
    // The wrapper keeps the bound, so that combinators see what they would see on the factory's schedule.
    return withUpperBound(
      Object.assign((step: number) => schedule(step), { toString: () => text }),
      upperBoundOf(schedule),
    )
  }
}

const clampSchedule = traced('clampSchedule', clampScheduleFactory)
const constantSchedule = traced('constantSchedule', constantScheduleFactory)
const cosineRestartsSchedule = traced('cosineRestartsSchedule', cosineRestartsScheduleFactory)
const cosineSchedule = traced('cosineSchedule', cosineScheduleFactory)
const cyclicSchedule = traced('cyclicSchedule', cyclicScheduleFactory)
const exponentialSchedule = traced('exponentialSchedule', exponentialScheduleFactory)
const inverseSqrtSchedule = traced('inverseSqrtSchedule', inverseSqrtScheduleFactory)
const linearSchedule = traced('linearSchedule', linearScheduleFactory)
const multiStepSchedule = traced('multiStepSchedule', multiStepScheduleFactory)
const oneCycleSchedule = traced('oneCycleSchedule', oneCycleScheduleFactory)
const piecewiseConstantSchedule = traced('piecewiseConstantSchedule', piecewiseConstantScheduleFactory)
const piecewiseInterpolateSchedule = traced(
  'piecewiseInterpolateSchedule',
  piecewiseInterpolateScheduleFactory,
)
const polynomialSchedule = traced('polynomialSchedule', polynomialScheduleFactory)
const scaleSchedule = traced('scaleSchedule', scaleScheduleFactory)
const sequenceSchedule = traced('sequenceSchedule', sequenceScheduleFactory)
const stepSchedule = traced('stepSchedule', stepScheduleFactory)
const warmupSchedule = traced('warmupSchedule', warmupScheduleFactory)
const warmupStableDecaySchedule = traced('warmupStableDecaySchedule', warmupStableDecayScheduleFactory)

const EXTREMES = [
  0,
  5e-324,
  1e-320,
  1e-300,
  1e-10,
  0.1,
  0.5,
  1,
  2,
  10,
  1e10,
  1e100,
  1e300,
  1e308,
  Number.MAX_VALUE,
]

/** Any number ≥ 0 a user might pass, extremes well represented. */
const anyValue = fc.oneof(
  fc.constantFrom(...EXTREMES),
  fc.double({ min: 0, max: Number.MAX_VALUE, noNaN: true, noDefaultInfinity: true }),
  fc.double({ min: 0, max: 10, noNaN: true }),
)
/** A number in (0, 1] or [0, 1], extremes included. */
const unit = fc.oneof(
  fc.constantFrom(5e-324, 1e-320, 1e-300, 1e-10, 0.1, 0.5, 0.999, 1),
  fc.double({ min: 0, max: 1, noNaN: true }),
)
/** A step count: small, large and the largest safe integer. */
const count = fc.oneof(fc.integer({ min: 1, max: 50 }), fc.constantFrom(1, 2, 1000, 1e6, 1e12, 2 ** 53 - 1))
/** Query steps: small, fractional, huge. */
const steps = fc.array(
  fc.oneof(
    fc.nat(200),
    fc.double({ min: 0, max: 1e300, noNaN: true, noDefaultInfinity: true }),
    fc.constantFrom(0, 0.5, 1, 1e6, 1e15, 2 ** 53, 1e300, Number.MAX_VALUE),
  ),
  { minLength: 1, maxLength: 12 },
)

/** Builds the schedule; `undefined` when the factory rejects the options (allowed). */
function build(make: () => Schedule): Schedule | undefined {
  try {
    return make()
  } catch (error) {
    if (InvalidArgumentError.isInstance(error)) return undefined
    throw error
  }
}

function finiteNonNegative(make: () => Schedule, at: readonly number[]): boolean {
  const schedule = build(make)
  if (schedule === undefined) return true
  for (const step of at) {
    const value = schedule(step)
    if (!(Number.isFinite(value) && value >= 0)) {
      throw new Error(`value ${value} at step ${step} of ${String(schedule)}`)
    }
  }
  return true
}

const optional = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: undefined })
const defined = <T extends object>(record: T) =>
  Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>
  }

const inner = fc.oneof(
  anyValue.map((value) => constantSchedule({ value })),
  fc
    .tuple(anyValue, anyValue, count)
    .map(
      ([initValue, endValue, transitionSteps]) =>
        build(() => linearSchedule({ initValue, endValue, transitionSteps })) ??
        constantSchedule({ value: 1 }),
    ),
)

const RUNS = { numRuns: Number(process.env.RUNS ?? 400), endOnFailure: true }

const cases: ReadonlyArray<readonly [string, fc.Arbitrary<() => Schedule>]> = [
  ['constant', anyValue.map((value) => () => constantSchedule({ value }))],
  [
    'linear',
    fc.tuple(anyValue, anyValue, count, optional(count)).map(
      ([initValue, endValue, transitionSteps, transitionBegin]) =>
        () =>
          linearSchedule(defined({ initValue, endValue, transitionSteps, transitionBegin })),
    ),
  ],
  [
    'polynomial',
    fc.tuple(anyValue, optional(anyValue), optional(anyValue), count, optional(count)).map(
      ([initValue, endValue, exponent, transitionSteps, transitionBegin]) =>
        () =>
          polynomialSchedule(defined({ initValue, endValue, exponent, transitionSteps, transitionBegin })),
    ),
  ],
  [
    'step',
    fc.tuple(anyValue, count, optional(unit)).map(
      ([initValue, stepSize, factor]) =>
        () =>
          stepSchedule(defined({ initValue, stepSize, factor })),
    ),
  ],
  [
    'multiStep',
    fc.tuple(anyValue, fc.array(fc.nat(100), { maxLength: 8 }), optional(anyValue)).map(
      ([initValue, milestones, factor]) =>
        () =>
          multiStepSchedule(
            defined({ initValue, milestones: [...milestones].sort((a, b) => a - b), factor }),
          ),
    ),
  ],
  [
    'exponential',
    fc
      .tuple(anyValue, anyValue, optional(count), optional(count), optional(fc.boolean()), optional(anyValue))
      .map(
        ([initValue, factor, transitionSteps, transitionBegin, staircase, endValue]) =>
          () =>
            exponentialSchedule(
              defined({ initValue, factor, transitionSteps, transitionBegin, staircase, endValue }),
            ),
      ),
  ],
  [
    'cosine',
    fc
      .tuple(
        anyValue,
        count,
        optional(anyValue),
        optional(anyValue),
        optional(fc.constantFrom('clamp', 'periodic') as fc.Arbitrary<'clamp' | 'periodic'>),
      )
      .map(
        ([initValue, totalSteps, endValue, exponent, afterEnd]) =>
          () =>
            cosineSchedule(defined({ initValue, totalSteps, endValue, exponent, afterEnd })),
      ),
  ],
  [
    'cosineRestarts',
    fc.tuple(anyValue, count, optional(anyValue), optional(unit), optional(anyValue), optional(count)).map(
      ([initValue, periodSteps, periodMultiplier, peakDecay, endValue, maxCycles]) =>
        () =>
          cosineRestartsSchedule(
            defined({ initValue, periodSteps, periodMultiplier, peakDecay, endValue, maxCycles }),
          ),
    ),
  ],
  [
    'cyclic',
    fc
      .tuple(
        anyValue,
        anyValue,
        optional(count),
        optional(count),
        optional(
          fc.constantFrom('triangular', 'triangular2', 'expRange') as fc.Arbitrary<
            'triangular' | 'triangular2' | 'expRange'
          >,
        ),
        optional(unit),
      )
      .map(
        ([initValue, peakValue, stepsUp, stepsDown, mode, gamma]) =>
          () =>
            cyclicSchedule(defined({ initValue, peakValue, stepsUp, stepsDown, mode, gamma })),
      ),
  ],
  [
    'oneCycle',
    fc
      .tuple(
        anyValue,
        count,
        optional(unit),
        optional(anyValue),
        optional(anyValue),
        optional(fc.boolean()),
        optional(fc.constantFrom('pytorch', 'optax') as fc.Arbitrary<'pytorch' | 'optax'>),
        optional(fc.constantFrom('cos', 'linear') as fc.Arbitrary<'cos' | 'linear'>),
        optional(fc.constantFrom('clamp', 'extrapolate') as fc.Arbitrary<'clamp' | 'extrapolate'>),
      )
      .map(
        ([
          peakValue,
          totalSteps,
          pctStart,
          divFactor,
          finalDivFactor,
          threePhase,
          convention,
          annealStrategy,
          afterEnd,
        ]) =>
          () =>
            oneCycleSchedule(
              defined({
                peakValue,
                totalSteps,
                pctStart,
                divFactor,
                finalDivFactor,
                threePhase,
                convention,
                annealStrategy,
                afterEnd,
              }),
            ),
      ),
  ],
  [
    'inverseSqrt',
    fc.tuple(anyValue, optional(anyValue), optional(count)).map(
      ([initValue, timescale, transitionBegin]) =>
        () =>
          inverseSqrtSchedule(defined({ initValue, timescale, transitionBegin })),
    ),
  ],
  [
    'warmupStableDecay',
    fc
      .tuple(
        anyValue,
        count,
        count,
        count,
        optional(anyValue),
        optional(anyValue),
        optional(fc.constantFrom('linear', 'cosine') as fc.Arbitrary<'linear' | 'cosine'>),
        optional(fc.constantFrom('linear', 'cosine', 'sqrt') as fc.Arbitrary<'linear' | 'cosine' | 'sqrt'>),
      )
      .map(
        ([peakValue, warmupSteps, stableSteps, decaySteps, initValue, endValue, warmupType, decayType]) =>
          () =>
            warmupStableDecaySchedule(
              defined({
                peakValue,
                warmupSteps,
                stableSteps,
                decaySteps,
                initValue,
                endValue,
                warmupType,
                decayType,
              }),
            ),
      ),
  ],
  [
    'piecewiseConstant',
    fc.array(anyValue, { minLength: 1, maxLength: 5 }).map(
      (values) => () =>
        piecewiseConstantSchedule({
          boundaries: values.slice(1).map((_, index) => 10 * (index + 1)),
          values,
        }),
    ),
  ],
  [
    'piecewiseInterpolate',
    fc
      .tuple(
        fc.array(anyValue, { minLength: 1, maxLength: 5 }),
        fc.constantFrom('linear', 'cosine') as fc.Arbitrary<'linear' | 'cosine'>,
      )
      .map(
        ([values, interpolation]) =>
          () =>
            piecewiseInterpolateSchedule({
              boundaries: values.map((_, index) => 7 * index),
              values,
              interpolation,
            }),
      ),
  ],
  [
    'warmup',
    fc
      .tuple(
        inner,
        count,
        optional(anyValue),
        optional(unit),
        optional(fc.constantFrom('linear', 'exponential') as fc.Arbitrary<'linear' | 'exponential'>),
        optional(fc.constantFrom('prepend', 'overlay') as fc.Arbitrary<'prepend' | 'overlay'>),
        fc.boolean(),
      )
      .map(
        ([schedule, warmupSteps, initValue, startFactor, shape, placement, useFactor]) =>
          () =>
            warmupSchedule(
              defined({
                schedule,
                warmupSteps,
                initValue: useFactor ? undefined : initValue,
                startFactor: useFactor ? startFactor : undefined,
                shape,
                placement,
              }),
            ),
      ),
  ],
  [
    'sequence',
    fc.tuple(inner, inner, count).map(
      ([first, second, boundary]) =>
        () =>
          sequenceSchedule({ schedules: [first, second], boundaries: [boundary] }),
    ),
  ],
  [
    'scale',
    fc.tuple(inner, anyValue).map(
      ([schedule, factor]) =>
        () =>
          scaleSchedule({ schedule, factor }),
    ),
  ],
  [
    'clamp',
    fc.tuple(inner, optional(anyValue), anyValue).map(
      ([schedule, minValue, maxValue]) =>
        () =>
          clampSchedule(defined({ schedule, minValue, maxValue })),
    ),
  ],
]

describe('property: every accepted schedule returns finite values >= 0', () => {
  it.each(cases)('%s', (_name, arbitrary) => {
    fc.assert(
      fc.property(arbitrary, steps, (make, at) => finiteNonNegative(make, at)),
      RUNS,
    )
  })
})
