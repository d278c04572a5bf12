/**
 * Test fixtures of training from positions: known Lagrangians written for tfjs, a two-parameter
 * oscillator model, and exact trajectories.
 */
import * as tf from '@tensorflow/tfjs-core';
import { jets, type Jet } from '@lnn/autodiff';
import { dopri5, solve, variational } from '@lnn/ode';
import { createRandom, lagrangianProblem, secondOrderProblem, type MechanicalSystem } from '@lnn/systems';
import type { DynamicsModel } from '../src/dynamics-model';
import { eulerLagrange, eulerLagrangeWithHessian } from '../src/euler-lagrange';
import { MlpLagrangian } from '../src/mlp-lagrangian';
import type { Lagrangian } from '../src/lagrangian';
import type { PositionData } from '../src/position-data';
import type { PositionModel } from '../src/position-loss';

const parts = (x: Jet) => [jets.slice(x, 0, 1), jets.slice(x, 1, 1)] as const;

/** `½ m q̇² − ½ k q²` on the jet path. */
export const oscillatorJet = (m: number, k: number): Lagrangian => ({
  dof: 1,
  jet: (x) => {
    const [q, v] = parts(x);
    return jets.sub(jets.scale(jets.square(v), m / 2), jets.scale(jets.square(q), k / 2));
  },
});

/** `½ m l² θ̇² + m g l cos θ` on the jet path. */
export const pendulumJet = (m: number, l: number, g: number): Lagrangian => ({
  dof: 1,
  jet: (x) => {
    const [q, v] = parts(x);
    return jets.add(jets.scale(jets.square(v), (m * l * l) / 2), jets.scale(jets.cos(q), m * g * l));
  },
});

/** The double pendulum's Lagrangian (masses and lengths 1) on the jet path. */
export const doublePendulumJet = (g: number): Lagrangian => ({
  dof: 2,
  jet: (x) => {
    const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
    const kinetic = jets.add(jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)), jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))));
    return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), 2 * g), jets.scale(jets.cos(t2), g)));
  },
});

/** The same pendulum on plain tensors (the general path). */
export const pendulumTensor = (m: number, l: number, g: number): Lagrangian => ({
  dof: 1,
  tensor: (x) => {
    const [q, v] = tf.split(x, 2, 1) as [tf.Tensor2D, tf.Tensor2D];
    return tf.reshape(tf.add(tf.mul((m * l * l) / 2, tf.square(v)), tf.mul(m * g * l, tf.cos(q))), [-1]) as tf.Tensor1D;
  },
});

/** A model with L = ½ a q̇² − ½ b q² and learnable a, b: its frequency is √(b/a). */
export interface OscillatorModel extends DynamicsModel {
  readonly lagrangian: Lagrangian;
  readonly a: tf.Variable;
  readonly b: tf.Variable;
  omega(): number;
}

export function oscillatorModel(a0: number, b0: number): OscillatorModel {
  const a = tf.variable(tf.scalar(a0), true);
  const b = tf.variable(tf.scalar(b0), true);
  const lagrangian: Lagrangian = {
    dof: 1,
    jet: (x) => {
      const [q, v] = parts(x);
      return jets.sub(jets.scale(jets.square(v), tf.mul(a, 0.5)), jets.scale(jets.square(q), tf.mul(b, 0.5)));
    },
  };
  return {
    kind: 'test-oscillator',
    dof: 1,
    extraDim: 0,
    variables: [a, b],
    config: {},
    lagrangian,
    a,
    b,
    omega: () => Math.sqrt((b.dataSync()[0] as number) / (a.dataSync()[0] as number)),
    // The Euler–Lagrange equation of this L in closed form (a few kernels instead of a solve).
    accelerations: (q) => tf.mul(q, tf.neg(tf.div(b, a))) as tf.Tensor2D,
    dispose: () => tf.dispose([a, b]),
  };
}

/**
 * `count` exact trajectories of `q(t) = A cos(ω t + φ)` (A in [0.5, 1.5], φ in [0, 2π)), `length`
 * samples Δt apart, with Gaussian noise of standard deviation `noise` added.
 */
export function oscillatorPositions(omega: number, dt: number, count: number, length: number, seed: number, noise = 0): PositionData {
  const rng = createRandom(seed);
  const positions = new Float64Array(count * length);
  for (let c = 0; c < count; c++) {
    const amplitude = rng.uniform(0.5, 1.5);
    const phase = rng.uniform(0, 2 * Math.PI);
    for (let k = 0; k < length; k++) positions[c * length + k] = amplitude * Math.cos(omega * k * dt + phase) + noise * rng.normal();
  }
  return { positions, trajectories: count, dt };
}

/** Trajectories of a system's own variational integrator (float64, Newton to 1e-12 relative) from `[B, 2d]` states. */
export function variationalPositions(system: MechanicalSystem, y0: Float64Array, dt: number, length: number): PositionData {
  const d = system.dof;
  const count = y0.length / (2 * d);
  const times = Array.from({ length }, (_, k) => k * dt);
  const r = solve(lagrangianProblem(system), y0, times, variational({ dt }));
  if (!r.ok) throw new Error(`variationalPositions: ${r.message}`);
  const positions = new Float64Array(count * length * d);
  for (let k = 0; k < length; k++) {
    for (let c = 0; c < count; c++) {
      for (let i = 0; i < d; i++) positions[(c * length + k) * d + i] = r.states[(k * count + c) * 2 * d + i] as number;
    }
  }
  return { positions, trajectories: count, dt };
}

/** Exact trajectories (DOPRI5 at rtol = atol, 1e-11 by default) of a system from `[B, 2d]` states, `length` samples Δt apart. */
export function exactPositions(system: MechanicalSystem, y0: Float64Array, dt: number, length: number, atol = 1e-11): PositionData {
  const d = system.dof;
  const count = y0.length / (2 * d);
  const times = Array.from({ length }, (_, k) => k * dt);
  const r = solve(secondOrderProblem(system), y0, times, dopri5({ rtol: atol, atol }));
  if (!r.ok) throw new Error(`exactPositions: ${r.message}`);
  const positions = new Float64Array(count * length * d);
  for (let k = 0; k < length; k++) {
    for (let c = 0; c < count; c++) {
      for (let i = 0; i < d; i++) positions[(c * length + k) * d + i] = r.states[(k * count + c) * 2 * d + i] as number;
    }
  }
  return { positions, trajectories: count, dt };
}

/**
 * The simple pendulum's Lagrangian plus `scale ×` a small MLP's: a well-posed L (H_vv ≈ 1) whose
 * variables are the MLP's, for derivative checks through the jet path.
 */
export function perturbedPendulum(scale: number, seed: number): PositionModel & { readonly lagrangian: Lagrangian } {
  const mlp = new MlpLagrangian({ dof: 1, hidden: [8, 8], seed });
  const pendulum = pendulumJet(1, 1, 9.8) as Extract<Lagrangian, { jet: unknown }>;
  const network = mlp.lagrangian as Extract<Lagrangian, { jet: unknown }>;
  const lagrangian: Lagrangian = { dof: 1, jet: (x) => jets.add(pendulum.jet(x, undefined), jets.scale(network.jet(x, undefined), scale)) };
  return {
    kind: 'perturbed-pendulum',
    dof: 1,
    extraDim: 0,
    variables: mlp.variables,
    config: {},
    lagrangian,
    accelerations: (q, qdot) => eulerLagrange(lagrangian, q, qdot),
    accelerationsAndVelocityHessian: (q, qdot) => eulerLagrangeWithHessian(lagrangian, q, qdot),
    dispose: () => mlp.dispose(),
  };
}
