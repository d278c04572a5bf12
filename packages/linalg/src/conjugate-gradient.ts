import { checkLength, checkSize } from './internal/check';

/**
 * Where the stored entries of a sparse n×n matrix sit, in compressed rows: row i's entries are
 * `rowStart[i] … rowStart[i+1] − 1`, entry e in column `columns[e]`. (`SparsePattern` of
 * `@lnn/graph-lagrangian` is one.)
 */
export interface CompressedRows {
  /** The matrix size. */
  readonly n: number;
  /** n + 1 row starts, `rowStart[n]` = the number of stored entries. */
  readonly rowStart: ArrayLike<number>;
  /** The column of each stored entry. */
  readonly columns: ArrayLike<number>;
}

/** Options of {@link conjugateGradient}. */
export interface ConjugateGradientOptions {
  /** Stop when ‖b − A x‖ ≤ tolerance · ‖b‖. @default 1e-10 */
  readonly tolerance?: number;
  /** Iterations allowed. @default max(100, 2n) */
  readonly maxIterations?: number;
}

/**
 * The options {@link conjugateGradient} runs with on an n×n system: the given ones, checked, and
 * the defaults for the rest — written here and nowhere else (the tensor ops built on it read them
 * from here).
 *
 * @throws {TypeError} on a tolerance that is not > 0 or an iteration limit that is not a positive integer.
 * @example
 * import { conjugateGradientOptions } from '@lnn/linalg';
 * console.log(conjugateGradientOptions(500)); // { tolerance: 1e-10, maxIterations: 1000 }
 * console.log(conjugateGradientOptions(10, { tolerance: 1e-6 })); // { tolerance: 1e-6, maxIterations: 100 }
 */
export function conjugateGradientOptions(n: number, options: ConjugateGradientOptions = {}): Required<ConjugateGradientOptions> {
  const { tolerance = 1e-10, maxIterations = Math.max(100, 2 * n) } = options;
  checkSize('conjugateGradient', 'options.maxIterations', maxIterations, 1);
  if (!(tolerance > 0)) throw new TypeError(`conjugateGradient: options.tolerance must be > 0, received ${String(tolerance)}.`);
  return { tolerance, maxIterations };
}

/**
 * Jacobi-preconditioned conjugate gradient for one symmetric definite sparse system `A x = b`,
 * the values of A stored from `offset` in the pattern's order; O(stored entries) per iteration. A
 * negative definite matrix (all diagonal entries negative) is solved as `(−A) x = −b`. A is taken
 * as symmetric (its values are not symmetrised).
 *
 * @param x - receives the solution (length n; zeroed first; the last iterate when it fails).
 * @returns -1 when it converged; otherwise the step at which it broke down: the 0-based iteration
 *   whose curvature pᵀAp had the wrong sign, or 0 for a diagonal of mixed sign or with a zero —
 *   both mean A is indefinite — or `maxIterations` when the residual was still above
 *   tolerance·‖b‖ after that many iterations.
 * @example
 * import { conjugateGradient } from '@lnn/linalg';
 * // [2 −1 0; −1 2 −1; 0 −1 2] x = [1, 0, 1]
 * const rows = { n: 3, rowStart: [0, 2, 5, 7], columns: [0, 1, 0, 1, 2, 1, 2] };
 * const x = new Float64Array(3);
 * const step = conjugateGradient(rows, Float64Array.of(2, -1, -1, 2, -1, -1, 2), 0, Float64Array.of(1, 0, 1), x);
 * console.log(step, x); // -1, x ≈ [1, 1, 1]
 */
export function conjugateGradient(
  matrix: CompressedRows,
  values: Float64Array,
  offset: number,
  b: Float64Array,
  x: Float64Array,
  options: ConjugateGradientOptions = {},
): number {
  const { n, rowStart, columns } = matrix;
  checkSize('conjugateGradient', 'matrix.n', n);
  checkLength('conjugateGradient', 'matrix.rowStart', rowStart, n + 1, 'n + 1');
  checkSize('conjugateGradient', 'offset', offset);
  checkLength('conjugateGradient', 'values', values, offset + rowStart[n]!, 'offset + rowStart[n]');
  checkLength('conjugateGradient', 'b', b, n, 'n');
  checkLength('conjugateGradient', 'x', x, n, 'n');
  const { tolerance, maxIterations } = conjugateGradientOptions(n, options);
  x.fill(0, 0, n);
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (columns[e] === i) diag[i] = values[offset + e]!;
  }
  const sign = diag[0]! < 0 ? -1 : 1;
  for (let i = 0; i < n; i++) if (!(sign * diag[i]! > 0)) return 0;
  const multiply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) s += values[offset + e]! * v[columns[e]!]!;
      out[i] = sign * s;
    }
  };
  const r = Float64Array.from(b.subarray(0, n), (v) => sign * v);
  let bNorm = 0;
  for (const v of r) bNorm += v * v;
  bNorm = Math.sqrt(bNorm);
  if (bNorm === 0) return -1;
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = r[i]! / (sign * diag[i]!);
  const p = Float64Array.from(z);
  const ap = new Float64Array(n);
  let rz = 0;
  for (let i = 0; i < n; i++) rz += r[i]! * z[i]!;
  for (let it = 1; it <= maxIterations; it++) {
    multiply(p, ap);
    let pap = 0;
    for (let i = 0; i < n; i++) pap += p[i]! * ap[i]!;
    if (!(pap > 0)) return it - 1;
    const alpha = rz / pap;
    let rNorm = 0;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! + alpha * p[i]!;
      r[i] = r[i]! - alpha * ap[i]!;
      rNorm += r[i]! * r[i]!;
    }
    if (Math.sqrt(rNorm) <= tolerance * bNorm) return -1;
    let rzNew = 0;
    for (let i = 0; i < n; i++) {
      z[i] = r[i]! / (sign * diag[i]!);
      rzNew += r[i]! * z[i]!;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return maxIterations;
}
