import type * as tf from '@tensorflow/tfjs-core';
import { jets } from '@lnn/autodiff';
import type { Lagrangian, TrainingData } from '@lnn/lagrangian';
import { accelerationDataset, harmonicOscillator, splitStates } from '@lnn/systems';

/** The harmonic oscillator `q̈ = −q` (m = k = 1) at states uniform in [−1, 1]². */
export function oscillatorData(count: number, seed: number): TrainingData {
  const ho = harmonicOscillator();
  const ds = accelerationDataset(ho, {
    count,
    seed,
    sample: (rng, q, v) => {
      q[0] = rng.uniform(-1, 1);
      v[0] = rng.uniform(-1, 1);
    },
  });
  return { ...splitStates(ds.arrays.states!.data, 1), qdd: ds.arrays.accelerations!.data };
}

/** The oscillator's true Lagrangian `½q̇² − ½q²`, as a jet (its ∂L/∂q̇ = q̇ is the canonical momentum). */
export const oscillatorLagrangian: Lagrangian = {
  dof: 1,
  jet: (x) => jets.scale(jets.sub(jets.square(jets.slice(x, 1, 1)), jets.square(jets.slice(x, 0, 1))), 0.5),
};

/** `(1 − q̇²)^(−1/2) + g q` (c = m = 1), g per sample: its ∂L/∂q̇ = γq̇ is the canonical momentum. */
export const relativisticLagrangian: Lagrangian = {
  dof: 1,
  jet: (x, extra) => {
    const [q, v] = [jets.slice(x, 0, 1), jets.slice(x, 1, 1)];
    return jets.add(jets.pow(jets.add(jets.neg(jets.square(v)), 1), -0.5), jets.scale(q, extra as tf.Tensor2D));
  },
};
