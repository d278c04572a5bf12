import * as tf from '@tensorflow/tfjs-core';
import type { Jet } from '@lnn/autodiff';
import type { Selection } from './selection';

/**
 * Jet primitives that keep one sample per row while applying things per term: the dense path
 * writes the whole `L(q, q̇)` of a graph as one jet function of 2n inputs (features laid out
 * term-major, `[B, M·w]`), so `eulerLagrange` and `jetHessian` see an ordinary Lagrangian.
 */

/** `S x` on the features (gather into term slots); linear, adjoint `Sᵀ δ`. */
export function selectJet(x: Jet, selection: Selection): Jet {
  const { batch, dim } = x.trace;
  const value = selection.apply(x.value);
  const tangent = tf.reshape(selection.apply(tf.reshape(x.tangent, [batch * dim, x.size]) as tf.Tensor2D), [batch, dim, selection.nOut]);
  return x.trace.record(value, tangent, [x], (delta) => ({ deltas: [selection.transpose().apply(delta)] }));
}

/** The same affine layer `z W + b` applied to each of the M terms' feature groups; linear. */
export function termwiseDense(x: Jet, terms: number, w: tf.Tensor2D, b: tf.Tensor1D): Jet {
  const { batch, dim } = x.trace;
  const [nIn, nOut] = w.shape;
  const value = tf.reshape(tf.add(tf.matMul(tf.reshape(x.value, [batch * terms, nIn]), w), b), [batch, terms * nOut]);
  const tangent = tf.reshape(tf.matMul(tf.reshape(x.tangent, [batch * dim * terms, nIn]), w), [batch, dim, terms * nOut]);
  return x.trace.record(value, tangent, [x], (delta) => ({
    deltas: [tf.reshape(tf.matMul(tf.reshape(delta, [batch * terms, nOut]), tf.transpose(w)), [batch, terms * nIn])],
  }));
}
