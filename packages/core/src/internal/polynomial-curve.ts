import type { Schedule } from '../schedules/types'
import { scheduleStep } from './validate'

/**
 * `endValue + (initValue − endValue)·(1 − clip(t − begin, 0, T)/T)^exponent`, clamped to
 * [min, max] of the two values (optax `polynomial_schedule`). Linear is `exponent = 1`.
 * @internal
 */
export function polynomialCurve(
  initValue: number,
  endValue: number,
  exponent: number,
  transitionSteps: number,
  transitionBegin: number,
): Schedule {
  const difference = initValue - endValue
  const lower = Math.min(initValue, endValue)
  const upper = Math.max(initValue, endValue)
  const transitionEnd = transitionBegin + transitionSteps
  if (exponent === 1) {
    // Linear: the same formula without a general power (x ** 1 costs a Math.pow call).
    return (step: number): number => {
      scheduleStep(step)
      if (step <= transitionBegin) return initValue
      if (step >= transitionEnd) return endValue
      const value = difference * (1 - (step - transitionBegin) / transitionSteps) + endValue
      return Math.min(Math.max(value, lower), upper)
    }
  }
  return (step: number): number => {
    scheduleStep(step)
    if (step <= transitionBegin) return initValue
    if (step >= transitionEnd) return endValue
    const value = difference * (1 - (step - transitionBegin) / transitionSteps) ** exponent + endValue
    return Math.min(Math.max(value, lower), upper)
  }
}
