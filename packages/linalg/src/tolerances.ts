/**
 * The working-precision constants of the lnn packages, in one place: what "singular to float64
 * working precision" means, how far a float32 result may go, and numpy's float32 cutoff.
 */

/**
 * float64's machine epsilon, 2⁻⁵² (= `Number.EPSILON`): the spacing of doubles just above 1.
 *
 * @example
 * FLOAT64_EPSILON === Number.EPSILON; // true
 */
export const FLOAT64_EPSILON = 2 ** -52;

/**
 * float32's machine epsilon as numpy prints it, 1.1920929e-7 (the exact value is 2⁻²³ =
 * 1.1920928955078125e-7; this constant is the printed one, kept as the lnn solvers have always
 * used it): numpy's `pinv` cutoff per dimension for float32 input, `rcond = d · ε₃₂`.
 *
 * @example
 * const rcond = d * FLOAT32_EPSILON; // the default cutoff of a d×d float32 pseudoinverse
 */
export const FLOAT32_EPSILON = 1.1920929e-7;

/**
 * The largest finite float32, (2 − 2⁻²³)·2¹²⁷: a float64 result beyond it becomes ±Infinity when
 * returned as float32.
 *
 * @example
 * const fits = Math.abs(x) <= FLOAT32_MAX;
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
 * let scale = 0;
 * for (const v of a) scale = Math.max(scale, Math.abs(v));
 * const step = luFactor(a, d, perm, singularTolerance(d, scale));
 */
export function singularTolerance(n: number, scale: number): number {
  return n * FLOAT64_EPSILON * scale;
}
