import type { SparsePattern } from '../../sparse-pattern';

/** Why one conjugate-gradient solve stopped without an answer. */
export type CgFailure = 'indefinite' | 'no-convergence';

/**
 * Jacobi-preconditioned conjugate gradient in float64 for one symmetric definite sparse system
 * (values from `offset` in the pattern's order). A negative definite matrix (all diagonal entries
 * negative) is solved as `(−A) x = −b`. Stops when ‖r‖ ≤ tolerance·‖b‖.
 *
 * @returns x, or why it failed (a curvature pᵀAp of the wrong sign, or mixed-sign diagonal:
 *   indefinite; the iteration limit: no convergence).
 */
export function conjugateGradientOne(
  pattern: SparsePattern,
  values: Float64Array,
  offset: number,
  b: Float64Array,
  tolerance: number,
  maxIterations: number,
): { x: Float64Array; iterations: number } | CgFailure {
  const { n, rowStart, columns } = pattern;
  const diag = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) if (columns[e] === i) diag[i] = values[offset + e]!;
  }
  const sign = diag[0]! < 0 ? -1 : 1;
  for (let i = 0; i < n; i++) if (!(sign * diag[i]! > 0)) return 'indefinite';
  const multiply = (v: Float64Array, out: Float64Array) => {
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let e = rowStart[i]!; e < rowStart[i + 1]!; e++) s += values[offset + e]! * v[columns[e]!]!;
      out[i] = sign * s;
    }
  };
  const x = new Float64Array(n);
  const r = Float64Array.from(b, (v) => sign * v);
  let bNorm = 0;
  for (const v of r) bNorm += v * v;
  bNorm = Math.sqrt(bNorm);
  if (bNorm === 0) return { x, iterations: 0 };
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
    if (!(pap > 0)) return 'indefinite';
    const alpha = rz / pap;
    let rNorm = 0;
    for (let i = 0; i < n; i++) {
      x[i] = x[i]! + alpha * p[i]!;
      r[i] = r[i]! - alpha * ap[i]!;
      rNorm += r[i]! * r[i]!;
    }
    if (Math.sqrt(rNorm) <= tolerance * bNorm) return { x, iterations: it };
    let rzNew = 0;
    for (let i = 0; i < n; i++) {
      z[i] = r[i]! / (sign * diag[i]!);
      rzNew += r[i]! * z[i]!;
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let i = 0; i < n; i++) p[i] = z[i]! + beta * p[i]!;
  }
  return 'no-convergence';
}
