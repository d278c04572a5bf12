import * as tf from '@tensorflow/tfjs-core';
import { initBackend, LinalgError, solve } from '@lnn/autodiff';
import { assertAllClose, checkGradients } from '@lnn/autodiff/testing';
import { luFactor, luSolve } from '@lnn/linalg';
import { createRandom } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { conjugateGradientSolve } from './conjugate-gradient-solve';
import { SparsePattern } from './sparse-pattern';

beforeAll(async () => {
  await initBackend();
});

/** The 5-point pattern of a periodic rows×cols grid. */
function gridPattern(rows: number, cols: number): SparsePattern {
  const at = (r: number, c: number) => ((r + rows) % rows) * cols + ((c + cols) % cols);
  const list: number[][] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) list.push([at(r, c), at(r, c - 1), at(r, c + 1), at(r - 1, c), at(r + 1, c)]);
  return SparsePattern.fromRows(list);
}

/** Random symmetric values on a pattern; the diagonal is `shift` plus the row's off-diagonal sum (SPD). */
function symmetricValues(pattern: SparsePattern, seed: number, shift: number): Float32Array {
  const rng = createRandom(seed);
  const values = new Float32Array(pattern.nnz);
  const rows = pattern.rows();
  for (let e = 0; e < pattern.nnz; e++) {
    const [i, j] = [rows[e]!, pattern.columns[e]!];
    if (i < j) values[e] = values[pattern.indexOf(j, i)] = rng.uniform(-1, 0);
  }
  for (let i = 0; i < pattern.n; i++) {
    let off = 0;
    for (let e = pattern.rowStart[i]!; e < pattern.rowStart[i + 1]!; e++) if (pattern.columns[e] !== i) off += Math.abs(values[e]!);
    values[pattern.indexOf(i, i)] = off + shift;
  }
  return values;
}

function dense(pattern: SparsePattern, values: ArrayLike<number>): Float64Array {
  const a = new Float64Array(pattern.n * pattern.n);
  const rows = pattern.rows();
  for (let e = 0; e < pattern.nnz; e++) a[rows[e]! * pattern.n + pattern.columns[e]!] = values[e] as number;
  return a;
}

describe('conjugateGradientSolve', () => {
  it.each([
    ['well conditioned (shift 1)', 1],
    ['ill conditioned (shift 1e-5, cond ≈ 1e6)', 1e-5],
  ])('equals a dense solve on random symmetric positive definite grid systems, %s', (_name, shift) => {
    const pattern = gridPattern(6, 7);
    const n = pattern.n;
    const batch = 2;
    const values = new Float32Array(batch * pattern.nnz);
    for (let s = 0; s < batch; s++) values.set(symmetricValues(pattern, s + 1, shift), s * pattern.nnz);
    const denseAll = new Float32Array(batch * n * n);
    for (let s = 0; s < batch; s++) denseAll.set(dense(pattern, values.subarray(s * pattern.nnz, (s + 1) * pattern.nnz)), s * n * n);
    tf.tidy(() => {
      const b = tf.randomNormal([batch, n], 0, 1, 'float32', 3) as tf.Tensor2D;
      const x = conjugateGradientSolve(tf.tensor2d(values, [batch, pattern.nnz]), b, pattern, { tolerance: 1e-13, maxIterations: 2000 });
      // Both float64 on the same float32 matrix; CG's residual 1e-13·‖b‖ times cond 1e6 stays
      // below float32 rounding of x.
      assertAllClose(x, solve(tf.tensor3d(denseAll, [batch, n, n]), b), { rtol: 1e-5, atol: 1e-5 * (shift < 1 ? 1e5 : 1) });
    });
  });

  it('solves negative definite systems and reports indefinite ones by sample', () => {
    const pattern = gridPattern(3, 3);
    const pos = symmetricValues(pattern, 7, 0.5);
    const neg = pos.map((v) => -v);
    const indefinite = Float32Array.from(pos);
    indefinite[pattern.indexOf(4, 4)] = -1;
    tf.tidy(() => {
      const b = tf.ones([2, 9]) as tf.Tensor2D;
      const x = conjugateGradientSolve(tf.tensor2d([...pos, ...neg], [2, pattern.nnz]), b, pattern);
      assertAllClose(tf.slice(x, [1, 0], [1, 9]), tf.neg(tf.slice(x, [0, 0], [1, 9])), { rtol: 1e-5, atol: 1e-6 });
      let error: unknown;
      try {
        conjugateGradientSolve(tf.tensor2d([...pos, ...indefinite, ...pos], [3, pattern.nnz]), tf.ones([3, 9]) as tf.Tensor2D, pattern);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(LinalgError);
      expect((error as LinalgError).kind).toBe('not-positive-definite');
      expect((error as LinalgError).samples).toEqual([1]);
    });
  });

  it('has first- and second-order gradients that match float64 finite differences', () => {
    const pattern = gridPattern(3, 3);
    const n = pattern.n;
    const values0 = symmetricValues(pattern, 9, 1);
    const rows = pattern.rows();
    // Parameters: the upper triangle (i ≤ j) and b; the matrix is filled symmetrically from them.
    const upper = Array.from({ length: pattern.nnz }, (_, e) => e).filter((e) => rows[e]! <= pattern.columns[e]!);
    const mirror = Int32Array.from({ length: pattern.nnz }, (_, e) => upper.indexOf(rows[e]! <= pattern.columns[e]! ? e : pattern.indexOf(pattern.columns[e]!, rows[e]!)));
    // A constant 0/1 matrix spreads the parameters onto both triangles (tf.gather has no gradient on wasm).
    const spread = new Float32Array(upper.length * pattern.nnz);
    mirror.forEach((u, e) => (spread[u * pattern.nnz + e] = 1));
    const rng = createRandom(2);
    const weights = Float32Array.from({ length: n }, () => rng.uniform(-1, 1));
    const x0 = [...upper.map((e) => values0[e]!), ...Array.from({ length: n }, () => rng.uniform(-1, 1))];
    const f = (v: tf.Tensor1D) => {
      const values = tf.matMul(tf.reshape(tf.slice(v, 0, upper.length), [1, upper.length]), tf.tensor2d(spread, [upper.length, pattern.nnz])) as tf.Tensor2D;
      const b = tf.reshape(tf.slice(v, upper.length, n), [1, n]) as tf.Tensor2D;
      return tf.sum(tf.mul(conjugateGradientSolve(values, b, pattern, { tolerance: 1e-14 }), tf.tensor2d(weights, [1, n])));
    };
    const reference = (v: Float64Array) => {
      const a = dense(pattern, Array.from(mirror, (u) => v[u]!));
      const perm = new Int32Array(n);
      luFactor(a, n, perm, 0);
      const x = Float64Array.from(v.subarray(upper.length));
      luSolve(a, n, perm, x, 1);
      return x.reduce((s, xi, i) => s + xi * weights[i]!, 0);
    };
    // Diagonally dominant 9×9 system, O(1) derivatives: float32 autodiff vs float64 differences.
    const checks = checkGradients(f, reference, x0, { order: 2, rtol: 2e-3, atol: 2e-4 });
    expect(checks.every((c) => c.ok)).toBe(true);
  });

  it('names the argument, the value received and the one expected', () => {
    const pattern = gridPattern(3, 3);
    tf.tidy(() => {
      expect(() => conjugateGradientSolve(tf.ones([1, 10]) as tf.Tensor2D, tf.ones([1, 9]) as tf.Tensor2D, pattern)).toThrow(
        `conjugateGradientSolve: values must have shape [batch, ${pattern.nnz}] (one per stored entry of the pattern), received [1, 10].`,
      );
      expect(() => conjugateGradientSolve(tf.ones([1, pattern.nnz]) as tf.Tensor2D, tf.ones([1, 9]) as tf.Tensor2D, pattern, { maxIterations: 0 })).toThrow(
        'conjugateGradientSolve: options.maxIterations must be a positive integer, received 0.',
      );
    });
    expect(() => SparsePattern.fromRows([[0, 3], [1]])).toThrow('SparsePattern.fromRows: rows[0] must be an array of column indices in [0, 2), received [0,3].');
  });
});
