import * as tf from '@tensorflow/tfjs-core';
import { LinalgError } from '@lnn/autodiff';
import { conjugateGradient, conjugateGradientOptions, type ConjugateGradientOptions } from '@lnn/linalg';
import { isRecordingGradients } from './internal/band-solve-op';
import { Selection } from './internal/selection';
import type { SparsePattern } from './sparse-pattern';

/** Options of {@link conjugateGradientSolve}: `@lnn/linalg`'s, with its defaults (tolerance 1e-10, max(100, 2n) iterations). */
export type { ConjugateGradientOptions };

const gathers = new WeakMap<SparsePattern, { rows: Selection; columns: Selection }>();

/** Selections picking each entry's row and column value out of a `[B, n]` vector. */
function entryGathers(pattern: SparsePattern): { rows: Selection; columns: Selection } {
  let g = gathers.get(pattern);
  if (g === undefined) {
    const rows = pattern.rows();
    g = { rows: new Selection(pattern.n, Array.from(rows, (i) => [i])), columns: new Selection(pattern.n, Array.from(pattern.columns, (j) => [j])) };
    gathers.set(pattern, g);
  }
  return g;
}

function checkArguments(values: tf.Tensor, b: tf.Tensor, pattern: SparsePattern, options: ConjugateGradientOptions): void {
  const where = 'conjugateGradientSolve';
  const shape = (t: tf.Tensor) => `[${t.shape.join(', ')}]`;
  if (pattern == null || typeof (pattern as SparsePattern).rowStart !== 'object') throw new TypeError(`${where}: pattern must be a SparsePattern, received ${String(pattern)}.`);
  for (const [name, t] of [['values', values], ['b', b]] as const) {
    if (t == null || typeof (t as tf.Tensor).rank !== 'number') throw new TypeError(`${where}: ${name} must be a tf.Tensor, received ${String(t)}.`);
    if (t.dtype !== 'float32') throw new TypeError(`${where}: ${name} must be float32, received ${t.dtype}.`);
  }
  if (values.rank !== 2 || values.shape[1] !== pattern.nnz || values.shape[0] === 0) {
    throw new TypeError(`${where}: values must have shape [batch, ${pattern.nnz}] (one per stored entry of the pattern), received ${shape(values)}.`);
  }
  if (b.rank !== 2 || b.shape[0] !== values.shape[0] || b.shape[1] !== pattern.n) throw new TypeError(`${where}: b must have shape [${values.shape[0]}, ${pattern.n}], received ${shape(b)}.`);
  const { tolerance, maxIterations } = options;
  if (tolerance !== undefined && !(tolerance > 0)) throw new TypeError(`${where}: options.tolerance must be > 0, received ${String(tolerance)}.`);
  if (maxIterations !== undefined && !(Number.isInteger(maxIterations) && maxIterations > 0)) {
    throw new TypeError(`${where}: options.maxIterations must be a positive integer, received ${String(maxIterations)}.`);
  }
}

function solveAll(pattern: SparsePattern, values: Float64Array, b: Float64Array, batch: number, tolerance: number, maxIterations: number): Float64Array {
  const op = 'conjugateGradientSolve';
  const { n, nnz } = pattern;
  const x = new Float64Array(batch * n);
  const failures = { indefinite: [] as number[], 'no-convergence': [] as number[], 'non-finite-input': [] as number[] };
  for (let s = 0; s < batch; s++) {
    const bs = b.subarray(s * n, (s + 1) * n);
    if (!bs.every(Number.isFinite) || !values.subarray(s * nnz, (s + 1) * nnz).every(Number.isFinite)) {
      failures['non-finite-input'].push(s);
      continue;
    }
    // -1: converged; maxIterations: still above the tolerance; any other step: indefinite.
    const failed = conjugateGradient(pattern, values, s * nnz, bs, x.subarray(s * n, (s + 1) * n), { tolerance, maxIterations });
    if (failed === maxIterations) failures['no-convergence'].push(s);
    else if (failed >= 0) failures.indefinite.push(s);
  }
  if (failures['non-finite-input'].length > 0) throw new LinalgError(op, 'non-finite-input', failures['non-finite-input'], batch, 'the values or b are not finite there');
  if (failures.indefinite.length > 0) {
    throw new LinalgError(op, 'not-positive-definite', failures.indefinite, batch, 'the matrix is indefinite (or has a zero diagonal entry), which conjugate gradient cannot solve');
  }
  if (failures['no-convergence'].length > 0) {
    throw new LinalgError(op, 'no-convergence', failures['no-convergence'], batch, `the residual stayed above ${tolerance}·‖b‖ after ${maxIterations} iterations`);
  }
  return x;
}

/**
 * Solves a batch of symmetric definite sparse systems `A x = b` by Jacobi-preconditioned
 * conjugate gradient in float64 on the host: `values` `[B, nnz]` in the pattern's order, b
 * `[B, n]`. Cost per iteration is O(nnz). Negative definite matrices are solved too. Differentiable
 * in values and b: the adjoint of a symmetric solve is the same solve, `b̄ = A⁻¹ x̄`, and
 * `Ā_ij = −b̄ᵢ xⱼ` on the stored entries (A is taken as symmetric: its values are not symmetrised).
 *
 * @throws {TypeError} on wrong shapes, dtypes or options, naming the argument.
 * @throws {LinalgError} `not-positive-definite` (indefinite), `no-convergence` or
 *   `non-finite-input`, listing the samples.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { conjugateGradientSolve, SparsePattern } from '@lnn/graph-lagrangian';
 * await initBackend();
 * const pattern = SparsePattern.fromRows([[0, 1], [0, 1, 2], [1, 2]]);
 * const x = conjugateGradientSolve(tf.tensor2d([[2, -1, -1, 2, -1, -1, 2]]), tf.tensor2d([[1, 0, 1]]), pattern);
 * console.log(x.arraySync()); // ≈ [[1, 1, 1]]
 */
export function conjugateGradientSolve(values: tf.Tensor2D, b: tf.Tensor2D, pattern: SparsePattern, options: ConjugateGradientOptions = {}): tf.Tensor2D {
  checkArguments(values, b, pattern, options);
  const { tolerance, maxIterations } = conjugateGradientOptions(pattern.n, options);
  const self = (v: tf.Tensor2D, rhs: tf.Tensor2D): tf.Tensor2D => kernel(v, rhs) as tf.Tensor2D;
  const kernel = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [v, rhs, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
    const batch = v.shape[0];
    const host = Float64Array.from(v.dataSync());
    const x = solveAll(pattern, host, Float64Array.from(rhs.dataSync()), batch, tolerance, maxIterations);
    save([v, rhs]);
    const gradFunc = (dy: tf.Tensor | tf.Tensor[], saved: tf.Tensor[]) => {
      const xBar = dy as tf.Tensor2D;
      const [vIn, bIn] = saved as [tf.Tensor2D, tf.Tensor2D];
      if (isRecordingGradients()) {
        const { rows, columns } = entryGathers(pattern);
        const bBar = self(vIn, xBar);
        return [tf.neg(tf.mul(rows.apply(bBar), columns.apply(self(vIn, bIn)))), bBar];
      }
      const bBar = solveAll(pattern, host, Float64Array.from(xBar.dataSync()), batch, tolerance, maxIterations);
      const rows = pattern.rows();
      const { n, nnz, columns } = pattern;
      const vBar = new Float32Array(batch * nnz);
      for (let s = 0; s < batch; s++) for (let e = 0; e < nnz; e++) vBar[s * nnz + e] = -bBar[s * n + rows[e]!]! * x[s * n + columns[e]!]!;
      return [tf.tensor2d(vBar, [batch, nnz]), tf.tensor2d(Float32Array.from(bBar), [batch, pattern.n])];
    };
    return { value: tf.tensor2d(Float32Array.from(x), [batch, pattern.n]), gradFunc };
  });
  return self(values, b);
}
