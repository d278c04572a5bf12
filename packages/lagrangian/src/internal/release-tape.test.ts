import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { beforeAll, expect, it } from 'vitest';
import { releaseTape } from './release-tape';

beforeAll(async () => {
  await initBackend();
});

it('releases the tensors a gradient tape saved before an exception in the forward pass', () => {
  const w = tf.variable(tf.ones([4, 4]));
  const before = tf.memory().numTensors;
  const failing = () => {
    tf.variableGrads(() => {
      tf.sum(tf.exp(tf.matMul(w, w))); // kernels that save tensors for the backward pass
      throw new Error('forward failed');
    }, [w]);
  };
  expect(failing).toThrow('forward failed');
  expect(tf.memory().numTensors).toBeGreaterThan(before); // tfjs leaves the saved tensors behind …
  releaseTape();
  expect(tf.memory().numTensors).toBe(before); // … until released
  // A later gradient works as usual.
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(w)), [w]);
  expect(grads[w.name]!.dataSync()[0]).toBe(2);
  tf.dispose([value, ...Object.values(grads), w]);
});
