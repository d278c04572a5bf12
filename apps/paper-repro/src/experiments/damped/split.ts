import * as tf from '@tensorflow/tfjs-core';
import { solve } from '@lnn/autodiff';
import type { DissipativeLagrangian, DynamicsModel } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';
import { dampedDoublePendulum, type DampedDoublePendulum } from '@lnn/systems';

/**
 * A model's q̈ along given states against the truth's, split into the part the dissipation makes,
 * `−H_vv⁻¹∇_q̇D` (true: `q̈ − q̈` of the same system without friction), and the rest. Both parts are
 * unchanged by (L, D) → (cL, cD): unlike the learned D itself, they need no gauge c. Each a
 * relative L1 error over every state and component: Σ|model − true| / Σ|true|.
 */
export interface AccelerationSplit {
  /** Σ|q̈ − q̈_true| / Σ|q̈_true|. */
  readonly total: number;
  /** Σ|a_D − a_D,true| / Σ|a_D,true|, a_D = −H_vv⁻¹∇_q̇D (a model without D: a_D = 0, 100 %). */
  readonly dissipative: number;
  /** Σ|(q̈ − a_D) − (q̈ − a_D)_true| / Σ|(q̈ − a_D)_true|. */
  readonly conservative: number;
  /** Σ|a_D,true| / Σ|q̈_true|: how much of q̈ the friction makes along these states. */
  readonly dissipativeShare: number;
}

/** The finite states of a solve result as `[n, d]` rows of q and q̇. */
function rows(result: SolveResult, d: number): { q: number[]; qdot: number[] } {
  const q: number[] = [];
  const qdot: number[] = [];
  for (let o = 0; o < result.states.length; o += 2 * d) {
    const state = result.states.subarray(o, o + 2 * d);
    if (!state.every(Number.isFinite)) continue;
    q.push(...state.subarray(0, d));
    qdot.push(...state.subarray(d, 2 * d));
  }
  return { q, qdot };
}

/** The split along the states of `truth` (the true motion: no rollout's divergence enters). */
export function accelerationSplit(system: DampedDoublePendulum, model: DynamicsModel, truth: SolveResult): AccelerationSplit {
  const d = system.dof;
  const { q, qdot } = rows(truth, d);
  const n = q.length / d;
  const free = dampedDoublePendulum({ ...system.parameters, b1: 0, b2: 0 });
  const [full, conservative, out] = [new Float64Array(n * d), new Float64Array(n * d), new Float64Array(d)];
  for (let b = 0; b < n; b++) {
    const [qb, vb] = [q.slice(b * d, b * d + d), qdot.slice(b * d, b * d + d)];
    system.acceleration(qb, vb, out);
    full.set(out, b * d);
    free.acceleration(qb, vb, out);
    conservative.set(out, b * d);
  }
  const parts = tf.tidy(() => {
    const [qt, vt] = [tf.tensor2d(q, [n, d]), tf.tensor2d(qdot, [n, d])];
    const dissipation = (model as Partial<DissipativeLagrangian>).dissipation;
    if (dissipation === undefined || model.accelerationsAndVelocityHessian === undefined) return [model.accelerations(qt, vt), tf.zeros([n, d])];
    const { accelerations, hvv } = model.accelerationsAndVelocityHessian(qt, vt);
    return [accelerations, tf.neg(solve(hvv, dissipation.gradient(qt, vt)))];
  });
  const [total, dissipativePart] = parts.map((t) => t.dataSync()) as [Float32Array, Float32Array];
  tf.dispose(parts);
  let [eTotal, sTotal, eD, sD, eC, sC] = [0, 0, 0, 0, 0, 0];
  for (let i = 0; i < n * d; i++) {
    const [a, aD, t, tC] = [total[i] as number, dissipativePart[i] as number, full[i] as number, conservative[i] as number];
    const tD = t - tC;
    eTotal += Math.abs(a - t);
    sTotal += Math.abs(t);
    eD += Math.abs(aD - tD);
    sD += Math.abs(tD);
    eC += Math.abs(a - aD - tC);
    sC += Math.abs(tC);
  }
  return { total: eTotal / sTotal, dissipative: eD / sD, conservative: eC / sC, dissipativeShare: sD / sTotal };
}
