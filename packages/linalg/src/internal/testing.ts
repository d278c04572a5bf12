/**
 * Helpers of this package's tests (not exported): seeded matrices, products and residuals in
 * float64, and fast-check generators of square and banded systems.
 */
import fc from 'fast-check';

/** A seeded uniform generator on [−½, ½) (LCG). */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
}

/** A d×d matrix of seeded uniform entries. */
export const randomMatrix = (d: number, seed: number): Float64Array => Float64Array.from({ length: d * d }, rng(seed));

/** `A x` (or `Aᵀ x`) for one vector. */
export function matVec(a: Float64Array, d: number, x: ArrayLike<number>, transpose = false): Float64Array {
  return Float64Array.from({ length: d }, (_, i) => {
    let s = 0;
    for (let j = 0; j < d; j++) s += (transpose ? a[j * d + i]! : a[i * d + j]!) * x[j]!;
    return s;
  });
}

/** Column c of a d×k row-major block. */
export const column = (m: ArrayLike<number>, d: number, k: number, c: number): Float64Array => Float64Array.from({ length: d }, (_, i) => m[i * k + c]!);

export const maxAbs = (v: ArrayLike<number>): number => Array.from(v).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

/** ‖A x − b‖∞. */
export const residual = (a: Float64Array, d: number, x: ArrayLike<number>, b: ArrayLike<number>, transpose = false): number =>
  maxAbs(matVec(a, d, x, transpose).map((v, i) => v - b[i]!));

/**
 * The normwise backward error of x as a solution of `A x = b` (or `Aᵀ x = b`):
 * ‖A x − b‖∞ / (‖A‖∞ ‖x‖∞ + ‖b‖∞), with ‖A‖∞ the largest row sum. A backward-stable solve keeps
 * it at a small multiple of d·ε₆₄.
 */
export function backwardError(a: Float64Array, d: number, x: ArrayLike<number>, b: ArrayLike<number>, transpose = false): number {
  let norm = 0;
  for (let i = 0; i < d; i++) {
    let s = 0;
    for (let j = 0; j < d; j++) s += Math.abs(transpose ? a[j * d + i]! : a[i * d + j]!);
    norm = Math.max(norm, s);
  }
  const denominator = norm * maxAbs(x) + maxAbs(b);
  return denominator === 0 ? 0 : residual(a, d, x, b, transpose) / denominator;
}

/** A symmetric positive definite `Mᵀ M + shift·I` from a d×d matrix M. */
export function gram(m: Float64Array, d: number, shift: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      let s = i === j ? shift : 0;
      for (let k = 0; k < d; k++) s += m[k * d + i]! * m[k * d + j]!;
      a[i * d + j] = s;
    }
  }
  return a;
}

/**
 * Entries in [−1, 1] on a grid of 2⁻³⁰ (so that products stay clear of float64's subnormal range),
 * one in six of them an exact zero of either sign (structural zeros, signed zeros).
 */
export const entry = fc.oneof(
  { weight: 5, arbitrary: fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((i) => i / 2 ** 30) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0) },
);

/** A d×d matrix (d in [1, maxD]) with {@link entry} entries, and d. */
export const squareMatrix = (maxD: number): fc.Arbitrary<{ d: number; a: Float64Array }> =>
  fc.integer({ min: 1, max: maxD }).chain((d) => fc.array(entry, { minLength: d * d, maxLength: d * d }).map((v) => ({ d, a: Float64Array.from(v) })));

/** A vector of length n with {@link entry} entries. */
export const vector = (n: number): fc.Arbitrary<Float64Array> => fc.array(entry, { minLength: n, maxLength: n }).map((v) => Float64Array.from(v));

/**
 * A band `[n, 2p+1]` (n in [1, maxN], p in [0, maxP]) with {@link entry} entries, each diagonal
 * entry pushed away from 0 by `dominance` times its row's off-diagonal sum plus ½ (strict row
 * dominance for `dominance` ≥ 1; 0: left as drawn), and a right-hand side.
 */
export const bandSystem = (maxN: number, maxP: number, dominance: fc.Arbitrary<number>): fc.Arbitrary<{ n: number; p: number; band: Float64Array; b: Float64Array }> =>
  fc.record({ n: fc.integer({ min: 1, max: maxN }), p: fc.integer({ min: 0, max: maxP }), dominance }).chain(({ n, p, dominance: dom }) =>
    fc.tuple(fc.array(entry, { minLength: n * (2 * p + 1), maxLength: n * (2 * p + 1) }), vector(n)).map(([values, b]) => {
      const w = 2 * p + 1;
      const band = Float64Array.from(values);
      for (let i = 0; i < n; i++) {
        let off = 0;
        for (let o = 0; o < w; o++) if (o !== p) off += Math.abs(band[i * w + o]!);
        const sign = Math.sign(band[i * w + p]! || 1);
        band[i * w + p] = band[i * w + p]! + sign * (dom * off + (dom > 0 ? 0.5 : 0));
      }
      return { n, p, band, b };
    }),
  );
