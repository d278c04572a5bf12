import * as tf from '@tensorflow/tfjs-core';
import { checked } from './finite-result';
import { checkBatchInput, checkScalarOutput, type BatchedScalarFn, type TransformOptions } from './batched';

/**
 * Per-sample gradient of a batched scalar function: `grad(f)(x)[b] = ∇f_b(x_b)`, shape `[B, D]`.
 * One reverse pass over `Σ_b f_b` (the samples are independent, so this separates). Composable:
 * `jacobian(grad(f))` is the Hessian. Differentiable again, to third order with the gradient rules
 * `@lnn/autodiff` registers.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { grad, initBackend } from '@lnn/autodiff';
 * await initBackend();
 * const g = grad((x) => tf.sum(tf.square(x), 1))(tf.tensor2d([[1, 2]]));
 * console.log(g.arraySync()); // [[2, 4]]
 */
export function grad(f: BatchedScalarFn, options: TransformOptions = {}): (x: tf.Tensor2D) => tf.Tensor2D {
  return (x) => {
    checkBatchInput(x, 'grad', options.checkFinite);
    const g = tf.tidy(() =>
      tf.grad((z: tf.Tensor) => {
        const y = f(z as tf.Tensor2D);
        checkScalarOutput(y, z.shape[0] as number, 'grad');
        return tf.sum(y);
      })(x),
    ) as tf.Tensor2D;
    return checked('grad', g, [g], options.checkFinite);
  };
}
