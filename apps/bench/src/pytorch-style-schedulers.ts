/**
 * Baselines for the schedule benchmark: stateful, recursive ("chainable") schedulers written the way
 * PyTorch's `torch.optim.lr_scheduler` computes them — each `step()` derives the new rate from the
 * current one. They exist only to be measured against lrkit's closed forms in the same run.
 */
export interface RecursiveScheduler {
  /** Advances one optimizer step and returns the new learning rate. */
  step(): number
}

/** PyTorch `StepLR.get_lr()`: multiply by gamma when t > 0 and t mod stepSize = 0. */
export function recursiveStep(base: number, stepSize: number, gamma: number): RecursiveScheduler {
  let lr = base
  let t = 0
  return {
    step() {
      t += 1
      if (t % stepSize === 0) lr *= gamma
      return lr
    },
  }
}

/** PyTorch `MultiStepLR.get_lr()`: multiply by gamma at each milestone. */
export function recursiveMultiStep(
  base: number,
  milestones: readonly number[],
  gamma: number,
): RecursiveScheduler {
  const set = new Set(milestones)
  let lr = base
  let t = 0
  return {
    step() {
      t += 1
      if (set.has(t)) lr *= gamma
      return lr
    },
  }
}

/** PyTorch `ExponentialLR.get_lr()`. */
export function recursiveExponential(base: number, gamma: number): RecursiveScheduler {
  let lr = base
  return {
    step() {
      lr *= gamma
      return lr
    },
  }
}

/** PyTorch `LinearLR.get_lr()` (recursive ratio form). */
export function recursiveLinear(base: number, start: number, end: number, total: number): RecursiveScheduler {
  let lr = base * start
  let t = 0
  return {
    step() {
      t += 1
      if (t <= total) lr *= 1 + (end - start) / (total * start + (t - 1) * (end - start))
      return lr
    },
  }
}

/** PyTorch `PolynomialLR.get_lr()` (recursive ratio form). */
export function recursivePolynomial(base: number, total: number, power: number): RecursiveScheduler {
  let lr = base
  let t = 0
  return {
    step() {
      t += 1
      if (t <= total) lr *= ((1 - t / total) / (1 - (t - 1) / total)) ** power
      return lr
    },
  }
}

/** PyTorch `CosineAnnealingLR.get_lr()` (recursive form, with its special cases). */
export function recursiveCosine(base: number, etaMin: number, tMax: number): RecursiveScheduler {
  let lr = base
  let t = 0
  return {
    step() {
      t += 1
      if ((t - 1 - tMax) % (2 * tMax) === 0) {
        lr += ((base - etaMin) * (1 - Math.cos(Math.PI / tMax))) / 2
      } else {
        lr =
          ((1 + Math.cos((Math.PI * t) / tMax)) / (1 + Math.cos((Math.PI * (t - 1)) / tMax))) *
            (lr - etaMin) +
          etaMin
      }
      return lr
    },
  }
}

/** PyTorch `CosineAnnealingWarmRestarts.step()` (stateful T_cur / T_i). */
export function recursiveWarmRestarts(
  base: number,
  etaMin: number,
  t0: number,
  tMult: number,
): RecursiveScheduler {
  let tCur = 0
  let tI = t0
  return {
    step() {
      tCur += 1
      if (tCur >= tI) {
        tCur -= tI
        tI *= tMult
      }
      return etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * tCur) / tI))) / 2
    },
  }
}

/** PyTorch `CyclicLR.get_lr()` (triangular), evaluated per step from the step counter. */
export function statefulCyclic(
  baseLr: number,
  maxLr: number,
  stepsUp: number,
  stepsDown: number,
): RecursiveScheduler {
  const total = stepsUp + stepsDown
  const ratio = stepsUp / total
  let t = 0
  return {
    step() {
      t += 1
      const cycle = Math.floor(1 + t / total)
      const x = 1 + t / total - cycle
      const scale = x <= ratio ? x / ratio : (x - 1) / (ratio - 1)
      return baseLr + (maxLr - baseLr) * scale
    },
  }
}

/** PyTorch `OneCycleLR.get_lr()` (two phases, cos), walking its phase list each step. */
export function statefulOneCycle(maxLr: number, totalSteps: number, pctStart: number): RecursiveScheduler {
  const initial = maxLr / 25
  const minimum = initial / 1e4
  const phases = [
    { end: pctStart * totalSteps - 1, start: initial, stop: maxLr },
    { end: totalSteps - 1, start: maxLr, stop: minimum },
  ]
  let t = 0
  return {
    step() {
      t += 1
      let startStep = 0
      let lr = minimum
      for (let index = 0; index < phases.length; index++) {
        const phase = phases[index]!
        if (t <= phase.end || index === phases.length - 1) {
          const pct = (t - startStep) / (phase.end - startStep)
          lr = phase.stop + ((phase.start - phase.stop) * (Math.cos(Math.PI * pct) + 1)) / 2
          break
        }
        startStep = phase.end
      }
      return lr
    },
  }
}
