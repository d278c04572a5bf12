import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandToDense } from './band-to-dense';
import { conjugateGradient, conjugateGradientOptions, type CompressedRows } from './conjugate-gradient';
import { bandSystem, residual } from './internal/testing';

/** The compressed rows of a dense matrix's non-zero entries, and their values. */
function compress(a: Float64Array, n: number): { rows: CompressedRows; values: Float64Array } {
  const rowStart = [0];
  const columns: number[] = [];
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (a[i * n + j] !== 0 || i === j) {
        columns.push(j);
        values.push(a[i * n + j]!);
      }
    }
    rowStart.push(columns.length);
  }
  return { rows: { n, rowStart, columns }, values: Float64Array.from(values) };
}

/** (A + Aᵀ)/2 of a dense matrix. */
const symmetric = (a: Float64Array, n: number) => Float64Array.from(a, (v, e) => 0.5 * (v + a[(e % n) * n + Math.floor(e / n)]!));

describe('host conjugate gradient', () => {
  const rows = { n: 3, rowStart: [0, 2, 5, 7], columns: [0, 1, 0, 1, 2, 1, 2] };
  const values = Float64Array.of(2, -1, -1, 2, -1, -1, 2);

  it('solves the second difference with fixed ends', () => {
    const x = new Float64Array(3);
    expect(conjugateGradient(rows, values, 0, Float64Array.of(1, 0, 1), x)).toBe(-1);
    for (const v of x) expect(Math.abs(v - 1)).toBeLessThan(1e-12);
  });

  it('reports indefinite matrices at their step and the iteration limit as maxIterations', () => {
    const x = new Float64Array(3);
    expect(conjugateGradient(rows, Float64Array.of(2, -1, -1, -2, -1, -1, 2), 0, Float64Array.of(1, 0, 1), x)).toBe(0); // mixed-sign diagonal
    expect(conjugateGradient({ n: 2, rowStart: [0, 2, 4], columns: [0, 1, 0, 1] }, Float64Array.of(1, 2, 2, 1), 0, Float64Array.of(1, -1), new Float64Array(2))).toBe(0); // pᵀAp < 0
    expect(conjugateGradient(rows, values, 0, Float64Array.of(1, 0, 2), x, { maxIterations: 1 })).toBe(1);
  });

  it('returns zero for a zero right-hand side', () => {
    const x = new Float64Array(3).fill(5);
    expect(conjugateGradient(rows, values, 0, new Float64Array(3), x)).toBe(-1);
    expect(Array.from(x)).toEqual([0, 0, 0]);
  });

  it('fills in its defaults in one place, conjugateGradientOptions: 1e-10 and max(100, 2n) iterations', () => {
    expect(conjugateGradientOptions(10)).toEqual({ tolerance: 1e-10, maxIterations: 100 });
    expect(conjugateGradientOptions(500, { tolerance: 1e-6 })).toEqual({ tolerance: 1e-6, maxIterations: 1000 });
    expect(conjugateGradientOptions(3, { maxIterations: 7 })).toEqual({ tolerance: 1e-10, maxIterations: 7 });
    expect(() => conjugateGradientOptions(3, { maxIterations: 0 })).toThrow('conjugateGradient: options.maxIterations must be an integer ≥ 1, received 0.');
  });

  it('refuses a non-positive tolerance and a values array too short', () => {
    expect(() => conjugateGradient(rows, values, 0, new Float64Array(3), new Float64Array(3), { tolerance: 0 })).toThrow(/conjugateGradient: options.tolerance must be > 0, received 0/);
    expect(() => conjugateGradient(rows, values, 1, new Float64Array(3), new Float64Array(3))).toThrow(/conjugateGradient: values must hold at least/);
  });
});

describe('host conjugate gradient properties (fast-check)', () => {
  it('converges on every symmetric diagonally dominant matrix, positive or negative definite, to its tolerance', () => {
    fc.assert(
      fc.property(bandSystem(30, 3, fc.constant(0)), fc.boolean(), ({ n, p, band, b }, negative) => {
        const a = symmetric(bandToDense(band, n, p), n);
        // Gershgorin: a diagonal beyond each row's off-diagonal sum, of one sign, makes A definite.
        for (let i = 0; i < n; i++) {
          let off = 0;
          for (let j = 0; j < n; j++) if (j !== i) off += Math.abs(a[i * n + j]!);
          a[i * n + i] = (negative ? -1 : 1) * (off + 0.5 + Math.abs(a[i * n + i]!));
        }
        const { rows, values } = compress(a, n);
        const x = new Float64Array(n);
        expect(conjugateGradient(rows, values, 0, b, x, { tolerance: 1e-12 })).toBe(-1);
        // The recursive residual CG stops on drifts from the true one by rounding only.
        expect(residual(a, n, x, b)).toBeLessThanOrEqual(1e-10 * Math.sqrt(b.reduce((s, v) => s + v * v, 0)));
      }),
      fuzzSettings(300),
    );
  });
});
