import type * as tf from '@tensorflow/tfjs-core';
import { jets, type Jet } from '@lnn/autodiff';
import { eulerLagrange } from './euler-lagrange';
import type { Lagrangian } from './lagrangian';
import type { PositionModel } from './position-loss';

/** Parameters of {@link trueDoublePendulum} (those of `@lnn/systems`' `doublePendulum`). */
export interface TrueDoublePendulumParameters {
  /** @default 1 */ readonly m1?: number;
  /** @default 1 */ readonly m2?: number;
  /** @default 1 */ readonly l1?: number;
  /** @default 1 */ readonly l2?: number;
  /** @default 9.8 */ readonly g?: number;
}

/**
 * The double pendulum's own Lagrangian (`@lnn/systems`' `doublePendulum`, q = (θ₁, θ₂) from the
 * downward vertical) as a model, `kind: 'true-double-pendulum'`: accelerations by the
 * Euler–Lagrange solve, no variables. The reference beside learned models — e.g. the floor of a
 * position loss (`evaluatePositions`): what the discretisation and the noise leave for a perfect L.
 *
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { evaluatePositions, trueDoublePendulum } from '@lnn/lagrangian';
 * import * as tf from '@tensorflow/tfjs-core';
 * await initBackend();
 * const truth = trueDoublePendulum(); // m = l = 1, g = 9.8
 * const qdd = truth.accelerations(tf.tensor2d([[0.3, -0.2]]), tf.tensor2d([[1, 0.5]]));
 * console.log(qdd.arraySync()); // ≈ [[−6.54, 8.16]], as @lnn/systems' doublePendulum
 * // Resting still at the bottom: the fourth-order position loss is 0 (one window of five positions).
 * console.log(evaluatePositions(truth, { positions: new Array(10).fill(0), trajectories: 1, dt: 0.05 }, { method: 'discrete-euler-lagrange' }));
 */
export function trueDoublePendulum(parameters: TrueDoublePendulumParameters = {}): PositionModel {
  const { m1 = 1, m2 = 1, l1 = 1, l2 = 1, g = 9.8 } = parameters;
  for (const [name, value] of Object.entries({ m1, m2, l1, l2, g })) {
    if (typeof value !== 'number' || !Number.isFinite(value) || !(value > 0 || (name === 'g' && value === 0))) {
      throw new TypeError(`trueDoublePendulum: ${name} must be a finite number > 0${name === 'g' ? ' (or 0)' : ''}, received ${String(value)}.`);
    }
  }
  const lagrangian: Lagrangian = {
    dof: 2,
    jet: (x) => {
      const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => jets.slice(x, i, 1)) as [Jet, Jet, Jet, Jet];
      const kinetic = jets.add(
        jets.add(jets.scale(jets.square(w1), 0.5 * (m1 + m2) * l1 * l1), jets.scale(jets.square(w2), 0.5 * m2 * l2 * l2)),
        jets.scale(jets.mul(jets.mul(w1, w2), jets.cos(jets.sub(t1, t2))), m2 * l1 * l2),
      );
      return jets.add(kinetic, jets.add(jets.scale(jets.cos(t1), (m1 + m2) * g * l1), jets.scale(jets.cos(t2), m2 * g * l2)));
    },
  };
  return {
    kind: 'true-double-pendulum',
    dof: 2,
    extraDim: 0,
    variables: [],
    config: { m1, m2, l1, l2, g },
    lagrangian,
    accelerations: (q: tf.Tensor2D, qdot: tf.Tensor2D) => eulerLagrange(lagrangian, q, qdot),
    dispose: () => undefined,
  };
}
