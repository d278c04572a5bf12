import { existsSync } from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { jets } from '@lnn/autodiff';
import { DissipativeLagrangian, MlpLagrangian, loadModel, type Lagrangian, type TrainingData } from '@lnn/lagrangian';

/** Experiment 1's trained LNN: `<out>/models/double-pendulum/lnn`, beside this experiment's `<out>/models/damped-transfer`. */
export function doublePendulumModelDir(modelDir: string): string {
  return path.join(path.dirname(modelDir), 'double-pendulum', 'lnn');
}

/** Loads experiment 1's LNN (an {@link MlpLagrangian}); a clear error when it is missing or of another kind. */
export function loadDoublePendulumLnn(modelDir: string): MlpLagrangian {
  const dir = doublePendulumModelDir(modelDir);
  if (!existsSync(dir)) throw new Error(`damped-transfer: experiment 1's LNN was not found at ${dir}; run the double-pendulum experiment into the same --out first (--only adds it).`);
  const model = loadModel(dir);
  if (!(model instanceof MlpLagrangian) || model.dof !== 2 || model.extraDim !== 0) {
    model.dispose();
    throw new Error(`damped-transfer: ${dir} holds a ${model.kind} of dof ${model.dof} with ${model.extraDim} extra inputs; expected experiment 1's MLP Lagrangian of dof 2 without extra inputs.`);
  }
  return model;
}

/** −L: the same Euler–Lagrange dynamics (q̈ is unchanged by L → cL, c ≠ 0), the opposite H_vv. */
export function negated(lagrangian: Lagrangian): Lagrangian {
  if ('jet' in lagrangian) {
    const jet = lagrangian.jet;
    return { dof: lagrangian.dof, jet: (x, extra) => jets.neg(jet(x, extra)) };
  }
  const tensor = lagrangian.tensor;
  return { dof: lagrangian.dof, tensor: (x, extra) => tf.neg(tensor(x, extra)) };
}

/** How a Lagrangian's H_vv = ∂²L/∂q̇² is signed over a set of states (2 × 2: the signs of its trace and determinant). */
export interface Definiteness {
  /** Share of the states where H_vv is positive definite (det > 0, trace > 0). */
  readonly positive: number;
  /** Share where it is negative definite (det > 0, trace < 0). */
  readonly negative: number;
  /** The sign to use so that D ≥ 0 can carry the damping: +1 (L) unless more states are negative definite (then −L). */
  readonly sign: 1 | -1;
}

/** The definiteness of L's H_vv over `states` (d = 2). */
export function definiteness(lagrangian: Lagrangian, states: Pick<TrainingData, 'q' | 'qdot'>): Definiteness {
  if (lagrangian.dof !== 2) throw new TypeError(`definiteness: the Lagrangian must have dof 2 (the double pendulum), received dof ${lagrangian.dof}.`);
  const n = states.q.length / 2;
  if (!Number.isInteger(n) || n < 1 || states.qdot.length !== states.q.length) throw new TypeError(`definiteness: states must hold q and q̇ of equal length 2n, n ≥ 1, received ${states.q.length} and ${states.qdot.length} numbers.`);
  const model = new DissipativeLagrangian({ dof: 2, lagrangian: 'known' }, { lagrangian });
  const hvv = tf.tidy(() => model.accelerationsAndVelocityHessian(tf.tensor2d(Float32Array.from(states.q), [n, 2]), tf.tensor2d(Float32Array.from(states.qdot), [n, 2])).hvv);
  const h = hvv.dataSync();
  hvv.dispose();
  model.dispose();
  let [positive, negative] = [0, 0];
  for (let b = 0; b < n; b++) {
    const [a, c, d] = [h[4 * b] as number, h[4 * b + 1] as number, h[4 * b + 3] as number];
    if (!(a * d - c * c > 0)) continue; // indefinite, singular or not finite
    if (a + d > 0) positive++;
    else negative++;
  }
  return { positive: positive / n, negative: negative / n, sign: negative > positive ? -1 : 1 };
}
