import * as tf from '@tensorflow/tfjs-core';
import { checkSystem } from './batched-system';
import { makeSolve } from './solve';

const dampedLu = makeSolve('lu', 'dampedSolve');

/**
 * Solves the damped (Tikhonov-regularised) system `(A + εI) x = b` for a batch, by LU in float64.
 * Keeps a nearly singular A solvable at the price of a bias of order ε; its gradient is `solve`'s
 * (`∂(A + εI)/∂A = I`). A `[B, d, d]`, b `[B, d]` or `[B, d, k]`.
 *
 * @param epsilon - the damping ε ≥ 0, in the units of A's entries.
 * @throws {LinalgError} as `solve` (singular only if A + εI still is).
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dampedSolve, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const hvv = tf.tensor3d([[[1, 0], [0, 0]]]); // singular
 * const rhs = tf.tensor2d([[1, 1]]);
 * const x = dampedSolve(hvv, rhs, 1e-4);
 * console.log(x.arraySync()); // ≈ [[0.9999, 10000]]: solvable, at a bias of order ε
 */
export function dampedSolve(a: tf.Tensor, b: tf.Tensor, epsilon: number): tf.Tensor {
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0) {
    throw new TypeError(`dampedSolve: epsilon must be a finite number ≥ 0, received ${String(epsilon)}.`);
  }
  checkSystem('dampedSolve', a, b);
  return tf.tidy(() => {
    const d = a.shape[1] as number;
    return dampedLu(tf.add(a, tf.mul(tf.eye(d), epsilon)), b);
  });
}
