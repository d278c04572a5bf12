import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { assertAllClose } from '../testing/all-close';
import { initBackend } from './init-backend';
import { THREADS_ENV_VAR } from './threads';

/**
 * A softplus MLP 64→500→500→1 on a batch of 256, and the gradient of its mean output with
 * respect to every weight: big matMuls (which the pool splits), elementwise kernels and sums.
 */
function mlpAndGradients(): Float32Array[] {
  return tf.tidy(() => {
    const x = tf.randomNormal([256, 64], 0, 1, 'float32', 1);
    const ws = [tf.randomNormal([64, 500], 0, 0.1, 'float32', 2), tf.randomNormal([500, 500], 0, 0.05, 'float32', 3), tf.randomNormal([500, 1], 0, 0.05, 'float32', 4)];
    const f = (...weights: tf.Tensor[]) => {
      let h: tf.Tensor = x;
      weights.forEach((w, i) => {
        h = tf.matMul(h, w);
        if (i < weights.length - 1) h = tf.softplus(h);
      });
      return tf.mean(h) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(ws);
    return [value, ...grads].map((t) => t.dataSync() as Float32Array);
  });
}

const savedEnv = process.env[THREADS_ENV_VAR];
afterAll(async () => {
  if (savedEnv === undefined) delete process.env[THREADS_ENV_VAR];
  else process.env[THREADS_ENV_VAR] = savedEnv;
  await initBackend({ backend: 'wasm' });
});

describe('wasm threads', () => {
  it('runs the pool it is asked for, and reports it', async () => {
    expect(await initBackend({ backend: 'wasm', threads: 2 })).toMatchObject({ backend: 'wasm', simd: true, threads: 2 });
    expect((await initBackend({ backend: 'wasm', threads: 1 })).threads).toBe(1);
    process.env[THREADS_ENV_VAR] = '2';
    expect(await initBackend({ backend: 'wasm' })).toMatchObject({ threads: 2 });
    delete process.env[THREADS_ENV_VAR];
  });

  it('gives the single-threaded results with two threads (float32 rounding)', async () => {
    await initBackend({ backend: 'wasm', threads: 1 });
    const single = mlpAndGradients();
    await initBackend({ backend: 'wasm', threads: 2 });
    const threaded = mlpAndGradients();
    // The pool splits rows and columns of a product, never its inner sum, so results agree to
    // rounding; 1e-6 relative leaves room for a reduction kernel that splits its sum.
    threaded.forEach((values, i) => assertAllClose(values, single[i] as Float32Array, { rtol: 1e-6, atol: 1e-9, label: `output ${i}` }));
  });

  it('rejects a thread count that is not a positive integer, saying where it came from', async () => {
    for (const threads of [0, 1.5, -2, Number.NaN]) {
      await expect(initBackend({ backend: 'wasm', threads })).rejects.toThrow(/initBackend: options\.threads: received .*expected a positive integer/);
    }
    process.env[THREADS_ENV_VAR] = 'many';
    await expect(initBackend({ backend: 'wasm' })).rejects.toThrow(/environment variable LNN_THREADS: received "many"/);
    delete process.env[THREADS_ENV_VAR];
  });
});
