import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { weightedGram } from './weighted-gram';

beforeAll(async () => {
  await initBackend();
});

/** `J diag(w) Kᵀ` as a plain batched matMul: the general path. */
const reference = (j: tf.Tensor3D, w: tf.Tensor2D, k: tf.Tensor3D) => tf.matMul(tf.mul(j, tf.expandDims(w, 1)), tf.transpose(k, [0, 2, 1])) as tf.Tensor3D;

describe('weightedGram', () => {
  // D = 1, 3, 8 take the broadcast form; 9 and 20 the batched matMul. n = 1 for j broadcasts over k's features.
  for (const [directions, n, jFeatures, sameTangent] of [
    [1, 7, 7, true],
    [3, 16, 16, true],
    [3, 16, 16, false],
    [3, 16, 1, false],
    [8, 5, 5, false],
    [9, 5, 5, true],
    [20, 4, 4, false],
  ] as const) {
    it(`equals the batched matMul, value and gradients (D = ${directions}, n = ${n}${jFeatures === 1 ? ', j of one feature' : ''}${sameTangent ? ', k = j' : ''})`, () => {
      tf.tidy(() => {
        const batch = 6;
        const j = tf.randomNormal([batch, directions, jFeatures], 0, 1, 'float32', 1) as tf.Tensor3D;
        const k = sameTangent ? j : (tf.randomNormal([batch, directions, n], 0, 1, 'float32', 2) as tf.Tensor3D);
        const w = tf.randomNormal([batch, n], 0, 1, 'float32', 3) as tf.Tensor2D;
        const probe = tf.randomNormal([batch, directions, directions], 0, 1, 'float32', 4);
        assertAllClose(weightedGram(j, w, k).dataSync(), reference(j, w, k).dataSync(), { rtol: 1e-5, atol: 1e-5, label: 'value' });
        // Gradients of Σ probe ⊙ G with respect to j, w and k (k = j: one input, both paths summed).
        const inputs = sameTangent ? [j, w] : [j, w, k];
        const loss = (f: typeof reference) => (...xs: tf.Tensor[]) => tf.sum(tf.mul(probe, f(xs[0] as tf.Tensor3D, xs[1] as tf.Tensor2D, (sameTangent ? xs[0] : xs[2]) as tf.Tensor3D)));
        const got = tf.grads(loss(weightedGram))(inputs);
        const want = tf.grads(loss(reference))(inputs);
        got.forEach((g, i) => assertAllClose(g.dataSync(), (want[i] as tf.Tensor).dataSync(), { rtol: 1e-5, atol: 1e-5, label: `gradient ${i}` }));
      });
    });
  }
});
