import type * as tf from '@tensorflow/tfjs-core';
import { checkBandSystem, makeBandSolve } from './internal/band-solve-op';

const kernel = makeBandSolve('periodicBandedSolve', true);

/**
 * Solves a batch of cyclic (periodic) banded systems `A x = b` in O(n·p²) per sample: `band`
 * `[B, n, 2p+1]` holds `band[s, i, o + p] = A[i][(i + o) mod n]` for o ∈ [−p, p] — the matrix of a
 * ring, whose rows wrap around (for n < 2p + 1 wrapped offsets that meet add up). b is `[B, n]`.
 *
 * Bordered elimination in float64 on the host: the last 2p unknowns are the border; the rest is
 * an ordinary banded matrix (LU with partial pivoting), and a 2p×2p Schur complement closes the
 * ring. Differentiable in band and b; the adjoint is a cyclic banded solve with Aᵀ.
 *
 * @throws {TypeError} on wrong shapes or dtypes, naming the argument.
 * @throws {LinalgError} `non-finite-input`, `singular` or `non-finite-result`, listing the samples.
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend } from '@lnn/autodiff';
 * import { periodicBandedSolve } from '@lnn/graph-lagrangian';
 * await initBackend();
 * // the periodic second difference plus 3·I: diagonals [1, 1, 1] per row
 * const x = periodicBandedSolve(tf.ones([1, 8, 3]), tf.fill([1, 8], 3));
 * console.log(x.dataSync()); // all ones
 */
export function periodicBandedSolve(band: tf.Tensor3D, b: tf.Tensor2D): tf.Tensor2D {
  checkBandSystem('periodicBandedSolve', band, b);
  return kernel(band, b);
}
