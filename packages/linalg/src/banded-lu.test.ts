import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandToDense } from './band-to-dense';
import { bandedLu, bandedLuFactor, bandedLuSolve } from './banded-lu';
import { backwardError, bandSystem, column, maxAbs, vector } from './internal/testing';
import { luFactor, luSolve } from './lu';
import { FLOAT64_EPSILON, singularTolerance } from './tolerances';

describe('host banded LU', () => {
  it('solves the tridiagonal second difference', () => {
    const f = bandedLu(3, 1);
    expect(bandedLuFactor(Float64Array.of(0, 2, -1, -1, 2, -1, -1, 2, 0), 0, f)).toBe(-1);
    const x = Float64Array.of(1, 0, 1);
    bandedLuSolve(f, x, 0, 1);
    for (const v of x) expect(Math.abs(v - 1)).toBeLessThanOrEqual(2 * FLOAT64_EPSILON);
  });

  it('pivots across the band (zero diagonal) and reports a vanished pivot with its step', () => {
    // [[0, 1], [1, 0]]: needs a row interchange
    const f = bandedLu(2, 1);
    expect(bandedLuFactor(Float64Array.of(0, 0, 1, 1, 0, 0), 0, f)).toBe(-1);
    const x = Float64Array.of(2, 3);
    bandedLuSolve(f, x, 0, 1);
    expect(Array.from(x)).toEqual([3, 2]);
    // [[1, 1, 0], [1, 1, 0], [0, 1, 1]]: row 1 − row 0 = 0, swapped below row 2 at step 1, so step 2 has no pivot
    expect(bandedLuFactor(Float64Array.of(0, 1, 1, 1, 1, 0, 1, 1, 0), 0, bandedLu(3, 1))).toBe(2);
  });

  it('reads one sample of a batch at an offset, and reuses its storage', () => {
    const band = Float64Array.of(9, 9, 9, 0, 4, 1, 1, 4, 0);
    const f = bandedLu(2, 1);
    for (let round = 0; round < 2; round++) {
      expect(bandedLuFactor(band, 3, f)).toBe(-1);
      const x = Float64Array.of(7, 5, 5);
      bandedLuSolve(f, x, 1, 1); // [[4, 1], [1, 4]] x = [5, 5]
      expect(Array.from(x)).toEqual([7, 1, 1]);
    }
  });

  it('refuses a band too short for n and p', () => {
    expect(() => bandedLuFactor(new Float64Array(5), 0, bandedLu(2, 1))).toThrow(/bandedLuFactor: band must hold at least offset \+ n·\(2p\+1\) = 6 entries, received 5/);
  });
});

describe('host banded LU properties (fast-check)', () => {
  it('solves every band it factors to float64 backward error (as a dense matrix), k right-hand sides', () => {
    let factored = 0;
    fc.assert(
      fc.property(
        bandSystem(30, 4, fc.constantFrom(0, 0.5)).chain((s) => fc.integer({ min: 1, max: 3 }).chain((k) => fc.tuple(fc.constant(s), fc.constant(k), vector(s.n * k)))),
        ([{ n, p, band }, k, b]) => {
          const f = bandedLu(n, p);
          if (bandedLuFactor(band, 0, f, singularTolerance(n, maxAbs(band))) >= 0) return;
          factored++;
          const x = Float64Array.from(b);
          bandedLuSolve(f, x, 0, k);
          const a = bandToDense(band, n, p);
          for (let c = 0; c < k; c++) expect(backwardError(a, n, column(x, n, k, c), column(b, n, k, c))).toBeLessThan(64 * (2 * p + 1) * FLOAT64_EPSILON);
        },
      ),
      fuzzSettings(300),
    );
    expect(factored).toBeGreaterThan(100);
  });

  it('equals the dense LU solve on diagonally dominant bands (banded == dense)', () => {
    fc.assert(
      fc.property(bandSystem(30, 4, fc.double({ min: 1, max: 4, noNaN: true })), ({ n, p, band, b }) => {
        const f = bandedLu(n, p);
        expect(bandedLuFactor(band, 0, f, singularTolerance(n, maxAbs(band)))).toBe(-1);
        const x = Float64Array.from(b);
        bandedLuSolve(f, x, 0, 1);
        const a = bandToDense(band, n, p);
        const perm = new Int32Array(n);
        expect(luFactor(a, n, perm)).toBe(-1);
        const y = Float64Array.from(b);
        luSolve(a, n, perm, y, 1);
        // Strict dominance keeps the condition number small: both are within a few ε of the truth.
        for (let i = 0; i < n; i++) expect(Math.abs(x[i]! - y[i]!)).toBeLessThanOrEqual(64 * n * FLOAT64_EPSILON * Math.max(maxAbs(y), 1e-300));
      }),
      fuzzSettings(300),
    );
  });

  it('reports a dominant band with one zero row as singular, at a step between that row and n − 1', () => {
    fc.assert(
      fc.property(bandSystem(20, 3, fc.double({ min: 1, max: 4, noNaN: true })).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: 0, max: s.n - 1 }))), ([{ n, p, band }, row]) => {
        band.fill(0, row * (2 * p + 1), (row + 1) * (2 * p + 1));
        const step = bandedLuFactor(band, 0, bandedLu(n, p), singularTolerance(n, maxAbs(band)));
        // The zero row stays zero; the dominant rest keeps its pivots until the zero row is the only candidate.
        expect(step).toBeGreaterThanOrEqual(row);
        expect(step).toBeLessThan(n);
      }),
      fuzzSettings(200),
    );
  });
});
