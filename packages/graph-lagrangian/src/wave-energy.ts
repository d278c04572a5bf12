import * as tf from '@tensorflow/tfjs-core';
import { rollout, type DynamicsModel, type RolloutOptions } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';

/** Energies along rollouts, `[T, B]` row-major, and their drifts. */
export interface RolloutEnergies {
  readonly rollout: SolveResult;
  /** The model's own energy at each output time. */
  readonly learned: Float64Array;
  /** The true system's energy at the same (predicted) states. */
  readonly truth: Float64Array;
  /**
   * Per trajectory, max over the times it reached of |E(t) − E(0)| / |E(0)|, for the learned and
   * the true energy (a trajectory that stopped early is reported in `rollout.status`).
   */
  readonly learnedDrift: Float64Array;
  readonly truthDrift: Float64Array;
}

/**
 * Rolls a learned graph model out from states `y0` (`[B, 2n]`) with @lnn/lagrangian's `rollout`
 * and evaluates, at every output time, its own energy and the true system's (e.g. `wave1d`'s
 * `energy`) on the predicted states — a learned Lagrangian conserves the first by construction;
 * the second shows how close the learned dynamics are.
 *
 * @example
 * const r = rolloutEnergies(model, wave, y0, times, { method: 'rk4', dt: 0.01 });
 * r.learnedDrift; r.truthDrift;
 */
export function rolloutEnergies(
  model: DynamicsModel & { energy(q: tf.Tensor2D, qdot: tf.Tensor2D): tf.Tensor1D },
  system: { energy(q: ArrayLike<number>, v: ArrayLike<number>): number },
  y0: ArrayLike<number>,
  times: ArrayLike<number>,
  options: RolloutOptions = {},
): RolloutEnergies {
  const result = rollout(model, y0, times, options);
  const { batch, dim } = result;
  const n = dim / 2;
  const count = result.times.length * batch;
  const truth = new Float64Array(count);
  const q = new Float32Array(count * n);
  const v = new Float32Array(count * n);
  for (let r = 0; r < count; r++) {
    const state = result.states.subarray(r * dim, (r + 1) * dim);
    truth[r] = system.energy(state.subarray(0, n), state.subarray(n));
    q.set(state.subarray(0, n), r * n);
    v.set(state.subarray(n), r * n);
  }
  const energies = tf.tidy(() => model.energy(tf.tensor2d(q, [count, n]), tf.tensor2d(v, [count, n])));
  const learned = Float64Array.from(energies.dataSync());
  energies.dispose();
  const drift = (e: Float64Array) =>
    Float64Array.from({ length: batch }, (_, b) => {
      let worst = 0;
      for (let t = 0; t < result.reached[b]!; t++) worst = Math.max(worst, Math.abs(e[t * batch + b]! - e[b]!));
      return worst / Math.abs(e[b]!);
    });
  return { rollout: result, learned, truth, learnedDrift: drift(learned), truthDrift: drift(truth) };
}
