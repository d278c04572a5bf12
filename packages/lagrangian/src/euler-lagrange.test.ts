import * as tf from '@tensorflow/tfjs-core';
import { cholesky, damped, initBackend, jets, LinalgError, lu, pinv, type Jet } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { createRandom, doublePendulum, relativisticAcceleration, relativisticEnergy, relativisticMomentum } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalMomentum, conditioning, eulerLagrange, eulerLagrangeWithHessian, lagrangianDerivatives, lagrangianEnergy } from './euler-lagrange';
import type { Lagrangian } from './lagrangian';

const dp = doublePendulum();
/** The true double-pendulum Lagrangian, written with jet primitives (m = l = 1, g = 9.8). */
const doublePendulumJet: Lagrangian = {
  dof: 2,
  jet: (x) => {
    const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
    const kinetic = jets.add(jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)), jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))));
    return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), 2 * 9.8), jets.scale(jets.cos(t2), 9.8)));
  },
};
/** The same, on plain tensors (general path). */
const doublePendulumTensor: Lagrangian = {
  dof: 2,
  tensor: (x) => {
    const [t1, t2, w1, w2] = tf.split(x, 4, 1) as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
    const kinetic = tf.add(tf.add(tf.square(w1), tf.mul(0.5, tf.square(w2))), tf.mul(tf.mul(w1, w2), tf.cos(tf.sub(t1, t2))));
    return tf.reshape(tf.add(kinetic, tf.add(tf.mul(19.6, tf.cos(t1)), tf.mul(9.8, tf.cos(t2)))), [-1]) as tf.Tensor1D;
  },
};
/** `(1 − q̇²)^(−1/2) + g q`, g per sample as the extra input. */
const relativisticJet: Lagrangian = {
  dof: 1,
  jet: (x, extra) => {
    const [q, v] = [jets.slice(x, 0, 1), jets.slice(x, 1, 1)];
    return jets.add(jets.pow(jets.add(jets.neg(jets.square(v)), 1), -0.5), jets.scale(q, extra as tf.Tensor2D));
  },
};

/** Random training states, rounded to float32 so that float64 references see the same inputs. */
function states(count: number, seed: number) {
  const rng = createRandom(seed);
  const [q, v] = [new Float64Array(2 * count), new Float64Array(2 * count)];
  for (let b = 0; b < count; b++) dp.sampleTrainingState(rng, q.subarray(2 * b, 2 * b + 2), v.subarray(2 * b, 2 * b + 2));
  return { q: q.map(Math.fround), v: v.map(Math.fround) };
}

/** Per-sample relative error ‖a − b‖/max(‖b‖, 1). */
function maxRelativeError(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let worst = 0;
  for (let s = 0; s < a.length / d; s++) {
    let num = 0;
    let den = 0;
    for (let i = 0; i < d; i++) {
      num += ((a[s * d + i] as number) - (b[s * d + i] as number)) ** 2;
      den += (b[s * d + i] as number) ** 2;
    }
    worst = Math.max(worst, Math.sqrt(num) / Math.max(Math.sqrt(den), 1));
  }
  return worst;
}

describe.each(['wasm', 'cpu'] as const)('Euler–Lagrange solver on %s', (backend) => {
  beforeAll(async () => {
    await initBackend({ backend });
  });

  it("reproduces the double pendulum's analytic accelerations from its true Lagrangian (jet and general path)", () => {
    const { q, v } = states(256, 1);
    const expected = new Float64Array(512);
    for (let b = 0; b < 256; b++) dp.acceleration(q.subarray(2 * b, 2 * b + 2), v.subarray(2 * b, 2 * b + 2), expected.subarray(2 * b, 2 * b + 2));
    tf.tidy(() => {
      const [qt, vt] = [tf.tensor2d(Float32Array.from(q), [256, 2]), tf.tensor2d(Float32Array.from(v), [256, 2])];
      for (const lagrangian of [doublePendulumJet, doublePendulumTensor]) {
        for (const solver of [pinv(), lu()]) {
          const qdd = eulerLagrange(lagrangian, qt, vt, { solver });
          expect(maxRelativeError(qdd.dataSync(), expected, 2)).toBeLessThan(1e-4);
        }
      }
    });
  });

  it('eulerLagrangeWithHessian: the same accelerations, and the H_vv they were solved with', () => {
    const { q, v } = states(64, 3);
    tf.tidy(() => {
      const [qt, vt] = [tf.tensor2d(Float32Array.from(q), [64, 2]), tf.tensor2d(Float32Array.from(v), [64, 2])];
      for (const lagrangian of [doublePendulumJet, doublePendulumTensor]) {
        const { accelerations, hvv } = eulerLagrangeWithHessian(lagrangian, qt, vt);
        assertAllClose(accelerations, eulerLagrange(lagrangian, qt, vt), { rtol: 0, atol: 0 });
        assertAllClose(hvv, lagrangianDerivatives(lagrangian, qt, vt).hvv, { rtol: 1e-5, atol: 1e-6 });
        // The double pendulum's H_vv is its mass matrix [[2, c], [c, 1]], c = cos(θ₁ − θ₂).
        const c = Array.from({ length: 64 }, (_, b) => Math.cos((q[2 * b] as number) - (q[2 * b + 1] as number)));
        assertAllClose(hvv, c.flatMap((cb) => [2, cb, cb, 1]), { rtol: 1e-5, atol: 1e-5 });
      }
    });
  });

  it('reproduces the relativistic particle, g per sample as an extra input', () => {
    const rng = createRandom(2);
    const n = 200;
    const [q, v, g] = [Float32Array.from({ length: n }, () => rng.uniform(-10, 10)), Float32Array.from({ length: n }, () => 0.9 * Math.tanh(2 * rng.normal())), Float32Array.from({ length: n }, () => 10 * rng.normal())];
    tf.tidy(() => {
      const args = [tf.tensor2d(q, [n, 1]), tf.tensor2d(v, [n, 1])] as const;
      const extra = tf.tensor2d(g, [n, 1]);
      const qdd = eulerLagrange(relativisticJet, ...args, { extra });
      expect(maxRelativeError(qdd.dataSync(), Array.from(v, (x, i) => relativisticAcceleration(x, g[i]!)), 1)).toBeLessThan(1e-4);
      const energy = lagrangianEnergy(relativisticJet, ...args, extra);
      assertAllClose(energy, Array.from(v, (x, i) => relativisticEnergy(q[i]!, x, g[i]!)), { rtol: 1e-4, atol: 1e-4 });
      assertAllClose(canonicalMomentum(relativisticJet, ...args, extra), Array.from(v, (x) => relativisticMomentum(x)), { rtol: 1e-4, atol: 1e-5 });
    });
  });

  it("gives the system's energy and canonical momentum for the true Lagrangian", () => {
    const { q, v } = states(64, 3);
    tf.tidy(() => {
      const [qt, vt] = [tf.tensor2d(Float32Array.from(q), [64, 2]), tf.tensor2d(Float32Array.from(v), [64, 2])];
      const expected = Array.from({ length: 64 }, (_, b) => dp.energy(q.subarray(2 * b, 2 * b + 2), v.subarray(2 * b, 2 * b + 2)));
      // float32 sums of terms up to ~10²: absolute 1e-3 on energies of order 10–100.
      assertAllClose(lagrangianEnergy(doublePendulumJet, qt, vt), expected, { rtol: 1e-5, atol: 1e-3 });
      const p = new Float64Array(128);
      for (let b = 0; b < 64; b++) dp.lagrangianGradient(q.subarray(2 * b, 2 * b + 2), v.subarray(2 * b, 2 * b + 2), new Float64Array(2), p.subarray(2 * b, 2 * b + 2));
      assertAllClose(canonicalMomentum(doublePendulumJet, qt, vt), p, { rtol: 1e-5, atol: 1e-4 });
    });
  });

  it('pinv, damped, lu and cholesky agree on well-posed states, and differ as documented on a singular Lagrangian', () => {
    const { q, v } = states(32, 4);
    tf.tidy(() => {
      const [qt, vt] = [tf.tensor2d(Float32Array.from(q), [32, 2]), tf.tensor2d(Float32Array.from(v), [32, 2])];
      const reference = eulerLagrange(doublePendulumJet, qt, vt, { solver: lu() });
      assertAllClose(eulerLagrange(doublePendulumJet, qt, vt, { solver: pinv() }), reference, { rtol: 1e-4, atol: 1e-4 });
      assertAllClose(eulerLagrange(doublePendulumJet, qt, vt), eulerLagrange(doublePendulumJet, qt, vt, { solver: pinv() }), { rtol: 0, atol: 0 }); // the default
      // H_vv = [[2, c], [c, 1]] is positive definite (det = 2 − c² ≥ 1).
      assertAllClose(eulerLagrange(doublePendulumJet, qt, vt, { solver: cholesky() }), reference, { rtol: 1e-4, atol: 1e-4 });
      // ε = 1e-6 against H_vv of order 1: a bias of order 1e-6 relative.
      assertAllClose(eulerLagrange(doublePendulumJet, qt, vt, { solver: damped({ epsilon: 1e-6 }) }), reference, { rtol: 1e-4, atol: 1e-4 });
      // L = q·q̇ + ½q²: linear in q̇, so H_vv = 0; ∇_q L − H_vq q̇ = q.
      const singular: Lagrangian = { dof: 1, jet: (x) => jets.add(jets.mul(jets.slice(x, 0, 1), jets.slice(x, 1, 1)), jets.scale(jets.square(jets.slice(x, 0, 1)), 0.5)) };
      const [q1, v1] = [tf.tensor2d([[0.5], [-2]]), tf.tensor2d([[1], [3]])];
      assertAllClose(eulerLagrange(singular, q1, v1, { solver: pinv() }), [0, 0], { rtol: 0, atol: 0 }); // pinv(0) = 0: q̈ = 0
      assertAllClose(eulerLagrange(singular, q1, v1, { solver: damped({ epsilon: 0.01 }) }), [50, -200], { rtol: 1e-5, atol: 0 }); // q/ε
      expect(() => eulerLagrange(singular, q1, v1, { solver: lu() })).toThrow(LinalgError);
      const c = conditioning(singular, q1, v1);
      expect(Array.from(c.conditionNumber)).toEqual([Infinity, Infinity]);
      expect(conditioning(doublePendulumJet, qt, vt).positiveDefinite.every(Boolean)).toBe(true);
    });
  });

  it('rejects wrong shapes and non-finite inputs with clear errors', () => {
    tf.tidy(() => {
      expect(() => eulerLagrange(doublePendulumJet, tf.ones([3, 3]) as tf.Tensor2D, tf.ones([3, 2]) as tf.Tensor2D)).toThrow(
        'eulerLagrange: q must have shape [batch, 2], received [3, 3].',
      );
      expect(() => eulerLagrange(doublePendulumJet, tf.ones([3, 2]) as tf.Tensor2D, tf.ones([2, 2]) as tf.Tensor2D)).toThrow(/same batch/);
      expect(() => eulerLagrange(doublePendulumJet, tf.tensor2d([[NaN, 0]]), tf.tensor2d([[0, 0]]))).toThrow(/non-finite-input/);
      expect(() => eulerLagrange(doublePendulumJet, tf.ones([1, 2]) as tf.Tensor2D, tf.ones([1, 2]) as tf.Tensor2D, { solver: 'lu' as never })).toThrow(
        `eulerLagrange: options.solver must be a solver value such as pinv(), damped({ epsilon }), lu() or cholesky() (or its JSON { name, options }), received "lu".`,
      );
    });
  });
});
