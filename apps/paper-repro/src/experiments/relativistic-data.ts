import type * as tf from '@tensorflow/tfjs-core';
import { jets } from '@lnn/autodiff';
import type { Lagrangian, TrainingData } from '@lnn/lagrangian';
import { relativisticDataset, splitStates } from '@lnn/systems';

/** The paper's relativistic-particle data: (q, q̇) with each sample's field g as the extra input. */
export function relativisticData(count: number, seed: number): TrainingData & { extra: Float64Array } {
  const ds = relativisticDataset({ count, seed });
  return { ...splitStates(ds.arrays.states?.data as Float64Array, 1), qdd: ds.arrays.accelerations?.data as Float64Array, extra: ds.arrays.g?.data as Float64Array };
}

/**
 * The true Lagrangian `(1 − q̇²)^(−1/2) + g q` (c = m = 1, g from the extra input) as a jet: the
 * canonical HNN's momentum map `p = ∂L/∂q̇`.
 */
export const relativisticLagrangian: Lagrangian = {
  dof: 1,
  jet: (x, extra) => {
    const [q, v] = [jets.slice(x, 0, 1), jets.slice(x, 1, 1)];
    return jets.add(jets.pow(jets.add(jets.neg(jets.square(v)), 1), -0.5), jets.scale(q, extra as tf.Tensor2D));
  },
};
