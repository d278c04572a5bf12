import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from '@lnn/autodiff';
import { bandedLu, bandedLuFactor, bandedLuSolve, cyclicBandedSolve, FLOAT32_MAX, singularTolerance } from '@lnn/linalg';

/** Throws unless band is `[B, n, 2p+1]` and b is `[B, n]`, both float32; returns p. */
export function checkBandSystem(op: string, band: tf.Tensor, b: tf.Tensor): number {
  const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  for (const [name, t] of [['band', band], ['b', b]] as const) {
    if (t == null || typeof (t as tf.Tensor).rank !== 'number') throw new TypeError(`${op}: ${name} must be a tf.Tensor, received ${String(t)}.`);
    if (t.dtype !== 'float32') throw new TypeError(`${op}: ${name} must be float32, received ${t.dtype}.`);
  }
  const [batch, n, width] = band.shape as [number, number, number];
  if (band.rank !== 3 || batch < 1 || n < 1 || width % 2 !== 1) {
    throw new TypeError(`${op}: band must have shape [batch, n, 2p + 1] (diagonals −p…p of each row), received ${shape(band)}.`);
  }
  if (b.rank !== 2 || b.shape[0] !== batch || b.shape[1] !== n) throw new TypeError(`${op}: b must have shape [${batch}, ${n}], received ${shape(b)}.`);
  return (width - 1) / 2;
}

/** `result[i] = t[i + o]` along axis 1 of `[B, n]`: wrapped (periodic) or zero outside. Tensor ops. */
export function shiftRows(t: tf.Tensor2D, o: number, periodic: boolean): tf.Tensor2D {
  const n = t.shape[1];
  if (o === 0) return t;
  if (periodic) {
    const r = ((o % n) + n) % n;
    return r === 0 ? t : (tf.concat([tf.slice(t, [0, r], [-1, n - r]), tf.slice(t, [0, 0], [-1, r])], 1) as tf.Tensor2D);
  }
  if (Math.abs(o) >= n) return tf.zerosLike(t);
  return (o > 0 ? tf.pad(tf.slice(t, [0, o], [-1, n - o]), [[0, 0], [0, o]]) : tf.pad(tf.slice(t, [0, 0], [-1, n + o]), [[0, 0], [-o, 0]])) as tf.Tensor2D;
}

/** The band of Aᵀ, as tensor ops: `Aᵀ[i][i+o] = A[i+o][i] = band[i+o][−o]`. */
export function transposeBandTensor(band: tf.Tensor3D, periodic: boolean): tf.Tensor3D {
  const [batch, n, width] = band.shape;
  const p = (width - 1) / 2;
  const columns = tf.split(band, width, 2).map((c) => tf.reshape(c, [batch, n]) as tf.Tensor2D);
  const out = columns.map((_, j) => shiftRows(columns[width - 1 - j] as tf.Tensor2D, j - p, periodic));
  return tf.stack(out, 2) as tf.Tensor3D;
}

/** The band of Aᵀ on the host. */
function transposeBandHost(band: Float64Array, batch: number, n: number, p: number, periodic: boolean): Float64Array {
  const w = 2 * p + 1;
  const out = new Float64Array(band.length);
  for (let s = 0; s < batch; s++) {
    for (let i = 0; i < n; i++) {
      for (let o = -p; o <= p; o++) {
        let r = i + o;
        if (periodic) r = ((r % n) + n) % n;
        else if (r < 0 || r >= n) continue;
        out[(s * n + i) * w + o + p] = band[(s * n + r) * w - o + p]!;
      }
    }
  }
  return out;
}

/** Solves every sample on the host; throws a LinalgError naming the singular samples. */
function solveAll(op: string, band: Float64Array, b: Float64Array, batch: number, n: number, p: number, periodic: boolean): Float64Array {
  const w = 2 * p + 1;
  const x = new Float64Array(batch * n);
  const bad: number[] = [];
  let step = -1;
  const factors = periodic ? null : bandedLu(n, p);
  for (let s = 0; s < batch; s++) {
    let scale = 0;
    for (let i = s * n * w; i < (s + 1) * n * w; i++) scale = Math.max(scale, Math.abs(band[i]!));
    const tol = singularTolerance(n, scale);
    if (factors === null) {
      if (cyclicBandedSolve(band, s * n * w, n, p, b.subarray(s * n, (s + 1) * n), x.subarray(s * n, (s + 1) * n), tol) >= 0) bad.push(s);
      continue;
    }
    const failed = bandedLuFactor(band, s * n * w, factors, tol);
    if (failed >= 0) {
      bad.push(s);
      if (step < 0) step = failed;
      continue;
    }
    x.set(b.subarray(s * n, (s + 1) * n), s * n);
    bandedLuSolve(factors, x, s * n, 1);
  }
  if (bad.length > 0) {
    throw new LinalgError(op, 'singular', bad, batch, periodic ? 'the cyclic banded matrix is singular to float64 precision' : `a pivot vanished (first at elimination step ${step})`);
  }
  const overflow: number[] = [];
  for (let s = 0; s < batch; s++) {
    for (let i = s * n; i < (s + 1) * n; i++) {
      if (!(Math.abs(x[i]!) <= FLOAT32_MAX)) {
        overflow.push(s);
        break;
      }
    }
  }
  if (overflow.length > 0) throw new LinalgError(op, 'non-finite-result', overflow, batch, 'the solution overflows float32');
  return x;
}

/** Whether every element is finite: one multiply-add each (∞·0 and NaN·0 are NaN). */
function allFinite(a: Float64Array, from: number, to: number): boolean {
  let acc = 0;
  for (let i = from; i < to; i++) acc += a[i]! * 0;
  return acc === 0;
}

function readFinite(op: string, band: tf.Tensor, b: tf.Tensor, batch: number): { a: Float64Array; rhs: Float64Array } {
  const a = new Float64Array(band.dataSync());
  const rhs = new Float64Array(b.dataSync());
  const [na, nb] = [a.length / batch, rhs.length / batch];
  if (allFinite(a, 0, a.length) && allFinite(rhs, 0, rhs.length)) return { a, rhs };
  const bad: number[] = [];
  for (let s = 0; s < batch; s++) if (!allFinite(a, s * na, (s + 1) * na) || !allFinite(rhs, s * nb, (s + 1) * nb)) bad.push(s);
  throw new LinalgError(op, 'non-finite-input', bad, batch, 'the band or b is not finite there');
}

/**
 * A banded solve (plain or cyclic) as a tfjs op with a gradient: `b̄ = A⁻ᵀ x̄` — a solve with the
 * transposed band, of the same structure — and `band̄[i][o] = −b̄ᵢ x_{i+o}`. Inside another
 * differentiation the gradient is built from differentiable ops (this op again), so higher
 * derivatives are right.
 */
export function makeBandSolve(op: string, periodic: boolean): (band: tf.Tensor3D, b: tf.Tensor2D) => tf.Tensor2D {
  const self = (band: tf.Tensor3D, b: tf.Tensor2D): tf.Tensor2D => kernel(band, b) as tf.Tensor2D;
  const kernel = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [band, b, save] = args as [tf.Tensor3D, tf.Tensor2D, tf.GradSaveFunc];
    const [batch, n, width] = band.shape;
    const p = (width - 1) / 2;
    const { a, rhs } = readFinite(op, band, b, batch);
    const x = solveAll(op, a, rhs, batch, n, p, periodic);
    save([band, b]);
    const value = tf.tensor2d(new Float32Array(x), [batch, n]);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const xBar = dy as tf.Tensor2D;
      const [bandIn, bIn] = saved as [tf.Tensor3D, tf.Tensor2D];
      if (isRecordingGradients()) {
        const bBar = self(transposeBandTensor(bandIn, periodic), xBar);
        const xAgain = self(bandIn, bIn);
        const columns = Array.from({ length: width }, (_, j) => tf.neg(tf.mul(bBar, shiftRows(xAgain, j - p, periodic))));
        return [tf.stack(columns, 2), bBar];
      }
      const bBar = solveAll(op, transposeBandHost(a, batch, n, p, periodic), new Float64Array(xBar.dataSync()), batch, n, p, periodic);
      const bandBar = new Float32Array(batch * n * width);
      for (let s = 0; s < batch; s++) {
        for (let i = 0; i < n; i++) {
          for (let o = -p; o <= p; o++) {
            let c = i + o;
            if (periodic) c = ((c % n) + n) % n;
            else if (c < 0 || c >= n) continue;
            bandBar[(s * n + i) * width + o + p] = -bBar[s * n + i]! * x[s * n + c]!;
          }
        }
      }
      return [tf.tensor3d(bandBar, [batch, n, width]), tf.tensor2d(new Float32Array(bBar), [batch, n])];
    };
    return { value, gradFunc };
  });
  return self;
}

/** Whether a gradient rule is running inside another differentiation (see @lnn/autodiff's linalg). */
export function isRecordingGradients(): boolean {
  return (tf.engine() as unknown as { state: { gradientDepth: number } }).state.gradientDepth > 0;
}
