import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets } from '@lnn/autodiff';
import { dopri5, rk4 } from '@lnn/ode';
import { createRandom, doublePendulum, energies, sampleStates } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DynamicsModel } from './dynamics-model';
import { MlpLagrangian } from './mlp-lagrangian';
import { eulerLagrange, lagrangianEnergy } from './euler-lagrange';
import type { Lagrangian } from './lagrangian';
import { rollout } from './rollout';
import { rolloutEnergies } from './rollout-energy';

beforeAll(async () => {
  await initBackend();
});

/** A stand-in model with the true double-pendulum accelerations, to check rollouts against the truth. */
function trueModel(): DynamicsModel {
  const dp = doublePendulum();
  return {
    kind: 'true-double-pendulum',
    dof: 2,
    extraDim: 0,
    variables: [],
    config: {},
    dispose: () => undefined,
    accelerations: (q, qdot) => {
      const [qs, vs] = [q.dataSync(), qdot.dataSync()];
      const out = new Float32Array(qs.length);
      const a = new Float64Array(2);
      for (let b = 0; b < qs.length / 2; b++) {
        dp.acceleration(qs.subarray(2 * b, 2 * b + 2), vs.subarray(2 * b, 2 * b + 2), a);
        out.set(a, 2 * b);
      }
      return tf.tensor2d(out, q.shape);
    },
  };
}

describe('rollout', () => {
  it('integrates a batch with any method and keeps the true energy (RK4, small step)', () => {
    const dp = doublePendulum();
    const y0 = sampleStates(dp, dp.sampleEnergyTestState, 8, 1);
    const r = rollout(trueModel(), y0, [0, 1, 2], rk4({ dt: 0.005 }));
    expect(r.ok).toBe(true);
    const e0 = energies(dp, y0);
    const e2 = energies(dp, r.states.subarray(2 * 8 * 4));
    // float32 model outputs: the energy error stays near float32 precision of the states.
    e0.forEach((e, b) => expect(Math.abs(e2[b]! - e) / dp.potentialBound).toBeLessThan(1e-4));
  });

  it("integrates a model's own state derivative when it has one (q' need not be q̇)", () => {
    // q' = 2v, v' = −q: q oscillates with ω = √2, q(t) = cos(√2 t) from (1, 0), and v = q'/2.
    const model: DynamicsModel = {
      kind: 'state-derivative-stand-in',
      dof: 1,
      extraDim: 0,
      variables: [],
      config: {},
      dispose: () => undefined,
      accelerations: (q) => tf.neg(q),
      stateDerivative: (q, qdot) => tf.concat([tf.mul(2, qdot), tf.neg(q)], 1) as tf.Tensor2D,
    };
    const r = rollout(model, [1, 0, 0.5, 0], [0, 1, 2], dopri5({ rtol: 1e-8, atol: 1e-8 }));
    expect(r.ok).toBe(true);
    for (const [k, t] of [[1, 1], [2, 2]] as const) {
      for (const [b, q0] of [[0, 1], [1, 0.5]] as const) {
        const [q, v] = [r.states[k * 4 + 2 * b]!, r.states[k * 4 + 2 * b + 1]!];
        // float32 model outputs: ~1e-7 relative per evaluation.
        expect(Math.abs(q - q0 * Math.cos(Math.SQRT2 * t))).toBeLessThan(1e-5);
        expect(Math.abs(v + (q0 / Math.SQRT2) * Math.sin(Math.SQRT2 * t))).toBeLessThan(1e-5);
      }
    }
  });

  it('stops a trajectory that leaves the finite numbers and reports it, while the others go on', () => {
    // q̈ = q (1 + 10³⁶·max(|q| − 0.5, 0)): gentle below |q| = 0.5, explosive beyond it.
    const exploding: DynamicsModel = {
      kind: 'exploding',
      dof: 1,
      extraDim: 0,
      variables: [],
      config: {},
      dispose: () => undefined,
      accelerations: (q) => tf.tidy(() => tf.mul(q, tf.add(1, tf.mul(tf.relu(tf.sub(tf.abs(q), 0.5)), 1e36)))) as tf.Tensor2D,
    };
    const r = rollout(exploding, [1, 0, 0.1, 0], [0, 1, 2], rk4({ dt: 0.1 }));
    expect(r.status[0]).toBe('non-finite');
    expect(r.status[1]).toBe('success');
    expect(r.message).toMatch(/1 of 2 trajectories stopped early: 1 non-finite/);
    expect(r.states[(2 * 2 + 1) * 2]).toBeCloseTo(0.1 * Math.cosh(2), 4); // the healthy one: q = 0.1 cosh t
  });

  it('runs a learned model, all trajectories in one call per stage, without leaking', () => {
    const before = tf.memory().numTensors;
    const model = new MlpLagrangian({ dof: 2, hidden: [16, 16], angles: [0, 1], angleTransform: 'wrap', seed: 2 });
    const rng = createRandom(3);
    const y0 = Float64Array.from({ length: 4 * 40 }, () => rng.uniform(-1, 1));
    const times = Array.from({ length: 11 }, (_, i) => i * 0.1);
    const r = rollout(model, y0, times, rk4({ dt: 0.01 }));
    // The model keeps its weights' transposes after its first evaluation: a second rollout adds nothing.
    const afterFirst = tf.memory().numTensors;
    rollout(model, y0, times, rk4({ dt: 0.01 }));
    expect(tf.memory().numTensors).toBe(afterFirst);
    expect(r.stats.evaluations).toBe(4 * 100); // 100 RK4 steps × 4 stages, each one call for the 40 trajectories
    expect(r.states.length).toBe(11 * 40 * 4);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects bad initial states', () => {
    const model = new MlpLagrangian({ dof: 2, hidden: [4] });
    expect(() => rollout(model, [0, 0, 0], [0, 1])).toThrow('rollout: y0 must hold B·4 numbers ([q, q̇] per trajectory), received 3.');
    expect(() => rollout(model, [0, NaN, 0, 0], [0, 1])).toThrow('rollout: y0[1] is NaN; initial states must be finite.');
    expect(() => rollout(model, [0, 0, 0, 0], [0, 1], rk4({ dt: 0.1 }), { dt: 0.2 } as never)).toThrow('rollout: options.dt belongs to the method now; pass it to the method value (e.g. dopri5({ dt })).');
    model.dispose();
  });

  it('the deprecated options form ({ method, dt, … }) runs exactly as the method value, batching shared', () => {
    const model = trueModel();
    const rng = createRandom(5);
    const y0 = Float64Array.from({ length: 4 * 3 }, () => rng.uniform(-1, 1));
    const times = [0, 0.5, 1];
    // Trajectory 1 is stopped on the way (its reason recorded), the others run to the end.
    const stop = (t: number, _state: Float64Array, trajectory: number) => (trajectory === 1 && t > 0.6 ? 'test stop' : undefined);
    const pairs = [
      [rollout(model, y0, times, { method: 'rk4', dt: 0.05 }), rollout(model, y0, times, rk4({ dt: 0.05 }))],
      [rollout(model, y0, times, { method: 'dopri5', rtol: 1e-6, atol: 1e-6, maxSteps: 2_000, stop }), rollout(model, y0, times, dopri5({ rtol: 1e-6, atol: 1e-6, maxSteps: 2_000 }), { stop })],
      // rollout's batching is shared whatever the method value says (independent steps would add up over the 3 trajectories).
      [rollout(model, y0, times, { rtol: 1e-6, atol: 1e-6 }), rollout(model, y0, times, dopri5({ rtol: 1e-6, atol: 1e-6, batching: 'independent' }))],
    ] as const;
    for (const [old, now] of pairs) {
      expect(Array.from(old.states)).toEqual(Array.from(now.states));
      expect([old.stats, old.status, old.reasons]).toEqual([now.stats, now.status, now.reasons]);
    }
    expect(pairs[0]![1].ok && pairs[2]![1].ok).toBe(true);
    expect(pairs[1]![1].status).toEqual(['success', 'stopped', 'success']);
    expect(() => rollout(model, y0, times, { method: 'rk4', dt: 0.05 } as never, {})).toThrow(/rollout: the deprecated options form \(an object in place of the method\) takes no fifth argument/);
  });

  it("rolloutEnergies: the model's own energy at every output, conserved along a rollout, NaN after a stop", () => {
    // Two unit oscillators as a jet Lagrangian, L = ½|q̇|² − ½|q|²: energy ½|q̇|² + ½|q|².
    const oscillators: Lagrangian = { dof: 2, jet: (x) => jets.sum(jets.mul(jets.square(x), tf.tensor1d([-0.5, -0.5, 0.5, 0.5]))) };
    const model: DynamicsModel = {
      kind: 'oscillators',
      dof: 2,
      extraDim: 0,
      variables: [],
      config: {},
      dispose: () => undefined,
      accelerations: (q, qdot) => eulerLagrange(oscillators, q, qdot),
      energy: (q, qdot) => lagrangianEnergy(oscillators, q, qdot),
    };
    const y0 = Float64Array.from([0.3, -0.2, 0.1, 0.05, 1.2, 0.4, -0.3, 0.2]);
    const times = [0, 1, 2];
    const r = rollout(model, y0, times, dopri5({ rtol: 1e-9, atol: 1e-9 }));
    expect(r.status, r.message).toEqual(['success', 'success']);
    const e = rolloutEnergies(model, r);
    const exact = [0, 1].map((b) => 0.5 * y0.subarray(4 * b, 4 * b + 4).reduce((sum, x) => sum + x * x, 0));
    for (let t = 0; t < 3; t++) for (const b of [0, 1]) expect(Math.abs((e[2 * t + b] as number) - (exact[b] as number))).toBeLessThan(1e-5);
    const stopped = rollout(model, y0, times, dopri5(), { stop: (t, _s, trajectory) => (trajectory === 1 && t > 0.5 ? 'test stop' : undefined) });
    const partial = rolloutEnergies(model, stopped);
    expect(Number.isNaN(partial[5] as number)).toBe(true);
    expect(Number.isFinite(partial[4] as number)).toBe(true);
    expect(() => rolloutEnergies(trueModel(), r)).toThrow("rolloutEnergies: a 'true-double-pendulum' defines no energy of its own.");
  });
});
