import * as tf from '@tensorflow/tfjs-core';
import type { GraphLagrangian } from '@lnn/graph-lagrangian';
import { splitStates } from '@lnn/systems';

/** The model's own energy of `[R, 2n]` states. */
export function learnedEnergies(model: GraphLagrangian, states: Float64Array): Float64Array {
  const n = model.dof;
  const rows = states.length / (2 * n);
  const { q, qdot } = splitStates(states, n);
  const out = tf.tidy(() => model.energy(tf.tensor2d(Float32Array.from(q), [rows, n]), tf.tensor2d(Float32Array.from(qdot), [rows, n])));
  const values = Float64Array.from(out.dataSync());
  out.dispose();
  return values;
}

/**
 * The float32 resolution of the learned energy at a state: the spread of the energies of its n
 * rotations around the ring (equal in exact arithmetic — a rotation is a symmetry of the ring).
 */
export function energyResolution(model: GraphLagrangian, state: Float64Array): number {
  const n = model.dof;
  const rotations = new Float64Array(n * 2 * n);
  for (let r = 0; r < n; r++) for (let i = 0; i < n; i++) {
    rotations[r * 2 * n + i] = state[(i + r) % n] as number;
    rotations[r * 2 * n + n + i] = state[n + ((i + r) % n)] as number;
  }
  const e = learnedEnergies(model, rotations);
  return Math.max(...e) - Math.min(...e);
}
