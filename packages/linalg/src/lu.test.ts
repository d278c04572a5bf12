import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backwardError, column, maxAbs, randomMatrix, residual, rng, squareMatrix, vector } from './internal/testing';
import { luFactor, luSolve, luSolveTransposed, luSolveVector } from './lu';
import { FLOAT64_EPSILON, singularTolerance } from './tolerances';

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

  it('refuses arrays too short for d, naming the function and the argument', () => {
    expect(() => luFactor(new Float64Array(3), 2, new Int32Array(2))).toThrow(/luFactor: a must hold at least d·d = 4 entries, received 3/);
    expect(() => luSolve(new Float64Array(4), 2, new Int32Array(2), new Float64Array(3), 2)).toThrow(/luSolve: b must hold at least d·k = 4/);
    expect(() => luSolveVector(new Float64Array(4), 2, new Int32Array(2), new Float64Array(2), new Float64Array(1))).toThrow(/luSolveVector: work/);
    expect(() => luFactor(new Float64Array(4), 1.5, new Int32Array(2))).toThrow(/luFactor: d must be an integer ≥ 0, received 1.5/);
  });
});

describe('host LU properties (fast-check)', () => {
  it('luSolve and luSolveTransposed reach float64 backward error on every matrix it factors, for k right-hand sides', () => {
    let factored = 0;
    fc.assert(
      fc.property(
        squareMatrix(12).chain(({ d, a }) => fc.record({ d: fc.constant(d), a: fc.constant(a), k: fc.integer({ min: 1, max: 3 }) }).chain((s) => fc.tuple(fc.constant(s), vector(d * s.k)))),
        ([{ d, a, k }, b]) => {
          const lu = Float64Array.from(a);
          const perm = new Int32Array(d);
          if (luFactor(lu, d, perm, singularTolerance(d, maxAbs(a))) >= 0) return;
          factored++;
          const x = Float64Array.from(b);
          luSolve(lu, d, perm, x, k);
          const xt = Float64Array.from(b);
          luSolveTransposed(lu, d, perm, xt, k);
          // Partial pivoting's growth factor is at most 2^(d−1); on these matrices it stays small.
          for (let c = 0; c < k; c++) {
            expect(backwardError(a, d, column(x, d, k, c), column(b, d, k, c))).toBeLessThan(64 * d * FLOAT64_EPSILON);
            expect(backwardError(a, d, column(xt, d, k, c), column(b, d, k, c), true)).toBeLessThan(64 * d * FLOAT64_EPSILON);
          }
        },
      ),
      fuzzSettings(300),
    );
    expect(factored).toBeGreaterThan(100);
  });

  it('luSolveVector equals luSolve(…, 1) on finite input, up to the sign of an exact zero', () => {
    fc.assert(
      fc.property(squareMatrix(10).chain(({ d, a }) => fc.tuple(fc.constant(d), fc.constant(a), vector(d))), ([d, a, b]) => {
        const perm = new Int32Array(d);
        if (luFactor(a, d, perm) >= 0) return;
        const x = Float64Array.from(b);
        luSolve(a, d, perm, x, 1);
        const y = Float64Array.from(b);
        luSolveVector(a, d, perm, y, new Float64Array(d));
        for (let i = 0; i < d; i++) expect(y[i] === x[i] || (Number.isNaN(x[i]!) && Number.isNaN(y[i]!))).toBe(true);
      }),
      fuzzSettings(300),
    );
  });

  it('reports a matrix with two equal rows as singular, at a step within the matrix', () => {
    fc.assert(
      fc.property(
        squareMatrix(8)
          .filter(({ d }) => d >= 2)
          .chain(({ d, a }) => fc.tuple(fc.constant(d), fc.constant(a), fc.integer({ min: 0, max: d - 1 }), fc.integer({ min: 0, max: d - 1 }))),
        ([d, a, from, to]) => {
          const copyTo = from === to ? (to + 1) % d : to;
          a.copyWithin(copyTo * d, from * d, from * d + d);
          const step = luFactor(a, d, new Int32Array(d), singularTolerance(d, maxAbs(a)));
          expect(step).toBeGreaterThanOrEqual(0);
          expect(step).toBeLessThan(d);
        },
      ),
      fuzzSettings(200),
    );
  });
});
