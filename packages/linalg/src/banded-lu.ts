import { checkLength, checkSize } from './internal/check';

/**
 * The LU factors of an n×n matrix with p sub- and p super-diagonals (LAPACK's gbtrf, row-oriented),
 * filled by {@link bandedLuFactor}. Row interchanges push U's bandwidth to 2p, so U is kept in rows
 * of width 3p+1: `u[r·(3p+1) + (c − r + p)]` holds U[r][c] for c ∈ [r, r+2p] (the first p slots of
 * each row are the eliminated part, zero after factoring).
 */
export interface BandedLu {
  /** The matrix size. */
  readonly n: number;
  /** The bandwidth: p sub- and p super-diagonals. */
  readonly p: number;
  /** U, rows of width 3p+1 (see above). */
  readonly u: Float64Array;
  /** Multipliers: `l[c·p + (r − c − 1)]` eliminates row r with pivot row c. */
  readonly l: Float64Array;
  /** The row interchanged with row c at step c. */
  readonly piv: Int32Array;
}

/**
 * Storage for the banded LU factors of an n×n matrix of bandwidth p (O(n·p) numbers), to fill
 * with {@link bandedLuFactor} — once, or again for each matrix of a batch.
 *
 * @example
 * import { bandedLu } from '@lnn/linalg';
 * const n = 100;
 * const f = bandedLu(n, 1); // tridiagonal: storage of n·(3p+1) + n·p numbers
 * console.log(f.u.length, f.l.length); // 400 100
 */
export function bandedLu(n: number, p: number): BandedLu {
  checkSize('bandedLu', 'n', n);
  checkSize('bandedLu', 'p', p);
  return { n, p, u: new Float64Array(n * (3 * p + 1)), l: new Float64Array(n * p), piv: new Int32Array(n) };
}

/**
 * LU factorisation with partial pivoting of one banded matrix, O(n·p²). Input storage ("band"):
 * `band[offset + i·(2p+1) + (o+p)] = A[i][i+o]` for o ∈ [−p, p]; entries outside the matrix are
 * ignored (so one row-major `[B, n, 2p+1]` array holds a batch: offset `s·n·(2p+1)`).
 *
 * @param f - storage from {@link bandedLu}(n, p); overwritten with the factors.
 * @param tol - a pivot of magnitude at most `tol` makes the matrix singular; pass
 *   {@link singularTolerance}`(n, max|band|)` for "singular to working precision". @default 0
 * @returns -1, or the elimination step (column) at which a pivot vanished.
 * @example
 * import { bandedLu, bandedLuFactor, bandedLuSolve } from '@lnn/linalg';
 * // tridiagonal [−1, 2, −1]: diagonals −1, 0, +1 of each row
 * const f = bandedLu(3, 1);
 * const b = Float64Array.of(1, 0, 1);
 * if (bandedLuFactor(Float64Array.of(0, 2, -1, -1, 2, -1, -1, 2, 0), 0, f) === -1) bandedLuSolve(f, b, 0, 1);
 * console.log(b); // ≈ [1, 1, 1]
 */
export function bandedLuFactor(band: Float64Array, offset: number, f: BandedLu, tol = 0): number {
  const { n, p, u, l, piv } = f;
  const w = 3 * p + 1;
  const bw = 2 * p + 1;
  checkSize('bandedLuFactor', 'offset', offset);
  checkLength('bandedLuFactor', 'band', band, offset + n * bw, 'offset + n·(2p+1)');
  checkLength('bandedLuFactor', 'f.u', u, n * w, 'n·(3p+1)');
  checkLength('bandedLuFactor', 'f.l', l, n * p, 'n·p');
  checkLength('bandedLuFactor', 'f.piv', piv, n, 'n');
  u.fill(0);
  l.fill(0);
  for (let i = 0; i < n; i++) {
    // Row i's entries o ∈ [−p, p] whose column i + o is inside the matrix.
    const from = i < p ? -i : -p;
    const to = i + p >= n ? n - 1 - i : p;
    const at = i * w + p;
    const src = offset + i * bw + p;
    for (let o = from; o <= to; o++) u[at + o] = band[src + o]!;
  }
  for (let c = 0; c < n; c++) {
    const last = Math.min(c + p, n - 1);
    // Pivot search in column c: entry (r, c) sits at r·w + (c − r + p) = r·(w − 1) + c + p.
    let best = c;
    let max = Math.abs(u[c * w + p]!);
    for (let r = c + 1; r <= last; r++) {
      const v = Math.abs(u[r * (w - 1) + c + p]!);
      if (v > max) {
        max = v;
        best = r;
      }
    }
    piv[c] = best;
    if (!(max > tol)) return c;
    const count = Math.min(c + 2 * p, n - 1) - c + 1; // columns c … c + 2p of a row
    const rowC = c * w + p; // (c, c)
    if (best !== c) {
      const rowB = best * (w - 1) + c + p; // (best, c)
      for (let j = 0; j < count; j++) {
        const t = u[rowC + j]!;
        u[rowC + j] = u[rowB + j]!;
        u[rowB + j] = t;
      }
    }
    const pivot = u[rowC]!;
    for (let r = c + 1; r <= last; r++) {
      const rowR = r * (w - 1) + c + p; // (r, c)
      const m = u[rowR]! / pivot;
      l[c * p + r - c - 1] = m;
      u[rowR] = 0;
      if (m === 0) continue;
      for (let j = 1; j < count; j++) u[rowR + j] = u[rowR + j]! - m * u[rowC + j]!;
    }
  }
  return -1;
}

/**
 * Solves `A X = B` in place from {@link bandedLuFactor}'s factors, O(n·p) per right-hand side:
 * `x` holds B (n×k row-major) from `offset`, and receives X.
 *
 * @example
 * import { bandedLu, bandedLuFactor, bandedLuSolve } from '@lnn/linalg';
 * // a batch of two 3×3 tridiagonal systems, [B, n] right-hand sides: 2·I and [−1, 2, −1]
 * const n = 3;
 * const bands = Float64Array.of(0, 2, 0, 0, 2, 0, 0, 2, 0, 0, 2, -1, -1, 2, -1, -1, 2, 0);
 * const x = Float64Array.of(2, 4, 6, 1, 0, 1);
 * const f = bandedLu(n, 1);
 * for (let s = 0; s < 2; s++) {
 *   if (bandedLuFactor(bands, s * n * 3, f) !== -1) throw new Error(`sample ${s} is singular`);
 *   bandedLuSolve(f, x, s * n, 1); // sample s of the [B, n] batch
 * }
 * console.log(x); // ≈ [1, 2, 3, 1, 1, 1]
 */
export function bandedLuSolve(f: BandedLu, x: Float64Array, offset: number, k: number): void {
  const { n, p, u, l, piv } = f;
  checkSize('bandedLuSolve', 'offset', offset);
  checkSize('bandedLuSolve', 'k', k, 1);
  checkLength('bandedLuSolve', 'x', x, offset + n * k, 'offset + n·k');
  const w = 3 * p + 1;
  for (let c = 0; c < n; c++) {
    const rowC = offset + c * k;
    const r0 = piv[c]!;
    if (r0 !== c) {
      const rowP = offset + r0 * k;
      for (let j = 0; j < k; j++) {
        const t = x[rowC + j]!;
        x[rowC + j] = x[rowP + j]!;
        x[rowP + j] = t;
      }
    }
    const last = Math.min(c + p, n - 1);
    for (let r = c + 1; r <= last; r++) {
      const m = l[c * p + r - c - 1]!;
      if (m === 0) continue;
      const rowR = offset + r * k;
      for (let j = 0; j < k; j++) x[rowR + j] = x[rowR + j]! - m * x[rowC + j]!;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    const rowI = offset + i * k;
    const end = Math.min(i + 2 * p, n - 1);
    for (let c = i + 1; c <= end; c++) {
      const v = u[i * w + c - i + p]!;
      if (v === 0) continue;
      const rowC = offset + c * k;
      for (let j = 0; j < k; j++) x[rowI + j] = x[rowI + j]! - v * x[rowC + j]!;
    }
    const d = u[i * w + p]!;
    for (let j = 0; j < k; j++) x[rowI + j] = x[rowI + j]! / d;
  }
}
