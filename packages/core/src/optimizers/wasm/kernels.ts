// @ts-nocheck -- AssemblyScript source (f32, usize, v128 builtins), not TypeScript. It is compiled
// by `scripts/build-wasm.mjs` into `kernels-wasm.generated.ts`; no TypeScript code imports it.
/**
 * WebAssembly SIMD optimizer kernels (AssemblyScript 0.28, `--enable simd`).
 *
 * Every export updates `n` float32 elements in place. Pointers are byte offsets into the imported
 * memory; the JS side (`kernels/wasm-kernels.ts`) passes them with the per-step scalars (bias
 * corrections, −lr, 1 − β, …) already computed, so nothing is recomputed per element. Arithmetic is
 * float32 in PyTorch's operation order (addcmul `s + (c·a)·b`, addcdiv `s + (c·a)/b`, `add(x,
 * alpha)` `s + alpha·x`), one rounding per operation (no fused multiply-add: baseline wasm SIMD has
 * none), so the 4-lane body and the scalar tail give bit-identical results for the same inputs.
 *
 * Loops run 8 elements per iteration (two independent 4-lane vectors), then at most one 4-lane
 * vector, then a scalar tail for the last `n mod 4` elements. The per-element bodies are static
 * `@inline` methods (AssemblyScript inlines them; decorators are only valid TypeScript syntax on
 * class members). Flags PyTorch checks once per tensor (weight decay on, AMSGrad, centered,
 * momentum) are loop-invariant and compile to `select`s or predictable branches, except for Adam,
 * the hot path: one export per flag combination, each a loop specialised at compile time.
 *
 * Adam deviates from PyTorch's operation order in one place: √v̂ is multiplied by the reciprocal
 * 1/√(1 − β2ᵗ) (computed once per call) instead of divided by √(1 − β2ᵗ): one division per element
 * fewer (division and square root share one slow unit), a difference of at most an ulp in the
 * denominator.
 */

/** First byte after the module's static data: where the JS bump allocator may start. */
export function heapBase(): usize {
  return __heap_base
}

// ---------------------------------------------------------------------------------------------
// SGD (torch.optim.SGD): g' = g + wd·p (wd ≠ 0); momentum: b = g' on the first step, else
// b = b·μ + (1 − τ)·g'; d = g' + μ·b (Nesterov) or b; no momentum: d = g'. p = p + (−lr)·d.

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
    damp: v128,
    flags: i32,
  ): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    if (flags & SGD_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    if (flags & SGD_MOMENTUM) {
      const bv = flags & SGD_FIRST ? gv : f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.mul(damp, gv))
      v128.store(b, bv)
      gv = flags & SGD_NESTEROV ? f32x4.add(gv, f32x4.mul(momentum, bv)) : bv
    }
    v128.store(p, f32x4.add(pv, f32x4.mul(negLr, gv)))
  }

  @inline
  static tail(p: usize, g: usize, b: usize, negLr: f32, wd: f32, momentum: f32, damp: f32, flags: i32): void {
    const pv = load<f32>(p)
    let gv = load<f32>(g)
    if (flags & SGD_L2) gv = gv + wd * pv
    if (flags & SGD_MOMENTUM) {
      const bv = flags & SGD_FIRST ? gv : load<f32>(b) * momentum + damp * gv
      store<f32>(b, bv)
      gv = flags & SGD_NESTEROV ? gv + momentum * bv : bv
    }
    store<f32>(p, pv + negLr * gv)
  }
}

const SGD_L2 = 1
const SGD_MOMENTUM = 2
const SGD_FIRST = 4
const SGD_NESTEROV = 8

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
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const momentumV = f32x4.splat(momentum)
  const dampV = f32x4.splat(damp)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    Sgd.lanes(p + i, g + i, b + i, negLrV, wdV, momentumV, dampV, flags)
    Sgd.lanes(p + i + 16, g + i + 16, b + i + 16, negLrV, wdV, momentumV, dampV, flags)
  }
  if (bytes - i >= 16) {
    Sgd.lanes(p + i, g + i, b + i, negLrV, wdV, momentumV, dampV, flags)
    i += 16
  }
  for (; i < bytes; i += 4) Sgd.tail(p + i, g + i, b + i, negLr, wd, momentum, damp, flags)
}

// ---------------------------------------------------------------------------------------------
// Adam / AdamW (torch.optim.Adam, single-tensor path):
//   AdamW: p = p·decay (decay = 1 − lr·wd); Adam L2: g' = g + wd·p
//   m = m·β1 + (1 − β1)·g'; v = v·β2 + ((1 − β2)·g')·g'; AMSGrad: v̂ = max(v̂, v), else v̂ = v
//   denom = √v̂ · (1/√(1 − β2ᵗ)) + ε; p = p + ((−lr/(1 − β1ᵗ))·m) / denom

const ADAM_L2 = 1
const ADAM_AMSGRAD = 2
const ADAM_DECOUPLED = 4

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
    beta1: v128,
    oneMinusBeta1: v128,
    beta2: v128,
    oneMinusBeta2: v128,
    negStepSize: v128,
    invBc2Sqrt: v128,
    eps: v128,
    flags: i32,
  ): void {
    let pv = v128.load(p)
    if (flags & ADAM_DECOUPLED) pv = f32x4.mul(pv, decay)
    let gv = v128.load(g)
    if (flags & ADAM_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const mv = f32x4.add(f32x4.mul(v128.load(m), beta1), f32x4.mul(oneMinusBeta1, gv))
    const vv = f32x4.add(f32x4.mul(v128.load(v), beta2), f32x4.mul(f32x4.mul(oneMinusBeta2, gv), gv))
    v128.store(m, mv)
    v128.store(v, vv)
    let sv = vv
    if (flags & ADAM_AMSGRAD) {
      sv = f32x4.max(v128.load(mx), vv)
      v128.store(mx, sv)
    }
    const denom = f32x4.add(f32x4.mul(f32x4.sqrt(sv), invBc2Sqrt), eps)
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
    invBc2Sqrt: f32,
    eps: f32,
    flags: i32,
  ): void {
    let pv = load<f32>(p)
    if (flags & ADAM_DECOUPLED) pv = pv * decay
    let gv = load<f32>(g)
    if (flags & ADAM_L2) gv = gv + wd * pv
    const mv = load<f32>(m) * beta1 + oneMinusBeta1 * gv
    const vv = load<f32>(v) * beta2 + oneMinusBeta2 * gv * gv
    store<f32>(m, mv)
    store<f32>(v, vv)
    let sv = vv
    if (flags & ADAM_AMSGRAD) {
      sv = max<f32>(load<f32>(mx), vv)
      store<f32>(mx, sv)
    }
    const denom = sqrt<f32>(sv) * invBc2Sqrt + eps
    store<f32>(p, pv + (negStepSize * mv) / denom)
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
    invBc2Sqrt: f32,
    eps: f32,
    flags: i32,
  ): void {
    const decayV = f32x4.splat(decay)
    const wdV = f32x4.splat(wd)
    const b1 = f32x4.splat(beta1)
    const c1 = f32x4.splat(oneMinusBeta1)
    const b2 = f32x4.splat(beta2)
    const c2 = f32x4.splat(oneMinusBeta2)
    const stepV = f32x4.splat(negStepSize)
    const invBc2V = f32x4.splat(invBc2Sqrt)
    const epsV = f32x4.splat(eps)
    const bytes = (<usize>n) << 2
    const end8 = bytes & ~(<usize>31)
    let i: usize = 0
    for (; i < end8; i += 32) {
      Adam.lanes(p + i, g + i, m + i, v + i, mx + i, decayV, wdV, b1, c1, b2, c2, stepV, invBc2V, epsV, flags)
      const j = i + 16
      Adam.lanes(p + j, g + j, m + j, v + j, mx + j, decayV, wdV, b1, c1, b2, c2, stepV, invBc2V, epsV, flags)
    }
    if (bytes - i >= 16) {
      Adam.lanes(p + i, g + i, m + i, v + i, mx + i, decayV, wdV, b1, c1, b2, c2, stepV, invBc2V, epsV, flags)
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
        invBc2Sqrt,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    0,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    ADAM_L2,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    ADAM_DECOUPLED,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    ADAM_AMSGRAD,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    ADAM_AMSGRAD | ADAM_L2,
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
  invBc2Sqrt: f32,
  eps: f32,
): void {
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
    invBc2Sqrt,
    eps,
    ADAM_AMSGRAD | ADAM_DECOUPLED,
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
    wd: v128,
    alpha: v128,
    oneMinusAlpha: v128,
    eps: v128,
    momentum: v128,
    flags: i32,
  ): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    if (flags & RMSPROP_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const sv = f32x4.add(f32x4.mul(v128.load(s), alpha), f32x4.mul(f32x4.mul(oneMinusAlpha, gv), gv))
    v128.store(s, sv)
    let av = sv
    if (flags & RMSPROP_CENTERED) {
      const gav = f32x4.add(f32x4.mul(v128.load(ga), alpha), f32x4.mul(oneMinusAlpha, gv))
      v128.store(ga, gav)
      av = f32x4.sub(sv, f32x4.mul(gav, gav))
    }
    av = f32x4.add(f32x4.sqrt(av), eps)
    if (flags & RMSPROP_MOMENTUM) {
      const bv = f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.div(gv, av))
      v128.store(b, bv)
      v128.store(p, f32x4.add(pv, f32x4.mul(negLr, bv)))
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
    if (flags & RMSPROP_L2) gv = gv + wd * pv
    const sv = load<f32>(s) * alpha + oneMinusAlpha * gv * gv
    store<f32>(s, sv)
    let av = sv
    if (flags & RMSPROP_CENTERED) {
      const gav = load<f32>(ga) * alpha + oneMinusAlpha * gv
      store<f32>(ga, gav)
      av = sv - gav * gav
    }
    av = sqrt<f32>(av) + eps
    if (flags & RMSPROP_MOMENTUM) {
      const bv = load<f32>(b) * momentum + gv / av
      store<f32>(b, bv)
      store<f32>(p, pv + negLr * bv)
    } else {
      store<f32>(p, pv + (negLr * gv) / av)
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
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const alphaV = f32x4.splat(alpha)
  const oneMinusAlphaV = f32x4.splat(oneMinusAlpha)
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
      wdV,
      alphaV,
      oneMinusAlphaV,
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
      wdV,
      alphaV,
      oneMinusAlphaV,
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
      wdV,
      alphaV,
      oneMinusAlphaV,
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

// ---------------------------------------------------------------------------------------------
// Adagrad (torch.optim.Adagrad): g' = g + wd·p; S = S + g'·g'; p = p + ((−clr)·g')/(√S + ε)

const ADAGRAD_L2 = 1

// biome-ignore lint/complexity/noStaticOnlyClass: @inline (forced inlining) needs a class member
class Adagrad {
  @inline
  static lanes(p: usize, g: usize, s: usize, negLr: v128, wd: v128, eps: v128, flags: i32): void {
    const pv = v128.load(p)
    let gv = v128.load(g)
    if (flags & ADAGRAD_L2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const sv = f32x4.add(v128.load(s), f32x4.mul(gv, gv))
    v128.store(s, sv)
    v128.store(p, f32x4.add(pv, f32x4.div(f32x4.mul(negLr, gv), f32x4.add(f32x4.sqrt(sv), eps))))
  }

  @inline
  static tail(p: usize, g: usize, s: usize, negLr: f32, wd: f32, eps: f32, flags: i32): void {
    const pv = load<f32>(p)
    let gv = load<f32>(g)
    if (flags & ADAGRAD_L2) gv = gv + wd * pv
    const sv = load<f32>(s) + gv * gv
    store<f32>(s, sv)
    store<f32>(p, pv + (negLr * gv) / (sqrt<f32>(sv) + eps))
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
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const epsV = f32x4.splat(eps)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    Adagrad.lanes(p + i, g + i, s + i, negLrV, wdV, epsV, flags)
    Adagrad.lanes(p + i + 16, g + i + 16, s + i + 16, negLrV, wdV, epsV, flags)
  }
  if (bytes - i >= 16) {
    Adagrad.lanes(p + i, g + i, s + i, negLrV, wdV, epsV, flags)
    i += 16
  }
  for (; i < bytes; i += 4) Adagrad.tail(p + i, g + i, s + i, negLr, wd, eps, flags)
}

// ---------------------------------------------------------------------------------------------
// Lion (optax.lion): c = (1 − β1)·g + β1·m; u = sign(c) + wd·p (wd ≠ 0); p = p + (−lr)·u;
// m = (1 − β2)·g + β2·m. sign(±0) = ±0 (computed as c·0) and sign(NaN) = NaN, as Math.sign.

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
    const zero = f32x4.splat(0)
    const negative = v128.bitselect(f32x4.splat(-1), f32x4.mul(c, zero), f32x4.lt(c, zero))
    let u = v128.bitselect(f32x4.splat(1), negative, f32x4.gt(c, zero))
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
