/**
 * LU factorisation with partial pivoting of one d×d float64 matrix, in place (row-major):
 * `P A = L U`, L unit lower triangular below the diagonal, U upper triangular on and above it.
 *
 * @param tol - a pivot whose magnitude is at most `tol` makes the matrix singular.
 * @returns -1, or the elimination step at which the matrix was found singular.
 */
export function luFactor(a: Float64Array, d: number, perm: Int32Array, tol: number): number {
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

/** Solves `A X = B` (B is d×k row-major, overwritten with X) from `luFactor`'s output. */
export function luSolve(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): void {
  const y = new Float64Array(d * k);
  for (let i = 0; i < d; i++) {
    const src = (perm[i] as number) * k;
    for (let c = 0; c < k; c++) y[i * k + c] = b[src + c] as number;
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const l = lu[i * d + j] as number;
      if (l !== 0) for (let c = 0; c < k; c++) y[i * k + c] = (y[i * k + c] as number) - l * (y[j * k + c] as number);
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    for (let j = i + 1; j < d; j++) {
      const u = lu[i * d + j] as number;
      if (u !== 0) for (let c = 0; c < k; c++) y[i * k + c] = (y[i * k + c] as number) - u * (y[j * k + c] as number);
    }
    const diag = lu[i * d + i] as number;
    for (let c = 0; c < k; c++) y[i * k + c] = (y[i * k + c] as number) / diag;
  }
  b.set(y);
}

/** Solves `Aᵀ X = B` (B d×k, overwritten) from the LU factors of A: `Aᵀ = Uᵀ Lᵀ P`. */
export function luSolveTransposed(lu: Float64Array, d: number, perm: Int32Array, b: Float64Array, k: number): void {
  const z = Float64Array.from(b);
  // Uᵀ z = b (Uᵀ lower triangular)
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      const u = lu[j * d + i] as number;
      if (u !== 0) for (let c = 0; c < k; c++) z[i * k + c] = (z[i * k + c] as number) - u * (z[j * k + c] as number);
    }
    const diag = lu[i * d + i] as number;
    for (let c = 0; c < k; c++) z[i * k + c] = (z[i * k + c] as number) / diag;
  }
  // Lᵀ w = z (unit upper triangular)
  for (let i = d - 1; i >= 0; i--) {
    for (let j = i + 1; j < d; j++) {
      const l = lu[j * d + i] as number;
      if (l !== 0) for (let c = 0; c < k; c++) z[i * k + c] = (z[i * k + c] as number) - l * (z[j * k + c] as number);
    }
  }
  // x = Pᵀ w
  for (let i = 0; i < d; i++) {
    const dst = (perm[i] as number) * k;
    for (let c = 0; c < k; c++) b[dst + c] = z[i * k + c] as number;
  }
}
