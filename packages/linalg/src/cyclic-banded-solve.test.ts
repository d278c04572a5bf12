import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandToDense } from './band-to-dense';
import { CYCLIC_DENSE_FALLBACK_LIMIT, cyclicBandedSolve } from './cyclic-banded-solve';
import { backwardError, bandSystem, maxAbs } from './internal/testing';
import { luFactor, luSolve } from './lu';
import { FLOAT64_EPSILON, singularTolerance } from './tolerances';

describe('host cyclic banded solve', () => {
  it('solves the periodic second difference plus 3·I (all ones)', () => {
    const x = new Float64Array(8);
    expect(cyclicBandedSolve(new Float64Array(24).fill(1), 0, 8, 1, new Float64Array(8).fill(3), x)).toBe(-1);
    for (const v of x) expect(Math.abs(v - 1)).toBeLessThan(4 * FLOAT64_EPSILON);
  });

  it('falls back to a dense LU when the banded interior is singular but the ring is not (a cyclic shift)', () => {
    // A[i][i+1 mod n] = 1: a permutation matrix, regular; its banded interior is strictly upper triangular.
    const n = 9;
    const band = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) band[i * 3 + 2] = 1;
    const b = Float64Array.from({ length: n }, (_, i) => i + 1);
    const x = new Float64Array(n);
    expect(cyclicBandedSolve(band, 0, n, 1, b, x)).toBe(-1);
    expect(Array.from(x)).toEqual(Array.from({ length: n }, (_, i) => ((i + n - 1) % n) + 1));
  });

  it('reports a singular ring with a step inside the matrix, leaving x untouched', () => {
    const x = new Float64Array(6).fill(7);
    const step = cyclicBandedSolve(new Float64Array(18), 0, 6, 1, new Float64Array(6).fill(1), x);
    expect(step).toBeGreaterThanOrEqual(0);
    expect(step).toBeLessThan(6);
    expect(Array.from(x)).toEqual([7, 7, 7, 7, 7, 7]);
  });

  it('beyond the dense fallback limit reports a singular interior instead of solving densely', () => {
    const n = CYCLIC_DENSE_FALLBACK_LIMIT + 3;
    const band = new Float64Array(n * 3);
    for (let i = 0; i < n; i++) band[i * 3 + 2] = 1;
    expect(cyclicBandedSolve(band, 0, n, 1, new Float64Array(n).fill(1), new Float64Array(n))).toBe(0);
  });
});

describe('host cyclic banded properties (fast-check)', () => {
  it('on any ring returns -1 with a finite x, or a step inside the matrix leaving x untouched', () => {
    const seen = { solved: 0, singular: 0 };
    fc.assert(
      fc.property(bandSystem(30, 4, fc.constant(0)), ({ n, p, band, b }) => {
        const x = new Float64Array(n).fill(7);
        const step = cyclicBandedSolve(band, 0, n, p, b, x, singularTolerance(n, maxAbs(band)));
        if (step === -1) {
          seen.solved++;
          for (const v of x) expect(Number.isFinite(v)).toBe(true);
        } else {
          seen.singular++;
          expect(step).toBeGreaterThanOrEqual(0);
          expect(step).toBeLessThan(n);
          for (const v of x) expect(v).toBe(7);
        }
      }),
      fuzzSettings(300),
    );
    expect(seen.solved).toBeGreaterThan(100);
    expect(seen.singular).toBeGreaterThan(0);
  });

  it('solves diagonally dominant rings to float64 backward error (as a dense cyclic matrix); b and x may be one array', () => {
    // Not any ring: bordered elimination goes through A₁₁, and an A₁₁ far worse conditioned than A
    // (never on dominant rings) costs accuracy that a dense LU of A would not lose.
    fc.assert(
      fc.property(bandSystem(30, 4, fc.double({ min: 1, max: 4, noNaN: true })), ({ n, p, band, b }) => {
        const x = Float64Array.from(b);
        expect(cyclicBandedSolve(band, 0, n, p, x, x, singularTolerance(n, maxAbs(band)))).toBe(-1);
        expect(backwardError(bandToDense(band, n, p, { periodic: true }), n, x, b)).toBeLessThan(64 * (2 * p + 1) * FLOAT64_EPSILON);
      }),
      fuzzSettings(300),
    );
  });

  it('equals the dense LU solve on diagonally dominant rings (cyclic banded == dense)', () => {
    fc.assert(
      fc.property(
        bandSystem(40, 4, fc.double({ min: 1, max: 4, noNaN: true })).filter(({ n, p }) => n >= 2 * p + 1),
        ({ n, p, band, b }) => {
          const x = new Float64Array(n);
          expect(cyclicBandedSolve(band, 0, n, p, b, x, singularTolerance(n, maxAbs(band)))).toBe(-1);
          const a = bandToDense(band, n, p, { periodic: true });
          const perm = new Int32Array(n);
          expect(luFactor(a, n, perm)).toBe(-1);
          const y = Float64Array.from(b);
          luSolve(a, n, perm, y, 1);
          for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(64 * n * FLOAT64_EPSILON * Math.max(maxAbs(y), 1e-300));
        },
      ),
      fuzzSettings(300),
    );
  });
});
