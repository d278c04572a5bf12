import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@lnn/autodiff';
import { beforeAll, describe, expect, it } from 'vitest';
import { MlpDynamics } from './mlp-dynamics';
import { NeuralOde } from './neural-ode';

beforeAll(async () => {
  await initBackend();
});

describe('MlpDynamics and NeuralOde', () => {
  it.each(['wrap', 'features'] as const)('see angles through the %s transform: q and q + 2π give the same dynamics', (angleTransform) => {
    const model = new MlpDynamics({ dof: 2, hidden: [16], angles: [0], angleTransform, seed: 2 });
    const [q, shifted, v] = [tf.tensor2d([[0.5, 0.2], [-3, 1]]), tf.tensor2d([[0.5 + 2 * Math.PI, 0.2], [-3 - 2 * Math.PI, 1]]), tf.tensor2d([[0.1, 0.3], [0.2, -0.4]])];
    const [a, b] = [model.accelerations(q, v).dataSync(), model.accelerations(shifted, v).dataSync()];
    // float32: q + 2π carries ~4e-7 of rounding into the wrapped angle.
    a.forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThan(1e-5));
    // The non-angular coordinate is not wrapped.
    const c = model.accelerations(tf.tensor2d([[0.5, 0.2 + 2 * Math.PI], [-3, 1 + 2 * Math.PI]]), v).dataSync();
    expect(Math.abs((c[0] as number) - (a[0] as number))).toBeGreaterThan(1e-4);
    model.dispose();
  });

  it('the neural ODE outputs its own q′ beside q̈, and q̈ is its second half', () => {
    const model = new NeuralOde({ dof: 2, hidden: [16], seed: 5 });
    const [q, v] = [tf.tensor2d([[0.5, 0.2]]), tf.tensor2d([[0.1, 0.3]])];
    const f = Array.from(model.stateDerivative(q, v).dataSync());
    expect(f).toHaveLength(4);
    expect(Array.from(model.accelerations(q, v).dataSync())).toEqual(f.slice(2));
    model.dispose();
  });

  it('reject bad configuration and inputs, naming them', () => {
    expect(() => new MlpDynamics({ dof: 2, activation: 'swish' as never })).toThrow(/MlpDynamics: config\.activation must be one of 'softplus', 'tanh', 'sigmoid', 'relu', 'elu', received "swish"/);
    expect(() => new NeuralOde({ dof: 2, angles: [2] })).toThrow(/NeuralOde: config\.angles must be distinct coordinate indices in \[0, 2\), received \[2\]/);
    expect(() => new MlpDynamics({ dof: 1.5 })).toThrow(/config\.dof must be a positive integer, received 1\.5/);
    const model = new MlpDynamics({ dof: 2, hidden: [4] });
    expect(() => model.accelerations(tf.zeros([3, 2]) as tf.Tensor2D, tf.zeros([2, 2]) as tf.Tensor2D)).toThrow(/q and qdot must have the same batch/);
    expect(() => model.accelerations(tf.zeros([3, 2]) as tf.Tensor2D, tf.zeros([3, 2]) as tf.Tensor2D, tf.zeros([3, 1]) as tf.Tensor2D)).toThrow(/MlpDynamics: this model takes no extra inputs \(config\.extraDim is 0\), received \[3, 1\]/);
    model.dispose();
  });
});
