import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { tfjsGradConfigs } from 'virtual:tfjs-gradient-configs';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { batchMatMulGradConfig } from './batch-mat-mul-grad';
import { registerGradients } from './register-gradients';

const original = tfjsGradConfigs.find((c) => c.kernelName === 'BatchMatMul')!;

function randn(shape: number[], seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, 1, 'float32', seed);
}

/** Gradients of Σ C ⊙ matMul(a, b, tA, tB) under a given BatchMatMul rule. */
function gradsWith(rule: tf.GradConfig, a: tf.Tensor, b: tf.Tensor, tA: boolean, tB: boolean, c: tf.Tensor) {
  tf.registerGradient(rule);
  try {
    return tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y, tA, tB), c)))([a, b]);
  } finally {
    registerGradients();
  }
}

describe.each(['wasm', 'cpu'] as const)('BatchMatMul gradient rule on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it.each([
    [false, false],
    [false, true],
    [true, false],
    [true, true],
  ])("gives tfjs's results with transposeA = %s, transposeB = %s, via explicit transposes", (tA, tB) => {
    tf.tidy(() => {
      const a = randn(tA ? [3, 5, 4] : [3, 4, 5], 1);
      const b = randn(tB ? [3, 6, 5] : [3, 5, 6], 2);
      const c = randn([3, 4, 6], 3);
      const [daRef, dbRef] = gradsWith(original, a, b, tA, tB, c) as [tf.Tensor, tf.Tensor];
      const [da, db] = gradsWith(batchMatMulGradConfig, a, b, tA, tB, c) as [tf.Tensor, tf.Tensor];
      // Same products, summed in possibly different order: float32 rounding only.
      assertAllClose(da, daRef, { rtol: 1e-5, atol: 1e-5 });
      assertAllClose(db, dbRef, { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it('sums over broadcast batch axes (tfjs rejects its own gradient there)', () => {
    tf.tidy(() => {
      const a = randn([3, 4, 5], 4);
      const w = randn([5, 2], 5);
      const c = randn([3, 4, 2], 6);
      const [, dw] = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(tf.matMul(x, y), c)))([a, w]) as [tf.Tensor, tf.Tensor];
      expect(dw.shape).toEqual([5, 2]);
      // Σ_b aᵦᵀ cᵦ, computed without broadcasting.
      const expected = tf.addN([0, 1, 2].map((i) => tf.matMul(tf.transpose(tf.gather(a, i)), tf.gather(c, i))));
      assertAllClose(dw, expected, { rtol: 1e-5, atol: 1e-5 });
    });
  });
});
