// @ts-nocheck -- AssemblyScript source (f32, usize, v128 builtins), not TypeScript. It is compiled
// by `scripts/build-wasm.mjs` into `kernels-wasm.generated.ts`; no TypeScript code imports it.
/**
 * WebAssembly SIMD optimizer kernels (AssemblyScript 0.28, `--enable simd`).
 *
 * Every export updates `n` float32 elements in place. Pointers are byte offsets into the imported
 * memory; the JS side (`kernels/wasm-kernels.ts`) passes them together with the per-step scalars,
 * already rounded to float32, so no work is repeated per element. All arithmetic is float32 in the
 * order PyTorch's CPU kernels use (addcmul `s + (c·a)·b`, addcdiv `s + (c·a)/b`, lerp with the
 * weight split at 0.5), without fused multiply-add, so the 4-lane body and the scalar tail (the last
 * `n mod 4` elements) produce bit-identical results for the same inputs.
 *
 * Loops handle 8 elements per iteration (two independent 4-lane vectors: more loads in flight),
 * then at most one 4-lane vector, then the scalar tail. Flags that PyTorch checks once per tensor
 * (weight decay on or off, AMSGrad, centered, momentum) are loop-invariant branches.
 */

/** First byte after the module's static data: where the JS bump allocator may start. */
export function heapBase(): usize {
  return __heap_base
}

// ---------------------------------------------------------------------------------------------
// SGD (torch.optim.SGD): g' = g + wd·p; b = g' (first step) or μ·b + (1 − τ)·g';
// d = g' + μ·b (Nesterov) or b (momentum) or g' (no momentum); p = p + (−lr)·d.

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript accepts @inline (forced inlining) on methods only in TypeScript syntax
class SgdBody {
  @inline
  static lanes(
    p: usize,
    g: usize,
    b: usize,
    negLr: v128,
    wd: v128,
    momentum: v128,
    oneMinusDampening: v128,
    useL2: bool,
    mode: i32,
    nesterov: bool,
  ): void {
    let pv = v128.load(p)
    let gv = v128.load(g)
    if (useL2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    if (mode === 0) {
      pv = f32x4.add(pv, f32x4.mul(negLr, gv))
    } else {
      let bv = gv
      if (mode === 2) bv = f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.mul(oneMinusDampening, gv))
      v128.store(b, bv)
      const dv = nesterov ? f32x4.add(gv, f32x4.mul(momentum, bv)) : bv
      pv = f32x4.add(pv, f32x4.mul(negLr, dv))
    }
    v128.store(p, pv)
  }

  @inline
  static tail(
    p: usize,
    g: usize,
    b: usize,
    negLr: f32,
    wd: f32,
    momentum: f32,
    oneMinusDampening: f32,
    useL2: bool,
    mode: i32,
    nesterov: bool,
  ): void {
    let pv = load<f32>(p)
    let gv = load<f32>(g)
    if (useL2) gv = gv + wd * pv
    if (mode === 0) {
      pv = pv + negLr * gv
    } else {
      let bv = gv
      if (mode === 2) bv = load<f32>(b) * momentum + oneMinusDampening * gv
      store<f32>(b, bv)
      const dv = nesterov ? gv + momentum * bv : bv
      pv = pv + negLr * dv
    }
    store<f32>(p, pv)
  }
}

/**
 * SGD. `mode`: 0 = no momentum (`b` unused), 1 = first momentum step (b = g'), 2 = momentum.
 * `flags`: bit 0 = L2 weight decay (wd ≠ 0), bit 1 = Nesterov.
 */
export function sgd(
  p: usize,
  g: usize,
  b: usize,
  n: i32,
  negLr: f32,
  wd: f32,
  momentum: f32,
  oneMinusDampening: f32,
  mode: i32,
  flags: i32,
): void {
  const useL2 = (flags & 1) !== 0
  const nesterov = (flags & 2) !== 0
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const momentumV = f32x4.splat(momentum)
  const dampV = f32x4.splat(oneMinusDampening)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    SgdBody.lanes(p + i, g + i, b + i, negLrV, wdV, momentumV, dampV, useL2, mode, nesterov)
    SgdBody.lanes(p + i + 16, g + i + 16, b + i + 16, negLrV, wdV, momentumV, dampV, useL2, mode, nesterov)
  }
  if (bytes - i >= 16) {
    SgdBody.lanes(p + i, g + i, b + i, negLrV, wdV, momentumV, dampV, useL2, mode, nesterov)
    i += 16
  }
  for (; i < bytes; i += 4) {
    SgdBody.tail(p + i, g + i, b + i, negLr, wd, momentum, oneMinusDampening, useL2, mode, nesterov)
  }
}

// ---------------------------------------------------------------------------------------------
// Adam / AdamW (torch.optim.Adam, single-tensor path):
//   p = p·decay (AdamW: decay = 1 − lr·wd, else 1); g' = g + wd·p (L2 only)
//   m = lerp(m, g', 1 − β1); v = v·β2 + ((1 − β2)·g')·g'; AMSGrad: v̂ = max(v̂, v)
//   denom = √v / √(1 − β2ᵗ) + ε; p = p + (−lr/(1 − β1ᵗ))·m / denom
// lerp(a, b, w) = a + w·(b − a) for w < 0.5, b − (b − a)·(1 − w) otherwise (ATen): written as
// base + c·(b − a) with base = a, c = w or base = b, c = w − 1; `lerpEnd` selects the base.

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript accepts @inline (forced inlining) on methods only in TypeScript syntax
class AdamBody {
  @inline
  static lanes(
    p: usize,
    g: usize,
    m: usize,
    v: usize,
    mx: usize,
    decay: v128,
    wd: v128,
    lerpCoeff: v128,
    lerpEnd: v128,
    beta2: v128,
    oneMinusBeta2: v128,
    negStepSize: v128,
    bc2Sqrt: v128,
    eps: v128,
    useL2: bool,
    amsgrad: bool,
  ): void {
    let pv = f32x4.mul(v128.load(p), decay)
    let gv = v128.load(g)
    if (useL2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const mOld = v128.load(m)
    const mv = f32x4.add(v128.bitselect(gv, mOld, lerpEnd), f32x4.mul(lerpCoeff, f32x4.sub(gv, mOld)))
    const vv = f32x4.add(f32x4.mul(v128.load(v), beta2), f32x4.mul(f32x4.mul(oneMinusBeta2, gv), gv))
    v128.store(m, mv)
    v128.store(v, vv)
    let s = vv
    if (amsgrad) {
      s = f32x4.max(v128.load(mx), vv)
      v128.store(mx, s)
    }
    const denom = f32x4.add(f32x4.div(f32x4.sqrt(s), bc2Sqrt), eps)
    pv = f32x4.add(pv, f32x4.div(f32x4.mul(negStepSize, mv), denom))
    v128.store(p, pv)
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
    lerpCoeff: f32,
    lerpEnd: bool,
    beta2: f32,
    oneMinusBeta2: f32,
    negStepSize: f32,
    bc2Sqrt: f32,
    eps: f32,
    useL2: bool,
    amsgrad: bool,
  ): void {
    let pv = load<f32>(p) * decay
    let gv = load<f32>(g)
    if (useL2) gv = gv + wd * pv
    const mOld = load<f32>(m)
    const mv = (lerpEnd ? gv : mOld) + lerpCoeff * (gv - mOld)
    const vv = load<f32>(v) * beta2 + oneMinusBeta2 * gv * gv
    store<f32>(m, mv)
    store<f32>(v, vv)
    let s = vv
    if (amsgrad) {
      s = max<f32>(load<f32>(mx), vv)
      store<f32>(mx, s)
    }
    const denom = sqrt<f32>(s) / bc2Sqrt + eps
    pv = pv + (negStepSize * mv) / denom
    store<f32>(p, pv)
  }
}

/**
 * Adam / AdamW. `flags`: bit 0 = L2 weight decay, bit 1 = AMSGrad (`mx` used), bit 2 = the lerp
 * base is the gradient (1 − β1 ≥ 0.5).
 */
export function adam(
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  mx: usize,
  n: i32,
  decay: f32,
  wd: f32,
  lerpCoeff: f32,
  beta2: f32,
  oneMinusBeta2: f32,
  negStepSize: f32,
  bc2Sqrt: f32,
  eps: f32,
  flags: i32,
): void {
  const useL2 = (flags & 1) !== 0
  const amsgrad = (flags & 2) !== 0
  const lerpEndScalar = (flags & 4) !== 0
  const decayV = f32x4.splat(decay)
  const wdV = f32x4.splat(wd)
  const coeffV = f32x4.splat(lerpCoeff)
  const endV = i32x4.splat(lerpEndScalar ? -1 : 0)
  const beta2V = f32x4.splat(beta2)
  const oneMinusBeta2V = f32x4.splat(oneMinusBeta2)
  const stepV = f32x4.splat(negStepSize)
  const bc2V = f32x4.splat(bc2Sqrt)
  const epsV = f32x4.splat(eps)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    AdamBody.lanes(
      p + i,
      g + i,
      m + i,
      v + i,
      mx + i,
      decayV,
      wdV,
      coeffV,
      endV,
      beta2V,
      oneMinusBeta2V,
      stepV,
      bc2V,
      epsV,
      useL2,
      amsgrad,
    )
    const j = i + 16
    AdamBody.lanes(
      p + j,
      g + j,
      m + j,
      v + j,
      mx + j,
      decayV,
      wdV,
      coeffV,
      endV,
      beta2V,
      oneMinusBeta2V,
      stepV,
      bc2V,
      epsV,
      useL2,
      amsgrad,
    )
  }
  if (bytes - i >= 16) {
    AdamBody.lanes(
      p + i,
      g + i,
      m + i,
      v + i,
      mx + i,
      decayV,
      wdV,
      coeffV,
      endV,
      beta2V,
      oneMinusBeta2V,
      stepV,
      bc2V,
      epsV,
      useL2,
      amsgrad,
    )
    i += 16
  }
  for (; i < bytes; i += 4) {
    AdamBody.tail(
      p + i,
      g + i,
      m + i,
      v + i,
      mx + i,
      decay,
      wd,
      lerpCoeff,
      lerpEndScalar,
      beta2,
      oneMinusBeta2,
      negStepSize,
      bc2Sqrt,
      eps,
      useL2,
      amsgrad,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// RMSProp (torch.optim.RMSprop, ε outside the square root):
//   g' = g + wd·p; s = s·α + ((1 − α)·g')·g'
//   centered: ḡ = lerp(ḡ, g', 1 − α), a = √(s − ḡ·ḡ) + ε; else a = √s + ε
//   momentum: b = b·μ + g'/a, p = p + (−lr)·b; else p = p + ((−lr)·g')/a

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript accepts @inline (forced inlining) on methods only in TypeScript syntax
class RmspropBody {
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
    lerpCoeff: v128,
    lerpEnd: v128,
    eps: v128,
    momentum: v128,
    useL2: bool,
    centered: bool,
    useMomentum: bool,
  ): void {
    let pv = v128.load(p)
    let gv = v128.load(g)
    if (useL2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const sv = f32x4.add(f32x4.mul(v128.load(s), alpha), f32x4.mul(f32x4.mul(oneMinusAlpha, gv), gv))
    v128.store(s, sv)
    let av: v128
    if (centered) {
      const gaOld = v128.load(ga)
      const gav = f32x4.add(v128.bitselect(gv, gaOld, lerpEnd), f32x4.mul(lerpCoeff, f32x4.sub(gv, gaOld)))
      v128.store(ga, gav)
      av = f32x4.sqrt(f32x4.sub(sv, f32x4.mul(gav, gav)))
    } else {
      av = f32x4.sqrt(sv)
    }
    av = f32x4.add(av, eps)
    if (useMomentum) {
      const bv = f32x4.add(f32x4.mul(v128.load(b), momentum), f32x4.div(gv, av))
      v128.store(b, bv)
      pv = f32x4.add(pv, f32x4.mul(negLr, bv))
    } else {
      pv = f32x4.add(pv, f32x4.div(f32x4.mul(negLr, gv), av))
    }
    v128.store(p, pv)
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
    lerpCoeff: f32,
    lerpEnd: bool,
    eps: f32,
    momentum: f32,
    useL2: bool,
    centered: bool,
    useMomentum: bool,
  ): void {
    let pv = load<f32>(p)
    let gv = load<f32>(g)
    if (useL2) gv = gv + wd * pv
    const sv = load<f32>(s) * alpha + oneMinusAlpha * gv * gv
    store<f32>(s, sv)
    let av: f32
    if (centered) {
      const gaOld = load<f32>(ga)
      const gav = (lerpEnd ? gv : gaOld) + lerpCoeff * (gv - gaOld)
      store<f32>(ga, gav)
      av = sqrt<f32>(sv - gav * gav)
    } else {
      av = sqrt<f32>(sv)
    }
    av = av + eps
    if (useMomentum) {
      const bv = load<f32>(b) * momentum + gv / av
      store<f32>(b, bv)
      pv = pv + negLr * bv
    } else {
      pv = pv + (negLr * gv) / av
    }
    store<f32>(p, pv)
  }
}

/**
 * RMSProp. `flags`: bit 0 = L2 weight decay, bit 1 = centered (`ga` used), bit 2 = momentum (`b`
 * used), bit 3 = the lerp base of the centered average is the gradient (1 − α ≥ 0.5).
 */
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
  lerpCoeff: f32,
  eps: f32,
  momentum: f32,
  flags: i32,
): void {
  const useL2 = (flags & 1) !== 0
  const centered = (flags & 2) !== 0
  const useMomentum = (flags & 4) !== 0
  const lerpEndScalar = (flags & 8) !== 0
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const alphaV = f32x4.splat(alpha)
  const oneMinusAlphaV = f32x4.splat(oneMinusAlpha)
  const coeffV = f32x4.splat(lerpCoeff)
  const endV = i32x4.splat(lerpEndScalar ? -1 : 0)
  const epsV = f32x4.splat(eps)
  const momentumV = f32x4.splat(momentum)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    RmspropBody.lanes(
      p + i,
      g + i,
      s + i,
      ga + i,
      b + i,
      negLrV,
      wdV,
      alphaV,
      oneMinusAlphaV,
      coeffV,
      endV,
      epsV,
      momentumV,
      useL2,
      centered,
      useMomentum,
    )
    const j = i + 16
    RmspropBody.lanes(
      p + j,
      g + j,
      s + j,
      ga + j,
      b + j,
      negLrV,
      wdV,
      alphaV,
      oneMinusAlphaV,
      coeffV,
      endV,
      epsV,
      momentumV,
      useL2,
      centered,
      useMomentum,
    )
  }
  if (bytes - i >= 16) {
    RmspropBody.lanes(
      p + i,
      g + i,
      s + i,
      ga + i,
      b + i,
      negLrV,
      wdV,
      alphaV,
      oneMinusAlphaV,
      coeffV,
      endV,
      epsV,
      momentumV,
      useL2,
      centered,
      useMomentum,
    )
    i += 16
  }
  for (; i < bytes; i += 4) {
    RmspropBody.tail(
      p + i,
      g + i,
      s + i,
      ga + i,
      b + i,
      negLr,
      wd,
      alpha,
      oneMinusAlpha,
      lerpCoeff,
      lerpEndScalar,
      eps,
      momentum,
      useL2,
      centered,
      useMomentum,
    )
  }
}

// ---------------------------------------------------------------------------------------------
// Adagrad (torch.optim.Adagrad): g' = g + wd·p; S = S + g'·g'; p = p + ((−clr)·g')/(√S + ε)

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript accepts @inline (forced inlining) on methods only in TypeScript syntax
class AdagradBody {
  @inline
  static lanes(p: usize, g: usize, s: usize, negLr: v128, wd: v128, eps: v128, useL2: bool): void {
    let pv = v128.load(p)
    let gv = v128.load(g)
    if (useL2) gv = f32x4.add(gv, f32x4.mul(wd, pv))
    const sv = f32x4.add(v128.load(s), f32x4.mul(gv, gv))
    v128.store(s, sv)
    pv = f32x4.add(pv, f32x4.div(f32x4.mul(negLr, gv), f32x4.add(f32x4.sqrt(sv), eps)))
    v128.store(p, pv)
  }

  @inline
  static tail(p: usize, g: usize, s: usize, negLr: f32, wd: f32, eps: f32, useL2: bool): void {
    let pv = load<f32>(p)
    let gv = load<f32>(g)
    if (useL2) gv = gv + wd * pv
    const sv = load<f32>(s) + gv * gv
    store<f32>(s, sv)
    pv = pv + (negLr * gv) / (sqrt<f32>(sv) + eps)
    store<f32>(p, pv)
  }
}

/** Adagrad. `negLr` is −clr (the decayed rate). `flags`: bit 0 = L2 weight decay. */
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
  const useL2 = (flags & 1) !== 0
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const epsV = f32x4.splat(eps)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    AdagradBody.lanes(p + i, g + i, s + i, negLrV, wdV, epsV, useL2)
    AdagradBody.lanes(p + i + 16, g + i + 16, s + i + 16, negLrV, wdV, epsV, useL2)
  }
  if (bytes - i >= 16) {
    AdagradBody.lanes(p + i, g + i, s + i, negLrV, wdV, epsV, useL2)
    i += 16
  }
  for (; i < bytes; i += 4) {
    AdagradBody.tail(p + i, g + i, s + i, negLr, wd, eps, useL2)
  }
}

// ---------------------------------------------------------------------------------------------
// Lion (optax.lion): c = (1 − β1)·g + β1·m; u = sign(c) + wd·p; p = p + (−lr)·u;
// m = (1 − β2)·g + β2·m. sign(±0) = ±0 (c·0) and sign(NaN) = NaN, as Math.sign and jnp.sign.

// biome-ignore lint/complexity/noStaticOnlyClass: AssemblyScript accepts @inline (forced inlining) on methods only in TypeScript syntax
class LionBody {
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
  ): void {
    const pv = v128.load(p)
    const gv = v128.load(g)
    const mv = v128.load(m)
    const c = f32x4.add(f32x4.mul(oneMinusBeta1, gv), f32x4.mul(beta1, mv))
    const zero = f32x4.splat(0)
    const sign = v128.bitselect(
      f32x4.splat(1),
      v128.bitselect(f32x4.splat(-1), f32x4.mul(c, zero), f32x4.lt(c, zero)),
      f32x4.gt(c, zero),
    )
    const u = f32x4.add(sign, f32x4.mul(wd, pv))
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
  ): void {
    const pv = load<f32>(p)
    const gv = load<f32>(g)
    const mv = load<f32>(m)
    const c = oneMinusBeta1 * gv + beta1 * mv
    const sign: f32 = c > 0 ? 1 : c < 0 ? -1 : c * 0
    const u = sign + wd * pv
    store<f32>(p, pv + negLr * u)
    store<f32>(m, oneMinusBeta2 * gv + beta2 * mv)
  }
}

/** Lion with decoupled weight decay (multiplied by the learning rate, as optax). */
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
): void {
  const negLrV = f32x4.splat(negLr)
  const wdV = f32x4.splat(wd)
  const beta1V = f32x4.splat(beta1)
  const oneMinusBeta1V = f32x4.splat(oneMinusBeta1)
  const beta2V = f32x4.splat(beta2)
  const oneMinusBeta2V = f32x4.splat(oneMinusBeta2)
  const bytes = (<usize>n) << 2
  const end8 = bytes & ~(<usize>31)
  let i: usize = 0
  for (; i < end8; i += 32) {
    LionBody.lanes(p + i, g + i, m + i, negLrV, wdV, beta1V, oneMinusBeta1V, beta2V, oneMinusBeta2V)
    LionBody.lanes(
      p + i + 16,
      g + i + 16,
      m + i + 16,
      negLrV,
      wdV,
      beta1V,
      oneMinusBeta1V,
      beta2V,
      oneMinusBeta2V,
    )
  }
  if (bytes - i >= 16) {
    LionBody.lanes(p + i, g + i, m + i, negLrV, wdV, beta1V, oneMinusBeta1V, beta2V, oneMinusBeta2V)
    i += 16
  }
  for (; i < bytes; i += 4) {
    LionBody.tail(p + i, g + i, m + i, negLr, wd, beta1, oneMinusBeta1, beta2, oneMinusBeta2)
  }
}
