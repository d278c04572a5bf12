import * as tf from '@tensorflow/tfjs-core';
import { sameTrace, type Jet } from './jet';

/** `Σᵢ aᵢ` over the features: a jet of size 1. Linear; the adjoint spreads δ to every feature. */
export function sum(a: Jet): Jet {
  const trace = sameTrace('jets.sum', a);
  return trace.record(tf.sum(a.value, 1, true), tf.sum(a.tangent, 2, true), [a], (delta) => ({
    deltas: [tf.tile(delta, [1, a.size])],
  }));
}
