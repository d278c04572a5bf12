import { fuzzSettings } from '@lnn/test-utils';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxAbs, randomMatrix, squareMatrix } from './internal/testing';
import { symmetricEigen } from './symmetric-eigen';
import { FLOAT64_EPSILON } from './tolerances';

/** Largest |A − V diag(λ) Vᵀ| and |VᵀV − I| entries. */
function defects(a: Float64Array, d: number, values: Float64Array, v: Float64Array): { reconstruction: number; orthogonality: number } {
  let reconstruction = 0;
  let orthogonality = 0;
  for (let i = 0; i < d; i++)
    for (let j = 0; j < d; j++) {
      let r = 0;
      let o = 0;
      for (let k = 0; k < d; k++) {
        r += v[i * d + k]! * values[k]! * v[j * d + k]!;
        o += v[k * d + i]! * v[k * d + j]!;
      }
      reconstruction = Math.max(reconstruction, Math.abs(r - a[i * d + j]!));
      orthogonality = Math.max(orthogonality, Math.abs(o - (i === j ? 1 : 0)));
    }
  return { reconstruction, orthogonality };
}

const symmetrized = (m: Float64Array, d: number) => Float64Array.from(m, (_, k) => 0.5 * (m[k]! + m[(k % d) * d + Math.floor(k / d)]!));

describe('host symmetric eigen-decomposition', () => {
  it.each([1, 2, 3, 10, 100])('reconstructs A = V diag(λ) Vᵀ with orthogonal V, ascending λ, d = %i', (d) => {
    const a = symmetrized(randomMatrix(d, 40 + d), d);
    const values = new Float64Array(d);
    const v = new Float64Array(d * d);
    expect(symmetricEigen(a, d, values, v)).toBe(-1);
    for (let i = 1; i < d; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
    const { reconstruction, orthogonality } = defects(a, d, values, v);
    expect(reconstruction).toBeLessThan(1e-13 * d);
    expect(orthogonality).toBeLessThan(1e-13 * d);
  });

  it('handles repeated and zero eigenvalues', () => {
    const values = new Float64Array(3);
    const v = new Float64Array(9);
    expect(symmetricEigen(Float64Array.from([2, 0, 0, 0, 2, 0, 0, 0, 0]), 3, values, v)).toBe(-1);
    expect(Array.from(values)).toEqual([0, 2, 2]);
    symmetricEigen(new Float64Array(9), 3, values, v);
    expect(Array.from(values)).toEqual([0, 0, 0]);
  });
});

describe('host symmetric eigen properties (fast-check)', () => {
  it('decomposes every symmetric matrix: reconstruction, orthogonality, ascending order, trace; reads (A + Aᵀ)/2', () => {
    fc.assert(
      fc.property(squareMatrix(12), ({ d, a: m }) => {
        const a = symmetrized(m, d);
        const values = new Float64Array(d);
        const v = new Float64Array(d * d);
        expect(symmetricEigen(m, d, values, v)).toBe(-1);
        const scale = Math.max(maxAbs(a), Number.MIN_VALUE);
        const { reconstruction, orthogonality } = defects(a, d, values, v);
        expect(reconstruction).toBeLessThanOrEqual(32 * d * FLOAT64_EPSILON * scale);
        expect(orthogonality).toBeLessThanOrEqual(32 * d * FLOAT64_EPSILON);
        let trace = 0;
        for (let i = 0; i < d; i++) trace += a[i * d + i]!;
        expect(Math.abs(values.reduce((s, x) => s + x, 0) - trace)).toBeLessThanOrEqual(32 * d * FLOAT64_EPSILON * scale);
        for (let i = 1; i < d; i++) expect(values[i]!).toBeGreaterThanOrEqual(values[i - 1]!);
      }),
      fuzzSettings(300),
    );
  });
});
