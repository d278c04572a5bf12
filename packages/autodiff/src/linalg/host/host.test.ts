import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskySolve } from './cholesky';
import { luFactor, luSolve, luSolveTransposed } from './lu';
import { symmetricEigen } from './symmetric-eigen';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}
const randomMatrix = (d: number, seed: number) => Float64Array.from({ length: d * d }, rng(seed));
const matVec = (a: Float64Array, d: number, x: Float64Array, transpose = false) =>
  Float64Array.from({ length: d }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (transpose ? a[j * d + i]! : a[i * d + j]!) * x[j]!;
    return s;
  });
const maxAbs = (v: ArrayLike<number>) => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);
const residual = (a: Float64Array, d: number, x: Float64Array, b: Float64Array, transpose = false) =>
  maxAbs(matVec(a, d, x, transpose).map((v, i) => v - b[i]!));

describe('host LU with partial pivoting', () => {
  it.each([1, 2, 5, 30, 100])('solves A x = b and Aᵀ x = b to float64 backward error, d = %i', (d) => {
    const a = randomMatrix(d, d);
    const b = Float64Array.from({ length: d }, rng(d + 1));
    const lu = Float64Array.from(a);
    const perm = new Int32Array(d);
    expect(luFactor(lu, d, perm, 0)).toBe(-1);
    const x = Float64Array.from(b);
    luSolve(lu, d, perm, x, 1);
    const xt = Float64Array.from(b);
    luSolveTransposed(lu, d, perm, xt, 1);
    // backward error relative to ‖A‖‖x‖: a few d·ε₆₄
    expect(residual(a, d, x, b) / (maxAbs(a) * maxAbs(x) * d)).toBeLessThan(1e-13);
    expect(residual(a, d, xt, b, true) / (maxAbs(a) * maxAbs(xt) * d)).toBeLessThan(1e-13);
  });

  it('reports the step at which a singular matrix loses its pivot', () => {
    const a = Float64Array.from([1, 2, 3, 2, 4, 6, 1, 0, 1]);
    expect(luFactor(a, 3, new Int32Array(3), 1e-14)).toBe(2);
  });

  it('solves several right-hand sides at once', () => {
    const d = 4;
    const a = randomMatrix(d, 9);
    const b = Float64Array.from({ length: d * 3 }, rng(10));
    const lu = Float64Array.from(a);
    const perm = new Int32Array(d);
    luFactor(lu, d, perm, 0);
    const x = Float64Array.from(b);
    luSolve(lu, d, perm, x, 3);
    for (let c = 0; c < 3; c++) {
      const col = (m: Float64Array) => Float64Array.from({ length: d }, (_, i) => m[i * 3 + c]!);
      expect(residual(a, d, col(x), col(b))).toBeLessThan(1e-12);
    }
  });
});

describe('host Cholesky', () => {
  it.each([1, 3, 20])('solves SPD systems, d = %i', (d) => {
    const m = randomMatrix(d, d + 5);
    const a = new Float64Array(d * d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = i === j ? 0.5 : 0;
        for (let k = 0; k < d; k++) s += m[k * d + i]! * m[k * d + j]!;
        a[i * d + j] = s;
      }
    const b = Float64Array.from({ length: d }, rng(3));
    const l = Float64Array.from(a);
    expect(choleskyFactor(l, d, 0)).toBe(-1);
    const x = Float64Array.from(b);
    choleskySolve(l, d, x, 1);
    expect(residual(a, d, x, b)).toBeLessThan(1e-12 * maxAbs(a) * maxAbs(x) * d);
  });

  it('reports an indefinite matrix', () => {
    expect(choleskyFactor(Float64Array.from([1, 2, 2, 1]), 2, 0)).toBe(1);
  });
});

describe('host symmetric eigen-decomposition', () => {
  it.each([1, 2, 3, 10, 100])('reconstructs A = V diag(λ) Vᵀ with orthogonal V, ascending λ, d = %i', (d) => {
    const m = randomMatrix(d, 40 + d);
    const a = Float64Array.from(m, (_, k) => 0.5 * (m[k]! + m[(k % d) * d + Math.floor(k / d)]!));
    const values = new Float64Array(d);
    const v = new Float64Array(d * d);
    expect(symmetricEigen(a, d, values, v)).toBe(true);
    for (let i = 1; i < d; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    let worstRecon = 0;
    let worstOrtho = 0;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let r = 0;
        let o = 0;
        for (let k = 0; k < d; k++) {
          r += v[i * d + k]! * values[k]! * v[j * d + k]!;
          o += v[k * d + i]! * v[k * d + j]!;
        }
        worstRecon = Math.max(worstRecon, Math.abs(r - a[i * d + j]!));
        worstOrtho = Math.max(worstOrtho, Math.abs(o - (i === j ? 1 : 0)));
      }
    expect(worstRecon).toBeLessThan(1e-13 * d);
    expect(worstOrtho).toBeLessThan(1e-13 * d);
  });

  it('handles repeated and zero eigenvalues', () => {
    const values = new Float64Array(3);
    const v = new Float64Array(9);
    expect(symmetricEigen(Float64Array.from([2, 0, 0, 0, 2, 0, 0, 0, 0]), 3, values, v)).toBe(true);
    expect(Array.from(values)).toEqual([0, 2, 2]);
    symmetricEigen(new Float64Array(9), 3, values, v);
    expect(Array.from(values)).toEqual([0, 0, 0]);
  });
});
