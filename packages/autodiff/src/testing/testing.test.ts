import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import { allClose, assertAllClose, compareClose } from './all-close';
import { checkGradients } from './check-gradients';
import { checkVariableGradients } from './check-variable-gradients';
import { finiteDifference } from './finite-difference';

// f(x) = x₀² x₁ + x₁³: every derivative known in closed form.
const f = (x: Float64Array) => x[0]! ** 2 * x[1]! + x[1]! ** 3;
const x = [0.7, -1.3];

describe('finiteDifference', () => {
  it('recovers gradient, Hessian and third derivatives of a cubic in float64', () => {
    const [a, b] = x as [number, number];
    expectNear(finiteDifference(f, x, 1), [2 * a * b, a * a + 3 * b * b], 1e-9);
    expectNear(finiteDifference(f, x, 2), [2 * b, 2 * a, 2 * a, 6 * b], 1e-7);
    // ∂³f: only ∂₀∂₀∂₁ = 2 (and permutations) and ∂₁∂₁∂₁ = 6 are non-zero.
    expectNear(finiteDifference(f, x, 3), [0, 2, 2, 0, 2, 0, 0, 6], 1e-5);
  });
});

function expectNear(actual: Float64Array, expected: number[], tol: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((v, i) => expect(Math.abs(v - expected[i]!)).toBeLessThan(tol));
}

describe('checkGradients', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });
  const tfF = (t: tf.Tensor1D) => {
    const [a, b] = tf.split(t, 2) as [tf.Tensor, tf.Tensor];
    return tf.sum(tf.add(tf.mul(tf.square(a), b), tf.pow(b, 3)));
  };

  it('passes a correct function at orders 1–3 and returns every comparison', () => {
    const before = tf.memory().numTensors;
    const checks = checkGradients(tfF, f, x, { order: 3 });
    expect(checks.map((c) => [c.order, c.ok, c.autodiff.length])).toEqual([
      [1, true, 2],
      [2, true, 4],
      [3, true, 8],
    ]);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('fails, naming the order, when the derivatives disagree', () => {
    const wrongSecondOrder = (v: Float64Array) => f(v) + 0.05 * v[0]! ** 2; // same at no order but changes order 1 and 2
    expect(() => checkGradients(tfF, wrongSecondOrder, x, { order: 2 })).toThrow(/order-1 derivatives disagree/);
    const wrongThirdOnly = (v: Float64Array) => f(v) + 0.01 * (v[1]! - x[1]!) ** 3; // zero 1st and 2nd at x
    expect(() => checkGradients(tfF, wrongThirdOnly, x, { order: 2 })).not.toThrow();
    expect(() => checkGradients(tfF, wrongThirdOnly, x, { order: 3 })).toThrow(/order-3 derivatives disagree/);
  });

  it('rejects bad arguments', () => {
    expect(() => checkGradients(tfF, f, x, { order: 4 as never })).toThrow('checkGradients: options.order must be 1, 2 or 3, received 4.');
    expect(() => checkGradients(tfF, f, [])).toThrow(/x must have at least one element/);
    expect(() => checkGradients((t) => t, f, x, { order: 1 })).toThrow(/f must return a scalar, received shape \[2\]/);
  });
});

describe('checkVariableGradients', () => {
  beforeAll(async () => {
    await initBackend({ backend: 'cpu' });
  });
  // A small softplus layer and a loss on its output: the shape of a training loss in the weights.
  const make = () => ({ w: tf.variable(tf.tensor2d([[0.4, -0.9], [1.1, 0.3]])), b: tf.variable(tf.tensor1d([0.2, -0.5])), unused: tf.variable(tf.tensor1d([7])) });
  const x = () => tf.tensor2d([[0.3, -1.2], [0.8, 0.5], [-0.4, 0.1]]);
  const lossOf = (v: ReturnType<typeof make>) => () => tf.tidy(() => tf.mean(tf.square(tf.sub(tf.softplus(tf.add(tf.matMul(x(), v.w), v.b)), 1)))) as tf.Scalar;

  it('passes a correct gradient, counts a variable the loss does not reach as 0, and puts every variable back exactly', () => {
    const v = make();
    const before = { w: Array.from(v.w.dataSync()), b: Array.from(v.b.dataSync()), tensors: tf.memory().numTensors };
    const checks = checkVariableGradients(lossOf(v), [v.w, v.b, v.unused], { directions: 4 });
    expect(checks).toHaveLength(4);
    // The ±1 directions differ, and so do the directional derivatives; each pair agrees to 1e-3 here.
    expect(new Set(checks.map((c) => c.autodiff.toFixed(6))).size).toBeGreaterThan(1);
    checks.forEach((c) => expect(Math.abs(c.autodiff - c.finiteDifference)).toBeLessThan(1e-3 * Math.abs(c.autodiff) + 1e-4));
    expect([Array.from(v.w.dataSync()), Array.from(v.b.dataSync())]).toEqual([before.w, before.b]);
    expect(tf.memory().numTensors).toBe(before.tensors);
    tf.dispose([v.w, v.b, v.unused]);
  });

  it('fails, naming the direction and both values, when the gradient is wrong', () => {
    const v = make();
    // softplus with its gradient taken as 1.2 × sigmoid: a 20 % error in every weight's gradient.
    const wrongSoftplus = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [z, save] = args as [tf.Tensor, tf.GradSaveFunc];
      save([z]);
      return { value: tf.softplus(z), gradFunc: (dy: tf.Tensor | tf.Tensor[], [saved]: tf.Tensor[]) => tf.mul(dy as tf.Tensor, tf.mul(1.2, tf.sigmoid(saved as tf.Tensor))) };
    });
    const wrong = () => tf.tidy(() => tf.mean(tf.square(tf.sub((wrongSoftplus(tf.add(tf.matMul(x(), v.w), v.b)) as tf.Tensor), 1)))) as tf.Scalar;
    expect(() => checkVariableGradients(wrong, [v.w, v.b])).toThrow(/checkVariableGradients: along direction 0 \(seed 0\) the gradient gives .*, central differences /);
    expect(Array.from(v.b.dataSync())).toEqual([0.2, -0.5].map(Math.fround));
    tf.dispose([v.w, v.b, v.unused]);
  });

  it('rejects bad arguments', () => {
    const v = make();
    expect(() => checkVariableGradients(lossOf(v), [])).toThrow(/variables must be a non-empty array/);
    expect(() => checkVariableGradients(lossOf(v), [v.w], { step: 0 })).toThrow('checkVariableGradients: options.step must be a positive finite number, received 0.');
    expect(() => checkVariableGradients(lossOf(v), [v.w], { directions: 1.5 })).toThrow(/options.directions must be a positive integer, received 1.5/);
    expect(() => checkVariableGradients(() => tf.mul(v.b, 2) as unknown as tf.Scalar, [v.b])).toThrow(/loss must return a scalar, received shape \[2\]/);
    tf.dispose([v.w, v.b, v.unused]);
  });
});

describe('allClose', () => {
  it('compares numbers, arrays and tensors with explicit tolerances', () => {
    expect(allClose(1, 1 + 1e-7)).toBe(true);
    expect(allClose([1, 100], [1, 100.01], { rtol: 1e-3 })).toBe(true);
    expect(allClose([1, 100], [1, 100.01], { rtol: 1e-6 })).toBe(false);
    expect(allClose([Number.NaN, Infinity], [Number.NaN, Infinity])).toBe(true);
    expect(allClose([Number.NaN], [0])).toBe(false);
    const t = tf.tensor2d([[1, 2]]);
    expect(compareClose(t, tf.tensor1d([1, 2])).message).toBe('shape [1, 2] (actual) differs from [2] (expected)');
    expect(() => assertAllClose(t, [1, 2.5], { label: 'here' })).toThrow(/here: element 1 of 2 is 2, expected 2.5/);
    tf.dispose(t);
  });
});
