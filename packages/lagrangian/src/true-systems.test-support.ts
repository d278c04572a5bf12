import * as tf from '@tensorflow/tfjs-core';
import { dampedDoublePendulum, drivenPendulum } from '@lnn/systems';
import { knownDissipation } from './dissipation';
import type { Lagrangian } from './lagrangian';

// The ground truths of @lnn/systems written in tfjs, for the tests of DissipativeLagrangian.

const column = (x: tf.Tensor2D, i: number) => tf.reshape(tf.slice(x, [0, i], [-1, 1]), [-1]) as tf.Tensor1D;

/** The damped double pendulum's L (x = [θ₁, θ₂, θ̇₁, θ̇₂]) and D = ½(b₁θ̇₁² + b₂(θ̇₂ − θ̇₁)²), parameters from `dampedDoublePendulum`. */
export function trueDampedDoublePendulum(parameters: Parameters<typeof dampedDoublePendulum>[0] = {}) {
  const system = dampedDoublePendulum(parameters);
  const { m1, m2, l1, l2, g, b1, b2 } = system.parameters as Record<'m1' | 'm2' | 'l1' | 'l2' | 'g' | 'b1' | 'b2', number>;
  const lagrangian: Lagrangian = {
    dof: 2,
    tensor: (x) => {
      const [t1, t2, w1, w2] = [0, 1, 2, 3].map((i) => column(x, i)) as [tf.Tensor1D, tf.Tensor1D, tf.Tensor1D, tf.Tensor1D];
      const kinetic = tf.addN([tf.mul(0.5 * (m1 + m2) * l1 * l1, tf.square(w1)), tf.mul(0.5 * m2 * l2 * l2, tf.square(w2)), tf.mul(m2 * l1 * l2, tf.mul(tf.mul(w1, w2), tf.cos(tf.sub(t1, t2))))]);
      const potential = tf.add(tf.mul(-(m1 + m2) * g * l1, tf.cos(t1)), tf.mul(-m2 * g * l2, tf.cos(t2)));
      return tf.sub(kinetic, potential) as tf.Tensor1D;
    },
  };
  const dissipation = knownDissipation(2, (_q, v) => {
    const [w1, w2] = [column(v, 0), column(v, 1)];
    return tf.mul(0.5, tf.add(tf.mul(b1, tf.square(w1)), tf.mul(b2, tf.square(tf.sub(w2, w1))))) as tf.Tensor1D;
  });
  return { system, lagrangian, dissipation };
}

/** The driven pendulum's L = ½ml²θ̇² + mgl cos θ and D = ½bθ̇² (Q = u: an InputForce with matrix [1]). */
export function trueDrivenPendulum(parameters: Parameters<typeof drivenPendulum>[0] = {}) {
  const system = drivenPendulum(parameters);
  const { m, l, g, b } = system.parameters as Record<'m' | 'l' | 'g' | 'b', number>;
  const lagrangian: Lagrangian = {
    dof: 1,
    tensor: (x) => tf.add(tf.mul(0.5 * m * l * l, tf.square(column(x, 1))), tf.mul(m * g * l, tf.cos(column(x, 0)))) as tf.Tensor1D,
  };
  const dissipation = knownDissipation(1, (_q, v) => tf.mul(0.5 * b, tf.square(column(v, 0))) as tf.Tensor1D);
  return { system, lagrangian, dissipation };
}
