import { bandToDense } from './band-to-dense';
import { bandedLu, bandedLuFactor, bandedLuSolve } from './banded-lu';
import { checkLength, checkSize } from './internal/check';
import { luFactor, luSolve } from './lu';

/**
 * Beyond this size a cyclic system whose banded interior is singular is reported, not solved densely.
 *
 * @example
 * import { CYCLIC_DENSE_FALLBACK_LIMIT } from '@lnn/linalg';
 * const n = 512;
 * const denseFallback = n <= CYCLIC_DENSE_FALLBACK_LIMIT; // 1,024
 * console.log(denseFallback); // true: a singular interior is still solved densely
 */
export const CYCLIC_DENSE_FALLBACK_LIMIT = 1024;

/** Dense LU solve of `a x = b` into x; -1, or the step at which a pivot vanished. */
function solveDense(a: Float64Array, n: number, b: Float64Array, x: Float64Array, tol: number): number {
  const perm = new Int32Array(n);
  const step = luFactor(a, n, perm, tol);
  if (step >= 0) return step;
  x.set(b.subarray(0, n));
  luSolve(a, n, perm, x, 1);
  return -1;
}

/**
 * Solves one cyclic (periodic) banded system `A x = b`, `A[i][(i+o) mod n] = band[offset + i·(2p+1)
 * + o + p]` for o ∈ [−p, p] — the matrix of a ring — by bordered elimination in O(n·p²): the last
 * s = 2p unknowns form the border; the first m = n − s rows and columns are an ordinary banded
 * matrix A₁₁ (the wrap-around couplings all land in the border), so `A₁₁ [Y | z] = [A₁₂ | b₁]`
 * (banded LU, s + 1 right-hand sides), the s×s Schur complement `S = A₂₂ − A₂₁ Y` gives
 * `x₂ = S⁻¹ (b₂ − A₂₁ z)` and `x₁ = z − Y x₂`.
 *
 * A₁₁ is factored straight from the band (its rows' entries outside columns [0, m) are the
 * border's, which the factorisation skips); A₁₂ has entries only in its first and last p rows,
 * and A₂₁ only within p columns of either end, so both are read where they are. Small rings
 * (m < p + 1) are solved densely, and so is a ring whose A₁₁ or S is singular (possible for an
 * indefinite A that is itself regular) up to {@link CYCLIC_DENSE_FALLBACK_LIMIT} unknowns.
 *
 * @param b - the right-hand side (length n; not modified).
 * @param x - receives the solution (length n; written only on success; may be b itself).
 * @param tol - a pivot of magnitude at most `tol` makes a factorisation singular; pass
 *   {@link singularTolerance}`(n, max|band|)` for "singular to working precision". @default 0
 * @returns -1, or the step (column of A in the bordered order) at which the last factorisation
 *   tried lost its pivot: A is singular to working precision.
 * @example
 * import { cyclicBandedSolve } from '@lnn/linalg';
 * // the periodic second difference plus 3·I on 8 nodes: diagonals [1, 1, 1] per row
 * const x = new Float64Array(8);
 * const step = cyclicBandedSolve(new Float64Array(24).fill(1), 0, 8, 1, new Float64Array(8).fill(3), x);
 * console.log(step, x); // -1, x all ones
 */
export function cyclicBandedSolve(band: Float64Array, offset: number, n: number, p: number, b: Float64Array, x: Float64Array, tol = 0): number {
  checkSize('cyclicBandedSolve', 'offset', offset);
  checkSize('cyclicBandedSolve', 'n', n);
  checkSize('cyclicBandedSolve', 'p', p);
  checkLength('cyclicBandedSolve', 'band', band, offset + n * (2 * p + 1), 'offset + n·(2p+1)');
  checkLength('cyclicBandedSolve', 'b', b, n, 'n');
  checkLength('cyclicBandedSolve', 'x', x, n, 'n');
  const dense = () => bandToDense(band, n, p, { periodic: true, offset });
  const s = 2 * p;
  const m = n - s;
  if (m < p + 1) return solveDense(dense(), n, b, x, tol);
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
  const factors = bandedLu(m, p);
  const interior = bandedLuFactor(band, offset, factors, tol);
  if (interior >= 0) return n <= CYCLIC_DENSE_FALLBACK_LIMIT ? solveDense(dense(), n, b, x, tol) : interior;
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
  const border = solveDense(schur, s, reduced, reduced, tol);
  if (border >= 0) return n <= CYCLIC_DENSE_FALLBACK_LIMIT ? solveDense(dense(), n, b, x, tol) : m + border;
  for (let i = 0; i < m; i++) {
    let v = rhs[i * k + s]!;
    for (let j = 0; j < s; j++) v -= rhs[i * k + j]! * reduced[j]!;
    x[i] = v;
  }
  x.set(reduced, m);
  return -1;
}
