import * as tf from '@tensorflow/tfjs-core';
import { initBackend, symmetricEigenvalues } from '@lnn/autodiff';
import { assertAllClose, checkGradients } from '@lnn/autodiff/testing';
import { accelerationDataset, splitStates } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDefiniteness, guardFingerprint, indefiniteness, type DefinitenessSign } from './definiteness';
import { DissipativeLagrangian } from './dissipative-lagrangian';
import { train } from './trainer';
import { trueDampedDoublePendulum } from './true-systems.test-support';

beforeAll(async () => {
  await initBackend();
});

// Symmetric 2 × 2 matrices [[a, b], [b, c]] given as (a, b, c) triples.
const matrices = (x: tf.Tensor1D): tf.Tensor3D => {
  const n = x.shape[0] / 3;
  const abc = tf.reshape(x, [n, 3]);
  const [a, b, c] = tf.split(abc, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  return tf.reshape(tf.concat([a, b, b, c], 1), [n, 2, 2]) as tf.Tensor3D;
};
/** The guard in float64 from the closed-form eigenvalues of [[a, b], [b, c]]. */
const reference = (sign: DefinitenessSign) => (x: ArrayLike<number>) => {
  let total = 0;
  const n = x.length / 3;
  for (let k = 0; k < n; k++) {
    const [a, b, c] = [x[3 * k], x[3 * k + 1], x[3 * k + 2]] as [number, number, number];
    const r = Math.hypot((a - c) / 2, b);
    const [lo, hi] = [(a + c) / 2 - r, (a + c) / 2 + r];
    const positive = Math.max(lo, 0) + Math.max(hi, 0);
    const negative = Math.max(-lo, 0) + Math.max(-hi, 0);
    total += sign === 'either' ? Math.min(positive, negative) / (positive + negative) : (negative + Math.max(-hi, 0)) / (positive + negative);
  }
  return total / n;
};
const guard = (sign: DefinitenessSign) => (x: tf.Tensor): tf.Scalar => indefiniteness(matrices(x as tf.Tensor1D), sign);

// Hand-built: positive definite (eigenvalues 1, 3), negative definite (−1, −3), indefinite (3, −1) and (1, −3).
const positiveDefinite = [2, 1, 2];
const negativeDefinite = [-2, -1, -2];
const indefinite = [1, 2, 1];
const mostlyNegative = [-1, 2, -1];

describe('indefiniteness (the definiteness guard)', () => {
  it.each([
    ['positive definite', positiveDefinite, 0, 0],
    ['negative definite', negativeDefinite, 0, 1 + 1 / 4], // share 1, plus |λ_max| / Σ|λ| = 1/4
    ['indefinite, mostly positive', indefinite, 1 / 4, 1 / 4],
    ['indefinite, mostly negative', mostlyNegative, 1 / 4, 3 / 4],
  ])('%s: the values of \'either\' and \'positive\'', (_name, abc, either, positive) => {
    const x = tf.tensor1d(abc);
    // float32 eigenvalues of O(1) matrices: a few ulps.
    assertAllClose(guard('either')(x), either, { atol: 1e-6 });
    assertAllClose(guard('positive')(x), positive, { atol: 1e-6 });
    // Scale-free for c > 0: L and cL are the same dynamics.
    assertAllClose(guard('positive')(tf.mul(x, 7.5)), positive, { atol: 1e-6 });
    x.dispose();
  });

  it.each(['either', 'positive'] as const)('\'%s\': gradients match float64 finite differences on a batch of the four matrices', (sign) => {
    // Eigenvalues 1–3 apart, no eigenvalue within 1 of 0: central differences at 6e-6 are smooth
    // there; float32 eigen-derivatives of O(1) entries are good to ~1e-5, so rtol 1e-3, atol 1e-4.
    const x = [...positiveDefinite, ...negativeDefinite, ...indefinite, ...mostlyNegative];
    checkGradients(guard(sign), reference(sign), x, { order: 1 });
  });

  it('\'positive\' has a gradient on a negative-definite matrix (pulling λ_max up) where \'either\' has none', () => {
    const x = tf.tensor1d(negativeDefinite);
    const [either, positive] = (['either', 'positive'] as const).map((sign) => Array.from(tf.grad(guard(sign))(x).dataSync())) as [number[], number[]];
    expect(either).toEqual([0, 0, 0]);
    // d/dt of the guard along +identity (every eigenvalue up by t): the mass shrinks, λ_max rises toward 0.
    const along = (positive[0] as number) + (positive[2] as number);
    expect(along).toBeLessThan(-0.1);
    // And none on a positive-definite one: nothing to correct.
    expect(Array.from(tf.grad(guard('positive'))(tf.tensor1d(positiveDefinite)).dataSync())).toEqual([0, 0, 0]);
    x.dispose();
  });

  it('validates the option and keeps the default sign out of checkpoints (old checkpoints resume)', () => {
    expect(checkDefiniteness('train', undefined)).toBe('either');
    expect(checkDefiniteness('train', { weight: 1 })).toBe('either');
    expect(checkDefiniteness('train', { weight: 1, sign: 'positive' })).toBe('positive');
    expect(() => checkDefiniteness('train', { weight: 1, sign: 'negative' as DefinitenessSign })).toThrow('train: options.definiteness.sign must be \'either\' or \'positive\', received "negative".');
    expect(() => checkDefiniteness('train', { weight: Number.NaN })).toThrow('train: options.definiteness.weight must be a finite number ≥ 0, received NaN.');
    expect(guardFingerprint(undefined)).toBeNull();
    expect(guardFingerprint({ weight: 1, sign: 'either' })).toEqual({ weight: 1 });
    expect(guardFingerprint({ weight: 1, sign: 'positive' })).toEqual({ weight: 1, sign: 'positive' });
  });
});

describe('the positive guard in training a DissipativeLagrangian', () => {
  it('from an L whose H_vv is negative definite at most states, \'positive\' removes every negative-definite state and \'either\' keeps them', () => {
    const { system } = trueDampedDoublePendulum({ b1: 0.3, b2: 0.3 });
    const data = (count: number, seed: number) => {
      const ds = accelerationDataset(system, {
        count,
        seed,
        sample: (rng, q, v) => {
          [q[0], q[1], v[0], v[1]] = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-2, 2), rng.uniform(-2, 2)];
        },
      });
      return { ...splitStates(ds.arrays.states!.data, 2), qdd: ds.arrays.accelerations!.data };
    };
    const [trainSet, states] = [data(512, 1), data(256, 2)];
    const hidden = [16, 16];
    const make = () => {
      const model = new DissipativeLagrangian({ dof: 2, lagrangian: { hidden, angles: [0, 1], angleTransform: 'features', seed: 3 }, dissipation: { hidden: [4], angles: [0, 1], seed: 2 } });
      // −L: the output layer's weights (variables: L's weight matrices, then its biases) negated.
      const output = model.variables[hidden.length] as tf.Variable;
      output.assign(tf.neg(output));
      return model;
    };
    /** [positive-definite, negative-definite] states of H_vv among the 256. */
    const signs = (model: DissipativeLagrangian) =>
      tf.tidy(() => {
        const { hvv } = model.accelerationsAndVelocityHessian(tf.tensor2d(Float32Array.from(states.q), [256, 2]), tf.tensor2d(Float32Array.from(states.qdot), [256, 2]));
        const eigenvalues = symmetricEigenvalues(hvv).arraySync() as number[][];
        return [eigenvalues.filter((e) => e.every((l) => l > 0)).length, eigenvalues.filter((e) => e.every((l) => l < 0)).length];
      });
    const start = make();
    const [startPositive, startNegative] = signs(start);
    start.dispose();
    expect(startPositive).toBe(0);
    expect(startNegative).toBeGreaterThan(128);
    const trained = (sign: DefinitenessSign) => {
      const model = make();
      // A heavy guard (weight 30) so that its effect is seen within 300 steps.
      train(model, trainSet, { steps: 300, batchSize: 32, schedule: { kind: 'one-cycle', peak: 3e-3, total: 300 }, definiteness: { weight: 30, sign }, lossCap: 100, adam: { beta2: 0.9 }, clipNorm: 100, seed: 3 });
      const counts = signs(model);
      model.dispose();
      return counts;
    };
    const [eitherPositive, eitherNegative] = trained('either');
    const [positivePositive, positiveNegative] = trained('positive');
    // Measured: 'either' 0 positive-definite / 256 negative-definite; 'positive' 31 / 0 (the rest indefinite, on the way).
    expect(eitherPositive).toBe(0);
    expect(eitherNegative).toBeGreaterThan(200);
    expect(positiveNegative).toBe(0);
    expect(positivePositive).toBeGreaterThan(0);
  });
});
