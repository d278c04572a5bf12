/**
 * In-place LU factorisation with partial pivoting of a d×d row-major float64 matrix (`P A = L U`),
 * for the small dense systems of integrators and mechanics (Newton steps, mass matrices).
 *
 * @param tol - a pivot of magnitude at most `tol` means singular (pass `d·ε·max|A|` for
 *   "singular to working precision").
 * @returns false if singular; then `a` is partly overwritten.
 * @example
 * const perm = new Int32Array(d);
 * if (luFactor(a, d, perm)) luSolve(a, d, perm, b, new Float64Array(d));
 */
export function luFactor(a: Float64Array, d: number, perm: Int32Array, tol = 0): boolean {
  for (let i = 0; i < d; i++) perm[i] = i;
  for (let k = 0; k < d; k++) {
    let p = k;
    let max = Math.abs(a[k * d + k] as number);
    for (let i = k + 1; i < d; i++) {
      const v = Math.abs(a[i * d + k] as number);
      if (v > max) [max, p] = [v, i];
    }
    if (!(max > tol)) return false;
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
      if (f !== 0) for (let j = k + 1; j < d; j++) a[i * d + j] = (a[i * d + j] as number) - f * (a[k * d + j] as number);
    }
  }
  return true;
}

/** Solves `A x = b` from `luFactor`'s output; `b` (length d) is overwritten with x; `work` has length ≥ d. */
export function luSolve(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, work: Float64Array): void {
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
