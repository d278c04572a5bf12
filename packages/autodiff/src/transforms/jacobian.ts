import * as tf from '@tensorflow/tfjs-core';
import { checked } from './finite-result';
import { checkBatchInput, type BatchedVectorFn, type TransformOptions } from './batched';

/** Options of {@link jacobian}. */
export interface JacobianOptions extends TransformOptions {
  /**
   * M, the number of outputs per sample. When absent it is found by evaluating `g` on the first
   * sample (one extra small forward pass).
   */
  readonly outputSize?: number;
}

/** Row `m·B + b` of the `[M·B, M]` selector has a one in column `m`. */
function selector(outputs: number, batch: number): tf.Tensor2D {
  const data = new Float32Array(outputs * batch * outputs);
  for (let m = 0; m < outputs; m++) {
    for (let b = 0; b < batch; b++) data[(m * batch + b) * outputs + m] = 1;
  }
  return tf.tensor2d(data, [outputs * batch, outputs]);
}

/**
 * Per-sample Jacobian of a batched vector function: `jacobian(g)(x)[b, m, d] = ∂g_{b,m}/∂x_{b,d}`,
 * shape `[B, M, D]`.
 *
 * All M rows come from one reverse pass: `x` is tiled M times into a batch of `M·B`, replica `m`
 * selects output `m`, and — the samples being independent — the gradient of the sum is every
 * row at once. Same arithmetic as M separate passes, in one graph (far fewer kernel launches).
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { grad, initBackend, jacobian } from '@lnn/autodiff';
 * await initBackend();
 * const f = (x: tf.Tensor2D) => tf.sum(tf.pow(x, 3), 1) as tf.Tensor1D; // Σᵢ xᵢ³ per sample
 * const x = tf.tensor2d([[1, 2], [3, 4]]); // B = 2, D = 2
 * const hess = jacobian(grad(f), { outputSize: 2 })(x); // [B, D, D]
 * console.log(hess.arraySync()); // diag(6x): [[[6, 0], [0, 12]], [[18, 0], [0, 24]]]
 */
export function jacobian(g: BatchedVectorFn, options: JacobianOptions = {}): (x: tf.Tensor2D) => tf.Tensor3D {
  return (x) => {
    checkBatchInput(x, 'jacobian', options.checkFinite);
    const [batch, dim] = x.shape;
    const outputs =
      options.outputSize ??
      tf.tidy(() => {
        const probe = g(tf.slice(x, [0, 0], [1, dim]));
        if (probe.rank !== 2 || probe.shape[0] !== 1) {
          throw new TypeError(`jacobian: g must map [B, D] to [B, M], received [${probe.shape.join(', ')}] for B = 1.`);
        }
        return probe.shape[1];
      });
    if (!Number.isInteger(outputs) || outputs < 1) {
      throw new TypeError(`jacobian: options.outputSize must be a positive integer, received ${String(outputs)}.`);
    }
    const result = tf.tidy(() => {
      const tiled = tf.tile(x, [outputs, 1]) as tf.Tensor2D;
      const select = selector(outputs, batch);
      const rows = tf.grad((z: tf.Tensor) => {
        const y = g(z as tf.Tensor2D);
        if (y.rank !== 2 || y.shape[0] !== outputs * batch || y.shape[1] !== outputs) {
          throw new TypeError(
            `jacobian: g must map [B, D] to [B, ${outputs}], received [${y.shape.join(', ')}] for B = ${outputs * batch}.`,
          );
        }
        return tf.sum(tf.mul(y, select));
      })(tiled);
      return tf.transpose(tf.reshape(rows, [outputs, batch, dim]), [1, 0, 2]) as tf.Tensor3D;
    });
    return checked('jacobian', result, [result], options.checkFinite);
  };
}
