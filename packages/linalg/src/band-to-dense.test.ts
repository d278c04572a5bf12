import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandToDense } from './band-to-dense';
import { bandSystem } from './internal/testing';

describe('bandToDense', () => {
  it('expands a tridiagonal band, dropping the entries outside the matrix', () => {
    expect(Array.from(bandToDense(Float64Array.of(9, 2, -1, -1, 2, -1, -1, 2, 9), 3, 1))).toEqual([2, -1, 0, -1, 2, -1, 0, -1, 2]);
  });

  it('wraps a cyclic band, adding entries whose offsets meet (n < 2p + 1), from an offset', () => {
    expect(Array.from(bandToDense(Float64Array.of(7, 1, 2, 3, 4, 5, 6), 2, 1, { periodic: true, offset: 1 }))).toEqual([2, 1 + 3, 4 + 6, 5]);
  });

  it('accumulates in the precision of out (float32 as a float32 tensor would)', () => {
    const band = Float64Array.of(1, 2 ** -24, 2 ** -24);
    expect(bandToDense(band, 1, 1, { periodic: true })[0]).toBe(1 + 2 ** -23);
    expect(bandToDense(band, 1, 1, { periodic: true, out: new Float32Array(1) })[0]).toBe(1);
  });

  it('refuses an out too small', () => {
    expect(() => bandToDense(new Float64Array(9), 3, 1, { out: new Float64Array(8) })).toThrow(/bandToDense: options.out must hold at least n·n = 9 entries, received 8/);
  });
});

describe('bandToDense properties (fast-check)', () => {
  it('puts band[i][o + p] at A[i][i + o] (mod n when periodic), every entry once, the rest zero', () => {
    fc.assert(
      fc.property(bandSystem(12, 4, fc.constant(0)), fc.boolean(), ({ n, p, band }, periodic) => {
        const w = 2 * p + 1;
        const a = bandToDense(band, n, p, { periodic });
        const expected = new Float64Array(n * n);
        for (let i = 0; i < n; i++)
          for (let o = -p; o <= p; o++) {
            const c = periodic ? (((i + o) % n) + n) % n : i + o;
            if (c >= 0 && c < n) expected[i * n + c] = expected[i * n + c]! + band[i * w + o + p]!;
          }
        expect(a).toEqual(expected);
      }),
      fuzzSettings(200),
    );
  });
});
