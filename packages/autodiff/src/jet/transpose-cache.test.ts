import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { dense } from './dense';
import { softplus } from './elementwise';
import { jetHessian } from './jet-hessian';
import { TransposeCache } from './transpose-cache';

let w1: tf.Variable;
let w2: tf.Variable;
let x: tf.Tensor2D;
beforeAll(async () => {
  await initBackend();
  w1 = tf.variable(tf.randomNormal([3, 16], 0, 1, 'float32', 1));
  w2 = tf.variable(tf.randomNormal([16, 1], 0, 1, 'float32', 2));
  x = tf.randomNormal([5, 3], 0, 1, 'float32', 3);
});

describe('TransposeCache', () => {  const mlp = (cache?: TransposeCache) => jetHessian((j) => dense(softplus(dense(j, w1 as tf.Tensor as tf.Tensor2D, null, cache)), w2 as tf.Tensor as tf.Tensor2D, null, cache));

  it('gives the uncached Hessian, keeps one transpose per matrix, and remakes it when the weights change', () => {
    const cache = new TransposeCache();
    const plain = mlp()(x);
    const before = tf.memory().numTensors;
    const cached = mlp(cache)(x);
    expect(tf.memory().numTensors - before).toBe(3 + 2); // the result's three tensors, two transposes
    assertAllClose(cached.hessian.dataSync(), plain.hessian.dataSync(), { rtol: 1e-6, atol: 1e-7 });
    const doubled = tf.mul(w1, 2);
    w1.assign(doubled);
    doubled.dispose();
    const again = mlp(cache)(x);
    expect(tf.memory().numTensors - before).toBe(2 * 3 + 2); // the stale transpose was replaced
    assertAllClose(again.hessian.dataSync(), mlp()(x).hessian.dataSync(), { rtol: 1e-6, atol: 1e-7 });
    cache.dispose();
    tf.dispose([plain, cached, again].flatMap((r) => [r.value, r.gradient, r.hessian]));
  });

  it('is bypassed while gradients are recorded, so weight gradients through the adjoint stay right', () => {
    // A cached transpose is a constant to the tape: used here, the Hessian's gradient would miss
    // its path through the adjoint's δ·Wᵀ and differ from the uncached one.
    const cache = new TransposeCache();
    const loss = (c?: TransposeCache) => () => tf.sum(tf.square(mlp(c)(x).hessian)) as tf.Scalar;
    const withCache = tf.variableGrads(loss(cache), [w1, w2]);
    const without = tf.variableGrads(loss(), [w1, w2]);
    for (const v of [w1, w2]) assertAllClose((withCache.grads[v.name] as tf.Tensor).dataSync(), (without.grads[v.name] as tf.Tensor).dataSync(), { rtol: 1e-6, atol: 1e-7 });
    cache.dispose();
    tf.dispose([withCache.value, without.value, ...Object.values(withCache.grads), ...Object.values(without.grads)]);
  });
});
