import * as tf from '@tensorflow/tfjs-core';
import type { DynamicsModel } from './dynamics-model';
import { solve } from '@lnn/autodiff';
import { predictSecondDifference, solveOrNaN } from './discrete-step';
import { lagrangianGradientAndHessian } from './internal/lagrangian-gradient';
import type { Lagrangian } from './lagrangian';
import { richardsonFromSteps } from './richardson-residual';
import { indefiniteness, type DefinitenessSign } from './definiteness';
import { lossOf } from './trainer';

/** The two ways of learning from positions. */
export type PositionMethod = 'discrete-euler-lagrange' | 'trajectory';

/** A model trained from positions: any dynamics model; the discrete Euler–Lagrange method also needs its Lagrangian. */
export type PositionModel = DynamicsModel & { readonly lagrangian?: Lagrangian };

/** What a position loss depends on besides the model and the batch (defaults resolved). */
export interface PositionLossSettings {
  readonly method: PositionMethod;
  readonly dt: number;
  readonly loss: 'l1' | 'mse';
  readonly lossCap: number | undefined;
  /** Weight of the guard on `H_vv`'s definiteness; 0: none. */
  readonly definiteness: number;
  /** The sign of `H_vv` the guard accepts. */
  readonly definitenessSign: DefinitenessSign;
  readonly newtonSteps: number;
  /** Discrete Euler–Lagrange: 2, the midpoint residual (a Newton step on it); 4, its Richardson extrapolation. */
  readonly order: 2 | 4;
  /** Trajectory method: K, the steps rolled out on each side of a window's centre. */
  readonly window: number;
  readonly substeps: number;
  /** Discrete Euler–Lagrange: at a singular Newton matrix, throw (evaluation) or give a NaN loss (training: the update is skipped). */
  readonly onSingular: 'throw' | 'nan';
}

const columns = (batch: tf.Tensor2D, start: number, width: number) => tf.slice(batch, [0, start], [batch.shape[0], width]) as tf.Tensor2D;

/**
 * Discrete Euler–Lagrange loss on rows `[q, before, target]` (see `tripleTable`): the second
 * difference predicted by a Newton step on the discrete Euler–Lagrange equation, over Δt², against
 * the data's. Invariant to L's scale; a constant L cannot fit (its Newton matrix is singular).
 */
function discreteLoss(lagrangian: Lagrangian, batch: tf.Tensor2D, s: PositionLossSettings): tf.Scalar {
  const d = lagrangian.dof;
  if (s.order === 4) return richardsonLoss(lagrangian, batch, s);
  const { secondDifference, hvv } = predictSecondDifference(lagrangian, columns(batch, 0, d), columns(batch, d, d), s.dt, s.newtonSteps, s.onSingular);
  const fit = lossOf(s.loss, tf.div(secondDifference, s.dt * s.dt), columns(batch, 2 * d, d), undefined, s.lossCap);
  return s.definiteness > 0 ? tf.add(fit, tf.mul(s.definiteness, indefiniteness(hvv, s.definitenessSign))) : fit;
}

/**
 * Fourth-order discrete Euler–Lagrange loss on rows `[q, q − q₋₁, q₁ − q, q − q₋₂, q₂ − q]` (see
 * `fivePointTable`): `H_vv⁻¹·E₄`, with E₄ the Richardson residual (`richardsonFromSteps`) and H_vv at
 * `(q, q̇)`, q̇ the fourth-order centred difference. Since `E₄ = H_vv (q̈_model − q̈) + O(Δt⁴)` on the
 * data's trajectory, this is the model's acceleration error there: invariant to L's scale and
 * shift, and a constant L cannot fit (H_vv singular: NaN, the update skipped).
 */
function richardsonLoss(lagrangian: Lagrangian, batch: tf.Tensor2D, s: PositionLossSettings): tf.Scalar {
  const d = lagrangian.dof;
  const q = columns(batch, 0, d);
  const [before1, after1, before2, after2] = [1, 2, 3, 4].map((k) => columns(batch, k * d, d)) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
  const residual = richardsonFromSteps(lagrangian, q, { before1, after1, before2, after2 }, s.dt);
  // q̇ = (q₋₂ − 8q₋₁ + 8q₁ − q₂)/(12Δt) = (8(after₁ + before₁) − (after₂ + before₂))/(12Δt)
  const velocity = tf.div(tf.sub(tf.mul(tf.add(after1, before1), 8), tf.add(after2, before2)), 12 * s.dt) as tf.Tensor2D;
  const { hessian } = lagrangianGradientAndHessian(lagrangian, tf.concat([q, velocity], 1) as tf.Tensor2D);
  const rows = q.shape[0];
  const hvv = tf.slice(hessian, [0, d, d], [rows, d, d]) as tf.Tensor3D;
  const error = s.onSingular === 'throw' ? (solve(hvv, residual) as tf.Tensor2D) : solveOrNaN(hvv, residual);
  const fit = lossOf(s.loss, error, tf.zerosLike(error), undefined, s.lossCap);
  return s.definiteness > 0 ? tf.add(fit, tf.mul(s.definiteness, indefiniteness(hvv, s.definitenessSign))) : fit;
}

/**
 * Trajectory loss on rows `[q_c, q̇_c, forward₁…_K, backward₁…_K]` (see `windowTable`): RK4 with
 * the model's accelerations from each window's centre, forward and backward at once (one batch of
 * 2B states, steps ±Δt/substeps), positions compared at every sample of the window. Gradients flow
 * through the integrator.
 */
function trajectoryLoss(model: DynamicsModel, batch: tf.Tensor2D, s: PositionLossSettings): tf.Scalar {
  const d = model.dof;
  const rows = batch.shape[0];
  const q0 = columns(batch, 0, d);
  const start = tf.concat([q0, q0]) as tf.Tensor2D;
  const h = tf.concat([tf.fill([rows, 1], s.dt / s.substeps), tf.fill([rows, 1], -s.dt / s.substeps)]);
  let guard: tf.Scalar | undefined;
  const acceleration = (offset: tf.Tensor, v: tf.Tensor): tf.Tensor => {
    const q = tf.add(start, offset) as tf.Tensor2D;
    if (guard === undefined && s.definiteness > 0 && model.accelerationsAndVelocityHessian !== undefined) {
      const { accelerations, hvv } = model.accelerationsAndVelocityHessian(q, v as tf.Tensor2D);
      guard = indefiniteness(hvv, s.definitenessSign);
      return accelerations;
    }
    return model.accelerations(q, v as tf.Tensor2D);
  };
  let offset: tf.Tensor = tf.zerosLike(start);
  let v: tf.Tensor = tf.concat([columns(batch, d, d), columns(batch, d, d)]);
  const predicted: tf.Tensor[] = [];
  const targets: tf.Tensor[] = [];
  for (let k = 1; k <= s.window; k++) {
    for (let sub = 0; sub < s.substeps; sub++) {
      const half = tf.mul(h, 0.5);
      const a1 = acceleration(offset, v);
      const v2 = tf.add(v, tf.mul(half, a1));
      const a2 = acceleration(tf.add(offset, tf.mul(half, v)), v2);
      const v3 = tf.add(v, tf.mul(half, a2));
      const a3 = acceleration(tf.add(offset, tf.mul(half, v2)), v3);
      const v4 = tf.add(v, tf.mul(h, a3));
      const a4 = acceleration(tf.add(offset, tf.mul(h, v3)), v4);
      const sixth = tf.div(h, 6);
      offset = tf.add(offset, tf.mul(sixth, tf.addN([v, tf.mul(v2, 2), tf.mul(v3, 2), v4])));
      v = tf.add(v, tf.mul(sixth, tf.addN([a1, tf.mul(a2, 2), tf.mul(a3, 2), a4])));
    }
    predicted.push(tf.div(offset, 0.5 * (k * s.dt) ** 2));
    targets.push(tf.concat([columns(batch, (1 + k) * d, d), columns(batch, (1 + s.window + k) * d, d)]));
  }
  const fit = lossOf(s.loss, tf.concat(predicted, 1), tf.concat(targets, 1), undefined, s.lossCap);
  return guard === undefined ? fit : tf.add(fit, tf.mul(s.definiteness, guard));
}

/**
 * The loss of a batch of sample rows, in acceleration units (see `tripleTable`, `windowTable`).
 * Differentiable in the model's variables.
 *
 * @throws {LinalgError} (discrete Euler–Lagrange, `onSingular: 'throw'`) when a Newton matrix is singular.
 */
export function positionLoss(model: PositionModel, batch: tf.Tensor2D, settings: PositionLossSettings): tf.Scalar {
  return tf.tidy(() => {
    if (settings.method === 'trajectory') return trajectoryLoss(model, batch, settings);
    return discreteLoss(model.lagrangian as Lagrangian, batch, settings);
  });
}
