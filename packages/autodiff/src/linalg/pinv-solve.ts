import { FLOAT32_EPSILON, symmetricEigen } from '@lnn/linalg';
import * as tf from '@tensorflow/tfjs-core';
import {
  asColumns,
  checkResult,
  checkSystem,
  isRecordingGradients,
  readSystem,
  symmetrize,
  symmetrizeHost,
  type HostSystem,
} from './batched-system';
import { LinalgError } from './linalg-error';

/** Options of {@link pinvSolve}. */
export interface PinvSolveOptions {
  /**
   * Relative cutoff: eigenvalues with `|λ| ≤ rcond · max|λ|` are treated as zero, as numpy's
   * `pinv` does. The default is numpy's for float32 input, d·ε₃₂.
   * @default d · 1.1920929e-7
   */
  readonly rcond?: number;
}

/** Per-sample eigen-decompositions with the inverted, cut-off spectrum. */
interface Spectra {
  readonly system: HostSystem;
  readonly vectors: Float64Array;
  /** 1/λ where kept, 0 where cut. */
  readonly inverse: Float64Array;
  readonly sym: Float64Array;
}

function decompose(system: HostSystem, rcond: number): Spectra {
  const { batch, d } = system;
  const vectors = new Float64Array(batch * d * d);
  const inverse = new Float64Array(batch * d);
  const sym = symmetrizeHost(Float64Array.from(system.a), batch, d);
  const values = new Float64Array(d);
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) {
    const failed = symmetricEigen(sym.subarray(s * d * d, (s + 1) * d * d), d, values, vectors.subarray(s * d * d, (s + 1) * d * d));
    if (failed >= 0) bad.push(s);
    let max = 0;
    for (const v of values) max = Math.max(max, Math.abs(v));
    for (let i = 0; i < d; i++) {
      const v = values[i] as number;
      inverse[s * d + i] = Math.abs(v) > rcond * max ? 1 / v : 0;
    }
  }
  if (bad.length > 0) throw new LinalgError('pinvSolve', 'no-convergence', bad, batch, 'the eigenvalue iteration did not converge');
  return { system, vectors, inverse, sym };
}

/** `A⁺ R` per sample for a `[B, d, k]` R: `V diag(1/λ) Vᵀ R`. */
function applyPinv(sp: Spectra, r: Float64Array): Float64Array {
  const { batch, d, k } = sp.system;
  const out = new Float64Array(batch * d * k);
  const t = new Float64Array(d * k);
  for (let s = 0; s < batch; s++) {
    const V = sp.vectors.subarray(s * d * d, (s + 1) * d * d);
    const o = s * d * k;
    t.fill(0);
    for (let j = 0; j < d; j++) {
      const inv = sp.inverse[s * d + j] as number;
      if (inv === 0) continue;
      for (let c = 0; c < k; c++) {
        let dot = 0;
        for (let i = 0; i < d; i++) dot += (V[i * d + j] as number) * (r[o + i * k + c] as number);
        t[j * k + c] = dot * inv;
      }
    }
    for (let i = 0; i < d; i++) {
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += (V[i * d + j] as number) * (t[j * k + c] as number);
        out[o + i * k + c] = sum;
      }
    }
  }
  return out;
}

/** `R − A_s X` per sample (A_s the symmetrised matrix). */
function residual(sp: Spectra, r: Float64Array, x: Float64Array): Float64Array {
  const { batch, d, k } = sp.system;
  const out = Float64Array.from(r);
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < d; i++) {
      for (let c = 0; c < k; c++) {
        let sum = 0;
        for (let j = 0; j < d; j++) sum += (sp.sym[s * d * d + i * d + j] as number) * (x[s * d * k + j * k + c] as number);
        out[s * d * k + i * k + c] = (out[s * d * k + i * k + c] as number) - sum;
      }
    }
  }
  return out;
}

/** `Σ_c u[i, c] v[j, c]` accumulated into g per sample. */
function addOuter(g: Float64Array, u: Float64Array, v: Float64Array, batch: number, d: number, k: number, sign: number): void {
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < d; i++) {
      for (let j = 0; j < d; j++) {
        let sum = 0;
        for (let c = 0; c < k; c++) sum += (u[s * d * k + i * k + c] as number) * (v[s * d * k + j * k + c] as number);
        g[s * d * d + i * d + j] = (g[s * d * d + i * d + j] as number) + sign * sum;
      }
    }
  }
}

function makePinvSolve(rcond: number | undefined) {
  return tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [a, b, save] = args as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    const system = readSystem('pinvSolve', a, b);
    const cutoff = rcond ?? system.d * FLOAT32_EPSILON;
    const sp = decompose(system, cutoff);
    const x = applyPinv(sp, system.b);
    checkResult('pinvSolve', x, system);
    save([a, b]);
    const value = tf.tensor(Float32Array.from(x), b.shape);
    // For symmetric A of constant rank (Golub & Pereyra), with P = A A⁺ and A_s = (A + Aᵀ)/2:
    //   b̄ = A⁺x̄;  Ā = sym(−(A⁺x̄)xᵀ + (A⁺²x̄)((I − P)b)ᵀ + ((I − P)x̄)(A⁺x)ᵀ).
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const xBar = dy as tf.Tensor;
      const [aIn, bIn] = saved as [tf.Tensor, tf.Tensor];
      const opts = rcond === undefined ? {} : { rcond };
      if (isRecordingGradients()) {
        const y = asColumns(pinvSolve(aIn, xBar, opts));
        const xs = asColumns(pinvSolve(aIn, bIn, opts));
        const z = asColumns(pinvSolve(aIn, y, opts));
        const w = asColumns(pinvSolve(aIn, xs, opts));
        const as = symmetrize(aIn);
        const r = tf.sub(asColumns(bIn), tf.matMul(as, xs));
        const s = tf.sub(asColumns(xBar), tf.matMul(as, y));
        const t = (m: tf.Tensor) => tf.transpose(m, [0, 2, 1]);
        const g = tf.addN([tf.neg(tf.matMul(y, t(xs))), tf.matMul(z, t(r)), tf.matMul(s, t(w))]);
        return [symmetrize(g), tf.reshape(y, bIn.shape)];
      }
      const { batch, d, k } = system;
      const xb = Float64Array.from(xBar.dataSync());
      const y = applyPinv(sp, xb);
      const z = applyPinv(sp, y);
      const w = applyPinv(sp, x);
      const r = residual(sp, system.b, x);
      const s = residual(sp, xb, y);
      const g = new Float64Array(batch * d * d);
      addOuter(g, y, x, batch, d, k, -1);
      addOuter(g, z, r, batch, d, k, 1);
      addOuter(g, s, w, batch, d, k, 1);
      symmetrizeHost(g, batch, d);
      return [tf.tensor(Float32Array.from(g), aIn.shape), tf.tensor(Float32Array.from(y), bIn.shape)];
    };
    return { value, gradFunc };
  });
}

/**
 * Solves `A x = b` for a batch of symmetric matrices with the Moore–Penrose pseudoinverse:
 * `x = A⁺ b = V diag(1/λ) Vᵀ b`, eigenvalues with `|λ| ≤ rcond · max|λ|` cut to zero (numpy's
 * `pinv` rule). Singular A gives the minimum-norm least-squares solution instead of an error — the
 * LNN paper's choice for `H_vv`. Reads `(A + Aᵀ)/2`. A `[B, d, d]`, b `[B, d]` or `[B, d, k]`.
 *
 * Gradient: exact for perturbations that keep the rank (Golub–Pereyra), computed from the float64
 * eigen-decomposition; differentiable again when called inside another differentiation. At a
 * matrix whose eigenvalue crosses the cutoff the pseudoinverse itself jumps.
 *
 * @throws {LinalgError} `non-finite-input`, `no-convergence`, `non-finite-result`.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, pinvSolve } from '@lnn/autodiff';
 * await initBackend();
 * const hvv = tf.tensor3d([[[1, 0], [0, 0]]]); // singular
 * const rhs = tf.tensor2d([[1, 1]]);
 * const qdd = pinvSolve(hvv, rhs); // [B, d]
 * console.log(qdd.arraySync()); // [[1, 0]]: the minimum-norm least-squares solution
 */
export function pinvSolve(a: tf.Tensor, b: tf.Tensor, options: PinvSolveOptions = {}): tf.Tensor {
  const { rcond } = options;
  if (rcond !== undefined && !(Number.isFinite(rcond) && rcond >= 0)) {
    throw new TypeError(`pinvSolve: options.rcond must be a finite number ≥ 0, received ${String(rcond)}.`);
  }
  checkSystem('pinvSolve', a, b);
  return makePinvSolve(rcond)(a, b);
}
