import { bandedLuFactor, bandedLuSolve, denseLuFactor, denseLuSolve } from './banded-lu';

/** Beyond this size a cyclic system whose banded interior is singular is reported, not solved densely. */
export const DENSE_FALLBACK_LIMIT = 1024;

/** The dense n×n matrix of a cyclic band (entries whose offsets wrap to the same column add up). */
function denseOfCyclicBand(band: Float64Array, offset: number, n: number, p: number): Float64Array {
  const a = new Float64Array(n * n);
  const bw = 2 * p + 1;
  for (let i = 0; i < n; i++) {
    for (let o = -p; o <= p; o++) {
      const c = (((i + o) % n) + n) % n;
      a[i * n + c] = a[i * n + c]! + band[offset + i * bw + o + p]!;
    }
  }
  return a;
}

function solveDense(a: Float64Array, n: number, b: Float64Array, tol: number): Float64Array | null {
  const perm = new Int32Array(n);
  return denseLuFactor(a, n, perm, tol) >= 0 ? null : denseLuSolve(a, n, perm, b, 1);
}

/**
 * Solves one cyclic banded system `A x = b`, `A[i][(i+o) mod n] = band[i][o+p]`, by bordered
 * elimination: the last s = 2p unknowns form the border; the first m = n − s rows and columns are
 * an ordinary banded matrix A₁₁ (the wrap-around couplings all land in the border), so
 * `A₁₁ [Y | z] = [A₁₂ | b₁]` (banded LU, s + 1 right-hand sides), the s×s Schur complement
 * `S = A₂₂ − A₂₁ Y` gives `x₂ = S⁻¹ (b₂ − A₂₁ z)` and `x₁ = z − Y x₂`. O(n·p²).
 *
 * A₁₁ is factored straight from the band (its rows' entries outside columns [0, m) are the
 * border's, which the factorisation skips); A₁₂ has entries only in its first and last p rows,
 * and A₂₁ only within p columns of either end, so both are read where they are.
 *
 * A singular A₁₁ (possible for an indefinite A that is itself regular) falls back to a dense LU
 * up to {@link DENSE_FALLBACK_LIMIT} unknowns.
 *
 * @returns x, or null when A is singular to float64 working precision.
 */
export function periodicBandedSolveOne(band: Float64Array, offset: number, n: number, p: number, b: Float64Array, tol: number): Float64Array | null {
  const s = 2 * p;
  const m = n - s;
  if (m < p + 1) return solveDense(denseOfCyclicBand(band, offset, n, p), n, b, tol);
  const bw = 2 * p + 1;
  const k = s + 1;
  const rhs = new Float64Array(m * k); // [A₁₂ | b₁]
  for (let i = 0; i < m; i++) rhs[i * k + s] = b[i]!;
  // A row i < m reaches the border (columns m … n − 1) only by wrapping below 0 (i < p) or by
  // passing m − 1 (i ≥ m − p).
  for (const [from, to] of [[0, Math.min(p, m)], [Math.max(p, m - p), m]] as const) {
    for (let i = from; i < to; i++) {
      for (let o = -p; o <= p; o++) {
        const c = i + o < 0 ? i + o + n : i + o;
        if (c >= m) rhs[i * k + c - m] = rhs[i * k + c - m]! + band[offset + i * bw + o + p]!;
      }
    }
  }
  const factors = bandedLuFactor(band, offset, m, p, tol);
  if (typeof factors === 'number') {
    return n <= DENSE_FALLBACK_LIMIT ? solveDense(denseOfCyclicBand(band, offset, n, p), n, b, tol) : null;
  }
  bandedLuSolve(factors, rhs, 0, k);
  // Schur complement and reduced right-hand side from the border rows: A₂₂ and A₂₁ [Y | z].
  const schur = new Float64Array(s * s);
  const reduced = new Float64Array(s);
  for (let t = 0; t < s; t++) {
    const i = m + t;
    reduced[t] = b[i]!;
    for (let o = -p; o <= p; o++) {
      const v = band[offset + i * bw + o + p]!;
      if (v === 0) continue;
      const c = i + o >= n ? i + o - n : i + o;
      if (c >= m) {
        schur[t * s + c - m] = schur[t * s + c - m]! + v;
        continue;
      }
      for (let j = 0; j < s; j++) schur[t * s + j] = schur[t * s + j]! - v * rhs[c * k + j]!;
      reduced[t] = reduced[t]! - v * rhs[c * k + s]!;
    }
  }
  const x2 = solveDense(schur, s, reduced, tol);
  if (x2 === null) return n <= DENSE_FALLBACK_LIMIT ? solveDense(denseOfCyclicBand(band, offset, n, p), n, b, tol) : null;
  const x = new Float64Array(n);
  for (let i = 0; i < m; i++) {
    let v = rhs[i * k + s]!;
    for (let j = 0; j < s; j++) v -= rhs[i * k + j]! * x2[j]!;
    x[i] = v;
  }
  x.set(x2, m);
  return x;
}
