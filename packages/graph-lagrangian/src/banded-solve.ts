import type * as tf from '@tensorflow/tfjs-core';
import { checkBandSystem, makeBandSolve } from './internal/band-solve-op';

const kernel = makeBandSolve('bandedSolve', false);

/**
 * Solves a batch of banded systems `A x = b` in O(n·p²) per sample: `band` `[B, n, 2p+1]` holds
 * the diagonals, `band[s, i, o + p] = A[i][i + o]` for o ∈ [−p, p] (entries that fall outside the
 * matrix are ignored), b is `[B, n]`. Float64 LU with partial pivoting on the host (any regular
 * banded matrix, symmetric or not, definite or not). Differentiable in band and b; the adjoint is
 * a banded solve with Aᵀ.
 *
 * @throws {TypeError} on wrong shapes or dtypes, naming the argument.
 * @throws {LinalgError} `non-finite-input`, `singular` (a pivot at float64 rounding level of the
 *   largest entry) or `non-finite-result`, listing the samples concerned.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { bandedSolve } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // tridiagonal (p = 1): diagonals [sub, main, super] per row
 * const x = bandedSolve(tf.tensor3d([[[0, 2, -1], [-1, 2, -1], [-1, 2, 0]]]), tf.tensor2d([[1, 0, 1]]));
 * console.log(x.arraySync()); // [[1, 1, 1]]
 */
export function bandedSolve(band: tf.Tensor3D, b: tf.Tensor2D): tf.Tensor2D {
  checkBandSystem('bandedSolve', band, b);
  return kernel(band, b);
}
