import type * as tf from '@tensorflow/tfjs-core';
import { jets, type Jet } from '@lnn/autodiff';
import { eulerLagrange, type Lagrangian, type PositionModel } from '@lnn/lagrangian';

/** The double pendulum's own Lagrangian (masses, lengths 1, g = 9.8) as a model: the floor of a position loss. */
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
