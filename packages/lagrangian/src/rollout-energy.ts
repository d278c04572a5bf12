import * as tf from '@tensorflow/tfjs-core';
import type { SolveResult } from '@lnn/ode';
import type { DynamicsModel } from './dynamics-model';

/**
 * A model's own energy at every output of a rollout: `[T, B]` (time-major, as the result's
 * states), NaN where a trajectory had stopped. The model must define `energy` (an LNN's is
 * `q̇·∇_q̇L − L`); the batch is evaluated in one call per output time.
 *
 * @param extra - the rollout's per-trajectory extra inputs `[B, p]`, for models that take them.
 * @example
 * import { initBackend } from '@lnn/autodiff';
 * import { MlpLagrangian, rollout, rolloutEnergies } from '@lnn/lagrangian';
 * import { dopri5 } from '@lnn/ode';
 * await initBackend();
 * const model = new MlpLagrangian({ dof: 1, hidden: [16, 16] });
 * const [B, T] = [2, 3];
 * const y0 = [0.5, 0, 1, 0]; // B trajectories, [q, q̇] each
 * const r = rollout(model, y0, [0, 0.05, 0.1], dopri5());
 * const e = rolloutEnergies(model, r); // e[t * B + b]
 * const drift = Math.abs(e[(T - 1) * B] - e[0]) / Math.abs(e[0]);
 * console.log(drift); // small: the rollout conserves the model's own energy
 */
export function rolloutEnergies(model: DynamicsModel, result: SolveResult, extra?: ArrayLike<number>): Float64Array {
  const energy = model.energy?.bind(model);
  if (energy === undefined) throw new TypeError(`rolloutEnergies: a '${model.kind}' defines no energy of its own.`);
  const d = model.dof;
  const { batch, dim, times } = result;
  if (dim !== 2 * d) throw new TypeError(`rolloutEnergies: the rollout's states have ${dim} components, a model of ${d} coordinates needs ${2 * d}.`);
  const p = model.extraDim;
  if (p > 0 && extra?.length !== batch * p) throw new TypeError(`rolloutEnergies: extra must hold ${batch}·${p} numbers for this model, received ${extra?.length}.`);
  const out = new Float64Array(times.length * batch).fill(Number.NaN);
  for (let t = 0; t < times.length; t++) {
    const rows = Array.from({ length: batch }, (_, b) => b).filter((b) => Number.isFinite(result.states[(t * batch + b) * dim] as number));
    if (rows.length === 0) continue;
    const q = new Float32Array(rows.length * d);
    const v = new Float32Array(rows.length * d);
    const e = new Float32Array(rows.length * p);
    rows.forEach((b, i) => {
      const o = (t * batch + b) * dim;
      q.set(result.states.subarray(o, o + d), i * d);
      v.set(result.states.subarray(o + d, o + dim), i * d);
      if (p > 0) for (let k = 0; k < p; k++) e[i * p + k] = (extra as ArrayLike<number>)[b * p + k] as number;
    });
    const values = tf.tidy(() => energy(tf.tensor2d(q, [rows.length, d]), tf.tensor2d(v, [rows.length, d]), p > 0 ? tf.tensor2d(e, [rows.length, p]) : undefined));
    const host = values.dataSync();
    values.dispose();
    rows.forEach((b, i) => (out[t * batch + b] = host[i] as number));
  }
  return out;
}
