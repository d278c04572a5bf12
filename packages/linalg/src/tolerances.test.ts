import { describe, expect, it } from 'vitest';
import { FLOAT32_EPSILON, FLOAT32_MAX, FLOAT64_EPSILON, singularTolerance } from './tolerances';

describe('working-precision constants', () => {
  it('are the float64 and float32 limits', () => {
    expect(FLOAT64_EPSILON).toBe(Number.EPSILON);
    expect(1 + FLOAT64_EPSILON / 2).toBe(1);
    expect(FLOAT32_MAX).toBe(Math.fround(FLOAT32_MAX));
    expect(Math.fround(FLOAT32_MAX * (1 + 2 ** -25))).toBe(FLOAT32_MAX);
    expect(Math.fround(FLOAT32_MAX * (1 + 2 ** -23))).toBe(Infinity);
    // numpy's printed float32 ε, within 4e-16 relative of 2⁻²³ and rounding to it in float32
    expect(Math.fround(FLOAT32_EPSILON)).toBe(2 ** -23);
    expect(FLOAT32_EPSILON).not.toBe(2 ** -23);
  });

  it('singularTolerance is n·ε·scale, evaluated left to right as every caller did', () => {
    for (const [n, scale] of [[3, 0.7], [1000, 3.1e5], [7, 1e-300]] as const) expect(singularTolerance(n, scale)).toBe(n * 2 ** -52 * scale);
    expect(singularTolerance(2, Number.NaN)).toBeNaN();
  });
});
