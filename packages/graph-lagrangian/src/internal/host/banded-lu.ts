/**
 * LU factorisation with partial pivoting of one n×n float64 matrix with p sub- and p
 * super-diagonals (LAPACK's gbtrf, row-oriented), and its solve. O(n·p²) to factor, O(n·p) per
 * right-hand side.
 *
 * Input storage ("band"): `band[i·(2p+1) + (o+p)] = A[i][i+o]` for o ∈ [−p, p]; entries outside
 * the matrix are ignored. Row interchanges push U's bandwidth to 2p, so the factors are kept in
 * rows of width 3p+1: `u[r·W + (c − r + p)]` holds U[r][c] for c ∈ [r, r+2p], W = 3p+1 (the first
 * p slots of each row are the eliminated part, zero after factoring).
 */
export interface BandedLu {
  readonly n: number;
  readonly p: number;
  /** U, rows of width 3p+1 (see above). */
  readonly u: Float64Array;
  /** Multipliers: `l[c·p + (r − c − 1)]` eliminates row r with pivot row c. */
  readonly l: Float64Array;
  /** The row interchanged with row c at step c. */
  readonly piv: Int32Array;
}

/**
 * Factors the band (see {@link BandedLu}).
 *
 * @param tol - a pivot of magnitude at most `tol` makes the matrix singular.
 * @returns the factors, or the elimination step at which a pivot vanished.
 */
export function bandedLuFactor(band: Float64Array, offset: number, n: number, p: number, tol: number): BandedLu | number {
  const w = 3 * p + 1;
  const bw = 2 * p + 1;
  const u = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    // Row i's entries o ∈ [−p, p] whose column i + o is inside the matrix.
    const from = i < p ? -i : -p;
    const to = i + p >= n ? n - 1 - i : p;
    const at = i * w + p;
    const src = offset + i * bw + p;
    for (let o = from; o <= to; o++) u[at + o] = band[src + o]!;
  }
  const l = new Float64Array(n * p);
  const piv = new Int32Array(n);
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
      const f = u[rowR]! / pivot;
      l[c * p + r - c - 1] = f;
      u[rowR] = 0;
      if (f === 0) continue;
      for (let j = 1; j < count; j++) u[rowR + j] = u[rowR + j]! - f * u[rowC + j]!;
    }
  }
  return { n, p, u, l, piv };
}

/** Solves `A X = B` in place: `x` holds B (n×k row-major) from `offset`, and receives X. */
export function bandedLuSolve(f: BandedLu, x: Float64Array, offset: number, k: number): void {
  const { n, p, u, l, piv } = f;
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

/** LU with partial pivoting of a small dense d×d matrix in place; returns the failing step or −1. */
export function denseLuFactor(a: Float64Array, d: number, perm: Int32Array, tol: number): number {
  for (let i = 0; i < d; i++) perm[i] = i;
  for (let k = 0; k < d; k++) {
    let best = k;
    let max = Math.abs(a[k * d + k]!);
    for (let i = k + 1; i < d; i++) {
      const v = Math.abs(a[i * d + k]!);
      if (v > max) {
        max = v;
        best = i;
      }
    }
    if (!(max > tol)) return k;
    if (best !== k) {
      for (let j = 0; j < d; j++) {
        const t = a[k * d + j]!;
        a[k * d + j] = a[best * d + j]!;
        a[best * d + j] = t;
      }
      const t = perm[k]!;
      perm[k] = perm[best]!;
      perm[best] = t;
    }
    const pivot = a[k * d + k]!;
    for (let i = k + 1; i < d; i++) {
      const f = a[i * d + k]! / pivot;
      a[i * d + k] = f;
      if (f !== 0) for (let j = k + 1; j < d; j++) a[i * d + j] = a[i * d + j]! - f * a[k * d + j]!;
    }
  }
  return -1;
}

/** Solves with {@link denseLuFactor}'s output for a d×k right-hand side (row-major), returning X. */
export function denseLuSolve(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): Float64Array {
  const y = new Float64Array(d * k);
  for (let i = 0; i < d; i++) for (let c = 0; c < k; c++) y[i * k + c] = b[perm[i]! * k + c]!;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const m = lu[i * d + j]!;
      if (m !== 0) for (let c = 0; c < k; c++) y[i * k + c] = y[i * k + c]! - m * y[j * k + c]!;
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let j = i + 1; j < d; j++) {
      const m = lu[i * d + j]!;
      if (m !== 0) for (let c = 0; c < k; c++) y[i * k + c] = y[i * k + c]! - m * y[j * k + c]!;
    }
    for (let c = 0; c < k; c++) y[i * k + c] = y[i * k + c]! / lu[i * d + i]!;
  }
  return y;
}
