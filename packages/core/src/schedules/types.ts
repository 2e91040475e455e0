/**
 * A learning-rate schedule: a pure function of the 0-based optimizer step.
 *
 * Update k uses `schedule(k)`. Schedules are total for every finite `step >= 0` (fractional steps
 * allowed), return finite values ≥ 0 whenever their options are valid, and throw
 * `InvalidArgumentError` for a negative, NaN or infinite step.
 *
 * Equivalents: optax `Schedule` (`count -> value`), Keras `LearningRateSchedule.__call__(step)`,
 * PyTorch `LambdaLR`'s `lr_lambda` times the base rate.
 */
export type Schedule = (step: number) => number
