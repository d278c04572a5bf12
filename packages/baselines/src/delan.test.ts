import * as tf from '@tensorflow/tfjs-core';
import { cholesky, initBackend, lu, symmetricEigenvalues } from '@lnn/autodiff';
import { eulerLagrange, lagrangianDerivatives, type Lagrangian } from '@lnn/lagrangian';
import { createRandom } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { Delan } from './delan';

beforeAll(async () => {
  await initBackend();
});

function randomStates(batch: number, d: number, seed: number, scale: number) {
  const rng = createRandom(seed);
  const make = () => tf.tensor2d(Float32Array.from({ length: batch * d }, () => rng.uniform(-scale, scale)), [batch, d]);
  return { q: make(), v: make() };
}

describe('Delan', () => {
  it('has a symmetric positive definite mass matrix at random inputs', () => {
    for (const [d, seed] of [[1, 1], [2, 2], [3, 3], [5, 4]] as const) {
      const model = new Delan({ dof: d, hidden: [32, 32], seed });
      const { q, v } = randomStates(256, d, seed, 10); // far outside any training range
      const m = model.massMatrix(q);
      const values = m.arraySync();
      for (const matrix of values) for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) expect(matrix[i]![j]).toBe(matrix[j]![i]);
      const eigenvalues = symmetricEigenvalues(m);
      // M ⪰ ε·I (ε = 1e-3) by construction; float64 eigenvalues of the float32 M lose ~ε₃₂‖M‖
      // (1e-5 here). Without the ε the smallest came out −1e-8: L_c L_cᵀ alone is not enough.
      for (const lambda of eigenvalues.dataSync()) expect(lambda).toBeGreaterThan(0.9e-3);
      tf.dispose([q, v, m, eigenvalues]);
      model.dispose();
    }
  });

  it("its jet Lagrangian's H_vv is M, and its accelerations equal the general path's", () => {
    const d = 3;
    const model = new Delan({ dof: d, hidden: [24, 24], seed: 7 });
    const { q, v } = randomStates(16, d, 9, 1.5);
    const derivatives = lagrangianDerivatives(model.lagrangian, q, v);
    const m = model.massMatrix(q);
    const close = (a: tf.Tensor, b: tf.Tensor, tol: number) => {
      const [x, y] = [a.dataSync(), b.dataSync()];
      x.forEach((value, i) => expect(Math.abs(value - (y[i] as number))).toBeLessThan(tol * (1 + Math.abs(y[i] as number))));
    };
    close(derivatives.hvv, m, 1e-5);
    // The same L written with plain tensors, ½ q̇ᵀ M(q) q̇ − V(q), through nested reverse mode.
    const general: Lagrangian = {
      dof: d,
      tensor: (x) => {
        const [qs, vs] = [tf.slice(x, [0, 0], [-1, d]) as tf.Tensor2D, tf.slice(x, [0, d], [-1, d]) as tf.Tensor2D];
        const mv = tf.matMul(model.massMatrix(qs), tf.reshape(vs, [-1, d, 1]));
        return tf.sub(tf.mul(0.5, tf.sum(tf.mul(tf.reshape(mv, [-1, d]), vs), 1)), model.potential(qs)) as tf.Tensor1D;
      },
    };
    // Accelerations go through a solve with M (condition numbers up to ~1e2 here): 1e-4 relative.
    close(model.accelerations(q, v), eulerLagrange(general, q, v, { solver: lu() }), 1e-4);
    const energy = tf.tidy(() => tf.add(tf.mul(0.5, tf.sum(tf.mul(tf.reshape(tf.matMul(m, tf.reshape(v, [-1, d, 1])), [-1, d]), v), 1)), model.potential(q)));
    close(model.energy(q, v), energy, 1e-5);
    tf.dispose([q, v, m, energy, ...Object.values(derivatives)]);
    model.dispose();
  });

  it('solves with lu() by default; cholesky() agrees (M is SPD); the deprecated { inverse: "solve" } is lu(), exactly', () => {
    const config = { dof: 2, hidden: [8], seed: 3 };
    const [byDefault, spd, old] = [new Delan(config), new Delan({ ...config, solver: cholesky() }), new Delan({ ...config, solver: { inverse: 'solve' } })];
    expect(byDefault.config.solver.toJSON()).toEqual({ name: 'lu', options: {} });
    expect(old.config.solver.toJSON()).toEqual({ name: 'lu', options: {} });
    tf.tidy(() => {
      const [q, v] = [tf.tensor2d([[0.3, -1], [1.2, 0.4]]), tf.tensor2d([[0.5, 2], [-1, 0.1]])];
      const a = byDefault.accelerations(q, v);
      expect(Array.from(old.accelerations(q, v).dataSync())).toEqual(Array.from(a.dataSync()));
      const b = spd.accelerations(q, v).dataSync();
      // Cholesky and LU of the same well-conditioned 2×2 float64 factors: equal to float32 rounding.
      a.dataSync().forEach((x, i) => expect(Math.abs(x - (b[i] as number))).toBeLessThan(1e-5 * (1 + Math.abs(x))));
    });
    for (const m of [byDefault, spd, old]) m.dispose();
  });

  it('rejects bad configuration and inputs, naming them', () => {
    expect(() => new Delan({ dof: 0 })).toThrow(/config\.dof must be a positive integer, received 0/);
    expect(() => new Delan({ dof: 2, massShift: -1 })).toThrow(/config\.massShift must be a finite number ≥ 0, received -1/);
    expect(() => new Delan({ dof: 2, hidden: [] })).toThrow(/config\.hidden must be a non-empty array/);
    const model = new Delan({ dof: 2, hidden: [8] });
    expect(() => model.massMatrix(tf.zeros([3, 3]) as tf.Tensor2D)).toThrow(/Delan\.massMatrix: q must have shape \[batch, 2\], received \[3, 3\]/);
    model.dispose();
  });
});
