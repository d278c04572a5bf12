import * as tf from '@tensorflow/tfjs-core';
import { checkSystem } from './batched-system';
import { makeSolve } from './solve';

const dampedLu = makeSolve('lu', 'dampedSolve');

/** Options of {@link dampedSolve}. */
export interface DampedSolveOptions {
  /** The damping ε ≥ 0, in the units of A's entries (`damped()` defaults it to 1e-3). */
  readonly epsilon: number;
}

/**
 * Solves the damped (Tikhonov-regularised) system `(A + εI) x = b` for a batch, by LU in float64.
 * Keeps a nearly singular A solvable at the price of a bias of order ε; its gradient is `solve`'s
 * (`∂(A + εI)/∂A = I`). A `[B, d, d]`, b `[B, d]` or `[B, d, k]`.
 *
 * @throws {TypeError} on an epsilon that is not a finite number ≥ 0.
 * @throws {LinalgError} as `solve` (singular only if A + εI still is).
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { dampedSolve, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const hvv = tf.tensor3d([[[1, 0], [0, 0]]]); // singular
 * const rhs = tf.tensor2d([[1, 1]]);
 * const x = dampedSolve(hvv, rhs, { epsilon: 1e-4 });
 * console.log(x.arraySync()); // ≈ [[0.9999, 10000]]: solvable, at a bias of order ε
 */
export function dampedSolve(a: tf.Tensor, b: tf.Tensor, options: DampedSolveOptions): tf.Tensor;
/** @deprecated Pass ε as an option: `dampedSolve(a, b, { epsilon })` (or use the solver value `damped({ epsilon })`). */
export function dampedSolve(a: tf.Tensor, b: tf.Tensor, epsilon: number): tf.Tensor;
export function dampedSolve(a: tf.Tensor, b: tf.Tensor, options: DampedSolveOptions | number): tf.Tensor {
  const positional = typeof options === 'number';
  const epsilon = positional ? options : (options as DampedSolveOptions | undefined)?.epsilon;
  if (typeof epsilon !== 'number' || !Number.isFinite(epsilon) || epsilon < 0) {
    throw new TypeError(`dampedSolve: ${positional ? 'epsilon' : 'options.epsilon'} must be a finite number ≥ 0, received ${String(epsilon)}.`);
  }
  checkSystem('dampedSolve', a, b);
  return tf.tidy(() => {
    const d = a.shape[1] as number;
    return dampedLu(tf.add(a, tf.mul(tf.eye(d), epsilon)), b);
  });
}
