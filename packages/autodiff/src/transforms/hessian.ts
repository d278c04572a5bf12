import type * as tf from '@tensorflow/tfjs-core';
import type { BatchedScalarFn, TransformOptions } from './batched';
import { checkBatchInput } from './batched';
import { checked } from './finite-result';
import { grad } from './grad';
import { jacobian } from './jacobian';

/**
 * Per-sample Hessian of a batched scalar function, `[B, D, D]`: `jacobian(grad(f))`, as in JAX.
 * This is the general path — any tfjs function, reverse mode over reverse mode. For functions
 * written with jet primitives, `jetHessian` computes the same thing several times faster.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { hessian, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const x = tf.tensor2d([[0, 1]]);
 * const h = hessian((x) => tf.sum(tf.softplus(x), 1))(x); // diag(σ(x)(1 − σ(x)))
 * console.log(h.arraySync()); // ≈ [[[0.25, 0], [0, 0.1966]]]
 */
export function hessian(f: BatchedScalarFn, options: TransformOptions = {}): (x: tf.Tensor2D) => tf.Tensor3D {
  return (x) => {
    checkBatchInput(x, 'hessian', options.checkFinite);
    // x is read once, here; the inner gradient (on x tiled inside the Jacobian) and the Jacobian
    // are not checked themselves — the result is, once, under this function's name.
    const h = jacobian(grad(f, { checkFinite: false }), { outputSize: x.shape[1], checkFinite: false })(x);
    return checked('hessian', h, [h], options.checkFinite);
  };
}
