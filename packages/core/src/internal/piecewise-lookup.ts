import type { Schedule } from '../schedules/types'
import { scheduleStep } from './validate'

/**
 * `values[k(t)]` where k(t) counts the sorted `boundaries` ≤ t (`changeAt: 'boundary'`) or < t
 * (`'afterBoundary'`), found by binary search; `values.length = boundaries.length + 1`. Repeated
 * boundaries count once each (PyTorch `MultiStepLR` milestones).
 * @internal
 */
export function piecewiseLookup(
  boundaries: Float64Array,
  values: Float64Array,
  changeAt: 'boundary' | 'afterBoundary',
): Schedule {
  const count = boundaries.length
  const inclusive = changeAt === 'boundary'
  return (step: number): number => {
    scheduleStep(step)
    let low = 0
    let high = count
    while (low < high) {
      const middle = (low + high) >>> 1
      const boundary = boundaries[middle]!
      if (boundary < step || (inclusive && boundary === step)) low = middle + 1
      else high = middle
    }
    return values[low]!
  }
}
