import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { choleskyFactor, choleskySolve } from './cholesky';
import { backwardError, column, gram, maxAbs, randomMatrix, residual, rng, squareMatrix, vector } from './internal/testing';
import { FLOAT64_EPSILON, singularTolerance } from './tolerances';

describe('host Cholesky', () => {
  it.each([1, 3, 20])('solves SPD systems, d = %i', (d) => {
    const a = gram(randomMatrix(d, d + 5), d, 0.5);
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

describe('host Cholesky properties (fast-check)', () => {
  it('factors every Mᵀ M + I and solves it to float64 backward error, k right-hand sides', () => {
    fc.assert(
      fc.property(
        squareMatrix(12).chain(({ d, a }) => fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(fc.constant(d), fc.constant(a), fc.constant(k), vector(d * k)))),
        ([d, m, k, b]) => {
          const a = gram(m, d, 1);
          const l = Float64Array.from(a);
          expect(choleskyFactor(l, d, singularTolerance(d, maxAbs(a)))).toBe(-1);
          const x = Float64Array.from(b);
          choleskySolve(l, d, x, k);
          for (let c = 0; c < k; c++) expect(backwardError(a, d, column(x, d, k, c), column(b, d, k, c))).toBeLessThan(16 * d * FLOAT64_EPSILON);
        },
      ),
      fuzzSettings(300),
    );
  });

  it('reads only the symmetric part (skew-symmetric noise changes nothing but rounding), and reports −(Mᵀ M + I) at column 0', () => {
    fc.assert(
      fc.property(squareMatrix(8).chain(({ d, a }) => fc.tuple(fc.constant(d), fc.constant(a), vector(d))), ([d, m, b]) => {
        const a = gram(m, d, 1);
        const noisy = Float64Array.from(a, (v, e) => {
          const [i, j] = [Math.floor(e / d), e % d];
          return i === j ? v : v + (i < j ? 0.25 : -0.25) * m[Math.min(i, j) * d + Math.max(i, j)]!;
        });
        expect(choleskyFactor(noisy, d)).toBe(-1);
        const x = Float64Array.from(b);
        choleskySolve(noisy, d, x, 1);
        expect(backwardError(a, d, x, b)).toBeLessThan(16 * d * FLOAT64_EPSILON);
        expect(choleskyFactor(Float64Array.from(a, (v) => -v), d)).toBe(0);
      }),
      fuzzSettings(200),
    );
  });
});
