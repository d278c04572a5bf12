import { checkLength, checkSize } from './internal/check';
import { backSubstitute, forwardSubstitute } from './internal/triangular';

/**
 * Cholesky factorisation `A = L Lᵀ` of one symmetric d×d float64 matrix (row-major), reading the
 * symmetric part `(A + Aᵀ)/2`, in place: L is left in the lower triangle (the upper is zeroed).
 *
 * @param a - the matrix, overwritten with L (partly overwritten when it fails).
 * @param d - the size.
 * @param tol - a squared pivot at most `tol` means A is not (numerically) positive definite; pass
 *   {@link singularTolerance}`(d, max|A|)` for "at working precision". @default 0
 * @returns -1, or the column at which A was found not positive definite.
 * @example
 * import { choleskyFactor, choleskySolve, singularTolerance } from '@lnn/linalg';
 * const d = 2;
 * const m = Float64Array.of(4, 2, 2, 3); // symmetric positive definite
 * const b = Float64Array.of(6, 5);
 * if (choleskyFactor(m, d, singularTolerance(d, 4)) === -1) choleskySolve(m, d, b, 1);
 * console.log(m, b); // L = [2, 0, 1, √2], x ≈ [1, 1]
 */
export function choleskyFactor(a: Float64Array, d: number, tol = 0): number {
  checkSize('choleskyFactor', 'd', d);
  checkLength('choleskyFactor', 'a', a, d * d, 'd·d');
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const s = 0.5 * ((a[i * d + j] as number) + (a[j * d + i] as number));
      a[i * d + j] = s;
      a[j * d + i] = 0;
    }
  }
  for (let j = 0; j < d; j++) {
    let s = a[j * d + j] as number;
    for (let k = 0; k < j; k++) s -= (a[j * d + k] as number) ** 2;
    if (!(s > tol)) return j;
    const ljj = Math.sqrt(s);
    a[j * d + j] = ljj;
    for (let i = j + 1; i < d; i++) {
      let t = a[i * d + j] as number;
      for (let k = 0; k < j; k++) t -= (a[i * d + k] as number) * (a[j * d + k] as number);
      a[i * d + j] = t / ljj;
    }
  }
  return -1;
}

/**
 * Solves `A X = B` (B d×k row-major, overwritten with X) from {@link choleskyFactor}'s L:
 * `L y = b`, then `Lᵀ x = y`. A is symmetric, so this is also the transposed solve.
 *
 * @example
 * import { choleskyFactor, choleskySolve } from '@lnn/linalg';
 * const d = 2;
 * const l = Float64Array.of(4, 2, 2, 3);
 * choleskyFactor(l, d); // -1: l now holds L
 * const b = Float64Array.of(6, 4, 5, 2); // d×2: columns [6, 5] and [4, 2]
 * choleskySolve(l, d, b, 2);
 * console.log(b); // X ≈ [1, 1, 1, 0]: columns [1, 1] and [1, 0]
 */
export function choleskySolve(l: Float64Array, d: number, b: Float64Array, k: number): void {
  checkSize('choleskySolve', 'd', d);
  checkSize('choleskySolve', 'k', k, 1);
  checkLength('choleskySolve', 'l', l, d * d, 'd·d');
  checkLength('choleskySolve', 'b', b, d * k, 'd·k');
  forwardSubstitute(l, d, b, k, { transposed: false, unit: false }); // L y = b
  backSubstitute(l, d, b, k, { transposed: true, unit: false }); // Lᵀ x = y
}
