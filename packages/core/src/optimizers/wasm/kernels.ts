// @ts-nocheck -- AssemblyScript source (f32, usize, v128 builtins), not TypeScript. It is compiled
// by `scripts/build-wasm.mjs` into `kernels-wasm.generated.ts`; no TypeScript code imports it.
/**
 * WebAssembly SIMD optimizer kernels (AssemblyScript 0.28, `--enable simd`).
 *
 * Every export updates `n` float32 elements in place. Pointers are byte offsets into the imported
 * memory; the JS side (`kernels/wasm-kernels.ts`) passes them with the per-step scalars (bias
 * corrections, −lr, 1 − β, …) already computed, so nothing is recomputed per element.
 *
 * Rounding: bit-identical to the JS kernels (`kernels/js-kernels.ts`; Adam's `…Fast` exports
 * excepted, see below), which reproduce PyTorch's
 * float32 CPU kernels. Plain operations are float32 (`f32x4`); where PyTorch's vectorised kernels
 * fuse a multiply and an add (`add(x, alpha)`, `addcmul`, momentum and moment updates) the
 * product-plus-sum is computed in float64 and rounded once to float32 (`Wide.fma`: the product of
 * two float32 values is exact in float64), exactly as the JS kernels' `Math.fround(a + b * c)`.
 * The 4-lane body and the scalar tail (the last `n mod 4` elements) use the same operations.
 *
 * Loops run 8 elements per iteration (two independent 4-lane vectors), then at most one 4-lane
 * vector, then the scalar tail. The per-element bodies are static `@inline` methods (forced
 * inlining; decorators are only valid TypeScript syntax on class members). Flags PyTorch checks
 * once per tensor (weight decay, momentum, centered) are loop-invariant and compile to `select`s
 * or predictable branches, except for Adam, the hot path: one export per flag combination, each a
 * loop specialised at compile time.
 */

/** First byte after the module's static data: where the JS bump allocator may start. */
export function heapBase(): usize {
  return __heap_base
}

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Wide {
  /** Lanes 0–1 of a float32 vector as float64. */
  @inline
  static low(x: v128): v128 {
    return f64x2.promote_low_f32x4(x)
  }

  /** Lanes 2–3 of a float32 vector as float64. */
  @inline
  static high(x: v128): v128 {
    return f64x2.promote_low_f32x4(f32x4.shuffle(x, x, 2, 3, 2, 3))
  }

  /** Two float64 vectors (lanes 0–1, 2–3) rounded to one float32 vector. */
  @inline
  static narrow(low: v128, high: v128): v128 {
    return f32x4.shuffle(f32x4.demote_f64x2_zero(low), f32x4.demote_f64x2_zero(high), 0, 1, 4, 5)
  }

  /** `fround(a + b·c)` per lane for float32 vectors a, b, c (one float64 rounding, then float32). */
  @inline
  static fma(a: v128, b: v128, c: v128): v128 {
    return Wide.narrow(
      f64x2.add(Wide.low(a), f64x2.mul(Wide.low(b), Wide.low(c))),
      f64x2.add(Wide.high(a), f64x2.mul(Wide.high(b), Wide.high(c))),
    )
  }

  /** `fround(a + s·c)` per lane with `s` a float32 scalar already splatted as float64 (`f64x2`). */
  @inline
  static fmaScalar(a: v128, s: v128, c: v128): v128 {
    return Wide.narrow(
      f64x2.add(Wide.low(a), f64x2.mul(s, Wide.low(c))),
      f64x2.add(Wide.high(a), f64x2.mul(s, Wide.high(c))),
    )
  }

  /** Scalar `fround(a + b·c)`. */
  @inline
  static fmaTail(a: f32, b: f32, c: f32): f32 {
    return <f32>(<f64>a + <f64>b * <f64>c)
  }
}

// ---------------------------------------------------------------------------------------------
// SGD (torch.optim.SGD): g' = g + wd·p (wd ≠ 0); momentum: b = g' on the first step, else
// b = b·μ + (1 − τ)·g'; d = g' + μ·b (Nesterov) or b; no momentum: d = g'. p = p + (−lr)·d.

const SGD_L2 = 1
const SGD_MOMENTUM = 2
const SGD_FIRST = 4
const SGD_NESTEROV = 8
/** Fast rounding: every operation in float32 (no float64 fused multiply-adds). */
const SGD_FAST = 16
/**
 * Exact rounding with dampening 0 (1 − τ = 1): the momentum update b·μ + 1·g has an exact product, so
 * the float32 sum is already the fused result; only the parameter update needs float64.
 */
const SGD_UNIT_DAMP = 32

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Sgd {
  @inline
  static lanes(
    p: usize,
    g: usize,
    b: usize,
    negLr: v128,
    wd: v128,
    momentum: v128,
    momentumWide: v128,
    damp: v128,
    flags: i32,
  ): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    if (flags & SGD_FAST) {
      // negLr, wd and damp arrive as float32 vectors here (see `sgdLoop`).
      if (flags & SGD_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
      if (flags & SGD_MOMENTUM) {
        const bv = flags & SGD_FIRST ? gv : f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.mul(damp, gv))
        v128.store(b, bv)
        gv = flags & SGD_NESTEROV ? f32x4.add(gv, f32x4.mul(momentum, bv)) : bv
      }
      v128.store(p, f32x4.add(pv, f32x4.mul(negLr, gv)))
      return
    }
    if (flags & SGD_L2) gv = Wide.fmaScalar(gv, wd, pv)
    if (flags & SGD_MOMENTUM) {
      const decayed = f32x4.mul(v128.load(b), momentum)
      const bv =
        flags & SGD_FIRST
          ? gv
          : flags & SGD_UNIT_DAMP
            ? f32x4.add(decayed, gv)
            : Wide.fmaScalar(decayed, damp, gv)
      v128.store(b, bv)
      gv = flags & SGD_NESTEROV ? Wide.fmaScalar(gv, momentumWide, bv) : bv
    }
    v128.store(p, Wide.fmaScalar(pv, negLr, gv))
  }

  @inline
  static tail(p: usize, g: usize, b: usize, negLr: f32, wd: f32, momentum: f32, damp: f32, flags: i32): void {
    const pv = load<f32>(p)
    let gv = load<f32>(g)
    if (flags & SGD_FAST) {
      if (flags & SGD_L2) gv = gv + wd * pv
      if (flags & SGD_MOMENTUM) {
        const bv = flags & SGD_FIRST ? gv : load<f32>(b) * momentum + damp * gv
        store<f32>(b, bv)
        gv = flags & SGD_NESTEROV ? gv + momentum * bv : bv
      }
      store<f32>(p, pv + negLr * gv)
      return
    }
    if (flags & SGD_L2) gv = Wide.fmaTail(gv, wd, pv)
    if (flags & SGD_MOMENTUM) {
      const bv = flags & SGD_FIRST ? gv : Wide.fmaTail(load<f32>(b) * momentum, damp, gv)
      store<f32>(b, bv)
      gv = flags & SGD_NESTEROV ? Wide.fmaTail(gv, momentum, bv) : bv
    }
    store<f32>(p, Wide.fmaTail(pv, negLr, gv))
  }

  /** The SGD loop; `flags` carries SGD_FAST as a compile-time constant from each export. */
  @inline
  static loop(
    p: usize,
    g: usize,
    b: usize,
    n: i32,
    negLr: f32,
    wd: f32,
    momentum: f32,
    damp: f32,
    flags: i32,
  ): void {
    const fast = flags & SGD_FAST
    // Fast: float32 splats of the scalars; exact: float64 splats for the fused multiply-adds.
    const negLrS = fast ? f32x4.splat(negLr) : f64x2.splat(<f64>negLr)
    const wdS = fast ? f32x4.splat(wd) : f64x2.splat(<f64>wd)
    const momentumV = f32x4.splat(momentum)
    const momentumW = f64x2.splat(<f64>momentum)
    const dampS = fast ? f32x4.splat(damp) : f64x2.splat(<f64>damp)
    const bytes = (<usize>n) << 2
    const end8 = bytes & ~(<usize>31)
    let i: usize = 0
    for (; i < end8; i += 32) {
      Sgd.lanes(p + i, g + i, b + i, negLrS, wdS, momentumV, momentumW, dampS, flags)
      Sgd.lanes(p + i + 16, g + i + 16, b + i + 16, negLrS, wdS, momentumV, momentumW, dampS, flags)
    }
    if (bytes - i >= 16) {
      Sgd.lanes(p + i, g + i, b + i, negLrS, wdS, momentumV, momentumW, dampS, flags)
      i += 16
    }
    for (; i < bytes; i += 4) Sgd.tail(p + i, g + i, b + i, negLr, wd, momentum, damp, flags)
  }
}

/**
 * SGD. `flags`: 1 = L2 weight decay, 2 = momentum (`b` used), 4 = first momentum step (b = g'),
 * 8 = Nesterov. `damp` = 1 − dampening.
 */
export function sgd(
  p: usize,
  g: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  momentum: f32,
  damp: f32,
  flags: i32,
): void {
  Sgd.loop(p, g, b, n, negLr, wd, momentum, damp, flags & ~(SGD_FAST | SGD_UNIT_DAMP))
}

/**
 * Exact SGD for dampening 0 (`damp` = 1), with the momentum update in float32 (exact there); same
 * arguments as {@link sgd}.
 */
export function sgdUnitDamp(
  p: usize,
  g: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  momentum: f32,
  damp: f32,
  flags: i32,
): void {
  Sgd.loop(p, g, b, n, negLr, wd, momentum, damp, (flags & ~SGD_FAST) | SGD_UNIT_DAMP)
}

/** SGD with fast rounding (every operation in float32); same arguments as {@link sgd}. */
export function sgdFast(
  p: usize,
  g: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  momentum: f32,
  damp: f32,
  flags: i32,
): void {
  Sgd.loop(p, g, b, n, negLr, wd, momentum, damp, (flags | SGD_FAST) & ~SGD_UNIT_DAMP)
}

// ---------------------------------------------------------------------------------------------
// Adam / AdamW (torch.optim.Adam, single-tensor path):
//   AdamW: p = p·decay (decay = 1 − lr·wd); Adam L2: g' = g + wd·p
//   m = m·β1 + (1 − β1)·g'; v = v·β2 + ((1 − β2)·g')·g'; AMSGrad: v̂ = max(v̂, v), else v̂ = v
//   denom = √v̂ / √(1 − β2ᵗ) + ε; p = p + ((−lr/(1 − β1ᵗ))·m) / denom
// Exact variants round like the JS kernels (m and v updates fused). Fast variants (`…Fast`) round
// every operation to float32 and multiply √v̂ by 1/√(1 − β2ᵗ) instead of dividing: no float64
// conversions and one division per element fewer (√ and division share the slow divider unit),
// within a few float32 ulps of the exact result per step.

const ADAM_L2 = 1
const ADAM_AMSGRAD = 2
const ADAM_DECOUPLED = 4
const ADAM_FAST = 8

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Adam {
  @inline
  static lanes(
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    mx: usize,
    decay: v128,
    wd: v128,
    wdWide: v128,
    beta1: v128,
    oneMinusBeta1: v128,
    oneMinusBeta1Wide: v128,
    beta2: v128,
    oneMinusBeta2: v128,
    negStepSize: v128,
    bc2Sqrt: v128,
    inverseBc2Sqrt: v128,
    eps: v128,
    flags: i32,
  ): void {
    let pv = v128.load(p)
    if (flags & ADAM_DECOUPLED) pv = f32x4.mul(pv, decay)
    let gv = v128.load(g)
    let mv: v128
    let vv: v128
    if (flags & ADAM_FAST) {
      if (flags & ADAM_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
      mv = f32x4.add(f32x4.mul(v128.load(m), beta1), f32x4.mul(oneMinusBeta1, gv))
      vv = f32x4.add(f32x4.mul(v128.load(v), beta2), f32x4.mul(f32x4.mul(oneMinusBeta2, gv), gv))
    } else {
      if (flags & ADAM_L2) gv = Wide.fmaScalar(gv, wdWide, pv)
      mv = Wide.fmaScalar(f32x4.mul(v128.load(m), beta1), oneMinusBeta1Wide, gv)
      vv = Wide.fma(f32x4.mul(v128.load(v), beta2), f32x4.mul(oneMinusBeta2, gv), gv)
    }
    v128.store(m, mv)
    v128.store(v, vv)
    let sv = vv
    if (flags & ADAM_AMSGRAD) {
      const previous = v128.load(mx)
      sv = v128.bitselect(previous, vv, f32x4.gt(previous, vv))
      v128.store(mx, sv)
    }
    const root = f32x4.sqrt(sv)
    const scaled = flags & ADAM_FAST ? f32x4.mul(root, inverseBc2Sqrt) : f32x4.div(root, bc2Sqrt)
    const denom = f32x4.add(scaled, eps)
    v128.store(p, f32x4.add(pv, f32x4.div(f32x4.mul(negStepSize, mv), denom)))
  }

  @inline
  static tail(
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    mx: usize,
    decay: f32,
    wd: f32,
    beta1: f32,
    oneMinusBeta1: f32,
    beta2: f32,
    oneMinusBeta2: f32,
    negStepSize: f32,
    bc2Sqrt: f32,
    inverseBc2Sqrt: f32,
    eps: f32,
    flags: i32,
  ): void {
    let pv = load<f32>(p)
    if (flags & ADAM_DECOUPLED) pv = pv * decay
    let gv = load<f32>(g)
    let mv: f32
    let vv: f32
    if (flags & ADAM_FAST) {
      if (flags & ADAM_L2) gv = gv + wd * pv
      mv = load<f32>(m) * beta1 + oneMinusBeta1 * gv
      vv = load<f32>(v) * beta2 + oneMinusBeta2 * gv * gv
    } else {
      if (flags & ADAM_L2) gv = Wide.fmaTail(gv, wd, pv)
      mv = Wide.fmaTail(load<f32>(m) * beta1, oneMinusBeta1, gv)
      vv = Wide.fmaTail(load<f32>(v) * beta2, oneMinusBeta2 * gv, gv)
    }
    store<f32>(m, mv)
    store<f32>(v, vv)
    let sv = vv
    if (flags & ADAM_AMSGRAD) {
      const previous = load<f32>(mx)
      if (previous > vv) sv = previous
      store<f32>(mx, sv)
    }
    const root = sqrt<f32>(sv)
    const scaled = flags & ADAM_FAST ? root * inverseBc2Sqrt : root / bc2Sqrt
    store<f32>(p, pv + (negStepSize * mv) / (scaled + eps))
  }

  @inline
  static loop(
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    mx: usize,
    n: i32,
    decay: f32,
    wd: f32,
    beta1: f32,
    oneMinusBeta1: f32,
    beta2: f32,
    oneMinusBeta2: f32,
    negStepSize: f32,
    bc2Sqrt: f32,
    eps: f32,
    flags: i32,
  ): void {
    const inverse = <f32>(1 / <f64>bc2Sqrt)
    const decayV = f32x4.splat(decay)
    const wdV = f32x4.splat(wd)
    const wdW = f64x2.splat(<f64>wd)
    const b1 = f32x4.splat(beta1)
    const c1 = f32x4.splat(oneMinusBeta1)
    const c1W = f64x2.splat(<f64>oneMinusBeta1)
    const b2 = f32x4.splat(beta2)
    const c2 = f32x4.splat(oneMinusBeta2)
    const stepV = f32x4.splat(negStepSize)
    const bc2V = f32x4.splat(bc2Sqrt)
    const inverseV = f32x4.splat(inverse)
    const epsV = f32x4.splat(eps)
    const bytes = (<usize>n) << 2
    const end8 = bytes & ~(<usize>31)
    let i: usize = 0
    if (flags & ADAM_FAST) {
      // Fast rounding: sixteen elements per iteration, so the √ and division latencies of one group
      // overlap the loads of the next.
      const end16 = bytes & ~(<usize>63)
      for (; i < end16; i += 64) {
        Adam.lanes(
          p + i,
          g + i,
          m + i,
          v + i,
          mx + i,
          decayV,
          wdV,
          wdW,
          b1,
          c1,
          c1W,
          b2,
          c2,
          stepV,
          bc2V,
          inverseV,
          epsV,
          flags,
        )
        Adam.lanes(
          p + i + 16,
          g + i + 16,
          m + i + 16,
          v + i + 16,
          mx + i + 16,
          decayV,
          wdV,
          wdW,
          b1,
          c1,
          c1W,
          b2,
          c2,
          stepV,
          bc2V,
          inverseV,
          epsV,
          flags,
        )
        Adam.lanes(
          p + i + 32,
          g + i + 32,
          m + i + 32,
          v + i + 32,
          mx + i + 32,
          decayV,
          wdV,
          wdW,
          b1,
          c1,
          c1W,
          b2,
          c2,
          stepV,
          bc2V,
          inverseV,
          epsV,
          flags,
        )
        Adam.lanes(
          p + i + 48,
          g + i + 48,
          m + i + 48,
          v + i + 48,
          mx + i + 48,
          decayV,
          wdV,
          wdW,
          b1,
          c1,
          c1W,
          b2,
          c2,
          stepV,
          bc2V,
          inverseV,
          epsV,
          flags,
        )
      }
    }
    for (; i < end8; i += 32) {
      Adam.lanes(
        p + i,
        g + i,
        m + i,
        v + i,
        mx + i,
        decayV,
        wdV,
        wdW,
        b1,
        c1,
        c1W,
        b2,
        c2,
        stepV,
        bc2V,
        inverseV,
        epsV,
        flags,
      )
      const j = i + 16
      Adam.lanes(
        p + j,
        g + j,
        m + j,
        v + j,
        mx + j,
        decayV,
        wdV,
        wdW,
        b1,
        c1,
        c1W,
        b2,
        c2,
        stepV,
        bc2V,
        inverseV,
        epsV,
        flags,
      )
    }
    if (bytes - i >= 16) {
      Adam.lanes(
        p + i,
        g + i,
        m + i,
        v + i,
        mx + i,
        decayV,
        wdV,
        wdW,
        b1,
        c1,
        c1W,
        b2,
        c2,
        stepV,
        bc2V,
        inverseV,
        epsV,
        flags,
      )
      i += 16
    }
    for (; i < bytes; i += 4) {
      Adam.tail(
        p + i,
        g + i,
        m + i,
        v + i,
        mx + i,
        decay,
        wd,
        beta1,
        oneMinusBeta1,
        beta2,
        oneMinusBeta2,
        negStepSize,
        bc2Sqrt,
        inverse,
        eps,
        flags,
      )
    }
  }
}

// One export per flag combination, each a loop specialised at compile time (separate functions:
// a switch over constant flags in one function is folded back into a single generic loop).

/** Adam without weight decay (`decay`, `wd` unused). */
export function adam(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = 0
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with L2 weight decay (g' = g + wd·p). */
export function adamL2(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_L2
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** AdamW (p = p·decay first). */
export function adamDecoupled(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_DECOUPLED
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with AMSGrad (`mx` used), no weight decay. */
export function adamAmsgrad(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with AMSGrad and L2 weight decay. */
export function adamAmsgradL2(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD | ADAM_L2
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** AdamW with AMSGrad. */
export function adamAmsgradDecoupled(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD | ADAM_DECOUPLED
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam without weight decay (`decay`, `wd` unused), fast rounding. */
export function adamFast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with L2 weight decay (g' = g + wd·p), fast rounding. */
export function adamL2Fast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_L2 | ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** AdamW (p = p·decay first), fast rounding. */
export function adamDecoupledFast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_DECOUPLED | ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with AMSGrad (`mx` used), no weight decay, fast rounding. */
export function adamAmsgradFast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD | ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** Adam with AMSGrad and L2 weight decay, fast rounding. */
export function adamAmsgradL2Fast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD | ADAM_L2 | ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

/** AdamW with AMSGrad, fast rounding. */
export function adamAmsgradDecoupledFast(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
): void {
  const flags = ADAM_AMSGRAD | ADAM_DECOUPLED | ADAM_FAST
  Adam.loop(
    p,
    g,
    m,
    v,
    mx,
    n,
    decay,
    wd,
    beta1,
    oneMinusBeta1,
    beta2,
    oneMinusBeta2,
    negStepSize,
    bc2Sqrt,
    eps,
    flags,
  )
}

// ---------------------------------------------------------------------------------------------
// RMSProp (torch.optim.RMSprop, ε outside the square root):
//   g' = g + wd·p; s = s·α + ((1 − α)·g')·g'
//   centered: ḡ = ḡ·α + (1 − α)·g', a = √(s − ḡ·ḡ) + ε; else a = √s + ε
//   momentum: b = b·μ + g'/a, p = p + (−lr)·b; else p = p + ((−lr)·g')/a

const RMSPROP_L2 = 1
const RMSPROP_CENTERED = 2
const RMSPROP_MOMENTUM = 4
/** Fast rounding: every operation in float32. */
const RMSPROP_FAST = 8

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Rmsprop {
  @inline
  static lanes(
    p: usize,
    g: usize,
    s: usize,
    ga: usize,
    b: usize,
    negLr: v128,
    negLrWide: v128,
    wd: v128,
    alpha: v128,
    oneMinusAlpha: v128,
    oneMinusAlphaWide: v128,
    eps: v128,
    momentum: v128,
    flags: i32,
  ): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    const fast = flags & RMSPROP_FAST
    // Fast: `wd` is a float32 vector (see `rmspropLoop`) and every operation rounds to float32.
    if (flags & RMSPROP_L2) gv = fast ? f32x4.add(gv, f32x4.mul(wd, pv)) : Wide.fmaScalar(gv, wd, pv)
    const sAlpha = f32x4.mul(v128.load(s), alpha)
    const sv = fast
      ? f32x4.add(sAlpha, f32x4.mul(f32x4.mul(oneMinusAlpha, gv), gv))
      : Wide.fma(sAlpha, f32x4.mul(oneMinusAlpha, gv), gv)
    v128.store(s, sv)
    let av = sv
    if (flags & RMSPROP_CENTERED) {
      const gaAlpha = f32x4.mul(v128.load(ga), alpha)
      const gav = fast
        ? f32x4.add(gaAlpha, f32x4.mul(oneMinusAlpha, gv))
        : Wide.fmaScalar(gaAlpha, oneMinusAlphaWide, gv)
      v128.store(ga, gav)
      av = fast ? f32x4.sub(sv, f32x4.mul(gav, gav)) : Wide.fma(sv, f32x4.neg(gav), gav)
    }
    av = f32x4.add(f32x4.sqrt(av), eps)
    if (flags & RMSPROP_MOMENTUM) {
      const bv = f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.div(gv, av))
      v128.store(b, bv)
      v128.store(p, fast ? f32x4.add(pv, f32x4.mul(negLr, bv)) : Wide.fmaScalar(pv, negLrWide, bv))
    } else {
      v128.store(p, f32x4.add(pv, f32x4.div(f32x4.mul(negLr, gv), av)))
    }
  }

  @inline
  static tail(
    p: usize,
    g: usize,
    s: usize,
    ga: usize,
    b: usize,
    negLr: f32,
    wd: f32,
    alpha: f32,
    oneMinusAlpha: f32,
    eps: f32,
    momentum: f32,
    flags: i32,
  ): void {
    const pv = load<f32>(p)
    let gv = load<f32>(g)
    const fast = flags & RMSPROP_FAST
    if (flags & RMSPROP_L2) gv = fast ? gv + wd * pv : Wide.fmaTail(gv, wd, pv)
    const sv = fast
      ? load<f32>(s) * alpha + oneMinusAlpha * gv * gv
      : Wide.fmaTail(load<f32>(s) * alpha, oneMinusAlpha * gv, gv)
    store<f32>(s, sv)
    let av = sv
    if (flags & RMSPROP_CENTERED) {
      const gav = fast
        ? load<f32>(ga) * alpha + oneMinusAlpha * gv
        : Wide.fmaTail(load<f32>(ga) * alpha, oneMinusAlpha, gv)
      store<f32>(ga, gav)
      av = fast ? sv - gav * gav : Wide.fmaTail(sv, -gav, gav)
    }
    av = sqrt<f32>(av) + eps
    if (flags & RMSPROP_MOMENTUM) {
      const bv = load<f32>(b) * momentum + gv / av
      store<f32>(b, bv)
      store<f32>(p, fast ? pv + negLr * bv : Wide.fmaTail(pv, negLr, bv))
    } else {
      store<f32>(p, pv + (negLr * gv) / av)
    }
  }

  /** The RMSProp loop; `flags` carries RMSPROP_FAST as a compile-time constant from each export. */
  @inline
  static loop(
    p: usize,
    g: usize,
    s: usize,
    ga: usize,
    b: usize,
    n: i32,
    negLr: f32,
    wd: f32,
    alpha: f32,
    oneMinusAlpha: f32,
    eps: f32,
    momentum: f32,
    flags: i32,
  ): void {
    const negLrV = f32x4.splat(negLr)
    const negLrW = f64x2.splat(<f64>negLr)
    // Fast: the L2 term is a float32 product, so `wd` travels as a float32 vector.
    const wdW = flags & RMSPROP_FAST ? f32x4.splat(wd) : f64x2.splat(<f64>wd)
    const alphaV = f32x4.splat(alpha)
    const cV = f32x4.splat(oneMinusAlpha)
    const cW = f64x2.splat(<f64>oneMinusAlpha)
    const epsV = f32x4.splat(eps)
    const momentumV = f32x4.splat(momentum)
    const bytes = (<usize>n) << 2
    const end8 = bytes & ~(<usize>31)
    let i: usize = 0
    for (; i < end8; i += 32) {
      Rmsprop.lanes(
        p + i,
        g + i,
        s + i,
        ga + i,
        b + i,
        negLrV,
        negLrW,
        wdW,
        alphaV,
        cV,
        cW,
        epsV,
        momentumV,
        flags,
      )
      const j = i + 16
      Rmsprop.lanes(
        p + j,
        g + j,
        s + j,
        ga + j,
        b + j,
        negLrV,
        negLrW,
        wdW,
        alphaV,
        cV,
        cW,
        epsV,
        momentumV,
        flags,
      )
    }
    if (bytes - i >= 16) {
      Rmsprop.lanes(
        p + i,
        g + i,
        s + i,
        ga + i,
        b + i,
        negLrV,
        negLrW,
        wdW,
        alphaV,
        cV,
        cW,
        epsV,
        momentumV,
        flags,
      )
      i += 16
    }
    for (; i < bytes; i += 4) {
      Rmsprop.tail(p + i, g + i, s + i, ga + i, b + i, negLr, wd, alpha, oneMinusAlpha, eps, momentum, flags)
    }
  }
}

/** RMSProp. `flags`: 1 = L2 weight decay, 2 = centered (`ga` used), 4 = momentum (`b` used). */
export function rmsprop(
  p: usize,
  g: usize,
  s: usize,
  ga: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  alpha: f32,
  oneMinusAlpha: f32,
  eps: f32,
  momentum: f32,
  flags: i32,
): void {
  Rmsprop.loop(p, g, s, ga, b, n, negLr, wd, alpha, oneMinusAlpha, eps, momentum, flags & ~RMSPROP_FAST)
}

/** RMSProp with fast rounding (every operation in float32); same arguments as {@link rmsprop}. */
export function rmspropFast(
  p: usize,
  g: usize,
  s: usize,
  ga: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  alpha: f32,
  oneMinusAlpha: f32,
  eps: f32,
  momentum: f32,
  flags: i32,
): void {
  Rmsprop.loop(p, g, s, ga, b, n, negLr, wd, alpha, oneMinusAlpha, eps, momentum, flags | RMSPROP_FAST)
}

// ---------------------------------------------------------------------------------------------
// Adagrad (torch.optim.Adagrad): g' = g + wd·p; S = S + g'·g'; p = p + ((−clr)·g')/(√S + ε)

const ADAGRAD_L2 = 1
/** Fast rounding: every operation in float32. */
const ADAGRAD_FAST = 2

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Adagrad {
  @inline
  static lanes(p: usize, g: usize, s: usize, negLr: v128, wd: v128, eps: v128, flags: i32): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    const fast = flags & ADAGRAD_FAST
    // Fast: `wd` is a float32 vector (see `adagradLoop`) and every operation rounds to float32.
    if (flags & ADAGRAD_L2) gv = fast ? f32x4.add(gv, f32x4.mul(wd, pv)) : Wide.fmaScalar(gv, wd, pv)
    const sv = fast ? f32x4.add(v128.load(s), f32x4.mul(gv, gv)) : Wide.fma(v128.load(s), gv, gv)
    v128.store(s, sv)
    v128.store(p, f32x4.add(pv, f32x4.div(f32x4.mul(negLr, gv), f32x4.add(f32x4.sqrt(sv), eps))))
  }

  @inline
  static tail(p: usize, g: usize, s: usize, negLr: f32, wd: f32, eps: f32, flags: i32): void {
    const pv = load<f32>(p)
    let gv = load<f32>(g)
    const fast = flags & ADAGRAD_FAST
    if (flags & ADAGRAD_L2) gv = fast ? gv + wd * pv : Wide.fmaTail(gv, wd, pv)
    const sv = fast ? load<f32>(s) + gv * gv : Wide.fmaTail(load<f32>(s), gv, gv)
    store<f32>(s, sv)
    store<f32>(p, pv + (negLr * gv) / (sqrt<f32>(sv) + eps))
  }

  /** The Adagrad loop; `flags` carries ADAGRAD_FAST as a compile-time constant from each export. */
  @inline
  static loop(p: usize, g: usize, s: usize, n: i32, negLr: f32, wd: f32, eps: f32, flags: i32): void {
    const negLrV = f32x4.splat(negLr)
    const wdW = flags & ADAGRAD_FAST ? f32x4.splat(wd) : f64x2.splat(<f64>wd)
    const epsV = f32x4.splat(eps)
    const bytes = (<usize>n) << 2
    const end8 = bytes & ~(<usize>31)
    let i: usize = 0
    for (; i < end8; i += 32) {
      Adagrad.lanes(p + i, g + i, s + i, negLrV, wdW, epsV, flags)
      Adagrad.lanes(p + i + 16, g + i + 16, s + i + 16, negLrV, wdW, epsV, flags)
    }
    if (bytes - i >= 16) {
      Adagrad.lanes(p + i, g + i, s + i, negLrV, wdW, epsV, flags)
      i += 16
    }
    for (; i < bytes; i += 4) Adagrad.tail(p + i, g + i, s + i, negLr, wd, eps, flags)
  }
}

/** Adagrad; `negLr` is −clr (the decayed rate). `flags`: 1 = L2 weight decay. */
export function adagrad(
  p: usize,
  g: usize,
  s: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  eps: f32,
  flags: i32,
): void {
  Adagrad.loop(p, g, s, n, negLr, wd, eps, flags & ~ADAGRAD_FAST)
}

/** Adagrad with fast rounding (every operation in float32); same arguments as {@link adagrad}. */
export function adagradFast(
  p: usize,
  g: usize,
  s: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  eps: f32,
  flags: i32,
): void {
  Adagrad.loop(p, g, s, n, negLr, wd, eps, flags | ADAGRAD_FAST)
}

// ---------------------------------------------------------------------------------------------
// Lion (optax.lion): c = (1 − β1)·g + β1·m; u = sign(c) + wd·p (wd ≠ 0); p = p + (−lr)·u;
// m = (1 − β2)·g + β2·m, every operation rounded to float32 (no fused steps, as the JS kernels).
// sign(±0) = ±0 and sign(NaN) = NaN, as Math.sign (see Lion.lanes for the vector form).

const LION_DECAY = 1

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Lion {
  @inline
  static lanes(
    p: usize,
    g: usize,
    m: usize,
    negLr: v128,
    wd: v128,
    beta1: v128,
    oneMinusBeta1: v128,
    beta2: v128,
    oneMinusBeta2: v128,
    flags: i32,
  ): void {
    const pv = v128.load(p)
    const gv = v128.load(g)
    const mv = v128.load(m)
    const c = f32x4.add(f32x4.mul(oneMinusBeta1, gv), f32x4.mul(beta1, mv))
    // sign(c) = clamp(c · 2¹²⁷ · 2¹²⁷, −1, 1): every non-zero float32 (the smallest subnormal too)
    // scales to |x| ≥ 1 and clamps to ±1, ±0 stays ±0, and with this operand order of pmax/pmin
    // (`a < b ? b : a` / `b < a ? b : a`) NaN passes through, as Math.sign. Four single-instruction
    // operations instead of two compares and two blends.
    const huge = f32x4.splat(1.7014118346046923e38)
    const scaled = f32x4.mul(f32x4.mul(c, huge), huge)
    let u = f32x4.pmin(f32x4.pmax(scaled, f32x4.splat(-1)), f32x4.splat(1))
    if (flags & LION_DECAY) u = f32x4.add(u, f32x4.mul(wd, pv))
    v128.store(p, f32x4.add(pv, f32x4.mul(negLr, u)))
    v128.store(m, f32x4.add(f32x4.mul(oneMinusBeta2, gv), f32x4.mul(beta2, mv)))
  }

  @inline
  static tail(
    p: usize,
    g: usize,
    m: usize,
    negLr: f32,
    wd: f32,
    beta1: f32,
    oneMinusBeta1: f32,
    beta2: f32,
    oneMinusBeta2: f32,
    flags: i32,
  ): void {
    const pv = load<f32>(p)
    const gv = load<f32>(g)
    const mv = load<f32>(m)
    const c = oneMinusBeta1 * gv + beta1 * mv
    let u: f32 = c > 0 ? 1 : c < 0 ? -1 : c * 0
    if (flags & LION_DECAY) u = u + wd * pv
    store<f32>(p, pv + negLr * u)
    store<f32>(m, oneMinusBeta2 * gv + beta2 * mv)
  }
}

/** Lion with decoupled weight decay (multiplied by the learning rate, as optax). `flags`: 1 = wd ≠ 0. */
export function lion(
  p: usize,
  g: usize,
  m: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  beta1: f32,
  oneMinusBeta1: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  flags: i32,
): void {
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const b1 = f32x4.splat(beta1)
  const c1 = f32x4.splat(oneMinusBeta1)
  const b2 = f32x4.splat(beta2)
  const c2 = f32x4.splat(oneMinusBeta2)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    Lion.lanes(p + i, g + i, m + i, negLrV, wdV, b1, c1, b2, c2, flags)
    Lion.lanes(p + i + 16, g + i + 16, m + i + 16, negLrV, wdV, b1, c1, b2, c2, flags)
  }
  if (bytes - i >= 16) {
    Lion.lanes(p + i, g + i, m + i, negLrV, wdV, b1, c1, b2, c2, flags)
    i += 16
  }
  for (; i < bytes; i += 4)
    Lion.tail(p + i, g + i, m + i, negLr, wd, beta1, oneMinusBeta1, beta2, oneMinusBeta2, flags)
}

// ---------------------------------------------------------------------------------------------
// Gradient passes the optimizer runs before the update (PyTorch's `_amp_foreach_non_finite_check`
// and `clip_grad_norm_` / `clip_grad_value_`, optax `apply_if_finite` and `clip_by_global_norm`):
// one read of the gradients gives the non-finite check and the clipping statistics; the gradients
// are rewritten in place only when clipping changes them. Sixteen elements per iteration in four
// independent accumulators, so the reductions run at memory speed instead of at the latency of one
// dependency chain.

/**
 * max |g| over n elements; NaN when any element is NaN, +∞ when any is infinite (and none is NaN):
 * the result is finite exactly when every element is. Computed on the bit patterns: with the sign
 * bit cleared, float32 values order like unsigned integers (+0 < … < max < +∞ < NaN), so one `and`
 * and one `i32x4.max_u` per four elements (wasm's `f32x4.max` must propagate NaN and order −0/+0,
 * which x86 has no single instruction for).
 */
export function maxAbs(g: usize, n: i32): f32 {
  const bytes = (<usize>n) << 2
  const end16 = bytes & ~(<usize>63)
  const mask = i32x4.splat(0x7fffffff)
  let a0 = i32x4.splat(0)
  let a1 = a0
  let a2 = a0
  let a3 = a0
  let i: usize = 0
  for (; i < end16; i += 64) {
    a0 = i32x4.max_u(a0, v128.and(v128.load(g + i), mask))
    a1 = i32x4.max_u(a1, v128.and(v128.load(g + i + 16), mask))
    a2 = i32x4.max_u(a2, v128.and(v128.load(g + i + 32), mask))
    a3 = i32x4.max_u(a3, v128.and(v128.load(g + i + 48), mask))
  }
  for (; bytes - i >= 16; i += 16) a0 = i32x4.max_u(a0, v128.and(v128.load(g + i), mask))
  const m = i32x4.max_u(i32x4.max_u(a0, a1), i32x4.max_u(a2, a3))
  let bits = max<u32>(
    max<u32>(<u32>i32x4.extract_lane(m, 0), <u32>i32x4.extract_lane(m, 1)),
    max<u32>(<u32>i32x4.extract_lane(m, 2), <u32>i32x4.extract_lane(m, 3)),
  )
  for (; i < bytes; i += 4) bits = max<u32>(bits, load<u32>(g + i) & 0x7fffffff)
  return reinterpret<f32>(bits)
}

/**
 * Σ min(|g|, clamp)² for finite g (the caller checks first; `pmin`/`pmax` map to single x86
 * instructions, unlike the NaN-propagating `min`/`max`): squares and sums of sixteen elements in float32, each block's sum added into
 * float64 accumulators (float32 rounding per block only, as PyTorch's own float32 norm).
 */
export function sumSquares(g: usize, n: i32, clamp: f32): f64 {
  const bytes = (<usize>n) << 2
  const end16 = bytes & ~(<usize>63)
  const clampV = f32x4.splat(clamp)
  let s0 = f64x2.splat(0)
  let s1 = s0
  let i: usize = 0
  for (; i < end16; i += 64) {
    const x0 = f32x4.pmin(f32x4.abs(v128.load(g + i)), clampV)
    const x1 = f32x4.pmin(f32x4.abs(v128.load(g + i + 16)), clampV)
    const x2 = f32x4.pmin(f32x4.abs(v128.load(g + i + 32)), clampV)
    const x3 = f32x4.pmin(f32x4.abs(v128.load(g + i + 48)), clampV)
    const block = f32x4.add(
      f32x4.add(f32x4.mul(x0, x0), f32x4.mul(x1, x1)),
      f32x4.add(f32x4.mul(x2, x2), f32x4.mul(x3, x3)),
    )
    s0 = f64x2.add(s0, f64x2.promote_low_f32x4(block))
    s1 = f64x2.add(s1, f64x2.promote_low_f32x4(f32x4.shuffle(block, block, 2, 3, 2, 3)))
  }
  const s = f64x2.add(s0, s1)
  let result = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)
  for (; i < bytes; i += 4) {
    const x = <f64>min<f32>(abs<f32>(load<f32>(g + i)), clamp)
    result += x * x
  }
  return result
}

/**
 * In place: g = clamp(g, −c, c) · scale, rounded to float32 (value clipping, then norm scaling), for
 * finite g.
 */
export function clampScale(g: usize, n: i32, clamp: f32, scale: f32): void {
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  const hi = f32x4.splat(clamp)
  const lo = f32x4.splat(-clamp)
  const s = f32x4.splat(scale)
  let i: usize = 0
  for (; i < end8; i += 32) {
    v128.store(g + i, f32x4.mul(f32x4.pmin(f32x4.pmax(v128.load(g + i), lo), hi), s))
    v128.store(g + i + 16, f32x4.mul(f32x4.pmin(f32x4.pmax(v128.load(g + i + 16), lo), hi), s))
  }
  for (; bytes - i >= 16; i += 16) {
    v128.store(g + i, f32x4.mul(f32x4.pmin(f32x4.pmax(v128.load(g + i), lo), hi), s))
  }
  for (; i < bytes; i += 4) store<f32>(g + i, min<f32>(max<f32>(load<f32>(g + i), -clamp), clamp) * scale)
}

/** Running mean of micro-batch gradients (optax `MultiSteps`): a = a + (g − a) / count, in float32. */
export function accumulateMean(a: usize, g: usize, n: i32, count: f32): void {
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  const c = f32x4.splat(count)
  let i: usize = 0
  for (; i < end8; i += 32) {
    const x = v128.load(a + i)
    v128.store(a + i, f32x4.add(x, f32x4.div(f32x4.sub(v128.load(g + i), x), c)))
    const y = v128.load(a + i + 16)
    v128.store(a + i + 16, f32x4.add(y, f32x4.div(f32x4.sub(v128.load(g + i + 16), y), c)))
  }
  for (; bytes - i >= 16; i += 16) {
    const x = v128.load(a + i)
    v128.store(a + i, f32x4.add(x, f32x4.div(f32x4.sub(v128.load(g + i), x), c)))
  }
  for (; i < bytes; i += 4) {
    const x = load<f32>(a + i)
    store<f32>(a + i, x + (load<f32>(g + i) - x) / count)
  }
}
