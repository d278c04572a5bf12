import { checkLength, checkSize } from './internal/check';
import { backSubstitute, forwardSubstitute } from './internal/triangular';

/**
 * LU factorisation with partial pivoting of one d×d float64 matrix, in place (row-major):
 * `P A = L U`, L unit lower triangular (its multipliers stored below the diagonal), U upper
 * triangular on and above it; `perm[i]` is the row of A that became row i.
 *
 * @param a - the matrix, overwritten with L and U (partly overwritten when it fails).
 * @param d - the size.
 * @param perm - receives the row permutation (length ≥ d).
 * @param tol - a pivot of magnitude at most `tol` makes the matrix singular; pass
 *   {@link singularTolerance}`(d, max|A|)` for "singular to working precision". @default 0
 * @returns -1, or the elimination step (column) at which the matrix was found singular.
 * @example
 * import { luFactor, luSolve, singularTolerance } from '@lnn/linalg';
 * const d = 2;
 * const a = Float64Array.of(0, 1, 2, 0); // needs a row interchange
 * const b = Float64Array.of(3, 4);
 * const perm = new Int32Array(d);
 * if (luFactor(a, d, perm, singularTolerance(d, 2)) === -1) luSolve(a, d, perm, b, 1);
 * console.log(perm, b); // [1, 0], x = [2, 3]
 */
export function luFactor(a: Float64Array, d: number, perm: Int32Array, tol = 0): number {
  checkSize('luFactor', 'd', d);
  checkLength('luFactor', 'a', a, d * d, 'd·d');
  checkLength('luFactor', 'perm', perm, d, 'd');
  for (let i = 0; i < d; i++) perm[i] = i;
  for (let k = 0; k < d; k++) {
    let p = k;
    let max = Math.abs(a[k * d + k] as number);
    for (let i = k + 1; i < d; i++) {
      const v = Math.abs(a[i * d + k] as number);
      if (v > max) {
        max = v;
        p = i;
      }
    }
    if (!(max > tol)) return k;
    if (p !== k) {
      for (let j = 0; j < d; j++) {
        const t = a[k * d + j] as number;
        a[k * d + j] = a[p * d + j] as number;
        a[p * d + j] = t;
      }
      const t = perm[k] as number;
      perm[k] = perm[p] as number;
      perm[p] = t;
    }
    const pivot = a[k * d + k] as number;
    for (let i = k + 1; i < d; i++) {
      const f = (a[i * d + k] as number) / pivot;
      a[i * d + k] = f;
      if (f === 0) continue;
      for (let j = k + 1; j < d; j++) a[i * d + j] = (a[i * d + j] as number) - f * (a[k * d + j] as number);
    }
  }
  return -1;
}

/**
 * Solves `A X = B` from {@link luFactor}'s output, for k right-hand sides at once: B is d×k
 * row-major and is overwritten with X. Substitution row by row, skipping zero entries of L and U
 * (cheap on sparse factors). Allocates a d×k scratch array.
 *
 * @example
 * import { luFactor, luSolve } from '@lnn/linalg';
 * const d = 2;
 * const lu = Float64Array.of(2, 1, 1, 3);
 * const perm = new Int32Array(d);
 * luFactor(lu, d, perm); // -1
 * const b = Float64Array.of(2, 3, 1, 1, 4, 2); // d×3: columns [2, 1], [3, 4], [1, 2]
 * luSolve(lu, d, perm, b, 3);
 * console.log(b); // X = [1, 1, 0.2, 0, 1, 0.6]
 */
export function luSolve(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): void {
  checkSolve('luSolve', lu, d, perm, b, k);
  const y = new Float64Array(d * k);
  for (let i = 0; i < d; i++) {
    const src = (perm[i] as number) * k;
    for (let c = 0; c < k; c++) y[i * k + c] = b[src + c] as number;
  }
  forwardSubstitute(lu, d, y, k, { transposed: false, unit: true }); // L (unit lower)
  backSubstitute(lu, d, y, k, { transposed: false, unit: false }); // U
  b.set(y);
}

/**
 * Solves `Aᵀ X = B` (B d×k row-major, overwritten with X) from the LU factors of A:
 * `Aᵀ = Uᵀ Lᵀ P`. The adjoint solve of a gradient, without factorising Aᵀ.
 *
 * @example
 * import { luFactor, luSolveTransposed } from '@lnn/linalg';
 * const d = 2;
 * const lu = Float64Array.of(1, 2, 0, 1); // A = [1 2; 0 1], Aᵀ = [1 0; 2 1]
 * const perm = new Int32Array(d);
 * luFactor(lu, d, perm);
 * const xBar = Float64Array.of(1, 3);
 * luSolveTransposed(lu, d, perm, xBar, 1); // b̄ = A⁻ᵀ x̄
 * console.log(xBar); // [1, 1]
 */
export function luSolveTransposed(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): void {
  checkSolve('luSolveTransposed', lu, d, perm, b, k);
  const z = Float64Array.from(b.subarray(0, d * k));
  forwardSubstitute(lu, d, z, k, { transposed: true, unit: false }); // Uᵀ z = b (Uᵀ lower triangular)
  backSubstitute(lu, d, z, k, { transposed: true, unit: true }); // Lᵀ w = z (unit upper triangular)
  // x = Pᵀ w
  for (let i = 0; i < d; i++) {
    const dst = (perm[i] as number) * k;
    for (let c = 0; c < k; c++) b[dst + c] = z[i * k + c] as number;
  }
}

/**
 * Solves `A x = b` for one right-hand side from {@link luFactor}'s output without allocating:
 * `b` (length d) is overwritten with x, `work` (length ≥ d) is scratch. Dot-product form — each
 * row's sum runs over every entry of L and U, zeros included — for the inner loops of integrators
 * (Newton steps, mass matrices). Differs from `luSolve(…, 1)` only in the sign of an exact zero
 * (−0 − (−0) is +0) and in NaN from an infinite entry met by a zero multiplier, which `luSolve`
 * skips; kept apart so that each caller's results stay bit for bit what they were.
 *
 * @example
 * import { luFactor, luSolveVector } from '@lnn/linalg';
 * const d = 2;
 * const m = Float64Array.of(2, 0, 0, 4); // a mass matrix
 * const force = Float64Array.of(2, 2);
 * const perm = new Int32Array(d);
 * const work = new Float64Array(d); // reused across steps: no allocation
 * if (luFactor(m, d, perm) === -1) luSolveVector(m, d, perm, force, work);
 * console.log(force); // accelerations [1, 0.5]
 */
export function luSolveVector(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, work: Float64Array): void {
  checkSolve('luSolveVector', lu, d, perm, b, 1);
  checkLength('luSolveVector', 'work', work, d, 'd');
  for (let i = 0; i < d; i++) work[i] = b[perm[i] as number] as number;
  for (let i = 0; i < d; i++) {
    let s = work[i] as number;
    for (let j = 0; j < i; j++) s -= (lu[i * d + j] as number) * (work[j] as number);
    work[i] = s;
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = work[i] as number;
    for (let j = i + 1; j < d; j++) s -= (lu[i * d + j] as number) * (work[j] as number);
    work[i] = s / (lu[i * d + i] as number);
  }
  b.set(work.subarray(0, d));
}

function checkSolve(where: string, lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): void {
  checkSize(where, 'd', d);
  checkSize(where, 'k', k, 1);
  checkLength(where, 'lu', lu, d * d, 'd·d');
  checkLength(where, 'perm', perm, d, 'd');
  checkLength(where, 'b', b, d * k, 'd·k');
}
