import { checkLength, checkSize } from './internal/check';
import { FLOAT64_EPSILON } from './tolerances';

/**
 * QL sweeps allowed per eigenvalue and dimension before {@link symmetricEigen} gives up: 30·d.
 *
 * @example
 * import { QL_SWEEPS_PER_DIMENSION } from '@lnn/linalg';
 * const d = 6;
 * const limit = QL_SWEEPS_PER_DIMENSION * d; // sweeps for one eigenvalue of a d×d matrix
 * console.log(limit); // 180
 */
export const QL_SWEEPS_PER_DIMENSION = 30;

/**
 * Eigen-decomposition of one symmetric d×d float64 matrix: `A = V diag(λ) Vᵀ`, eigenvalues in
 * ascending order, V orthogonal (columns are eigenvectors). Householder tridiagonalisation then
 * the implicit QL algorithm (tred2 / tql2 of EISPACK, in the form of the public-domain JAMA
 * library). Reads the symmetric part `(A + Aᵀ)/2`.
 *
 * @param a - row-major input (not modified).
 * @param d - the size.
 * @param values - receives the d eigenvalues.
 * @param vectors - receives V, row-major (column j is the eigenvector of `values[j]`).
 * @returns -1, or the index of the eigenvalue whose QL iteration did not converge within
 *   {@link QL_SWEEPS_PER_DIMENSION}·d sweeps (values and vectors are then incomplete).
 * @example
 * import { symmetricEigen } from '@lnn/linalg';
 * const d = 2;
 * const a = Float64Array.of(2, 1, 1, 2);
 * const values = new Float64Array(d);
 * const vectors = new Float64Array(d * d);
 * if (symmetricEigen(a, d, values, vectors) === -1) console.log(values); // ≈ [1, 3], ascending
 */
export function symmetricEigen(a: Float64Array, d: number, values: Float64Array, vectors: Float64Array): number {
  checkSize('symmetricEigen', 'd', d);
  checkLength('symmetricEigen', 'a', a, d * d, 'd·d');
  checkLength('symmetricEigen', 'values', values, d, 'd');
  checkLength('symmetricEigen', 'vectors', vectors, d * d, 'd·d');
  const V = vectors;
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) V[i * d + j] = 0.5 * ((a[i * d + j] as number) + (a[j * d + i] as number));
  }
  const e = new Float64Array(d);
  tred2(V, d, values, e);
  const failed = tql2(V, d, values, e);
  if (failed >= 0) return failed;
  sortAscending(V, d, values);
  return -1;
}

const at = (m: Float64Array, d: number, i: number, j: number) => m[i * d + j] as number;

function tred2(V: Float64Array, n: number, dd: Float64Array, e: Float64Array): void {
  for (let j = 0; j < n; j++) dd[j] = at(V, n, n - 1, j);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(dd[k] as number);
    if (scale === 0) {
      e[i] = dd[i - 1] as number;
      for (let j = 0; j < i; j++) {
        dd[j] = at(V, n, i - 1, j);
        V[i * n + j] = 0;
        V[j * n + i] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        dd[k] = (dd[k] as number) / scale;
        h += (dd[k] as number) ** 2;
      }
      let f = dd[i - 1] as number;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      dd[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = dd[j] as number;
        V[j * n + i] = f;
        g = (e[j] as number) + at(V, n, j, j) * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += at(V, n, k, j) * (dd[k] as number);
          e[k] = (e[k] as number) + at(V, n, k, j) * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] = (e[j] as number) / h;
        f += (e[j] as number) * (dd[j] as number);
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] = (e[j] as number) - hh * (dd[j] as number);
      for (let j = 0; j < i; j++) {
        f = dd[j] as number;
        g = e[j] as number;
        for (let k = j; k <= i - 1; k++) {
          V[k * n + j] = at(V, n, k, j) - (f * (e[k] as number) + g * (dd[k] as number));
        }
        dd[j] = at(V, n, i - 1, j);
        V[i * n + j] = 0;
      }
    }
    dd[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[(n - 1) * n + i] = at(V, n, i, i);
    V[i * n + i] = 1;
    const h = dd[i + 1] as number;
    if (h !== 0) {
      for (let k = 0; k <= i; k++) dd[k] = at(V, n, k, i + 1) / h;
      for (let j = 0; j <= i; j++) {
        let g = 0;
        for (let k = 0; k <= i; k++) g += at(V, n, k, i + 1) * at(V, n, k, j);
        for (let k = 0; k <= i; k++) V[k * n + j] = at(V, n, k, j) - g * (dd[k] as number);
      }
    }
    for (let k = 0; k <= i; k++) V[k * n + i + 1] = 0;
  }
  for (let j = 0; j < n; j++) {
    dd[j] = at(V, n, n - 1, j);
    V[(n - 1) * n + j] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
}

/** The QL iteration; -1, or the eigenvalue index l whose iteration did not converge. */
function tql2(V: Float64Array, n: number, dd: Float64Array, e: Float64Array): number {
  for (let i = 1; i < n; i++) e[i - 1] = e[i] as number;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = FLOAT64_EPSILON;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(dd[l] as number) + Math.abs(e[l] as number));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m] as number) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > QL_SWEEPS_PER_DIMENSION * n) return l;
        let g = dd[l] as number;
        let p = ((dd[l + 1] as number) - g) / (2 * (e[l] as number));
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        dd[l] = (e[l] as number) / (p + r);
        dd[l + 1] = (e[l] as number) * (p + r);
        const dl1 = dd[l + 1] as number;
        let h = g - (dd[l] as number);
        for (let i = l + 2; i < n; i++) dd[i] = (dd[i] as number) - h;
        f += h;
        p = dd[m] as number;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1] as number;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * (e[i] as number);
          h = c * p;
          r = Math.hypot(p, e[i] as number);
          e[i + 1] = s * r;
          s = (e[i] as number) / r;
          c = p / r;
          p = c * (dd[i] as number) - s * g;
          dd[i + 1] = h + s * (c * g + s * (dd[i] as number));
          for (let k = 0; k < n; k++) {
            h = at(V, n, k, i + 1);
            V[k * n + i + 1] = s * at(V, n, k, i) + c * h;
            V[k * n + i] = c * at(V, n, k, i) - s * h;
          }
        }
        p = (-s * s2 * c3 * el1 * (e[l] as number)) / dl1;
        e[l] = s * p;
        dd[l] = c * p;
      } while (Math.abs(e[l] as number) > eps * tst1);
    }
    dd[l] = (dd[l] as number) + f;
    e[l] = 0;
  }
  return -1;
}

function sortAscending(V: Float64Array, n: number, dd: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = dd[i] as number;
    for (let j = i + 1; j < n; j++) {
      if ((dd[j] as number) < p) {
        k = j;
        p = dd[j] as number;
      }
    }
    if (k !== i) {
      dd[k] = dd[i] as number;
      dd[i] = p;
      for (let j = 0; j < n; j++) {
        const t = at(V, n, j, i);
        V[j * n + i] = at(V, n, j, k);
        V[j * n + k] = t;
      }
    }
  }
}
