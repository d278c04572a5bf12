import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { solve, variational } from '@lnn/ode';
import { createRandom, doublePendulum, lagrangianProblem, simplePendulum } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { doublePendulumJet, pendulumJet, perturbedPendulum } from '../test/position-fixtures';
import { lagrangianEnergy } from './euler-lagrange';
import { learnedLagrangianProblem, variationalRollout } from './variational-rollout';

beforeAll(async () => {
  await initBackend();
});

const pendulum = simplePendulum();

describe('variationalRollout', () => {
  it.each([
    ['simple pendulum', pendulum, pendulumJet(1, 1, 9.8), 0.1, 60],
    ['double pendulum (H_qv not symmetric)', doublePendulum(), doublePendulumJet(9.8), 0.05, 30],
  ] as const)("continues two positions as @lnn/ode's variational integrator does with the true L (float64 reference): %s", (_name, system, lagrangian, dt, steps) => {
    const d = system.dof;
    const rng = createRandom(2);
    const y0 = Float64Array.from({ length: 4 * 2 * d }, () => rng.uniform(-1.5, 1.5));
    const times = Array.from({ length: steps + 2 }, (_, k) => k * dt);
    const reference = solve(lagrangianProblem(system), y0, times, variational({ dt }));
    expect(reference.ok).toBe(true);
    const positions = (row: number) => Array.from({ length: 4 * d }, (_, i) => reference.states[(row * 4 + Math.floor(i / d)) * 2 * d + (i % d)] as number);
    const before = tf.memory().numTensors;
    const r = variationalRollout(lagrangian, positions(0), positions(1), { dt, steps });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.ok).toBe(true);
    assertAllClose(r.times, times, { rtol: 1e-12, atol: 1e-12, label: 'times' });
    expect(Array.from(r.reached)).toEqual([steps + 2, steps + 2, steps + 2, steps + 2]);
    // Float32 derivatives, Newton to 1e-6 (1 + |q|) per step: the positions and velocities (angles
    // and rates ≲ 5) drift from the float64 run by a few 1e-6 per step, ≲ 1e-4 over 60 steps.
    assertAllClose(r.states, reference.states, { rtol: 0, atol: 2e-4, label: 'states' });
  });

  it("keeps a learned L's energy bounded over a long rollout (symplectic: no drift)", () => {
    const model = perturbedPendulum(0.1, 3);
    const dt = 0.1;
    const steps = 200;
    const r = variationalRollout(model, [0.8, -1.2], [0.85, -1.1], { dt, steps });
    expect(r.ok).toBe(true);
    const energies = tf.tidy(() => {
      const states = tf.tensor2d(Float32Array.from(r.states), [(steps + 2) * 2, 2]);
      return lagrangianEnergy(model.lagrangian, tf.slice(states, [0, 0], [-1, 1]) as tf.Tensor2D, tf.slice(states, [0, 1], [-1, 1]) as tf.Tensor2D).dataSync();
    });
    for (let b = 0; b < 2; b++) {
      const e = Array.from({ length: steps + 2 }, (_, k) => energies[k * 2 + b] as number);
      const spread = (from: number, to: number) => Math.max(...e.slice(from, to)) - Math.min(...e.slice(from, to));
      // The energy oscillates (the integrator conserves a nearby modified energy) and does not
      // drift: the second half's range is no wider than the first's (allowing 30 %), and small.
      expect(spread(steps / 2, steps + 2)).toBeLessThan(1.3 * spread(0, steps / 2) + 1e-4);
      expect(spread(0, steps + 2)).toBeLessThan(0.02 * Math.abs(e[0]!));
    }
    model.dispose();
  });

  it('gives the same motion for L + 1000 q̇ (a term with no effect on the motion, but momenta ~1000 in float32)', () => {
    const plain = pendulumJet(1, 1, 9.8) as Extract<ReturnType<typeof pendulumJet>, { jet: unknown }>;
    const shifted = { dof: 1, jet: (x: Parameters<typeof plain.jet>[0]) => jets.add(plain.jet(x, undefined), jets.scale(jets.slice(x, 1, 1), 1000)) };
    const reference = variationalRollout(plain, [0.5, -0.3], [0.55, -0.2], { dt: 0.1, steps: 20 });
    // The starting velocities from the Legendre transform of p ≈ 1000 + q̇ (float32: p to ~6e-5).
    const start = variationalRollout(shifted, [0.5, -0.3], [0.55, -0.2], { dt: 0.1, steps: 1 });
    assertAllClose(start.states.subarray(0, 8), reference.states.subarray(0, 8), { rtol: 0, atol: 1e-3, label: 'starting states' });
    // The whole rollout, with Newton stopped at 1e-4 (above the rounding of p) per step.
    const r = variationalRollout(shifted, [0.5, -0.3], [0.55, -0.2], { dt: 0.1, steps: 20, newton: { tolerance: 1e-4 } });
    expect(r.ok).toBe(true);
    assertAllClose(r.states, reference.states, { rtol: 0, atol: 5e-3, label: 'states' });
  });

  it('refuses an L whose H_vv is singular at the start, and bad arguments, naming them', () => {
    const potentialOnly = { dof: 1, jet: (x: Parameters<typeof jets.slice>[0]) => jets.scale(jets.cos(jets.slice(x, 0, 1)), 9.8) };
    expect(() => variationalRollout(potentialOnly, [0.1], [0.2], { dt: 0.1, steps: 3 })).toThrow(/H_vv of the learned L is singular at the start of trajectory 0/);
    const l = pendulumJet(1, 1, 9.8);
    expect(() => variationalRollout(l, [0.1, 0.2], [0.2], { dt: 0.1, steps: 3 })).toThrow(/q0 and q1 must each hold B·1 numbers .* received 2 and 1/);
    expect(() => variationalRollout(l, [0.1], [Number.NaN], { dt: 0.1, steps: 3 })).toThrow(/q1\[0\] is NaN/);
    expect(() => variationalRollout(l, [0.1], [0.2], { dt: 0.1, steps: 0 })).toThrow(/options.steps must be a positive integer, received 0/);
    expect(() => variationalRollout(l, [0.1], [0.2], { dt: Number.NaN, steps: 2 })).toThrow(/dt must be a positive finite number, received NaN/);
  });
});

describe('learnedLagrangianProblem', () => {
  it("gives @lnn/ode the Lagrangian's gradient and Hessian blocks (the simple pendulum against its float64 formulas)", () => {
    const problem = learnedLagrangianProblem(pendulumJet(1, 1, 9.8));
    const [q, v] = [Float64Array.of(0.7), Float64Array.of(-1.3)];
    const got = [new Float64Array(1), new Float64Array(1), new Float64Array(1), new Float64Array(1), new Float64Array(1)];
    const want = got.map(() => new Float64Array(1));
    problem.gradient(q, v, got[0]!, got[1]!);
    problem.hessian(q, v, got[2]!, got[3]!, got[4]!);
    pendulum.lagrangianGradient(q, v, want[0]!, want[1]!);
    pendulum.lagrangianHessian(q, v, want[2]!, want[3]!, want[4]!);
    // float32: a few ε₃₂ of values ≲ 10.
    got.forEach((g, i) => assertAllClose(g, want[i]!, { rtol: 1e-6, atol: 1e-6, label: `block ${i}` }));
  });
});
