import { symmetricEigen } from '@lnn/linalg';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { dampedSolve } from './damped-solve';
import { LinalgError } from './linalg-error';
import { pinvSolve } from './pinv-solve';
import { cholesky } from './solvers/cholesky';
import { damped } from './solvers/damped';
import { lu } from './solvers/lu';
import { pinv } from './solvers/pinv';
import { solve } from './solve';
import { symmetricEigenvalues } from './symmetric-eigenvalues';

// ---- float64 references, independent of the code under test ----

/** Gauss–Jordan elimination with full pivoting, float64: solves A X = B (B d×k). */
function gaussJordan(a: number[][], b: number[][]): number[][] {
  const d = a.length;
  const m = a.map((row, i) => [...row, ...b[i]!]);
  const cols = Array.from({ length: d }, (_, i) => i);
  for (let k = 0; k < d; k++) {
    let [pi, pj, best] = [k, k, -1];
    for (let i = k; i < d; i++) for (let j = k; j < d; j++) if (Math.abs(m[i]![j]!) > best) [pi, pj, best] = [i, j, Math.abs(m[i]![j]!)];
    [m[k], m[pi]] = [m[pi]!, m[k]!];
    for (const row of m) [row[k], row[pj]] = [row[pj]!, row[k]!];
    [cols[k], cols[pj]] = [cols[pj]!, cols[k]!];
    const p = m[k]![k]!;
    for (let j = 0; j < m[k]!.length; j++) m[k]![j]! /= p;
    for (let i = 0; i < d; i++) {
      if (i === k) continue;
      const f = m[i]![k]!;
      for (let j = 0; j < m[i]!.length; j++) m[i]![j]! -= f * m[k]![j]!;
    }
  }
  const x: number[][] = Array.from({ length: d }, () => []);
  for (let i = 0; i < d; i++) x[cols[i]!] = m[i]!.slice(d);
  return x;
}

/** Pseudoinverse solve of a symmetric float64 matrix via its eigen-decomposition (numpy's rule). */
function pinvReference(a: number[][], b: number[][], rcond: number): number[][] {
  const d = a.length;
  const values = new Float64Array(d);
  const v = new Float64Array(d * d);
  symmetricEigen(Float64Array.from(a.flat()), d, values, v);
  const max = Math.max(...Array.from(values, Math.abs));
  return b[0]!.map((_, c) => {
    const t = Array.from(values, (lam, j) => (Math.abs(lam) > rcond * max ? (a.reduce((s, _r, i) => s + v[i * d + j]! * b[i]![c]!, 0) / lam) : 0));
    return Array.from({ length: d }, (_, i) => t.reduce((s, tj, j) => s + v[i * d + j]! * tj, 0));
  }).reduce<number[][]>((rows, col) => col.map((value, i) => [...(rows[i] ?? []), value]), []);
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const f32 = (v: number) => Math.fround(v);
const randomMatrix = (d: number, r: () => number) => Array.from({ length: d }, () => Array.from({ length: d }, () => f32(2 * r())));
/** Symmetric Q diag(σ) Qᵀ with the given spectrum, rounded to float32. */
function withSpectrum(sigma: number[], seed: number): number[][] {
  const d = sigma.length;
  const m = randomMatrix(d, rng(seed));
  const s = Float64Array.from(m.flat(), (x, k) => 0.5 * (x + m[k % d]![Math.floor(k / d)]!));
  const q = new Float64Array(d * d);
  symmetricEigen(s, d, new Float64Array(d), q);
  return Array.from({ length: d }, (_, i) => Array.from({ length: d }, (_, j) => f32(sigma.reduce((t, sg, k) => t + q[i * d + k]! * sg * q[j * d + k]!, 0))));
}
const tensors = (as: number[][][], bs: number[][][]) => [tf.tensor3d(as), tf.tensor3d(bs)] as const;
const maxAbs = (xs: number[]) => xs.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe.each(['wasm', 'cpu'] as const)('batched linear algebra on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each([1, 3, 10, 40])('solve (LU) matches float64 Gauss–Jordan on random systems, d = %i', (d) => {
    const r = rng(d);
    const as = [0, 1, 2].map(() => randomMatrix(d, r));
    const bs = as.map(() => Array.from({ length: d }, () => [f32(r()), f32(r())]));
    const [A, B] = tensors(as, bs);
    const before = tf.memory().numTensors;
    const x = solve(A, B);
    expect(tf.memory().numTensors).toBe(before + 1);
    // Float64 result rounded once to float32: ε₃₂ relative, judged against the largest entry.
    const expected = as.flatMap((a, s) => gaussJordan(a, bs[s]!).flat());
    assertAllClose(x, expected, { rtol: 2e-7, atol: 2e-7 * maxAbs(expected) });
    tf.dispose([A, B, x]);
  });

  it('solve is exact for the inputs on ill-conditioned systems (condition 1e6)', () => {
    const a = withSpectrum([1e-6, 0.5, 1, 2], 5);
    const b = [[0.3], [-1], [0.7], [0.2]];
    const [A, B] = tensors([a], [b]);
    const x = solve(A, B);
    const expected = gaussJordan(a, b).flat();
    assertAllClose(x, expected, { rtol: 1e-6, atol: 1e-6 * maxAbs(expected) });
    tf.dispose([A, B, x]);
  });

  it('cholesky, pinvSolve and dampedSolve(0) agree with LU on SPD systems; b of rank 2 keeps its shape', () => {
    tf.tidy(() => {
      const as = [withSpectrum([0.5, 1, 3], 1), withSpectrum([0.1, 2, 7], 2)];
      const bs = [[0.3, -1, 0.7], [1, 2, -0.5]];
      const A = tf.tensor3d(as);
      const b = tf.tensor2d(bs);
      const lu = solve(A, b);
      expect(lu.shape).toEqual([2, 3]);
      const expected = as.flatMap((a, s) => gaussJordan(a, bs[s]!.map((v) => [v])).flat());
      const tol = { rtol: 1e-5, atol: 1e-6 };
      assertAllClose(lu, expected, tol);
      assertAllClose(solve(A, b, { method: 'cholesky' }), expected, tol);
      assertAllClose(pinvSolve(A, b), expected, tol);
      assertAllClose(dampedSolve(A, b, { epsilon: 0 }), expected, tol);
    });
  });

  it('dampedSolve solves (A + εI) x = b', () => {
    tf.tidy(() => {
      const a = [[1, 2], [2, 4]]; // singular
      const x = dampedSolve(tf.tensor3d([a]), tf.tensor2d([[1, 1]]), { epsilon: 0.5 });
      assertAllClose(x, gaussJordan([[1.5, 2], [2, 4.5]], [[1], [1]]).flat(), { rtol: 1e-6, atol: 1e-7 });
    });
  });

  it('pinvSolve gives the minimum-norm least-squares solution of a singular system', () => {
    tf.tidy(() => {
      const a = withSpectrum([0, 1, 3], 7);
      const b = [[0.4], [-0.2], [0.9]];
      const x = pinvSolve(tf.tensor3d([a]), tf.tensor3d([b]));
      // The cut eigenvalue is float32 rounding of 0; the reference cuts at the same relative level.
      const expected = pinvReference(a, b, 3 * 1.1920929e-7).flat();
      assertAllClose(x, expected, { rtol: 1e-5, atol: 1e-6 });
      expect(maxAbs(Array.from(x.dataSync()))).toBeLessThan(10);
    });
  });

  it('reports singular, indefinite and non-finite input by sample, never NaN', () => {
    tf.tidy(() => {
      const good = [[2, 0], [0, 1]];
      const singular = [[1, 2], [2, 4]];
      const A = tf.tensor3d([good, singular, good, singular]);
      const b = tf.ones([4, 2]);
      const attempt = () => solve(A, b);
      expect(attempt).toThrow(LinalgError);
      expect(attempt).toThrow(/solve: 2 of 4 samples singular \(samples 1, 3\).*use pinvSolve/);
      try {
        attempt();
      } catch (e) {
        expect(e).toMatchObject({ kind: 'singular', samples: [1, 3], batch: 4, op: 'solve' });
      }
      expect(() => solve(tf.tensor3d([[[1, 2], [2, 1]]]), tf.ones([1, 2]), { method: 'cholesky' })).toThrow(
        /1 of 1 samples not-positive-definite/,
      );
      expect(() => solve(tf.tensor3d([good, [[Number.NaN, 0], [0, 1]]]), tf.ones([2, 2]))).toThrow(
        /1 of 2 samples non-finite-input \(samples 1\)/,
      );
      expect(() => pinvSolve(tf.tensor3d([good]), tf.tensor2d([[Infinity, 0]]))).toThrow(/non-finite-input/);
      // pinv of the singular matrix is fine.
      expect(Array.from(pinvSolve(A, b).dataSync()).every(Number.isFinite)).toBe(true);
    });
  });

  it('rejects bad shapes and options, naming the argument', () => {
    tf.tidy(() => {
      expect(() => solve(tf.ones([2, 3, 2]), tf.ones([2, 3]))).toThrow('solve: A must have shape [batch, d, d] with d ≥ 1, received [2, 3, 2].');
      expect(() => solve(tf.ones([2, 3, 3]), tf.ones([2, 2]))).toThrow('solve: b must have shape [2, 3] or [2, 3, k], received [2, 2].');
      expect(() => solve(tf.ones([1, 1, 1]), tf.ones([1, 1]), { method: 'qr' as never })).toThrow(/options.method must be 'lu' or 'cholesky'/);
      expect(() => dampedSolve(tf.ones([1, 1, 1]), tf.ones([1, 1]), { epsilon: -1 })).toThrow('dampedSolve: options.epsilon must be a finite number ≥ 0, received -1.');
      expect(() => dampedSolve(tf.ones([1, 1, 1]), tf.ones([1, 1]), undefined as never)).toThrow('dampedSolve: options.epsilon must be a finite number ≥ 0, received undefined.');
      expect(() => pinvSolve(tf.ones([1, 1, 1]), tf.ones([1, 1]), { rcond: Number.NaN })).toThrow(/rcond must be a finite number/);
    });
  });

  it('symmetricEigenvalues returns the ascending spectrum', () => {
    const A = tf.tensor3d([withSpectrum([-1, 0.5, 4], 3)]);
    const before = tf.memory().numTensors;
    const values = symmetricEigenvalues(A);
    expect(tf.memory().numTensors).toBe(before + 1);
    assertAllClose(values, [-1, 0.5, 4], { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([A, values]);
  });
});

// ---- gradients against float64 finite differences ----

type HostSolve = (a: number[][], b: number[][]) => number[][];
/** ∂/∂A and ∂/∂b of Σ C ⊙ solve(A, b) by central differences in float64, h = 1e-6. */
function fdGradients(hostSolve: HostSolve, a: number[][], b: number[][], c: number[][]) {
  const f = (aa: number[][], bb: number[][]) => hostSolve(aa, bb).reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * c[i]![j]!, 0), 0);
  const h = 1e-6;
  const bump = (m: number[][], i: number, j: number, dv: number) => m.map((row, r) => row.map((v, q) => (r === i && q === j ? v + dv : v)));
  const dA = a.map((row, i) => row.map((_, j) => (f(bump(a, i, j, h), b) - f(bump(a, i, j, -h), b)) / (2 * h)));
  const dB = b.map((row, i) => row.map((_, j) => (f(a, bump(b, i, j, h)) - f(a, bump(b, i, j, -h))) / (2 * h)));
  return { dA: dA.flat(), dB: dB.flat() };
}

describe.each(['wasm', 'cpu'] as const)('linear-algebra gradients on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  const a = withSpectrum([0.4, 1, 2.5, 3], 11);
  const nonsymmetric = randomMatrix(4, rng(12)).map((row, i) => row.map((v, j) => (i === j ? v + 2 : v)));
  const b = [[0.3, 1], [-0.8, 0.2], [0.5, -0.4], [1.1, 0.6]];
  const c = [[1, -0.5], [0.3, 0.8], [-1.2, 0.4], [0.7, 0.9]];
  const sym = (m: number[][]) => m.map((row, i) => row.map((v, j) => 0.5 * (v + m[j]![i]!)));
  const cases: [string, (A: tf.Tensor, B: tf.Tensor) => tf.Tensor, HostSolve, number[][]][] = [
    ['solve (LU), non-symmetric A', (A, B) => solve(A, B), gaussJordan, nonsymmetric],
    ['solve (Cholesky)', (A, B) => solve(A, B, { method: 'cholesky' }), (m, r) => gaussJordan(sym(m), r), a],
    ['dampedSolve, ε = 0.3', (A, B) => dampedSolve(A, B, { epsilon: 0.3 }), (m, r) => gaussJordan(m.map((row, i) => row.map((v, j) => v + (i === j ? 0.3 : 0))), r), nonsymmetric],
    ['pinvSolve, full rank', (A, B) => pinvSolve(A, B), (m, r) => pinvReference(sym(m), r, 4 * 1.1920929e-7), a],
    // The solver values: the same ops behind a value, checked the same way.
    ['lu().solve, non-symmetric A', (A, B) => lu().solve(A, B), gaussJordan, nonsymmetric],
    ['cholesky().solve', (A, B) => cholesky().solve(A, B), (m, r) => gaussJordan(sym(m), r), a],
    ['damped({ epsilon: 0.3 }).solve', (A, B) => damped({ epsilon: 0.3 }).solve(A, B), (m, r) => gaussJordan(m.map((row, i) => row.map((v, j) => v + (i === j ? 0.3 : 0))), r), nonsymmetric],
    ['pinv().solve, full rank', (A, B) => pinv().solve(A, B), (m, r) => pinvReference(sym(m), r, 4 * 1.1920929e-7), a],
  ];

  it.each(cases)('%s: gradients match finite differences', (_name, op, host, matrix) => {
    tf.tidy(() => {
      const C = tf.tensor3d([c]);
      const [dA, dB] = tf.grads((A: tf.Tensor, B: tf.Tensor) => tf.sum(tf.mul(op(A, B), C)))([tf.tensor3d([matrix]), tf.tensor3d([b])]);
      const fd = fdGradients(host, matrix, b, c);
      const scale = maxAbs([...fd.dA, ...fd.dB]);
      assertAllClose(dA!, fd.dA, { rtol: 1e-4, atol: 1e-5 * scale, label: 'dA' });
      assertAllClose(dB!, fd.dB, { rtol: 1e-4, atol: 1e-5 * scale, label: 'dB' });
    });
  });

  it('symmetricEigenvalues: gradient matches finite differences (distinct eigenvalues)', () => {
    tf.tidy(() => {
      const weights = [0.7, -1.3, 0.4, 2.1];
      const f = (m: number[][]) => {
        const values = new Float64Array(4);
        symmetricEigen(Float64Array.from(m.flat()), 4, values, new Float64Array(16));
        return Array.from(values).reduce((s, v, i) => s + v * weights[i]!, 0);
      };
      const h = 1e-6;
      const bump = (m: number[][], i: number, j: number, dv: number) => m.map((row, r) => row.map((v, q) => (r === i && q === j ? v + dv : v)));
      const fd = nonsymmetric.map((row, i) => row.map((_, j) => (f(bump(nonsymmetric, i, j, h)) - f(bump(nonsymmetric, i, j, -h))) / (2 * h))).flat();
      const got = tf.grad((A: tf.Tensor) => tf.sum(tf.mul(symmetricEigenvalues(A), tf.tensor2d([weights]))))(tf.tensor3d([nonsymmetric]));
      assertAllClose(got, fd, { rtol: 1e-4, atol: 1e-5 * maxAbs(fd) });
    });
  });

  it('pinvSolve of a singular matrix: gradient matches finite differences along rank-preserving directions', () => {
    tf.tidy(() => {
      const d = 3;
      const values = new Float64Array(d);
      const q = new Float64Array(d * d);
      const singular = withSpectrum([0, 1, 3], 21);
      symmetricEigen(Float64Array.from(singular.flat()), d, values, q);
      // Rotations K A − A K (K skew) and scalings within the range keep the rank.
      const k = [[0, 0.3, -0.2], [-0.3, 0, 0.5], [0.2, -0.5, 0]];
      const mm = (x: number[][], y: number[][]) => x.map((row) => y[0]!.map((_, j) => row.reduce((s, v, t) => s + v * y[t]![j]!, 0)));
      const rot = mm(k, singular).map((row, i) => row.map((v, j) => v - mm(singular, k)[i]![j]!));
      const u = [0, 1, 2].map((i) => q[i * d + 2]!); // eigenvector of λ = 3
      const range = u.map((ui) => u.map((uj) => ui * uj));
      const bb = [[0.4, 0.1], [-0.2, 0.7], [0.9, -0.3]];
      const cc = [[1, 0.5], [-0.3, 0.8], [0.6, -1]];
      const host = (m: number[][]) => pinvReference(m, bb, 1e-6).reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * cc[i]![j]!, 0), 0);
      const [dA] = tf.grads((A: tf.Tensor, B: tf.Tensor) => tf.sum(tf.mul(pinvSolve(A, B, { rcond: 1e-6 }), tf.tensor3d([cc]))))([
        tf.tensor3d([singular]),
        tf.tensor3d([bb]),
      ]);
      const g = Array.from(dA!.dataSync());
      for (const dir of [rot, range]) {
        const h = 1e-6;
        const step = (t: number) => singular.map((row, i) => row.map((v, j) => v + t * dir[i]![j]!));
        const fd = (host(step(h)) - host(step(-h))) / (2 * h);
        const analytic = dir.flat().reduce((s, v, i) => s + v * g[i]!, 0);
        expect(Math.abs(analytic - fd)).toBeLessThan(1e-4 * Math.max(1, Math.abs(fd)));
      }
    });
  });

  it('second derivatives through solve and pinvSolve (their gradients are differentiable)', () => {
    tf.tidy(() => {
      // f(b) = Σ solve(A, b)²  ⇒  ∇²_b f = 2 A⁻ᵀ A⁻¹; contract with c: ∇_b (∇f · c) = 2 A⁻ᵀA⁻¹ c.
      const A = tf.tensor3d([nonsymmetric]);
      const cv = tf.tensor2d([[0.5, -1, 0.3, 0.8]]);
      const pairs: [(x: tf.Tensor) => tf.Tensor, number[][]][] = [
        [(x) => solve(A, x), nonsymmetric],
        [(x) => pinvSolve(tf.tensor3d([a]), x), sym(a)],
      ];
      for (const [op, matrix] of pairs) {
        const inner = (x: tf.Tensor) => tf.grad((y: tf.Tensor) => tf.sum(tf.square(op(y))))(x);
        const second = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(inner(x), cv)))(tf.tensor2d([[0.2, 0.1, -0.4, 0.3]]));
        // Reference: 2 M⁻ᵀ M⁻¹ c.
        const y = gaussJordan(matrix, [[0.5], [-1], [0.3], [0.8]]);
        const mt = matrix[0]!.map((_, j) => matrix.map((row) => row[j]!));
        const expected = gaussJordan(mt, y).flat().map((v) => 2 * v);
        assertAllClose(second, expected, { rtol: 1e-4, atol: 1e-5 * maxAbs(expected) });
      }
    });
  });

  it('second derivatives in A: the matrix gradient is itself differentiated', () => {
    tf.tidy(() => {
      // g(A) = Σ D ⊙ ∂/∂A[Σ C ⊙ solve(A, b)] = Σ D ⊙ (−(A⁻ᵀC)(A⁻¹b)ᵀ), symmetrised for pinv.
      const bb = [[0.3], [-0.8], [0.5], [1.1]];
      const cc = [[1], [0.3], [-1.2], [0.7]];
      const dd = randomMatrix(4, rng(31));
      const transposeOf = (m: number[][]) => m[0]!.map((_, j) => m.map((row) => row[j]!));
      const hostG = (m: number[][], symmetric: boolean) => {
        const u = gaussJordan(transposeOf(m), cc).flat();
        const x = gaussJordan(m, bb).flat();
        const grad = u.map((ui) => x.map((xj) => -ui * xj));
        const g = symmetric ? sym(grad) : grad;
        return g.reduce((s, row, i) => s + row.reduce((t, v, j) => t + v * dd[i]![j]!, 0), 0);
      };
      const pairs: [(A: tf.Tensor, B: tf.Tensor) => tf.Tensor, number[][], boolean][] = [
        [(A, B) => solve(A, B), nonsymmetric, false],
        [(A, B) => pinvSolve(A, B), a, true],
      ];
      for (const [op, matrix, symmetric] of pairs) {
        const B = tf.tensor3d([bb]);
        const inner = (A: tf.Tensor) => tf.grad((M: tf.Tensor) => tf.sum(tf.mul(op(M, B), tf.tensor3d([cc]))))(A);
        const outer = tf.grad((A: tf.Tensor) => tf.sum(tf.mul(inner(A), tf.tensor3d([dd]))))(tf.tensor3d([matrix]));
        const h = 1e-6;
        const fd = matrix.flatMap((row, i) =>
          row.map((_, j) => {
            const bump = (t: number) => matrix.map((r, p) => r.map((v, q) => (p === i && q === j ? v + t : v)));
            const f = (m: number[][]) => hostG(symmetric ? sym(m) : m, symmetric);
            return (f(bump(h)) - f(bump(-h))) / (2 * h);
          }),
        );
        assertAllClose(outer, fd, { rtol: 1e-3, atol: 1e-4 * maxAbs(fd) });
      }
    });
  });
});
