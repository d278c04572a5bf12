/**
 * Triangular substitution on a d×d row-major factor, in place on `y` (d×k row-major): the one
 * kernel behind the LU and Cholesky solves. `transposed` reads the factor's transpose (entry
 * (i, j) at `j·d + i`), so `Uᵀ` and `Lᵀ` need no copy; `unit` skips the division by the diagonal
 * (L of LU). Zero entries are skipped (cheap on sparse factors); the subtraction order is row by
 * row, column by column, as every caller had it.
 */
function substitute(m: Float64Array, d: number, y: Float64Array, k: number, lower: boolean, transposed: boolean, unit: boolean): void {
  const [rowStride, colStride] = transposed ? [1, d] : [d, 1];
  for (let n = 0; n < d; n++) {
    const i = lower ? n : d - 1 - n;
    const [from, to] = lower ? [0, i] : [i + 1, d];
    for (let j = from; j < to; j++) {
      const v = m[i * rowStride + j * colStride] as number;
      if (v !== 0) for (let c = 0; c < k; c++) y[i * k + c] = (y[i * k + c] as number) - v * (y[j * k + c] as number);
    }
    if (unit) continue;
    const diag = m[i * d + i] as number;
    for (let c = 0; c < k; c++) y[i * k + c] = (y[i * k + c] as number) / diag;
  }
}

/** Solves `T y' = y` for T lower triangular (or, `transposed`, the transpose of an upper one). */
export function forwardSubstitute(m: Float64Array, d: number, y: Float64Array, k: number, options: { readonly transposed: boolean; readonly unit: boolean }): void {
  substitute(m, d, y, k, true, options.transposed, options.unit);
}

/** Solves `T y' = y` for T upper triangular (or, `transposed`, the transpose of a lower one). */
export function backSubstitute(m: Float64Array, d: number, y: Float64Array, k: number, options: { readonly transposed: boolean; readonly unit: boolean }): void {
  substitute(m, d, y, k, false, options.transposed, options.unit);
}
