import * as tf from '@tensorflow/tfjs-core';
import { energyBalance, type DissipativeLagrangian, type TrainingData } from '@lnn/lagrangian';
import type { SolveResult } from '@lnn/ode';
import type { MechanicalSystem } from '@lnn/systems';

/**
 * The learned model's energy scale. q̈ is unchanged when L and D are both multiplied by one
 * constant, so a learned D is only defined up to the scale its L was learned at: fitted here as
 * E_model ≈ scale · E_true + offset (least squares over states), with the fit's R². A scale that
 * is not positive (an L that has not learned the energy, e.g. at test scale) leaves the measure
 * below undefined: {@link learnedLoss} then gives NaN, shown as such in the report with the scale.
 */
export interface Gauge {
  readonly scale: number;
  readonly offset: number;
  readonly r2: number;
}

/** Least-squares fit of the model's energy against the true energy over `states`. */
export function fitGauge(system: MechanicalSystem, model: DissipativeLagrangian, states: Pick<TrainingData, 'q' | 'qdot'>): Gauge {
  const d = system.dof;
  const n = states.q.length / d;
  const eModel = tf.tidy(() => model.energy(tf.tensor2d(Float32Array.from(states.q), [n, d]), tf.tensor2d(Float32Array.from(states.qdot), [n, d])));
  const y = Array.from(eModel.dataSync());
  eModel.dispose();
  const q = Float64Array.from(states.q);
  const v = Float64Array.from(states.qdot);
  const x = Array.from({ length: n }, (_, b) => system.energy(q.subarray(b * d, b * d + d), v.subarray(b * d, b * d + d)));
  const mean = (a: number[]) => a.reduce((s, t) => s + t, 0) / a.length;
  const [mx, my] = [mean(x), mean(y)];
  const sxy = x.reduce((s, xi, i) => s + (xi - mx) * ((y[i] as number) - my), 0);
  const sxx = x.reduce((s, xi) => s + (xi - mx) ** 2, 0);
  const syy = y.reduce((s, yi) => s + (yi - my) ** 2, 0);
  const scale = sxy / sxx;
  return { scale, offset: my - scale * mx, r2: (sxy * sxy) / (sxx * syy) };
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
