import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { finiteDifference } from '../testing/finite-difference';
import { registerTfjsGradients, tfjsGradientKernelNames } from './register-tfjs-gradients';

beforeAll(async () => {
  registerTfjsGradients();
  await initBackend({ backend: 'cpu' });
});

describe('registerTfjsGradients', () => {
  it("registers a gradient for every kernel tfjs-core's register_all_gradients covers", () => {
    const names = tfjsGradientKernelNames();
    expect(names.length).toBeGreaterThan(100);
    expect(names.filter((name) => tf.getGradient(name) == null)).toEqual([]);
  });

  it('is idempotent', () => {
    expect(registerTfjsGradients()).toBe(0);
  });

  it('keeps a rule registered before it', () => {
    const own = tf.getGradient('Sin');
    const marker = { kernelName: 'Sin', gradFunc: own!.gradFunc };
    tf.registerGradient(marker);
    registerTfjsGradients();
    expect(tf.getGradient('Sin')).toBe(marker);
    tf.registerGradient(own!);
  });

  it('installs the chained tensor methods', () => {
    // Their types are tfjs's module augmentation, not loaded here: reach them through a cast.
    type Chained = { square(): Chained & tf.Tensor; sum(): tf.Tensor };
    const y = tf.tidy(() => (tf.tensor1d([1, 2]) as unknown as Chained).square().sum());
    expect(y.dataSync()[0]).toBe(5);
    y.dispose();
  });
});

// f(x) = Σ softplus(W x) ⊙ sin(x) + (x·x)^1.5, touching MatMul, Softplus, Sin, Mul, Pow, Sum, Reshape.
const W = [
  [0.3, -0.2, 0.5],
  [0.1, 0.4, -0.3],
  [-0.6, 0.2, 0.1],
];
function hostF(x: Float64Array): number {
  let total = 0;
  for (let i = 0; i < 3; i++) {
    const z = (W[i] as number[]).reduce((s, w, j) => s + w * (x[j] as number), 0);
    total += Math.log1p(Math.exp(z)) * Math.sin(x[i] as number);
  }
  const r2 = x.reduce((s, v) => s + v * v, 0);
  return total + r2 ** 1.5;
}
function tfF(x: tf.Tensor): tf.Tensor {
  const z = tf.reshape(tf.matMul(tf.tensor2d(W), tf.reshape(x, [3, 1])), [3]);
  return tf.add(tf.sum(tf.mul(tf.softplus(z), tf.sin(x))), tf.pow(tf.sum(tf.square(x)), 1.5));
}

describe.each(['wasm', 'cpu'] as const)('first-order gradients on %s', (backend) => {
  it('match float64 central differences', async () => {
    await initBackend({ backend });
    const x = [0.7, -1.1, 0.4];
    const before = tf.memory().numTensors;
    const input = tf.tensor1d(x);
    const g = tf.grad(tfF)(input);
    const got = await g.data();
    tf.dispose([input, g]);
    expect(tf.memory().numTensors).toBe(before);
    // float32 forward and backward passes on O(1) values: agreement to ~1e-5 relative.
    assertAllClose(got, finiteDifference(hostF, x, 1), { rtol: 2e-5, atol: 2e-6 });
  });
});
