import * as tf from '@tensorflow/tfjs-core';
import { sameTrace, type Jet } from './jet';

/**
 * Affine layer `z W + b` (W: `[n_in, n_out]`, b: `[n_out]`, optional). Linear, so it adds no
 * Hessian term: tangent `J W`, adjoint `δ Wᵀ`. The value and the D tangent rows go through one
 * plain `matMul` (no transpose flags, which are slow on wasm).
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
  // Rows 0..B-1 are the values, the next B·D rows the tangents: one matMul for both.
  const stacked = tf.concat([x.value, tf.reshape(x.tangent, [batch * dim, x.size])], 0);
  const product = tf.matMul(stacked, w);
  const linear = tf.slice(product, [0, 0], [batch, out]);
  const value = b == null ? linear : tf.add(linear, b);
  const tangent = tf.reshape(tf.slice(product, [batch, 0], [batch * dim, out]), [batch, dim, out]);
  return trace.record(value, tangent, [x], (delta) => ({ deltas: [tf.matMul(delta, tf.transpose(w))] }));
}
