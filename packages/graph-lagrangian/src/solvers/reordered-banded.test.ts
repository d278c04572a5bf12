import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { SparsePattern } from '../sparse-pattern';
import { reorderedBanded } from './reordered-banded';
import { graphSolverFromJson } from './graph-solver-from-json';

beforeAll(async () => {
  await initBackend();
});

/** A random symmetric matrix on the pattern of a scrambled ring with chords (a wide band as numbered), indefinite. */
function system(n: number, seed: number) {
  const rows: number[][] = Array.from({ length: n }, (_, i) => [i]);
  const perm = Array.from({ length: n }, (_, i) => (i * 7) % n); // gcd(7, n) = 1: scrambles the ring
  for (let a = 0; a < n; a++) {
    const [i, j] = [perm[a]!, perm[(a + 1) % n]!];
    rows[i]!.push(j);
    rows[j]!.push(i);
  }
  const pattern = SparsePattern.fromRows(rows);
  const dense = new Float64Array(n * n);
  let s = seed;
  const random = () => ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const cols = pattern.rows();
  for (let x = 0; x < pattern.nnz; x++) {
    const [i, j] = [cols[x]!, pattern.columns[x]!];
    if (j < i) continue;
    const v = i === j ? 3 * random() : random(); // diagonal of either sign: indefinite
    dense[i * n + j] = dense[j * n + i] = v;
  }
  const values = Float32Array.from(pattern.columns, (j, x) => dense[cols[x]! * n + j]!);
  return { pattern, dense, values };
}

describe('reorderedBanded', () => {
  it('equals a dense solve on indefinite sparse systems (where CG stops), and its JSON round-trips', () => {
    const n = 23;
    const { pattern, dense, values } = system(n, 5);
    const b = tf.randomNormal([1, n], 0, 1, 'float32', 1) as tf.Tensor2D;
    const x = reorderedBanded().solve({ kind: 'csr', pattern }, tf.tensor2d(values, [1, pattern.nnz]), b).dataSync();
    // residual of the float64 LU, checked in float64: A x − b ≈ 0 relative to |A||x| + |b|.
    const bb = b.dataSync();
    let worst = 0;
    for (let i = 0; i < n; i++) {
      let r = -bb[i]!;
      let scale = Math.abs(bb[i]!);
      for (let j = 0; j < n; j++) {
        r += Float32Array.of(dense[i * n + j]!)[0]! * x[j]!;
        scale += Math.abs(dense[i * n + j]! * x[j]!);
      }
      worst = Math.max(worst, Math.abs(r) / scale);
    }
    expect(worst).toBeLessThan(1e-5); // float32 x: ~1e-7 relative, times a modest condition number
    expect(graphSolverFromJson(JSON.parse(JSON.stringify(reorderedBanded())) as never).name).toBe('reordered-banded');
  });

  it('has the gradient of a solve: b̄ = A⁻ᵀ x̄ (finite differences in b)', () => {
    const n = 11;
    const { pattern, values } = system(n, 9);
    const a = tf.tensor2d(values, [1, pattern.nnz]);
    const w = tf.randomNormal([1, n], 0, 1, 'float32', 4);
    const loss = (b: tf.Tensor) => tf.sum(tf.mul(reorderedBanded().solve({ kind: 'csr', pattern }, a, b as tf.Tensor2D), w));
    const b0 = tf.randomNormal([1, n], 0, 1, 'float32', 2) as tf.Tensor2D;
    const g = tf.grad(loss)(b0).dataSync();
    const eps = 1e-2;
    // loss is linear in b: central differences are exact up to float32 rounding of the solves.
    const fd = Array.from({ length: n }, (_, c) => (loss(tf.add(b0, tf.mul(tf.oneHot([c], n), eps))).dataSync()[0]! - loss(tf.sub(b0, tf.mul(tf.oneHot([c], n), eps))).dataSync()[0]!) / (2 * eps));
    assertAllClose(g, fd, { rtol: 1e-2, atol: 1e-2 * Math.max(...fd.map(Math.abs)) });
  });

  it('refuses a band layout and options, naming them', () => {
    expect(() => reorderedBanded().check({ kind: 'band', periodic: false, p: 1 }, 'f: options.solver')).toThrow(/f: options.solver: reorderedBanded\(\) reorders compressed rows/);
    expect(() => reorderedBanded({ tolerance: 1 } as never)).toThrow(/reorderedBanded/);
  });
});
