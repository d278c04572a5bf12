/** What went wrong in a batched linear-algebra call. */
export type LinalgFailure =
  | 'non-finite-input'
  | 'singular'
  | 'not-positive-definite'
  | 'no-convergence'
  | 'non-finite-result';

const ADVICE: Readonly<Record<LinalgFailure, string>> = {
  'non-finite-input': 'the matrix or right-hand side holds NaN or ±Infinity; find where it was produced',
  singular: 'use pinvSolve (pseudoinverse) or dampedSolve (A + εI) for systems that may be singular',
  'not-positive-definite': "use method 'lu', pinvSolve or dampedSolve for matrices that are not positive definite",
  'no-convergence': 'the matrix is likely badly scaled; check its entries',
  'non-finite-result': 'the system is too ill-conditioned for float32; use pinvSolve or dampedSolve',
};

/**
 * A batched linear-algebra call met matrices it cannot handle. Lists which samples, so a caller
 * can drop or repair them; never replaced by a silent NaN.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, LinalgError, solve } from '@lnn/autodiff';
 * await initBackend();
 * const A = tf.tensor3d([[[2, 0], [0, 2]], [[1, 2], [2, 4]]]); // sample 1 is singular
 * const b = tf.tensor2d([[1, 1], [1, 1]]);
 * try {
 *   solve(A, b);
 * } catch (e) {
 *   if (e instanceof LinalgError && e.kind === 'singular') console.log(e.samples); // [1]
 * }
 */
export class LinalgError extends Error {
  override readonly name = 'LinalgError';
  constructor(
    /** The function that failed (`solve`, `pinvSolve`, …). */
    readonly op: string,
    readonly kind: LinalgFailure,
    /** Indices (in the batch) of the samples concerned, ascending. */
    readonly samples: readonly number[],
    /** The batch size. */
    readonly batch: number,
    detail: string,
  ) {
    const shown = samples.slice(0, 8).join(', ') + (samples.length > 8 ? ', …' : '');
    super(`${op}: ${samples.length} of ${batch} samples ${kind} (samples ${shown}): ${detail}; ${ADVICE[kind]}.`);
  }
}
