import * as tf from '@tensorflow/tfjs-core';
import { matMulBT } from '../internal/mat-mul-transposed';
import { sameTrace, type Jet } from './jet';
import type { TransposeCache } from './transpose-cache';

/**
 * Affine layer `z W + b` (W: `[n_in, n_out]`, b: `[n_out]`, optional). Linear, so it adds no
 * Hessian term: tangent `J W` (the B·D tangent rows as one `[B·D, n_in]` matrix), adjoint `δ Wᵀ`.
 * Plain `matMul`s only: no transpose flags, which are slow on wasm. (Stacking value and tangent
 * rows into one product measured slower: the concat and the two slices cost more than a launch.)
 * With a {@link TransposeCache}, the adjoint multiplies by a cached `Wᵀ` where no gradient is
 * being recorded.
 *
 * @example
 * import * as tf from '@tensorflow/tfjs-core';
 * import { initBackend, jetHessian, jets } from '@lnn/autodiff';
 * await initBackend();
 * const w1 = tf.tensor2d([[1], [2]]); // 2 → 1
 * const b1 = tf.tensor1d([0]);
 * const { hessian } = jetHessian((x) => jets.softplus(jets.dense(x, w1, b1)))(tf.tensor2d([[0, 0]]));
 * console.log(hessian.arraySync()); // σ′(0) w wᵀ = 0.25 · [[1, 2], [2, 4]]
 */
export function dense(x: Jet, w: tf.Tensor2D, b?: tf.Tensor1D | null, transposes?: TransposeCache): Jet {
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
  const linear = tf.matMul(x.value, w);
  const value = b == null ? linear : tf.add(linear, b);
  const tangent = tf.reshape(tf.matMul(tf.reshape(x.tangent, [batch * dim, x.size]), w), [batch, dim, out]);
  const transposed = transposes?.get(w);
  return trace.record(value, tangent, [x], (delta) => ({ deltas: [transposed === undefined ? matMulBT(delta, w) : tf.matMul(delta, transposed)] }));
}
