import * as tf from '@tensorflow/tfjs-core';
import { initBackend, jets, LinalgError } from '@lnn/autodiff';
import { assertAllClose } from '@lnn/autodiff/testing';
import { createRandom, doublePendulum, harmonicOscillator, simplePendulum, type MechanicalSystem } from '@lnn/systems';
import { beforeAll, describe, expect, it } from 'vitest';
import { doublePendulumJet as doublePendulumOf, oscillatorJet, pendulumJet, pendulumTensor, variationalPositions } from '../test/position-fixtures';
import { discreteEulerLagrangeResidual, discreteLagrangian, discreteLagrangianGradients } from './discrete-lagrangian';
import { discreteEulerLagrangeStep } from './discrete-step';
import type { Lagrangian } from './lagrangian';
import type { PositionData } from './position-data';

beforeAll(async () => {
  await initBackend();
});

const dp = doublePendulum();
const doublePendulumJet = doublePendulumOf(9.8);

/** The consecutive triples of some trajectories as three `[N, d]` float32 tensors. */
function triples(data: PositionData, d: number) {
  const length = data.positions.length / (data.trajectories * d);
  const [a, b, c] = [[], [], []] as [number[], number[], number[]];
  for (let t = 0; t < data.trajectories; t++) {
    for (let k = 1; k < length - 1; k++) {
      for (let i = 0; i < d; i++) {
        a.push(data.positions[(t * length + k - 1) * d + i] as number);
        b.push(data.positions[(t * length + k) * d + i] as number);
        c.push(data.positions[(t * length + k + 1) * d + i] as number);
      }
    }
  }
  return [a, b, c].map((x) => tf.tensor2d(x, [x.length / d, d])) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
}

/** Random `[B, 2d]` starting states of a system. */
function starts(system: MechanicalSystem, count: number, seed: number, speed: number): Float64Array {
  const rng = createRandom(seed);
  const d = system.dof;
  return Float64Array.from({ length: count * 2 * d }, (_, i) => (i % (2 * d) < d ? rng.uniform(-2, 2) : rng.uniform(-speed, speed)));
}

describe('discrete Euler–Lagrange residual', () => {
  it.each([
    ['harmonic oscillator (k = 4), jet', harmonicOscillator({ k: 4 }), oscillatorJet(1, 4), oscillatorJet(1, 4.4), 0.1],
    ['simple pendulum, jet', simplePendulum(), pendulumJet(1, 1, 9.8), pendulumJet(1, 1, 10.78), 0.1],
    ['simple pendulum, general path', simplePendulum(), pendulumTensor(1, 1, 9.8), pendulumTensor(1, 1, 10.78), 0.1],
    // (At Δt = 0.1 the integrator's Newton iteration fails on one of these double-pendulum starts.)
    ['double pendulum, jet', dp, doublePendulumJet, doublePendulumOf(10.78), 0.05],
  ] as const)('vanishes for the true Lagrangian on trajectories of its variational integrator: %s', (_name, system, lagrangian, wrong, dt) => {
    const data = variationalPositions(system, starts(system, 8, 3, 3), dt, 30);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      const [q0, q1, q2] = triples(data, system.dof);
      const residual = discreteEulerLagrangeResidual(lagrangian, q0, q1, q2, dt);
      // The residual is a difference of momenta (D₂L_d ≈ p, D₁L_d ≈ −p). In float32 each is
      // rounded to a few ε₃₂·|p|, and the velocity (q₁ − q₀)/Δt of positions rounded to float32
      // carries ε₃₂|q|/Δt (|q| ≲ 7 here: ~2e-6 of the largest momentum at Δt = 0.05). Measured:
      // ≤ 7e-7 of it. Tolerance: 5e-6 × the largest momentum in the data.
      const scale = tf.max(tf.abs(discreteLagrangianGradients(lagrangian, q0, q1, dt).d2)).dataSync()[0] as number;
      const worst = tf.max(tf.abs(residual)).dataSync()[0] as number;
      expect(worst).toBeLessThan(5e-6 * scale);
      // The test can fail: the Lagrangian with its potential 10 % off leaves a residual far above
      // that tolerance on the same data.
      const off = tf.max(tf.abs(discreteEulerLagrangeResidual(wrong, q0, q1, q2, dt))).dataSync()[0] as number;
      expect(off).toBeGreaterThan(100 * 5e-6 * scale);
    });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('D₁L_d and D₂L_d equal central differences of L_d (float64 reference of the true double pendulum)', () => {
    const dt = 0.05;
    const rng = createRandom(11);
    const count = 32;
    const pairs = Float64Array.from({ length: count * 4 }, () => Math.fround(rng.uniform(-3, 3)));
    // Float64 L_d of the system's own Lagrangian, differenced with step 1e-6.
    const ld = (a: number[], b: number[]) => dt * dp.lagrangian(a.map((x, i) => (x + (b[i] as number)) / 2), a.map((x, i) => ((b[i] as number) - x) / dt));
    const expected = { d1: new Float64Array(count * 2), d2: new Float64Array(count * 2) };
    for (let s = 0; s < count; s++) {
      const a = [pairs[4 * s]!, pairs[4 * s + 1]!];
      const b = [pairs[4 * s + 2]!, pairs[4 * s + 3]!];
      for (let i = 0; i < 2; i++) {
        const shift = (x: number[], e: number) => x.map((v, j) => (j === i ? v + e : v));
        expected.d1[2 * s + i] = (ld(shift(a, 1e-6), b) - ld(shift(a, -1e-6), b)) / 2e-6;
        expected.d2[2 * s + i] = (ld(a, shift(b, 1e-6)) - ld(a, shift(b, -1e-6))) / 2e-6;
      }
    }
    tf.tidy(() => {
      const all = tf.tensor2d(Float32Array.from(pairs), [count, 4]);
      const [q0, q1] = [tf.slice(all, [0, 0], [count, 2]), tf.slice(all, [0, 2], [count, 2])] as [tf.Tensor2D, tf.Tensor2D];
      const { d1, d2 } = discreteLagrangianGradients(doublePendulumJet, q0, q1, dt);
      // Velocities up to 120/Δt make momenta ~200; float32 keeps ~1e-5 of them after the steps
      // above, and the float64 differences are good to ~1e-8 relative.
      assertAllClose(d1, expected.d1, { rtol: 1e-4, atol: 5e-3, label: 'D₁L_d' });
      assertAllClose(d2, expected.d2, { rtol: 1e-4, atol: 5e-3, label: 'D₂L_d' });
      const values = discreteLagrangian(doublePendulumJet, q0, q1, dt);
      assertAllClose(values, Array.from({ length: count }, (_, s) => ld([pairs[4 * s]!, pairs[4 * s + 1]!], [pairs[4 * s + 2]!, pairs[4 * s + 3]!])), { rtol: 1e-5, atol: 1e-3, label: 'L_d' });
    });
  });

  it('refuses wrong shapes and steps, naming the argument', () => {
    tf.tidy(() => {
      const q = tf.zeros([4, 2]) as tf.Tensor2D;
      expect(() => discreteEulerLagrangeResidual(doublePendulumJet, q, q, tf.zeros([3, 2]) as tf.Tensor2D, 0.1)).toThrow(/q2 has 3 rows, the other positions 4/);
      expect(() => discreteLagrangianGradients(doublePendulumJet, q, tf.zeros([4, 1]) as tf.Tensor2D, 0.1)).toThrow(/q1 must have shape \[batch, 2\], received \[4, 1\]/);
      expect(() => discreteLagrangian(doublePendulumJet, q, q, 0)).toThrow(/dt must be a positive finite number, received 0/);
      expect(() => discreteEulerLagrangeStep(doublePendulumJet, q, q, 0.1, { newtonSteps: 0 })).toThrow(/newtonSteps must be a positive integer, received 0/);
    });
  });
});

describe('discreteEulerLagrangeStep', () => {
  it("is one Newton step whose matrix equals the central-difference Jacobian of D₁L_d (double pendulum, float64 reference)", () => {
    // The Newton matrix ∂D₁L_d(q, q₊)/∂q₊ is not symmetric (the ½(H_qv − H_vq) part carries the
    // velocity coupling); an error in it changes the first iterate, which is what is compared.
    const dt = 0.05;
    const data = variationalPositions(dp, starts(dp, 6, 5, 4), dt, 3);
    const d = 2;
    const d1 = (a: number[], b: number[]) => {
      const [gq, gv] = [new Float64Array(2), new Float64Array(2)];
      dp.lagrangianGradient(a.map((x, i) => (x + b[i]!) / 2), a.map((x, i) => (b[i]! - x) / dt), gq, gv);
      return [0, 1].map((i) => (dt / 2) * gq[i]! - gv[i]!);
    };
    const d2 = (a: number[], b: number[]) => {
      const [gq, gv] = [new Float64Array(2), new Float64Array(2)];
      dp.lagrangianGradient(a.map((x, i) => (x + b[i]!) / 2), a.map((x, i) => (b[i]! - x) / dt), gq, gv);
      return [0, 1].map((i) => (dt / 2) * gq[i]! + gv[i]!);
    };
    const expected: number[] = [];
    const [first, second] = [[], []] as [number[], number[]];
    for (let t = 0; t < data.trajectories; t++) {
      const at = (k: number) => [0, 1].map((i) => Math.fround(data.positions[(t * 3 + k) * d + i] as number));
      const [a, b] = [at(0), at(1)];
      first.push(...a);
      second.push(...b);
      const guess = b.map((x, i) => 2 * x - a[i]!);
      const p = d2(a, b);
      const g = d1(b, guess).map((x, i) => x + p[i]!);
      const e = 1e-6;
      const column = (j: number) => {
        const [plus, minus] = [guess.map((x, i) => (i === j ? x + e : x)), guess.map((x, i) => (i === j ? x - e : x))];
        return d1(b, plus).map((x, i) => (x - d1(b, minus)[i]!) / (2 * e));
      };
      const [c0, c1] = [column(0), column(1)];
      const det = c0[0]! * c1[1]! - c1[0]! * c0[1]!;
      const step = [(c1[1]! * g[0]! - c1[0]! * g[1]!) / det, (-c0[1]! * g[0]! + c0[0]! * g[1]!) / det];
      expected.push(...guess.map((x, i) => x - step[i]!));
    }
    tf.tidy(() => {
      const q2 = discreteEulerLagrangeStep(doublePendulumJet, tf.tensor2d(first, [data.trajectories, 2]), tf.tensor2d(second, [data.trajectories, 2]), dt);
      // Positions ~3 in float32 (ε₃₂·3 ≈ 4e-7) and a Newton correction ~Δt²|q̈| ≈ 0.1 computed to
      // ~1e-5 relative: 2e-6 absolute.
      assertAllClose(q2, expected, { rtol: 0, atol: 2e-6, label: 'one Newton step' });
      // Converged, it reproduces the variational integrator's own next position.
      const converged = discreteEulerLagrangeStep(doublePendulumJet, tf.tensor2d(first, [data.trajectories, 2]), tf.tensor2d(second, [data.trajectories, 2]), dt, { newtonSteps: 4 });
      const truth = Array.from({ length: data.trajectories }, (_, t) => [0, 1].map((i) => data.positions[(t * 3 + 2) * d + i] as number)).flat();
      assertAllClose(converged, truth, { rtol: 0, atol: 4e-6, label: 'converged step' });
    });
  });

  it('throws a LinalgError for a constant Lagrangian (singular Newton matrix), never NaN', () => {
    const constant: Lagrangian = { dof: 1, jet: (x) => jets.add(jets.scale(jets.slice(x, 0, 1), 0), 1) };
    tf.tidy(() => {
      const q = tf.tensor2d([[0.1], [0.2]]);
      expect(() => discreteEulerLagrangeStep(constant, q, tf.add(q, 0.1) as tf.Tensor2D, 0.1)).toThrow(LinalgError);
    });
  });
});
