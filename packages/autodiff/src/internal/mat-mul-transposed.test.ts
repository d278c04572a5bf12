import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { matMulAT, matMulBT } from './mat-mul-transposed';

describe.each(['wasm', 'cpu'] as const)('matMulBT / matMulAT on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  // Shapes chosen so that each of the two plain-matMul forms is picked at least once.
  it.each([
    [[32, 50], [40, 50]],
    [[3, 50], [60, 50]],
    [[60, 50], [3, 50]],
    [[4, 6, 9], [4, 5, 9]],
  ])('x %j · yᵀ %j equals matMul with transposeB', (xs, ys) => {
    tf.tidy(() => {
      const x = tf.randomNormal(xs, 0, 1, 'float32', 1);
      const y = tf.randomNormal(ys, 0, 1, 'float32', 2);
      assertAllClose(matMulBT(x, y), tf.matMul(x, y, false, true), { rtol: 1e-5, atol: 1e-5 });
    });
  });

  it.each([
    [[50, 32], [50, 40]],
    [[50, 3], [50, 60]],
    [[50, 60], [50, 3]],
    [[4, 9, 6], [4, 9, 5]],
  ])('xᵀ %j · y %j equals matMul with transposeA', (xs, ys) => {
    tf.tidy(() => {
      const x = tf.randomNormal(xs, 0, 1, 'float32', 3);
      const y = tf.randomNormal(ys, 0, 1, 'float32', 4);
      assertAllClose(matMulAT(x, y), tf.matMul(x, y, true, false), { rtol: 1e-5, atol: 1e-5 });
    });
  });
});
