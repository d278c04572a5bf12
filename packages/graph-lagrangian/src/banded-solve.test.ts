import * as tf from '@tensorflow/tfjs-core';
import { initBackend, LinalgError, solve } from '@lnn/autodiff';
import { assertAllClose, checkGradients } from '@lnn/autodiff/testing';
import { bandToDense, luFactor, luSolve } from '@lnn/linalg';
import { createRandom } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { bandedSolve } from './banded-solve';
import { periodicBandedSolve } from './periodic-banded-solve';

beforeAll(async () => {
  await initBackend();
});

/** The dense matrix of a band (float64), wrapped or not. */
const denseOf = (band: ArrayLike<number>, n: number, p: number, periodic: boolean): Float64Array => bandToDense(band, n, p, { periodic });

/** Random band, float32-rounded; `dominance` adds that multiple of the row's off-diagonal sum to the diagonal. */
function randomBand(n: number, p: number, seed: number, dominance: number): Float32Array {
  const rng = createRandom(seed);
  const w = 2 * p + 1;
  const band = new Float32Array(n * w);
  for (let i = 0; i < n; i++) {
    let off = 0;
    for (let o = -p; o <= p; o++) {
      const v = rng.uniform(-1, 1);
      band[i * w + o + p] = v;
      if (o !== 0) off += Math.abs(v);
    }
    band[i * w + p] = band[i * w + p]! + Math.sign(band[i * w + p]! || 1) * dominance * off;
  }
  return band;
}

const solvers = [
  ['bandedSolve', bandedSolve, false],
  ['periodicBandedSolve', periodicBandedSolve, true],
] as const;

describe.each(solvers)('%s', (name, solver, periodic) => {
  /** Compares with @lnn/autodiff's dense LU solve on the same float32 matrix. */
  function againstDense(band: Float32Array, batch: number, n: number, p: number, rtol: number): void {
    const w = 2 * p + 1;
    const dense = new Float32Array(batch * n * n);
    for (let s = 0; s < batch; s++) dense.set(denseOf(band.subarray(s * n * w, (s + 1) * n * w), n, p, periodic), s * n * n);
    tf.tidy(() => {
      const b = tf.randomNormal([batch, n], 0, 1, 'float32', 7) as tf.Tensor2D;
      const x = solver(tf.tensor3d(band, [batch, n, w]), b);
      const reference = solve(tf.tensor3d(dense, [batch, n, n]), b);
      assertAllClose(x, reference, { rtol, atol: rtol, label: name });
    });
  }

  it.each([
    [1, 7],
    [2, 7], // cyclic: the interior's first and last p rows meet (m = n − 2p = 3)
    [3, 10],
    [2, 40],
    [3, 101],
  ])('equals a dense solve on random diagonally dominant systems (p = %i, n = %i)', (p, n) => {
    const batch = 3;
    const band = new Float32Array(batch * n * (2 * p + 1));
    for (let s = 0; s < batch; s++) band.set(randomBand(n, p, 10 * p + s, 1.5), s * n * (2 * p + 1));
    // Both sides solve the same float32 system in float64; what is left is float32 output rounding.
    againstDense(band, batch, n, p, 2e-6);
  });

  it('equals a dense solve on random systems that need pivoting (no diagonal dominance)', () => {
    const [p, n, batch] = [2, 30, 4];
    const band = new Float32Array(batch * n * 5);
    for (let s = 0; s < batch; s++) band.set(randomBand(n, p, 100 + s, 0), s * n * 5);
    // Random non-dominant matrices have condition numbers up to ~1e3–1e4 here: float32 rounding of x only.
    againstDense(band, batch, n, p, 1e-5);
  });

  it('equals a dense solve on an ill-conditioned system (second difference + 1e-6·I, cond ≈ 1e7)', () => {
    const [p, n] = [2, 64];
    const band = new Float32Array(n * 5);
    for (let i = 0; i < n; i++) band.set([0, -1, 2 + 1e-6, -1, 0], i * 5);
    // Same float32 matrix on both sides, both solved in float64: agreement to float32 output rounding
    // despite cond ≈ 1e7 (a float32 solver would lose every digit).
    againstDense(band, 1, n, p, 1e-5);
  });

  it('has gradients (first and second order) that match float64 finite differences', () => {
    const [p, n] = [1, 6];
    const w = 2 * p + 1;
    const band0 = randomBand(n, p, 3, 1.2);
    const rng = createRandom(4);
    const rhs0 = Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
    const weights = Float64Array.from({ length: n }, () => rng.uniform(-1, 1));
    const x0 = [...band0, ...rhs0];
    const f = (v: tf.Tensor1D) => {
      const band = tf.reshape(tf.slice(v, 0, n * w), [1, n, w]) as tf.Tensor3D;
      const b = tf.reshape(tf.slice(v, n * w, n), [1, n]) as tf.Tensor2D;
      return tf.sum(tf.mul(solver(band, b), tf.tensor2d(Float32Array.from(weights), [1, n])));
    };
    const reference = (v: Float64Array) => {
      const a = denseOf(v.subarray(0, n * w), n, p, periodic);
      const perm = new Int32Array(n);
      luFactor(a, n, perm, 0);
      const x = Float64Array.from(v.subarray(n * w));
      luSolve(a, n, perm, x, 1);
      return x.reduce((s, xi, i) => s + xi * weights[i]!, 0);
    };
    // Well-conditioned 6×6 system with O(1) derivatives: float32 autodiff vs float64 differences.
    const checks = checkGradients(f, reference, x0, { order: 2, rtol: 2e-3, atol: 2e-4 });
    expect(checks.map((c) => c.ok)).toEqual([true, true]);
  });

  it('reports singular samples by index with a LinalgError', () => {
    const [p, n] = [1, 5];
    const good = randomBand(n, p, 1, 2);
    const singular = new Float32Array(n * 3); // the zero matrix
    const band = tf.tensor3d([...good, ...singular, ...good], [3, n, 3]);
    const b = tf.ones([3, n]) as tf.Tensor2D;
    let error: unknown;
    try {
      solver(band, b);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LinalgError);
    expect((error as LinalgError).samples).toEqual([1]);
    expect((error as LinalgError).message).toMatch(new RegExp(`^${name}: 1 of 3 samples singular \\(samples 1\\)`));
    tf.dispose([band, b]);
  });

  it('names the argument, the shape received and the shape expected', () => {
    tf.tidy(() => {
      expect(() => solver(tf.ones([1, 4, 4]) as tf.Tensor3D, tf.ones([1, 4]) as tf.Tensor2D)).toThrow(
        `${name}: band must have shape [batch, n, 2p + 1] (diagonals −p…p of each row), received [1, 4, 4].`,
      );
      expect(() => solver(tf.ones([2, 4, 3]) as tf.Tensor3D, tf.ones([2, 5]) as tf.Tensor2D)).toThrow(`${name}: b must have shape [2, 4], received [2, 5].`);
      expect(() => solver(tf.ones([1, 4, 3], 'int32') as tf.Tensor3D, tf.ones([1, 4]) as tf.Tensor2D)).toThrow(`${name}: band must be float32, received int32.`);
    });
  });

  it('leaks no tensors, forward and backward', () => {
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const band = tf.tensor3d(randomBand(8, 2, 5, 2), [1, 8, 5]);
      const b = tf.ones([1, 8]) as tf.Tensor2D;
      tf.grads((a: tf.Tensor, c: tf.Tensor) => tf.sum(solver(a as tf.Tensor3D, c as tf.Tensor2D)))([band, b]);
    });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('periodicBandedSolve on the wrap-around', () => {
  it('solves a cyclic shift (regular, but its banded interior is singular) by the dense fallback', () => {
    const n = 9;
    const band = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) band[i * 3 + 2] = 1; // A[i][i+1 mod n] = 1
    tf.tidy(() => {
      const b = tf.tensor2d([Array.from({ length: n }, (_, i) => i)]);
      const x = periodicBandedSolve(tf.tensor3d(band, [1, n, 3]), b);
      // x[i+1] = b[i]  ⇒  x[j] = b[j − 1]
      assertAllClose(x, [Array.from({ length: n }, (_, j) => (j + n - 1) % n)].flat(), { rtol: 0, atol: 1e-6 });
    });
  });

  it('handles rings shorter than the band (offsets that wrap to the same column add up)', () => {
    const [n, p] = [3, 2];
    const band = randomBand(n, p, 9, 3);
    const dense = Float32Array.from(denseOf(band, n, p, true));
    tf.tidy(() => {
      const b = tf.tensor2d([[1, -2, 0.5]]);
      assertAllClose(periodicBandedSolve(tf.tensor3d(band, [1, n, 5]), b), solve(tf.tensor3d(dense, [1, n, n]), b), { rtol: 1e-5, atol: 1e-6 });
    });
  });
});
