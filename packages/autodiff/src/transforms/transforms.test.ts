import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { assertAllClose } from '../testing/all-close';
import { finiteDifference } from '../testing/finite-difference';
import { grad } from './grad';
import { hessian } from './hessian';
import { jacobian } from './jacobian';
import { valueAndGrad } from './value-and-grad';

// f_b(x) = Σ_i w_i softplus(x_i x_{i+1}) + sin(x_0) x_2² — per sample, with mixed second derivatives.
const w = [0.5, -1.2, 0.8];
function f(x: tf.Tensor2D): tf.Tensor1D {
  const d = x.shape[1];
  const left = tf.slice(x, [0, 0], [-1, d - 1]);
  const right = tf.slice(x, [0, 1], [-1, d - 1]);
  const pairs = tf.sum(tf.mul(tf.softplus(tf.mul(left, right)), tf.tensor1d(w.slice(0, d - 1))), 1);
  const extra = tf.mul(tf.sin(tf.slice(x, [0, 0], [-1, 1])), tf.square(tf.slice(x, [0, 2], [-1, 1])));
  return tf.add(pairs, tf.reshape(extra, [-1])) as tf.Tensor1D;
}
function fHost(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) s += w[i]! * Math.log1p(Math.exp(x[i]! * x[i + 1]!));
  return s + Math.sin(x[0]!) * x[2]! ** 2;
}
const X = [
  [0.3, -0.7, 1.1, 0.4],
  [-1.2, 0.5, 0.2, 0.9],
  [0.8, 0.1, -0.6, -1.3],
];

describe.each(['wasm', 'cpu'] as const)('per-sample transforms on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it('grad and valueAndGrad give each sample its own gradient', () => {
    const x = tf.tensor2d(X);
    const before = tf.memory().numTensors;
    const g = grad(f)(x);
    const vg = valueAndGrad(f)(x);
    expect(g.shape).toEqual([3, 4]);
    const fd = X.flatMap((row) => Array.from(finiteDifference(fHost, row, 1)));
    assertAllClose(g, fd, { rtol: 1e-4, atol: 1e-5 });
    assertAllClose(vg.grad, g, { rtol: 0, atol: 0 });
    assertAllClose(vg.value, X.map((row) => fHost(Float64Array.from(row))), { rtol: 1e-5, atol: 1e-6 });
    tf.dispose([g, vg.grad, vg.value]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('hessian = jacobian(grad(f)) matches float64 finite differences and is symmetric', () => {
    const x = tf.tensor2d(X);
    const before = tf.memory().numTensors;
    const h = hessian(f)(x);
    expect(h.shape).toEqual([3, 4, 4]);
    const fd = X.flatMap((row) => Array.from(finiteDifference(fHost, row, 2)));
    // float32 reverse-over-reverse vs float64 differences of O(1) second derivatives.
    assertAllClose(h, fd, { rtol: 1e-4, atol: 1e-5 });
    const hT = tf.transpose(h, [0, 2, 1]);
    assertAllClose(h, hT, { rtol: 1e-6, atol: 1e-6 });
    const viaJacobian = jacobian(grad(f))(x); // output size found by probing
    assertAllClose(viaJacobian, h, { rtol: 0, atol: 0 });
    tf.dispose([h, hT, viaJacobian]);
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });

  it('jacobian of a vector function with M ≠ D', () => {
    tf.tidy(() => {
      const x = tf.tensor2d([[0.5, -1], [2, 0.25]]);
      // g(x) = (x0 x1, x0², sin x1): ∂g/∂x = [[x1, x0], [2x0, 0], [0, cos x1]]
      // (slices, not tf.gather: gather's gradient needs UnsortedSegmentSum, which wasm lacks)
      const col = (z: tf.Tensor2D, i: number) => tf.reshape(tf.slice(z, [0, i], [-1, 1]), [-1]);
      const g = (z: tf.Tensor2D) => tf.stack([tf.prod(z, 1), tf.square(col(z, 0)), tf.sin(col(z, 1))], 1) as tf.Tensor2D;
      const j = jacobian(g)(x);
      expect(j.shape).toEqual([2, 3, 2]);
      assertAllClose(j, [-1, 0.5, 1, 0, 0, Math.cos(-1), 0.25, 2, 4, 0, 0, Math.cos(0.25)], { rtol: 1e-6, atol: 1e-6 });
    });
  });

  it('third order through the transforms: the gradient of a Hessian entry', () => {
    tf.tidy(() => {
      const row = X[0]!;
      // ∂/∂x of H₀₂(x) = ∂³f/∂x₀∂x₂∂x
      const thirdFromTransforms = tf.grad((z: tf.Tensor) => tf.sum(tf.slice(hessian(f)(z as tf.Tensor2D), [0, 0, 2], [1, 1, 1])))(
        tf.tensor2d([row]),
      );
      const fd3 = finiteDifference(fHost, row, 3);
      const expected = [0, 1, 2, 3].map((k) => fd3[(0 * 4 + 2) * 4 + k]!);
      assertAllClose(thirdFromTransforms, expected, { rtol: 1e-3, atol: 2e-4 });
    });
  });

  it('rejects inputs and outputs of the wrong shape, saying what it expected', () => {
    tf.tidy(() => {
      expect(() => grad(f)(tf.tensor1d([1, 2]) as never)).toThrow('grad: x must have shape [batch, dim] with both ≥ 1, received [2].');
      expect(() => grad((z) => z)(tf.tensor2d([[1, 2]]))).toThrow('grad: f must return one value per sample, shape [1] or [1, 1], received [1, 2].');
      expect(() => hessian(f)(tf.tensor2d([[1, 2, 3, 4]], [1, 4], 'int32'))).toThrow('hessian: x must be float32, received int32.');
      expect(() => jacobian((z) => tf.sum(z, 1) as never)(tf.tensor2d([[1, 2]]))).toThrow(/jacobian: g must map \[B, D\] to \[B, M\]/);
    });
  });

  it('reports non-finite inputs and overflowing results (a RangeError naming the transform), unless checkFinite: false', () => {
    tf.tidy(() => {
      const f = (z: tf.Tensor2D) => tf.sum(tf.square(z), 1) as tf.Tensor1D;
      const bad = tf.tensor2d([[1, 2], [Number.NaN, 0]]);
      expect(() => grad(f)(bad)).toThrow(new RangeError('grad: x must be finite, received NaN at sample 1, input 0.'));
      expect(() => hessian(f)(bad)).toThrow(/^hessian: x must be finite/);
      const overflow = (z: tf.Tensor2D) => tf.sum(tf.exp(z), 1) as tf.Tensor1D;
      expect(() => valueAndGrad(overflow)(tf.tensor2d([[100, 0]]))).toThrow(/^valueAndGrad: the result is not finite \(Infinity at entry 0 of a \[1\] output\)/);
      // Unchecked (hot paths whose callers check): the non-finite values come back, unread.
      expect(Array.from(grad(f, { checkFinite: false })(bad).dataSync()).some(Number.isNaN)).toBe(true);
      expect(valueAndGrad(overflow, { checkFinite: false })(tf.tensor2d([[100, 0]])).value.dataSync()[0]).toBe(Number.POSITIVE_INFINITY);
    });
  });
});
