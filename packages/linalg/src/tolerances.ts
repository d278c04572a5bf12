/**
 * The working-precision constants of the lnn packages, in one place: what "singular to float64
 * working precision" means, how far a float32 result may go, and numpy's float32 cutoff.
 */

/**
 * float64's machine epsilon, 2⁻⁵² (= `Number.EPSILON`): the spacing of doubles just above 1.
 *
 * @example
 * import { FLOAT64_EPSILON } from '@lnn/linalg';
 * console.log(FLOAT64_EPSILON === Number.EPSILON, 1 + FLOAT64_EPSILON > 1); // true true
 */
export const FLOAT64_EPSILON = 2 ** -52;

/**
 * float32's machine epsilon as numpy prints it, 1.1920929e-7 (the exact value is 2⁻²³ =
 * 1.1920928955078125e-7; this constant is the printed one, kept as the lnn solvers have always
 * used it): numpy's `pinv` cutoff per dimension for float32 input, `rcond = d · ε₃₂`.
 *
 * @example
 * import { FLOAT32_EPSILON } from '@lnn/linalg';
 * const d = 4;
 * const rcond = d * FLOAT32_EPSILON; // the default cutoff of a d×d float32 pseudoinverse
 * console.log(rcond); // 4.7683716e-7
 */
export const FLOAT32_EPSILON = 1.1920929e-7;

/**
 * The largest finite float32, (2 − 2⁻²³)·2¹²⁷: a float64 result beyond it becomes ±Infinity when
 * returned as float32.
 *
 * @example
 * import { FLOAT32_MAX } from '@lnn/linalg';
 * const fits = (x: number) => Math.abs(x) <= FLOAT32_MAX;
 * console.log(fits(1e38), fits(1e39), Math.fround(1e39)); // true false Infinity
 */
export const FLOAT32_MAX = 3.4028234663852886e38;

/**
 * The pivot tolerance meaning "singular to float64 working precision" for an n×n matrix whose
 * largest entry has magnitude `scale`: `n · ε₆₄ · scale` (a pivot at rounding level of the
 * largest entry). Pass it as `tol` to {@link luFactor}, {@link choleskyFactor},
 * {@link bandedLuFactor} or {@link cyclicBandedSolve}.
 *
 * @param n - the matrix size.
 * @param scale - max |Aᵢⱼ| (any non-negative number; NaN makes every pivot fail).
 * @returns `n · FLOAT64_EPSILON · scale`, evaluated in that order.
 * @example
 * import { luFactor, singularTolerance } from '@lnn/linalg';
 * const d = 2;
 * const a = Float64Array.of(1, 2, 2, 4); // rank 1
 * let scale = 0;
 * for (const v of a) scale = Math.max(scale, Math.abs(v));
 * const step = luFactor(a, d, new Int32Array(d), singularTolerance(d, scale));
 * console.log(step); // 1: singular at the second column
 */
export function singularTolerance(n: number, scale: number): number {
  return n * FLOAT64_EPSILON * scale;
}
