import * as tf from '@tensorflow/tfjs-core';
import { matMulBT } from '../internal/mat-mul-transposed';
import { sameTrace, type Jet } from './jet';

/**
 * Affine layer `z W + b` (W: `[n_in, n_out]`, b: `[n_out]`, optional). Linear, so it adds no
 * Hessian term: the value and the D tangents go through W as ONE `[B·(1+D), n_in]` matMul (the bias
 * only on the value row), adjoint `δ Wᵀ`. Plain `matMul`s only: no transpose flags, which are
 * slow on wasm.
 *
 * @example
 * const h = jets.softplus(jets.dense(x, w1, b1));
 */
export function dense(x: Jet, w: tf.Tensor2D, b?: tf.Tensor1D): Jet {
  const trace = sameTrace('jets.dense', x);
  if (w == null || w.rank !== 2 || w.shape[0] !== x.size) {
    throw new TypeError(
      `jets.dense: weights must have shape [${x.size}, n_out] for an input of ${x.size} features, ` +
        `received ${w == null ? String(w) : `[${w.shape.join(', ')}]`}.`,
    );
  }
  const out = w.shape[1];
  if (b != null && (b.rank !== 1 || b.shape[0] !== out)) {
    throw new TypeError(`jets.dense: bias must have shape [${out}], received [${b.shape.join(', ')}].`);
  }
  const { batch, dim } = trace;
  const product = tf.reshape(tf.matMul(tf.reshape(x.stacked, [batch * (1 + dim), x.size]), w), [batch, 1 + dim, out]);
  const stacked = b == null ? product : tf.add(product, tf.mul(trace.rowMasks().value, tf.reshape(b, [1, 1, out])));
  return trace.record(stacked, [x], (delta) => ({ deltas: [matMulBT(delta, w)] }));
}
