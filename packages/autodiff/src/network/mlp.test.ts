import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../backend/init-backend';
import * as api from '../index';
import { jetHessian } from '../jet/jet-hessian';
import { assertAllClose } from '../testing/all-close';
import { grad } from '../transforms/grad';
import { hessian } from '../transforms/hessian';
import { SMOOTH_ACTIVATIONS } from './activations';
import { initialExtraWeight, initialParameters } from './initialisation';
import { Mlp } from './mlp';
import { mlpForward } from './mlp-forward';

beforeAll(async () => {
  await initBackend();
});

const data = (t: tf.Tensor) => Array.from(t.dataSync());
const x = () => tf.tensor2d([[0.3, -1.2, 0.7], [1.5, 0.1, -0.4], [-2, 0.9, 0.05], [0.6, 0.6, -1.1]]);
const extra = () => tf.tensor2d([[9.8, 1], [-3, 0.5], [20, -2], [0, 0]]);

describe('Mlp', () => {
  it.each(['paper', 'glorot'] as const)('draws its variables as initialParameters does (%s), weights then biases then the extra matrix', (initialisation) => {
    const mlp = new Mlp({ inputs: 3, hidden: [16, 8], outputs: 2, initialisation, seed: 4, extraDim: 2 });
    const { weights, biases } = initialParameters([3, 16, 8, 2], initialisation, 4);
    const we = initialExtraWeight(initialisation, 3, 2, 16, 3, 4);
    expect(mlp.variables.map(data)).toEqual([...weights, ...biases, we].map(data));
    expect(mlp.variables.map((v) => v.shape)).toEqual([[3, 16], [16, 8], [8, 2], [16], [8], [2], [2, 16]]);
    tf.dispose([...weights, ...biases, we]);
    mlp.dispose();
  });

  it.each(SMOOTH_ACTIVATIONS)('jet and tensor passes are one function (%s): value, gradient and Hessian agree with the general path', (activation) => {
    const mlp = new Mlp({ inputs: 3, hidden: [16, 16], outputs: 1, activation, initialisation: 'paper', seed: 2 });
    tf.tidy(() => {
      const f = (z: tf.Tensor2D) => tf.reshape(mlp.apply(z), [-1]) as tf.Tensor1D;
      const fast = jetHessian((j) => mlp.applyJet(j))(x());
      assertAllClose(fast.value, f(x()), { rtol: 1e-5, atol: 1e-5 }); // jets' softplus is computed from σ
      assertAllClose(fast.gradient, grad(f)(x()), { rtol: 1e-4, atol: 1e-5 });
      assertAllClose(fast.hessian, hessian(f)(x()), { rtol: 1e-3, atol: 1e-4 });
    });
    mlp.dispose();
  });

  it('takes extra inputs through their own matrix, as constants; its scales are the same as scaling the first-layer rows', () => {
    const scaled = new Mlp({ inputs: 3, hidden: [12, 12], outputs: 1, initialisation: 'paper', seed: 6, extraDim: 2, inputScale: [0.1, 2, 0.5], extraScale: [0.1, 3], cacheTransposes: true });
    const plain = new Mlp({ inputs: 3, hidden: [12, 12], outputs: 1, initialisation: 'paper', seed: 6, extraDim: 2 });
    tf.tidy(() => {
      (plain.weights[0] as tf.Variable).assign(tf.mul(scaled.weights[0] as tf.Tensor, tf.tensor2d([0.1, 2, 0.5], [3, 1])));
      (plain.extraWeights as tf.Variable).assign(tf.mul(scaled.extraWeights as tf.Tensor, tf.tensor2d([0.1, 3], [2, 1])));
      assertAllClose(scaled.apply(x(), extra()), plain.apply(x(), extra()), { rtol: 1e-5, atol: 1e-5 });
      // The extra inputs add one constant row-wise term: the jet's value is the tensor pass's, its gradient is with respect to x only.
      const [a, b] = [jetHessian((j) => scaled.applyJet(j, extra()))(x()), jetHessian((j) => plain.applyJet(j, extra()))(x())];
      assertAllClose(a.value, tf.reshape(scaled.apply(x(), extra()), [-1]), { rtol: 1e-5, atol: 1e-5 });
      expect(a.gradient.shape).toEqual([4, 3]);
      assertAllClose(a.gradient, b.gradient, { rtol: 1e-4, atol: 1e-5 });
      assertAllClose(a.hessian, b.hessian, { rtol: 1e-3, atol: 1e-4 });
      // The functional pass on the same variables, with the scaled inputs, is the same function.
      expect(data(mlpForward({ weights: plain.weights as tf.Tensor[] as tf.Tensor2D[], biases: plain.biases as tf.Tensor[] as tf.Tensor1D[], extraWeights: plain.extraWeights as tf.Tensor as tf.Tensor2D }, x(), { extra: extra() }))).toEqual(data(plain.apply(x(), extra())));
    });
    scaled.dispose();
    plain.dispose();
  });

  it('cached transposes give the uncached jet Hessian and weight gradients', () => {
    const [cached, uncached] = [true, false].map((cacheTransposes) => new Mlp({ inputs: 3, hidden: [16, 16], outputs: 1, initialisation: 'paper', seed: 8, cacheTransposes })) as [Mlp, Mlp];
    tf.tidy(() => {
      assertAllClose(jetHessian((j) => cached.applyJet(j))(x()).hessian, jetHessian((j) => uncached.applyJet(j))(x()).hessian, { rtol: 1e-6, atol: 1e-7 });
      const gradients = (mlp: Mlp) => tf.variableGrads(() => tf.sum(tf.square(jetHessian((j) => mlp.applyJet(j))(x()).hessian)) as tf.Scalar, mlp.variables).grads;
      const [g, h] = [gradients(cached), gradients(uncached)];
      cached.variables.forEach((v, i) => assertAllClose(g[v.name] as tf.Tensor, h[(uncached.variables[i] as tf.Variable).name] as tf.Tensor, { rtol: 1e-5, atol: 1e-6 }));
    });
    cached.dispose();
    uncached.dispose();
  });

  it('leaks no tensors, and dispose frees its variables, scales and cached transposes', () => {
    const [inputs, extras] = [x(), extra()];
    const before = tf.memory().numTensors;
    let mlp: Mlp | undefined;
    tf.tidy(() => {
      mlp = new Mlp({ inputs: 3, hidden: [8], outputs: 1, activation: 'tanh', initialisation: 'glorot', seed: 1, extraDim: 2, inputScale: [1, 2, 3], extraScale: [2, 2], cacheTransposes: true });
    });
    const network = mlp as Mlp;
    const held = tf.memory().numTensors;
    expect(held - before).toBe(2 + 2 + 1 + 2); // weights, biases, extra matrix, two scales: kept past the tidy
    const y = tf.tidy(() => network.apply(inputs, extras)); // like jets, the passes make intermediates: callers tidy
    expect(y.shape).toEqual([4, 1]);
    tf.dispose(y);
    tf.tidy(() => {
      jetHessian((j) => network.applyJet(j, extras))(inputs);
    }); // outside training: caches two transposes
    expect(tf.memory().numTensors).toBe(held + 2);
    network.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([inputs, extras]);
  });

  it('rejects bad configuration and inputs, naming the owner and the argument', () => {
    const base = { inputs: 3, hidden: [4], outputs: 1, initialisation: 'paper', seed: 0 } as const;
    expect(() => new Mlp({ ...base, hidden: [] })).toThrow(/Mlp: config\.hidden must be a non-empty array of positive integers, received \[\]/);
    expect(() => new Mlp({ ...base, where: 'Hnn', outputs: 0 })).toThrow(/Hnn: config\.outputs must be a positive integer, received 0/);
    expect(() => new Mlp({ ...base, activation: 'swish' as never })).toThrow(/config\.activation must be one of 'softplus', 'tanh', 'sigmoid', 'relu', 'elu', received "swish"/);
    expect(() => new Mlp({ ...base, initialisation: 'he' as never })).toThrow(/config\.initialisation must be 'paper' or 'glorot', received "he"/);
    expect(() => new Mlp({ ...base, seed: Number.NaN })).toThrow(/config\.seed must be a finite number/);
    expect(() => new Mlp({ ...base, inputScale: [1, 2] })).toThrow(/config\.inputScale must be 3 positive finite numbers, received \[1,2\]/);
    const relu = new Mlp({ ...base, where: 'MlpDynamics', activation: 'relu' });
    const trace = new api.JetTrace(4, 3);
    expect(() => relu.applyJet(trace.input(x()))).toThrow(/MlpDynamics: activation 'relu' has no jet form; use one of softplus, tanh, sigmoid/);
    expect(() => relu.apply(x(), extra())).toThrow(/MlpDynamics: this model takes no extra inputs \(config\.extraDim is 0\), received \[4, 2\]/);
    const withExtra = new Mlp({ ...base, extraDim: 2 });
    expect(() => withExtra.apply(x())).toThrow(/Mlp: this model takes extra inputs of shape \[batch, 2\], received none/);
    expect(() => withExtra.apply(x(), tf.zeros([4, 1]) as tf.Tensor2D)).toThrow(/received \[4, 1\]/);
    expect(() => mlpForward({ weights: withExtra.weights as tf.Tensor[] as tf.Tensor2D[], biases: withExtra.biases as tf.Tensor[] as tf.Tensor1D[] }, x(), { extra: extra() })).toThrow(/mlpForward: extra inputs are given exactly when the parameters have extraWeights/);
    relu.dispose();
    withExtra.dispose();
  });

  it('is part of the public API', () => {
    for (const name of ['Mlp', 'mlpForward', 'mlpForwardJet', 'initialParameters', 'initialWeight', 'initialExtraWeight', 'paperInitStd', 'glorotInitStd', 'layerSeed', 'EXTRA_INPUTS_INDEX', 'angleFeatures', 'angleFeaturesJet', 'checkAngles', 'ACTIVATIONS', 'SMOOTH_ACTIVATIONS']) {
      expect(api).toHaveProperty(name);
    }
  });
});
