import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel } from '@lnn/lagrangian';
import { relativisticEnergy } from '@lnn/systems';

/** Learned-energy drift along a rollout: max |E(t) − E(0)| / max(|E(0)|, 1), per trajectory, worst one. */
export function ownEnergyDrift(model: DynamicsModel, states: Float64Array, T: number, B: number, extra: Float64Array): number | null {
  if (model.energy === undefined) return null;
  const e = tf.tidy(() => {
    const s = tf.tensor2d(Float32Array.from(states), [T * B, 2]);
    const g = tf.tensor2d(Float32Array.from({ length: T * B }, (_, i) => extra[i % B] as number), [T * B, 1]);
    return (model.energy as NonNullable<DynamicsModel['energy']>)(tf.slice(s, [0, 0], [-1, 1]) as tf.Tensor2D, tf.slice(s, [0, 1], [-1, 1]) as tf.Tensor2D, g);
  });
  const values = e.dataSync();
  e.dispose();
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const e0 = values[b] as number;
    for (let t = 0; t < T; t++) worst = Math.max(worst, Math.abs((values[t * B + b] as number) - e0) / Math.max(Math.abs(e0), 1));
  }
  return worst;
}

/** Drift of the true energy along a rollout (NaN once |q̇| ≥ 1, where it is not defined). */
export function trueEnergyDrift(states: Float64Array, T: number, B: number, extra: Float64Array): number {
  let worst = 0;
  for (let b = 0; b < B; b++) {
    const g = extra[b] as number;
    const e0 = relativisticEnergy(states[2 * b] as number, states[2 * b + 1] as number, g);
    for (let t = 0; t < T; t++) {
      const [q, v] = [states[(t * B + b) * 2] as number, states[(t * B + b) * 2 + 1] as number];
      if (!(Math.abs(v) < 1)) return Number.NaN;
      worst = Math.max(worst, Math.abs(relativisticEnergy(q, v, g) - e0) / Math.max(Math.abs(e0), 1));
    }
  }
  return worst;
}
