import * as tf from '@tensorflow/tfjs-core';
import { energyBalance, type DissipativeLagrangian, type TrainingData } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';
import type { MechanicalSystem } from '@lnn/systems';

/**
 * The learned model's energy scale. q̈ is unchanged when L and D are both multiplied by one
 * constant, so a learned D is only defined up to the scale its L was learned at: fitted here on
 * the mass matrix, H_vv,model ≈ scale · H_vv,true (least squares over the states' matrix entries),
 * with the fit's R² (1 − residual / spread of the model's entries). The mass matrix, not the
 * energy: the energy also carries the learned potential, whose errors are not the scale's. A scale
 * that is not positive leaves the measure below undefined: {@link learnedLoss} then gives NaN,
 * shown as such in the report with the scale.
 */
export interface Gauge {
  readonly scale: number;
  readonly r2: number;
}

/** Least-squares fit of the model's mass matrix H_vv against the true one over `states`. */
export function fitGauge(system: MechanicalSystem, model: DissipativeLagrangian, states: Pick<TrainingData, 'q' | 'qdot'>): Gauge {
  const d = system.dof;
  const n = states.q.length / d;
  const hvv = tf.tidy(() => model.accelerationsAndVelocityHessian(tf.tensor2d(Float32Array.from(states.q), [n, d]), tf.tensor2d(Float32Array.from(states.qdot), [n, d])).hvv);
  const y = Array.from(hvv.dataSync());
  hvv.dispose();
  const q = Float64Array.from(states.q);
  const v = Float64Array.from(states.qdot);
  const [hqq, hqv, h] = [new Float64Array(d * d), new Float64Array(d * d), new Float64Array(d * d)];
  const x: number[] = [];
  for (let b = 0; b < n; b++) {
    system.lagrangianHessian(q.subarray(b * d, b * d + d), v.subarray(b * d, b * d + d), hqq, hqv, h);
    x.push(...h);
  }
  const sxy = x.reduce((s, xi, i) => s + xi * (y[i] as number), 0);
  const sxx = x.reduce((s, xi) => s + xi * xi, 0);
  const scale = sxy / sxx;
  const my = y.reduce((s, t) => s + t, 0) / y.length;
  const residual = y.reduce((s, yi, i) => s + (yi - scale * (x[i] as number)) ** 2, 0);
  const spread = y.reduce((s, yi) => s + (yi - my) ** 2, 0);
  return { scale, r2: 1 - residual / spread };
}

/**
 * The energy the learned D dissipates along the TRUE motion (no divergence of a learned rollout):
 * −∫₀ᵗ power dt of the model at the true states, divided by the gauge's scale (true-energy units), `[T][B]`.
 */
export function learnedLoss(system: MechanicalSystem, model: DissipativeLagrangian, truth: SolveResult, states: Pick<TrainingData, 'q' | 'qdot'>): { loss: number[][]; gauge: Gauge } {
  const gauge = fitGauge(system, model, states);
  const { work } = energyBalance(model, truth);
  const loss = Array.from(truth.times, (_, t) => Array.from({ length: truth.batch }, (_, b) => (gauge.scale > 0 ? -(work[t * truth.batch + b] as number) / gauge.scale : Number.NaN)));
  return { loss, gauge };
}

/** Per initial state: max_t |loss(t) − (E_true(0) − E_true(t))| / (E_true(0) − E_true(T)), the cumulative energy lost against the true one. */
export function lossError(loss: number[][], truth: number[][]): number[] {
  const last = truth.length - 1;
  return (truth[0] ?? []).map((e0, b) => {
    const drop = e0 - (truth[last]?.[b] as number);
    return Math.max(...loss.map((row, t) => Math.abs((row[b] as number) - (e0 - (truth[t]?.[b] as number))))) / drop;
  });
}
