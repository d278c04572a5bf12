import * as tf from '@tensorflow/tfjs-core';
import { checked } from './finite-result';
import { checkBatchInput, checkScalarOutput, type BatchedScalarFn, type TransformOptions } from './batched';

/** Per-sample values `[B]` and gradients `[B, D]` of a batched scalar function. */
export interface ValueAndGrad {
  readonly value: tf.Tensor1D;
  readonly grad: tf.Tensor2D;
}

/**
 * Per-sample value and gradient of a batched scalar function in one forward and one reverse pass.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, valueAndGrad } from '@lnn/autodiff';
 * await initBackend();
 * const x = tf.tensor2d([[1, 2], [0, 3]]);
 * const { value, grad } = valueAndGrad((x) => tf.sum(tf.square(x), 1))(x);
 * console.log(value.arraySync(), grad.arraySync()); // [5, 9] [[2, 4], [0, 6]]
 */
export function valueAndGrad(f: BatchedScalarFn, options: TransformOptions = {}): (x: tf.Tensor2D) => ValueAndGrad {
  return (x) => {
    checkBatchInput(x, 'valueAndGrad', options.checkFinite);
    let value: tf.Tensor1D | undefined;
    const g = tf.tidy(() =>
      tf.grad((z: tf.Tensor) => {
        const batch = z.shape[0] as number;
        const y = f(z as tf.Tensor2D);
        checkScalarOutput(y, batch, 'valueAndGrad');
        value = tf.keep(tf.reshape(y, [batch]) as tf.Tensor1D);
        return tf.sum(y);
      })(x),
    ) as tf.Tensor2D;
    return checked('valueAndGrad', { value: value as tf.Tensor1D, grad: g }, [value as tf.Tensor1D, g], options.checkFinite);
  };
}
