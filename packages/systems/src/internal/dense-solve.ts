/**
 * Solves the d×d system `a x = b` in place (b becomes x) by Gaussian elimination with partial
 * pivoting; `a` is destroyed. Returns false if `a` is singular to working precision.
 */
export function denseSolve(a: Float64Array, b: Float64Array, d: number): boolean {
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  const tol = d * 2 ** -52 * scale;
  for (let k = 0; k < d; k++) {
    let p = k;
    for (let i = k + 1; i < d; i++) if (Math.abs(a[i * d + k] as number) > Math.abs(a[p * d + k] as number)) p = i;
    if (!(Math.abs(a[p * d + k] as number) > tol)) return false;
    if (p !== k) {
      for (let j = 0; j < d; j++) {
        const t = a[k * d + j] as number;
        a[k * d + j] = a[p * d + j] as number;
        a[p * d + j] = t;
      }
      const t = b[k] as number;
      b[k] = b[p] as number;
      b[p] = t;
    }
    for (let i = k + 1; i < d; i++) {
      const f = (a[i * d + k] as number) / (a[k * d + k] as number);
      if (f === 0) continue;
      for (let j = k; j < d; j++) a[i * d + j] = (a[i * d + j] as number) - f * (a[k * d + j] as number);
      b[i] = (b[i] as number) - f * (b[k] as number);
    }
  }
  for (let i = d - 1; i >= 0; i--) {
    let s = b[i] as number;
    for (let j = i + 1; j < d; j++) s -= (a[i * d + j] as number) * (b[j] as number);
    b[i] = s / (a[i * d + i] as number);
  }
  return true;
}
