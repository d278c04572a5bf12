import type * as tf from '@tensorflow/tfjs-core';
import { jets, type Jet } from '@lnn/autodiff';
import { eulerLagrange, type Lagrangian, type PositionData, type PositionModel } from '@lnn/lagrangian';
import { doublePendulum, positionTrajectories } from '@lnn/systems';

/**
 * Positions-only double-pendulum data (`@lnn/systems`' `positionTrajectories`): `count`
 * trajectories of `length` samples Δt apart, from initial states drawn as the paper's training
 * states (angles in [0, 2π), rates in [−10, 10]), integrated by DOPRI5 at 1e-12, with Gaussian
 * noise of standard deviation `noise`.
 */
export function doublePendulumPositions(count: number, length: number, dt: number, seed: number, noise = 0): PositionData {
  const dp = doublePendulum();
  const { observed } = positionTrajectories(dp, { count, dt, steps: length - 1, noise, seed, sample: dp.sampleTrainingState });
  return { positions: observed.arrays.positions!.data, trajectories: count, dt };
}

/** The double pendulum's own Lagrangian (masses and lengths 1, g = 9.8) as a model, for the floor of a position loss. */
export function trueDoublePendulum(): PositionModel {
  const lagrangian: Lagrangian = {
    dof: 2,
    jet: (x) => {
      const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
      const kinetic = jets.add(jets.add(jets.square(w1), jets.scale(jets.square(w2), 0.5)), jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))));
      return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), 2 * 9.8), jets.scale(jets.cos(t2), 9.8)));
    },
  };
  return {
    kind: 'true-double-pendulum',
    dof: 2,
    extraDim: 0,
    variables: [],
    config: {},
    lagrangian,
    accelerations: (q: tf.Tensor2D, qdot: tf.Tensor2D) => eulerLagrange(lagrangian, q, qdot),
    dispose: () => undefined,
  };
}
